//! Sends the answer queue ([`super::answer_queue`]) from the browser (hydrate only).
//!
//! The queue lives in `localStorage`, which every tab of the site shares: each step reads it,
//! changes it and writes it back, so two tabs of one assessment never overwrite each other's
//! waiting answers (at worst both send the same change, which stores the same thing twice).
//! One sender per page sends the oldest change, then the next; when the server cannot be
//! reached it waits (1 s doubling to 30 s) and the browser's `online` event wakes it at once.
//! Requests are `keepalive`, so one on its way when the visitor moves to the next page still
//! arrives, and on `pagehide` everything still waiting is sent that way too. Leaving the page
//! warns only while answers wait for a connection (not for the runner's own move to the
//! overview, which sends them).

use super::answer_queue::{
    retry_delay_ms, sibling_key, sibling_priority_key, Entry, Outcome, Queue, StoredLately,
    Summary, STORAGE_KEY, STORED_LATELY_KEY,
};
use super::autosave::SaveState;
use super::plain::{PlainAnswer, StoredPage};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Puts an answer as stored into its question.
type Apply = std::rc::Rc<dyn Fn(PlainAnswer)>;

thread_local! {
    /// The status line of every question on the page, by queue key.
    static WATCHERS: RefCell<Vec<(String, RwSignal<SaveState>)>> = const { RefCell::new(Vec::new()) };
    static SUMMARIES: RefCell<Vec<RwSignal<Summary>>> = const { RefCell::new(Vec::new()) };
    /// The keys the server refused on this page (shown as not saved).
    static REFUSED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// The queue when the browser offers no storage (private modes, storage switched off).
    static MEMORY: RefCell<Queue> = RefCell::new(Queue::default());
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// Failed attempts in a row (0: the connection works as far as we know).
    static FAILURES: Cell<u32> = const { Cell::new(0) };
    /// Ends the sender's wait early (the connection is back).
    static WAKE: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
    static STORAGE_FAILED: Cell<bool> = const { Cell::new(false) };
    /// What puts an answer stored by someone else into its question on this page, by key
    /// (and by registration, to forget it when its question goes).
    static REMOTE: RefCell<Vec<(u32, String, Apply)>> = const { RefCell::new(Vec::new()) };
    /// The same for a transition's priority (its code, empty for none), by key.
    static REMOTE_PRIORITY: RefCell<Vec<(u32, String, ApplyPriority)>> = const { RefCell::new(Vec::new()) };
    static REGISTRATIONS: Cell<u32> = const { Cell::new(0) };
}

/// A new registration's number.
fn registration() -> u32 {
    REGISTRATIONS.with(|r| {
        r.set(r.get().wrapping_add(1));
        r.get()
    })
}

/// Puts a priority as stored (its code) into its choice.
type ApplyPriority = std::rc::Rc<dyn Fn(String)>;

/// Calls `apply` with the answer `key` as the server has it when a save's reply shows that
/// someone else changed it (two people filling in one assessment: the later answer wins).
/// Until the calling question goes (the runner moves to another transition).
pub fn on_stored_elsewhere(key: String, apply: impl Fn(PlainAnswer) + 'static) {
    let id = registration();
    REMOTE.with(|r| r.borrow_mut().push((id, key, std::rc::Rc::new(apply))));
    on_cleanup(move || REMOTE.with(|r| r.borrow_mut().retain(|(i, ..)| *i != id)));
}

/// [`on_stored_elsewhere`] for a transition's priority (`key`: its queue key).
pub fn on_priority_stored_elsewhere(key: String, apply: impl Fn(String) + 'static) {
    let id = registration();
    REMOTE_PRIORITY.with(|r| r.borrow_mut().push((id, key, std::rc::Rc::new(apply))));
    on_cleanup(move || REMOTE_PRIORITY.with(|r| r.borrow_mut().retain(|(i, ..)| *i != id)));
}

