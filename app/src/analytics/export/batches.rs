//! The exports too large to hold in memory (assessments, answers, the EDIH report, contact
//! requests, sign-ups): read a batch of assessments (or requests, or events) at a time,
//! streamed as CSV as they are read (`csv_body`), or collected into one [`Table`] for the
//! Excel workbook and the tests.

use super::*;
use crate::web::xlsx::XlsxStream;

/// An export too large to hold: its header, and how to read its rows a batch at a time.
/// [`csv_body`] streams it; [`Export::table`] collects it (Excel, tests).
pub struct Export {
    pub headers: Vec<String>,
    walk: Walk,
}

enum Walk {
    /// The exports with a row (or rows) per finalised assessment.
    PerAssessment(AssessmentWalk),
    /// Every contact request (`requests`); no filter applies.
    ContactRequests,
    /// Every sign-up of every event (`registrations`), a few events at a time.
    Registrations,
}

enum AssessmentWalk {
    Assessments {
        filter: DashboardFilter,
        transitions: Vec<String>,
        versions: HashMap<i64, i32>,
    },
    Answers {
        filter: DashboardFilter,
        versions: HashMap<i64, i32>,
    },
    Edih(crate::analytics::edih_export::Report),
}

/// One batch of an export: its rows and the id of the last assessment (request, event) read.
pub struct Batch {
    pub rows: Vec<Vec<Cell>>,
    pub last: i64,
}

impl Export {
    /// One row per finalised assessment (under the dashboard's filters), with a current and
    /// an ambition column per transition.
    pub async fn assessments(
        db: &impl ConnectionTrait,
        filter: &DashboardFilter,
    ) -> Result<Export, AppError> {
        let transitions: Vec<String> = crate::analytics::service::transition_names(
            db,
            filter.variant.as_deref(),
            crate::i18n::Lang::Nl,
        )
        .await?
        .into_iter()
        .map(|(k, _)| k)
        .collect();
        let mut headers: Vec<String> = [
            "assessment_id",
            "variant",
            "questionnaire_version",
            "company",
            "sector",
            "size_class",
            "province",
            "respondent_role",
            "started",
            "finalised",
        ]
        .map(String::from)
        .to_vec();
        for t in &transitions {
            headers.push(format!("{t}_current"));
            headers.push(format!("{t}_ambition"));
        }
        Ok(Export {
            headers,
            walk: Walk::PerAssessment(AssessmentWalk::Assessments {
                filter: filter.clone(),
                transitions,
                versions: version_numbers(db).await?,
            }),
        })
    }

    /// Every answer of the finalised assessments under the filters, one row per item.
    pub async fn answers(
        db: &impl ConnectionTrait,
        filter: &DashboardFilter,
    ) -> Result<Export, AppError> {
        Ok(Export {
            headers: [
                "assessment_id",
                "variant",
                "questionnaire_version",
                "transition",
                "item",
                "current_level",
                "ambition_level",
                "not_applicable",
                "answer",
            ]
            .map(String::from)
            .to_vec(),
            walk: Walk::PerAssessment(AssessmentWalk::Answers {
                filter: filter.clone(),
                versions: version_numbers(db).await?,
            }),
        })
    }

    /// The EDIH report of the DMAs finalised from `from` (inclusive) to `until` (exclusive).
    pub async fn edih(
        db: &impl ConnectionTrait,
        from: Option<i64>,
        until: Option<i64>,
    ) -> Result<Export, AppError> {
        let report = crate::analytics::edih_export::Report::new(db, from, until).await?;
        Ok(Export {
            headers: crate::analytics::edih_export::headers(),
            walk: Walk::PerAssessment(AssessmentWalk::Edih(report)),
        })
    }

    /// Every contact request with its status, in the order they were sent.
    pub fn contact_requests() -> Export {
        Export {
            headers: super::requests::headers(),
            walk: Walk::ContactRequests,
        }
    }

    /// Every sign-up of every event, with its status and attendance, grouped by event.
    pub fn registrations() -> Export {
        Export {
            headers: super::registrations::headers(),
            walk: Walk::Registrations,
        }
    }

    /// How many assessments (events, for the sign-ups) to read at a time: [`BATCH`], and an
    /// eighth of it for the answers (about sixty rows per assessment: 2,000 at once made a
    /// batch of 120,000 rows and the server's memory peak at ~650 MB, `docs/benchmarks.md`).
    pub fn batch_size(&self) -> u64 {
        match self.walk {
            Walk::PerAssessment(AssessmentWalk::Answers { .. }) => BATCH / 8,
            Walk::Registrations => super::registrations::EVENTS_PER_BATCH,
            _ => BATCH,
        }
    }

    /// The rows of up to `size` assessments (requests, events) with an id above `after`;
    /// `None` after the last.
    pub async fn batch(
        &self,
        db: &impl ConnectionTrait,
        after: i64,
        size: u64,
    ) -> Result<Option<Batch>, AppError> {
        match &self.walk {
            Walk::PerAssessment(walk) => walk.batch(db, after, size).await,
            Walk::ContactRequests => super::requests::batch(db, after, size).await,
            Walk::Registrations => super::registrations::batch(db, after, size).await,
        }
    }

