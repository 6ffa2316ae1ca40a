//! Best practices: the vocabulary and the rules of the staff's form (pure, shared by browser
//! and server).

use crate::assessment::model::Variant;
use crate::assessment::profile::{label, PROVINCES, SIZE_CLASSES};
use crate::codes::code_enum;
use crate::error::AppError;
use crate::i18n::Key;
use crate::text::{posted, posted_all};
use serde::{Deserialize, Serialize};

code_enum! {
    /// A case is written as a draft and shown to the public once published.
    pub enum PracticeStatus {
        Draft = "draft" => PracticeDraft,
        Published = "published" => PracticePublished,
    }
}

/// Photos per case: enough to show the before and after, few enough for a phone.
pub const PHOTOS_MAX: i32 = 6;
/// Providers and consultants a case may name.
pub const PROFILES_MAX: usize = 5;
pub const TITLE_MAX: usize = 200;
pub const COMPANY_MAX: usize = 200;
/// Each of the three stories (before, done, result) per language.
pub const STORY_MAX: usize = 4000;

/// A case as staff enter it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeInput {
    pub title_nl: String,
    pub title_en: String,
    /// Empty: the company is not named ("a supplier in Drenthe").
    pub company_name: String,
    pub variant: String,
    pub size_class: String,
    pub province: String,
    pub transitions: Vec<String>,
    /// Published profiles the case names (ids), in the order ticked.
    pub profiles: Vec<i64>,
    pub before_nl: String,
    pub before_en: String,
    pub done_nl: String,
    pub done_en: String,
    pub result_nl: String,
    pub result_en: String,
}

fn story(fields: &[(String, String)], name: &str, min: usize) -> Result<String, AppError> {
    crate::text::multi_line_field(
        posted(fields, name),
        name,
        min,
        STORY_MAX,
        Key::ErrPracticeStory,
    )
}

fn line(
    fields: &[(String, String)],
    name: &str,
    min: usize,
    max: usize,
    key: Key,
) -> Result<String, AppError> {
    let value = posted(fields, name);
    if crate::text::is_single_line(value, min, max) {
        Ok(value.to_string())
    } else {
        Err(AppError::field(name, key))
    }
}

impl PracticeInput {
    /// Checks the staff form. `known_transitions` are the questionnaires' transition keys and
    /// `known_profiles` the published profiles a case may name. Dutch is required (the
    /// programme's language); an English text left empty shows the Dutch one.
    pub fn from_form(
        fields: &[(String, String)],
        known_transitions: &[String],
        known_profiles: &[i64],
    ) -> Result<PracticeInput, AppError> {
        let title_nl = line(fields, "title_nl", 3, TITLE_MAX, Key::ErrPracticeTitle)?;
        let title_en = line(fields, "title_en", 0, TITLE_MAX, Key::ErrPracticeTitle)?;
        let company_name = line(
            fields,
            "company_name",
            0,
            COMPANY_MAX,
            Key::ErrPracticeCompany,
        )?;
        let variant = posted(fields, "variant");
        Variant::parse(variant)
            .filter(|v| !v.is_dma())
            .ok_or_else(|| AppError::field("variant", Key::ErrChoiceInvalid))?;
        let size_class = posted(fields, "size_class");
        label(&SIZE_CLASSES, size_class)
            .ok_or_else(|| AppError::field("size_class", Key::ErrChoiceInvalid))?;
        let province = posted(fields, "province");
        label(&PROVINCES, province)
            .ok_or_else(|| AppError::field("province", Key::ErrChoiceInvalid))?;
        let mut transitions: Vec<String> = Vec::new();
        for t in posted_all(fields, "transitions") {
            if !known_transitions.iter().any(|k| k == t) {
                return Err(AppError::field("transitions", Key::ErrChoiceInvalid));
            }
            if !transitions.iter().any(|k| k == t) {
                transitions.push(t.to_string());
            }
        }
        if transitions.is_empty() {
            return Err(AppError::field("transitions", Key::ErrPracticeNoTransition));
        }
        let mut profiles: Vec<i64> = Vec::new();
        for p in posted_all(fields, "profiles") {
            let id: i64 = p
                .parse()
                .ok()
                .filter(|id| known_profiles.contains(id))
                .ok_or_else(|| AppError::field("profiles", Key::ErrChoiceInvalid))?;
            if !profiles.contains(&id) {
                profiles.push(id);
            }
        }
        if profiles.len() > PROFILES_MAX {
            return Err(AppError::field("profiles", Key::ErrPracticeTooManyProfiles));
        }
        Ok(PracticeInput {
            title_nl,
            title_en,
            company_name,
            variant: variant.to_string(),
            size_class: size_class.to_string(),
            province: province.to_string(),
            transitions,
            profiles,
            before_nl: story(fields, "before_nl", 1)?,
            before_en: story(fields, "before_en", 0)?,
            done_nl: story(fields, "done_nl", 1)?,
            done_en: story(fields, "done_en", 0)?,
            result_nl: story(fields, "result_nl", 1)?,
            result_en: story(fields, "result_en", 0)?,
        })
    }
}

