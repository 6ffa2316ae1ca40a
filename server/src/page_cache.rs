//! Public pages kept as rendered (issue 21). The directory's list and its profile pages look the
//! same for every visitor who is not logged in: they depend on the address, the language and
//! the published profiles only. Rendering one costs ~1.4 ms of CPU, most of the directory's
//! cost per request; handing out a kept copy costs one indexed read of a number.
//!
//! That number is the page family's generation (`app::db::page_generation`), which the
//! database itself bumps in the transaction of every profile write. A copy is handed out only
//! while the generation it was rendered under is still current, so every server process that
//! shares the database stops handing out a page the moment a profile changes; nothing here
//! has to be told, and no process can hand out a page another process's write made stale. The
//! generation is read before the page is rendered, so a copy never shows older data than its
//! number says.
//!
//! Every page carries its own script nonce (in the `Content-Security-Policy` and the page's
//! `<script>` tags): a kept copy is handed out with a fresh one put in both places, so no two
//! answers share a nonce.
//!
//! Logged-in visitors, and anyone with a session cookie at all, get the page rendered for them
//! (their header shows their account). So do answers that set a cookie or are not a plain 200
//! page, and addresses longer than any link of ours, so a flood of made-up addresses can only
//! push copies out of a bounded amount of memory, never grow it.

use app::db::page_generation;
use app::web::request::RequestAuth;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Memory for kept pages: ~250 directory pages of 15 KB.
const CAPACITY_BYTES: u64 = 4 * 1024 * 1024;
/// What a copy is counted as besides its HTML (its headers and address).
const OVERHEAD_BYTES: u64 = 1024;
/// Our own links are far shorter: a search, four filters, a sort and a page.
const MAX_ADDRESS: usize = 512;

/// The kept pages of this process; cloned into every request.
#[derive(Clone)]
pub struct PageCache {
    db: DatabaseConnection,
    pages: Arc<quick_cache::sync::Cache<PageKey, Arc<KeptPage>, Weight>>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct PageKey {
    lang: app::i18n::Lang,
    /// Path and query exactly as asked.
    address: String,
}

struct KeptPage {
    generation: i64,
    headers: HeaderMap,
    html: Bytes,
    /// The nonce the copy was rendered with, replaced in every answer.
    nonce: String,
}

#[derive(Clone)]
struct Weight;

impl quick_cache::Weighter<PageKey, Arc<KeptPage>> for Weight {
    fn weight(&self, key: &PageKey, page: &Arc<KeptPage>) -> u64 {
        (key.address.len() + page.html.len()) as u64 + OVERHEAD_BYTES
    }
}

impl PageCache {
    pub fn new(db: DatabaseConnection) -> PageCache {
        let estimated_pages = (CAPACITY_BYTES / (16 * 1024)) as usize;
        PageCache {
            db,
            pages: Arc::new(quick_cache::sync::Cache::with_weighter(
                estimated_pages,
                CAPACITY_BYTES,
                Weight,
            )),
        }
    }
}

/// The page family an address belongs to, when its pages may be kept: the directory and a
/// profile's page (`/directory/<slug>`).
pub fn family_of(path: &str) -> Option<&'static str> {
    match path.strip_prefix("/directory") {
        Some("") => Some(page_generation::DIRECTORY),
        Some(rest) => {
            let slug = rest.strip_prefix('/')?;
            (!slug.is_empty() && !slug.contains('/')).then_some(page_generation::DIRECTORY)
        }
        None => None,
    }
}

/// `html` with every occurrence of the nonce `old` (not empty) replaced by `new`.
pub fn with_nonce(html: &[u8], old: &str, new: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() + 64);
    for (n, piece) in crate::page_etag::around_nonce(html, old).enumerate() {
        if n > 0 {
            out.extend_from_slice(new.as_bytes());
        }
        out.extend_from_slice(piece);
    }
    out
}

pub async fn serve(State(cache): State<PageCache>, req: Request, next: Next) -> Response {
    let anonymous = req
        .extensions()
        .get::<RequestAuth>()
        .is_some_and(|auth| auth.user.is_none() && auth.session_secret.is_none());
    let address = req
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or_default();
    let family = family_of(req.uri().path());
    let (Some(family), true, true, true) = (
        family,
        anonymous,
        req.method() == Method::GET,
        address.len() <= MAX_ADDRESS,
    ) else {
        return next.run(req).await;
    };
    let key = PageKey {
        lang: app::i18n::headers_lang(req.headers()),
        address: address.to_string(),
    };
    let generation = match page_generation::current(&cache.db, family).await {
        Ok(Some(generation)) => generation,
        Ok(None) => return next.run(req).await,
        Err(e) => {
            tracing::error!(error = %e, "page generation unreadable; the page is rendered");
            return next.run(req).await;
        }
    };
    if let Some(kept) = cache.pages.get(&key) {
        if kept.generation == generation {
            return hand_out(&kept);
        }
    }
    let res = next.run(req).await;
    let (parts, body) = res.into_parts();
    let nonce = crate::page_etag::response_nonce(&parts.headers).map(str::to_string);
    let keepable = crate::page_etag::is_page(parts.status, &parts.headers)
        && !parts.headers.contains_key(header::SET_COOKIE);
    let (Some(nonce), true) = (nonce, keepable) else {
        return Response::from_parts(parts, body);
    };
    let html = match crate::page_etag::read_page(body).await {
        Ok(html) => html,
        Err(failed) => return failed,
    };
    let mut headers = parts.headers;
    headers.remove(header::CONTENT_LENGTH);
    // The validator once, here, instead of hashing the page on every answer.
    if let Ok(tag) = HeaderValue::from_str(&crate::page_etag::page_tag(&html, Some(&nonce))) {
        headers.insert(header::ETAG, tag);
    }
    let kept = Arc::new(KeptPage {
        generation,
        headers: headers.clone(),
        html: html.clone(),
        nonce,
    });
    cache.pages.insert(key, kept);
    let mut res = Response::new(Body::from(html));
    *res.headers_mut() = headers;
    res
}

/// A kept page with a fresh nonce.
fn hand_out(kept: &KeptPage) -> Response {
    let nonce = leptos::nonce::Nonce::new();
    let mut headers = kept.headers.clone();
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .map(|policy| policy.replace(&kept.nonce, &nonce));
    if let Some(Ok(policy)) = policy.map(HeaderValue::try_from) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    let mut res = Response::new(Body::from(with_nonce(&kept.html, &kept.nonce, &nonce)));
    *res.headers_mut() = headers;
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_directory_and_profile_pages_are_kept() {
        assert_eq!(family_of("/directory"), Some(page_generation::DIRECTORY));
        assert_eq!(
            family_of("/directory/acme-robotics"),
            Some(page_generation::DIRECTORY)
        );
        for other in [
            "/",
            "/directory/",
            "/directory/a/b",
            "/directoryx",
            "/events",
            "/staff/profiles",
            "/profile",
        ] {
            assert_eq!(family_of(other), None, "{other}");
        }
    }

    #[test]
    fn every_nonce_is_replaced_and_nothing_else() {
        let html = br#"<script nonce="old1">a</script><p>old</p><script nonce="old1">b</script>"#;
        let out = with_nonce(html, "old1", "NEW22");
        assert_eq!(
            out,
            br#"<script nonce="NEW22">a</script><p>old</p><script nonce="NEW22">b</script>"#
        );
        assert_eq!(with_nonce(b"none here", "old1", "x"), b"none here");
    }
}
