//! Security hardening (issue 16): rate limits and log-in throttling decided by one atomic
//! statement instead of count-then-insert, and sessions that know their device and can idle
//! out.
//!
//! - `rate_limit` replaces `rate_event`: one row per bucket and key holding when the bucket is
//!   full again (GCRA), so the limit is one conditional upsert.
//! - `login_throttle` replaces `login_attempt`: failures per key with the time the next
//!   attempt may come (growing delays instead of a lock-out anyone could trigger).
//! - `session.user_agent`: a short description of the browser, for "your sessions".
//! - `retired_resume_link`: resume links replaced when an assessment moves into a company's
//!   account (claim, staff hand-over), so the old link can say where the assessment went
//!   instead of opening it.
//! - `assessment.counted`: whether a finalised assessment passes the plausibility gate and so
//!   counts in peer benchmarks, the dashboard and the programme figures (see
//!   `app::assessment::model::counts_in_figures`). Existing finalised assessments are judged
//!   by the same rule from what is stored, and the roll-ups are rebuilt.
//! - One place per person per event: a partial unique index on `(event_id, email)` over the
//!   registrations holding a seat or a place in line. Duplicates made before it existed are
//!   cancelled first (the oldest stays) and the seat counts recounted.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateLimit {
    Table,
    Bucket,
    Key,
    Tat,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    Failures,
    LastAt,
    BlockedUntil,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    UserAgent,
}

#[derive(DeriveIden)]
enum RetiredResumeLink {
    Table,
    TokenHash,
    AssessmentId,
    RetiredAt,
}

#[derive(DeriveIden)]
enum Assessment {
    Table,
    Counted,
}

#[derive(DeriveIden)]
enum RateEvent {
    Table,
}

#[derive(DeriveIden)]
enum LoginAttempt {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RateLimit::Table)
                .if_not_exists()
                .col(string_len(RateLimit::Bucket, 32))
                .col(string_len(RateLimit::Key, 254))
                .col(big_integer(RateLimit::Tat))
                .primary_key(Index::create().col(RateLimit::Bucket).col(RateLimit::Key))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(LoginThrottle::Table)
                .if_not_exists()
                .col(string_len(LoginThrottle::Key, 330).primary_key())
                .col(integer(LoginThrottle::Failures))
                .col(big_integer(LoginThrottle::LastAt))
                .col(big_integer(LoginThrottle::BlockedUntil))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Session::Table)
                .add_column(string_len_null(Session::UserAgent, 120))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RetiredResumeLink::Table)
                .if_not_exists()
                .col(string_len(RetiredResumeLink::TokenHash, 64).primary_key())
                .col(big_integer(RetiredResumeLink::AssessmentId))
                .col(big_integer(RetiredResumeLink::RetiredAt))
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(RateEvent::Table).if_exists().to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Assessment::Table)
                .add_column(boolean(Assessment::Counted).default(false))
                .to_owned(),
        )
        .await?;
        // The rule of `counts_in_figures`, over what is stored: owned by a company, or at
        // least five minutes from start to finalising with at least ten items answered.
        m.get_connection()
            .execute_unprepared(
                "UPDATE assessment SET counted = TRUE WHERE status = 'final' AND ( \
                   organisation_id IS NOT NULL OR (finalised_at - created_at >= 300 AND \
                   (SELECT COUNT(*) FROM assessment_answer x WHERE x.assessment_id = assessment.id \
                    AND (x.current_level IS NOT NULL OR x.not_applicable = TRUE)) >= 10))",
            )
            .await?;
        crate::m20261126_000008_dashboard_rollup::rebuild(m.get_connection()).await?;
        // Plain SQL: the same text on SQLite and PostgreSQL, and sea-query's index builder has
        // no partial (WHERE) form for both.
        let db = m.get_connection();
        db.execute_unprepared(
            "UPDATE event_registration SET status = 'cancelled' \
             WHERE status IN ('confirmed', 'waiting', 'deciding') AND id NOT IN ( \
               SELECT MIN(id) FROM event_registration \
               WHERE status IN ('confirmed', 'waiting', 'deciding') GROUP BY event_id, email)",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE event SET seats_taken = (SELECT COUNT(*) FROM event_registration r \
             WHERE r.event_id = event.id AND r.status = 'confirmed')",
        )
        .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX IF NOT EXISTS ux_event_registration_one_place \
             ON event_registration (event_id, email) \
             WHERE status IN ('confirmed', 'waiting', 'deciding')",
        )
        .await?;
        m.drop_table(
            Table::drop()
                .table(LoginAttempt::Table)
                .if_exists()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP INDEX IF EXISTS ux_event_registration_one_place")
            .await?;
        m.drop_table(Table::drop().table(RateLimit::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(LoginThrottle::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(RetiredResumeLink::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Assessment::Table)
                .drop_column(Assessment::Counted)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Session::Table)
                .drop_column(Session::UserAgent)
                .to_owned(),
        )
        .await
    }
}
