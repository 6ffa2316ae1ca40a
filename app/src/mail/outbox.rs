//! Writing to and reading from the outbox (server only).

use crate::db::entities::email_outbox;
use crate::db::now;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

pub const STATUS_PENDING: &str = "pending";
pub const STATUS_SENT: &str = "sent";
pub const STATUS_FAILED: &str = "failed";

/// A file sent along with a mail (a text format: the calendar file of an event).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub body: String,
}

/// Queues a plain-text mail. Takes any connection so it can join the caller's transaction.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body_text: &str,
) -> Result<i64, DbErr> {
    enqueue_with(db, recipient, subject, body_text, None).await
}

/// Queues a mail with an optional attachment.
pub async fn enqueue_with(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body_text: &str,
    attachment: Option<Attachment>,
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
        attachment_name: Set(attachment.as_ref().map(|a| a.name.clone())),
        attachment_type: Set(attachment.as_ref().map(|a| a.content_type.clone())),
        attachment_body: Set(attachment.map(|a| a.body)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Deletes sent mail older than 90 days: what was sent to whom is kept long enough to answer
/// "did I get the mail?", not for ever.
pub async fn prune(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    email_outbox::Entity::delete_many()
        .filter(email_outbox::Column::Status.eq(STATUS_SENT))
        .filter(email_outbox::Column::CreatedAt.lt(now() - 90 * 86_400))
        .exec(db)
        .await?;
    Ok(())
}
