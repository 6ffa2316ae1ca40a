//! Profiles of solution providers and consultants (with their review life cycle), their logos,
//! and the contact requests companies send them from their matches.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

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
}

#[derive(DeriveIden)]
enum ProviderProfile {
    Table,
    Id,
    Kind,
    OrganisationId,
    UserId,
    Slug,
    Draft,
    ReviewState,
    ReviewNote,
    Published,
    PublishedAt,
    SearchText,
    NameSort,
    Tags,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum ProfileLogo {
    Table,
    Hash,
    ProfileId,
    ContentType,
    Bytes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ContactRequest {
    Table,
    Id,
    AssessmentId,
    CompanyOrganisationId,
    ProfileId,
    SenderUserId,
    Message,
    ShareResults,
    ResultsSummary,
    Status,
    Reply,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ProviderProfile::Table)
                .if_not_exists()
                .col(big_pk_auto(ProviderProfile::Id))
                .col(string_len(ProviderProfile::Kind, 16))
                // A provider's profile belongs to its organisation, a consultant's to the user.
                .col(big_integer_null(ProviderProfile::OrganisationId).unique_key())
                .col(big_integer_null(ProviderProfile::UserId).unique_key())
                .col(string_len(ProviderProfile::Slug, 140).unique_key())
                // The working copy (JSON); what the owners edit.
                .col(text(ProviderProfile::Draft))
                .col(string_len(ProviderProfile::ReviewState, 16))
                .col(text_null(ProviderProfile::ReviewNote))
                // The approved copy (JSON) the public sees; NULL when not published.
                .col(text_null(ProviderProfile::Published))
                .col(big_integer_null(ProviderProfile::PublishedAt))
                // Derived from the published copy for the directory's search and filters.
                .col(text(ProviderProfile::SearchText))
                .col(string_len(ProviderProfile::NameSort, 200))
                .col(text(ProviderProfile::Tags))
                .col(big_integer(ProviderProfile::CreatedAt))
                .col(big_integer(ProviderProfile::UpdatedAt))
                .col(big_integer_null(ProviderProfile::SubmittedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ProviderProfile::Table, ProviderProfile::OrganisationId)
                        .to(Organisation::Table, Organisation::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ProviderProfile::Table, ProviderProfile::UserId)
                        .to(UserAccount::Table, UserAccount::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_provider_profile_directory")
                .table(ProviderProfile::Table)
                .col(ProviderProfile::Kind)
                .col(ProviderProfile::NameSort)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ProfileLogo::Table)
                .if_not_exists()
                // Content-addressed: the draft and the published copy can name different logos.
                .col(string_len(ProfileLogo::Hash, 64).primary_key())
                .col(big_integer(ProfileLogo::ProfileId))
                .col(string_len(ProfileLogo::ContentType, 32))
                .col(blob(ProfileLogo::Bytes))
                .col(big_integer(ProfileLogo::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ProfileLogo::Table, ProfileLogo::ProfileId)
                        .to(ProviderProfile::Table, ProviderProfile::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ContactRequest::Table)
                .if_not_exists()
                .col(big_pk_auto(ContactRequest::Id))
                .col(big_integer(ContactRequest::AssessmentId))
                .col(big_integer(ContactRequest::CompanyOrganisationId))
                .col(big_integer(ContactRequest::ProfileId))
                .col(big_integer(ContactRequest::SenderUserId))
                .col(text(ContactRequest::Message))
                .col(boolean(ContactRequest::ShareResults))
                .col(text_null(ContactRequest::ResultsSummary))
                .col(string_len(ContactRequest::Status, 24))
                .col(text_null(ContactRequest::Reply))
                .col(big_integer(ContactRequest::CreatedAt))
                .col(big_integer(ContactRequest::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ContactRequest::Table, ContactRequest::AssessmentId)
                        .to(Assessment::Table, Assessment::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ContactRequest::Table, ContactRequest::CompanyOrganisationId)
                        .to(Organisation::Table, Organisation::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ContactRequest::Table, ContactRequest::ProfileId)
                        .to(ProviderProfile::Table, ProviderProfile::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ContactRequest::Table, ContactRequest::SenderUserId)
                        .to(UserAccount::Table, UserAccount::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_contact_request_profile")
                .table(ContactRequest::Table)
                .col(ContactRequest::ProfileId)
                .col(ContactRequest::CreatedAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_contact_request_company")
                .table(ContactRequest::Table)
                .col(ContactRequest::CompanyOrganisationId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ContactRequest::Table.into_iden(),
            ProfileLogo::Table.into_iden(),
            ProviderProfile::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
