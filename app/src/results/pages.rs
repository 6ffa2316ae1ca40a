//! The results page: the scores per transition against the ambition and the peer benchmark,
//! the priorities, and the next steps (matches, events, best practices, the plan). Printed, it
//! is the report a company takes to its management.

use super::api::get_results;
use crate::assessment::charts::{GapBars, RadarAxis, RadarChart};
use crate::i18n::{use_lang, Key, Lang};
use crate::matching::sections::MatchesSection;
use crate::ui::{route_param, Loaded, PrintButton};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let lang = use_lang();
    let reference = route_param("reference");
    let results = Resource::new(reference, get_results);
    view! {
        <Title text=lang.t(Key::ResultsTitle) />
        <section class="container results">
            <Loaded resource=results let:r>
                <ResultsView results=r />
            </Loaded>
        </section>
    }
}

#[component]
fn ResultsView(results: crate::assessment::view::Results) -> impl IntoView {
    if results.variant.is_dma() {
        return view! { <super::dma_pages::DmaResultsView results /> }.into_any();
    }
    let lang = use_lang();
    let q = &results.questionnaire;
    let name_of = |key: &str| {
        q.transition(key)
            .map(|t| t.name.get(lang).to_string())
            .unwrap_or_default()
    };
    let axes: Vec<RadarAxis> = results
        .scores
        .transitions
        .iter()
        .map(|t| RadarAxis {
            label: name_of(&t.transition_key),
            current: t.current,
            ambition: t.ambition,
            previous: results
                .previous
                .as_ref()
                .and_then(|p| p.get(&t.transition_key))
                .map(|(c, _)| c),
        })
        .collect();
    let bars: Vec<(String, Option<u8>)> = results
        .scores
        .transitions
        .iter()
        .map(|t| (name_of(&t.transition_key), t.gap))
        .collect();
    let dash = |v: Option<u8>| v.map(|n| n.to_string()).unwrap_or_else(|| "—".to_string());
    let previous = results.previous.clone();
    let peer = results.peer.clone();
    let peer_size = results.peer_same_size.clone();
    let (has_previous, has_peer, has_peer_size) =
        (previous.is_some(), peer.is_some(), peer_size.is_some());
    let rows = results
        .scores
        .transitions
        .iter()
        .map(|t| {
            let change = previous
                .as_ref()
                .map(|p| match (t.current, p.get(&t.transition_key)) {
                    (Some(now), Some((before, _))) => {
                        format!("{:+}", i16::from(now) - i16::from(before))
                    }
                    _ => "—".to_string(),
                });
            let average = |set: &crate::assessment::view::ScoreSet| {
                set.get(&t.transition_key)
                    .map(|(c, a)| format!("{c} / {a}"))
                    .unwrap_or_else(|| "—".into())
            };
            let peer_avg = peer.as_ref().map(average);
            let peer_size_avg = peer_size.as_ref().map(average);
            view! {
                <tr>
                    <th scope="row">{name_of(&t.transition_key)}</th>
                    <td>{dash(t.current)}</td>
                    <td>{dash(t.ambition)}</td>
                    <td>{dash(t.gap)}</td>
                    <td>{t.priority.map(|p| lang.t(p.label())).unwrap_or("—")}</td>
                    {change.map(|c| view! { <td>{c}</td> })}
                    {peer_avg.map(|p| view! { <td>{p}</td> })}
                    {peer_size_avg.map(|p| view! { <td>{p}</td> })}
                </tr>
            }
        })
        .collect_view();
    let peer_note = match (&results.peer, &results.peer_same_size) {
        (Some(p), Some(s)) => format!(
            "{} {}",
            lang.count(Key::ResultsPeerNote, p.count as i64, &[]),
            lang.count(Key::ResultsPeerSizeNote, s.count as i64, &[])
        ),
        (Some(p), None) => lang.count(Key::ResultsPeerNote, p.count as i64, &[]),
        (None, _) => lang.t(Key::ResultsPeerTooFew).to_string(),
    };
    let priorities = results.priorities.iter().map(|p| {
        let steps = p.next_steps.iter().map(|s| {
            let (question, next) = match lang { Lang::Nl => (s.question_nl.clone(), s.next_nl.clone()), Lang::En => (s.question_en.clone(), s.next_en.clone()) };
            view! { <li><strong>{question}</strong><br />{lang.t(Key::NextLevel)}": "{next}</li> }
        }).collect_view();
        view! {
            <li class="card priority-card">
                <h3>{name_of(&p.transition_key)}</h3>
                <p class="muted">{lang.t(Key::ResultsPriority)}": "{lang.t(p.priority.label())}" · "{lang.t(Key::ResultsGap)}": "{p.gap}</p>
                <ul class="next-steps">{steps}</ul>
            </li>
        }
    }).collect_view();
    let has_priorities = !results.priorities.is_empty();
    let chart_title = lang.t(Key::ResultsRadarTitle).to_string();
    let finalised = results.finalised_at.is_some();
    let priority_keys: Vec<String> = results
        .priorities
        .iter()
        .map(|p| p.transition_key.clone())
        .collect();
    let reference = results.reference.clone();
    let gap_title = lang.t(Key::ResultsGapTitle).to_string();
    view! {
        <header class="results-header">
            <h1>{lang.t(Key::ResultsTitle)}": "{results.profile.company_name.clone()}</h1>
            <p class="lead">{lang.t(results.variant.label())}</p>
            <div class="overall">
                <div class="figure"><span class="figure-number">{dash(results.scores.overall_current)}</span><span class="figure-label">{lang.t(Key::ResultsOverallCurrent)}</span></div>
                <div class="figure"><span class="figure-number">{dash(results.scores.overall_ambition)}</span><span class="figure-label">{lang.t(Key::ResultsOverallAmbition)}</span></div>
            </div>
            <p class="no-print actions">
                <A href=format!("/assessment/{}", results.reference) attr:class="btn btn-secondary">{lang.t(Key::ResultsBack)}</A>
                <PrintButton label=lang.t(Key::ResultsPrint).to_string() class="btn btn-secondary print-button".to_string() />
            </p>
        </header>
        <div class="chart-row">
            <RadarChart axes title=chart_title />
            <div class="table-wrap" tabindex="0">
                <table>
                    <caption>{lang.t(Key::ResultsTableCaption)}</caption>
                    <thead><tr>
                        <th scope="col">{lang.t(Key::ResultsTransition)}</th>
                        <th scope="col">{lang.t(Key::ResultsCurrent)}</th>
                        <th scope="col">{lang.t(Key::ResultsAmbition)}</th>
                        <th scope="col">{lang.t(Key::ResultsGap)}</th>
                        <th scope="col">{lang.t(Key::ResultsPriority)}</th>
                        {has_previous.then(|| view! { <th scope="col">{lang.t(Key::ResultsChange)}</th> })}
                        {has_peer.then(|| view! { <th scope="col">{lang.t(Key::ResultsPeer)}</th> })}
                        {has_peer_size.then(|| view! { <th scope="col">{lang.t(Key::ResultsPeerSize)}</th> })}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="hint">{peer_note}</p>
            </div>
        </div>
        <h2>{lang.t(Key::ResultsGapTitle)}</h2>
        <GapBars bars title=gap_title />
        <h2>{lang.t(Key::ResultsPrioritiesTitle)}</h2>
        {if has_priorities {
            view! {
                <p class="hint">{lang.t(Key::ResultsPrioritiesOrder)}</p>
                <ol class="priority-list">{priorities}</ol>
            }.into_any()
        } else {
            view! { <p class="empty">{lang.t(Key::ResultsNoPriorities)}</p> }.into_any()
        }}
        {finalised.then(|| view! {
            <section class="card plan-callout no-print" aria-labelledby="plan-callout-title">
                <h2 id="plan-callout-title">{lang.t(Key::PlanTitle)}</h2>
                <p>{lang.t(Key::PlanOpenText)}</p>
                <p><A href=format!("/assessment/{}/plan", results.reference) attr:class="btn btn-primary">{lang.t(Key::PlanOpen)}</A></p>
            </section>
        })}
        {finalised.then(|| view! {
            <section class="card no-print" aria-labelledby="dma-offer-title">
                <h2 id="dma-offer-title">{lang.t(Key::DmaOfferTitle)}</h2>
                <p>{lang.t(Key::DmaOfferText)}</p>
                <p><A href=format!("/assessment?variant=dma&from={}", results.reference) attr:class="btn btn-secondary">{lang.t(Key::DmaOfferLink)}</A></p>
            </section>
        })}
        <h2>{lang.t(Key::NextStepsTitle)}</h2>
        <p>{lang.t(Key::NextStepsText)}</p>
        <crate::events::sections::EventSuggestions themes=priority_keys.clone() />
        <crate::practices::sections::PracticeSuggestions themes=priority_keys size_class=results.profile.size_class.clone() />
        {finalised.then(|| view! { <MatchesSection reference=reference.clone() /> })}
    }
    .into_any()
}
