//! The plan page: where the company stands, its steps by horizon (each one a form that saves
//! as it changes), a form for a step of its own, and the history. Printed, it is the plan on
//! paper: the summary first, then the steps with their owner, date and budget, without forms.

use super::api::*;
use super::model::{Budget, ChangeKind, Horizon, StepStatus, OWNER_MAX, REASON_MAX, TITLE_MAX};
use super::view::{ChangeView, PlanView, StepView, ThemeHelp};
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::{
    format_date, query_value, url_error, Loaded, PrintButton, SelectField, TextArea, TextInput,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PlanPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let reference = move || params.read().get("reference").unwrap_or_default();
    let plan = Resource::new(reference, get_plan);
    view! {
        <Title text=lang.t(Key::PlanTitle) />
        <section class="container plan">
            <p class="breadcrumb no-print">
                <A href=move || format!("/assessment/{}/results", reference())>{lang.t(Key::PlanBack)}</A>
            </p>
            <Loaded resource=plan let:p>
                <PlanView plan=p />
            </Loaded>
        </section>
    }
}

/// `(code, label)` pairs of a code enum, for a select.
fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> Key,
    lang: Lang,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (code(*v).to_string(), lang.t(label(*v)).to_string()))
        .collect()
}

fn horizon_options(lang: Lang) -> Vec<(String, String)> {
    options(&Horizon::ALL, Horizon::code, Horizon::label, lang)
}

#[component]
fn PlanView(plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    let flash = [
        ("saved", Key::PlanSaved),
        ("added", Key::PlanAdded),
        ("removed", Key::PlanRemoved),
        ("reminders", Key::PlanRemindersSaved),
    ]
    .into_iter()
    .find(|(name, _)| !query_value(name).get_untracked().is_empty())
    .map(|(_, key)| key);
    // A refused add or removal shows its message at the top; a refused step at that step.
    let form = query_value("form").get_untracked();
    let top_error = (form == AddPlanStep::PATH
        || form == RemovePlanStep::PATH
        || form == MovePlanStep::PATH
        || form == AddPlanEventStep::PATH
        || form == SetPlanReminders::PATH)
        .then(|| url_error(lang))
        .flatten();
    // A refused step is marked at the step; the page opens at the top, so say where it is.
    let refused_step = (form == SavePlanStep::PATH)
        .then(|| query_value("scope").get_untracked())
        .filter(|scope| scope.starts_with("step-"));
    let lead = lang.fill(Key::PlanLead, &[("date", &format_date(plan.created_at))]);
    let horizons = Horizon::ALL.map(|h| {
        let steps: Vec<StepView> = plan
            .steps
            .iter()
            .filter(|s| s.horizon == h)
            .cloned()
            .collect();
        (h, steps)
    });
    let reference = plan.reference.clone();
    let can_edit = plan.can_edit;
    view! {
        <header class="plan-header">
            <h1>{lang.t(Key::PlanTitle)}": "{plan.company_name.clone()}</h1>
            <p class="lead">{lead}</p>
            <super::guidance_pages::AgreedLine plan=plan.clone() />
            <p class="no-print actions">
                <PrintButton label=lang.t(Key::PlanPrint).to_string() class="btn btn-secondary print-button".to_string() />
            </p>
            {(!can_edit).then(|| view! { <p class="alert alert-info">{lang.t(Key::PlanReadOnly)}</p> })}
            {flash.map(|k| view! { <div class="alert alert-success no-print" role="status">{lang.t(k)}</div> })}
            {top_error.map(|e| view! { <div class="alert alert-error" role="alert">{e}</div> })}
            {refused_step.map(|scope| view! {
                <p class="alert alert-error no-print"><a href=format!("#{scope}")>{lang.t(Key::PlanRefusedStep)}</a></p>
            })}
        </header>
        <Summary plan=plan.clone() />
        <h2 class="plan-steps-title">{lang.t(Key::PlanStepsTitle)}</h2>
        {plan.steps.is_empty().then(|| view! { <p class="empty">{lang.t(Key::PlanEmpty)}</p> })}
        {horizons.into_iter().filter(|(_, steps)| !steps.is_empty()).map(|(h, steps)| {
            let count = steps.len();
            let title_id = format!("horizon-{}", h.code());
            let labelled_by = title_id.clone();
            view! {
                <section class="plan-horizon" aria-labelledby=labelled_by>
                    <h3 id=title_id>{lang.t(h.label())}" "<span class="muted">"("{count}")"</span></h3>
                    <ol class="plan-steps">
                        {steps.into_iter().enumerate().map(|(i, step)| {
                            let help = step_help(&plan, &step);
                            view! {
                                <Step step reference=reference.clone() can_edit first={i == 0} last={i + 1 == count}
                                    help choices=plan.choices.clone() can_contact=plan.can_contact />
                            }
                        }).collect_view()}
                    </ol>
                </section>
            }
        }).collect_view()}
        {can_edit.then(|| view! {
            <AddStep reference=reference.clone() transitions=plan.transitions.clone()
                first_theme=plan.priorities.first().map(|p| p.transition_key.clone()) />
        })}
        <super::guidance_pages::GuidanceSection plan=plan.clone() />
        <Help reference=reference.clone() themes=plan.priorities.iter().map(|p| p.transition_key.clone()).collect() />
        {can_edit.then(|| view! { <Reminders plan=plan.clone() /> })}
        <History changes=plan.changes.clone() />
        <crate::ui::InlineScript source=include_str!("autosave.js") />
    }
}

