//! Questionnaire versions as files (server only): staff download any version as its TOML file,
//! and upload a file as the variant's next version. An upload is checked completely before
//! anything is stored; a refused one lists every problem with its line on the page it returns
//! to, in the staff member's language, and changes nothing.

use crate::assessment::model::{Questionnaire, Variant};
use crate::assessment::questionnaire_file::{self, Problem, IMPORT_PAGE};
use crate::context::ServerContext;
use crate::db::entities::questionnaire_version;
use crate::error::AppError;
use crate::i18n::Key;
use crate::web::multipart;
use crate::web::request::RequestAuth;
use axum::extract::{Extension, Multipart, Path};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The form field of the file.
pub const FILE_FIELD: &str = "questionnaire";
/// The kept field that carries a refused upload's problems back to the page, as JSON.
pub const PROBLEMS_FIELD: &str = "problems";

/// GET /staff/questionnaires/files/{variant}-v{version}.toml: staff only.
pub async fn download(
    Extension(ctx): Extension<ServerContext>,
    Extension(auth): Extension<RequestAuth>,
    Path(file): Path<String>,
) -> Response {
    let found = async {
        auth.require_staff()?;
        let (variant, version) = parse_file_name(&file).ok_or(AppError::NotFound)?;
        let row = questionnaire_version::Entity::find()
            .filter(questionnaire_version::Column::Variant.eq(variant.code()))
            .filter(questionnaire_version::Column::Version.eq(version))
            .one(&ctx.db)
            .await?
            .ok_or(AppError::NotFound)?;
        crate::assessment::service::questionnaire(&ctx.db, row.id).await
    }
    .await;
    match found {
        Ok(q) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/toml; charset=utf-8".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"sih-questionnaire-{file}\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            questionnaire_file::to_toml(&q),
        )
            .into_response(),
        Err(e) => crate::web::status_only(&e),
    }
}

fn parse_file_name(file: &str) -> Option<(Variant, i32)> {
    let stem = file.strip_suffix(".toml")?;
    let (variant, version) = stem.rsplit_once("-v")?;
    Some((
        Variant::parse(variant)?,
        version.parse().ok().filter(|v| *v > 0)?,
    ))
}

/// Why an upload was refused: a problem of the request (not staff, no file, too large) or
/// the file's own problems, listed.
enum Refusal {
    Request(AppError),
    File(Vec<Problem>),
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        Refusal::Request(e)
    }
}

/// POST /staff/questionnaires/upload
pub async fn upload(
    Extension(ctx): Extension<ServerContext>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let mut note = String::new();
    let result = async {
        let user = auth.require_staff()?;
        let upload = multipart::read(form, FILE_FIELD).await?;
        note = upload.value("change_note").to_string();
        let bytes = upload
            .file
            .ok_or_else(|| AppError::field(FILE_FIELD, Key::QfNoFile))?;
        let source = String::from_utf8(bytes)
            .map_err(|_| Refusal::File(vec![Problem::new((1, 1), Key::QfNotUtf8, &[])]))?;
        let next =
            questionnaire_file::parse("upload", &source).map_err(|e| Refusal::File(e.problems))?;
        import(&ctx.db, user, next, &source, &note).await
    }
    .await;
    match result {
        Ok((variant, version)) => multipart::respond(
            Ok(format!(
                "/staff/questionnaires?imported={version}&variant={}",
                variant.code()
            )),
            &headers,
            IMPORT_PAGE,
        ),
        Err(Refusal::Request(e)) => multipart::respond(Err(e), &headers, IMPORT_PAGE),
        Err(Refusal::File(problems)) => {
            let json = serde_json::to_string(&problems).unwrap_or_default();
            let kept = [
                (PROBLEMS_FIELD.to_string(), json),
                ("change_note".to_string(), note),
            ];
            let refusal = AppError::field(FILE_FIELD, Key::QuestionnairesImportRefused);
            multipart::respond_keeping(&ctx, &auth, Err(refusal), &kept, &headers, IMPORT_PAGE)
                .await
        }
    }
}

/// Stores `next` as its variant's next version, if it is numbered as the next one and says
/// something the newest does not.
async fn import(
    db: &sea_orm::DatabaseConnection,
    user: &crate::accounts::model::CurrentUser,
    next: Questionnaire,
    source: &str,
    note: &str,
) -> Result<(Variant, i32), Refusal> {
    let variant = next.variant;
    // The shipped files are loaded at start-up, so every variant has a newest version.
    let (newest_id, base) = super::service::newest_version(db, variant).await?;
    let newest_version = i64::from(base.version);
    let at = top_level_line(source, "version");
    if i64::from(next.version) != newest_version + 1 {
        return Err(Refusal::File(vec![Problem::new(
            at,
            Key::QfVersionNotNext,
            &[
                ("version", &next.version.to_string()),
                ("newest", &newest_version.to_string()),
                ("next", &(newest_version + 1).to_string()),
            ],
        )]));
    }
    let mut same = (*base).clone();
    same.version = next.version;
    if same == next {
        return Err(Refusal::File(vec![Problem::new(
            at,
            Key::QfSameAsNewest,
            &[("newest", &newest_version.to_string())],
        )]));
    }
    let bytes = source.len();
    let version = super::service::publish(db, user, variant, newest_id, note, move |_| {
        Ok((
            next,
            serde_json::json!({}),
            serde_json::json!({ "from_file": true, "bytes": bytes }),
        ))
    })
    .await?;
    Ok((variant, version))
}

/// Where a top-level `name = …` line is, to point a problem about its value there (the file
/// was read already, so the line exists; line 1 otherwise).
fn top_level_line(source: &str, name: &str) -> (usize, usize) {
    source
        .lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .position(|l| {
            l.trim_start()
                .strip_prefix(name)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| (i + 1, 1))
        .unwrap_or((1, 1))
}

/// What a refused upload kept for the page, if this browser sent it.
pub fn kept_refusal(kept: &[(String, String)]) -> super::model::ImportRefusal {
    super::model::ImportRefusal {
        problems: kept
            .iter()
            .find(|(k, _)| k == PROBLEMS_FIELD)
            .and_then(|(_, v)| serde_json::from_str(v).ok())
            .unwrap_or_default(),
        change_note: crate::text::posted(kept, "change_note").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_variant_and_version_and_nothing_else() {
        let path = questionnaire_file::download_path(Variant::Process, 4);
        assert_eq!(path, "/staff/questionnaires/files/process-v4.toml");
        assert_eq!(
            parse_file_name("process-v4.toml"),
            Some((Variant::Process, 4))
        );
        assert_eq!(parse_file_name("process-v0.toml"), None);
        assert_eq!(parse_file_name("process-v4.txt"), None);
        assert_eq!(parse_file_name("bakery-v4.toml"), None);
        assert_eq!(parse_file_name("../process-v4.toml"), None);
    }

    #[test]
    fn the_version_line_is_found_before_the_first_table() {
        let source = "# c\nvariant = \"process\"\n  version = 3\n[[transitions]]\nversion = 9\n";
        assert_eq!(top_level_line(source, "version"), (3, 1));
        assert_eq!(top_level_line(source, "title"), (1, 1));
        assert_eq!(top_level_line("versions = 1\n", "version"), (1, 1));
    }
}
