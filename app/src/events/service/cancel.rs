//! Cancelling a place, by the user or through the link in a mail, and a user's own sign-ups.

use super::*;

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
        status: reg_status(&r)?,
        card: card_of(&e, sessions)?,
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
        let position = if reg_status(&r)? == RegistrationStatus::Waiting {
            Some(waiting_position(&ctx.db, &r).await?)
        } else {
            None
        };
        let sessions = sessions_of(&ctx.db, e.id).await?;
        out.push(MySignUp {
            registration_id: r.id,
            status: reg_status(&r)?,
            position,
            card: card_of(&e, sessions)?,
        });
    }
    out.sort_by_key(|m| m.card.sessions.first().map(|s| s.starts_at).unwrap_or(0));
    Ok(out)
}
