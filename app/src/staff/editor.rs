//! Editing a questionnaire's texts: the form's field names, and how a posted form becomes the
//! next version. Only texts change; transitions, items and levels keep their keys and order,
//! so scores of the new version compare with the old. Pure and shared by browser and server.

use crate::assessment::model::{Questionnaire, Text};
use crate::error::AppError;
use crate::i18n::Key;

/// The longest text a field may hold (intros are the longest texts in the files).
pub const MAX_TEXT: usize = 3000;

pub fn title_field(lang: &str) -> String {
    format!("title.{lang}")
}

pub fn transition_field(key: &str, part: &str, lang: &str) -> String {
    format!("t:{key}:{part}.{lang}")
}

pub fn item_field(key: &str, part: &str, lang: &str) -> String {
    format!("i:{key}:{part}.{lang}")
}

/// The message for a text the editors refuse (shared with the step-template editor).
pub(crate) fn refusal_key(refusal: crate::text::Refusal) -> Key {
    match refusal {
        crate::text::Refusal::TooShort => Key::ErrTextEmpty,
        crate::text::Refusal::TooLong => Key::ErrTextTooLong,
        crate::text::Refusal::Invalid => Key::ErrTextInvalid,
    }
}

fn set(
    text: &mut Text,
    name_of: impl Fn(&str) -> String,
    get: &impl Fn(&str) -> Option<String>,
) -> Result<bool, AppError> {
    let mut changed = false;
    for (lang, slot) in [("nl", &mut text.nl), ("en", &mut text.en)] {
        let name = name_of(lang);
        // A field the form did not send keeps its text (a partial form changes nothing else).
        let Some(value) = get(&name) else { continue };
        let value = value.trim().replace("\r\n", "\n");
        // The request gate refuses bad characters already; the editor's rule holds on its own too.
        if let Err(refusal) = crate::text::check_multi_line(&value, 1, MAX_TEXT) {
            return Err(AppError::field(&name, refusal_key(refusal)));
        }
        if *slot != value {
            *slot = value;
            changed = true;
        }
    }
    Ok(changed)
}

/// Every editable text of a questionnaire with its field name, in form order.
pub fn fields(q: &Questionnaire) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |name_of: &dyn Fn(&str) -> String, text: &Text| {
        out.push((name_of("nl"), text.nl.clone()));
        out.push((name_of("en"), text.en.clone()));
    };
    push(&title_field, &q.title);
    for t in &q.transitions {
        push(&|l| transition_field(&t.key, "name", l), &t.name);
        push(&|l| transition_field(&t.key, "intro", l), &t.intro);
        for item in &t.items {
            push(&|l| item_field(&item.key, "question", l), &item.question);
            for (n, level) in item.levels.iter().enumerate() {
                push(
                    &|l| item_field(&item.key, &format!("level{}", n + 1), l),
                    level,
                );
            }
        }
    }
    out
}

/// The texts that differ between two versions: (field, before, after).
pub fn changes(before: &Questionnaire, after: &Questionnaire) -> Vec<(String, String, String)> {
    fields(before)
        .into_iter()
        .zip(fields(after))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, a), (_, b))| (name, a, b))
        .collect()
}

/// The next version of `base` with the posted texts. Refuses an empty text (naming its field)
/// and a form that changes nothing.
pub fn apply_texts(
    base: &Questionnaire,
    get: impl Fn(&str) -> Option<String>,
) -> Result<Questionnaire, AppError> {
    let mut next = base.clone();
    next.version = base.version + 1;
    let mut changed = set(&mut next.title, title_field, &get)?;
    for t in &mut next.transitions {
        let key = t.key.clone();
        changed |= set(&mut t.name, |l| transition_field(&key, "name", l), &get)?;
        changed |= set(&mut t.intro, |l| transition_field(&key, "intro", l), &get)?;
        for item in &mut t.items {
            let key = item.key.clone();
            changed |= set(
                &mut item.question,
                |l| item_field(&key, "question", l),
                &get,
            )?;
            for (n, level) in item.levels.iter_mut().enumerate() {
                let part = format!("level{}", n + 1);
                changed |= set(level, |l| item_field(&key, &part, l), &get)?;
            }
        }
    }
    if !changed {
        return Err(AppError::invalid(Key::ErrNothingChanged));
    }
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::questionnaire_file::parse;
    use crate::assessment::questionnaires::SOURCES;

    fn manufacturing() -> Questionnaire {
        let (file, source) = SOURCES[0];
        parse(file, source).expect("shipped questionnaire parses")
    }

    #[test]
    fn changed_texts_make_the_next_version_with_the_same_structure() {
        let base = manufacturing();
        let first = &base.transitions[0];
        let item = &first.items[0];
        let q_name = item_field(&item.key, "question", "en");
        let level_name = item_field(&item.key, "level3", "nl");
        let next = apply_texts(&base, |name| {
            if name == q_name {
                Some("  How clear is your digital vision?  ".into())
            } else if name == level_name {
                Some("Een visie op papier.".into())
            } else {
                None
            }
        })
        .expect("valid change");
        assert_eq!(next.version, base.version + 1);
        assert_eq!(
            next.transitions[0].items[0].question.en,
            "How clear is your digital vision?"
        );
        assert_eq!(next.transitions[0].items[0].question.nl, item.question.nl);
        assert_eq!(
            next.transitions[0].items[0].levels[2].nl,
            "Een visie op papier."
        );
        assert_eq!(next.item_count(), base.item_count());
        let keys = |q: &Questionnaire| {
            q.transitions
                .iter()
                .flat_map(|t| t.items.iter().map(|i| i.key.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(&next), keys(&base));
        let diff = changes(&base, &next);
        assert_eq!(diff.len(), 2);
        assert_eq!(diff[0].0, q_name);
        assert_eq!(fields(&base).len(), fields(&next).len());
    }

    #[test]
    fn empty_texts_and_no_change_are_refused() {
        let base = manufacturing();
        let key = base.transitions[1].key.clone();
        let field = transition_field(&key, "name", "nl");
        assert_eq!(
            apply_texts(&base, |n| (n == field).then(|| "   ".to_string())),
            Err(AppError::field(&field, Key::ErrTextEmpty))
        );
        let same = base.transitions[1].name.nl.clone();
        assert_eq!(
            apply_texts(&base, |n| (n == field).then(|| same.clone())),
            Err(AppError::invalid(Key::ErrNothingChanged))
        );
        assert_eq!(
            apply_texts(&base, |n| (n == field).then(|| "x".repeat(MAX_TEXT + 1))),
            Err(AppError::field(&field, Key::ErrTextTooLong))
        );
        // A control character, or a direction override that shows the text in another order.
        for bad in ["Data\u{7}", "Data \u{202e}lanoitarepo"] {
            assert_eq!(
                apply_texts(&base, |n| (n == field).then(|| bad.to_string())),
                Err(AppError::field(&field, Key::ErrTextInvalid))
            );
        }
    }
}
