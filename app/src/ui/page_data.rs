//! An island's large props as a JSON script element of the page rather than in Leptos's
//! `data-props` attribute.
//!
//! Leptos writes an island's props into an HTML attribute, where every quote of the JSON
//! becomes `&quot;`: the runner's props (the whole questionnaire's texts) come to 32.6 KB
//! that way against 27.1 KB as JSON, 0.7 KB more after compression on every questionnaire
//! page (docs/benchmarks.md, 2026-12-07). In a `<script type="application/json">` the JSON
//! stays as it is; the browser never runs it (and the page's script policy does not apply).
//!
//! So an island whose props are large takes them as [`InPage<T>`]: on the server the island
//! gets the value itself and [`page_data`] writes it into the page, before the island; in the
//! props the island's `InPage` is written as `null`, and the browser reads the value from the
//! script element named by [`InPageData::ID`] when the island comes alive.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value that travels in the page's script element `ID` (one per page).
pub trait InPageData: Serialize + DeserializeOwned {
    /// The script element's id.
    const ID: &'static str;
}

/// An island prop whose value travels in the page's script element (see the module's comment).
#[derive(Clone, Debug)]
pub struct InPage<T>(pub T);

impl<T: InPageData> Serialize for InPage<T> {
    /// `null`: the value itself is in the page ([`page_data`]).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl<'de, T: InPageData> Deserialize<'de> for InPage<T> {
    /// Reads the `null` of the props, then the value from the page's script element.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        serde::de::IgnoredAny::deserialize(deserializer)?;
        let json = page_text(T::ID)
            .ok_or_else(|| D::Error::custom(format!("no script element #{}", T::ID)))?;
        serde_json::from_str(&json)
            .map(InPage)
            .map_err(D::Error::custom)
    }
}

/// The text of the element `id`, in the browser.
#[cfg(feature = "hydrate")]
fn page_text(id: &str) -> Option<String> {
    document().get_element_by_id(id)?.text_content()
}

/// On the server islands get their props as values, never from the page.
#[cfg(not(feature = "hydrate"))]
fn page_text(_: &str) -> Option<String> {
    None
}

/// The JSON for a script element: `<` written as `\u003c`, so no text in it (a question that
/// says `</script>`) can end the element. JSON has `<` only inside strings, where the escape
/// reads back as the same character.
fn script_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

/// The script element that carries `data` for its island; put before the island in the page.
pub fn page_data<T: InPageData>(data: &T) -> impl IntoView {
    view! { <script type="application/json" id=T::ID inner_html=script_json(data)></script> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_text_can_end_the_script_element() {
        let json = script_json(&("</script><script>alert(1)</script>", 2));
        assert!(!json.contains('<'), "{json}");
        let back: (String, i32) = serde_json::from_str(&json).unwrap();
        assert_eq!(back.0, "</script><script>alert(1)</script>");
    }

    #[derive(Serialize, Deserialize)]
    struct Sheet(String);

    impl InPageData for Sheet {
        const ID: &'static str = "test-sheet";
    }

    #[test]
    fn the_props_carry_null_and_the_server_cannot_read_them_back() {
        let json = serde_json::to_string(&InPage(Sheet("groot".into()))).unwrap();
        assert_eq!(json, "null");
        // Only the browser has the page to read the value from.
        assert!(serde_json::from_str::<InPage<Sheet>>("null").is_err());
    }
}
