//! Profiles of solution providers and consultants: what they say about themselves, how a form
//! becomes a checked [`ProfileContent`], and where a profile is in its review. Shared by
//! browser and server; pure, so every rule is tested without a server.

use crate::accounts::model::Email;
use crate::assessment::model::{Text, Variant};
use crate::assessment::profile::{label, PROVINCES, SIZE_CLASSES};
use crate::codes::code_enum;
use crate::error::AppError;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

code_enum! {
    pub enum ProfileKind {
        /// A company that sells solutions (software, automation, machines, integration).
        Provider = "provider" => ProfileKindProvider,
        /// An individual adviser.
        Consultant = "consultant" => ProfileKindConsultant,
    }
}

/// A reference project ("case") on a profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub title: String,
    pub text: String,
    pub customer_type: String,
}

/// Everything a profile shows. The draft and the published copy are both one of these.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileContent {
    pub name: String,
    pub pitch: String,
    /// Markdown; turned into sanitised HTML on the server only.
    pub description: String,
    pub services: Vec<String>,
    pub technologies: Vec<String>,
    /// Keys of assessment transitions (shared by the three questionnaires).
    pub transitions: Vec<String>,
    pub variants: Vec<Variant>,
    /// Province codes (see `assessment::profile::PROVINCES`).
    pub regions: Vec<String>,
    /// Size-class codes (see `assessment::profile::SIZE_CLASSES`).
    pub sizes: Vec<String>,
    pub references: Vec<Case>,
    pub contact_name: String,
    pub contact_email: String,
    pub website: String,
    /// SHA-256 (hex) of the processed logo, served at `/logo/<hash>.png`.
    pub logo: Option<String>,
    // Consultants only.
    pub certifications: Vec<String>,
    pub languages: Vec<String>,
    pub available: bool,
    pub availability_note: String,
}

/// How many reference slots the form offers.
pub const MAX_REFERENCES: usize = 3;
/// The form field names of each reference slot: title, customer, text.
pub const REFERENCE_FIELDS: [[&str; 3]; MAX_REFERENCES] = [
    ["ref1_title", "ref1_customer", "ref1_text"],
    ["ref2_title", "ref2_customer", "ref2_text"],
    ["ref3_title", "ref3_customer", "ref3_text"],
];
pub const MAX_DESCRIPTION: usize = 8000;
const MAX_TAGS: usize = 20;
const MAX_TAG_LEN: usize = 60;

impl ProfileContent {
    pub fn logo_url(&self) -> Option<String> {
        self.logo.as_ref().map(|h| format!("/logo/{h}.png"))
    }

    /// Checks a submitted form. `fields` are the form's (name, value) pairs in order, with
    /// repeated names for checkboxes; `known_transitions` are the transition keys that exist.
    /// The logo is handled separately (it arrives as a file) and kept as `logo`.
    pub fn from_form(
        kind: ProfileKind,
        fields: &[(String, String)],
        known_transitions: &[String],
        logo: Option<String>,
    ) -> Result<ProfileContent, AppError> {
        let one = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default()
        };
        let all = |name: &str| -> Vec<String> {
            let mut values: Vec<String> = fields
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            values.dedup();
            values
        };

        let name = one("name");
        single_line(&name, "name", 2, 120, Key::ErrProfileName)?;
        let pitch = one("pitch");
        single_line(&pitch, "pitch", 0, 200, Key::ErrProfilePitch)?;
        let description = one("description").replace("\r\n", "\n");
        if !crate::text::is_multi_line(&description, 0, MAX_DESCRIPTION) {
            return Err(AppError::field("description", Key::ErrProfileDescription));
        }

