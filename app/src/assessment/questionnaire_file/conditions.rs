//! The `visible_if` conditions of a file: read where they are written, then checked against
//! the whole file (what they name must exist, come on an earlier page, and be compared with a
//! value it can have).

use super::{Lines, Problem};
use crate::assessment::condition::{Condition, Op, Subject, Value};
use crate::assessment::model::Variant;
use crate::assessment::profile::SIZE_CLASSES;
use crate::i18n::Key;
use std::collections::HashMap;
use toml::Spanned;

/// A condition as written: where, and on which transition (by position in the file).
pub(super) struct Written {
    pub condition: Condition,
    pub at: (usize, usize),
    pub transition: usize,
}

/// What a condition may compare an item's answer with.
pub(super) enum Answers {
    /// A level item: levels 1-5 (in order) or `na`.
    Levels,
    /// A single choice or yes / partly / no: the option keys, as texts in quotes.
    Options(Vec<String>),
    /// Multiple choice, grid, number or text: nothing a condition can name (yet).
    Unnamed,
    /// A question whose type has a problem of its own: conditions naming it are not
    /// checked further (one mistake, one problem).
    Broken,
}

/// Reads the condition in `value`; a problem points at the character where reading stopped
/// (counted from the opening quote, exact for conditions without escapes).
pub(super) fn read(lines: &Lines, value: &Spanned<String>) -> Result<Condition, Problem> {
    Condition::parse(value.get_ref()).map_err(|e| {
        let text = value.get_ref();
        let bytes = text
            .char_indices()
            .nth(e.at)
            .map(|(i, _)| i)
            .unwrap_or(text.len());
        let at = lines.at(value.span().start + 1 + bytes);
        Problem::new(at, Key::QfConditionSyntax, &[("detail", &e.message)])
    })
}

/// Every problem of the conditions: `items` gives each question's transition position.
pub(super) fn check(
    written: &[Written],
    items: &HashMap<String, usize>,
    answers: &HashMap<String, Answers>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for w in written {
        for comparison in w.condition.comparisons() {
            let subject = comparison.subject;
            if let Subject::Item(key) = subject {
                match items.get(key) {
                    None => {
                        problems.push(Problem::new(w.at, Key::QfConditionUnknown, &[("key", key)]));
                        continue;
                    }
                    Some(&t) if t >= w.transition => {
                        problems.push(Problem::new(
                            w.at,
                            Key::QfConditionNotEarlier,
                            &[("key", key)],
                        ));
                        continue;
                    }
                    Some(_) => {}
                }
                match answers.get(key) {
                    Some(Answers::Unnamed) => {
                        problems.push(Problem::new(w.at, Key::QfConditionType, &[("key", key)]));
                        continue;
                    }
                    Some(Answers::Broken) => continue,
                    _ => {}
                }
            }
            let options = match subject {
                Subject::Item(key) => match answers.get(key) {
                    Some(Answers::Options(keys)) => Some(keys.as_slice()),
                    _ => None,
                },
                _ => None,
            };
            for value in comparison.values {
                if !fits(subject, value, options) {
                    let (shown, expected) = describe(subject, value, options);
                    problems.push(Problem::new(
                        w.at,
                        Key::QfConditionValue,
                        &[
                            ("value", &shown),
                            ("subject", &subject_name(subject)),
                            ("expected", &expected),
                        ],
                    ));
                }
            }
            // `>`, `>=`, `<`, `<=` put values in order, which only levels have.
            let ordering = match comparison.op {
                Some(Op::Gt) => Some(">"),
                Some(Op::Ge) => Some(">="),
                Some(Op::Lt) => Some("<"),
                Some(Op::Le) => Some("<="),
                _ => None,
            };
            let levels = matches!(subject, Subject::Item(_)) && options.is_none();
            if let (Some(op), false) = (ordering, levels) {
                problems.push(Problem::new(
                    w.at,
                    Key::QfConditionOrder,
                    &[("subject", &subject_name(subject)), ("op", op)],
                ));
            }
        }
    }
    problems
}

/// Whether `value` is something `subject` can be; `options` are the option keys of a choice.
fn fits(subject: &Subject, value: &Value, options: Option<&[String]>) -> bool {
    if let (Some(keys), Subject::Item(_)) = (options, subject) {
        return matches!(value, Value::Text(t) if keys.contains(t));
    }
    match (subject, value) {
        (Subject::Variant, Value::Text(t)) => Variant::parse(t).is_some(),
        (Subject::Size, Value::Text(t)) => SIZE_CLASSES.iter().any(|(c, _)| c == t),
        (Subject::Item(_), Value::Number(n)) => (1..=5).contains(n),
        (Subject::Item(_), Value::NotApplicable) => true,
        _ => false,
    }
}

fn subject_name(subject: &Subject) -> String {
    match subject {
        Subject::Variant => "variant".into(),
        Subject::Size => "size".into(),
        Subject::Item(key) => key.clone(),
    }
}

/// The value as written, and what the subject takes instead.
fn describe(subject: &Subject, value: &Value, options: Option<&[String]>) -> (String, String) {
    let shown = match value {
        Value::Number(n) => n.to_string(),
        Value::Text(t) => format!("'{t}'"),
        Value::NotApplicable => "na".into(),
    };
    let expected = match subject {
        Subject::Variant => "'manufacturing', 'suppliers', 'process'".to_string(),
        Subject::Size => SIZE_CLASSES
            .iter()
            .map(|(c, _)| format!("'{c}'"))
            .collect::<Vec<_>>()
            .join(", "),
        Subject::Item(_) => match options {
            Some(keys) => keys
                .iter()
                .map(|k| format!("'{k}'"))
                .collect::<Vec<_>>()
                .join(", "),
            None => "1, 2, 3, 4, 5, na".to_string(),
        },
    };
    (shown, expected)
}
