//! The questionnaire editor's form post (server only): about a thousand text fields, so it
//! is a multipart form handled by axum, sent by the page's script (errors shown in place,
//! nothing typed lost) or posted plainly without JavaScript.

use crate::assessment::model::Variant;
use crate::context::ServerContext;
use crate::error::AppError;
use crate::i18n::Key;
use crate::web::multipart;
use crate::web::request::RequestAuth;
use axum::extract::{Extension, Multipart};
use axum::http::HeaderMap;
use axum::response::Response;

/// POST /staff/questionnaires/publish
pub async fn publish(
    Extension(ctx): Extension<ServerContext>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let mut form_path = "/staff/questionnaires".to_string();
    let result = async {
        let user = auth.require_staff()?;
        let upload = multipart::read_limited(form, "", 2000).await?;
        let (variant, based_on) = version_of(&upload)?;
        form_path = format!("/staff/questionnaires/{}", variant.code());
        let version = super::service::publish_version(
            &ctx.db,
            user,
            variant,
            based_on,
            upload.value("change_note"),
            |name| upload.get(name),
        )
        .await?;
        Ok(format!(
            "/staff/questionnaires/{}?published={version}",
            variant.code()
        ))
    }
    .await;
    multipart::respond(result, &headers, &form_path)
}

/// POST /staff/questionnaires/steps: one item's plan step templates. A refused plain post
/// keeps what was typed for the form it returns to.
pub async fn publish_steps(
    Extension(ctx): Extension<ServerContext>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let mut form_path = "/staff/questionnaires".to_string();
    let mut typed = Vec::new();
    let result = async {
        let user = auth.require_staff()?;
        let upload = multipart::read_limited(form, "", 200).await?;
        let (variant, based_on) = version_of(&upload)?;
        let item = upload.value("item");
        form_path = super::step_editor::page_path(variant, item);
        let published = super::service::publish_step_templates(
            &ctx.db,
            user,
            variant,
            based_on,
            item,
            upload.value("change_note"),
            |name| upload.get(name),
        )
        .await;
        typed = upload.fields;
        Ok(format!("{form_path}?published={}", published?))
    }
    .await;
    multipart::respond_keeping(&ctx, &auth, result, &typed, &headers, &form_path).await
}

/// The variant and the version the editor showed, which every editor form posts.
fn version_of(upload: &multipart::Upload) -> Result<(Variant, i64), AppError> {
    let variant =
        Variant::parse(upload.value("variant")).ok_or(AppError::invalid(Key::ErrBadRequest))?;
    let based_on = upload
        .value("based_on")
        .parse()
        .map_err(|_| AppError::invalid(Key::ErrBadRequest))?;
    Ok((variant, based_on))
}
