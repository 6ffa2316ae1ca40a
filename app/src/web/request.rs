//! What a server function knows about the request: who is asking, from where, and how to
//! answer a plain (no-JavaScript) form post. Server only.

use super::cookies::{append_cookie, cookie, cookie_value};
use super::outcome::refused_location;
use crate::accounts::model::CurrentUser;
use crate::error::AppError;
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

/// The authorisation gate: who may go on, written once for server functions (through
/// [`require_user`] and its siblings) and axum handlers (which get `RequestAuth` as an
/// extension) alike. Not logged in is `Unauthorized`, the wrong role `Forbidden`.
impl RequestAuth {
    pub fn require_user(&self) -> Result<&CurrentUser, AppError> {
        self.user.as_ref().ok_or(AppError::Unauthorized)
    }

    /// A staff member or admin.
    pub fn require_staff(&self) -> Result<&CurrentUser, AppError> {
        let user = self.require_user()?;
        if user.role.is_staff() {
            Ok(user)
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn require_admin(&self) -> Result<&CurrentUser, AppError> {
        let user = self.require_user()?;
        if user.role.is_admin() {
            Ok(user)
        } else {
            Err(AppError::Forbidden)
        }
    }
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
    auth().require_user().cloned().map_err(with_status)
}

/// A staff member or admin, or `Forbidden` (HTTP 403).
pub fn require_staff() -> Result<CurrentUser, AppError> {
    auth().require_staff().cloned().map_err(with_status)
}

/// A user of exactly this role: `Unauthorized` for a visitor, `Forbidden` for anyone else.
pub fn require_role(role: crate::accounts::model::Role) -> Result<CurrentUser, AppError> {
    let user = require_user()?;
    if user.role == role {
        Ok(user)
    } else {
        Err(with_status(AppError::Forbidden))
    }
}

/// An admin, or `Forbidden` (HTTP 403).
pub fn require_admin() -> Result<CurrentUser, AppError> {
    auth().require_admin().cloned().map_err(with_status)
}

/// The organisation of the company member asking, if a company member is asking: what a
/// company's own lists (assessments, requests, the start form's prefill) are read by.
pub fn company_organisation() -> Option<i64> {
    current_user()
        .filter(|u| u.role == crate::accounts::model::Role::CompanyMember)
        .and_then(|u| u.organisation_id)
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

/// Whether the request came from a browser navigating (a plain form post, a link), not from a
/// script asking for JSON. The server's error pages and request gate ask the same question.
pub fn accepts_html(headers: &http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// Finishes a form's server function. Without JavaScript the browser posted a plain form and
/// expects a page: on error we send it back to the form with `?error=<key>`, and keep the
/// fields it may safely keep (never passwords) in a short-lived cookie for that page
/// ([`KEPT_COOKIE`]), so the page can show the message and what was typed without putting
/// names and addresses in the URL (and so in history, proxy logs and Referer headers).
pub fn finish_form<T>(result: Result<T, AppError>, keep: &[(&str, &str)]) -> Result<T, AppError> {
    let Err(err) = result else {
        return result;
    };
    let err = with_status(err);
    let Some(parts) = parts() else {
        return Err(err);
    };
    if !accepts_html(&parts.headers) {
        return Err(err);
    }
    let secure = crate::context::ServerContext::get()
        .map(|ctx| ctx.settings.secure_cookies)
        .unwrap_or(false);
    let back = refused_post(&parts.headers, parts.uri.path(), &err, keep, secure);
    append_cookie(&back.kept_cookie);
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&back.location),
    ) {
        res.insert_header(header::LOCATION, value);
        res.set_status(StatusCode::SEE_OTHER);
    }
    Err(err)
}

/// Where a refused plain form post goes back to, and the cookie with what it kept.
pub struct RefusedPost {
    pub location: String,
    pub kept_cookie: String,
}

/// The way back for a plain form post to `form_path` that was refused with `err`: the page it
/// came from (its Referer) with the error and the form's path, and `keep` in a short-lived
/// cookie. Used by [`finish_form`] and by the server's request gate, which refuses a post
/// before any server function sees it.
pub fn refused_post(
    headers: &http::HeaderMap,
    form_path: &str,
    err: &AppError,
    keep: &[(&str, &str)],
    secure: bool,
) -> RefusedPost {
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(referer_path)
        .unwrap_or_else(|| "/".to_string());
    let (cookie_value, overflow) = kept_cookie_value(&back, keep);
    // Which form failed, so a page with several forms shows the message at that one only. A
    // free text too long for the cookie still comes back, through the URL as before: losing
    // it would be worse. Names and addresses are short and always fit.
    let mut extra = vec![("form", form_path)];
    extra.extend(overflow);
    RefusedPost {
        location: refused_location(&back, err, &extra),
        kept_cookie: cookie(KEPT_COOKIE, &cookie_value, KEPT_SECONDS, secure),
    }
}

/// The cookie that carries what a failed plain form post kept, for the page it returns to.
pub const KEPT_COOKIE: &str = "sih_kept";
/// Long enough to read the message and correct the form, short enough not to linger.
const KEPT_SECONDS: i64 = 600;
/// Browsers drop cookies over 4 KB whole; stay well under it with the cookie's attributes.
const KEPT_BUDGET: usize = 3500;

/// The kept fields as a cookie value (form-encoded, which only uses characters a cookie
/// value may hold), headed by the page they belong to; fields that would not fit are
/// returned to go elsewhere.
fn kept_cookie_value<'a>(
    back: &str,
    keep: &[(&'a str, &'a str)],
) -> (String, Vec<(&'a str, &'a str)>) {
    let encoded_len = |name: &str, value: &str| {
        form_urlencoded::Serializer::new(String::new())
            .append_pair(name, value)
            .finish()
            .len()
    };
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair("_page", back);
    let mut overflow = Vec::new();
    let mut used = encoded_len("_page", back);
    for (name, value) in keep {
        let pair_len = encoded_len(name, value) + 1;
        if used + pair_len > KEPT_BUDGET {
            overflow.push((*name, *value));
        } else {
            out.append_pair(name, value);
            used += pair_len;
        }
    }
    (out.finish(), overflow)
}

/// A field a failed plain form post kept for the page now being rendered: only on that page,
/// and only while it shows the error (the URL has `error=`), so an old value never turns up
/// on a fresh form.
pub fn kept_field(name: &str) -> Option<String> {
    let parts = parts()?;
    let query = parts.uri.query().unwrap_or_default();
    if !form_urlencoded::parse(query.as_bytes()).any(|(k, _)| k == "error") {
        return None;
    }
    let value = cookie_value(&parts.headers, KEPT_COOKIE)?;
    let mut pairs = form_urlencoded::parse(value.as_bytes());
    let page_matches = pairs
        .next()
        .is_some_and(|(k, v)| k == "_page" && v == parts.uri.path());
    if !page_matches {
        return None;
    }
    pairs.find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// The local path of a Referer URL, without its query (an earlier error must not stick).
fn referer_path(referer: &str) -> Option<String> {
    let after_scheme = referer.split_once("://").map(|(_, r)| r).unwrap_or(referer);
    let path = after_scheme
        .find('/')
        .map(|i| &after_scheme[i..])
        .unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    Some(crate::accounts::model::safe_next_path(path))
}

pub use crate::ui::encode_query as encode;

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
    fn kept_fields_go_in_the_cookie_until_it_is_full() {
        let long = "x".repeat(4000);
        let (value, overflow) = kept_cookie_value(
            "/events/a",
            &[
                ("name", "Anne de Vries"),
                ("message", &long),
                ("consent", "on"),
            ],
        );
        assert_eq!(overflow, [("message", long.as_str())]);
        let pairs: Vec<(String, String)> = form_urlencoded::parse(value.as_bytes())
            .into_owned()
            .collect();
        assert_eq!(
            pairs,
            [
                ("_page".to_string(), "/events/a".to_string()),
                ("name".to_string(), "Anne de Vries".to_string()),
                ("consent".to_string(), "on".to_string()),
            ]
        );
        // Only characters a cookie value may hold.
        assert!(value
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b';' | b',' | b'"' | b'\\')));
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode("a b&c=d@e.nl"), "a%20b%26c%3Dd%40e.nl");
    }
}
