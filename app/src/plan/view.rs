//! What the plan page shows, as the server sends it to the page.

use super::model::{Budget, ChangeKind, Horizon, PlanState, StepStatus};
use crate::assessment::model::{Priority, Text, Variant};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanView {
    pub reference: String,
    pub company_name: String,
    pub variant: Variant,
    pub size_class: String,
    pub finalised_at: Option<i64>,
    pub created_at: i64,
    /// Whether the asker may change the plan (the company; staff only read it).
    pub can_edit: bool,
    pub overall_current: Option<u8>,
    pub overall_ambition: Option<u8>,
    /// The company's priorities with their scores, in the results page's order.
    pub priorities: Vec<PriorityLine>,
    /// Every transition of the questionnaire (for the "add a step" form).
    pub transitions: Vec<(String, Text)>,
    pub steps: Vec<StepView>,
    pub changes: Vec<ChangeView>,
    /// Whether follow-up mails are on, and the day (`YYYY-MM-DD`) to repeat the assessment.
    pub reminders_on: bool,
    pub reassess_on: String,
    /// Follow-ups go to the organisation's members; an assessment kept by its link has none.
    pub has_organisation: bool,
    /// The company's newest assessment after this one, per priority (T0 → T1).
    pub progress: Option<Progress>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub finalised_at: Option<i64>,
    /// (theme, current score in this assessment, current score in the later one).
    pub transitions: Vec<(Text, Option<u8>, u8)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriorityLine {
    pub transition_key: String,
    pub name: Text,
    pub priority: Priority,
    pub current: Option<u8>,
    pub ambition: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    pub id: i64,
    pub transition_name: Text,
    /// The title the company gave it; `None` while it keeps the questionnaire's goal.
    pub title: Option<String>,
    /// The next level's text, for a step drafted from an item.
    pub goal: Option<Text>,
    pub from_level: Option<u8>,
    pub to_level: Option<u8>,
    pub horizon: Horizon,
    pub status: StepStatus,
    pub owner: String,
    /// `YYYY-MM-DD`, or empty.
    pub target_date: String,
    pub budget: Option<Budget>,
    pub dropped_reason: String,
    /// Titles of steps in this plan that come first (from the questionnaire's `after:`).
    pub needs: Vec<String>,
}

impl StepView {
    /// What the step is called on the page: its own title, or the goal in the page's language.
    pub fn shown_title(&self, lang: crate::i18n::Lang) -> String {
        match (&self.title, &self.goal) {
            (Some(t), _) => t.clone(),
            (None, Some(goal)) => goal.get(lang).to_string(),
            (None, None) => String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeView {
    pub at: i64,
    /// The person's name, or `None` for someone using the assessment's private link.
    pub who: Option<String>,
    pub kind: ChangeKind,
    pub step_title: String,
    /// Codes of the fields an edit changed: title, horizon, status, owner, target_date, budget.
    pub fields: Vec<String>,
}

/// A plan in the staff's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    /// `o<assessment id>`: staff open the plan by the assessment's id.
    pub reference: String,
    pub company_name: String,
    pub variant: Variant,
    pub drafted_at: i64,
    pub changed_at: i64,
    pub steps: u32,
    pub done: u32,
    pub state: PlanState,
    /// No change in [`STALLED_DAYS`](super::model::STALLED_DAYS) days.
    pub stalled: bool,
}
