//! The staff's list of every assessment.

use super::api::*;
use crate::i18n::{use_lang, Key};
use crate::ui::StaffPage;
use crate::ui::{ListPosition, PagedTable};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// Staff: every assessment, fifty at a time, to continue one they fill in with a company or to look one up.
#[component]
pub fn StaffAssessmentsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let position = Memo::new(move |_| ListPosition::from_query(&query.read()));
    let list = Resource::new(move || position.get(), staff_assessments);
    view! {
        <StaffPage title=Key::StaffAssessmentsTitle intro=Key::StaffAssessmentsIntro>
            <p><A href="/assessment" attr:class="btn btn-primary">{lang.t(Key::StaffAssessmentsStart)}</A></p>
            <PagedTable resource=list empty=Key::StaffAssessmentsEmpty base="/staff/assessments"
                headings=vec![Key::FieldCompanyName, Key::StaffAssessmentsVariant, Key::StaffRequestsDate, Key::ProfileStatusLabel]
                row=move |a| {
                    let status = if a.finalised { Key::StatusFinal } else { Key::StatusDraft };
                    view! {
                        <tr>
                            <th scope="row"><A href=format!("/assessment/{}", a.reference)>{a.company_name.clone()}</A></th>
                            <td>{lang.t(a.variant.label())}</td>
                            <td>{crate::ui::format_date(a.created_at)}</td>
                            <td>{lang.t(status)}</td>
                        </tr>
                    }
                } />
        </StaffPage>
    }
}
