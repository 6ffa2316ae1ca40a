//! Server functions of contact requests.

use super::view::*;
use crate::error::AppError;
use crate::ui::ListPosition;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::accounts::model::Role;
    pub use crate::assessment::service as assessments;
    pub use crate::contact::model::RequestStatus;
    pub use crate::contact::service;
    pub use crate::context::ServerContext;
    pub use crate::i18n::Key;
    pub use crate::web::request::{self, finish_form, require_staff, require_user, with_status};
}
#[cfg(feature = "ssr")]
use ssr::*;

#[server(endpoint = "contact/target")]
pub async fn get_contact_target(
    reference: String,
    slug: String,
) -> Result<ContactTarget, AppError> {
    let ctx = ServerContext::get()?;
    let user = request::current_user();
    let a = assessments::resolve(&ctx, &reference, user.as_ref())
        .await
        .map_err(with_status)?;
    service::target(&ctx, &a, &reference, &slug, user.as_ref())
        .await
        .map_err(with_status)
}

/// `share_results` is a checkbox: "on" when ticked, absent otherwise.
#[server(endpoint = "contact/send")]
pub async fn send_contact_request(
    reference: String,
    slug: String,
    message: String,
    share_results: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let user = require_user()?;
        // Companies ask providers and consultants; no one else sends contact requests.
        if user.role != Role::CompanyMember {
            return Err(AppError::Forbidden);
        }
        let ctx = ServerContext::get()?;
        let a = assessments::resolve(&ctx, &reference, Some(&user)).await?;
        let share = share_results.as_deref() == Some("on");
        crate::db::rate_limit::hit(
            &ctx.db,
            crate::db::rate_limit::CONTACT_PER_USER,
            &user.id.to_string(),
        )
        .await?;
        service::send(&ctx, &a, &user, &slug, &message, share).await?;
        leptos_axum::redirect(&format!("/assessment/{reference}/matches?sent=1"));
        Ok(())
    }
    .await;
    finish_form(result, &[("message", &message)])
}

/// The contact requests the caller's company sent (empty for anyone else).
#[server(endpoint = "contact/mine")]
pub async fn my_requests() -> Result<Vec<RequestView>, AppError> {
    let ctx = ServerContext::get()?;
    match request::company_organisation() {
        Some(org) => service::sent_by_organisation(&ctx, org).await,
        None => Ok(Vec::new()),
    }
}

#[server(endpoint = "contact/inbox")]
pub async fn get_inbox() -> Result<Inbox, AppError> {
    let user = require_user()?;
    let ctx = ServerContext::get()?;
    service::inbox(&ctx, &user).await.map_err(with_status)
}

#[server(endpoint = "contact/reply")]
pub async fn reply_contact_request(id: i64, reply: String) -> Result<(), AppError> {
    let result = async {
        let user = require_user()?;
        let ctx = ServerContext::get()?;
        service::reply(&ctx, &user, id, &reply).await?;
        leptos_axum::redirect("/profile/requests?replied=1");
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

#[server(endpoint = "staff/requests")]
pub async fn staff_requests(
    #[server(default)] position: ListPosition,
) -> Result<RequestList, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    service::all_requests(&ctx, position).await
}

#[server(endpoint = "staff/request_status")]
pub async fn set_request_status(
    id: i64,
    status: String,
    // The list page the form was on, so the staff member lands back where they were.
    #[server(default)] after: Option<i64>,
    #[server(default)] before: Option<i64>,
) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        let parsed = RequestStatus::parse(&status)
            .ok_or_else(|| crate::error::AppError::field("status", Key::ErrChoiceInvalid))?;
        service::set_status(&ctx, id, parsed).await?;
        crate::audit::after(
            &ctx.db,
            &user,
            "contact_request.status",
            crate::audit::Subject::new("contact_request", id),
            serde_json::json!({ "status": status }),
        )
        .await;
        let back = match (after, before) {
            (Some(id), _) => ListPosition::After(id),
            (None, Some(id)) => ListPosition::Before(id),
            _ => ListPosition::First,
        };
        leptos_axum::redirect(&back.href("/staff/requests?updated=1"));
        Ok(())
    }
    .await;
    finish_form(result, &[])
}
