//! The work on a guided plan: days logged against the voucher, notes from both sides.

use super::*;

/// The consultant logs days against the voucher. More than the voucher holds is refused:
/// staff approve extra days by raising the budget.
pub async fn log_days(
    ctx: &ServerContext,
    p: &plan::Model,
    user: &CurrentUser,
    day: &str,
    days: &str,
    note: &str,
) -> Result<(), AppError> {
    let g = assigned_to(&ctx.db, p, user).await?;
    let half_days = voucher::parse_days(days)
        .ok_or_else(|| AppError::field("days", Key::ErrVoucherDaysInvalid))?;
    let date: jiff::civil::Date = day
        .trim()
        .parse()
        .map_err(|_| AppError::field("day", Key::ErrPlanDateInvalid))?;
    let today = crate::time::local_date(now());
    if date < crate::plan::service::started_on(p) || date > today {
        return Err(AppError::field("day", Key::ErrWorkDayOutside));
    }
    let note = read_text(note, "note", NOTE_MAX, true)?;
    let txn = ctx.db.begin().await?;
    // The voucher holds under parallel entries: the sum is checked where it is kept.
    let booked = plan_guidance::Entity::update_many()
        .col_expr(
            plan_guidance::Column::UsedHalfDays,
            Expr::col(plan_guidance::Column::UsedHalfDays).add(half_days as i32),
        )
        .col_expr(plan_guidance::Column::UpdatedAt, Expr::value(now()))
        .filter(plan_guidance::Column::Id.eq(g.id))
        .filter(plan_guidance::Column::State.eq(GuidanceState::Assigned.code()))
        .filter(plan_guidance::Column::ConsultantUserId.eq(user.id))
        .filter(
            Expr::col(plan_guidance::Column::UsedHalfDays)
                .add(half_days as i32)
                .lte(Expr::col(plan_guidance::Column::BudgetHalfDays)),
        )
        .exec(&txn)
        .await?;
    if booked.rows_affected == 0 {
        return Err(AppError::field("days", Key::ErrVoucherExceeded));
    }
    plan_work_log::ActiveModel {
        guidance_id: Set(g.id),
        user_id: Set(Some(user.id)),
        who: Set(user.name.clone()),
        day: Set(date.to_string()),
        half_days: Set(half_days as i32),
        note: Set(note),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A note on the plan, from the company or the consultant; both sides read them.
pub async fn add_note(
    ctx: &ServerContext,
    p: &plan::Model,
    side: Side,
    user: &CurrentUser,
    body: &str,
) -> Result<(), AppError> {
    let body = read_text(body, "body", NOTE_MAX, false)?;
    plan_note::ActiveModel {
        plan_id: Set(p.id),
        user_id: Set(Some(user.id)),
        who: Set(user.name.clone()),
        side: Set(side.code().to_string()),
        body: Set(body),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(())
}
