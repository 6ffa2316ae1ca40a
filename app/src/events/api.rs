//! Server functions of events. The staff's event form is an axum handler (see `form.rs`)
//! because it has repeated fields (themes) that a server function's arguments cannot take.

use super::view::*;
use crate::error::AppError;
use crate::ui::{ListPage, ListPosition};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::context::ServerContext;
    pub use crate::events::model::{EventStatus, RegistrationStatus};
    pub use crate::events::service::{self, SignUpOutcome, Signer};
    pub use crate::i18n::Key;
    pub use crate::web::request::{self, finish_form, require_staff, require_user, with_status};
}
#[cfg(feature = "ssr")]
use ssr::*;

#[server(endpoint = "events/agenda")]
pub async fn get_agenda(query: AgendaQuery) -> Result<Agenda, AppError> {
    let ctx = ServerContext::get()?;
    service::agenda(&ctx, &query).await
}

/// Upcoming events on the given themes (transition keys, comma-separated), at most three.
#[server(endpoint = "events/suggestions")]
pub async fn get_event_suggestions(themes: String) -> Result<Vec<EventCard>, AppError> {
    let ctx = ServerContext::get()?;
    let themes: Vec<String> = themes.split(',').take(13).map(str::to_string).collect();
    service::suggestions(&ctx, &themes).await
}

#[server(endpoint = "events/event")]
pub async fn get_event(slug: String) -> Result<EventPage, AppError> {
    let ctx = ServerContext::get()?;
    service::detail(&ctx, &slug, request::current_user().as_ref())
        .await
        .map_err(with_status)
}

#[cfg(feature = "ssr")]
fn outcome_query(outcome: SignUpOutcome) -> String {
    match outcome {
        SignUpOutcome::Confirmed => "signed=confirmed".to_string(),
        SignUpOutcome::Waiting(n) => format!("signed=waiting&position={n}"),
        SignUpOutcome::CheckEmail => "signed=check".to_string(),
    }
}

/// Logged in: one click (only `event_id`). Otherwise name, e-mail, organisation and consent.
#[server(endpoint = "events/sign_up")]
pub async fn sign_up_event(
    event_id: i64,
    slug: String,
    name: Option<String>,
    email: Option<String>,
    organisation: Option<String>,
    consent: Option<String>,
) -> Result<(), AppError> {
    // The slug only names the page to return to; an event's slug is short, anything else is
    // not echoed into the redirect.
    let slug = if slug.len() <= 200 {
        slug
    } else {
        String::new()
    };
    let (name, email, organisation) = (
        name.unwrap_or_default(),
        email.unwrap_or_default(),
        organisation.unwrap_or_default(),
    );
    let result = async {
        let ctx = ServerContext::get()?;
        let signer = match request::current_user() {
            Some(user) => Signer::from_user(&user),
            None => {
                let signer = Signer::from_form(
                    &name,
                    &email,
                    &organisation,
                    consent.as_deref() == Some("on"),
                )?;
                use crate::db::rate_limit::{hit, SIGN_UP_PER_IP, SIGN_UP_PER_RECIPIENT};
                hit(&ctx.db, SIGN_UP_PER_IP, &request::client_ip()).await?;
                // Per address too: a changing client address must not let anyone fill a
                // stranger's mailbox with confirmation requests.
                hit(&ctx.db, SIGN_UP_PER_RECIPIENT, &email.trim().to_lowercase()).await?;
                signer
            }
        };
        let outcome = service::sign_up(&ctx, event_id, signer).await?;
        leptos_axum::redirect(&format!(
            "/events/{}?{}",
            crate::ui::encode_query(&slug),
            outcome_query(outcome)
        ));
        Ok(())
    }
    .await;
    finish_form(
        result,
        &[
            ("name", &name),
            ("email", &email),
            ("organisation", &organisation),
            ("consent", consent.as_deref().unwrap_or_default()),
        ],
    )
}

/// The visitor's confirmation link (a button on the page, so mail scanners cannot click it).
#[server(endpoint = "events/confirm")]
pub async fn confirm_event_sign_up(token: String) -> Result<(), AppError> {
    let result = async {
        let ctx = ServerContext::get()?;
        let (slug, outcome) = service::confirm(&ctx, &token).await?;
        leptos_axum::redirect(&format!("/events/{slug}?{}", outcome_query(outcome)));
        Ok(())
    }
    .await;
    finish_form(result, &[("token", &token)])
}

#[server(endpoint = "events/cancel_preview")]
pub async fn get_cancel_preview(token: String) -> Result<CancelPreview, AppError> {
    let ctx = ServerContext::get()?;
    service::cancel_preview(&ctx, &token)
        .await
        .map_err(with_status)
}

