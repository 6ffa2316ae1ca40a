//! The "copy link" button beside a link someone must keep (the assessment's resume link).
//!
//! Deliberately a few lines of plain script (`copy.js`) instead of an island: the overview
//! page that shows the link has no other island, and an island would make it download the
//! whole WASM module (~170 KB brotli since the runner) for one button (docs/benchmarks.md).

use super::InlineScript;
use leptos::prelude::*;

/// Texts of the copy button, translated on the server.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct CopyTexts {
    pub label: String,
    pub done: String,
    pub failed: String,
}

/// Copies `text` to the clipboard and says so; when the browser refuses, selects the field
/// with id `field` and says how to copy it. Hidden until the page's script runs (`needs-js`):
/// without JavaScript the field itself can be selected and copied, and a button that did
/// nothing would only confuse.
#[component]
pub fn CopyButton(text: String, field: String, texts: CopyTexts) -> impl IntoView {
    let CopyTexts {
        label,
        done,
        failed,
    } = texts;
    view! {
        <button type="button" class="btn btn-secondary needs-js" data-copy=text data-field=field data-done=done data-failed=failed>{label}</button>
        <span class="copy-status" role="status"></span>
        <InlineScript source=include_str!("copy.js") />
    }
}
