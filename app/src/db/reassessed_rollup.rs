//! Keeps the re-assessed companies' change per transition (migration 000024) current. A
//! company adds, per transition scored in both its first and its latest counted finalised
//! assessment, one company and those two current scores, and one to the count of re-assessed
//! companies (key `REASSESSED_COMPANIES`). [`refresh`] compares that with what it added before
//! (kept in `reassessed_score`) and applies the difference to `reassessed_change`. It runs
//! inside the funnel's refresh, which every write that changes a company's finalised
//! assessments calls and which holds the company's row while it works.

use crate::error::AppError;
use migrations::reassessed::REASSESSED_COMPANIES;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use std::collections::BTreeMap;

/// What one company adds: per key (a transition, or `REASSESSED_COMPANIES` for the company
/// itself) its first and latest current score (0 and 0 for the company's own row).
pub type Contribution = BTreeMap<String, (i64, i64)>;

/// The contribution of a re-assessed company from its first and latest assessment's scores
/// (a company that is not re-assessed adds nothing: an empty contribution). Only transitions
/// scored in both count.
pub fn contribution(first: &[(String, i64)], latest: &[(String, i64)]) -> Contribution {
    let mut out = Contribution::new();
    out.insert(REASSESSED_COMPANIES.to_string(), (0, 0));
    for (key, score) in first {
        if let Some((_, later)) = latest.iter().find(|(k, _)| k == key) {
            out.insert(key.clone(), (*score, *later));
        }
    }
    out
}

/// What to add to each row of `reassessed_change` (companies, first sum, latest sum) when a
/// company's contribution changes from `before` to `after`, without the rows that do not
/// change; in key order, so concurrent refreshes lock the rows in the same order.
pub fn difference(before: &Contribution, after: &Contribution) -> BTreeMap<String, [i64; 3]> {
    let mut delta: BTreeMap<String, [i64; 3]> = BTreeMap::new();
    for (contribution, sign) in [(before, -1), (after, 1)] {
        for (key, (first, latest)) in contribution {
            let d = delta.entry(key.clone()).or_default();
            d[0] += sign;
            d[1] += sign * first;
            d[2] += sign * latest;
        }
    }
    delta.retain(|_, d| d.iter().any(|v| *v != 0));
    delta
}

/// Brings the company's share of the re-assessed figures up to date. The caller holds the
/// company's lock (the funnel's refresh) and the transaction, and passes the id and moment of
/// each of the company's counted finalised assessments, in order (moment, then id).
pub async fn refresh(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    finalised: &[(i64, Option<i64>)],
) -> Result<(), AppError> {
    let backend = db.get_database_backend();
    let one = |sql: &str| {
        Statement::from_string(backend, sql.replace("{org}", &organisation_id.to_string()))
    };
    let mut before = Contribution::new();
    for row in db
        .query_all_raw(one(
            "SELECT transition_key, first_score, latest_score FROM reassessed_score \
             WHERE organisation_id = {org}",
        ))
        .await?
    {
        before.insert(
            row.try_get_by_index::<String>(0)?,
            (
                i64::from(row.try_get_by_index::<i32>(1)?),
                i64::from(row.try_get_by_index::<i32>(2)?),
            ),
        );
    }
    let after = now(db, finalised).await?;
    if before == after {
        return Ok(());
    }
    for (key, delta) in difference(&before, &after) {
        db.execute_raw(add(backend, &key, &delta)).await?;
    }
    db.execute_raw(one(
        "DELETE FROM reassessed_score WHERE organisation_id = {org}",
    ))
    .await?;
    for (key, (first, latest)) in &after {
        let mut p = crate::db::Params::new(backend);
        let sql = format!(
            "INSERT INTO reassessed_score \
             (organisation_id, transition_key, first_score, latest_score) \
             VALUES ({}, {}, {}, {})",
            p.bind(organisation_id),
            p.bind(key.as_str()),
            p.bind(*first),
            p.bind(*latest),
        );
        db.execute_raw(p.statement(sql)).await?;
    }
    Ok(())
}

