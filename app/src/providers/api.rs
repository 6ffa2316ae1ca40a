//! Server functions of profiles and the directory. The owners' form itself is an axum handler
//! (see `form.rs`) because it carries a file.

use super::view::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::context::ServerContext;
    pub use crate::providers::service;
    pub use crate::web::request::{finish_form, require_staff, require_user, with_status};
}
#[cfg(feature = "ssr")]
use ssr::*;

/// The logged-in provider's or consultant's own profile (a new draft when there is none yet).
#[server(endpoint = "profile/mine")]
pub async fn get_my_profile() -> Result<MyProfile, AppError> {
    let user = require_user()?;
    let ctx = ServerContext::get()?;
    let mut profile = service::my_profile(&ctx, &user)
        .await
        .map_err(with_status)?;
    // A refused plain post (no script) comes back as it was typed, not as last saved.
    if let Some(fields) = crate::web::multipart::kept::typed_here(&ctx.db).await {
        let logo = profile.draft.logo.clone();
        profile.draft = super::model::ProfileContent::typed(profile.kind, &fields, logo);
    }
    Ok(profile)
}

#[server(endpoint = "directory/search")]
pub async fn search_directory(query: DirectoryQuery) -> Result<DirectoryPage, AppError> {
    let ctx = ServerContext::get()?;
    service::directory(&ctx, &query).await
}

#[server(endpoint = "directory/profile")]
pub async fn get_public_profile(slug: String) -> Result<PublicProfile, AppError> {
    let ctx = ServerContext::get()?;
    service::public_profile(&ctx, &slug)
        .await
        .map_err(with_status)
}

#[server(endpoint = "staff/profiles")]
pub async fn staff_profiles() -> Result<Vec<ReviewItem>, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    service::review_list(&ctx).await
}

#[server(endpoint = "staff/profile")]
pub async fn staff_profile(id: i64) -> Result<ReviewDetail, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    service::review_detail(&ctx, id).await.map_err(with_status)
}

/// Staff decision: `approve`, `return` (reason required) or `unpublish`.
#[server(endpoint = "staff/review_profile")]
pub async fn review_profile(id: i64, decision: String, reason: String) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        let parsed = service::Decision::parse(&decision)
            .ok_or_else(|| AppError::field("decision", crate::i18n::Key::ErrChoiceInvalid))?;
        service::review(&ctx, id, parsed, &reason).await?;
        crate::audit::after(
            &ctx.db,
            &user,
            "profile.review",
            crate::audit::Subject::new("profile", id),
            serde_json::json!({ "decision": decision, "reason": reason }),
        )
        .await;
        leptos_axum::redirect(&format!("/staff/profiles/{id}?done=1"));
        Ok(())
    }
    .await;
    finish_form(result, &[("reason", &reason)])
}
