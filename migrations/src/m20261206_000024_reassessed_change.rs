//! The re-assessed companies' change per transition as a roll-up (issue 21). Counting it from
//! the source tables grouped every finalised assessment by company and joined two score sets
//! per re-assessed company: 7.2 s at a million assessments on PostgreSQL. These tables hold it
//! already counted:
//! - `reassessed_change`: per transition the number of re-assessed companies scored on it in
//!   both their first and their latest assessment, and the sums of those two current scores;
//!   the row [`REASSESSED_COMPANIES`] counts the re-assessed companies themselves;
//! - `reassessed_score`: what each company adds to those rows (the same keys, its two scores),
//!   so a change to one company is applied as the difference between what it added and what
//!   it adds now, also after its assessments are gone (account erasure).
//!
//! `app::db::funnel_rollup::refresh`, which every write that changes a company's finalised
//! assessments calls, keeps them; [`rebuild`] recomputes them from the source tables.

use sea_orm_migration::sea_orm::ConnectionTrait;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReassessedChange {
    Table,
    TransitionKey,
    Companies,
    FirstSum,
    LatestSum,
}

#[derive(DeriveIden)]
enum ReassessedScore {
    Table,
    OrganisationId,
    TransitionKey,
    FirstScore,
    LatestScore,
}

/// The key of the row that counts the re-assessed companies (no transition key is empty).
pub const REASSESSED_COMPANIES: &str = "";

/// Each re-assessed company (`org`) with its first (`first_id`) and latest (`latest_id`)
/// counted finalised assessment: the first and last by moment of finalising, the lower and
/// higher id among those finalised in the same second. A company is re-assessed when the two
/// were finalised at different moments. Assessments done without an account cannot be
/// followed and do not count; neither do those the plausibility gate left out of the figures.
pub const REASSESSED_PAIRS_SQL: &str = "SELECT organisation_id AS org, \
       MAX(CASE WHEN rank_first = 1 THEN id END) AS first_id, \
       MAX(CASE WHEN rank_latest = 1 THEN id END) AS latest_id \
     FROM (SELECT organisation_id, id, finalised_at, \
             ROW_NUMBER() OVER (PARTITION BY organisation_id ORDER BY finalised_at, id) \
               AS rank_first, \
             ROW_NUMBER() OVER (PARTITION BY organisation_id \
               ORDER BY finalised_at DESC, id DESC) AS rank_latest \
           FROM assessment \
           WHERE status = 'final' AND counted = TRUE AND organisation_id IS NOT NULL) ranked \
     GROUP BY organisation_id HAVING MIN(finalised_at) < MAX(finalised_at)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ReassessedChange as C;
        m.create_table(
            Table::create()
                .table(C::Table)
                .if_not_exists()
                .col(string_len(C::TransitionKey, 120).primary_key())
                .col(big_integer(C::Companies).default(0))
                .col(big_integer(C::FirstSum).default(0))
                .col(big_integer(C::LatestSum).default(0))
                .to_owned(),
        )
        .await?;
        use ReassessedScore as S;
        m.create_table(
            Table::create()
                .table(S::Table)
                .if_not_exists()
                .col(big_integer(S::OrganisationId))
                .col(string_len(S::TransitionKey, 120))
                .col(integer(S::FirstScore))
                .col(integer(S::LatestScore))
                .primary_key(Index::create().col(S::OrganisationId).col(S::TransitionKey))
                .to_owned(),
        )
        .await?;
        rebuild(m.get_connection()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ReassessedChange::Table.into_iden(),
            ReassessedScore::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// Recomputes the re-assessed roll-up from the source tables (callers that need atomicity run
/// it inside a transaction): each re-assessed company's own rows, then their sums.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let statements = [
        "DELETE FROM reassessed_change".to_string(),
        "DELETE FROM reassessed_score".to_string(),
        format!(
            "WITH pair AS ({REASSESSED_PAIRS_SQL}) \
             INSERT INTO reassessed_score \
               (organisation_id, transition_key, first_score, latest_score) \
             SELECT org, '{REASSESSED_COMPANIES}', 0, 0 FROM pair \
             UNION ALL \
             SELECT pair.org, s0.transition_key, s0.current_score, s1.current_score \
             FROM pair \
             JOIN assessment_score s0 ON s0.assessment_id = pair.first_id \
             JOIN assessment_score s1 ON s1.assessment_id = pair.latest_id \
               AND s1.transition_key = s0.transition_key"
        ),
        "INSERT INTO reassessed_change (transition_key, companies, first_sum, latest_sum) \
         SELECT transition_key, COUNT(*), SUM(first_score), SUM(latest_score) \
         FROM reassessed_score GROUP BY transition_key"
            .to_string(),
    ];
    for sql in statements {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}
