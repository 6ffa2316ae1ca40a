//! Assessments in the database (server only): questionnaire versions, starting, answering,
//! finalising and results. Access is checked in one place, [`resolve`].

use super::file_format;
use super::model::{counts_in_figures, Answer, Level, Priority, Questionnaire, Response, Variant};
use super::profile::CompanyProfile;
use super::questionnaires::SOURCES;
use super::scoring::{self, top_priorities};
use super::view::*;
use crate::accounts::model::{CurrentUser, Role};
use crate::accounts::token::{hash_secret, random_secret};
use crate::analytics::rollup;
use crate::context::ServerContext;
use crate::db::entities::{
    assessment, assessment_answer, assessment_priority, assessment_score, organisation, plan,
    plan_guidance, questionnaire_version, retired_resume_link,
};
use crate::db::now;
use crate::error::AppError;
use crate::i18n::Key;
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};

/// Peer averages are shown only above this many other assessments, so that no single
/// company's answers can be read from them.
pub const MIN_PEERS: u64 = 5;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

pub const STATUS_DRAFT: &str = "draft";
pub const STATUS_FINAL: &str = "final";

/// Loads the questionnaire files into the database. A file whose version already exists with
/// other content stops start-up: answers given under that version must keep their texts.
pub async fn sync_questionnaires(db: &DatabaseConnection) -> Result<(), String> {
    for (file, source) in SOURCES {
        let q = file_format::parse(file, source).map_err(|e| e.to_string())?;
        let content = serde_json::to_string(&q).map_err(|e| format!("{file}: {e}"))?;
        let hash = hash_secret(&content);
        let existing = questionnaire_version::Entity::find()
            .filter(questionnaire_version::Column::Variant.eq(q.variant.code()))
            .filter(questionnaire_version::Column::Version.eq(q.version as i32))
            .one(db)
            .await
            .map_err(|e| format!("{file}: database: {e}"))?;
        match existing {
            Some(row) if row.content_hash == hash => {}
            // Staff published this version number from the editor; their texts stay and the
            // file's version is not loaded (raise `version:` in the file to add it).
            Some(row) if row.published_by.is_some() => {
                tracing::warn!(
                    file,
                    version = q.version,
                    "questionnaire version was published by staff with other texts; file version skipped"
                );
            }
            Some(_) => {
                return Err(format!(
                    "{file}: version {} is already in the database with other texts; raise `version:` in the file",
                    q.version
                ))
            }
            None => {
                questionnaire_version::ActiveModel {
                    variant: Set(q.variant.code().to_string()),
                    version: Set(q.version as i32),
                    content: Set(content),
                    content_hash: Set(hash),
                    created_at: Set(now()),
                    ..Default::default()
                }
                .insert(db)
                .await
                .map_err(|e| format!("{file}: database: {e}"))?;
            }
        }
    }
    Ok(())
}

/// Questionnaire versions never change once stored, so each process may keep parsed copies.
fn cache() -> &'static RwLock<HashMap<i64, Arc<Questionnaire>>> {
    static CACHE: OnceLock<RwLock<HashMap<i64, Arc<Questionnaire>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

