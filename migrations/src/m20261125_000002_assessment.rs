//! The Smart Factory Assessment: questionnaire versions, assessments, answers and priorities.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum QuestionnaireVersion {
    Table,
    Id,
    Variant,
    Version,
    Content,
    ContentHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Assessment {
    Table,
    Id,
    ResumeTokenHash,
    OrganisationId,
    CreatedBy,
    QuestionnaireVersionId,
    Variant,
    CompanyName,
    Sector,
    SizeClass,
    Province,
    RespondentRole,
    Status,
    CreatedAt,
    UpdatedAt,
    FinalisedAt,
}

#[derive(DeriveIden)]
enum AssessmentAnswer {
    Table,
    AssessmentId,
    ItemKey,
    CurrentLevel,
    AmbitionLevel,
    NotApplicable,
    Comment,
    AnsweredBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AssessmentPriority {
    Table,
    AssessmentId,
    TransitionKey,
    Priority,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(QuestionnaireVersion::Table)
                .if_not_exists()
                .col(big_pk_auto(QuestionnaireVersion::Id))
                .col(string_len(QuestionnaireVersion::Variant, 32))
                .col(integer(QuestionnaireVersion::Version))
                .col(text(QuestionnaireVersion::Content))
                .col(string_len(QuestionnaireVersion::ContentHash, 64))
                .col(big_integer(QuestionnaireVersion::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_questionnaire_version_unique")
                .table(QuestionnaireVersion::Table)
                .col(QuestionnaireVersion::Variant)
                .col(QuestionnaireVersion::Version)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Assessment::Table)
                .if_not_exists()
                .col(big_pk_auto(Assessment::Id))
                .col(string_len_uniq(Assessment::ResumeTokenHash, 64))
                .col(big_integer_null(Assessment::OrganisationId))
                .col(big_integer_null(Assessment::CreatedBy))
                .col(big_integer(Assessment::QuestionnaireVersionId))
                .col(string_len(Assessment::Variant, 32))
                .col(string_len(Assessment::CompanyName, 200))
                .col(string_len(Assessment::Sector, 120))
                .col(string_len(Assessment::SizeClass, 16))
                .col(string_len(Assessment::Province, 16))
                .col(string_len(Assessment::RespondentRole, 120))
                .col(string_len(Assessment::Status, 16))
                .col(big_integer(Assessment::CreatedAt))
                .col(big_integer(Assessment::UpdatedAt))
                .col(big_integer_null(Assessment::FinalisedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Assessment::Table, Assessment::OrganisationId)
                        .to(Organisation::Table, Organisation::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Assessment::Table, Assessment::CreatedBy)
                        .to(UserAccount::Table, UserAccount::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Assessment::Table, Assessment::QuestionnaireVersionId)
                        .to(QuestionnaireVersion::Table, QuestionnaireVersion::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("idx_assessment_organisation", Assessment::OrganisationId),
            ("idx_assessment_variant_status", Assessment::Variant),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(Assessment::Table)
                    .col(col)
                    .col(Assessment::Status)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(AssessmentAnswer::Table)
                .if_not_exists()
                .col(big_integer(AssessmentAnswer::AssessmentId))
                .col(string_len(AssessmentAnswer::ItemKey, 120))
                .col(small_integer_null(AssessmentAnswer::CurrentLevel))
                .col(small_integer_null(AssessmentAnswer::AmbitionLevel))
                .col(boolean(AssessmentAnswer::NotApplicable))
                .col(text(AssessmentAnswer::Comment))
                .col(big_integer_null(AssessmentAnswer::AnsweredBy))
                .col(big_integer(AssessmentAnswer::UpdatedAt))
                .primary_key(
                    Index::create()
                        .col(AssessmentAnswer::AssessmentId)
                        .col(AssessmentAnswer::ItemKey),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(AssessmentAnswer::Table, AssessmentAnswer::AssessmentId)
                        .to(Assessment::Table, Assessment::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AssessmentPriority::Table)
                .if_not_exists()
                .col(big_integer(AssessmentPriority::AssessmentId))
                .col(string_len(AssessmentPriority::TransitionKey, 120))
                .col(string_len(AssessmentPriority::Priority, 16))
                .primary_key(
                    Index::create()
                        .col(AssessmentPriority::AssessmentId)
                        .col(AssessmentPriority::TransitionKey),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(AssessmentPriority::Table, AssessmentPriority::AssessmentId)
                        .to(Assessment::Table, Assessment::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AssessmentPriority::Table.into_iden(),
            AssessmentAnswer::Table.into_iden(),
            Assessment::Table.into_iden(),
            QuestionnaireVersion::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