/// The help under a step: an open step's theme's, none for a step that is an event itself.
fn step_help(plan: &PlanView, step: &StepView) -> Option<ThemeHelp> {
    let open = !matches!(step.status, StepStatus::Done | StepStatus::Dropped);
    (open && step.event.is_none())
        .then(|| {
            plan.help
                .iter()
                .find(|h| h.transition_key == step.transition_key)
        })
        .flatten()
        .cloned()
}

/// The first page of the printed plan: who, where they stand, their priorities.
#[component]
fn Summary(plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    let dash = |v: Option<u8>| v.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
    let context = [
        lang.t(plan.variant.label()).to_string(),
        crate::assessment::profile::label(
            &crate::assessment::profile::SIZE_CLASSES,
            &plan.size_class,
        )
        .map(|k| lang.t(k).to_string())
        .unwrap_or_default(),
        plan.finalised_at.map(format_date).unwrap_or_default(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let overall = lang.fill(
        Key::PlanOverall,
        &[
            ("current", &dash(plan.overall_current)),
            ("ambition", &dash(plan.overall_ambition)),
        ],
    );
    view! {
        <section class="card plan-summary" aria-labelledby="plan-summary-title">
            <h2 id="plan-summary-title">{lang.t(Key::PlanSummaryTitle)}</h2>
            <p>{context}</p>
            <p>{overall}</p>
            {plan.progress.clone().map(|progress| {
                let intro = lang.fill(Key::PlanProgressIntro, &[("date", &progress.finalised_at.map(format_date).unwrap_or_default())]);
                view! {
                    <h3>{lang.t(Key::PlanProgressTitle)}</h3>
                    <p>{intro}</p>
                    <ul>
                        {progress.transitions.iter().map(|(name, before, now)| {
                            let change = before.map(|b| format!("{:+}", i16::from(*now) - i16::from(b))).unwrap_or_default();
                            let line = lang.fill(Key::PlanProgressLine, &[
                                ("name", name.get(lang)),
                                ("before", &dash(*before)),
                                ("now", &now.to_string()),
                                ("change", &change),
                            ]);
                            view! { <li>{line}</li> }
                        }).collect_view()}
                    </ul>
                }
            })}
            {(!plan.priorities.is_empty()).then(|| view! {
                <h3>{lang.t(Key::PlanPrioritiesTitle)}</h3>
                <ol>
                    {plan.priorities.iter().map(|p| {
                        let line = lang.fill(Key::PlanPriorityLine, &[
                            ("name", p.name.get(lang)),
                            ("priority", &lang.t(p.priority.label()).to_lowercase()),
                            ("current", &dash(p.current)),
                            ("ambition", &dash(p.ambition)),
                        ]);
                        view! { <li>{line}</li> }
                    }).collect_view()}
                </ol>
            })}
        </section>
    }
}

/// What a refused save of this step kept, when the refused post was this step's.
fn kept_for(step_id: i64) -> Option<impl Fn(&'static str) -> String> {
    let mine = query_value("form").get_untracked() == SavePlanStep::PATH
        && query_value("scope").get_untracked() == format!("step-{step_id}");
    mine.then_some(|name: &'static str| query_value(name).get_untracked())
}

#[component]
fn Step(
    step: StepView,
    reference: String,
    can_edit: bool,
    first: bool,
    last: bool,
    help: Option<ThemeHelp>,
    choices: Vec<crate::providers::model::TransitionChoice>,
    can_contact: bool,
) -> impl IntoView {
    let lang = use_lang();
    let title = step.shown_title(lang);
    let theme = step.transition_name.get(lang).to_string();
    let context = match (step.from_level, step.to_level) {
        (Some(from), Some(to)) => lang.fill(
            Key::PlanStepLevels,
            &[
                ("theme", &theme),
                ("from", &from.to_string()),
                ("to", &to.to_string()),
            ],
        ),
        _ => lang.fill(Key::PlanStepOwn, &[("theme", &theme)]),
    };
    let none = lang.t(Key::PlanPrintNone);
    let or_none = |s: &str| {
        if s.is_empty() {
            none.to_string()
        } else {
            s.to_string()
        }
    };
    // Read as people write dates here (day-month-year), as everywhere else on the platform.
    let target_date = crate::ui::format_day(&step.target_date);
    let print_line = lang.fill(
        Key::PlanPrintLine,
        &[
            ("status", lang.t(step.status.label())),
            ("horizon", lang.t(step.horizon.label())),
            ("owner", &or_none(&step.owner)),
            ("date", &or_none(&target_date)),
            (
                "budget",
                step.budget.map(|b| lang.t(b.label())).unwrap_or(none),
            ),
        ],
    );
    // The company edits these fields in the form; whoever only reads the plan sees the line.
    let line_class = if can_edit {
        "plan-step-print print-only"
    } else {
        "plan-step-print"
    };
    let needs = (!step.needs.is_empty())
        .then(|| lang.fill(Key::PlanStepNeeds, &[("steps", &step.needs.join("; "))]));
    let status_class = format!("card plan-step plan-step-{}", step.status.code());
    let id = step.id;
    view! {
        <li class=status_class id=format!("step-{id}")>
            <p class="plan-step-context muted">{context}</p>
            <h4 class="plan-step-title">{title.clone()}</h4>
            {step.advice.as_ref().map(|a| view! {
                <p class="plan-step-advice"><strong>{lang.t(Key::PlanStepAdvice)}</strong>" "{a.get(lang).to_string()}</p>
            })}
            {needs.map(|n| view! { <p class="plan-step-needs">{n}</p> })}
            {step.event.clone().map(|e| view! {
                <p class="plan-step-event">
                    {lang.fill(Key::PlanStepEvent, &[("date", &format_date(e.starts_at))])}" "
                    <a href=format!("/events/{}", e.slug)>{lang.t(Key::PlanStepEventLink)}</a>
                </p>
            })}
            <p class=line_class>{print_line}</p>
            {(step.status == StepStatus::Dropped && !step.dropped_reason.is_empty()).then(|| view! {
                <p class=line_class>{step.dropped_reason.clone()}</p>
            })}
            {help.map(|help| view! {
                <super::help_pages::StepHelp help reference=reference.clone() choices can_edit can_contact />
            })}
            {can_edit.then(|| view! {
                <StepForm step=step.clone() title reference=reference.clone() />
                <StepActions id reference first last />
            })}
        </li>
    }
}

#[component]
fn StepForm(step: StepView, title: String, reference: String) -> impl IntoView {
    let lang = use_lang();
    let scope = format!("step-{}", step.id);
    let kept = kept_for(step.id);
    let error = kept.as_ref().and_then(|_| url_error(lang));
    let value = |name: &'static str, stored: String| -> Signal<String> {
        let v = kept.as_ref().map_or(stored, |k| k(name));
        Signal::stored(v)
    };
    let budget_code = step
        .budget
        .map(|b| b.code().to_string())
        .unwrap_or_default();
    let status_options = options(&StepStatus::ALL, StepStatus::code, StepStatus::label, lang);
    let budget_options = options(&Budget::ALL, Budget::code, Budget::label, lang);
    view! {
        <form class="plan-step-form no-print" method="post" action=SavePlanStep::PATH data-autosave=""
            data-saving=lang.t(Key::PlanAutosaveSaving) data-saved=lang.t(Key::PlanAutosaveSaved) data-failed=lang.t(Key::PlanAutosaveFailed)>
            {error.map(|e| view! { <div class="alert alert-error" role="alert">{e}</div> })}
            <input type="hidden" name="reference" value=reference />
            <input type="hidden" name="step" value=step.id.to_string() />
            <TextInput name="title" label=Key::PlanFieldTitle scope=scope.clone() value=value("title", title) required=true maxlength=TITLE_MAX />
            <div class="plan-step-fields">
                <SelectField name="status" label=Key::PlanFieldStatus scope=scope.clone() options=status_options selected=value("status", step.status.code().to_string()) />
                <SelectField name="horizon" label=Key::PlanFieldHorizon scope=scope.clone() options=horizon_options(lang) selected=value("horizon", step.horizon.code().to_string()) />
                <TextInput name="owner" label=Key::PlanFieldOwner scope=scope.clone() value=value("owner", step.owner.clone()) maxlength=OWNER_MAX autocomplete="off" />
                <TextInput name="target_date" kind="date" label=Key::PlanFieldTargetDate scope=scope.clone() value=value("target_date", step.target_date.clone()) />
                <SelectField name="budget" label=Key::PlanFieldBudget scope=scope.clone() empty=Key::PlanBudgetNone options=budget_options selected=value("budget", budget_code) />
            </div>
            <TextArea name="dropped_reason" label=Key::PlanFieldReason scope=scope.clone() value=value("dropped_reason", step.dropped_reason.clone()).get_untracked() rows=2 hint=Key::PlanFieldReasonHint maxlength=REASON_MAX />
            <p class="plan-step-save">
                <button type="submit" class="btn btn-primary">{lang.t(Key::PlanSave)}</button>
                " "<span class="save-status" role="status" data-save-status=""></span>
            </p>
        </form>
    }
}

/// Move up, move down, remove: each its own small form, so each works without script.
#[component]
fn StepActions(id: i64, reference: String, first: bool, last: bool) -> impl IntoView {
    let lang = use_lang();
    let step = id.to_string();
    let mover = |direction: &'static str, label: Key, hidden: bool| {
        (!hidden).then(|| view! {
            <form method="post" action=MovePlanStep::PATH>
                <input type="hidden" name="reference" value=reference.clone() />
                <input type="hidden" name="step" value=step.clone() />
                <input type="hidden" name="direction" value=direction />
                <button type="submit" class="btn btn-secondary btn-small">{lang.t(label)}</button>
            </form>
        })
    };
    view! {
        <div class="plan-step-actions no-print" role="group" aria-label=lang.t(Key::PlanStepActions)>
            {mover("up", Key::PlanMoveUp, first)}
            {mover("down", Key::PlanMoveDown, last)}
            <form method="post" action=RemovePlanStep::PATH>
                <input type="hidden" name="reference" value=reference.clone() />
                <input type="hidden" name="step" value=step.clone() />
                <button type="submit" class="btn btn-danger btn-small">{lang.t(Key::PlanRemove)}</button>
            </form>
        </div>
    }
}

#[component]
fn AddStep(
    reference: String,
    transitions: Vec<(String, crate::assessment::model::Text)>,
    /// The theme the form starts on: the company's first priority.
    first_theme: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let mine = query_value("form").get_untracked() == AddPlanStep::PATH;
    let kept = move |name: &'static str, default: &str| -> Signal<String> {
        Signal::stored(if mine {
            query_value(name).get_untracked()
        } else {
            default.to_string()
        })
    };
    let themes: Vec<(String, String)> = transitions
        .iter()
        .map(|(key, name)| (key.clone(), name.get(lang).to_string()))
        .collect();
    let first_theme = first_theme
        .or_else(|| themes.first().map(|(k, _)| k.clone()))
        .unwrap_or_default();
    view! {
        <section class="card plan-add no-print" aria-labelledby="plan-add-title">
            <h2 id="plan-add-title">{lang.t(Key::PlanAddTitle)}</h2>
            <p class="hint">{lang.t(Key::PlanAddHint)}</p>
            <form method="post" action=AddPlanStep::PATH>
                <input type="hidden" name="reference" value=reference />
                <TextInput name="title" label=Key::PlanFieldTitle scope="add" value=kept("title", "") required=true maxlength=TITLE_MAX />
                <div class="plan-step-fields">
                    <SelectField name="transition" label=Key::PlanFieldTransition scope="add" options=themes selected=kept("transition", &first_theme) />
                    <SelectField name="horizon" label=Key::PlanFieldHorizon scope="add" options=horizon_options(lang) selected=kept("horizon", Horizon::Within6Months.code()) />
                </div>
                <button type="submit" class="btn btn-primary">{lang.t(Key::PlanAdd)}</button>
            </form>
        </section>
    }
}