/// Puts the page's answers and priority as stored into the questions and the choice that
/// have no change of their own waiting (a waiting change is newer and will win when it is
/// sent).
fn take_stored(sent: &Entry, page: StoredPage) {
    let queue = load();
    let appliers = REMOTE.with(|r| r.borrow().clone());
    for answer in page.answers {
        let Some(key) = sibling_key(&sent.key, &answer.item_key) else {
            continue;
        };
        if queue.waiting(&key).is_some() {
            continue;
        }
        super::live_score::publish_stored(answer.clone().stored());
        for (_, _, apply) in appliers.iter().filter(|(_, k, _)| *k == key) {
            apply(answer.clone());
        }
    }
    let Some(key) = sibling_priority_key(&sent.key, &page.transition) else {
        return;
    };
    if queue.waiting(&key).is_some() {
        return;
    }
    let appliers = REMOTE_PRIORITY.with(|r| r.borrow().clone());
    for (_, _, apply) in appliers.iter().filter(|(_, k, _)| *k == key) {
        apply(page.priority.clone());
    }
}

/// Shows `state` for the answer `key` until its question goes, and starts sending what an
/// earlier visit left waiting.
pub fn watch(key: String, state: RwSignal<SaveState>) {
    install();
    WATCHERS.with(|w| w.borrow_mut().push((key, state)));
    on_cleanup(move || WATCHERS.with(|w| w.borrow_mut().retain(|(_, s)| *s != state)));
    notify();
    kick();
}

/// Keeps `summary` up to date with the queue, until its owner goes.
pub fn watch_summary(summary: RwSignal<Summary>) {
    install();
    SUMMARIES.with(|s| s.borrow_mut().push(summary));
    on_cleanup(move || SUMMARIES.with(|s| s.borrow_mut().retain(|kept| *kept != summary)));
    // Once the view showing it is alive: an island that arrives later in the page (the
    // overview's "Finalise" beside the runner) hydrates the server's HTML, which shows no
    // status, and would fail on a line that is already there.
    leptos::prelude::queue_microtask(|| {
        notify();
        kick();
    });
}

/// Whether the server refused a change on this page: the page's button then posts the
/// whole page, which says why.
pub fn any_refused() -> bool {
    REFUSED.with(|r| !r.borrow().is_empty())
}

/// The waiting change of `key`, as its question shows it; on an offline copy of the page, also
/// an answer the server stored after the copy was made (newer than what the copy says).
pub fn waiting(key: &str) -> Option<String> {
    load().waiting(key).map(|e| e.shown.clone()).or_else(|| {
        let made = copy_made_at()?;
        stored_lately().since(key, made).map(str::to_string)
    })
}

/// When the offline copy this page is was made (`offline_copy.js` marks the copies it serves);
/// `None` for a page the server made now.
fn copy_made_at() -> Option<u64> {
    thread_local! {
        static MADE: Option<u64> = leptos::prelude::document()
            .body()
            .and_then(|b| b.get_attribute("data-offline-copy"))
            .and_then(|at| at.parse().ok());
    }
    MADE.with(|m| *m)
}

/// A page of the assessment `reference` that the server made now carries every answer stored
/// so far: what was remembered of them can go.
pub fn page_is_fresh(reference: &str) {
    if copy_made_at().is_some() {
        return;
    }
    let mut lately = stored_lately();
    if lately.is_empty() {
        return;
    }
    lately.forget(reference, js_sys::Date::now() as u64);
    store_lately(&lately);
}

fn stored_lately() -> StoredLately {
    let text = storage().and_then(|s| s.get_item(STORED_LATELY_KEY).ok().flatten());
    StoredLately::from_json(text.as_deref())
}

/// Writes the list (only ever a help for an offline copy: without storage it is not kept).
fn store_lately(lately: &StoredLately) {
    if let Some(s) = storage() {
        let _ = if lately.is_empty() {
            s.remove_item(STORED_LATELY_KEY)
        } else {
            s.set_item(STORED_LATELY_KEY, &lately.to_json())
        };
    }
}

