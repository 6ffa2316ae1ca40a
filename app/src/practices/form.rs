//! The staff's case form (multipart: it carries a photo) and serving photos (server only).

use super::service;
use crate::context::ServerContext;
use crate::error::AppError;
use crate::web::multipart;
use crate::web::request::RequestAuth;
use axum::extract::{Extension, Multipart, Path};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// POST /staff/practices/save: a new case (no `id`) or changes to one, with an optional photo
/// to add. The text is saved first: a refused photo then says why without losing the text.
pub async fn save(
    Extension(ctx): Extension<ServerContext>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let mut form_path = "/staff/practices/new".to_string();
    let upload = match multipart::read(form, "photo").await {
        Ok(upload) => upload,
        Err(e) => return multipart::respond(Err(e), &headers, &form_path),
    };
    let result = async {
        let user = auth.require_staff()?;
        let id: Option<i64> = match upload.value("id").trim() {
            "" => None,
            text => Some(text.parse().map_err(|_| AppError::NotFound)?),
        };
        if let Some(id) = id {
            form_path = format!("/staff/practices/{id}/edit");
        }
        let input = service::read_form(&ctx.db, &upload.fields).await?;
        // The photo is checked before anything is stored, so a refused one changes nothing.
        let photo = match &upload.file {
            Some(bytes) => {
                Some(crate::providers::logo::process_photo_limited(bytes.clone()).await?)
            }
            None => None,
        };
        let (id, action) = match id {
            Some(id) => {
                service::update(&ctx, id, &input).await?;
                (id, "practice.update")
            }
            None => (service::create(&ctx, &input).await?, "practice.create"),
        };
        crate::audit::after(
            &ctx.db,
            user,
            action,
            crate::audit::Subject::new("best_practice", id),
            serde_json::to_value(&input).unwrap_or_default(),
        )
        .await;
        if let Some(photo) = photo {
            // A new case is saved by now: a photo beyond the limit sends staff to its form.
            form_path = format!("/staff/practices/{id}/edit");
            service::add_photo(&ctx, id, photo.png, photo.hash).await?;
        }
        Ok::<_, AppError>(format!("/staff/practices/{id}/edit?done=saved"))
    }
    .await;
    multipart::respond_keeping(&ctx, &auth, result, &upload.fields, &headers, &form_path).await
}

/// GET /photo/<sha256>.jpg
pub async fn serve_photo(
    Extension(ctx): Extension<ServerContext>,
    Path(file): Path<String>,
) -> Response {
    let Some(hash) = crate::web::picture::hash_in(&file, "jpg") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    crate::web::picture::respond(service::photo(&ctx.db, hash).await, "image/jpeg")
}
