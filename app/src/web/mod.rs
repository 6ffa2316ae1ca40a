//! The web layer every domain shares (server only): who is asking and what they may touch
//! ([`request::RequestAuth`]), the answer to a plain form post, cookies, the client's address,
//! and multipart forms with the fields kept when a post is refused.

pub mod cookies;
pub mod multipart;
pub mod outcome;
pub mod picture;
pub mod request;
pub mod table;
