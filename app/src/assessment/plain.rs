//! Answers and question kinds in the plain shapes the browser reads back (island props, the
//! answer queue).
//!
//! `AnswerValue` and `Kind` are tagged enums; serde reads a tagged enum by buffering it into
//! its generic `Content` first, and that machinery is ~30 KB of WASM that nothing else in the
//! islands needs. Writing them costs little, so the islands post the tagged forms the server
//! stores; only what the browser *reads* goes through these mirrors, converted back on
//! arrival. Scoring then runs on the real types, in the one shared code.

use super::question_kind::{AnswerValue, Choice, Kind, Row};
use super::view::StoredAnswer;
use serde::{Deserialize, Serialize};

/// What a save hands back: the transition's answers and its priority as stored now, so a
/// page someone else fills in at the same time takes them on its next save (the later
/// answer per item wins).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredPage {
    pub transition: String,
    pub answers: Vec<PlainAnswer>,
    /// The priority's code; empty while none is chosen.
    pub priority: String,
}

/// An [`AnswerValue`] as a plain struct: `kind` says which fields hold it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlainValue {
    kind: u8,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    keys: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    grid: Vec<(String, String)>,
    #[serde(default)]
    number: i64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    text: String,
}

const CHOICE: u8 = 0;
const CHOICES: u8 = 1;
const GRID: u8 = 2;
const NUMBER: u8 = 3;
const TEXT: u8 = 4;

impl From<&AnswerValue> for PlainValue {
    fn from(value: &AnswerValue) -> Self {
        let mut plain = PlainValue::default();
        match value {
            AnswerValue::Choice(key) => {
                plain.kind = CHOICE;
                plain.keys = vec![key.clone()];
            }
            AnswerValue::Choices(keys) => {
                plain.kind = CHOICES;
                plain.keys = keys.clone();
            }
            AnswerValue::Grid(points) => {
                plain.kind = GRID;
                plain.grid = points.clone();
            }
            AnswerValue::Number(n) => {
                plain.kind = NUMBER;
                plain.number = *n;
            }
            AnswerValue::Text(text) => {
                plain.kind = TEXT;
                plain.text = text.clone();
            }
        }
        plain
    }
}

impl PlainValue {
    pub fn value(self) -> Option<AnswerValue> {
        Some(match self.kind {
            CHOICE => AnswerValue::Choice(self.keys.into_iter().next()?),
            CHOICES => AnswerValue::Choices(self.keys),
            GRID => AnswerValue::Grid(self.grid),
            NUMBER => AnswerValue::Number(self.number),
            TEXT => AnswerValue::Text(self.text),
            _ => return None,
        })
    }
}

/// One answer as a question shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlainAnswer {
    pub item_key: String,
    pub current: Option<u8>,
    pub ambition: Option<u8>,
    pub not_applicable: bool,
    pub comment: String,
    pub value: Option<PlainValue>,
}

impl PlainAnswer {
    pub fn of_stored(s: &StoredAnswer) -> Self {
        PlainAnswer {
            item_key: s.item_key.clone(),
            current: s.current,
            ambition: s.ambition,
            not_applicable: s.not_applicable,
            comment: s.comment.clone(),
            value: s.value.as_ref().map(PlainValue::from),
        }
    }

    pub fn of_save(s: &super::api::SaveAnswer) -> Self {
        PlainAnswer {
            item_key: s.item_key.clone(),
            current: s.current,
            ambition: s.ambition,
            not_applicable: s.not_applicable,
            comment: s.comment.clone(),
            value: s.value.as_ref().map(PlainValue::from),
        }
    }

    pub fn stored(self) -> StoredAnswer {
        StoredAnswer {
            item_key: self.item_key,
            current: self.current,
            ambition: self.ambition,
            not_applicable: self.not_applicable,
            comment: self.comment,
            value: self.value.and_then(PlainValue::value),
            typed: None,
        }
    }
}

/// A question's [`Kind`] with what scoring reads: option and scale keys with their scores,
/// row keys, a number's bounds. No labels (the page shows them already).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlainKind {
    code: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    options: Vec<(String, Option<u8>, bool)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    rows: Vec<String>,
    #[serde(default, skip_serializing_if = "is_zero")]
    min: i64,
    #[serde(default, skip_serializing_if = "is_zero")]
    max: i64,
}

/// Bounds only numbers and texts have: a level question travels as `{"code":"level"}`.
fn is_zero(n: &i64) -> bool {
    *n == 0
}

