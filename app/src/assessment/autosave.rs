//! Saving answers as they are given, from the questionnaire's islands.
//!
//! The islands post the server function's own argument struct ([`SaveAnswer`],
//! [`SavePriority`]) as JSON to its endpoint with `fetch`, and only look at whether it
//! succeeded. The typed server-function client would give the same request, but it brings
//! its whole machinery (and the decoding of every error text key) into the WASM that every
//! page downloads, for a yes or no.

use super::api::{SaveAnswer, SavePriority};
use leptos::prelude::*;

/// What the status line beside an answer shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed,
}

/// A request that saves something: a server function's arguments.
pub trait SaveRequest: leptos::server_fn::ServerFn + serde::Serialize + 'static {}
impl SaveRequest for SaveAnswer {}
impl SaveRequest for SavePriority {}

/// One island's saving: at most one request in flight; a change made meanwhile is sent when
/// that request returns, so the server never receives an older state after a newer one, and
/// the status shown is that of the newest state.
#[derive(Clone, Copy)]
pub struct Autosave {
    pub state: RwSignal<SaveState>,
    in_flight: StoredValue<bool>,
    again: StoredValue<bool>,
}

impl Autosave {
    pub fn new() -> Self {
        Autosave {
            state: RwSignal::new(SaveState::Idle),
            in_flight: StoredValue::new(false),
            again: StoredValue::new(false),
        }
    }

    /// Saves what `request` builds. It must read the island's current values (signals,
    /// untracked) rather than capture them: a change made while a save is in flight is sent
    /// by calling the closure of that earlier save again, which then has to build the newest
    /// state.
    pub fn save<R: SaveRequest>(self, request: impl Fn() -> R + 'static) {
        self.state.set(SaveState::Saving);
        if self.in_flight.get_value() {
            self.again.set_value(true);
            return;
        }
        self.in_flight.set_value(true);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            loop {
                let saved = post_json(&request()).await;
                if self.again.get_value() {
                    self.again.set_value(false);
                    continue;
                }
                self.in_flight.set_value(false);
                self.state.set(if saved {
                    SaveState::Saved
                } else {
                    SaveState::Failed
                });
                break;
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = request;
    }
}

impl Default for Autosave {
    fn default() -> Self {
        Self::new()
    }
}

/// Posts `request` as JSON to its server function; true when the server said yes.
#[cfg(feature = "hydrate")]
async fn post_json<R: SaveRequest>(request: &R) -> bool {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let Ok(body) = serde_json::to_string(request) else {
        return false;
    };
    let Ok(headers) = web_sys::Headers::new() else {
        return false;
    };
    let _ = headers.set("Content-Type", "application/json");
    let _ = headers.set("Accept", "application/json");
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&wasm_bindgen::JsValue::from_str(&body));
    init.set_headers(&headers);
    match JsFuture::from(window().fetch_with_str_and_init(R::PATH, &init)).await {
        Ok(response) => response
            .dyn_into::<web_sys::Response>()
            .is_ok_and(|r| r.ok()),
        Err(_) => false,
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
}
