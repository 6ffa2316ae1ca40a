//! Loads what matching needs (an assessment's scores, the published profiles, the requests
//! already sent) and ranks with [`super::rank`] (server only). The contact form uses the same
//! helpers, so a provider's fit reads the same there as in the lists.

use super::view::*;
use super::{Candidate, Company};
use crate::accounts::model::{CurrentUser, Role};
use crate::assessment::scoring::Scores;
use crate::assessment::service::{self as assessments, STATUS_FINAL};
use crate::context::ServerContext;
use crate::db::entities::{assessment, contact_request};
use crate::error::AppError;
use crate::i18n::Key;
use crate::providers::model::{ProfileContent, ProfileKind};
use crate::providers::service as providers;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};

/// Matches shown per kind.
pub const MATCHES_PER_KIND: usize = 5;

pub(crate) fn company_of(a: &assessment::Model, scores: &Scores) -> Result<Company, AppError> {
    let variant = crate::assessment::model::Variant::stored(&a.variant)?;
    Ok(Company::from_scores(
        variant,
        &a.size_class,
        &a.province,
        scores,
    ))
}

/// Whether `user` may send requests for `a`: a member of the organisation that owns it.
pub(crate) fn may_contact(a: &assessment::Model, user: Option<&CurrentUser>) -> bool {
    user.is_some_and(|u| {
        u.role == Role::CompanyMember
            && a.organisation_id.is_some()
            && a.organisation_id == u.organisation_id
    })
}

pub(crate) async fn scores_of(
    ctx: &ServerContext,
    a: &assessment::Model,
) -> Result<Scores, AppError> {
    if a.status != STATUS_FINAL {
        return Err(AppError::invalid(Key::ErrMatchesNotFinal));
    }
    assessments::scores(ctx, a).await
}

pub(crate) fn view_of(
    m: &super::Match,
    slug: &str,
    content: &ProfileContent,
    requested: bool,
) -> MatchView {
    MatchView {
        profile_id: m.profile_id,
        slug: slug.to_string(),
        kind: m.kind,
        name: content.name.clone(),
        pitch: content.pitch.clone(),
        logo_url: content.logo_url(),
        score: m.score,
        reasons: m.reasons.clone(),
        requested,
    }
}

/// The best-fitting published providers and consultants for a finalised assessment.
pub async fn matches(
    ctx: &ServerContext,
    a: &assessment::Model,
    reference: &str,
    user: Option<&CurrentUser>,
) -> Result<MatchList, AppError> {
    matches_up_to(ctx, a, reference, user, MATCHES_PER_KIND).await
}

/// [`matches`] with at most `limit` of each kind (the plan's steps pick per theme from all).
pub async fn matches_up_to(
    ctx: &ServerContext,
    a: &assessment::Model,
    reference: &str,
    user: Option<&CurrentUser>,
    limit: usize,
) -> Result<MatchList, AppError> {
    let scores = scores_of(ctx, a).await?;
    let company = company_of(a, &scores)?;
    let published = providers::published(&ctx.db).await?;
    let requested: HashSet<i64> = contact_request::Entity::find()
        .filter(contact_request::Column::AssessmentId.eq(a.id))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|r| r.profile_id)
        .collect();
    let by_id: HashMap<i64, (&String, &ProfileContent)> = published
        .iter()
        .map(|(id, _, slug, c)| (*id, (slug, c)))
        .collect();
    let ranked_views = |kind: ProfileKind| -> Vec<MatchView> {
        let candidates: Vec<Candidate<'_>> = published
            .iter()
            .filter(|(_, k, _, _)| *k == kind)
            .map(|(id, k, _, c)| Candidate {
                id: *id,
                kind: *k,
                content: c,
            })
            .collect();
        super::rank(&company, &candidates, limit)
            .iter()
            .filter_map(|m| {
                let (slug, content) = by_id.get(&m.profile_id)?;
                Some(view_of(m, slug, content, requested.contains(&m.profile_id)))
            })
            .collect()
    };
    Ok(MatchList {
        reference: reference.to_string(),
        company_name: a.company_name.clone(),
        can_contact: may_contact(a, user),
        providers: ranked_views(ProfileKind::Provider),
        consultants: ranked_views(ProfileKind::Consultant),
        choices: providers::catalogue().to_vec(),
    })
}
