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
//!
//! The use cases live one per file: [`admin`] (staff edit events), [`agenda`] (reading),
//! [`sign_up`], [`seats`] (the seat invariant, written once), [`cancel`], [`letters`] (what
//! participants are told), [`participants`] (staff lists and attendance) and [`reminders`].

mod admin;
mod agenda;
mod cancel;
mod letters;
mod participants;
mod reminders;
mod seats;
mod sign_up;

pub use admin::*;
pub use agenda::*;
pub use cancel::*;
use letters::*;
pub use participants::*;
pub use reminders::*;
use seats::*;
pub use sign_up::*;

use crate::accounts::model::{CurrentUser, Email};
use crate::accounts::token::{self, Purpose};
use crate::context::ServerContext;
use crate::db::entities::{
    assessment, event, event_invite, event_registration as registration, event_session,
    user_account,
};
use crate::db::now;
use crate::error::AppError;
use crate::events::ics::{self, CalendarEvent};
use crate::events::model::*;
use crate::events::view::*;
use crate::i18n::{Key, Lang};
use crate::mail::outbox::{self, Attachment};
use crate::providers::markdown::to_safe_html;
use crate::providers::service::{catalogue, slugify};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

fn status_of(e: &event::Model) -> Result<EventStatus, AppError> {
    EventStatus::stored(&e.status)
}

fn reg_status(r: &registration::Model) -> Result<RegistrationStatus, AppError> {
    RegistrationStatus::stored(&r.status)
}

const ACTIVE: [&str; 3] = ["unconfirmed", "confirmed", "waiting"];
/// Registrations that hold a seat or a place in line (`deciding`: a confirmation being
/// decided right now). The database allows one per event and address.
const HOLDING: [&str; 3] = ["confirmed", "waiting", "deciding"];
/// How long a visitor has to click the confirmation link before the sign-up is forgotten.
pub const UNCONFIRMED_HOURS: i64 = 24;

/// A second place for the same person was refused by the database's unique index.
fn is_duplicate_place(e: &sea_orm::DbErr) -> bool {
    crate::db::is_unique_violation(e)
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

/// The sessions of several events in one query (lists), by event, each soonest first.
async fn sessions_by_event(
    db: &impl ConnectionTrait,
    event_ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, Vec<Session>>, AppError> {
    let mut rows = crate::db::rows_where_in::<event_session::Entity>(
        db,
        event_session::Column::EventId,
        event_ids,
    )
    .await?;
    rows.sort_by_key(|s| (s.event_id, s.starts_at, s.id));
    let mut out: HashMap<i64, Vec<Session>> = HashMap::new();
    for s in rows {
        out.entry(s.event_id).or_default().push(Session {
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        });
    }
    Ok(out)
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

pub fn themes_of(e: &event::Model) -> Vec<String> {
    e.themes
        .split('|')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn card_of(e: &event::Model, sessions: Vec<Session>) -> Result<EventCard, AppError> {
    Ok(EventCard {
        id: e.id,
        slug: e.slug.clone(),
        kind: EventKind::stored(&e.kind)?,
        title_nl: e.title_nl.clone(),
        title_en: e.title_en.clone(),
        format: EventFormat::stored(&e.format)?,
        location: e.location.clone(),
        themes: themes_of(e),
        sessions,
        capacity: e.capacity,
        seats_left: std::cmp::max(e.capacity - e.seats_taken, 0),
        status: status_of(e)?,
        eligibility: Eligibility::stored(&e.eligibility)?,
        registration_deadline: e.registration_deadline,
        language: e.language.clone(),
    })
}
