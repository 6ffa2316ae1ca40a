//! One page per transition: its items as questions on five described levels (current and
//! ambition, or not applicable, with a comment), and its priority. Each question is an island
//! that saves as it is answered; without JavaScript the whole page is one form.

use super::answer_queue::{answer_key, priority_key};
use super::api::*;
use super::autosave::{Autosave, SaveState};
use super::live_score::{LiveInput, LiveLabels, LiveScore};
use super::model::{effective_ambition, Priority};
use super::typed_question::{TypedLabels, TypedQuestion, TypedText};
use super::view::TransitionSheet;
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::query_value;
use crate::ui::{route_param, Loaded};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// What the status line beside an answer says, translated on the server: the islands that
/// save answers carry no text tables of their own.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SaveLabels {
    saving: String,
    saved: String,
    waiting: String,
    failed: String,
}

impl SaveLabels {
    pub(super) fn new(lang: Lang) -> Self {
        SaveLabels {
            saving: lang.t(Key::SaveSaving).to_string(),
            saved: lang.t(Key::SaveSaved).to_string(),
            waiting: lang.t(Key::SaveWaiting).to_string(),
            failed: lang.t(Key::SaveFailed).to_string(),
        }
    }
}

/// The texts around one question.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct AnswerLabels {
    current: String,
    ambition: String,
    ambition_hint: String,
    not_applicable: String,
    comment: String,
    save: SaveLabels,
}

impl AnswerLabels {
    fn new(lang: Lang) -> Self {
        AnswerLabels {
            current: lang.t(Key::LevelCurrent).to_string(),
            ambition: lang.t(Key::LevelAmbition).to_string(),
            ambition_hint: lang.t(Key::LevelAmbitionHint).to_string(),
            not_applicable: lang.t(Key::NotApplicable).to_string(),
            comment: lang.t(Key::CommentLabel).to_string(),
            save: SaveLabels::new(lang),
        }
    }
}

/// One question in the page's language: its item key, number, text and level descriptors.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct QuestionText {
    key: String,
    number: usize,
    question: String,
    levels: Vec<String>,
}

/// The texts of the priority question.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct PriorityLabels {
    question: String,
    hint: String,
    options: Vec<(Priority, String)>,
    save: SaveLabels,
}