    /// How many assessments the export reads: its number of rows, but for the answers
    /// (a row per answer). What decides whether an Excel sheet can hold it.
    pub async fn assessment_count(&self, db: &impl ConnectionTrait) -> Result<u64, AppError> {
        match &self.walk {
            Walk::PerAssessment(AssessmentWalk::Assessments { filter, .. })
            | Walk::PerAssessment(AssessmentWalk::Answers { filter, .. }) => {
                finalised_count(db, filter).await
            }
            Walk::PerAssessment(AssessmentWalk::Edih(report)) => report.count(db).await,
            Walk::ContactRequests => super::requests::count(db).await,
            Walk::Registrations => super::registrations::count(db).await,
        }
    }

    /// Every row at once (tests, and the small tables).
    pub async fn table(self, db: &impl ConnectionTrait) -> Result<Table, AppError> {
        let mut table = Table {
            headers: self.headers.clone(),
            rows: Vec::new(),
        };
        let mut after = 0;
        while let Some(batch) = self.batch(db, after, self.batch_size()).await? {
            table.rows.extend(batch.rows);
            after = batch.last;
        }
        Ok(table)
    }
}

impl AssessmentWalk {
    /// The rows of up to `size` assessments with an id above `after`; `None` after the last.
    async fn batch(
        &self,
        db: &impl ConnectionTrait,
        after: i64,
        size: u64,
    ) -> Result<Option<Batch>, AppError> {
        let assessments = match self {
            AssessmentWalk::Assessments { filter, .. } | AssessmentWalk::Answers { filter, .. } => {
                final_batch(db, filter, after, size).await?
            }
            AssessmentWalk::Edih(report) => report.assessments(db, after, size).await?,
        };
        let Some(last) = assessments.last().map(|a| a.id) else {
            return Ok(None);
        };
        let rows = match self {
            AssessmentWalk::Assessments {
                transitions,
                versions,
                ..
            } => assessment_rows(db, assessments, transitions, versions).await?,
            AssessmentWalk::Answers { versions, .. } => {
                answer_rows(db, assessments, versions).await?
            }
            AssessmentWalk::Edih(report) => report.rows(db, assessments).await?,
        };
        Ok(Some(Batch { rows, last }))
    }
}

/// One row per finalised assessment under the filters (see [`Export::assessments`]).
pub async fn assessments(
    db: &impl ConnectionTrait,
    filter: &DashboardFilter,
) -> Result<Table, AppError> {
    Export::assessments(db, filter).await?.table(db).await
}

async fn assessment_rows(
    db: &impl ConnectionTrait,
    batch: Vec<assessment::Model>,
    transitions: &[String],
    versions: &HashMap<i64, i32>,
) -> Result<Vec<Vec<Cell>>, AppError> {
    let mut scores: HashMap<i64, HashMap<String, (i16, i16)>> = HashMap::new();
    for s in crate::db::rows_where_in::<assessment_score::Entity>(
        db,
        assessment_score::Column::AssessmentId,
        batch.iter().map(|a| a.id),
    )
    .await?
    {
        scores
            .entry(s.assessment_id)
            .or_default()
            .insert(s.transition_key, (s.current_score, s.ambition_score));
    }
    Ok(batch
        .into_iter()
        .map(|a| {
            let own = scores.remove(&a.id).unwrap_or_default();
            let mut row: Vec<Cell> = vec![
                Cell::Number(a.id as f64),
                a.variant.into(),
                versions.get(&a.questionnaire_version_id).copied().into(),
                a.company_name.into(),
                a.sector.into(),
                a.size_class.into(),
                a.province.into(),
                a.respondent_role.into(),
                day(Some(a.created_at)),
                day(a.finalised_at),
            ];
            for t in transitions {
                let s = own.get(t);
                row.push(s.map(|s| s.0).into());
                row.push(s.map(|s| s.1).into());
            }
            row
        })
        .collect())
}

async fn answer_rows(
    db: &impl ConnectionTrait,
    batch: Vec<assessment::Model>,
    versions: &HashMap<i64, i32>,
) -> Result<Vec<Vec<Cell>>, AppError> {
    let by_id: HashMap<i64, &assessment::Model> = batch.iter().map(|a| (a.id, a)).collect();
    let answers = assessment_answer::Entity::find()
        .filter(assessment_answer::Column::AssessmentId.is_in(by_id.keys().copied()))
        .order_by_asc(assessment_answer::Column::AssessmentId)
        .order_by_asc(assessment_answer::Column::ItemKey)
        .all(db)
        .await?;
    let mut rows = Vec::with_capacity(answers.len());
    for answer in answers {
        let Some(a) = by_id.get(&answer.assessment_id) else {
            continue;
        };
        let q = crate::assessment::service::questionnaire(db, a.questionnaire_version_id).await?;
        let transition = q
            .item(&answer.item_key)
            .map(|(t, _)| t.key.clone())
            .unwrap_or_default();
        rows.push(vec![
            Cell::Number(a.id as f64),
            a.variant.as_str().into(),
            versions.get(&a.questionnaire_version_id).copied().into(),
            transition.into(),
            answer.item_key.into(),
            answer.current_level.into(),
            answer.ambition_level.into(),
            if answer.not_applicable { "yes" } else { "no" }.into(),
            // A typed question's answer (choice keys, grid points, number, text).
            answer
                .answer_value
                .as_deref()
                .and_then(crate::assessment::question_kind::AnswerValue::from_json)
                .map(|v| v.plain())
                .unwrap_or_default()
                .into(),
        ]);
    }
    Ok(rows)
}

