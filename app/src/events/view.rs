//! What the event pages receive from the server.

use super::model::*;
use crate::providers::model::TransitionChoice;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCard {
    pub id: i64,
    pub slug: String,
    pub kind: EventKind,
    pub title_nl: String,
    pub title_en: String,
    pub format: EventFormat,
    pub location: String,
    pub themes: Vec<String>,
    pub sessions: Vec<Session>,
    pub capacity: i32,
    pub seats_left: i32,
    pub status: EventStatus,
    pub eligibility: Eligibility,
    pub registration_deadline: i64,
    pub language: String,
}

impl EventCard {
    pub fn title(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Nl => &self.title_nl,
            crate::i18n::Lang::En => &self.title_en,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaQuery {
    pub kind: String,
    pub theme: String,
    pub past: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    pub events: Vec<EventCard>,
    pub choices: Vec<TransitionChoice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRegistration {
    pub id: i64,
    pub status: RegistrationStatus,
    pub position: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPage {
    pub card: EventCard,
    /// The descriptions as sanitised HTML (written in Markdown by staff).
    pub description_html_nl: String,
    pub description_html_en: String,
    pub speakers: String,
    pub per_organisation_limit: Option<i32>,
    pub waiting: u64,
    /// Only for confirmed participants (and staff).
    pub online_link: Option<String>,
    pub mine: Option<MyRegistration>,
    pub logged_in: bool,
    pub choices: Vec<TransitionChoice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelPreview {
    pub name: String,
    pub status: RegistrationStatus,
    pub card: EventCard,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySignUp {
    pub registration_id: i64,
    pub status: RegistrationStatus,
    pub position: Option<u64>,
    pub card: EventCard,
}

/// The figures the programme reports per event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCounts {
    pub confirmed: u64,
    pub waiting: u64,
    pub attended: u64,
    /// Distinct organisations among the confirmed participants.
    pub companies: u64,
    pub attending_companies: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEventRow {
    pub card: EventCard,
    pub counts: EventCounts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub status: RegistrationStatus,
    pub position: Option<u64>,
    pub checked_in: bool,
    pub created_at: i64,
}

/// What the staff's event form shows: the event (none for a new one) and, after a refused
/// plain post (no script), the fields as they were typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFormData {
    pub existing: Option<StaffEvent>,
    pub kept: Option<Vec<(String, String)>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEvent {
    pub card: EventCard,
    pub input: EventInput,
    pub counts: EventCounts,
    pub participants: Vec<Participant>,
    pub choices: Vec<TransitionChoice>,
}
