//! Server functions of the best practices: the public list and page, suggestions for a
//! company's priorities, and the staff's list, form data and actions.

use super::view::{
    PracticeCard, PracticeEditor, PracticeFilter, PracticeList, PracticePage, StaffPracticeRow,
};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::model::PracticeStatus,
    super::service,
    crate::context::ServerContext,
    crate::i18n::Key,
    crate::web::request::{self, finish_form, require_staff, with_status},
};

#[server(endpoint = "practices/list")]
pub async fn list_practices(filter: PracticeFilter) -> Result<PracticeList, AppError> {
    let ctx = ServerContext::get()?;
    service::list(&ctx.db, &filter).await
}

/// A case's page; a draft only for staff.
#[server(endpoint = "practices/get")]
pub async fn get_practice(slug: String) -> Result<PracticePage, AppError> {
    let ctx = ServerContext::get()?;
    let is_staff = request::current_user().is_some_and(|u| u.role.is_staff());
    service::page(&ctx.db, &slug, is_staff)
        .await
        .map_err(with_status)
}

/// Published cases on `themes` (comma-separated transition keys, most pressing first), of the
/// company's size class first: for the results page. Public data only.
#[server(endpoint = "practices/suggested")]
pub async fn suggested_practices(
    themes: String,
    size_class: String,
) -> Result<Vec<PracticeCard>, AppError> {
    let ctx = ServerContext::get()?;
    let themes: Vec<String> = themes
        .split(',')
        .filter(|t| !t.is_empty())
        .take(20)
        .map(str::to_string)
        .collect();
    service::for_company(&ctx.db, &themes, &size_class, 3).await
}

#[server(endpoint = "staff/practices")]
pub async fn staff_practices() -> Result<Vec<StaffPracticeRow>, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    service::staff_list(&ctx.db).await
}

/// The staff's form: case `id` (0 for a new one) and what a refused plain post typed here.
#[server(endpoint = "staff/practice_form")]
pub async fn practice_form(id: i64) -> Result<PracticeEditor, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    let id = (id != 0).then_some(id);
    let mut editor = service::editor(&ctx.db, id).await.map_err(with_status)?;
    editor.kept = crate::web::multipart::kept::typed_here(&ctx.db).await;
    Ok(editor)
}

/// `publish` or `withdraw` a case.
#[server(endpoint = "staff/practice_status")]
pub async fn set_practice_status(id: i64, action: String) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        let (to, done) = match action.as_str() {
            "publish" => (PracticeStatus::Published, "published"),
            "withdraw" => (PracticeStatus::Draft, "withdrawn"),
            _ => return Err(AppError::field("action", Key::ErrChoiceInvalid)),
        };
        service::set_status(&ctx, id, to).await?;
        crate::audit::after(
            &ctx.db,
            &user,
            &format!("practice.{action}"),
            crate::audit::Subject::new("best_practice", id),
            serde_json::Value::Null,
        )
        .await;
        leptos_axum::redirect(&format!("/staff/practices/{id}/edit?done={done}"));
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

/// Removes one photo (`hash`) from a case.
#[server(endpoint = "staff/practice_photo_remove")]
pub async fn remove_practice_photo(id: i64, hash: String) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        if service::remove_photo(&ctx, id, &hash).await? {
            crate::audit::after(
                &ctx.db,
                &user,
                "practice.photo_remove",
                crate::audit::Subject::new("best_practice", id),
                serde_json::json!({ "photo": hash }),
            )
            .await;
        }
        leptos_axum::redirect(&format!(
            "/staff/practices/{id}/edit?done=photo_removed#photos"
        ));
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

/// Deletes a case with its photos (a company that asks to be taken out, a case written by
/// mistake); withdrawing keeps it as a draft instead.
#[server(endpoint = "staff/practice_delete")]
pub async fn delete_practice(id: i64) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        service::delete(&ctx, id).await?;
        crate::audit::after(
            &ctx.db,
            &user,
            "practice.delete",
            crate::audit::Subject::new("best_practice", id),
            serde_json::Value::Null,
        )
        .await;
        leptos_axum::redirect("/staff/practices?deleted=1");
        Ok(())
    }
    .await;
    finish_form(result, &[])
}
