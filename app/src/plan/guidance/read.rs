//! What the pages show of guidance: on the plan, in the consultant's list, in the staff's
//! pipeline with voucher totals.

use super::*;

/// What the plan page shows of the guidance: the open request, the notes, the versions.
pub struct PlanGuidance {
    pub guidance: Option<GuidanceView>,
    pub notes: Vec<NoteView>,
    pub versions: Vec<VersionLine>,
    pub changed_since_agreed: bool,
}

pub async fn for_plan(ctx: &ServerContext, p: &plan::Model) -> Result<PlanGuidance, AppError> {
    let open = open_of(&ctx.db, p.id).await?;
    let last = last_content_change(&ctx.db, p.id).await?;
    let guidance = match open {
        Some(g) => Some(view_of(ctx, g, last).await?),
        None => None,
    };
    let notes = plan_note::Entity::find()
        .filter(plan_note::Column::PlanId.eq(p.id))
        .order_by_desc(plan_note::Column::Id)
        .limit(SHOWN)
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|n| {
            Ok(NoteView {
                at: n.created_at,
                who: n.who,
                side: Side::stored(&n.side)?,
                body: n.body,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let versions = plan_version::Entity::find()
        .filter(plan_version::Column::PlanId.eq(p.id))
        .order_by_desc(plan_version::Column::Number)
        .all(&ctx.db)
        .await?;
    let changed_since_agreed = versions.first().is_some_and(|v| v.change_id < last);
    Ok(PlanGuidance {
        guidance,
        notes,
        versions: versions
            .into_iter()
            .map(|v| VersionLine {
                number: u32::try_from(v.number).unwrap_or_default(),
                agreed_at: v.agreed_at,
            })
            .collect(),
        changed_since_agreed,
    })
}

async fn view_of(
    ctx: &ServerContext,
    g: plan_guidance::Model,
    last_change: i64,
) -> Result<GuidanceView, AppError> {
    let slug = match g.consultant_profile_id {
        Some(id) => provider_profile::Entity::find_by_id(id)
            .filter(provider_profile::Column::Published.is_not_null())
            .one(&ctx.db)
            .await?
            .map(|p| p.slug),
        None => None,
    };
    let preferred = match g.preferred_profile_id {
        Some(id) => consultant_profile(&ctx.db, id).await?.map(|(_, name)| name),
        None => None,
    };
    let work = plan_work_log::Entity::find()
        .filter(plan_work_log::Column::GuidanceId.eq(g.id))
        .order_by_desc(plan_work_log::Column::Day)
        .order_by_desc(plan_work_log::Column::Id)
        .limit(SHOWN)
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|w| WorkView {
            day: w.day,
            half_days: u32::try_from(w.half_days).unwrap_or_default(),
            who: w.who,
            note: w.note,
        })
        .collect();
    let current =
        |change: Option<i64>, by: Option<String>| by.filter(|_| change == Some(last_change));
    Ok(GuidanceView {
        state: GuidanceState::stored(&g.state)?,
        requested_at: g.requested_at,
        requested_by: g.requested_by_name,
        message: g.message,
        preferred,
        consultant: g.consultant_name,
        consultant_slug: slug,
        period: g.period.unwrap_or_default(),
        budget_half_days: u32::try_from(g.budget_half_days).unwrap_or_default(),
        used_half_days: u32::try_from(g.used_half_days).unwrap_or_default(),
        company_signed_by: current(g.company_signed_change, g.company_signed_by),
        consultant_signed_by: current(g.consultant_signed_change, g.consultant_signed_by),
        work,
    })
}

/// The plans a consultant guides now.
pub async fn guided_by(
    ctx: &ServerContext,
    user: &CurrentUser,
) -> Result<Vec<GuidedRow>, AppError> {
    let open = plan_guidance::Entity::find()
        .filter(plan_guidance::Column::ConsultantUserId.eq(user.id))
        .filter(plan_guidance::Column::State.eq(GuidanceState::Assigned.code()))
        .order_by_desc(plan_guidance::Column::AssignedAt)
        .all(&ctx.db)
        .await?;
    let mut rows = Vec::with_capacity(open.len());
    for g in open {
        let (p, a) = plan_and_assessment(&ctx.db, g.plan_id).await?;
        let versions = plan_version::Entity::find()
            .filter(plan_version::Column::PlanId.eq(p.id))
            .count(&ctx.db)
            .await?;
        rows.push(GuidedRow {
            reference: format!("o{}", a.id),
            company_name: a.company_name,
            assigned_at: g.assigned_at.unwrap_or(g.requested_at),
            budget_half_days: u32::try_from(g.budget_half_days).unwrap_or_default(),
            used_half_days: u32::try_from(g.used_half_days).unwrap_or_default(),
            versions: versions as u32,
        });
    }
    Ok(rows)
}

/// The staff's pipeline: open requests first (waiting ones on top), then the ended ones, with
/// voucher days summed per consultant and per period.
pub async fn pipeline(ctx: &ServerContext) -> Result<GuidancePipeline, AppError> {
    let guidance = plan_guidance::Entity::find()
        .order_by_asc(plan_guidance::Column::EndedAt.is_not_null())
        .order_by_desc(plan_guidance::Column::State.eq(GuidanceState::Requested.code()))
        .order_by_desc(plan_guidance::Column::RequestedAt)
        .limit(PIPELINE)
        .all(&ctx.db)
        .await?;
    let mut preferred_names: HashMap<i64, Option<String>> = HashMap::new();
    let mut rows = Vec::with_capacity(guidance.len());
    let mut per_consultant: HashMap<String, VoucherTotal> = HashMap::new();
    let mut per_period: HashMap<String, VoucherTotal> = HashMap::new();
    for g in guidance {
        let (p, a) = plan_and_assessment(&ctx.db, g.plan_id).await?;
        let versions = plan_version::Entity::find()
            .filter(plan_version::Column::PlanId.eq(p.id))
            .count(&ctx.db)
            .await? as u32;
        let preferred = match g.preferred_profile_id {
            Some(id) => match preferred_names.get(&id) {
                Some(name) => name.clone(),
                None => {
                    let name = consultant_profile(&ctx.db, id).await?.map(|(_, n)| n);
                    preferred_names.insert(id, name.clone());
                    name
                }
            },
            None => None,
        };
        let budget = u32::try_from(g.budget_half_days).unwrap_or_default();
        let used = u32::try_from(g.used_half_days).unwrap_or_default();
        if let Some(name) = &g.consultant_name {
            add_to(&mut per_consultant, name, budget, used);
            add_to(
                &mut per_period,
                g.period.as_deref().unwrap_or("—"),
                budget,
                used,
            );
        }
        rows.push(GuidanceRow {
            id: g.id,
            reference: format!("o{}", a.id),
            company_name: a.company_name,
            state: GuidanceState::stored(&g.state)?,
            requested_at: g.requested_at,
            requested_by: g.requested_by_name,
            message: g.message,
            preferred,
            consultant: g.consultant_name,
            period: g.period.unwrap_or_default(),
            budget_half_days: budget,
            used_half_days: used,
            versions,
        });
    }
    let mut consultants = Vec::new();
    for (id, kind, _, content) in crate::providers::service::published(&ctx.db).await? {
        if kind == ProfileKind::Consultant && consultant_profile(&ctx.db, id).await?.is_some() {
            consultants.push((id, content.name));
        }
    }
    consultants.sort_by_key(|c| c.1.to_lowercase());
    let periods = voucher_period::Entity::find()
        .order_by_desc(voucher_period::Column::StartsOn)
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|p| PeriodView {
            name: p.name,
            starts_on: p.starts_on,
            ends_on: p.ends_on,
            default_half_days: u32::try_from(p.default_half_days).unwrap_or_default(),
        })
        .collect();
    let sorted = |m: HashMap<String, VoucherTotal>| {
        let mut v: Vec<VoucherTotal> = m.into_values().collect();
        v.sort_by(|x, y| x.name.cmp(&y.name));
        v
    };
    Ok(GuidancePipeline {
        rows,
        consultants,
        periods,
        default_half_days: period_today(&ctx.db).await?.1,
        per_consultant: sorted(per_consultant),
        per_period: sorted(per_period),
    })
}

fn add_to(totals: &mut HashMap<String, VoucherTotal>, name: &str, budget: u32, used: u32) {
    let t = totals
        .entry(name.to_string())
        .or_insert_with(|| VoucherTotal {
            name: name.to_string(),
            trajectories: 0,
            budget_half_days: 0,
            used_half_days: 0,
        });
    t.trajectories += 1;
    t.budget_half_days += budget;
    t.used_half_days += used;
}
