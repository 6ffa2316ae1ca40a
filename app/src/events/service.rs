//! Events in the database (server only).
//!
//! Seats: `event.seats_taken` counts confirmed registrations. A seat is taken with one
//! conditional update, `seats_taken = seats_taken + 1 WHERE seats_taken < capacity`, which the
//! database applies atomically (a row lock on PostgreSQL, the write lock on SQLite), so however
//! many people sign up at once, and from however many server processes, the capacity is never
//! passed. Who did not get a seat joins the waiting list, ordered by registration id. A
//! cancellation hands the seat to the first in line with another conditional update
//! (`status = 'waiting'`), so two cancellations never promote the same person.
//!
//! One person, one place: a partial unique index on `(event_id, email)` over the registrations
//! that hold a place ([`HOLDING`]) lets the database refuse a second one, however many
//! sign-ups or confirmation clicks arrive at once. A visitor's unconfirmed sign-up holds
//! nothing: it does not block the real person signing up, does not count towards an
//! organisation's limit, and is deleted after a day ([`prune_unconfirmed`]).

use super::ics::{self, CalendarEvent};
use super::model::*;
use super::view::*;
use crate::accounts::model::{CurrentUser, Email};
use crate::accounts::token::{self, Purpose};
use crate::context::ServerContext;
use crate::db::entities::{
    assessment, event, event_invite, event_registration as registration, event_session,
    user_account,
};
use crate::db::now;
use crate::error::AppError;
use crate::i18n::{Key, Lang};
use crate::mail::outbox::{self, Attachment};
use crate::providers::markdown::to_safe_html;
use crate::providers::service::{catalogue, slugify};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};

fn status_of(e: &event::Model) -> EventStatus {
    EventStatus::parse(&e.status).unwrap_or(EventStatus::Draft)
}

fn reg_status(r: &registration::Model) -> RegistrationStatus {
    RegistrationStatus::parse(&r.status).unwrap_or(RegistrationStatus::Cancelled)
}

const ACTIVE: [&str; 3] = ["unconfirmed", "confirmed", "waiting"];
/// Registrations that hold a seat or a place in line (`deciding`: a confirmation being
/// decided right now). The database allows one per event and address.
const HOLDING: [&str; 3] = ["confirmed", "waiting", "deciding"];
/// How long a visitor has to click the confirmation link before the sign-up is forgotten.
pub const UNCONFIRMED_HOURS: i64 = 24;

