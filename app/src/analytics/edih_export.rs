//! The EDIH report (issue 19): one row per finalised EU DMA, the measure every European
//! Digital Innovation Hub reports, with the company data the EU asks for (enterprise id, size
//! as employees and EU category, sector as SBI code and NACE division, region as a NUTS 2
//! code, dates: `assessment::company_data`), which measurement of that company it is
//! (T0 the first, T1 the next, …), the six dimension scores, the overall score and its band.
//! Filtered by the day the DMA was finalised. Read in batches by `export::Export`, which
//! streams the CSV and writes the Excel workbook from the same rows.

use crate::assessment::company_data::CompanyData;
use crate::assessment::dma::Band;
use crate::assessment::model::Variant;
use crate::assessment::service::STATUS_FINAL;
use crate::db::entities::{assessment, assessment_score};
use crate::error::AppError;
use crate::web::table::Cell;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// The dimensions in the JRC's order, as the file's transition keys.
pub const DIMENSIONS: [&str; 6] = [
    "dma_strategy",
    "dma_readiness",
    "dma_human",
    "dma_data",
    "dma_automation",
    "dma_green",
];

/// The NUTS 2 region of a province code (2021 classification); empty for "elsewhere".
pub fn nuts2(province: &str) -> &'static str {
    match province {
        "groningen" => "NL11",
        "friesland" => "NL12",
        "drenthe" => "NL13",
        _ => "",
    }
}

/// "T0" for a company's first DMA, "T1" for the next, and so on.
pub fn measurement(index: usize) -> String {
    format!("T{index}")
}

/// The overall score: as stored at finalising, else (DMAs finalised before it was stored) the
/// rounded mean of the stored dimension scores.
pub fn overall(stored: Option<i16>, dimensions: &[Option<i16>]) -> Option<i16> {
    stored.or_else(|| {
        let known: Vec<f64> = dimensions.iter().flatten().map(|d| f64::from(*d)).collect();
        (!known.is_empty()).then(|| (known.iter().sum::<f64>() / known.len() as f64).round() as i16)
    })
}

