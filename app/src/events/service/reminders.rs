//! The reminder a day before an event, sent once across restarts and processes.

use super::*;

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
