//! Best practices (issue 18): cases staff publish of a company that took a step, with the
//! situation before, what was done, with whom and the result, in Dutch and English, and
//! photos. Draft until published; the public list filters by transition, variant, size class
//! and region.
//!
//! - `best_practice.transitions` and `.profiles` are `|a|b|` lists (as `event.themes`), so
//!   one LIKE finds the cases on a theme; `photo_count` is raised only by a conditional update,
//!   so parallel uploads never pass the limit.
//! - `practice_photo` keeps the re-encoded picture (never the uploaded bytes) under its hash,
//!   one row per photo of a case.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BestPractice {
    Table,
    Id,
    Slug,
    Status,
    TitleNl,
    TitleEn,
    CompanyName,
    Variant,
    SizeClass,
    Province,
    Transitions,
    Profiles,
    BeforeNl,
    BeforeEn,
    DoneNl,
    DoneEn,
    ResultNl,
    ResultEn,
    PhotoCount,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum PracticePhoto {
    Table,
    Id,
    PracticeId,
    Hash,
    Bytes,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(BestPractice::Table)
                .if_not_exists()
                .col(big_pk_auto(BestPractice::Id))
                .col(string_len(BestPractice::Slug, 140).unique_key())
                .col(string_len(BestPractice::Status, 16))
                .col(string_len(BestPractice::TitleNl, 200))
                .col(string_len(BestPractice::TitleEn, 200))
                // Empty: the company is not named.
                .col(string_len(BestPractice::CompanyName, 200))
                .col(string_len(BestPractice::Variant, 24))
                .col(string_len(BestPractice::SizeClass, 16))
                .col(string_len(BestPractice::Province, 32))
                .col(text(BestPractice::Transitions))
                .col(text(BestPractice::Profiles))
                .col(text(BestPractice::BeforeNl))
                .col(text(BestPractice::BeforeEn))
                .col(text(BestPractice::DoneNl))
                .col(text(BestPractice::DoneEn))
                .col(text(BestPractice::ResultNl))
                .col(text(BestPractice::ResultEn))
                .col(integer(BestPractice::PhotoCount).default(0))
                .col(big_integer(BestPractice::CreatedAt))
                .col(big_integer(BestPractice::UpdatedAt))
                .col(big_integer_null(BestPractice::PublishedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_best_practice_status")
                .table(BestPractice::Table)
                .col(BestPractice::Status)
                .col(BestPractice::PublishedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PracticePhoto::Table)
                .if_not_exists()
                .col(big_pk_auto(PracticePhoto::Id))
                .col(big_integer(PracticePhoto::PracticeId))
                .col(string_len(PracticePhoto::Hash, 64))
                .col(blob(PracticePhoto::Bytes))
                .col(big_integer(PracticePhoto::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(PracticePhoto::Table, PracticePhoto::PracticeId)
                        .to(BestPractice::Table, BestPractice::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_practice_photo_unique")
                .table(PracticePhoto::Table)
                .col(PracticePhoto::PracticeId)
                .col(PracticePhoto::Hash)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_practice_photo_hash")
                .table(PracticePhoto::Table)
                .col(PracticePhoto::Hash)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PracticePhoto::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(BestPractice::Table).to_owned())
            .await
    }
}
