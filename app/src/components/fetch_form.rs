//! Posting a multipart form with `fetch` (in the browser), for the forms served by axum
//! handlers (`crate::multipart`). The handler answers JSON: where to go, or the error to show
//! beside the form, which keeps everything that was typed.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
async fn post_form(
    form: web_sys::HtmlFormElement,
    submitter: Option<web_sys::HtmlElement>,
    url: &str,
) -> Result<String, AppError> {
    use crate::i18n::Key;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let data = web_sys::FormData::new_with_form(&form).map_err(|_| AppError::Request)?;
    // `new FormData(form)` leaves out the button that was pressed.
    if let Some(button) = submitter.and_then(|s| s.dyn_into::<web_sys::HtmlButtonElement>().ok()) {
        if !button.name().is_empty() {
            let _ = data.append_with_str(&button.name(), &button.value());
        }
    }
    let headers = web_sys::Headers::new().map_err(|_| AppError::Request)?;
    let _ = headers.set("Accept", "application/json");
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&data);
    init.set_headers(&headers);
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| AppError::Request)?
        .dyn_into()
        .map_err(|_| AppError::Request)?;
    let text = JsFuture::from(response.text().map_err(|_| AppError::Request)?)
        .await
        .map_err(|_| AppError::Request)?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        #[derive(serde::Deserialize)]
        struct Done {
            redirect: String,
        }
        serde_json::from_str::<Done>(&text)
            .map(|d| d.redirect)
            .map_err(|_| AppError::Request)
    } else if response.status() == 413 {
        Err(AppError::field("logo", Key::ErrLogoTooLarge))
    } else {
        Err(serde_json::from_str::<AppError>(&text).unwrap_or(AppError::Request))
    }
}

/// The submit handler for such a form: sends it with `fetch`, then follows the redirect, or
/// puts the error in `error` and moves focus to the field it is about. Without JavaScript the
/// form posts itself.
pub fn fetch_submit(
    form_ref: NodeRef<leptos::html::Form>,
    url: &'static str,
    error: RwSignal<Option<Option<AppError>>>,
    busy: RwSignal<bool>,
) -> impl Fn(leptos::ev::SubmitEvent) + Copy + 'static {
    move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            let Some(form) = form_ref.get() else {
                return;
            };
            let submitter = ev.submitter();
            busy.set(true);
            leptos::task::spawn_local(async move {
                let outcome = post_form(form, submitter, url).await;
                busy.set(false);
                match outcome {
                    Ok(next) => {
                        let _ = window().location().set_href(&next);
                    }
                    Err(e) => {
                        let field = match &e {
                            AppError::Invalid { field: Some(f), .. } => Some(f.clone()),
                            _ => None,
                        };
                        error.set(Some(Some(e)));
                        let target = field
                            .and_then(|f| document().get_element_by_id(&format!("field-{f}")))
                            .or_else(|| document().get_element_by_id("form-alert"));
                        if let Some(el) = target {
                            el.scroll_into_view();
                            if let Ok(el) =
                                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
                            {
                                let _ = el.focus();
                            }
                        }
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = (ev, form_ref, url, error, busy);
        }
    }
}