pub async fn questionnaire(
    db: &impl ConnectionTrait,
    version_id: i64,
) -> Result<Arc<Questionnaire>, AppError> {
    if let Some(q) = cache()
        .read()
        .ok()
        .and_then(|c| c.get(&version_id).cloned())
    {
        return Ok(q);
    }
    let row = questionnaire_version::Entity::find_by_id(version_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let q: Arc<Questionnaire> = Arc::new(serde_json::from_str(&row.content).map_err(|e| {
        tracing::error!(error = %e, version_id, "stored questionnaire does not parse");
        AppError::Internal
    })?);
    if let Ok(mut c) = cache().write() {
        c.insert(version_id, q.clone());
    }
    Ok(q)
}

async fn latest_version(
    db: &impl ConnectionTrait,
    variant: Variant,
) -> Result<questionnaire_version::Model, AppError> {
    questionnaire_version::Entity::find()
        .filter(questionnaire_version::Column::Variant.eq(variant.code()))
        .order_by_desc(questionnaire_version::Column::Version)
        .one(db)
        .await?
        .ok_or(AppError::Internal)
}

/// Starts an assessment and returns its reference for the resume link (`r…`, secret).
/// A logged-in company member's assessment belongs to their organisation at once.
pub async fn start(
    ctx: &ServerContext,
    variant: Variant,
    profile: CompanyProfile,
    user: Option<&CurrentUser>,
) -> Result<String, AppError> {
    let version = latest_version(&ctx.db, variant).await?;
    let token = format!("r{}", random_secret());
    let at = now();
    // Assessments belong to companies; anyone else who tries one keeps it by its link.
    let organisation_id = user
        .filter(|u| u.role == Role::CompanyMember)
        .and_then(|u| u.organisation_id);
    assessment::ActiveModel {
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
        status: Set(STATUS_DRAFT.to_string()),
        created_at: Set(at),
        updated_at: Set(at),
        finalised_at: Set(None),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
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

/// The assessment behind a reference for its plan and results: as [`resolve`], and also for
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
        .filter(plan_guidance::Column::State.eq(crate::plan::model::GuidanceState::Assigned.code()))
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

fn variant_of(a: &assessment::Model) -> Result<Variant, AppError> {
    Variant::stored(&a.variant)
}

pub async fn stored_answers(
    db: &impl ConnectionTrait,
    assessment_id: i64,
) -> Result<Vec<StoredAnswer>, AppError> {
    Ok(assessment_answer::Entity::find()
        .filter(assessment_answer::Column::AssessmentId.eq(assessment_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| StoredAnswer {
            item_key: r.item_key,
            current: r.current_level.and_then(|l| u8::try_from(l).ok()),
            ambition: r.ambition_level.and_then(|l| u8::try_from(l).ok()),
            not_applicable: r.not_applicable,
            comment: r.comment,
        })
        .collect())
}

pub async fn priorities(
    db: &impl ConnectionTrait,
    assessment_id: i64,
) -> Result<HashMap<String, Priority>, AppError> {
    Ok(assessment_priority::Entity::find()
        .filter(assessment_priority::Column::AssessmentId.eq(assessment_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| Priority::parse(&r.priority).map(|p| (r.transition_key, p)))
        .collect())
}

fn progress(q: &Questionnaire, answers: &[StoredAnswer]) -> Vec<TransitionProgress> {
    let answered: HashMap<&str, bool> = answers
        .iter()
        .map(|a| (a.item_key.as_str(), a.is_answered()))
        .collect();
    q.transitions
        .iter()
        .map(|t| TransitionProgress {
            key: t.key.clone(),
            name_nl: t.name.nl.clone(),
            name_en: t.name.en.clone(),
            answered: t
                .items
                .iter()
                .filter(|i| answered.get(i.key.as_str()).copied().unwrap_or(false))
                .count(),
            items: t.items.len(),
        })
        .collect()
}

pub async fn transition_sheet(
    ctx: &ServerContext,
    a: &assessment::Model,
    reference: &str,
    transition_key: &str,
) -> Result<TransitionSheet, AppError> {
    let q = questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    let transition = q
        .transition(transition_key)
        .ok_or(AppError::invalid(Key::ErrTransitionUnknown))?
        .clone();
    let answers = stored_answers(&ctx.db, a.id).await?;
    let priority = priorities(&ctx.db, a.id)
        .await?
        .get(transition_key)
        .copied();
    Ok(TransitionSheet {
        reference: reference.to_string(),
        variant: variant_of(a)?,
        company_name: a.company_name.clone(),
        finalised: a.status == STATUS_FINAL,
        progress: progress(&q, &answers),
        answers: answers
            .into_iter()
            .filter(|s| transition.items.iter().any(|i| i.key == s.item_key))
            .collect(),
        priority,
        transition,
    })
}

pub async fn overview(
    ctx: &ServerContext,
    a: &assessment::Model,
    reference: &str,
) -> Result<Overview, AppError> {
    let q = questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    let answers = stored_answers(&ctx.db, a.id).await?;
    let organisation_name = match a.organisation_id {
        Some(id) => organisation::Entity::find_by_id(id)
            .one(&ctx.db)
            .await?
            .map(|o| o.name),
        None => None,
    };
    Ok(Overview {
        reference: reference.to_string(),
        resume_url: reference
            .starts_with('r')
            .then(|| ctx.link(&format!("/assessment/{reference}"))),
        variant: variant_of(a)?,
        profile: profile_of(a),
        finalised: a.status == STATUS_FINAL,
        organisation_name,
        progress: progress(&q, &answers),
        created_at: a.created_at,
    })
}

fn profile_of(a: &assessment::Model) -> CompanyProfile {
    CompanyProfile {
        company_name: a.company_name.clone(),
        sector: a.sector.clone(),
        size_class: a.size_class.clone(),
        province: a.province.clone(),
        respondent_role: a.respondent_role.clone(),
    }
}

fn ensure_draft(a: &assessment::Model) -> Result<(), AppError> {
    if a.status == STATUS_FINAL {
        Err(AppError::invalid(Key::ErrAssessmentFinal))
    } else {
        Ok(())
    }
}

/// One answer as it arrives from a form or the autosave, before checking.
#[derive(Clone, Debug, Default)]
pub struct AnswerInput {
    pub item_key: String,
    pub current: Option<u8>,
    pub ambition: Option<u8>,
    pub not_applicable: bool,
    pub comment: String,
}

/// Checks an answer against the questionnaire and the level rules.
pub fn check_answer(q: &Questionnaire, input: &AnswerInput) -> Result<(), AppError> {
    if q.item(&input.item_key).is_none() {
        return Err(AppError::invalid(Key::ErrItemUnknown));
    }
    let level = |v: Option<u8>| match v {
        None => Ok(None),
        Some(n) => Level::new(n)
            .map(Some)
            .ok_or(AppError::invalid(Key::ErrLevelOutOfRange)),
    };
    let (current, ambition) = (level(input.current)?, level(input.ambition)?);
    if let (Some(c), Some(a)) = (current, ambition) {
        if a < c {
            return Err(AppError::invalid(Key::ErrAmbitionBelowCurrent));
        }
    }
    if input.comment.chars().count() > 2000 {
        return Err(AppError::invalid(Key::ErrCommentTooLong));
    }
    Ok(())
}

/// Saves answers (all or none) after checking each; used by the autosave and the plain form.
pub async fn save_answers(
    ctx: &ServerContext,
    a: &assessment::Model,
    inputs: &[AnswerInput],
    user: Option<&CurrentUser>,
) -> Result<(), AppError> {
    ensure_draft(a)?;
    let q = questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    for input in inputs {
        check_answer(&q, input)?;
    }
    let at = now();
    let rows: Vec<assessment_answer::ActiveModel> = inputs
        .iter()
        .map(|i| assessment_answer::ActiveModel {
            assessment_id: Set(a.id),
            item_key: Set(i.item_key.clone()),
            current_level: Set(if i.not_applicable {
                None
            } else {
                i.current.map(i16::from)
            }),
            ambition_level: Set(if i.not_applicable {
                None
            } else {
                i.ambition.map(i16::from)
            }),
            not_applicable: Set(i.not_applicable),
            comment: Set(i.comment.trim().to_string()),
            answered_by: Set(user.map(|u| u.id)),
            updated_at: Set(at),
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    // Upsert in one statement: the answer is stored completely or not at all.
    assessment_answer::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                assessment_answer::Column::AssessmentId,
                assessment_answer::Column::ItemKey,
            ])
            .update_columns([
                assessment_answer::Column::CurrentLevel,
                assessment_answer::Column::AmbitionLevel,
                assessment_answer::Column::NotApplicable,
                assessment_answer::Column::Comment,
                assessment_answer::Column::AnsweredBy,
                assessment_answer::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec(&ctx.db)
        .await?;
    touch(ctx, a.id).await
}

async fn touch(ctx: &ServerContext, id: i64) -> Result<(), AppError> {
    assessment::Entity::update_many()
        .col_expr(
            assessment::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now()),
        )
        .filter(assessment::Column::Id.eq(id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

pub async fn set_priority(
    ctx: &ServerContext,
    a: &assessment::Model,
    transition_key: &str,
    priority: Option<Priority>,
) -> Result<(), AppError> {
    ensure_draft(a)?;
    let q = questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    if q.transition(transition_key).is_none() {
        return Err(AppError::invalid(Key::ErrTransitionUnknown));
    }
    match priority {
        Some(p) => {
            assessment_priority::Entity::insert(assessment_priority::ActiveModel {
                assessment_id: Set(a.id),
                transition_key: Set(transition_key.to_string()),
                priority: Set(p.code().to_string()),
            })
            .on_conflict(
                OnConflict::columns([
                    assessment_priority::Column::AssessmentId,
                    assessment_priority::Column::TransitionKey,
                ])
                .update_column(assessment_priority::Column::Priority)
                .to_owned(),
            )
            .exec(&ctx.db)
            .await?;
        }
        None => {
            assessment_priority::Entity::delete_many()
                .filter(assessment_priority::Column::AssessmentId.eq(a.id))
                .filter(assessment_priority::Column::TransitionKey.eq(transition_key))
                .exec(&ctx.db)
                .await?;
        }
    }
    touch(ctx, a.id).await
}

/// Locks the answers and stores the transition scores for benchmarks and dashboards. Needs
/// at least one answered item, so an empty assessment is not counted.
pub async fn finalise(ctx: &ServerContext, a: &assessment::Model) -> Result<(), AppError> {
    ensure_draft(a)?;
    let stored = stored_answers(&ctx.db, a.id).await?;
    if !stored.iter().any(StoredAnswer::is_answered) {
        return Err(AppError::invalid(Key::ErrNothingAnswered));
    }
    let q = questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    let chosen = priorities(&ctx.db, a.id).await?;
    let scores = scoring::score(&q, &scorable(&stored), &chosen);
    let at = now();
    let answered = stored.iter().filter(|s| s.is_answered()).count();
    let counted = counts_in_figures(a.organisation_id.is_some(), a.created_at, at, answered);
    let txn = ctx.db.begin().await?;
    // The conditional update makes finalising happen once, even when clicked twice at once.
    let done = assessment::Entity::update_many()
        .col_expr(assessment::Column::Status, Expr::value(STATUS_FINAL))
        .col_expr(assessment::Column::FinalisedAt, Expr::value(at))
        .col_expr(assessment::Column::Counted, Expr::value(counted))
        .filter(assessment::Column::Id.eq(a.id))
        .filter(assessment::Column::Status.eq(STATUS_DRAFT))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::invalid(Key::ErrAssessmentFinal));
    }
    let scored: Vec<rollup::ScoreRow> = scores
        .transitions
        .iter()
        .filter_map(|t| {
            Some(rollup::ScoreRow {
                transition_key: &t.transition_key,
                current: i16::from(t.current?),
                ambition: i16::from(t.ambition?),
            })
        })
        .collect();
    let rows: Vec<assessment_score::ActiveModel> = scored
        .iter()
        .map(|s| assessment_score::ActiveModel {
            assessment_id: Set(a.id),
            transition_key: Set(s.transition_key.to_string()),
            current_score: Set(s.current),
            ambition_score: Set(s.ambition),
        })
        .collect();
    if !rows.is_empty() {
        assessment_score::Entity::insert_many(rows)
            .exec(&txn)
            .await?;
    }
    // In the same transaction: the dashboard's sums never disagree with the scores. Only an
    // assessment that passed the plausibility gate is added.
    if counted {
        rollup::add(&txn, a, at, &scored, &chosen).await?;
    }
    txn.commit().await?;
    Ok(())
}

#[derive(FromQueryResult)]
struct AverageRow {
    transition_key: String,
    current: f64,
    ambition: f64,
    assessments: i64,
}

/// Average transition scores of the other finalised assessments of a variant (and, when
/// given, of one size class), computed by the database; `None` below [`MIN_PEERS`].
pub async fn peer_benchmark(
    db: &impl ConnectionTrait,
    variant: &str,
    size_class: Option<&str>,
    except_id: i64,
) -> Result<Option<ScoreSet>, AppError> {
    let mut peers = Query::select()
        .column(assessment::Column::Id)
        .from(assessment::Entity)
        .and_where(assessment::Column::Variant.eq(variant))
        .and_where(assessment::Column::Status.eq(STATUS_FINAL))
        .and_where(assessment::Column::Counted.eq(true))
        .and_where(assessment::Column::Id.ne(except_id))
        .to_owned();
    if let Some(size) = size_class {
        peers.and_where(assessment::Column::SizeClass.eq(size));
    }
    let rows = assessment_score::Entity::find()
        .select_only()
        .column(assessment_score::Column::TransitionKey)
        .column_as(
            Expr::cust("CAST(AVG(current_score) AS DOUBLE PRECISION)"),
            "current",
        )
        .column_as(
            Expr::cust("CAST(AVG(ambition_score) AS DOUBLE PRECISION)"),
            "ambition",
        )
        .column_as(Expr::cust("COUNT(DISTINCT assessment_id)"), "assessments")
        .filter(assessment_score::Column::AssessmentId.in_subquery(peers))
        .group_by(assessment_score::Column::TransitionKey)
        .into_model::<AverageRow>()
        .all(db)
        .await?;
    let count = rows.iter().map(|r| r.assessments).max().unwrap_or(0) as u64;
    if count < MIN_PEERS {
        return Ok(None);
    }
    Ok(Some(ScoreSet {
        count,
        finalised_at: None,
        transitions: rows
            .into_iter()
            .filter(|r| r.assessments as u64 >= MIN_PEERS)
            .map(|r| {
                (
                    r.transition_key,
                    r.current.round() as u8,
                    r.ambition.round() as u8,
                )
            })
            .collect(),
    }))
}

/// The same organisation's finalised assessment of the same variant just before this one.
pub async fn previous_result(
    db: &impl ConnectionTrait,
    a: &assessment::Model,
) -> Result<Option<ScoreSet>, AppError> {
    let (Some(org), Some(finalised_at)) = (a.organisation_id, a.finalised_at) else {
        return Ok(None);
    };
    let Some(prev) = assessment::Entity::find()
        .filter(assessment::Column::OrganisationId.eq(org))
        .filter(assessment::Column::Variant.eq(a.variant.clone()))
        .filter(assessment::Column::Status.eq(STATUS_FINAL))
        .filter(assessment::Column::FinalisedAt.lt(finalised_at))
        .order_by_desc(assessment::Column::FinalisedAt)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    stored_scores(db, &prev).await.map(Some)
}

/// The organisation's newest finalised assessment of the same variant after this one (T1 after
/// this T0): what a plan drafted from this one shows as progress.
pub async fn later_result(
    db: &impl ConnectionTrait,
    a: &assessment::Model,
) -> Result<Option<ScoreSet>, AppError> {
    let (Some(org), Some(finalised_at)) = (a.organisation_id, a.finalised_at) else {
        return Ok(None);
    };
    let Some(later) = assessment::Entity::find()
        .filter(assessment::Column::OrganisationId.eq(org))
        .filter(assessment::Column::Variant.eq(a.variant.clone()))
        .filter(assessment::Column::Status.eq(STATUS_FINAL))
        .filter(assessment::Column::FinalisedAt.gt(finalised_at))
        .order_by_desc(assessment::Column::FinalisedAt)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    stored_scores(db, &later).await.map(Some)
}

/// The transition scores stored when `a` was finalised.
async fn stored_scores(
    db: &impl ConnectionTrait,
    a: &assessment::Model,
) -> Result<ScoreSet, AppError> {
    let transitions = assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(a.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let clamp = |v: i16| u8::try_from(v.clamp(0, 100)).unwrap_or(0);
            (
                r.transition_key,
                clamp(r.current_score),
                clamp(r.ambition_score),
            )
        })
        .collect();
    Ok(ScoreSet {
        count: 1,
        finalised_at: a.finalised_at,
        transitions,
    })
}

/// Replaces the assessment's resume link by one nobody has: from now on it is reached through
/// the company's account (`o<id>`), and whoever still holds the old link (a colleague's
/// browser history, a forwarded mail, staff who filled it in) is told it moved instead of
/// reading and changing it.
async fn retire_resume_link(
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

/// The start form's prefill for a company: the organisation's name, and the sector, size and
/// province of its newest assessment (a company does not move province between two).
pub async fn prefill(
    ctx: &ServerContext,
    organisation_id: i64,
) -> Result<CompanyPrefill, AppError> {
    let name = organisation::Entity::find_by_id(organisation_id)
        .one(&ctx.db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let newest = assessment::Entity::find()
        .filter(assessment::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(assessment::Column::CreatedAt)
        .order_by_desc(assessment::Column::Id)
        .one(&ctx.db)
        .await?;
    Ok(match newest {
        Some(a) => CompanyPrefill {
            company_name: a.company_name,
            sector: a.sector,
            size_class: a.size_class,
            province: a.province,
        },
        None => CompanyPrefill {
            company_name: name,
            ..Default::default()
        },
    })
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

/// Every assessment, newest first, for staff (at most 500).
pub async fn list_all(ctx: &ServerContext) -> Result<Vec<AssessmentSummary>, AppError> {
    Ok(summaries(
        assessment::Entity::find()
            .order_by_desc(assessment::Column::CreatedAt)
            .limit(500)
            .all(&ctx.db)
            .await?,
    ))
}

fn summaries(rows: Vec<assessment::Model>) -> Vec<AssessmentSummary> {
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

/// The answers that count for scoring: a current level without ambition counts as "stay here".
pub fn scorable(answers: &[StoredAnswer]) -> Vec<Answer> {
    answers
        .iter()
        .filter_map(|s| {
            let response = if s.not_applicable {
                Response::NotApplicable
            } else {
                let current = Level::new(s.current?)?;
                let ambition = s.ambition.and_then(Level::new).unwrap_or(current);
                Response::levels(current, ambition)?
            };
            Some(Answer {
                item_key: s.item_key.clone(),
                response,
                comment: s.comment.clone(),
            })
        })
        .collect()
}

/// An assessment's scores alone (what matching needs), without the benchmarks and comparisons
/// of [`results`].
pub async fn scores(
    ctx: &ServerContext,
    a: &assessment::Model,
) -> Result<scoring::Scores, AppError> {
    let q = questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    let stored = stored_answers(&ctx.db, a.id).await?;
    let prios = priorities(&ctx.db, a.id).await?;
    Ok(scoring::score(&q, &scorable(&stored), &prios))
}

pub async fn results(
    ctx: &ServerContext,
    a: &assessment::Model,
    reference: &str,
) -> Result<Results, AppError> {
    let q = questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    let stored = stored_answers(&ctx.db, a.id).await?;
    let answers = scorable(&stored);
    let prios = priorities(&ctx.db, a.id).await?;
    let scores = scoring::score(&q, &answers, &prios);
    let by_item: HashMap<&str, &Answer> =
        answers.iter().map(|a| (a.item_key.as_str(), a)).collect();
    let steps = top_priorities(&scores)
        .into_iter()
        .take(5)
        .filter_map(|t| {
            let transition = q.transition(&t.transition_key)?;
            let next_steps = transition
                .items
                .iter()
                .filter_map(|item| {
                    let Response::Levels { current, .. } = by_item.get(item.key.as_str())?.response
                    else {
                        return None;
                    };
                    let next = item.level_text(current.next()?)?;
                    Some(NextStep {
                        question_nl: item.question.nl.clone(),
                        question_en: item.question.en.clone(),
                        next_nl: next.nl.clone(),
                        next_en: next.en.clone(),
                    })
                })
                .collect();
            Some(PriorityStep {
                transition_key: t.transition_key.clone(),
                priority: t.priority?,
                gap: t.gap?,
                next_steps,
            })
        })
        .collect();
    let peer = peer_benchmark(&ctx.db, &a.variant, None, a.id).await?;
    let peer_same_size = peer_benchmark(&ctx.db, &a.variant, Some(&a.size_class), a.id).await?;
    let previous = previous_result(&ctx.db, a).await?;
    Ok(Results {
        peer,
        peer_same_size,
        previous,
        reference: reference.to_string(),
        profile: profile_of(a),
        variant: variant_of(a)?,
        finalised_at: a.finalised_at,
        questionnaire: (*q).clone(),
        scores,
        priorities: steps,
    })
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
