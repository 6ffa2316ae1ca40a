//! Server functions of the assessment. Access goes through `service::resolve` every time: a
//! reference (resume link or organisation) is checked on each call, never remembered.

// The start form posts its fields flat (as a plain HTML form can); the macro generates a
// client function with the same arguments, where an attribute on the function cannot reach.
#![allow(clippy::too_many_arguments)]

use super::plain::StoredPage;
use super::view::{AssessmentSummary, CompanyPrefill, Overview, TransitionSheet};
use crate::error::AppError;
use crate::ui::{ListPage, ListPosition};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::accounts::model::Role;
    pub use crate::assessment::company_data::CompanyData;
    pub use crate::assessment::model::{Priority, Variant};
    pub use crate::assessment::profile::CompanyProfile;
    pub use crate::assessment::service::{self, AnswerInput};
    pub use crate::context::ServerContext;
    pub use crate::error::AppError;
    pub use crate::i18n::Key;
    pub use crate::web::request::{self, finish_form, with_status};

    /// The assessment behind `reference` for whoever asks, or the error page's status. The
    /// results' server functions use it too.
    pub async fn resolve(
        ctx: &ServerContext,
        reference: &str,
    ) -> Result<crate::db::entities::assessment::Model, AppError> {
        service::resolve(ctx, reference, request::current_user().as_ref())
            .await
            .map_err(with_status)
    }
}
#[cfg(feature = "ssr")]
pub(crate) use ssr::resolve;
#[cfg(feature = "ssr")]
use ssr::*;

/// Finalising is a use case of `results` (it scores the assessment and drafts the plan), which
/// sits above this domain; the overview's form posts to its stable endpoint as a plain form
/// (islands render it without JavaScript either way). `results::api` tests that they agree.
pub const FINALISE_URL: &str = "/api/assessment/finalise";

#[server(endpoint = "assessment/start")]
pub async fn start_assessment(
    variant: String,
    company_name: String,
    sector: String,
    size_class: String,
    province: String,
    respondent_role: String,
    /// The Smart Factory Assessment a DMA is prefilled from (its results page links here).
    from: Option<String>,
    /// The EU DMA's company data (`assessment::company_data`): asked of a DMA only.
    employees: Option<String>,
    sbi_code: Option<String>,
    enterprise_id: Option<String>,
) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let v = Variant::parse(&variant)
            .ok_or_else(|| AppError::field("variant", Key::ErrChoiceInvalid))?;
        let profile = CompanyProfile::parse(
            &company_name,
            &sector,
            &size_class,
            &province,
            &respondent_role,
        )?;
        // The start form keeps these fields in the page whatever the variant (the style
        // sheet hides them): only a DMA's are read.
        let data = if v.is_dma() {
            CompanyData::parse(
                employees.as_deref().unwrap_or_default(),
                sbi_code.as_deref().unwrap_or_default(),
                enterprise_id.as_deref().unwrap_or_default(),
                &profile.size_class,
                &profile.sector,
            )?
        } else {
            CompanyData::default()
        };
        // Anonymous starts per client address: a script starting thousands of assessments
        // would skew the peer figures real companies see.
        if request::current_user().is_none() {
            crate::db::rate_limit::hit(
                &ctx.db,
                crate::db::rate_limit::ASSESSMENT_START_PER_IP,
                &request::client_ip(),
            )
            .await?;
        }
        let reference = service::start(
            &ctx,
            v,
            profile,
            data,
            request::current_user().as_ref(),
            from.as_deref(),
        )
        .await?;
        leptos_axum::redirect(&format!("/assessment/{reference}?started=1"));
        Ok(())
    }
    .await;
    finish_form(
        result,
        &[
            ("variant", &variant),
            ("company_name", &company_name),
            ("sector", &sector),
            ("size_class", &size_class),
            ("province", &province),
            ("respondent_role", &respondent_role),
            ("from", from.as_deref().unwrap_or_default()),
            ("employees", employees.as_deref().unwrap_or_default()),
            ("sbi_code", sbi_code.as_deref().unwrap_or_default()),
            (
                "enterprise_id",
                enterprise_id.as_deref().unwrap_or_default(),
            ),
        ],
    )
}

#[server(endpoint = "assessment/overview")]
pub async fn get_overview(reference: String) -> Result<Overview, AppError> {
    let ctx = ServerContext::get()?;
    let a = resolve(&ctx, &reference).await?;
    service::overview(&ctx, &a, &reference).await
}

#[server(endpoint = "assessment/transition")]
pub async fn get_transition(
    reference: String,
    transition: String,
) -> Result<TransitionSheet, AppError> {
    let ctx = ServerContext::get()?;
    let a = resolve(&ctx, &reference).await?;
    let mut sheet = service::transition_sheet(&ctx, &a, &reference, &transition)
        .await
        .map_err(with_status)?;
    // Back from a refused plain form post: the page as it was posted.
    if let Some(kept) = crate::web::multipart::kept::typed_here(&ctx.db).await {
        crate::assessment::refill::refill(&mut sheet, &kept);
    }
    Ok(sheet)
}

/// The autosave: one item's full state, sent on every change.
#[server(endpoint = "assessment/save_answer", input = Json)]
pub async fn save_answer(
    reference: String,
    item_key: String,
    current: Option<u8>,
    ambition: Option<u8>,
    not_applicable: bool,
    comment: String,
    // A typed question's answer (`None` for level items, or to clear it); a request
    // without the field reads as `None`, as serde reads a missing `Option`.
    value: Option<crate::assessment::question_kind::AnswerValue>,
) -> Result<StoredPage, AppError> {
    let ctx = ServerContext::get()?;
    let a = resolve(&ctx, &reference).await?;
    let input = AnswerInput {
        item_key: item_key.clone(),
        current,
        ambition,
        not_applicable,
        comment,
        value,
        form: None,
    };
    service::save_answers(&ctx, &a, &[input], request::current_user().as_ref())
        .await
        .map_err(with_status)?;
    let transition = service::transition_of(&ctx.db, &a, &item_key)
        .await
        .map_err(with_status)?
        .unwrap_or_default();
    stored_page(&ctx, &a, transition).await
}

