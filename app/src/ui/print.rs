//! The "print" button of the results page and the programme figures.
//!
//! Deliberately one line of plain script (`print.js`) instead of an island: it was the only
//! island on the results page, which downloaded the whole WASM module (~105 KB brotli) for it.

use super::InlineScript;
use leptos::prelude::*;

/// Opens the browser's print dialog. `needs-js`: hidden until the page's script has run, so it
/// never sits there doing nothing.
#[component]
pub fn PrintButton(label: String, class: String) -> impl IntoView {
    view! {
        <button type="button" class=format!("{class} needs-js") data-print="">{label}</button>
        <InlineScript source=include_str!("print.js") />
    }
}
