//! Which answers a typed question takes: the one check the autosave and the plain form both
//! pass through before anything is stored, and the reading of a plain form's fields into a
//! value. Pure; the refusal names the rule in the person's language (`i18n::Key`).

use super::{AnswerValue, Choice, Kind, YES_PARTLY_NO};
use crate::i18n::Key;

/// Checks `value` against the question; the value as it will be stored (a text trimmed, the
/// ticked options in the question's order) or why it is refused.
pub fn accept(kind: &Kind, value: AnswerValue) -> Result<AnswerValue, Key> {
    let known = |options: &[Choice], key: &str| options.iter().any(|o| o.key == key);
    match (kind, value) {
        (Kind::Single { options }, AnswerValue::Choice(key)) => {
            if known(options, &key) {
                Ok(AnswerValue::Choice(key))
            } else {
                Err(Key::ErrOptionUnknown)
            }
        }
        (Kind::YesPartlyNo, AnswerValue::Choice(key)) => {
            if YES_PARTLY_NO.iter().any(|(k, _)| *k == key) {
                Ok(AnswerValue::Choice(key))
            } else {
                Err(Key::ErrOptionUnknown)
            }
        }
        (Kind::Multiple { options }, AnswerValue::Choices(keys)) => {
            if keys.is_empty() {
                return Err(Key::ErrAnswerWrongType);
            }
            // More keys than options cannot all be known, however many a request holds.
            if keys.len() > options.len() {
                return Err(Key::ErrOptionUnknown);
            }
            if keys.iter().any(|k| !known(options, k)) {
                return Err(Key::ErrOptionUnknown);
            }
            let ticked: Vec<&Choice> = options.iter().filter(|o| keys.contains(&o.key)).collect();
            if ticked.len() != keys.len() {
                // The same option twice.
                return Err(Key::ErrOptionUnknown);
            }
            if ticked.len() > 1 && ticked.iter().any(|o| o.exclusive) {
                return Err(Key::ErrOptionExclusive);
            }
            Ok(AnswerValue::Choices(
                ticked.into_iter().map(|o| o.key.clone()).collect(),
            ))
        }
        (Kind::Grid { rows, scale }, AnswerValue::Grid(points)) => {
            if points.is_empty() || points.len() > rows.len() {
                return Err(Key::ErrAnswerWrongType);
            }
            let mut ordered = Vec::with_capacity(points.len());
            for row in rows {
                let mut given = points.iter().filter(|(r, _)| *r == row.key);
                if let Some((_, point)) = given.next() {
                    if given.next().is_some() || !known(scale, point) {
                        return Err(Key::ErrOptionUnknown);
                    }
                    ordered.push((row.key.clone(), point.clone()));
                }
            }
            if ordered.len() != points.len() {
                return Err(Key::ErrOptionUnknown);
            }
            Ok(AnswerValue::Grid(ordered))
        }
        (Kind::Number { min, max, .. }, AnswerValue::Number(n)) => {
            if (*min..=*max).contains(&n) {
                Ok(AnswerValue::Number(n))
            } else {
                Err(Key::ErrNumberOutOfRange)
            }
        }
        (Kind::ShortText { max_chars }, AnswerValue::Text(text)) => {
            let text = text.trim().to_string();
            if text.is_empty() {
                Err(Key::ErrAnswerWrongType)
            } else if !crate::text::is_single_line(&text, 1, usize::from(*max_chars)) {
                Err(Key::ErrShortTextInvalid)
            } else {
                Ok(AnswerValue::Text(text))
            }
        }
        _ => Err(Key::ErrAnswerWrongType),
    }
}

/// Reads a plain form's fields for one typed question: `values` are the `value:<item>`
/// fields in order (one per ticked box for multiple choice), `grid` the `grid:<item>:<row>`
/// fields. `Ok(None)` is "no answer" (nothing chosen, an emptied number or text), which
/// clears a stored one. The result still goes through [`accept`].
pub fn from_form(
    kind: &Kind,
    values: &[String],
    grid: &[(String, String)],
) -> Result<Option<AnswerValue>, Key> {
    let one = || values.iter().map(|v| v.trim()).find(|v| !v.is_empty());
    Ok(match kind {
        Kind::Level => return Err(Key::ErrAnswerWrongType),
        Kind::Single { .. } | Kind::YesPartlyNo => one().map(|v| AnswerValue::Choice(v.into())),
        Kind::Multiple { .. } => {
            let keys: Vec<String> = values.iter().filter(|v| !v.is_empty()).cloned().collect();
            (!keys.is_empty()).then_some(AnswerValue::Choices(keys))
        }
        Kind::Grid { .. } => {
            let points: Vec<(String, String)> = grid
                .iter()
                .filter(|(_, p)| !p.is_empty())
                .cloned()
                .collect();
            (!points.is_empty()).then_some(AnswerValue::Grid(points))
        }
        Kind::Number { .. } => read_number(one().unwrap_or_default())?.map(AnswerValue::Number),
        Kind::ShortText { .. } => one().map(|v| AnswerValue::Text(v.into())),
    })
}