        let transitions = all("transitions");
        if transitions.iter().any(|t| !known_transitions.contains(t)) {
            return Err(AppError::field("transitions", Key::ErrChoiceInvalid));
        }
        let variants = all("variants")
            .iter()
            // A provider serves kinds of company; the DMA is a measure, not a kind.
            .map(|v| Variant::parse(v).filter(|v| !v.is_dma()))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| AppError::field("variants", Key::ErrChoiceInvalid))?;
        let regions = all("regions");
        if regions.iter().any(|r| label(&PROVINCES, r).is_none()) {
            return Err(AppError::field("regions", Key::ErrChoiceInvalid));
        }
        let sizes = all("sizes");
        if sizes.iter().any(|s| label(&SIZE_CLASSES, s).is_none()) {
            return Err(AppError::field("sizes", Key::ErrChoiceInvalid));
        }

        let mut references = Vec::new();
        for [title, customer, text] in REFERENCE_FIELDS {
            let case = Case {
                title: one(title),
                text: one(text).replace("\r\n", "\n"),
                customer_type: one(customer),
            };
            if case.title.is_empty() && case.text.is_empty() && case.customer_type.is_empty() {
                continue;
            }
            // Errors in a slot point at its title field.
            let field = title;
            single_line(&case.title, field, 2, 120, Key::ErrProfileReference)?;
            single_line(&case.customer_type, field, 0, 120, Key::ErrProfileReference)?;
            if !crate::text::is_multi_line(&case.text, 0, 1000) {
                return Err(AppError::field(field, Key::ErrProfileReference));
            }
            references.push(case);
        }

        let contact_name = one("contact_name");
        single_line(
            &contact_name,
            "contact_name",
            0,
            120,
            Key::ErrProfileContact,
        )?;
        let contact_email = match one("contact_email").as_str() {
            "" => String::new(),
            e => Email::parse(e)
                .map_err(|_| AppError::field("contact_email", Key::ErrEmailInvalid))?
                .as_str()
                .to_string(),
        };
        let website = one("website");
        if !website.is_empty() && !is_web_address(&website) {
            return Err(AppError::field("website", Key::ErrProfileWebsite));
        }
        let availability_note = one("availability_note");
        single_line(
            &availability_note,
            "availability_note",
            0,
            200,
            Key::ErrProfileAvailability,
        )?;
        let consultant = kind == ProfileKind::Consultant;
        Ok(ProfileContent {
            name,
            pitch,
            description,
            services: tags(&one("services"), "services")?,
            technologies: tags(&one("technologies"), "technologies")?,
            transitions,
            variants,
            regions,
            sizes,
            references,
            contact_name,
            contact_email,
            website,
            logo,
            certifications: if consultant {
                tags(&one("certifications"), "certifications")?
            } else {
                Vec::new()
            },
            languages: if consultant {
                tags(&one("languages"), "languages")?
            } else {
                Vec::new()
            },
            available: consultant && one("available") == "on",
            availability_note: if consultant {
                availability_note
            } else {
                String::new()
            },
        })
    }

    /// What a form holds, read without any check: for showing a refused form again exactly
    /// as it was typed (nothing read here is stored).
    pub fn typed(kind: ProfileKind, fields: &[(String, String)], logo: Option<String>) -> Self {
        let one = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let all = |name: &str| -> Vec<String> {
            fields
                .iter()
                .filter(|(k, v)| k == name && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
                .collect()
        };
        let list = |name: &str| -> Vec<String> {
            one(name)
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect()
        };
        let consultant = kind == ProfileKind::Consultant;
        ProfileContent {
            name: one("name"),
            pitch: one("pitch"),
            description: one("description").replace("\r\n", "\n"),
            services: list("services"),
            technologies: list("technologies"),
            transitions: all("transitions"),
            variants: all("variants")
                .iter()
                .filter_map(|v| Variant::parse(v))
                .collect(),
            regions: all("regions"),
            sizes: all("sizes"),
            references: REFERENCE_FIELDS
                .iter()
                .map(|[title, customer, text]| Case {
                    title: one(title),
                    text: one(text).replace("\r\n", "\n"),
                    customer_type: one(customer),
                })
                .filter(|c| {
                    !(c.title.is_empty() && c.text.is_empty() && c.customer_type.is_empty())
                })
                .collect(),
            contact_name: one("contact_name"),
            contact_email: one("contact_email"),
            website: one("website"),
            logo,
            certifications: if consultant {
                list("certifications")
            } else {
                Vec::new()
            },
            languages: if consultant {
                list("languages")
            } else {
                Vec::new()
            },
            available: consultant && one("available") == "on",
            availability_note: if consultant {
                one("availability_note")
            } else {
                String::new()
            },
        }
    }

    /// What must be there before staff are asked to review: a name, a pitch, at least one
    /// transition (matching needs it) and a way to be contacted.
    pub fn check_complete(&self) -> Result<(), AppError> {
        if self.pitch.is_empty() {
            return Err(AppError::field("pitch", Key::ErrProfilePitchMissing));
        }
        if self.transitions.is_empty() {
            return Err(AppError::field(
                "transitions",
                Key::ErrProfileTransitionsMissing,
            ));
        }
        if self.contact_email.is_empty() {
            return Err(AppError::field(
                "contact_email",
                Key::ErrProfileContactMissing,
            ));
        }
        Ok(())
    }

    /// Lower-case words the directory's search looks in.
    pub fn search_text(&self) -> String {
        let mut parts = vec![
            self.name.as_str(),
            self.pitch.as_str(),
            self.description.as_str(),
        ];
        parts.extend(self.services.iter().map(String::as_str));
        parts.extend(self.technologies.iter().map(String::as_str));
        parts.extend(self.certifications.iter().map(String::as_str));
        parts.join(" ").to_lowercase()
    }

    /// Filter tags as `|t:key|v:code|r:code|s:code|k:technology|`, so one `LIKE '%|t:x|%'` per
    /// filter works the same on SQLite and PostgreSQL.
    pub fn tags(&self) -> String {
        let mut out = String::from("|");
        let mut push = |prefix: &str, value: &str| {
            out.push_str(prefix);
            out.push(':');
            out.push_str(&value.to_lowercase().replace('|', " "));
            out.push('|');
        };
        for t in &self.transitions {
            push("t", t);
        }
        for v in &self.variants {
            push("v", v.code());
        }
        for r in &self.regions {
            push("r", r);
        }
        for s in &self.sizes {
            push("s", s);
        }
        for k in &self.technologies {
            push("k", k);
        }
        out
    }
}

