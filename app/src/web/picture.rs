//! Stored pictures (logos, best-practice photos) served by their name: `<sha256>.<ext>`. A
//! picture's name is the hash of its bytes, so a changed picture gets a new address and each
//! may be cached for a year.

use crate::error::AppError;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// The hash in a picture's file name, or `None` for any other name (which is "not found"
/// before the database is asked).
pub fn hash_in<'a>(file: &'a str, extension: &str) -> Option<&'a str> {
    let hash = file.strip_suffix(extension)?.strip_suffix('.')?;
    (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(hash)
}

/// The answer for a picture looked up by its hash.
pub fn respond(found: Result<Option<Vec<u8>>, AppError>, content_type: &'static str) -> Response {
    match found {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::hash_in;

    #[test]
    fn only_a_hash_with_its_extension_is_a_name() {
        let hash = "a".repeat(64);
        assert_eq!(hash_in(&format!("{hash}.png"), "png"), Some(hash.as_str()));
        assert_eq!(hash_in(&format!("{hash}.png"), "jpg"), None);
        assert_eq!(hash_in(&format!("{hash}png"), "png"), None);
        assert_eq!(hash_in("../etc/passwd.png", "png"), None);
        assert_eq!(hash_in(&format!("{}.png", "g".repeat(64)), "png"), None);
    }
}
