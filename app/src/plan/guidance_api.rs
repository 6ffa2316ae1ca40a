//! Server functions of guidance on a plan. Each checks the asker's role first (a visitor gets
//! 401, a wrong role 403), then resolves the assessment again: its company's members, or the
//! consultant assigned to its plan while assigned (`resolve_for_plan`), and nobody else.

use super::view::{GuidancePipeline, GuidedRow, VersionView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::accounts::model::{CurrentUser, Role};

    pub use crate::context::ServerContext;
    pub use crate::db::entities::{assessment, plan};
    pub use crate::error::AppError;
    pub use crate::i18n::Key;
    pub use crate::plan::guidance;
    pub use crate::plan::model::Side;
    pub use crate::plan::service;
    pub use crate::web::request::{self, finish_form, with_status};

    /// The assessment and its plan, for someone on one of its sides.
    pub async fn plan_for(
        ctx: &ServerContext,
        reference: &str,
        user: &CurrentUser,
    ) -> Result<(assessment::Model, plan::Model), AppError> {
        let a = crate::plan::access::resolve_for_plan(ctx, reference, Some(user)).await?;
        let p = service::ensure(ctx, &a, Some(user)).await?;
        Ok((a, p))
    }

    /// A company member or a consultant (the two sides of a plan); anyone else is refused.
    pub fn require_side_role() -> Result<CurrentUser, AppError> {
        let user = request::require_user()?;
        match user.role {
            Role::CompanyMember | Role::Consultant => Ok(user),
            _ => Err(with_status(AppError::Forbidden)),
        }
    }

    /// The side the asker is on for this plan; a consultant must be the one assigned.
    pub async fn side(
        ctx: &ServerContext,
        p: &plan::Model,
        user: &CurrentUser,
    ) -> Result<Side, AppError> {
        let open = guidance::open_of(&ctx.db, p.id).await?;
        match (user.role, guidance::side_of(Some(user), open.as_ref())) {
            (Role::Consultant, Some(Side::Consultant)) => Ok(Side::Consultant),
            (Role::CompanyMember, Some(Side::Company)) => Ok(Side::Company),
            _ => Err(AppError::invalid(Key::ErrGuidanceNotYours)),
        }
    }

    /// Back to the plan's guidance section.
    pub fn back(reference: &str, query: &str) -> String {
        format!("/assessment/{reference}/plan?{query}#guidance")
    }
}
#[cfg(feature = "ssr")]
use ssr::*;

/// The company asks for a consultant. `consultant` is a profile id from its matches, or empty.
#[server(endpoint = "plan/request_guidance")]
pub async fn request_guidance(
    reference: String,
    consultant: String,
    message: String,
) -> Result<(), AppError> {
    let result = async {
        let user = request::require_role(Role::CompanyMember)?;
        let ctx = ServerContext::get()?;
        let (a, p) = plan_for(&ctx, &reference, &user).await?;
        let preferred = match consultant.trim() {
            "" => None,
            id => Some(
                id.parse::<i64>()
                    .map_err(|_| AppError::field("consultant", Key::ErrChoiceInvalid))?,
            ),
        };
        guidance::request(&ctx, &a, &p, &user, preferred, &message).await?;
        leptos_axum::redirect(&back(&reference, "requested=1"));
        Ok(())
    }
    .await;
    finish_form(
        result,
        &[("consultant", &consultant), ("message", &message)],
    )
}

