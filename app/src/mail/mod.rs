//! E-mail goes through the outbox table: writing a mail is part of the same database work as
//! the change it reports, and a background sender delivers it (or, without SMTP configured,
//! staff read it on the outbox page).

#[cfg(feature = "ssr")]
pub mod outbox;

use serde::{Deserialize, Serialize};

/// A mail as the staff outbox page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: i64,
}
