//! Request middleware: who is asking (session cookie → user), from where, cross-site form
//! protection, request ids in the log, and a page instead of a dead connection on a panic.

use app::accounts::service::session_user;
use app::context::ServerContext;
use app::web::cookies::{cookie_value, session_cookie_name};
use app::web::request::{ClientIp, RequestAuth};
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use std::net::SocketAddr;

fn client_ip(req: &Request, trusted_proxies: usize) -> String {
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    client_address(&forwarded.join(","), peer, trusted_proxies)
}

/// The client's address behind `hops` proxies of our own. Each proxy appends the address it
/// was connected from, so only the last `hops` entries were written by us; anything to their
/// left is whatever the client sent and is ignored (taking the leftmost entry let anyone
/// choose their address, and with it escape every per-address limit). When the header holds
/// fewer entries than that, or something that is no address, the socket's peer is used.
pub fn client_address(forwarded: &str, peer: Option<std::net::IpAddr>, hops: usize) -> String {
    let fallback = || peer.map_or_else(|| "unknown".to_string(), |ip| ip.to_string());
    if hops == 0 {
        return fallback();
    }
    let entries: Vec<&str> = forwarded
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    entries
        .len()
        .checked_sub(hops)
        .and_then(|i| entries[i].parse::<std::net::IpAddr>().ok())
        .map_or_else(fallback, |ip| ip.to_string())
}

/// Static files need no session: skipping them saves a database query per asset.
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path == app::shell::FAVICON || path == "/healthz"
}

pub async fn session(State(ctx): State<ServerContext>, mut req: Request, next: Next) -> Response {
    if is_static(req.uri().path()) {
        return next.run(req).await;
    }
    let ip = client_ip(&req, ctx.settings.trusted_proxies);
    let secret = cookie_value(
        req.headers(),
        session_cookie_name(ctx.settings.secure_cookies),
    );
    let user = match &secret {
        Some(s) => match session_user(&ctx.db, s).await {
            Ok(user) => user,
            Err(e) => {
                tracing::error!(error = ?e, "session lookup failed");
                None
            }
        },
        None => None,
    };
    req.extensions_mut().insert(RequestAuth {
        user,
        session_secret: secret,
    });
    req.extensions_mut().insert(ClientIp(ip));
    next.run(req).await
}

/// Refuses state-changing requests that a browser sends on behalf of another site.
///
/// Browsers mark every request with `Sec-Fetch-Site`, and every post with `Origin`; a form on
/// another site posting here is refused. A post that carries our session cookie but neither
/// header is refused too: no browser in use sends that, so it is someone replaying a stolen
/// or planted cookie from elsewhere. Posts with neither header and no session (scripts,
/// monitoring) pass; the `SameSite=Lax` session cookie is the second line of defence.
pub async fn same_origin_only(
    State(ctx): State<ServerContext>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let has_session = cookie_value(headers, session_cookie_name(ctx.settings.secure_cookies))
        .is_some_and(|secret| !secret.is_empty());
    let allowed = is_same_origin(&PostMarks {
        fetch_site: text(header::HeaderName::from_static("sec-fetch-site")),
        origin: text(header::ORIGIN),
        host: text(header::HOST),
        public_base_url: &ctx.settings.public_base_url,
        has_session,
    });
    if allowed {
        next.run(req).await
    } else {
        tracing::warn!(path = %redacted_path(req.uri().path()), "cross-site request refused");
        (
            StatusCode::FORBIDDEN,
            "Dit formulier kwam van een andere website en is geweigerd. / This form came from another website and was refused.",
        )
            .into_response()
    }
}

/// What a post says about where it comes from.
struct PostMarks<'a> {
    fetch_site: Option<&'a str>,
    origin: Option<&'a str>,
    host: Option<&'a str>,
    public_base_url: &'a str,
    has_session: bool,
}

fn is_same_origin(m: &PostMarks) -> bool {
    if let Some(site) = m.fetch_site {
        return site == "same-origin" || site == "none";
    }
    match m.origin {
        // The origin is compared whole, scheme included: `http://hub.nl` posting to
        // `https://hub.nl` is another origin (a network attacker's page).
        Some(origin) => {
            let public = origin_of(m.public_base_url);
            let scheme = public.split_once("://").map_or("http", |(s, _)| s);
            origin == public
                || m.host
                    .is_some_and(|host| origin == format!("{scheme}://{host}"))
        }
        None => !m.has_session,
    }
}

