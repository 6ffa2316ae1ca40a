//! The overview's "Finalise" button (an island). Answers given on a questionnaire page may
//! still wait in this browser's queue (`answer_queue`) when the respondent reaches the
//! overview, for instance after a spell without connection; finalising before they arrive
//! would lock the assessment without them (the server then refuses them as too late). So the
//! button sends what waits first and finalises after, or says that the connection is missing.
//! Without JavaScript there is no queue and the button is a plain submit button.

use super::transition_pages::{QueueLabels, QueueStatus};
use crate::ui::island_texts;
use leptos::prelude::*;

island_texts! {
    /// The button's texts, translated on the server (the island carries no translation tables).
    pub struct FinaliseTexts {
        submit: FinaliseSubmit,
        sending: FinaliseSending,
        sending_one: FinaliseSendingOne,
        offline: FinaliseOffline,
        offline_one: FinaliseOfflineOne,
    }
}

/// What the line under the button says (the server always renders `None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Wait {
    /// Nothing held back (nothing waits, or the respondent has not pressed the button).
    None,
    /// Pressed: sending `n` waiting answers, then finalising.
    Sending(usize),
    /// Pressed, but `n` answers cannot be sent now.
    Offline(usize),
}

/// The button, what it waits for, and under it how many answers wait for the connection
/// ([`QueueStatus`], here rather than an island of its own: one island less in the module).
#[island]
pub fn FinaliseButton(
    reference: String,
    texts: FinaliseTexts,
    queue: QueueLabels,
) -> impl IntoView {
    let wait = RwSignal::new(Wait::None);
    // The form to send once the answers are in: the button's, taken when it is pressed.
    #[cfg(feature = "hydrate")]
    let form = std::rc::Rc::new(std::cell::RefCell::new(None::<web_sys::HtmlFormElement>));
    #[cfg(feature = "hydrate")]
    {
        let form = form.clone();
        let summary = RwSignal::new(super::answer_queue::Summary::default());
        super::answer_sender::watch_summary(summary);
        let reference = reference.clone();
        // Each change of the queue: once this assessment's answers are all in, finalise; when
        // the sender finds no connection, say so and leave the choice to the respondent.
        Effect::new(move || {
            let offline = summary.get().offline;
            let now = wait.get();
            if now == Wait::None {
                return;
            }
            let left = super::answer_sender::waiting_for(&reference);
            // Only a change is written: the effect reads `wait` itself.
            let set = |next: Wait| {
                if next != now {
                    wait.set(next);
                }
            };
            match (now, left) {
                (Wait::Sending(_), 0) => {
                    set(Wait::None);
                    if let Some(form) = form.borrow().as_ref() {
                        let _ = form.request_submit();
                    }
                }
                (_, _) if offline && left > 0 => set(Wait::Offline(left)),
                (Wait::Sending(_), _) => set(Wait::Sending(left)),
                // Not finalised behind the respondent's back minutes later: once the
                // connection is back the line goes and the button is theirs to press again.
                (_, _) => set(Wait::None),
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = &reference;
    let on_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            let left = super::answer_sender::waiting_for(&reference);
            if left > 0 {
                use wasm_bindgen::JsCast;
                ev.prevent_default();
                *form.borrow_mut() = ev
                    .current_target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlButtonElement>().ok())
                    .and_then(|b| b.form());
                wait.set(Wait::Sending(left));
                super::answer_sender::retry_now();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let line = move || match wait.get() {
        Wait::None => String::new(),
        Wait::Sending(1) => texts.sending_one.clone(),
        Wait::Sending(n) => texts.sending.replace("{count}", &n.to_string()),
        Wait::Offline(1) => texts.offline_one.clone(),
        Wait::Offline(n) => texts.offline.replace("{count}", &n.to_string()),
    };
    view! {
        <button type="submit" class="btn btn-primary" on:click=on_click>{texts.submit.clone()}</button>
        <p class="finalise-wait" role="status" data-testid="finalise-wait"
            data-state=move || match wait.get() { Wait::None => "", Wait::Sending(_) => "sending", Wait::Offline(_) => "offline" }>
            {line}
        </p>
        <QueueStatus labels=queue />
    }
}