/// A second place for the same person was refused by the database's unique index.
fn is_duplicate_place(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Deletes visitors' sign-ups that were not confirmed within a day: they hold no seat, and the
/// name and address of someone who never confirmed should not be kept.
pub async fn prune_unconfirmed(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    let done = registration::Entity::delete_many()
        .filter(registration::Column::Status.eq(RegistrationStatus::Unconfirmed.code()))
        .filter(registration::Column::CreatedAt.lt(now() - UNCONFIRMED_HOURS * 3600))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

async fn sessions_of(db: &impl ConnectionTrait, event_id: i64) -> Result<Vec<Session>, AppError> {
    Ok(event_session::Entity::find()
        .filter(event_session::Column::EventId.eq(event_id))
        .order_by_asc(event_session::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| Session {
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        })
        .collect())
}

fn themes_of(e: &event::Model) -> Vec<String> {
    e.themes
        .split('|')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn card_of(e: &event::Model, sessions: Vec<Session>) -> EventCard {
    EventCard {
        id: e.id,
        slug: e.slug.clone(),
        kind: EventKind::parse(&e.kind).unwrap_or(EventKind::Masterclass),
        title_nl: e.title_nl.clone(),
        title_en: e.title_en.clone(),
        format: EventFormat::parse(&e.format).unwrap_or(EventFormat::Physical),
        location: e.location.clone(),
        themes: themes_of(e),
        sessions,
        capacity: e.capacity,
        seats_left: std::cmp::max(e.capacity - e.seats_taken, 0),
        status: status_of(e),
        eligibility: Eligibility::parse(&e.eligibility).unwrap_or(Eligibility::Open),
        registration_deadline: e.registration_deadline,
        language: e.language.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// Staff: create, edit, duplicate, publish, cancel
// ---------------------------------------------------------------------------------------------

pub fn known_themes() -> Vec<String> {
    catalogue().iter().map(|c| c.key.clone()).collect()
}

async fn write_children(
    db: &impl ConnectionTrait,
    event_id: i64,
    input: &EventInput,
) -> Result<(), AppError> {
    event_session::Entity::delete_many()
        .filter(event_session::Column::EventId.eq(event_id))
        .exec(db)
        .await?;
    for s in &input.sessions {
        event_session::ActiveModel {
            event_id: Set(event_id),
            starts_at: Set(s.starts_at),
            ends_at: Set(s.ends_at),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    event_invite::Entity::delete_many()
        .filter(event_invite::Column::EventId.eq(event_id))
        .exec(db)
        .await?;
    for email in &input.invites {
        event_invite::ActiveModel {
            event_id: Set(event_id),
            email: Set(email.clone()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

fn themes_column(themes: &[String]) -> String {
    if themes.is_empty() {
        String::new()
    } else {
        format!("|{}|", themes.join("|"))
    }
}

/// A new event, as a draft. Returns its id.
pub async fn create(ctx: &ServerContext, input: &EventInput) -> Result<i64, AppError> {
    let txn = ctx.db.begin().await?;
    let first = input.sessions.first().ok_or(AppError::Internal)?;
    let base = format!(
        "{}-{}",
        slugify(&input.title_nl),
        super::time::to_local(first.starts_at).date_input()
    );
    let mut slug = base.clone();
    let mut n = 2;
    while event::Entity::find()
        .filter(event::Column::Slug.eq(&slug))
        .count(&txn)
        .await?
        > 0
    {
        slug = format!("{base}-{n}");
        n += 1;
    }
    let at = now();
    let row = event::ActiveModel {
        slug: Set(slug),
        kind: Set(input.kind.clone()),
        title_nl: Set(input.title_nl.clone()),
        title_en: Set(input.title_en.clone()),
        description_nl: Set(input.description_nl.clone()),
        description_en: Set(input.description_en.clone()),
        themes: Set(themes_column(&input.themes)),
        speakers: Set(input.speakers.clone()),
        format: Set(input.format.clone()),
        location: Set(input.location.clone()),
        online_link: Set(input.online_link.clone()),
        capacity: Set(input.capacity),
        seats_taken: Set(0),
        per_organisation_limit: Set(input.per_organisation_limit),
        registration_deadline: Set(input.registration_deadline),
        language: Set(input.language.clone()),
        eligibility: Set(input.eligibility.clone()),
        status: Set(EventStatus::Draft.code().to_string()),
        starts_at: Set(first.starts_at),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_children(&txn, row.id, input).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Saves staff changes. The capacity may not drop below the seats already given; raising it
/// gives the new seats to the waiting list in order.
pub async fn update(ctx: &ServerContext, id: i64, input: &EventInput) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let first = input.sessions.first().ok_or(AppError::Internal)?;
    let done = event::Entity::update_many()
        .col_expr(event::Column::Kind, Expr::value(input.kind.clone()))
        .col_expr(event::Column::TitleNl, Expr::value(input.title_nl.clone()))
        .col_expr(event::Column::TitleEn, Expr::value(input.title_en.clone()))
        .col_expr(
            event::Column::DescriptionNl,
            Expr::value(input.description_nl.clone()),
        )
        .col_expr(
            event::Column::DescriptionEn,
            Expr::value(input.description_en.clone()),
        )
        .col_expr(
            event::Column::Themes,
            Expr::value(themes_column(&input.themes)),
        )
        .col_expr(event::Column::Speakers, Expr::value(input.speakers.clone()))
        .col_expr(event::Column::Format, Expr::value(input.format.clone()))
        .col_expr(event::Column::Location, Expr::value(input.location.clone()))
        .col_expr(
            event::Column::OnlineLink,
            Expr::value(input.online_link.clone()),
        )
        .col_expr(event::Column::Capacity, Expr::value(input.capacity))
        .col_expr(
            event::Column::PerOrganisationLimit,
            Expr::value(input.per_organisation_limit),
        )
        .col_expr(
            event::Column::RegistrationDeadline,
            Expr::value(input.registration_deadline),
        )
        .col_expr(event::Column::Language, Expr::value(input.language.clone()))
        .col_expr(
            event::Column::Eligibility,
            Expr::value(input.eligibility.clone()),
        )
        .col_expr(event::Column::StartsAt, Expr::value(first.starts_at))
        .col_expr(event::Column::UpdatedAt, Expr::value(now()))
        .filter(event::Column::Id.eq(id))
        .filter(event::Column::SeatsTaken.lte(input.capacity))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        let exists = event::Entity::find_by_id(id).one(&txn).await?.is_some();
        return Err(if exists {
            AppError::field("capacity", Key::ErrEventCapacityBelowTaken)
        } else {
            AppError::NotFound
        });
    }
    write_children(&txn, id, input).await?;
    while promote_first_waiting(ctx, &txn, id).await? {}
    txn.commit().await?;
    Ok(())
}

/// An event as the staff form shows it (and as a copy starts).
async fn input_of(db: &impl ConnectionTrait, e: &event::Model) -> Result<EventInput, AppError> {
    let invites = event_invite::Entity::find()
        .filter(event_invite::Column::EventId.eq(e.id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.email)
        .collect();
    Ok(EventInput {
        kind: e.kind.clone(),
        title_nl: e.title_nl.clone(),
        title_en: e.title_en.clone(),
        description_nl: e.description_nl.clone(),
        description_en: e.description_en.clone(),
        themes: themes_of(e),
        speakers: e.speakers.clone(),
        format: e.format.clone(),
        location: e.location.clone(),
        online_link: e.online_link.clone(),
        capacity: e.capacity,
        per_organisation_limit: e.per_organisation_limit,
        registration_deadline: e.registration_deadline,
        language: e.language.clone(),
        eligibility: e.eligibility.clone(),
        sessions: sessions_of(db, e.id).await?,
        invites,
    })
}

/// A copy of an event as a new draft (same texts, sessions and capacity; no registrations).
pub async fn duplicate(ctx: &ServerContext, id: i64) -> Result<i64, AppError> {
    let e = event::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let input = input_of(&ctx.db, &e).await?;
    create(ctx, &input).await
}

/// Publishes a draft, or cancels an event (everyone signed up or waiting is told by e-mail).
pub async fn set_status(ctx: &ServerContext, id: i64, to: EventStatus) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    // Publish a draft; cancel a draft or a published event.
    let from: &[&str] = match to {
        EventStatus::Published => &["draft"],
        EventStatus::Cancelled => &["draft", "published"],
        EventStatus::Draft => return Err(AppError::invalid(Key::ErrChoiceInvalid)),
    };
    let done = event::Entity::update_many()
        .col_expr(event::Column::Status, Expr::value(to.code()))
        .col_expr(event::Column::UpdatedAt, Expr::value(now()))
        .filter(event::Column::Id.eq(id))
        .filter(event::Column::Status.is_in(from.iter().copied()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::invalid(Key::ErrEventStatusChange));
    }
    if to == EventStatus::Cancelled {
        let e = event::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let sessions = sessions_of(&txn, id).await?;
        let people = registration::Entity::find()
            .filter(registration::Column::EventId.eq(id))
            .filter(registration::Column::Status.is_in(ACTIVE))
            .all(&txn)
            .await?;
        for r in people {
            let lang = lang_of(&txn, &r).await?;
            let title = title_in(&e, lang);
            let body = lang.fill(
                Key::MailEventCancelledBody,
                &[
                    ("name", &r.name),
                    ("event", &title),
                    ("when", &when_text(&sessions)),
                ],
            );
            let ics = calendar_for(ctx, &e, &sessions, lang, true);
            outbox::enqueue_with(
                &txn,
                &r.email,
                &lang.fill(Key::MailEventCancelledSubject, &[("event", &title)]),
                &body,
                Some(ics),
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// The public agenda: published (and cancelled, marked) events, upcoming or past.
pub async fn agenda(ctx: &ServerContext, q: &AgendaQuery) -> Result<Agenda, AppError> {
    let at = now();
    let mut select = event::Entity::find().filter(
        event::Column::Status
            .eq(EventStatus::Published.code())
            .or(event::Column::Status.eq(EventStatus::Cancelled.code())),
    );
    if let Some(kind) = EventKind::parse(&q.kind) {
        select = select.filter(event::Column::Kind.eq(kind.code()));
    }
    if !q.theme.is_empty() && !q.theme.contains('|') {
        select = select.filter(crate::db::column_contains(
            event::Column::Themes,
            &format!("|{}|", q.theme),
        ));
    }
    // An event stays "upcoming" until its first session has started.
    let select = if q.past {
        select
            .filter(event::Column::StartsAt.lt(at))
            .order_by_desc(event::Column::StartsAt)
    } else {
        select
            .filter(event::Column::StartsAt.gte(at))
            .order_by_asc(event::Column::StartsAt)
    };
    let rows = select.all(&ctx.db).await?;
    let mut events = Vec::with_capacity(rows.len());
    for e in rows {
        let sessions = sessions_of(&ctx.db, e.id).await?;
        events.push(card_of(&e, sessions));
    }
    Ok(Agenda {
        events,
        choices: catalogue().to_vec(),
    })
}

/// Upcoming published events on any of the given themes, soonest first (for the results
/// page's next steps: events on the company's weakest priority transitions).
pub async fn suggestions(
    ctx: &ServerContext,
    themes: &[String],
) -> Result<Vec<EventCard>, AppError> {
    let agenda = agenda(ctx, &AgendaQuery::default()).await?;
    Ok(agenda
        .events
        .into_iter()
        .filter(|e| {
            e.status == EventStatus::Published && e.themes.iter().any(|t| themes.contains(t))
        })
        .take(3)
        .collect())
}

async fn lang_of(db: &impl ConnectionTrait, r: &registration::Model) -> Result<Lang, AppError> {
    Ok(match r.user_id {
        Some(id) => user_account::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| Lang::from_code(&u.locale))
            .unwrap_or_default(),
        None => Lang::default(),
    })
}

fn title_in(e: &event::Model, lang: Lang) -> String {
    match lang {
        Lang::Nl => e.title_nl.clone(),
        Lang::En => e.title_en.clone(),
    }
}

fn when_text(sessions: &[Session]) -> String {
    sessions
        .iter()
        .map(|s| {
            let (date, from, to) = session_text(s);
            format!("{date} {from}-{to}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn calendar_for(
    ctx: &ServerContext,
    e: &event::Model,
    sessions: &[Session],
    lang: Lang,
    cancelled: bool,
) -> Attachment {
    let url = ctx.link(&format!("/events/{}", e.slug));
    let host = ctx
        .settings
        .public_base_url
        .split("://")
        .nth(1)
        .unwrap_or("smartindustryhub")
        .trim_end_matches('/')
        .to_string();
    let title = title_in(e, lang);
    let location = match EventFormat::parse(&e.format) {
        Some(EventFormat::Online) => "Online".to_string(),
        _ => e.location.clone(),
    };
    Attachment {
        name: "event.ics".to_string(),
        content_type: "text/calendar; charset=utf-8; method=".to_string()
            + if cancelled { "CANCEL" } else { "PUBLISH" },
        body: ics::calendar(&CalendarEvent {
            uid_prefix: &format!("event-{}@{host}", e.id),
            title: &title,
            description: &url,
            location: &location,
            url: &url,
            sessions,
            stamp: now(),
            cancelled,
        }),
    }
}

/// Who is asking, for eligibility and "already signed up".
async fn has_final_assessment(
    db: &impl ConnectionTrait,
    organisation_id: Option<i64>,
) -> Result<bool, AppError> {
    let Some(org) = organisation_id else {
        return Ok(false);
    };
    Ok(assessment::Entity::find()
        .filter(assessment::Column::OrganisationId.eq(org))
        .filter(assessment::Column::Status.eq(crate::assessment::service::STATUS_FINAL))
        .count(db)
        .await?
        > 0)
}

async fn active_registration(
    db: &impl ConnectionTrait,
    event_id: i64,
    email: &str,
) -> Result<Option<registration::Model>, AppError> {
    Ok(registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Email.eq(email))
        .filter(registration::Column::Status.is_in(HOLDING))
        .one(db)
        .await?)
}

/// Place on the waiting list (1-based), counted by registration id.
async fn waiting_position(
    db: &impl ConnectionTrait,
    r: &registration::Model,
) -> Result<u64, AppError> {
    Ok(registration::Entity::find()
        .filter(registration::Column::EventId.eq(r.event_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waiting.code()))
        .filter(registration::Column::Id.lte(r.id))
        .count(db)
        .await?)
}

/// The event page.
pub async fn detail(
    ctx: &ServerContext,
    slug: &str,
    user: Option<&CurrentUser>,
) -> Result<EventPage, AppError> {
    let e = event::Entity::find()
        .filter(event::Column::Slug.eq(slug))
        .one(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let is_staff = user.is_some_and(|u| u.role.is_staff());
    if status_of(&e) == EventStatus::Draft && !is_staff {
        return Err(AppError::NotFound);
    }
    let sessions = sessions_of(&ctx.db, e.id).await?;
    let mine = match user {
        Some(u) => active_registration(&ctx.db, e.id, &u.email).await?,
        None => None,
    };
    let my = match &mine {
        Some(r) => Some(MyRegistration {
            id: r.id,
            status: reg_status(r),
            position: if reg_status(r) == RegistrationStatus::Waiting {
                Some(waiting_position(&ctx.db, r).await?)
            } else {
                None
            },
        }),
        None => None,
    };
    let waiting = registration::Entity::find()
        .filter(registration::Column::EventId.eq(e.id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waiting.code()))
        .count(&ctx.db)
        .await?;
    let confirmed = my
        .as_ref()
        .is_some_and(|m| m.status == RegistrationStatus::Confirmed);
    Ok(EventPage {
        online_link: (confirmed || is_staff)
            .then(|| e.online_link.clone())
            .filter(|l| !l.is_empty()),
        description_html_nl: to_safe_html(&e.description_nl),
        description_html_en: to_safe_html(&e.description_en),
        speakers: e.speakers.clone(),
        per_organisation_limit: e.per_organisation_limit,
        waiting,
        mine: my,
        logged_in: user.is_some(),
        card: card_of(&e, sessions),
        choices: catalogue().to_vec(),
    })
}

// ---------------------------------------------------------------------------------------------
// Sign-up, confirmation, cancellation
// ---------------------------------------------------------------------------------------------

/// Someone signing up: a logged-in user, or a visitor who confirms by e-mail.
pub struct Signer {
    pub user_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub organisation_name: String,
}

impl Signer {
    pub fn from_user(user: &CurrentUser) -> Signer {
        Signer {
            user_id: Some(user.id),
            organisation_id: user
                .organisation_id
                .filter(|_| user.role.has_organisation()),
            name: user.name.clone(),
            email: user.email.clone(),
            organisation_name: user.organisation_name.clone().unwrap_or_default(),
        }
    }

    /// A visitor's form: name, e-mail, organisation and consent.
    pub fn from_form(
        name: &str,
        email: &str,
        organisation: &str,
        consent: bool,
    ) -> Result<Signer, AppError> {
        let name = crate::text::name(name, 2, 120)
            .ok_or_else(|| AppError::field("name", Key::ErrNameInvalid))?;
        let email = Email::parse(email)?;
        let organisation = crate::text::name(organisation, 2, 200)
            .ok_or_else(|| AppError::field("organisation", Key::ErrEventOrganisation))?;
        if !consent {
            return Err(AppError::field("consent", Key::ErrEventConsent));
        }
        Ok(Signer {
            user_id: None,
            organisation_id: None,
            name,
            email: email.as_str().to_string(),
            organisation_name: organisation,
        })
    }
}

/// Gives a registration a seat if one is free, else puts it on the waiting list. One
/// conditional update decides; see the module comment.
async fn take_seat_or_wait(
    db: &impl ConnectionTrait,
    event_id: i64,
    registration_id: i64,
) -> Result<RegistrationStatus, AppError> {
    let seat = event::Entity::update_many()
        .col_expr(
            event::Column::SeatsTaken,
            Expr::col(event::Column::SeatsTaken).add(1),
        )
        .filter(event::Column::Id.eq(event_id))
        .filter(Expr::col(event::Column::SeatsTaken).lt(Expr::col(event::Column::Capacity)))
        .exec(db)
        .await?;
    let status = if seat.rows_affected == 1 {
        RegistrationStatus::Confirmed
    } else {
        RegistrationStatus::Waiting
    };
    registration::Entity::update_many()
        .col_expr(registration::Column::Status, Expr::value(status.code()))
        .col_expr(registration::Column::ConfirmedAt, Expr::value(now()))
        .filter(registration::Column::Id.eq(registration_id))
        .exec(db)
        .await
        .map_err(|e| {
            // The caller's transaction rolls back, the seat taken above with it.
            if is_duplicate_place(&e) {
                AppError::invalid(Key::ErrEventAlreadySignedUp)
            } else {
                e.into()
            }
        })?;
    Ok(status)
}

fn lower_name_is(name: &str) -> sea_orm::sea_query::SimpleExpr {
    Expr::expr(Func::lower(Expr::col(
        registration::Column::OrganisationName,
    )))
    .eq(name.trim().to_lowercase())
}

/// Places held at an event by one organisation. Members of an account's organisation count by
/// its id; visitors by the organisation name they typed (ignoring case), so the limit cannot
/// be dodged by logging out. Unconfirmed sign-ups hold nothing, so made-up people cannot use
/// up a company's places.
async fn places_of_organisation(
    db: &impl ConnectionTrait,
    event_id: i64,
    organisation_id: Option<i64>,
    organisation_name: &str,
) -> Result<u64, AppError> {
    let same_organisation = match organisation_id {
        Some(org) => Condition::any()
            .add(registration::Column::OrganisationId.eq(org))
            .add(lower_name_is(organisation_name)),
        None => Condition::all().add(lower_name_is(organisation_name)),
    };
    Ok(registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.is_in(HOLDING))
        .filter(same_organisation)
        .count(db)
        .await?)
}

/// Refuses a place when the organisation already holds as many as the event allows.
///
/// Counting and taking a place must not interleave between two colleagues deciding at the
/// same moment (each would count the other's place as free). So the event's row is written
/// first: on PostgreSQL that locks it until the transaction ends, on SQLite it takes the one
/// write lock, and a second decision for this event waits for the first to commit.
async fn organisation_has_room(
    txn: &impl ConnectionTrait,
    e: &event::Model,
    organisation_id: Option<i64>,
    organisation_name: &str,
) -> Result<(), AppError> {
    let Some(limit) = e.per_organisation_limit else {
        return Ok(());
    };
    event::Entity::update_many()
        .col_expr(
            event::Column::SeatsTaken,
            Expr::col(event::Column::SeatsTaken),
        )
        .filter(event::Column::Id.eq(e.id))
        .exec(txn)
        .await?;
    let held = places_of_organisation(txn, e.id, organisation_id, organisation_name).await?;
    if held >= std::cmp::max(limit, 0) as u64 {
        return Err(AppError::invalid(Key::ErrEventOrganisationLimit));
    }
    Ok(())
}

/// What happened to a sign-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignUpOutcome {
    Confirmed,
    Waiting(u64),
    /// A visitor must click the link in the e-mail first.
    CheckEmail,
}

pub async fn sign_up(
    ctx: &ServerContext,
    event_id: i64,
    signer: Signer,
) -> Result<SignUpOutcome, AppError> {
    let e = event::Entity::find_by_id(event_id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = now();
    let already = active_registration(&ctx.db, e.id, &signer.email)
        .await?
        .is_some();
    let invited = event_invite::Entity::find()
        .filter(event_invite::Column::EventId.eq(e.id))
        .filter(event_invite::Column::Email.eq(&signer.email))
        .count(&ctx.db)
        .await?
        > 0;
    let organisation_count = match e.per_organisation_limit {
        Some(_) => {
            places_of_organisation(
                &ctx.db,
                e.id,
                signer.organisation_id,
                &signer.organisation_name,
            )
            .await?
        }
        None => 0,
    };
    check_sign_up(&SignUpFacts {
        status: status_of(&e),
        eligibility: Eligibility::parse(&e.eligibility).unwrap_or(Eligibility::Open),
        deadline: e.registration_deadline,
        now: at,
        already_signed_up: already,
        has_final_assessment: has_final_assessment(&ctx.db, signer.organisation_id).await?,
        invited,
        organisation_count,
        per_organisation_limit: e.per_organisation_limit,
    })
    .map_err(AppError::invalid)?;

    let txn = ctx.db.begin().await?;
    let row = registration::ActiveModel {
        event_id: Set(e.id),
        user_id: Set(signer.user_id),
        organisation_id: Set(signer.organisation_id),
        name: Set(signer.name.clone()),
        email: Set(signer.email.clone()),
        organisation_name: Set(signer.organisation_name.clone()),
        status: Set(RegistrationStatus::Unconfirmed.code().to_string()),
        created_at: Set(at),
        confirmed_at: Set(None),
        cancelled_at: Set(None),
        checked_in_at: Set(None),
        reminder_sent_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let outcome = if signer.user_id.is_some() {
        // Counted above for a quick answer; counted again where it decides.
        organisation_has_room(&txn, &e, signer.organisation_id, &signer.organisation_name).await?;
        let status = take_seat_or_wait(&txn, e.id, row.id).await?;
        let fresh = registration::Entity::find_by_id(row.id)
            .one(&txn)
            .await?
            .ok_or(AppError::Internal)?;
        let outcome = announce(ctx, &txn, &e, &fresh, status, false).await?;
        txn.commit().await?;
        outcome
    } else {
        let lang = crate::i18n::request_lang();
        let token = ctx.settings.signing_keys.sign(
            Purpose::EventConfirm,
            row.id,
            at + UNCONFIRMED_HOURS * 3600,
            &row.email,
        );
        let link = ctx.link(&format!("/signup/confirm?token={token}"));
        let title = title_in(&e, lang);
        let body = lang.fill(
            Key::MailEventConfirmBody,
            &[("name", &row.name), ("event", &title), ("link", &link)],
        );
        outbox::enqueue(
            &txn,
            &row.email,
            &lang.fill(Key::MailEventConfirmSubject, &[("event", &title)]),
            &body,
        )
        .await?;
        txn.commit().await?;
        SignUpOutcome::CheckEmail
    };
    Ok(outcome)
}

/// The link in a mail that cancels this registration without logging in; valid until the
/// event starts.
fn cancel_link(ctx: &ServerContext, e: &event::Model, r: &registration::Model) -> String {
    let token = ctx
        .settings
        .signing_keys
        .sign(Purpose::EventCancel, r.id, e.starts_at, &r.email);
    ctx.link(&format!("/signup/cancel?token={token}"))
}

/// Where confirmed participants go: the address, the online link, or both.
fn place_for_participants(e: &event::Model) -> String {
    match EventFormat::parse(&e.format) {
        Some(EventFormat::Online) => e.online_link.clone(),
        Some(EventFormat::Hybrid) => format!("{} / {}", e.location, e.online_link),
        _ => e.location.clone(),
    }
}

/// The registration a signed link names, if the signature, purpose, expiry and e-mail address
/// all hold.
async fn registration_by_token(
    ctx: &ServerContext,
    db: &impl ConnectionTrait,
    purpose: Purpose,
    token_text: &str,
) -> Result<registration::Model, AppError> {
    let claims = ctx
        .settings
        .signing_keys
        .verify(purpose, token_text, now())
        .map_err(token_error)?;
    registration::Entity::find_by_id(claims.user_id)
        .one(db)
        .await?
        .filter(|r| claims.binding == token::fingerprint(&r.email))
        .ok_or_else(|| AppError::invalid(Key::ErrEventLinkInvalid))
}

/// Mails the outcome of a seat decision (confirmation with calendar file, or waiting list).
async fn announce(
    ctx: &ServerContext,
    db: &impl ConnectionTrait,
    e: &event::Model,
    r: &registration::Model,
    status: RegistrationStatus,
    promoted: bool,
) -> Result<SignUpOutcome, AppError> {
    let lang = lang_of(db, r).await?;
    let sessions = sessions_of(db, e.id).await?;
    let title = title_in(e, lang);
    let cancel_link = cancel_link(ctx, e, r);
    let event_link = ctx.link(&format!("/events/{}", e.slug));
    let when = when_text(&sessions);
    match status {
        RegistrationStatus::Confirmed => {
            let where_ = place_for_participants(e);
            let (subject, body) = if promoted {
                (Key::MailEventPromotedSubject, Key::MailEventPromotedBody)
            } else {
                (Key::MailEventConfirmedSubject, Key::MailEventConfirmedBody)
            };
            let body = lang.fill(
                body,
                &[
                    ("name", &r.name),
                    ("event", &title),
                    ("when", &when),
                    ("where", &where_),
                    ("link", &event_link),
                    ("cancel", &cancel_link),
                ],
            );
            outbox::enqueue_with(
                db,
                &r.email,
                &lang.fill(subject, &[("event", &title)]),
                &body,
                Some(calendar_for(ctx, e, &sessions, lang, false)),
            )
            .await?;
            Ok(SignUpOutcome::Confirmed)
        }
        _ => {
            let position = waiting_position(db, r).await?;
            let body = lang.fill(
                Key::MailEventWaitingBody,
                &[
                    ("name", &r.name),
                    ("event", &title),
                    ("when", &when),
                    ("position", &position.to_string()),
                    ("cancel", &cancel_link),
                ],
            );
            outbox::enqueue(
                db,
                &r.email,
                &lang.fill(Key::MailEventWaitingSubject, &[("event", &title)]),
                &body,
            )
            .await?;
            Ok(SignUpOutcome::Waiting(position))
        }
    }
}

fn token_error(_: token::TokenError) -> AppError {
    AppError::invalid(Key::ErrEventLinkInvalid)
}

/// The visitor clicked the link in the confirmation mail: now a seat is taken (or a place on
/// the waiting list). Clicking again, or twice at once, answers with the place already taken;
/// a second sign-up of the same person confirms to the place the first one holds.
pub async fn confirm(
    ctx: &ServerContext,
    token_text: &str,
) -> Result<(String, SignUpOutcome), AppError> {
    let txn = ctx.db.begin().await?;
    let r = registration_by_token(ctx, &txn, Purpose::EventConfirm, token_text).await?;
    let e = event::Entity::find_by_id(r.event_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if reg_status(&r) != RegistrationStatus::Unconfirmed {
        drop(txn);
        let outcome = place_held(&ctx.db, &r).await?;
        return Ok((e.slug, outcome));
    }
    if status_of(&e) != EventStatus::Published {
        return Err(AppError::invalid(Key::ErrEventCancelled));
    }
    // The organisation's limit is checked again: its places may have filled up since the
    // sign-up, which held none.
    organisation_has_room(&txn, &e, r.organisation_id, &r.organisation_name).await?;
    // Claim the right to decide once: only one click moves it out of "unconfirmed", and the
    // unique index refuses it when the same person already holds a place.
    let claimed = registration::Entity::update_many()
        .col_expr(registration::Column::Status, Expr::value("deciding"))
        .filter(registration::Column::Id.eq(r.id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Unconfirmed.code()))
        .exec(&txn)
        .await;
    let decided_elsewhere = match claimed {
        Ok(done) => done.rows_affected != 1,
        Err(err) if is_duplicate_place(&err) => {
            drop(txn);
            let held = active_registration(&ctx.db, e.id, &r.email)
                .await?
                .ok_or_else(|| AppError::invalid(Key::ErrEventLinkInvalid))?;
            return Ok((e.slug, place_held(&ctx.db, &held).await?));
        }
        Err(err) => return Err(err.into()),
    };
    if decided_elsewhere {
        // Another click on this link decided first: answer with what it decided.
        drop(txn);
        let now_held = registration::Entity::find_by_id(r.id)
            .one(&ctx.db)
            .await?
            .ok_or_else(|| AppError::invalid(Key::ErrEventLinkInvalid))?;
        return Ok((e.slug, place_held(&ctx.db, &now_held).await?));
    }
    let status = take_seat_or_wait(&txn, e.id, r.id).await?;
    let fresh = registration::Entity::find_by_id(r.id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    let outcome = announce(ctx, &txn, &e, &fresh, status, false).await?;
    txn.commit().await?;
    Ok((e.slug, outcome))
}

/// What a registration that has been decided holds, as the confirmation page reports it.
async fn place_held(
    db: &impl ConnectionTrait,
    r: &registration::Model,
) -> Result<SignUpOutcome, AppError> {
    match reg_status(r) {
        RegistrationStatus::Confirmed => Ok(SignUpOutcome::Confirmed),
        RegistrationStatus::Waiting => Ok(SignUpOutcome::Waiting(waiting_position(db, r).await?)),
        RegistrationStatus::Unconfirmed | RegistrationStatus::Cancelled => {
            Err(AppError::invalid(Key::ErrEventLinkInvalid))
        }
    }
}

/// Moves the first person on the waiting list to a free seat, if there is one. Returns
/// whether someone was promoted.
async fn promote_first_waiting(
    ctx: &ServerContext,
    db: &impl ConnectionTrait,
    event_id: i64,
) -> Result<bool, AppError> {
    loop {
        let Some(first) = registration::Entity::find()
            .filter(registration::Column::EventId.eq(event_id))
            .filter(registration::Column::Status.eq(RegistrationStatus::Waiting.code()))
            .order_by_asc(registration::Column::Id)
            .one(db)
            .await?
        else {
            return Ok(false);
        };
        let seat = event::Entity::update_many()
            .col_expr(
                event::Column::SeatsTaken,
                Expr::col(event::Column::SeatsTaken).add(1),
            )
            .filter(event::Column::Id.eq(event_id))
            .filter(Expr::col(event::Column::SeatsTaken).lt(Expr::col(event::Column::Capacity)))
            .exec(db)
            .await?;
        if seat.rows_affected != 1 {
            return Ok(false);
        }
        let moved = registration::Entity::update_many()
            .col_expr(
                registration::Column::Status,
                Expr::value(RegistrationStatus::Confirmed.code()),
            )
            .filter(registration::Column::Id.eq(first.id))
            .filter(registration::Column::Status.eq(RegistrationStatus::Waiting.code()))
            .exec(db)
            .await?;
        if moved.rows_affected == 1 {
            let e = event::Entity::find_by_id(event_id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            announce(ctx, db, &e, &first, RegistrationStatus::Confirmed, true).await?;
            return Ok(true);
        }
        // Someone else moved them first (or they cancelled): give the seat back and look again.
        event::Entity::update_many()
            .col_expr(
                event::Column::SeatsTaken,
                Expr::col(event::Column::SeatsTaken).sub(1),
            )
            .filter(event::Column::Id.eq(event_id))
            .exec(db)
            .await?;
    }
}

/// Cancels a registration; a freed seat goes to the first on the waiting list, who is told by
/// e-mail. Returns the event's slug.
async fn cancel_registration(
    ctx: &ServerContext,
    registration_id: i64,
) -> Result<String, AppError> {
    let txn = ctx.db.begin().await?;
    let r = registration::Entity::find_by_id(registration_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let e = event::Entity::find_by_id(r.event_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if e.starts_at <= now() {
        return Err(AppError::invalid(Key::ErrEventStarted));
    }
    let was = reg_status(&r);
    let done = registration::Entity::update_many()
        .col_expr(
            registration::Column::Status,
            Expr::value(RegistrationStatus::Cancelled.code()),
        )
        .col_expr(registration::Column::CancelledAt, Expr::value(now()))
        .filter(registration::Column::Id.eq(r.id))
        .filter(registration::Column::Status.eq(was.code()))
        .filter(registration::Column::Status.is_in(ACTIVE))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::invalid(Key::ErrEventAlreadyCancelled));
    }
    if was == RegistrationStatus::Confirmed {
        event::Entity::update_many()
            .col_expr(
                event::Column::SeatsTaken,
                Expr::col(event::Column::SeatsTaken).sub(1),
            )
            .filter(event::Column::Id.eq(e.id))
            .filter(event::Column::SeatsTaken.gt(0))
            .exec(&txn)
            .await?;
        if status_of(&e) == EventStatus::Published {
            promote_first_waiting(ctx, &txn, e.id).await?;
        }
    }
    txn.commit().await?;
    Ok(e.slug)
}

/// A logged-in user cancels their own registration.
pub async fn cancel_own(
    ctx: &ServerContext,
    user: &CurrentUser,
    registration_id: i64,
) -> Result<String, AppError> {
    let r = registration::Entity::find_by_id(registration_id)
        .one(&ctx.db)
        .await?
        .filter(|r| r.user_id == Some(user.id) || r.email == user.email)
        .ok_or(AppError::NotFound)?;
    cancel_registration(ctx, r.id).await
}

/// Cancels through the signed link in a mail, without logging in.
pub async fn cancel_by_token(ctx: &ServerContext, token_text: &str) -> Result<String, AppError> {
    let r = registration_by_token(ctx, &ctx.db, Purpose::EventCancel, token_text).await?;
    cancel_registration(ctx, r.id).await
}

/// What a cancellation link is about, so the page can ask "cancel this?" before doing it.
pub async fn cancel_preview(
    ctx: &ServerContext,
    token_text: &str,
) -> Result<CancelPreview, AppError> {
    let r = registration_by_token(ctx, &ctx.db, Purpose::EventCancel, token_text).await?;
    let e = event::Entity::find_by_id(r.event_id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let sessions = sessions_of(&ctx.db, e.id).await?;
    Ok(CancelPreview {
        name: r.name.clone(),
        status: reg_status(&r),
        card: card_of(&e, sessions),
    })
}

/// The user's own registrations, upcoming first.
pub async fn mine(ctx: &ServerContext, user: &CurrentUser) -> Result<Vec<MySignUp>, AppError> {
    let rows = registration::Entity::find()
        .filter(registration::Column::Email.eq(&user.email))
        .filter(registration::Column::Status.is_in(ACTIVE))
        .order_by_asc(registration::Column::Id)
        .all(&ctx.db)
        .await?;
    let mut out = Vec::new();
    for r in rows {
        let Some(e) = event::Entity::find_by_id(r.event_id).one(&ctx.db).await? else {
            continue;
        };
        let position = if reg_status(&r) == RegistrationStatus::Waiting {
            Some(waiting_position(&ctx.db, &r).await?)
        } else {
            None
        };
        let sessions = sessions_of(&ctx.db, e.id).await?;
        out.push(MySignUp {
            registration_id: r.id,
            status: reg_status(&r),
            position,
            card: card_of(&e, sessions),
        });
    }
    out.sort_by_key(|m| m.card.sessions.first().map(|s| s.starts_at).unwrap_or(0));
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Staff: participants, adding by hand, attendance, export, reminders
// ---------------------------------------------------------------------------------------------

pub async fn staff_events(ctx: &ServerContext) -> Result<Vec<StaffEventRow>, AppError> {
    let events = event::Entity::find()
        .order_by_desc(event::Column::StartsAt)
        .all(&ctx.db)
        .await?;
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        let regs = registration::Entity::find()
            .filter(registration::Column::EventId.eq(e.id))
            .all(&ctx.db)
            .await?;
        let counts = counts_of(&regs);
        let sessions = sessions_of(&ctx.db, e.id).await?;
        out.push(StaffEventRow {
            card: card_of(&e, sessions),
            counts,
        });
    }
    Ok(out)
}

fn counts_of(regs: &[registration::Model]) -> EventCounts {
    let confirmed: Vec<&registration::Model> = regs
        .iter()
        .filter(|r| reg_status(r) == RegistrationStatus::Confirmed)
        .collect();
    let attended: Vec<&&registration::Model> = confirmed
        .iter()
        .filter(|r| r.checked_in_at.is_some())
        .collect();
    let distinct = |rows: &mut dyn Iterator<Item = &registration::Model>| {
        let mut names: Vec<String> = rows
            .map(|r| match r.organisation_id {
                Some(id) => format!("#{id}"),
                None => r.organisation_name.trim().to_lowercase(),
            })
            .collect();
        names.sort();
        names.dedup();
        names.len() as u64
    };
    EventCounts {
        confirmed: confirmed.len() as u64,
        waiting: regs
            .iter()
            .filter(|r| reg_status(r) == RegistrationStatus::Waiting)
            .count() as u64,
        attended: attended.len() as u64,
        companies: distinct(&mut confirmed.iter().copied()),
        attending_companies: distinct(&mut attended.iter().map(|r| **r)),
    }
}

pub async fn staff_event(ctx: &ServerContext, id: i64) -> Result<StaffEvent, AppError> {
    let e = event::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let sessions = sessions_of(&ctx.db, id).await?;
    let regs = registration::Entity::find()
        .filter(registration::Column::EventId.eq(id))
        .order_by_asc(registration::Column::Id)
        .all(&ctx.db)
        .await?;
    let mut waiting_no = 0;
    let participants = regs
        .iter()
        .map(|r| {
            let status = reg_status(r);
            let position = (status == RegistrationStatus::Waiting).then(|| {
                waiting_no += 1;
                waiting_no
            });
            Participant {
                id: r.id,
                name: r.name.clone(),
                email: r.email.clone(),
                organisation: r.organisation_name.clone(),
                status,
                position,
                checked_in: r.checked_in_at.is_some(),
                created_at: r.created_at,
            }
        })
        .collect();
    Ok(StaffEvent {
        input: input_of(&ctx.db, &e).await?,
        counts: counts_of(&regs),
        card: card_of(&e, sessions),
        participants,
        choices: catalogue().to_vec(),
    })
}

/// Staff add someone by hand: no eligibility or deadline check, but never past capacity (a
/// full event puts them on the waiting list).
pub async fn add_participant(
    ctx: &ServerContext,
    event_id: i64,
    name: &str,
    email: &str,
    organisation: &str,
) -> Result<RegistrationStatus, AppError> {
    let signer = Signer::from_form(name, email, organisation, true)?;
    let e = event::Entity::find_by_id(event_id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if status_of(&e) == EventStatus::Cancelled {
        return Err(AppError::invalid(Key::ErrEventCancelled));
    }
    if active_registration(&ctx.db, e.id, &signer.email)
        .await?
        .is_some()
    {
        return Err(AppError::field("email", Key::ErrEventAlreadySignedUp));
    }
    let user = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(&signer.email))
        .one(&ctx.db)
        .await?;
    let txn = ctx.db.begin().await?;
    let row = registration::ActiveModel {
        event_id: Set(e.id),
        user_id: Set(user.as_ref().map(|u| u.id)),
        organisation_id: Set(user.as_ref().and_then(|u| u.organisation_id)),
        name: Set(signer.name),
        email: Set(signer.email),
        organisation_name: Set(signer.organisation_name),
        status: Set(RegistrationStatus::Unconfirmed.code().to_string()),
        created_at: Set(now()),
        confirmed_at: Set(None),
        cancelled_at: Set(None),
        checked_in_at: Set(None),
        reminder_sent_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let status = take_seat_or_wait(&txn, e.id, row.id).await?;
    let fresh = registration::Entity::find_by_id(row.id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    announce(ctx, &txn, &e, &fresh, status, false).await?;
    txn.commit().await?;
    Ok(status)
}

/// Attendance at the door: check in (or undo) a confirmed participant.
pub async fn check_in(
    ctx: &ServerContext,
    registration_id: i64,
    present: bool,
) -> Result<(), AppError> {
    let done = registration::Entity::update_many()
        .col_expr(
            registration::Column::CheckedInAt,
            Expr::value(present.then(now)),
        )
        .filter(registration::Column::Id.eq(registration_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Confirmed.code()))
        .exec(&ctx.db)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::invalid(Key::ErrEventCheckIn));
    }
    Ok(())
}

/// Participants as CSV (UTF-8 with BOM, so Excel shows accents), confirmed and waiting.
pub async fn participants_csv(ctx: &ServerContext, id: i64) -> Result<(String, String), AppError> {
    let e = staff_event(ctx, id).await?;
    let mut out = String::from(
        "\u{feff}name,email,organisation,status,waiting_position,checked_in,registered_at\r\n",
    );
    for p in e.participants.iter().filter(|p| {
        matches!(
            p.status,
            RegistrationStatus::Confirmed | RegistrationStatus::Waiting
        )
    }) {
        let registered = super::time::to_local(p.created_at);
        out.push_str(&format!(
            "{},{},{},{},{},{},{} {}\r\n",
            crate::analytics::export::csv_field(&p.name),
            crate::analytics::export::csv_field(&p.email),
            crate::analytics::export::csv_field(&p.organisation),
            p.status.code(),
            p.position.map(|n| n.to_string()).unwrap_or_default(),
            if p.checked_in { "yes" } else { "no" },
            registered.date_input(),
            registered.time()
        ));
    }
    Ok((e.card.slug.clone(), out))
}

/// Sends the reminder a day before: every confirmed participant of an event whose first
/// session starts within 24 hours. Each reminder is claimed with a conditional update in the
/// same transaction as its mail, so it goes out once, across restarts and several processes.
pub async fn send_reminders(ctx: &ServerContext) -> Result<usize, AppError> {
    let at = now();
    let events = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published.code()))
        .filter(event::Column::StartsAt.gt(at))
        .filter(event::Column::StartsAt.lte(at + 24 * 3600))
        .all(&ctx.db)
        .await?;
    let mut sent = 0;
    for e in events {
        let due = registration::Entity::find()
            .filter(registration::Column::EventId.eq(e.id))
            .filter(registration::Column::Status.eq(RegistrationStatus::Confirmed.code()))
            .filter(registration::Column::ReminderSentAt.is_null())
            .all(&ctx.db)
            .await?;
        let sessions = sessions_of(&ctx.db, e.id).await?;
        for r in due {
            let txn = ctx.db.begin().await?;
            let claimed = registration::Entity::update_many()
                .col_expr(registration::Column::ReminderSentAt, Expr::value(at))
                .filter(registration::Column::Id.eq(r.id))
                .filter(registration::Column::ReminderSentAt.is_null())
                .exec(&txn)
                .await?;
            if claimed.rows_affected != 1 {
                continue;
            }
            let lang = lang_of(&txn, &r).await?;
            let title = title_in(&e, lang);
            let where_ = place_for_participants(&e);
            let body = lang.fill(
                Key::MailEventReminderBody,
                &[
                    ("name", &r.name),
                    ("event", &title),
                    ("when", &when_text(&sessions)),
                    ("where", &where_),
                    ("cancel", &cancel_link(ctx, &e, &r)),
                ],
            );
            outbox::enqueue(
                &txn,
                &r.email,
                &lang.fill(Key::MailEventReminderSubject, &[("event", &title)]),
                &body,
            )
            .await?;
            txn.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// The reminder loop, started by the server next to the mail sender.
pub async fn run_reminders(ctx: ServerContext, every: std::time::Duration) {
    loop {
        match send_reminders(&ctx).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(reminders = n, "event reminders queued"),
            Err(e) => tracing::warn!(error = %e, "event reminders failed; retrying later"),
        }
        tokio::time::sleep(every).await;
    }
}
