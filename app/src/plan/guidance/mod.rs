//! Guidance on a plan in the database (server only): the company asks, staff assign a
//! consultant with a voucher, the consultant logs days and both sides write notes, and when
//! both sign off the plan as it stands it is frozen as the next version.
//!
//! The rules that must hold under parallel requests are the database's: one open request per
//! plan (a unique column), days only while they fit the voucher (a conditional update), one
//! version per agreed state of the plan (unique indexes).
//!
//! `request` is the trajectory (asked, assigned, budget, ended, periods), `work` the days and
//! notes, `agreement` the sign-offs and versions, `read` what the pages show; this file holds
//! what they share.

mod agreement;
mod read;
mod request;
mod work;

pub use agreement::*;
pub use read::*;
pub use request::*;
pub use work::*;

use crate::accounts::model::{CurrentUser, Role};
use crate::assessment::model::Text;
use crate::context::ServerContext;
use crate::db::entities::{
    assessment, plan, plan_change, plan_guidance, plan_note, plan_version, plan_work_log,
    provider_profile, user_account, voucher_period,
};
use crate::db::now;
use crate::error::AppError;
use crate::i18n::{Key, Lang};
use crate::mail::outbox;
use crate::plan::model::{ChangeKind, GuidanceState, Side, MESSAGE_MAX, NOTE_MAX};
use crate::plan::service::{actor, record, steps_of, title_of};
use crate::plan::view::*;
use crate::plan::voucher;
use crate::providers::model::ProfileKind;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::collections::HashMap;

/// The notes and days the plan page shows: the newest.
const SHOWN: u64 = 100;
/// The requests the staff's pipeline lists: every open one and the newest ended ones.
const PIPELINE: u64 = 500;

/// The plan's open request for guidance (requested or assigned), if any.
pub async fn open_of(
    db: &impl ConnectionTrait,
    plan_id: i64,
) -> Result<Option<plan_guidance::Model>, AppError> {
    Ok(plan_guidance::Entity::find()
        .filter(plan_guidance::Column::OpenPlanId.eq(plan_id))
        .one(db)
        .await?)
}

/// Which side of the plan the asker is on: the consultant assigned to it, or the company
/// (its members, or whoever holds its private link); staff are on neither side.
pub fn side_of(user: Option<&CurrentUser>, open: Option<&plan_guidance::Model>) -> Option<Side> {
    match user {
        Some(u) if u.role.is_staff() => None,
        Some(u) if u.role == Role::Consultant => open
            .filter(|g| g.state == GuidanceState::Assigned.code())
            .filter(|g| g.consultant_user_id == Some(u.id))
            .map(|_| Side::Consultant)
            .or(Some(Side::Company)),
        _ => Some(Side::Company),
    }
}

/// A logged-in member of the organisation the assessment belongs to.
pub fn is_company_member(user: Option<&CurrentUser>, a: &assessment::Model) -> bool {
    user.is_some_and(|u| {
        u.role == Role::CompanyMember
            && a.organisation_id.is_some()
            && u.organisation_id == a.organisation_id
    })
}

/// Free text as a note or message keeps it: trimmed, Windows line ends made plain, within
/// its length, without control characters.
pub(super) fn read_text(
    typed: &str,
    field: &'static str,
    max: usize,
    empty_ok: bool,
) -> Result<String, AppError> {
    let text = typed.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return if empty_ok {
            Ok(text)
        } else {
            Err(AppError::field(field, Key::ErrGuidanceTextEmpty))
        };
    }
    if !crate::text::is_multi_line(&text, 1, max) {
        return Err(AppError::field(field, Key::ErrGuidanceTextInvalid));
    }
    Ok(text)
}

