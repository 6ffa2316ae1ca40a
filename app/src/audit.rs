//! The audit log: who did what to which record, when, with the record before and after.
//! Written by every staff and admin action; read by admins.

use crate::accounts::model::CurrentUser;
use crate::db::entities::audit_log;
use crate::error::AppError;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde::Serialize;

/// What an action touched: a kind of record and its id.
#[derive(Clone, Copy, Debug)]
pub struct Subject {
    pub kind: &'static str,
    pub id: Option<i64>,
}

impl Subject {
    pub fn new(kind: &'static str, id: i64) -> Subject {
        Subject { kind, id: Some(id) }
    }
}

fn json<T: Serialize>(value: Option<&T>) -> Option<String> {
    value.and_then(|v| serde_json::to_string(v).ok())
}

/// Records one action. Runs on the caller's connection, so inside a transaction the entry is
/// written (or rolled back) together with the change it describes.
pub async fn record<B: Serialize, A: Serialize>(
    db: &impl ConnectionTrait,
    actor: &CurrentUser,
    action: &str,
    subject: Subject,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), AppError> {
    audit_log::ActiveModel {
        actor_id: Set(Some(actor.id)),
        actor_name: Set(format!("{} <{}>", actor.name, actor.email)),
        action: Set(action.to_string()),
        subject_kind: Set(subject.kind.to_string()),
        subject_id: Set(subject.id),
        before: Set(json(before)),
        after: Set(json(after)),
        at: Set(crate::db::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Records an action that has already been committed by a service that does not take part in
/// the audit transaction (older staff actions). A failure to write the entry is logged as an
/// error rather than reported to the user: the change itself did happen.
pub async fn after(
    db: &impl ConnectionTrait,
    actor: &CurrentUser,
    action: &str,
    subject: Subject,
    details: serde_json::Value,
) {
    if let Err(e) = record(db, actor, action, subject, None::<&()>, Some(&details)).await {
        tracing::error!(error = %e, action, "audit entry could not be written");
    }
}
