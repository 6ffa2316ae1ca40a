//! The dashboard's charts as SVG, drawn on the server (and identically when the page hydrates).
//! Each chart has a data table beside it on the page; the SVG is `aria-hidden` decoration.
//! Geometry lives in small pure functions, tested below.

use super::model::{Funnel, HeatRow, MonthCount, TransitionAverage, BANDS};
use leptos::prelude::*;

/// A round axis maximum at or above `max` (1, 2, 5 × a power of ten), never below 1.
pub fn nice_max(max: i64) -> i64 {
    let max = max.max(1);
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= max {
                return m * step;
            }
        }
        step *= 10;
    }
}

/// A label cut to fit beside a chart (the full text is in the table beside it).
pub fn short(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_string();
    }
    let cut: String = label.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// The length of a bar for `value` on an axis of `max` drawn `length` long.
pub fn scale(value: f64, max: f64, length: f64) -> f64 {
    if max <= 0.0 {
        return 0.0;
    }
    (value.max(0.0) / max).min(1.0) * length
}

/// Heat-map colour for an average gap in points: from pale (no gap) to deep orange (40+).
pub fn heat_colour(gap: f64) -> String {
    let t = (gap / 40.0).clamp(0.0, 1.0);
    let mix = |from: f64, to: f64| (from + (to - from) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(255.0, 196.0),
        mix(247.0, 80.0),
        mix(237.0, 20.0)
    )
}

/// Text colour that stays readable on a heat cell.
pub fn heat_text_colour(gap: f64) -> &'static str {
    if gap >= 24.0 {
        "#ffffff"
    } else {
        "#1f2933"
    }
}

const BAND_COLOURS: [&str; BANDS] = ["#d64545", "#f0a202", "#e8d44d", "#7cb342", "#2e7d32"];

pub fn band_colour(band: usize) -> &'static str {
    BAND_COLOURS.get(band).copied().unwrap_or("#999999")
}

/// Assessments finalised per month, as vertical bars.
#[component]
pub fn MonthChart(months: Vec<MonthCount>) -> impl IntoView {
    let width = 640.0;
    let height = 200.0;
    let left = 36.0;
    let bottom = 28.0;
    let max = nice_max(months.iter().map(|m| m.count).max().unwrap_or(0));
    let n = months.len().max(1) as f64;
    let slot = (width - left) / n;
    // Label at most ~12 months so the labels never overlap.
    let every = (months.len() / 12).max(1);
    let bars = months
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let h = scale(m.count as f64, max as f64, height - bottom - 10.0);
            let x = left + slot * i as f64 + slot * 0.15;
            let label = (i % every == 0).then(|| {
                view! {
                    <text x=format!("{:.1}", x + slot * 0.35) y=format!("{:.1}", height - 10.0)
                        class="chart-label" text-anchor="middle">{m.month.clone()}</text>
                }
            });
            view! {
                <rect x=format!("{x:.1}") y=format!("{:.1}", height - bottom - h)
                    width=format!("{:.1}", slot * 0.7) height=format!("{h:.1}") class="bar-current" />
                {label}
            }
        })
        .collect_view();
    view! {
        <svg class="dash-chart" viewBox=format!("0 0 {width} {height}") role="img" aria-hidden="true">
            <line x1=left y1=height - bottom x2=width y2=height - bottom class="axis" />
            <text x="2" y="14" class="chart-label">{max}</text>
            <text x="2" y=height - bottom class="chart-label">"0"</text>
            {bars}
        </svg>
    }
}

