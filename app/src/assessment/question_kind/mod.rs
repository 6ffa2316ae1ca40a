//! Question types besides the level item: what each asks, what an answer to it is, how it
//! scores ([`score`]) and which answers it takes ([`accept`]). Shared by browser and server,
//! so the page, the saving and the scoring read one definition.
//!
//! A level item (current and ambition on five described levels) stays the default type and
//! keeps its own fields on [`super::model::Item`], so questionnaires stored before types
//! existed keep their hash.

pub mod accept;
pub mod score;

use super::model::Text;
use serde::{Deserialize, Serialize};

/// How a question is asked and answered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Kind {
    /// Current level and ambition on the item's five described levels, or not applicable.
    #[default]
    Level,
    /// One of several options.
    Single { options: Vec<Choice> },
    /// Any of several options; an `exclusive` option ("none of these") stands alone.
    Multiple { options: Vec<Choice> },
    /// Rows each answered on one shared scale (e.g. 0-5, "not used" … "operational").
    Grid { rows: Vec<Row>, scale: Vec<Choice> },
    /// Yes, partly or no.
    YesPartlyNo,
    /// A whole number in `min..=max`, with a unit ("employees", "%").
    Number {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Text>,
        min: i64,
        max: i64,
    },
    /// A short free text on one line.
    ShortText { max_chars: u16 },
}

impl Kind {
    pub fn is_level(&self) -> bool {
        matches!(self, Kind::Level)
    }

    /// The code the file and the pages use for the type.
    pub fn code(&self) -> &'static str {
        match self {
            Kind::Level => "level",
            Kind::Single { .. } => "single",
            Kind::Multiple { .. } => "multiple",
            Kind::Grid { .. } => "grid",
            Kind::YesPartlyNo => "yes_partly_no",
            Kind::Number { .. } => "number",
            Kind::ShortText { .. } => "text",
        }
    }

    /// Whether answers to this question can have a score at all (numbers and texts never do,
    /// choices only when some option carries a score).
    pub fn is_scored(&self) -> bool {
        match self {
            Kind::Level | Kind::YesPartlyNo => true,
            Kind::Single { options } | Kind::Multiple { options } => {
                options.iter().any(|o| o.score.is_some())
            }
            Kind::Grid { scale, .. } => scale.iter().any(|o| o.score.is_some()),
            Kind::Number { .. } | Kind::ShortText { .. } => false,
        }
    }
}

/// The type codes a file may give, in the order the format documents them.
pub const CODES: [&str; 7] = [
    "level",
    "single",
    "multiple",
    "grid",
    "yes_partly_no",
    "number",
    "text",
];

/// An option of a choice, or a point of a grid's scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub key: String,
    pub label: Text,
    /// 0-100; an option without a score is answered but leaves the question out of the
    /// scores (like "not applicable").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    /// Multiple choice only: the option cannot be ticked together with another.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
}

/// A row of a grid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub key: String,
    pub label: Text,
}

/// The three answers of a yes / partly / no question, with their scores.
pub const YES_PARTLY_NO: [(&str, u8); 3] = [("yes", 100), ("partly", 50), ("no", 0)];

/// The longest short text a file may allow, and what it allows when it says nothing.
pub const MAX_SHORT_TEXT: u16 = 500;
pub const DEFAULT_SHORT_TEXT: u16 = 200;

/// Limits on a question's parts, far beyond a readable question and small enough that a
/// page stays usable on a phone.
pub const MAX_OPTIONS: usize = 20;
pub const MAX_ROWS: usize = 20;
pub const MIN_SCALE: usize = 2;
pub const MAX_SCALE: usize = 7;

/// An answer to a question of a type other than level. Stored as JSON in the answer's
/// `answer_value` column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum AnswerValue {
    /// Single choice, or yes / partly / no: the option's key.
    Choice(String),
    /// Multiple choice: the ticked options' keys, never empty (nothing ticked is no answer).
    Choices(Vec<String>),
    /// Grid: (row key, scale point key) for each row answered, never empty.
    Grid(Vec<(String, String)>),
    Number(i64),
    Text(String),
}

impl AnswerValue {
    /// The value as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored value; `None` for one that cannot be read (it then counts as unanswered
    /// rather than failing the page).
    pub fn from_json(stored: &str) -> Option<AnswerValue> {
        serde_json::from_str(stored).ok()
    }

    /// The answer on one line, for exports: option keys, `row=point` pairs, the number or
    /// the text (keys are stable where labels change with the language and version).
    pub fn plain(&self) -> String {
        match self {
            AnswerValue::Choice(key) => key.clone(),
            AnswerValue::Choices(keys) => keys.join(";"),
            AnswerValue::Grid(points) => points
                .iter()
                .map(|(row, point)| format!("{row}={point}"))
                .collect::<Vec<_>>()
                .join(";"),
            AnswerValue::Number(n) => n.to_string(),
            AnswerValue::Text(text) => text.clone(),
        }
    }

    /// The option key a condition compares with (single choice, yes / partly / no).
    pub fn choice(&self) -> Option<&str> {
        match self {
            AnswerValue::Choice(key) => Some(key),
            _ => None,
        }
    }
}