/// A published consultant profile that has an account to give access to.
pub(super) async fn consultant_profile(
    db: &impl ConnectionTrait,
    profile_id: i64,
) -> Result<Option<(provider_profile::Model, String)>, AppError> {
    let Some(row) = provider_profile::Entity::find_by_id(profile_id)
        .filter(provider_profile::Column::Kind.eq(ProfileKind::Consultant.code()))
        .filter(provider_profile::Column::Published.is_not_null())
        .filter(provider_profile::Column::UserId.is_not_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let name =
        crate::providers::service::parse_content(row.published.as_deref().unwrap_or_default())?
            .name;
    Ok(Some((row, name)))
}

/// The default voucher today: the period that holds today, else the programme's 4 days.
pub(super) async fn period_today(
    db: &impl ConnectionTrait,
) -> Result<(Option<String>, u32), AppError> {
    let today = crate::time::local_date(now()).to_string();
    let found = voucher_period::Entity::find()
        .filter(voucher_period::Column::StartsOn.lte(today.clone()))
        .filter(voucher_period::Column::EndsOn.gte(today))
        .order_by_desc(voucher_period::Column::StartsOn)
        .one(db)
        .await?;
    Ok(match found {
        Some(p) => (
            Some(p.name),
            u32::try_from(p.default_half_days).unwrap_or(voucher::DEFAULT_HALF_DAYS),
        ),
        None => (None, voucher::DEFAULT_HALF_DAYS),
    })
}

/// The company's members who get mail about the plan: active, with a checked address.
pub(super) async fn company_mailboxes(
    db: &impl ConnectionTrait,
    a: &assessment::Model,
) -> Result<Vec<(String, String, Lang)>, AppError> {
    let Some(org) = a.organisation_id else {
        return Ok(Vec::new());
    };
    Ok(user_account::Entity::find()
        .filter(user_account::Column::OrganisationId.eq(org))
        .filter(user_account::Column::Role.eq(Role::CompanyMember.code()))
        .filter(user_account::Column::Active.eq(true))
        .filter(user_account::Column::EmailVerifiedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.email, u.display_name, Lang::from_code(&u.locale)))
        .collect())
}

/// The hub's staff (staff and administrators with an active account), who handle requests.
pub(super) async fn staff_mailboxes(
    db: &impl ConnectionTrait,
) -> Result<Vec<(String, String, Lang)>, AppError> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Role.is_in([Role::Staff.code(), Role::Admin.code()]))
        .filter(user_account::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.email, u.display_name, Lang::from_code(&u.locale)))
        .collect())
}

pub(super) async fn consultant_mailbox(
    db: &impl ConnectionTrait,
    user_id: Option<i64>,
) -> Result<Option<(String, String, Lang)>, AppError> {
    let Some(id) = user_id else {
        return Ok(None);
    };
    Ok(user_account::Entity::find_by_id(id)
        .filter(user_account::Column::Active.eq(true))
        .one(db)
        .await?
        .map(|u| (u.email, u.display_name, Lang::from_code(&u.locale))))
}

pub(super) async fn plan_and_assessment(
    db: &impl ConnectionTrait,
    plan_id: i64,
) -> Result<(plan::Model, assessment::Model), AppError> {
    let p = plan::Entity::find_by_id(plan_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let a = assessment::Entity::find_by_id(p.assessment_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    Ok((p, a))
}

/// The open guidance this consultant is assigned to on the plan, or a refusal.
pub(super) async fn assigned_to(
    db: &impl ConnectionTrait,
    p: &plan::Model,
    user: &CurrentUser,
) -> Result<plan_guidance::Model, AppError> {
    open_of(db, p.id)
        .await?
        .filter(|g| g.state == GuidanceState::Assigned.code())
        .filter(|g| g.consultant_user_id == Some(user.id))
        .ok_or_else(|| AppError::invalid(Key::ErrGuidanceNotYours))
}

/// The id of the plan's last change to what it says (not sign-offs): what a sign-off agrees to.
pub(super) async fn last_content_change(
    db: &impl ConnectionTrait,
    plan_id: i64,
) -> Result<i64, AppError> {
    let kinds: Vec<&str> = ChangeKind::CONTENT.iter().map(|k| k.code()).collect();
    let last: Option<i64> = plan_change::Entity::find()
        .select_only()
        .column_as(plan_change::Column::Id.max(), "last")
        .filter(plan_change::Column::PlanId.eq(plan_id))
        .filter(plan_change::Column::Kind.is_in(kinds))
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten();
    Ok(last.unwrap_or(0))
}

/// Ends the open guidance that `which` picks (the consultant's access ends with it: access
/// checks the open row). Whether a row was ended, so a caller can refuse with its own words.
pub(super) async fn close(
    db: &impl ConnectionTrait,
    which: sea_orm::sea_query::SimpleExpr,
) -> Result<bool, AppError> {
    let done = plan_guidance::Entity::update_many()
        .col_expr(
            plan_guidance::Column::State,
            Expr::value(GuidanceState::Ended.code()),
        )
        .col_expr(
            plan_guidance::Column::OpenPlanId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(plan_guidance::Column::EndedAt, Expr::value(now()))
        .col_expr(plan_guidance::Column::UpdatedAt, Expr::value(now()))
        .filter(which)
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}
