//! The EU Digital Maturity Assessment (DMA) of the JRC, asked as the questionnaire
//! `questionnaires/dma.toml` of this engine: one transition per dimension, one or two questions
//! each. Its scores come from the shared scoring (`scoring::score`): a question scores by its
//! type (rule 8b), a dimension is the mean of its questions, the overall score the plain mean
//! of the six dimensions, which is the JRC's method (`docs/scoring.md`, "The EU DMA"). What
//! is the DMA's own lives here: the weight of a planned investment, the maturity bands, and
//! what must be answered before the measure counts. Pure code, no I/O.

use super::model::{Item, Questionnaire};
use super::question_kind::{AnswerValue, Kind};
use crate::codes::code_enum;
use std::collections::HashMap;

/// The score of a business area the company *plans* to invest in (question 1), on the 0-100
/// scale where "already invested" is 100 and "not invested" 0. Public descriptions of the
/// JRC method differ here (a plan counted as half an investment, or as much as one). We count
/// it half: a plan is intent, not yet capability, and a company then moves up when its plan
/// becomes an investment. The shipped file carries this score on the `planned` point of
/// `dma_strategy.investments`; a unit test holds the two together, and `docs/scoring.md` says
/// why and where to change it.
pub const PLANNED_INVESTMENT_SCORE: u8 = 50;

/// The question whose scale carries [`PLANNED_INVESTMENT_SCORE`], and that scale point.
pub const INVESTMENTS_ITEM: &str = "dma_strategy.investments";
pub const PLANNED_POINT: &str = "planned";

code_enum! {
    /// The JRC's maturity bands of a dimension or overall score.
    pub enum Band {
        Basic = "basic" => DmaBandBasic,
        Average = "average" => DmaBandAverage,
        ModeratelyAdvanced = "moderately_advanced" => DmaBandModeratelyAdvanced,
        Advanced = "advanced" => DmaBandAdvanced,
    }
}

impl Band {
    /// The band of a whole score: 0-25 basic, 26-50 average, 51-75 moderately advanced,
    /// 76-100 advanced (the JRC's published ranges; scores are rounded before banding).
    pub fn of(score: u8) -> Band {
        match score {
            0..=25 => Band::Basic,
            26..=50 => Band::Average,
            51..=75 => Band::ModeratelyAdvanced,
            _ => Band::Advanced,
        }
    }
}

/// Whether an item's stored answer is complete enough for the measure: any answer, and for a
/// grid every row (the JRC asks each technology; a row left open is not "not used").
fn complete(item: &Item, value: Option<&AnswerValue>) -> bool {
    match (&item.kind, value) {
        (Kind::Grid { rows, .. }, Some(AnswerValue::Grid(points))) => rows
            .iter()
            .all(|r| points.iter().any(|(row, _)| *row == r.key)),
        (_, Some(_)) => true,
        (_, None) => false,
    }
}

