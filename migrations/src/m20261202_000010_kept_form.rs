//! What a refused plain form post typed, kept for a few minutes so the form comes back filled
//! in (issue 15). Short forms keep their fields in a cookie; a profile or event form with a
//! long description does not fit in one, and must not travel in the URL, so it is kept here,
//! under the hash of a random key that only the browser that typed it holds.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum KeptForm {
    Table,
    KeyHash,
    Page,
    UserId,
    Fields,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(KeptForm::Table)
                .if_not_exists()
                .col(string_len(KeptForm::KeyHash, 64).primary_key())
                .col(string_len(KeptForm::Page, 200))
                .col(big_integer_null(KeptForm::UserId))
                .col(text(KeptForm::Fields))
                .col(big_integer(KeptForm::ExpiresAt))
                .to_owned(),
        )
        .await?;
        // Expired rows are swept by age on every insert.
        m.create_index(
            Index::create()
                .name("ix_kept_form_expires_at")
                .table(KeptForm::Table)
                .col(KeptForm::ExpiresAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(KeptForm::Table).to_owned())
            .await
    }
}