/// The autosave of a transition's priority; hands back the page as [`save_answer`] does.
#[server(endpoint = "assessment/save_priority", input = Json)]
pub async fn save_priority(
    reference: String,
    transition: String,
    priority: String,
) -> Result<StoredPage, AppError> {
    let ctx = ServerContext::get()?;
    let a = resolve(&ctx, &reference).await?;
    let p = match priority.as_str() {
        "" => None,
        code => Some(
            Priority::parse(code)
                .ok_or_else(|| with_status(AppError::invalid(Key::ErrChoiceInvalid)))?,
        ),
    };
    service::set_priority(&ctx, &a, &transition, p)
        .await
        .map_err(with_status)?;
    stored_page(&ctx, &a, transition).await
}

/// The transition's answers and priority as stored now: when two people fill in the same
/// assessment, each page takes the other's on its next save (the later answer per item wins).
#[cfg(feature = "ssr")]
async fn stored_page(
    ctx: &ServerContext,
    a: &crate::db::entities::assessment::Model,
    transition: String,
) -> Result<StoredPage, AppError> {
    let answers = service::transition_answers(&ctx.db, a, &transition)
        .await
        .map_err(with_status)?;
    let priority = service::priorities(&ctx.db, a.id)
        .await
        .map_err(with_status)?
        .remove(&transition)
        .map(|p| p.code().to_string())
        .unwrap_or_default();
    Ok(StoredPage {
        transition,
        answers: answers
            .iter()
            .map(crate::assessment::plain::PlainAnswer::of_stored)
            .collect(),
        priority,
    })
}

#[server(endpoint = "assessment/claim")]
pub async fn claim_assessment(reference: String) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let user = request::require_user()?;
        // Only companies own assessments; refused before the reference is even looked at.
        if user.role != Role::CompanyMember {
            return Err(AppError::Forbidden);
        }
        let a = resolve(&ctx, &reference).await?;
        service::claim(&ctx, &a, &user).await?;
        // The resume link was retired; the company reaches it through its account now.
        leptos_axum::redirect(&format!("/assessment/o{}?claimed=1", a.id));
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

/// The logged-in user's organisation's assessments (empty when not logged in).
#[server(endpoint = "assessment/mine")]
pub async fn my_assessments() -> Result<Vec<AssessmentSummary>, AppError> {
    let ctx = ServerContext::get()?;
    // A company's list; everyone else (and visitors) has none.
    match request::company_organisation() {
        Some(org) => service::list_for_organisation(&ctx, org).await,
        None => Ok(Vec::new()),
    }
}

/// What the start form fills in: the company data of the assessment `from` names (a DMA
/// started from a Smart Factory Assessment's results, which the asker may read), else a
/// logged-in company's own (empty for anyone else).
#[server(endpoint = "assessment/prefill")]
pub async fn start_prefill(from: Option<String>) -> Result<CompanyPrefill, AppError> {
    let ctx = ServerContext::get()?;
    if let Some(from) = from.filter(|f| !f.is_empty()) {
        // Not `resolve`: a stale link must not turn the start page into an error page.
        if let Ok(a) = service::resolve(&ctx, &from, request::current_user().as_ref()).await {
            let prefill = service::prefill_of(&a);
            return match request::company_organisation() {
                Some(org) => service::with_company_data(&ctx, org, prefill).await,
                None => Ok(prefill),
            };
        }
    }
    match request::company_organisation() {
        Some(org) => service::prefill(&ctx, org).await,
        None => Ok(CompanyPrefill::default()),
    }
}

/// Staff hand an assessment they filled in to a company's account.
#[server(endpoint = "assessment/hand_over")]
pub async fn hand_over_assessment(reference: String, email: String) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let user = request::require_staff()?;
        let a = resolve(&ctx, &reference).await?;
        service::hand_over(&ctx, &a, &email).await?;
        crate::audit::after(
            &ctx.db,
            &user,
            "assessment.hand_over",
            crate::audit::Subject::new("assessment", a.id),
            serde_json::json!({ "email": email }),
        )
        .await;
        // The resume link was retired; staff reach it by its id from now on.
        leptos_axum::redirect(&format!("/assessment/o{}?handed=1", a.id));
        Ok(())
    }
    .await;
    finish_form(result, &[("email", &email)])
}

/// The respondent mails the resume link to themselves (from the overview page).
#[server(endpoint = "assessment/mail_resume_link")]
pub async fn mail_resume_link(reference: String, email: String) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let a = resolve(&ctx, &reference).await?;
        service::mail_resume_link(
            &ctx,
            &a,
            &reference,
            &email,
            &request::client_ip(),
            crate::i18n::request_lang(),
        )
        .await?;
        leptos_axum::redirect(&format!("/assessment/{reference}?mailed=1"));
        Ok(())
    }
    .await;
    finish_form(result, &[("email", &email)])
}

/// One page of every assessment, for staff.
#[server(endpoint = "staff/assessments")]
pub async fn staff_assessments(
    #[server(default)] position: ListPosition,
) -> Result<ListPage<AssessmentSummary>, AppError> {
    request::require_staff()?;
    let ctx = ServerContext::get()?;
    service::list_all(&ctx, position).await
}
