//! Writing to and reading from the outbox (server only).

use crate::db::entities::email_outbox;
use crate::db::now;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

pub const STATUS_PENDING: &str = "pending";
pub const STATUS_SENT: &str = "sent";
pub const STATUS_FAILED: &str = "failed";

/// Queues a plain-text mail. Takes any connection so it can join the caller's transaction.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body_text: &str,
) -> Result<i64, DbErr> {
    let at = now();
    let row = email_outbox::ActiveModel {
        recipient: Set(recipient.to_string()),
        subject: Set(subject.to_string()),
        body_text: Set(body_text.to_string()),
        status: Set(STATUS_PENDING.to_string()),
        attempts: Set(0),
        next_attempt_at: Set(at),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(at),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}
