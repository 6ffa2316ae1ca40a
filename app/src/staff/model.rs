//! What the staff workspace's pages show. Shared by browser and server; no I/O.

use crate::accounts::model::Role;
use crate::assessment::model::Variant;
use serde::{Deserialize, Serialize};

/// A company (organisation of kind `company`) in the staff list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyRow {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub assessments: i64,
    pub last_assessment_at: Option<i64>,
    /// From the newest assessment (the company profile is filled in there).
    pub province: Option<String>,
    pub sector: Option<String>,
    pub size_class: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyFilter {
    pub search: String,
    pub province: Option<String>,
    pub sector: Option<String>,
    pub size_class: Option<String>,
}

impl CompanyFilter {
    /// The companies list's address with this filter (for its page links).
    pub fn href(&self) -> String {
        use crate::ui::encode_query as enc;
        let mut parts = Vec::new();
        if !self.search.trim().is_empty() {
            parts.push(format!("q={}", enc(&self.search)));
        }
        for (name, value) in [
            ("province", &self.province),
            ("sector", &self.sector),
            ("size", &self.size_class),
        ] {
            if let Some(v) = value {
                parts.push(format!("{name}={}", enc(v)));
            }
        }
        if parts.is_empty() {
            "/staff/companies".to_string()
        } else {
            format!("/staff/companies?{}", parts.join("&"))
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyMember {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub active: bool,
}

/// One moment in a company's history with the programme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TimelineEntry {
    Assessment {
        reference: String,
        variant: Variant,
        finalised: bool,
        overall_current: Option<u8>,
        overall_ambition: Option<u8>,
    },
    SignUp {
        event_slug: String,
        event_title: String,
        person: String,
        status: String,
        attended: bool,
    },
    ContactRequest {
        profile_name: String,
        profile_slug: String,
        status: String,
    },
    Note {
        author: String,
        body: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineItem {
    pub at: i64,
    pub entry: TimelineEntry,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyDetail {
    pub company: CompanyRow,
    pub members: Vec<CompanyMember>,
    /// Newest first.
    pub timeline: Vec<TimelineItem>,
    /// The company's EU DMA measures and finished supports (T0 → T1).
    #[serde(default)]
    pub dma: DmaStatus,
}

/// One finalised EU DMA of a company: T0 the first, T1 the next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DmaMeasure {
    pub reference: String,
    pub measurement: String,
    pub finalised_at: i64,
    pub overall: Option<u8>,
}

/// A finished support: when, and when the invitation to measure again went out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DmaSupportRow {
    pub finished_at: i64,
    pub invited_at: Option<i64>,
    /// How many members the invitation was mailed to.
    pub invited: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DmaStatus {
    /// Oldest first.
    pub measures: Vec<DmaMeasure>,
    /// Newest first.
    pub supports: Vec<DmaSupportRow>,
    /// An invitation is waiting to be sent: no second one can be scheduled.
    pub waiting: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation: Option<String>,
    pub organisation_id: Option<i64>,
    pub active: bool,
    pub verified: bool,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub id: i64,
    pub variant: Variant,
    pub version: i32,
    pub created_at: i64,
    /// `None` for versions that came with the platform's questionnaire files.
    pub published_by: Option<String>,
    pub change_note: Option<String>,
    pub assessments: i64,
}

/// A refused questionnaire upload, for the page it returns to: every problem of the file and
/// the change note that was typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRefusal {
    pub problems: Vec<crate::assessment::questionnaire_file::Problem>,
    pub change_note: String,
}

/// The longest staff note we keep.
pub const MAX_NOTE: usize = 4000;

/// A staff note as typed: trimmed, not empty, not too long.
pub fn check_note(body: &str) -> Result<String, crate::error::AppError> {
    use crate::error::AppError;
    use crate::i18n::Key;
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", Key::ErrNoteEmpty));
    }
    if body.chars().count() > MAX_NOTE {
        return Err(AppError::field("body", Key::ErrNoteTooLong));
    }
    Ok(body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
    use crate::i18n::Key;

    #[test]
    fn notes_are_checked() {
        assert_eq!(
            check_note("  Belde met Jan \n").as_deref(),
            Ok("Belde met Jan")
        );
        assert_eq!(
            check_note("   "),
            Err(AppError::field("body", Key::ErrNoteEmpty))
        );
        assert_eq!(
            check_note(&"x".repeat(MAX_NOTE + 1)),
            Err(AppError::field("body", Key::ErrNoteTooLong))
        );
    }
}

/// One item's plan step templates to edit, with what the editor needs around them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepTemplateEditor {
    /// The row id of the version shown (sent back when saving).
    pub version_id: i64,
    pub version: u32,
    pub transition_name: crate::assessment::model::Text,
    pub item: crate::assessment::model::Item,
    /// What a refused plain post typed, to fill the form with instead of the stored templates.
    pub kept: Option<Vec<(String, String)>>,
}