impl PriorityLabels {
    fn new(lang: Lang) -> Self {
        PriorityLabels {
            question: lang.t(Key::PriorityQuestion).to_string(),
            hint: lang.t(Key::PriorityHint).to_string(),
            options: Priority::ALL
                .into_iter()
                .map(|p| (p, lang.t(p.label()).to_string()))
                .collect(),
            save: SaveLabels::new(lang),
        }
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
    let t = sheet.transition.clone();
    let index = sheet
        .progress
        .iter()
        .position(|p| p.key == t.key)
        .unwrap_or(0);
    let prev = index
        .checked_sub(1)
        .and_then(|i| sheet.progress.get(i))
        .map(|p| p.key.clone());
    let next = sheet.progress.get(index + 1).map(|p| p.key.clone());
    let reference = sheet.reference.clone();
    let next_path = match &next {
        Some(k) => format!("/assessment/{reference}/t/{k}"),
        None => format!("/assessment/{reference}"),
    };
    let disabled = sheet.finalised;
    let query_error = query_value("error");
    let title = t.name.get(lang).to_string();
    view! {
        <Title text=title.clone() />
        <nav class="breadcrumbs" aria-label=lang.t(Key::ProgressTitle)>
            <A href=format!("/assessment/{reference}")>{sheet.company_name.clone()}</A>
            " › "{format!("{} / {}", index + 1, sheet.progress.len())}
        </nav>
        <h1>{title}</h1>
        <p class="intro">{t.intro.get(lang).to_string()}</p>
        {disabled.then(|| view! { <div class="alert alert-info" role="status">{lang.t(Key::AssessmentLocked)}</div> })}
        <Show when=move || !query_error.get().is_empty()>
            <div class="alert alert-error" role="alert">{move || Key::from_id(&query_error.get()).map(|k| lang.t(k))}</div>
        </Show>
        {(!sheet.prefilled.is_empty()).then(|| view! { <div class="alert alert-info" role="note">{lang.t(Key::DmaPrefilledNotice)}</div> })}
        {(!sheet.variant.is_dma()).then(|| view! {
            <LiveScore
                input=LiveInput::new(&reference, sheet.variant, &t, &sheet.answers)
                labels=LiveLabels::new(lang)
            />
        })}
        <form method="post" action="/assessment/form" class="assessment-form">
            <input type="hidden" name="reference" value=reference.clone() />
            <input type="hidden" name="transition" value=t.key.clone() />
            <input type="hidden" name="next" value=next_path.clone() />
            {t.items.iter().enumerate().map(|(n, item)| {
                let stored = sheet.answers.iter().find(|a| a.item_key == item.key).cloned().unwrap_or_default();
                if let Some(question) = TypedText::new(item, n + 1, lang) {
                    let prefilled = sheet.prefilled.contains(&item.key);
                    return view! {
                        {prefilled.then(|| view! { <p class="prefilled-mark" data-testid="prefilled">{lang.t(Key::DmaPrefilledMark)}</p> })}
                        <TypedQuestion reference=reference.clone() question given=stored.typed() disabled labels=TypedLabels::new(lang) />
                    }.into_any();
                }
                let question = QuestionText {
                    key: item.key.clone(),
                    number: n + 1,
                    question: item.question.get(lang).to_string(),
                    levels: item.levels.iter().map(|l| l.get(lang).to_string()).collect(),
                };
                view! { <ItemQuestion reference=reference.clone() question stored=stored.level() disabled labels=AnswerLabels::new(lang) /> }.into_any()
            }).collect_view()}
            // The EU DMA measures what is; it asks no priority (nor ambition).
            {(!sheet.variant.is_dma()).then(|| view! {
                <PriorityChoice
                    reference=reference.clone()
                    transition=t.key.clone()
                    stored=sheet.priority
                    disabled
                    labels=PriorityLabels::new(lang)
                />
            })}
            {(!disabled).then(|| view! { <QueueStatus labels=QueueLabels::new(lang) /> })}
            <div class="actions step-actions">
                {prev.map(|k| view! { <A href=format!("/assessment/{reference}/t/{k}") attr:class="btn btn-secondary">{lang.t(Key::StepPrevious)}</A> })}
                {if disabled {
                    view! { <A href=next_path.clone() attr:class="btn btn-primary">{lang.t(Key::StepNext)}</A> }.into_any()
                } else {
                    // With scripts every answer is saved the moment it is given, so the button
                    // only moves on; without them it is what saves the page (styles pick one).
                    let (saves, moves) = if next.is_some() {
                        (Key::StepSaveNext, Key::StepNext)
                    } else {
                        (Key::StepSaveOverview, Key::StepOverview)
                    };
                    view! {
                        <button type="submit" class="btn btn-primary">
                            <span class="without-script">{lang.t(saves)}</span>
                            <span class="with-script">{lang.t(moves)}</span>
                        </button>
                    }.into_any()
                }}
            </div>
        </form>
    }
}

/// The transition's priority, saved the moment it is chosen (an island: it runs in the
/// browser). Without JavaScript the radio buttons post with the page's form.
#[island]
fn PriorityChoice(
    reference: String,
    transition: String,
    stored: Option<Priority>,
    disabled: bool,
    labels: PriorityLabels,
) -> impl IntoView {
    let key = priority_key(&reference, &transition);
    let saver = Autosave::new(key.clone());
    // A choice still waiting to reach the server is newer than the stored one.
    let waiting = saver.waiting().map(|code| Priority::parse(&code));
    let priority = RwSignal::new(waiting.unwrap_or(stored));
    // Someone else filling in the same assessment chose it: shown from this page's next save.
    #[cfg(feature = "hydrate")]
    super::answer_sender::on_priority_stored_elsewhere(key, move |code| {
        priority.set(Priority::parse(&code))
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = key;
    let PriorityLabels {
        question,
        hint,
        options,
        save: save_labels,
    } = labels;
    view! {
        <fieldset class="priority card">
            <legend>{question}</legend>
            <p class="hint">{hint}</p>
            <div class="segmented">
                {options.into_iter().map(|(p, label)| {
                    let r = reference.clone();
                    let tk = transition.clone();
                    view! {
                        <label class="segment">
                            <input type="radio" name="priority" value=p.code() disabled=disabled
                                checked=stored == Some(p)
                                prop:checked=move || priority.get() == Some(p)
                                on:change=move |_| {
                                    priority.set(Some(p));
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
            <SaveStatus state=saver.state labels=save_labels />
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
/// is saved at once (an island: it runs in the browser). Without JavaScript the fields post
/// with the page's form.
#[island]
fn ItemQuestion(
    reference: String,
    question: QuestionText,
    stored: super::view::LevelAnswer,
    disabled: bool,
    labels: AnswerLabels,
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
        save: save_labels,
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
                <SaveStatus state=saver.state labels=save_labels />
            </div>
        </article>
    }
}

/// The page-wide status line's texts: for one answer, and for more with `{count}` (the
/// island carries no translation tables, so it picks between the two itself).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct QueueLabels {
    offline_one: String,
    offline_many: String,
}

impl QueueLabels {
    pub fn new(lang: Lang) -> Self {
        QueueLabels {
            offline_one: lang.t(Key::QueueOfflineOne).to_string(),
            offline_many: lang.t(Key::QueueOffline).to_string(),
        }
    }
}

/// Says how many answers wait for the connection (an island: the queue is in the browser).
/// It stays empty while everything reaches the server; each question says "Saved" itself.
#[island]
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
