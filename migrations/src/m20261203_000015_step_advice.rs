//! A drafted plan step keeps staff's advice for the company's size class (issue 18: "the
//! suggested steps and texts differ by company size class and variant"), in both languages,
//! as it was when the plan was drafted: later template edits make a new questionnaire
//! version and do not rewrite plans already made. Steps a company wrote itself have none.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PlanStep {
    Table,
    AdviceNl,
    AdviceEn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        for column in [PlanStep::AdviceNl, PlanStep::AdviceEn] {
            m.alter_table(
                Table::alter()
                    .table(PlanStep::Table)
                    .add_column(text_null(column))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [PlanStep::AdviceNl, PlanStep::AdviceEn] {
            m.alter_table(
                Table::alter()
                    .table(PlanStep::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
