//! Staff exports: assessments (CSV and Excel), answers in long format, the EDIH report,
//! sign-ups and attendance, providers and consultants, contact requests. All but the profiles
//! (a few hundred rows) are read in batches and their CSV streamed (`batches`); the profiles
//! are built as one [`Table`]. Both formats are written from the same rows, so they never
//! disagree.

use super::model::DashboardFilter;
use crate::assessment::service::STATUS_FINAL;
use crate::context::ServerContext;
use crate::db::entities::{
    assessment, assessment_answer, assessment_score, contact_request, event, event_registration,
    provider_profile, questionnaire_version,
};
use crate::error::AppError;
use crate::web::request::RequestAuth;
pub use crate::web::table::{Cell, Table};
use crate::web::xlsx::XLSX_MAX_ROWS;
use axum::extract::{Extension, Path, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeMap, HashMap};

mod batches;
mod registrations;
mod requests;
pub use batches::{assessments, csv_body, xlsx_body, Batch, Export};

fn day(unix: Option<i64>) -> Cell {
    unix.map(|t| Cell::Text(crate::time::day_string(t)))
        .unwrap_or(Cell::Empty)
}

/// How many assessments are read per query (and sent per chunk of a streamed CSV): memory
/// holds one batch, whatever the number of assessments.
pub const BATCH: u64 = 2000;

pub(crate) fn filtered_final(filter: &DashboardFilter) -> sea_orm::Select<assessment::Entity> {
    let mut q = assessment::Entity::find().filter(assessment::Column::Status.eq(STATUS_FINAL));
    if let Some(v) = &filter.variant {
        q = q.filter(assessment::Column::Variant.eq(v.as_str()));
    }
    if let Some(v) = &filter.province {
        q = q.filter(assessment::Column::Province.eq(v.as_str()));
    }
    if let Some(v) = &filter.sector {
        q = q.filter(assessment::Column::Sector.eq(v.as_str()));
    }
    if let Some(v) = &filter.size_class {
        q = q.filter(assessment::Column::SizeClass.eq(v.as_str()));
    }
    q
}

/// How many finalised assessments there are under the filters.
pub async fn finalised_count(
    db: &impl ConnectionTrait,
    filter: &DashboardFilter,
) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(filtered_final(filter).count(db).await?)
}

/// The next `size` finalised assessments under the filters with an id above `after`: the
/// exports walk all of them this way, so memory stays flat at any size.
async fn final_batch(
    db: &impl ConnectionTrait,
    filter: &DashboardFilter,
    after: i64,
    size: u64,
) -> Result<Vec<assessment::Model>, AppError> {
    Ok(filtered_final(filter)
        .filter(assessment::Column::Id.gt(after))
        .order_by_asc(assessment::Column::Id)
        .limit(size)
        .all(db)
        .await?)
}

async fn version_numbers(db: &impl ConnectionTrait) -> Result<HashMap<i64, i32>, AppError> {
    Ok(questionnaire_version::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.version))
        .collect())
}

/// Every provider and consultant profile, with its review state and published contents.
pub async fn profiles(db: &impl ConnectionTrait) -> Result<Table, AppError> {
    let rows = provider_profile::Entity::find()
        .order_by_asc(provider_profile::Column::Kind)
        .order_by_asc(provider_profile::Column::NameSort)
        .all(db)
        .await?;
    let mut table = Table {
        headers: [
            "profile_id",
            "kind",
            "name",
            "published",
            "review_state",
            "published_on",
            "website",
            "contact_email",
            "transitions",
            "regions",
            "sizes",
            "services",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    for p in rows {
        let content: Option<crate::providers::model::ProfileContent> =
            serde_json::from_str(p.published.as_deref().unwrap_or(&p.draft)).ok();
        let list = |f: fn(&crate::providers::model::ProfileContent) -> &Vec<String>| {
            content
                .as_ref()
                .map(|c| f(c).join("; "))
                .unwrap_or_default()
        };
        table.rows.push(vec![
            Cell::Number(p.id as f64),
            p.kind.as_str().into(),
            content
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default()
                .into(),
            if p.published.is_some() { "yes" } else { "no" }.into(),
            p.review_state.as_str().into(),
            day(p.published_at),
            content
                .as_ref()
                .map(|c| c.website.clone())
                .unwrap_or_default()
                .into(),
            content
                .as_ref()
                .map(|c| c.contact_email.clone())
                .unwrap_or_default()
                .into(),
            list(|c| &c.transitions).into(),
            list(|c| &c.regions).into(),
            list(|c| &c.sizes).into(),
            list(|c| &c.services).into(),
        ]);
    }
    Ok(table)
}

/// The EDIH report's period from `from` and `to` (`YYYY-MM-DD`, both days included; either may
/// be empty): the first moment and the moment after the last day.
pub fn period(
    query: &HashMap<String, String>,
) -> Result<(Option<i64>, Option<i64>), crate::i18n::Key> {
    use crate::i18n::Key;
    let day = |name: &str| -> Result<Option<i64>, Key> {
        match query.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(text) => crate::time::parse_day(text)
                .map(Some)
                .ok_or(Key::ErrDateInvalid),
        }
    };
    let (from, to) = (day("from")?, day("to")?);
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            return Err(Key::ErrPeriodOrder);
        }
    }
    Ok((from, to.map(crate::time::day_after)))
}

