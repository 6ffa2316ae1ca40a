//! Small building blocks shared by all pages.

mod copy;
mod date;
mod fetch_form;
mod form;
mod islands;
mod live_filter;
mod print;

pub use copy::{CopyButton, CopyTexts};
pub use date::format_date;
pub use fetch_form::{FetchForm, FetchFormTexts};
pub use form::{action_error, query_value, url_error, ErrorAlert, FormAlert, SubmitButton};
#[cfg(feature = "ssr")]
pub use islands::build_hashes;
pub use islands::IslandScripts;
pub use live_filter::LiveFilter;
pub use print::PrintButton;

/// Percent-encodes a query value (everything but unreserved characters).
pub fn encode_query(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
