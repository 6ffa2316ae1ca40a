//! Re-assessed companies (server only): per transition, the average current score in each
//! company's first finalised assessment and in its latest, over the companies that finalised
//! at least two at different moments. Assessments done without an account cannot be followed
//! and do not count; neither do those the plausibility gate left out of the figures. The page
//! reads the sums kept by `db::reassessed_rollup` (migration 000024); [`change_counted`]
//! counts the same from the source tables, for the tests and the benchmark.

use super::model::{Reassessed, TransitionChange};
use super::service::{get_i64, get_string};
use crate::error::AppError;
use migrations::reassessed::{REASSESSED_COMPANIES, REASSESSED_PAIRS_SQL};
use sea_orm::{ConnectionTrait, Statement};

/// The figures from the roll-up: a row per transition and one for the companies, whatever the
/// number of assessments.
pub async fn change_per_transition(db: &impl ConnectionTrait) -> Result<Reassessed, AppError> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT transition_key AS tk, companies AS n, first_sum, latest_sum \
             FROM reassessed_change WHERE companies > 0",
        ))
        .await?;
    reassessed_from(&rows)
}

/// The same figures counted from the source tables: each re-assessed company's first and
/// latest assessment joined with their scores.
pub async fn change_counted(db: &impl ConnectionTrait) -> Result<Reassessed, AppError> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            format!(
                "SELECT '{REASSESSED_COMPANIES}' AS tk, COUNT(*) AS n, \
                   CAST(0 AS BIGINT) AS first_sum, CAST(0 AS BIGINT) AS latest_sum \
                 FROM ({REASSESSED_PAIRS_SQL}) pair \
                 UNION ALL \
                 SELECT s0.transition_key AS tk, COUNT(*) AS n, \
                   CAST(SUM(s0.current_score) AS BIGINT) AS first_sum, \
                   CAST(SUM(s1.current_score) AS BIGINT) AS latest_sum \
                 FROM ({REASSESSED_PAIRS_SQL}) pair \
                 JOIN assessment_score s0 ON s0.assessment_id = pair.first_id \
                 JOIN assessment_score s1 ON s1.assessment_id = pair.latest_id \
                   AND s1.transition_key = s0.transition_key \
                 GROUP BY s0.transition_key"
            ),
        ))
        .await?;
    reassessed_from(&rows)
}

/// The figures from rows of key, companies and the two sums (the companies' own row under
/// `REASSESSED_COMPANIES`).
fn reassessed_from(rows: &[sea_orm::QueryResult]) -> Result<Reassessed, AppError> {
    let mut companies = 0;
    let mut sums = Vec::with_capacity(rows.len());
    for row in rows {
        let key = get_string(row, "tk")?;
        let n = get_i64(row, "n")?;
        if key == REASSESSED_COMPANIES {
            companies = n;
            continue;
        }
        sums.push((
            key,
            n,
            get_i64(row, "first_sum")?,
            get_i64(row, "latest_sum")?,
        ));
    }
    if companies == 0 {
        return Ok(Reassessed::default());
    }
    Ok(Reassessed {
        companies,
        transitions: in_questionnaire_order(crate::providers::service::catalogue(), sums),
    })
}

/// Averages from the sums, named and in the questionnaires' order (a transition no
/// questionnaire names any more is left out: it has no name to show).
fn in_questionnaire_order(
    catalogue: &[crate::providers::model::TransitionChoice],
    sums: Vec<(String, i64, i64, i64)>,
) -> Vec<TransitionChange> {
    catalogue
        .iter()
        .filter_map(|t| {
            let (_, n, first, latest) = sums.iter().find(|(k, ..)| *k == t.key)?;
            (*n > 0).then(|| TransitionChange {
                key: t.key.clone(),
                name: t.name.clone(),
                companies: *n,
                first: *first as f64 / *n as f64,
                latest: *latest as f64 / *n as f64,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::Text;
    use crate::providers::model::TransitionChoice;

    fn choice(key: &str) -> TransitionChoice {
        TransitionChoice {
            key: key.into(),
            name: Text {
                nl: key.into(),
                en: key.into(),
            },
        }
    }

    #[test]
    fn averages_follow_the_questionnaire_and_skip_unknown_transitions() {
        let catalogue = [choice("strategy"), choice("data"), choice("energy")];
        let sums = vec![
            ("data".to_string(), 4, 80, 200),
            ("strategy".to_string(), 2, 100, 90),
            ("gone".to_string(), 3, 30, 60),
        ];
        let out = in_questionnaire_order(&catalogue, sums);
        let keys: Vec<&str> = out.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["strategy", "data"]);
        assert_eq!(
            (out[0].first, out[0].latest, out[0].change()),
            (50.0, 45.0, -5.0)
        );
        assert_eq!(
            (out[1].first, out[1].latest, out[1].change()),
            (20.0, 50.0, 30.0)
        );
        assert_eq!(out[1].companies, 4);
    }
}
