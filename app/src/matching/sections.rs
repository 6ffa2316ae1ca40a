//! The matches as other pages show them: the block on the results page, both lists with their
//! cards, and a reason in words (the plan's steps and the contact form use it too).

use super::api::get_matches;
use super::view::{MatchList, MatchView};
use super::Reason;
use crate::assessment::profile::{label, PROVINCES, SIZE_CLASSES};
use crate::i18n::{use_lang, Key, Lang};
use crate::providers::model::{transition_name, TransitionChoice};
use crate::ui::Loaded;
use leptos::prelude::*;
use leptos_router::components::A;

/// "A, B en C" / "A, B and C".
fn join_names(names: &[String], lang: Lang) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {}", rest.join(", "), lang.t(Key::WordAnd), last),
    }
}

/// A reason in plain language.
pub fn reason_text(reason: &Reason, choices: &[TransitionChoice], lang: Lang) -> String {
    match reason {
        Reason::CoversPriorities(keys) => {
            let names: Vec<String> = keys
                .iter()
                .filter_map(|k| transition_name(choices, k).map(|t| t.get(lang).to_string()))
                .collect();
            lang.fill(
                Key::ReasonCovers,
                &[("transitions", &join_names(&names, lang))],
            )
        }
        Reason::ServesVariant(v) => lang.fill(
            Key::ReasonVariant,
            &[("variant", &lang.t(v.label()).to_lowercase())],
        ),
        Reason::ServesSize(s) => lang.fill(
            Key::ReasonSize,
            &[(
                "size",
                label(&SIZE_CLASSES, s)
                    .map(|k| lang.t(k))
                    .unwrap_or_default(),
            )],
        ),
        Reason::InRegion(r) => lang.fill(
            Key::ReasonRegion,
            &[(
                "region",
                label(&PROVINCES, r).map(|k| lang.t(k)).unwrap_or_default(),
            )],
        ),
    }
}

#[component]
fn MatchCard(
    m: MatchView,
    choices: Vec<TransitionChoice>,
    reference: String,
    can_contact: bool,
) -> impl IntoView {
    let lang = use_lang();
    let reasons: Vec<String> = m
        .reasons
        .iter()
        .map(|r| reason_text(r, &choices, lang))
        .collect();
    let contact = if m.requested {
        view! { <p class="badge badge-sent">{lang.t(Key::MatchRequested)}</p> }.into_any()
    } else if can_contact {
        view! {
            <A href=format!("/assessment/{reference}/contact/{}", m.slug) attr:class="btn btn-primary">
                {lang.t(Key::MatchContact)}
            </A>
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <li class="card match-card">
            <div class="profile-card-head">
                {m.logo_url.clone().map(|url| view! { <img class="logo-small" src=url alt="" /> })}
                <div>
                    <h3><A href=format!("/directory/{}", m.slug)>{m.name.clone()}</A></h3>
                    <p class="muted">{lang.t(m.kind.label())}" · "{lang.fill(Key::MatchScore, &[("score", &m.score.to_string())])}</p>
                </div>
            </div>
            <p>{m.pitch.clone()}</p>
            <p class="match-why"><strong>{lang.t(Key::MatchWhy)}</strong></p>
            <ul class="reasons">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            {contact}
        </li>
    }
}

/// Both lists of matches, with the contact buttons when the asker may use them.
#[component]
pub fn MatchLists(
    list: MatchList,
    #[prop(optional)] limit: Option<usize>,
    /// On a page of its own the two lists head at level 2 (under the page's h1); inside the
    /// results they sit under its "matches" h2, at level 3.
    #[prop(optional)]
    standalone: bool,
) -> impl IntoView {
    let lang = use_lang();
    let limit = limit.unwrap_or(usize::MAX);
    let section = |title: Key, items: Vec<MatchView>| {
        let choices = list.choices.clone();
        let reference = list.reference.clone();
        let can_contact = list.can_contact;
        let heading = lang.t(title);
        view! {
            {if standalone {
                view! { <h2 class="h3">{heading}</h2> }.into_any()
            } else {
                view! { <h3>{heading}</h3> }.into_any()
            }}
            {if items.is_empty() {
                view! { <p class="empty">{lang.t(Key::MatchNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="match-grid">
                        {items.into_iter().take(limit).map(|m| view! {
                            <MatchCard m choices=choices.clone() reference=reference.clone() can_contact />
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        }
    };
    let needs_account = !list.can_contact;
    view! {
        {needs_account.then(|| view! { <p class="alert alert-info no-print">{lang.t(Key::MatchNeedAccount)}</p> })}
        {section(Key::MatchProviders, list.providers.clone())}
        {section(Key::MatchConsultants, list.consultants.clone())}
    }
}

/// The matches block on the results page: the best three of each kind and a link to all.
#[component]
pub fn MatchesSection(reference: String) -> impl IntoView {
    let lang = use_lang();
    let r = reference.clone();
    let list = Resource::new(move || r.clone(), get_matches);
    view! {
        // Printed too: the report a company takes to its management names who can help.
        <section class="matches" aria-labelledby="matches-title">
            <h2 id="matches-title">{lang.t(Key::MatchTitle)}</h2>
            <p>{lang.t(Key::MatchIntro)}</p>
            <Loaded resource=list let:l>
                <MatchLists list=l limit=3 />
            </Loaded>
            <p><A href=format!("/assessment/{reference}/matches") attr:class="btn btn-secondary">{lang.t(Key::MatchAll)}</A></p>
        </section>
    }
}
