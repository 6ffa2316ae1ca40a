//! The results of an EU Digital Maturity Assessment: the six dimension scores and the overall
//! score with the JRC's maturity bands, beside the company's previous measure and the average
//! of other companies. No ambition, priorities or plan: the DMA measures where a company
//! stands, the Smart Factory Assessment says what to do next (the page points there).

use crate::assessment::charts::{RadarAxis, RadarChart};
use crate::assessment::dma::Band;
use crate::assessment::view::{Results, ScoreSet};
use crate::i18n::{use_lang, Key};
use crate::ui::PrintButton;
use leptos::prelude::*;
use leptos_router::components::A;

fn dash(v: Option<u8>) -> String {
    v.map(|n| n.to_string()).unwrap_or_else(|| "—".to_string())
}

#[component]
pub fn DmaResultsView(results: Results) -> impl IntoView {
    let lang = use_lang();
    let q = &results.questionnaire;
    let name_of = |key: &str| {
        q.transition(key)
            .map(|t| t.name.get(lang).to_string())
            .unwrap_or_default()
    };
    let earlier = |set: &Option<ScoreSet>, key: &str| {
        set.as_ref()
            .and_then(|s| s.get(key))
            .map(|(current, _)| current)
    };
    let axes: Vec<RadarAxis> = results
        .scores
        .transitions
        .iter()
        .map(|t| RadarAxis {
            label: name_of(&t.transition_key),
            current: t.current,
            ambition: None,
            previous: earlier(&results.previous, &t.transition_key),
        })
        .collect();
    let (has_previous, has_peer) = (results.previous.is_some(), results.peer.is_some());
    let band_label = |score: Option<u8>| {
        score
            .map(|s| lang.t(Band::of(s).label()).to_string())
            .unwrap_or_else(|| "—".to_string())
    };
    let rows = results
        .scores
        .transitions
        .iter()
        .map(|t| {
            let before = earlier(&results.previous, &t.transition_key);
            let change = match (t.current, before) {
                (Some(now), Some(before)) => format!("{:+}", i16::from(now) - i16::from(before)),
                _ => "—".to_string(),
            };
            let peer = earlier(&results.peer, &t.transition_key);
            // Each cell names its column (`data-label`): on a narrow screen the table reads
            // as one block per dimension instead of scrolling sideways (style/main.css).
            view! {
                <tr>
                    <th scope="row">{name_of(&t.transition_key)}</th>
                    <td data-label=lang.t(Key::DmaResultsScore)>{dash(t.current)}</td>
                    <td data-label=lang.t(Key::DmaResultsBand)>{band_label(t.current)}</td>
                    {has_previous.then(|| view! {
                        <td data-label=lang.t(Key::ResultsPrevious)>{dash(before)}</td>
                        <td data-label=lang.t(Key::ResultsChange)>{change}</td>
                    })}
                    {has_peer.then(|| view! { <td data-label=lang.t(Key::DmaResultsPeer)>{dash(peer)}</td> })}
                </tr>
            }
        })
        .collect_view();
    let overall = results.scores.overall_current;
    let peer_note = match &results.peer {
        Some(p) => lang.count(Key::ResultsPeerNote, p.count as i64, &[]),
        None => lang.t(Key::ResultsPeerTooFew).to_string(),
    };
    view! {
        <header class="results-header">
            <h1>{lang.t(Key::ResultsTitle)}": "{results.profile.company_name.clone()}</h1>
            <p class="lead">{lang.t(results.variant.label())}</p>
            <p>{lang.t(Key::DmaResultsLead)}</p>
            <div class="overall">
                <div class="figure"><span class="figure-number" data-testid="dma-overall">{dash(overall)}</span><span class="figure-label">{lang.t(Key::DmaResultsOverall)}</span></div>
                <div class="figure"><span class="figure-number figure-word" data-testid="dma-band">{band_label(overall)}</span><span class="figure-label">{lang.t(Key::DmaResultsBand)}</span></div>
            </div>
            <p class="no-print actions">
                <A href=format!("/assessment/{}", results.reference) attr:class="btn btn-secondary">{lang.t(Key::ResultsBack)}</A>
                <PrintButton label=lang.t(Key::ResultsPrint).to_string() class="btn btn-secondary print-button".to_string() />
            </p>
        </header>
        <div class="chart-row">
            <RadarChart axes title=lang.t(Key::DmaResultsRadarTitle).to_string() />
            <div class="table-wrap" tabindex="0">
                <table data-testid="dma-dimensions" class="stack-narrow">
                    <caption>{lang.t(Key::DmaResultsTableCaption)}</caption>
                    <thead><tr>
                        <th scope="col">{lang.t(Key::DmaResultsDimension)}</th>
                        <th scope="col">{lang.t(Key::DmaResultsScore)}</th>
                        <th scope="col">{lang.t(Key::DmaResultsBand)}</th>
                        {has_previous.then(|| view! {
                            <th scope="col">{lang.t(Key::ResultsPrevious)}</th>
                            <th scope="col">{lang.t(Key::ResultsChange)}</th>
                        })}
                        {has_peer.then(|| view! { <th scope="col">{lang.t(Key::DmaResultsPeer)}</th> })}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="hint">{peer_note}</p>
            </div>
        </div>
        <h2>{lang.t(Key::DmaResultsBandsTitle)}</h2>
        <p>{lang.t(Key::DmaResultsBands)}</p>
        <section class="card" aria-labelledby="dma-next-title">
            <h2 id="dma-next-title">{lang.t(Key::DmaResultsNextTitle)}</h2>
            <p>{lang.t(Key::DmaResultsNext)}</p>
            <p class="no-print">{lang.t(Key::DmaResultsSmartFactory)}" "<A href="/assessment">{lang.t(Key::DmaResultsSmartFactoryLink)}</A></p>
        </section>
    }
}
