//! The answers waiting to reach the server, as pure data: what the questionnaire's islands
//! keep in the browser's storage so that an answer given on poor Wi-Fi, or just before a
//! reload, a closed tab or a crash, is sent when the connection allows (`autosave` does the
//! sending; everything here is testable without a browser).
//!
//! Rules:
//! - one entry per answer (an item or a transition's priority): a later change replaces the
//!   waiting one, so the later answer per item wins and nothing older is sent after it;
//! - entries go out in the order of their latest change;
//! - an entry is removed only by the answer to the request that carried that very change
//!   ([`Queue::done`] compares the change number): a change made while it was on its way
//!   stays and goes next;
//! - the stored form is versioned JSON; anything unreadable counts as an empty queue rather
//!   than an error, because a page must open even when the storage holds rubbish.

use serde::{Deserialize, Serialize};

/// The storage key of the queue (the browser's `localStorage`, shared by the tabs of the site).
pub const STORAGE_KEY: &str = "sih.answer-queue";

/// The stored form's version: a newer platform reading an older queue, or the reverse, starts
/// empty rather than misreading it.
const FORMAT: u32 = 1;

/// One answer on its way: the server function's address and the JSON body to post to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Which answer this is (see [`answer_key`], [`priority_key`]).
    pub key: String,
    /// The change's number: unique and increasing within the queue.
    pub change: u64,
    pub path: String,
    pub body: String,
    /// The answer as its question shows it when the page opens again before it was sent (a
    /// plain form the browser reads cheaply, see `assessment::plain`).
    #[serde(default)]
    pub shown: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    entries: Vec<Entry>,
    last_change: u64,
}

/// The stored form (no `#[serde(flatten)]`: reading one buffers through serde's generic
/// content, which the browser module would carry for this alone).
#[derive(Serialize, Deserialize)]
struct Stored {
    format: u32,
    entries: Vec<Entry>,
    last_change: u64,
}

/// The key of one item's answer in one assessment.
pub fn answer_key(reference: &str, item: &str) -> String {
    format!("answer/{reference}/{item}")
}

/// The key of `item`'s answer in the assessment whose answer or priority `key` is (`None` for
/// a key of another kind): what a save's reply about the page's questions is filed under.
pub fn sibling_key(key: &str, item: &str) -> Option<String> {
    Some(answer_key(assessment_of(key)?, item))
}

/// The key of `transition`'s priority in the assessment whose answer or priority `key` is.
pub fn sibling_priority_key(key: &str, transition: &str) -> Option<String> {
    Some(priority_key(assessment_of(key)?, transition))
}

/// The assessment's reference in an answer's or a priority's key.
fn assessment_of(key: &str) -> Option<&str> {
    let rest = key
        .strip_prefix("answer/")
        .or_else(|| key.strip_prefix("priority/"))?;
    Some(rest.rsplit_once('/')?.0)
}

/// The key of one transition's priority in one assessment.
pub fn priority_key(reference: &str, transition: &str) -> String {
    format!("priority/{reference}/{transition}")
}

impl Queue {
    /// Puts a change in the queue behind everything else, replacing the waiting change of the
    /// same answer. Returns the change's number. `now` (milliseconds) keeps the numbers
    /// increasing across tabs that each read the stored queue, change it and write it back.
    pub fn put(&mut self, key: &str, path: &str, body: String, shown: String, now: u64) -> u64 {
        self.entries.retain(|e| e.key != key);
        let change = now.max(self.last_change + 1);
        self.last_change = change;
        self.entries.push(Entry {
            key: key.to_string(),
            change,
            path: path.to_string(),
            body,
            shown,
        });
        change
    }

    /// The change to send next.
    pub fn front(&self) -> Option<&Entry> {
        self.entries.first()
    }

    /// The server has the change `change` of `key`: forget it, unless a later change of the
    /// same answer has replaced it meanwhile. True when something was removed.
    pub fn done(&mut self, key: &str, change: u64) -> bool {
        let before = self.entries.len();
        self.entries
            .retain(|e| !(e.key == key && e.change == change));
        self.entries.len() != before
    }

    /// The waiting change of one answer, if any.
    pub fn waiting(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// How many changes of one assessment (its answers and priorities) still wait: what must
    /// reach the server before that assessment is finalised.
    pub fn waiting_for(&self, reference: &str) -> usize {
        let (answers, priorities) = (answer_key(reference, ""), priority_key(reference, ""));
        self.entries
            .iter()
            .filter(|e| e.key.starts_with(&answers) || e.key.starts_with(&priorities))
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&Stored {
            format: FORMAT,
            entries: self.entries.clone(),
            last_change: self.last_change,
        })
        .unwrap_or_default()
    }

