//! Keeps the dashboard's roll-up tables (migration 000008) up to date: each assessment is
//! added once, in the transaction that finalises it, so the dashboard never has to read the
//! score rows. `migrations::rebuild_dashboard_rollup` recomputes the same sums from scratch;
//! the staff integration test checks that both agree.

use super::scoring::band_of;
use crate::assessment::model::Priority;
use crate::db::entities::assessment;
use crate::db::Params;
use crate::error::AppError;
use crate::time::day_string;
use sea_orm::{ConnectionTrait, FromQueryResult};
use std::collections::HashMap;

/// The counters of `dashboard_transition`, in the order [`add`] fills them.
pub const TRANSITION_COUNTERS: [&str; 11] = [
    "scored",
    "sum_current",
    "sum_ambition",
    "band0",
    "band1",
    "band2",
    "band3",
    "band4",
    "priority_high",
    "priority_medium",
    "priority_low",
];

/// One transition's scores of the assessment being finalised.
pub struct ScoreRow<'a> {
    pub transition_key: &'a str,
    pub current: i16,
    pub ambition: i16,
}

/// `YYYY-MM` of a Unix time in the Netherlands (the month an assessment is counted in;
/// `migrations::rebuild_dashboard_rollup` reckons it the same way).
pub fn month(unix: i64) -> String {
    day_string(unix)[..7].to_string()
}

/// Adds a just-finalised assessment to the roll-ups. Run it inside the finalising
/// transaction: the upserts add to the stored sums atomically, so concurrent finalises (also
/// from several server processes) cannot lose a count.
pub async fn add(
    db: &impl ConnectionTrait,
    a: &assessment::Model,
    finalised_at: i64,
    scores: &[ScoreRow<'_>],
    priorities: &HashMap<String, Priority>,
) -> Result<(), AppError> {
    let backend = db.get_database_backend();
    let profile = [
        a.variant.as_str(),
        a.province.as_str(),
        a.sector.as_str(),
        a.size_class.as_str(),
    ];

    let mut p = Params::new(backend);
    let values: Vec<String> = profile.iter().map(|v| p.bind(*v)).collect();
    let sql = format!(
        "INSERT INTO dashboard_month (variant, province, sector, size_class, month, assessments) \
         VALUES ({}, {}, 1) \
         ON CONFLICT (variant, province, sector, size_class, month) \
         DO UPDATE SET assessments = dashboard_month.assessments + 1",
        values.join(", "),
        p.bind(month(finalised_at)),
    );
    db.execute_raw(p.statement(sql)).await?;

    // One row per transition with a score or a priority.
    let mut keys: Vec<&str> = scores.iter().map(|s| s.transition_key).collect();
    for key in priorities.keys() {
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
    }
    for key in keys {
        let score = scores.iter().find(|s| s.transition_key == key);
        let mut bands = [0i64; super::scoring::BANDS];
        if let Some(s) = score {
            bands[band_of(i64::from(s.current))] = 1;
        }
        let priority = priorities.get(key).copied();
        let counts: [i64; 11] = [
            i64::from(score.is_some()),
            score.map_or(0, |s| i64::from(s.current)),
            score.map_or(0, |s| i64::from(s.ambition)),
            bands[0],
            bands[1],
            bands[2],
            bands[3],
            bands[4],
            i64::from(priority == Some(Priority::High)),
            i64::from(priority == Some(Priority::Medium)),
            i64::from(priority == Some(Priority::Low)),
        ];
        let columns = TRANSITION_COUNTERS;
        let mut p = Params::new(backend);
        let mut values: Vec<String> = profile.iter().map(|v| p.bind(*v)).collect();
        values.push(p.bind(key));
        for count in counts {
            values.push(p.bind(count));
        }
        let updates: Vec<String> = columns
            .iter()
            .map(|c| format!("{c} = dashboard_transition.{c} + excluded.{c}"))
            .collect();
        let sql = format!(
            "INSERT INTO dashboard_transition \
               (variant, province, sector, size_class, transition_key, {}) \
             VALUES ({}) \
             ON CONFLICT (variant, province, sector, size_class, transition_key) \
             DO UPDATE SET {}",
            columns.join(", "),
            values.join(", "),
            updates.join(", "),
        );
        db.execute_raw(p.statement(sql)).await?;
    }
    Ok(())
}

/// One transition's sums over the counted assessments of a variant (and size class).
#[derive(Debug, sea_orm::FromQueryResult)]
pub struct TransitionSums {
    pub transition_key: String,
    pub scored: i64,
    pub sum_current: i64,
    pub sum_ambition: i64,
}

/// The roll-up's sums per transition of a variant, over every province and sector (and size
/// class unless one is given): at most a few hundred rows, whatever the number of assessments.
pub async fn transition_sums(
    db: &impl ConnectionTrait,
    variant: &str,
    size_class: Option<&str>,
) -> Result<Vec<TransitionSums>, AppError> {
    let mut p = Params::new(db.get_database_backend());
    let mut sql = format!(
        "SELECT transition_key, CAST(SUM(scored) AS BIGINT) AS scored, \
           CAST(SUM(sum_current) AS BIGINT) AS sum_current, \
           CAST(SUM(sum_ambition) AS BIGINT) AS sum_ambition \
         FROM dashboard_transition WHERE variant = {}",
        p.bind(variant)
    );
    if let Some(size) = size_class {
        sql.push_str(&format!(" AND size_class = {}", p.bind(size)));
    }
    sql.push_str(" GROUP BY transition_key ORDER BY transition_key");
    Ok(TransitionSums::find_by_statement(p.statement(sql))
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::month;

    #[test]
    fn month_is_the_dutch_month_whatever_the_servers_time_zone() {
        // 2024-01-31 22:30 UTC is 23:30 in the Netherlands: still January.
        assert_eq!(month(1_706_740_200), "2024-01");
        // 2024-01-31 23:30 UTC is 00:30 on 1 February in the Netherlands.
        assert_eq!(month(1_706_743_800), "2024-02");
        // Summer time: 2024-06-30 22:30 UTC is 00:30 on 1 July.
        assert_eq!(month(1_719_786_600), "2024-07");
        assert_eq!(month(1_719_786_600 - 3600), "2024-06");
    }
}
