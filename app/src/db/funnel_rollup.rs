//! Keeps the dashboard's journey funnel (migration 000022) current: after every write that
//! moves a company through the journey (finalising or claiming an assessment, a check-in, a
//! contact request and its status, a plan change, guidance, an agreed version, erasure), the
//! writer calls [`refresh`] for that company. It compares what the company adds to the
//! funnel's counts now with what it added before and applies the difference, so the dashboard
//! reads one row instead of passing over every assessed company. It lives with the database
//! code, below the domains, because the domains that write the journey call it (the dashboard
//! in `analytics` only reads the table). The same refresh keeps the re-assessed companies'
//! change per transition (`db::reassessed_rollup`).

use crate::db::Params;
use crate::error::AppError;
use migrations::funnel::{stages_sql, FUNNEL_ANY, FUNNEL_COUNTERS, FUNNEL_PROFILE_SQL};
use sea_orm::{ConnectionTrait, DatabaseBackend, TransactionSession, TransactionTrait};
use std::collections::{BTreeMap, BTreeSet};

/// The dashboard's four filters of one counted finalised assessment (or `*` where a filter
/// is not set, in a combination): variant, province, sector, size class.
pub type Profile = [String; 4];

/// What one company adds to the funnel: the profiles of its counted finalised assessments and
/// its stage bits (see `migrations::funnel::stages_sql`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contribution {
    pub profiles: BTreeSet<Profile>,
    pub stages: i32,
}

impl Contribution {
    /// Every filter combination the company is counted under: each profile with each filter
    /// kept or set to `*` (sixteen per profile), once however many profiles match it.
    fn combinations(&self) -> BTreeSet<Profile> {
        let mut all = BTreeSet::new();
        for profile in &self.profiles {
            for mask in 0..16u8 {
                all.insert(std::array::from_fn(|i| {
                    if mask & (1 << i) != 0 {
                        profile[i].clone()
                    } else {
                        FUNNEL_ANY.to_string()
                    }
                }));
            }
        }
        all
    }

    /// The counters it adds to each combination it is counted under.
    fn counters(&self) -> [i64; 8] {
        std::array::from_fn(|i| match i {
            0 => 1,
            _ => i64::from(self.stages & (1 << (i - 1)) != 0),
        })
    }
}

/// What to add to each combination's counters when a company's contribution changes from
/// `before` to `after`, without the combinations that do not change; in key order, so that
/// concurrent refreshes lock the rows they update in the same order (no deadlock).
pub fn difference(before: &Contribution, after: &Contribution) -> BTreeMap<Profile, [i64; 8]> {
    let mut delta: BTreeMap<Profile, [i64; 8]> = BTreeMap::new();
    for (contribution, sign) in [(before, -1), (after, 1)] {
        let counters = contribution.counters();
        for key in contribution.combinations() {
            let entry = delta.entry(key).or_default();
            for (d, c) in entry.iter_mut().zip(counters) {
                *d += sign * c;
            }
        }
    }
    delta.retain(|_, d| d.iter().any(|v| *v != 0));
    delta
}

