//! Benchmark (not a test): `cargo bench -p server --bench questionnaire`.
//!
//! The questionnaire engine of issue 19, pure (no database), each measured side by side with
//! the shipped questionnaire in the same run so the result reads as a ratio:
//! - reading and checking a questionnaire file: a generated 500-question file (every question
//!   type, a condition on every fifth transition) against the shipped 59-question file;
//! - scoring an assessment with conditions (the company's view worked out from its answers,
//!   typed answers scored by type, then the transition scores) against scoring the shipped
//!   questionnaire, which has no conditions.
//!
//! Results go into `docs/benchmarks.md` by hand.

use app::assessment::model::{Item, Level, Questionnaire, Text, Transition, Variant};
use app::assessment::question_kind::{AnswerValue, Choice, Kind, Row};
use app::assessment::questionnaire_file::{parse, to_toml};
use app::assessment::questionnaires::SOURCES;
use app::assessment::scoring;
use app::assessment::service::{scorable, shown_for};
use app::assessment::view::StoredAnswer;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn text(s: String) -> Text {
    Text {
        nl: format!("{s} (nl)"),
        en: s,
    }
}

fn choices(prefix: &str, n: u8) -> Vec<Choice> {
    (0..n)
        .map(|i| Choice {
            key: format!("{prefix}{i}"),
            label: text(format!("Option {i}")),
            score: Some(i * (100 / (n - 1).max(1))),
            exclusive: false,
        })
        .collect()
}

/// 100 transitions of 5 questions, the types in turn; from the second transition on, every
/// fifth one is shown only when the first question of the transition before is at level 2+.
fn generated() -> Questionnaire {
    let transitions = (0..100)
        .map(|t| {
            let items = (0..5)
                .map(|i| {
                    let kind = match (t + i) % 6 {
                        0 | 5 => Kind::Level,
                        1 => Kind::Single {
                            options: choices("o", 4),
                        },
                        2 => Kind::Multiple {
                            options: choices("m", 6),
                        },
                        3 => Kind::Grid {
                            rows: (0..4)
                                .map(|r| Row {
                                    key: format!("r{r}"),
                                    label: text(format!("Row {r}")),
                                })
                                .collect(),
                            scale: choices("s", 6),
                        },
                        _ => Kind::YesPartlyNo,
                    };
                    // The first question of each transition is a level (what conditions read).
                    let kind = if i == 0 { Kind::Level } else { kind };
                    Item {
                        key: format!("t{t}.q{i}"),
                        question: text(format!("Question {i} of theme {t}?")),
                        levels: if kind.is_level() {
                            (1..=5).map(|l| text(format!("Level {l}"))).collect()
                        } else {
                            Vec::new()
                        },
                        kind,
                        after: Vec::new(),
                        steps: Vec::new(),
                        visible_if: None,
                    }
                })
                .collect();
            let visible_if = (t > 0 && t % 5 == 0).then(|| {
                app::assessment::condition::Condition::parse(&format!("t{}.q0 >= 2", t - 1))
                    .expect("condition")
            });
            Transition {
                key: format!("t{t}"),
                name: text(format!("Theme {t}")),
                intro: text(format!("About theme {t}.")),
                items,
                visible_if,
            }
        })
        .collect();
    Questionnaire {
        variant: Variant::Process,
        version: 9,
        title: text("Generated".into()),
        transitions,
    }
}

/// An answer to every question, of its type.
fn answers(q: &Questionnaire) -> Vec<StoredAnswer> {
    q.transitions
        .iter()
        .flat_map(|t| &t.items)
        .enumerate()
        .map(|(n, item)| {
            let level = 1 + (n % 5) as u8;
            let value = match &item.kind {
                Kind::Level => None,
                Kind::Single { options } => Some(AnswerValue::Choice(options[n % 4].key.clone())),
                Kind::Multiple { options } => Some(AnswerValue::Choices(
                    options.iter().step_by(2).map(|o| o.key.clone()).collect(),
                )),
                Kind::Grid { rows, scale } => Some(AnswerValue::Grid(
                    rows.iter()
                        .map(|r| (r.key.clone(), scale[n % 6].key.clone()))
                        .collect(),
                )),
                _ => Some(AnswerValue::Choice("partly".into())),
            };
            StoredAnswer {
                item_key: item.key.clone(),
                current: value.is_none().then_some(level),
                ambition: value.is_none().then_some(Level::MAX),
                not_applicable: false,
                comment: String::new(),
                value,
                typed: None,
            }
        })
        .collect()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    let samples = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    median(samples)
}

fn main() {
    let (file, shipped_source) = SOURCES[0];
    let shipped = parse(file, shipped_source).expect("the shipped file reads");
    let big = generated();
    let big_source = to_toml(&big);
    assert_eq!(parse("generated", &big_source).expect("reads"), big);
    println!(
        "files: shipped {} questions, {} KB; generated {} questions, {} KB",
        shipped.item_count(),
        shipped_source.len() / 1024,
        big.item_count(),
        big_source.len() / 1024
    );

    let read_shipped = time(200, || {
        std::hint::black_box(parse(file, shipped_source).ok());
    });
    let read_big = time(50, || {
        std::hint::black_box(parse("generated", &big_source).ok());
    });
    println!(
        "read and check: shipped {read_shipped:.1?}, 500 questions {read_big:.1?}; ratio {:.1} \
         ({:.1} per question: {:.1?} against {:.1?})",
        read_big.as_secs_f64() / read_shipped.as_secs_f64(),
        (read_big.as_secs_f64() / big.item_count() as f64)
            / (read_shipped.as_secs_f64() / shipped.item_count() as f64),
        read_big / big.item_count() as u32,
        read_shipped / shipped.item_count() as u32,
    );

    let prios = HashMap::new();
    let shipped = Arc::new(shipped);
    let shipped_answers = answers(&shipped);
    let score_shipped = time(2000, || {
        let q = shown_for(shipped.clone(), "50-99", &shipped_answers);
        std::hint::black_box(scoring::score(&q, &scorable(&q, &shipped_answers), &prios));
    });
    let big = Arc::new(big);
    let big_answers = answers(&big);
    let shown = shown_for(big.clone(), "50-99", &big_answers);
    let score_big = time(500, || {
        let q = shown_for(big.clone(), "50-99", &big_answers);
        std::hint::black_box(scoring::score(&q, &scorable(&q, &big_answers), &prios));
    });
    println!(
        "scoring with conditions: shipped {score_shipped:.1?} (no conditions), 500 questions \
         {score_big:.1?} ({} of {} transitions shown); ratio {:.1} ({:.1} per question)",
        shown.transitions.len(),
        big.transitions.len(),
        score_big.as_secs_f64() / score_shipped.as_secs_f64(),
        (score_big.as_secs_f64() / big.item_count() as f64)
            / (score_shipped.as_secs_f64() / shipped.item_count() as f64),
    );
}
