//! The staff's guidance pipeline: every request with what can be done with it (assign a
//! consultant and voucher, approve more days, end), voucher days per consultant and per
//! period, and the programme periods with their default voucher.

use super::guidance_api::*;
use super::guidance_pages::days;
use super::model::GuidanceState;
use super::view::{GuidancePipeline, GuidanceRow, VoucherTotal};
use super::voucher::format_days;
use crate::i18n::{use_lang, Key};
use crate::ui::{format_date, query_value, url_error, SelectField, TextInput};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

/// A refused post of one row's form: its message and what was typed, at that row.
fn kept_for_row(id: i64, path: &str) -> Option<impl Fn(&'static str) -> String> {
    let mine = query_value("form").get_untracked() == path
        && query_value("scope").get_untracked() == format!("g-{id}");
    mine.then_some(|name: &'static str| query_value(name).get_untracked())
}

#[component]
pub fn Pipeline(p: GuidancePipeline) -> impl IntoView {
    let lang = use_lang();
    let top_error = (query_value("form").get_untracked() == EndGuidance::PATH)
        .then(|| url_error(lang))
        .flatten();
    let consultants: Vec<(String, String)> = p
        .consultants
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    let default_days = format_days(p.default_half_days, lang);
    view! {
        {top_error.map(|e| view! { <div class="alert alert-error" role="alert">{e}</div> })}
        {p.rows.is_empty().then(|| view! { <p class="empty">{lang.t(Key::StaffGuidanceEmpty)}</p> })}
        <ul class="card-list guidance-pipeline">
            {p.rows.into_iter().map(|r| view! {
                <Row r consultants=consultants.clone() default_days=default_days.clone() />
            }).collect_view()}
        </ul>
        <Totals title=Key::StaffGuidancePerConsultant totals=p.per_consultant />
        <Totals title=Key::StaffGuidancePerPeriod totals=p.per_period />
        <Periods p=p.periods default_days />
    }
}

#[component]
fn Row(r: GuidanceRow, consultants: Vec<(String, String)>, default_days: String) -> impl IntoView {
    let lang = use_lang();
    let id = r.id;
    let scope = format!("g-{id}");
    let assign_kept = kept_for_row(id, AssignGuidance::PATH);
    let budget_kept = kept_for_row(id, SetVoucherBudget::PATH);
    let error = (assign_kept.is_some() || budget_kept.is_some())
        .then(|| url_error(lang))
        .flatten();
    let consultant_now = assign_kept
        .as_ref()
        .map(|k| k("consultant"))
        .unwrap_or_default();
    let assign_days = assign_kept.as_ref().map_or(default_days, |k| k("days"));
    let budget_days = budget_kept
        .as_ref()
        .map_or_else(|| format_days(r.budget_half_days, lang), |k| k("days"));
    let requested = lang.fill(
        Key::GuidanceRequestedLine,
        &[
            ("date", &format_date(r.requested_at)),
            ("who", &r.requested_by),
        ],
    );
    let open = r.state != GuidanceState::Ended;
    let assigned = r.state == GuidanceState::Assigned;
    view! {
        <li class="card" id=scope.clone()>
            <h2>
                <A href=format!("/assessment/{}/plan", r.reference)>{r.company_name.clone()}</A>
                " "<span class="badge">{lang.t(r.state.label())}</span>
            </h2>
            {error.map(|e| view! { <div class="alert alert-error" role="alert">{e}</div> })}
            <p>{requested}</p>
            {r.preferred.clone().map(|name| view! { <p>{lang.fill(Key::GuidancePreferredLine, &[("name", &name)])}</p> })}
            {(!r.message.is_empty()).then(|| view! { <blockquote class="note-body">{r.message.clone()}</blockquote> })}
            {r.consultant.clone().map(|c| {
                let voucher = lang.fill(Key::GuidanceVoucherLine, &[
                    ("used", &format_days(r.used_half_days, lang)),
                    ("budget", &days(r.budget_half_days, lang)),
                ]);
                view! {
                    <p>{lang.t(Key::GuidanceConsultantLabel)}": "{c}" · "{voucher}
                        {(!r.period.is_empty()).then(|| format!(" · {}", r.period))}
                    </p>
                }
            })}
            {(r.versions > 0).then(|| view! { <p>{lang.fill(Key::StaffGuidanceVersions, &[("number", &r.versions.to_string())])}</p> })}
            {open.then(|| view! {
                <form method="post" action=AssignGuidance::PATH class="inline-fields">
                    <input type="hidden" name="guidance" value=id.to_string() />
                    <SelectField name="consultant" label=Key::GuidanceFieldConsultant scope=scope.clone()
                        empty=Key::ChooseOne options=consultants selected=Signal::stored(consultant_now) required=true />
                    <TextInput name="days" label=Key::StaffGuidanceVoucherDays scope=scope.clone()
                        value=Signal::stored(assign_days) hint=Key::GuidanceFieldDaysHint maxlength=5 autocomplete="off" />
                    <button type="submit" class="btn btn-primary">
                        {lang.t(if assigned { Key::StaffGuidanceReassign } else { Key::StaffGuidanceAssign })}
                    </button>
                </form>
            })}
            {assigned.then(|| view! {
                <form method="post" action=SetVoucherBudget::PATH class="inline-fields">
                    <input type="hidden" name="guidance" value=id.to_string() />
                    <TextInput name="days" label=Key::StaffGuidanceBudget scope=format!("{scope}-budget")
                        value=Signal::stored(budget_days) hint=Key::StaffGuidanceBudgetHint maxlength=5 autocomplete="off" />
                    <button type="submit" class="btn btn-secondary">{lang.t(Key::StaffGuidanceBudgetSave)}</button>
                </form>
            })}
            {open.then(|| view! {
                <form method="post" action=EndGuidance::PATH>
                    <input type="hidden" name="guidance" value=id.to_string() />
                    <button type="submit" class="btn btn-danger btn-small">{lang.t(Key::StaffGuidanceEnd)}</button>
                </form>
            })}
        </li>
    }
}

#[component]
fn Totals(title: Key, totals: Vec<VoucherTotal>) -> impl IntoView {
    let lang = use_lang();
    (!totals.is_empty()).then(|| {
        view! {
            <div class="table-wrap" tabindex="0">
                <table>
                    <caption>{lang.t(title)}</caption>
                    <thead><tr>
                        <th scope="col">{lang.t(Key::StaffGuidanceName)}</th>
                        <th scope="col">{lang.t(Key::StaffGuidanceTrajectories)}</th>
                        <th scope="col">{lang.t(Key::StaffGuidanceDaysUsed)}</th>
                        <th scope="col">{lang.t(Key::StaffGuidanceDaysBudget)}</th>
                    </tr></thead>
                    <tbody>
                        {totals.into_iter().map(|t| view! {
                            <tr>
                                <th scope="row">{t.name}</th>
                                <td>{t.trajectories}</td>
                                <td>{format_days(t.used_half_days, lang)}</td>
                                <td>{format_days(t.budget_half_days, lang)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    })
}

#[component]
fn Periods(p: Vec<super::view::PeriodView>, default_days: String) -> impl IntoView {
    let lang = use_lang();
    let mine = query_value("form").get_untracked() == SaveVoucherPeriod::PATH;
    let error = mine.then(|| url_error(lang)).flatten();
    let kept = move |name: &'static str, default: &str| {
        Signal::stored(if mine {
            query_value(name).get_untracked()
        } else {
            default.to_string()
        })
    };
    view! {
        <section class="card" id="periods" aria-labelledby="periods-title">
            <h2 id="periods-title">{lang.t(Key::StaffGuidancePeriodsTitle)}</h2>
            <p class="hint">{lang.t(Key::StaffGuidancePeriodsIntro)}</p>
            <ul>
                {p.into_iter().map(|period| {
                    let line = lang.fill(Key::StaffGuidancePeriodLine, &[
                        ("name", &period.name),
                        ("from", &period.starts_on),
                        ("to", &period.ends_on),
                        ("days", &days(period.default_half_days, lang)),
                    ]);
                    view! { <li>{line}</li> }
                }).collect_view()}
            </ul>
            {error.map(|e| view! { <div class="alert alert-error" role="alert">{e}</div> })}
            <form method="post" action=SaveVoucherPeriod::PATH>
                <div class="plan-step-fields">
                    <TextInput name="name" label=Key::StaffGuidancePeriodName scope="period" value=kept("name", "") required=true maxlength=60 />
                    <TextInput name="starts_on" kind="date" label=Key::StaffGuidancePeriodStart scope="period" value=kept("starts_on", "") required=true />
                    <TextInput name="ends_on" kind="date" label=Key::StaffGuidancePeriodEnd scope="period" value=kept("ends_on", "") required=true />
                    <TextInput name="days" label=Key::StaffGuidanceVoucherDays scope="period" value=kept("days", &default_days) required=true maxlength=5 autocomplete="off" />
                </div>
                <button type="submit" class="btn btn-primary">{lang.t(Key::StaffGuidancePeriodSave)}</button>
            </form>
        </section>
    }
}
