//! Reading a questionnaire file: TOML into [`super::shape`], then every rule a questionnaire
//! must keep, collecting each broken one with its place instead of stopping at the first.

use super::conditions;
use super::shape::{ItemFile, QuestionnaireFile, StepFile, TextFile};
use super::{
    line_column, FileProblems, Lines, Problem, MAX_ITEMS_PER_TRANSITION, MAX_TEXT,
    MIN_ITEMS_PER_DMA_DIMENSION, MIN_ITEMS_PER_TRANSITION,
};
use crate::assessment::condition::Condition;
use crate::assessment::model::{
    Item, Level, Questionnaire, StepTemplate, Text, Transition, Variant,
};
use crate::assessment::profile::SIZE_CLASSES;
use crate::assessment::question_kind::Kind;
use crate::i18n::Key;
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

/// Reads and checks a questionnaire file; `file` names it in the problems' log line.
pub fn parse(file: &str, source: &str) -> Result<Questionnaire, FileProblems> {
    let fail = |problems| FileProblems {
        file: file.to_string(),
        problems,
    };
    if source.len() > super::MAX_FILE_BYTES {
        let max = (super::MAX_FILE_BYTES / 1024).to_string();
        return Err(fail(vec![Problem::new(
            (1, 1),
            Key::QfTooLarge,
            &[("max", &max)],
        )]));
    }
    let shaped: QuestionnaireFile = toml::from_str(source).map_err(|e| {
        let at = e
            .span()
            .map(|s| line_column(source, s.start))
            .unwrap_or((1, 1));
        // The reader's own words (in English): they name what it expected where.
        let detail = e.message().trim().to_string();
        fail(vec![Problem::new(
            at,
            Key::QfSyntax,
            &[("detail", &detail)],
        )])
    })?;
    let mut checker = Checker {
        lines: Lines::new(source),
        problems: Vec::new(),
        keys: HashMap::new(),
        item_keys: HashMap::new(),
        answers: HashMap::new(),
        transition: 0,
        conditions: Vec::new(),
    };
    let q = checker.questionnaire(shaped);
    match q {
        Some(q) if checker.problems.is_empty() => Ok(q),
        _ => {
            let mut problems = checker.problems;
            problems.sort_by_key(|p| (p.line, p.column));
            // A file that is wrong throughout is not listed in full: the first ones show what
            // to correct, and the list stays small enough to keep and show.
            if problems.len() > super::MAX_PROBLEMS {
                let more = (problems.len() - super::MAX_PROBLEMS).to_string();
                let at = problems
                    .get(super::MAX_PROBLEMS)
                    .map(|p| (p.line, p.column))
                    .unwrap_or((1, 1));
                problems.truncate(super::MAX_PROBLEMS);
                problems.push(Problem::new(at, Key::QfMoreProblems, &[("number", &more)]));
            }
            Err(fail(problems))
        }
    }
}

pub(super) struct Checker<'a> {
    lines: Lines<'a>,
    problems: Vec<Problem>,
    /// Every transition and item key seen, with its place (keys are unique across both).
    keys: HashMap<String, (usize, usize)>,
    /// The item keys among them (what an `after` may name), with their transition's position.
    item_keys: HashMap<String, usize>,
    /// What a condition may compare each item's answer with.
    pub(super) answers: HashMap<String, conditions::Answers>,
    /// The position of the transition being read.
    transition: usize,
    conditions: Vec<conditions::Written>,
}

