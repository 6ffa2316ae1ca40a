//! The staff's list of plans: state, steps done, last change, and the stalled ones first to
//! see (`?stalled=1`), fifty to a page (`&page=2`).

use super::api::staff_plans;
use super::model::STALLED_DAYS;
use super::view::PlanRow;
use crate::i18n::{use_lang, Key};
use crate::ui::StaffPage;
use crate::ui::{format_date, query_value, Loaded, Pager};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn StaffPlansPage() -> impl IntoView {
    let lang = use_lang();
    let only_stalled = !query_value("stalled").get_untracked().is_empty();
    let page = query_value("page").get_untracked().parse().unwrap_or(1);
    let list = Resource::new(
        move || (),
        move |_| staff_plans(Some(only_stalled), Some(page)),
    );
    view! {
        <StaffPage title=Key::StaffPlansTitle>
            <p class="lead">{lang.fill(Key::StaffPlansIntro, &[("days", &STALLED_DAYS.to_string())])}</p>
            <p>
                {if only_stalled {
                    view! { <A href="/staff/plans">{lang.t(Key::StaffPlansAll)}</A> }.into_any()
                } else {
                    view! { <A href="/staff/plans?stalled=1">{lang.t(Key::StaffPlansOnlyStalled)}</A> }.into_any()
                }}
            </p>
            <Loaded resource=list let:list>
                <p>{lang.count(if only_stalled { Key::StaffPlansStalledCount } else { Key::StaffPlansCount }, list.total as i64, &[])}</p>
                <PlanTable rows=list.rows />
                <Pager page=list.page pages=list.pages href=move |n| plans_href(only_stalled, n) />
            </Loaded>
        </StaffPage>
    }
}

/// The address of page `page` of the list.
fn plans_href(only_stalled: bool, page: u32) -> String {
    match (only_stalled, page) {
        (false, 1) => "/staff/plans".into(),
        (false, n) => format!("/staff/plans?page={n}"),
        (true, 1) => "/staff/plans?stalled=1".into(),
        (true, n) => format!("/staff/plans?stalled=1&page={n}"),
    }
}

#[component]
fn PlanTable(rows: Vec<PlanRow>) -> impl IntoView {
    let lang = use_lang();
    if rows.is_empty() {
        return view! { <p class="empty">{lang.t(Key::StaffPlansEmpty)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap" tabindex="0">
            <table>
                <caption>{lang.t(Key::StaffPlansTitle)}</caption>
                <thead><tr>
                    <th scope="col">{lang.t(Key::FieldCompanyName)}</th>
                    <th scope="col">{lang.t(Key::StaffAssessmentsVariant)}</th>
                    <th scope="col">{lang.t(Key::StaffPlansState)}</th>
                    <th scope="col">{lang.t(Key::StaffPlansSteps)}</th>
                    <th scope="col">{lang.t(Key::StaffPlansDrafted)}</th>
                    <th scope="col">{lang.t(Key::StaffPlansChanged)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let steps = lang.fill(Key::StaffPlansStepsDone, &[("done", &r.done.to_string()), ("steps", &r.steps.to_string())]);
                        view! {
                            <tr>
                                <th scope="row"><A href=format!("/assessment/{}/plan", r.reference)>{r.company_name.clone()}</A></th>
                                <td>{lang.t(r.variant.label())}</td>
                                <td>
                                    {lang.t(r.state.label())}
                                    {r.stalled.then(|| view! { " "<span class="badge">{lang.t(Key::StaffPlansStalled)}</span> })}
                                </td>
                                <td>{steps}</td>
                                <td>{format_date(r.drafted_at)}</td>
                                <td>{format_date(r.changed_at)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
