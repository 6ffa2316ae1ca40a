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
    let rings = [25.0, 50.0, 75.0, 100.0];
    let label = title.clone();
    view! {
        <figure class="chart radar">
            // Wider than the circle: labels left and right of it need the room.
            <svg viewBox=format!("-130 0 {} {SIZE}", SIZE + 260.0) role="img" aria-label=label>
                <title>{title}</title>
                {rings.iter().map(|r| {
                    let pts: Vec<Option<u8>> = vec![Some(*r as u8); count];
                    view! { <polygon class="radar-ring" points=radar_polygon(&pts) /> }
                }).collect_view()}
                {(0..count).map(|i| {
                    let (x, y) = radar_point(i, count, 100.0);
                    view! { <line class="radar-axis" x1=CENTER x2=x y1=CENTER y2=y /> }
                }).collect_view()}
                <polygon class="radar-ambition" points=radar_polygon(&ambition) />
                {has_previous.then(|| view! { <polygon class="radar-previous" points=radar_polygon(&previous) /> })}
                <polygon class="radar-current" points=radar_polygon(&current) />
                {axes.iter().enumerate().map(|(i, a)| {
                    let (x, y) = radar_point(i, count, 122.0);
                    let anchor = if (x - CENTER).abs() < 10.0 { "middle" } else if x > CENTER { "start" } else { "end" };
                    view! { <text class="radar-label" x=x y=y text-anchor=anchor dominant-baseline="middle">{short(&a.label)}</text> }
                }).collect_view()}
            </svg>
            <figcaption class="legend">
                <span class="legend-current">{lang.t(Key::ResultsCurrent)}</span>
                <span class="legend-ambition">{lang.t(Key::ResultsAmbition)}</span>
                {has_previous.then(|| view! { <span class="legend-previous">{lang.t(Key::ResultsPrevious)}</span> })}
            </figcaption>
        </figure>
    }
}

/// Labels on the chart are cut to keep it readable; the table beside it has the full names.
fn short(label: &str) -> String {
    let first = label.split([':', '(']).next().unwrap_or(label).trim();
    if first.chars().count() > 22 {
        format!("{}…", first.chars().take(21).collect::<String>())
    } else {
        first.to_string()
    }
}

/// Horizontal bars, one per transition, for the gap between ambition and current.
#[component]
pub fn GapBars(bars: Vec<(String, Option<u8>)>, title: String) -> impl IntoView {
    let row_h = 28.0;
    let height = row_h * bars.len() as f64 + 8.0;
    let label = title.clone();
    view! {
        <figure class="chart bars">
            <svg viewBox=format!("0 0 600 {height}") role="img" aria-label=label>
                <title>{title}</title>
                {bars.into_iter().enumerate().map(|(i, (label, gap))| {
                    let y = 4.0 + i as f64 * row_h;
                    let w = 3.0 * f64::from(gap.unwrap_or(0));
                    view! {
                        <text class="bar-label" x="0" y=y + 18.0>{short(&label)}</text>
                        <rect class="bar" x="220" y=y + 4.0 width=w height=row_h - 10.0 rx="3" />
                        <text class="bar-value" x=226.0 + w y=y + 18.0>{gap.map(|g| g.to_string()).unwrap_or_else(|| "—".into())}</text>
                    }
                }).collect_view()}
            </svg>
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
    fn long_labels_are_shortened() {
        assert_eq!(
            short("Connectiviteit en IT/OT-beveiliging"),
            "Connectiviteit en IT/…"
        );
        assert_eq!(
            short("Performance control: KPI's en OEE"),
            "Performance control"
        );
    }
}
