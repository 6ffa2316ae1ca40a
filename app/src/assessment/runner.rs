//! The questionnaire's transition pages as one island. It holds every transition shown to
//! the assessment (texts in the page's language, answers and priorities as stored), put into
//! the page once, and moves between them in the browser: "Previous" and "Next" change what
//! it shows, push the server page's own address (`/assessment/<ref>/t/<transition>`) into
//! the history and give the new heading the focus (which screen readers announce). So the
//! back and forward buttons, a reload and a shared link land where they did before.
//! Answers given on one transition are there when the company comes back to it: the runner
//! keeps every answer the page saves or hears of ([`super::live_score::follow`]).
//!
//! Without JavaScript the island's HTML is the plain form it always was, and every move is
//! a page load. A questionnaire whose answers show or hide questions keeps a page load per
//! transition too: which questions a transition has then depends on the answers, which is
//! the server's to work out (its condition parser stays out of the WASM).

use super::live_radar::{self, LiveRadar, RadarLabels};
use super::live_score::{scorable_transition, LiveLabels, LiveScore};
use super::model::{Priority, Transition, Variant};
use super::plain::{PlainAnswer, PlainKind};
use super::question_kind::Kind;
use super::transition_pages::{
    AnswerLabels, ItemQuestion, PriorityChoice, PriorityLabels, QuestionText, QueueLabels,
    QueueStatus, SaveLabels,
};
use super::typed_question::{TypedLabels, TypedQuestion, TypedText};
use super::view::{StoredAnswer, TransitionSheet};
use crate::i18n::Lang;
use crate::ui::{island_props, island_texts, InPage, InPageData};
use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One question in the page's language.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Question {
    Level(QuestionText),
    Typed(TypedText),
}

island_props! {
    /// One transition as the runner shows it.
    #[derive(Clone, Debug)]
    pub struct Step {
        key: String,
        name: String,
        intro: String,
        questions: Vec<Question>,
        /// Its questions' kinds as the live score reads them, in the same order; `None` for a
        /// level question (most of them: their key and kind need not travel twice).
        kinds: Vec<Option<PlainKind>>,
    }
}

impl Step {
    fn new(t: &Transition, lang: Lang) -> Self {
        Step {
            key: t.key.clone(),
            name: t.name.get(lang).to_string(),
            intro: t.intro.get(lang).to_string(),
            questions: t
                .items
                .iter()
                .enumerate()
                .map(|(n, item)| match TypedText::new(item, n + 1, lang) {
                    Some(typed) => Question::Typed(typed),
                    None => Question::Level(QuestionText::new(item, n + 1, lang)),
                })
                .collect(),
            kinds: t
                .items
                .iter()
                .map(|i| (!matches!(i.kind, Kind::Level)).then(|| PlainKind::from(&i.kind)))
                .collect(),
        }
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.questions.iter().map(|q| match q {
            Question::Level(q) => q.key.as_str(),
            Question::Typed(q) => q.key.as_str(),
        })
    }

    fn has(&self, item_key: &str) -> bool {
        self.keys().any(|k| k == item_key)
    }

    /// Its questions' keys and kinds, as the live score reads them.
    fn scored(&self) -> Vec<(String, PlainKind)> {
        self.keys()
            .zip(&self.kinds)
            .map(|(key, kind)| {
                let kind = kind
                    .clone()
                    .unwrap_or_else(|| PlainKind::from(&Kind::Level));
                (key.to_string(), kind)
            })
            .collect()
    }
}

island_texts! {
    /// The texts around the questions.
    pub struct StepLabels {
        progress: ProgressTitle,
        previous: StepPrevious,
        next: StepNext,
        save_next: StepSaveNext,
        overview: StepOverview,
        save_overview: StepSaveOverview,
        locked: AssessmentLocked,
        prefilled_notice: DmaPrefilledNotice,
        prefilled_mark: DmaPrefilledMark,
    }
}

island_props! {
    /// Every text the runner shows, translated on the server.
    #[derive(Clone, Debug)]
    pub struct RunnerLabels {
        step: StepLabels,
        save: SaveLabels,
        answer: AnswerLabels,
        typed: TypedLabels,
        priority: PriorityLabels,
        live: LiveLabels,
        radar: RadarLabels,
        queue: QueueLabels,
    }
}

