//! The digitalisation plan's vocabulary: when a step is due, how far it is, what it may cost,
//! and the rules a step's fields follow. Shared by browser and server.

use crate::codes::code_enum;
use crate::i18n::Key;

code_enum! {
    /// When a step is meant to happen. The order of the values is the order on the page.
    pub enum Horizon {
        Now = "now" => PlanHorizonNow,
        Within6Months = "6m" => PlanHorizon6m,
        Within18Months = "18m" => PlanHorizon18m,
        Later = "later" => PlanHorizonLater,
    }
}

code_enum! {
    /// How far a step is.
    pub enum StepStatus {
        Planned = "planned" => PlanStatusPlanned,
        InProgress = "in_progress" => PlanStatusInProgress,
        Done = "done" => PlanStatusDone,
        Dropped = "dropped" => PlanStatusDropped,
    }
}

code_enum! {
    /// A rough budget band, enough to talk about with management or a consultant.
    pub enum Budget {
        Under5k = "lt5k" => PlanBudgetUnder5k,
        From5To25k = "5-25k" => PlanBudget5To25k,
        From25To100k = "25-100k" => PlanBudget25To100k,
        Over100k = "gt100k" => PlanBudgetOver100k,
    }
}

code_enum! {
    /// Where a plan stands, as staff follow it.
    pub enum PlanState {
        /// Drafted, no step started yet.
        Draft = "draft" => PlanStateDraft,
        /// The company asked for a consultant; staff have not assigned one yet.
        GuidanceRequested = "guidance_requested" => PlanStateGuidanceRequested,
        /// A consultant works on it with the company; not agreed yet.
        ConsultantAssigned = "consultant_assigned" => PlanStateConsultantAssigned,
        /// Both sides signed a version; no step started since.
        Agreed = "agreed" => PlanStateAgreed,
        /// At least one step in progress or done.
        InExecution = "in_execution" => PlanStateInExecution,
    }
}

code_enum! {
    /// Where a request for guidance stands.
    pub enum GuidanceState {
        /// Asked by the company, waiting for staff.
        Requested = "requested" => GuidanceStateRequested,
        /// A consultant and a voucher are assigned.
        Assigned = "assigned" => GuidanceStateAssigned,
        /// Closed by staff (or the company withdrew): the consultant no longer has access.
        Ended = "ended" => GuidanceStateEnded,
    }
}

code_enum! {
    /// Which side of a guided plan someone is on: the company or its consultant.
    pub enum Side {
        Company = "company" => PlanSideCompany,
        Consultant = "consultant" => PlanSideConsultant,
    }
}

/// A plan's state as staff follow it. A started step means execution, whatever came before;
/// otherwise the furthest the guidance got.
pub fn plan_state(guidance: Option<GuidanceState>, agreed: bool, started: bool) -> PlanState {
    match (started, agreed, guidance) {
        (true, _, _) => PlanState::InExecution,
        (false, true, _) => PlanState::Agreed,
        (false, false, Some(GuidanceState::Assigned)) => PlanState::ConsultantAssigned,
        (false, false, Some(GuidanceState::Requested)) => PlanState::GuidanceRequested,
        (false, false, Some(GuidanceState::Ended) | None) => PlanState::Draft,
    }
}

code_enum! {
    /// What a change in the plan's history did.
    pub enum ChangeKind {
        Drafted = "drafted" => PlanChangeDrafted,
        Added = "added" => PlanChangeAdded,
        Edited = "edited" => PlanChangeEdited,
        Moved = "moved" => PlanChangeMoved,
        Removed = "removed" => PlanChangeRemoved,
        /// One side signed off the plan as it stood.
        Signed = "signed" => PlanChangeSigned,
        /// Both sides signed: the plan was frozen as a version.
        Agreed = "agreed" => PlanChangeAgreed,
    }
}

impl Horizon {
    /// The horizon a day `days` from today falls in (an event added as a step): this month is
    /// "now", then up to six months, up to eighteen, and later. The page's horizons are named
    /// in months; a month is counted as 31 days so that a day named "in six months" stays in.
    pub fn for_days_ahead(days: i64) -> Horizon {
        match days {
            ..=31 => Horizon::Now,
            32..=186 => Horizon::Within6Months,
            187..=558 => Horizon::Within18Months,
            _ => Horizon::Later,
        }
    }
}

