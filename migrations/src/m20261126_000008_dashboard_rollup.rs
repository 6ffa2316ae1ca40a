//! Roll-up tables for the staff dashboard. Averaging 800,000 score rows on every dashboard
//! request took 19 s at 100,000 assessments on SQLite; these tables hold the same figures
//! already summed per (variant, province, sector, size class) and transition or month, so a
//! dashboard request reads a few thousand rows whatever the number of assessments.
//!
//! The app adds each assessment to them in the transaction that finalises it
//! (`app::assessment::rollup`); [`rebuild`] recomputes them from the assessments, here for the
//! existing data and in `server demo-data` after its bulk inserts. Missing profile values are
//! stored as `''` so that the primary key also holds for anonymous assessments.

use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DashboardTransition {
    Table,
    Variant,
    Province,
    Sector,
    SizeClass,
    TransitionKey,
    Scored,
    SumCurrent,
    SumAmbition,
    Band0,
    Band1,
    Band2,
    Band3,
    Band4,
    PriorityHigh,
    PriorityMedium,
    PriorityLow,
}

#[derive(DeriveIden)]
enum DashboardMonth {
    Table,
    Variant,
    Province,
    Sector,
    SizeClass,
    Month,
    Assessments,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use DashboardTransition as T;
        let mut table = Table::create();
        table
            .table(T::Table)
            .if_not_exists()
            .col(string_len(T::Variant, 32))
            .col(string_len(T::Province, 32))
            .col(string_len(T::Sector, 32))
            .col(string_len(T::SizeClass, 32))
            .col(string_len(T::TransitionKey, 64));
        for column in [
            T::Scored,
            T::SumCurrent,
            T::SumAmbition,
            T::Band0,
            T::Band1,
            T::Band2,
            T::Band3,
            T::Band4,
            T::PriorityHigh,
            T::PriorityMedium,
            T::PriorityLow,
        ] {
            table.col(big_integer(column).default(0));
        }
        table.primary_key(
            Index::create()
                .col(T::Variant)
                .col(T::Province)
                .col(T::Sector)
                .col(T::SizeClass)
                .col(T::TransitionKey),
        );
        m.create_table(table.to_owned()).await?;

        use DashboardMonth as M;
        m.create_table(
            Table::create()
                .table(M::Table)
                .if_not_exists()
                .col(string_len(M::Variant, 32))
                .col(string_len(M::Province, 32))
                .col(string_len(M::Sector, 32))
                .col(string_len(M::SizeClass, 32))
                .col(string_len(M::Month, 7))
                .col(big_integer(M::Assessments).default(0))
                .primary_key(
                    Index::create()
                        .col(M::Variant)
                        .col(M::Province)
                        .col(M::Sector)
                        .col(M::SizeClass)
                        .col(M::Month),
                )
                .to_owned(),
        )
        .await?;
        // Before migration 000009 there is no `counted` column: every finalised one counted.
        rebuild_where(m.get_connection(), "a.status = 'final'").await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(DashboardMonth::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(DashboardTransition::Table).to_owned())
            .await
    }
}

/// Recomputes both roll-up tables from the finalised assessments, their scores and
/// priorities, in one transaction-sized set of statements (callers that need atomicity run it
/// inside a transaction). The grouping here must match what `app::assessment::rollup::add`
/// adds per assessment; a test compares the two.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    // Only assessments that pass the plausibility gate (migration 000009) count.
    rebuild_where(db, "a.status = 'final' AND a.counted = TRUE").await
}

/// `YYYY-MM` of the Unix time `unix` in the Netherlands, as SQL (migration 000023 moved the
/// months from UTC to Dutch time; the app's `assessment::rollup::month` reckons the same).
/// PostgreSQL has the time-zone database. SQLite has none, so its moment is moved by the Dutch
/// offset before the month is read, which is exact for the month: only the last hours of a
/// month can fall into the next one, and on a month's last day the offset is two hours from
/// March to September (summer time began on or before 31 March and lasts past 30 September)
/// and one hour otherwise (winter time is back by 31 October).
pub fn month_sql(backend: DatabaseBackend, unix: &str) -> String {
    match backend {
        DatabaseBackend::Postgres => {
            format!("to_char(to_timestamp({unix}) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')")
        }
        _ => format!(
            "strftime('%Y-%m', {unix} + CASE WHEN CAST(strftime('%m', {unix}, 'unixepoch') \
             AS INTEGER) BETWEEN 3 AND 9 THEN 7200 ELSE 3600 END, 'unixepoch')"
        ),
    }
}

async fn rebuild_where(db: &impl ConnectionTrait, counted: &str) -> Result<(), DbErr> {
    let month = month_sql(db.get_database_backend(), "a.finalised_at");
    let profile = "a.variant, COALESCE(a.province, ''), COALESCE(a.sector, ''), \
                   COALESCE(a.size_class, '')";
    let statements = [
        "DELETE FROM dashboard_month".to_string(),
        "DELETE FROM dashboard_transition".to_string(),
        format!(
            "INSERT INTO dashboard_month \
               (variant, province, sector, size_class, month, assessments) \
             SELECT {profile}, {month}, COUNT(*) FROM assessment a \
             WHERE {counted} GROUP BY {profile}, {month}"
        ),
        // The band boundaries are `band_of` in app::analytics::model (20 points per band).
        format!(
            "INSERT INTO dashboard_transition \
               (variant, province, sector, size_class, transition_key, scored, sum_current, \
                sum_ambition, band0, band1, band2, band3, band4, priority_high, \
                priority_medium, priority_low) \
             SELECT {profile}, s.transition_key, COUNT(*), SUM(s.current_score), \
               SUM(s.ambition_score), \
               SUM(CASE WHEN s.current_score < 20 THEN 1 ELSE 0 END), \
               SUM(CASE WHEN s.current_score >= 20 AND s.current_score < 40 THEN 1 ELSE 0 END), \
               SUM(CASE WHEN s.current_score >= 40 AND s.current_score < 60 THEN 1 ELSE 0 END), \
               SUM(CASE WHEN s.current_score >= 60 AND s.current_score < 80 THEN 1 ELSE 0 END), \
               SUM(CASE WHEN s.current_score >= 80 THEN 1 ELSE 0 END), 0, 0, 0 \
             FROM assessment_score s JOIN assessment a ON a.id = s.assessment_id \
             WHERE {counted} GROUP BY {profile}, s.transition_key"
        ),
        // An upsert from a SELECT: SQLite parses it only when the SELECT has a WHERE clause.
        format!(
            "INSERT INTO dashboard_transition \
               (variant, province, sector, size_class, transition_key, scored, sum_current, \
                sum_ambition, band0, band1, band2, band3, band4, priority_high, \
                priority_medium, priority_low) \
             SELECT {profile}, p.transition_key, 0, 0, 0, 0, 0, 0, 0, 0, \
               SUM(CASE WHEN p.priority = 'high' THEN 1 ELSE 0 END), \
               SUM(CASE WHEN p.priority = 'medium' THEN 1 ELSE 0 END), \
               SUM(CASE WHEN p.priority = 'low' THEN 1 ELSE 0 END) \
             FROM assessment_priority p JOIN assessment a ON a.id = p.assessment_id \
             WHERE {counted} GROUP BY {profile}, p.transition_key \
             ON CONFLICT (variant, province, sector, size_class, transition_key) DO UPDATE SET \
               priority_high = excluded.priority_high, \
               priority_medium = excluded.priority_medium, \
               priority_low = excluded.priority_low"
        ),
    ];
    for sql in statements {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}
