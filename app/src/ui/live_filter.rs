//! Filters that apply as soon as a choice changes (the directory, the agenda), where the
//! browser runs script.
//!
//! Deliberately a few lines of plain script (`live_filter.js`) instead of an island: an island
//! makes the page download the whole WASM module (~170 KB brotli since the runner) for this
//! one behaviour, while the script is under 1 KB and needs nothing else. The pages using it
//! have no other island, so their first visit stays HTML and CSS (docs/benchmarks.md).

use super::InlineScript;
use leptos::prelude::*;

/// Wraps a GET filter form; `results` is the id of the element a new query replaces (see
/// `live_filter.js`). Without JavaScript the form is a plain GET with its button.
#[component]
pub fn LiveFilter(results: String, children: Children) -> impl IntoView {
    view! {
        <div class="live-filter" data-results=results>{children()}</div>
        <InlineScript source=include_str!("live_filter.js") />
    }
}
