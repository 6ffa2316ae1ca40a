//! Editing one item's plan step templates (issue 18): per level a step reaches (2 to 5), the
//! advice for every size class and, where a size needs its own, that size's advice or "no step
//! for this size". Saving makes the questionnaire's next version, like editing its texts, so
//! plans drafted earlier keep the advice they got. Pure and shared by browser and server.

use super::editor::MAX_TEXT;
use crate::assessment::model::{Item, Level, Questionnaire, StepTemplate, Text, Variant};
use crate::assessment::profile::SIZE_CLASSES;
use crate::error::AppError;
use crate::i18n::Key;

/// The page listing a variant's items and their templates.
pub fn list_path(variant: Variant) -> String {
    format!("/staff/questionnaires/{}/steps", variant.code())
}

/// The page editing one item's templates.
pub fn page_path(variant: Variant, item_key: &str) -> String {
    format!(
        "{}/{}",
        list_path(variant),
        crate::ui::encode_query(item_key)
    )
}

/// The form's name for the row of every size class.
pub const ALL_SIZES: &str = "all";

/// The rows of one level's fieldset: every size first, then each size class.
pub fn sizes() -> impl Iterator<Item = Option<&'static str>> {
    std::iter::once(None).chain(SIZE_CLASSES.iter().map(|(code, _)| Some(*code)))
}

/// The levels a step can reach.
pub fn levels() -> impl Iterator<Item = Level> {
    (Level::MIN + 1..=Level::MAX).filter_map(Level::new)
}

/// `s3:lt20.nl`, `s3:all.en`; `part` is a language or `skip`.
pub fn field(to: Level, size: Option<&str>, part: &str) -> String {
    let sep = if part == "skip" { ':' } else { '.' };
    format!("s{}:{}{sep}{part}", to.value(), size.unwrap_or(ALL_SIZES))
}