/// The company's measurement number of each finalised DMA: per organisation in the order
/// they were finalised; a DMA kept only by its link is its company's first.
async fn measurement_numbers(db: &impl ConnectionTrait) -> Result<HashMap<i64, usize>, AppError> {
    let rows: Vec<(i64, Option<i64>)> = assessment::Entity::find()
        .select_only()
        .column(assessment::Column::Id)
        .column(assessment::Column::OrganisationId)
        .filter(assessment::Column::Variant.eq(Variant::Dma.code()))
        .filter(assessment::Column::Status.eq(STATUS_FINAL))
        .order_by_asc(assessment::Column::FinalisedAt)
        .order_by_asc(assessment::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut seen: HashMap<i64, usize> = HashMap::new();
    Ok(rows
        .into_iter()
        .map(|(id, org)| {
            let n = match org {
                Some(org) => {
                    let count = seen.entry(org).or_default();
                    *count += 1;
                    *count - 1
                }
                None => 0,
            };
            (id, n)
        })
        .collect())
}

/// The report's columns.
pub fn headers() -> Vec<String> {
    let mut headers: Vec<String> = [
        "measurement_id",
        "organisation_id",
        "company",
        "enterprise_id",
        "measurement",
        "started",
        "finalised",
        "size_class",
        "employees",
        "eu_size",
        "sector",
        "sbi_code",
        "nace",
        "province",
        "nuts2",
    ]
    .map(String::from)
    .to_vec();
    headers.extend(DIMENSIONS.iter().map(|d| d.to_string()));
    headers.extend(["overall".to_string(), "band".to_string()]);
    headers
}

/// The report for DMAs finalised from `from` (inclusive) to `until` (exclusive), Unix times,
/// read a batch at a time by [`super::export::Export`].
pub struct Report {
    from: Option<i64>,
    until: Option<i64>,
    /// Each finalised DMA's measurement number (an id and a number per DMA: small).
    numbers: HashMap<i64, usize>,
}

impl Report {
    pub async fn new(
        db: &impl ConnectionTrait,
        from: Option<i64>,
        until: Option<i64>,
    ) -> Result<Report, AppError> {
        Ok(Report {
            from,
            until,
            numbers: measurement_numbers(db).await?,
        })
    }

    /// The DMAs finalised in the period.
    fn finalised(&self) -> sea_orm::Select<assessment::Entity> {
        let mut q = assessment::Entity::find()
            .filter(assessment::Column::Variant.eq(Variant::Dma.code()))
            .filter(assessment::Column::Status.eq(STATUS_FINAL));
        if let Some(from) = self.from {
            q = q.filter(assessment::Column::FinalisedAt.gte(from));
        }
        if let Some(until) = self.until {
            q = q.filter(assessment::Column::FinalisedAt.lt(until));
        }
        q
    }

    /// How many DMAs the report has (one row each).
    pub async fn count(&self, db: &impl ConnectionTrait) -> Result<u64, AppError> {
        use sea_orm::PaginatorTrait;
        Ok(self.finalised().count(db).await?)
    }

    /// The next `size` DMAs of the period with an id above `after`.
    pub async fn assessments(
        &self,
        db: &impl ConnectionTrait,
        after: i64,
        size: u64,
    ) -> Result<Vec<assessment::Model>, AppError> {
        Ok(self
            .finalised()
            .filter(assessment::Column::Id.gt(after))
            .order_by_asc(assessment::Column::Id)
            .limit(size)
            .all(db)
            .await?)
    }

    /// One row per DMA of `batch`.
    pub async fn rows(
        &self,
        db: &impl ConnectionTrait,
        batch: Vec<assessment::Model>,
    ) -> Result<Vec<Vec<Cell>>, AppError> {
        let mut scores: HashMap<(i64, String), i16> = HashMap::new();
        for s in crate::db::rows_where_in::<assessment_score::Entity>(
            db,
            assessment_score::Column::AssessmentId,
            batch.iter().map(|a| a.id),
        )
        .await?
        {
            scores.insert((s.assessment_id, s.transition_key), s.current_score);
        }
        Ok(batch
            .into_iter()
            .map(|a| {
                let dims: Vec<Option<i16>> = DIMENSIONS
                    .iter()
                    .map(|d| scores.get(&(a.id, d.to_string())).copied())
                    .collect();
                let total = overall(a.overall_score, &dims);
                let data = CompanyData {
                    employees: a.employees,
                    sbi_code: a.sbi_code.unwrap_or_default(),
                    enterprise_id: a.enterprise_id.unwrap_or_default(),
                };
                let mut row: Vec<Cell> = vec![
                    Cell::Number(a.id as f64),
                    a.organisation_id.map(|o| o as f64).into(),
                    a.company_name.into(),
                    data.enterprise_id.clone().into(),
                    measurement(self.numbers.get(&a.id).copied().unwrap_or(0)).into(),
                    Cell::Text(crate::time::day_string(a.created_at)),
                    a.finalised_at
                        .map(|t| Cell::Text(crate::time::day_string(t)))
                        .unwrap_or(Cell::Empty),
                    a.size_class.clone().into(),
                    data.employees.into(),
                    data.eu_size(&a.size_class).unwrap_or_default().into(),
                    a.sector.clone().into(),
                    data.sbi_code.clone().into(),
                    data.nace(&a.sector).unwrap_or_default().into(),
                    a.province.clone().into(),
                    nuts2(&a.province).into(),
                ];
                row.extend(dims.into_iter().map(Cell::from));
                row.push(total.into());
                row.push(
                    total
                        .and_then(|t| u8::try_from(t).ok())
                        .map_or(Cell::Empty, |t| Band::of(t).code().into()),
                );
                row
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::company_data::sector_nace;

    #[test]
    fn codes_for_the_eu() {
        assert_eq!(nuts2("drenthe"), "NL13");
        assert_eq!(nuts2("other"), "");
        assert_eq!(measurement(1), "T1");
        // Every sector of the start form but "other" names its NACE division(s); "other"
        // is why the DMA asks the SBI code there (`assessment::company_data`).
        for (code, _) in crate::assessment::profile::SECTORS {
            assert_eq!(code == "other", sector_nace(code).is_none(), "{code}");
        }
        // Fifteen columns of who and when, the six dimensions, overall and band.
        assert_eq!(headers().len(), 15 + DIMENSIONS.len() + 2);
    }

    #[test]
    fn the_overall_score_is_the_stored_one_else_the_mean_of_the_dimensions() {
        assert_eq!(overall(Some(35), &[Some(40); 6]), Some(35));
        assert_eq!(
            overall(
                None,
                &[Some(45), Some(45), Some(50), Some(25), Some(20), Some(26)]
            ),
            Some(35)
        );
        assert_eq!(overall(None, &[None; 6]), None);
    }
}