/// What helps with the plan: events on its themes (a masterclass is a step of its own, added
/// above), and the providers and consultants that fit its priorities.
#[component]
fn Help(reference: String, themes: Vec<String>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="plan-help no-print" aria-labelledby="plan-help-title">
            <h2 id="plan-help-title">{lang.t(Key::PlanHelpTitle)}</h2>
            <p>{lang.t(Key::PlanHelpText)}</p>
            <crate::events::sections::EventSuggestions themes />
            <p><A href=format!("/assessment/{reference}/matches") attr:class="btn btn-secondary">{lang.t(Key::PlanHelpMatches)}</A></p>
        </section>
    }
}

/// Follow-up mails after 1, 3 and 6 months, and the day to repeat the assessment.
#[component]
fn Reminders(plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    let mine = query_value("form").get_untracked() == SetPlanReminders::PATH;
    let day = if mine {
        query_value("reassess_on").get_untracked()
    } else {
        plan.reassess_on.clone()
    };
    view! {
        <section class="card plan-reminders no-print" aria-labelledby="plan-reminders-title">
            <h2 id="plan-reminders-title">{lang.t(Key::PlanRemindersTitle)}</h2>
            {(!plan.has_organisation).then(|| view! { <p class="alert alert-info">{lang.t(Key::PlanRemindersNoAccount)}</p> })}
            <form method="post" action=SetPlanReminders::PATH>
                <input type="hidden" name="reference" value=plan.reference.clone() />
                <div class="field">
                    <label class="choice-inline">
                        <input type="checkbox" name="reminders" checked=plan.reminders_on />
                        " "{lang.t(Key::PlanRemindersOn)}
                    </label>
                </div>
                <TextInput name="reassess_on" kind="date" label=Key::PlanReassessOn value=Signal::stored(day) hint=Key::PlanReassessHint />
                <button type="submit" class="btn btn-secondary">{lang.t(Key::PlanRemindersSave)}</button>
            </form>
        </section>
    }
}

