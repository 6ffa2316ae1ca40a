//! What one company sees of a questionnaire: the transitions and questions whose `visible_if`
//! holds for its size class and its answers (see [`super::condition`]). Everything that counts
//! (progress, scores, the plan, which answers may be saved) works on this view, so a hidden
//! question is neither asked nor scored. Its stored answer is kept, not deleted: when a changed
//! earlier answer brings the question back, so does the answer.

use super::condition::{Facts, Subject, Value};
use super::model::Questionnaire;
use std::collections::HashSet;

/// An answer as conditions read it: a current level, "not applicable", or none yet.
pub type AnswerOf<'a> = dyn Fn(&str) -> Option<Value> + 'a;

struct Seen<'a> {
    variant: &'static str,
    size: &'a str,
    shown: &'a HashSet<String>,
    answer: &'a AnswerOf<'a>,
}

impl Facts for Seen<'_> {
    fn value(&self, subject: &Subject) -> Option<Value> {
        match subject {
            Subject::Variant => Some(Value::Text(self.variant.to_string())),
            Subject::Size => Some(Value::Text(self.size.to_string())),
            // A hidden question's answer does not count, also not for other conditions.
            Subject::Item(key) if self.shown.contains(key) => (self.answer)(key),
            Subject::Item(_) => None,
        }
    }
}

/// Whether any condition is written in `q` (most questionnaires have none: nothing to do).
pub fn has_conditions(q: &Questionnaire) -> bool {
    q.transitions
        .iter()
        .any(|t| t.visible_if.is_some() || t.items.iter().any(|i| i.visible_if.is_some()))
}

/// `q` without what is hidden for a company of `size` with these answers. A transition whose
/// questions are all hidden is hidden with them.
pub fn shown(q: &Questionnaire, size: &str, answer: &AnswerOf<'_>) -> Questionnaire {
    let mut shown_keys: HashSet<String> = HashSet::new();
    let mut out = q.clone();
    out.transitions.clear();
    for t in &q.transitions {
        // Conditions look back at earlier transitions only (the file is refused otherwise), so
        // what this transition shows is decided before its own questions are added.
        let seen = Seen {
            variant: q.variant.code(),
            size,
            shown: &shown_keys,
            answer,
        };
        if t.visible_if.as_ref().is_some_and(|c| !c.holds(&seen)) {
            continue;
        }
        let mut kept = t.clone();
        kept.items
            .retain(|i| i.visible_if.as_ref().is_none_or(|c| c.holds(&seen)));
        if kept.items.is_empty() {
            continue;
        }
        shown_keys.extend(kept.items.iter().map(|i| i.key.clone()));
        out.transitions.push(kept);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::condition::Condition;
    use crate::assessment::model::{Item, Text, Transition, Variant};
    use std::collections::HashMap;

    fn item(key: &str, condition: Option<&str>) -> Item {
        Item {
            kind: Default::default(),
            key: key.into(),
            question: Text::default(),
            levels: vec![Text::default(); 5],
            after: Vec::new(),
            steps: Vec::new(),
            visible_if: condition.map(|c| Condition::parse(c).expect("valid")),
        }
    }

    fn transition(key: &str, condition: Option<&str>, items: Vec<Item>) -> Transition {
        Transition {
            key: key.into(),
            name: Text::default(),
            intro: Text::default(),
            items,
            visible_if: condition.map(|c| Condition::parse(c).expect("valid")),
        }
    }

    /// data (collection, quality), then analysis (shown from collection 3 on, with a question
    /// for larger companies only), then ai (shown when analysis.use is answered 4 or more).
    fn questionnaire() -> Questionnaire {
        Questionnaire {
            variant: Variant::Process,
            version: 1,
            title: Text::default(),
            transitions: vec![
                transition(
                    "data",
                    None,
                    vec![item("data.collection", None), item("data.quality", None)],
                ),
                transition(
                    "analysis",
                    Some("data.collection >= 3"),
                    vec![
                        item("analysis.use", None),
                        item("analysis.team", Some("size in ['100-199', '200plus']")),
                    ],
                ),
                transition(
                    "ai",
                    None,
                    vec![item(
                        "ai.models",
                        Some("analysis.use >= 4 or data.quality == na"),
                    )],
                ),
            ],
        }
    }

    fn keys(q: &Questionnaire) -> Vec<&str> {
        q.transitions
            .iter()
            .flat_map(|t| t.items.iter().map(|i| i.key.as_str()))
            .collect()
    }

    fn seen(size: &str, answers: &[(&str, Value)]) -> Vec<String> {
        let answers: HashMap<String, Value> = answers
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let answer = |key: &str| answers.get(key).cloned();
        keys(&shown(&questionnaire(), size, &answer))
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn questions_appear_when_their_conditions_hold() {
        assert_eq!(seen("lt20", &[]), ["data.collection", "data.quality"]);
        assert_eq!(
            seen("lt20", &[("data.collection", Value::Number(3))]),
            ["data.collection", "data.quality", "analysis.use"]
        );
        assert_eq!(
            seen("200plus", &[("data.collection", Value::Number(4))]),
            [
                "data.collection",
                "data.quality",
                "analysis.use",
                "analysis.team"
            ]
        );
        assert_eq!(
            seen(
                "lt20",
                &[
                    ("data.collection", Value::Number(3)),
                    ("analysis.use", Value::Number(4))
                ]
            ),
            [
                "data.collection",
                "data.quality",
                "analysis.use",
                "ai.models"
            ]
        );
    }

    #[test]
    fn a_hidden_question_answer_counts_for_no_other_condition() {
        // analysis.use was answered 5 while analysis was shown; data.collection went back to 2,
        // so analysis is hidden and ai.models with it, although the stored 5 is still there.
        let answers = [
            ("data.collection", Value::Number(2)),
            ("analysis.use", Value::Number(5)),
        ];
        assert_eq!(seen("lt20", &answers), ["data.collection", "data.quality"]);
        // Brought back, the kept answer counts again.
        let back = [
            ("data.collection", Value::Number(3)),
            ("analysis.use", Value::Number(5)),
        ];
        assert!(seen("lt20", &back).contains(&"ai.models".to_string()));
    }

    #[test]
    fn a_transition_with_every_question_hidden_is_hidden() {
        let q = questionnaire();
        let shown_q = shown(&q, "lt20", &|_| None);
        let transitions: Vec<&str> = shown_q.transitions.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(transitions, ["data"], "ai's only question needs analysis");
        assert!(has_conditions(&q));
        let mut plain = q.clone();
        plain.transitions.truncate(1);
        assert!(!has_conditions(&plain));
        assert_eq!(shown(&plain, "lt20", &|_| None), plain);
    }
}
