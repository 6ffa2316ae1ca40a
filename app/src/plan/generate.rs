//! The draft plan an assessment gives at once: pure, so it is tested without a database and
//! benchmarked on its own.
//!
//! For every transition the company gave a priority and that has a gap (in the results page's
//! order, [`need_order`](crate::assessment::scoring::need_order)), the items with the largest
//! gap become steps, each aiming one level up: the goal is the questionnaire's own text of
//! that next level. A step's horizon follows from the transition's priority and the item's
//! gap. Items the questionnaire names in `after:` come first; one that is not in the plan yet
//! but still has a gap is added, at the horizon of the step that needs it.
//!
//! Staff's step templates tailor the plan to the company's size class: a template gives the
//! step its advice ("start with a spreadsheet" for a 15-person firm, "choose an MES" for a
//! plant), or leaves the item out for that size, and the next item takes its place.

use super::model::Horizon;
use crate::assessment::model::{
    Answer, Item, Level, Priority, Questionnaire, Response, StepTemplate, Text,
};
use crate::assessment::scoring::{top_priorities, Scores};
use std::collections::{HashMap, HashSet};

/// How many items of one transition become steps: the ones with the largest gap. More would
/// turn a plan into the questionnaire again.
pub const STEPS_PER_TRANSITION: usize = 3;

/// One step of a fresh plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftStep {
    pub transition_key: String,
    pub item_key: String,
    pub from: Level,
    /// One level above `from`: a step is one move, not the whole ambition.
    pub to: Level,
    /// The questionnaire's description of level `to`.
    pub goal: Text,
    /// Staff's advice for this step at the company's size, if they wrote one.
    pub advice: Option<Text>,
    pub horizon: Horizon,
}

/// When a step is due: the higher the transition's priority and the larger the item's gap
/// (in levels), the sooner.
pub fn horizon(priority: Priority, gap_levels: u8) -> Horizon {
    let urgency = priority.weight() as u8 + gap_levels;
    match urgency {
        5.. => Horizon::Now,
        4 => Horizon::Within6Months,
        3 => Horizon::Within18Months,
        _ => Horizon::Later,
    }
}

/// What the plan is drafted from: the questionnaire version, the answers and the company's
/// size class (a profile code such as `20-49`).
struct Company<'a> {
    answers: HashMap<&'a str, &'a Answer>,
    size: &'a str,
}

impl Company<'_> {
    /// An answered item with room to grow and a step for this size: (item, current, ambition).
    fn open_item<'q>(&self, item: &'q Item) -> Option<(&'q Item, Level, Level)> {
        match self.answers.get(item.key.as_str())?.response {
            Response::Levels { current, ambition }
                if ambition > current && !self.skipped(item, current) =>
            {
                Some((item, current, ambition))
            }
            _ => None,
        }
    }

    fn template<'q>(&self, item: &'q Item, current: Level) -> Option<&'q StepTemplate> {
        item.step_template(current.next()?, self.size)
    }

    fn skipped(&self, item: &Item, current: Level) -> bool {
        self.template(item, current)
            .is_some_and(|t| t.advice.is_none())
    }

    fn step(
        &self,
        transition_key: &str,
        item: &Item,
        current: Level,
        horizon: Horizon,
    ) -> Option<DraftStep> {
        let to = current.next()?;
        Some(DraftStep {
            transition_key: transition_key.to_string(),
            item_key: item.key.clone(),
            from: current,
            to,
            goal: item.level_text(to)?.clone(),
            advice: self.template(item, current).and_then(|t| t.advice.clone()),
            horizon,
        })
    }
}

/// The draft plan of a scored assessment for a company of size class `size`, in the order its
/// steps should be taken.
pub fn draft(q: &Questionnaire, answers: &[Answer], scores: &Scores, size: &str) -> Vec<DraftStep> {
    let company = Company {
        answers: answers.iter().map(|a| (a.item_key.as_str(), a)).collect(),
        size,
    };
    let mut steps: Vec<DraftStep> = Vec::new();
    for t in top_priorities(scores) {
        let (Some(priority), Some(transition)) = (t.priority, q.transition(&t.transition_key))
        else {
            continue;
        };
        let mut open: Vec<(&Item, Level, Level)> = transition
            .items
            .iter()
            .filter_map(|item| company.open_item(item))
            .collect();
        // Largest gap first; a stable sort keeps the questionnaire's order on a tie.
        open.sort_by_key(|(_, c, a)| std::cmp::Reverse(a.value() - c.value()));
        steps.extend(
            open.into_iter()
                .take(STEPS_PER_TRANSITION)
                .filter_map(|(item, c, a)| {
                    company.step(
                        &t.transition_key,
                        item,
                        c,
                        horizon(priority, a.value() - c.value()),
                    )
                }),
        );
    }
    add_prerequisites(q, &company, &mut steps);
    in_order(q, steps)
}

