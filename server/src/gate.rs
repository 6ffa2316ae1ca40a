//! The request gate: text that no handler should ever see is refused before routing, with a
//! clear message, and changes nothing.
//!
//! Checked in the path, the query string and every form or JSON body (file uploads are
//! multipart: `app::web::multipart` checks their text fields): invalid UTF-8 (it used to be stored
//! as U+FFFD), NUL (PostgreSQL cannot store it: a server error), other control characters and
//! direction overrides (`app::text`). Over-long URLs are refused as well.

use crate::error_page;
use app::context::ServerContext;
use app::error::AppError;
use app::i18n::{headers_lang, Key};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Longer addresses are no link of ours: refused before anything parses them.
const MAX_URI_BYTES: usize = 4096;
/// Form and JSON bodies of ours are small; 2 MB is axum's default limit too.
const MAX_TEXT_BODY: usize = 2 * 1024 * 1024;

/// Whether a percent-encoded URL part or form body decodes to acceptable text.
pub fn acceptable_encoded(raw: &[u8]) -> bool {
    let decoded: Vec<u8> = percent_encoding::percent_decode(raw).collect();
    std::str::from_utf8(&decoded).is_ok_and(app::text::is_acceptable)
}

/// Whether a JSON body is valid UTF-8 whose strings (keys too) are acceptable text. A body
/// that is not JSON at all is left to the handler, which answers it as undecodable.
pub fn acceptable_json(raw: &[u8]) -> bool {
    fn walk(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) => app::text::is_acceptable(s),
            serde_json::Value::Array(items) => items.iter().all(walk),
            serde_json::Value::Object(map) => map
                .iter()
                .all(|(k, v)| app::text::is_acceptable(k) && walk(v)),
            _ => true,
        }
    }
    if std::str::from_utf8(raw).is_err() {
        return false;
    }
    serde_json::from_slice::<serde_json::Value>(raw).map_or(true, |v| walk(&v))
}

fn refuse(
    req_headers: &axum::http::HeaderMap,
    api: bool,
    status: StatusCode,
    key: Key,
) -> Response {
    if api || !error_page::wants_page(req_headers) {
        let err = AppError::invalid(key);
        let body = serde_json::to_string(&err).unwrap_or_default();
        return (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    }
    error_page::page(status, headers_lang(req_headers), key)
}

/// A plain form post (no JavaScript) with refused text goes back to its form like any other
/// refused post: the message at that form and what was typed kept, so nothing is lost. Only
/// fields whose name says password are dropped. A script's post gets the JSON error.
fn refuse_form_post(
    parts: &axum::http::request::Parts,
    body: &[u8],
    secure_cookies: bool,
) -> Response {
    let fields: Vec<(String, String)> = form_urlencoded::parse(body)
        .filter(|(name, _)| !name.contains("password"))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let keep: Vec<(&str, &str)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let err = AppError::invalid(Key::ErrTextRefused);
    let back = app::web::request::refused_post(
        &parts.headers,
        parts.uri.path(),
        &err,
        &keep,
        secure_cookies,
    );
    let mut res = StatusCode::SEE_OTHER.into_response();
    for (name, value) in [
        (header::LOCATION, back.location),
        (header::SET_COOKIE, back.kept_cookie),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            res.headers_mut().append(name, value);
        }
    }
    res
}

pub async fn input_gate(State(ctx): State<ServerContext>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let uri_len = req.uri().path().len() + req.uri().query().map_or(0, str::len);
    if uri_len > MAX_URI_BYTES {
        return refuse(
            req.headers(),
            api,
            StatusCode::URI_TOO_LONG,
            Key::ErrTooLong,
        );
    }
    let uri_ok = acceptable_encoded(req.uri().path().as_bytes())
        && req
            .uri()
            .query()
            .is_none_or(|q| acceptable_encoded(q.as_bytes()));
    if !uri_ok {
        return refuse(
            req.headers(),
            api,
            StatusCode::BAD_REQUEST,
            Key::ErrTextRefused,
        );
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let form = content_type.starts_with("application/x-www-form-urlencoded");
    let json = content_type.starts_with("application/json");
    if !form && !json {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_TEXT_BODY).await else {
        return refuse(
            &parts.headers,
            api,
            StatusCode::PAYLOAD_TOO_LARGE,
            Key::ErrTooLong,
        );
    };
    let ok = if form {
        acceptable_encoded(&bytes)
    } else {
        acceptable_json(&bytes)
    };
    if !ok && form && error_page::wants_page(&parts.headers) {
        return refuse_form_post(&parts, &bytes, ctx.settings.secure_cookies);
    }
    if !ok {
        return refuse(
            &parts.headers,
            api,
            StatusCode::UNPROCESSABLE_ENTITY,
            Key::ErrTextRefused,
        );
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_text_is_checked_after_decoding() {
        assert!(acceptable_encoded(
            b"name=Anna+de+Vries&note=%C3%A9%C3%A9n%0D%0Aregel"
        ));
        assert!(!acceptable_encoded(b"name=a%00b"), "NUL");
        assert!(!acceptable_encoded(b"name=%FF%FE"), "invalid UTF-8");
        assert!(!acceptable_encoded(b"name=%07"), "BEL");
        assert!(
            !acceptable_encoded(b"name=gpj%E2%80%AEexe"),
            "right-to-left override"
        );
        assert!(!acceptable_encoded(b"/directory/a%00b"));
        assert!(acceptable_encoded(b"/events/masterclass-oee"));
    }

    #[test]
    fn json_strings_and_keys_are_checked() {
        assert!(acceptable_json(br#"{"comment":"Goed \u00e9n snel\n"}"#));
        assert!(!acceptable_json(br#"{"comment":"a\u0000b"}"#));
        assert!(!acceptable_json(br#"{"comment":"\u202e"}"#));
        assert!(!acceptable_json(br#"{"a\u0007":1}"#));
        assert!(!acceptable_json(b"{\"c\":\"\xff\"}"), "invalid UTF-8");
        assert!(acceptable_json(b"not json"), "left to the handler");
    }
}
