//! The service worker that keeps an offline copy of the assessment's pages (issue 20); what it
//! does and why is written at the top of `offline_copy.js`. Served at `/sw.js` with the build's
//! file names in front, so the browser sees a new worker exactly when a build changes them.

use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue};

const WORKER: &str = include_str!("offline_copy.js");

/// The worker's script for a build whose pages run on `files` (absolute paths).
pub fn worker_script(files: &[String]) -> String {
    // Any change of a file name (they carry content hashes) gives new cache names; std's
    // hasher is enough: the value only has to differ between builds, not across Rust versions.
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    files.hash(&mut hasher);
    WORKER.hash(&mut hasher);
    let version = format!("{:016x}", hasher.finish());
    let files = serde_json::to_string(files).unwrap_or_else(|_| "[]".to_string());
    let worker = crate::ui::lean_script(WORKER);
    format!("const VERSION = '{version}';\nconst FILES = {files};\n{worker}")
}

/// `GET /sw.js`. Its own policy: a worker's fetches follow the policy of its script, and the
/// server's default for non-pages (`default-src 'none'`) would forbid them all.
pub fn worker(files: &[String]) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'"),
            ),
        ],
        worker_script(files),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_names_its_files_and_changes_with_them() {
        let files = vec!["/pkg/sih.AAA.js".to_string(), "/favicon.svg".to_string()];
        let script = worker_script(&files);
        assert!(script.contains(r#"const FILES = ["/pkg/sih.AAA.js","/favicon.svg"];"#));
        assert!(script.contains("self.addEventListener('fetch'"));
        let other = worker_script(&["/pkg/sih.BBB.js".to_string(), "/favicon.svg".to_string()]);
        let version = |s: &str| s.lines().next().map(str::to_string);
        assert_ne!(version(&script), version(&other));
        assert_eq!(version(&script), version(&worker_script(&files)));
    }
}