impl RunnerLabels {
    fn new(lang: Lang) -> Self {
        RunnerLabels {
            step: StepLabels::new(lang),
            save: SaveLabels::new(lang),
            answer: AnswerLabels::new(lang),
            typed: TypedLabels::new(lang),
            priority: PriorityLabels::new(lang),
            live: LiveLabels::new(lang),
            radar: RadarLabels::new(lang),
            queue: QueueLabels::new(lang),
        }
    }
}

island_props! {
    /// Everything the runner starts from.
    #[derive(Clone, Debug)]
    pub struct RunnerSheet {
        reference: String,
        variant: Variant,
        company_name: String,
        finalised: bool,
        steps: Vec<Step>,
        /// Where the radar's axes end, one per step ([`live_radar::corners`]).
        corners: Vec<(i32, i32)>,
        /// The transition the page was asked for; `None` on the overview's page.
        opened: Option<usize>,
        answers: Vec<PlainAnswer>,
        priorities: Vec<(String, Priority)>,
        prefilled: Vec<String>,
        /// Why the page's last plain post was refused; shown until the first move.
        error: Option<String>,
        /// What was typed into the opened transition's number and text fields in that post and
        /// could not be read, by item: shown as typed (`assessment::refill`), never stored.
        retyped: Vec<(String, String)>,
        /// Whether moving stays in the page (see the module's comment).
        moves_here: bool,
        labels: RunnerLabels,
    }
}

/// The runner's sheet is the whole questionnaire's texts: in the page's JSON script element,
/// not in the island's attribute (`ui::page_data`).
impl InPageData for RunnerSheet {
    const ID: &'static str = "runner-sheet";
}

impl RunnerSheet {
    /// The runner for `sheet`'s transition. Its answers and priority are the page's own,
    /// which may be what a refused plain post brought back (`assessment::refill`).
    pub fn new(sheet: TransitionSheet, lang: Lang, error: Option<String>) -> Self {
        let whole = sheet.whole;
        let mut transitions = whole.transitions;
        if transitions.is_empty() {
            transitions.push(sheet.transition.clone());
        }
        let opened = transitions
            .iter()
            .position(|t| t.key == sheet.transition.key)
            .or(Some(0));
        let steps: Vec<Step> = transitions.iter().map(|t| Step::new(t, lang)).collect();
        let here = &sheet.transition;
        let mut answers: Vec<PlainAnswer> = whole
            .answers
            .iter()
            .filter(|a| !here.items.iter().any(|i| i.key == a.item_key))
            .chain(sheet.answers.iter())
            .map(PlainAnswer::of_stored)
            .collect();
        answers.sort_by(|a, b| a.item_key.cmp(&b.item_key));
        let retyped = sheet
            .answers
            .iter()
            .filter_map(|a| Some((a.item_key.clone(), a.typed.clone()?)))
            .collect();
        let mut priorities: Vec<(String, Priority)> = whole
            .priorities
            .into_iter()
            .filter(|(k, _)| *k != here.key)
            .collect();
        priorities.extend(sheet.priority.map(|p| (here.key.clone(), p)));
        RunnerSheet {
            reference: sheet.reference,
            variant: sheet.variant,
            company_name: sheet.company_name,
            finalised: sheet.finalised,
            corners: live_radar::corners(steps.len()),
            steps,
            opened,
            answers,
            priorities,
            prefilled: whole.prefilled,
            error,
            retyped,
            moves_here: !whole.conditional,
            labels: RunnerLabels::new(lang),
        }
    }

    /// The runner on the overview's page, which shows no transition until one is opened:
    /// `sheet` is any transition's (each carries the whole questionnaire).
    pub fn for_overview(sheet: TransitionSheet, lang: Lang) -> Self {
        RunnerSheet {
            opened: None,
            retyped: Vec::new(),
            ..RunnerSheet::new(sheet, lang, None)
        }
    }

    /// Whether moving stays in the page (see the module's comment).
    pub fn moves_here(&self) -> bool {
        self.moves_here
    }
}