/// Adds the open items that a step's `after:` names and the plan lacks, at that step's
/// horizon, until nothing more is missing (the questionnaire's order has no circles: its
/// reader checks that).
fn add_prerequisites(q: &Questionnaire, company: &Company, steps: &mut Vec<DraftStep>) {
    let mut i = 0;
    while i < steps.len() {
        let (needs, horizon) = match q.item(&steps[i].item_key) {
            Some((_, item)) => (item.after.clone(), steps[i].horizon),
            None => (Vec::new(), steps[i].horizon),
        };
        for key in needs {
            if steps.iter().any(|s| s.item_key == key) {
                continue;
            }
            let Some((transition, item)) = q.item(&key) else {
                continue;
            };
            if let Some(new) = company
                .open_item(item)
                .and_then(|(item, c, _)| company.step(&transition.key, item, c, horizon))
            {
                steps.push(new);
            }
        }
        i += 1;
    }
}

/// Puts the steps in order: by horizon, then as drafted; a step never before one its item
/// comes `after`, and never at an earlier horizon than it.
fn in_order(q: &Questionnaire, mut steps: Vec<DraftStep>) -> Vec<DraftStep> {
    let after = |key: &str| -> Vec<String> {
        q.item(key)
            .map(|(_, i)| i.after.clone())
            .unwrap_or_default()
    };
    // A step needed by an earlier one moves forward to that one's horizon. Each round settles
    // at least one more link of a chain, and chains are no longer than the plan.
    for _ in 0..steps.len() {
        let mut changed = false;
        for i in 0..steps.len() {
            for key in after(&steps[i].item_key) {
                if let Some(j) = steps.iter().position(|s| s.item_key == key) {
                    if steps[j].horizon_rank() > steps[i].horizon_rank() {
                        steps[j].horizon = steps[i].horizon;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut order: Vec<usize> = (0..steps.len()).collect();
    // A stable sort: the drafted order stays within a horizon.
    order.sort_by_key(|&i| steps[i].horizon_rank());
    let index: HashMap<&str, usize> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| (s.item_key.as_str(), i))
        .collect();
    // Each step in that order, right after the prerequisites not placed yet (depth first).
    fn place(
        i: usize,
        steps: &[DraftStep],
        index: &HashMap<&str, usize>,
        after: &dyn Fn(&str) -> Vec<String>,
        placed: &mut Vec<usize>,
        seen: &mut HashSet<usize>,
    ) {
        // `seen` before the recursion: a circle in a broken questionnaire ends here.
        if !seen.insert(i) {
            return;
        }
        for key in after(&steps[i].item_key) {
            if let Some(&j) = index.get(key.as_str()) {
                place(j, steps, index, after, placed, seen);
            }
        }
        placed.push(i);
    }
    let (mut placed, mut seen) = (Vec::with_capacity(steps.len()), HashSet::new());
    for &i in &order {
        place(i, &steps, &index, &after, &mut placed, &mut seen);
    }
    let mut slots: Vec<Option<DraftStep>> = steps.into_iter().map(Some).collect();
    placed.into_iter().filter_map(|i| slots[i].take()).collect()
}

impl DraftStep {
    fn horizon_rank(&self) -> usize {
        Horizon::ALL
            .iter()
            .position(|h| *h == self.horizon)
            .unwrap_or(Horizon::ALL.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::{Transition, Variant};
    use crate::assessment::scoring::score;

    /// Transitions `t0`, `t1`, … with items `tN.iM`, whose level texts name item and level.
    fn questionnaire(shape: &[usize], after: &[(&str, &str)]) -> Questionnaire {
        let text = |s: String| Text {
            nl: s.clone(),
            en: s,
        };
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
                        .map(|i| {
                            let key = format!("t{t}.i{i}");
                            Item {
                                kind: Default::default(),
                                question: text(format!("{key}?")),
                                levels: (1..=5).map(|l| text(format!("{key} L{l}"))).collect(),
                                after: after
                                    .iter()
                                    .filter(|(k, _)| *k == key)
                                    .map(|(_, a)| a.to_string())
                                    .collect(),
                                steps: Vec::new(),
                                visible_if: None,
                                key,
                            }
                        })
                        .collect(),
                    visible_if: None,
                })
                .collect(),
        }
    }

    fn answer(key: &str, c: u8, a: u8) -> Answer {
        Answer {
            item_key: key.into(),
            response: Response::levels(Level::new(c).unwrap(), Level::new(a).unwrap()).unwrap(),
            comment: String::new(),
        }
    }

    fn plan(q: &Questionnaire, answers: &[Answer], prios: &[(&str, Priority)]) -> Vec<DraftStep> {
        let prios = prios.iter().map(|(k, p)| (k.to_string(), *p)).collect();
        draft(q, answers, &score(q, answers, &prios), "50-99")
    }

    fn keys(steps: &[DraftStep]) -> Vec<&str> {
        steps.iter().map(|s| s.item_key.as_str()).collect()
    }

    #[test]
    fn horizons_follow_priority_and_gap() {
        assert_eq!(horizon(Priority::High, 2), Horizon::Now);
        assert_eq!(horizon(Priority::High, 1), Horizon::Within6Months);
        assert_eq!(horizon(Priority::Medium, 3), Horizon::Now);
        assert_eq!(horizon(Priority::Medium, 1), Horizon::Within18Months);
        assert_eq!(horizon(Priority::Low, 1), Horizon::Later);
        assert_eq!(horizon(Priority::Low, 3), Horizon::Within6Months);
    }

    #[test]
    fn high_priority_first_largest_gaps_only_one_level_up() {
        let q = questionnaire(&[4, 3], &[]);
        let answers = [
            answer("t0.i0", 2, 3),
            answer("t0.i1", 1, 5),
            answer("t0.i2", 3, 5),
            answer("t0.i3", 2, 4),
            answer("t1.i0", 1, 4),
            answer("t1.i1", 4, 4),
            answer("t1.i2", 2, 3),
        ];
        let steps = plan(
            &q,
            &answers,
            &[("t0", Priority::Medium), ("t1", Priority::High)],
        );
        // t1 (high) before t0 (medium); within t0 the three largest gaps, ties in file order;
        // t1.i1 has no gap and t0.i0 is the fourth of t0.
        assert_eq!(keys(&steps), ["t1.i0", "t0.i1", "t1.i2", "t0.i2", "t0.i3"]);
        let first = &steps[0];
        assert_eq!((first.from.value(), first.to.value()), (1, 2));
        assert_eq!(first.goal.nl, "t1.i0 L2", "the next level's own text");
        assert_eq!(first.horizon, Horizon::Now);
        assert_eq!(steps[2].horizon, Horizon::Within6Months, "high, one level");
        assert_eq!(
            steps[3].horizon,
            Horizon::Within6Months,
            "medium, two levels"
        );
    }

    #[test]
    fn transitions_without_priority_or_gap_give_no_steps() {
        let q = questionnaire(&[3, 3], &[]);
        let answers = [answer("t0.i0", 1, 3), answer("t1.i0", 5, 5)];
        let steps = plan(&q, &answers, &[("t1", Priority::High)]);
        assert!(steps.is_empty(), "t0 has no priority, t1 no gap: {steps:?}");
    }

    #[test]
    fn an_empty_or_fully_done_assessment_gives_an_empty_plan() {
        let q = questionnaire(&[3], &[]);
        assert!(plan(&q, &[], &[("t0", Priority::High)]).is_empty());
        let top = [
            answer("t0.i0", 5, 5),
            answer("t0.i1", 5, 5),
            answer("t0.i2", 5, 5),
        ];
        assert!(plan(&q, &top, &[("t0", Priority::High)]).is_empty());
    }

    #[test]
    fn a_prerequisite_comes_first_and_is_added_when_missing() {
        // t1.i0 ("analytics") comes after t0.i0 ("data"), which is in a transition without
        // priority: it is added, at the analytics step's horizon, and placed before it.
        let q = questionnaire(&[3, 3], &[("t1.i0", "t0.i0")]);
        let answers = [
            answer("t0.i0", 1, 2),
            answer("t1.i0", 1, 4),
            answer("t1.i1", 2, 5),
        ];
        let steps = plan(&q, &answers, &[("t1", Priority::High)]);
        assert_eq!(keys(&steps), ["t0.i0", "t1.i0", "t1.i1"]);
        assert_eq!(steps[0].horizon, Horizon::Now);
        assert_eq!(steps[0].transition_key, "t0");
    }

    #[test]
    fn a_prerequisite_at_a_later_horizon_moves_forward() {
        let q = questionnaire(&[3, 3], &[("t1.i0", "t0.i0")]);
        let answers = [answer("t0.i0", 1, 2), answer("t1.i0", 1, 3)];
        let steps = plan(
            &q,
            &answers,
            &[("t1", Priority::High), ("t0", Priority::Low)],
        );
        // t0.i0 alone would be "later" (low, one level); t1.i0 is "now".
        assert_eq!(keys(&steps), ["t0.i0", "t1.i0"]);
        assert!(steps.iter().all(|s| s.horizon == Horizon::Now), "{steps:?}");
    }

    #[test]
    fn a_prerequisite_without_a_gap_is_not_added() {
        let q = questionnaire(&[3, 3], &[("t1.i0", "t0.i0")]);
        let answers = [answer("t0.i0", 4, 4), answer("t1.i0", 1, 3)];
        let steps = plan(&q, &answers, &[("t1", Priority::High)]);
        assert_eq!(keys(&steps), ["t1.i0"]);
    }

    #[test]
    fn size_templates_give_advice_or_leave_an_item_out() {
        let mut q = questionnaire(&[4], &[]);
        let text = |s: &str| Text {
            nl: format!("{s} (nl)"),
            en: s.to_string(),
        };
        let level = |n| Level::new(n).unwrap();
        let items = &mut q.transitions[0].items;
        items[0].steps = vec![
            StepTemplate {
                to: level(2),
                size: None,
                advice: Some(text("Choose a system")),
            },
            StepTemplate {
                to: level(2),
                size: Some("lt20".into()),
                advice: Some(text("Use a spreadsheet")),
            },
        ];
        // The largest gap, but not a step for the smallest companies.
        items[1].steps = vec![StepTemplate {
            to: level(2),
            size: Some("lt20".into()),
            advice: None,
        }];
        let answers = [
            answer("t0.i0", 1, 3),
            answer("t0.i1", 1, 5),
            answer("t0.i2", 1, 2),
            answer("t0.i3", 2, 3),
        ];
        let prios = [("t0".to_string(), Priority::High)].into_iter().collect();
        let scores = score(&q, &answers, &prios);
        let small = draft(&q, &answers, &scores, "lt20");
        let large = draft(&q, &answers, &scores, "200plus");
        assert_eq!(keys(&large), ["t0.i1", "t0.i0", "t0.i2"]);
        assert_eq!(
            keys(&small),
            ["t0.i0", "t0.i2", "t0.i3"],
            "the fourth item takes the place"
        );
        let advice = |steps: &[DraftStep], key: &str| {
            steps
                .iter()
                .find(|s| s.item_key == key)
                .and_then(|s| s.advice.clone())
                .map(|a| a.en)
        };
        assert_eq!(
            advice(&small, "t0.i0").as_deref(),
            Some("Use a spreadsheet")
        );
        assert_eq!(advice(&large, "t0.i0").as_deref(), Some("Choose a system"));
        assert_eq!(
            advice(&large, "t0.i2"),
            None,
            "no template: the level text alone"
        );
        assert_eq!(
            small[0].goal.en, "t0.i0 L2",
            "the goal stays the level's text"
        );
    }

    #[test]
    fn a_prerequisite_skipped_for_the_size_is_not_added() {
        let mut q = questionnaire(&[3, 3], &[("t1.i0", "t0.i0")]);
        q.transitions[0].items[0].steps = vec![StepTemplate {
            to: Level::new(2).unwrap(),
            size: Some("20-49".into()),
            advice: None,
        }];
        let answers = [answer("t0.i0", 1, 2), answer("t1.i0", 1, 4)];
        let prios = [("t1".to_string(), Priority::High)].into_iter().collect();
        let scores = score(&q, &answers, &prios);
        assert_eq!(keys(&draft(&q, &answers, &scores, "20-49")), ["t1.i0"]);
        assert_eq!(
            keys(&draft(&q, &answers, &scores, "50-99")),
            ["t0.i0", "t1.i0"]
        );
    }
}
