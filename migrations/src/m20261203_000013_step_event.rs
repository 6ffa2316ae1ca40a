//! A plan step can be an event the company added from its plan with one click (issue 18: "a
//! masterclass counts as a step of its own"). The step keeps the event it came from, so the
//! plan links to the event page and does not offer the same event twice: a unique index on
//! `(plan_id, event_id)` holds that under parallel clicks (steps of one's own have no event,
//! and NULLs never collide).
//!
//! No foreign key: SQLite cannot add one to an existing table, and events are never deleted
//! (cancelled events keep their row).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PlanStep {
    Table,
    PlanId,
    EventId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(PlanStep::Table)
                .add_column(big_integer_null(PlanStep::EventId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_plan_step_event_unique")
                .table(PlanStep::Table)
                .col(PlanStep::PlanId)
                .col(PlanStep::EventId)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_plan_step_event_unique")
                .table(PlanStep::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(PlanStep::Table)
                .drop_column(PlanStep::EventId)
                .to_owned(),
        )
        .await
    }
}
