//! The staff's own menu and the frame of a staff page, shared by every domain's staff pages.

use crate::i18n::{use_lang, Key};
use leptos::prelude::*;
use leptos_router::components::A;

/// The staff's own menu, on top of every staff page.
#[component]
pub fn StaffNav() -> impl IntoView {
    let lang = use_lang();
    let auth = crate::shell::use_auth();
    view! {
        <nav class="sub-nav no-print" aria-label=lang.t(Key::NavStaff)>
            <A href="/staff/dashboard">{lang.t(Key::DashboardTitle)}</A>
            <A href="/staff/figures">{lang.t(Key::FiguresTitle)}</A>
            <A href="/staff/companies">{lang.t(Key::CompaniesTitle)}</A>
            <A href="/staff/assessments">{lang.t(Key::StaffAssessmentsTitle)}</A>
            <A href="/staff/plans">{lang.t(Key::StaffPlansTitle)}</A>
            <A href="/staff/guidance">{lang.t(Key::StaffGuidanceTitle)}</A>
            <A href="/staff/events">{lang.t(Key::StaffEventsTitle)}</A>
            <A href="/staff/practices">{lang.t(Key::StaffPracticesTitle)}</A>
            <A href="/staff/profiles">{lang.t(Key::ReviewTitle)}</A>
            <A href="/staff/requests">{lang.t(Key::StaffRequestsTitle)}</A>
            <A href="/staff/questionnaires">{lang.t(Key::QuestionnairesTitle)}</A>
            <A href="/staff/users">{lang.t(Key::UsersTitle)}</A>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    matches!(auth.user.await, Ok(Some(u)) if u.role.is_admin()).then(|| view! { <A href="/staff/audit">{lang.t(Key::AuditTitle)}</A> })
                })}
            </Suspense>
            <A href="/staff/outbox">{lang.t(Key::OutboxTitle)}</A>
            <A href="/staff/exports">{lang.t(Key::ExportsTitle)}</A>
        </nav>
    }
}

/// The frame of a staff page: the browser-tab title, the staff menu, the page's heading and
/// its lead, then the page. `<StaffPage title=Key::CompaniesTitle intro=Key::CompaniesIntro>`.
#[component]
pub fn StaffPage(
    title: Key,
    #[prop(optional)] intro: Option<Key>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <leptos_meta::Title text=lang.t(title) />
        <section class="container">
            <StaffNav />
            <h1>{lang.t(title)}</h1>
            {intro.map(|k| view! { <p class="lead">{lang.t(k)}</p> })}
            {children()}
        </section>
    }
}
