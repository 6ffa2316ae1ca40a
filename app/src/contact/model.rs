//! Contact requests: a company asks a matched provider or consultant to get in touch. Staff
//! follow every request through its statuses, so introductions can be counted.

use crate::assessment::model::{Priority, Variant};
use crate::codes::code_enum;
use serde::{Deserialize, Serialize};

code_enum! {
    pub enum RequestStatus {
        New = "new" => RequestStatusNew,
        InContact = "in_contact" => RequestStatusInContact,
        MeetingHeld = "meeting_held" => RequestStatusMeetingHeld,
        ProjectStarted = "project_started" => RequestStatusProjectStarted,
        Closed = "closed" => RequestStatusClosed,
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
