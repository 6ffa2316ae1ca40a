//! The staff's event form and the participants export (server only).

use super::model::EventInput;
use super::service;
use crate::context::ServerContext;
use crate::error::AppError;
use crate::web::multipart;
use crate::web::request::RequestAuth;
use axum::extract::{Extension, Multipart, Path};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// POST /staff/events/save: a new event (no `id`) or changes to one. A refused plain post
/// keeps what was typed for the form.
pub async fn save(
    Extension(ctx): Extension<ServerContext>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let mut form_path = "/staff/new-event".to_string();
    let upload = match multipart::read(form, "").await {
        Ok(upload) => upload,
        Err(e) => return multipart::respond(Err(e), &headers, &form_path),
    };
    let result = async {
        let user = auth.require_staff()?;
        // No id: a new event. Anything else must be an event's id: a malformed one used to
        // fall through to "new event" and create a copy.
        let id: Option<i64> = match upload.value("id").trim() {
            "" => None,
            text => Some(text.parse().map_err(|_| AppError::NotFound)?),
        };
        if let Some(id) = id {
            form_path = format!("/staff/events/{id}/edit");
        }
        let input = EventInput::from_form(&upload.fields, &service::known_themes())?;
        let (id, action) = match id {
            Some(id) => {
                service::update(&ctx, id, &input).await?;
                (id, "event.update")
            }
            None => (service::create(&ctx, &input).await?, "event.create"),
        };
        crate::audit::after(
            &ctx.db,
            user,
            action,
            crate::audit::Subject::new("event", id),
            serde_json::to_value(&input).unwrap_or_default(),
        )
        .await;
        Ok::<_, AppError>(format!("/staff/events/{id}?done=saved"))
    }
    .await;
    multipart::respond_keeping(&ctx, &auth, result, &upload.fields, &headers, &form_path).await
}

/// GET /staff/events/<id>/participants.csv
pub async fn participants_csv(
    Extension(ctx): Extension<ServerContext>,
    Extension(auth): Extension<RequestAuth>,
    Path(id): Path<i64>,
) -> Response {
    if let Err(e) = auth.require_staff() {
        return crate::web::status_only(&e);
    }
    match service::participants_csv(&ctx, id).await {
        Ok((slug, csv)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"deelnemers-{slug}.csv\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            csv,
        )
            .into_response(),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
