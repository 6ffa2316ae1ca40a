//! The Smart Factory Assessment's domain: variants, transitions, items, levels, answers.
//! Shared by browser and server.

use super::condition::Condition;
use super::question_kind::Kind;
use crate::codes::code_enum;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

code_enum! {
    /// The questionnaires the platform asks: the three Smart Factory variants, each for a kind
    /// of company, and the EU's Digital Maturity Assessment for EDIH customers.
    pub enum Variant {
        /// Maakindustrie.
        Manufacturing = "manufacturing" => VariantManufacturing,
        /// Toeleveranciers.
        Suppliers = "suppliers" => VariantSuppliers,
        /// Procesindustrie.
        Process = "process" => VariantProcess,
        /// The EU Digital Maturity Assessment (JRC): six dimensions, no ambition, no plan.
        Dma = "dma" => VariantDma,
    }
}

impl Variant {
    /// The Smart Factory variants: kinds of company, which providers, practices and the plan
    /// are about. The DMA is a measure, not a kind of company.
    pub const SMART_FACTORY: [Variant; 3] =
        [Variant::Manufacturing, Variant::Suppliers, Variant::Process];

    /// The EU Digital Maturity Assessment: scored per dimension with the JRC's bands, without
    /// ambition, priorities or a plan (see `assessment::dma`).
    pub fn is_dma(self) -> bool {
        self == Variant::Dma
    }
}

/// A text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

/// A maturity level, 1 (just starting) to 5 (leading). Only [`Level::new`] makes one, so a
/// function that takes a `Level` never checks the range again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Level(u8);

impl Level {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(value: u8) -> Option<Level> {
        (Level::MIN..=Level::MAX)
            .contains(&value)
            .then_some(Level(value))
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// The level's place on the 0-100 scale: level 1 is 0, level 5 is 100.
    pub fn score(self) -> f64 {
        f64::from(self.0 - Level::MIN) * 100.0 / f64::from(Level::MAX - Level::MIN)
    }

    /// The level above this one, if any: what "the next step" looks like.
    pub fn next(self) -> Option<Level> {
        Level::new(self.0 + 1)
    }
}

impl TryFrom<u8> for Level {
    type Error = String;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Level::new(value).ok_or_else(|| format!("level {value} is outside 1-5"))
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level.0
    }
}

code_enum! {
    /// How much a company wants to work on a transition.
    pub enum Priority {
        Low = "low" => PriorityLow,
        Medium = "medium" => PriorityMedium,
        High = "high" => PriorityHigh,
    }
}

impl Priority {
    /// Weight in the ranking of priorities (priority × gap).
    pub fn weight(self) -> f64 {
        match self {
            Priority::Low => 1.0,
            Priority::Medium => 2.0,
            Priority::High => 3.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub key: String,
    pub question: Text,
    /// How the question is asked: the level item unless the file says otherwise. Left out of
    /// the stored JSON for a level item, so versions stored before types existed keep their
    /// hash.
    #[serde(default, skip_serializing_if = "Kind::is_level")]
    pub kind: Kind,
    /// Descriptors of levels 1 to 5, in order; empty for the other types.
    #[serde(default)]
    pub levels: Vec<Text>,
    /// Items whose next step comes before this one's in a digitalisation plan ("data before
    /// analytics"): advice about order kept in the questionnaire data, not in code. Left out
    /// of the stored JSON when empty, so versions stored before it existed keep their hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
    /// Staff's advice for the plan steps of this item, by level reached and size class. Left
    /// out of the stored JSON when empty, like `after`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepTemplate>,
    /// When the question is shown (see [`Condition`]); always when `None`. Left out of the
    /// stored JSON when `None`, like `after`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<Condition>,
}

impl Item {
    pub fn level_text(&self, level: Level) -> Option<&Text> {
        self.levels.get(usize::from(level.value() - Level::MIN))
    }

    /// The template for a step up to `to` for a company of `size`: the size class's own, else
    /// the one for every size, else none (the step then carries the level's text alone).
    pub fn step_template(&self, to: Level, size: &str) -> Option<&StepTemplate> {
        let at = |s: Option<&str>| {
            self.steps
                .iter()
                .find(|t| t.to == to && t.size.as_deref() == s)
        };
        at(Some(size)).or_else(|| at(None))
    }
}

/// Advice for the plan step that takes an item up to one level, for one company size class or
/// for every size: a 15-person supplier does not get the step of a 200-person process plant.
/// Kept in the questionnaire version, so a plan's advice stays what it was when drafted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepTemplate {
    /// The level the step reaches (2 to 5).
    pub to: Level,
    /// A size class code (`lt20` … `200plus`); `None` for every size without its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    /// What to do; `None` means no step for these companies (the item is left out of their
    /// draft plan, and the next item of the transition takes its place).
    pub advice: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub key: String,
    pub name: Text,
    pub intro: Text,
    pub items: Vec<Item>,
    /// When the whole transition is shown; always when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<Condition>,
}

/// One version of one variant's questionnaire, as loaded from its data file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub variant: Variant,
    pub version: u32,
    pub title: Text,
    pub transitions: Vec<Transition>,
}