/// `|a|b|`: the stored form of a list, so one `LIKE '%|a|%'` finds a value.
pub fn joined<T: ToString>(values: &[T]) -> String {
    if values.is_empty() {
        return String::new();
    }
    let inner: Vec<String> = values.iter().map(T::to_string).collect();
    format!("|{}|", inner.join("|"))
}

/// The values of a stored `|a|b|` list.
pub fn split(stored: &str) -> Vec<&str> {
    stored.split('|').filter(|v| !v.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(changes: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut base: Vec<(String, String)> = [
            ("title_nl", "Van papier naar tablet op de werkvloer"),
            ("title_en", ""),
            ("company_name", ""),
            ("variant", "suppliers"),
            ("size_class", "20-49"),
            ("province", "drenthe"),
            ("transitions", "data"),
            ("before_nl", "Werkbonnen op papier."),
            ("done_nl", "Tablets met digitale werkbonnen."),
            ("result_nl", "Doorlooptijd −20 %."),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        for (k, v) in changes {
            base.retain(|(name, _)| name != k);
            base.push((k.to_string(), v.to_string()));
        }
        base
    }

    fn known() -> Vec<String> {
        vec!["data".into(), "energy".into()]
    }

    fn refused(changes: &[(&str, &str)]) -> (String, Key) {
        match PracticeInput::from_form(&form(changes), &known(), &[7, 9]) {
            Err(AppError::Invalid { field, key, .. }) => (field.unwrap_or_default(), key),
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn a_complete_case_is_read_with_its_lists_deduplicated() {
        let mut fields = form(&[]);
        fields.push(("transitions".into(), "energy".into()));
        fields.push(("transitions".into(), "data".into()));
        fields.push(("profiles".into(), "9".into()));
        fields.push(("profiles".into(), "9".into()));
        let input = PracticeInput::from_form(&fields, &known(), &[7, 9]).expect("valid");
        assert_eq!(input.transitions, ["data", "energy"]);
        assert_eq!(input.profiles, [9]);
        assert_eq!(input.company_name, "", "anonymous");
    }

    #[test]
    fn a_case_without_a_transition_or_with_unknown_choices_is_refused() {
        let mut fields = form(&[]);
        fields.retain(|(k, _)| k != "transitions");
        let r = PracticeInput::from_form(&fields, &known(), &[]);
        assert!(matches!(
            r,
            Err(AppError::Invalid {
                key: Key::ErrPracticeNoTransition,
                ..
            })
        ));
        assert_eq!(refused(&[("transitions", "astrology")]).0, "transitions");
        assert_eq!(refused(&[("variant", "bakery")]).0, "variant");
        assert_eq!(refused(&[("size_class", "huge")]).0, "size_class");
        assert_eq!(refused(&[("province", "utrecht")]).0, "province");
        assert_eq!(refused(&[("profiles", "8")]).0, "profiles");
        assert_eq!(refused(&[("profiles", "x")]).0, "profiles");
    }

    #[test]
    fn texts_follow_their_limits() {
        assert_eq!(
            refused(&[("title_nl", "")]),
            ("title_nl".into(), Key::ErrPracticeTitle)
        );
        assert_eq!(refused(&[("title_nl", "a\nb")]).0, "title_nl");
        assert_eq!(
            refused(&[("done_nl", "")]),
            ("done_nl".into(), Key::ErrPracticeStory)
        );
        let long = "x".repeat(STORY_MAX + 1);
        assert_eq!(refused(&[("result_en", &long)]).0, "result_en");
        let company = "y".repeat(COMPANY_MAX + 1);
        assert_eq!(refused(&[("company_name", &company)]).0, "company_name");
    }

    #[test]
    fn too_many_profiles_are_refused() {
        let mut fields = form(&[]);
        for id in 1..=6 {
            fields.push(("profiles".into(), id.to_string()));
        }
        let r = PracticeInput::from_form(&fields, &known(), &[1, 2, 3, 4, 5, 6]);
        assert!(matches!(
            r,
            Err(AppError::Invalid {
                key: Key::ErrPracticeTooManyProfiles,
                ..
            })
        ));
    }

    #[test]
    fn lists_are_stored_between_bars() {
        assert_eq!(joined(&["a", "b"]), "|a|b|");
        assert_eq!(joined::<&str>(&[]), "");
        assert_eq!(split("|a|b|"), ["a", "b"]);
        assert_eq!(split(""), Vec::<&str>::new());
    }
}
