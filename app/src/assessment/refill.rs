//! A transition page refilled with what a refused plain form post held (kept by
//! `web::multipart::kept` for ten minutes, for this browser only), so a person without
//! JavaScript who typed "4,5" for a whole number sees the reason beside what they typed, with
//! every other choice of the page as they left it, instead of the last stored answers.
//! Pure; server only.

use super::model::{Item, Priority};
use super::question_kind::accept::from_form;
use super::service::FormFields;
use super::view::{StoredAnswer, TransitionSheet};
use std::collections::BTreeMap;

/// The most a refused page keeps: six questions with a 2,000-character comment each fit many
/// times over; a post beyond it is no person's form and is not kept.
pub const MAX_KEPT_BYTES: usize = 64 * 1024;

/// Whether a refused post is small enough to keep.
pub fn worth_keeping(fields: &[(String, String)]) -> bool {
    fields.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() <= MAX_KEPT_BYTES
}

/// Puts the kept fields of this page over the stored answers. The post held the whole page, so
/// a question it mentions is shown exactly as posted (a level not chosen is no level);
/// questions it does not mention keep their stored answer.
pub fn refill(sheet: &mut TransitionSheet, fields: &[(String, String)]) {
    let mut posted: BTreeMap<&str, (&Item, StoredAnswer, FormFields)> = BTreeMap::new();
    for (name, value) in fields {
        if name == "priority" {
            sheet.priority = Priority::parse(value);
            continue;
        }
        let Some((field, key, row)) = super::form::field_parts(name) else {
            continue;
        };
        // Only the questions of this page.
        let Some(item) = sheet.transition.items.iter().find(|i| i.key == key) else {
            continue;
        };
        let (_, answer, form) = posted.entry(key).or_insert_with(|| {
            (
                item,
                StoredAnswer {
                    item_key: item.key.clone(),
                    ..Default::default()
                },
                FormFields::default(),
            )
        });
        let level = || value.parse::<u8>().ok();
        match field {
            "current" => answer.current = level(),
            "ambition" => answer.ambition = level(),
            "na" => answer.not_applicable = true,
            "comment" => answer.comment = value.clone(),
            "value" => form.values.push(value.clone()),
            "grid" => form.grid.push((row.to_string(), value.clone())),
            _ => {}
        }
    }
    for (key, (item, mut answer, form)) in posted {
        if !item.kind.is_level() {
            match from_form(&item.kind, &form.values, &form.grid) {
                Ok(value) => answer.value = value,
                // What could not be read is shown as it was typed (a number or a text).
                Err(_) => answer.typed = form.values.into_iter().find(|v| !v.trim().is_empty()),
            }
        }
        sheet.answers.retain(|a| a.item_key != key);
        sheet.answers.push(answer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::{Item, Text, Transition, Variant};
    use crate::assessment::question_kind::{AnswerValue, Kind};

    fn sheet() -> TransitionSheet {
        let item = |key: &str, kind: Kind| Item {
            key: key.into(),
            question: Text::default(),
            levels: if kind.is_level() {
                vec![Text::default(); 5]
            } else {
                Vec::new()
            },
            kind,
            after: Vec::new(),
            steps: Vec::new(),
            visible_if: None,
        };
        TransitionSheet {
            prefilled: Vec::new(),
            whole: Default::default(),
            reference: "r1".into(),
            variant: Variant::Process,
            company_name: String::new(),
            finalised: false,
            transition: Transition {
                key: "t".into(),
                name: Text::default(),
                intro: Text::default(),
                items: vec![
                    item("t.level", Kind::Level),
                    item(
                        "t.count",
                        Kind::Number {
                            unit: None,
                            min: 0,
                            max: 10,
                        },
                    ),
                    item("t.yes", Kind::YesPartlyNo),
                ],
                visible_if: None,
            },
            answers: vec![
                StoredAnswer {
                    item_key: "t.level".into(),
                    current: Some(2),
                    ambition: Some(2),
                    ..Default::default()
                },
                StoredAnswer {
                    item_key: "t.yes".into(),
                    value: Some(AnswerValue::Choice("no".into())),
                    ..Default::default()
                },
            ],
            priority: None,
            progress: Vec::new(),
        }
    }

    fn f(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_page_comes_back_as_it_was_posted() {
        let mut s = sheet();
        refill(
            &mut s,
            &f(&[
                ("reference", "r1"),
                ("current:t.level", "4"),
                ("ambition:t.level", "3"),
                ("comment:t.level", "ERP komt"),
                ("value:t.count", "4,5"),
                ("priority", "high"),
                ("current:other.page", "5"),
            ]),
        );
        let answer = |key: &str| s.answers.iter().find(|a| a.item_key == key).cloned();
        let level = answer("t.level").expect("posted");
        assert_eq!((level.current, level.ambition), (Some(4), Some(3)));
        assert_eq!(level.comment, "ERP komt");
        let count = answer("t.count").expect("posted");
        assert_eq!((count.value, count.typed.as_deref()), (None, Some("4,5")));
        assert_eq!(
            answer("t.yes").and_then(|a| a.value),
            Some(AnswerValue::Choice("no".into())),
            "not in the post: as stored"
        );
        assert_eq!(s.priority, Some(Priority::High));
        assert!(answer("other.page").is_none(), "only this page's questions");
    }

    #[test]
    fn only_a_persons_sized_post_is_kept() {
        assert!(worth_keeping(&f(&[("comment:x", &"a".repeat(2000))])));
        assert!(!worth_keeping(&f(&[("comment:x", &"a".repeat(70_000))])));
    }
}