/// Average current and ambition score (0-100) per transition, as paired horizontal bars.
#[component]
pub fn TransitionChart(rows: Vec<TransitionAverage>) -> impl IntoView {
    let label_w = 190.0;
    let bar_w = 380.0;
    let row_h = 30.0;
    let height = row_h * rows.len().max(1) as f64 + 20.0;
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let y = i as f64 * row_h + 4.0;
            let cur = scale(t.current, 100.0, bar_w);
            let amb = scale(t.ambition, 100.0, bar_w);
            view! {
                <text x="0" y=format!("{:.1}", y + 15.0) class="chart-label"><title>{t.name.clone()}</title>{short(&t.name, 30)}</text>
                <rect x=label_w y=format!("{y:.1}") width=format!("{amb:.1}") height="11" class="bar-ambition" />
                <rect x=label_w y=format!("{:.1}", y + 12.0) width=format!("{cur:.1}") height="11" class="bar-current" />
            }
        })
        .collect_view();
    view! {
        <svg class="dash-chart" viewBox=format!("0 0 {} {height}", label_w + bar_w + 10.0) role="img" aria-hidden="true">
            {[0.0, 25.0, 50.0, 75.0, 100.0].map(|v| {
                let x = label_w + scale(v, 100.0, bar_w);
                view! {
                    <line x1=x y1="0" x2=x y2=height - 16.0 class="grid" />
                    <text x=x y=height - 2.0 class="chart-label" text-anchor="middle">{v}</text>
                }
            }).collect_view()}
            {body}
        </svg>
    }
}

/// How the assessments spread over the five score bands, per transition (100% stacked bars).
#[component]
pub fn DistributionChart(rows: Vec<TransitionAverage>) -> impl IntoView {
    let label_w = 190.0;
    let bar_w = 380.0;
    let row_h = 22.0;
    let height = row_h * rows.len().max(1) as f64;
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let y = i as f64 * row_h + 2.0;
            let total: i64 = t.bands.iter().sum();
            let mut x = label_w;
            let parts = t
                .bands
                .iter()
                .enumerate()
                .map(|(b, n)| {
                    let w = scale(*n as f64, total as f64, bar_w);
                    let rect = view! {
                        <rect x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{w:.1}") height="16" fill=band_colour(b) />
                    };
                    x += w;
                    rect
                })
                .collect_view();
            view! {
                <text x="0" y=format!("{:.1}", y + 13.0) class="chart-label"><title>{t.name.clone()}</title>{short(&t.name, 30)}</text>
                {parts}
            }
        })
        .collect_view();
    view! {
        <svg class="dash-chart" viewBox=format!("0 0 {} {height}", label_w + bar_w + 10.0) role="img" aria-hidden="true">
            {body}
        </svg>
    }
}

/// How often each transition was marked high, medium or low priority (stacked counts).
#[component]
pub fn PriorityChart(rows: Vec<TransitionAverage>) -> impl IntoView {
    let label_w = 190.0;
    let bar_w = 380.0;
    let row_h = 22.0;
    let max = nice_max(
        rows.iter()
            .map(|t| t.high + t.medium + t.low)
            .max()
            .unwrap_or(0),
    );
    let height = row_h * rows.len().max(1) as f64;
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let y = i as f64 * row_h + 2.0;
            let high = scale(t.high as f64, max as f64, bar_w);
            let medium = scale(t.medium as f64, max as f64, bar_w);
            let low = scale(t.low as f64, max as f64, bar_w);
            view! {
                <text x="0" y=format!("{:.1}", y + 13.0) class="chart-label"><title>{t.name.clone()}</title>{short(&t.name, 30)}</text>
                <rect x=label_w y=format!("{y:.1}") width=format!("{high:.1}") height="16" class="bar-high" />
                <rect x=format!("{:.1}", label_w + high) y=format!("{y:.1}") width=format!("{medium:.1}") height="16" class="bar-medium" />
                <rect x=format!("{:.1}", label_w + high + medium) y=format!("{y:.1}") width=format!("{low:.1}") height="16" class="bar-low" />
            }
        })
        .collect_view();
    view! {
        <svg class="dash-chart" viewBox=format!("0 0 {} {height}", label_w + bar_w + 10.0) role="img" aria-hidden="true">
            {body}
        </svg>
    }
}

