//! The sign-ups export (every sign-up of every event, with its status and attendance), read
//! a few events at a time: grouped by event in the order the events were made, as the file
//! has always been, and memory holds the sign-ups of those events only (each bounded by its
//! places), however many events the programme holds over the years.

use super::*;

/// Events per batch: each brings at most its places' sign-ups.
pub(super) const EVENTS_PER_BATCH: u64 = 20;

pub(super) fn headers() -> Vec<String> {
    [
        "event_id",
        "event",
        "kind",
        "event_date",
        "name",
        "email",
        "organisation",
        "status",
        "registered",
        "cancelled",
        "checked_in",
    ]
    .map(String::from)
    .to_vec()
}

/// The sign-ups of up to `size` events with an id above `after`; `None` after the last event.
pub(super) async fn batch(
    db: &impl ConnectionTrait,
    after: i64,
    size: u64,
) -> Result<Option<Batch>, AppError> {
    let events: BTreeMap<i64, event::Model> = event::Entity::find()
        .filter(event::Column::Id.gt(after))
        .order_by_asc(event::Column::Id)
        .limit(size)
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let Some(last) = events.keys().next_back().copied() else {
        return Ok(None);
    };
    let mut signups = crate::db::rows_where_in::<event_registration::Entity>(
        db,
        event_registration::Column::EventId,
        events.keys().copied(),
    )
    .await?;
    signups.sort_by_key(|r| (r.event_id, r.id));
    let rows = signups
        .into_iter()
        .filter_map(|r| {
            let e = events.get(&r.event_id)?;
            Some(vec![
                Cell::Number(e.id as f64),
                e.title_nl.as_str().into(),
                e.kind.as_str().into(),
                day(Some(e.starts_at)),
                r.name.into(),
                r.email.into(),
                r.organisation_name.into(),
                r.status.into(),
                day(Some(r.created_at)),
                day(r.cancelled_at),
                if r.checked_in_at.is_some() {
                    "yes"
                } else {
                    "no"
                }
                .into(),
            ])
        })
        .collect();
    Ok(Some(Batch { rows, last }))
}

/// How many sign-ups there are.
pub(super) async fn count(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(event_registration::Entity::find().count(db).await?)
}
