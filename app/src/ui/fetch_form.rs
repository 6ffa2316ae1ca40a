//! Posting a multipart form with `fetch` (in the browser), for the forms served by axum
//! handlers (`crate::web::multipart`). The handler answers JSON: where to go, or the error to show
//! beside the form, which keeps everything that was typed.

use super::InlineScript;
use leptos::prelude::*;

/// The messages the form needs when the server cannot say itself, translated on the server.
#[derive(Clone, Debug)]
pub struct FetchFormTexts {
    /// The server could not be reached or answered something unreadable.
    pub failed: String,
    /// The upload was refused for its size before the handler saw it (HTTP 413).
    pub too_large: String,
    /// The file field that message is about.
    pub file_field: String,
}

impl FetchFormTexts {
    pub fn new(lang: crate::i18n::Lang) -> Self {
        use crate::i18n::Key;
        FetchFormTexts {
            failed: lang.t(Key::ErrRequest).to_string(),
            too_large: lang.t(Key::ErrLogoTooLarge).to_string(),
            file_field: "logo".to_string(),
        }
    }

    /// For a form whose file is a photo (a best practice).
    pub fn photo(lang: crate::i18n::Lang) -> Self {
        use crate::i18n::Key;
        FetchFormTexts {
            too_large: lang.t(Key::ErrPhotoTooLarge).to_string(),
            file_field: "photo".to_string(),
            ..FetchFormTexts::new(lang)
        }
    }
}

/// A multipart form that, in the browser, posts itself with `fetch` (`fetch_form.js`): then it
/// follows the redirect, or shows the error above the fields, marks and focuses the field it is
/// about and keeps everything that was typed (file choices included). Without JavaScript the
/// form posts itself and the server sends the browser back with the error in the URL, which
/// the form shows above its fields. While a post runs the form carries `aria-busy`,
/// which the stylesheet uses to dim its buttons; a second submit is ignored.
///
/// Deliberately plain script instead of an island (it was one until 2026-12-06): the pages
/// with an upload have no other island, and an island made them download the whole WASM
/// module, which the assessment's runner also carries (docs/benchmarks.md).
#[component]
pub fn FetchForm(
    action: String,
    class: String,
    texts: FetchFormTexts,
    children: Children,
) -> impl IntoView {
    // Read here, now that the form renders on the server only (as an island it had to be given
    // the text by each page).
    let error = super::url_error(crate::i18n::use_lang());
    let FetchFormTexts {
        failed,
        too_large,
        file_field,
    } = texts;
    view! {
        <form class=class method="post" action=action enctype="multipart/form-data" data-fetch-form=""
            data-failed=failed data-too-large=too_large data-file-field=file_field>
            <div id="form-alert" tabindex="-1">
                {error.map(|m| view! { <div class="alert alert-error" role="alert">{m}</div> })}
            </div>
            {children()}
        </form>
        <InlineScript source=include_str!("fetch_form.js") />
    }
}
