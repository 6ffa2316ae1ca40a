//! The GDPR rights a user exercises themselves: a copy of their data (JSON), and deleting their
//! account. What happens to the organisation's data is in `docs/privacy.md`. Server only.

use crate::accounts::model::CurrentUser;
use crate::context::ServerContext;
use crate::db::entities::{
    assessment, assessment_answer, assessment_priority, assessment_score, contact_request, event,
    event_registration, organisation, plan, plan_change, plan_guidance, plan_note, plan_step,
    plan_version, plan_work_log, provider_profile, staff_note, user_account,
};
use crate::error::AppError;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use serde_json::{json, Value};

/// What the deletion leaves where a name was (also in exports and staff views).
pub const DELETED_ORGANISATION: &str = "Verwijderde organisatie";

fn day(unix: i64) -> String {
    crate::time::day_string(unix)
}

/// Everything the platform holds about the user and, as a member, about their organisation's
/// assessments: account, organisation, assessments with answers, scores and plan, event
/// sign-ups, contact requests sent, and the profile they edit.
pub async fn export(db: &impl ConnectionTrait, user: &CurrentUser) -> Result<Value, AppError> {
    let account = user_account::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let org = match account.organisation_id {
        Some(id) => organisation::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let mut by_owner = Condition::any().add(assessment::Column::CreatedBy.eq(user.id));
    if let Some(id) = account.organisation_id {
        by_owner = by_owner.add(assessment::Column::OrganisationId.eq(id));
    }
    let mut assessments = Vec::new();
    for a in assessment::Entity::find()
        .filter(by_owner)
        .order_by_asc(assessment::Column::Id)
        .all(db)
        .await?
    {
        let answers = assessment_answer::Entity::find()
            .filter(assessment_answer::Column::AssessmentId.eq(a.id))
            .all(db)
            .await?;
        let scores = assessment_score::Entity::find()
            .filter(assessment_score::Column::AssessmentId.eq(a.id))
            .all(db)
            .await?;
        let priorities = assessment_priority::Entity::find()
            .filter(assessment_priority::Column::AssessmentId.eq(a.id))
            .all(db)
            .await?;
        let plan = match plan::Entity::find()
            .filter(plan::Column::AssessmentId.eq(a.id))
            .one(db)
            .await?
        {
            Some(p) => Some(plan_export(db, &p).await?),
            None => None,
        };
        assessments.push(json!({
            "id": a.id,
            "variant": a.variant,
            "company_name": a.company_name,
            "sector": a.sector,
            "size_class": a.size_class,
            "province": a.province,
            "respondent_role": a.respondent_role,
            "employees": a.employees,
            "sbi_code": a.sbi_code,
            "enterprise_id": a.enterprise_id,
            "status": a.status,
            "started": day(a.created_at),
            "finalised": a.finalised_at.map(day),
            "answers": answers.iter().map(|x| json!({
                "item": x.item_key,
                "current_level": x.current_level,
                "ambition_level": x.ambition_level,
                "not_applicable": x.not_applicable,
                "answer": x.answer_value.as_deref()
                    .and_then(crate::assessment::question_kind::AnswerValue::from_json),
                "comment": x.comment,
            })).collect::<Vec<_>>(),
            "scores": scores.iter().map(|s| json!({
                "transition": s.transition_key,
                "current": s.current_score,
                "ambition": s.ambition_score,
            })).collect::<Vec<_>>(),
            "priorities": priorities.iter().map(|p| json!({
                "transition": p.transition_key,
                "priority": p.priority,
            })).collect::<Vec<_>>(),
            "plan": plan,
        }));
    }
    let registrations = event_registration::Entity::find()
        .filter(
            Condition::any()
                .add(event_registration::Column::UserId.eq(user.id))
                .add(event_registration::Column::Email.eq(account.email.clone())),
        )
        .all(db)
        .await?;
    let mut sign_ups = Vec::new();
    for r in registrations {
        let title = event::Entity::find_by_id(r.event_id)
            .one(db)
            .await?
            .map(|e| e.title_nl)
            .unwrap_or_default();
        sign_ups.push(json!({
            "event": title,
            "name": r.name,
            "email": r.email,
            "organisation": r.organisation_name,
            "status": r.status,
            "registered": day(r.created_at),
            "checked_in": r.checked_in_at.is_some(),
        }));
    }
    let requests: Vec<Value> = contact_request::Entity::find()
        .filter(contact_request::Column::SenderUserId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            json!({
                "sent": day(c.created_at),
                "message": c.message,
                "share_results": c.share_results,
                "status": c.status,
                "reply": c.reply,
            })
        })
        .collect();
    let mut profile_owner = Condition::any().add(provider_profile::Column::UserId.eq(user.id));
    if let (Some(id), Some("provider")) = (
        account.organisation_id,
        org.as_ref().map(|o| o.kind.as_str()),
    ) {
        profile_owner = profile_owner.add(provider_profile::Column::OrganisationId.eq(id));
    }
    let profiles: Vec<Value> = provider_profile::Entity::find()
        .filter(profile_owner)
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            json!({
                "kind": p.kind,
                "draft": serde_json::from_str::<Value>(&p.draft).unwrap_or(Value::Null),
                "published": p.published.as_deref().and_then(|j| serde_json::from_str::<Value>(j).ok()),
            })
        })
        .collect();
    Ok(json!({
        "exported": day(crate::db::now()),
        "account": {
            "email": account.email,
            "name": account.display_name,
            "role": account.role,
            "language": account.locale,
            "email_confirmed": account.email_verified_at.is_some(),
            "created": day(account.created_at),
        },
        "organisation": org.map(|o| json!({ "name": o.name, "kind": o.kind })),
        "assessments": assessments,
        "event_sign_ups": sign_ups,
        "contact_requests": requests,
        "profiles": profiles,
    }))
}

