//! The digitalisation plan (issue 18): one plan per finalised assessment, its steps, and the
//! history of every change to it (who, when, what).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Assessment {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Plan {
    Table,
    Id,
    AssessmentId,
    StepCount,
    FollowupsSent,
    NextFollowupAt,
    FollowupsOff,
    ReassessOn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PlanStep {
    Table,
    Id,
    PlanId,
    Position,
    TransitionKey,
    ItemKey,
    Title,
    GoalNl,
    GoalEn,
    FromLevel,
    ToLevel,
    Horizon,
    Status,
    Owner,
    TargetDate,
    Budget,
    DroppedReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PlanChange {
    Table,
    Id,
    PlanId,
    At,
    UserId,
    Who,
    Kind,
    StepTitle,
    Fields,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Plan::Table)
                .if_not_exists()
                .col(big_pk_auto(Plan::Id))
                // Unique: drafting twice at once (finalise and a first visit) makes one plan.
                .col(big_integer_uniq(Plan::AssessmentId))
                // Kept by conditional updates, so the step limit holds under parallel adds.
                .col(integer(Plan::StepCount))
                // Follow-up mails: how many went out, when the next is due (NULL: none), whether
                // the company turned them off, and the day it wants to repeat the assessment.
                .col(integer(Plan::FollowupsSent))
                .col(big_integer_null(Plan::NextFollowupAt))
                .col(boolean(Plan::FollowupsOff))
                .col(string_len_null(Plan::ReassessOn, 10))
                .col(big_integer(Plan::CreatedAt))
                .col(big_integer(Plan::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Plan::Table, Plan::AssessmentId)
                        .to(Assessment::Table, Assessment::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // The follow-up job asks for the plans whose next mail is due.
        m.create_index(
            Index::create()
                .name("idx_plan_next_followup")
                .table(Plan::Table)
                .col(Plan::NextFollowupAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PlanStep::Table)
                .if_not_exists()
                .col(big_pk_auto(PlanStep::Id))
                .col(big_integer(PlanStep::PlanId))
                .col(integer(PlanStep::Position))
                .col(string_len(PlanStep::TransitionKey, 100))
                .col(string_len_null(PlanStep::ItemKey, 100))
                .col(text_null(PlanStep::Title))
                .col(text_null(PlanStep::GoalNl))
                .col(text_null(PlanStep::GoalEn))
                .col(small_integer_null(PlanStep::FromLevel))
                .col(small_integer_null(PlanStep::ToLevel))
                .col(string_len(PlanStep::Horizon, 10))
                .col(string_len(PlanStep::Status, 20))
                .col(string_len(PlanStep::Owner, 100))
                .col(string_len_null(PlanStep::TargetDate, 10))
                .col(string_len_null(PlanStep::Budget, 10))
                .col(text(PlanStep::DroppedReason))
                .col(big_integer(PlanStep::CreatedAt))
                .col(big_integer(PlanStep::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(PlanStep::Table, PlanStep::PlanId)
                        .to(Plan::Table, Plan::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_plan_step_plan")
                .table(PlanStep::Table)
                .col(PlanStep::PlanId)
                .col(PlanStep::Position)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PlanChange::Table)
                .if_not_exists()
                .col(big_pk_auto(PlanChange::Id))
                .col(big_integer(PlanChange::PlanId))
                .col(big_integer(PlanChange::At))
                .col(big_integer_null(PlanChange::UserId))
                .col(string_len_null(PlanChange::Who, 254))
                .col(string_len(PlanChange::Kind, 20))
                .col(text(PlanChange::StepTitle))
                .col(string_len(PlanChange::Fields, 200))
                .foreign_key(
                    ForeignKey::create()
                        .from(PlanChange::Table, PlanChange::PlanId)
                        .to(Plan::Table, Plan::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_plan_change_plan")
                .table(PlanChange::Table)
                .col(PlanChange::PlanId)
                .col(PlanChange::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PlanChange::Table.into_iden(),
            PlanStep::Table.into_iden(),
            Plan::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
