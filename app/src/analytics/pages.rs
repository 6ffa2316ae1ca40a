//! The analytics dashboard and the programme figures, for staff.

use super::api::{get_dashboard, programme_figures, DeleteIndicator, SaveIndicator};
use super::charts::{
    band_colour, DistributionChart, FunnelChart, HeatMapChart, MonthChart, PriorityChart,
    TransitionChart,
};
use super::model::{percent_of, Dashboard, DashboardFilter, Indicator, Metric, Segment, BANDS};
use crate::assessment::model::Variant;
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::Loaded;
use crate::ui::{action_error, ErrorAlert, FormAlert, PrintButton};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn segment_name(lang: Lang, segment: Segment, code: &str) -> String {
    segment
        .value_label(code)
        .map(|k| lang.t(k).to_string())
        .unwrap_or_else(|| code.to_string())
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.get();
        DashboardFilter::from_query(|name| q.get(name).filter(|v| !v.is_empty()))
    });
    let data = Resource::new(move || filter.get(), get_dashboard);
    view! {
        <Title text=lang.t(Key::DashboardTitle) />
        <section class="container dashboard">
            <crate::ui::StaffNav />
            <h1>{lang.t(Key::DashboardTitle)}</h1>
            <p class="lead">{lang.t(Key::DashboardIntro)}</p>
            {move || view! { <FilterForm filter=filter.get() /> }}
            <Loaded resource=data let:d>
                <DashboardBody data=d />
            </Loaded>
        </section>
    }
}

