//! Staff create, edit, duplicate, publish and cancel events.

use super::*;

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
        crate::time::to_local(first.starts_at).date_input()
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
pub(super) async fn input_of(
    db: &impl ConnectionTrait,
    e: &event::Model,
) -> Result<EventInput, AppError> {
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
