//! Reads a questionnaire data file (`questionnaires/<variant>.txt`).
//!
//! The format is made for people editing it in a text editor: one `key: value` per line,
//! `#` starts a comment, indentation is free. `transition:` opens a theme, `item:` opens a
//! question inside it; the lines after belong to the latest one opened.
//!
//! ```text
//! variant: manufacturing
//! version: 1
//! title.nl: Maakindustrie
//! title.en: Discrete manufacturing
//! transition: data
//!   name.nl: Datamanagement
//!   name.en: Data management
//!   intro.nl: …
//!   intro.en: …
//!   item: data.collection
//!     question.nl: …
//!     question.en: …
//!     level1.nl: … (through level5.en)
//!     after: data.sources, data.quality   (optional: steps that come first in a plan)
//!     step3.nl: … / step3.en: …        (optional: advice for the plan step up to level 3)
//!     step3@lt20.nl: … / step3@lt20.en: …   (the same for one size class only)
//!     step5@lt20: skip                 (no step up to level 5 for that size class)
//! ```
//!
//! Size classes are the company profile's codes: lt20, 20-49, 50-99, 100-199, 200plus.
//!
//! Every problem is reported with the file name and line number, so a broken edit stops the
//! server at start-up with a message that says where to look.

use super::model::{Item, Level, Questionnaire, StepTemplate, Text, Transition, Variant};
use super::profile::SIZE_CLASSES;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

pub const MIN_ITEMS_PER_TRANSITION: usize = 3;
pub const MAX_ITEMS_PER_TRANSITION: usize = 6;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub file: String,
    pub line: usize,
    pub problem: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.problem)
    }
}

impl std::error::Error for FileError {}

/// A text under construction, remembering where it started for error messages.
#[derive(Default)]
struct Draft {
    nl: Option<String>,
    en: Option<String>,
}

impl Draft {
    fn set(&mut self, lang: &str, value: String) -> Result<(), String> {
        let slot = match lang {
            "nl" => &mut self.nl,
            "en" => &mut self.en,
            other => return Err(format!("unknown language `{other}` (use nl or en)")),
        };
        if slot.is_some() {
            return Err("this text is given twice".to_string());
        }
        *slot = Some(value);
        Ok(())
    }

    fn finish(self, what: &str) -> Result<Text, String> {
        match (self.nl, self.en) {
            (Some(nl), Some(en)) => Ok(Text { nl, en }),
            (None, _) => Err(format!("{what}.nl is missing")),
            (_, None) => Err(format!("{what}.en is missing")),
        }
    }
}

/// A step template under construction: its first line, its texts, or `skip`.
#[derive(Default)]
struct StepDraft {
    line: usize,
    text: Draft,
    skip: bool,
}

struct ItemDraft {
    line: usize,
    key: String,
    question: Draft,
    levels: [Draft; 5],
    after: Vec<String>,
    /// By (level reached, size class or `None` for every size), in a stable order.
    steps: BTreeMap<(u8, Option<String>), StepDraft>,
}

/// `step3` or `step3@lt20`: the level a step reaches (2-5) and its size class.
fn step_key(field: &str) -> Result<(u8, Option<String>), String> {
    let rest = &field["step".len()..];
    let (level, size) = match rest.split_once('@') {
        Some((l, s)) => (l, Some(s)),
        None => (rest, None),
    };
    let to: u8 = level
        .parse()
        .ok()
        .filter(|n| (2..=5).contains(n))
        .ok_or_else(|| format!("`{field}`: a step reaches level 2 to 5 (step2 to step5)"))?;
    if let Some(size) = size {
        if !SIZE_CLASSES.iter().any(|(code, _)| *code == size) {
            let codes: Vec<&str> = SIZE_CLASSES.iter().map(|(c, _)| *c).collect();
            return Err(format!(
                "`{field}`: unknown size class `{size}` (use {})",
                codes.join(", ")
            ));
        }
    }
    Ok((to, size.map(str::to_string)))
}

