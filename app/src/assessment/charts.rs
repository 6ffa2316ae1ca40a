//! Charts as SVG, rendered on the server so they show without JavaScript and print sharply.
//! Geometry is computed by plain functions (tested below); the components only draw.

use crate::i18n::{use_lang, Key};
use leptos::prelude::*;

/// One axis of the radar chart: a label and up to two values on 0-100.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarAxis {
    pub label: String,
    pub current: Option<u8>,
    pub ambition: Option<u8>,
    /// The previous assessment's current score, drawn as an overlay to show progress.
    pub previous: Option<u8>,
}

const SIZE: f64 = 420.0;
const CENTER: f64 = SIZE / 2.0;
const RADIUS: f64 = 150.0;

/// The point for `value` (0-100) on axis `index` of `count`, starting at the top, clockwise.
pub fn radar_point(index: usize, count: usize, value: f64) -> (f64, f64) {
    let angle =
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * index as f64 / count.max(1) as f64;
    let r = RADIUS * value.clamp(0.0, 100.0) / 100.0;
    (CENTER + r * angle.cos(), CENTER + r * angle.sin())
}

/// SVG `points` for a polygon through the values; missing values sit at the centre.
pub fn radar_polygon(values: &[Option<u8>]) -> String {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = radar_point(i, values.len(), f64::from(v.unwrap_or(0)));
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn RadarChart(axes: Vec<RadarAxis>, #[prop(optional)] title: String) -> impl IntoView {
    let lang = use_lang();
    let count = axes.len();
    let current: Vec<Option<u8>> = axes.iter().map(|a| a.current).collect();
    let ambition: Vec<Option<u8>> = axes.iter().map(|a| a.ambition).collect();
    let previous: Vec<Option<u8>> = axes.iter().map(|a| a.previous).collect();
    let has_previous = previous.iter().any(Option::is_some);
    // The EU DMA asks no ambition: its chart has no ambition shape nor legend entry.
    let has_ambition = ambition.iter().any(Option::is_some);
    let rings = [25.0, 50.0, 75.0, 100.0];
    let label = title.clone();
    view! {
        <figure class="chart radar">
            // Wider and taller than the circle: the wrapped names around it need the room.
            <svg viewBox=format!("-150 -40 {} {}", SIZE + 300.0, SIZE + 80.0) role="img" aria-label=label>
                <title>{title}</title>
                {rings.iter().map(|r| {
                    let pts: Vec<Option<u8>> = vec![Some(*r as u8); count];
                    view! { <polygon class="radar-ring" points=radar_polygon(&pts) /> }
                }).collect_view()}
                {(0..count).map(|i| {
                    let (x, y) = radar_point(i, count, 100.0);
                    view! { <line class="radar-axis" x1=CENTER x2=x y1=CENTER y2=y /> }
                }).collect_view()}
                {has_ambition.then(|| view! { <polygon class="radar-ambition" points=radar_polygon(&ambition) /> })}
                {has_previous.then(|| view! { <polygon class="radar-previous" points=radar_polygon(&previous) /> })}
                <polygon class="radar-current" points=radar_polygon(&current) />
                {axes.iter().enumerate().map(|(i, a)| {
                    let (x, y) = radar_point(i, count, 122.0);
                    let anchor = if (x - CENTER).abs() < 10.0 { "middle" } else if x > CENTER { "start" } else { "end" };
                    let lines = wrap_label(&a.label, LABEL_LINE);
                    // Centre a wrapped label on its point.
                    let first_dy = -(lines.len() as f64 - 1.0) / 2.0 * LABEL_LEADING;
                    let (nx, ny) = radar_point(i, count, 116.0);
                    view! {
                        <text class="radar-label" x=x y=y text-anchor=anchor dominant-baseline="middle">
                            {lines.into_iter().enumerate().map(|(n, line)| {
                                let dy = if n == 0 { first_dy } else { LABEL_LEADING };
                                view! { <tspan x=x dy=dy>{line}</tspan> }
                            }).collect_view()}
                        </text>
                        // On a narrow screen the names would be unreadably small: a number
                        // stands in for each, explained by the key below the chart.
                        <text class="radar-number" x=nx y=ny text-anchor="middle" dominant-baseline="middle" aria-hidden="true">{i + 1}</text>
                    }
                }).collect_view()}
            </svg>
            <ol class="radar-key" aria-hidden="true">
                {axes.iter().map(|a| view! { <li>{a.label.clone()}</li> }).collect_view()}
            </ol>
            <figcaption class="legend">
                <span class="legend-current">{lang.t(Key::ResultsCurrent)}</span>
                {has_ambition.then(|| view! { <span class="legend-ambition">{lang.t(Key::ResultsAmbition)}</span> })}
                {has_previous.then(|| view! { <span class="legend-previous">{lang.t(Key::ResultsPrevious)}</span> })}
            </figcaption>
        </figure>
    }
}

/// Characters per line of a radar label, and the distance between its lines (SVG units).
const LABEL_LINE: usize = 18;
const LABEL_LEADING: f64 = 15.0;

/// Splits a label into lines of at most `width` characters at spaces, so the whole name shows
/// on the chart; a single word longer than a line keeps a line of its own.
pub fn wrap_label(label: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// Horizontal bars, one per transition, for the gap between ambition and current. Plain HTML
/// rather than SVG: the names then wrap, keep the page's text size on a phone and on paper,
/// and need no shortening.
#[component]
pub fn GapBars(bars: Vec<(String, Option<u8>)>, title: String) -> impl IntoView {
    view! {
        <figure class="chart bars" role="img" aria-label=title>
            <ul class="gap-bars">
                {bars.into_iter().map(|(label, gap)| {
                    let width = format!("width: {}%", gap.unwrap_or(0));
                    view! {
                        <li>
                            <span class="gap-label">{label}</span>
                            <span class="gap-track"><span class="gap-bar" style=width></span></span>
                            <span class="gap-value">{gap.map(|g| g.to_string()).unwrap_or_else(|| "—".into())}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_axis_points_up_and_values_scale_with_the_radius() {
        let (x, y) = radar_point(0, 4, 100.0);
        assert!((x - CENTER).abs() < 1e-9 && (y - (CENTER - RADIUS)).abs() < 1e-9);
        let (x, _) = radar_point(1, 4, 50.0);
        assert!((x - (CENTER + RADIUS / 2.0)).abs() < 1e-9);
        assert_eq!(radar_point(2, 4, 0.0), (CENTER, CENTER));
    }

    #[test]
    fn polygons_have_one_point_per_axis_and_clamp() {
        let pts = radar_polygon(&[Some(100), None, Some(200)]);
        assert_eq!(pts.split(' ').count(), 3);
        assert!(pts.starts_with("210.0,60.0"), "{pts}");
    }

    #[test]
    fn labels_wrap_at_spaces_and_keep_every_word() {
        assert_eq!(
            wrap_label("Connectiviteit en IT/OT-beveiliging", 18),
            ["Connectiviteit en", "IT/OT-beveiliging"]
        );
        assert_eq!(wrap_label("Strategie", 18), ["Strategie"]);
        assert_eq!(
            wrap_label("Performance control: KPI's en OEE", 18),
            ["Performance", "control: KPI's en", "OEE"]
        );
        // A word longer than a line is not cut.
        assert_eq!(
            wrap_label("Productieplanningsoptimalisatie nu", 18),
            ["Productieplanningsoptimalisatie", "nu"]
        );
        assert!(wrap_label("", 18).is_empty());
    }
}
