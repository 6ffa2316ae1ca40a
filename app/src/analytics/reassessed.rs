//! Re-assessed companies (server only): per transition, the average current score in each
//! company's first finalised assessment and in its latest, over the companies that finalised
//! at least two at different moments. Assessments done without an account cannot be followed
//! and do not count; neither do those the plausibility gate left out of the figures.

use super::model::{Reassessed, TransitionChange};
use super::service::{get_i64, get_string};
use crate::error::AppError;
use sea_orm::{ConnectionTrait, Statement};

/// Each re-assessed company's first and latest moment. Two assessments finalised in the same
/// second (not possible through the pages, which finalise one at a time) would both be joined.
const FIRST_AND_LATEST: &str = "SELECT organisation_id AS org, MIN(finalised_at) AS f, \
     MAX(finalised_at) AS l FROM assessment \
     WHERE status = 'final' AND counted = TRUE AND organisation_id IS NOT NULL \
     GROUP BY organisation_id HAVING MIN(finalised_at) < MAX(finalised_at)";

pub async fn change_per_transition(db: &impl ConnectionTrait) -> Result<Reassessed, AppError> {
    let backend = db.get_database_backend();
    let companies = db
        .query_one_raw(Statement::from_string(
            backend,
            format!("SELECT COUNT(*) AS n FROM ({FIRST_AND_LATEST}) r"),
        ))
        .await?
        .map(|row| get_i64(&row, "n"))
        .transpose()?
        .unwrap_or(0);
    if companies == 0 {
        return Ok(Reassessed::default());
    }
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            format!(
                "SELECT s0.transition_key AS tk, COUNT(*) AS n, \
                   CAST(SUM(s0.current_score) AS BIGINT) AS first_sum, \
                   CAST(SUM(s1.current_score) AS BIGINT) AS latest_sum \
                 FROM ({FIRST_AND_LATEST}) r \
                 JOIN assessment a0 ON a0.organisation_id = r.org AND a0.status = 'final' \
                   AND a0.finalised_at = r.f \
                 JOIN assessment a1 ON a1.organisation_id = r.org AND a1.status = 'final' \
                   AND a1.finalised_at = r.l \
                 JOIN assessment_score s0 ON s0.assessment_id = a0.id \
                 JOIN assessment_score s1 ON s1.assessment_id = a1.id \
                   AND s1.transition_key = s0.transition_key \
                 GROUP BY s0.transition_key"
            ),
        ))
        .await?;
    let mut sums = Vec::with_capacity(rows.len());
    for row in &rows {
        sums.push((
            get_string(row, "tk")?,
            get_i64(row, "n")?,
            get_i64(row, "first_sum")?,
            get_i64(row, "latest_sum")?,
        ));
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
