//! Rate limits for actions anyone can trigger (sign-up, password reset, event sign-up, contact
//! requests): one row per attempt, counted per bucket and key over a window. In the database,
//! so every server process sees the same counts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateEvent {
    Table,
    Id,
    Bucket,
    Key,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RateEvent::Table)
                .if_not_exists()
                .col(big_pk_auto(RateEvent::Id))
                .col(string_len(RateEvent::Bucket, 32))
                .col(string_len(RateEvent::Key, 254))
                .col(big_integer(RateEvent::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_rate_event_bucket_key_at")
                .table(RateEvent::Table)
                .col(RateEvent::Bucket)
                .col(RateEvent::Key)
                .col(RateEvent::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RateEvent::Table).to_owned())
            .await
    }
}
