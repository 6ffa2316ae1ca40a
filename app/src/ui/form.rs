//! Form helpers for the pages' `ActionForm`s.
//!
//! Pages render on the server only (islands), so every form is a plain post: a failed one is
//! sent back to the form with `?error=<key>` (see `web::request::finish_form`), which
//! [`FormAlert`] shows. An action's own value is only ever set in the browser, which pages
//! do not run in; [`action_error`] still reads it so a form that moves into an island keeps
//! showing its errors without changes.

use crate::error::AppError;
use crate::i18n::{use_lang, Key, Lang};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// A value from the query string, or one a failed plain form post kept for this page (kept
/// in a short-lived cookie rather than the URL; see `web::request::finish_form`).
pub fn query_value(name: &'static str) -> Signal<String> {
    let query = use_query_map();
    #[cfg(feature = "ssr")]
    let kept = crate::web::request::kept_field(name);
    #[cfg(not(feature = "ssr"))]
    let kept: Option<String> = None;
    Signal::derive(move || {
        query
            .read()
            .get(name)
            .or_else(|| kept.clone())
            .unwrap_or_default()
    })
}

/// The text of the error a failed plain form post sent back in the URL (`?error=<key>`), for
/// forms that render it themselves ([`super::FetchForm`]).
pub fn url_error(lang: Lang) -> Option<String> {
    Key::from_id(&query_value("error").get_untracked()).map(|k| lang.t(k).to_string())
}

/// The error of an action's last run, if it failed.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<Option<AppError>>>
where
    S: ServerFn<Error = AppError> + Send + Sync + Clone + 'static,
    S::Output: Send + Sync + 'static,
{
    // Outer None: the action has not run yet (then the URL may hold a no-JS error).
    let posted = posted_form_error(S::PATH);
    Signal::derive(move || {
        action
            .value()
            .with(|v| v.as_ref().map(|r| r.as_ref().err().cloned()))
            .or_else(|| posted.get())
    })
}

/// For a plain form posting to `path` (a server function's URL): `None` lets [`FormAlert`] show
/// the error in the page's URL, which names the form that failed; another form's failure on
/// the same page gives `Some(None)`, nothing to show.
pub fn posted_form_error(path: &'static str) -> Signal<Option<Option<AppError>>> {
    let failed_form = query_value("form");
    Signal::derive(move || {
        let form = failed_form.get();
        (!form.is_empty() && form != path).then_some(None)
    })
}

/// Shows the error of the last attempt: from the action (JavaScript) or the URL (no JavaScript).
#[component]
pub fn FormAlert(error: Signal<Option<Option<AppError>>>) -> impl IntoView {
    let lang = use_lang();
    let query_error = query_value("error");
    let message = move || match error.get() {
        Some(Some(e)) => Some(e.message(lang)),
        Some(None) => None,
        None => Key::from_id(&query_error.get()).map(|k| lang.t(k)),
    };
    view! {
        <Show when=move || message().is_some()>
            <div class="alert alert-error" role="alert">
                {move || message().unwrap_or_default()}
            </div>
        </Show>
    }
}

/// A form's submit button. Forms on server-rendered pages are plain posts: the browser shows
/// its own progress while the next page loads.
#[component]
pub fn SubmitButton(label: Key) -> impl IntoView {
    let lang = use_lang();
    view! { <button type="submit" class="btn btn-primary">{lang.t(label)}</button> }
}

/// The message of a failed server call, for pages that could not load their data.
#[component]
pub fn ErrorAlert(error: AppError) -> impl IntoView {
    let lang = use_lang();
    view! { <div class="alert alert-error" role="alert">{error.message(lang)}</div> }
}