    /// The queue stored as `text`; empty when there is none or it cannot be read.
    pub fn from_json(text: Option<&str>) -> Queue {
        text.and_then(|t| serde_json::from_str::<Stored>(t).ok())
            .filter(|s| s.format == FORMAT)
            .map(|s| Queue {
                entries: s.entries,
                last_change: s.last_change,
            })
            .unwrap_or_default()
    }
}

/// The storage key of the answers the server stored lately ([`StoredLately`]).
pub const STORED_LATELY_KEY: &str = "sih.answers-stored";

/// How many stored answers [`StoredLately`] remembers: more than one questionnaire has.
const KEPT_LATELY: usize = 300;

/// Answers the server has stored from this browser lately, each with the moment (ms) it said
/// so. When the connection is lost, the page may come from the offline copy the service
/// worker keeps (`offline_copy.js`), made at some moment before; an answer stored after that
/// moment is newer than the copy, and the page shows it on top of the copy (as it shows an
/// answer still waiting). A page the server made itself carries everything stored, so loading
/// one forgets its assessment's answers here (which also keeps this list short).
///
/// Each is kept as an [`Entry`] whose `change` is the moment and whose request is left out,
/// and the list is stored in the queue's own form: the browser module then carries no
/// second reader and writer for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoredLately {
    entries: Vec<Entry>,
}

impl StoredLately {
    /// The server stored `entry` at `at`: it replaces what was remembered of the same answer.
    pub fn stored(&mut self, entry: &Entry, at: u64) {
        self.entries.retain(|e| e.key != entry.key);
        self.entries.push(Entry {
            key: entry.key.clone(),
            change: at,
            path: String::new(),
            body: String::new(),
            shown: entry.shown.clone(),
        });
        let extra = self.entries.len().saturating_sub(KEPT_LATELY);
        self.entries.drain(..extra);
    }

    /// How the question `key` shows the answer stored at or after `since`, if there is one.
    pub fn since(&self, key: &str, since: u64) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.key == key && e.change >= since)
            .map(|e| e.shown.as_str())
    }

    /// Forgets what was stored for the assessment `reference` before `before`: a page the
    /// server made at `before` carries it.
    pub fn forget(&mut self, reference: &str, before: u64) {
        let (answers, priorities) = (answer_key(reference, ""), priority_key(reference, ""));
        self.entries.retain(|e| {
            e.change >= before || !(e.key.starts_with(&answers) || e.key.starts_with(&priorities))
        });
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&Stored {
            format: FORMAT,
            entries: self.entries.clone(),
            last_change: 0,
        })
        .unwrap_or_default()
    }

    /// The list stored as `text`; empty when there is none or it cannot be read.
    pub fn from_json(text: Option<&str>) -> StoredLately {
        text.and_then(|t| serde_json::from_str::<Stored>(t).ok())
            .filter(|s| s.format == FORMAT)
            .map(|s| StoredLately { entries: s.entries })
            .unwrap_or_default()
    }
}

/// What the page-wide status line shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Answers not yet stored by the server.
    pub waiting: usize,
    /// The last attempt found no connection.
    pub offline: bool,
}

/// What became of one attempt to send a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Stored,
    /// The server refused this change and will refuse it again (a 4xx answer: the assessment
    /// was finalised, the value is invalid, the visitor may not change it): sending it again
    /// would block every answer behind it.
    Refused,
    /// No connection, or the server could not answer now: try again later.
    Unreachable,
}

impl Outcome {
    /// The outcome of an HTTP status (`None`: the request did not reach a server).
    pub fn of_status(status: Option<u16>) -> Outcome {
        match status {
            Some(200..=299) => Outcome::Stored,
            // Timeouts and rate limits pass; so do the server's own failures.
            Some(408 | 429) | Some(500..) | None => Outcome::Unreachable,
            Some(_) => Outcome::Refused,
        }
    }
}