/// `scheme://host[:port]` of an address, without its path.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

pub fn request_span(req: &axum::http::Request<Body>) -> tracing::Span {
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    let path = redacted_path(req.uri().path());
    tracing::info_span!("request", id = %request_id, method = %req.method(), path = %path)
}

/// The path as logs may show it: the secret in a resume link (`/assessment/r…`) and in an
/// invitation link (`/invite/…`) replaced by `***`. Whoever reads a log line (or a proxy's
/// copy of it) must not be able to open the assessment or accept the invitation with it.
/// (Other secrets travel in query strings, which are never logged.)
pub fn redacted_path(path: &str) -> String {
    let mut previous = "";
    path.split('/')
        .map(|segment| {
            let secret =
                (previous == "assessment" && segment.starts_with('r') && segment.len() > 20)
                    || previous == "invite";
            previous = segment;
            if secret {
                "***"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A panic in a handler becomes this page (HTTP 500); the panic itself is in the log.
pub fn panic_page(_err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    let css = crate::error_page::stylesheet();
    let html = format!(
        r#"<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Er ging iets mis · Something went wrong</title><link rel="stylesheet" href="{css}"></head><body><main class="container narrow page-message"><h1>Er ging iets mis</h1><p>Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw.</p><h2 lang="en">Something went wrong</h2><p lang="en">Something went wrong on our side. Please try again in a few minutes.</p><p><a class="btn btn-primary" href="/">Startpagina · Home</a></p></main></body></html>"#
    );
    let mut res = (StatusCode::INTERNAL_SERVER_ERROR, Html(html)).into_response();
    res.headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, crate::error_page::POLICY);
    res
}

/// The HTTP status of an app error sent by the server-function layer: undecodable input is
/// 400, everything else the status the error names.
fn status_of(err: &app::error::AppError) -> StatusCode {
    let code = match err {
        app::error::AppError::Invalid { key, .. } if *key == app::i18n::Key::ErrBadRequest => 400,
        other => other.http_status(),
    };
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// Server-function errors raised before the function runs (arguments that do not decode, a
/// body that cannot be read) leave the framework as HTTP 500 with the app's JSON error. Give
/// them the status that belongs to the error (400 for undecodable input), so bad input is
/// never reported, logged or monitored as a server fault. Errors inside functions already set
/// their status; this only touches answers still marked 500 whose error is not `Internal`.
pub async fn server_fn_error_status(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, parts.headers).into_response();
    };
    if let Ok(err) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = status_of(&err);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// `Cache-Control` for responses that did not choose their own (see
/// [`crate::assets::cache_control`]). Static means a successful answer for a path with a file
/// extension outside the server functions.
pub async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    if res.headers().contains_key(header::CACHE_CONTROL) {
        return res;
    }
    let has_extension = path.rsplit('/').next().is_some_and(|f| f.contains('.'));
    let is_static = res.status().is_success() && has_extension && !path.starts_with("/api/");
    // Someone's own pages (results, account, staff) are never written to a disk cache, also
    // not on a shared computer on the shop floor.
    let value = if is_private_path(&path) && !path.starts_with("/logo/") {
        "no-store, private"
    } else {
        crate::assets::cache_control(&path, is_static)
    };
    let headers = res.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static(value),
    );
    // A build file is its brotli, gzip or plain copy by what the browser accepts, and any
    // cache may keep it for a year: a shared one (a company's proxy) must not hand the brotli
    // copy to a browser that asked for none. The precompressed copies come without `Vary`.
    if is_static && path.starts_with("/pkg/") && !headers.contains_key(header::VARY) {
        headers.insert(
            header::VARY,
            axum::http::HeaderValue::from_static("accept-encoding"),
        );
    }
    res
}

/// Pages that are someone's own (an assessment behind its secret link, an account, a profile
/// editor, the staff workspace, links from e-mails): search engines must never index them,
/// even when a link leaks. Public pages (home, directory, agenda, events, the assessment's
/// start page) stay indexable.
pub fn is_private_path(path: &str) -> bool {
    const PRIVATE: [&str; 11] = [
        "/assessment/",
        "/account",
        "/profile",
        "/staff",
        "/invite/",
        "/reset-password",
        "/verify-email",
        "/signup/",
        "/check-email",
        "/api/",
        "/logo/",
    ];
    PRIVATE.iter().any(|p| path.starts_with(p))
}

/// The rules for well-behaved crawlers; the `X-Robots-Tag` header on the pages themselves
/// (see [`security_headers`]) is what holds when a crawler ignores them.
pub async fn robots_txt() -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "User-agent: *\nDisallow: /assessment/\nDisallow: /account\nDisallow: /profile\nDisallow: /staff\nDisallow: /invite/\nDisallow: /signup/\nDisallow: /api/\nAllow: /\n",
    )
        .into_response()
}