/// Brings the funnel's counts up to date with what the company `organisation_id` adds now.
/// Call it after the write, in the writer's transaction where there is one; it runs in its
/// own (nested) transaction and holds the company's row in `funnel_organisation` while it
/// works, so two refreshes of one company apply one after the other, each from the state the
/// other left.
pub async fn refresh<C>(db: &C, organisation_id: i64) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = db.begin().await?;
    let backend = txn.get_database_backend();
    // The id is written into the SQL as a number: it is an `i64` from the writer, never text
    // a user typed, and the stage conditions name it seven times (SQLite binds `?` once each).
    let one = |sql: &str| {
        sea_orm::Statement::from_string(backend, sql.replace("{org}", &organisation_id.to_string()))
    };
    // One statement makes the company's row, locks it (on PostgreSQL an upsert that updates
    // holds the row until commit; SQLite has one writer) and reads the stages it added.
    let stages_before = stages(
        &txn,
        one(
            "INSERT INTO funnel_organisation (organisation_id, stages) VALUES ({org}, 0) \
             ON CONFLICT (organisation_id) DO UPDATE SET stages = funnel_organisation.stages \
             RETURNING stages",
        ),
    )
    .await?;
    let before = Contribution {
        profiles: profiles(
            &txn,
            one(
                "SELECT variant, province, sector, size_class FROM funnel_profile \
                 WHERE organisation_id = {org}",
            ),
        )
        .await?,
        stages: stages_before,
    };
    // The company's counted finalised assessments, read once for both roll-ups: their
    // profiles for the funnel, their order for the re-assessed figures.
    let finalised = finalised(
        &txn,
        one(&format!(
            "SELECT a.id, a.finalised_at, {FUNNEL_PROFILE_SQL} FROM assessment a \
             WHERE a.organisation_id = {{org}} AND a.status = 'final' \
             AND a.counted = TRUE ORDER BY a.finalised_at, a.id"
        )),
    )
    .await?;
    let after = Contribution {
        profiles: finalised.iter().map(|f| f.profile.clone()).collect(),
        stages: stages(
            &txn,
            one(&format!("SELECT {} AS stages", stages_sql("{org}"))),
        )
        .await?,
    };
    // The re-assessed figures change with the same writes, under the same lock.
    let moments: Vec<_> = finalised.iter().map(|f| (f.id, f.finalised_at)).collect();
    crate::db::reassessed_rollup::refresh(&txn, organisation_id, &moments).await?;
    if before == after {
        return Ok(txn.commit().await?);
    }
    for (key, delta) in difference(&before, &after) {
        txn.execute_raw(add(backend, &key, &delta)).await?;
    }
    if before.profiles != after.profiles {
        txn.execute_raw(one(
            "DELETE FROM funnel_profile WHERE organisation_id = {org}",
        ))
        .await?;
        for profile in &after.profiles {
            let mut p = Params::new(backend);
            let sql = format!(
                "INSERT INTO funnel_profile (organisation_id, variant, province, sector, \
                 size_class) VALUES ({}, {}, {}, {}, {})",
                p.bind(organisation_id),
                p.bind(profile[0].as_str()),
                p.bind(profile[1].as_str()),
                p.bind(profile[2].as_str()),
                p.bind(profile[3].as_str()),
            );
            txn.execute_raw(p.statement(sql)).await?;
        }
    }
    let mut p = Params::new(backend);
    let sql = format!(
        "UPDATE funnel_organisation SET stages = {} WHERE organisation_id = {}",
        p.bind(after.stages),
        p.bind(organisation_id)
    );
    txn.execute_raw(p.statement(sql)).await?;
    Ok(txn.commit().await?)
}

/// The upsert that adds `delta` to one combination's counters.
fn add(backend: DatabaseBackend, key: &Profile, delta: &[i64; 8]) -> sea_orm::Statement {
    let mut p = Params::new(backend);
    let keys: Vec<String> = key.iter().map(|k| p.bind(k.as_str())).collect();
    let values: Vec<String> = delta.iter().map(|d| p.bind(*d)).collect();
    let sums: Vec<String> = FUNNEL_COUNTERS
        .iter()
        .map(|c| format!("{c} = dashboard_funnel.{c} + excluded.{c}"))
        .collect();
    p.statement(format!(
        "INSERT INTO dashboard_funnel (variant, province, sector, size_class, {}) \
         VALUES ({}, {}) ON CONFLICT (variant, province, sector, size_class) DO UPDATE SET {}",
        FUNNEL_COUNTERS.join(", "),
        keys.join(", "),
        values.join(", "),
        sums.join(", ")
    ))
}

async fn profiles(
    db: &impl ConnectionTrait,
    statement: sea_orm::Statement,
) -> Result<BTreeSet<Profile>, AppError> {
    let mut all = BTreeSet::new();
    for row in db.query_all_raw(statement).await? {
        all.insert(profile_at(&row, 0)?);
    }
    Ok(all)
}

