//! Every cookie the platform writes or reads, through the `cookie` crate: its attribute syntax
//! and parsing rules (RFC 6265) are the crate's job, which names, lifetimes and flags ours.

use cookie::time::Duration;
use cookie::{Cookie, SameSite};
use http::{header, HeaderMap, HeaderValue};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub use crate::i18n::LANG_COOKIE;

/// A `Set-Cookie` value: the whole site, script-proof, not sent along by other sites' posts.
pub fn cookie(name: &str, value: &str, max_age: i64, secure: bool) -> String {
    Cookie::build((name, value))
        .path("/")
        .max_age(Duration::seconds(max_age))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
        .to_string()
}

/// The value of one cookie of a request (empty counts as absent); the session middleware
/// reads its cookie with it too.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name && !c.value().is_empty())
        .map(|c| c.value().to_string())
}

/// The session cookie's name. Over HTTPS it carries the `__Host-` prefix, which browsers only
/// accept from a secure origin, for the whole site, without a `Domain`: no sub-domain or
/// plain-HTTP page can plant or overwrite it. Plain HTTP (development) cannot use the prefix.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-sih_session"
    } else {
        "sih_session"
    }
}

/// The session cookie, kept by the browser as long as the session can live.
pub fn session_cookie(secret: &str, lifetime_secs: i64, secure: bool) -> String {
    cookie(session_cookie_name(secure), secret, lifetime_secs, secure)
}

pub fn expired_session_cookie(secure: bool) -> String {
    cookie(session_cookie_name(secure), "", 0, secure)
}

/// The language cookie is readable by scripts on purpose: it holds nothing secret.
pub fn lang_cookie(code: &str, secure: bool) -> String {
    Cookie::build((LANG_COOKIE, code))
        .path("/")
        .max_age(Duration::days(365))
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
        .to_string()
}

/// Adds a `Set-Cookie` header to the response a server function is rendering.
pub fn append_cookie(value: &str) {
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        res.append_header(header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attributes(set_cookie: &str) -> Cookie<'static> {
        Cookie::parse(set_cookie.to_string()).expect("a valid Set-Cookie value")
    }

    #[test]
    fn session_cookie_is_http_only_and_lax() {
        let c = attributes(&session_cookie("abc", 3600, true));
        assert_eq!((c.name(), c.value()), ("__Host-sih_session", "abc"));
        assert_eq!(c.path(), Some("/"));
        assert_eq!(c.max_age(), Some(Duration::seconds(3600)));
        assert_eq!(c.http_only(), Some(true));
        assert_eq!(c.same_site(), Some(SameSite::Lax));
        assert_eq!(c.secure(), Some(true));
        assert_eq!(c.domain(), None);
        let plain = attributes(&session_cookie("abc", 60, false));
        assert_eq!(plain.name(), "sih_session");
        assert_ne!(plain.secure(), Some(true));
    }

    #[test]
    fn the_language_cookie_is_readable_by_scripts() {
        let c = attributes(&lang_cookie("en", false));
        assert_eq!((c.name(), c.value()), ("sih_lang", "en"));
        assert_ne!(c.http_only(), Some(true));
        assert_eq!(c.max_age(), Some(Duration::days(365)));
    }

    #[test]
    fn a_cookie_is_found_among_others_and_empty_is_absent() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; sih_session=abc; e="),
        );
        h.append(header::COOKIE, HeaderValue::from_static("b=2"));
        assert_eq!(cookie_value(&h, "sih_session").as_deref(), Some("abc"));
        assert_eq!(cookie_value(&h, "b").as_deref(), Some("2"));
        assert_eq!(cookie_value(&h, "e"), None);
        assert_eq!(cookie_value(&h, "missing"), None);
    }
}
