//! The question type of an item in a file (`type = "single"` and the fields that go with it):
//! every field belongs to one type, options and rows have keys of their own, scores lie on
//! 0-100 and ranges are ranges. Problems are collected like the rest of the file's.

use super::check::Checker;
use super::conditions::Answers;
use super::shape::{ChoiceFile, ItemFile, RowFile};
use crate::assessment::question_kind::{
    Choice, Kind, Row, CODES, DEFAULT_SHORT_TEXT, MAX_OPTIONS, MAX_ROWS, MAX_SCALE, MAX_SHORT_TEXT,
    MIN_SCALE, YES_PARTLY_NO,
};
use crate::i18n::Key;
use std::ops::Range;

impl Checker<'_> {
    /// The item's type with its parts; `None` when something about it is wrong (reported).
    pub(super) fn kind(&mut self, key: &str, item: &ItemFile) -> Option<Kind> {
        let key_span = item.key.span();
        let code = item
            .kind
            .as_ref()
            .map(|k| k.get_ref().trim())
            .unwrap_or("level");
        if !CODES.contains(&code) {
            let span = item.kind.as_ref().map_or(key_span.clone(), |k| k.span());
            self.report(
                span,
                Key::QfUnknownType,
                &[("value", code), ("expected", &CODES.join(", "))],
            );
            self.answers.insert(key.to_string(), Answers::Broken);
            return None;
        }
        self.fields_of(code, item);
        let kind = match code {
            "level" => Some(Kind::Level),
            "single" | "multiple" => {
                let options =
                    self.choices(key, &item.options, code, key_span.clone(), 2, MAX_OPTIONS);
                options.map(|options| match code {
                    "single" => Kind::Single { options },
                    _ => Kind::Multiple { options },
                })
            }
            "grid" => {
                let rows = self.rows(key, &item.rows, key_span.clone());
                let scale = self.choices(
                    key,
                    &item.scale,
                    code,
                    key_span.clone(),
                    MIN_SCALE,
                    MAX_SCALE,
                );
                Some(Kind::Grid {
                    rows: rows?,
                    scale: scale?,
                })
            }
            "yes_partly_no" => Some(Kind::YesPartlyNo),
            "number" => self.number(key, item),
            _ => self.short_text(item),
        };
        let answers = match &kind {
            Some(Kind::Level) => Answers::Levels,
            Some(Kind::Single { options }) => {
                Answers::Options(options.iter().map(|o| o.key.clone()).collect())
            }
            Some(Kind::YesPartlyNo) => {
                Answers::Options(YES_PARTLY_NO.iter().map(|(k, _)| k.to_string()).collect())
            }
            Some(_) => Answers::Unnamed,
            None => Answers::Broken,
        };
        self.answers.insert(key.to_string(), answers);
        kind
    }

    /// Reports each field the file gives that does not belong to the item's type.
    fn fields_of(&mut self, code: &str, item: &ItemFile) {
        let key_span = item.key.span();
        let given: [(&str, bool, &[&str]); 11] = [
            ("level1", item.level1.is_some(), &["level"]),
            ("level2", item.level2.is_some(), &["level"]),
            ("level3", item.level3.is_some(), &["level"]),
            ("level4", item.level4.is_some(), &["level"]),
            ("level5", item.level5.is_some(), &["level"]),
            ("after", !item.after.is_empty(), &["level"]),
            ("steps", !item.steps.is_empty(), &["level"]),
            ("options", !item.options.is_empty(), &["single", "multiple"]),
            ("rows", !item.rows.is_empty(), &["grid"]),
            ("scale", !item.scale.is_empty(), &["grid"]),
            ("unit", item.unit.is_some(), &["number"]),
        ];
        let mut wrong: Vec<&str> = given
            .iter()
            .filter(|(_, present, types)| *present && !types.contains(&code))
            .map(|(field, _, _)| *field)
            .collect();
        if code != "number" {
            if item.min.is_some() {
                wrong.push("min");
            }
            if item.max.is_some() {
                wrong.push("max");
            }
        }
        if code != "text" && item.max_chars.is_some() {
            wrong.push("max_chars");
        }
        for field in wrong {
            self.report(
                key_span.clone(),
                Key::QfFieldNotForType,
                &[("field", field), ("type", code)],
            );
        }
    }

    fn choices(
        &mut self,
        item: &str,
        given: &[ChoiceFile],
        code: &str,
        owner: Range<usize>,
        min: usize,
        max: usize,
    ) -> Option<Vec<Choice>> {
        if !(min..=max).contains(&given.len()) {
            let number = given.len().to_string();
            self.report(
                owner,
                Key::QfOptionCount,
                &[
                    ("item", item),
                    ("number", &number),
                    ("min", &min.to_string()),
                    ("max", &max.to_string()),
                ],
            );
        }
        let mut seen: Vec<String> = Vec::new();
        let mut out = Vec::with_capacity(given.len());
        let mut whole = true;
        for option in given {
            let key = self.local_key(item, &option.key, &mut seen);
            let what = format!("{item} › {key}");
            let label = self.text(option.label.as_ref(), &what, option.key.span());
            let score = match &option.score {
                None => Some(None),
                Some(s) => match u8::try_from(*s.get_ref()).ok().filter(|n| *n <= 100) {
                    Some(n) => Some(Some(n)),
                    None => {
                        self.report(s.span(), Key::QfScore, &[("what", &what)]);
                        None
                    }
                },
            };
            let exclusive = option.exclusive.as_ref().is_some_and(|e| *e.get_ref());
            if let (Some(e), false) = (&option.exclusive, code == "multiple") {
                self.report(
                    e.span(),
                    Key::QfFieldNotForType,
                    &[("field", "exclusive"), ("type", code)],
                );
            }
            match (key.is_empty(), label, score) {
                (false, Some(label), Some(score)) => out.push(Choice {
                    key,
                    label,
                    score,
                    exclusive,
                }),
                _ => whole = false,
            }
        }
        whole.then_some(out)
    }

    fn rows(&mut self, item: &str, given: &[RowFile], owner: Range<usize>) -> Option<Vec<Row>> {
        if !(1..=MAX_ROWS).contains(&given.len()) {
            let number = given.len().to_string();
            self.report(
                owner,
                Key::QfRowCount,
                &[
                    ("item", item),
                    ("number", &number),
                    ("max", &MAX_ROWS.to_string()),
                ],
            );
        }
        let mut seen = Vec::new();
        let mut out = Vec::with_capacity(given.len());
        let mut whole = true;
        for row in given {
            let key = self.local_key(item, &row.key, &mut seen);
            let what = format!("{item} › {key}");
            match (
                key.is_empty(),
                self.text(row.label.as_ref(), &what, row.key.span()),
            ) {
                (false, Some(label)) => out.push(Row { key, label }),
                _ => whole = false,
            }
        }
        whole.then_some(out)
    }

    /// An option's or row's key: well formed and used once within its question (`""` when not).
    fn local_key(
        &mut self,
        item: &str,
        key: &toml::Spanned<String>,
        seen: &mut Vec<String>,
    ) -> String {
        let value = key.get_ref().trim().to_string();
        let valid = !value.is_empty()
            && value.len() <= 60
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-'));
        if !valid {
            self.report(key.span(), Key::QfBadKey, &[("key", &value)]);
            return String::new();
        }
        if seen.contains(&value) {
            self.report(
                key.span(),
                Key::QfDuplicateOption,
                &[("item", item), ("key", &value)],
            );
            return String::new();
        }
        seen.push(value.clone());
        value
    }

    fn number(&mut self, item: &str, file: &ItemFile) -> Option<Kind> {
        let unit = match &file.unit {
            None => Some(None),
            Some(u) => self
                .text(Some(u.get_ref()), &format!("{item} › unit"), u.span())
                .map(Some),
        };
        let (Some(min), Some(max)) = (&file.min, &file.max) else {
            self.report(file.key.span(), Key::QfNumberRange, &[("item", item)]);
            return None;
        };
        if min.get_ref() >= max.get_ref() {
            self.report(min.span(), Key::QfNumberRange, &[("item", item)]);
            return None;
        }
        Some(Kind::Number {
            unit: unit?,
            min: *min.get_ref(),
            max: *max.get_ref(),
        })
    }

    fn short_text(&mut self, file: &ItemFile) -> Option<Kind> {
        let Some(given) = &file.max_chars else {
            return Some(Kind::ShortText {
                max_chars: DEFAULT_SHORT_TEXT,
            });
        };
        match u16::try_from(*given.get_ref())
            .ok()
            .filter(|n| (1..=MAX_SHORT_TEXT).contains(n))
        {
            Some(max_chars) => Some(Kind::ShortText { max_chars }),
            None => {
                let max = MAX_SHORT_TEXT.to_string();
                self.report(given.span(), Key::QfMaxChars, &[("max", &max)]);
                None
            }
        }
    }
}
