//! Saving answers as they are given, from the questionnaire's islands.
//!
//! Every change goes into the answer queue ([`super::answer_queue`]) kept in the browser's
//! storage and is sent from there in order, again and again until the server has it
//! ([`super::answer_sender`]). So an answer given without a connection, or just before a
//! reload or a crash, is not lost: it is sent when the connection is back, and the question
//! shows the waiting answer, not the older stored one, when the page opens again.
//!
//! The islands post the server function's own argument struct ([`SaveAnswer`],
//! [`SavePriority`]) as JSON to its endpoint with `fetch`, and only look at whether it
//! succeeded. The typed server-function client would give the same request, but it brings
//! its whole machinery (and the decoding of every error text key) into the WASM, for a yes
//! or no.

use super::api::{SaveAnswer, SavePriority};
use super::plain::PlainAnswer;
use leptos::prelude::*;

/// What the status line beside an answer shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState {
    Idle,
    /// In the queue, being sent.
    Saving,
    Saved,
    /// In the queue while there is no connection: sent as soon as there is.
    Waiting,
    /// The server refused it (the answer stays on screen; the page's button can post it).
    Failed,
}

/// A request that saves something: a server function's arguments.
pub trait SaveRequest: leptos::server_fn::ServerFn + serde::Serialize + 'static {
    /// Tells the page's live score about the change (answers only; a priority scores
    /// nothing).
    fn publish(&self) {}

    /// The change as its question shows it after a reload, in a form the browser reads back
    /// cheaply (see `assessment::plain`).
    fn shown(&self) -> String;
}
impl SaveRequest for SaveAnswer {
    fn publish(&self) {
        #[cfg(feature = "hydrate")]
        super::live_score::publish(self);
    }

    fn shown(&self) -> String {
        serde_json::to_string(&PlainAnswer::of_save(self)).unwrap_or_default()
    }
}
impl SaveRequest for SavePriority {
    fn shown(&self) -> String {
        self.priority.clone()
    }
}

/// One answer's saving, by its queue key ([`super::answer_queue::answer_key`]).
#[derive(Clone, Copy)]
pub struct Autosave {
    pub state: RwSignal<SaveState>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    key: StoredValue<String>,
}

impl Autosave {
    pub fn new(key: String) -> Self {
        let state = RwSignal::new(SaveState::Idle);
        #[cfg(feature = "hydrate")]
        super::answer_sender::watch(key.clone(), state);
        Autosave {
            state,
            key: StoredValue::new(key),
        }
    }

    /// This answer's change still waiting in the queue (given on an earlier visit without a
    /// connection), as [`SaveRequest::shown`] wrote it: newer than what the server stored,
    /// so it is what the question shows.
    pub fn waiting(&self) -> Option<String> {
        #[cfg(feature = "hydrate")]
        {
            super::answer_sender::waiting(&self.key.get_value())
        }
        #[cfg(not(feature = "hydrate"))]
        None
    }

    /// [`Self::waiting`] for a question's answer.
    pub fn waiting_answer(&self) -> Option<PlainAnswer> {
        #[cfg(feature = "hydrate")]
        {
            super::answer_sender::waiting_answer(&self.key.get_value())
        }
        #[cfg(not(feature = "hydrate"))]
        None
    }

    /// Queues `request`, the answer's whole state now, in place of any earlier waiting one.
    pub fn save<R: SaveRequest>(self, request: R) {
        self.state.set(SaveState::Saving);
        request.publish();
        #[cfg(feature = "hydrate")]
        match serde_json::to_string(&request) {
            Ok(body) => {
                super::answer_sender::put(&self.key.get_value(), R::PATH, body, request.shown())
            }
            Err(_) => self.state.set(SaveState::Failed),
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = request;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The islands post to the endpoints the server functions are mounted at.
    #[test]
    fn requests_go_to_the_server_functions_endpoints() {
        assert_eq!(
            <SaveAnswer as leptos::server_fn::ServerFn>::PATH,
            "/api/assessment/save_answer"
        );
        assert_eq!(
            <SavePriority as leptos::server_fn::ServerFn>::PATH,
            "/api/assessment/save_priority"
        );
    }

    /// What the queue keeps for a reload reads back as the answer that was given.
    #[test]
    fn a_queued_answer_reads_back_as_given() {
        let answer = SaveAnswer {
            reference: "R-1".into(),
            item_key: "i1".into(),
            current: Some(2),
            ambition: Some(4),
            not_applicable: false,
            comment: "net \"zo\"".into(),
            value: Some(crate::assessment::question_kind::AnswerValue::Number(7)),
        };
        let back: PlainAnswer = serde_json::from_str(&answer.shown()).unwrap();
        assert_eq!(back, PlainAnswer::of_save(&answer));
        assert_eq!(back.stored().value, answer.value);
        let priority = SavePriority {
            reference: "R-1".into(),
            transition: "t".into(),
            priority: "high".into(),
        };
        assert_eq!(priority.shown(), "high");
    }
}
