//! All matches of an assessment on a page of their own.

use super::api::get_matches;
use super::sections::MatchLists;
use crate::i18n::{use_lang, Key};
use crate::ui::{query_value, route_param, Loaded};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn MatchesPage() -> impl IntoView {
    let lang = use_lang();
    let reference = route_param("reference");
    let list = Resource::new(reference, get_matches);
    let sent = query_value("sent");
    view! {
        <Title text=lang.t(Key::MatchTitle) />
        <section class="container">
            <p class="breadcrumb"><A href=move || format!("/assessment/{}/results", reference())>{lang.t(Key::MatchBackToResults)}</A></p>
            <h1>{lang.t(Key::MatchTitle)}</h1>
            <p class="lead">{lang.t(Key::MatchIntro)}</p>
            <Show when=move || sent.get() == "1">
                <div class="alert alert-success" role="status">{lang.t(Key::ContactSent)}</div>
            </Show>
            <Loaded resource=list let:l>
                <MatchLists list=l standalone=true />
            </Loaded>
            <p class="hint">{lang.t(Key::MatchHowItWorks)}</p>
        </section>
    }
}