/// One template from its posted row: `None` when the row is empty (no template).
fn row(
    to: Level,
    size: Option<&str>,
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Option<StepTemplate>, AppError> {
    let text = |lang: &str| -> Result<String, AppError> {
        let name = field(to, size, lang);
        let value = get(&name).unwrap_or_default().trim().replace("\r\n", "\n");
        // Empty is allowed: an empty row is no template, and the match below checks the pair.
        if let Err(refusal) = crate::text::check_multi_line(&value, 0, MAX_TEXT) {
            return Err(AppError::field(&name, super::editor::refusal_key(refusal)));
        }
        Ok(value)
    };
    let (nl, en) = (text("nl")?, text("en")?);
    let skip = get(&field(to, size, "skip")).is_some_and(|v| !v.is_empty());
    let template = |advice| StepTemplate {
        to,
        size: size.map(str::to_string),
        advice,
    };
    match (skip, nl.is_empty(), en.is_empty()) {
        (true, true, true) => Ok(Some(template(None))),
        (true, _, _) => Err(AppError::field(
            &field(to, size, "skip"),
            Key::ErrStepSkipWithText,
        )),
        (false, true, true) => Ok(None),
        (false, false, false) => Ok(Some(template(Some(Text { nl, en })))),
        (false, true, false) => Err(AppError::field(
            &field(to, size, "nl"),
            Key::ErrStepBothLanguages,
        )),
        (false, false, true) => Err(AppError::field(
            &field(to, size, "en"),
            Key::ErrStepBothLanguages,
        )),
    }
}

/// The templates the form posts for one item, in form order.
pub fn posted(get: impl Fn(&str) -> Option<String>) -> Result<Vec<StepTemplate>, AppError> {
    let mut out = Vec::new();
    for to in levels() {
        for size in sizes() {
            out.extend(row(to, size, &get)?);
        }
    }
    Ok(out)
}

/// The next version of `base` with `item_key`'s templates replaced by the posted ones, and
/// the item's templates before and after (for the audit log). Refuses an unknown item and a
/// form that changes nothing.
pub fn apply_steps(
    base: &Questionnaire,
    item_key: &str,
    get: impl Fn(&str) -> Option<String>,
) -> Result<(Questionnaire, Vec<StepTemplate>, Vec<StepTemplate>), AppError> {
    let steps = posted(get)?;
    let mut next = base.clone();
    next.version = base.version + 1;
    let item: &mut Item = next
        .transitions
        .iter_mut()
        .flat_map(|t| t.items.iter_mut())
        .find(|i| i.key == item_key)
        .ok_or(AppError::NotFound)?;
    if item.steps == steps {
        return Err(AppError::invalid(Key::ErrNothingChanged));
    }
    let before = std::mem::replace(&mut item.steps, steps.clone());
    Ok((next, before, steps))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::questionnaire_file::parse;
    use crate::assessment::questionnaires::SOURCES;
    use std::collections::HashMap;

    fn manufacturing() -> Questionnaire {
        let (file, source) = SOURCES[0];
        parse(file, source).expect("shipped questionnaire parses")
    }

    fn form(pairs: &[(String, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect();
        move |name: &str| map.get(name).cloned()
    }

    fn level(n: u8) -> Level {
        Level::new(n).unwrap()
    }

    #[test]
    fn posted_rows_become_the_items_templates_in_a_new_version() {
        let base = manufacturing();
        let key = base.transitions[0].items[1].key.clone();
        let get = form(&[
            (field(level(3), None, "nl"), " Kies een ERP-pakket "),
            (field(level(3), None, "en"), "Choose an ERP package"),
            (
                field(level(3), Some("lt20"), "nl"),
                "Begin met een spreadsheet",
            ),
            (
                field(level(3), Some("lt20"), "en"),
                "Start with a spreadsheet",
            ),
            (field(level(5), Some("lt20"), "skip"), "1"),
        ]);
        let (next, before, after) = apply_steps(&base, &key, get).unwrap();
        assert_eq!(next.version, base.version + 1);
        let item = &next.item(&key).unwrap().1;
        assert_eq!(item.steps, after);
        assert_eq!(before, base.item(&key).unwrap().1.steps);
        assert_eq!(after.len(), 3);
        assert_eq!(
            item.step_template(level(3), "lt20")
                .unwrap()
                .advice
                .as_ref()
                .unwrap()
                .en,
            "Start with a spreadsheet"
        );
        assert_eq!(
            item.step_template(level(3), "50-99")
                .unwrap()
                .advice
                .as_ref()
                .unwrap()
                .nl,
            "Kies een ERP-pakket",
            "trimmed"
        );
        assert_eq!(item.step_template(level(5), "lt20").unwrap().advice, None);
        // Other items and every text stay as they were.
        assert_eq!(super::super::editor::changes(&base, &next), vec![]);
    }

    #[test]
    fn half_filled_or_contradicting_rows_name_their_field_and_change_nothing() {
        let base = manufacturing();
        let key = base.transitions[0].items[0].key.clone();
        let cases = [
            (
                vec![(field(level(2), Some("20-49"), "nl"), "Alleen Nederlands")],
                field(level(2), Some("20-49"), "en"),
                Key::ErrStepBothLanguages,
            ),
            (
                vec![
                    (field(level(4), None, "en"), "Text"),
                    (field(level(4), None, "nl"), "Tekst"),
                    (field(level(4), None, "skip"), "1"),
                ],
                field(level(4), None, "skip"),
                Key::ErrStepSkipWithText,
            ),
            (
                vec![
                    (field(level(2), None, "nl"), "a\u{0}b"),
                    (field(level(2), None, "en"), "ab"),
                ],
                field(level(2), None, "nl"),
                Key::ErrTextInvalid,
            ),
            (
                vec![
                    (field(level(3), None, "nl"), "ab"),
                    (field(level(3), None, "en"), "a\u{202e}b"),
                ],
                field(level(3), None, "en"),
                Key::ErrTextInvalid,
            ),
        ];
        for (pairs, name, key_) in cases {
            let refs: Vec<(String, &str)> = pairs.iter().map(|(k, v)| (k.clone(), *v)).collect();
            assert_eq!(
                apply_steps(&base, &key, form(&refs)).map(|r| r.0.version),
                Err(AppError::field(&name, key_))
            );
        }
        let long = "x".repeat(MAX_TEXT + 1);
        let pairs = [
            (field(level(2), None, "nl"), long.as_str()),
            (field(level(2), None, "en"), "x"),
        ];
        assert_eq!(
            apply_steps(&base, &key, form(&pairs)).map(|r| r.0.version),
            Err(AppError::field(
                &field(level(2), None, "nl"),
                Key::ErrTextTooLong
            ))
        );
        assert_eq!(
            apply_steps(&base, &key, form(&[])).map(|r| r.0.version),
            if base.item(&key).unwrap().1.steps.is_empty() {
                Err(AppError::invalid(Key::ErrNothingChanged))
            } else {
                Ok(base.version + 1)
            }
        );
        assert_eq!(
            apply_steps(&base, "no.such.item", form(&[])).map(|r| r.0.version),
            Err(AppError::NotFound)
        );
    }

    #[test]
    fn every_field_name_is_distinct() {
        let mut names: Vec<String> = levels()
            .flat_map(|to| sizes().flat_map(move |s| ["nl", "en", "skip"].map(|p| field(to, s, p))))
            .collect();
        let all = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all);
        assert_eq!(all, 4 * 6 * 3);
    }
}