fn remember_stored(entry: &Entry) {
    let mut lately = stored_lately();
    lately.stored(entry, js_sys::Date::now() as u64);
    store_lately(&lately);
}

/// How many changes of the assessment `reference` still wait to be sent.
pub fn waiting_for(reference: &str) -> usize {
    load().waiting_for(reference)
}

/// [`waiting`] for a question's answer, read back.
pub fn waiting_answer(key: &str) -> Option<PlainAnswer> {
    waiting(key).and_then(|shown| serde_json::from_str(&shown).ok())
}

/// Whether `entry` may be posted: the storage is the page's own, but anything in it is data,
/// so only the two saving endpoints are ever posted to.
fn postable(entry: &Entry) -> bool {
    use leptos::server_fn::ServerFn;
    [super::api::SaveAnswer::PATH, super::api::SavePriority::PATH].contains(&entry.path.as_str())
}

/// Queues a change of `key` and sends it as soon as it is its turn.
pub fn put(key: &str, path: &str, body: String, shown: String) {
    let mut queue = load();
    queue.put(key, path, body, shown, js_sys::Date::now() as u64);
    store(&queue);
    REFUSED.with(|r| r.borrow_mut().retain(|k| k != key));
    notify();
    kick();
}

/// The browser's storage, unless it failed a write on this page (full, or switched off):
/// from then on the page keeps its queue in memory, where a reload would lose it.
fn storage() -> Option<web_sys::Storage> {
    if STORAGE_FAILED.with(Cell::get) {
        return None;
    }
    window().local_storage().ok().flatten()
}

fn load() -> Queue {
    match storage() {
        Some(s) => Queue::from_json(s.get_item(STORAGE_KEY).ok().flatten().as_deref()),
        None => MEMORY.with(|m| m.borrow().clone()),
    }
}

fn store(queue: &Queue) {
    let written = storage().is_some_and(|s| {
        if queue.is_empty() {
            s.remove_item(STORAGE_KEY).is_ok()
        } else {
            s.set_item(STORAGE_KEY, &queue.to_json()).is_ok()
        }
    });
    // Without storage (or when it is full) the page still queues and retries; only a reload
    // would then lose what waits.
    if !written {
        STORAGE_FAILED.with(|f| f.set(true));
        MEMORY.with(|m| *m.borrow_mut() = queue.clone());
    }
}

/// Brings every status line up to date with the queue.
fn notify() {
    let queue = load();
    let offline = FAILURES.with(Cell::get) > 0;
    let watchers = WATCHERS.with(|w| w.borrow().clone());
    let refused = REFUSED.with(|r| r.borrow().clone());
    for (key, state) in watchers {
        let now = state.get_untracked();
        let next = if refused.contains(&key) {
            SaveState::Failed
        } else if queue.waiting(&key).is_some() {
            if offline {
                SaveState::Waiting
            } else {
                SaveState::Saving
            }
        } else if matches!(now, SaveState::Saving | SaveState::Waiting) {
            SaveState::Saved
        } else {
            now
        };
        if next != now {
            state.set(next);
        }
    }
    let summary = Summary {
        waiting: queue.len(),
        offline,
    };
    for s in SUMMARIES.with(|s| s.borrow().clone()) {
        if s.get_untracked() != summary {
            s.set(summary);
        }
    }
}

/// Starts the sender unless it runs already.
fn kick() {
    if RUNNING.with(Cell::get) || load().is_empty() {
        return;
    }
    RUNNING.with(|r| r.set(true));
    leptos::task::spawn_local(run());
}

