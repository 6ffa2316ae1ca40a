//! Staff server functions for the dashboard and the programme figures.

// The indicator form posts its fields flat (as a plain HTML form can); the macro generates a
// client function with the same arguments, where an attribute on the function cannot reach.
#![allow(clippy::too_many_arguments)]

use super::model::{Dashboard, DashboardFilter, Indicator, Reassessed};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::context::ServerContext,
    crate::i18n::request_lang,
    crate::web::request::{finish_form, require_staff},
};

#[server(endpoint = "staff/dashboard")]
pub async fn get_dashboard(filter: DashboardFilter) -> Result<Dashboard, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    super::service::dashboard(&ctx.db, filter, request_lang()).await
}

/// How many finalised assessments there are now: the rows of the assessment exports without
/// filters (the exports page says what is coming, as a streamed download has no length).
#[server(endpoint = "staff/export_rows")]
pub async fn export_rows() -> Result<u64, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    super::export::finalised_count(&ctx.db, &DashboardFilter::default()).await
}

#[server(endpoint = "staff/indicators")]
pub async fn programme_figures() -> Result<Vec<Indicator>, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    super::service::indicators(&ctx.db, request_lang()).await
}

/// Creates (`id` empty) or changes an indicator.
/// Re-assessed companies and their average change per transition (T0 → T1).
#[server(endpoint = "staff/reassessed")]
pub async fn reassessed_change() -> Result<Reassessed, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    super::reassessed::change_per_transition(&ctx.db).await
}

#[server(endpoint = "staff/indicators/save")]
pub async fn save_indicator(
    id: Option<i64>,
    metric: String,
    label_nl: String,
    label_en: String,
    target: String,
    reach_target: String,
    period_start: String,
    period_end: String,
) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        let input = super::model::IndicatorInput::from_form(
            &metric,
            &label_nl,
            &label_en,
            &target,
            &reach_target,
            &period_start,
            &period_end,
        )?;
        super::service::save_indicator(&ctx.db, &user, id, input).await
    }
    .await;
    finish_form(result, &[])
}

#[server(endpoint = "staff/indicators/delete")]
pub async fn delete_indicator(id: i64) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        super::service::delete_indicator(&ctx.db, &user, id).await
    }
    .await;
    finish_form(result, &[])
}
