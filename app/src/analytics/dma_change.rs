//! The dashboard's EU DMA block: for the companies with a first (T0) and a later (T1)
//! finalised DMA, the average score per dimension at T0 and at T1 and the change, which is
//! what the EDIH reports about the effect of its support. T0 is a company's first measure,
//! T1 its newest after it. The dashboard's province, sector and size filters apply.

use super::model::{DashboardFilter, DmaChange, DmaDimensionChange};
use crate::assessment::model::Variant;
use crate::db::entities::{assessment, assessment_score};
use crate::error::AppError;
use crate::i18n::Lang;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// Scores per dimension of one measure.
pub type Measure = HashMap<String, f64>;

/// The mean T0 and T1 score per dimension over the pairs that scored it at both, in the
/// order of `dimensions`; `None` where no pair did.
pub fn averages(dimensions: &[String], pairs: &[(Measure, Measure)]) -> Vec<Option<(f64, f64)>> {
    dimensions
        .iter()
        .map(|d| {
            let both: Vec<(f64, f64)> = pairs
                .iter()
                .filter_map(|(t0, t1)| Some((*t0.get(d)?, *t1.get(d)?)))
                .collect();
            (!both.is_empty()).then(|| {
                let n = both.len() as f64;
                (
                    both.iter().map(|p| p.0).sum::<f64>() / n,
                    both.iter().map(|p| p.1).sum::<f64>() / n,
                )
            })
        })
        .collect()
}

pub async fn dma_change(
    db: &impl ConnectionTrait,
    filter: &DashboardFilter,
    lang: Lang,
) -> Result<Option<DmaChange>, AppError> {
    // The dashboard's filters, whatever variant it shows: this block is about the DMA.
    let dma_only = DashboardFilter {
        variant: Some(Variant::Dma.code().to_string()),
        ..filter.clone()
    };
    let rows: Vec<(i64, Option<i64>)> = super::export::filtered_final(&dma_only)
        .select_only()
        .column(assessment::Column::Id)
        .column(assessment::Column::OrganisationId)
        .filter(assessment::Column::OrganisationId.is_not_null())
        .order_by_asc(assessment::Column::FinalisedAt)
        .order_by_asc(assessment::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    // First and newest measure per company.
    let mut per_company: HashMap<i64, (i64, i64)> = HashMap::new();
    for (id, org) in rows {
        let Some(org) = org else { continue };
        per_company
            .entry(org)
            .and_modify(|(_, last)| *last = id)
            .or_insert((id, id));
    }
    let pairs_ids: Vec<(i64, i64)> = per_company
        .into_values()
        .filter(|(first, last)| first != last)
        .collect();
    if pairs_ids.is_empty() {
        return Ok(None);
    }
    let ids: Vec<i64> = pairs_ids.iter().flat_map(|(a, b)| [*a, *b]).collect();
    let mut scores: HashMap<i64, Measure> = HashMap::new();
    for s in crate::db::rows_where_in::<assessment_score::Entity>(
        db,
        assessment_score::Column::AssessmentId,
        ids,
    )
    .await?
    {
        scores
            .entry(s.assessment_id)
            .or_default()
            .insert(s.transition_key, f64::from(s.current_score));
    }
    let pairs: Vec<(Measure, Measure)> = pairs_ids
        .iter()
        .map(|(a, b)| {
            (
                scores.get(a).cloned().unwrap_or_default(),
                scores.get(b).cloned().unwrap_or_default(),
            )
        })
        .collect();
    let names = super::service::transition_names(db, Some(Variant::Dma.code()), lang).await?;
    let keys: Vec<String> = names.iter().map(|(k, _)| k.clone()).collect();
    let dimensions = averages(&keys, &pairs)
        .into_iter()
        .zip(names)
        .filter_map(|(avg, (key, name))| {
            avg.map(|(t0, t1)| DmaDimensionChange { key, name, t0, t1 })
        })
        .collect();
    Ok(Some(DmaChange {
        companies: pairs.len() as u64,
        dimensions,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_dimension_averages_the_pairs_that_scored_it_twice() {
        let m =
            |v: &[(&str, f64)]| -> Measure { v.iter().map(|(k, s)| (k.to_string(), *s)).collect() };
        let dims = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        let pairs = vec![
            (
                m(&[("a", 40.0), ("b", 20.0)]),
                m(&[("a", 60.0), ("b", 30.0)]),
            ),
            (m(&[("a", 20.0)]), m(&[("a", 30.0), ("b", 90.0)])),
        ];
        assert_eq!(
            averages(&dims, &pairs),
            vec![Some((30.0, 45.0)), Some((20.0, 30.0)), None]
        );
    }
}
