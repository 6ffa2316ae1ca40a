//! Assessment pages: start, overview with progress, one page per transition, results.

use super::api::*;
use super::autosave::{Autosave, SaveState};
use super::charts::{GapBars, RadarAxis, RadarChart};
use super::model::{effective_ambition, Priority, Variant};
use super::profile::{label, PROVINCES, SECTORS, SIZE_CLASSES};
use super::view::{TransitionProgress, TransitionSheet};
use crate::contact::pages::MatchesSection;
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::Loaded;
use crate::ui::{
    action_error, query_value, CopyButton, CopyTexts, ErrorAlert, FormAlert, PrintButton,
    SelectField, SubmitButton, TextInput,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

fn progress_name(p: &TransitionProgress, lang: Lang) -> String {
    match lang {
        Lang::Nl => p.name_nl.clone(),
        Lang::En => p.name_en.clone(),
    }
}

fn param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get(name).unwrap_or_default()
}

/// A profile list (sector, size, province) as select options in the reader's language.
fn choices(list: &[(&'static str, Key)], lang: Lang) -> Vec<(String, String)> {
    list.iter()
        .map(|(code, key)| (code.to_string(), lang.t(*key).to_string()))
        .collect()
}

/// What a refused post kept for the field, else the value known from the company's profile.
fn kept_or(name: &'static str, known: String) -> Signal<String> {
    let kept = query_value(name);
    Signal::derive(move || {
        let value = kept.get();
        if value.is_empty() {
            known.clone()
        } else {
            value
        }
    })
}

#[component]
pub fn AssessmentHome() -> impl IntoView {
    let lang = use_lang();
    let start = ServerAction::<StartAssessment>::new();
    let mine = Resource::new(|| (), |_| my_assessments());
    let prefill = Resource::new(|| (), |_| start_prefill());
    let kept_variant = query_value("variant");
    let variants = [
        (Variant::Manufacturing, Key::VariantManufacturingHint),
        (Variant::Suppliers, Key::VariantSuppliersHint),
        (Variant::Process, Key::VariantProcessHint),
    ];
    view! {
        <Title text=lang.t(Key::AssessmentTitle) />
        <section class="container">
            <h1>{lang.t(Key::AssessmentTitle)}</h1>
            <p class="lead">{lang.t(Key::AssessmentIntro)}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = mine.await.unwrap_or_default();
                    (!list.is_empty()).then(|| view! {
                        <div class="card">
                            <h2>{lang.t(Key::AssessmentMine)}</h2>
                            <ul class="plain-list">
                                {list.into_iter().map(|a| {
                                    let href = format!("/assessment/{}", a.reference);
                                    let status = if a.finalised { Key::StatusFinal } else { Key::StatusDraft };
                                    view! {
                                        <li>
                                            <A href=href>{a.company_name}" · "{lang.t(a.variant.label())}</A>
                                            " "<span class="badge">{lang.t(status)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                    })
                })}
            </Transition>
            <Transition fallback=|| ()>
            {move || Suspend::new(async move {
            // A logged-in company finds its name, sector, size and province filled in.
            let prefill = prefill.await.unwrap_or_default();
            view! {
            <div class="card">
                <h2>{lang.t(Key::AssessmentStartTitle)}</h2>
                <ActionForm action=start>
                    <FormAlert error=action_error(start) />
                    <fieldset class="choice-group">
                        <legend>{lang.t(Key::FieldVariant)}</legend>
                        {variants.into_iter().map(|(v, hint)| {
                            let code = v.code();
                            view! {
                                <label class="choice">
                                    <input type="radio" name="variant" value=code required=true
                                        checked=move || kept_variant.get() == code />
                                    <span>
                                        <strong>{lang.t(v.label())}</strong>
                                        <span class="hint">{lang.t(hint)}</span>
                                    </span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                    <TextInput name="company_name" label=Key::FieldCompanyName required=true
                        autocomplete="organization" value=kept_or("company_name", prefill.company_name.clone()) />
                    <div class="grid-3">
                        <SelectField name="sector" label=Key::FieldSector empty=Key::ChooseOne required=true
                            options=choices(&SECTORS, lang) selected=kept_or("sector", prefill.sector.clone()) />
                        <SelectField name="size_class" label=Key::FieldSizeClass empty=Key::ChooseOne required=true
                            options=choices(&SIZE_CLASSES, lang) selected=kept_or("size_class", prefill.size_class.clone()) />
                        <SelectField name="province" label=Key::FieldProvince empty=Key::ChooseOne required=true
                            options=choices(&PROVINCES, lang) selected=kept_or("province", prefill.province.clone()) />
                    </div>
                    <TextInput name="respondent_role" label=Key::FieldRespondentRole autocomplete="organization-title" />
                    <SubmitButton label=Key::AssessmentStartSubmit />
                </ActionForm>
            </div>
            }
            })}
            </Transition>
        </section>
    }
}

#[component]
fn ProgressList(reference: String, progress: Vec<TransitionProgress>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ol class="progress-list">
            {progress.into_iter().map(|p| {
                let href = format!("/assessment/{reference}/t/{}", p.key);
                let pct = super::scoring::progress(p.answered, p.items);
                let name = progress_name(&p, lang);
                view! {
                    <li>
                        <A href=href>{name}</A>
                        <span class="progress-count">{format!("{}/{}", p.answered, p.items)}</span>
                        <progress max="100" value=pct aria-label=lang.t(Key::ProgressLabel)>{pct}"%"</progress>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let lang = use_lang();
    let reference = param("reference");
    let overview = Resource::new(reference, get_overview);
    let finalise = ServerAction::<FinaliseAssessment>::new();
    let claim = ServerAction::<ClaimAssessment>::new();
    let hand_over = ServerAction::<HandOverAssessment>::new();
    let mail_link = ServerAction::<MailResumeLink>::new();
    let handed = query_value("handed");
    let mailed = query_value("mailed");
    let kept_email = query_value("email");
    let auth = crate::shell::use_auth();
    view! {
        <Title text=lang.t(Key::AssessmentTitle) />
        <section class="container">
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    let o = match overview.await {
                        Ok(o) => o,
                        Err(e) => return view! { <h1>{lang.t(Key::AssessmentTitle)}</h1><ErrorAlert error=e /> }.into_any(),
                    };
                    let user = auth.user.await.ok().flatten();
                    let can_claim = o.organisation_name.is_none() && user.as_ref().is_some_and(|u| u.role == crate::accounts::model::Role::CompanyMember);
                    let can_hand_over = o.organisation_name.is_none() && user.as_ref().is_some_and(|u| u.role.is_staff());
                    let ref_hand_over = o.reference.clone();
                    let total: usize = o.progress.iter().map(|p| p.items).sum();
                    let done: usize = o.progress.iter().map(|p| p.answered).sum();
                    let first = o.progress.iter().find(|p| p.answered < p.items).or(o.progress.first()).map(|p| p.key.clone()).unwrap_or_default();
                    let (ref_finalise, ref_claim) = (o.reference.clone(), o.reference.clone());
                    view! {
                        <h1>{o.profile.company_name.clone()}</h1>
                        <p class="lead">{lang.t(o.variant.label())}" · "{label(&SECTORS, &o.profile.sector).map(|k| lang.t(k))}" · "{label(&PROVINCES, &o.profile.province).map(|k| lang.t(k))}</p>
                        {o.resume_url.clone().map(|url| {
                            let reference = o.reference.clone();
                            let copy_texts = CopyTexts {
                                label: lang.t(Key::ResumeCopy).to_string(),
                                done: lang.t(Key::ResumeCopied).to_string(),
                                failed: lang.t(Key::ResumeCopyFailed).to_string(),
                            };
                            view! {
                                <div class="alert alert-info resume">
                                    <p>
                                        <strong>{lang.t(Key::ResumeLinkTitle)}</strong>" "{lang.t(Key::ResumeLinkText)}" "
                                        {lang.t(Key::ResumeLinkWhy)}
                                    </p>
                                    <div class="resume-row">
                                        <input id="resume-link" type="text" readonly value=url.clone() aria-label=lang.t(Key::ResumeLinkTitle) />
                                        <CopyButton text=url field="resume-link".to_string() texts=copy_texts />
                                    </div>
                                    <ActionForm action=mail_link attr:class="resume-mail">
                                        <FormAlert error=action_error(mail_link) />
                                        <input type="hidden" name="reference" value=reference />
                                        <label for="resume-email">{lang.t(Key::ResumeMailLabel)}</label>
                                        <div class="inline-field">
                                            <input id="resume-email" name="email" type="email" required autocomplete="email" value=move || kept_email.get() />
                                            <button type="submit" class="btn btn-secondary">{lang.t(Key::ResumeMailSubmit)}</button>
                                        </div>
                                    </ActionForm>
                                    <Show when=move || mailed.get() == "1">
                                        <p class="alert alert-success" role="status">{lang.t(Key::ResumeMailed)}</p>
                                    </Show>
                                </div>
                            }
                        })}
                        {o.organisation_name.clone().map(|org| view! { <p class="muted">{lang.fill(Key::AssessmentOwnedBy, &[("organisation", &org)])}</p> })}
                        <Show when=move || handed.get() == "1">
                            <div class="alert alert-success" role="status">{lang.t(Key::HandOverDone)}</div>
                        </Show>
                        <div class="card">
                            <h2>{lang.t(Key::ProgressTitle)}</h2>
                            <p>
                                <progress max="100" value=super::scoring::progress(done, total) aria-label=lang.t(Key::ProgressLabel)></progress>
                                " "{format!("{done}/{total}")}
                            </p>
                            <ProgressList reference=o.reference.clone() progress=o.progress.clone() />
                            <div class="actions">
                                {if o.finalised {
                                    view! { <A href=format!("/assessment/{}/results", o.reference) attr:class="btn btn-primary">{lang.t(Key::ResultsOpen)}</A> }.into_any()
                                } else {
                                    view! {
                                        <A href=format!("/assessment/{}/t/{first}", o.reference) attr:class="btn btn-primary">{lang.t(Key::AssessmentContinue)}</A>
                                    }.into_any()
                                }}
                            </div>
                        </div>
                        {(!o.finalised).then(|| view! {
                            <div class="card">
                                <h2>{lang.t(Key::FinaliseTitle)}</h2>
                                <p>{lang.t(Key::FinaliseText)}</p>
                                <ActionForm action=finalise>
                                    <FormAlert error=action_error(finalise) />
                                    <input type="hidden" name="reference" value=ref_finalise />
                                    <SubmitButton label=Key::FinaliseSubmit />
                                </ActionForm>
                            </div>
                        })}
                        {can_claim.then(|| view! {
                            <div class="card">
                                <h2>{lang.t(Key::ClaimTitle)}</h2>
                                <ActionForm action=claim>
                                    <FormAlert error=action_error(claim) />
                                    <input type="hidden" name="reference" value=ref_claim />
                                    <SubmitButton label=Key::ClaimSubmit />
                                </ActionForm>
                            </div>
                        })}
                        {can_hand_over.then(|| view! {
                            <div class="card">
                                <h2>{lang.t(Key::HandOverTitle)}</h2>
                                <p>{lang.t(Key::HandOverText)}</p>
                                <ActionForm action=hand_over>
                                    <FormAlert error=action_error(hand_over) />
                                    <input type="hidden" name="reference" value=ref_hand_over />
                                    <div class="field">
                                        <label for="field-hand-over-email">{lang.t(Key::HandOverEmail)}</label>
                                        <input id="field-hand-over-email" name="email" type="email" required autocomplete="off" value=move || kept_email.get() />
                                    </div>
                                    <SubmitButton label=Key::HandOverSubmit />
                                </ActionForm>
                            </div>
                        })}
                        {(user.is_none() && !o.finalised).then(|| view! {
                            <p class="muted">{lang.t(Key::ClaimHint)}" "<A href="/register">{lang.t(Key::NavRegister)}</A></p>
                        })}
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}

/// What the status line beside an answer says, translated on the server: the islands that
/// save answers carry no text tables of their own.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct SaveLabels {
    saving: String,
    saved: String,
    failed: String,
}

impl SaveLabels {
    fn new(lang: Lang) -> Self {
        SaveLabels {
            saving: lang.t(Key::SaveSaving).to_string(),
            saved: lang.t(Key::SaveSaved).to_string(),
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
    let reference = param("reference");
    let transition = param("transition");
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
        <form method="post" action="/assessment/form" class="assessment-form">
            <input type="hidden" name="reference" value=reference.clone() />
            <input type="hidden" name="transition" value=t.key.clone() />
            <input type="hidden" name="next" value=next_path.clone() />
            {t.items.iter().enumerate().map(|(n, item)| {
                let stored = sheet.answers.iter().find(|a| a.item_key == item.key).cloned().unwrap_or_default();
                let question = QuestionText {
                    key: item.key.clone(),
                    number: n + 1,
                    question: item.question.get(lang).to_string(),
                    levels: item.levels.iter().map(|l| l.get(lang).to_string()).collect(),
                };
                view! { <ItemQuestion reference=reference.clone() question stored disabled labels=AnswerLabels::new(lang) /> }
            }).collect_view()}
            <PriorityChoice
                reference=reference.clone()
                transition=t.key.clone()
                stored=sheet.priority
                disabled
                labels=PriorityLabels::new(lang)
            />
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
    let priority = RwSignal::new(stored);
    let saver = Autosave::new();
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
                                    let (reference, transition) = (r.clone(), tk.clone());
                                    // Read when sent: a choice made while an earlier one is
                                    // being saved goes out after it.
                                    saver.save(move || SavePriority {
                                        reference: reference.clone(),
                                        transition: transition.clone(),
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
fn SaveStatus(state: RwSignal<SaveState>, labels: SaveLabels) -> impl IntoView {
    view! {
        <p class="save-status" aria-live="polite" data-state=move || match state.get() {
            SaveState::Idle => "idle",
            SaveState::Saving => "saving",
            SaveState::Saved => "saved",
            SaveState::Failed => "failed",
        }>
            {move || match state.get() {
                SaveState::Idle => String::new(),
                SaveState::Saving => labels.saving.clone(),
                SaveState::Saved => labels.saved.clone(),
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
    stored: super::view::StoredAnswer,
    disabled: bool,
    labels: AnswerLabels,
) -> impl IntoView {
    let current = RwSignal::new(stored.current);
    // The ambition the respondent picked; what is shown and saved is derived from it and the
    // current level (`effective_ambition`), so neither group ever changes the other's choice.
    let chosen_ambition = RwSignal::new(stored.ambition);
    let ambition = move || effective_ambition(chosen_ambition.get(), current.get());
    let na = RwSignal::new(stored.not_applicable);
    let comment = RwSignal::new(stored.comment.clone());
    let saver = Autosave::new();
    let QuestionText {
        key,
        number,
        question,
        levels,
    } = question;
    // Every change sends the item's whole state, read when the request is made.
    let send = {
        let (reference, key) = (reference.clone(), key.clone());
        move || {
            let (reference, key) = (reference.clone(), key.clone());
            saver.save(move || SaveAnswer {
                reference: reference.clone(),
                item_key: key.clone(),
                current: current.get_untracked(),
                ambition: effective_ambition(
                    chosen_ambition.get_untracked(),
                    current.get_untracked(),
                ),
                not_applicable: na.get_untracked(),
                comment: comment.get_untracked(),
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

#[component]
pub fn ResultsPage() -> impl IntoView {
    let lang = use_lang();
    let reference = param("reference");
    let results = Resource::new(reference, get_results);
    view! {
        <Title text=lang.t(Key::ResultsTitle) />
        <section class="container results">
            <Loaded resource=results let:r>
                <ResultsView results=r />
            </Loaded>
        </section>
    }
}

#[component]
fn ResultsView(results: super::view::Results) -> impl IntoView {
    let lang = use_lang();
    let q = &results.questionnaire;
    let name_of = |key: &str| {
        q.transition(key)
            .map(|t| t.name.get(lang).to_string())
            .unwrap_or_default()
    };
    let axes: Vec<RadarAxis> = results
        .scores
        .transitions
        .iter()
        .map(|t| RadarAxis {
            label: name_of(&t.transition_key),
            current: t.current,
            ambition: t.ambition,
            previous: results
                .previous
                .as_ref()
                .and_then(|p| p.get(&t.transition_key))
                .map(|(c, _)| c),
        })
        .collect();
    let bars: Vec<(String, Option<u8>)> = results
        .scores
        .transitions
        .iter()
        .map(|t| (name_of(&t.transition_key), t.gap))
        .collect();
    let dash = |v: Option<u8>| v.map(|n| n.to_string()).unwrap_or_else(|| "—".to_string());
    let previous = results.previous.clone();
    let peer = results.peer.clone();
    let peer_size = results.peer_same_size.clone();
    let (has_previous, has_peer, has_peer_size) =
        (previous.is_some(), peer.is_some(), peer_size.is_some());
    let rows = results
        .scores
        .transitions
        .iter()
        .map(|t| {
            let change = previous
                .as_ref()
                .map(|p| match (t.current, p.get(&t.transition_key)) {
                    (Some(now), Some((before, _))) => {
                        format!("{:+}", i16::from(now) - i16::from(before))
                    }
                    _ => "—".to_string(),
                });
            let average = |set: &super::view::ScoreSet| {
                set.get(&t.transition_key)
                    .map(|(c, a)| format!("{c} / {a}"))
                    .unwrap_or_else(|| "—".into())
            };
            let peer_avg = peer.as_ref().map(average);
            let peer_size_avg = peer_size.as_ref().map(average);
            view! {
                <tr>
                    <th scope="row">{name_of(&t.transition_key)}</th>
                    <td>{dash(t.current)}</td>
                    <td>{dash(t.ambition)}</td>
                    <td>{dash(t.gap)}</td>
                    <td>{t.priority.map(|p| lang.t(p.label())).unwrap_or("—")}</td>
                    {change.map(|c| view! { <td>{c}</td> })}
                    {peer_avg.map(|p| view! { <td>{p}</td> })}
                    {peer_size_avg.map(|p| view! { <td>{p}</td> })}
                </tr>
            }
        })
        .collect_view();
    let peer_note = match (&results.peer, &results.peer_same_size) {
        (Some(p), Some(s)) => format!(
            "{} {}",
            lang.count(Key::ResultsPeerNote, p.count as i64, &[]),
            lang.count(Key::ResultsPeerSizeNote, s.count as i64, &[])
        ),
        (Some(p), None) => lang.count(Key::ResultsPeerNote, p.count as i64, &[]),
        (None, _) => lang.t(Key::ResultsPeerTooFew).to_string(),
    };
    let priorities = results.priorities.iter().map(|p| {
        let steps = p.next_steps.iter().map(|s| {
            let (question, next) = match lang { Lang::Nl => (s.question_nl.clone(), s.next_nl.clone()), Lang::En => (s.question_en.clone(), s.next_en.clone()) };
            view! { <li><strong>{question}</strong><br />{lang.t(Key::NextLevel)}": "{next}</li> }
        }).collect_view();
        view! {
            <li class="card priority-card">
                <h3>{name_of(&p.transition_key)}</h3>
                <p class="muted">{lang.t(Key::ResultsPriority)}": "{lang.t(p.priority.label())}" · "{lang.t(Key::ResultsGap)}": "{p.gap}</p>
                <ul class="next-steps">{steps}</ul>
            </li>
        }
    }).collect_view();
    let has_priorities = !results.priorities.is_empty();
    let chart_title = lang.t(Key::ResultsRadarTitle).to_string();
    let finalised = results.finalised_at.is_some();
    let priority_keys: Vec<String> = results
        .priorities
        .iter()
        .map(|p| p.transition_key.clone())
        .collect();
    let reference = results.reference.clone();
    let gap_title = lang.t(Key::ResultsGapTitle).to_string();
    view! {
        <header class="results-header">
            <h1>{lang.t(Key::ResultsTitle)}": "{results.profile.company_name.clone()}</h1>
            <p class="lead">{lang.t(results.variant.label())}</p>
            <div class="overall">
                <div class="figure"><span class="figure-number">{dash(results.scores.overall_current)}</span><span class="figure-label">{lang.t(Key::ResultsOverallCurrent)}</span></div>
                <div class="figure"><span class="figure-number">{dash(results.scores.overall_ambition)}</span><span class="figure-label">{lang.t(Key::ResultsOverallAmbition)}</span></div>
            </div>
            <p class="no-print actions">
                <A href=format!("/assessment/{}", results.reference) attr:class="btn btn-secondary">{lang.t(Key::ResultsBack)}</A>
                <PrintButton label=lang.t(Key::ResultsPrint).to_string() class="btn btn-secondary print-button".to_string() />
            </p>
        </header>
        <div class="chart-row">
            <RadarChart axes title=chart_title />
            <div class="table-wrap" tabindex="0">
                <table>
                    <caption>{lang.t(Key::ResultsTableCaption)}</caption>
                    <thead><tr>
                        <th scope="col">{lang.t(Key::ResultsTransition)}</th>
                        <th scope="col">{lang.t(Key::ResultsCurrent)}</th>
                        <th scope="col">{lang.t(Key::ResultsAmbition)}</th>
                        <th scope="col">{lang.t(Key::ResultsGap)}</th>
                        <th scope="col">{lang.t(Key::ResultsPriority)}</th>
                        {has_previous.then(|| view! { <th scope="col">{lang.t(Key::ResultsChange)}</th> })}
                        {has_peer.then(|| view! { <th scope="col">{lang.t(Key::ResultsPeer)}</th> })}
                        {has_peer_size.then(|| view! { <th scope="col">{lang.t(Key::ResultsPeerSize)}</th> })}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="hint">{peer_note}</p>
            </div>
        </div>
        <h2>{lang.t(Key::ResultsGapTitle)}</h2>
        <GapBars bars title=gap_title />
        <h2>{lang.t(Key::ResultsPrioritiesTitle)}</h2>
        {if has_priorities {
            view! {
                <p class="hint">{lang.t(Key::ResultsPrioritiesOrder)}</p>
                <ol class="priority-list">{priorities}</ol>
            }.into_any()
        } else {
            view! { <p class="empty">{lang.t(Key::ResultsNoPriorities)}</p> }.into_any()
        }}
        {finalised.then(|| view! {
            <section class="card plan-callout no-print" aria-labelledby="plan-callout-title">
                <h2 id="plan-callout-title">{lang.t(Key::PlanTitle)}</h2>
                <p>{lang.t(Key::PlanOpenText)}</p>
                <p><A href=format!("/assessment/{}/plan", results.reference) attr:class="btn btn-primary">{lang.t(Key::PlanOpen)}</A></p>
            </section>
        })}
        <h2>{lang.t(Key::NextStepsTitle)}</h2>
        <p>{lang.t(Key::NextStepsText)}</p>
        <crate::events::pages::EventSuggestions themes=priority_keys.clone() />
        <crate::practices::pages::PracticeSuggestions themes=priority_keys size_class=results.profile.size_class.clone() />
        {finalised.then(|| view! { <MatchesSection reference=reference.clone() /> })}
    }
}

/// Staff: every assessment, to continue one they fill in with a company or to look one up.
#[component]
pub fn StaffAssessmentsPage() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| staff_assessments());
    view! {
        <Title text=lang.t(Key::StaffAssessmentsTitle) />
        <section class="container">
            <crate::ui::StaffNav />
            <h1>{lang.t(Key::StaffAssessmentsTitle)}</h1>
            <p class="lead">{lang.t(Key::StaffAssessmentsIntro)}</p>
            <p><A href="/assessment" attr:class="btn btn-primary">{lang.t(Key::StaffAssessmentsStart)}</A></p>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! { <p class="empty">{lang.t(Key::StaffAssessmentsEmpty)}</p> }.into_any(),
                        Ok(items) => view! {
                            <div class="table-wrap" tabindex="0">
                                <table>
                                    <thead><tr>
                                        <th scope="col">{lang.t(Key::FieldCompanyName)}</th>
                                        <th scope="col">{lang.t(Key::StaffAssessmentsVariant)}</th>
                                        <th scope="col">{lang.t(Key::StaffRequestsDate)}</th>
                                        <th scope="col">{lang.t(Key::ProfileStatusLabel)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {items.into_iter().map(|a| {
                                            let status = if a.finalised { Key::StatusFinal } else { Key::StatusDraft };
                                            view! {
                                                <tr>
                                                    <th scope="row"><A href=format!("/assessment/{}", a.reference)>{a.company_name.clone()}</A></th>
                                                    <td>{lang.t(a.variant.label())}</td>
                                                    <td>{crate::ui::format_date(a.created_at)}</td>
                                                    <td>{lang.t(status)}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A company's assessments on its own overview: each with its state and the way on (continue
/// a draft, read the results of a finalised one).
#[component]
pub fn MyAssessments() -> impl IntoView {
    let lang = use_lang();
    let mine = Resource::new(|| (), |_| my_assessments());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = mine.await.unwrap_or_default();
                view! {
                    <section class="card" aria-labelledby="my-assessments-title">
                        <h2 id="my-assessments-title">{lang.t(Key::AssessmentMine)}</h2>
                        {if list.is_empty() {
                            view! { <p class="empty">{lang.t(Key::MyAssessmentsEmpty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain-list">
                                    {list.into_iter().map(|a| {
                                        let (href, action, status) = if a.finalised {
                                            (format!("/assessment/{}/results", a.reference), Key::ResultsOpen, Key::StatusFinal)
                                        } else {
                                            (format!("/assessment/{}", a.reference), Key::AssessmentContinue, Key::StatusDraft)
                                        };
                                        view! {
                                            <li>
                                                <strong>{a.company_name}</strong>" · "{lang.t(a.variant.label())}
                                                " · "{crate::ui::format_date(a.created_at)}" "
                                                <span class="badge">{lang.t(status)}</span>" "
                                                <A href=href>{lang.t(action)}</A>
                                                {a.finalised.then(|| view! {
                                                    " · "<A href=format!("/assessment/{}/plan", a.reference)>{lang.t(Key::PlanShort)}</A>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <p><A href="/assessment" attr:class="btn btn-secondary">{lang.t(Key::HomeCtaAssessment)}</A></p>
                    </section>
                }
            })}
        </Transition>
    }
}
