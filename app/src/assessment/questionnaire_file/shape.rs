//! The file as TOML shapes it: every field a person may write, and nothing else
//! (`deny_unknown_fields`, so a misspelt field is named instead of ignored). Texts and levels
//! are optional here so that a missing language is one of the problems [`super::check`]
//! collects, with its line, rather than the one error that stops reading.

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireFile {
    pub variant: Spanned<String>,
    pub version: Spanned<i64>,
    pub title: Spanned<TextFile>,
    #[serde(default)]
    pub transitions: Vec<TransitionFile>,
}

/// A text in both languages: `name.nl = "…"` and `name.en = "…"`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextFile {
    pub nl: Option<Spanned<String>>,
    pub en: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionFile {
    pub key: Spanned<String>,
    pub name: Option<TextFile>,
    pub intro: Option<TextFile>,
    pub visible_if: Option<Spanned<String>>,
    #[serde(default)]
    pub items: Vec<ItemFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFile {
    pub key: Spanned<String>,
    pub question: Option<TextFile>,
    pub level1: Option<TextFile>,
    pub level2: Option<TextFile>,
    pub level3: Option<TextFile>,
    pub level4: Option<TextFile>,
    pub level5: Option<TextFile>,
    pub visible_if: Option<Spanned<String>>,
    #[serde(default)]
    pub after: Vec<Spanned<String>>,
    #[serde(default)]
    pub steps: Vec<StepFile>,
    /// The question type (`level` when left out); the fields below belong to the other types.
    #[serde(rename = "type")]
    pub kind: Option<Spanned<String>>,
    #[serde(default)]
    pub options: Vec<ChoiceFile>,
    #[serde(default)]
    pub rows: Vec<RowFile>,
    #[serde(default)]
    pub scale: Vec<ChoiceFile>,
    pub unit: Option<Spanned<TextFile>>,
    pub min: Option<Spanned<i64>>,
    pub max: Option<Spanned<i64>>,
    pub max_chars: Option<Spanned<i64>>,
}

/// An option of a choice question or a point of a grid's scale.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceFile {
    pub key: Spanned<String>,
    pub label: Option<TextFile>,
    pub score: Option<Spanned<i64>>,
    pub exclusive: Option<Spanned<bool>>,
}

/// A row of a grid question.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowFile {
    pub key: Spanned<String>,
    pub label: Option<TextFile>,
}

impl ItemFile {
    pub fn levels(&self) -> [(&'static str, &Option<TextFile>); 5] {
        [
            ("level1", &self.level1),
            ("level2", &self.level2),
            ("level3", &self.level3),
            ("level4", &self.level4),
            ("level5", &self.level5),
        ]
    }
}

/// Advice for the plan step up to level `to`, for one size class or every size; `skip = true`
/// instead of the texts leaves the step out for those companies.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepFile {
    pub to: Spanned<i64>,
    pub size: Option<Spanned<String>>,
    pub nl: Option<Spanned<String>>,
    pub en: Option<Spanned<String>>,
    #[serde(default)]
    pub skip: bool,
}
