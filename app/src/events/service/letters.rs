//! What participants are told: the wording of event mails, their calendar files and links.

use super::*;

pub(super) async fn lang_of(
    db: &impl ConnectionTrait,
    r: &registration::Model,
) -> Result<Lang, AppError> {
    Ok(match r.user_id {
        Some(id) => user_account::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| Lang::from_code(&u.locale))
            .unwrap_or_default(),
        None => Lang::default(),
    })
}

pub(super) fn title_in(e: &event::Model, lang: Lang) -> String {
    match lang {
        Lang::Nl => e.title_nl.clone(),
        Lang::En => e.title_en.clone(),
    }
}

pub(super) fn when_text(sessions: &[Session]) -> String {
    sessions
        .iter()
        .map(|s| {
            let (date, from, to) = session_text(s);
            format!("{date} {from}-{to}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn calendar_for(
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

/// The link in a mail that cancels this registration without logging in; valid until the
/// event starts.
pub(super) fn cancel_link(
    ctx: &ServerContext,
    e: &event::Model,
    r: &registration::Model,
) -> String {
    let token = ctx
        .settings
        .signing_keys
        .sign(Purpose::EventCancel, r.id, e.starts_at, &r.email);
    ctx.link(&format!("/signup/cancel?token={token}"))
}

/// Where confirmed participants go: the address, the online link, or both.
pub(super) fn place_for_participants(e: &event::Model) -> String {
    match EventFormat::parse(&e.format) {
        Some(EventFormat::Online) => e.online_link.clone(),
        Some(EventFormat::Hybrid) => format!("{} / {}", e.location, e.online_link),
        _ => e.location.clone(),
    }
}

/// Mails the outcome of a seat decision (confirmation with calendar file, or waiting list).
pub(super) async fn announce(
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