/// How long to wait before the next attempt after `failures` failed ones in a row: one
/// second, doubling, at most thirty (the connection coming back wakes the sender at once).
pub fn retry_delay_ms(failures: u32) -> u32 {
    1_000u32.saturating_mul(1 << failures.min(5)).min(30_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(q: &Queue) -> Vec<&str> {
        q.entries().iter().map(|e| e.key.as_str()).collect()
    }

    #[test]
    fn changes_go_out_in_the_order_of_their_latest_change_and_the_later_one_wins() {
        let mut q = Queue::default();
        q.put("a", "/api/x", "a1".into(), String::new(), 10);
        q.put("b", "/api/x", "b1".into(), String::new(), 11);
        q.put("a", "/api/x", "a2".into(), String::new(), 12);
        assert_eq!(keys(&q), ["b", "a"]);
        assert_eq!(q.waiting("a").map(|e| e.body.as_str()), Some("a2"));
        assert_eq!(q.len(), 2);
    }

    #[test]
    fn what_waits_for_one_assessment_counts_its_answers_and_priorities_only() {
        let mut q = Queue::default();
        q.put(
            &answer_key("AB12", "i1"),
            "/api/x",
            "1".into(),
            String::new(),
            1,
        );
        q.put(
            &priority_key("AB12", "strategy"),
            "/api/x",
            "2".into(),
            String::new(),
            2,
        );
        q.put(
            &answer_key("AB123", "i1"),
            "/api/x",
            "3".into(),
            String::new(),
            3,
        );
        q.put(
            &answer_key("CD34", "i1"),
            "/api/x",
            "4".into(),
            String::new(),
            4,
        );
        assert_eq!(
            q.waiting_for("AB12"),
            2,
            "a longer reference with the same start is another assessment"
        );
        assert_eq!(q.waiting_for("CD34"), 1);
        assert_eq!(q.waiting_for("EF56"), 0);
    }

    #[test]
    fn a_change_made_while_the_previous_one_was_on_its_way_stays() {
        let mut q = Queue::default();
        let first = q.put("a", "/api/x", "a1".into(), String::new(), 10);
        let sent = q.front().cloned();
        assert_eq!(sent.as_ref().map(|e| e.change), Some(first));
        q.put("a", "/api/x", "a2".into(), String::new(), 11);
        // The answer to the first request must not remove the second change.
        assert!(!q.done("a", first));
        assert_eq!(q.front().map(|e| e.body.as_str()), Some("a2"));
        let second = q.front().map(|e| e.change).unwrap_or_default();
        assert!(q.done("a", second));
        assert!(q.is_empty());
    }

    #[test]
    fn change_numbers_keep_increasing_even_when_the_clock_does_not() {
        let mut q = Queue::default();
        let a = q.put("a", "/p", String::new(), String::new(), 100);
        let b = q.put("b", "/p", String::new(), String::new(), 100);
        let c = q.put("c", "/p", String::new(), String::new(), 50);
        assert!(a < b && b < c, "{a} {b} {c}");
        // Another tab wrote later with its own clock: the numbers follow the larger one.
        assert_eq!(q.put("d", "/p", String::new(), String::new(), 1_000), 1_000);
    }

    #[test]
    fn the_stored_form_reads_back_the_same_queue() {
        let mut q = Queue::default();
        q.put(
            &answer_key("R-1", "i1"),
            "/api/assessment/save_answer",
            r#"{"x":"é \""}"#.into(),
            r#"{"current":2}"#.into(),
            5,
        );
        q.put(
            &priority_key("R-1", "t1"),
            "/api/assessment/save_priority",
            "{}".into(),
            "high".into(),
            6,
        );
        let text = q.to_json();
        assert_eq!(Queue::from_json(Some(&text)), q);
        assert!(text.contains("\"format\":1"), "{text}");
    }

    fn entry(key: &str, shown: &str) -> Entry {
        Entry {
            key: key.into(),
            change: 1,
            path: "/api/assessment/save_answer".into(),
            body: "{}".into(),
            shown: shown.into(),
        }
    }

    #[test]
    fn an_offline_copy_shows_the_answers_stored_after_it_was_made() {
        let mut lately = StoredLately::default();
        let (a, b) = (answer_key("R-1", "i1"), answer_key("R-1", "i2"));
        lately.stored(&entry(&a, r#"{"current":1}"#), 100);
        lately.stored(&entry(&b, r#"{"current":2}"#), 200);
        lately.stored(&entry(&a, r#"{"current":3}"#), 300);
        // A copy made at 250 has i2 already; i1's later answer goes on top.
        assert_eq!(lately.since(&a, 250), Some(r#"{"current":3}"#));
        assert_eq!(lately.since(&b, 250), None);
        // A copy made at 200 may have missed the answer stored at that very moment.
        assert_eq!(lately.since(&b, 200), Some(r#"{"current":2}"#));
        let text = lately.to_json();
        assert_eq!(StoredLately::from_json(Some(&text)), lately);
        assert!(StoredLately::from_json(Some("{")).is_empty());
        assert!(
            StoredLately::from_json(Some(r#"{"format":2,"entries":[],"last_change":0}"#))
                .is_empty()
        );
    }

    #[test]
    fn a_page_the_server_made_forgets_its_assessments_stored_answers_and_the_list_stays_short() {
        let mut lately = StoredLately::default();
        lately.stored(&entry(&answer_key("R-1", "i1"), "1"), 100);
        lately.stored(&entry(&priority_key("R-1", "t1"), "high"), 100);
        lately.stored(&entry(&answer_key("R-1", "i2"), "2"), 500);
        lately.stored(&entry(&answer_key("R-2", "i1"), "3"), 100);
        lately.forget("R-1", 400);
        assert_eq!(lately.since(&answer_key("R-1", "i1"), 0), None);
        assert_eq!(lately.since(&priority_key("R-1", "t1"), 0), None);
        assert_eq!(
            lately.since(&answer_key("R-1", "i2"), 0),
            Some("2"),
            "stored after the page"
        );
        assert_eq!(
            lately.since(&answer_key("R-2", "i1"), 0),
            Some("3"),
            "another assessment"
        );
        for n in 0..400 {
            lately.stored(&entry(&answer_key("R-3", &format!("i{n}")), "1"), 1_000 + n);
        }
        assert_eq!(lately.entries.len(), KEPT_LATELY);
        assert_eq!(
            lately.since(&answer_key("R-3", "i0"), 0),
            None,
            "the oldest went"
        );
        assert_eq!(lately.since(&answer_key("R-3", "i399"), 0), Some("1"));
    }

    #[test]
    fn unreadable_or_foreign_storage_is_an_empty_queue() {
        for text in [
            None,
            Some(""),
            Some("null"),
            Some("{"),
            Some("[1,2]"),
            Some(r#"{"format":2,"entries":[],"last_change":1}"#),
        ] {
            assert!(Queue::from_json(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn a_sibling_is_another_answer_or_priority_of_the_same_assessment() {
        let key = answer_key("Ab-9_x", "strategy.vision");
        assert_eq!(
            sibling_key(&key, "strategy.goals"),
            Some(answer_key("Ab-9_x", "strategy.goals"))
        );
        assert_eq!(
            sibling_priority_key(&key, "strategy"),
            Some(priority_key("Ab-9_x", "strategy"))
        );
        // A priority's save hands back the page's answers too.
        let priority = priority_key("Ab", "t");
        assert_eq!(sibling_key(&priority, "i"), Some(answer_key("Ab", "i")));
        assert_eq!(sibling_priority_key(&priority, "t"), Some(priority));
        assert_eq!(sibling_key("rubbish", "i"), None);
        assert_eq!(sibling_priority_key("answer/no-item", "t"), None);
    }

    #[test]
    fn keys_name_the_assessment_and_the_answer() {
        assert_ne!(answer_key("R", "t1"), priority_key("R", "t1"));
        assert_ne!(answer_key("R1", "i"), answer_key("R2", "i"));
    }

    #[test]
    fn outcomes_by_status() {
        assert_eq!(Outcome::of_status(Some(200)), Outcome::Stored);
        assert_eq!(Outcome::of_status(Some(204)), Outcome::Stored);
        assert_eq!(Outcome::of_status(None), Outcome::Unreachable);
        assert_eq!(Outcome::of_status(Some(503)), Outcome::Unreachable);
        assert_eq!(Outcome::of_status(Some(429)), Outcome::Unreachable);
        assert_eq!(Outcome::of_status(Some(400)), Outcome::Refused);
        assert_eq!(Outcome::of_status(Some(403)), Outcome::Refused);
        assert_eq!(Outcome::of_status(Some(409)), Outcome::Refused);
    }

    #[test]
    fn retries_back_off_to_thirty_seconds() {
        let delays: Vec<u32> = (0..8).map(retry_delay_ms).collect();
        assert_eq!(
            delays,
            [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]
        );
        assert_eq!(retry_delay_ms(u32::MAX), 30_000);
    }
}
