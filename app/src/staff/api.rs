//! Staff-only server functions; each starts with `require_staff` (or `require_admin`).
//! `server/tests/staff.rs` calls every one of them as a visitor and as each non-staff role.

use super::model::{AuditEntry, CompanyDetail, CompanyFilter, CompanyRow, UserRow, VersionInfo};
use crate::assessment::model::{Questionnaire, Variant};
use crate::error::AppError;
use crate::mail::OutboxMail;
use crate::ui::{ListPage, ListPosition};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::accounts::model::Role,
    crate::context::ServerContext,
    crate::web::request::{finish_form, require_admin, require_staff},
};

/// The newest mails in the outbox (at most 200), with every link masked: a reset or
/// invitation link read here would hand its account to the reader. Each view is audited.
#[server(endpoint = "staff/outbox")]
pub async fn list_outbox() -> Result<Vec<OutboxMail>, AppError> {
    use crate::audit::{self, Subject};
    use crate::db::entities::email_outbox;
    use crate::i18n::Key;
    use crate::mail::mask_links;
    use sea_orm::{EntityTrait, QueryOrder, QuerySelect};

    let user = require_staff()?;
    let ctx = ServerContext::get()?;
    let hidden = crate::i18n::request_lang().t(Key::OutboxLinkHidden);
    audit::after(
        &ctx.db,
        &user,
        "outbox.view",
        Subject {
            kind: "email_outbox",
            id: None,
        },
        serde_json::Value::Null,
    )
    .await;
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
            body_text: mask_links(&m.body_text, hidden),
            status: m.status,
            attempts: m.attempts,
            last_error: m.last_error,
            created_at: m.created_at,
        })
        .collect())
}

/// Queues a failed mail again.
#[server(endpoint = "staff/outbox/retry")]
pub async fn retry_mail(id: i64) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        super::service::retry_mail(&ctx.db, &user, id).await
    }
    .await;
    finish_form(result, &[])
}

#[server(endpoint = "staff/companies")]
pub async fn staff_companies(
    filter: CompanyFilter,
    #[server(default)] position: ListPosition,
) -> Result<ListPage<CompanyRow>, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    super::service::companies(&ctx.db, &filter, position).await
}

#[server(endpoint = "staff/company")]
pub async fn staff_company(id: i64) -> Result<CompanyDetail, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    super::service::company(&ctx.db, id).await
}

#[server(endpoint = "staff/company/note")]
pub async fn add_company_note(organisation_id: i64, body: String) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        super::service::add_note(&ctx.db, &user, organisation_id, &body).await
    }
    .await;
    finish_form(result, &[("body", &body)])
}

/// Staff mark the hub's support of a company as finished: the company is invited to take the
/// EU DMA again (T1).
#[server(endpoint = "staff/company/dma_support_finished")]
pub async fn finish_dma_support(organisation_id: i64) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        crate::staff::dma_support::finish_support(&ctx, &user, organisation_id).await?;
        leptos_axum::redirect(&format!("/staff/companies/{organisation_id}?dma=1"));
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

/// Accounts, for staff; `role` is a role code or empty for all.
#[server(endpoint = "staff/users")]
pub async fn staff_users(search: String, role: String) -> Result<Vec<UserRow>, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    super::service::users(&ctx.db, &search, Role::parse(&role)).await
}

/// Changes another account's role and whether it may log in (admins only).
#[server(endpoint = "staff/users/change")]
pub async fn change_account(
    user_id: i64,
    role: String,
    active: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let admin = require_admin()?;
        let ctx = ServerContext::get()?;
        let role = Role::parse(&role)
            .ok_or_else(|| AppError::field("role", crate::i18n::Key::ErrChoiceInvalid))?;
        super::service::change_account(&ctx.db, &admin, user_id, role, active.is_some()).await
    }
    .await;
    finish_form(result, &[])
}

#[server(endpoint = "staff/users/resend")]
pub async fn resend_verification_for(user_id: i64) -> Result<(), AppError> {
    let result = async {
        let admin = require_admin()?;
        let ctx = ServerContext::get()?;
        super::service::resend_verification(&ctx, &admin, user_id).await
    }
    .await;
    if result.is_ok() {
        // The users page says the message went out (`?resent=1`).
        leptos_axum::redirect("/staff/users?resent=1");
    }
    finish_form(result, &[])
}

/// The audit log (admins only); `kind` narrows it to one kind of record.
#[server(endpoint = "staff/audit")]
pub async fn audit_log(kind: String) -> Result<Vec<AuditEntry>, AppError> {
    require_admin()?;
    let ctx = ServerContext::get()?;
    let kind = kind.trim();
    super::service::audit(&ctx.db, (!kind.is_empty()).then_some(kind)).await
}

#[server(endpoint = "staff/questionnaires")]
pub async fn questionnaire_versions() -> Result<Vec<VersionInfo>, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    super::service::versions(&ctx.db).await
}

/// The newest version of a variant, to edit: its row id (sent back when publishing) and texts.
#[server(endpoint = "staff/questionnaires/newest")]
pub async fn questionnaire_for_editing(variant: Variant) -> Result<(i64, Questionnaire), AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    let (id, q) = super::service::newest_version(&ctx.db, variant).await?;
    Ok((id, (*q).clone()))
}

/// What this browser's last refused questionnaire upload kept (its problems and note), if any.
#[server(endpoint = "staff/questionnaires/import_refusal")]
pub async fn questionnaire_import_refusal() -> Result<super::model::ImportRefusal, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    let kept = crate::web::multipart::kept::typed_here(&ctx.db).await;
    Ok(super::questionnaire_io::kept_refusal(
        &kept.unwrap_or_default(),
    ))
}

/// One item's plan step templates in the newest version of its variant, to edit.
#[server(endpoint = "staff/questionnaires/step_templates")]
pub async fn step_templates_for_editing(
    variant: Variant,
    item: String,
) -> Result<super::model::StepTemplateEditor, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    let (id, q) = super::service::newest_version(&ctx.db, variant).await?;
    let (transition, found) = q.item(&item).ok_or(AppError::NotFound)?;
    Ok(super::model::StepTemplateEditor {
        version_id: id,
        version: q.version,
        transition_name: transition.name.clone(),
        item: found.clone(),
        kept: crate::web::multipart::kept::typed_here(&ctx.db).await,
    })
}
