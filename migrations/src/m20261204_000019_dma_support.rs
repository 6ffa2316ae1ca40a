//! T0 and T1 of the EU DMA (issue 19): staff mark a company's support as finished, and a job
//! invites the company to measure again. One row per finished support; the partial unique
//! index allows one invitation waiting per company, so two clicks (or two staff members, or
//! two server processes) never schedule two.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DmaSupport {
    Table,
    Id,
    OrganisationId,
    FinishedAt,
    FinishedBy,
    InvitedAt,
    Invited,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(DmaSupport::Table)
                .col(big_pk_auto(DmaSupport::Id))
                .col(big_integer(DmaSupport::OrganisationId))
                .col(big_integer(DmaSupport::FinishedAt))
                .col(big_integer_null(DmaSupport::FinishedBy))
                .col(big_integer_null(DmaSupport::InvitedAt))
                .col(integer(DmaSupport::Invited).default(0))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_dma_support_organisation")
                .table(DmaSupport::Table)
                .col(DmaSupport::OrganisationId)
                .to_owned(),
        )
        .await?;
        // Partial indexes read the same in SQLite and PostgreSQL.
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_dma_support_waiting ON dma_support (organisation_id) \
                 WHERE invited_at IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(DmaSupport::Table).to_owned())
            .await
    }
}