/// A plain GET form: the filters end up in the URL, so a view can be bookmarked and shared.
#[component]
fn FilterForm(filter: DashboardFilter) -> impl IntoView {
    let lang = use_lang();
    let select = move |name: &'static str, label: Key, segment: Segment, value: Option<String>| {
        let id = format!("filter-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{lang.t(label)}</label>
                <select id=id name=name>
                    <option value="">{lang.t(Key::DashboardAll)}</option>
                    {segment.values().into_iter().map(|code| view! {
                        <option value=code selected=value.as_deref() == Some(code)>{segment_name(lang, segment, code)}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <form method="get" action="/staff/dashboard" class="filter-bar" aria-label=lang.t(Key::DashboardFilters)>
            {select("variant", Key::DashboardVariant, Segment::Variant, filter.variant.clone())}
            {select("province", Key::FieldProvince, Segment::Province, filter.province.clone())}
            {select("sector", Key::FieldSector, Segment::Sector, filter.sector.clone())}
            {select("size", Key::FieldSizeClass, Segment::SizeClass, filter.size_class.clone())}
            <div class="field">
                <label for="filter-segment">{lang.t(Key::DashboardSegment)}</label>
                <select id="filter-segment" name="segment">
                    {Segment::ALL.into_iter().map(|s| view! {
                        <option value=s.code() selected=s == filter.segment>{lang.t(s.label())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field filter-actions">
                <button type="submit" class="btn btn-primary">{lang.t(Key::DashboardApply)}</button>
                <a href="/staff/dashboard" class="btn btn-secondary">{lang.t(Key::DashboardReset)}</a>
            </div>
        </form>
    }
}

/// One dashboard block: a heading, what its colours mean, and the chart beside a table
/// (`children`) that says the same in numbers, readable without the picture and by a screen
/// reader.
#[component]
fn ChartBlock(
    title: AnyView,
    legend: AnyView,
    chart: AnyView,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="dashboard-block">
            <h2>{title}</h2>
            {legend}
            <div class="chart-pair">
                <div class="chart-box">{chart}</div>
                <div class="table-wrap chart-table" tabindex="0">{children()}</div>
            </div>
        </section>
    }
}

#[component]
fn DashboardBody(data: Dashboard) -> impl IntoView {
    let lang = use_lang();
    let Dashboard {
        filter,
        finalised,
        drafts,
        per_month,
        per_variant,
        transitions,
        segments,
        heat,
        funnel,
        dma_change,
    } = data;
    let export_query = filter.to_query();
    let segment = filter.segment;
    let scored: Vec<_> = transitions
        .iter()
        .filter(|t| t.assessments > 0)
        .cloned()
        .collect();
    let segment_labels: Vec<String> = segments
        .iter()
        .map(|s| segment_name(lang, segment, s))
        .collect();
    let heat_rows: Vec<_> = heat
        .into_iter()
        .filter(|h| h.gaps.iter().any(Option::is_some))
        .collect();
    let funnel_rows = funnel.stages();
    let funnel_labels: Vec<String> = funnel_rows
        .iter()
        .map(|(k, _)| lang.t(*k).to_string())
        .collect();
    let assessed = funnel.assessed;
    let top = view! {
        <ul class="status-counts" data-testid="dashboard-totals">
            <li><span class="figure-number" data-testid="dashboard-finalised">{finalised}</span>" "{lang.t(Key::DashboardFinalised)}</li>
            <li><span class="figure-number">{drafts}</span>" "{lang.t(Key::DashboardDrafts)}</li>
            {per_variant.into_iter().map(|(code, n)| view! {
                <li><span class="figure-number">{n}</span>" "{Variant::parse(&code).map(|v| lang.t(v.label())).unwrap_or_default()}</li>
            }).collect_view()}
        </ul>
        <p class="export-links">
            {lang.t(Key::ExportsLabel)}" "
            <a href=format!("/staff/exports/assessments.csv?{export_query}") download>{lang.t(Key::ExportAssessmentsCsv)}</a>" · "
            <a href=format!("/staff/exports/assessments.xlsx?{export_query}") download>{lang.t(Key::ExportAssessmentsXlsx)}</a>" · "
            <a href=format!("/staff/exports/answers.csv?{export_query}") download>{lang.t(Key::ExportAnswersCsv)}</a>
        </p>
        {(finalised == 0).then(|| view! { <p class="empty">{lang.t(Key::DashboardEmpty)}</p> })}

    }
    .into_any();
    // Each table is rendered by its own block, which owns what it shows.
    let averages_rows = scored.clone();
    let distribution_rows = scored.clone();
    let per_month_block = view! {
        <ChartBlock
            title=view! { {lang.t(Key::DashboardPerMonth)} }.into_any()
            legend=().into_any()
            chart=view! { <MonthChart months=per_month.clone() /> }.into_any()
        >
                    <table>
                        <thead><tr><th scope="col">{lang.t(Key::DashboardMonth)}</th><th scope="col" class="num">{lang.t(Key::DashboardCount)}</th></tr></thead>
                        <tbody>
                            {per_month.into_iter().rev().map(|m| view! { <tr><td>{m.month}</td><td class="num">{m.count}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
        </ChartBlock>
    }
    .into_any();
    let averages_block = view! {
        <ChartBlock
            title=view! { {lang.t(Key::DashboardAverages)} }.into_any()
            legend=view! { <p class="chart-legend">
                <span class="swatch bar-current"></span>" "{lang.t(Key::ResultsCurrent)}" "
                <span class="swatch bar-ambition"></span>" "{lang.t(Key::ResultsAmbition)}
            </p> }.into_any()
            chart=view! { <TransitionChart rows=scored.clone() /> }.into_any()
        >
                    <table data-testid="averages-table">
                        <thead><tr>
                            <th scope="col">{lang.t(Key::ResultsTransition)}</th>
                            <th scope="col" class="num">{lang.t(Key::ResultsCurrent)}</th>
                            <th scope="col" class="num">{lang.t(Key::ResultsAmbition)}</th>
                            <th scope="col" class="num">"n"</th>
                        </tr></thead>
                        <tbody>
                            {averages_rows.iter().map(|t| view! {
                                <tr><th scope="row">{t.name.clone()}</th><td class="num">{lang.one_decimal(t.current, false)}</td><td class="num">{lang.one_decimal(t.ambition, false)}</td><td class="num">{t.assessments}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
        </ChartBlock>
    }
    .into_any();
    let distribution_block = view! {
        <ChartBlock
            title=view! { {lang.t(Key::DashboardDistribution)} }.into_any()
            legend=view! { <p class="chart-legend">
                {(0..BANDS).map(|b| view! {
                    <span class="swatch" style=format!("background:{}", band_colour(b))></span>
                    " "{format!("{}-{} ", b * 20, if b == BANDS - 1 { 100 } else { b * 20 + 19 })}
                }).collect_view()}
            </p> }.into_any()
            chart=view! { <DistributionChart rows=scored.clone() /> }.into_any()
        >
                    <table>
                        <thead><tr>
                            <th scope="col">{lang.t(Key::ResultsTransition)}</th>
                            {(0..BANDS).map(|b| view! { <th scope="col" class="num">{format!("{}-{}", b * 20, if b == BANDS - 1 { 100 } else { b * 20 + 19 })}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {distribution_rows.iter().map(|t| view! {
                                <tr><td>{t.name.clone()}</td>{t.bands.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
        </ChartBlock>
    }
    .into_any();
    let priorities_block = view! {
        <ChartBlock
            title=view! { {lang.t(Key::DashboardPriorities)} }.into_any()
            legend=view! { <p class="chart-legend">
                <span class="swatch bar-high"></span>" "{lang.t(Key::PriorityHigh)}" "
                <span class="swatch bar-medium"></span>" "{lang.t(Key::PriorityMedium)}" "
                <span class="swatch bar-low"></span>" "{lang.t(Key::PriorityLow)}
            </p> }.into_any()
            chart=view! { <PriorityChart rows=scored.clone() /> }.into_any()
        >
                    <table>
                        <thead><tr>
                            <th scope="col">{lang.t(Key::ResultsTransition)}</th>
                            <th scope="col" class="num">{lang.t(Key::PriorityHigh)}</th>
                            <th scope="col" class="num">{lang.t(Key::PriorityMedium)}</th>
                            <th scope="col" class="num">{lang.t(Key::PriorityLow)}</th>
                        </tr></thead>
                        <tbody>
                            {let mut by_high = scored.clone();
                             by_high.sort_by_key(|t| std::cmp::Reverse((t.high, t.medium)));
                             by_high.into_iter().map(|t| view! {
                                <tr><td>{t.name}</td><td class="num">{t.high}</td><td class="num">{t.medium}</td><td class="num">{t.low}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
        </ChartBlock>
    }
    .into_any();
    let heat_block = view! {
        <ChartBlock
            title=view! { {lang.t(Key::DashboardHeat)}" · "{lang.t(segment.label())} }.into_any()
            legend=view! { <p class="muted">{lang.t(Key::DashboardHeatHint)}</p> }.into_any()
            chart=view! { <HeatMapChart rows=heat_rows.clone() columns=segment_labels.clone() /> }.into_any()
        >
                    <table>
                        <thead><tr>
                            <th scope="col">{lang.t(Key::ResultsTransition)}</th>
                            {segment_labels.iter().map(|s| view! { <th scope="col" class="num">{s.clone()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {heat_rows.into_iter().map(|h| view! {
                                <tr><th scope="row">{h.name}</th>{h.gaps.into_iter().map(|g| view! {
                                    <td class="num">{g.map(|g| lang.one_decimal(g, false)).unwrap_or_else(|| "–".into())}</td>
                                }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
        </ChartBlock>
    }
    .into_any();
    let funnel_block = view! {
        <ChartBlock
            title=view! { {lang.t(Key::DashboardFunnel)} }.into_any()
            legend=view! { <p class="muted">{lang.t(Key::DashboardFunnelHint)}</p> }.into_any()
            chart=view! { <FunnelChart funnel=funnel labels=funnel_labels /> }.into_any()
        >
                    <table data-testid="funnel-table">
                        <thead><tr><th scope="col">{lang.t(Key::DashboardStep)}</th><th scope="col" class="num">{lang.t(Key::DashboardCompanies)}</th><th scope="col" class="num">"%"</th></tr></thead>
                        <tbody>
                            {funnel_rows.into_iter().map(|(k, n)| view! {
                                <tr><td>{lang.t(k)}</td><td class="num">{n}</td><td class="num">{percent_of(n, assessed.clamp(0, i32::MAX as i64) as i32)}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
        </ChartBlock>
    }
    .into_any();
    // The EU DMA's T0 → T1 change: a table, the numbers are what the EDIH reports.
    let dma_block = dma_change.map(|c| {
        view! {
            <section class="dashboard-block" data-testid="dma-change">
                <h2>{lang.t(Key::DashboardDmaTitle)}</h2>
                <p class="muted">{lang.count(Key::DashboardDmaHint, c.companies as i64, &[])}</p>
                <div class="table-wrap" tabindex="0">
                    <table>
                        <thead><tr>
                            <th scope="col">{lang.t(Key::DmaResultsDimension)}</th>
                            <th scope="col" class="num">"T0"</th>
                            <th scope="col" class="num">"T1"</th>
                            <th scope="col" class="num">{lang.t(Key::ResultsChange)}</th>
                        </tr></thead>
                        <tbody>
                            {c.dimensions.into_iter().map(|d| view! {
                                <tr>
                                    <th scope="row">{d.name}</th>
                                    <td class="num">{lang.one_decimal(d.t0, false)}</td>
                                    <td class="num">{lang.one_decimal(d.t1, false)}</td>
                                    <td class="num">{lang.one_decimal(d.t1 - d.t0, true)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }
    });
    view! {
        {top}
        {dma_block}
        {per_month_block}
        {averages_block}
        {distribution_block}
        {priorities_block}
        {heat_block}
        {funnel_block}
    }
}

#[component]
pub fn FiguresPage() -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SaveIndicator>::new();
    let delete = ServerAction::<DeleteIndicator>::new();
    let list = Resource::new(|| (), |_| programme_figures());
    view! {
        <Title text=lang.t(Key::FiguresTitle) />
        <section class="container programme-figures">
            <crate::ui::StaffNav />
            <div class="title-row">
                <h1>{lang.t(Key::FiguresTitle)}</h1>
                <PrintButton label=lang.t(Key::FiguresPrint).to_string() class="btn btn-secondary no-print".to_string() />
            </div>
            <p class="lead">{lang.t(Key::FiguresIntro)}</p>
            <FormAlert error=action_error(save) />
            <FormAlert error=action_error(delete) />
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! { <p class="empty">{lang.t(Key::FiguresEmpty)}</p> }.into_any(),
                        Ok(items) => view! {
                            <div class="table-wrap" tabindex="0">
                                <table class="figures-table" data-testid="figures-table">
                                    <thead><tr>
                                        <th scope="col">{lang.t(Key::FiguresIndicator)}</th>
                                        <th scope="col">{lang.t(Key::FiguresPeriod)}</th>
                                        <th scope="col" class="num">{lang.t(Key::FiguresTarget)}</th>
                                        <th scope="col" class="num">{lang.t(Key::FiguresRealised)}</th>
                                        <th scope="col">{lang.t(Key::FiguresProgress)}</th>
                                        <th scope="col" class="no-print"><span class="visually-hidden">{lang.t(Key::FiguresEdit)}</span></th>
                                    </tr></thead>
                                    <tbody>
                                        {items.into_iter().map(|i| view! { <IndicatorRow indicator=i save delete /> }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            <details class="card no-print">
                <summary>{lang.t(Key::FiguresAdd)}</summary>
                <IndicatorForm indicator=None save />
            </details>
            <super::reassessed_pages::ReassessedSection />
        </section>
    }
}

#[component]
fn IndicatorRow(
    indicator: Indicator,
    save: ServerAction<SaveIndicator>,
    delete: ServerAction<DeleteIndicator>,
) -> impl IntoView {
    let lang = use_lang();
    let pct = percent_of(indicator.realised, indicator.target);
    let reach = indicator.metric.reach_label().map(|k| {
        let target = indicator
            .reach_target
            .map(|t| t.to_string())
            .unwrap_or_else(|| "–".into());
        let realised = indicator.reach_realised.unwrap_or(0);
        (lang.t(k), target, realised)
    });
    let id = indicator.id;
    view! {
        <tr>
            <th scope="row">{indicator.label.clone()}</th>
            <td>{indicator.period_start.clone()}" – "{indicator.period_end.clone()}</td>
            <td class="num">
                {indicator.target}
                {reach.clone().map(|(k, t, _)| view! { <br /><span class="muted">{t}" "{k}</span> })}
            </td>
            <td class="num">
                <strong>{indicator.realised}</strong>
                {reach.map(|(k, _, r)| view! { <br /><span class="muted">{r}" "{k}</span> })}
            </td>
            <td>
                <div class="progress" role="img" aria-label=format!("{pct}%")>
                    <div class={if pct >= 100 { "progress-bar met" } else { "progress-bar" }}
                        style=format!("width:{}%", pct.min(100))></div>
                </div>
                <span class="muted">{format!("{pct}%")}</span>
            </td>
            <td class="no-print">
                <details>
                    <summary>{lang.t(Key::FiguresEdit)}</summary>
                    <IndicatorForm indicator=Some(indicator) save />
                    <ActionForm action=delete attr:class="inline-form">
                        <input type="hidden" name="id" value=id.to_string() />
                        <button type="submit" class="btn btn-danger btn-small">{lang.t(Key::FiguresDelete)}</button>
                    </ActionForm>
                </details>
            </td>
        </tr>
    }
}

#[component]
fn IndicatorForm(indicator: Option<Indicator>, save: ServerAction<SaveIndicator>) -> impl IntoView {
    let lang = use_lang();
    let prefix = indicator
        .as_ref()
        .map(|i| format!("ind-{}", i.id))
        .unwrap_or_else(|| "ind-new".into());
    let field = move |name: &str| format!("{prefix}-{name}");
    let current = indicator.as_ref().map(|i| i.metric);
    let value = |f: fn(&Indicator) -> String| indicator.as_ref().map(f).unwrap_or_default();
    let (label_nl, label_en, target, reach_target, period_start, period_end) = (
        value(|i| i.label_nl.clone()),
        value(|i| i.label_en.clone()),
        value(|i| i.target.to_string()),
        value(|i| i.reach_target.map(|t| t.to_string()).unwrap_or_default()),
        value(|i| i.period_start.clone()),
        value(|i| i.period_end.clone()),
    );
    let id = indicator.as_ref().map(|i| i.id);
    view! {
        <ActionForm action=save attr:class="stack indicator-form">
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
            <div class="field">
                <label for=field("metric")>{lang.t(Key::FiguresMetric)}</label>
                <select id=field("metric") name="metric">
                    {Metric::ALL.into_iter().map(|m| view! {
                        <option value=m.code() selected=current == Some(m)>{lang.t(m.label())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for=field("label_nl")>{lang.t(Key::FiguresLabelNl)}</label>
                    <input id=field("label_nl") name="label_nl" maxlength="200" value=label_nl />
                </div>
                <div class="field">
                    <label for=field("label_en")>{lang.t(Key::FiguresLabelEn)}</label>
                    <input id=field("label_en") name="label_en" maxlength="200" value=label_en />
                </div>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for=field("target")>{lang.t(Key::FiguresTarget)}</label>
                    <input id=field("target") name="target" type="number" min="0" required value=target />
                </div>
                <div class="field">
                    <label for=field("reach_target")>{lang.t(Key::FiguresReachTarget)}</label>
                    <input id=field("reach_target") name="reach_target" type="number" min="0" value=reach_target />
                    <p class="hint">{lang.t(Key::FiguresReachHint)}</p>
                </div>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for=field("period_start")>{lang.t(Key::FiguresPeriodStart)}</label>
                    <input id=field("period_start") name="period_start" type="date" required value=period_start />
                </div>
                <div class="field">
                    <label for=field("period_end")>{lang.t(Key::FiguresPeriodEnd)}</label>
                    <input id=field("period_end") name="period_end" type="date" required value=period_end />
                </div>
            </div>
            <button type="submit" class="btn btn-primary">{lang.t(Key::FiguresSave)}</button>
        </ActionForm>
    }
}
