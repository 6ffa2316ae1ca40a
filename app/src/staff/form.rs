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
        let variant =
            Variant::parse(upload.value("variant")).ok_or(AppError::invalid(Key::ErrBadRequest))?;
        form_path = format!("/staff/questionnaires/{}", variant.code());
        let based_on: i64 = upload
            .value("based_on")
            .parse()
            .map_err(|_| AppError::invalid(Key::ErrBadRequest))?;
        let version = super::service::publish_version(
            &ctx.db,
            user,
            variant,
            based_on,
            upload.value("change_note"),
            |name| {
                upload
                    .fields
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            },
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
