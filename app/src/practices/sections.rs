//! What other pages show of the best practices: a case as a card, and the cases that fit a
//! company's priorities and size (results and plan pages).

use super::api::*;
use super::view::*;
use crate::assessment::model::Text;
use crate::assessment::profile::{label, PROVINCES, SIZE_CLASSES};
use crate::i18n::{use_lang, Key, Lang};
use leptos::prelude::*;

/// A text in the page's language, or the Dutch one when the English is empty.
pub(super) fn shown(text: &Text, lang: Lang) -> String {
    lang.pick(&text.nl, &text.en).0.to_string()
}

/// "Supplier · 20-49 employees · Drenthe": who the case is about.
pub(super) fn about(card: &PracticeCard, lang: Lang) -> String {
    let mut parts = vec![lang.t(card.variant.label()).to_string()];
    if let Some(k) = label(&SIZE_CLASSES, &card.size_class) {
        parts.push(lang.t(k).to_string());
    }
    if let Some(k) = label(&PROVINCES, &card.province) {
        parts.push(lang.t(k).to_string());
    }
    parts.join(" · ")
}

pub(super) fn company(card: &PracticeCard, lang: Lang) -> String {
    if card.company_name.is_empty() {
        lang.t(Key::PracticeAnonymous).to_string()
    } else {
        card.company_name.clone()
    }
}

/// A case as a card in a list; `small` for a line in another page's list (no photo).
#[component]
pub fn PracticeCardView(card: PracticeCard, #[prop(optional)] small: bool) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/practices/{}", card.slug);
    let title = shown(&card.title, lang);
    let result = shown(&card.result, lang);
    view! {
        <li class=if small { "practice-card practice-card-small" } else { "card practice-card" }>
            {(!small).then(|| card.photo.clone().map(|src| view! { <img class="practice-thumb" src=src alt="" loading="lazy" /> }))}
            <div>
                <a href=href class="practice-title">{title}</a>
                <p class="muted practice-about">{company(&card, lang)}" · "{about(&card, lang)}</p>
                {(!result.is_empty()).then(|| view! { <p class="practice-result">{result}</p> })}
            </div>
        </li>
    }
}

/// On the results page: cases on the company's priority transitions, its size class first.
#[component]
pub fn PracticeSuggestions(themes: Vec<String>, size_class: String) -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(
        move || (themes.join(","), size_class.clone()),
        |(themes, size)| suggested_practices(themes, size),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(cases) if !cases.is_empty() => view! {
                        <h3>{lang.t(Key::PracticesForYou)}</h3>
                        <ul class="practice-list-small">
                            {cases.into_iter().map(|card| view! { <PracticeCardView card small=true /> }).collect_view()}
                        </ul>
                        <p><a href="/practices">{lang.t(Key::PracticesAll)}</a></p>
                    }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}
