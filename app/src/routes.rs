//! Which page code a visitor downloads. The first WASM module holds the shell (router, header,
//! footer, translations) and the home page; every other page belongs to a group (public pages,
//! the assessment itself, member pages, staff workspace) whose code is loaded the first time
//! one of its pages is shown.
//!
//! The release build runs `cargo leptos build --split`. Each group's `#[lazy]` function is a
//! split point: what only that group reaches goes into its own chunk, which the browser fetches
//! when a page of the group is shown (during hydration for a page the server rendered; the
//! server announces the chunk with `<link rel=preload>`). Code that groups share sits in shared
//! chunks, code the shell needs stays in the first module. So a visitor of the directory
//! downloads the shell and the public pages, never the staff workspace or the questionnaire.
//! Groups rather than one split point per page: wasm-split makes a chunk for every combination
//! of split points that shares code, and one split point per page came to some 770 files, up
//! to 180 of them for a single page.
//!
//! The pages themselves are unchanged: each still reads its route, session and data itself.
//! Without `--split` (debug builds, the server) the lazy functions are ordinary ones.

use leptos::prelude::*;
use leptos_router::LazyRoute;

/// Declares a group: an enum naming its pages, one `#[lazy]` function that renders any of them
/// (the split point; `#[lazy]` also makes `__preload_<function>`, named here because a macro
/// cannot build the name), and a lazily loaded route per page for the router.
macro_rules! page_group {
    ($group:ident, $render:ident, $preload:ident, { $($route:ident => $page:path),* $(,)? }) => {
        // Variants are named after the routes (`StaffDashboard`, …), which share prefixes.
        #[allow(clippy::enum_variant_names)]
        #[derive(Clone, Copy)]
        enum $group {
            $($route),*
        }

        #[leptos::lazy]
        fn $render(page: $group) -> AnyView {
            match page {
                $($group::$route => untrack($page).into_any()),*
            }
        }

        $(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $render($group::$route).await
                }

                // Fetches the group's chunk before the router renders (and, on the first
                // page, hydrates) the view, so the view is ready at once; without it the
                // router would hydrate before the page's code had arrived.
                async fn preload() {
                    #[cfg(feature = "hydrate")]
                    $preload().await;
                }
            }
        )*
    };
}

use crate::accounts::pages as accounts;
use crate::analytics::pages as analytics;
use crate::assessment::pages as assessment;
use crate::contact::pages as contact;
use crate::events::pages as events;
use crate::providers::pages as providers;
use crate::staff::pages as staff;

// The home page is in the first module; every other page is in one of these four groups.
// Keep it at four or fewer: cargo-leptos 0.3.8 renames the chunks when it hashes them by
// plain text replacement, and wasm-split numbers its shared chunks from the number of split
// points on (here `chunk_5` to at most `chunk_15`). With seven groups the numbers reached 80
// and `chunk_8` was replaced inside `chunk_80`, breaking a group in the browser;
// `scripts/test.sh` checks the manifest for exactly this.

page_group!(PublicGroup, public_pages, __preload_public_pages, {
    Login => accounts::LoginPage,
    Register => accounts::RegisterPage,
    CheckEmail => accounts::CheckEmailPage,
    VerifyEmail => accounts::VerifyEmailPage,
    ForgotPassword => accounts::ForgotPasswordPage,
    ResetPassword => accounts::ResetPasswordPage,
    Directory => providers::DirectoryPage,
    PublicProfile => providers::PublicProfilePage,
    Agenda => events::AgendaPage,
    EventDetail => events::EventDetailPage,
    SignUpConfirm => events::EventConfirmPage,
    SignUpCancel => events::EventCancelPage,
    AssessmentStart => assessment::AssessmentHome,
});

page_group!(AssessmentGroup, assessment_pages, __preload_assessment_pages, {
    AssessmentOverview => assessment::OverviewPage,
    AssessmentTransition => assessment::TransitionPage,
    AssessmentResults => assessment::ResultsPage,
    Matches => contact::MatchesPage,
    Contact => contact::ContactPage,
});

page_group!(MemberGroup, member_pages, __preload_member_pages, {
    Account => accounts::AccountPage,
    Invite => accounts::InvitePage,
    ProfileEdit => providers::ProfileEditPage,
    ProfileInbox => contact::InboxPage,
});

page_group!(StaffGroup, staff_pages, __preload_staff_pages, {
    StaffDashboard => analytics::DashboardPage,
    StaffFigures => analytics::FiguresPage,
    StaffCompanies => staff::CompaniesPage,
    StaffCompany => staff::CompanyPage,
    StaffUsers => staff::UsersPage,
    StaffAudit => staff::AuditPage,
    StaffQuestionnaires => staff::QuestionnairesPage,
    StaffQuestionnaireEdit => staff::QuestionnaireEditPage,
    StaffExports => staff::ExportsPage,
    StaffOutbox => staff::OutboxPage,
    StaffProfiles => providers::ReviewListPage,
    StaffProfileReview => providers::ReviewPage,
    StaffRequests => contact::StaffRequestsPage,
    StaffAssessments => assessment::StaffAssessmentsPage,
    StaffEvents => events::StaffEventsPage,
    StaffEvent => events::StaffEventPage,
    StaffEventEdit => events::StaffEventEditPage,
    StaffCheckIn => events::CheckInPage,
});
