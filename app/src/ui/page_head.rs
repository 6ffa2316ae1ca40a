//! A page's heading and its browser-tab title, from one key.

use crate::i18n::{use_lang, Key};
use leptos::prelude::*;
use leptos_meta::Title;

/// The page heading and title in one.
#[component]
pub fn PageHead(title: Key, #[prop(optional)] intro: Option<Key>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(title) />
        <h1>{lang.t(title)}</h1>
        {intro.map(|k| view! { <p class="lead">{lang.t(k)}</p> })}
    }
}
