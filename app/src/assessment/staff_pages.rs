//! The staff's list of every assessment.

use super::api::*;
use crate::i18n::{use_lang, Key};
use crate::ui::LoadedTable;
use crate::ui::StaffPage;
use leptos::prelude::*;
use leptos_router::components::A;

/// Staff: every assessment, to continue one they fill in with a company or to look one up.
#[component]
pub fn StaffAssessmentsPage() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| staff_assessments());
    view! {
        <StaffPage title=Key::StaffAssessmentsTitle intro=Key::StaffAssessmentsIntro>
            <p><A href="/assessment" attr:class="btn btn-primary">{lang.t(Key::StaffAssessmentsStart)}</A></p>
            <LoadedTable resource=list empty=Key::StaffAssessmentsEmpty
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
