//! Database schema, applied at start-up on SQLite and PostgreSQL alike.
//!
//! Times are stored as Unix seconds (`BIGINT`) so that comparisons behave the same on both
//! back-ends and no time-zone conversion can creep in between the database and the app.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_foundation;
mod m20261125_000002_assessment;
mod m20261125_000003_assessment_score;
mod m20261126_000004_providers;
mod m20261126_000005_events;
mod m20261126_000006_staff;
mod m20261126_000007_rate_limit;
mod m20261126_000008_dashboard_rollup;
mod m20261202_000009_security;
mod m20261202_000010_kept_form;
mod m20261202_000011_plan;
mod m20261203_000012_guidance;
mod m20261203_000013_step_event;
mod m20261203_000014_best_practice;
mod m20261203_000015_step_advice;
mod m20261204_000016_answer_value;
mod m20261204_000017_dma_prefill;
mod m20261204_000018_overall_score;
mod m20261204_000019_dma_support;
mod m20261205_000020_company_data;
mod m20261205_000021_list_search;
mod m20261206_000022_dashboard_funnel;
mod m20261206_000023_dutch_months;
mod m20261206_000024_reassessed_change;
mod m20261206_000025_page_generation;

/// `YYYY-MM` of a Unix time in Dutch time, as SQL for the backend.
pub use m20261126_000008_dashboard_rollup::month_sql;
/// Recomputes the staff dashboard's roll-up tables from the assessments (after bulk inserts).
pub use m20261126_000008_dashboard_rollup::rebuild as rebuild_dashboard_rollup;
/// Recomputes the dashboard's journey funnel from the source tables (after bulk inserts), and
/// what the app's per-company refresh shares with it.
pub use m20261206_000022_dashboard_funnel::rebuild as rebuild_dashboard_funnel;
pub use m20261206_000024_reassessed_change::rebuild as rebuild_reassessed_change;
pub mod reassessed {
    pub use crate::m20261206_000024_reassessed_change::{
        REASSESSED_COMPANIES, REASSESSED_PAIRS_SQL,
    };
}
/// The row of `page_generation` the directory's pages are kept under.
pub use m20261206_000025_page_generation::DIRECTORY as DIRECTORY_PAGES;
pub mod funnel {
    pub use crate::m20261206_000022_dashboard_funnel::{
        stages_sql, FUNNEL_ANY, FUNNEL_COUNTERS, FUNNEL_PROFILE_SQL,
    };
}

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_foundation::Migration),
            Box::new(m20261125_000002_assessment::Migration),
            Box::new(m20261125_000003_assessment_score::Migration),
            Box::new(m20261126_000004_providers::Migration),
            Box::new(m20261126_000005_events::Migration),
            Box::new(m20261126_000006_staff::Migration),
            Box::new(m20261126_000007_rate_limit::Migration),
            Box::new(m20261126_000008_dashboard_rollup::Migration),
            Box::new(m20261202_000009_security::Migration),
            Box::new(m20261202_000010_kept_form::Migration),
            Box::new(m20261202_000011_plan::Migration),
            Box::new(m20261203_000012_guidance::Migration),
            Box::new(m20261203_000013_step_event::Migration),
            Box::new(m20261203_000014_best_practice::Migration),
            Box::new(m20261203_000015_step_advice::Migration),
            Box::new(m20261204_000016_answer_value::Migration),
            Box::new(m20261204_000017_dma_prefill::Migration),
            Box::new(m20261204_000018_overall_score::Migration),
            Box::new(m20261204_000019_dma_support::Migration),
            Box::new(m20261205_000020_company_data::Migration),
            Box::new(m20261205_000021_list_search::Migration),
            Box::new(m20261206_000022_dashboard_funnel::Migration),
            Box::new(m20261206_000023_dutch_months::Migration),
            Box::new(m20261206_000024_reassessed_change::Migration),
            Box::new(m20261206_000025_page_generation::Migration),
        ]
    }
}
