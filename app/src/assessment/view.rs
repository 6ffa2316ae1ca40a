//! What the assessment pages receive from the server.

use super::model::{Priority, Questionnaire, Transition, Variant};
use super::profile::CompanyProfile;
use super::question_kind::AnswerValue;
use super::scoring::Scores;
use serde::{Deserialize, Serialize};

/// An answer as stored: levels may be half given while someone is still choosing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAnswer {
    pub item_key: String,
    pub current: Option<u8>,
    pub ambition: Option<u8>,
    pub not_applicable: bool,
    pub comment: String,
    /// The answer to a question of another type than level.
    #[serde(default)]
    pub value: Option<AnswerValue>,
    /// What was typed into a number or text field of a refused plain form post and could not
    /// be read: shown again as typed (`assessment::refill`). Never stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typed: Option<String>,
}

impl StoredAnswer {
    /// Counts towards progress: levels chosen, marked not applicable, or a typed answer.
    pub fn is_answered(&self) -> bool {
        self.not_applicable || self.current.is_some() || self.value.is_some()
    }
}

/// What a level question's island starts from: the stored answer without a typed value, so
/// the browser's module does not carry the reading of every answer type (islands' props are
/// read in the browser; `AnswerValue`'s reading alone added ~30 KB to the module).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelAnswer {
    pub current: Option<u8>,
    pub ambition: Option<u8>,
    pub not_applicable: bool,
    pub comment: String,
}

/// What a typed question's island starts from, in plain strings: the chosen option keys, the
/// grid's (row, point) pairs, the number or text as shown, the comment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedAnswer {
    pub choices: Vec<String>,
    pub grid: Vec<(String, String)>,
    pub text: String,
    pub comment: String,
}

impl StoredAnswer {
    pub fn level(&self) -> LevelAnswer {
        LevelAnswer {
            current: self.current,
            ambition: self.ambition,
            not_applicable: self.not_applicable,
            comment: self.comment.clone(),
        }
    }

    pub fn typed(&self) -> TypedAnswer {
        let mut given = TypedAnswer {
            comment: self.comment.clone(),
            ..Default::default()
        };
        match &self.value {
            Some(AnswerValue::Choice(key)) => given.choices = vec![key.clone()],
            Some(AnswerValue::Choices(keys)) => given.choices = keys.clone(),
            Some(AnswerValue::Grid(points)) => given.grid = points.clone(),
            Some(AnswerValue::Number(n)) => given.text = n.to_string(),
            Some(AnswerValue::Text(text)) => given.text = text.clone(),
            None => {}
        }
        // What was typed and refused is shown as typed.
        if let Some(typed) = &self.typed {
            given.text = typed.clone();
        }
        given
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionProgress {
    pub key: String,
    pub name_nl: String,
    pub name_en: String,
    pub answered: usize,
    pub items: usize,
}

/// Everything one transition page needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransitionSheet {
    pub reference: String,
    pub variant: Variant,
    pub company_name: String,
    pub finalised: bool,
    pub transition: Transition,
    pub answers: Vec<StoredAnswer>,
    pub priority: Option<Priority>,
    pub progress: Vec<TransitionProgress>,
    /// Questions of this page of a DMA that still hold what was prefilled from the company's
    /// Smart Factory Assessment (`assessment::dma_prefill`): the page asks to check them.
    #[serde(default)]
    pub prefilled: Vec<String>,
    /// The rest of the questionnaire as shown, for the page's runner, which moves between the
    /// transitions in the browser (`assessment::runner`).
    #[serde(default)]
    pub whole: WholeQuestionnaire,
}

/// Every transition shown to this assessment, with everything stored for it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WholeQuestionnaire {
    pub transitions: Vec<Transition>,
    pub answers: Vec<StoredAnswer>,
    pub priorities: Vec<(String, Priority)>,
    /// Questions anywhere that still hold what was prefilled (see `TransitionSheet::prefilled`).
    pub prefilled: Vec<String>,
    /// Whether answers can show or hide questions: the browser cannot work that out, so each
    /// transition is then a page of its own.
    pub conditional: bool,
}

/// The overview page: profile, progress per transition, whether it can be finalised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub reference: String,
    /// The full resume link, for resume-token references only.
    pub resume_url: Option<String>,
    pub variant: Variant,
    pub profile: CompanyProfile,
    pub finalised: bool,
    pub organisation_name: Option<String>,
    pub progress: Vec<TransitionProgress>,
    pub created_at: i64,
    /// Whether the questionnaire has conditional questions: the list may still grow or shrink
    /// with the answers, which the page says.
    #[serde(default)]
    pub conditional: bool,
    /// The whole questionnaire as shown, for the runner beside the overview that opens the
    /// transitions in the page (`assessment::runner`); none where it has conditions.
    #[serde(default)]
    pub runner: Option<TransitionSheet>,
}

/// A top priority with what its next level looks like, per item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriorityStep {
    pub transition_key: String,
    pub priority: Priority,
    pub gap: u8,
    /// (question, description of the next level) in the page's two languages.
    pub next_steps: Vec<NextStep>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NextStep {
    pub question_nl: String,
    pub question_en: String,
    pub next_nl: String,
    pub next_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub reference: String,
    pub profile: CompanyProfile,
    pub variant: Variant,
    pub finalised_at: Option<i64>,
    pub questionnaire: Questionnaire,
    pub scores: Scores,
    pub priorities: Vec<PriorityStep>,
    /// Average of other finalised assessments of this variant, when there are enough of them.
    pub peer: Option<ScoreSet>,
    /// The same, only assessments of the same size class (also at least five).
    pub peer_same_size: Option<ScoreSet>,
    /// The organisation's previous finalised assessment of this variant (T1 before this T2).
    pub previous: Option<ScoreSet>,
}

/// Scores per transition from elsewhere (peers or an earlier assessment).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreSet {
    /// How many assessments stand behind the numbers (1 for a previous assessment).
    pub count: u64,
    pub finalised_at: Option<i64>,
    /// (transition key, current, ambition).
    pub transitions: Vec<(String, u8, u8)>,
}

impl ScoreSet {
    pub fn get(&self, key: &str) -> Option<(u8, u8)> {
        self.transitions
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, c, a)| (*c, *a))
    }
}

/// What the start form can fill in for a logged-in company: its name, and sector, size and
/// province as it gave them in its newest assessment; the EU DMA's company data as it gave
/// them in its newest DMA (`assessment::company_data`), as the fields show them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyPrefill {
    pub company_name: String,
    pub sector: String,
    pub size_class: String,
    pub province: String,
    pub employees: String,
    pub sbi_code: String,
    pub enterprise_id: String,
}

/// An assessment in a list (the organisation's own, or staff views).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentSummary {
    pub reference: String,
    pub variant: Variant,
    pub company_name: String,
    pub finalised: bool,
    pub created_at: i64,
}