/// The address of the transition `key`.
fn step_path(reference: &str, key: &str) -> String {
    format!("/assessment/{reference}/t/{key}")
}

/// The transition `path` addresses, by its place in `steps`.
fn step_at(steps: &[Step], reference: &str, path: &str) -> Option<usize> {
    steps
        .iter()
        .position(|s| step_path(reference, &s.key) == path)
}

/// Where `path` leads in the runner's page: `Some(None)` the overview, `Some(Some(n))` the
/// transition `n`, `None` elsewhere (a page of its own).
fn place_at(steps: &[Step], reference: &str, path: &str) -> Option<Option<usize>> {
    if path == overview_path(reference) {
        return Some(None);
    }
    step_at(steps, reference, path).map(Some)
}

/// The address of the assessment's overview.
fn overview_path(reference: &str) -> String {
    format!("/assessment/{reference}")
}

#[island]
pub fn TransitionRunner(sheet: InPage<RunnerSheet>) -> impl IntoView {
    let InPage(RunnerSheet {
        reference,
        variant,
        company_name,
        finalised,
        steps,
        corners,
        opened,
        answers,
        priorities,
        prefilled,
        error,
        retyped,
        moves_here,
        labels,
    }) = sheet;
    let retyped = StoredValue::new(retyped);
    let count = steps.len();
    // The transition in the island; with `on_overview` the page shows the overview instead
    // (`overview_switch.js`), and the island keeps the transition it showed last, hidden.
    let shown = RwSignal::new(opened);
    let on_overview = StoredValue::new(opened.is_none());
    let error = RwSignal::new(error);
    // Every answer as stored or given on this page, so a transition shows what was answered
    // there when the company comes back to it.
    let board = RwSignal::new(
        answers
            .into_iter()
            .map(PlainAnswer::stored)
            .collect::<Vec<StoredAnswer>>(),
    );
    #[cfg(feature = "hydrate")]
    super::live_score::follow(board);
    // Answers given on an earlier visit that still wait to be sent count already (their
    // questions show them too); put in once the page is alive, so the server's HTML and the
    // browser's first view agree.
    #[cfg(feature = "hydrate")]
    {
        let keys: Vec<String> = steps
            .iter()
            .flat_map(|s| s.keys().map(str::to_string))
            .collect();
        let reference = reference.clone();
        super::answer_sender::page_is_fresh(&reference);
        Effect::new(move || {
            for key in &keys {
                let queued = super::answer_queue::answer_key(&reference, key);
                if let Some(waiting) = super::answer_sender::waiting_answer(&queued) {
                    super::live_score::publish_stored(waiting.stored());
                }
            }
        });
    }
    // Every transition's scores so far, for the radar.
    let names: Vec<String> = steps.iter().map(|s| s.name.clone()).collect();
    let scorable = StoredValue::new(
        steps
            .iter()
            .map(|s| scorable_transition(s.key.clone(), s.scored()))
            .collect::<Vec<_>>(),
    );
    let scores = Memo::new(move |_| {
        board.with(|answers| scorable.with_value(|t| live_radar::scores(variant, t, answers)))
    });
    let priorities = StoredValue::new(priorities);
    let steps = StoredValue::new(steps);
    let prefilled = StoredValue::new(prefilled);
    let labels = StoredValue::new(labels);
    let overview_path = overview_path(&reference);

    let place_of = {
        let reference = reference.clone();
        move |path: &str| steps.with_value(|s| place_at(s, &reference, path))
    };
    // Shows the transition `to` (the overview for `None`) in place of what is shown; `push`:
    // a move of the visitor's own (not the browser's back or forward button, which has moved
    // the address already).
    let go = {
        let (reference, overview_path) = (reference.clone(), overview_path.clone());
        move |to: Option<usize>, push: bool| {
            #[cfg(feature = "hydrate")]
            {
                let (name, path) = match to {
                    None => (None, overview_path.clone()),
                    Some(to) => {
                        let place = steps.with_value(|s| {
                            let s = s.get(to)?;
                            Some((s.name.clone(), step_path(&reference, &s.key)))
                        });
                        match place {
                            Some((name, path)) => (Some(name), path),
                            None => return,
                        }
                    }
                };
                if push {
                    browser::push(&path);
                }
                error.set(None);
                match name {
                    // The overview's page (as the server has it now) takes the title and focus.
                    None => {
                        on_overview.set_value(true);
                        super::overview_switch::switch::show(&path);
                    }
                    Some(name) => {
                        if on_overview.get_value() {
                            on_overview.set_value(false);
                            super::overview_switch::switch::hide();
                        }
                        if shown.get_untracked() != to {
                            shown.set(to);
                        }
                        browser::retitle(&name);
                        browser::focus_heading();
                    }
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (to, push, &reference, &overview_path, on_overview);
        }
    };
    // The browser's back and forward buttons between the places this page showed.
    #[cfg(feature = "hydrate")]
    if moves_here {
        let (place_of, go) = (place_of.clone(), go.clone());
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            match place_of(&browser::path()) {
                // Back from the skip link's `#main` and the like: the same place.
                Some(None) if on_overview.get_value() => {}
                Some(Some(to)) if !on_overview.get_value() && shown.get_untracked() == Some(to) => {
                }
                Some(to) => go(to, false),
                // An address this runner did not push: let the server show it.
                None => browser::reload(),
            }
        });
        on_cleanup(move || handle.remove());
    }
    // Without a connection the offline copy (`offline_copy.js`) may be another transition's
    // page of this assessment, served for this address. Once alive, the runner shows the
    // transition the address names; where it cannot move, the address names the one shown.
    #[cfg(feature = "hydrate")]
    {
        let (reference, go) = (reference.clone(), go.clone());
        Effect::new(move || match place_of(&browser::path()) {
            Some(to) if to != opened && moves_here => go(to, false),
            Some(to) if to != opened => {
                let shown_path = opened.and_then(|at| {
                    steps.with_value(|s| s.get(at).map(|s| step_path(&reference, &s.key)))
                });
                if let Some(shown_path) = shown_path {
                    browser::replace(&shown_path);
                }
            }
            _ => {}
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = &place_of;

    // One step at a time, keyed by its place: a move takes the old step away and builds the
    // new one. Never patching one step's view into another's keeps tachys's `rebuild` code
    // for the whole questionnaire out of the WASM (~15 KB before compression).
    let step_view = move |at: usize| {
        let step = steps.with_value(|s| s.get(at).cloned())?;
        let labels = labels.get_value();
        let stored = |key: &str| {
            board.with_untracked(|b| {
                b.iter()
                    .find(|a| a.item_key == key)
                    .cloned()
                    .unwrap_or_default()
            })
        };
        let prev = at.checked_sub(1).map(Some);
        let next = (at + 1 < count).then_some(at + 1);
        let path_of = |i: Option<usize>| match i {
            Some(i) => steps.with_value(|s| step_path(&reference, &s[i].key)),
            None => overview_path.clone(),
        };
        let next_path = path_of(next);
        let prefilled_here: Vec<String> =
            prefilled.with_value(|p| p.iter().filter(|k| step.has(k)).cloned().collect());
        let live = (!variant.is_dma()).then(|| {
            Signal::derive(move || scores.with(|s| s.get(at).cloned().unwrap_or_default()))
        });
        let (names, corners) = (names.clone(), corners.clone());
        let priority =
            priorities.with_value(|p| p.iter().find(|(k, _)| *k == step.key).map(|(_, p)| *p));
        let remember = {
            let key = step.key.clone();
            Callback::new(move |chosen: Option<Priority>| {
                priorities.update_value(|p| {
                    p.retain(|(k, _)| *k != key);
                    p.extend(chosen.map(|c| (key.clone(), c)));
                })
            })
        };
        // A click that moves within the page (a plain left click: the others open tabs).
        let move_to = {
            let go = go.clone();
            move |to: Option<usize>| {
                let go = go.clone();
                move |ev: leptos::ev::MouseEvent| {
                    if moves_here && browser_plain_click(&ev) {
                        ev.prevent_default();
                        go(to, true);
                    }
                }
            }
        };
        // With scripts every answer is saved the moment it is given (or waits in the
        // browser), so the button only moves on in the page: to the next transition, from the
        // last one to the overview (whose page the offline copy answers without a connection,
        // where a post would fail). Unless the server refused an answer: then the form posts
        // the page. Without scripts the button is what saves the page (styles pick one text).
        let on_submit = {
            let go = go.clone();
            move |ev: leptos::ev::SubmitEvent| {
                #[cfg(feature = "hydrate")]
                if moves_here && !super::answer_sender::any_refused() {
                    ev.prevent_default();
                    go(next, true);
                }
                #[cfg(not(feature = "hydrate"))]
                let _ = (&ev, &go);
            }
        };
        let (saves, moves) = if next.is_some() {
            (labels.step.save_next.clone(), labels.step.next.clone())
        } else {
            (
                labels.step.save_overview.clone(),
                labels.step.overview.clone(),
            )
        };
        // `Either` and `Option` rather than `into_any()`: a type-erased view brings every way
        // of rendering it into the WASM (also the asynchronous hydration islands never use).
        Some(view! {
            <nav class="breadcrumbs" aria-label=labels.step.progress.clone()>
                <a href=overview_path.clone() on:click=move_to(None)>{company_name.clone()}</a>
                " › "{format!("{} / {}", at + 1, count)}
            </nav>
            <h1 id="step-title" tabindex="-1">{step.name.clone()}</h1>
            <p class="intro">{step.intro.clone()}</p>
            {finalised.then(|| view! { <div class="alert alert-info" role="status">{labels.step.locked.clone()}</div> })}
            {move || error.get().map(|e| view! { <div class="alert alert-error" role="alert">{e}</div> })}
            {(!prefilled_here.is_empty()).then(|| view! { <div class="alert alert-info" role="note">{labels.step.prefilled_notice.clone()}</div> })}
            {live.map(|score| view! {
                <LiveScore score labels=labels.live.clone()>
                    <LiveRadar names corners scores shown=at labels=labels.radar.clone() />
                </LiveScore>
            })}
            <form method="post" action="/assessment/form" class="assessment-form" on:submit=on_submit>
                <input type="hidden" name="reference" value=reference.clone() />
                <input type="hidden" name="transition" value=step.key.clone() />
                <input type="hidden" name="next" value=next_path.clone() />
                {step.questions.iter().map(|q| match q.clone() {
                    Question::Typed(question) => {
                        let mark = prefilled_here.contains(&question.key);
                        let mut given = stored(&question.key).typed();
                        if Some(at) == opened {
                            let typed = retyped.with_value(|r| {
                                r.iter().find(|(k, _)| *k == question.key).map(|(_, t)| t.clone())
                            });
                            if let Some(typed) = typed {
                                given.text = typed;
                            }
                        }
                        Either::Left(view! {
                            {mark.then(|| view! { <p class="prefilled-mark" data-testid="prefilled">{labels.step.prefilled_mark.clone()}</p> })}
                            <TypedQuestion reference=reference.clone() question given disabled=finalised labels=labels.typed.clone() save=labels.save.clone() />
                        })
                    }
                    Question::Level(question) => {
                        let given = stored(&question.key).level();
                        Either::Right(view! { <ItemQuestion reference=reference.clone() question stored=given disabled=finalised labels=labels.answer.clone() save=labels.save.clone() /> })
                    }
                }).collect_view()}
                // The EU DMA measures what is; it asks no priority (nor ambition).
                {(!variant.is_dma()).then(|| view! {
                    <PriorityChoice
                        reference=reference.clone()
                        transition=step.key.clone()
                        stored=priority
                        disabled=finalised
                        labels=labels.priority.clone()
                        save=labels.save.clone()
                        remember
                    />
                })}
                {(!finalised).then(|| view! { <QueueStatus labels=labels.queue.clone() /> })}
                <div class="actions step-actions">
                    {prev.map(|to| view! {
                        <a href=path_of(to) class="btn btn-secondary" on:click=move_to(to)>{labels.step.previous.clone()}</a>
                    })}
                    {if finalised {
                        Either::Left(view! {
                            <a href=next_path.clone() class="btn btn-primary" on:click=move_to(next)>
                                {labels.step.next.clone()}
                            </a>
                        })
                    } else {
                        Either::Right(view! {
                            <button type="submit" class="btn btn-primary">
                                <span class="without-script">{saves}</span>
                                <span class="with-script">{moves}</span>
                            </button>
                        })
                    }}
                </div>
            </form>
        })
    };
    view! {
        <For each=move || shown.get() key=|at| *at let:at>
            {step_view(at)}
        </For>
    }
}

/// Whether a click is a plain left click, which moves in the page; the others (with Ctrl,
/// Cmd, Shift or the middle button) open the address elsewhere, as the browser does.
fn browser_plain_click(ev: &leptos::ev::MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}

/// The browser's address bar, title and focus.
#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::{JsCast, JsValue};

    pub fn push(path: &str) {
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(path));
        }
    }

    /// The address names the transition shown, without a new history entry.
    pub fn replace(path: &str) {
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(path));
        }
    }

    pub fn path() -> String {
        window().location().pathname().unwrap_or_default()
    }

    pub fn reload() {
        let _ = window().location().reload();
    }

    fn window() -> web_sys::Window {
        leptos::prelude::window()
    }

    /// The page's title names the transition; the rest of it (the site's name) stays.
    pub fn retitle(to: &str) {
        let document = leptos::prelude::document();
        let title = document.title();
        let site = title
            .rsplit_once(crate::shell::TITLE_SEPARATOR)
            .map(|(_, site)| site);
        document.set_title(&crate::shell::page_title(to, site.unwrap_or_default()));
    }

    /// Once the new transition is on screen: its heading takes the focus (a screen reader
    /// reads it out, and the next Tab starts from there) and the page starts at the top.
    pub fn focus_heading() {
        leptos::prelude::request_animation_frame(|| {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            if let Some(heading) = leptos::prelude::document()
                .get_element_by_id("step-title")
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = heading.focus();
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn every_step_and_the_overview_are_found_at_their_own_address_only() {
        use crate::assessment::questionnaire_file::parse;
        let (file, source) = crate::assessment::questionnaires::SOURCES[0];
        let q = parse(file, source).unwrap();
        let steps: Vec<Step> = q
            .transitions
            .iter()
            .map(|t| Step::new(t, Lang::Nl))
            .collect();
        for (n, s) in steps.iter().enumerate() {
            assert_eq!(step_at(&steps, "R-1", &step_path("R-1", &s.key)), Some(n));
            assert_eq!(step_at(&steps, "R-2", &step_path("R-1", &s.key)), None);
        }
        assert_eq!(step_at(&steps, "R-1", "/assessment/R-1"), None);
        // The overview is the runner's too; anything else is a page of its own.
        assert_eq!(place_at(&steps, "R-1", "/assessment/R-1"), Some(None));
        assert_eq!(
            place_at(&steps, "R-1", &step_path("R-1", &steps[1].key)),
            Some(Some(1))
        );
        assert_eq!(place_at(&steps, "R-1", "/assessment/R-2"), None);
        assert_eq!(place_at(&steps, "R-1", "/assessment/R-1/results"), None);
        assert_eq!(place_at(&steps, "R-1", "/assessment/R-1/t/unknown"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_live_score_reads_every_question_with_its_own_kind() {
        use crate::assessment::questionnaire_file::parse;
        for (file, source) in crate::assessment::questionnaires::SOURCES {
            let q = parse(file, source).unwrap();
            for t in &q.transitions {
                let step = Step::new(t, Lang::En);
                let expected: Vec<(String, PlainKind)> = t
                    .items
                    .iter()
                    .map(|i| (i.key.clone(), PlainKind::from(&i.kind)))
                    .collect();
                assert_eq!(step.scored(), expected, "{file} {}", t.key);
                // Level questions' kinds do not travel: they are what a missing kind reads as.
                let level = t
                    .items
                    .iter()
                    .filter(|i| matches!(i.kind, Kind::Level))
                    .count();
                assert_eq!(step.kinds.iter().filter(|k| k.is_none()).count(), level);
            }
        }
    }
}
