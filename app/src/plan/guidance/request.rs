//! The trajectory: the company asks (or withdraws), staff assign a consultant and a voucher,
//! approve more days, end it, and set the programme periods' default voucher.

use super::*;

/// The company asks for guidance on its plan, optionally naming a consultant it would like.
/// Two requests at once make one: the open request's unique column lets one insert through.
/// The hub's staff are told by e-mail (one mail per request, in the same transaction).
pub async fn request(
    ctx: &ServerContext,
    a: &assessment::Model,
    p: &plan::Model,
    user: &CurrentUser,
    preferred: Option<i64>,
    message: &str,
) -> Result<(), AppError> {
    if !is_company_member(Some(user), a) {
        return Err(AppError::invalid(Key::ErrGuidanceNeedsAccount));
    }
    let message = read_text(message, "message", MESSAGE_MAX, true)?;
    let preferred_name = match preferred {
        Some(id) => Some(
            consultant_profile(&ctx.db, id)
                .await?
                .ok_or_else(|| AppError::field("consultant", Key::ErrChoiceInvalid))?
                .1,
        ),
        None => None,
    };
    let at = now();
    let txn = ctx.db.begin().await?;
    let inserted = plan_guidance::Entity::insert(plan_guidance::ActiveModel {
        plan_id: Set(p.id),
        open_plan_id: Set(Some(p.id)),
        state: Set(GuidanceState::Requested.code().to_string()),
        requested_at: Set(at),
        requested_by: Set(Some(user.id)),
        requested_by_name: Set(user.name.clone()),
        message: Set(message.clone()),
        preferred_profile_id: Set(preferred),
        budget_half_days: Set(0),
        used_half_days: Set(0),
        updated_at: Set(at),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(plan_guidance::Column::OpenPlanId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted == 0 {
        return Err(AppError::invalid(Key::ErrGuidanceAlreadyOpen));
    }
    for (email, who, lang) in staff_mailboxes(&txn).await? {
        let preference = preferred_name
            .as_ref()
            .map(|name| {
                lang.fill(
                    Key::MailGuidanceRequestedPreference,
                    &[("consultant", name)],
                )
            })
            .unwrap_or_default();
        let body = lang.fill(
            Key::MailGuidanceRequestedBody,
            &[
                ("name", &who),
                ("requester", &user.name),
                ("company", &a.company_name),
                ("preference", &preference),
                ("message", if message.is_empty() { "–" } else { &message }),
                ("link", &ctx.link("/staff/guidance")),
            ],
        );
        let subject = lang.fill(
            Key::MailGuidanceRequestedSubject,
            &[("company", &a.company_name)],
        );
        outbox::enqueue(&txn, &email, &subject, &body).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The company withdraws a request staff have not assigned yet.
pub async fn withdraw(ctx: &ServerContext, p: &plan::Model) -> Result<(), AppError> {
    let done = close(
        &ctx.db,
        plan_guidance::Column::OpenPlanId
            .eq(p.id)
            .and(plan_guidance::Column::State.eq(GuidanceState::Requested.code())),
    )
    .await?;
    if !done {
        return Err(AppError::invalid(Key::ErrGuidanceNotWithdrawable));
    }
    Ok(())
}

/// Staff assign a consultant and a voucher (or another consultant: the former one loses
/// access at once, and sign-offs start again). Both sides are told by e-mail.
pub async fn assign(
    ctx: &ServerContext,
    staff: &CurrentUser,
    guidance_id: i64,
    profile_id: i64,
    days: &str,
) -> Result<(), AppError> {
    let Some((profile, name)) = consultant_profile(&ctx.db, profile_id).await? else {
        return Err(AppError::field("consultant", Key::ErrChoiceInvalid));
    };
    let budget = match days.trim() {
        "" => period_today(&ctx.db).await?.1,
        typed => voucher::parse_days(typed)
            .ok_or_else(|| AppError::field("days", Key::ErrVoucherDaysInvalid))?,
    };
    let (period, _) = period_today(&ctx.db).await?;
    let g = plan_guidance::Entity::find_by_id(guidance_id)
        .one(&ctx.db)
        .await?
        .filter(|g| g.open_plan_id.is_some())
        .ok_or_else(|| AppError::invalid(Key::ErrGuidanceNotFound))?;
    let at = now();
    let txn = ctx.db.begin().await?;
    // Conditional: still open, and the new budget holds the days already logged.
    let done = plan_guidance::Entity::update_many()
        .col_expr(
            plan_guidance::Column::State,
            Expr::value(GuidanceState::Assigned.code()),
        )
        .col_expr(
            plan_guidance::Column::ConsultantProfileId,
            Expr::value(profile.id),
        )
        .col_expr(
            plan_guidance::Column::ConsultantUserId,
            Expr::value(profile.user_id),
        )
        .col_expr(
            plan_guidance::Column::ConsultantName,
            Expr::value(name.clone()),
        )
        .col_expr(plan_guidance::Column::AssignedAt, Expr::value(at))
        .col_expr(plan_guidance::Column::Period, Expr::value(period.clone()))
        .col_expr(
            plan_guidance::Column::BudgetHalfDays,
            Expr::value(budget as i32),
        )
        .col_expr(
            plan_guidance::Column::CompanySignedChange,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(
            plan_guidance::Column::ConsultantSignedChange,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(plan_guidance::Column::UpdatedAt, Expr::value(at))
        .filter(plan_guidance::Column::Id.eq(g.id))
        .filter(plan_guidance::Column::OpenPlanId.is_not_null())
        .filter(plan_guidance::Column::UsedHalfDays.lte(budget as i32))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::field("days", Key::ErrVoucherBelowUsed));
    }
    let (_, a) = plan_and_assessment(&txn, g.plan_id).await?;
    // A consultant assigned: the company is "guided" in the dashboard's funnel.
    if let Some(org) = a.organisation_id {
        crate::db::funnel_rollup::refresh(&txn, org).await?;
    }
    let days_text = |lang| voucher::format_days(budget, lang);
    for (email, who, lang) in company_mailboxes(&txn, &a).await? {
        let body = lang.fill(
            Key::MailGuidanceCompanyBody,
            &[
                ("name", &who),
                ("company", &a.company_name),
                ("consultant", &name),
                ("days", &days_text(lang)),
                ("link", &ctx.link(&format!("/assessment/o{}/plan", a.id))),
            ],
        );
        let subject = lang.fill(Key::MailGuidanceCompanySubject, &[("consultant", &name)]);
        outbox::enqueue(&txn, &email, &subject, &body).await?;
    }
    if let Some((email, who, lang)) = consultant_mailbox(&txn, profile.user_id).await? {
        let body = lang.fill(
            Key::MailGuidanceConsultantBody,
            &[
                ("name", &who),
                ("company", &a.company_name),
                ("days", &days_text(lang)),
                ("message", &g.message),
                ("link", &ctx.link(&format!("/assessment/o{}/plan", a.id))),
            ],
        );
        let subject = lang.fill(
            Key::MailGuidanceConsultantSubject,
            &[("company", &a.company_name)],
        );
        outbox::enqueue(&txn, &email, &subject, &body).await?;
    }
    txn.commit().await?;
    crate::audit::after(
        &ctx.db,
        staff,
        "plan.assign_consultant",
        crate::audit::Subject::new("plan_guidance", g.id),
        serde_json::json!({ "consultant_profile": profile.id, "half_days": budget }),
    )
    .await;
    Ok(())
}

/// Staff approve more days: the voucher's new budget (never below what is logged).
pub async fn set_budget(
    ctx: &ServerContext,
    staff: &CurrentUser,
    guidance_id: i64,
    days: &str,
) -> Result<(), AppError> {
    let budget = voucher::parse_days(days)
        .ok_or_else(|| AppError::field("days", Key::ErrVoucherDaysInvalid))?;
    let done = plan_guidance::Entity::update_many()
        .col_expr(
            plan_guidance::Column::BudgetHalfDays,
            Expr::value(budget as i32),
        )
        .col_expr(plan_guidance::Column::UpdatedAt, Expr::value(now()))
        .filter(plan_guidance::Column::Id.eq(guidance_id))
        .filter(plan_guidance::Column::State.eq(GuidanceState::Assigned.code()))
        .filter(plan_guidance::Column::UsedHalfDays.lte(budget as i32))
        .exec(&ctx.db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::field("days", Key::ErrVoucherBelowUsed));
    }
    crate::audit::after(
        &ctx.db,
        staff,
        "plan.voucher_budget",
        crate::audit::Subject::new("plan_guidance", guidance_id),
        serde_json::json!({ "half_days": budget }),
    )
    .await;
    Ok(())
}

/// Staff end a trajectory: the consultant loses access at once; the plan, its versions and
/// its notes stay the company's.
pub async fn end(
    ctx: &ServerContext,
    staff: &CurrentUser,
    guidance_id: i64,
) -> Result<(), AppError> {
    let done = close(
        &ctx.db,
        plan_guidance::Column::Id
            .eq(guidance_id)
            .and(plan_guidance::Column::OpenPlanId.is_not_null()),
    )
    .await?;
    if !done {
        return Err(AppError::invalid(Key::ErrGuidanceNotFound));
    }
    crate::audit::after(
        &ctx.db,
        staff,
        "plan.end_guidance",
        crate::audit::Subject::new("plan_guidance", guidance_id),
        serde_json::json!({}),
    )
    .await;
    Ok(())
}

/// Staff set a programme period's default voucher (a new period, or a new default for one).
pub async fn save_period(
    ctx: &ServerContext,
    staff: &CurrentUser,
    name: &str,
    starts_on: &str,
    ends_on: &str,
    days: &str,
) -> Result<(), AppError> {
    let name = crate::text::name(name, 1, 60)
        .ok_or_else(|| AppError::field("name", Key::ErrPeriodNameInvalid))?;
    let starts: jiff::civil::Date = starts_on
        .trim()
        .parse()
        .map_err(|_| AppError::field("starts_on", Key::ErrPlanDateInvalid))?;
    let ends: jiff::civil::Date = ends_on
        .trim()
        .parse()
        .map_err(|_| AppError::field("ends_on", Key::ErrPlanDateInvalid))?;
    if ends < starts || ends.year() > 2100 || starts.year() < 2000 {
        return Err(AppError::field("ends_on", Key::ErrPeriodDates));
    }
    let half_days = voucher::parse_days(days)
        .ok_or_else(|| AppError::field("days", Key::ErrVoucherDaysInvalid))?;
    voucher_period::Entity::insert(voucher_period::ActiveModel {
        name: Set(name.clone()),
        starts_on: Set(starts.to_string()),
        ends_on: Set(ends.to_string()),
        default_half_days: Set(half_days as i32),
        created_at: Set(now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(voucher_period::Column::Name)
            .update_columns([
                voucher_period::Column::StartsOn,
                voucher_period::Column::EndsOn,
                voucher_period::Column::DefaultHalfDays,
            ])
            .to_owned(),
    )
    .exec_without_returning(&ctx.db)
    .await?;
    crate::audit::after(
        &ctx.db,
        staff,
        "plan.voucher_period",
        crate::audit::Subject {
            kind: "voucher_period",
            id: None,
        },
        serde_json::json!({ "name": name, "half_days": half_days }),
    )
    .await;
    Ok(())
}