async fn run() {
    while let Some(entry) = load().front().cloned() {
        match send(&entry).await {
            (Outcome::Stored, reply) => {
                FAILURES.with(|f| f.set(0));
                forget(&entry);
                remember_stored(&entry);
                if let Some(page) = reply.and_then(|r| serde_json::from_str(&r).ok()) {
                    take_stored(&entry, page);
                }
            }
            (Outcome::Refused, _) => {
                FAILURES.with(|f| f.set(0));
                REFUSED.with(|r| r.borrow_mut().push(entry.key.clone()));
                forget(&entry);
            }
            (Outcome::Unreachable, _) => {
                let failures = FAILURES.with(|f| {
                    f.set(f.get().saturating_add(1));
                    f.get()
                });
                notify();
                sleep(retry_delay_ms(failures - 1)).await;
            }
        }
        notify();
    }
    RUNNING.with(|r| r.set(false));
    notify();
}

fn forget(entry: &Entry) {
    let mut queue = load();
    if queue.done(&entry.key, entry.change) {
        store(&queue);
    }
}

/// Posts one change (`keepalive` lets it finish when the page is left meanwhile); with the
/// reply's body when the server stored it.
async fn send(entry: &Entry) -> (Outcome, Option<String>) {
    if !postable(entry) {
        return (Outcome::Refused, None);
    }
    let Some(request) = request(entry) else {
        return (Outcome::Unreachable, None);
    };
    let Ok(response) = JsFuture::from(window().fetch_with_request(&request)).await else {
        return (Outcome::Unreachable, None);
    };
    let Ok(response) = response.dyn_into::<web_sys::Response>() else {
        return (Outcome::Unreachable, None);
    };
    let outcome = Outcome::of_status(Some(response.status()));
    let body = match (outcome, response.text()) {
        (Outcome::Stored, Ok(text)) => JsFuture::from(text).await.ok().and_then(|t| t.as_string()),
        _ => None,
    };
    (outcome, body)
}

fn request(entry: &Entry) -> Option<web_sys::Request> {
    let headers = web_sys::Headers::new().ok()?;
    headers.set("Content-Type", "application/json").ok()?;
    headers.set("Accept", "application/json").ok()?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(&entry.body));
    init.set_headers(&headers);
    // `keepalive` is not among web-sys's stable setters; the browser reads the plain field.
    js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE).ok()?;
    web_sys::Request::new_with_str_and_init(&entry.path, &init).ok()
}

/// Waits `ms` milliseconds, or less when [`retry_now`] is called.
async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            &resolve,
            ms.min(i32::MAX as u32) as i32,
        );
        WAKE.with(|w| *w.borrow_mut() = Some(resolve));
    });
    let _ = JsFuture::from(promise).await;
    WAKE.with(|w| w.borrow_mut().take());
}

/// Tries to send what waits now rather than after the current wait (the connection is back,
/// or the respondent asks for it by pressing "Finalise").
pub fn retry_now() {
    FAILURES.with(|f| f.set(0));
    if let Some(resolve) = WAKE.with(|w| w.borrow_mut().take()) {
        let _ = resolve.call0(&JsValue::NULL);
    }
    notify();
    kick();
}

/// The window's listeners, once per page: the connection coming back, the page being left.
fn install() {
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    let w = window();
    let online = Closure::<dyn Fn()>::new(retry_now);
    let _ = w.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
    online.forget();
    // Everything still waiting leaves with the page (keepalive); it stays queued until the
    // next page's sender hears that it arrived.
    let hide = Closure::<dyn Fn()>::new(|| {
        for entry in load().entries().iter().filter(|e| postable(e)) {
            if let Some(request) = request(entry) {
                let _ = window().fetch_with_request(&request);
            }
        }
    });
    let _ = w.add_event_listener_with_callback("pagehide", hide.as_ref().unchecked_ref());
    hide.forget();
    // Leaving while answers wait for a connection: the browser asks first (its own words;
    // browsers no longer show a page's text there).
    let leave = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        if FAILURES.with(Cell::get) > 0 && !load().is_empty() {
            ev.prevent_default();
            if let Some(ev) = ev.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                ev.set_return_value("waiting");
            }
        }
    });
    let _ = w.add_event_listener_with_callback("beforeunload", leave.as_ref().unchecked_ref());
    leave.forget();
}
