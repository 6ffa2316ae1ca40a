//! Finalising and results: the scores stored in one transaction with the dashboard's
//! roll-ups, the peer benchmark, the previous and later result of the same company.

use super::*;
use crate::assessment::dma;
use crate::assessment::model::{counts_in_figures, Answer, Response};
use crate::assessment::question_kind::AnswerValue;
use crate::assessment::rollup;
use crate::assessment::scoring::{self, top_priorities};
use crate::assessment::view::*;
use crate::context::ServerContext;
use crate::db::entities::{assessment, assessment_score};
use crate::db::now;
use crate::error::AppError;
use crate::i18n::Key;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
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
    if let Some(org) = a.organisation_id {
        crate::db::funnel_rollup::refresh(&txn, org).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Average transition scores of the other finalised assessments that count in figures, of
/// the assessment's variant and of its size class; each `None` below [`MIN_PEERS`]. Read
/// from the dashboard's roll-up sums (a few hundred rows whatever the number of
/// assessments), minus the assessment's own stored scores when it is in them.
pub async fn peer_benchmarks(
    db: &impl ConnectionTrait,
    a: &assessment::Model,
) -> Result<(Option<ScoreSet>, Option<ScoreSet>), AppError> {
    let own: Vec<(String, i16, i16)> = if a.counted && a.status == STATUS_FINAL {
        assessment_score::Entity::find()
            .filter(assessment_score::Column::AssessmentId.eq(a.id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.transition_key, s.current_score, s.ambition_score))
            .collect()
    } else {
        Vec::new()
    };
    let all = rollup::transition_sums(db, &a.variant, None).await?;
    let same_size = rollup::transition_sums(db, &a.variant, Some(&a.size_class)).await?;
    Ok((peer_from_sums(all, &own), peer_from_sums(same_size, &own)))
}

/// The benchmark from the roll-up sums per transition with one assessment's own scores
/// taken out: per transition the mean of the others (shown from [`MIN_PEERS`] of them), and
/// as count the most assessments behind any transition.
fn peer_from_sums(
    sums: Vec<rollup::TransitionSums>,
    own: &[(String, i16, i16)],
) -> Option<ScoreSet> {
    let others: Vec<(String, i64, f64, f64)> = sums
        .into_iter()
        .map(|s| {
            let mine = own.iter().find(|(key, _, _)| *key == s.transition_key);
            let (n, current, ambition) = match mine {
                Some((_, c, a)) => (1, i64::from(*c), i64::from(*a)),
                None => (0, 0, 0),
            };
            let scored = s.scored - n;
            let mean = |sum: i64| (sum as f64) / (scored.max(1) as f64);
            (
                s.transition_key,
                scored,
                mean(s.sum_current - current),
                mean(s.sum_ambition - ambition),
            )
        })
        .collect();
    let count = others.iter().map(|o| o.1).max().unwrap_or(0).max(0) as u64;
    if count < MIN_PEERS {
        return None;
    }
    Some(ScoreSet {
        count,
        finalised_at: None,
        transitions: others
            .into_iter()
            .filter(|o| o.1 as u64 >= MIN_PEERS)
            .map(|(key, _, current, ambition)| (key, current.round() as u8, ambition.round() as u8))
            .collect(),
    })
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

pub use crate::assessment::scoring::scorable;

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
    let (peer, peer_same_size) = peer_benchmarks(&ctx.db, a).await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sums(key: &str, scored: i64, current: i64, ambition: i64) -> rollup::TransitionSums {
        rollup::TransitionSums {
            transition_key: key.to_string(),
            scored,
            sum_current: current,
            sum_ambition: ambition,
        }
    }

    #[test]
    fn the_peer_mean_leaves_the_assessment_itself_out() {
        // Six assessed data (the own one at 100/100 among them), five assessed energy.
        let all = vec![sums("data", 6, 250, 400), sums("energy", 5, 101, 300)];
        let own = [("data".to_string(), 100, 100)];
        let peer = peer_from_sums(all, &own).expect("five others");
        assert_eq!(peer.count, 5);
        assert_eq!(peer.get("data"), Some((30, 60)));
        // 101 / 5 = 20.2 rounds down; 300 / 5 = 60.
        assert_eq!(peer.get("energy"), Some((20, 60)));
    }

    #[test]
    fn below_five_others_there_is_no_benchmark_and_thin_transitions_are_left_out() {
        let own = [("data".to_string(), 50, 50)];
        assert!(peer_from_sums(vec![sums("data", 5, 250, 250)], &own).is_none());
        let peer = peer_from_sums(
            vec![sums("data", 6, 255, 300), sums("energy", 4, 0, 0)],
            &[],
        )
        .expect("six others on data");
        assert_eq!(peer.count, 6);
        // 255 / 6 = 42.5 rounds half away from zero, as the database's average did.
        assert_eq!(peer.get("data"), Some((43, 50)));
        assert_eq!(peer.get("energy"), None);
        assert!(peer_from_sums(Vec::new(), &[]).is_none());
    }
}
