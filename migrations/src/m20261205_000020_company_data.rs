//! The EU DMA's company data (issue 19, `assessment::company_data`): the number of persons
//! employed, the SBI code of the main activity and the enterprise identifier, asked when a
//! DMA starts and reported in the EDIH export. Empty (NULL) where not asked or not given:
//! every assessment before this, and Smart Factory Assessments.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Assessment {
    Table,
    Employees,
    SbiCode,
    EnterpriseId,
}

/// One column per statement: SQLite alters one column at a time.
fn columns() -> [ColumnDef; 3] {
    [
        integer_null(Assessment::Employees),
        string_len_null(Assessment::SbiCode, 5),
        string_len_null(Assessment::EnterpriseId, 15),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in columns() {
            m.alter_table(
                Table::alter()
                    .table(Assessment::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Assessment::Employees,
            Assessment::SbiCode,
            Assessment::EnterpriseId,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Assessment::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
