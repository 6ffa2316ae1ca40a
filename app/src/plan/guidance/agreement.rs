//! Both sides sign off the plan as it stands; the second sign-off freezes it as a version.

use super::*;

/// One side signs off the plan as it stands. When the other side signed the same state, the
/// plan is frozen as the next version and both sides are told. A change after a sign-off
/// makes it count no more: both sign the plan they read.
pub async fn sign_off(
    ctx: &ServerContext,
    a: &assessment::Model,
    p: &plan::Model,
    side: Side,
    user: &CurrentUser,
) -> Result<Option<u32>, AppError> {
    let g = open_of(&ctx.db, p.id)
        .await?
        .filter(|g| g.state == GuidanceState::Assigned.code())
        .ok_or_else(|| AppError::invalid(Key::ErrSignNeedsConsultant))?;
    match side {
        Side::Consultant if g.consultant_user_id != Some(user.id) => {
            return Err(AppError::invalid(Key::ErrGuidanceNotYours))
        }
        Side::Company if !is_company_member(Some(user), a) => {
            return Err(AppError::invalid(Key::ErrGuidanceNeedsAccount))
        }
        _ => {}
    }
    let txn = ctx.db.begin().await?;
    let last = last_content_change(&txn, p.id).await?;
    let agreed_already = plan_version::Entity::find()
        .filter(plan_version::Column::PlanId.eq(p.id))
        .filter(plan_version::Column::ChangeId.eq(last))
        .one(&txn)
        .await?;
    if agreed_already.is_some() {
        return Err(AppError::invalid(Key::ErrPlanAlreadyAgreed));
    }
    let (change_col, by_col) = match side {
        Side::Company => (
            plan_guidance::Column::CompanySignedChange,
            plan_guidance::Column::CompanySignedBy,
        ),
        Side::Consultant => (
            plan_guidance::Column::ConsultantSignedChange,
            plan_guidance::Column::ConsultantSignedBy,
        ),
    };
    let signed = plan_guidance::Entity::update_many()
        .col_expr(change_col, Expr::value(last))
        .col_expr(by_col, Expr::value(user.name.clone()))
        .col_expr(plan_guidance::Column::UpdatedAt, Expr::value(now()))
        .filter(plan_guidance::Column::Id.eq(g.id))
        .filter(plan_guidance::Column::State.eq(GuidanceState::Assigned.code()))
        .exec(&txn)
        .await?;
    if signed.rows_affected == 0 {
        return Err(AppError::invalid(Key::ErrSignNeedsConsultant));
    }
    record(&txn, p.id, &actor(Some(user)), ChangeKind::Signed, "", &[]).await?;
    let g = plan_guidance::Entity::find_by_id(g.id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    if g.company_signed_change != Some(last) || g.consultant_signed_change != Some(last) {
        txn.commit().await?;
        return Ok(None);
    }
    let number = plan_version::Entity::find()
        .filter(plan_version::Column::PlanId.eq(p.id))
        .count(&txn)
        .await?
        + 1;
    let steps = frozen_steps(&txn, a, p).await?;
    let steps = serde_json::to_string(&steps).map_err(|_| AppError::Internal)?;
    let at = now();
    let inserted = plan_version::Entity::insert(plan_version::ActiveModel {
        plan_id: Set(p.id),
        number: Set(number as i32),
        change_id: Set(last),
        agreed_at: Set(at),
        company_signed_by: Set(g.company_signed_by.clone().unwrap_or_default()),
        consultant_signed_by: Set(g.consultant_signed_by.clone().unwrap_or_default()),
        steps: Set(steps),
        ..Default::default()
    })
    .on_conflict(OnConflict::new().do_nothing().to_owned())
    .exec_without_returning(&txn)
    .await?;
    if inserted == 0 {
        // The other side's sign-off froze this state a moment ago.
        txn.commit().await?;
        return Ok(None);
    }
    record(&txn, p.id, &actor(Some(user)), ChangeKind::Agreed, "", &[]).await?;
    let number = number as u32;
    let link = ctx.link(&format!("/assessment/o{}/plan/v/{number}", a.id));
    let mut mailboxes = company_mailboxes(&txn, a).await?;
    mailboxes.extend(consultant_mailbox(&txn, g.consultant_user_id).await?);
    for (email, who, lang) in mailboxes {
        let date = crate::time::to_local(at).date_nl();
        let values = [
            ("name", who.as_str()),
            ("company", a.company_name.as_str()),
            ("number", &number.to_string()),
            ("date", &date),
            ("link", &link),
        ];
        let subject = lang.fill(Key::MailPlanAgreedSubject, &values);
        let body = lang.fill(Key::MailPlanAgreedBody, &values);
        outbox::enqueue(&txn, &email, &subject, &body).await?;
    }
    txn.commit().await?;
    Ok(Some(number))
}

/// The plan's steps as they stand, in both languages, for a version to keep.
async fn frozen_steps(
    db: &impl ConnectionTrait,
    a: &assessment::Model,
    p: &plan::Model,
) -> Result<Vec<VersionStep>, AppError> {
    let q = crate::assessment::service::questionnaire(db, a.questionnaire_version_id).await?;
    steps_of(db, p.id)
        .await?
        .into_iter()
        .map(|s| {
            let title = match (&s.title, &s.goal_nl, &s.goal_en) {
                (Some(t), _, _) => Text {
                    nl: t.clone(),
                    en: t.clone(),
                },
                (None, Some(nl), Some(en)) => Text {
                    nl: nl.clone(),
                    en: en.clone(),
                },
                _ => {
                    let t = title_of(&s);
                    Text {
                        nl: t.clone(),
                        en: t,
                    }
                }
            };
            Ok(VersionStep {
                title,
                theme: q
                    .transition(&s.transition_key)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                horizon: crate::plan::model::Horizon::stored(&s.horizon)?,
                status: crate::plan::model::StepStatus::stored(&s.status)?,
                owner: s.owner.clone(),
                target_date: s.target_date.clone().unwrap_or_default(),
                budget: s
                    .budget
                    .as_deref()
                    .map(crate::plan::model::Budget::stored)
                    .transpose()?,
            })
        })
        .collect()
}

/// An agreed version, as it was signed.
pub async fn version(
    ctx: &ServerContext,
    a: &assessment::Model,
    p: &plan::Model,
    reference: &str,
    number: u32,
) -> Result<VersionView, AppError> {
    let v = plan_version::Entity::find()
        .filter(plan_version::Column::PlanId.eq(p.id))
        .filter(plan_version::Column::Number.eq(number as i32))
        .one(&ctx.db)
        .await?
        .ok_or_else(|| AppError::invalid(Key::ErrPlanVersionNotFound))?;
    let steps: Vec<VersionStep> = serde_json::from_str(&v.steps).map_err(|e| {
        tracing::error!(error = %e, version = v.id, "stored plan version does not read");
        AppError::Internal
    })?;
    Ok(VersionView {
        reference: reference.to_string(),
        company_name: a.company_name.clone(),
        number,
        agreed_at: v.agreed_at,
        company_signed_by: v.company_signed_by,
        consultant_signed_by: v.consultant_signed_by,
        steps,
    })
}
