//! The EU DMA (issue 19): a DMA started after a Smart Factory Assessment is prefilled from
//! it. The assessment remembers which one, so its pages can say which answers came from
//! there (`assessment::dma_prefill`) and the company checks them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Assessment {
    Table,
    PrefilledFrom,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Assessment::Table)
                .add_column(big_integer_null(Assessment::PrefilledFrom))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Assessment::Table)
                .drop_column(Assessment::PrefilledFrom)
                .to_owned(),
        )
        .await
    }
}