/// Request ids are made by this server only: one a client sends is dropped before ours is
/// set, so nobody can choose what is written into our logs or tie two requests together.
pub async fn drop_client_request_id(mut req: Request, next: Next) -> Response {
    req.headers_mut().remove("x-request-id");
    next.run(req).await
}

/// Headers every response carries. Pages get their Content-Security-Policy (with the request's
/// script nonce) from the app's shell; anything else that has none gets a policy that allows
/// nothing, so a file served from the site root can never run script in our origin.
pub async fn security_headers(State(https): State<bool>, req: Request, next: Next) -> Response {
    use axum::http::HeaderValue;
    let private = is_private_path(req.uri().path());
    let in_pkg = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    let status = res.status();
    let headers = res.headers_mut();
    if private {
        headers.insert(
            "x-robots-tag",
            HeaderValue::from_static("noindex, nofollow"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    // The build files (script, WASM, style) are never shown as a document, so the headers
    // below do nothing on them; left off, they save ~290 bytes per file on a first visit
    // (issue 20's budget). `nosniff` stays: it is what keeps them from being read as another
    // type. An error under /pkg/ is an HTML page and keeps them all.
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if in_pkg && !html && (status.is_success() || status == StatusCode::NOT_MODIFIED) {
        return res;
    }
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // No powerful browser features for anyone, and no window of ours shared with another
    // site's (which could otherwise script it through `window.opener`).
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        ),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    // A 304 carries no policy: the browser keeps the one stored with the page, whose script
    // nonce matches the stored body (`page_etag`).
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) && status != StatusCode::NOT_MODIFIED
    {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::client_address;
    use std::net::IpAddr;

    #[test]
    fn the_client_address_is_counted_from_the_right() {
        let peer: Option<IpAddr> = "10.0.0.9".parse().ok();
        // No proxy: the header is the client's own words and is ignored.
        assert_eq!(client_address("1.2.3.4", peer, 0), "10.0.0.9");
        // One proxy appended the real address; a forged entry before it changes nothing.
        assert_eq!(
            client_address("6.6.6.6, 203.0.113.7", peer, 1),
            "203.0.113.7"
        );
        assert_eq!(client_address("203.0.113.7", peer, 1), "203.0.113.7");
        // Two proxies: the second from the right.
        assert_eq!(
            client_address("6.6.6.6, 203.0.113.7, 10.0.0.2", peer, 2),
            "203.0.113.7"
        );
        // Too few entries, or no address at all: the socket's peer.
        assert_eq!(client_address("203.0.113.7", peer, 2), "10.0.0.9");
        assert_eq!(client_address("", peer, 1), "10.0.0.9");
        assert_eq!(client_address("hallo", peer, 1), "10.0.0.9");
        assert_eq!(client_address("", None, 1), "unknown");
        // IPv6 is an address too.
        assert_eq!(client_address("2001:db8::1", peer, 1), "2001:db8::1");
    }

    use super::*;

    /// The headers `cache_headers` and `security_headers` add to a response of `content_type`
    /// and `status` at `path`.
    async fn headers_on(path: &str, content_type: &'static str, status: StatusCode) -> Vec<String> {
        use tower::ServiceExt;
        let app = axum::Router::new()
            .fallback(move || async move { (status, [(header::CONTENT_TYPE, content_type)], "x") })
            .layer(axum::middleware::from_fn(cache_headers))
            .layer(axum::middleware::from_fn_with_state(true, security_headers));
        let req = axum::http::Request::get(path)
            .body(axum::body::Body::empty())
            .expect("request");
        let res = app.oneshot(req).await.expect("answer");
        let mut names: Vec<String> = res
            .headers()
            .keys()
            .map(|k| k.as_str().to_string())
            .filter(|k| k != "content-type" && k != "content-length")
            .collect();
        names.sort();
        names
    }

    #[tokio::test]
    async fn build_files_carry_only_the_headers_that_act_on_them() {
        let js = headers_on("/pkg/sih.abc.js", "text/javascript", StatusCode::OK).await;
        assert_eq!(
            js,
            [
                "cache-control",
                "strict-transport-security",
                "vary",
                "x-content-type-options"
            ]
        );
        let wasm = headers_on("/pkg/sih.abc.wasm", "application/wasm", StatusCode::OK).await;
        assert_eq!(wasm, js);
        // A page, a file outside /pkg/ (the favicon) and an error page under /pkg/ (HTML, shown
        // as a document) keep every header.
        let everything = [
            "cache-control",
            "content-security-policy",
            "cross-origin-opener-policy",
            "permissions-policy",
            "referrer-policy",
            "strict-transport-security",
            "x-content-type-options",
            "x-frame-options",
        ];
        for (path, content_type, status) in [
            ("/", "text/html; charset=utf-8", StatusCode::OK),
            ("/favicon.svg", "image/svg+xml", StatusCode::OK),
            (
                "/pkg/missing.js",
                "text/html; charset=utf-8",
                StatusCode::NOT_FOUND,
            ),
            ("/pkg/missing.js", "text/plain", StatusCode::NOT_FOUND),
        ] {
            assert_eq!(
                headers_on(path, content_type, status).await,
                everything,
                "{path}"
            );
        }
    }

    #[test]
    fn secrets_in_paths_are_not_logged() {
        let secret = "rAbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
        assert_eq!(
            redacted_path(&format!("/assessment/{secret}/t/strategy")),
            "/assessment/***/t/strategy"
        );
        assert_eq!(redacted_path("/invite/sEcReT"), "/invite/***");
        assert_eq!(
            redacted_path("/assessment/o42/results"),
            "/assessment/o42/results"
        );
        assert_eq!(redacted_path("/events/masterclass"), "/events/masterclass");
    }

    fn marks<'a>(
        fetch_site: Option<&'a str>,
        origin: Option<&'a str>,
        has_session: bool,
    ) -> PostMarks<'a> {
        PostMarks {
            fetch_site,
            origin,
            host: Some("hub.nl"),
            public_base_url: "https://hub.nl/",
            has_session,
        }
    }

    #[test]
    fn posts_from_another_site_are_refused() {
        assert!(is_same_origin(&marks(Some("same-origin"), None, true)));
        assert!(is_same_origin(&marks(Some("none"), None, true)));
        assert!(!is_same_origin(&marks(Some("cross-site"), None, true)));
        assert!(!is_same_origin(&marks(Some("same-site"), None, false)));
        assert!(is_same_origin(&marks(None, Some("https://hub.nl"), true)));
        assert!(!is_same_origin(&marks(
            None,
            Some("https://evil.example"),
            true
        )));
        // The same host over plain HTTP is another origin.
        assert!(!is_same_origin(&marks(None, Some("http://hub.nl"), true)));
        assert!(!is_same_origin(&marks(None, Some("null"), false)));
    }

    #[test]
    fn a_post_with_a_session_but_no_browser_marks_is_refused() {
        assert!(!is_same_origin(&marks(None, None, true)));
        assert!(is_same_origin(&marks(None, None, false)));
    }

    #[test]
    fn the_origin_of_an_address_drops_its_path() {
        assert_eq!(origin_of("https://hub.nl/"), "https://hub.nl");
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
        assert_eq!(origin_of("https://hub.nl/sih/x"), "https://hub.nl");
    }
}