impl Checker<'_> {
    fn at(&self, span: Range<usize>) -> (usize, usize) {
        self.lines.at(span.start)
    }

    pub(super) fn report(&mut self, span: Range<usize>, key: Key, values: &[(&str, &str)]) {
        let at = self.at(span);
        self.problems.push(Problem::new(at, key, values));
    }

    fn questionnaire(&mut self, file: QuestionnaireFile) -> Option<Questionnaire> {
        let variant = Variant::parse(file.variant.get_ref().trim());
        if variant.is_none() {
            self.report(
                file.variant.span(),
                Key::QfUnknownVariant,
                &[("value", file.variant.get_ref())],
            );
        }
        let version = u32::try_from(*file.version.get_ref())
            .ok()
            .filter(|v| *v > 0);
        if version.is_none() {
            self.report(file.version.span(), Key::QfVersion, &[]);
        }
        let title_span = file.title.span();
        let title = self.text(Some(file.title.get_ref()), "title", title_span);
        if file.transitions.is_empty() {
            self.report(0..0, Key::QfNoTransitions, &[]);
        }
        let min_items = match variant {
            Some(Variant::Dma) => MIN_ITEMS_PER_DMA_DIMENSION,
            _ => MIN_ITEMS_PER_TRANSITION,
        };
        let mut transitions = Vec::with_capacity(file.transitions.len());
        let mut item_places = Vec::new();
        for (position, t) in file.transitions.into_iter().enumerate() {
            self.transition = position;
            let key_span = t.key.span();
            let key = self.key(&t.key);
            let count = t.items.len();
            if !(min_items..=MAX_ITEMS_PER_TRANSITION).contains(&count) {
                self.report(
                    key_span.clone(),
                    Key::QfItemCount,
                    &[
                        ("key", &key),
                        ("number", &count.to_string()),
                        ("min", &min_items.to_string()),
                        ("max", &MAX_ITEMS_PER_TRANSITION.to_string()),
                    ],
                );
            }
            let name = self.text(t.name.as_ref(), &format!("{key} › name"), key_span.clone());
            let intro = self.text(t.intro.as_ref(), &format!("{key} › intro"), key_span);
            let visible_if = self.condition(t.visible_if.as_ref());
            let mut items = Vec::with_capacity(count);
            for item in t.items {
                let place = self.at(item.key.span());
                if let Some(item) = self.item(item) {
                    item_places.push((item.key.clone(), place));
                    items.push(item);
                }
            }
            transitions.push(Transition {
                key,
                name: name?,
                intro: intro?,
                items,
                visible_if,
            });
        }
        let q = Questionnaire {
            variant: variant?,
            version: version?,
            title: title?,
            transitions,
        };
        self.check_order(&q, &item_places);
        let found = conditions::check(&self.conditions, &self.item_keys, &self.answers);
        self.problems.extend(found);
        Some(q)
    }

    /// A `visible_if` condition, read now and checked against the whole file at the end.
    fn condition(&mut self, value: Option<&Spanned<String>>) -> Option<Condition> {
        let value = value?;
        match conditions::read(&self.lines, value) {
            Ok(condition) => {
                let at = self.at(value.span());
                self.conditions.push(conditions::Written {
                    condition: condition.clone(),
                    at,
                    transition: self.transition,
                });
                Some(condition)
            }
            Err(problem) => {
                self.problems.push(problem);
                None
            }
        }
    }

    /// A transition's or item's key: well formed and used once in the file.
    fn key(&mut self, key: &Spanned<String>) -> String {
        let value = key.get_ref().trim().to_string();
        let valid = !value.is_empty()
            && value.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-')
            });
        if !valid {
            self.report(key.span(), Key::QfBadKey, &[("key", &value)]);
        } else if let Some(first) = self.keys.get(&value).copied() {
            self.report(
                key.span(),
                Key::QfDuplicateKey,
                &[("key", &value), ("first", &first.0.to_string())],
            );
        } else {
            let at = self.at(key.span());
            self.keys.insert(value.clone(), at);
        }
        value
    }

    /// A text in both languages; `what` names it in a message, `owner` is where to point when
    /// the text is missing altogether.
    pub(super) fn text(
        &mut self,
        text: Option<&TextFile>,
        what: &str,
        owner: Range<usize>,
    ) -> Option<Text> {
        let Some(text) = text else {
            self.report(
                owner.clone(),
                Key::QfMissingText,
                &[("what", what), ("lang", "nl")],
            );
            self.report(owner, Key::QfMissingText, &[("what", what), ("lang", "en")]);
            return None;
        };
        // A language that is missing is pointed out beside the one that is there.
        let given = text.nl.as_ref().or(text.en.as_ref());
        let beside = given.map(|v| v.span()).unwrap_or(owner);
        let nl = self.one_language(text.nl.as_ref(), what, "nl", beside.clone());
        let en = self.one_language(text.en.as_ref(), what, "en", beside);
        Some(Text { nl: nl?, en: en? })
    }

    fn one_language(
        &mut self,
        value: Option<&Spanned<String>>,
        what: &str,
        lang: &str,
        owner: Range<usize>,
    ) -> Option<String> {
        let Some(value) = value else {
            self.report(owner, Key::QfMissingText, &[("what", what), ("lang", lang)]);
            return None;
        };
        // Trimmed and with plain line ends, as the questionnaire editor stores a text.
        let text = value.get_ref().trim().replace("\r\n", "\n");
        let what = format!("{what}.{lang}");
        let refused = match crate::text::check_multi_line(&text, 1, MAX_TEXT) {
            Ok(()) => return Some(text),
            Err(crate::text::Refusal::TooShort) => Key::QfTextEmpty,
            Err(crate::text::Refusal::TooLong) => Key::QfTextTooLong,
            Err(crate::text::Refusal::Invalid) => Key::QfTextInvalid,
        };
        let max = MAX_TEXT.to_string();
        self.report(value.span(), refused, &[("what", &what), ("max", &max)]);
        None
    }

    fn item(&mut self, item: ItemFile) -> Option<Item> {
        let key_span = item.key.span();
        let key = self.key(&item.key);
        if crate::assessment::condition::RESERVED.contains(&key.as_str()) {
            self.report(key_span.clone(), Key::QfReservedKey, &[("key", &key)]);
        }
        self.item_keys.insert(key.clone(), self.transition);
        let visible_if = self.condition(item.visible_if.as_ref());
        let question = self.text(
            item.question.as_ref(),
            &format!("{key} › question"),
            key_span.clone(),
        );
        let kind = self.kind(&key, &item);
        let mut levels = Vec::with_capacity(5);
        if matches!(kind, Some(Kind::Level)) {
            for (name, level) in item.levels() {
                let what = format!("{key} › {name}");
                levels.push(self.text(level.as_ref(), &what, key_span.clone()));
            }
        }
        let after: Vec<String> = item
            .after
            .iter()
            .map(|a| a.get_ref().trim().to_string())
            .collect();
        let mut steps = Vec::with_capacity(item.steps.len());
        let mut seen: Vec<(u8, Option<String>)> = Vec::new();
        for step in &item.steps {
            if let Some(step) = self.step(&key, step, &mut seen) {
                steps.push(step);
            }
        }
        Some(Item {
            key,
            kind: kind?,
            question: question?,
            levels: levels.into_iter().collect::<Option<Vec<Text>>>()?,
            after,
            steps,
            visible_if,
        })
    }

    fn step(
        &mut self,
        item: &str,
        step: &StepFile,
        seen: &mut Vec<(u8, Option<String>)>,
    ) -> Option<StepTemplate> {
        let to_span = step.to.span();
        let to = u8::try_from(*step.to.get_ref())
            .ok()
            .filter(|n| (2..=5).contains(n))
            .and_then(Level::new);
        if to.is_none() {
            let value = step.to.get_ref().to_string();
            self.report(
                to_span.clone(),
                Key::QfStepLevel,
                &[("item", item), ("to", &value)],
            );
        }
        let size = step.size.as_ref().map(|s| s.get_ref().trim().to_string());
        if let (Some(size), Some(spanned)) = (&size, &step.size) {
            if !SIZE_CLASSES.iter().any(|(code, _)| code == size) {
                let codes: Vec<&str> = SIZE_CLASSES.iter().map(|(c, _)| *c).collect();
                self.report(
                    spanned.span(),
                    Key::QfStepSize,
                    &[("item", item), ("size", size), ("sizes", &codes.join(", "))],
                );
            }
        }
        let slot = (to.map(Level::value).unwrap_or(0), size.clone());
        if to.is_some() && seen.contains(&slot) {
            let label = match &size {
                Some(s) => format!("{} ({s})", slot.0),
                None => slot.0.to_string(),
            };
            self.report(
                to_span.clone(),
                Key::QfStepTwice,
                &[("item", item), ("to", &label)],
            );
        }
        seen.push(slot);
        let has_text = step.nl.is_some() || step.en.is_some();
        let advice = match (step.skip, has_text) {
            (true, true) => {
                self.report(to_span, Key::QfStepSkipAndText, &[("item", item)]);
                return None;
            }
            (true, false) => None,
            (false, _) => {
                let what = format!("{item} › steps");
                let nl = self.one_language(step.nl.as_ref(), &what, "nl", to_span.clone());
                let en = self.one_language(step.en.as_ref(), &what, "en", to_span);
                Some(Text { nl: nl?, en: en? })
            }
        };
        Some(StepTemplate {
            to: to?,
            size,
            advice,
        })
    }

    /// Every `after` names another item of this file, and following them never leads back to
    /// where it started (a plan could not be put in order otherwise).
    fn check_order(&mut self, q: &Questionnaire, places: &[(String, (usize, usize))]) {
        let items: Vec<&Item> = q.transitions.iter().flat_map(|t| &t.items).collect();
        let index: HashMap<&str, usize> = items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.key.as_str(), i))
            .collect();
        let place = |key: &str| {
            places
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, at)| *at)
                .unwrap_or((1, 1))
        };
        // An item with a problem of its own is not in `items`, but it is in the file: naming
        // it in `after` is no second problem.
        let mut known = true;
        for item in &items {
            for key in &item.after {
                if key == &item.key || !self.item_keys.contains_key(key) {
                    known = false;
                    self.problems.push(Problem::new(
                        place(&item.key),
                        Key::QfAfterUnknown,
                        &[("item", &item.key), ("key", key)],
                    ));
                }
            }
        }
        if !known {
            return;
        }
        // Depth-first search: 0 = not seen, 1 = on the current path, 2 = done.
        fn visit(
            i: usize,
            items: &[&Item],
            index: &HashMap<&str, usize>,
            state: &mut [u8],
        ) -> Option<usize> {
            match state[i] {
                1 => return Some(i),
                2 => return None,
                _ => {}
            }
            state[i] = 1;
            for key in &items[i].after {
                if let Some(found) = index
                    .get(key.as_str())
                    .and_then(|&j| visit(j, items, index, state))
                {
                    return Some(found);
                }
            }
            state[i] = 2;
            None
        }
        let mut state = vec![0u8; items.len()];
        for i in 0..items.len() {
            if let Some(at) = visit(i, &items, &index, &mut state) {
                let key = &items[at].key;
                self.problems.push(Problem::new(
                    place(key),
                    Key::QfAfterCycle,
                    &[("item", key)],
                ));
                return;
            }
        }
    }
}