/// The transitions (dimensions) with a shown question that is not completely answered, in
/// questionnaire order. `answers` maps item keys to their typed values; `q` is the version as
/// shown to the company (hidden questions removed). A DMA counts only when this is empty:
/// the EU compares all six dimensions, so a partial measure would not compare.
pub fn incomplete<'q>(
    q: &'q Questionnaire,
    answers: &HashMap<&str, Option<&AnswerValue>>,
) -> Vec<&'q str> {
    q.transitions
        .iter()
        .filter(|t| {
            t.items.iter().any(|item| {
                let value = answers.get(item.key.as_str()).copied().flatten();
                !complete(item, value)
            })
        })
        .map(|t| t.key.as_str())
        .collect()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::assessment::model::{Answer, Response, Variant};
    use crate::assessment::question_kind::score::value_score;
    use crate::assessment::questionnaire_file::parse;
    use crate::assessment::questionnaires::SOURCES;
    use crate::assessment::scoring::score;

    fn dma() -> Questionnaire {
        let (file, source) = SOURCES
            .iter()
            .find(|(f, _)| f.ends_with("dma.toml"))
            .expect("the DMA file is shipped");
        parse(file, source).unwrap_or_else(|e| panic!("{e}"))
    }

    fn value(q: &Questionnaire, key: &str, v: AnswerValue) -> Answer {
        let (_, item) = q.item(key).expect("item exists");
        let response = value_score(&item.kind, &v).map_or(Response::Unscored, Response::Scored);
        Answer {
            item_key: key.into(),
            response,
            comment: String::new(),
        }
    }

    fn ticks(keys: &[&str]) -> AnswerValue {
        AnswerValue::Choices(keys.iter().map(|k| k.to_string()).collect())
    }

    fn grid(points: &[(&str, &str)]) -> AnswerValue {
        AnswerValue::Grid(
            points
                .iter()
                .map(|(r, p)| (r.to_string(), p.to_string()))
                .collect(),
        )
    }

    #[test]
    fn the_shipped_file_is_the_jrc_structure() {
        let q = dma();
        assert_eq!(q.variant, Variant::Dma);
        let shape: Vec<(&str, usize)> = q
            .transitions
            .iter()
            .map(|t| (t.key.as_str(), t.items.len()))
            .collect();
        assert_eq!(
            shape,
            [
                ("dma_strategy", 2),
                ("dma_readiness", 2),
                ("dma_human", 2),
                ("dma_data", 2),
                ("dma_automation", 1),
                ("dma_green", 2)
            ]
        );
        // The planned point carries the one constant.
        let Some(Kind::Grid { scale, .. }) = q.item(INVESTMENTS_ITEM).map(|(_, i)| &i.kind) else {
            panic!("investments is a grid");
        };
        let planned = scale
            .iter()
            .find(|p| p.key == PLANNED_POINT)
            .expect("planned point");
        assert_eq!(planned.score, Some(PLANNED_INVESTMENT_SCORE));
        // "Data not collected digitally" stands alone and scores nothing.
        let Some(Kind::Multiple { options }) = q.item("dma_data.management").map(|(_, i)| &i.kind)
        else {
            panic!("data management is a multiple choice");
        };
        let negative = options
            .iter()
            .find(|o| o.key == "not_digital")
            .expect("negative");
        assert!(negative.exclusive && negative.score == Some(0));
    }

    #[test]
    fn bands_follow_the_jrc_ranges() {
        let bands: Vec<Band> = [0, 25, 26, 50, 51, 75, 76, 100].map(Band::of).to_vec();
        assert_eq!(
            bands,
            [
                Band::Basic,
                Band::Basic,
                Band::Average,
                Band::Average,
                Band::ModeratelyAdvanced,
                Band::ModeratelyAdvanced,
                Band::Advanced,
                Band::Advanced
            ]
        );
    }

    /// A company worked out by hand with the JRC's method (each question 0-10, a dimension
    /// the sum of its two questions × 5 or its one question × 10, overall the mean):
    /// - Q1: 3 of 10 areas invested, 2 planned: (3 + 2 × 0.5) / 10 = 4.0; Q2: 4 of 8 = 5.0
    ///   → strategy (4 + 5) × 5 = 45.
    /// - Q3: 5 of 10 = 5.0; Q4: use points 5, 3, 0, 0, 2, 0, 4 of 5 each = 14 / 35 × 10 = 4.0
    ///   → readiness 45.
    /// - Q5: 7 of 7 = 10; Q6: none of these = 0 → human-centric 50.
    /// - Q7: "data not collected digitally" = 0; Q8: 3 of 6 = 5.0 → data 25.
    /// - Q9: points 1, 1, 0, 0, 3 = 5 / 25 × 10 = 2.0 → automation 20.
    /// - Q10: 1 of 10 = 1.0; Q11: yes, partly, partly, no, no = 2 / 5 × 10 = 4.0 → green 25.
    ///
    /// Overall (45 + 45 + 50 + 25 + 20 + 25) / 6 = 35 → average.
    #[test]
    fn a_hand_computed_company_scores_as_the_jrc_method_says() {
        let q = dma();
        let answers = vec![
            value(
                &q,
                "dma_strategy.investments",
                grid(&[
                    ("design", "invested"),
                    ("planning", "invested"),
                    ("operations", "invested"),
                    ("cooperation", "planned"),
                    ("inbound", "planned"),
                    ("sales", "none"),
                    ("delivery", "none"),
                    ("administration", "none"),
                    ("purchasing", "none"),
                    ("security", "none"),
                ]),
            ),
            value(
                &q,
                "dma_strategy.readiness",
                ticks(&["needs", "money", "management", "value"]),
            ),
            value(
                &q,
                "dma_readiness.basic",
                ticks(&["connectivity", "website", "social", "remote", "systems"]),
            ),
            value(
                &q,
                "dma_readiness.advanced",
                grid(&[
                    ("simulation", "operational"),
                    ("vr_ar", "testing"),
                    ("cad_cam", "not_used"),
                    ("mes", "not_used"),
                    ("iot", "prototyping"),
                    ("blockchain", "not_used"),
                    ("additive", "implementing"),
                ]),
            ),
            value(
                &q,
                "dma_human.skills",
                ticks(&[
                    "audit",
                    "plan",
                    "short",
                    "on_the_job",
                    "placements",
                    "subsidised",
                    "hiring",
                ]),
            ),
            value(&q, "dma_human.engagement", ticks(&["none"])),
            value(&q, "dma_data.management", ticks(&["not_digital"])),
            value(
                &q,
                "dma_data.security",
                ticks(&["policy", "backup", "training"]),
            ),
            value(
                &q,
                "dma_automation.technologies",
                grid(&[
                    ("language", "considering"),
                    ("vision", "considering"),
                    ("audio", "not_used"),
                    ("robotics", "not_used"),
                    ("decisions", "testing"),
                ]),
            ),
            value(&q, "dma_green.uses", ticks(&["energy"])),
            value(
                &q,
                "dma_green.practices",
                grid(&[
                    ("efficient_devices", "yes"),
                    ("green_services", "partly"),
                    ("longer_use", "partly"),
                    ("recycling", "no"),
                    ("procurement", "no"),
                ]),
            ),
        ];
        let scores = score(&q, &answers, &HashMap::new());
        let dimensions: Vec<Option<u8>> = scores.transitions.iter().map(|t| t.current).collect();
        assert_eq!(
            dimensions,
            [Some(45), Some(45), Some(50), Some(25), Some(20), Some(25)]
        );
        assert_eq!(scores.overall_current, Some(35));
        assert_eq!(Band::of(35), Band::Average);
        // No ambition is asked: it equals the current score, so there is never a gap.
        assert!(scores.transitions.iter().all(|t| t.gap == Some(0)));
    }

    #[test]
    fn the_top_and_bottom_of_the_scale() {
        let q = dma();
        let mut top = Vec::new();
        let mut bottom = Vec::new();
        for item in q.transitions.iter().flat_map(|t| &t.items) {
            let (high, low) = match &item.kind {
                Kind::Grid { rows, scale } => {
                    let (max, min) = (&scale[scale.len() - 1].key, &scale[0].key);
                    let all = |p: &str| {
                        AnswerValue::Grid(
                            rows.iter()
                                .map(|r| (r.key.clone(), p.to_string()))
                                .collect(),
                        )
                    };
                    (all(max), all(min))
                }
                Kind::Multiple { options } => (
                    AnswerValue::Choices(
                        options
                            .iter()
                            .filter(|o| !o.exclusive)
                            .map(|o| o.key.clone())
                            .collect(),
                    ),
                    AnswerValue::Choices(vec![options[options.len() - 1].key.clone()]),
                ),
                other => panic!("unexpected type {other:?}"),
            };
            top.push(value(&q, &item.key, high));
            bottom.push(value(&q, &item.key, low));
        }
        let top = score(&q, &top, &HashMap::new());
        assert_eq!(top.overall_current, Some(100));
        assert_eq!(Band::of(100), Band::Advanced);
        let bottom = score(&q, &bottom, &HashMap::new());
        assert_eq!(bottom.overall_current, Some(0));
        assert!(bottom.transitions.iter().all(|t| t.current == Some(0)));
    }

    #[test]
    fn a_measure_with_an_open_question_or_grid_row_is_incomplete() {
        let q = dma();
        let full_grid = |key: &str| {
            let Some(Kind::Grid { rows, scale }) = q.item(key).map(|(_, i)| &i.kind) else {
                panic!("{key} is a grid");
            };
            AnswerValue::Grid(
                rows.iter()
                    .map(|r| (r.key.clone(), scale[0].key.clone()))
                    .collect(),
            )
        };
        let none = ticks(&["none"]);
        let mut values: Vec<(&str, AnswerValue)> = vec![
            (
                "dma_strategy.investments",
                full_grid("dma_strategy.investments"),
            ),
            ("dma_strategy.readiness", none.clone()),
            ("dma_readiness.basic", none.clone()),
            (
                "dma_readiness.advanced",
                full_grid("dma_readiness.advanced"),
            ),
            ("dma_human.skills", none.clone()),
            ("dma_human.engagement", none.clone()),
            ("dma_data.management", ticks(&["not_digital"])),
            ("dma_data.security", none.clone()),
            (
                "dma_automation.technologies",
                full_grid("dma_automation.technologies"),
            ),
            ("dma_green.uses", none.clone()),
            ("dma_green.practices", full_grid("dma_green.practices")),
        ];
        let map = |values: &[(&str, AnswerValue)]| -> Vec<String> {
            let owned: HashMap<&str, Option<&AnswerValue>> =
                values.iter().map(|(k, v)| (*k, Some(v))).collect();
            incomplete(&q, &owned)
                .into_iter()
                .map(String::from)
                .collect()
        };
        assert!(map(&values).is_empty());
        // One grid row left open, and one question not answered at all.
        values[3].1 = grid(&[("simulation", "testing")]);
        values.retain(|(k, _)| *k != "dma_green.uses");
        assert_eq!(map(&values), ["dma_readiness", "dma_green"]);
    }
}
