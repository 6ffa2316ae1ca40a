//! The "copy link" button beside a link someone must keep (the assessment's resume link).

use leptos::prelude::*;

/// Texts of the copy button, translated on the server so the island carries no text tables.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct CopyTexts {
    pub label: String,
    pub done: String,
    pub failed: String,
}

/// Copies `text` to the clipboard and says so. When the browser refuses (no permission, an
/// insecure origin), the field with id `field` is selected so the person can copy it with
/// the keyboard, and told to. Hidden until the page's script runs (`needs-js`): without
/// JavaScript the field itself can be selected and copied, and a button that did nothing
/// would only confuse.
#[island]
pub fn CopyButton(text: String, field: String, texts: CopyTexts) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let CopyTexts {
        label,
        done,
        failed,
    } = texts;
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let (text, field, done, failed) =
                (text.clone(), field.clone(), done.clone(), failed.clone());
            leptos::task::spawn_local(async move {
                let copied = match web_sys::window() {
                    Some(w) => {
                        let promise = w.navigator().clipboard().write_text(&text);
                        wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
                    }
                    None => false,
                };
                if copied {
                    status.set(done);
                } else {
                    select_field(&field);
                    status.set(failed);
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&text, &field, &done, &failed);
    };
    view! {
        <button type="button" class="btn btn-secondary needs-js" on:click=copy>{label}</button>
        <span class="copy-status" role="status">{move || status.get()}</span>
    }
}

#[cfg(feature = "hydrate")]
fn select_field(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = input.focus();
        input.select();
    }
}
