//! What helps with a step, shown under it (folded, so a plan of twenty steps stays readable):
//! upcoming events on its theme, a masterclass with a one-click "add as a step" (a plain form,
//! so it works without script), and the best-fitting providers and consultants with the
//! reasons the matching gives, and how other companies did it (best practices). Nothing of it
//! is printed: paper shows the plan itself.

use super::api::AddPlanEventStep;
use super::view::{HelpEvent, ThemeHelp};
use crate::events::model::EventKind;
use crate::i18n::{use_lang, Key};
use crate::matching::view::MatchView;
use crate::providers::model::TransitionChoice;
use crate::ui::format_date;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn StepHelp(
    help: ThemeHelp,
    reference: String,
    choices: Vec<TransitionChoice>,
    /// The asker may change the plan (add a masterclass as a step).
    can_edit: bool,
    /// The asker may ask a profile for contact (a logged-in member of the company).
    can_contact: bool,
) -> impl IntoView {
    let lang = use_lang();
    let events = (!help.events.is_empty()).then(|| {
        let reference = reference.clone();
        view! {
            <h5>{lang.t(Key::PlanStepHelpEvents)}</h5>
            <ul class="plan-help-list">
                {help.events.into_iter().map(|e| view! {
                    <HelpEventLine e reference=reference.clone() can_edit />
                }).collect_view()}
            </ul>
        }
    });
    let profiles = (!help.profiles.is_empty()).then(|| {
        view! {
            <h5>{lang.t(Key::PlanStepHelpProfiles)}</h5>
            <ul class="plan-help-list">
                {help.profiles.into_iter().map(|m| view! {
                    <HelpProfileLine m reference=reference.clone() choices=choices.clone() can_contact />
                }).collect_view()}
            </ul>
        }
    });
    let cases = (!help.cases.is_empty()).then(|| {
        view! {
            <h5>{lang.t(Key::PlanStepHelpCases)}</h5>
            <ul class="plan-help-list">
                {help.cases.into_iter().map(|card| view! {
                    <crate::practices::sections::PracticeCardView card small=true />
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <details class="plan-step-help no-print">
            <summary>{lang.t(Key::PlanStepHelp)}</summary>
            {events}
            {profiles}
            {cases}
        </details>
    }
}

#[component]
fn HelpEventLine(e: HelpEvent, reference: String, can_edit: bool) -> impl IntoView {
    let lang = use_lang();
    let title = e.title.get(lang).to_string();
    // A masterclass that is no longer addable is already a step of this plan.
    let in_plan = e.kind == EventKind::Masterclass && !e.addable;
    let add = (e.addable && can_edit).then(|| {
        let label = lang.fill(Key::PlanAddEventLabel, &[("title", &title)]);
        view! {
            <form method="post" action=AddPlanEventStep::PATH class="inline-form">
                <input type="hidden" name="reference" value=reference />
                <input type="hidden" name="event" value=e.slug.clone() />
                <button type="submit" class="btn btn-secondary btn-small" aria-label=label>
                    {lang.t(Key::PlanAddEvent)}
                </button>
            </form>
        }
    });
    view! {
        <li>
            <a href=format!("/events/{}", e.slug)>{title.clone()}</a>
            <span class="muted">" · "{lang.t(e.kind.label())}" · "{format_date(e.starts_at)}</span>
            {in_plan.then(|| view! { " "<span class="badge">{lang.t(Key::PlanEventInPlan)}</span> })}
            {add}
        </li>
    }
}

#[component]
fn HelpProfileLine(
    m: MatchView,
    reference: String,
    choices: Vec<TransitionChoice>,
    can_contact: bool,
) -> impl IntoView {
    let lang = use_lang();
    let reasons: Vec<String> = m
        .reasons
        .iter()
        .map(|r| crate::matching::sections::reason_text(r, &choices, lang))
        .collect();
    let contact = if m.requested {
        Some(
            view! { <span class="badge badge-sent">{lang.t(Key::MatchRequested)}</span> }
                .into_any(),
        )
    } else {
        can_contact.then(|| {
            view! {
                <a class="btn btn-secondary btn-small" href=format!("/assessment/{reference}/contact/{}", m.slug)>
                    {lang.t(Key::MatchContact)}
                </a>
            }
            .into_any()
        })
    };
    view! {
        <li>
            <a href=format!("/directory/{}", m.slug)>{m.name.clone()}</a>
            <span class="muted">" · "{lang.t(m.kind.label())}" · "{lang.fill(Key::MatchScore, &[("score", &m.score.to_string())])}</span>
            <ul class="reasons">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            {contact}
        </li>
    }
}
