//! Server functions of the plan. Every call resolves the assessment reference again
//! (`access::resolve_for_plan`): who may see the assessment may see its plan, and
//! so may the consultant assigned to guide it while assigned; the company and that consultant
//! change it, staff read it.

// The step form posts its fields flat (as a plain HTML form can); the macro generates a client
// function with the same arguments, where an attribute on the function cannot reach.
#![allow(clippy::too_many_arguments)]

use super::view::{MyPlan, PlanList, PlanView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {

    pub use crate::context::ServerContext;
    pub use crate::db::entities::plan;
    pub use crate::error::AppError;
    pub use crate::i18n::Key;
    pub use crate::plan::model::{read_step, Horizon, StepFields};
    pub use crate::plan::service;
    pub use crate::web::request::{self, finish_form, with_status};

    /// The plan behind a reference, for a change: refused to staff before the reference is
    /// even looked at (they read plans, the company changes them), and to anyone who may not
    /// see the assessment.
    pub async fn plan_of(ctx: &ServerContext, reference: &str) -> Result<plan::Model, AppError> {
        let user = request::current_user();
        if !service::may_edit(user.as_ref()) {
            return Err(AppError::Forbidden);
        }
        let a = crate::plan::access::resolve_for_plan(ctx, reference, user.as_ref()).await?;
        service::ensure(ctx, &a, user.as_ref()).await
    }

    /// Back to the plan, at the step that changed.
    pub fn back(reference: &str, query: &str, step: Option<i64>) -> String {
        let anchor = step.map(|id| format!("#step-{id}")).unwrap_or_default();
        format!("/assessment/{reference}/plan?{query}{anchor}")
    }
}
#[cfg(feature = "ssr")]
use ssr::*;

#[server(endpoint = "plan/get")]
pub async fn get_plan(reference: String) -> Result<PlanView, AppError> {
    let ctx = ServerContext::get()?;
    let user = request::current_user();
    let a = crate::plan::access::resolve_for_plan(&ctx, &reference, user.as_ref())
        .await
        .map_err(with_status)?;
    service::view(&ctx, &a, &reference, user.as_ref())
        .await
        .map_err(with_status)
}

#[server(endpoint = "plan/save_step")]
pub async fn save_plan_step(
    reference: String,
    step: i64,
    title: String,
    horizon: String,
    status: String,
    owner: String,
    target_date: String,
    budget: String,
    dropped_reason: String,
) -> Result<(), AppError> {
    let result = async {
        let ctx = ServerContext::get()?;
        let p = plan_of(&ctx, &reference).await?;
        let posted = StepFields {
            title: &title,
            horizon: &horizon,
            status: &status,
            owner: &owner,
            target_date: &target_date,
            budget: &budget,
            dropped_reason: &dropped_reason,
        };
        let edit = read_step(posted, service::started_on(&p))
            .map_err(|r| AppError::field(r.field, r.key))?;
        service::save_step(&ctx, &p, request::current_user().as_ref(), step, edit).await?;
        leptos_axum::redirect(&back(&reference, &format!("saved={step}"), Some(step)));
        Ok(())
    }
    .await;
    // The scope names the step's form, so the page shows the message and what was typed there.
    let scope = format!("step-{step}");
    finish_form(
        result,
        &[
            ("scope", &scope),
            ("title", &title),
            ("horizon", &horizon),
            ("status", &status),
            ("owner", &owner),
            ("target_date", &target_date),
            ("budget", &budget),
            ("dropped_reason", &dropped_reason),
        ],
    )
}

#[server(endpoint = "plan/add_step")]
pub async fn add_plan_step(
    reference: String,
    title: String,
    transition: String,
    horizon: String,
) -> Result<(), AppError> {
    let result = async {
        let ctx = ServerContext::get()?;
        let p = plan_of(&ctx, &reference).await?;
        let h = Horizon::parse(&horizon)
            .ok_or_else(|| AppError::field("horizon", Key::ErrChoiceInvalid))?;
        service::add_step(
            &ctx,
            &p,
            request::current_user().as_ref(),
            &title,
            &transition,
            h,
        )
        .await?;
        leptos_axum::redirect(&back(&reference, "added=1", None));
        Ok(())
    }
    .await;
    finish_form(
        result,
        &[
            ("title", &title),
            ("transition", &transition),
            ("horizon", &horizon),
        ],
    )
}

/// A masterclass from a step's help, added to the plan as a step of its own (`event` is its
/// slug).
#[server(endpoint = "plan/add_event_step")]
pub async fn add_plan_event_step(reference: String, event: String) -> Result<(), AppError> {
    let result = async {
        let ctx = ServerContext::get()?;
        let p = plan_of(&ctx, &reference).await?;
        let lang = crate::i18n::request_lang();
        service::add_event_step(&ctx, &p, request::current_user().as_ref(), &event, lang).await?;
        leptos_axum::redirect(&back(&reference, "added=1", None));
        Ok(())
    }
    .await;
    finish_form(result, &[("event", &event)])
}

#[server(endpoint = "plan/remove_step")]
pub async fn remove_plan_step(reference: String, step: i64) -> Result<(), AppError> {
    let result = async {
        let ctx = ServerContext::get()?;
        let p = plan_of(&ctx, &reference).await?;
        service::remove_step(&ctx, &p, request::current_user().as_ref(), step).await?;
        leptos_axum::redirect(&back(&reference, "removed=1", None));
        Ok(())
    }
    .await;
    finish_form(result, &[("step", &step.to_string())])
}

/// Staff: one page of the plans (all, or only the stalled ones), how far each is.
#[server(endpoint = "staff/plans")]
pub async fn staff_plans(stalled: Option<bool>, page: Option<u32>) -> Result<PlanList, AppError> {
    request::require_staff()?;
    let ctx = ServerContext::get()?;
    let (stalled, page) = (stalled.unwrap_or(false), page.unwrap_or(1));
    crate::plan::overview::plans_overview(&ctx, stalled, page).await
}

/// `reminders` is a checkbox: "on" when ticked, absent otherwise.
#[server(endpoint = "plan/reminders")]
pub async fn set_plan_reminders(
    reference: String,
    reminders: Option<String>,
    reassess_on: String,
) -> Result<(), AppError> {
    let result = async {
        let ctx = ServerContext::get()?;
        let p = plan_of(&ctx, &reference).await?;
        let day = match reassess_on.trim() {
            "" => None,
            typed => {
                let day: jiff::civil::Date = typed
                    .parse()
                    .map_err(|_| AppError::field("reassess_on", Key::ErrPlanDateInvalid))?;
                if day < service::started_on(&p) || day.year() > 2100 {
                    return Err(AppError::field("reassess_on", Key::ErrPlanDateBeforePlan));
                }
                Some(day)
            }
        };
        crate::plan::reminders::set_reminders(&ctx, &p, reminders.as_deref() == Some("on"), day)
            .await?;
        leptos_axum::redirect(&back(&reference, "reminders=1", None));
        Ok(())
    }
    .await;
    finish_form(result, &[("reassess_on", &reassess_on)])
}

/// Turns the follow-ups off with the signed link from a mail (no log-in needed).
#[server(endpoint = "plan/reminders_off")]
pub async fn plan_reminders_off(token: String) -> Result<(), AppError> {
    let result = async {
        let ctx = ServerContext::get()?;
        crate::plan::reminders::turn_off_by_link(&ctx, &token).await?;
        leptos_axum::redirect("/plan/reminders-off?done=1");
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

/// `direction` is `up` or `down`.
#[server(endpoint = "plan/move_step")]
pub async fn move_plan_step(
    reference: String,
    step: i64,
    direction: String,
) -> Result<(), AppError> {
    let result = async {
        let ctx = ServerContext::get()?;
        let up = match direction.as_str() {
            "up" => true,
            "down" => false,
            _ => return Err(AppError::field("direction", Key::ErrChoiceInvalid)),
        };
        let p = plan_of(&ctx, &reference).await?;
        service::move_step(&ctx, &p, request::current_user().as_ref(), step, up).await?;
        leptos_axum::redirect(&back(&reference, &format!("moved={step}"), Some(step)));
        Ok(())
    }
    .await;
    finish_form(result, &[("step", &step.to_string())])
}

/// The plans of the asking company's assessments, for the account page (empty for anyone
/// else).
#[server(endpoint = "plan/mine")]
pub async fn my_plans() -> Result<Vec<MyPlan>, AppError> {
    let ctx = ServerContext::get()?;
    match request::company_organisation() {
        Some(org) => crate::plan::reminders::plans_of_organisation(&ctx, org).await,
        None => Ok(Vec::new()),
    }
}

/// Follow-up mails on or off from the account page, in one click; `on` is `on` or `off`.
#[server(endpoint = "plan/reminders_toggle")]
pub async fn toggle_plan_reminders(reference: String, on: String) -> Result<(), AppError> {
    let result = async {
        let ctx = ServerContext::get()?;
        let p = plan_of(&ctx, &reference).await?;
        let on = match on.as_str() {
            "on" => true,
            "off" => false,
            _ => return Err(AppError::field("on", Key::ErrChoiceInvalid)),
        };
        let day = p.reassess_on.as_deref().and_then(|d| d.parse().ok());
        crate::plan::reminders::set_reminders(&ctx, &p, on, day).await?;
        leptos_axum::redirect("/account?reminders=1#my-plans");
        Ok(())
    }
    .await;
    finish_form(result, &[])
}
