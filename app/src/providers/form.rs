//! The profile form arrives as `multipart/form-data` (it may carry a logo), so it is an axum
//! handler rather than a server function. The same handler serves the plain HTML form (answers
//! with a redirect) and the page's script (asks for JSON, so nothing typed is lost on an error).
//! Also serves the stored logos. Server only.

use super::logo::{self, Logo};
use super::service::{self, LogoChange};
use crate::accounts::request::{encode, RequestAuth};
use crate::context::ServerContext;
use crate::error::AppError;
use crate::i18n::Key;
use axum::extract::{Extension, Multipart, Path};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// What the page's script receives on success.
pub const SAVED_PATH: &str = "/profile?saved=1";
pub const SUBMITTED_PATH: &str = "/profile?submitted=1";

struct Upload {
    fields: Vec<(String, String)>,
    logo: Option<Vec<u8>>,
}

async fn read(mut multipart: Multipart) -> Result<Upload, AppError> {
    let mut fields = Vec::new();
    let mut logo = None;
    loop {
        // A body over the route's limit fails here; the only large part is the logo.
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => return Err(AppError::field("logo", Key::ErrLogoTooLarge)),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "logo" {
            let has_file = field.file_name().is_some_and(|n| !n.is_empty());
            let bytes = field
                .bytes()
                .await
                .map_err(|_| AppError::field("logo", Key::ErrLogoTooLarge))?;
            if has_file && !bytes.is_empty() {
                logo = Some(bytes.to_vec());
            }
        } else {
            let text = field
                .text()
                .await
                .map_err(|_| AppError::invalid(Key::ErrBadRequest))?;
            if fields.len() > 400 {
                return Err(AppError::invalid(Key::ErrBadRequest));
            }
            fields.push((name, text));
        }
    }
    Ok(Upload { fields, logo })
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn redirect(location: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// POST /profile/save: fields of the profile, `intent` = `save` or `submit`, optionally a
/// `logo` file and `remove_logo`.
pub async fn save(
    Extension(ctx): Extension<ServerContext>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let json_reply = wants_json(&headers);
    let result = async {
        let user = auth.user.as_ref().ok_or(AppError::Unauthorized)?;
        let owner = service::owner_of(user)?;
        let upload = read(multipart).await?;
        let value = |name: &str| {
            upload
                .fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
                .unwrap_or_default()
        };
        let submit = value("intent") == "submit";
        let remove = value("remove_logo") == "on";
        // Check the fields before the (slower) picture, so a typo is reported at once.
        let content = service::parse_form(owner.kind, &upload.fields, None)?;
        let change = match upload.logo {
            Some(bytes) => {
                let logo: Logo = tokio::task::spawn_blocking(move || logo::process(&bytes))
                    .await
                    .map_err(|_| AppError::Internal)??;
                LogoChange::New(logo)
            }
            None if remove => LogoChange::Remove,
            None => LogoChange::Keep,
        };
        service::save(&ctx, user, content, change, submit).await?;
        Ok::<_, AppError>(if submit { SUBMITTED_PATH } else { SAVED_PATH })
    }
    .await;
    match (result, json_reply) {
        (Ok(path), true) => json(
            StatusCode::OK,
            serde_json::json!({ "redirect": path }).to_string(),
        ),
        (Ok(path), false) => redirect(path),
        (Err(e), true) => json(
            StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::BAD_REQUEST),
            serde_json::to_string(&e).unwrap_or_default(),
        ),
        (Err(AppError::Unauthorized), false) => redirect("/login?next=/profile"),
        (Err(e), false) => {
            let mut location = format!("/profile?error={}", e.key().id());
            if let AppError::Invalid { field: Some(f), .. } = &e {
                location.push_str(&format!("&field={}", encode(f)));
            }
            redirect(&location)
        }
    }
}

/// GET /logo/<sha256>.png. A logo's address changes with its content, so it may be cached
/// for good.
pub async fn serve_logo(
    Extension(ctx): Extension<ServerContext>,
    Path(file): Path<String>,
) -> Response {
    let Some(hash) = file.strip_suffix(".png") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match service::logo(&ctx.db, hash).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
