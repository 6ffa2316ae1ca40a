//! Filters that apply as soon as they change (the directory), where the browser runs script.

use leptos::prelude::*;

/// Wraps a GET filter form. When a choice in it changes (a select, a checkbox), the page for
/// the new query is fetched and the element with id `results` is replaced by the same element
/// of that page, and the address bar shows the new query. Focus stays where it was, so
/// keyboard users can go on through the options; the results' count (a `role="status"`
/// inside `results`) announces the change. Text fields apply with Enter or the button, as
/// without JavaScript, where the form is a plain GET and nothing here runs.
#[island]
pub fn LiveFilter(results: String, children: Children) -> impl IntoView {
    // Only the newest request may fill the page: an older answer arriving late is dropped.
    let latest = StoredValue::new(0u32);
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let Some(url) = url_of_changed_form(&ev) else {
                return;
            };
            let seq = latest.get_value().wrapping_add(1);
            latest.set_value(seq);
            let results = results.clone();
            leptos::task::spawn_local(async move {
                if let Some(html) = fetch_text(&url).await {
                    if latest.get_value() == seq {
                        replace_results(&html, &results, &url);
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&ev, &results, latest);
    };
    view! { <div class="live-filter" on:change=on_change>{children()}</div> }
}

/// The form's GET address with its current values, when the change was a choice (not text).
#[cfg(feature = "hydrate")]
fn url_of_changed_form(ev: &leptos::ev::Event) -> Option<String> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let is_choice = match target.tag_name().as_str() {
        "SELECT" => true,
        "INPUT" => matches!(
            target.get_attribute("type").as_deref(),
            Some("checkbox" | "radio")
        ),
        _ => false,
    };
    if !is_choice {
        return None;
    }
    let form = target
        .closest("form")
        .ok()??
        .dyn_into::<web_sys::HtmlFormElement>()
        .ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    let query: String = params.to_string().into();
    Some(format!(
        "{}?{query}",
        form.get_attribute("action").unwrap_or_default()
    ))
}

#[cfg(feature = "hydrate")]
async fn fetch_text(url: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let response = JsFuture::from(window().fetch_with_str(url))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

#[cfg(feature = "hydrate")]
fn replace_results(html: &str, id: &str, url: &str) {
    let parsed = web_sys::DomParser::new()
        .and_then(|p| p.parse_from_string(html, web_sys::SupportedType::TextHtml))
        .ok();
    let fresh = parsed.and_then(|doc| doc.get_element_by_id(id));
    let current = document().get_element_by_id(id);
    if let (Some(fresh), Some(current)) = (fresh, current) {
        current.set_inner_html(&fresh.inner_html());
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
        }
    }
}