/// The CSV of `export`, written to the response batch by batch as the rows are read: the
/// header leaves at once, and memory holds one batch of `size` assessments whatever the size
/// of the file. A database error halfway ends the response with an error, so the browser
/// reports a failed download instead of keeping a file that looks complete.
pub fn csv_body(db: sea_orm::DatabaseConnection, export: Export, size: u64) -> axum::body::Body {
    use axum::body::Bytes;
    let head = crate::web::table::csv_head(&export.headers);
    let start = (db, export, Some(0i64), Some(head));
    let stream = futures::stream::unfold(start, move |(db, export, after, head)| async move {
        if let Some(head) = head {
            return Some((Ok(Bytes::from(head)), (db, export, after, None)));
        }
        match export.batch(&db, after?, size).await {
            Ok(Some(batch)) => {
                let bytes = Bytes::from(crate::web::table::csv_rows(&batch.rows));
                Some((Ok(bytes), (db, export, Some(batch.last), None)))
            }
            Ok(None) => None,
            Err(e) => Some((Err(stopped(e)), (db, export, None, None))),
        }
    });
    // Fused: the compression layer polls once more after the end, which a bare `unfold`
    // answers with a panic (and the browser with a cancelled download).
    axum::body::Body::from_stream(futures::StreamExt::fuse(stream))
}

/// The Excel workbook of `export` ([`XlsxStream`]), written to the response batch by batch as
/// the rows are read, like [`csv_body`]: the archive's first part leaves at once, each batch
/// leaves compressed before the next is read, and memory holds one batch. The workbook is
/// compressed on a blocking thread (a batch of 2,000 rows is a few milliseconds of work the
/// runtime's threads should not do). Count the rows first ([`Export::assessment_count`]): a
/// sheet holds 1,048,575, and once the download has started it can only fail, not explain.
pub fn xlsx_body(
    db: sea_orm::DatabaseConnection,
    export: Export,
    sheet: &str,
    size: u64,
) -> axum::body::Body {
    use axum::body::Bytes;
    /// Where the download stands.
    enum Step {
        /// The archive's start and the header row go first, before anything is read.
        Start(XlsxStream),
        /// The rows of the assessments after this id go next (the last batch is empty).
        After(i64, XlsxStream),
        Failed(AppError),
        Done,
    }
    let start = match XlsxStream::new(sheet, &export.headers) {
        Ok(book) => Step::Start(book),
        Err(e) => Step::Failed(e),
    };
    let stream =
        futures::stream::unfold((db, export, start), move |(db, export, step)| async move {
            let (bytes, next) = match step {
                Step::Done => return None,
                Step::Failed(e) => return Some((Err(stopped(e)), (db, export, Step::Done))),
                Step::Start(mut book) => match book.take() {
                    Ok(bytes) => (bytes, Step::After(0, book)),
                    Err(e) => return Some((Err(stopped(e)), (db, export, Step::Done))),
                },
                Step::After(after, mut book) => {
                    let batch = match export.batch(&db, after, size).await {
                        Ok(batch) => batch,
                        Err(e) => return Some((Err(stopped(e)), (db, export, Step::Done))),
                    };
                    let written = tokio::task::spawn_blocking(move || match batch {
                        Some(batch) => {
                            book.append(&batch.rows)?;
                            Ok((book.take()?, Step::After(batch.last, book)))
                        }
                        // The sheet's end and the parts that describe it: the last bytes.
                        None => Ok((book.finish()?, Step::Done)),
                    })
                    .await
                    .unwrap_or_else(|e| Err(failed_thread(e)));
                    match written {
                        Ok(done) => done,
                        Err(e) => return Some((Err(stopped(e)), (db, export, Step::Done))),
                    }
                }
            };
            Some((Ok(Bytes::from(bytes)), (db, export, next)))
        });
    axum::body::Body::from_stream(futures::StreamExt::fuse(stream))
}

/// What ends a streamed export halfway: logged here, and an error for the response body, so
/// the browser reports a failed download instead of keeping a file that looks complete.
fn stopped(e: AppError) -> std::io::Error {
    tracing::error!(error = %e, "export stopped halfway");
    std::io::Error::other(e.to_string())
}

fn failed_thread(e: tokio::task::JoinError) -> AppError {
    tracing::error!(error = %e, "xlsx writer thread failed");
    AppError::Internal
}