/// The average gap per transition (rows) and segment (columns), coloured by size.
#[component]
pub fn HeatMapChart(rows: Vec<HeatRow>, columns: Vec<String>) -> impl IntoView {
    let label_w = 190.0;
    let cell_w = 64.0;
    let cell_h = 24.0;
    let head = 40.0;
    let width = label_w + cell_w * columns.len().max(1) as f64;
    let height = head + cell_h * rows.len().max(1) as f64;
    let heads = columns
        .into_iter()
        .enumerate()
        .map(|(c, name)| {
            let x = label_w + cell_w * c as f64 + cell_w / 2.0;
            view! { <text x=format!("{x:.1}") y="30" class="chart-label" text-anchor="middle"><title>{name.clone()}</title>{short(&name, 11)}</text> }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(r, row)| {
            let y = head + cell_h * r as f64;
            let cells = row
                .gaps
                .iter()
                .enumerate()
                .map(|(c, gap)| {
                    let x = label_w + cell_w * c as f64;
                    match gap {
                        Some(g) => view! {
                            <rect x=format!("{x:.1}") y=format!("{y:.1}") width=cell_w - 2.0 height=cell_h - 2.0 fill=heat_colour(*g) />
                            <text x=format!("{:.1}", x + cell_w / 2.0) y=format!("{:.1}", y + 16.0) fill=heat_text_colour(*g)
                                class="chart-value" text-anchor="middle">{format!("{g:.0}")}</text>
                        }.into_any(),
                        None => view! {
                            <rect x=format!("{x:.1}") y=format!("{y:.1}") width=cell_w - 2.0 height=cell_h - 2.0 class="cell-empty" />
                        }.into_any(),
                    }
                })
                .collect_view();
            view! {
                <text x="0" y=format!("{:.1}", y + 16.0) class="chart-label"><title>{row.name.clone()}</title>{short(&row.name, 30)}</text>
                {cells}
            }
        })
        .collect_view();
    view! {
        <svg class="dash-chart" viewBox=format!("0 0 {width} {height}") role="img" aria-hidden="true">
            {heads}
            {body}
        </svg>
    }
}

/// The journey from assessment to project, as bars relative to the first step.
#[component]
pub fn FunnelChart(funnel: Funnel, labels: Vec<String>) -> impl IntoView {
    let values = funnel.stages().map(|(_, n)| n);
    let rows = values.len() as f64;
    let max = values[0].max(1) as f64;
    let width = 560.0;
    let row_h = 40.0;
    let body = values
        .into_iter()
        .zip(labels)
        .enumerate()
        .map(|(i, (v, label))| {
            let w = scale(v as f64, max, width - 20.0).max(2.0);
            let x = (width - w) / 2.0;
            let y = i as f64 * row_h;
            view! {
                <rect x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{w:.1}") height=row_h - 6.0 class="bar-funnel" />
                <text x=width / 2.0 y=format!("{:.1}", y + 22.0) class="chart-value" text-anchor="middle">
                    {format!("{label}: {v}")}
                </text>
            }
        })
        .collect_view();
    view! {
        <svg class="dash-chart" viewBox=format!("0 0 {width} {}", row_h * rows) role="img" aria-hidden="true">
            {body}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_maximum_is_round() {
        assert_eq!(nice_max(0), 1);
        assert_eq!(nice_max(1), 1);
        assert_eq!(nice_max(3), 5);
        assert_eq!(nice_max(7), 10);
        assert_eq!(nice_max(152), 200);
        assert_eq!(nice_max(275), 500);
        assert_eq!(nice_max(100_000), 100_000);
    }

    #[test]
    fn bars_scale_and_clamp() {
        assert_eq!(scale(50.0, 100.0, 380.0), 190.0);
        assert_eq!(scale(150.0, 100.0, 380.0), 380.0);
        assert_eq!(scale(-3.0, 100.0, 380.0), 0.0);
        assert_eq!(scale(3.0, 0.0, 380.0), 0.0);
    }

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(short("Data", 30), "Data");
        assert_eq!(
            short("Productietechnologie: robots en cobots", 20),
            "Productietechnologi…"
        );
    }

    #[test]
    fn heat_goes_from_pale_to_deep() {
        assert_eq!(heat_colour(0.0), "#fff7ed");
        assert_eq!(heat_colour(40.0), "#c45014");
        assert_eq!(heat_colour(400.0), "#c45014");
        assert_eq!(heat_text_colour(30.0), "#ffffff");
        assert_eq!(heat_text_colour(5.0), "#1f2933");
    }
}
