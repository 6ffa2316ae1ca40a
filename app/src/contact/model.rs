//! Contact requests: a company asks a matched provider or consultant to get in touch. Staff
//! follow every request through its statuses, so introductions can be counted.

use crate::assessment::model::{Priority, Variant};
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestStatus {
    New,
    InContact,
    MeetingHeld,
    ProjectStarted,
    Closed,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 5] = [
        RequestStatus::New,
        RequestStatus::InContact,
        RequestStatus::MeetingHeld,
        RequestStatus::ProjectStarted,
        RequestStatus::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestStatus::New => "new",
            RequestStatus::InContact => "in_contact",
            RequestStatus::MeetingHeld => "meeting_held",
            RequestStatus::ProjectStarted => "project_started",
            RequestStatus::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> Option<RequestStatus> {
        RequestStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> Key {
        match self {
            RequestStatus::New => Key::RequestStatusNew,
            RequestStatus::InContact => Key::RequestStatusInContact,
            RequestStatus::MeetingHeld => Key::RequestStatusMeetingHeld,
            RequestStatus::ProjectStarted => Key::RequestStatusProjectStarted,
            RequestStatus::Closed => Key::RequestStatusClosed,
        }
    }
}

/// What a company shares about its assessment when it agrees to: the headline figures and its
/// top priorities, never individual answers or comments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsSummary {
    pub variant: Variant,
    pub size_class: String,
    pub province: String,
    pub overall_current: Option<u8>,
    pub overall_ambition: Option<u8>,
    /// (transition key, priority, gap), weightiest first.
    pub priorities: Vec<(String, Option<Priority>, u8)>,
}

pub const MESSAGE_MIN: usize = 10;
pub const MESSAGE_MAX: usize = 2000;

/// A message is 10-2000 characters of text (new lines allowed).
pub fn check_message(text: &str) -> bool {
    let n = text.trim().chars().count();
    (MESSAGE_MIN..=MESSAGE_MAX).contains(&n)
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.code()), Some(s));
        }
        assert_eq!(RequestStatus::parse("deleted"), None);
    }

    #[test]
    fn messages_have_a_sensible_length() {
        assert!(check_message("Graag een afspraak over MES.\nGroet, Anna"));
        assert!(!check_message("  hoi  "));
        assert!(!check_message(&"x".repeat(2001)));
        assert!(!check_message("bel ons svp \u{0}"));
    }
}
