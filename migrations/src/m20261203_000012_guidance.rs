//! Guidance on a plan (issue 18): a company asks for a consultant, staff assign one with a
//! voucher (a budget in half days), the consultant logs the days spent, both sides write
//! notes, and when both sign off the plan is frozen as a numbered version. Voucher periods
//! set the default budget per programme period.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Plan {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PlanGuidance {
    Table,
    Id,
    PlanId,
    OpenPlanId,
    State,
    RequestedAt,
    RequestedBy,
    RequestedByName,
    Message,
    PreferredProfileId,
    ConsultantProfileId,
    ConsultantUserId,
    ConsultantName,
    AssignedAt,
    Period,
    BudgetHalfDays,
    UsedHalfDays,
    CompanySignedChange,
    CompanySignedBy,
    ConsultantSignedChange,
    ConsultantSignedBy,
    EndedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PlanWorkLog {
    Table,
    Id,
    GuidanceId,
    UserId,
    Who,
    Day,
    HalfDays,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PlanNote {
    Table,
    Id,
    PlanId,
    UserId,
    Who,
    Side,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PlanVersion {
    Table,
    Id,
    PlanId,
    Number,
    ChangeId,
    AgreedAt,
    CompanySignedBy,
    ConsultantSignedBy,
    Steps,
}

#[derive(DeriveIden)]
enum VoucherPeriod {
    Table,
    Id,
    Name,
    StartsOn,
    EndsOn,
    DefaultHalfDays,
    CreatedAt,
}

fn cascade_to_plan<T: IntoIden + 'static>(table: T, col: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(Plan::Table, Plan::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PlanGuidance::Table)
                .if_not_exists()
                .col(big_pk_auto(PlanGuidance::Id))
                .col(big_integer(PlanGuidance::PlanId))
                // The plan's id while the guidance is open, NULL once it ended: unique, so a
                // plan has at most one open request even when two are sent at once (NULLs do
                // not collide, so ended trajectories stay as history).
                .col(big_integer_null(PlanGuidance::OpenPlanId).unique_key())
                .col(string_len(PlanGuidance::State, 20))
                .col(big_integer(PlanGuidance::RequestedAt))
                .col(big_integer_null(PlanGuidance::RequestedBy))
                .col(string_len(PlanGuidance::RequestedByName, 254))
                .col(text(PlanGuidance::Message))
                .col(big_integer_null(PlanGuidance::PreferredProfileId))
                .col(big_integer_null(PlanGuidance::ConsultantProfileId))
                // Who may read and edit the plan while assigned; checked on every request.
                .col(big_integer_null(PlanGuidance::ConsultantUserId))
                .col(string_len_null(PlanGuidance::ConsultantName, 254))
                .col(big_integer_null(PlanGuidance::AssignedAt))
                .col(string_len_null(PlanGuidance::Period, 60))
                // Kept by a conditional update: days are logged only while used + new fits.
                .col(integer(PlanGuidance::BudgetHalfDays))
                .col(integer(PlanGuidance::UsedHalfDays))
                // Each side's sign-off names the plan's last content change it agreed to.
                .col(big_integer_null(PlanGuidance::CompanySignedChange))
                .col(string_len_null(PlanGuidance::CompanySignedBy, 254))
                .col(big_integer_null(PlanGuidance::ConsultantSignedChange))
                .col(string_len_null(PlanGuidance::ConsultantSignedBy, 254))
                .col(big_integer_null(PlanGuidance::EndedAt))
                .col(big_integer(PlanGuidance::UpdatedAt))
                .foreign_key(&mut cascade_to_plan(
                    PlanGuidance::Table,
                    PlanGuidance::PlanId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_plan_guidance_plan")
                .table(PlanGuidance::Table)
                .col(PlanGuidance::PlanId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_plan_guidance_consultant")
                .table(PlanGuidance::Table)
                .col(PlanGuidance::ConsultantUserId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PlanWorkLog::Table)
                .if_not_exists()
                .col(big_pk_auto(PlanWorkLog::Id))
                .col(big_integer(PlanWorkLog::GuidanceId))
                .col(big_integer_null(PlanWorkLog::UserId))
                .col(string_len(PlanWorkLog::Who, 254))
                .col(string_len(PlanWorkLog::Day, 10))
                .col(integer(PlanWorkLog::HalfDays))
                .col(text(PlanWorkLog::Note))
                .col(big_integer(PlanWorkLog::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(PlanWorkLog::Table, PlanWorkLog::GuidanceId)
                        .to(PlanGuidance::Table, PlanGuidance::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_plan_work_log_guidance")
                .table(PlanWorkLog::Table)
                .col(PlanWorkLog::GuidanceId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PlanNote::Table)
                .if_not_exists()
                .col(big_pk_auto(PlanNote::Id))
                .col(big_integer(PlanNote::PlanId))
                .col(big_integer_null(PlanNote::UserId))
                .col(string_len(PlanNote::Who, 254))
                .col(string_len(PlanNote::Side, 20))
                .col(text(PlanNote::Body))
                .col(big_integer(PlanNote::CreatedAt))
                .foreign_key(&mut cascade_to_plan(PlanNote::Table, PlanNote::PlanId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_plan_note_plan")
                .table(PlanNote::Table)
                .col(PlanNote::PlanId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PlanVersion::Table)
                .if_not_exists()
                .col(big_pk_auto(PlanVersion::Id))
                .col(big_integer(PlanVersion::PlanId))
                .col(integer(PlanVersion::Number))
                .col(big_integer(PlanVersion::ChangeId))
                .col(big_integer(PlanVersion::AgreedAt))
                .col(string_len(PlanVersion::CompanySignedBy, 254))
                .col(string_len(PlanVersion::ConsultantSignedBy, 254))
                // The steps as agreed (JSON): a version is never edited, later changes make
                // the next one.
                .col(text(PlanVersion::Steps))
                .foreign_key(&mut cascade_to_plan(
                    PlanVersion::Table,
                    PlanVersion::PlanId,
                ))
                .to_owned(),
        )
        .await?;
        // Two sign-offs at once freeze one version: numbers and agreed states are unique.
        m.create_index(
            Index::create()
                .name("idx_plan_version_number")
                .table(PlanVersion::Table)
                .col(PlanVersion::PlanId)
                .col(PlanVersion::Number)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_plan_version_change")
                .table(PlanVersion::Table)
                .col(PlanVersion::PlanId)
                .col(PlanVersion::ChangeId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(VoucherPeriod::Table)
                .if_not_exists()
                .col(big_pk_auto(VoucherPeriod::Id))
                .col(string_len_uniq(VoucherPeriod::Name, 60))
                .col(string_len(VoucherPeriod::StartsOn, 10))
                .col(string_len(VoucherPeriod::EndsOn, 10))
                .col(integer(VoucherPeriod::DefaultHalfDays))
                .col(big_integer(VoucherPeriod::CreatedAt))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            VoucherPeriod::Table.into_iden(),
            PlanVersion::Table.into_iden(),
            PlanNote::Table.into_iden(),
            PlanWorkLog::Table.into_iden(),
            PlanGuidance::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
