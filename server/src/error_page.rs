//! Error answers as pages a person can read: routes outside Leptos (exports, logos, the CSV of
//! participants, the request gate) answer 4xx with an empty body of their own; a browser that
//! asked for a page gets a short page in its language instead, with the site's style and a way
//! back. API calls and downloads asked for by scripts keep their JSON or empty answer.

use app::i18n::{headers_lang, Key, Lang};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

/// The policy of a server-written error page: no script, the site's stylesheet only (the
/// default `default-src 'none'` would block it).
pub const POLICY: HeaderValue =
    HeaderValue::from_static("default-src 'none'; style-src 'self'; frame-ancestors 'none'");

/// The stylesheet's address; its name carries the build's hash, so it is read once.
pub fn stylesheet() -> &'static str {
    static STYLESHEET: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    STYLESHEET.get_or_init(crate::assets::stylesheet_href)
}

/// The page for `status`, in `lang`: a heading, what happened, and a link home.
pub fn page(status: StatusCode, lang: Lang, message: Key) -> Response {
    let css = stylesheet();
    let heading = match status {
        StatusCode::NOT_FOUND => lang.t(Key::NotFoundTitle),
        _ => lang.t(Key::ErrorPageTitle),
    };
    let html = format!(
        r#"<!DOCTYPE html><html lang="{code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{heading}</title><link rel="stylesheet" href="{css}"></head><body><main class="container narrow page-message"><h1>{heading}</h1><p>{text}</p><p><a class="btn btn-primary" href="/">{home}</a></p></main></body></html>"#,
        code = lang.code(),
        heading = escape(heading),
        text = escape(lang.t(message)),
        home = escape(lang.t(Key::BackHome)),
    );
    let mut res = (status, Html(html)).into_response();
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::CONTENT_SECURITY_POLICY, POLICY);
    res
}

/// What an error status means to a reader.
pub fn message_for(status: StatusCode) -> Key {
    match status {
        StatusCode::UNAUTHORIZED => Key::ErrUnauthorized,
        StatusCode::FORBIDDEN => Key::ErrForbidden,
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => Key::ErrNotFound,
        StatusCode::TOO_MANY_REQUESTS => Key::ErrTooManyAttempts,
        StatusCode::PAYLOAD_TOO_LARGE | StatusCode::URI_TOO_LONG => Key::ErrTooLong,
        s if s.is_server_error() => Key::ErrInternal,
        _ => Key::ErrBadRequest,
    }
}

/// Whether the request came from a browser navigating (not from a script asking for JSON):
/// the same rule by which a refused server function sends a plain form back.
pub use app::web::request::accepts_html as wants_page;

/// Gives a 4xx/5xx answer to a page request a readable body, when it has none of its own: an
/// empty body, or the plain-text line axum's extractors answer with ("Invalid URL: …").
pub async fn fill_empty_errors(req: Request, next: Next) -> Response {
    let page_request = wants_page(req.headers()) && !req.uri().path().starts_with("/api/");
    let lang = headers_lang(req.headers());
    let res = next.run(req).await;
    let status = res.status();
    let empty = axum::body::HttpBody::size_hint(res.body()).exact() == Some(0);
    let plain_text = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/plain"));
    let no_page = empty || plain_text;
    if page_request && no_page && (status.is_client_error() || status.is_server_error()) {
        let mut page = page(status, lang, message_for(status));
        // Keep what the route said about how to authenticate or retry.
        for name in [header::WWW_AUTHENTICATE, header::RETRY_AFTER, header::ALLOW] {
            if let Some(v) = res.headers().get(&name) {
                page.headers_mut().insert(name, v.clone());
            }
        }
        return page;
    }
    res
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
