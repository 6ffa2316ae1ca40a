//! Forms posted as `multipart/form-data` to axum handlers (server only): the profile form
//! (it carries a logo) and the staff's event form (repeated fields). The same handler answers
//! the page's script (it asks for JSON, so an error is shown in place and nothing typed is
//! lost) and a plain form post without JavaScript (a redirect, with what was typed kept in
//! [`kept`] for the form it returns to).

pub mod kept;

use crate::context::ServerContext;
use crate::error::AppError;
use crate::i18n::{headers_lang, Key};
use crate::ui::encode_query;
use crate::web::outcome::refused_location;
use crate::web::request::RequestAuth;
use axum::extract::multipart::MultipartError;
use axum::extract::Multipart;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub struct Upload {
    /// Text fields in order, repeated names kept (checkboxes).
    pub fields: Vec<(String, String)>,
    /// The bytes of the file field named by `read`'s `file_field`, if a file was chosen.
    pub file: Option<Vec<u8>>,
}

impl Upload {
    pub fn value(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    /// The first value posted under `name`, if the form sent one.
    pub fn get(&self, name: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

/// Reads every part; `file_field` names the form's file input ("" for a form without one).
pub async fn read(multipart: Multipart, file_field: &str) -> Result<Upload, AppError> {
    read_limited(multipart, file_field, 400).await
}

/// As [`read`], for a form with up to `max_fields` text fields (the questionnaire editor has
/// about a thousand).
pub async fn read_limited(
    mut multipart: Multipart,
    file_field: &str,
    max_fields: usize,
) -> Result<Upload, AppError> {
    let mut fields = Vec::new();
    let mut file = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(read_failure(&e, file_field)),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == file_field {
            let has_file = field.file_name().is_some_and(|n| !n.is_empty());
            let bytes = field
                .bytes()
                .await
                .map_err(|e| read_failure(&e, file_field))?;
            if has_file && !bytes.is_empty() {
                file = Some(bytes.to_vec());
            }
        } else {
            // Bytes, not `text()`: that would quietly replace invalid UTF-8 with U+FFFD.
            let bytes = field
                .bytes()
                .await
                .map_err(|e| read_failure(&e, file_field))?;
            let text = String::from_utf8(bytes.to_vec())
                .ok()
                .filter(|t| crate::text::is_acceptable(t))
                .ok_or_else(|| AppError::field(&name, Key::ErrTextRefused))?;
            if fields.len() > max_fields {
                return Err(AppError::invalid(Key::ErrBadRequest));
            }
            fields.push((name, text));
        }
    }
    Ok(Upload { fields, file })
}

/// Why a form could not be read, named for the person who sent it: over the route's size limit
/// (in a form with a file, the file is the only part that can be that large) or malformed.
fn read_failure(e: &MultipartError, file_field: &str) -> AppError {
    if e.status() != StatusCode::PAYLOAD_TOO_LARGE {
        AppError::invalid(Key::ErrBadRequest)
    } else if file_field.is_empty() {
        AppError::invalid(Key::ErrTooLong)
    } else {
        let key = match file_field {
            "photo" => Key::ErrPhotoTooLarge,
            "questionnaire" => Key::ErrQuestionnaireTooLarge,
            _ => Key::ErrLogoTooLarge,
        };
        AppError::field(file_field, key)
    }
}

pub fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

pub fn redirect(location: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The answer to a form handler: where to go on success, or the error: for the page's script
/// as JSON `{"error", "message", "field"}`, the message already in the request's language
/// (the script carries no text tables); for a plain post as a redirect to
/// `<form_path>?error=<key>&field=<field>`.
pub fn respond(result: Result<String, AppError>, headers: &HeaderMap, form_path: &str) -> Response {
    match (result, wants_json(headers)) {
        (Ok(path), true) => json(
            StatusCode::OK,
            serde_json::json!({ "redirect": path }).to_string(),
        ),
        (Ok(path), false) => redirect(&path),
        (Err(e), true) => {
            let lang = headers_lang(headers);
            let field = match &e {
                AppError::Invalid { field, .. } => field.clone(),
                _ => None,
            };
            json(
                StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::BAD_REQUEST),
                serde_json::json!({ "error": e, "message": e.message(lang), "field": field })
                    .to_string(),
            )
        }
        (Err(AppError::Unauthorized), false) => {
            redirect(&format!("/login?next={}", encode_query(form_path)))
        }
        (Err(e), false) => redirect(&refused_location(form_path, &e, &[])),
    }
}

/// As [`respond`], and when a plain post (no script) is refused, keeps what was typed for the
/// form it returns to (see [`kept`]); the page reads it back with [`kept::typed_here`].
pub async fn respond_keeping(
    ctx: &ServerContext,
    auth: &RequestAuth,
    result: Result<String, AppError>,
    fields: &[(String, String)],
    headers: &HeaderMap,
    form_path: &str,
) -> Response {
    let keep = match &result {
        Err(AppError::Unauthorized) | Ok(_) => false,
        Err(_) => !wants_json(headers) && auth.user.is_some(),
    };
    let mut response = respond(result, headers, form_path);
    if keep {
        let page = form_path.split('?').next().unwrap_or(form_path);
        let user_id = auth.user.as_ref().map(|u| u.id);
        let secure = ctx.settings.secure_cookies;
        match kept::keep(&ctx.db, page, user_id, fields, secure).await {
            Ok(cookie) => {
                if let Ok(v) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            // The refusal itself still reaches the user; only the refilled form is missing.
            Err(e) => tracing::warn!(error = %e, "could not keep a refused form"),
        }
    }
    response
}