fn single_line(value: &str, field: &str, min: usize, max: usize, key: Key) -> Result<(), AppError> {
    if crate::text::is_single_line(value, min, max) {
        Ok(())
    } else {
        Err(AppError::field(field, key))
    }
}

/// "MES, OEE ,  , Vision" → ["MES", "OEE", "Vision"]: comma-separated, trimmed, no duplicates
/// (case-insensitive), at most 20 of at most 60 characters.
pub fn tags(input: &str, field: &str) -> Result<Vec<String>, AppError> {
    let mut out: Vec<String> = Vec::new();
    for tag in input.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if tag.chars().count() > MAX_TAG_LEN || tag.chars().any(char::is_control) {
            return Err(AppError::field(field, Key::ErrProfileTags));
        }
        if !out.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            out.push(tag.to_string());
        }
    }
    if out.len() > MAX_TAGS {
        return Err(AppError::field(field, Key::ErrProfileTags));
    }
    Ok(out)
}

/// An http(s) address with a host; nothing else may become a link on a profile.
pub fn is_web_address(value: &str) -> bool {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            value.len() <= 200
                && host.contains('.')
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':')
                && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

code_enum! {
    /// Where the owners' working copy is in the review.
    pub enum ReviewState {
        /// Being edited (or unchanged since staff approved it).
        Editing = "editing",
        /// Waiting for staff.
        Submitted = "submitted",
        /// Sent back by staff with a reason.
        Returned = "returned",
    }
}

/// The status a person sees, derived from the review state and whether a copy is published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProfileStatus {
    Draft,
    Submitted,
    Returned,
    Published,
    /// Published; the owners changed the draft and have not submitted it yet.
    PublishedWithEdits,
    /// Published; a revision waits for staff while the published copy stays visible.
    RevisionPending,
    /// Published; a revision was sent back.
    RevisionReturned,
}

impl ProfileStatus {
    pub fn derive(state: ReviewState, published: bool, draft_differs: bool) -> ProfileStatus {
        match (published, state) {
            (false, ReviewState::Editing) => ProfileStatus::Draft,
            (false, ReviewState::Submitted) => ProfileStatus::Submitted,
            (false, ReviewState::Returned) => ProfileStatus::Returned,
            (true, ReviewState::Submitted) => ProfileStatus::RevisionPending,
            (true, ReviewState::Returned) => ProfileStatus::RevisionReturned,
            (true, ReviewState::Editing) if draft_differs => ProfileStatus::PublishedWithEdits,
            (true, ReviewState::Editing) => ProfileStatus::Published,
        }
    }

    pub fn label(self) -> Key {
        match self {
            ProfileStatus::Draft => Key::ProfileStatusDraft,
            ProfileStatus::Submitted => Key::ProfileStatusSubmitted,
            ProfileStatus::Returned => Key::ProfileStatusReturned,
            ProfileStatus::Published => Key::ProfileStatusPublished,
            ProfileStatus::PublishedWithEdits => Key::ProfileStatusPublishedWithEdits,
            ProfileStatus::RevisionPending => Key::ProfileStatusRevisionPending,
            ProfileStatus::RevisionReturned => Key::ProfileStatusRevisionReturned,
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            ProfileStatus::Published => "badge-sent",
            ProfileStatus::Returned | ProfileStatus::RevisionReturned => "badge-failed",
            _ => "badge-pending",
        }
    }
}

/// A transition one can choose on a profile, with its name in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionChoice {
    pub key: String,
    pub name: Text,
}

