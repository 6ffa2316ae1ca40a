//! One page per transition: its items as questions on five described levels (current and
//! ambition, or not applicable, with a comment), and its priority. The page is the runner's
//! island ([`super::runner`]), which moves between the transitions in the browser; each
//! question saves as it is answered. Without JavaScript the whole page is one form.

use super::answer_queue::{answer_key, priority_key};
use super::api::*;
use super::autosave::{Autosave, SaveState};
use super::model::{effective_ambition, Item, Priority};
use super::overview_switch::OverviewSwitch;
use super::runner::{RunnerSheet, TransitionRunner};
use super::view::TransitionSheet;
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::{island_props, island_texts, query_value};
use crate::ui::{page_data, route_param, InPage, Loaded};
use leptos::prelude::*;
use leptos_meta::Title;

island_texts! {
    /// What the status line beside an answer says.
    pub struct SaveLabels {
        saving: SaveSaving,
        saved: SaveSaved,
        waiting: SaveWaiting,
        failed: SaveFailed,
    }
}

island_texts! {
    /// The texts around one question (its status line's are [`SaveLabels`]).
    pub struct AnswerLabels {
        current: LevelCurrent,
        ambition: LevelAmbition,
        ambition_hint: LevelAmbitionHint,
        not_applicable: NotApplicable,
        comment: CommentLabel,
    }
}

island_props! {
    /// One question in the page's language: its item key, number, text and level descriptors.
    #[derive(Clone, Debug)]
    pub struct QuestionText {
        pub key: String,
        number: usize,
        question: String,
        levels: Vec<String>,
    }
}

impl QuestionText {
    pub fn new(item: &Item, number: usize, lang: Lang) -> Self {
        QuestionText {
            key: item.key.clone(),
            number,
            question: item.question.get(lang).to_string(),
            levels: item
                .levels
                .iter()
                .map(|l| l.get(lang).to_string())
                .collect(),
        }
    }
}

island_texts! {
    /// The texts of the priority question; its options in the order of `Priority::ALL`.
    pub struct PriorityLabels {
        question: PriorityQuestion,
        hint: PriorityHint,
        low: PriorityLow,
        medium: PriorityMedium,
        high: PriorityHigh,
    }
}

#[component]
pub fn TransitionPage() -> impl IntoView {
    let reference = route_param("reference");
    let transition = route_param("transition");
    let sheet = Resource::new(
        move || (reference(), transition()),
        |(r, t)| get_transition(r, t),
    );
    view! {
        <section class="container assessment-page">
            <Loaded resource=sheet let:s>
                <TransitionForm sheet=s />
            </Loaded>
        </section>
    }
}

#[component]
fn TransitionForm(sheet: TransitionSheet) -> impl IntoView {
    let lang = use_lang();
    let title = sheet.transition.name.get(lang).to_string();
    // Back from a refused plain post: why, in the page's language.
    let error = Key::from_id(&query_value("error").get_untracked()).map(|k| lang.t(k).to_string());
    let sheet = RunnerSheet::new(sheet, lang, error);
    view! {
        <Title text=title />
        {page_data(&sheet)}
        {sheet.moves_here().then(|| view! { <OverviewSwitch /> })}
        <TransitionRunner sheet=InPage(sheet) />
    }
}