impl StepDraft {
    fn finish(self, what: &str) -> Result<Option<Text>, String> {
        match (self.skip, self.text.nl.is_some() || self.text.en.is_some()) {
            (true, true) => Err(format!("`{what}` is both `skip` and a text; give one")),
            (true, false) => Ok(None),
            (false, _) => self.text.finish(what).map(Some),
        }
    }
}

struct TransitionDraft {
    line: usize,
    key: String,
    name: Draft,
    intro: Draft,
    items: Vec<ItemDraft>,
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.' || c == '-'
        })
}

pub fn parse(file: &str, source: &str) -> Result<Questionnaire, FileError> {
    let err = |line: usize, problem: String| FileError {
        file: file.to_string(),
        line,
        problem,
    };
    let mut variant = None;
    let mut version = None;
    let mut title = Draft::default();
    let mut transitions: Vec<TransitionDraft> = Vec::new();
    let mut keys_seen = HashSet::new();

    for (index, raw) in source.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(err(line_no, "expected `key: value`".to_string()));
        };
        let (key, value) = (key.trim(), value.trim().to_string());
        if value.is_empty() {
            return Err(err(line_no, format!("`{key}` has no value")));
        }
        let (field, lang) = match key.split_once('.') {
            Some((f, l)) => (f, Some(l)),
            None => (key, None),
        };
        let current_transition = transitions.last_mut();
        match (field, lang) {
            ("variant", None) => {
                variant = Some(Variant::parse(&value).ok_or_else(|| {
                    err(
                        line_no,
                        format!("unknown variant `{value}` (manufacturing, suppliers or process)"),
                    )
                })?);
            }
            ("version", None) => {
                version = Some(
                    value
                        .parse::<u32>()
                        .ok()
                        .filter(|v| *v > 0)
                        .ok_or_else(|| {
                            err(
                                line_no,
                                format!("version must be a whole number above 0, not `{value}`"),
                            )
                        })?,
                );
            }
            ("title", Some(l)) => title.set(l, value).map_err(|p| err(line_no, p))?,
            ("transition", None) => {
                if !valid_key(&value) || !keys_seen.insert(value.clone()) {
                    return Err(err(
                        line_no,
                        format!("transition key `{value}` is not valid or not unique"),
                    ));
                }
                transitions.push(TransitionDraft {
                    line: line_no,
                    key: value,
                    name: Draft::default(),
                    intro: Draft::default(),
                    items: Vec::new(),
                });
            }
            ("name" | "intro", Some(l)) => {
                let t = current_transition
                    .ok_or_else(|| err(line_no, format!("`{key}` before any `transition:`")))?;
                if !t.items.is_empty() {
                    return Err(err(
                        line_no,
                        format!("`{key}` belongs before the transition's first item"),
                    ));
                }
                let draft = if field == "name" {
                    &mut t.name
                } else {
                    &mut t.intro
                };
                draft.set(l, value).map_err(|p| err(line_no, p))?;
            }
            ("item", None) => {
                let t = current_transition
                    .ok_or_else(|| err(line_no, "`item:` before any `transition:`".to_string()))?;
                if !valid_key(&value) || !keys_seen.insert(value.clone()) {
                    return Err(err(
                        line_no,
                        format!("item key `{value}` is not valid or not unique"),
                    ));
                }
                t.items.push(ItemDraft {
                    line: line_no,
                    key: value,
                    question: Draft::default(),
                    levels: Default::default(),
                    after: Vec::new(),
                    steps: BTreeMap::new(),
                });
            }
            ("question", Some(l)) => {
                let item = current_transition
                    .and_then(|t| t.items.last_mut())
                    .ok_or_else(|| err(line_no, "`question` before any `item:`".to_string()))?;
                item.question.set(l, value).map_err(|p| err(line_no, p))?;
            }
            ("after", None) => {
                let item = current_transition
                    .and_then(|t| t.items.last_mut())
                    .ok_or_else(|| err(line_no, "`after` before any `item:`".to_string()))?;
                if !item.after.is_empty() {
                    return Err(err(line_no, "`after` is given twice".to_string()));
                }
                item.after = value.split(',').map(|k| k.trim().to_string()).collect();
            }
            (step, lang) if step.starts_with("step") => {
                let slot = step_key(step).map_err(|p| err(line_no, p))?;
                let item = current_transition
                    .and_then(|t| t.items.last_mut())
                    .ok_or_else(|| err(line_no, format!("`{key}` before any `item:`")))?;
                let draft = item.steps.entry(slot).or_insert_with(|| StepDraft {
                    line: line_no,
                    ..Default::default()
                });
                match lang {
                    Some(l) => draft.text.set(l, value).map_err(|p| err(line_no, p))?,
                    None if value == "skip" && !draft.skip => draft.skip = true,
                    None => {
                        return Err(err(
                            line_no,
                            format!("`{step}` without a language takes only `skip` (once)"),
                        ))
                    }
                }
            }
            (level, Some(l)) if level.starts_with("level") => {
                let n: usize = level["level".len()..]
                    .parse()
                    .ok()
                    .filter(|n| (1..=5).contains(n))
                    .ok_or_else(|| {
                        err(line_no, format!("`{level}`: levels are level1 to level5"))
                    })?;
                let item = current_transition
                    .and_then(|t| t.items.last_mut())
                    .ok_or_else(|| err(line_no, format!("`{key}` before any `item:`")))?;
                item.levels[n - 1]
                    .set(l, value)
                    .map_err(|p| err(line_no, p))?;
            }
            _ => return Err(err(line_no, format!("unknown key `{key}`"))),
        }
    }

    let variant = variant.ok_or_else(|| err(1, "`variant:` is missing".to_string()))?;
    let version = version.ok_or_else(|| err(1, "`version:` is missing".to_string()))?;
    let title = title.finish("title").map_err(|p| err(1, p))?;
    if transitions.is_empty() {
        return Err(err(1, "the file has no transitions".to_string()));
    }
    let mut out = Vec::with_capacity(transitions.len());
    let mut after_lines = Vec::new();
    for t in transitions {
        let count = t.items.len();
        if !(MIN_ITEMS_PER_TRANSITION..=MAX_ITEMS_PER_TRANSITION).contains(&count) {
            return Err(err(
                t.line,
                format!(
                    "transition `{}` has {count} items; give it {MIN_ITEMS_PER_TRANSITION} to {MAX_ITEMS_PER_TRANSITION}",
                    t.key
                ),
            ));
        }
        let name = t.name.finish("name").map_err(|p| err(t.line, p))?;
        let intro = t.intro.finish("intro").map_err(|p| err(t.line, p))?;
        let mut items = Vec::with_capacity(count);
        for item in t.items {
            let question = item
                .question
                .finish("question")
                .map_err(|p| err(item.line, format!("item `{}`: {p}", item.key)))?;
            let mut levels = Vec::with_capacity(5);
            for (i, level) in item.levels.into_iter().enumerate() {
                levels.push(
                    level
                        .finish(&format!("level{}", i + 1))
                        .map_err(|p| err(item.line, format!("item `{}`: {p}", item.key)))?,
                );
            }
            let mut steps = Vec::with_capacity(item.steps.len());
            for ((to, size), draft) in item.steps {
                let what = match &size {
                    Some(size) => format!("step{to}@{size}"),
                    None => format!("step{to}"),
                };
                let line = draft.line;
                let advice = draft
                    .finish(&what)
                    .map_err(|p| err(line, format!("item `{}`: {p}", item.key)))?;
                steps.push(StepTemplate {
                    to: Level::new(to).ok_or_else(|| err(line, format!("`{what}`")))?,
                    size,
                    advice,
                });
            }
            items.push(Item {
                key: item.key,
                question,
                levels,
                after: item.after,
                steps,
            });
            after_lines.push(item.line);
        }
        out.push(Transition {
            key: t.key,
            name,
            intro,
            items,
        });
    }
    let q = Questionnaire {
        variant,
        version,
        title,
        transitions: out,
    };
    check_order(&q, &after_lines).map_err(|(line, problem)| err(line, problem))?;
    Ok(q)
}

