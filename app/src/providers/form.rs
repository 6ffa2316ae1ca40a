//! The profile form (multipart: it may carry a logo) and the stored logos. Server only.

use super::logo::{self, Logo};
use super::service::{self, LogoChange};
use crate::context::ServerContext;
use crate::error::AppError;
use crate::web::multipart;
use crate::web::request::RequestAuth;
use axum::extract::{Extension, Multipart, Path};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// Where the owners land after saving.
pub const SAVED_PATH: &str = "/profile?saved=1";
pub const SUBMITTED_PATH: &str = "/profile?submitted=1";

/// POST /profile/save: fields of the profile, `intent` = `save` or `submit`, optionally a
/// `logo` file and `remove_logo`. A refused plain post keeps what was typed for the editor.
pub async fn save(
    Extension(ctx): Extension<ServerContext>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let mut upload = match multipart::read(form, "logo").await {
        Ok(upload) => upload,
        Err(e) => return multipart::respond(Err(e), &headers, "/profile"),
    };
    // The picture moves into the check; the fields stay to be kept if it is refused.
    let file = upload.file.take();
    let result = async {
        let user = auth.require_user()?;
        let owner = service::owner_of(user)?;
        let submit = upload.value("intent") == "submit";
        let remove = upload.value("remove_logo") == "on";
        // Check the fields before the (slower) picture, so a typo is reported at once.
        let content = service::parse_form(owner.kind, &upload.fields, None)?;
        let change = match file {
            Some(bytes) => {
                let logo: Logo = logo::process_limited(bytes).await?;
                LogoChange::New(logo)
            }
            None if remove => LogoChange::Remove,
            None => LogoChange::Keep,
        };
        service::save(&ctx, user, content, change, submit).await?;
        Ok::<_, AppError>(if submit { SUBMITTED_PATH } else { SAVED_PATH }.to_string())
    }
    .await;
    multipart::respond_keeping(&ctx, &auth, result, &upload.fields, &headers, "/profile").await
}

/// GET /logo/<sha256>.png. A logo's address changes with its content, so it may be cached
/// for good.
pub async fn serve_logo(
    Extension(ctx): Extension<ServerContext>,
    Path(file): Path<String>,
) -> Response {
    let Some(hash) = crate::web::picture::hash_in(&file, "png") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    crate::web::picture::respond(service::logo(&ctx.db, hash).await, "image/png")
}