pub fn transition_name<'a>(choices: &'a [TransitionChoice], key: &str) -> Option<&'a Text> {
    choices.iter().find(|c| c.key == key).map(|c| &c.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn known() -> Vec<String> {
        vec!["data".to_string(), "connectivity".to_string()]
    }

    #[test]
    fn a_full_form_becomes_content() {
        let c = ProfileContent::from_form(
            ProfileKind::Provider,
            &form(&[
                ("name", " Noord Automatisering "),
                ("pitch", "MES voor het MKB"),
                ("description", "Wij **koppelen** machines.\r\nEn meer."),
                ("services", "MES, OEE-dashboards, mes"),
                ("technologies", "OPC UA, MQTT"),
                ("transitions", "data"),
                ("transitions", "connectivity"),
                ("variants", "process"),
                ("regions", "friesland"),
                ("sizes", "20-49"),
                ("ref1_title", "Zuivelfabriek"),
                ("ref1_text", "OEE van 55% naar 70%"),
                ("ref1_customer", "procesindustrie"),
                ("ref2_title", ""),
                ("contact_email", "Info@Noord.nl"),
                ("website", "https://noord.example.nl/over"),
                ("available", "on"),
            ]),
            &known(),
            None,
        )
        .unwrap();
        assert_eq!(c.name, "Noord Automatisering");
        assert_eq!(c.services, vec!["MES", "OEE-dashboards"]);
        assert_eq!(c.transitions, vec!["data", "connectivity"]);
        assert_eq!(c.variants, vec![Variant::Process]);
        assert_eq!(c.references.len(), 1);
        assert_eq!(c.contact_email, "info@noord.nl");
        assert_eq!(c.description, "Wij **koppelen** machines.\nEn meer.");
        // Availability belongs to consultants only.
        assert!(!c.available);
        assert!(c.check_complete().is_ok());
        assert_eq!(
            c.tags(),
            "|t:data|t:connectivity|v:process|r:friesland|s:20-49|k:opc ua|k:mqtt|"
        );
    }

    #[test]
    fn bad_fields_are_named() {
        let field_of = |pairs: &[(&str, &str)]| {
            let mut all = vec![("name", "Noord")];
            all.extend_from_slice(pairs);
            match ProfileContent::from_form(ProfileKind::Consultant, &form(&all), &known(), None) {
                Err(AppError::Invalid { field, .. }) => field,
                other => panic!("expected an error, got {other:?}"),
            }
        };
        assert_eq!(
            field_of(&[("transitions", "hacking")]).unwrap(),
            "transitions"
        );
        assert_eq!(field_of(&[("regions", "utrecht")]).unwrap(), "regions");
        assert_eq!(field_of(&[("variants", "banking")]).unwrap(), "variants");
        assert_eq!(
            field_of(&[("website", "javascript:alert(1)")]).unwrap(),
            "website"
        );
        assert_eq!(
            field_of(&[("contact_email", "no-at-sign")]).unwrap(),
            "contact_email"
        );
        assert_eq!(
            field_of(&[("ref2_text", "text without a title")]).unwrap(),
            "ref2_title"
        );
        let long = "x".repeat(61);
        assert_eq!(
            field_of(&[("technologies", &long)]).unwrap(),
            "technologies"
        );
        assert!(ProfileContent::from_form(
            ProfileKind::Provider,
            &form(&[("name", "X")]),
            &known(),
            None
        )
        .is_err());
    }

    #[test]
    fn completeness_is_checked_before_review() {
        let mut c = ProfileContent {
            name: "Noord".into(),
            ..Default::default()
        };
        assert_eq!(
            c.check_complete().unwrap_err().key(),
            Key::ErrProfilePitchMissing
        );
        c.pitch = "MES".into();
        assert_eq!(
            c.check_complete().unwrap_err().key(),
            Key::ErrProfileTransitionsMissing
        );
        c.transitions = vec!["data".into()];
        assert_eq!(
            c.check_complete().unwrap_err().key(),
            Key::ErrProfileContactMissing
        );
    }

    #[test]
    fn status_follows_state_and_publication() {
        use ProfileStatus::*;
        assert_eq!(
            ProfileStatus::derive(ReviewState::Editing, false, true),
            Draft
        );
        assert_eq!(
            ProfileStatus::derive(ReviewState::Submitted, true, true),
            RevisionPending
        );
        assert_eq!(
            ProfileStatus::derive(ReviewState::Editing, true, false),
            Published
        );
        assert_eq!(
            ProfileStatus::derive(ReviewState::Editing, true, true),
            PublishedWithEdits
        );
    }

    #[test]
    fn only_http_addresses_are_web_addresses() {
        assert!(is_web_address("https://example.nl"));
        assert!(is_web_address("http://example.nl:8080/a?b#c"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("https://"));
        assert!(!is_web_address("https://exa mple.nl"));
        assert!(!is_web_address("https://\"onmouseover=x.nl"));
    }
}
