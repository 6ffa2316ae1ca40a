//! One translation mechanism for every text on every page.
//!
//! Texts live in `app/locales/{nl,en}.txt`; `build.rs` turns them into [`Key`] and refuses to
//! build when the two files disagree. Dutch is the default: most of our users read Dutch first.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/i18n_keys.rs"));

/// The cookie that remembers the chosen language (also for visitors without an account).
pub const LANG_COOKIE: &str = "sih_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Unknown codes fall back to Dutch rather than failing: a stale cookie must never break a page.
    pub fn from_code(code: &str) -> Lang {
        match code.trim() {
            "en" => Lang::En,
            _ => Lang::Nl,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    pub fn t(self, key: Key) -> &'static str {
        match self {
            Lang::Nl => key.nl(),
            Lang::En => key.en(),
        }
    }

    /// A text with `{name}` placeholders filled in, in one pass over the text: a value that
    /// itself contains `{link}` (a user's own words) is put in as it is, never expanded.
    pub fn fill(self, key: Key, values: &[(&str, &str)]) -> String {
        let template = self.t(key);
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let value = after.find('}').and_then(|end| {
                let name = &after[..end];
                values
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v, end))
            });
            match value {
                Some((v, end)) => {
                    out.push_str(v);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// A text that counts something, singular for one and plural otherwise (the locale files
    /// hold both, `build.rs` checks that), with `{count}` and any other placeholders filled.
    pub fn count(self, key: Key, n: i64, values: &[(&str, &str)]) -> String {
        let key = if n == 1 {
            key.one().unwrap_or(key)
        } else {
            key
        };
        let n = n.to_string();
        let mut all: Vec<(&str, &str)> = vec![("count", n.as_str())];
        all.extend_from_slice(values);
        self.fill(key, &all)
    }

    /// A whole number with its thousands grouped the language's way: 100.000 in Dutch,
    /// 100,000 in English. Written here rather than taken from a crate (num-format) because
    /// two separators are all the platform needs, and the browser's WASM stays smaller.
    pub fn number(self, n: i64) -> String {
        let separator = match self {
            Lang::Nl => '.',
            Lang::En => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(c);
        }
        out
    }

    /// A figure with one decimal the language's way: 3,5 in Dutch, 3.5 in English; with
    /// `signed` a change, with its sign (+0,5; no change is 0,0, never -0,0). Averages of
    /// 0-100 scores only, so no thousands to group.
    pub fn one_decimal(self, v: f64, signed: bool) -> String {
        // Adding 0.0 turns a rounded -0.0 into 0.0.
        let rounded = (v * 10.0).round() / 10.0 + 0.0;
        let text = if signed && rounded != 0.0 {
            format!("{rounded:+.1}")
        } else {
            format!("{rounded:.1}")
        };
        match self {
            Lang::Nl => text.replace('.', ","),
            Lang::En => text,
        }
    }

    /// A text kept in both languages, in this one, or in the other when this one is empty;
    /// the second value says which language was used when it is not this one.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> (&'a str, Option<Lang>) {
        let (mine, other) = match self {
            Lang::Nl => (nl, en),
            Lang::En => (en, nl),
        };
        if mine.trim().is_empty() && !other.trim().is_empty() {
            (other, Some(self.other()))
        } else {
            (mine, None)
        }
    }
}

/// The language a request asked for through its cookie (server only); Dutch when it did not.
#[cfg(feature = "ssr")]
pub fn request_lang() -> Lang {
    use_context::<http::request::Parts>()
        .map(|p| headers_lang(&p.headers))
        .unwrap_or_default()
}

