//! Staff-only server functions; each starts with `require_staff`.

use crate::error::AppError;
use crate::mail::OutboxMail;
use leptos::prelude::*;

/// The newest mails in the outbox (at most 200).
#[server(endpoint = "staff/outbox")]
pub async fn list_outbox() -> Result<Vec<OutboxMail>, AppError> {
    use crate::accounts::request::require_staff;
    use crate::context::ServerContext;
    use crate::db::entities::email_outbox;
    use sea_orm::{EntityTrait, QueryOrder, QuerySelect};

    require_staff()?;
    let ctx = ServerContext::get()?;
    let rows = email_outbox::Entity::find()
        .order_by_desc(email_outbox::Column::Id)
        .limit(200)
        .all(&ctx.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| OutboxMail {
            id: m.id,
            recipient: m.recipient,
            subject: m.subject,
            body_text: m.body_text,
            status: m.status,
            attempts: m.attempts,
            last_error: m.last_error,
            created_at: m.created_at,
        })
        .collect())
}
