//! Who holds an assessment and how it changes hands: starting one, the one access check
//! ([`resolve`]), claiming a draft into an account, handing it over, the resume link by mail,
//! and the lists of a company's and of all assessments.

use crate::accounts::model::{CurrentUser, Role};
use crate::accounts::token::{hash_secret, random_secret};
use crate::assessment::company_data::CompanyData;
use crate::assessment::model::Variant;
use crate::assessment::profile::CompanyProfile;
use crate::assessment::view::*;
use crate::context::ServerContext;
use crate::db::entities::{assessment, organisation, retired_resume_link};
use crate::db::keyset::Keyset;
use crate::db::now;
use crate::error::AppError;
use crate::i18n::Key;
use crate::ui::{ListPage, ListPosition};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

use super::*;

/// Starts an assessment and returns its reference for the resume link (`r…`, secret).
/// A logged-in company member's assessment belongs to their organisation at once.
pub async fn start(
    ctx: &ServerContext,
    variant: Variant,
    profile: CompanyProfile,
    data: CompanyData,
    user: Option<&CurrentUser>,
    from: Option<&str>,
) -> Result<String, AppError> {
    let version = latest_version(&ctx.db, variant).await?;
    let token = format!("r{}", random_secret());
    let at = now();
    // Assessments belong to companies; anyone else who tries one keeps it by its link.
    let organisation_id = user
        .filter(|u| u.role == Role::CompanyMember)
        .and_then(|u| u.organisation_id);
    let started = assessment::ActiveModel {
        resume_token_hash: Set(hash_secret(&token)),
        organisation_id: Set(organisation_id),
        created_by: Set(user.map(|u| u.id)),
        questionnaire_version_id: Set(version.id),
        variant: Set(variant.code().to_string()),
        company_name: Set(profile.company_name),
        sector: Set(profile.sector),
        size_class: Set(profile.size_class),
        province: Set(profile.province),
        respondent_role: Set(profile.respondent_role),
        employees: Set(data.employees),
        sbi_code: Set(Some(data.sbi_code).filter(|c| !c.is_empty())),
        enterprise_id: Set(Some(data.enterprise_id).filter(|id| !id.is_empty())),
        status: Set(STATUS_DRAFT.to_string()),
        created_at: Set(at),
        updated_at: Set(at),
        finalised_at: Set(None),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    // A DMA after a Smart Factory Assessment starts with what that one already says. Should
    // it fail, the DMA starts empty: the company loses nothing it typed.
    if variant.is_dma() {
        let prefilled = match prefill_source(ctx, from, user).await {
            Ok(Some(source)) => prefill_from(ctx, &started, &source, user).await.map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        };
        if let Err(e) = prefilled {
            tracing::error!(error = %e, assessment = started.id, "prefilling the DMA failed");
        }
    }
    Ok(token)
}

/// The assessment behind a reference, if the asker may see it.
///
/// `r…` is a resume token: whoever holds the link may continue (that is its purpose).
/// `o<id>` is for logged-in members of the owning organisation, and for staff.
/// Every refusal looks the same (not found), so references cannot be probed.
pub async fn resolve(
    ctx: &ServerContext,
    reference: &str,
    user: Option<&CurrentUser>,
) -> Result<assessment::Model, AppError> {
    let not_found = || AppError::invalid(Key::ErrAssessmentNotFound);
    let found = if reference.starts_with('r') && reference.len() > 20 {
        let hash = hash_secret(reference);
        let found = assessment::Entity::find()
            .filter(assessment::Column::ResumeTokenHash.eq(hash.clone()))
            .one(&ctx.db)
            .await?;
        if found.is_none()
            && retired_resume_link::Entity::find_by_id(hash)
                .one(&ctx.db)
                .await?
                .is_some()
        {
            return Err(AppError::invalid(Key::ErrAssessmentMoved));
        }
        found
    } else if let Some(id) = reference
        .strip_prefix('o')
        .and_then(|n| n.parse::<i64>().ok())
    {
        let Some(user) = user else {
            return Err(not_found());
        };
        assessment::Entity::find_by_id(id)
            .one(&ctx.db)
            .await?
            .filter(|a| {
                user.role.is_staff()
                    || (a.organisation_id.is_some() && a.organisation_id == user.organisation_id)
            })
    } else {
        None
    };
    found.ok_or_else(not_found)
}

/// Keeps an assessment in the logged-in user's organisation (from then on it is listed there,
/// and its resume link is retired).
pub async fn claim(
    ctx: &ServerContext,
    a: &assessment::Model,
    user: &CurrentUser,
) -> Result<(), AppError> {
    let Some(org) = user
        .organisation_id
        .filter(|_| user.role == Role::CompanyMember)
    else {
        return Err(AppError::Forbidden);
    };
    if a.organisation_id.is_some_and(|o| o != org) {
        return Err(AppError::Forbidden);
    }
    let txn = ctx.db.begin().await?;
    assessment::Entity::update_many()
        .col_expr(assessment::Column::OrganisationId, Expr::value(org))
        .filter(assessment::Column::Id.eq(a.id))
        .exec(&txn)
        .await?;
    retire_resume_link(&txn, a).await?;
    // A finalised assessment now counts for the company in the dashboard's funnel.
    crate::db::funnel_rollup::refresh(&txn, org).await?;
    txn.commit().await?;
    Ok(())
}

/// Staff-assisted assessments: staff fill an assessment in (over as many visits as needed,
/// through its resume link) and hand it to the company's account, found by the e-mail address
/// of one of its members, who is told by e-mail. Every answer keeps who gave it.
pub async fn hand_over(
    ctx: &ServerContext,
    a: &assessment::Model,
    email: &str,
) -> Result<String, AppError> {
    use crate::accounts::model::Email;
    use crate::db::entities::user_account;
    let email = Email::parse(email).map_err(|_| AppError::field("email", Key::ErrEmailInvalid))?;
    let member = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .filter(user_account::Column::Active.eq(true))
        .one(&ctx.db)
        .await?
        .filter(|u| u.role == Role::CompanyMember.code())
        .ok_or_else(|| AppError::field("email", Key::ErrHandOverNoCompany))?;
    let org = member
        .organisation_id
        .ok_or_else(|| AppError::field("email", Key::ErrHandOverNoCompany))?;
    if a.organisation_id.is_some_and(|o| o != org) {
        return Err(AppError::invalid(Key::ErrHandOverOwned));
    }
    let org_name = organisation::Entity::find_by_id(org)
        .one(&ctx.db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let txn = ctx.db.begin().await?;
    assessment::Entity::update_many()
        .col_expr(assessment::Column::OrganisationId, Expr::value(org))
        .col_expr(assessment::Column::UpdatedAt, Expr::value(now()))
        .filter(assessment::Column::Id.eq(a.id))
        .exec(&txn)
        .await?;
    retire_resume_link(&txn, a).await?;
    // A finalised assessment now counts for the company in the dashboard's funnel.
    crate::db::funnel_rollup::refresh(&txn, org).await?;
    let lang = crate::i18n::Lang::from_code(&member.locale);
    let link = ctx.link(&format!("/assessment/o{}", a.id));
    let body = lang.fill(
        Key::MailHandOverBody,
        &[
            ("name", &member.display_name),
            ("company", &a.company_name),
            ("link", &link),
        ],
    );
    crate::mail::outbox::enqueue(&txn, &member.email, lang.t(Key::MailHandOverSubject), &body)
        .await?;
    txn.commit().await?;
    Ok(org_name)
}

/// Replaces the assessment's resume link by one nobody has: from now on it is reached through
/// the company's account (`o<id>`), and whoever still holds the old link (a colleague's
/// browser history, a forwarded mail, staff who filled it in) is told it moved instead of
/// reading and changing it.
pub(super) async fn retire_resume_link(
    db: &impl ConnectionTrait,
    a: &assessment::Model,
) -> Result<(), AppError> {
    retired_resume_link::ActiveModel {
        token_hash: Set(a.resume_token_hash.clone()),
        assessment_id: Set(a.id),
        retired_at: Set(now()),
    }
    .insert(db)
    .await?;
    assessment::Entity::update_many()
        .col_expr(
            assessment::Column::ResumeTokenHash,
            Expr::value(hash_secret(&format!("r{}", random_secret()))),
        )
        .filter(assessment::Column::Id.eq(a.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Mails the secret resume link of an assessment to an address the respondent gives, so it is
/// not lost with the browser tab. Only for links that are secret (`r…`), limited per
/// assessment and per client address.
pub async fn mail_resume_link(
    ctx: &ServerContext,
    a: &assessment::Model,
    reference: &str,
    email: &str,
    ip: &str,
    lang: crate::i18n::Lang,
) -> Result<(), AppError> {
    use crate::accounts::model::Email;
    use crate::db::rate_limit::{self, RESUME_MAIL_PER_ASSESSMENT, RESUME_MAIL_PER_IP};
    if !reference.starts_with('r') {
        return Err(AppError::invalid(Key::ErrAssessmentNotFound));
    }
    let email = Email::parse(email).map_err(|_| AppError::field("email", Key::ErrEmailInvalid))?;
    rate_limit::hit(&ctx.db, RESUME_MAIL_PER_ASSESSMENT, &a.id.to_string()).await?;
    rate_limit::hit(&ctx.db, RESUME_MAIL_PER_IP, ip).await?;
    let link = ctx.link(&format!("/assessment/{reference}"));
    let body = lang.fill(
        Key::MailResumeBody,
        &[("company", &a.company_name), ("link", &link)],
    );
    crate::mail::outbox::enqueue(
        &ctx.db,
        email.as_str(),
        lang.t(Key::MailResumeSubject),
        &body,
    )
    .await?;
    Ok(())
}

/// Deletes drafts nobody owns that nobody touched for `days` days. Their only key is a resume
/// link that was evidently lost; keeping half-filled company data for ever serves nobody.
/// (No warning mail: a draft without an account has no address the platform may keep.)
pub async fn expire_unclaimed_drafts(
    db: &impl ConnectionTrait,
    days: i64,
) -> Result<u64, AppError> {
    let done = assessment::Entity::delete_many()
        .filter(assessment::Column::Status.eq(STATUS_DRAFT))
        .filter(assessment::Column::OrganisationId.is_null())
        .filter(assessment::Column::UpdatedAt.lt(now() - days * 86_400))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// The start form's prefill for a company: the organisation's name, and the sector, size and
/// province of its newest assessment (a company does not move province between two), with
/// the company data of its newest DMA.
pub async fn prefill(
    ctx: &ServerContext,
    organisation_id: i64,
) -> Result<CompanyPrefill, AppError> {
    let newest = assessment::Entity::find()
        .filter(assessment::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(assessment::Column::CreatedAt)
        .order_by_desc(assessment::Column::Id)
        .one(&ctx.db)
        .await?;
    let prefill = match newest {
        Some(a) => prefill_of(&a),
        None => CompanyPrefill {
            company_name: organisation::Entity::find_by_id(organisation_id)
                .one(&ctx.db)
                .await?
                .map(|o| o.name)
                .unwrap_or_default(),
            ..Default::default()
        },
    };
    with_company_data(ctx, organisation_id, prefill).await
}

/// The start form's fields as an assessment gave them.
pub fn prefill_of(a: &assessment::Model) -> CompanyPrefill {
    CompanyPrefill {
        company_name: a.company_name.clone(),
        sector: a.sector.clone(),
        size_class: a.size_class.clone(),
        province: a.province.clone(),
        employees: a.employees.map(|n| n.to_string()).unwrap_or_default(),
        sbi_code: a.sbi_code.clone().unwrap_or_default(),
        enterprise_id: a.enterprise_id.clone().unwrap_or_default(),
    }
}

/// Fills in the company data of the organisation's newest assessment that has any, where
/// `prefill` has none: a Smart Factory Assessment between two DMAs asks none of it.
pub async fn with_company_data(
    ctx: &ServerContext,
    organisation_id: i64,
    prefill: CompanyPrefill,
) -> Result<CompanyPrefill, AppError> {
    if !prefill.employees.is_empty() {
        return Ok(prefill);
    }
    let newest = assessment::Entity::find()
        .filter(assessment::Column::OrganisationId.eq(organisation_id))
        .filter(assessment::Column::Employees.is_not_null())
        .order_by_desc(assessment::Column::CreatedAt)
        .order_by_desc(assessment::Column::Id)
        .one(&ctx.db)
        .await?;
    Ok(match newest {
        Some(a) => {
            let data = prefill_of(&a);
            CompanyPrefill {
                employees: data.employees,
                sbi_code: data.sbi_code,
                enterprise_id: data.enterprise_id,
                ..prefill
            }
        }
        None => prefill,
    })
}

/// One page of every assessment, newest first, for staff: read by position through the index
/// on `(created_at, id)`, so it costs the same at a million assessments as at a hundred.
pub async fn list_all(
    ctx: &ServerContext,
    position: ListPosition,
) -> Result<ListPage<AssessmentSummary>, AppError> {
    let keyset = Keyset {
        sort: assessment::Column::CreatedAt,
        id: assessment::Column::Id,
        newest_first: true,
        id_of: |a: &assessment::Model| a.id,
    };
    let page = crate::db::keyset::page(
        &ctx.db,
        assessment::Entity::find(),
        &keyset,
        position,
        crate::db::keyset::STAFF_PAGE,
    )
    .await?;
    Ok(ListPage {
        rows: summaries(page.rows),
        previous: page.previous,
        next: page.next,
    })
}

pub(super) fn summaries(rows: Vec<assessment::Model>) -> Vec<AssessmentSummary> {
    rows.into_iter()
        .filter_map(|a| {
            Some(AssessmentSummary {
                reference: format!("o{}", a.id),
                variant: Variant::parse(&a.variant)?,
                company_name: a.company_name,
                finalised: a.status == STATUS_FINAL,
                created_at: a.created_at,
            })
        })
        .collect()
}

pub async fn list_for_organisation(
    ctx: &ServerContext,
    organisation_id: i64,
) -> Result<Vec<AssessmentSummary>, AppError> {
    Ok(summaries(
        assessment::Entity::find()
            .filter(assessment::Column::OrganisationId.eq(organisation_id))
            .order_by_desc(assessment::Column::CreatedAt)
            .all(&ctx.db)
            .await?,
    ))
}
