//! Scores of an assessment: per transition a current and an ambition score (0-100), the gap
//! between them, an overall score, and the ranking of priorities. Pure functions, used by the
//! server (results, benchmarks) and the browser (live progress). Rules in `docs/scoring.md`.

use super::model::{Answer, Level, Priority, Questionnaire, Response, Transition};
use super::view::StoredAnswer;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TransitionScore {
    pub transition_key: String,
    /// `None` when no item of the transition has levels (all unanswered or not applicable).
    pub current: Option<u8>,
    pub ambition: Option<u8>,
    pub gap: Option<u8>,
    pub answered: usize,
    pub not_applicable: usize,
    pub items: usize,
    pub priority: Option<Priority>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub transitions: Vec<TransitionScore>,
    pub overall_current: Option<u8>,
    pub overall_ambition: Option<u8>,
}

/// Rounds half away from zero to a whole number on 0-100 (0.5 → 1, 49.5 → 50).
fn round_score(value: f64) -> u8 {
    value.round().clamp(0.0, 100.0) as u8
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Scores an assessment against the questionnaire version it was answered under. Answers to
/// items the questionnaire does not have are ignored (they cannot occur through the app).
pub fn score(
    questionnaire: &Questionnaire,
    answers: &[Answer],
    priorities: &HashMap<String, Priority>,
) -> Scores {
    let by_item: HashMap<&str, &Answer> =
        answers.iter().map(|a| (a.item_key.as_str(), a)).collect();
    let mut transitions = Vec::with_capacity(questionnaire.transitions.len());
    let (mut all_current, mut all_ambition) = (Vec::new(), Vec::new());
    for t in &questionnaire.transitions {
        let (mut current, mut ambition, mut not_applicable) = (Vec::new(), Vec::new(), 0);
        for item in &t.items {
            match by_item.get(item.key.as_str()).map(|a| a.response) {
                Some(Response::Levels {
                    current: c,
                    ambition: a,
                }) => {
                    current.push(c.score());
                    ambition.push(a.score());
                }
                // No ambition is asked of a typed question: it stays where it is (rule 8b).
                Some(Response::Scored(score)) => {
                    current.push(score);
                    ambition.push(score);
                }
                Some(Response::NotApplicable) => not_applicable += 1,
                Some(Response::Unscored) | None => {}
            }
        }
        // Means are taken unrounded, and the gap from them, so rounding happens once.
        let (c, a) = (mean(&current), mean(&ambition));
        if let (Some(c), Some(a)) = (c, a) {
            all_current.push(c);
            all_ambition.push(a);
        }
        transitions.push(TransitionScore {
            transition_key: t.key.clone(),
            current: c.map(round_score),
            ambition: a.map(round_score),
            gap: c.zip(a).map(|(c, a)| round_score(a - c)),
            answered: current.len(),
            not_applicable,
            items: t.items.len(),
            priority: priorities.get(&t.key).copied(),
        });
    }
    Scores {
        transitions,
        overall_current: mean(&all_current).map(round_score),
        overall_ambition: mean(&all_ambition).map(round_score),
    }
}

/// The answers that count for scoring: a current level without ambition counts as "stay
/// here"; a typed answer counts with its type's score (`question_kind::score`). `q` is the
/// version the answers were given under.
pub fn scorable(q: &Questionnaire, answers: &[StoredAnswer]) -> Vec<Answer> {
    use super::question_kind::score::value_score;
    // Looked up by key once: a search per answer made long questionnaires quadratic.
    let items: HashMap<&str, &super::model::Item> = q
        .transitions
        .iter()
        .flat_map(|t| &t.items)
        .map(|i| (i.key.as_str(), i))
        .collect();
    answers
        .iter()
        .filter_map(|s| {
            let response = if let Some(value) = &s.value {
                let item = items.get(s.item_key.as_str())?;
                match value_score(&item.kind, value) {
                    Some(score) => Response::Scored(score),
                    None => Response::Unscored,
                }
            } else if s.not_applicable {
                Response::NotApplicable
            } else {
                let current = Level::new(s.current?)?;
                let ambition = s.ambition.and_then(Level::new).unwrap_or(current);
                Response::levels(current, ambition)?
            };
            Some(Answer {
                item_key: s.item_key.clone(),
                response,
                comment: s.comment.clone(),
            })
        })
        .collect()
}

/// One transition's score as its page shows it while the company answers (the browser's live
/// score): the same [`scorable`] and [`score`] the server finalises with, over the page's
/// questions. `variant` is the questionnaire's; `answers` may hold answers to other items.
pub fn transition_score(
    variant: super::model::Variant,
    transition: &Transition,
    answers: &[StoredAnswer],
) -> TransitionScore {
    let q = Questionnaire {
        variant,
        version: 0,
        title: Default::default(),
        transitions: vec![transition.clone()],
    };
    let mut scores = score(&q, &scorable(&q, answers), &HashMap::new());
    scores.transitions.pop().unwrap_or(TransitionScore {
        transition_key: transition.key.clone(),
        current: None,
        ambition: None,
        gap: None,
        answered: 0,
        not_applicable: 0,
        items: 0,
        priority: None,
    })
}

/// The order in which a company's needs are shown: the priority the company chose first (high,
/// medium, low, then none), the larger gap within the same priority, questionnaire order on a
/// tie (callers sort stably). The results page, the plan of next steps and the matching's
/// reasons all use this one order, so a theme marked *high* is never shown after a *medium*
/// one, whatever their gaps.
pub fn need_order(a: (Option<Priority>, f64), b: (Option<Priority>, f64)) -> std::cmp::Ordering {
    let rank = |p: Option<Priority>| p.map_or(0.0, Priority::weight);
    rank(b.0).total_cmp(&rank(a.0)).then(b.1.total_cmp(&a.1))
}

/// The transitions the company gave a priority and that have a gap, in [`need_order`].
pub fn top_priorities(scores: &Scores) -> Vec<&TransitionScore> {
    let mut ranked: Vec<(Priority, f64, &TransitionScore)> = scores
        .transitions
        .iter()
        .filter_map(|t| {
            let gap = f64::from(t.gap?);
            (gap > 0.0).then_some((t.priority?, gap, t))
        })
        .collect();
    // A stable sort: equal priority and gap keep the questionnaire's order.
    ranked.sort_by(|a, b| need_order((Some(a.0), a.1), (Some(b.0), b.1)));
    ranked.into_iter().map(|(_, _, t)| t).collect()
}

/// Share of items answered (levels or not applicable), 0-100, for progress indicators.
pub fn progress(answered_or_na: usize, items: usize) -> u8 {
    if items == 0 {
        return 100;
    }
    ((answered_or_na.min(items) * 100) / items) as u8
}

/// Scores (0-100) fall in five bands of 20 points, matching the five maturity levels.
pub const BANDS: usize = 5;

pub fn band_of(score: i64) -> usize {
    (score.clamp(0, 100) as usize / 20).min(BANDS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::{Item, Level, Text, Transition, Variant};

    #[test]
    fn bands_split_scores_in_fifths() {
        assert_eq!(band_of(0), 0);
        assert_eq!(band_of(19), 0);
        assert_eq!(band_of(20), 1);
        assert_eq!(band_of(79), 3);
        assert_eq!(band_of(80), 4);
        assert_eq!(band_of(100), 4);
        assert_eq!(band_of(140), 4);
    }

    fn questionnaire(shape: &[usize]) -> Questionnaire {
        Questionnaire {
            variant: Variant::Manufacturing,
            version: 1,
            title: Text::default(),
            transitions: shape
                .iter()
                .enumerate()
                .map(|(t, n)| Transition {
                    key: format!("t{t}"),
                    name: Text::default(),
                    intro: Text::default(),
                    items: (0..*n)
                        .map(|i| Item {
                            kind: Default::default(),
                            key: format!("t{t}.i{i}"),
                            question: Text::default(),
                            levels: vec![Text::default(); 5],
                            after: Vec::new(),
                            steps: Vec::new(),
                            visible_if: None,
                        })
                        .collect(),
                    visible_if: None,
                })
                .collect(),
        }
    }

    fn levels(key: &str, c: u8, a: u8) -> Answer {
        Answer {
            item_key: key.into(),
            response: Response::levels(Level::new(c).unwrap(), Level::new(a).unwrap()).unwrap(),
            comment: String::new(),
        }
    }

    fn na(key: &str) -> Answer {
        Answer {
            item_key: key.into(),
            response: Response::NotApplicable,
            comment: String::new(),
        }
    }

    #[test]
    fn a_typed_answer_counts_for_current_and_ambition_alike() {
        let q = questionnaire(&[3]);
        let typed = |key: &str, response| Answer {
            item_key: key.into(),
            response,
            comment: String::new(),
        };
        let s = score(
            &q,
            &[
                levels("t0.i0", 1, 5),
                typed("t0.i1", Response::Scored(60.0)),
                typed("t0.i2", Response::Unscored),
            ],
            &HashMap::new(),
        );
        let t = &s.transitions[0];
        // Current (0 + 60) / 2, ambition (100 + 60) / 2; the unscored answer counts nowhere.
        assert_eq!(
            (t.current, t.ambition, t.gap),
            (Some(30), Some(80), Some(50))
        );
        assert_eq!(t.answered, 2);
    }

    #[test]
    fn levels_map_to_zero_to_hundred_and_gap_is_the_difference() {
        let q = questionnaire(&[2]);
        let s = score(
            &q,
            &[levels("t0.i0", 1, 3), levels("t0.i1", 3, 5)],
            &HashMap::new(),
        );
        let t = &s.transitions[0];
        assert_eq!(
            (t.current, t.ambition, t.gap),
            (Some(25), Some(75), Some(50))
        );
        assert_eq!(
            (s.overall_current, s.overall_ambition),
            (Some(25), Some(75))
        );
    }

    #[test]
    fn not_applicable_items_are_left_out_of_the_score() {
        let q = questionnaire(&[3]);
        let s = score(
            &q,
            &[levels("t0.i0", 5, 5), na("t0.i1"), na("t0.i2")],
            &HashMap::new(),
        );
        let t = &s.transitions[0];
        assert_eq!(t.current, Some(100), "N/A items do not pull the score down");
        assert_eq!((t.answered, t.not_applicable, t.items), (1, 2, 3));
    }

    #[test]
    fn empty_transitions_have_no_score_and_do_not_count_overall() {
        let q = questionnaire(&[2, 2]);
        let s = score(&q, &[levels("t0.i0", 3, 4), na("t1.i0")], &HashMap::new());
        assert_eq!(s.transitions[1].current, None);
        assert_eq!(s.transitions[1].gap, None);
        assert_eq!(
            s.overall_current,
            Some(50),
            "only the scored transition counts"
        );
        let nothing = score(&q, &[], &HashMap::new());
        assert_eq!(nothing.overall_current, None);
    }

    #[test]
    fn rounding_is_half_away_from_zero_and_happens_once() {
        // Three items at levels 1, 1, 2: current mean 8.333 → 8; ambition 2, 2, 2 → 25.
        let q = questionnaire(&[3]);
        let s = score(
            &q,
            &[
                levels("t0.i0", 1, 2),
                levels("t0.i1", 1, 2),
                levels("t0.i2", 2, 2),
            ],
            &HashMap::new(),
        );
        let t = &s.transitions[0];
        assert_eq!((t.current, t.ambition), (Some(8), Some(25)));
        assert_eq!(
            t.gap,
            Some(17),
            "25 - 8.33 = 16.67 → 17, not 25 - 8 = 17 by luck"
        );
        assert_eq!(round_score(12.5), 13);
        assert_eq!(round_score(0.49), 0);
    }

    #[test]
    fn priorities_rank_by_chosen_priority_then_gap_with_stable_ties() {
        let q = questionnaire(&[1, 1, 1, 1, 1, 1]);
        let answers = [
            levels("t0.i0", 1, 3), // gap 50
            levels("t1.i0", 1, 2), // gap 25
            levels("t2.i0", 1, 3), // gap 50
            levels("t3.i0", 2, 2), // gap 0
            levels("t4.i0", 1, 5), // gap 100
            levels("t5.i0", 1, 3), // gap 50
        ];
        let priorities = HashMap::from([
            ("t0".to_string(), Priority::Medium),
            // High with a small gap comes before every medium, however large their gaps.
            ("t1".to_string(), Priority::High),
            ("t2".to_string(), Priority::Medium), // tie with t0: questionnaire order
            ("t3".to_string(), Priority::High),   // no gap: left out
            ("t4".to_string(), Priority::Low),    // the largest gap, but low
            ("t5".to_string(), Priority::Medium),
        ]);
        let s = score(&q, &answers, &priorities);
        let keys: Vec<&str> = top_priorities(&s)
            .iter()
            .map(|t| t.transition_key.as_str())
            .collect();
        assert_eq!(keys, ["t1", "t0", "t2", "t5", "t4"]);
        assert!(top_priorities(&score(&q, &answers, &HashMap::new())).is_empty());
    }

    #[test]
    fn need_order_puts_priority_before_gap_and_none_last() {
        use std::cmp::Ordering::*;
        let (high, low) = (Some(Priority::High), Some(Priority::Low));
        assert_eq!(need_order((high, 1.0), (low, 100.0)), Less);
        assert_eq!(need_order((low, 1.0), (None, 100.0)), Less);
        assert_eq!(need_order((low, 60.0), (low, 50.0)), Less);
        assert_eq!(need_order((None, 50.0), (None, 50.0)), Equal);
    }

    #[test]
    fn progress_counts_answered_items() {
        assert_eq!(progress(0, 4), 0);
        assert_eq!(progress(3, 4), 75);
        assert_eq!(progress(9, 4), 100);
        assert_eq!(progress(0, 0), 100);
    }

    /// The browser's live score of one page equals what the server finalises for that
    /// transition, for every shipped questionnaire (the DMA with its typed questions too) and
    /// many answer sets: unanswered, not applicable, current only, partly answered pages.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_live_score_of_a_page_equals_the_finalised_score() {
        use crate::assessment::question_kind::{AnswerValue, Kind, YES_PARTLY_NO};
        use crate::assessment::questionnaire_file::parse;
        let mut seed: u64 = 0x5eed_1234_abcd_0001;
        let mut next = move |n: u64| {
            // xorshift64: a fixed, reproducible sequence without a test dependency.
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for (file, source) in crate::assessment::questionnaires::SOURCES {
            let q = parse(file, source).unwrap();
            for _ in 0..60 {
                let mut answers = Vec::new();
                for item in q.transitions.iter().flat_map(|t| &t.items) {
                    let mut a = StoredAnswer {
                        item_key: item.key.clone(),
                        ..Default::default()
                    };
                    match (&item.kind, next(6)) {
                        (_, 0) => continue,
                        (Kind::Level, 1) => a.not_applicable = true,
                        (Kind::Level, 2) => a.current = Some(1 + next(5) as u8),
                        (Kind::Level, _) => {
                            let c = 1 + next(5) as u8;
                            a.current = Some(c);
                            a.ambition = Some(c + next(u64::from(6 - c)) as u8);
                        }
                        (Kind::Single { options }, _) => {
                            let o = &options[next(options.len() as u64) as usize];
                            a.value = Some(AnswerValue::Choice(o.key.clone()));
                        }
                        (Kind::YesPartlyNo, _) => {
                            let (k, _) = YES_PARTLY_NO[next(3) as usize];
                            a.value = Some(AnswerValue::Choice(k.to_string()));
                        }
                        (Kind::Multiple { options }, _) => {
                            let o = &options[next(options.len() as u64) as usize];
                            a.value = Some(AnswerValue::Choices(vec![o.key.clone()]));
                        }
                        (Kind::Number { min, .. }, _) => a.value = Some(AnswerValue::Number(*min)),
                        (Kind::ShortText { .. }, _) => {
                            a.value = Some(AnswerValue::Text("x".into()))
                        }
                        (Kind::Grid { rows, scale }, _) => {
                            let point = &scale[next(scale.len() as u64) as usize];
                            a.value = Some(AnswerValue::Grid(
                                rows.iter()
                                    .map(|r| (r.key.clone(), point.key.clone()))
                                    .collect(),
                            ));
                        }
                    }
                    answers.push(a);
                }
                let finalised = score(&q, &scorable(&q, &answers), &HashMap::new());
                for (t, server) in q.transitions.iter().zip(&finalised.transitions) {
                    let live = transition_score(q.variant, t, &answers);
                    assert_eq!(&live, server, "{file}, {}", t.key);
                }
            }
        }
    }
}