/// The transition's priority, saved the moment it is chosen (in the runner's island: it runs
/// in the browser), and told to `remember`. Without JavaScript the radio buttons post with
/// the page's form.
#[component]
pub fn PriorityChoice(
    reference: String,
    transition: String,
    stored: Option<Priority>,
    disabled: bool,
    labels: PriorityLabels,
    save: SaveLabels,
    remember: Callback<Option<Priority>>,
) -> impl IntoView {
    let key = priority_key(&reference, &transition);
    let saver = Autosave::new(key.clone());
    // A choice still waiting to reach the server is newer than the stored one.
    let waiting = saver.waiting().map(|code| Priority::parse(&code));
    let priority = RwSignal::new(waiting.unwrap_or(stored));
    // Someone else filling in the same assessment chose it: shown from this page's next save.
    #[cfg(feature = "hydrate")]
    super::answer_sender::on_priority_stored_elsewhere(key, move |code| {
        priority.set(Priority::parse(&code));
        remember.run(Priority::parse(&code));
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = key;
    let PriorityLabels {
        question,
        hint,
        low,
        medium,
        high,
    } = labels;
    let options = Priority::ALL.into_iter().zip([low, medium, high]);
    view! {
        <fieldset class="priority card">
            <legend>{question}</legend>
            <p class="hint">{hint}</p>
            <div class="segmented">
                {options.map(|(p, label)| {
                    let r = reference.clone();
                    let tk = transition.clone();
                    view! {
                        <label class="segment">
                            <input type="radio" name="priority" value=p.code() disabled=disabled
                                checked=stored == Some(p)
                                prop:checked=move || priority.get() == Some(p)
                                on:change=move |_| {
                                    priority.set(Some(p));
                                    remember.run(Some(p));
                                    saver.save(SavePriority {
                                        reference: r.clone(),
                                        transition: tk.clone(),
                                        priority: priority
                                            .get_untracked()
                                            .map(|p| p.code().to_string())
                                            .unwrap_or_default(),
                                    });
                                } />
                            <span>{label}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <SaveStatus state=saver.state labels=save />
        </fieldset>
    }
}

#[component]
pub fn SaveStatus(state: RwSignal<SaveState>, labels: SaveLabels) -> impl IntoView {
    view! {
        <p class="save-status" aria-live="polite" data-state=move || match state.get() {
            SaveState::Idle => "idle",
            SaveState::Saving => "saving",
            SaveState::Saved => "saved",
            SaveState::Waiting => "waiting",
            SaveState::Failed => "failed",
        }>
            {move || match state.get() {
                SaveState::Idle => String::new(),
                SaveState::Saving => labels.saving.clone(),
                SaveState::Saved => labels.saved.clone(),
                SaveState::Waiting => labels.waiting.clone(),
                SaveState::Failed => labels.failed.clone(),
            }}
        </p>
    }
}

/// One question with its current level, ambition, "not applicable" and comment; each change
/// is saved at once (in the runner's island: it runs in the browser). Without JavaScript the
/// fields post with the page's form.
#[component]
pub fn ItemQuestion(
    reference: String,
    question: QuestionText,
    stored: super::view::LevelAnswer,
    disabled: bool,
    labels: AnswerLabels,
    save: SaveLabels,
) -> impl IntoView {
    let saver = Autosave::new(answer_key(&reference, &question.key));
    // An answer given on an earlier visit that has not reached the server yet is newer than
    // the stored one: the question shows it (and the queue still sends it).
    let given = saver.waiting_answer();
    let current = RwSignal::new(given.as_ref().map_or(stored.current, |g| g.current));
    // The ambition the respondent picked; what is shown and saved is derived from it and the
    // current level (`effective_ambition`), so neither group ever changes the other's choice.
    let chosen_ambition = RwSignal::new(given.as_ref().map_or(stored.ambition, |g| g.ambition));
    let ambition = move || effective_ambition(chosen_ambition.get(), current.get());
    let na = RwSignal::new(
        given
            .as_ref()
            .map_or(stored.not_applicable, |g| g.not_applicable),
    );
    let comment = RwSignal::new(given.map_or(stored.comment.clone(), |g| g.comment));
    let QuestionText {
        key,
        number,
        question,
        levels,
    } = question;
    // Someone else filling in the same assessment changed this question: show their answer.
    #[cfg(feature = "hydrate")]
    super::answer_sender::on_stored_elsewhere(answer_key(&reference, &key), move |p| {
        current.set(p.current);
        chosen_ambition.set(p.ambition);
        na.set(p.not_applicable);
        comment.set(p.comment);
    });
    // Every change sends the item's whole state, read when the request is made.
    let send = {
        let (reference, key) = (reference.clone(), key.clone());
        move || {
            saver.save(SaveAnswer {
                reference: reference.clone(),
                item_key: key.clone(),
                current: current.get_untracked(),
                ambition: effective_ambition(
                    chosen_ambition.get_untracked(),
                    current.get_untracked(),
                ),
                not_applicable: na.get_untracked(),
                comment: comment.get_untracked(),
                value: None,
            });
        }
    };
    let stored_ambition = effective_ambition(stored.ambition, stored.current);
    let group = |kind: &'static str,
                 shown: Signal<Option<u8>>,
                 pick: RwSignal<Option<u8>>,
                 stored_value: Option<u8>,
                 legend: String,
                 hint: Option<String>| {
        let send = send.clone();
        let levels = levels.clone();
        let key = key.clone();
        view! {
            <fieldset class="level-group" disabled=move || disabled || na.get()>
                <legend>{legend}</legend>
                {hint.map(|h| view! { <p class="hint">{h}</p> })}
                {levels.into_iter().enumerate().map(|(i, text)| {
                    let value = (i + 1) as u8;
                    let send = send.clone();
                    let id = format!("{kind}-{key}-{value}");
                    // An ambition below the current level cannot be chosen: the option is
                    // switched off in the browser (arrow keys then skip it). The server's HTML
                    // leaves it on, because without JavaScript current may change in the
                    // same post; the server refuses a lower ambition with a message.
                    let below_current = move || {
                        kind == "ambition" && current.get().is_some_and(|c| value < c)
                    };
                    view! {
                        <div class="level-option">
                            <input type="radio" id=id.clone() name=format!("{kind}:{key}") value=value
                                checked=stored_value == Some(value)
                                prop:checked=move || shown.get() == Some(value)
                                prop:disabled=below_current
                                on:change=move |_| {
                                    pick.set(Some(value));
                                    send();
                                } />
                            <label for=id>
                                <span class="level-number">{value}</span>
                                <span class="level-text">{text}</span>
                            </label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        }
    };
    let AnswerLabels {
        current: current_label,
        ambition: ambition_label,
        ambition_hint,
        not_applicable,
        comment: comment_label,
    } = labels;
    let current_group = group(
        "current",
        current.into(),
        current,
        stored.current,
        current_label,
        None,
    );
    let ambition_group = group(
        "ambition",
        Signal::derive(ambition),
        chosen_ambition,
        stored_ambition,
        ambition_label,
        Some(ambition_hint),
    );
    let send_na = send.clone();
    let send_comment = send.clone();
    let na_id = format!("na-{key}");
    let na_for = na_id.clone();
    let comment_id = format!("comment-{key}");
    let comment_for = comment_id.clone();
    view! {
        <article class="card item-question" id=format!("item-{key}")>
            <h2 class="item-title"><span class="item-number">{number}"."</span>" "{question}</h2>
            <div class="level-columns">
                {current_group}
                {ambition_group}
            </div>
            <div class="item-extra">
                <label class="checkbox" for=na_for>
                    <input type="checkbox" id=na_id name=format!("na:{key}") disabled=disabled
                        checked=stored.not_applicable
                        prop:checked=move || na.get()
                        on:change=move |ev| { na.set(event_target_checked(&ev)); send_na(); } />
                    {not_applicable}
                </label>
                <label for=comment_for>{comment_label}</label>
                <textarea id=comment_id name=format!("comment:{key}") rows="2" maxlength="2000" disabled=disabled
                    prop:value=move || comment.get()
                    on:change=move |ev| { comment.set(event_target_value(&ev)); send_comment(); }>
                    {stored.comment.clone()}
                </textarea>
                <SaveStatus state=saver.state labels=save />
            </div>
        </article>
    }
}

island_texts! {
    /// The page-wide status line's texts: for one answer, and for more with `{count}` (the
    /// island carries no translation tables, so it picks between the two itself).
    pub struct QueueLabels {
        offline_one: QueueOfflineOne,
        offline_many: QueueOffline,
    }
}

/// Says how many answers wait for the connection (the queue is in the browser: inside the
/// runner and the overview's "Finalise" island). It stays empty while everything reaches the
/// server; each question says "Saved" itself.
#[component]
pub fn QueueStatus(labels: QueueLabels) -> impl IntoView {
    let summary = RwSignal::new(Default::default());
    #[cfg(feature = "hydrate")]
    super::answer_sender::watch_summary(summary);
    let text = move || {
        let s: super::answer_queue::Summary = summary.get();
        (s.offline && s.waiting > 0).then(|| {
            let template = if s.waiting == 1 {
                &labels.offline_one
            } else {
                &labels.offline_many
            };
            template.replace("{count}", &s.waiting.to_string())
        })
    };
    view! {
        <p class="queue-status" role="status" data-testid="queue-status" data-waiting=move || summary.get().waiting>
            {text}
        </p>
    }
}
