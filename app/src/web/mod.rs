//! The web layer every domain shares (server only): who is asking and what they may touch
//! ([`request::RequestAuth`]), the answer to a plain form post, cookies, the client's address,
//! and multipart forms with the fields kept when a post is refused.

pub mod cookies;
pub mod multipart;
pub mod outcome;
pub mod picture;
pub mod request;
pub mod table;
pub mod xlsx;

/// A refusal for a download or other route that answers with a file: the error's status and
/// no body (the browser shows its own page; nothing is said about what exists).
pub fn status_only(e: &crate::error::AppError) -> axum::response::Response {
    use axum::response::IntoResponse;
    axum::http::StatusCode::from_u16(e.http_status())
        .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR)
        .into_response()
}