/// The language named by the cookie in these request headers; Dutch without one. For
/// handlers outside Leptos' rendering (the multipart forms), which have the headers at hand.
#[cfg(feature = "ssr")]
pub fn headers_lang(headers: &http::HeaderMap) -> Lang {
    crate::web::cookies::cookie_value(headers, LANG_COOKIE)
        .map(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// The page language, provided once by the app shell. An island in the browser has no
/// context from the shell (the shell never runs there): it reads `<html lang>`, which the
/// server wrote from the same cookie, so both sides render the same text.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_else(document_lang)
}

#[cfg(feature = "hydrate")]
fn document_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .map(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

#[cfg(not(feature = "hydrate"))]
fn document_lang() -> Lang {
    Lang::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_the_languages_way() {
        assert_eq!(Lang::Nl.number(100_000), "100.000");
        assert_eq!(Lang::En.number(1_234_567), "1,234,567");
        assert_eq!(Lang::Nl.number(-1500), "-1.500");
        assert_eq!(Lang::En.number(999), "999");
        assert_eq!(Lang::Nl.number(0), "0");
    }

    #[test]
    fn decimals_and_changes_are_written_the_languages_way() {
        assert_eq!(Lang::Nl.one_decimal(45.24, false), "45,2");
        assert_eq!(Lang::En.one_decimal(45.26, false), "45.3");
        assert_eq!(Lang::Nl.one_decimal(7.5, true), "+7,5");
        assert_eq!(Lang::En.one_decimal(-2.0, true), "-2.0");
        assert_eq!(Lang::En.one_decimal(-0.04, true), "0.0");
        assert_eq!(Lang::Nl.one_decimal(-0.04, false), "0,0");
    }

    #[test]
    fn unknown_language_code_falls_back_to_dutch() {
        assert_eq!(Lang::from_code("fr"), Lang::Nl);
        assert_eq!(Lang::from_code("en"), Lang::En);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn cookie_header_is_parsed_among_other_cookies() {
        let mut headers = http::HeaderMap::new();
        let cookie = http::HeaderValue::from_static("a=1; sih_lang=en; b=2");
        headers.insert(http::header::COOKIE, cookie);
        assert_eq!(headers_lang(&headers), Lang::En);
        assert_eq!(headers_lang(&http::HeaderMap::new()), Lang::Nl);
    }

    #[test]
    fn every_key_has_text_in_both_languages() {
        for id in ["app_name", "nav_login", "err_internal"] {
            let key = Key::from_id(id).expect("key exists");
            assert!(!key.nl().is_empty() && !key.en().is_empty());
            assert_eq!(key.id(), id);
        }
    }

    #[test]
    fn keys_travel_as_their_variant_name_and_come_back() {
        // The format `derive(Serialize)` used, which errors sent to the browser rely on.
        let json = serde_json::to_string(&Key::ErrInternal).expect("serialises");
        assert_eq!(json, "\"ErrInternal\"");
        assert_eq!(
            serde_json::from_str::<Key>(&json).expect("deserialises"),
            Key::ErrInternal
        );
        assert_eq!(format!("{:?}", Key::NavLogin), "NavLogin");
        let unknown = serde_json::from_str::<Key>("\"NoSuchKey\"").unwrap_err();
        assert!(unknown.to_string().contains("NoSuchKey"), "{unknown}");
        assert!(serde_json::from_str::<Key>("17").is_err());
    }

    #[test]
    fn every_id_finds_its_own_key() {
        let text = include_str!("../../locales/nl.txt");
        let ids: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
            .filter(|k| !k.starts_with('#'))
            .collect();
        assert!(ids.len() > 500, "{} keys", ids.len());
        for id in ids {
            let key = Key::from_id(id).unwrap_or_else(|| panic!("{id} not found"));
            assert_eq!(key.id(), id);
            assert_eq!(
                serde_json::from_str::<Key>(&serde_json::to_string(&key).expect("ser"))
                    .expect("de"),
                key
            );
        }
        assert_eq!(Key::from_id("no_such_key"), None);
    }

    #[test]
    fn placeholders_are_filled() {
        let text = Lang::En.fill(Key::HomeHello, &[("name", "Anna")]);
        assert!(text.contains("Anna"), "{text}");
    }

    #[test]
    fn filled_values_are_never_expanded_themselves() {
        // A name that looks like a placeholder stays as typed.
        let text = Lang::En.fill(Key::HomeHello, &[("name", "{name} {link}")]);
        assert!(text.contains("{name} {link}"), "{text}");
        // A brace that is no placeholder is kept.
        assert_eq!(
            Lang::En.fill(Key::HomeHello, &[]),
            Lang::En.t(Key::HomeHello)
        );
    }

    #[test]
    fn counts_use_the_singular_for_one() {
        assert_eq!(
            Lang::Nl.count(Key::EventSeatsLeft, 1, &[]),
            "Nog 1 plaats vrij"
        );
        assert_eq!(
            Lang::Nl.count(Key::EventSeatsLeft, 3, &[]),
            "Nog 3 plaatsen vrij"
        );
        assert_eq!(
            Lang::Nl.count(Key::EventSeatsLeft, 0, &[]),
            "Nog 0 plaatsen vrij"
        );
        assert_eq!(Lang::En.count(Key::EventSeatsLeft, 1, &[]), "1 seat left");
        assert_eq!(Lang::En.count(Key::DirectoryCount, 2, &[]), "2 results");
    }

    #[test]
    fn a_text_missing_in_one_language_comes_from_the_other() {
        assert_eq!(
            Lang::En.pick("Nederlands", ""),
            ("Nederlands", Some(Lang::Nl))
        );
        assert_eq!(Lang::En.pick("Nederlands", "English"), ("English", None));
        assert_eq!(Lang::Nl.pick("", "English"), ("English", Some(Lang::En)));
        assert_eq!(Lang::Nl.pick("", " "), ("", None));
    }
}
