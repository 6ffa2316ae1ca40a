//! Accounts, organisations, sessions, invitations, log-in attempts, the e-mail outbox and
//! instance settings (such as the generated signing key shared by all server processes).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Setting {
    Table,
    Key,
    Value,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    Kind,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
    Email,
    PasswordHash,
    DisplayName,
    Role,
    OrganisationId,
    Locale,
    EmailVerifiedAt,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    IdHash,
    UserId,
    CreatedAt,
    ExpiresAt,
    LastSeenAt,
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    Id,
    OrganisationId,
    Email,
    TokenHash,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
}

#[derive(DeriveIden)]
enum LoginAttempt {
    Table,
    Id,
    AccountKey,
    Ip,
    Succeeded,
    At,
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    Recipient,
    Subject,
    BodyText,
    Status,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LastError,
    CreatedAt,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Setting::Table)
                .if_not_exists()
                .col(string(Setting::Key).primary_key())
                .col(text(Setting::Value))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Organisation::Table)
                .if_not_exists()
                .col(big_pk_auto(Organisation::Id))
                .col(string_len(Organisation::Kind, 16))
                .col(string_len(Organisation::Name, 200))
                .col(big_integer(Organisation::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(UserAccount::Table)
                .if_not_exists()
                .col(big_pk_auto(UserAccount::Id))
                .col(string_len_uniq(UserAccount::Email, 254))
                .col(string(UserAccount::PasswordHash))
                .col(string_len(UserAccount::DisplayName, 120))
                .col(string_len(UserAccount::Role, 24))
                .col(big_integer_null(UserAccount::OrganisationId))
                .col(string_len(UserAccount::Locale, 8))
                .col(big_integer_null(UserAccount::EmailVerifiedAt))
                .col(boolean(UserAccount::Active))
                .col(big_integer(UserAccount::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(UserAccount::Table, UserAccount::OrganisationId)
                        .to(Organisation::Table, Organisation::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_user_account_organisation")
                .table(UserAccount::Table)
                .col(UserAccount::OrganisationId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Session::Table)
                .if_not_exists()
                .col(string_len(Session::IdHash, 64).primary_key())
                .col(big_integer(Session::UserId))
                .col(big_integer(Session::CreatedAt))
                .col(big_integer(Session::ExpiresAt))
                .col(big_integer(Session::LastSeenAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Session::Table, Session::UserId)
                        .to(UserAccount::Table, UserAccount::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_session_user")
                .table(Session::Table)
                .col(Session::UserId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Invitation::Table)
                .if_not_exists()
                .col(big_pk_auto(Invitation::Id))
                .col(big_integer(Invitation::OrganisationId))
                .col(string_len(Invitation::Email, 254))
                .col(string_len_uniq(Invitation::TokenHash, 64))
                .col(big_integer(Invitation::InvitedBy))
                .col(big_integer(Invitation::CreatedAt))
                .col(big_integer(Invitation::ExpiresAt))
                .col(big_integer_null(Invitation::AcceptedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitation::Table, Invitation::OrganisationId)
                        .to(Organisation::Table, Organisation::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitation::Table, Invitation::InvitedBy)
                        .to(UserAccount::Table, UserAccount::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LoginAttempt::Table)
                .if_not_exists()
                .col(big_pk_auto(LoginAttempt::Id))
                .col(string_len(LoginAttempt::AccountKey, 254))
                .col(string_len(LoginAttempt::Ip, 64))
                .col(boolean(LoginAttempt::Succeeded))
                .col(big_integer(LoginAttempt::At))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("idx_login_attempt_account", LoginAttempt::AccountKey),
            ("idx_login_attempt_ip", LoginAttempt::Ip),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(LoginAttempt::Table)
                    .col(col)
                    .col(LoginAttempt::At)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(EmailOutbox::Table)
                .if_not_exists()
                .col(big_pk_auto(EmailOutbox::Id))
                .col(string_len(EmailOutbox::Recipient, 254))
                .col(string_len(EmailOutbox::Subject, 300))
                .col(text(EmailOutbox::BodyText))
                .col(string_len(EmailOutbox::Status, 16))
                .col(integer(EmailOutbox::Attempts))
                .col(big_integer(EmailOutbox::NextAttemptAt))
                .col(big_integer_null(EmailOutbox::LockedUntil))
                .col(text_null(EmailOutbox::LastError))
                .col(big_integer(EmailOutbox::CreatedAt))
                .col(big_integer_null(EmailOutbox::SentAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_email_outbox_due")
                .table(EmailOutbox::Table)
                .col(EmailOutbox::Status)
                .col(EmailOutbox::NextAttemptAt)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            EmailOutbox::Table.into_iden(),
            LoginAttempt::Table.into_iden(),
            Invitation::Table.into_iden(),
            Session::Table.into_iden(),
            UserAccount::Table.into_iden(),
            Organisation::Table.into_iden(),
            Setting::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
