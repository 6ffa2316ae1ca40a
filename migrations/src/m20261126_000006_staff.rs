//! The staff workspace: an audit log of staff and admin actions, staff notes on companies,
//! programme indicators with targets, who published a questionnaire version, and the indexes
//! the analytics dashboard's grouped queries rely on.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Assessment {
    Table,
    Status,
    FinalisedAt,
    Province,
}

#[derive(DeriveIden)]
enum AssessmentPriority {
    Table,
    TransitionKey,
    Priority,
}

#[derive(DeriveIden)]
enum EventRegistration {
    Table,
    OrganisationId,
}

#[derive(DeriveIden)]
enum QuestionnaireVersion {
    Table,
    PublishedBy,
    ChangeNote,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    ActorId,
    ActorName,
    Action,
    SubjectKind,
    SubjectId,
    Before,
    After,
    At,
}

#[derive(DeriveIden)]
enum StaffNote {
    Table,
    Id,
    OrganisationId,
    AuthorId,
    AuthorName,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProgrammeIndicator {
    Table,
    Id,
    Metric,
    LabelNl,
    LabelEn,
    Target,
    ReachTarget,
    PeriodStart,
    PeriodEnd,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .if_not_exists()
                .col(big_pk_auto(AuditLog::Id))
                // The actor's name is copied: the log must stay readable after an account goes.
                .col(big_integer_null(AuditLog::ActorId))
                .col(string_len(AuditLog::ActorName, 254))
                .col(string_len(AuditLog::Action, 64))
                .col(string_len(AuditLog::SubjectKind, 32))
                .col(big_integer_null(AuditLog::SubjectId))
                .col(text_null(AuditLog::Before))
                .col(text_null(AuditLog::After))
                .col(big_integer(AuditLog::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_audit_log_subject")
                .table(AuditLog::Table)
                .col(AuditLog::SubjectKind)
                .col(AuditLog::SubjectId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(StaffNote::Table)
                .if_not_exists()
                .col(big_pk_auto(StaffNote::Id))
                .col(big_integer(StaffNote::OrganisationId))
                .col(big_integer_null(StaffNote::AuthorId))
                .col(string_len(StaffNote::AuthorName, 254))
                .col(text(StaffNote::Body))
                .col(big_integer(StaffNote::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(StaffNote::Table, StaffNote::OrganisationId)
                        .to(Organisation::Table, Organisation::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_staff_note_organisation")
                .table(StaffNote::Table)
                .col(StaffNote::OrganisationId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ProgrammeIndicator::Table)
                .if_not_exists()
                .col(big_pk_auto(ProgrammeIndicator::Id))
                .col(string_len(ProgrammeIndicator::Metric, 40))
                .col(string_len(ProgrammeIndicator::LabelNl, 200))
                .col(string_len(ProgrammeIndicator::LabelEn, 200))
                .col(integer(ProgrammeIndicator::Target))
                .col(integer_null(ProgrammeIndicator::ReachTarget))
                .col(big_integer(ProgrammeIndicator::PeriodStart))
                .col(big_integer(ProgrammeIndicator::PeriodEnd))
                .col(big_integer(ProgrammeIndicator::CreatedAt))
                .col(big_integer(ProgrammeIndicator::UpdatedAt))
                .to_owned(),
        )
        .await?;

        for col in [
            ColumnDef::new(QuestionnaireVersion::PublishedBy)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(QuestionnaireVersion::ChangeNote)
                .text()
                .null()
                .to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(QuestionnaireVersion::Table)
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }

        // The dashboard groups finalised assessments by month, province and segment.
        m.create_index(
            Index::create()
                .name("idx_assessment_status_finalised")
                .table(Assessment::Table)
                .col(Assessment::Status)
                .col(Assessment::FinalisedAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_assessment_province")
                .table(Assessment::Table)
                .col(Assessment::Province)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_assessment_priority_transition")
                .table(AssessmentPriority::Table)
                .col(AssessmentPriority::TransitionKey)
                .col(AssessmentPriority::Priority)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_event_registration_organisation")
                .table(EventRegistration::Table)
                .col(EventRegistration::OrganisationId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, name) in [
            (
                EventRegistration::Table.into_iden(),
                "idx_event_registration_organisation",
            ),
            (
                AssessmentPriority::Table.into_iden(),
                "idx_assessment_priority_transition",
            ),
            (Assessment::Table.into_iden(), "idx_assessment_province"),
            (
                Assessment::Table.into_iden(),
                "idx_assessment_status_finalised",
            ),
        ] {
            m.drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        for col in [
            QuestionnaireVersion::PublishedBy.into_iden(),
            QuestionnaireVersion::ChangeNote.into_iden(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(QuestionnaireVersion::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        for table in [
            ProgrammeIndicator::Table.into_iden(),
            StaffNote::Table.into_iden(),
            AuditLog::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
