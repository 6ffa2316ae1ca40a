//! What the best-practice pages show, as the server sends it.

use super::model::{PracticeInput, PracticeStatus};
use crate::assessment::model::{Text, Variant};
use serde::{Deserialize, Serialize};

/// A case in a list (the public page, a plan step, the results page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeCard {
    pub slug: String,
    pub title: Text,
    /// Empty: not named.
    pub company_name: String,
    pub variant: Variant,
    pub size_class: String,
    pub province: String,
    pub transitions: Vec<String>,
    /// The result in a line, in both languages (the first line of the result text).
    pub result: Text,
    /// The first photo's address, if the case has one.
    pub photo: Option<String>,
}

/// A case on its own page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticePage {
    pub card: PracticeCard,
    /// The names of the case's transitions, in its order.
    pub transition_names: Vec<Text>,
    pub before: Text,
    pub done: Text,
    pub result: Text,
    pub photos: Vec<String>,
    /// The providers and consultants the case names: `(slug, name)`.
    pub profiles: Vec<(String, String)>,
    pub status: PracticeStatus,
    pub published_at: Option<i64>,
}

/// The public list's filters; empty means any.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeFilter {
    pub transition: String,
    pub variant: String,
    pub size_class: String,
    pub province: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeList {
    pub cases: Vec<PracticeCard>,
    /// Transitions to filter by: `(key, name)`.
    pub transitions: Vec<(String, Text)>,
}

/// A case in the staff's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPracticeRow {
    pub id: i64,
    pub slug: String,
    pub title_nl: String,
    pub status: PracticeStatus,
    pub updated_at: i64,
    pub photos: i32,
}

/// The staff's form: the case as stored (or empty for a new one) and the choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeEditor {
    pub id: Option<i64>,
    pub slug: String,
    pub status: PracticeStatus,
    pub input: PracticeInput,
    /// `(hash, address)` of each photo.
    pub photos: Vec<(String, String)>,
    pub transitions: Vec<(String, Text)>,
    /// Published providers and consultants: `(id, name)`.
    pub profiles: Vec<(i64, String)>,
    /// What a refused plain post typed on this page, if any (shown instead of the stored case).
    pub kept: Option<Vec<(String, String)>>,
}
