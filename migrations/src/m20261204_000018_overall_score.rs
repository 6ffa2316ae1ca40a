//! The overall score as shown on the results page, stored at finalisation (issue 19): the
//! EDIH report exports it beside the dimension scores, and recomputing it from the stored,
//! rounded dimension scores could differ by a point from what the company was shown.
//! Assessments finalised before have none; the export then takes the mean of the stored
//! dimension scores and says so.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Assessment {
    Table,
    OverallScore,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Assessment::Table)
                .add_column(small_integer_null(Assessment::OverallScore))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Assessment::Table)
                .drop_column(Assessment::OverallScore)
                .to_owned(),
        )
        .await
    }
}
