//! Finalising and results: the scores stored in one transaction with the dashboard's
//! roll-ups, the peer benchmark, the previous and later result of the same company.

use super::*;
use crate::assessment::dma;
use crate::assessment::model::{counts_in_figures, Answer, Level, Questionnaire, Response};
use crate::assessment::question_kind::AnswerValue;
use crate::assessment::rollup;
use crate::assessment::scoring::{self, top_priorities};
use crate::assessment::view::*;
use crate::context::ServerContext;
use crate::db::entities::{assessment, assessment_score};
use crate::db::now;
use crate::error::AppError;
use crate::i18n::Key;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use std::collections::HashMap;

/// Locks the answers and stores the transition scores for benchmarks and dashboards. Needs
/// at least one answered item, so an empty assessment is not counted.
pub async fn finalise(ctx: &ServerContext, a: &assessment::Model) -> Result<(), AppError> {
    ensure_draft(a)?;
    let (q, stored) = shown_questionnaire(&ctx.db, a).await?;
    // Answers kept for questions an earlier answer hid do not count.
    let stored: Vec<StoredAnswer> = stored
        .into_iter()
        .filter(|s| q.item(&s.item_key).is_some())
        .collect();
    if !stored.iter().any(StoredAnswer::is_answered) {
        return Err(AppError::invalid(Key::ErrNothingAnswered));
    }
    if q.variant.is_dma() {
        let values: HashMap<&str, Option<&AnswerValue>> = stored
            .iter()
            .map(|s| (s.item_key.as_str(), s.value.as_ref()))
            .collect();
        if !dma::incomplete(&q, &values).is_empty() {
            return Err(AppError::invalid(Key::ErrDmaIncomplete));
        }
    }
    let chosen = priorities(&ctx.db, a.id).await?;
    let scores = scoring::score(&q, &scorable(&q, &stored), &chosen);
    let at = now();
    let answered = stored.iter().filter(|s| s.is_answered()).count();
    let counted = counts_in_figures(a.organisation_id.is_some(), a.created_at, at, answered);
    let txn = ctx.db.begin().await?;
    // The conditional update makes finalising happen once, even when clicked twice at once.
    let done = assessment::Entity::update_many()
        .col_expr(assessment::Column::Status, Expr::value(STATUS_FINAL))
        .col_expr(assessment::Column::FinalisedAt, Expr::value(at))
        .col_expr(assessment::Column::Counted, Expr::value(counted))
        .col_expr(
            assessment::Column::OverallScore,
            Expr::value(scores.overall_current.map(i16::from)),
        )
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
pub(super) struct AverageRow {
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
pub(super) async fn stored_scores(
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

/// The answers that count for scoring: a current level without ambition counts as "stay
/// here"; a typed answer counts with its type's score (`question_kind::score`). `q` is the
/// version the answers were given under.
pub fn scorable(q: &Questionnaire, answers: &[StoredAnswer]) -> Vec<Answer> {
    use crate::assessment::question_kind::score::value_score;
    // Looked up by key once: a search per answer made long questionnaires quadratic.
    let items: HashMap<&str, &crate::assessment::model::Item> = q
        .transitions
        .iter()
        .flat_map(|t| &t.items)
        .map(|i| (i.key.as_str(), i))
        .collect();
    answers
        .iter()
        .filter_map(|s| {
            let response = if let Some(value) = &s.value {
                let item = items.get(s.item_key.as_str())?;
                match value_score(&item.kind, value) {
                    Some(score) => Response::Scored(score),
                    None => Response::Unscored,
                }
            } else if s.not_applicable {
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
    let (q, stored) = shown_questionnaire(&ctx.db, a).await?;
    let prios = priorities(&ctx.db, a.id).await?;
    Ok(scoring::score(&q, &scorable(&q, &stored), &prios))
}

pub async fn results(
    ctx: &ServerContext,
    a: &assessment::Model,
    reference: &str,
) -> Result<Results, AppError> {
    let (q, stored) = shown_questionnaire(&ctx.db, a).await?;
    let answers = scorable(&q, &stored);
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