/// The four profile columns of `row`, from column `first` on.
fn profile_at(row: &sea_orm::QueryResult, first: usize) -> Result<Profile, AppError> {
    let column = |i: usize| row.try_get_by_index::<String>(first + i);
    Ok([column(0)?, column(1)?, column(2)?, column(3)?])
}

/// One counted finalised assessment of the company being refreshed.
struct Finalised {
    id: i64,
    finalised_at: Option<i64>,
    profile: Profile,
}

/// The rows of `statement`: id, moment and the four profile columns.
async fn finalised(
    db: &impl ConnectionTrait,
    statement: sea_orm::Statement,
) -> Result<Vec<Finalised>, AppError> {
    let mut all = Vec::new();
    for row in db.query_all_raw(statement).await? {
        all.push(Finalised {
            id: row.try_get_by_index::<i64>(0)?,
            finalised_at: row.try_get_by_index::<Option<i64>>(1)?,
            profile: profile_at(&row, 2)?,
        });
    }
    Ok(all)
}

async fn stages(db: &impl ConnectionTrait, statement: sea_orm::Statement) -> Result<i32, AppError> {
    Ok(match db.query_one_raw(statement).await? {
        Some(row) => row.try_get_by_index::<i32>(0)?,
        None => 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(variant: &str, province: &str) -> Profile {
        [
            variant.into(),
            province.into(),
            "metal".into(),
            "50-99".into(),
        ]
    }

    fn any() -> Profile {
        std::array::from_fn(|_| FUNNEL_ANY.to_string())
    }

    #[test]
    fn a_first_assessment_adds_the_company_to_sixteen_combinations() {
        let after = Contribution {
            profiles: [profile("process", "drenthe")].into(),
            stages: 0b101,
        };
        let delta = difference(&Contribution::default(), &after);
        assert_eq!(delta.len(), 16);
        assert_eq!(delta[&any()], [1, 1, 0, 1, 0, 0, 0, 0]);
        assert_eq!(
            delta[&profile("process", "drenthe")],
            [1, 1, 0, 1, 0, 0, 0, 0]
        );
    }

    #[test]
    fn a_new_stage_changes_only_that_counter() {
        let before = Contribution {
            profiles: [profile("process", "drenthe")].into(),
            stages: 0,
        };
        let after = Contribution {
            stages: 0b10,
            ..before.clone()
        };
        let delta = difference(&before, &after);
        assert_eq!(delta.len(), 16);
        assert!(delta.values().all(|d| *d == [0, 0, 1, 0, 0, 0, 0, 0]));
    }

    #[test]
    fn a_second_profile_counts_the_company_once_where_both_match() {
        let before = Contribution {
            profiles: [profile("process", "drenthe")].into(),
            stages: 1 << 6,
        };
        let mut after = before.clone();
        after.profiles.insert(profile("process", "groningen"));
        let delta = difference(&before, &after);
        // New: the eight combinations that keep the province "groningen".
        assert_eq!(delta.len(), 8);
        assert!(delta.keys().all(|k| k[1] == "groningen"));
        assert!(delta.values().all(|d| *d == [1, 0, 0, 0, 0, 0, 0, 1]));
        assert!(!delta.contains_key(&any()));
    }

    #[test]
    fn stages_without_an_assessment_count_nowhere_and_erasure_takes_everything_back() {
        let stages_only = Contribution {
            profiles: BTreeSet::new(),
            stages: 0b11,
        };
        assert!(difference(&Contribution::default(), &stages_only).is_empty());
        let before = Contribution {
            profiles: [profile("process", "drenthe")].into(),
            stages: 0b11,
        };
        let delta = difference(&before, &Contribution::default());
        assert_eq!(delta[&any()], [-1, -1, -1, 0, 0, 0, 0, 0]);
        assert_eq!(difference(&before, &before), BTreeMap::new());
    }
}
