//! Events with sessions, registrations (confirmed, waiting, cancelled), invitations, and mail
//! attachments (the calendar file sent with a confirmation).

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
enum EmailOutbox {
    Table,
    AttachmentName,
    AttachmentType,
    AttachmentBody,
}

#[derive(DeriveIden)]
enum Event {
    Table,
    Id,
    Slug,
    Kind,
    TitleNl,
    TitleEn,
    DescriptionNl,
    DescriptionEn,
    Themes,
    Speakers,
    Format,
    Location,
    OnlineLink,
    Capacity,
    SeatsTaken,
    PerOrganisationLimit,
    RegistrationDeadline,
    Language,
    Eligibility,
    Status,
    StartsAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EventSession {
    Table,
    Id,
    EventId,
    StartsAt,
    EndsAt,
}

#[derive(DeriveIden)]
enum EventRegistration {
    Table,
    Id,
    EventId,
    UserId,
    OrganisationId,
    Name,
    Email,
    OrganisationName,
    Status,
    CreatedAt,
    ConfirmedAt,
    CancelledAt,
    CheckedInAt,
    ReminderSentAt,
}

#[derive(DeriveIden)]
enum EventInvite {
    Table,
    EventId,
    Email,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            string_len_null(EmailOutbox::AttachmentName, 120),
            string_len_null(EmailOutbox::AttachmentType, 80),
            text_null(EmailOutbox::AttachmentBody),
        ] {
            m.alter_table(
                Table::alter()
                    .table(EmailOutbox::Table)
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(Event::Table)
                .if_not_exists()
                .col(big_pk_auto(Event::Id))
                .col(string_len(Event::Slug, 140).unique_key())
                .col(string_len(Event::Kind, 24))
                .col(string_len(Event::TitleNl, 200))
                .col(string_len(Event::TitleEn, 200))
                .col(text(Event::DescriptionNl))
                .col(text(Event::DescriptionEn))
                // Transition keys, "|a|b|", so one LIKE finds an event by theme.
                .col(text(Event::Themes))
                .col(text(Event::Speakers))
                .col(string_len(Event::Format, 16))
                .col(text(Event::Location))
                .col(text(Event::OnlineLink))
                .col(integer(Event::Capacity))
                // Confirmed seats, raised and lowered only by conditional updates, so it never
                // passes the capacity however many sign up at once.
                .col(integer(Event::SeatsTaken).default(0))
                .col(integer_null(Event::PerOrganisationLimit))
                .col(big_integer(Event::RegistrationDeadline))
                .col(string_len(Event::Language, 8))
                .col(string_len(Event::Eligibility, 16))
                .col(string_len(Event::Status, 16))
                // The first session's start, for sorting and the agenda.
                .col(big_integer(Event::StartsAt))
                .col(big_integer(Event::CreatedAt))
                .col(big_integer(Event::UpdatedAt))
                .check(Expr::col(Event::SeatsTaken).lte(Expr::col(Event::Capacity)))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_event_status_start")
                .table(Event::Table)
                .col(Event::Status)
                .col(Event::StartsAt)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EventSession::Table)
                .if_not_exists()
                .col(big_pk_auto(EventSession::Id))
                .col(big_integer(EventSession::EventId))
                .col(big_integer(EventSession::StartsAt))
                .col(big_integer(EventSession::EndsAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(EventSession::Table, EventSession::EventId)
                        .to(Event::Table, Event::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EventRegistration::Table)
                .if_not_exists()
                .col(big_pk_auto(EventRegistration::Id))
                .col(big_integer(EventRegistration::EventId))
                .col(big_integer_null(EventRegistration::UserId))
                .col(big_integer_null(EventRegistration::OrganisationId))
                .col(string_len(EventRegistration::Name, 120))
                .col(string_len(EventRegistration::Email, 254))
                .col(string_len(EventRegistration::OrganisationName, 200))
                // unconfirmed (e-mail link not yet clicked), confirmed, waiting, cancelled
                .col(string_len(EventRegistration::Status, 16))
                .col(big_integer(EventRegistration::CreatedAt))
                .col(big_integer_null(EventRegistration::ConfirmedAt))
                .col(big_integer_null(EventRegistration::CancelledAt))
                .col(big_integer_null(EventRegistration::CheckedInAt))
                .col(big_integer_null(EventRegistration::ReminderSentAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(EventRegistration::Table, EventRegistration::EventId)
                        .to(Event::Table, Event::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(EventRegistration::Table, EventRegistration::UserId)
                        .to(UserAccount::Table, UserAccount::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(EventRegistration::Table, EventRegistration::OrganisationId)
                        .to(Organisation::Table, Organisation::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_event_registration_event_status")
                .table(EventRegistration::Table)
                .col(EventRegistration::EventId)
                .col(EventRegistration::Status)
                .col(EventRegistration::Id)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_event_registration_email")
                .table(EventRegistration::Table)
                .col(EventRegistration::Email)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EventInvite::Table)
                .if_not_exists()
                .col(big_integer(EventInvite::EventId))
                .col(string_len(EventInvite::Email, 254))
                .primary_key(
                    Index::create()
                        .col(EventInvite::EventId)
                        .col(EventInvite::Email),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(EventInvite::Table, EventInvite::EventId)
                        .to(Event::Table, Event::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            EventInvite::Table.into_iden(),
            EventRegistration::Table.into_iden(),
            EventSession::Table.into_iden(),
            Event::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for col in [
            EmailOutbox::AttachmentName.into_iden(),
            EmailOutbox::AttachmentType.into_iden(),
            EmailOutbox::AttachmentBody.into_iden(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(EmailOutbox::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