#[server(endpoint = "events/cancel_by_link")]
pub async fn cancel_by_link(token: String) -> Result<(), AppError> {
    let result = async {
        let ctx = ServerContext::get()?;
        let slug = service::cancel_by_token(&ctx, &token).await?;
        leptos_axum::redirect(&format!("/events/{slug}?cancelled=1"));
        Ok(())
    }
    .await;
    finish_form(result, &[("token", &token)])
}

#[server(endpoint = "events/cancel_mine")]
pub async fn cancel_my_registration(registration_id: i64, back: String) -> Result<(), AppError> {
    let result = async {
        let user = require_user()?;
        let ctx = ServerContext::get()?;
        service::cancel_own(&ctx, &user, registration_id).await?;
        let back = crate::accounts::model::safe_next_path(&back);
        let joiner = if back.contains('?') { '&' } else { '?' };
        leptos_axum::redirect(&format!("{back}{joiner}cancelled=1"));
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

#[server(endpoint = "events/mine")]
pub async fn my_sign_ups() -> Result<Vec<MySignUp>, AppError> {
    let ctx = ServerContext::get()?;
    match request::current_user() {
        Some(user) => service::mine(&ctx, &user).await,
        None => Ok(Vec::new()),
    }
}

#[server(endpoint = "staff/events")]
pub async fn staff_events(
    #[server(default)] position: ListPosition,
) -> Result<ListPage<StaffEventRow>, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    service::staff_events(&ctx, position).await
}

#[server(endpoint = "staff/event")]
pub async fn get_staff_event(id: i64) -> Result<StaffEvent, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    service::staff_event(&ctx, id).await.map_err(with_status)
}

/// The staff's event form: the event `id` (0 for a new one) and what a refused plain post
/// typed on this page, if any.
#[server(endpoint = "staff/event_form")]
pub async fn get_event_form(id: i64) -> Result<EventFormData, AppError> {
    require_staff()?;
    let ctx = ServerContext::get()?;
    let existing = match id {
        0 => None,
        id => Some(service::staff_event(&ctx, id).await.map_err(with_status)?),
    };
    let kept = crate::web::multipart::kept::typed_here(&ctx.db).await;
    Ok(EventFormData { existing, kept })
}

/// `publish`, `cancel` or `duplicate`.
#[server(endpoint = "staff/event_action")]
pub async fn event_action(id: i64, action: String) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        let target = match action.as_str() {
            "publish" => {
                service::set_status(&ctx, id, EventStatus::Published).await?;
                format!("/staff/events/{id}?done=published")
            }
            "cancel" => {
                service::set_status(&ctx, id, EventStatus::Cancelled).await?;
                format!("/staff/events/{id}?done=cancelled")
            }
            "duplicate" => {
                let copy = service::duplicate(&ctx, id).await?;
                format!("/staff/events/{copy}/edit?done=duplicated")
            }
            _ => return Err(AppError::invalid(Key::ErrChoiceInvalid)),
        };
        crate::audit::after(
            &ctx.db,
            &user,
            &format!("event.{action}"),
            crate::audit::Subject::new("event", id),
            serde_json::json!({ "action": action }),
        )
        .await;
        leptos_axum::redirect(&target);
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

#[server(endpoint = "staff/event_add_participant")]
pub async fn add_participant(
    event_id: i64,
    name: String,
    email: String,
    organisation: String,
) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        let status = service::add_participant(&ctx, event_id, &name, &email, &organisation).await?;
        crate::audit::after(
            &ctx.db,
            &user,
            "event.add_participant",
            crate::audit::Subject::new("event", event_id),
            serde_json::json!({ "name": name, "email": email, "organisation": organisation, "status": status.code() }),
        )
        .await;
        let done = if status == RegistrationStatus::Confirmed {
            "added"
        } else {
            "added_waiting"
        };
        leptos_axum::redirect(&format!("/staff/events/{event_id}?done={done}"));
        Ok(())
    }
    .await;
    finish_form(
        result,
        &[
            ("name", &name),
            ("email", &email),
            ("organisation", &organisation),
        ],
    )
}

/// Attendance at the door; `present` is "1" or "0".
#[server(endpoint = "staff/event_check_in")]
pub async fn check_in(
    event_id: i64,
    registration_id: i64,
    present: String,
) -> Result<(), AppError> {
    let result = async {
        let user = require_staff()?;
        let ctx = ServerContext::get()?;
        service::check_in(&ctx, registration_id, present == "1").await?;
        crate::audit::after(
            &ctx.db,
            &user,
            "event.check_in",
            crate::audit::Subject::new("registration", registration_id),
            serde_json::json!({ "event_id": event_id, "present": present == "1" }),
        )
        .await;
        leptos_axum::redirect(&format!(
            "/staff/events/{event_id}/check-in#p{registration_id}"
        ));
        Ok(())
    }
    .await;
    finish_form(result, &[])
}
