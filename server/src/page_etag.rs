//! Validators for pages (issue 21): a page that is not someone's own (home, directory,
//! agenda, events, the assessment's start page) gets a weak `ETag` over its HTML, so a browser
//! that asks again with `If-None-Match` gets a `304 Not Modified` without a body while nothing
//! on the page changed. Pages are `no-cache`: the browser always asks, and the answer is small.
//!
//! Every page carries a fresh script nonce (in its `<script>` tags and its
//! `Content-Security-Policy`), so the hash is taken with the nonce left out, and a 304 carries
//! no policy: the browser keeps the one it stored with the page, whose nonce matches the
//! stored body (a new nonce would block the stored page's scripts). Someone's own pages are
//! `no-store` and get none of this.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// Larger pages are sent as they are, without a validator (none comes near it).
const MAX_PAGE: usize = 2 * 1024 * 1024;

/// The weak validator of a page: a hash of its HTML with every occurrence of `nonce` left out.
pub fn page_tag(html: &[u8], nonce: Option<&str>) -> String {
    let mut hash = Sha256::new();
    match nonce.filter(|n| !n.is_empty()) {
        Some(nonce) => around_nonce(html, nonce).for_each(|piece| hash.update(piece)),
        None => hash.update(html),
    }
    let digest = hash.finalize();
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("W/\"{hex}\"")
}

/// The parts of `html` before, between and after the occurrences of `nonce` (not empty).
pub fn around_nonce<'a>(html: &'a [u8], nonce: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut start = 0;
    memchr::memmem::find_iter(html, nonce.as_bytes())
        .map(Some)
        .chain([None])
        .map(move |at| {
            let end = at.unwrap_or(html.len());
            let piece = &html[start..end];
            start = end + nonce.len();
            piece
        })
}

/// The script nonce a page's policy names (`'nonce-…'`).
pub fn policy_nonce(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[start..].find('\'')?;
    Some(&policy[start..start + len])
}

/// The script nonce of a response's `Content-Security-Policy`, if it names one.
pub fn response_nonce(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(policy_nonce)
        .filter(|n| !n.is_empty())
}

/// Whether a response is a whole HTML page (200, `text/html`).
pub fn is_page(status: StatusCode, headers: &axum::http::HeaderMap) -> bool {
    status == StatusCode::OK
        && headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"))
}

/// Whether `If-None-Match` names `tag` (weak comparison, as RFC 9110 asks for GET).
pub fn matches(if_none_match: &str, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let tag = bare(tag);
    if_none_match
        .split(',')
        .any(|t| t.trim() == "*" || bare(t) == tag)
}

pub async fn page_etag(req: Request, next: Next) -> Response {
    let wanted = req.method() == Method::GET || req.method() == Method::HEAD;
    let public = !crate::middleware::is_private_path(req.uri().path());
    let asked = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let res = next.run(req).await;
    if !(wanted && public && is_page(res.status(), res.headers())) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // A page kept by `page_cache` comes with its tag, worked out once when it was kept.
    let (tag_value, body) = match parts.headers.get(header::ETAG).cloned() {
        Some(tag_value) => (tag_value, body),
        None => {
            let html = match read_page(body).await {
                Ok(html) => html,
                Err(failed) => return failed,
            };
            let nonce = response_nonce(&parts.headers);
            let Ok(tag_value) = HeaderValue::from_str(&page_tag(&html, nonce)) else {
                return Response::from_parts(parts, Body::from(html));
            };
            parts.headers.remove(header::CONTENT_LENGTH);
            (tag_value, Body::from(html))
        }
    };
    let tag = tag_value.to_str().unwrap_or_default();
    if asked.as_deref().is_some_and(|a| matches(a, tag)) {
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        let headers = not_modified.headers_mut();
        headers.insert(header::ETAG, tag_value);
        // A new session or language cookie still reaches the browser.
        for cookie in parts.headers.get_all(header::SET_COOKIE) {
            headers.append(header::SET_COOKIE, cookie.clone());
        }
        if let Some(vary) = parts.headers.get(header::VARY) {
            headers.insert(header::VARY, vary.clone());
        }
        return not_modified;
    }
    parts.headers.insert(header::ETAG, tag_value);
    Response::from_parts(parts, body)
}

/// A page's whole HTML, or the error page when its body broke halfway.
pub async fn read_page(body: Body) -> Result<axum::body::Bytes, Response> {
    axum::body::to_bytes(body, MAX_PAGE).await.map_err(|e| {
        tracing::error!(error = %e, "a page could not be read whole");
        // The same page as any other failure (in Dutch, the site's language: the visitor's
        // cookie is not read this far out).
        let status = StatusCode::INTERNAL_SERVER_ERROR;
        crate::error_page::page(
            status,
            app::i18n::Lang::Nl,
            crate::error_page::message_for(status),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nonce_is_left_out_of_the_tag_and_nothing_else() {
        let a = br#"<script nonce="abc123">x</script><p>Agenda</p>"#;
        let b = br#"<script nonce="zz9">x</script><p>Agenda</p>"#;
        let changed = br#"<script nonce="zz9">x</script><p>Agenda!</p>"#;
        assert_eq!(page_tag(a, Some("abc123")), page_tag(b, Some("zz9")));
        assert_ne!(page_tag(b, Some("zz9")), page_tag(changed, Some("zz9")));
        assert_ne!(page_tag(a, None), page_tag(b, None));
        assert!(page_tag(a, None).starts_with("W/\""));
    }

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        let policy = "default-src 'self'; script-src 'self' 'nonce-Q2x1+/=' 'wasm-unsafe-eval'";
        assert_eq!(policy_nonce(policy), Some("Q2x1+/="));
        assert_eq!(policy_nonce("default-src 'none'"), None);
    }

    #[test]
    fn if_none_match_compares_weakly_and_takes_lists_and_stars() {
        let tag = "W/\"0123\"";
        assert!(matches("W/\"0123\"", tag));
        assert!(matches("\"0123\"", tag));
        assert!(matches("\"9\", W/\"0123\"", tag));
        assert!(matches("*", tag));
        assert!(!matches("W/\"0124\"", tag));
        assert!(!matches("", tag));
    }
}
