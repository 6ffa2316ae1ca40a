//! Reading events: the public agenda, suggestions after an assessment, an event's page.

use super::*;

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
    let mut sessions = sessions_by_event(&ctx.db, rows.iter().map(|e| e.id)).await?;
    let mut events = Vec::with_capacity(rows.len());
    for e in rows {
        events.push(card_of(&e, sessions.remove(&e.id).unwrap_or_default())?);
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
    if status_of(&e)? == EventStatus::Draft && !is_staff {
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
            status: reg_status(r)?,
            position: if reg_status(r)? == RegistrationStatus::Waiting {
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
        card: card_of(&e, sessions)?,
        choices: catalogue().to_vec(),
    })
}
