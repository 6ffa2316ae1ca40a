//! A small radar of every transition's scores so far, in the live score's card: the whole
//! assessment at a glance while the company answers one transition, with the transition on
//! screen marked. Computed in the browser by the one scoring code
//! ([`scoring::transition_score`]), like the live score, from every answer the runner holds.
//! The results page draws the full chart with the names ([`super::charts::RadarChart`]);
//! this one is too small for them, so its text alternative gives every transition's figures.

use super::model::{Transition, Variant};
use super::scoring::{self, TransitionScore};
use super::view::StoredAnswer;
use crate::ui::island_texts;
use leptos::prelude::*;

island_texts! {
    /// The chart's text alternative: `axis` with `{name}`, `{current}` and `{ambition}`,
    /// `open` with `{name}`.
    pub struct RadarLabels {
        title: LiveRadarTitle,
        axis: LiveRadarAxis,
        open: LiveRadarOpen,
    }
}

/// Every transition's score for `answers` (all of the assessment's).
pub fn scores(
    variant: Variant,
    transitions: &[Transition],
    answers: &[StoredAnswer],
) -> Vec<TransitionScore> {
    transitions
        .iter()
        .map(|t| scoring::transition_score(variant, t, answers))
        .collect()
}

/// The chart's centre, in the units of the results page's chart (`charts`: a 420 square).
const CENTRE: i32 = 210;

/// Where each axis ends (value 100), in whole units, worked out on the server: a point on an
/// axis is then a fraction of the way there, and the browser needs no trigonometry (the sine
/// and cosine code is ~4 KB of the WASM) nor the float printer (whole units suffice for a
/// picture 76 pixels wide).
pub fn corners(count: usize) -> Vec<(i32, i32)> {
    (0..count)
        .map(|i| {
            let (x, y) = super::charts::radar_point(i, count, 100.0);
            (x.round() as i32, y.round() as i32)
        })
        .collect()
}

/// The point for `value` (0-100) on the axis that ends at `corner`.
fn at((x, y): (i32, i32), value: u8) -> (i32, i32) {
    let v = i32::from(value.min(100));
    (
        CENTRE + (x - CENTRE) * v / 100,
        CENTRE + (y - CENTRE) * v / 100,
    )
}

/// SVG `points` through `values` (missing ones at the centre).
fn polygon(corners: &[(i32, i32)], values: &[Option<u8>]) -> String {
    corners
        .iter()
        .zip(values)
        .map(|(c, v)| {
            let (x, y) = at(*c, v.unwrap_or(0));
            format!("{x},{y}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a screen reader hears for the chart: its title, then each transition's figures.
fn description(labels: &RadarLabels, names: &[String], scores: &[TransitionScore]) -> String {
    let axes: Vec<String> = names
        .iter()
        .zip(scores)
        .map(|(name, s)| match (s.current, s.ambition) {
            (Some(current), Some(ambition)) => labels
                .axis
                .replace("{name}", name)
                .replace("{current}", &current.to_string())
                .replace("{ambition}", &ambition.to_string()),
            _ => labels.open.replace("{name}", name),
        })
        .collect();
    format!("{}: {}", labels.title, axes.join("; "))
}

#[component]
pub fn LiveRadar(
    names: Vec<String>,
    /// From [`corners`], one per name.
    corners: Vec<(i32, i32)>,
    scores: Memo<Vec<TransitionScore>>,
    /// The transition on screen, marked on its axis.
    shown: usize,
    labels: RadarLabels,
) -> impl IntoView {
    let corners = StoredValue::new(corners);
    let ring = |value: u8| corners.with_value(|c| polygon(c, &vec![Some(value); c.len()]));
    let shape = move |read: fn(&TransitionScore) -> Option<u8>| {
        move || {
            let values: Vec<Option<u8>> = scores.with(|s| s.iter().map(read).collect());
            corners.with_value(|c| polygon(c, &values))
        }
    };
    let here = corners.with_value(|c| c.get(shown).copied().unwrap_or_default());
    view! {
        // The chart's circle is 300 units wide at the middle of a 420 square (`charts`).
        <svg class="live-radar" viewBox="50 50 320 320" role="img" data-testid="live-radar"
            aria-label=move || scores.with(|s| description(&labels, &names, s))>
            <polygon class="radar-ring" points=ring(100) />
            <polygon class="radar-ring" points=ring(50) />
            {corners.get_value().into_iter().map(|(x, y)| {
                view! { <line class="radar-axis" x1=CENTRE y1=CENTRE x2=x y2=y /> }
            }).collect_view()}
            <polygon class="radar-ambition" points=shape(|s| s.ambition) />
            <polygon class="radar-current" points=shape(|s| s.current) />
            <circle class="live-radar-here" r="11" cx=here.0 cy=here.1 />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn score(current: Option<u8>, ambition: Option<u8>) -> TransitionScore {
        TransitionScore {
            transition_key: "t".into(),
            current,
            ambition,
            gap: None,
            answered: 0,
            not_applicable: 0,
            items: 3,
            priority: None,
        }
    }

    #[test]
    fn the_shape_is_drawn_in_whole_units_from_the_top_clockwise() {
        // The circle's centre is (210, 210), its radius 150.
        let four = corners(4);
        assert_eq!(four, [(210, 60), (360, 210), (210, 360), (60, 210)]);
        assert_eq!(
            polygon(&four, &[Some(100), Some(50), None, Some(100)]),
            "210,60 285,210 210,210 60,210"
        );
    }

    #[test]
    fn the_text_alternative_gives_each_transitions_figures_or_says_it_is_open() {
        let labels = RadarLabels::new(Lang::En);
        let names = ["Strategy".to_string(), "Data".to_string()];
        let text = description(
            &labels,
            &names,
            &[score(Some(25), Some(75)), score(None, None)],
        );
        assert_eq!(
            text,
            "All themes so far: Strategy: current 25, ambition 75; Data: not answered yet"
        );
    }
}