impl ChangeKind {
    /// The kinds that change what the plan says; a sign-off names the last of these.
    pub const CONTENT: [ChangeKind; 5] = [
        ChangeKind::Drafted,
        ChangeKind::Added,
        ChangeKind::Edited,
        ChangeKind::Moved,
        ChangeKind::Removed,
    ];
}

/// Longest note on a guided plan.
pub const NOTE_MAX: usize = 2000;
/// Longest message with a request for guidance.
pub const MESSAGE_MAX: usize = 1000;

#[cfg(test)]
mod state_tests {
    use super::*;

    #[test]
    fn an_event_day_falls_in_the_horizon_of_its_distance() {
        for (days, horizon) in [
            (-1, Horizon::Now),
            (0, Horizon::Now),
            (31, Horizon::Now),
            (32, Horizon::Within6Months),
            (186, Horizon::Within6Months),
            (187, Horizon::Within18Months),
            (558, Horizon::Within18Months),
            (559, Horizon::Later),
        ] {
            assert_eq!(Horizon::for_days_ahead(days), horizon, "{days} days");
        }
    }

    #[test]
    fn a_started_step_means_execution_whatever_the_guidance() {
        for g in [
            None,
            Some(GuidanceState::Requested),
            Some(GuidanceState::Assigned),
        ] {
            assert_eq!(plan_state(g, false, true), PlanState::InExecution);
            assert_eq!(plan_state(g, true, true), PlanState::InExecution);
        }
    }

    #[test]
    fn otherwise_the_furthest_the_guidance_got() {
        assert_eq!(plan_state(None, false, false), PlanState::Draft);
        assert_eq!(
            plan_state(Some(GuidanceState::Ended), false, false),
            PlanState::Draft
        );
        assert_eq!(
            plan_state(Some(GuidanceState::Requested), false, false),
            PlanState::GuidanceRequested
        );
        assert_eq!(
            plan_state(Some(GuidanceState::Assigned), false, false),
            PlanState::ConsultantAssigned
        );
        assert_eq!(
            plan_state(Some(GuidanceState::Assigned), true, false),
            PlanState::Agreed
        );
        assert_eq!(plan_state(None, true, false), PlanState::Agreed);
    }
}

/// Longest step title, owner and reason for dropping a step.
pub const TITLE_MAX: usize = 200;
pub const OWNER_MAX: usize = 100;
pub const REASON_MAX: usize = 500;
/// More steps than anyone can follow; also bounds what one plan page has to show.
pub const STEPS_MAX: usize = 60;
/// A plan without a change for this many days is stalled: the company may need a call.
pub const STALLED_DAYS: i64 = 90;

/// The fields of a step as the company edits them, already read from the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepEdit {
    pub title: String,
    pub horizon: Horizon,
    pub status: StepStatus,
    pub owner: String,
    pub target_date: Option<jiff::civil::Date>,
    pub budget: Option<Budget>,
    pub dropped_reason: String,
}

/// Why a step's fields cannot be kept, with the field it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub field: &'static str,
    pub key: Key,
}

/// A step's fields as posted, before they are read.
#[derive(Clone, Copy, Debug, Default)]
pub struct StepFields<'a> {
    pub title: &'a str,
    pub horizon: &'a str,
    pub status: &'a str,
    pub owner: &'a str,
    pub target_date: &'a str,
    pub budget: &'a str,
    pub dropped_reason: &'a str,
}

/// A step's title, trimmed: one line of at most [`TITLE_MAX`] characters. The same rule for a
/// step edited and a step added.
pub fn read_title(title: &str) -> Result<&str, Key> {
    let title = title.trim();
    if title.is_empty() {
        Err(Key::ErrPlanTitleEmpty)
    } else if !crate::text::is_single_line(title, 1, TITLE_MAX) {
        Err(Key::ErrPlanTitleInvalid)
    } else {
        Ok(title)
    }
}

