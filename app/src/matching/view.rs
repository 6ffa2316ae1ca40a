//! What the matches pages receive from the server.

use super::Reason;
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
