//! Who may read an assessment's plan and results: whoever may read the assessment, and the
//! consultant assigned to guide its plan while assigned (server only).

use super::model::GuidanceState;
use crate::accounts::model::{CurrentUser, Role};
use crate::assessment::service::resolve;
use crate::context::ServerContext;
use crate::db::entities::{assessment, plan, plan_guidance};
use crate::error::AppError;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The assessment behind a reference for its plan and results: as [`resolve`](crate::assessment::service::resolve), and also for
/// the consultant assigned to guide its plan, only while assigned (checked on every request,
/// so an unassigned consultant loses access at once). Consultants use the `o<id>` form.
pub async fn resolve_for_plan(
    ctx: &ServerContext,
    reference: &str,
    user: Option<&CurrentUser>,
) -> Result<assessment::Model, AppError> {
    let refused = match resolve(ctx, reference, user).await {
        Ok(a) => return Ok(a),
        Err(e) => e,
    };
    let consultant = user.filter(|u| u.role == Role::Consultant);
    let id = reference
        .strip_prefix('o')
        .and_then(|n| n.parse::<i64>().ok());
    let (Some(consultant), Some(id)) = (consultant, id) else {
        return Err(refused);
    };
    let Some(p) = plan::Entity::find()
        .filter(plan::Column::AssessmentId.eq(id))
        .one(&ctx.db)
        .await?
    else {
        return Err(refused);
    };
    let assigned = plan_guidance::Entity::find()
        .filter(plan_guidance::Column::OpenPlanId.eq(p.id))
        .filter(plan_guidance::Column::ConsultantUserId.eq(consultant.id))
        .filter(plan_guidance::Column::State.eq(GuidanceState::Assigned.code()))
        .one(&ctx.db)
        .await?
        .is_some();
    if !assigned {
        return Err(refused);
    }
    assessment::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or(refused)
}
