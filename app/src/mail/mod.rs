//! E-mail goes through the outbox table: writing a mail is part of the same database work as
//! the change it reports, and a background sender delivers it (or, without SMTP configured,
//! staff read it on the outbox page).

#[cfg(feature = "ssr")]
pub mod outbox;

use serde::{Deserialize, Serialize};

/// A mail as the staff outbox page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: i64,
}

/// The body as staff may see it: every web address replaced by `hidden`. A mail can carry a
/// password-reset, invitation, verification or resume link, and whoever reads the link holds
/// the account or assessment it opens; staff need to see that a mail went out, not its keys.
pub fn mask_links(body: &str, hidden: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = find_link(rest) {
        out.push_str(&rest[..start]);
        let link = &rest[start..];
        let end = link
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
            .unwrap_or(link.len());
        out.push_str(hidden);
        rest = &link[end..];
    }
    out.push_str(rest);
    out
}

fn find_link(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    [lower.find("http://"), lower.find("https://")]
        .into_iter()
        .flatten()
        .min()
}

#[cfg(test)]
mod tests {
    use super::mask_links;

    #[test]
    fn links_are_hidden_and_the_rest_kept() {
        let body = "Beste Anna,\nkies een nieuw wachtwoord: https://hub.nl/reset-password?token=abc.def\nGroet, HTTP://X.NL/a en http://b";
        assert_eq!(
            mask_links(body, "[link]"),
            "Beste Anna,\nkies een nieuw wachtwoord: [link]\nGroet, [link] en [link]"
        );
        assert_eq!(mask_links("geen link", "[link]"), "geen link");
        assert_eq!(mask_links("", "[link]"), "");
        // Non-ASCII before a link does not shift the cut.
        assert_eq!(mask_links("één https://x/ü é", "[l]"), "één [l] é");
    }
}