/// `/plan/reminders-off?token=…`: the link in every follow-up mail, and a button.
#[component]
pub fn RemindersOffPage() -> impl IntoView {
    let lang = use_lang();
    let token = query_value("token");
    let done = !query_value("done").get_untracked().is_empty();
    let error = url_error(lang);
    view! {
        <Title text=lang.t(Key::PlanRemindersOffTitle) />
        <section class="container narrow">
            <h1>{lang.t(Key::PlanRemindersOffTitle)}</h1>
            {if done {
                view! { <div class="alert alert-success" role="status">{lang.t(Key::PlanRemindersOffDone)}</div> }.into_any()
            } else {
                view! {
                    {error.map(|e| view! { <div class="alert alert-error" role="alert">{e}</div> })}
                    <p>{lang.t(Key::PlanRemindersOffText)}</p>
                    <form method="post" action=PlanRemindersOff::PATH>
                        <input type="hidden" name="token" value=move || token.get() />
                        <button type="submit" class="btn btn-primary">{lang.t(Key::PlanRemindersOffSubmit)}</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn History(changes: Vec<ChangeView>) -> impl IntoView {
    let lang = use_lang();
    let field_name = |code: &str| {
        let key = match code {
            "title" => Key::PlanFieldTitle,
            "horizon" => Key::PlanFieldHorizon,
            "status" => Key::PlanFieldStatus,
            "owner" => Key::PlanFieldOwner,
            "target_date" => Key::PlanFieldTargetDate,
            "budget" => Key::PlanFieldBudget,
            _ => Key::PlanFieldReason,
        };
        lang.t(key).to_lowercase()
    };
    view! {
        <section class="plan-history no-print" aria-labelledby="plan-history-title">
            <h2 id="plan-history-title">{lang.t(Key::PlanHistoryTitle)}</h2>
            <p class="hint">{lang.t(Key::PlanHistoryIntro)}</p>
            <ul class="plan-history-list">
                {changes.into_iter().map(|c| {
                    let who = c.who.clone().unwrap_or_else(|| lang.t(Key::PlanHistoryByLink).to_string());
                    let what = lang.t(c.kind.label());
                    let step = (c.kind != ChangeKind::Drafted).then(|| format!(" “{}”", c.step_title));
                    let fields = (!c.fields.is_empty()).then(|| {
                        let names: Vec<String> = c.fields.iter().map(|f| field_name(f)).collect();
                        format!(" ({})", lang.fill(Key::PlanHistoryFields, &[("fields", &names.join(", "))]))
                    });
                    view! {
                        <li>
                            <time>{crate::time::to_local(c.at).date_nl()}" "{crate::time::to_local(c.at).time()}</time>
                            " · "{who}" "{what}{step}{fields}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
