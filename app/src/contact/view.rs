//! What the contact and inbox pages receive from the server.

use super::model::{RequestStatus, ResultsSummary};
use crate::matching::view::MatchView;
use crate::providers::model::TransitionChoice;
use serde::{Deserialize, Serialize};

/// The contact form's context: who the request goes to and what would be shared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactTarget {
    pub reference: String,
    pub company_name: String,
    pub target: MatchView,
    pub summary: ResultsSummary,
    pub choices: Vec<TransitionChoice>,
}

/// The staff's list of requests: one page of them and how many there are in each status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestList {
    pub counts: Vec<(RequestStatus, i64)>,
    pub page: crate::ui::ListPage<RequestView>,
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