/// GET /staff/exports/{file}: staff only; the dashboard's filters apply to the assessment and
/// answer exports.
pub async fn download(
    Extension(ctx): Extension<ServerContext>,
    Extension(auth): Extension<RequestAuth>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(e) = auth.require_staff() {
        return crate::web::status_only(&e);
    }
    let filter =
        DashboardFilter::from_query(|name| query.get(name).filter(|v| !v.is_empty()).cloned());
    let db = &ctx.db;
    let stamp = crate::time::day_string(crate::db::now());
    let name = format!("sih-{stamp}-{file}");
    let export = match file.as_str() {
        "edih.csv" | "edih.xlsx" => match period(&query) {
            Ok((from, until)) => Export::edih(db, from, until).await,
            // A date typed wrongly: back to the form with the reason and what was typed.
            Err(key) => {
                let typed = |name: &str| query.get(name).map_or("", String::as_str);
                let back = format!(
                    "/staff/exports?{}",
                    form_urlencoded::Serializer::new(String::new())
                        .append_pair("edih_error", key.id())
                        .append_pair("from", typed("from"))
                        .append_pair("to", typed("to"))
                        .finish()
                );
                return axum::response::Redirect::to(&back).into_response();
            }
        },
        "assessments.csv" | "assessments.xlsx" => Export::assessments(db, &filter).await,
        "answers.csv" => Export::answers(db, &filter).await,
        "contact-requests.csv" => Ok(Export::contact_requests()),
        "registrations.csv" => Ok(Export::registrations()),
        "profiles.csv" => {
            return small_export(&ctx, &file, &name).await;
        }
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let export = match export {
        Ok(e) => e,
        Err(e) => {
            tracing::error!(error = %e, file, "export failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let export_size = export.batch_size();
    if file.ends_with(".csv") {
        // Streamed: the first bytes leave at once, memory holds one batch.
        return attachment(
            &name,
            "text/csv; charset=utf-8",
            csv_body(ctx.db.clone(), export, export_size),
        );
    }
    // Excel: streamed too, once it is clear that one sheet holds every row (the dashboard
    // beside the links says how many assessments are coming; no length is known ahead).
    let sheet = if file.starts_with("edih") {
        "edih"
    } else {
        "assessments"
    };
    match export.assessment_count(db).await {
        Ok(rows) if rows <= u64::from(XLSX_MAX_ROWS) => attachment(
            &name,
            XLSX,
            xlsx_body(ctx.db.clone(), export, sheet, export_size),
        ),
        // More rows than a sheet holds: back to the page, which says to take the CSV.
        Ok(_) => axum::response::Redirect::to(&format!(
            "/staff/exports?export_error={}",
            crate::i18n::Key::ErrExportTooLargeForExcel.id()
        ))
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, file, "export failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The profiles export: the directory's providers and consultants, a few hundred at most,
/// built whole.
async fn small_export(ctx: &ServerContext, file: &str, name: &str) -> Response {
    send_table(profiles(&ctx.db).await, file, name)
}

fn attachment(name: &str, content_type: &str, body: impl axum::response::IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// A small export's CSV (they have no Excel form).
fn send_table(table: Result<Table, AppError>, file: &str, name: &str) -> Response {
    match table {
        Ok(table) => attachment(name, "text/csv; charset=utf-8", table.to_csv()),
        Err(e) => {
            tracing::error!(error = %e, file, "export failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
