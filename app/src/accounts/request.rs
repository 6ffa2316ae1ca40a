//! What a server function knows about the request: who is asking, from where, and how to
//! answer a plain (no-JavaScript) form post. Server only.

use super::model::CurrentUser;
use crate::error::AppError;
use crate::i18n::LANG_COOKIE;
use http::request::Parts;
use http::{header, HeaderValue, StatusCode};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// Put into request extensions by the server's session middleware.
#[derive(Clone, Debug, Default)]
pub struct RequestAuth {
    pub user: Option<CurrentUser>,
    pub session_secret: Option<String>,
}

/// The client address as the server determined it (peer address, or the proxy's header when
/// the server is configured to trust it).
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

pub fn auth() -> RequestAuth {
    parts()
        .and_then(|p| p.extensions.get::<RequestAuth>().cloned())
        .unwrap_or_default()
}

pub fn current_user() -> Option<CurrentUser> {
    auth().user
}

/// The logged-in user, or `Unauthorized` (HTTP 401).
pub fn require_user() -> Result<CurrentUser, AppError> {
    current_user().ok_or_else(|| with_status(AppError::Unauthorized))
}

/// A staff member or admin, or `Forbidden` (HTTP 403).
pub fn require_staff() -> Result<CurrentUser, AppError> {
    let user = require_user()?;
    if user.role.is_staff() {
        Ok(user)
    } else {
        Err(with_status(AppError::Forbidden))
    }
}

/// An admin, or `Forbidden` (HTTP 403).
pub fn require_admin() -> Result<CurrentUser, AppError> {
    let user = require_user()?;
    if user.role.is_admin() {
        Ok(user)
    } else {
        Err(with_status(AppError::Forbidden))
    }
}

pub fn client_ip() -> String {
    parts()
        .and_then(|p| p.extensions.get::<ClientIp>().map(|ip| ip.0.clone()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// Sets the HTTP status that belongs to the error and returns it, so an API client (and the
/// tests) see 401/403/422/429 rather than a generic 500.
pub fn with_status(err: AppError) -> AppError {
    if let Some(res) = use_context::<ResponseOptions>() {
        res.set_status(StatusCode::from_u16(err.http_status()).unwrap_or(StatusCode::BAD_REQUEST));
    }
    err
}

fn accepts_html(parts: &Parts) -> bool {
    parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// Finishes a form's server function. Without JavaScript the browser posted a plain form and
/// expects a page: on error we send it back to the form with `?error=<key>` and the fields it
/// may safely keep (never passwords), so the page can show the message and what was typed.
pub fn finish_form<T>(result: Result<T, AppError>, keep: &[(&str, &str)]) -> Result<T, AppError> {
    let Err(err) = result else {
        return result;
    };
    let err = with_status(err);
    let Some(parts) = parts() else {
        return Err(err);
    };
    if !accepts_html(&parts) {
        return Err(err);
    }
    let back = parts
        .headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(referer_path)
        .unwrap_or_else(|| "/".to_string());
    let mut query = vec![format!("error={}", err.key().id())];
    if let AppError::Invalid { field: Some(f), .. } = &err {
        query.push(format!("field={}", encode(f)));
    }
    for (name, value) in keep {
        query.push(format!("{name}={}", encode(value)));
    }
    let location = format!("{back}?{}", query.join("&"));
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&location),
    ) {
        res.insert_header(header::LOCATION, value);
        res.set_status(StatusCode::SEE_OTHER);
    }
    Err(err)
}

/// The local path of a Referer URL, without its query (an earlier error must not stick).
fn referer_path(referer: &str) -> Option<String> {
    let after_scheme = referer.split_once("://").map(|(_, r)| r).unwrap_or(referer);
    let path = after_scheme
        .find('/')
        .map(|i| &after_scheme[i..])
        .unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    Some(super::model::safe_next_path(path))
}

pub use crate::components::encode_query as encode;

fn cookie(name: &str, value: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

pub fn session_cookie(secret: &str, secure: bool) -> String {
    cookie(
        super::service::SESSION_COOKIE,
        secret,
        super::service::SESSION_DAYS * 24 * 3600,
        secure,
    )
}

pub fn expired_session_cookie(secure: bool) -> String {
    cookie(super::service::SESSION_COOKIE, "", 0, secure)
}

/// The language cookie is readable by scripts on purpose: it holds nothing secret.
pub fn lang_cookie(code: &str, secure: bool) -> String {
    format!(
        "{LANG_COOKIE}={code}; Path=/; Max-Age=31536000; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

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

    #[test]
    fn referer_path_drops_origin_and_query() {
        assert_eq!(
            referer_path("http://127.0.0.1:3000/login?error=x").as_deref(),
            Some("/login")
        );
        assert_eq!(referer_path("https://hub.nl").as_deref(), Some("/"));
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode("a b&c=d@e.nl"), "a%20b%26c%3Dd%40e.nl");
    }

    #[test]
    fn session_cookie_is_http_only_and_lax() {
        let c = session_cookie("abc", true);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Secure"));
        assert!(!session_cookie("abc", false).contains("Secure"));
    }
}