/// Every `after:` names an item of this questionnaire other than itself, and following them
/// never leads back to where it started (a plan could not be put in order otherwise).
/// `lines` holds each item's line, in questionnaire order, for the message.
fn check_order(q: &Questionnaire, lines: &[usize]) -> Result<(), (usize, String)> {
    let items: Vec<&Item> = q.transitions.iter().flat_map(|t| &t.items).collect();
    let index: std::collections::HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.key.as_str(), i))
        .collect();
    for (i, item) in items.iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        for key in &item.after {
            if key == &item.key || !index.contains_key(key.as_str()) {
                return Err((
                    line,
                    format!(
                        "item `{}`: `after` names `{key}`, which is not another item of this file",
                        item.key
                    ),
                ));
            }
        }
    }
    // Depth-first search for a cycle: 0 = not seen, 1 = on the current path, 2 = done.
    fn visit(
        i: usize,
        items: &[&Item],
        index: &std::collections::HashMap<&str, usize>,
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
            return Err((
                lines.get(at).copied().unwrap_or(1),
                format!(
                    "item `{}`: its `after` items lead back to it",
                    items[at].key
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str) -> String {
        let mut s = format!("  item: {key}\n    question.nl: Vraag\n    question.en: Question\n");
        for n in 1..=5 {
            s.push_str(&format!(
                "    level{n}.nl: Niveau {n}\n    level{n}.en: Level {n}\n"
            ));
        }
        s
    }

    fn file(items: usize) -> String {
        let mut s = String::from(
            "# test\nvariant: process\nversion: 2\ntitle.nl: Proces\ntitle.en: Process\n\
             transition: data\n  name.nl: Data\n  name.en: Data\n  intro.nl: Uitleg\n  intro.en: Intro\n",
        );
        for i in 0..items {
            s.push_str(&item(&format!("data.q{i}")));
        }
        s
    }

    #[test]
    fn a_well_formed_file_loads() {
        let q = parse("t.txt", &file(3)).unwrap();
        assert_eq!(q.variant, Variant::Process);
        assert_eq!(q.version, 2);
        assert_eq!(q.item_count(), 3);
        assert_eq!(q.transitions[0].items[0].levels[4].en, "Level 5");
    }

    #[test]
    fn after_names_other_items_and_never_a_circle() {
        let with = |q1: &str, q2: &str| {
            file(3)
                .replace(
                    "  item: data.q2\n",
                    &format!("  item: data.q2\n    after: {q2}\n"),
                )
                .replace(
                    "  item: data.q1\n",
                    &format!("  item: data.q1\n    after: {q1}\n"),
                )
        };
        let q = parse("t.txt", &with("data.q0", "data.q0, data.q1")).unwrap();
        assert_eq!(q.transitions[0].items[2].after, ["data.q0", "data.q1"]);
        assert!(q.transitions[0].items[0].after.is_empty());
        let e = parse("t.txt", &with("data.q2", "data.q1")).unwrap_err();
        assert!(e.problem.contains("lead back"), "{e}");
        let e = parse("t.txt", &with("data.q9", "data.q0")).unwrap_err();
        assert!(e.problem.contains("`data.q9`"), "{e}");
        assert_eq!(e.line, 24, "the line of the item that names it: {e}");
        let e = parse("t.txt", &with("data.q1", "data.q0")).unwrap_err();
        assert!(e.problem.contains("not another item"), "{e}");
    }

    #[test]
    fn a_file_without_after_stores_the_same_json_as_before() {
        let q = parse("t.txt", &file(3)).unwrap();
        let json = serde_json::to_string(&q).unwrap();
        assert!(!json.contains("after"), "{json}");
    }

    #[test]
    fn a_missing_level_is_reported_with_the_item_line() {
        let broken = file(3).replace("    level4.en: Level 4\n", "");
        let e = parse("broken.txt", &broken).unwrap_err();
        assert_eq!(e.file, "broken.txt");
        assert!(e.problem.contains("level4.en is missing"), "{e}");
        assert_eq!(e.line, 11, "line of the first item: {e}");
    }

    #[test]
    fn unknown_keys_and_bad_values_name_their_line() {
        let e = parse("x.txt", &file(3).replace("version: 2", "version: twee")).unwrap_err();
        assert_eq!(
            (e.line, e.problem.contains("whole number")),
            (3, true),
            "{e}"
        );
        let e = parse("x.txt", &format!("{}  colour.nl: rood\n", file(3))).unwrap_err();
        assert!(e.problem.contains("unknown key"), "{e}");
        let e = parse(
            "x.txt",
            &file(3).replace("variant: process", "variant: bakery"),
        )
        .unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("x.txt", "variant process\n").unwrap_err();
        assert!(e.problem.contains("key: value"));
    }

    #[test]
    fn duplicate_keys_and_item_counts_are_checked() {
        let dup = format!("{}{}", file(3), item("data.q0"));
        assert!(parse("x.txt", &dup)
            .unwrap_err()
            .problem
            .contains("not unique"));
        assert!(parse("x.txt", &file(2))
            .unwrap_err()
            .problem
            .contains("has 2 items"));
        assert!(parse("x.txt", &file(7))
            .unwrap_err()
            .problem
            .contains("has 7 items"));
    }

    #[test]
    fn step_templates_are_read_per_level_and_size_class() {
        let with = |lines: &str| {
            file(3).replace("  item: data.q1\n", &format!("  item: data.q1\n{lines}"))
        };
        let q = parse(
            "t.txt",
            &with(
                "    step3.nl: Kies een systeem\n    step3.en: Choose a system\n    \
                 step3@lt20.nl: Begin met een spreadsheet\n    step3@lt20.en: Start with a spreadsheet\n    \
                 step5@lt20: skip\n",
            ),
        )
        .unwrap();
        let item = &q.transitions[0].items[1];
        let level = |n| Level::new(n).unwrap();
        let advice = |to, size| {
            item.step_template(level(to), size)
                .map(|t| t.advice.as_ref().map(|a| a.en.clone()))
        };
        assert_eq!(
            advice(3, "lt20"),
            Some(Some("Start with a spreadsheet".into()))
        );
        assert_eq!(advice(3, "200plus"), Some(Some("Choose a system".into())));
        assert_eq!(advice(5, "lt20"), Some(None), "skipped for the smallest");
        assert_eq!(
            advice(5, "50-99"),
            None,
            "no template: the level text alone"
        );
        assert_eq!(advice(4, "lt20"), None);
        // Stored JSON of an item without templates is unchanged (hashes of old versions hold).
        let json = serde_json::to_string(&q.transitions[0].items[0]).unwrap();
        assert!(!json.contains("steps"), "{json}");

        for (lines, problem) in [
            ("    step1.nl: x\n", "level 2 to 5"),
            ("    step6.nl: x\n", "level 2 to 5"),
            ("    step3@huge.nl: x\n", "unknown size class `huge`"),
            ("    step3.nl: x\n", "step3.en is missing"),
            (
                "    step3@lt20: skip\n    step3@lt20.nl: x\n",
                "both `skip` and a text",
            ),
            ("    step3: later\n", "takes only `skip`"),
            ("    step3.nl: x\n    step3.nl: y\n", "given twice"),
        ] {
            let e = parse("t.txt", &with(lines)).unwrap_err();
            assert!(e.problem.contains(problem), "{lines:?}: {e}");
        }
        let e = parse("t.txt", &with("    step3@huge.nl: x\n")).unwrap_err();
        assert_eq!(e.line, 25, "the line that names it: {e}");
    }

    #[test]
    fn every_questionnaire_in_the_repository_loads() {
        for (name, source) in super::super::questionnaires::SOURCES {
            let q = parse(name, source).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                (50..=80).contains(&q.item_count()),
                "{name}: {} items",
                q.item_count()
            );
        }
    }
}
