//! The consultant's part of a plan on the page: asking for guidance, the voucher and its days,
//! notes, both sign-offs and the agreed versions; the page of one agreed version (printable);
//! the consultant's own list; and the staff's pipeline.

use super::guidance_api::*;
use super::model::{GuidanceState, Side};
use super::view::{GuidanceView, NoteView, PlanView, VersionView};
use super::voucher::format_days;
use crate::i18n::{use_lang, Key, Lang};
use crate::ui::StaffPage;
use crate::ui::{
    format_date, query_value, url_error, Loaded, PrintButton, SelectField, TextArea, TextInput,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// What a refused post of the form at `path` kept: the typed values, else the defaults.
fn kept(path: &str) -> impl Fn(&'static str, &str) -> Signal<String> {
    let mine = query_value("form").get_untracked() == path;
    move |name, default| {
        Signal::stored(if mine {
            query_value(name).get_untracked()
        } else {
            default.to_string()
        })
    }
}

/// The form whose post was refused, when it is one of these.
fn refused(paths: &[&str], lang: Lang) -> Option<String> {
    let form = query_value("form").get_untracked();
    paths
        .iter()
        .any(|p| *p == form)
        .then(|| url_error(lang))
        .flatten()
}

/// "4 dagen", "1 dag", "2,5 dagen".
pub fn days(half_days: u32, lang: Lang) -> String {
    let one = if half_days == 2 { 1 } else { 2 };
    lang.count(
        Key::GuidanceDays,
        one,
        &[("days", &format_days(half_days, lang))],
    )
}

/// "Stappenplan v1, agreed on …" and the note that later changes make the next version.
#[component]
pub fn AgreedLine(plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    plan.versions.first().cloned().map(|v| {
        let line = lang.fill(
            Key::PlanVersionAgreed,
            &[("number", &v.number.to_string()), ("date", &format_date(v.agreed_at))],
        );
        let next = plan.changed_since_agreed.then(|| {
            lang.fill(
                Key::PlanVersionChangedSince,
                &[("number", &v.number.to_string()), ("next", &(v.number + 1).to_string())],
            )
        });
        view! {
            <p class="plan-agreed">
                <strong>{line}</strong>" "
                <A href=format!("/assessment/{}/plan/v/{}", plan.reference, v.number) attr:class="no-print">{lang.t(Key::PlanVersionOpen)}</A>
            </p>
            {next.map(|n| view! { <p class="hint">{n}</p> })}
        }
    })
}

/// The guidance section of the plan page.
#[component]
pub fn GuidanceSection(plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    let flash = [
        ("requested", Key::GuidanceRequestedFlash),
        ("withdrawn", Key::GuidanceWithdrawnFlash),
        ("logged", Key::GuidanceLoggedFlash),
        ("noted", Key::GuidanceNotedFlash),
        ("signed", Key::GuidanceSignedFlash),
        ("agreed", Key::GuidanceAgreedFlash),
    ]
    .into_iter()
    .find(|(name, _)| !query_value(name).get_untracked().is_empty())
    .map(|(_, key)| key);
    let error = refused(
        &[
            RequestGuidance::PATH,
            WithdrawGuidance::PATH,
            LogDays::PATH,
            AddPlanNote::PATH,
            SignOffPlan::PATH,
        ],
        lang,
    );
    let reference = plan.reference.clone();
    let on_a_side = match plan.side {
        Some(Side::Consultant) => true,
        Some(Side::Company) => plan.company_member,
        None => false,
    };
    let body = match plan.guidance.clone() {
        None => view! { <Ask plan=plan.clone() /> }.into_any(),
        Some(g) if g.state == GuidanceState::Requested => {
            view! { <Requested g reference=reference.clone() can_withdraw=plan.company_member /> }
                .into_any()
        }
        Some(g) => view! { <Assigned g plan=plan.clone() /> }.into_any(),
    };
    view! {
        <section class="card plan-guidance" id="guidance" aria-labelledby="plan-guidance-title">
            <h2 id="plan-guidance-title">{lang.t(Key::GuidanceTitle)}</h2>
            {flash.map(|k| view! { <div class="alert alert-success no-print" role="status">{lang.t(k)}</div> })}
            {error.map(|e| view! { <div class="alert alert-error no-print" role="alert">{e}</div> })}
            {body}
            <Versions plan=plan.clone() />
            {(on_a_side || !plan.notes.is_empty()).then(|| view! {
                <Notes notes=plan.notes.clone() reference=reference.clone() can_write=on_a_side />
            })}
        </section>
    }
}

/// No request yet: the company may ask (logged in), anyone else is told how.
#[component]
fn Ask(plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    if plan.side.is_none() {
        return view! { <p class="muted">{lang.t(Key::GuidanceNone)}</p> }.into_any();
    }
    if !plan.company_member {
        return view! { <p class="alert alert-info">{lang.t(Key::GuidanceNeedsAccount)}</p> }
            .into_any();
    }
    let kept = kept(RequestGuidance::PATH);
    let choices: Vec<(String, String)> = plan
        .consultant_choices
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    view! {
        <p>{lang.t(Key::GuidanceIntro)}</p>
        <form method="post" action=RequestGuidance::PATH class="no-print">
            <input type="hidden" name="reference" value=plan.reference.clone() />
            <SelectField name="consultant" label=Key::GuidanceFieldConsultant empty=Key::GuidanceConsultantAny options=choices selected=kept("consultant", "") />
            <TextArea name="message" label=Key::GuidanceFieldMessage value=kept("message", "").get_untracked() rows=3 hint=Key::GuidanceFieldMessageHint maxlength=super::model::MESSAGE_MAX />
            <button type="submit" class="btn btn-primary">{lang.t(Key::GuidanceRequest)}</button>
        </form>
    }
    .into_any()
}

#[component]
fn Requested(g: GuidanceView, reference: String, can_withdraw: bool) -> impl IntoView {
    let lang = use_lang();
    let line = lang.fill(
        Key::GuidanceRequestedLine,
        &[
            ("date", &format_date(g.requested_at)),
            ("who", &g.requested_by),
        ],
    );
    view! {
        <p>{line}</p>
        {g.preferred.clone().map(|name| view! { <p>{lang.fill(Key::GuidancePreferredLine, &[("name", &name)])}</p> })}
        {(!g.message.is_empty()).then(|| view! { <blockquote class="note-body">{g.message.clone()}</blockquote> })}
        <p class="hint">{lang.t(Key::GuidanceRequestedNext)}</p>
        {can_withdraw.then(|| view! {
            <form method="post" action=WithdrawGuidance::PATH class="no-print">
                <input type="hidden" name="reference" value=reference />
                <button type="submit" class="btn btn-secondary">{lang.t(Key::GuidanceWithdraw)}</button>
            </form>
        })}
    }
}

#[component]
fn Assigned(g: GuidanceView, plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    let consultant = g.consultant.clone().unwrap_or_default();
    let voucher = lang.fill(
        Key::GuidanceVoucherLine,
        &[
            ("used", &format_days(g.used_half_days, lang)),
            ("budget", &days(g.budget_half_days, lang)),
        ],
    );
    let is_consultant = plan.side == Some(Side::Consultant);
    let reference = plan.reference.clone();
    view! {
        <p>
            {lang.t(Key::GuidanceConsultantLabel)}": "
            {match g.consultant_slug.clone() {
                Some(slug) => view! { <A href=format!("/directory/{slug}")>{consultant.clone()}</A> }.into_any(),
                None => view! { <span>{consultant.clone()}</span> }.into_any(),
            }}
        </p>
        <p>{voucher}</p>
        <meter min="0" max=g.budget_half_days.max(1) value=g.used_half_days aria-label=lang.t(Key::GuidanceVoucherMeter)></meter>
        <WorkLog g=g.clone() />
        {is_consultant.then(|| view! { <LogDaysForm reference=reference.clone() /> })}
        <SignOff g plan />
    }
}

#[component]
fn WorkLog(g: GuidanceView) -> impl IntoView {
    let lang = use_lang();
    (!g.work.is_empty()).then(|| {
        view! {
            <div class="table-wrap" tabindex="0">
                <table>
                    <caption>{lang.t(Key::GuidanceWorkTitle)}</caption>
                    <thead><tr>
                        <th scope="col">{lang.t(Key::GuidanceFieldDay)}</th>
                        <th scope="col">{lang.t(Key::GuidanceFieldDays)}</th>
                        <th scope="col">{lang.t(Key::GuidanceWho)}</th>
                        <th scope="col">{lang.t(Key::GuidanceFieldNote)}</th>
                    </tr></thead>
                    <tbody>
                        {g.work.iter().map(|w| {
                            let day = crate::ui::format_day(&w.day);
                            view! {
                                <tr>
                                    <td>{day}</td>
                                    <td>{format_days(w.half_days, lang)}</td>
                                    <td>{w.who.clone()}</td>
                                    <td class="note-body">{w.note.clone()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    })
}

#[component]
fn LogDaysForm(reference: String) -> impl IntoView {
    let lang = use_lang();
    let kept = kept(LogDays::PATH);
    view! {
        <form method="post" action=LogDays::PATH class="no-print guidance-log">
            <h3>{lang.t(Key::GuidanceLogTitle)}</h3>
            <input type="hidden" name="reference" value=reference />
            <div class="plan-step-fields">
                <TextInput name="day" kind="date" label=Key::GuidanceFieldDay scope="log" value=kept("day", "") required=true />
                <TextInput name="days" label=Key::GuidanceFieldDays scope="log" value=kept("days", "") required=true hint=Key::GuidanceFieldDaysHint maxlength=5 autocomplete="off" />
            </div>
            <TextArea name="note" label=Key::GuidanceFieldNote scope="log" value=kept("note", "").get_untracked() rows=2 maxlength=super::model::NOTE_MAX />
            <button type="submit" class="btn btn-primary">{lang.t(Key::GuidanceLog)}</button>
        </form>
    }
}

/// Both sides' sign-offs on the plan as it stands, and the button for the asker's side.
#[component]
fn SignOff(g: GuidanceView, plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    let status = |by: &Option<String>| match by {
        Some(name) => lang.fill(Key::GuidanceSignedBy, &[("name", name)]),
        None => lang.t(Key::GuidanceNotSigned).to_string(),
    };
    let mine = match plan.side {
        Some(Side::Company) if plan.company_member => Some(&g.company_signed_by),
        Some(Side::Consultant) => Some(&g.consultant_signed_by),
        _ => None,
    };
    // Agreed as it stands: a version holds it, nothing to sign until it changes.
    let agreed_now = !plan.versions.is_empty() && !plan.changed_since_agreed;
    view! {
        <h3>{lang.t(Key::GuidanceSignTitle)}</h3>
        <p class="hint">{lang.t(Key::GuidanceSignIntro)}</p>
        <ul class="sign-offs">
            <li>{lang.t(Key::PlanSideCompany)}": "{status(&g.company_signed_by)}</li>
            <li>{lang.t(Key::PlanSideConsultant)}": "{status(&g.consultant_signed_by)}</li>
        </ul>
        {(!agreed_now).then(|| mine.filter(|signed| signed.is_none()).map(|_| view! {
            <form method="post" action=SignOffPlan::PATH class="no-print">
                <input type="hidden" name="reference" value=plan.reference.clone() />
                <button type="submit" class="btn btn-primary">{lang.t(Key::GuidanceSign)}</button>
            </form>
        })).flatten()}
    }
}

#[component]
fn Versions(plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    (!plan.versions.is_empty()).then(|| view! {
        <h3>{lang.t(Key::PlanVersionsTitle)}</h3>
        <ul>
            {plan.versions.iter().map(|v| {
                let line = lang.fill(Key::PlanVersionAgreed, &[("number", &v.number.to_string()), ("date", &format_date(v.agreed_at))]);
                view! { <li><A href=format!("/assessment/{}/plan/v/{}", plan.reference, v.number)>{line}</A></li> }
            }).collect_view()}
        </ul>
    })
}

#[component]
fn Notes(notes: Vec<NoteView>, reference: String, can_write: bool) -> impl IntoView {
    let lang = use_lang();
    let kept = kept(AddPlanNote::PATH);
    view! {
        <h3>{lang.t(Key::GuidanceNotesTitle)}</h3>
        {notes.is_empty().then(|| view! { <p class="muted">{lang.t(Key::GuidanceNotesEmpty)}</p> })}
        <ul class="plan-notes">
            {notes.into_iter().map(|n| view! {
                <li>
                    <p class="muted">
                        <time>{crate::time::to_local(n.at).date_nl()}" "{crate::time::to_local(n.at).time()}</time>
                        " · "{n.who}" ("{lang.t(n.side.label()).to_lowercase()}")"
                    </p>
                    <p class="note-body">{n.body}</p>
                </li>
            }).collect_view()}
        </ul>
        {can_write.then(|| view! {
            <form method="post" action=AddPlanNote::PATH class="no-print">
                <input type="hidden" name="reference" value=reference />
                <TextArea name="body" label=Key::GuidanceFieldNoteBody scope="note" value=kept("body", "").get_untracked() rows=3 maxlength=super::model::NOTE_MAX />
                <button type="submit" class="btn btn-secondary">{lang.t(Key::GuidanceAddNote)}</button>
            </form>
        })}
    }
}

/// `/assessment/:reference/plan/v/:number`: an agreed version, as signed, ready to print.
#[component]
pub fn VersionPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let reference = move || params.read().get("reference").unwrap_or_default();
    let number = move || {
        params
            .read()
            .get("number")
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let version = Resource::new(
        move || (reference(), number()),
        |(r, n)| get_plan_version(r, n),
    );
    view! {
        <Title text=lang.t(Key::PlanTitle) />
        <section class="container plan">
            <p class="breadcrumb no-print">
                <A href=move || format!("/assessment/{}/plan", reference())>{lang.t(Key::PlanVersionBack)}</A>
            </p>
            <Loaded resource=version let:v>
                <Version v />
            </Loaded>
        </section>
    }
}

#[component]
fn Version(v: VersionView) -> impl IntoView {
    let lang = use_lang();
    let title = lang.fill(
        Key::PlanVersionAgreed,
        &[
            ("number", &v.number.to_string()),
            ("date", &format_date(v.agreed_at)),
        ],
    );
    let signed = lang.fill(
        Key::PlanVersionSigned,
        &[
            ("company", &v.company_signed_by),
            ("consultant", &v.consultant_signed_by),
        ],
    );
    let none = lang.t(Key::PlanPrintNone);
    view! {
        <h1>{lang.t(Key::PlanTitle)}": "{v.company_name.clone()}</h1>
        <p class="lead">{title}</p>
        <p>{signed}</p>
        <p class="hint">{lang.t(Key::PlanVersionFrozen)}</p>
        <p class="no-print"><PrintButton label=lang.t(Key::PlanPrint).to_string() class="btn btn-secondary print-button".to_string() /></p>
        <ol class="plan-steps">
            {v.steps.iter().map(|s| {
                let date = crate::ui::format_day(&s.target_date);
                let line = lang.fill(Key::PlanPrintLine, &[
                    ("status", lang.t(s.status.label())),
                    ("horizon", lang.t(s.horizon.label())),
                    ("owner", if s.owner.is_empty() { none } else { &s.owner }),
                    ("date", if date.is_empty() { none } else { &date }),
                    ("budget", s.budget.map(|b| lang.t(b.label())).unwrap_or(none)),
                ]);
                view! {
                    <li class="card plan-step">
                        <p class="plan-step-context muted">{s.theme.get(lang).to_string()}</p>
                        <h2 class="plan-step-title">{s.title.get(lang).to_string()}</h2>
                        <p>{line}</p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// `/guidance`: the plans the consultant guides now.
#[component]
pub fn GuidedPage() -> impl IntoView {
    let lang = use_lang();
    let rows = Resource::new(|| (), |_| guided_plans());
    view! {
        <Title text=lang.t(Key::GuidedTitle) />
        <section class="container">
            <h1>{lang.t(Key::GuidedTitle)}</h1>
            <p class="lead">{lang.t(Key::GuidedIntro)}</p>
            <Loaded resource=rows let:rows>
                {if rows.is_empty() {
                    view! { <p class="empty">{lang.t(Key::GuidedEmpty)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {rows.into_iter().map(|r| {
                                let voucher = lang.fill(Key::GuidanceVoucherLine, &[
                                    ("used", &format_days(r.used_half_days, lang)),
                                    ("budget", &days(r.budget_half_days, lang)),
                                ]);
                                view! {
                                    <li class="card">
                                        <h2><A href=format!("/assessment/{}/plan", r.reference)>{r.company_name.clone()}</A></h2>
                                        <p>{lang.fill(Key::GuidedSince, &[("date", &format_date(r.assigned_at))])}</p>
                                        <p>{voucher}</p>
                                        <p>
                                            <A href=format!("/assessment/{}/results", r.reference)>{lang.t(Key::GuidedResults)}</A>
                                        </p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </Loaded>
        </section>
    }
}

/// `/staff/guidance`: requests to assign, trajectories running, vouchers and periods.
#[component]
pub fn StaffGuidancePage() -> impl IntoView {
    let lang = use_lang();
    let pipeline = Resource::new(|| (), |_| staff_guidance());
    let flash = [
        ("assigned", Key::StaffGuidanceAssigned),
        ("budget", Key::StaffGuidanceBudgetSaved),
        ("ended", Key::StaffGuidanceEnded),
        ("period", Key::StaffGuidancePeriodSaved),
    ]
    .into_iter()
    .find(|(name, _)| !query_value(name).get_untracked().is_empty())
    .map(|(_, key)| key);
    view! {
        <StaffPage title=Key::StaffGuidanceTitle intro=Key::StaffGuidanceIntro>
            {flash.map(|k| view! { <div class="alert alert-success" role="status">{lang.t(k)}</div> })}
            <Loaded resource=pipeline let:p>
                <super::guidance_staff::Pipeline p />
            </Loaded>
        </StaffPage>
    }
}
