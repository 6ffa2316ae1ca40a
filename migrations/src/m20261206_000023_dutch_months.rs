//! The dashboard counts assessments per month of finalising in Dutch months, no longer in
//! UTC months: one finalised at 00:30 on 1 December (23:30 UTC on 30 November) is of
//! December. Recomputes the month roll-up of the existing assessments with the new reckoning
//! (`m20261126_000008_dashboard_rollup::month_sql`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        crate::m20261126_000008_dashboard_rollup::rebuild(m.get_connection()).await
    }

    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        // The UTC months are not worth going back to: the rows stay as they are.
        Ok(())
    }
}
