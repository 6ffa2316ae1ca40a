//! What the matches, contact and inbox pages receive from the server.

use super::model::{RequestStatus, ResultsSummary};
use crate::matching::Reason;
use crate::providers::model::{ProfileKind, TransitionChoice};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatchView {
    pub profile_id: i64,
    pub slug: String,
    pub kind: ProfileKind,
    pub name: String,
    pub pitch: String,
    pub logo_url: Option<String>,
    pub score: u8,
    pub reasons: Vec<Reason>,
    /// This assessment already sent this profile a request.
    pub requested: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatchList {
    pub reference: String,
    pub company_name: String,
    /// The asker may send contact requests for this assessment.
    pub can_contact: bool,
    pub providers: Vec<MatchView>,
    pub consultants: Vec<MatchView>,
    pub choices: Vec<TransitionChoice>,
}

/// The contact form's context: who the request goes to and what would be shared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactTarget {
    pub reference: String,
    pub company_name: String,
    pub target: MatchView,
    pub summary: ResultsSummary,
    pub choices: Vec<TransitionChoice>,
}

/// A request as the provider (inbox) or staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: i64,
    pub company_name: String,
    pub sender_name: String,
    pub sender_email: String,
    pub profile_name: String,
    pub profile_slug: String,
    pub message: String,
    pub summary: Option<ResultsSummary>,
    pub status: RequestStatus,
    pub reply: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    pub requests: Vec<RequestView>,
    pub choices: Vec<TransitionChoice>,
}
