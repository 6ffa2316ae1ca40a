//! Staff: the events list, participants, adding by hand, attendance and the participants export.

use super::*;
use crate::db::keyset::Keyset;
use crate::ui::{ListPage, ListPosition};

/// One page of events, latest first, with their sign-up counts: the page by position through
/// the index on `(starts_at, id)`, and the sign-ups and sessions of the page's events only.
pub async fn staff_events(
    ctx: &ServerContext,
    position: ListPosition,
) -> Result<ListPage<StaffEventRow>, AppError> {
    let keyset = Keyset {
        sort: event::Column::StartsAt,
        id: event::Column::Id,
        newest_first: true,
        id_of: |e: &event::Model| e.id,
    };
    let page = crate::db::keyset::page(
        &ctx.db,
        event::Entity::find(),
        &keyset,
        position,
        crate::db::keyset::STAFF_PAGE,
    )
    .await?;
    // The page's sign-ups and sessions in two queries, not two per event.
    let ids: Vec<i64> = page.rows.iter().map(|e| e.id).collect();
    let mut sessions = sessions_by_event(&ctx.db, ids.iter().copied()).await?;
    let mut regs: HashMap<i64, Vec<registration::Model>> = HashMap::new();
    for r in crate::db::rows_where_in::<registration::Entity>(
        &ctx.db,
        registration::Column::EventId,
        ids,
    )
    .await?
    {
        regs.entry(r.event_id).or_default().push(r);
    }
    let mut rows = Vec::with_capacity(page.rows.len());
    for e in &page.rows {
        let counts = counts_of(regs.get(&e.id).map_or(&[][..], Vec::as_slice))?;
        rows.push(StaffEventRow {
            card: card_of(e, sessions.remove(&e.id).unwrap_or_default())?,
            counts,
        });
    }
    Ok(ListPage {
        rows,
        previous: page.previous,
        next: page.next,
    })
}

fn counts_of(regs: &[registration::Model]) -> Result<EventCounts, AppError> {
    let mut confirmed: Vec<&registration::Model> = Vec::new();
    let mut waiting = 0;
    for r in regs {
        match reg_status(r)? {
            RegistrationStatus::Confirmed => confirmed.push(r),
            RegistrationStatus::Waiting => waiting += 1,
            RegistrationStatus::Unconfirmed | RegistrationStatus::Cancelled => {}
        }
    }
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
    Ok(EventCounts {
        confirmed: confirmed.len() as u64,
        waiting,
        attended: attended.len() as u64,
        companies: distinct(&mut confirmed.iter().copied()),
        attending_companies: distinct(&mut attended.iter().map(|r| **r)),
    })
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
            let status = reg_status(r)?;
            let position = (status == RegistrationStatus::Waiting).then(|| {
                waiting_no += 1;
                waiting_no
            });
            Ok(Participant {
                id: r.id,
                name: r.name.clone(),
                email: r.email.clone(),
                organisation: r.organisation_name.clone(),
                status,
                position,
                checked_in: r.checked_in_at.is_some(),
                created_at: r.created_at,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(StaffEvent {
        input: input_of(&ctx.db, &e).await?,
        counts: counts_of(&regs)?,
        card: card_of(&e, sessions)?,
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
    if status_of(&e)? == EventStatus::Cancelled {
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
    let txn = ctx.db.begin().await?;
    let done = registration::Entity::update_many()
        .col_expr(
            registration::Column::CheckedInAt,
            Expr::value(present.then(now)),
        )
        .filter(registration::Column::Id.eq(registration_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Confirmed.code()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::invalid(Key::ErrEventCheckIn));
    }
    // A company's first attendance (or its undoing) moves it in the dashboard's funnel.
    let organisation = registration::Entity::find_by_id(registration_id)
        .one(&txn)
        .await?
        .and_then(|r| r.organisation_id);
    if let Some(org) = organisation {
        crate::db::funnel_rollup::refresh(&txn, org).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Participants as CSV (UTF-8 with BOM, so Excel shows accents), confirmed and waiting.
pub async fn participants_csv(ctx: &ServerContext, id: i64) -> Result<(String, String), AppError> {
    use crate::web::table::{Cell, Table};
    let e = staff_event(ctx, id).await?;
    let headers = [
        "name",
        "email",
        "organisation",
        "status",
        "waiting_position",
        "checked_in",
        "registered_at",
    ];
    let rows = e
        .participants
        .iter()
        .filter(|p| {
            matches!(
                p.status,
                RegistrationStatus::Confirmed | RegistrationStatus::Waiting
            )
        })
        .map(|p| {
            let registered = crate::time::to_local(p.created_at);
            vec![
                Cell::from(p.name.as_str()),
                p.email.as_str().into(),
                p.organisation.as_str().into(),
                p.status.code().into(),
                p.position.map(|n| n as f64).into(),
                if p.checked_in { "yes" } else { "no" }.into(),
                format!("{} {}", registered.date_input(), registered.time()).into(),
            ]
        })
        .collect();
    let table = Table {
        headers: headers.map(String::from).to_vec(),
        rows,
    };
    Ok((e.card.slug.clone(), table.to_csv()))
}
