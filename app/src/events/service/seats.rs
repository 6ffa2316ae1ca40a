//! Seats and the waiting list: the one conditional update that takes a seat, and who moves up
//! when one is freed (see the module comment of `service`).

use super::*;

/// The place an e-mail address holds at an event (a seat or a place in line), if any.
pub(super) async fn active_registration(
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
pub(super) async fn waiting_position(
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

/// Takes one seat of the event if one is free: the one conditional update that keeps an event
/// from being overbooked, however many sign-ups, confirmations and promotions run at once.
async fn take_seat(db: &impl ConnectionTrait, event_id: i64) -> Result<bool, AppError> {
    let seat = event::Entity::update_many()
        .col_expr(
            event::Column::SeatsTaken,
            Expr::col(event::Column::SeatsTaken).add(1),
        )
        .filter(event::Column::Id.eq(event_id))
        .filter(Expr::col(event::Column::SeatsTaken).lt(Expr::col(event::Column::Capacity)))
        .exec(db)
        .await?;
    Ok(seat.rows_affected == 1)
}

/// Gives a registration a seat if one is free, else puts it on the waiting list. One
/// conditional update decides; see the module comment.
pub(super) async fn take_seat_or_wait(
    db: &impl ConnectionTrait,
    event_id: i64,
    registration_id: i64,
) -> Result<RegistrationStatus, AppError> {
    let status = if take_seat(db, event_id).await? {
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

/// What a registration that has been decided holds, as the confirmation page reports it.
pub(super) async fn place_held(
    db: &impl ConnectionTrait,
    r: &registration::Model,
) -> Result<SignUpOutcome, AppError> {
    match reg_status(r)? {
        RegistrationStatus::Confirmed => Ok(SignUpOutcome::Confirmed),
        RegistrationStatus::Waiting => Ok(SignUpOutcome::Waiting(waiting_position(db, r).await?)),
        RegistrationStatus::Unconfirmed | RegistrationStatus::Cancelled => {
            Err(AppError::invalid(Key::ErrEventLinkInvalid))
        }
    }
}

/// Moves the first person on the waiting list to a free seat, if there is one. Returns
/// whether someone was promoted.
pub(super) async fn promote_first_waiting(
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
        if !take_seat(db, event_id).await? {
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
pub(super) async fn cancel_registration(
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
    let was = reg_status(&r)?;
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
        if status_of(&e)? == EventStatus::Published {
            promote_first_waiting(ctx, &txn, e.id).await?;
        }
    }
    txn.commit().await?;
    Ok(e.slug)
}
