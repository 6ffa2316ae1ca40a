//! Question types besides the level item (issue 19): single and multiple choice, grids,
//! yes / partly / no, numbers and short texts. Their answer is one JSON value in a column of
//! its own (`question_kind::AnswerValue`); level answers keep their level columns, so every
//! stored answer, export and dashboard query reads as before.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AssessmentAnswer {
    Table,
    AnswerValue,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AssessmentAnswer::Table)
                .add_column(text_null(AssessmentAnswer::AnswerValue))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AssessmentAnswer::Table)
                .drop_column(AssessmentAnswer::AnswerValue)
                .to_owned(),
        )
        .await
    }
}