/// The company withdraws its request while no consultant is assigned.
#[server(endpoint = "plan/withdraw_guidance")]
pub async fn withdraw_guidance(reference: String) -> Result<(), AppError> {
    let result = async {
        let user = request::require_role(Role::CompanyMember)?;
        let ctx = ServerContext::get()?;
        let (a, p) = plan_for(&ctx, &reference, &user).await?;
        if !guidance::is_company_member(Some(&user), &a) {
            return Err(AppError::invalid(Key::ErrGuidanceNeedsAccount));
        }
        guidance::withdraw(&ctx, &p).await?;
        leptos_axum::redirect(&back(&reference, "withdrawn=1"));
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

/// The assigned consultant logs days against the voucher.
#[server(endpoint = "plan/log_days")]
pub async fn log_days(
    reference: String,
    day: String,
    days: String,
    note: String,
) -> Result<(), AppError> {
    let result = async {
        let user = request::require_role(Role::Consultant)?;
        let ctx = ServerContext::get()?;
        let (_, p) = plan_for(&ctx, &reference, &user).await?;
        guidance::log_days(&ctx, &p, &user, &day, &days, &note).await?;
        leptos_axum::redirect(&back(&reference, "logged=1"));
        Ok(())
    }
    .await;
    finish_form(result, &[("day", &day), ("days", &days), ("note", &note)])
}

/// A note on the plan, from the company or its consultant.
#[server(endpoint = "plan/add_note")]
pub async fn add_plan_note(reference: String, body: String) -> Result<(), AppError> {
    let result = async {
        let user = require_side_role()?;
        let ctx = ServerContext::get()?;
        let (_, p) = plan_for(&ctx, &reference, &user).await?;
        let side = side(&ctx, &p, &user).await?;
        guidance::add_note(&ctx, &p, side, &user, &body).await?;
        leptos_axum::redirect(&back(&reference, "noted=1"));
        Ok(())
    }
    .await;
    finish_form(result, &[("body", &body)])
}

/// One side signs off the plan as it stands; both signed, it becomes the next version.
#[server(endpoint = "plan/sign_off")]
pub async fn sign_off_plan(reference: String) -> Result<(), AppError> {
    let result = async {
        let user = require_side_role()?;
        let ctx = ServerContext::get()?;
        let (a, p) = plan_for(&ctx, &reference, &user).await?;
        let side = side(&ctx, &p, &user).await?;
        let agreed = guidance::sign_off(&ctx, &a, &p, side, &user).await?;
        let query = match agreed {
            Some(number) => format!("agreed={number}"),
            None => "signed=1".to_string(),
        };
        leptos_axum::redirect(&back(&reference, &query));
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

/// An agreed version: whoever may see the plan sees its versions.
#[server(endpoint = "plan/version")]
pub async fn get_plan_version(reference: String, number: u32) -> Result<VersionView, AppError> {
    let ctx = ServerContext::get()?;
    let user = request::current_user();
    let a = crate::plan::access::resolve_for_plan(&ctx, &reference, user.as_ref())
        .await
        .map_err(with_status)?;
    let p = service::ensure(&ctx, &a, user.as_ref())
        .await
        .map_err(with_status)?;
    guidance::version(&ctx, &a, &p, &reference, number)
        .await
        .map_err(with_status)
}

/// The plans the asking consultant guides (empty for anyone else).
#[server(endpoint = "plan/guided")]
pub async fn guided_plans() -> Result<Vec<GuidedRow>, AppError> {
    let ctx = ServerContext::get()?;
    match request::current_user().filter(|u| u.role == Role::Consultant) {
        Some(user) => guidance::guided_by(&ctx, &user).await,
        None => Ok(Vec::new()),
    }
}

/// Staff: every request for guidance, consultants to assign, voucher periods and totals.
#[server(endpoint = "staff/guidance")]
pub async fn staff_guidance() -> Result<GuidancePipeline, AppError> {
    request::require_staff()?;
    let ctx = ServerContext::get()?;
    guidance::pipeline(&ctx).await
}

/// Staff assign (or change) the consultant and the voucher. Empty `days`: the period's default.
#[server(endpoint = "staff/assign_guidance")]
pub async fn assign_guidance(
    guidance: i64,
    consultant: String,
    days: String,
) -> Result<(), AppError> {
    let result = async {
        let staff = request::require_staff()?;
        let ctx = ServerContext::get()?;
        let profile = consultant
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::field("consultant", Key::ErrChoiceInvalid))?;
        guidance::assign(&ctx, &staff, guidance, profile, &days).await?;
        leptos_axum::redirect(&format!("/staff/guidance?assigned={guidance}#g-{guidance}"));
        Ok(())
    }
    .await;
    let scope = format!("g-{guidance}");
    finish_form(
        result,
        &[
            ("scope", &scope),
            ("consultant", &consultant),
            ("days", &days),
        ],
    )
}

/// Staff approve more (or fewer) voucher days; never fewer than are logged.
#[server(endpoint = "staff/voucher_budget")]
pub async fn set_voucher_budget(guidance: i64, days: String) -> Result<(), AppError> {
    let result = async {
        let staff = request::require_staff()?;
        let ctx = ServerContext::get()?;
        guidance::set_budget(&ctx, &staff, guidance, &days).await?;
        leptos_axum::redirect(&format!("/staff/guidance?budget={guidance}#g-{guidance}"));
        Ok(())
    }
    .await;
    let scope = format!("g-{guidance}");
    finish_form(result, &[("scope", &scope), ("days", &days)])
}

/// Staff end a trajectory: the consultant's access ends at once.
#[server(endpoint = "staff/end_guidance")]
pub async fn end_guidance(guidance: i64) -> Result<(), AppError> {
    let result = async {
        let staff = request::require_staff()?;
        let ctx = ServerContext::get()?;
        guidance::end(&ctx, &staff, guidance).await?;
        leptos_axum::redirect("/staff/guidance?ended=1");
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

/// Staff set a programme period's default voucher.
#[server(endpoint = "staff/voucher_period")]
pub async fn save_voucher_period(
    name: String,
    starts_on: String,
    ends_on: String,
    days: String,
) -> Result<(), AppError> {
    let result = async {
        let staff = request::require_staff()?;
        let ctx = ServerContext::get()?;
        guidance::save_period(&ctx, &staff, &name, &starts_on, &ends_on, &days).await?;
        leptos_axum::redirect("/staff/guidance?period=1#periods");
        Ok(())
    }
    .await;
    finish_form(
        result,
        &[
            ("name", &name),
            ("starts_on", &starts_on),
            ("ends_on", &ends_on),
            ("days", &days),
        ],
    )
}