/// What the company adds now, from its counted finalised assessments in order (a company has
/// a handful) and the scores of the first and the latest.
async fn now(
    db: &impl ConnectionTrait,
    finalised: &[(i64, Option<i64>)],
) -> Result<Contribution, AppError> {
    let (Some(&(first_id, first_at)), Some(&(latest_id, latest_at))) =
        (finalised.first(), finalised.last())
    else {
        return Ok(Contribution::new());
    };
    if first_at >= latest_at {
        return Ok(Contribution::new());
    }
    let scores = |id: i64| async move {
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                format!(
                    "SELECT transition_key, current_score FROM assessment_score \
                     WHERE assessment_id = {id}"
                ),
            ))
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get_by_index::<String>(0)?,
                    i64::from(r.try_get_by_index::<i16>(1)?),
                ))
            })
            .collect::<Result<Vec<_>, AppError>>()
    };
    let (first, latest) = (scores(first_id).await?, scores(latest_id).await?);
    Ok(contribution(&first, &latest))
}

/// The upsert that adds `delta` (companies, first sum, latest sum) to one key's row.
fn add(backend: DatabaseBackend, key: &str, delta: &[i64; 3]) -> Statement {
    let mut p = crate::db::Params::new(backend);
    let sql = format!(
        "INSERT INTO reassessed_change (transition_key, companies, first_sum, latest_sum) \
         VALUES ({}, {}, {}, {}) ON CONFLICT (transition_key) DO UPDATE SET \
         companies = reassessed_change.companies + excluded.companies, \
         first_sum = reassessed_change.first_sum + excluded.first_sum, \
         latest_sum = reassessed_change.latest_sum + excluded.latest_sum",
        p.bind(key),
        p.bind(delta[0]),
        p.bind(delta[1]),
        p.bind(delta[2]),
    );
    p.statement(sql)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
        pairs.iter().map(|(k, s)| (k.to_string(), *s)).collect()
    }

    #[test]
    fn a_company_adds_itself_and_the_transitions_scored_twice() {
        let first = scores(&[("data", 20), ("strategy", 40), ("energy", 10)]);
        let latest = scores(&[("data", 60), ("strategy", 35), ("people", 80)]);
        let c = contribution(&first, &latest);
        let keys: Vec<&str> = c.keys().map(String::as_str).collect();
        assert_eq!(keys, [REASSESSED_COMPANIES, "data", "strategy"]);
        assert_eq!(c["data"], (20, 60));
        assert_eq!(c["strategy"], (40, 35));
    }

    #[test]
    fn a_new_latest_assessment_replaces_the_old_scores() {
        let first = scores(&[("data", 20), ("strategy", 40)]);
        let before = contribution(&first, &scores(&[("data", 50), ("strategy", 40)]));
        let after = contribution(&first, &scores(&[("data", 70)]));
        let d = difference(&before, &after);
        // The company stays counted once; strategy is no longer scored in its latest.
        assert!(!d.contains_key(REASSESSED_COMPANIES));
        assert_eq!(d["data"], [0, 0, 20]);
        assert_eq!(d["strategy"], [-1, -40, -40]);
    }

    #[test]
    fn a_first_re_assessment_and_an_erasure_are_opposites() {
        let first = scores(&[("data", 20)]);
        let pair = contribution(&first, &scores(&[("data", 45)]));
        let added = difference(&Contribution::new(), &pair);
        assert_eq!(added[REASSESSED_COMPANIES], [1, 0, 0]);
        assert_eq!(added["data"], [1, 20, 45]);
        let erased = difference(&pair, &Contribution::new());
        for (key, d) in &erased {
            let a = added[key];
            assert_eq!(*d, [-a[0], -a[1], -a[2]]);
        }
        assert!(difference(&pair, &pair).is_empty());
    }
}