/// A plan's steps and history, as the export shows them.
async fn plan_export(db: &impl ConnectionTrait, p: &plan::Model) -> Result<Value, AppError> {
    let steps = plan_step::Entity::find()
        .filter(plan_step::Column::PlanId.eq(p.id))
        .order_by_asc(plan_step::Column::Position)
        .all(db)
        .await?;
    let changes = plan_change::Entity::find()
        .filter(plan_change::Column::PlanId.eq(p.id))
        .order_by_asc(plan_change::Column::Id)
        .all(db)
        .await?;
    let notes = plan_note::Entity::find()
        .filter(plan_note::Column::PlanId.eq(p.id))
        .order_by_asc(plan_note::Column::Id)
        .all(db)
        .await?;
    let versions = plan_version::Entity::find()
        .filter(plan_version::Column::PlanId.eq(p.id))
        .order_by_asc(plan_version::Column::Number)
        .all(db)
        .await?;
    let guidance = plan_guidance::Entity::find()
        .filter(plan_guidance::Column::PlanId.eq(p.id))
        .order_by_asc(plan_guidance::Column::Id)
        .all(db)
        .await?;
    let mut trajectories = Vec::with_capacity(guidance.len());
    for g in &guidance {
        let work = plan_work_log::Entity::find()
            .filter(plan_work_log::Column::GuidanceId.eq(g.id))
            .order_by_asc(plan_work_log::Column::Id)
            .all(db)
            .await?;
        trajectories.push(json!({
            "requested": day(g.requested_at),
            "requested_by": g.requested_by_name,
            "message": g.message,
            "state": g.state,
            "consultant": g.consultant_name,
            "voucher_half_days": g.budget_half_days,
            "used_half_days": g.used_half_days,
            "days_logged": work.iter().map(|w| json!({
                "day": w.day,
                "half_days": w.half_days,
                "who": w.who,
                "note": w.note,
            })).collect::<Vec<_>>(),
        }));
    }
    Ok(json!({
        "guidance": trajectories,
        "notes": notes.iter().map(|n| json!({
            "day": day(n.created_at),
            "who": n.who,
            "side": n.side,
            "text": n.body,
        })).collect::<Vec<_>>(),
        "agreed_versions": versions.iter().map(|v| json!({
            "number": v.number,
            "agreed": day(v.agreed_at),
            "company_signed_by": v.company_signed_by,
            "consultant_signed_by": v.consultant_signed_by,
            "steps": serde_json::from_str::<Value>(&v.steps).unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
        "drafted": day(p.created_at),
        "follow_up_mails": !p.followups_off,
        "repeat_on": p.reassess_on,
        "steps": steps.iter().map(|s| json!({
            "transition": s.transition_key,
            "item": s.item_key,
            "title": s.title.clone().or_else(|| s.goal_nl.clone()),
            "horizon": s.horizon,
            "status": s.status,
            "owner": s.owner,
            "target_date": s.target_date,
            "budget": s.budget,
            "dropped_reason": s.dropped_reason,
        })).collect::<Vec<_>>(),
        "history": changes.iter().map(|c| json!({
            "day": day(c.at),
            "who": c.who,
            "what": c.kind,
            "step": c.step_title,
            "fields": c.fields,
        })).collect::<Vec<_>>(),
    }))
}

/// Deletes the account after checking the password. Upcoming sign-ups are cancelled first (so
/// the waiting list moves up); past sign-ups keep their attendance for the programme's figures
/// but lose the person's name and address. When the user was the organisation's last member,
/// the organisation's name and the free text in its assessments are removed too; scores stay,
/// without a name, for the programme's statistics.
pub async fn delete_account(
    ctx: &ServerContext,
    user: &CurrentUser,
    password: &str,
) -> Result<(), AppError> {
    let account = user_account::Entity::find_by_id(user.id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    crate::accounts::service::confirm_current_password(ctx, &account, password, "password").await?;
    let now = crate::db::now();
    // Upcoming sign-ups: cancelled the normal way, which frees the seat and promotes.
    let upcoming = event_registration::Entity::find()
        .filter(event_registration::Column::UserId.eq(user.id))
        .filter(event_registration::Column::Status.is_in(["confirmed", "waiting", "unconfirmed"]))
        .all(&ctx.db)
        .await?;
    for r in upcoming {
        let starts = event::Entity::find_by_id(r.event_id)
            .one(&ctx.db)
            .await?
            .map(|e| e.starts_at)
            .unwrap_or(0);
        if starts > now {
            crate::events::service::cancel_own(ctx, user, r.id).await?;
        }
    }

    let txn = ctx.db.begin().await?;
    event_registration::Entity::update_many()
        .col_expr(event_registration::Column::Name, Expr::value("—"))
        .col_expr(
            event_registration::Column::Email,
            Expr::value(format!("verwijderd-{}@deleted.invalid", user.id)),
        )
        .filter(
            Condition::any()
                .add(event_registration::Column::UserId.eq(user.id))
                .add(event_registration::Column::Email.eq(account.email.clone())),
        )
        .exec(&txn)
        .await?;
    assessment_answer::Entity::update_many()
        .col_expr(
            assessment_answer::Column::AnsweredBy,
            Expr::value(Option::<i64>::None),
        )
        .filter(assessment_answer::Column::AnsweredBy.eq(user.id))
        .exec(&txn)
        .await?;
    // A plan's history keeps that a change was made, no longer by whom.
    plan_change::Entity::update_many()
        .col_expr(
            plan_change::Column::UserId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(plan_change::Column::Who, Expr::value("—"))
        .filter(plan_change::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    // Notes and logged days stay with the plan, no longer with a name; a consultant who
    // leaves loses access to the plans they guided.
    plan_note::Entity::update_many()
        .col_expr(plan_note::Column::UserId, Expr::value(Option::<i64>::None))
        .col_expr(plan_note::Column::Who, Expr::value("—"))
        .filter(plan_note::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    plan_work_log::Entity::update_many()
        .col_expr(
            plan_work_log::Column::UserId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(plan_work_log::Column::Who, Expr::value("—"))
        .filter(plan_work_log::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    plan_guidance::Entity::update_many()
        .col_expr(
            plan_guidance::Column::RequestedBy,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(plan_guidance::Column::RequestedByName, Expr::value("—"))
        .filter(plan_guidance::Column::RequestedBy.eq(user.id))
        .exec(&txn)
        .await?;
    plan_guidance::Entity::update_many()
        .col_expr(
            plan_guidance::Column::ConsultantUserId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(plan_guidance::Column::ConsultantName, Expr::value("—"))
        .filter(plan_guidance::Column::ConsultantUserId.eq(user.id))
        .exec(&txn)
        .await?;
    if let Some(org_id) = account.organisation_id {
        let others = user_account::Entity::find()
            .filter(user_account::Column::OrganisationId.eq(org_id))
            .filter(user_account::Column::Id.ne(user.id))
            .all(&txn)
            .await?;
        if others.is_empty() {
            organisation::Entity::update_many()
                .col_expr(
                    organisation::Column::Name,
                    Expr::value(DELETED_ORGANISATION),
                )
                .filter(organisation::Column::Id.eq(org_id))
                .exec(&txn)
                .await?;
            let ids: Vec<i64> = assessment::Entity::find()
                .filter(assessment::Column::OrganisationId.eq(org_id))
                .all(&txn)
                .await?
                .into_iter()
                .map(|a| a.id)
                .collect();
            assessment::Entity::update_many()
                .col_expr(
                    assessment::Column::CompanyName,
                    Expr::value(DELETED_ORGANISATION),
                )
                .col_expr(assessment::Column::RespondentRole, Expr::value(""))
                .filter(assessment::Column::OrganisationId.eq(org_id))
                .exec(&txn)
                .await?;
            // No resume link may still open what is left: each gets a secret nobody has (one
            // per row, the column is unique).
            for id in &ids {
                let unknown =
                    crate::accounts::token::hash_secret(&crate::accounts::token::random_secret());
                assessment::Entity::update_many()
                    .col_expr(assessment::Column::ResumeTokenHash, Expr::value(unknown))
                    .filter(assessment::Column::Id.eq(*id))
                    .exec(&txn)
                    .await?;
            }
            // A plan is the company's own words (titles, names, reasons): it goes with the
            // organisation, steps and history first (whatever the database's cascade does).
            let plans: Vec<i64> = plan::Entity::find()
                .filter(plan::Column::AssessmentId.is_in(ids.clone()))
                .all(&txn)
                .await?
                .into_iter()
                .map(|p| p.id)
                .collect();
            plan_step::Entity::delete_many()
                .filter(plan_step::Column::PlanId.is_in(plans.clone()))
                .exec(&txn)
                .await?;
            plan_change::Entity::delete_many()
                .filter(plan_change::Column::PlanId.is_in(plans.clone()))
                .exec(&txn)
                .await?;
            let trajectories: Vec<i64> = plan_guidance::Entity::find()
                .filter(plan_guidance::Column::PlanId.is_in(plans.clone()))
                .all(&txn)
                .await?
                .into_iter()
                .map(|g| g.id)
                .collect();
            plan_work_log::Entity::delete_many()
                .filter(plan_work_log::Column::GuidanceId.is_in(trajectories))
                .exec(&txn)
                .await?;
            plan_guidance::Entity::delete_many()
                .filter(plan_guidance::Column::PlanId.is_in(plans.clone()))
                .exec(&txn)
                .await?;
            plan_note::Entity::delete_many()
                .filter(plan_note::Column::PlanId.is_in(plans.clone()))
                .exec(&txn)
                .await?;
            plan_version::Entity::delete_many()
                .filter(plan_version::Column::PlanId.is_in(plans.clone()))
                .exec(&txn)
                .await?;
            plan::Entity::delete_many()
                .filter(plan::Column::Id.is_in(plans))
                .exec(&txn)
                .await?;
            assessment_answer::Entity::update_many()
                .col_expr(assessment_answer::Column::Comment, Expr::value(""))
                .filter(assessment_answer::Column::AssessmentId.is_in(ids))
                .exec(&txn)
                .await?;
            event_registration::Entity::update_many()
                .col_expr(
                    event_registration::Column::OrganisationName,
                    Expr::value(DELETED_ORGANISATION),
                )
                .filter(event_registration::Column::OrganisationId.eq(org_id))
                .exec(&txn)
                .await?;
            staff_note::Entity::delete_many()
                .filter(staff_note::Column::OrganisationId.eq(org_id))
                .exec(&txn)
                .await?;
            provider_profile::Entity::delete_many()
                .filter(provider_profile::Column::OrganisationId.eq(org_id))
                .exec(&txn)
                .await?;
        }
    }
    // Sessions, invitations, the user's own profile and contact requests go with the account
    // (foreign keys with ON DELETE CASCADE); assessments keep their organisation, not the user.
    user_account::Entity::delete_by_id(user.id)
        .exec(&txn)
        .await?;
    // Its plans and contact requests may have gone: the dashboard's funnel follows.
    if let Some(org_id) = account.organisation_id {
        crate::db::funnel_rollup::refresh(&txn, org_id).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// GET /account/export.json: the logged-in user's data as a download.
pub async fn download(
    axum::extract::Extension(ctx): axum::extract::Extension<ServerContext>,
    axum::extract::Extension(auth): axum::extract::Extension<crate::web::request::RequestAuth>,
) -> axum::response::Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    let Some(user) = auth.user else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    match export(&ctx.db, &user).await {
        Ok(data) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"mijn-gegevens-smart-industry-hub.json\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            serde_json::to_string_pretty(&data).unwrap_or_default(),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "data export failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