/// A whole number as a person types it: "1.500" and "1 500" are thousands in Dutch, and a
/// fraction ("1,5") is no whole number. Empty is no answer. The number field in the browser
/// and the plain form read it alike.
pub fn read_number(typed: &str) -> Result<Option<i64>, Key> {
    let digits: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '\u{a0}'))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    digits
        .parse::<i64>()
        .map(Some)
        .map_err(|_| Key::ErrNumberInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::Text;
    use crate::assessment::question_kind::Row;

    fn options(exclusive_last: bool) -> Vec<Choice> {
        ["a", "b", "none"]
            .iter()
            .map(|k| Choice {
                key: k.to_string(),
                label: Text::default(),
                score: Some(50),
                exclusive: exclusive_last && *k == "none",
            })
            .collect()
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn choices_take_known_options_only() {
        let single = Kind::Single {
            options: options(false),
        };
        assert!(accept(&single, AnswerValue::Choice("b".into())).is_ok());
        assert_eq!(
            accept(&single, AnswerValue::Choice("c".into())),
            Err(Key::ErrOptionUnknown)
        );
        assert_eq!(
            accept(&single, AnswerValue::Number(1)),
            Err(Key::ErrAnswerWrongType)
        );
        assert!(accept(&Kind::YesPartlyNo, AnswerValue::Choice("partly".into())).is_ok());
        assert_eq!(
            accept(&Kind::YesPartlyNo, AnswerValue::Choice("maybe".into())),
            Err(Key::ErrOptionUnknown)
        );
        assert_eq!(
            accept(&Kind::Level, AnswerValue::Choice("a".into())),
            Err(Key::ErrAnswerWrongType)
        );
    }

    #[test]
    fn multiple_choice_is_ordered_and_an_exclusive_option_stands_alone() {
        let multiple = Kind::Multiple {
            options: options(true),
        };
        assert_eq!(
            accept(&multiple, AnswerValue::Choices(s(&["b", "a"]))),
            Ok(AnswerValue::Choices(s(&["a", "b"])))
        );
        assert_eq!(
            accept(&multiple, AnswerValue::Choices(s(&["a", "none"]))),
            Err(Key::ErrOptionExclusive)
        );
        assert!(accept(&multiple, AnswerValue::Choices(s(&["none"]))).is_ok());
        assert_eq!(
            accept(&multiple, AnswerValue::Choices(s(&["a", "a"]))),
            Err(Key::ErrOptionUnknown)
        );
        assert_eq!(
            accept(&multiple, AnswerValue::Choices(vec![])),
            Err(Key::ErrAnswerWrongType)
        );
        assert_eq!(
            accept(&multiple, AnswerValue::Choices(vec!["a".into(); 100_000])),
            Err(Key::ErrOptionUnknown)
        );
    }

    #[test]
    fn a_grid_takes_each_row_once_on_the_scale() {
        let grid = Kind::Grid {
            rows: ["x", "y"]
                .iter()
                .map(|k| Row {
                    key: k.to_string(),
                    label: Text::default(),
                })
                .collect(),
            scale: options(false),
        };
        let p = |r: &str, v: &str| (r.to_string(), v.to_string());
        assert_eq!(
            accept(&grid, AnswerValue::Grid(vec![p("y", "a"), p("x", "b")])),
            Ok(AnswerValue::Grid(vec![p("x", "b"), p("y", "a")]))
        );
        for wrong in [
            vec![p("x", "a"), p("x", "b")],
            vec![p("z", "a")],
            vec![p("x", "zz")],
        ] {
            assert!(accept(&grid, AnswerValue::Grid(wrong)).is_err());
        }
    }

    #[test]
    fn numbers_keep_their_range_and_texts_their_length() {
        let number = Kind::Number {
            unit: None,
            min: 0,
            max: 250,
        };
        assert!(accept(&number, AnswerValue::Number(250)).is_ok());
        assert_eq!(
            accept(&number, AnswerValue::Number(251)),
            Err(Key::ErrNumberOutOfRange)
        );
        assert_eq!(
            accept(&number, AnswerValue::Number(-1)),
            Err(Key::ErrNumberOutOfRange)
        );
        let text = Kind::ShortText { max_chars: 5 };
        assert_eq!(
            accept(&text, AnswerValue::Text("  abc ".into())),
            Ok(AnswerValue::Text("abc".into()))
        );
        assert_eq!(
            accept(&text, AnswerValue::Text("abcdef".into())),
            Err(Key::ErrShortTextInvalid)
        );
        assert_eq!(
            accept(&text, AnswerValue::Text("a\nb".into())),
            Err(Key::ErrShortTextInvalid)
        );
    }

    #[test]
    fn plain_form_fields_become_values() {
        let number = Kind::Number {
            unit: None,
            min: 0,
            max: 100_000,
        };
        assert_eq!(
            from_form(&number, &s(&["1.500"]), &[]),
            Ok(Some(AnswerValue::Number(1500)))
        );
        assert_eq!(from_form(&number, &s(&[""]), &[]), Ok(None));
        assert_eq!(read_number(" 12 "), Ok(Some(12)));
        assert_eq!(read_number("1 500"), Ok(Some(1500)));
        assert_eq!(read_number("-3"), Ok(Some(-3)));
        assert_eq!(read_number("1,5"), Err(Key::ErrNumberInvalid));
        assert_eq!(
            from_form(&number, &s(&["twelve"]), &[]),
            Err(Key::ErrNumberInvalid)
        );
        let multiple = Kind::Multiple {
            options: options(true),
        };
        assert_eq!(
            from_form(&multiple, &s(&["a", "b"]), &[]),
            Ok(Some(AnswerValue::Choices(s(&["a", "b"]))))
        );
        assert_eq!(from_form(&multiple, &[], &[]), Ok(None));
        assert_eq!(
            from_form(&Kind::YesPartlyNo, &s(&["no"]), &[]),
            Ok(Some(AnswerValue::Choice("no".into())))
        );
    }
}