/// Reads and checks a step's posted fields. `plan_started` is the day the plan was drafted: a
/// target date before it is a typing error, not a plan.
pub fn read_step(posted: StepFields, plan_started: jiff::civil::Date) -> Result<StepEdit, Refusal> {
    let StepFields {
        title,
        horizon,
        status,
        owner,
        target_date,
        budget,
        dropped_reason,
    } = posted;
    let refuse = |field, key| Refusal { field, key };
    let title = read_title(title).map_err(|key| refuse("title", key))?;
    let horizon = Horizon::parse(horizon).ok_or(refuse("horizon", Key::ErrChoiceInvalid))?;
    let status = StepStatus::parse(status).ok_or(refuse("status", Key::ErrChoiceInvalid))?;
    let owner = owner.trim();
    if !owner.is_empty() && crate::text::name(owner, 1, OWNER_MAX).is_none() {
        return Err(refuse("owner", Key::ErrPlanOwnerInvalid));
    }
    let target_date = match target_date.trim() {
        "" => None,
        typed => {
            let date: jiff::civil::Date = typed
                .parse()
                .map_err(|_| refuse("target_date", Key::ErrPlanDateInvalid))?;
            if date < plan_started || date.year() > 2100 {
                return Err(refuse("target_date", Key::ErrPlanDateBeforePlan));
            }
            Some(date)
        }
    };
    let budget = match budget.trim() {
        "" => None,
        code => Some(Budget::parse(code).ok_or(refuse("budget", Key::ErrChoiceInvalid))?),
    };
    let dropped_reason = dropped_reason.trim().replace("\r\n", "\n");
    if status == StepStatus::Dropped && dropped_reason.is_empty() {
        return Err(refuse("dropped_reason", Key::ErrPlanReasonMissing));
    }
    if !dropped_reason.is_empty() && !crate::text::is_multi_line(&dropped_reason, 1, REASON_MAX) {
        return Err(refuse("dropped_reason", Key::ErrPlanReasonInvalid));
    }
    Ok(StepEdit {
        title: title.to_string(),
        horizon,
        status,
        owner: owner.to_string(),
        target_date,
        budget,
        // A reason is kept only for a dropped step: picking "planned" again clears it.
        dropped_reason: if status == StepStatus::Dropped {
            dropped_reason
        } else {
            String::new()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn read(
        title: &str,
        status: &str,
        owner: &str,
        day: &str,
        reason: &str,
    ) -> Result<StepEdit, Refusal> {
        let posted = StepFields {
            title,
            horizon: "6m",
            status,
            owner,
            target_date: day,
            budget: "5-25k",
            dropped_reason: reason,
        };
        read_step(posted, date(2026, 12, 2))
    }

    #[test]
    fn a_complete_step_is_read_and_trimmed() {
        let step = read(
            "  Orders digitaal  ",
            "in_progress",
            " Anna ",
            "2027-03-01",
            "",
        )
        .unwrap();
        assert_eq!(step.title, "Orders digitaal");
        assert_eq!(step.owner, "Anna");
        assert_eq!(step.status, StepStatus::InProgress);
        assert_eq!(step.horizon, Horizon::Within6Months);
        assert_eq!(step.target_date, Some(date(2027, 3, 1)));
        assert_eq!(step.budget, Some(Budget::From5To25k));
    }

    #[test]
    fn bad_fields_are_refused_with_their_name() {
        let field = |r: Result<StepEdit, Refusal>| r.unwrap_err().field;
        assert_eq!(field(read(" ", "planned", "", "", "")), "title");
        assert_eq!(field(read("A\nB", "planned", "", "", "")), "title");
        assert_eq!(
            field(read(&"x".repeat(TITLE_MAX + 1), "planned", "", "", "")),
            "title"
        );
        assert_eq!(field(read("Stap", "finished", "", "", "")), "status");
        assert_eq!(
            field(read("Stap", "planned", "An\u{200b}na", "", "")),
            "owner"
        );
        assert_eq!(
            field(read("Stap", "planned", "", "1-3-2027", "")),
            "target_date"
        );
        assert_eq!(
            read("Stap", "planned", "", "2026-12-01", "")
                .unwrap_err()
                .key,
            Key::ErrPlanDateBeforePlan,
            "the day before the plan existed"
        );
        assert!(
            read("Stap", "planned", "", "2026-12-02", "").is_ok(),
            "the same day is fine"
        );
        assert_eq!(
            field(read("Stap", "dropped", "", "", " ")),
            "dropped_reason"
        );
    }

    #[test]
    fn a_reason_is_kept_only_for_a_dropped_step() {
        let dropped = read("Stap", "dropped", "", "", "Geen budget\r\ndit jaar").unwrap();
        assert_eq!(dropped.dropped_reason, "Geen budget\ndit jaar");
        let planned = read("Stap", "planned", "", "", "Geen budget").unwrap();
        assert_eq!(planned.dropped_reason, "");
    }
}
