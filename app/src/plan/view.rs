//! What the plan page shows, as the server sends it to the page.

use super::model::{Budget, ChangeKind, GuidanceState, Horizon, PlanState, Side, StepStatus};
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
    /// The asker's side (the company, or the consultant assigned); `None` for staff.
    pub side: Option<Side>,
    /// A logged-in member of the company: may ask for guidance and sign off.
    pub company_member: bool,
    /// The open request for guidance, if there is one.
    pub guidance: Option<GuidanceView>,
    /// The consultants among the company's matches, best first (`(profile id, name)`), to
    /// prefer one when asking for guidance.
    pub consultant_choices: Vec<(i64, String)>,
    pub notes: Vec<NoteView>,
    /// The agreed versions, newest first.
    pub versions: Vec<VersionLine>,
    /// Whether the plan changed since the newest agreed version (the next version's draft).
    pub changed_since_agreed: bool,
    /// What helps with the open steps, per theme (shown at each step on that theme).
    pub help: Vec<ThemeHelp>,
    /// The questionnaires' transitions, to name those in a match's reasons.
    pub choices: Vec<crate::providers::model::TransitionChoice>,
    /// A logged-in member of the company may contact a matched profile from a step.
    pub can_contact: bool,
}

/// What helps with the steps on one theme (a transition).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeHelp {
    pub transition_key: String,
    /// Upcoming events on the theme, soonest first.
    pub events: Vec<HelpEvent>,
    /// Providers and consultants among the company's matches that cover the theme, best
    /// first, with the matching's reasons.
    pub profiles: Vec<crate::matching::view::MatchView>,
    /// Published best practices on the theme, of the company's size class first.
    pub cases: Vec<crate::practices::view::PracticeCard>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpEvent {
    pub slug: String,
    pub title: Text,
    pub kind: crate::events::model::EventKind,
    pub starts_at: i64,
    /// A masterclass that is not yet a step of this plan: the company may add it as one.
    pub addable: bool,
}

/// The event a step is (a masterclass added from the plan's help).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepEvent {
    pub slug: String,
    pub starts_at: i64,
}

/// A request for guidance and, once assigned, the consultant and the voucher.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidanceView {
    pub state: GuidanceState,
    pub requested_at: i64,
    pub requested_by: String,
    pub message: String,
    /// The consultant the company would like, if it named one.
    pub preferred: Option<String>,
    pub consultant: Option<String>,
    /// The consultant's public profile.
    pub consultant_slug: Option<String>,
    pub period: String,
    pub budget_half_days: u32,
    pub used_half_days: u32,
    /// Who signed off the plan as it stands now (a sign-off before a change no longer counts).
    pub company_signed_by: Option<String>,
    pub consultant_signed_by: Option<String>,
    pub work: Vec<WorkView>,
}

/// Days a consultant logged against the voucher.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkView {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub half_days: u32,
    pub who: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    pub at: i64,
    pub who: String,
    pub side: Side,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionLine {
    pub number: u32,
    pub agreed_at: i64,
}

/// A step as it was agreed: what a version keeps (also its stored JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionStep {
    pub title: crate::assessment::model::Text,
    pub theme: crate::assessment::model::Text,
    pub horizon: Horizon,
    pub status: StepStatus,
    pub owner: String,
    pub target_date: String,
    pub budget: Option<Budget>,
}

/// An agreed version of a plan, as it was signed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    pub reference: String,
    pub company_name: String,
    pub number: u32,
    pub agreed_at: i64,
    pub company_signed_by: String,
    pub consultant_signed_by: String,
    pub steps: Vec<VersionStep>,
}

/// A plan a consultant guides, in their own list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidedRow {
    pub reference: String,
    pub company_name: String,
    pub assigned_at: i64,
    pub budget_half_days: u32,
    pub used_half_days: u32,
    pub versions: u32,
}

/// One request for guidance in the staff's pipeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidanceRow {
    pub id: i64,
    pub reference: String,
    pub company_name: String,
    pub state: GuidanceState,
    pub requested_at: i64,
    pub requested_by: String,
    pub message: String,
    pub preferred: Option<String>,
    pub consultant: Option<String>,
    pub period: String,
    pub budget_half_days: u32,
    pub used_half_days: u32,
    pub versions: u32,
}

/// A programme period with its default voucher.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodView {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub default_half_days: u32,
}

/// Voucher days summed for one consultant or one period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoucherTotal {
    pub name: String,
    pub trajectories: u32,
    pub budget_half_days: u32,
    pub used_half_days: u32,
}

/// The staff's guidance page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidancePipeline {
    pub rows: Vec<GuidanceRow>,
    /// Published consultant profiles with an account: `(profile id, name)`.
    pub consultants: Vec<(i64, String)>,
    pub periods: Vec<PeriodView>,
    /// The voucher a new assignment starts with: today's period's, or the programme's.
    pub default_half_days: u32,
    pub per_consultant: Vec<VoucherTotal>,
    pub per_period: Vec<VoucherTotal>,
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
    pub transition_key: String,
    pub transition_name: Text,
    /// The title the company gave it; `None` while it keeps the questionnaire's goal.
    pub title: Option<String>,
    /// The next level's text, for a step drafted from an item.
    pub goal: Option<Text>,
    /// Staff's advice for the company's size class, drafted with the step.
    pub advice: Option<Text>,
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
    /// The event this step is, when it was added from the help (`None` if it was cancelled).
    pub event: Option<StepEvent>,
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

/// One page of the staff's list of plans.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanList {
    pub rows: Vec<PlanRow>,
    /// Plans in the list (all, or the stalled ones), over every page.
    pub total: u64,
    pub page: u32,
    pub pages: u32,
}

/// A plan in the company's own list on the account page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPlan {
    pub reference: String,
    pub company_name: String,
    pub drafted_at: i64,
    pub reminders_on: bool,
}
