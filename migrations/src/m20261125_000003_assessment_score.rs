//! Scores per transition, stored when an assessment is finalised, so that benchmarks and
//! dashboards aggregate in the database (AVG … GROUP BY) instead of re-scoring every answer.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Assessment {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AssessmentScore {
    Table,
    AssessmentId,
    TransitionKey,
    CurrentScore,
    AmbitionScore,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AssessmentScore::Table)
                .if_not_exists()
                .col(big_integer(AssessmentScore::AssessmentId))
                .col(string_len(AssessmentScore::TransitionKey, 120))
                .col(small_integer(AssessmentScore::CurrentScore))
                .col(small_integer(AssessmentScore::AmbitionScore))
                .primary_key(
                    Index::create()
                        .col(AssessmentScore::AssessmentId)
                        .col(AssessmentScore::TransitionKey),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(AssessmentScore::Table, AssessmentScore::AssessmentId)
                        .to(Assessment::Table, Assessment::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_assessment_score_transition")
                .table(AssessmentScore::Table)
                .col(AssessmentScore::TransitionKey)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AssessmentScore::Table).to_owned())
            .await
    }
}