impl Questionnaire {
    pub fn transition(&self, key: &str) -> Option<&Transition> {
        self.transitions.iter().find(|t| t.key == key)
    }

    pub fn item(&self, key: &str) -> Option<(&Transition, &Item)> {
        self.transitions
            .iter()
            .find_map(|t| t.items.iter().find(|i| i.key == key).map(|i| (t, i)))
    }

    pub fn item_count(&self) -> usize {
        self.transitions.iter().map(|t| t.items.len()).sum()
    }
}

/// The answer to one item. Either not applicable, or a current level with an ambition that is
/// never below it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub item_key: String,
    pub response: Response,
    pub comment: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Response {
    NotApplicable,
    Levels {
        current: Level,
        ambition: Level,
    },
    /// A typed question's answer with its score (0-100, see `question_kind::score`): it
    /// counts for both current and ambition, as no ambition is asked.
    Scored(f64),
    /// A typed question answered without a score (a number, a text, an unscored option).
    Unscored,
}

impl Response {
    /// Builds a response, refusing an ambition below the current level.
    pub fn levels(current: Level, ambition: Level) -> Option<Response> {
        (ambition >= current).then_some(Response::Levels { current, ambition })
    }
}

/// The ambition shown and saved for an item: the one the respondent chose, but never below
/// the current level, and the current level itself while no ambition was chosen ("stay
/// here", as scoring reads it).
///
/// Keeping the chosen value apart from the shown one is what makes the keyboard safe: arrow
/// keys select every level they pass, so a rule that changed the *other* answer on the way
/// (lowering current when a lower ambition went by) stored levels nobody chose. With this
/// rule a level passed over on the way changes nothing that is kept.
pub fn effective_ambition(chosen: Option<u8>, current: Option<u8>) -> Option<u8> {
    match (chosen, current) {
        (Some(a), Some(c)) => Some(a.max(c)),
        (None, c) => c,
        (a, None) => a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ambition_follows_current_until_chosen_and_never_drops_below_it() {
        assert_eq!(effective_ambition(None, None), None);
        assert_eq!(effective_ambition(None, Some(3)), Some(3));
        assert_eq!(effective_ambition(Some(4), None), Some(4));
        assert_eq!(effective_ambition(Some(4), Some(2)), Some(4));
        assert_eq!(effective_ambition(Some(2), Some(4)), Some(4));
        // Moving current up past the chosen ambition and back gives the choice back.
        assert_eq!(effective_ambition(Some(3), Some(5)), Some(5));
        assert_eq!(effective_ambition(Some(3), Some(1)), Some(3));
    }

    #[test]
    fn levels_outside_one_to_five_do_not_exist() {
        assert!(Level::new(0).is_none());
        assert!(Level::new(6).is_none());
        assert_eq!(Level::new(1).unwrap().score(), 0.0);
        assert_eq!(Level::new(3).unwrap().score(), 50.0);
        assert_eq!(Level::new(5).unwrap().score(), 100.0);
        assert_eq!(Level::new(5).unwrap().next(), None);
    }

    #[test]
    fn ambition_below_current_is_refused() {
        let (two, four) = (Level::new(2).unwrap(), Level::new(4).unwrap());
        assert!(Response::levels(four, two).is_none());
        assert!(Response::levels(two, two).is_some());
        assert!(Response::levels(two, four).is_some());
    }

    #[test]
    fn level_deserialisation_checks_the_range() {
        assert!(serde_json::from_str::<Level>("3").is_ok());
        assert!(serde_json::from_str::<Level>("9").is_err());
    }
}

/// The plausibility gate: whether a finalised assessment counts in the peer benchmark other
/// companies see, the staff dashboard and the programme figures. A script can create and
/// finalise assessments by the thousand; it should not be able to move what real companies
/// are compared with. An assessment counts when
/// - it belongs to a company's account (a verified address stands behind it), or
/// - it took at least [`MIN_SECONDS_TO_COUNT`] from start to finalising with at least
///   [`MIN_ANSWERS_TO_COUNT`] items answered: the pace of a person reading the levels.
///
/// Anonymous starts are also limited per client address, so scripting human-paced
/// assessments is slow. An assessment that does not count still has its own results.
pub fn counts_in_figures(owned: bool, started_at: i64, finalised_at: i64, answered: usize) -> bool {
    owned || (finalised_at - started_at >= MIN_SECONDS_TO_COUNT && answered >= MIN_ANSWERS_TO_COUNT)
}

pub const MIN_SECONDS_TO_COUNT: i64 = 300;
pub const MIN_ANSWERS_TO_COUNT: usize = 10;

#[cfg(test)]
mod plausibility_tests {
    use super::*;

    #[test]
    fn owned_or_human_paced_assessments_count() {
        assert!(counts_in_figures(true, 0, 1, 1), "a company account's");
        assert!(counts_in_figures(false, 0, 300, 10));
        assert!(!counts_in_figures(false, 0, 299, 40), "too fast");
        assert!(
            !counts_in_figures(false, 0, 3_600, 9),
            "too little answered"
        );
    }
}
