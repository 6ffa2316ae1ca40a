//! Every plan at a glance, for staff (server only): how far each is and which stalled.

use super::model::{plan_state, GuidanceState, StepStatus, STALLED_DAYS};
use super::view::{PlanList, PlanRow};
use crate::context::ServerContext;
use crate::db::entities::{assessment, plan, plan_guidance, plan_step, plan_version};
use crate::db::now;
use crate::error::AppError;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

/// The plans one page lists, most recently changed first.
const PER_PAGE: u64 = 50;

/// One page of plans (1-based; past the end gives the last page) with their progress, all
/// plans or only the stalled ones: filtered and counted by the database, so a stalled plan is
/// found however many plans changed since. Step counts come from one query over the page's
/// plans' steps (at most 60 each).
pub async fn plans_overview(
    ctx: &ServerContext,
    only_stalled: bool,
    page: u32,
) -> Result<PlanList, AppError> {
    let stalled_before = now() - STALLED_DAYS * 24 * 3600;
    let mut query = plan::Entity::find();
    if only_stalled {
        query = query.filter(plan::Column::UpdatedAt.lt(stalled_before));
    }
    let total = query.clone().count(&ctx.db).await?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = u64::from(page).clamp(1, pages);
    let plans = query
        .order_by_desc(plan::Column::UpdatedAt)
        .order_by_desc(plan::Column::Id)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
        .all(&ctx.db)
        .await?;
    let ids: Vec<i64> = plans.iter().map(|p| p.id).collect();
    let assessment_ids: Vec<i64> = plans.iter().map(|p| p.assessment_id).collect();
    let companies: HashMap<i64, assessment::Model> = assessment::Entity::find()
        .filter(assessment::Column::Id.is_in(assessment_ids))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let guidance: HashMap<i64, GuidanceState> = plan_guidance::Entity::find()
        .filter(plan_guidance::Column::OpenPlanId.is_in(ids.clone()))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|g| Ok((g.plan_id, GuidanceState::stored(&g.state)?)))
        .collect::<Result<_, AppError>>()?;
    let agreed: HashSet<i64> = plan_version::Entity::find()
        .select_only()
        .column(plan_version::Column::PlanId)
        .filter(plan_version::Column::PlanId.is_in(ids.clone()))
        .into_tuple::<i64>()
        .all(&ctx.db)
        .await?
        .into_iter()
        .collect();
    let statuses: Vec<(i64, String)> = plan_step::Entity::find()
        .select_only()
        .column(plan_step::Column::PlanId)
        .column(plan_step::Column::Status)
        .filter(plan_step::Column::PlanId.is_in(ids))
        .into_tuple()
        .all(&ctx.db)
        .await?;
    let mut counts: HashMap<i64, (u32, u32, u32)> = HashMap::new();
    for (plan_id, status) in statuses {
        let c = counts.entry(plan_id).or_default();
        c.0 += 1;
        match StepStatus::stored(&status)? {
            StepStatus::Done => c.1 += 1,
            StepStatus::InProgress => c.2 += 1,
            StepStatus::Planned | StepStatus::Dropped => {}
        }
    }
    let mut rows = Vec::with_capacity(plans.len());
    for p in plans {
        let Some(a) = companies.get(&p.assessment_id) else {
            continue;
        };
        let (steps, done, in_progress) = counts.get(&p.id).copied().unwrap_or_default();
        rows.push(PlanRow {
            reference: format!("o{}", a.id),
            company_name: a.company_name.clone(),
            variant: crate::assessment::model::Variant::stored(&a.variant)?,
            drafted_at: p.created_at,
            changed_at: p.updated_at,
            steps,
            done,
            state: plan_state(
                guidance.get(&p.id).copied(),
                agreed.contains(&p.id),
                done + in_progress > 0,
            ),
            stalled: p.updated_at < stalled_before,
        });
    }
    Ok(PlanList {
        rows,
        total,
        page: page as u32,
        pages: pages as u32,
    })
}