fn plain_choices(choices: &[Choice]) -> Vec<(String, Option<u8>, bool)> {
    choices
        .iter()
        .map(|c| (c.key.clone(), c.score, c.exclusive))
        .collect()
}

fn choices(plain: Vec<(String, Option<u8>, bool)>) -> Vec<Choice> {
    plain
        .into_iter()
        .map(|(key, score, exclusive)| Choice {
            key,
            label: Default::default(),
            score,
            exclusive,
        })
        .collect()
}

impl From<&Kind> for PlainKind {
    fn from(kind: &Kind) -> Self {
        let mut plain = PlainKind {
            code: kind.code().to_string(),
            ..Default::default()
        };
        match kind {
            Kind::Level | Kind::YesPartlyNo => {}
            Kind::Single { options } | Kind::Multiple { options } => {
                plain.options = plain_choices(options);
            }
            Kind::Grid { rows, scale } => {
                plain.rows = rows.iter().map(|r| r.key.clone()).collect();
                plain.options = plain_choices(scale);
            }
            Kind::Number { min, max, .. } => {
                plain.min = *min;
                plain.max = *max;
            }
            Kind::ShortText { max_chars } => plain.max = i64::from(*max_chars),
        }
        plain
    }
}

impl PlainKind {
    /// The kind back, without labels; an unknown code reads as a level question.
    pub fn kind(self) -> Kind {
        match self.code.as_str() {
            "single" => Kind::Single {
                options: choices(self.options),
            },
            "multiple" => Kind::Multiple {
                options: choices(self.options),
            },
            "grid" => Kind::Grid {
                rows: self
                    .rows
                    .into_iter()
                    .map(|key| Row {
                        key,
                        label: Default::default(),
                    })
                    .collect(),
                scale: choices(self.options),
            },
            "yes_partly_no" => Kind::YesPartlyNo,
            "number" => Kind::Number {
                unit: None,
                min: self.min,
                max: self.max,
            },
            "text" => Kind::ShortText {
                max_chars: u16::try_from(self.max).unwrap_or(u16::MAX),
            },
            _ => Kind::Level,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(key: &str, score: Option<u8>, exclusive: bool) -> Choice {
        Choice {
            key: key.into(),
            label: Default::default(),
            score,
            exclusive,
        }
    }

    #[test]
    fn every_answer_value_comes_back_the_same() {
        for value in [
            AnswerValue::Choice("a".into()),
            AnswerValue::Choices(vec!["a".into(), "b".into()]),
            AnswerValue::Grid(vec![("r1".into(), "p2".into())]),
            AnswerValue::Number(-42),
            AnswerValue::Text("tekst \"met\" é".into()),
        ] {
            let text = serde_json::to_string(&PlainValue::from(&value)).unwrap();
            let back: PlainValue = serde_json::from_str(&text).unwrap();
            assert_eq!(back.value(), Some(value), "{text}");
        }
        assert_eq!(
            PlainValue {
                kind: 9,
                ..Default::default()
            }
            .value(),
            None
        );
    }

    #[test]
    fn every_kind_comes_back_without_its_labels() {
        for kind in [
            Kind::Level,
            Kind::YesPartlyNo,
            Kind::Single {
                options: vec![choice("a", Some(100), false), choice("b", None, false)],
            },
            Kind::Multiple {
                options: vec![choice("a", Some(50), false), choice("none", Some(0), true)],
            },
            Kind::Grid {
                rows: vec![Row {
                    key: "r".into(),
                    label: Default::default(),
                }],
                scale: vec![choice("p0", Some(0), false), choice("p1", Some(100), false)],
            },
            Kind::Number {
                unit: None,
                min: 0,
                max: 500,
            },
            Kind::ShortText { max_chars: 120 },
        ] {
            let text = serde_json::to_string(&PlainKind::from(&kind)).unwrap();
            let back: PlainKind = serde_json::from_str(&text).unwrap();
            assert_eq!(back.kind(), kind, "{text}");
        }
    }

    #[test]
    fn an_answer_comes_back_as_stored() {
        let stored = StoredAnswer {
            item_key: "i".into(),
            current: Some(2),
            ambition: Some(4),
            not_applicable: false,
            comment: "c".into(),
            value: Some(AnswerValue::Choices(vec!["x".into()])),
            typed: None,
        };
        assert_eq!(PlainAnswer::of_stored(&stored).stored(), stored);
    }
}
