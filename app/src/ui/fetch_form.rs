//! Posting a multipart form with `fetch` (in the browser), for the forms served by axum
//! handlers (`crate::web::multipart`). The handler answers JSON: where to go, or the error to show
//! beside the form, which keeps everything that was typed.

use leptos::prelude::*;

/// Why a post did not go through, as the form shows it: the message in the page's language
/// and the field it is about (`crate::web::multipart::respond` writes it).
#[cfg(feature = "hydrate")]
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
struct Failure {
    message: String,
    field: Option<String>,
}

/// The messages the form needs when the server cannot say itself, translated on the server:
/// the island carries no text tables.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
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

#[cfg(feature = "hydrate")]
async fn post_form(
    form: web_sys::HtmlFormElement,
    submitter: Option<web_sys::HtmlElement>,
    url: &str,
    texts: &FetchFormTexts,
) -> Result<String, Failure> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let failed = || Failure {
        message: texts.failed.clone(),
        field: None,
    };
    let data = web_sys::FormData::new_with_form(&form).map_err(|_| failed())?;
    // `new FormData(form)` leaves out the button that was pressed.
    if let Some(button) = submitter.and_then(|s| s.dyn_into::<web_sys::HtmlButtonElement>().ok()) {
        if !button.name().is_empty() {
            let _ = data.append_with_str(&button.name(), &button.value());
        }
    }
    let headers = web_sys::Headers::new().map_err(|_| failed())?;
    let _ = headers.set("Accept", "application/json");
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&data);
    init.set_headers(&headers);
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| failed())?
        .dyn_into()
        .map_err(|_| failed())?;
    let text = JsFuture::from(response.text().map_err(|_| failed())?)
        .await
        .map_err(|_| failed())?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        #[derive(serde::Deserialize)]
        struct Done {
            redirect: String,
        }
        serde_json::from_str::<Done>(&text)
            .map(|d| d.redirect)
            .map_err(|_| failed())
    } else if response.status() == 413 {
        Err(Failure {
            message: texts.too_large.clone(),
            field: Some(texts.file_field.clone()),
        })
    } else {
        Err(serde_json::from_str::<Failure>(&text).unwrap_or_else(|_| failed()))
    }
}

/// A multipart form that, in the browser, posts itself with `fetch`: then it follows the
/// redirect, or shows the error above the fields, marks and focuses the field it is about and
/// keeps everything that was typed (file choices included). Without JavaScript the form posts
/// itself and the server sends the browser back with the error in the URL; the page passes
/// that error's text in as `error`.
///
/// An island: the fields are the server's HTML (`children`), only the submit handling runs in
/// the browser. While a post runs the form carries `aria-busy`, which the stylesheet uses to
/// dim its buttons; a second submit is ignored.
#[island]
pub fn FetchForm(
    action: String,
    class: String,
    error: Option<String>,
    texts: FetchFormTexts,
    children: Children,
) -> impl IntoView {
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let message = move || failure.get().or_else(|| error.clone());
    let on_submit = {
        let url = action.clone();
        move |ev: leptos::ev::SubmitEvent| {
            #[cfg(feature = "hydrate")]
            {
                ev.prevent_default();
                if busy.get_untracked() {
                    return;
                }
                let Some(form) = form_ref.get_untracked() else {
                    return;
                };
                let submitter = ev.submitter();
                let (url, texts) = (url.clone(), texts.clone());
                busy.set(true);
                leptos::task::spawn_local(async move {
                    let outcome = post_form(form.clone(), submitter, &url, &texts).await;
                    busy.set(false);
                    match outcome {
                        Ok(next) => {
                            let _ = window().location().set_href(&next);
                        }
                        Err(f) => show_failure(&form, f, failure),
                    }
                });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (ev, &url, &texts);
        }
    };
    view! {
        <form
            node_ref=form_ref
            class=class
            method="post"
            action=action
            enctype="multipart/form-data"
            aria-busy=move || busy.get().then_some("true")
            on:submit=on_submit
        >
            <div id="form-alert" tabindex="-1">
                {move || message().map(|m| view! { <div class="alert alert-error" role="alert">{m}</div> })}
            </div>
            {children()}
        </form>
    }
}

/// The elements of a query's result (the walk a `NodeList` needs).
#[cfg(feature = "hydrate")]
fn elements(list: Result<web_sys::NodeList, wasm_bindgen::JsValue>) -> Vec<web_sys::Element> {
    use wasm_bindgen::JsCast;
    let Ok(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// Shows a failed post: the message above the form, the field it is about marked invalid
/// (and no other), and focus on that field, or on the message when it names none.
#[cfg(feature = "hydrate")]
fn show_failure(form: &web_sys::HtmlFormElement, f: Failure, failure: RwSignal<Option<String>>) {
    use wasm_bindgen::JsCast;
    failure.set(Some(f.message.clone()));
    // A notice from an earlier success ("draft saved") would contradict the error: hide it.
    for el in elements(document().query_selector_all("[data-flash]")) {
        let _ = el.set_attribute("hidden", "");
    }
    // The message also goes right below the field, where the eye and the focus are: the one
    // above the form may be a long way up.
    for el in elements(form.query_selector_all(".field-error-inline")) {
        el.remove();
    }
    if let Ok(marked) = form.query_selector_all("[aria-invalid]") {
        for i in 0..marked.length() {
            if let Some(el) = marked
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.remove_attribute("aria-invalid");
            }
        }
    }
    let field_el = f
        .field
        .and_then(|name| document().get_element_by_id(&format!("field-{name}")));
    if let Some(el) = &field_el {
        let _ = el.set_attribute("aria-invalid", "true");
        if let Ok(note) = document().create_element("p") {
            let error_id = format!("{}-error", el.id());
            note.set_class_name("field-error field-error-inline");
            note.set_id(&error_id);
            note.set_text_content(Some(&f.message));
            let _ = el.insert_adjacent_element("afterend", &note);
            let described = el.get_attribute("aria-describedby").unwrap_or_default();
            if !described.split_whitespace().any(|d| d == error_id) {
                let _ =
                    el.set_attribute("aria-describedby", format!("{described} {error_id}").trim());
            }
        }
    }
    if let Some(el) = field_el.or_else(|| document().get_element_by_id("form-alert")) {
        // Centred, so the field's label and the message above it stay in sight.
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
