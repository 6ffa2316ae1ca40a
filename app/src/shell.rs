//! The HTML document, the router and the frame around every page (header, footer, 404).

use crate::accounts::api::{get_current_user, Login, Logout};
use crate::accounts::model::{CurrentUser, Role};
use crate::error::AppError;
use crate::home::HomePage;
use crate::i18n::{use_lang, Key, Lang};
use crate::routes as page;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    hooks::use_location,
    path, SsrMode, StaticSegment,
};

/// The site's icon (`public/favicon.svg`): every page links it and the offline copy keeps it.
pub const FAVICON: &str = "/favicon.svg";

/// Between a page's own title and the site's name in the browser's title.
pub const TITLE_SEPARATOR: &str = " · ";

/// A page's title in the browser: its own, then the site's name (the runner retitles the
/// page in the browser with it too).
pub fn page_title(page: &str, site: &str) -> String {
    format!("{page}{TITLE_SEPARATOR}{site}")
}

/// The document the server sends; the browser hydrates `<body>`.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    #[cfg(feature = "ssr")]
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // The build's hashed stylesheet name (plain `sih.css` without hashing).
                <HashedStylesheet options=options.clone() id="leptos" />
                // The islands' module, fetched only on pages that have an island.
                <crate::ui::IslandScripts options />
                <SpeculationRules />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Fetches the page behind a link the visitor rests the pointer on (or starts to press, or
/// focuses and is about to follow), so it is there when they click: the next page appears at
/// once without the pages shipping any code. Chromium's Speculation Rules; it skips them by
/// itself under data-saver and energy-saver settings. Only prefetching, never prerendering
/// (which would run a page's effects before it is visited), and never for: downloads and
/// exports (a prefetch would build an export nobody asked for), the links in e-mails that
/// act on a GET, and the questionnaire's own pages, whose content depends on the answer that
/// may still be on its way while the pointer rests on the link. Browsers without Speculation
/// Rules navigate as usual: a `<link rel=prefetch>` for "the next page" would have to be
/// guessed per page and, kept for minutes, would show the questionnaire as it was before the
/// latest answers.
const SPECULATION_RULES: &str = r#"{"prefetch":[{"source":"document","eagerness":"moderate","where":{"and":[{"href_matches":"/*"},{"not":{"href_matches":["/staff/exports/*","/*.csv","/*.csv?*","/*.xlsx","/*.xlsx?*","/*.json","/*.json?*","/staff/questionnaires/files/*","/verify-email*","/reset-password*","/signup/*","/invite/*","/plan/reminders-off*","/assessment/*/t/*"]}},{"not":{"selector_matches":"[download], [rel~=nofollow], [target=_blank]"}}]}}]}"#;

#[component]
fn SpeculationRules() -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    view! { <script type="speculationrules" nonce=nonce>{SPECULATION_RULES}</script> }
}

/// The page's Content-Security-Policy: scripts only from our origin and the hydration script
/// that carries this response's nonce; the WASM may be compiled; no plugins, no framing, forms
/// post only to us. Inline `style` attributes are allowed (charts and progress bars size
/// themselves with them); inline script is not.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    use http::{header, HeaderValue};
    let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The page language: on the server from the request's cookie.
fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        crate::i18n::request_lang()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Lang::default()
    }
}

/// Who is logged in, shared by the header and the pages (read once per page: every log-in and
/// log-out is a plain post followed by a new page).
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = request_lang();
    provide_context(lang);
    let login = ServerAction::<Login>::new();
    let logout = ServerAction::<Logout>::new();
    let user = Resource::new(|| (), |_| get_current_user());
    provide_context(Auth {
        user,
        login,
        logout,
    });

    view! {
        <Link rel="icon" type_="image/svg+xml" href=FAVICON />
        <Meta name="description" content=lang.t(Key::MetaDescription) />
        <Title formatter=move |text: String| page_title(&text, lang.t(Key::AppName)) />
        // Every route renders completely on the server before it is sent (SsrMode::Async), so
        // pages with data (header, account, results) work without JavaScript: streamed
        // out-of-order content would need a script to be put in place.
        <Router>
            <a class="skip-link" href="#main">{lang.t(Key::SkipToContent)}</a>
            <Header />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=page::Login ssr=SsrMode::Async />
                    <Route path=path!("/register") view=page::Register ssr=SsrMode::Async />
                    <Route path=path!("/check-email") view=page::CheckEmail ssr=SsrMode::Async />
                    <Route path=path!("/verify-email") view=page::VerifyEmail ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view=page::ForgotPassword ssr=SsrMode::Async />
                    <Route path=path!("/reset-password") view=page::ResetPassword ssr=SsrMode::Async />
                    <Route path=path!("/account") view=page::Account ssr=SsrMode::Async />
                    <Route path=path!("/invite/:token") view=page::Invite ssr=SsrMode::Async />
                    <Route path=path!("/staff/outbox") view=page::StaffOutbox ssr=SsrMode::Async />
                    <Route path=path!("/staff/dashboard") view=page::StaffDashboard ssr=SsrMode::Async />
                    <Route path=path!("/staff/figures") view=page::StaffFigures ssr=SsrMode::Async />
                    <Route path=path!("/staff/companies") view=page::StaffCompanies ssr=SsrMode::Async />
                    <Route path=path!("/staff/companies/:id") view=page::StaffCompany ssr=SsrMode::Async />
                    <Route path=path!("/staff/users") view=page::StaffUsers ssr=SsrMode::Async />
                    <Route path=path!("/staff/audit") view=page::StaffAudit ssr=SsrMode::Async />
                    <Route path=path!("/staff/questionnaires") view=page::StaffQuestionnaires ssr=SsrMode::Async />
                    <Route path=path!("/staff/questionnaires/import") view=page::StaffQuestionnaireImport ssr=SsrMode::Async />
                    <Route path=path!("/staff/questionnaires/:variant") view=page::StaffQuestionnaireEdit ssr=SsrMode::Async />
                    <Route path=path!("/staff/questionnaires/:variant/steps") view=page::StaffStepTemplates ssr=SsrMode::Async />
                    <Route path=path!("/staff/questionnaires/:variant/steps/:item") view=page::StaffStepTemplate ssr=SsrMode::Async />
                    <Route path=path!("/staff/exports") view=page::StaffExports ssr=SsrMode::Async />
                    <Route path=path!("/assessment") view=page::AssessmentStart ssr=SsrMode::Async />
                    <Route path=path!("/assessment/:reference") view=page::AssessmentOverview ssr=SsrMode::Async />
                    <Route path=path!("/assessment/:reference/t/:transition") view=page::AssessmentTransition ssr=SsrMode::Async />
                    <Route path=path!("/assessment/:reference/results") view=page::AssessmentResults ssr=SsrMode::Async />
                    <Route path=path!("/assessment/:reference/plan") view=page::Plan ssr=SsrMode::Async />
                    <Route path=path!("/assessment/:reference/plan/v/:number") view=page::PlanVersion ssr=SsrMode::Async />
                    <Route path=path!("/guidance") view=page::Guided ssr=SsrMode::Async />
                    <Route path=path!("/plan/reminders-off") view=page::PlanRemindersOff ssr=SsrMode::Async />
                    <Route path=path!("/assessment/:reference/matches") view=page::Matches ssr=SsrMode::Async />
                    <Route path=path!("/assessment/:reference/contact/:slug") view=page::Contact ssr=SsrMode::Async />
                    <Route path=path!("/profile") view=page::ProfileEdit ssr=SsrMode::Async />
                    <Route path=path!("/profile/requests") view=page::ProfileInbox ssr=SsrMode::Async />
                    <Route path=path!("/directory") view=page::Directory ssr=SsrMode::Async />
                    <Route path=path!("/directory/:slug") view=page::PublicProfile ssr=SsrMode::Async />
                    <Route path=path!("/staff/profiles") view=page::StaffProfiles ssr=SsrMode::Async />
                    <Route path=path!("/staff/profiles/:id") view=page::StaffProfileReview ssr=SsrMode::Async />
                    <Route path=path!("/staff/requests") view=page::StaffRequests ssr=SsrMode::Async />
                    <Route path=path!("/staff/assessments") view=page::StaffAssessments ssr=SsrMode::Async />
                    <Route path=path!("/staff/plans") view=page::StaffPlans ssr=SsrMode::Async />
                    <Route path=path!("/staff/guidance") view=page::StaffGuidance ssr=SsrMode::Async />
                    <Route path=path!("/practices") view=page::Practices ssr=SsrMode::Async />
                    <Route path=path!("/practices/:slug") view=page::Practice ssr=SsrMode::Async />
                    <Route path=path!("/staff/practices") view=page::StaffPractices ssr=SsrMode::Async />
                    <Route path=path!("/staff/practices/new") view=page::StaffPracticeEdit ssr=SsrMode::Async />
                    <Route path=path!("/staff/practices/:id/edit") view=page::StaffPracticeEdit ssr=SsrMode::Async />
                    <Route path=path!("/events") view=page::Agenda ssr=SsrMode::Async />
                    <Route path=path!("/events/:slug") view=page::EventDetail ssr=SsrMode::Async />
                    <Route path=path!("/signup/confirm") view=page::SignUpConfirm ssr=SsrMode::Async />
                    <Route path=path!("/signup/cancel") view=page::SignUpCancel ssr=SsrMode::Async />
                    <Route path=path!("/staff/events") view=page::StaffEvents ssr=SsrMode::Async />
                    <Route path=path!("/staff/new-event") view=page::StaffEventEdit ssr=SsrMode::Async />
                    <Route path=path!("/staff/events/:id") view=page::StaffEvent ssr=SsrMode::Async />
                    <Route path=path!("/staff/events/:id/edit") view=page::StaffEventEdit ssr=SsrMode::Async />
                    <Route path=path!("/staff/events/:id/check-in") view=page::StaffCheckIn ssr=SsrMode::Async />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let lang = use_lang();
    let auth = use_auth();
    let location = use_location();
    let next = move || {
        let path = location.pathname.get();
        let query = location.search.get();
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    };
    view! {
        <header class="site-header">
            <div class="container header-row">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"SIH"</span>
                    <span class="brand-name">{lang.t(Key::AppName)}</span>
                </A>
                <nav aria-label=lang.t(Key::NavMain) class="main-nav">
                    <A href="/" exact=true>{lang.t(Key::NavHome)}</A>
                    <A href="/assessment">{lang.t(Key::NavAssessment)}</A>
                    <A href="/directory">{lang.t(Key::NavDirectory)}</A>
                    <A href="/events">{lang.t(Key::NavEvents)}</A>
                    // Staff reach the cases from their own navigation; their header has no room
                    // for a fifth link at 1280 px.
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            let staff = matches!(auth.user.await, Ok(Some(u)) if u.role.is_staff());
                            (!staff).then(|| view! { <A href="/practices">{lang.t(Key::NavPractices)}</A> })
                        })}
                    </Transition>
                </nav>
                <div class="header-tools">
                    <form method="post" action="/lang" class="lang-switch">
                        <input type="hidden" name="lang" value=lang.other().code() />
                        <input type="hidden" name="next" value=next />
                        <button
                            type="submit"
                            class="btn btn-link"
                            lang=lang.other().code()
                            aria-label=lang.t(Key::LangSwitchLabel)
                        >
                            {lang.t(Key::LangSwitchTo)}
                        </button>
                    </form>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            match auth.user.await {
                                Ok(Some(user)) => view! { <AccountMenu user /> }.into_any(),
                                _ => view! { <GuestMenu /> }.into_any(),
                            }
                        })}
                    </Transition>
                </div>
            </div>
        </header>
    }
}

#[component]
fn GuestMenu() -> impl IntoView {
    let lang = use_lang();
    view! {
        <nav class="account-nav" aria-label=lang.t(Key::NavAccount)>
            <A href="/login">{lang.t(Key::NavLogin)}</A>
            <A href="/register" attr:class="btn btn-primary btn-small">
                {lang.t(Key::NavRegister)}
            </A>
        </nav>
    }
}

#[component]
fn AccountMenu(user: CurrentUser) -> impl IntoView {
    let lang = use_lang();
    let auth = use_auth();
    let is_staff = user.role.is_staff();
    let has_profile = matches!(user.role, Role::ProviderMember | Role::Consultant);
    view! {
        <nav class="account-nav" aria-label=lang.t(Key::NavAccount)>
            {is_staff.then(|| view! { <A href="/staff/dashboard">{lang.t(Key::NavStaff)}</A> })}
            {has_profile.then(|| view! { <A href="/profile">{lang.t(Key::NavProfile)}</A> })}
            {(user.role == Role::Consultant).then(|| view! { <A href="/guidance">{lang.t(Key::NavGuided)}</A> })}
            <A href="/account">
                <span class="account-name">{user.name.clone()}</span>
            </A>
            <ActionForm action=auth.logout attr:class="inline-form">
                <button type="submit" class="btn btn-secondary btn-small">
                    {lang.t(Key::NavLogout)}
                </button>
            </ActionForm>
        </nav>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let lang = use_lang();
    view! {
        <footer class="site-footer">
            <div class="container footer-row">
                <p>{lang.t(Key::FooterAbout)}</p>
                <p class="muted">{lang.t(Key::FooterProvinces)}</p>
            </div>
        </footer>
    }
}

/// Shown for every unknown address, with HTTP status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    let lang = use_lang();
    view! {
        <Title text=lang.t(Key::NotFoundTitle) />
        <section class="container narrow page-message">
            <h1>{lang.t(Key::NotFoundTitle)}</h1>
            <p>{lang.t(Key::NotFoundText)}</p>
            <A href="/" attr:class="btn btn-primary">{lang.t(Key::BackHome)}</A>
        </section>
    }
}

#[cfg(test)]
mod tests {
    /// The rules are JSON the browser can read (it ignores a malformed script silently), and
    /// keep exports and e-mail links out.
    #[test]
    fn speculation_rules_are_json_that_leaves_downloads_alone() {
        let rules: serde_json::Value = serde_json::from_str(super::SPECULATION_RULES).unwrap();
        let prefetch = &rules["prefetch"][0];
        assert_eq!(prefetch["eagerness"], "moderate");
        assert!(rules.get("prerender").is_none());
        let text = rules.to_string();
        for excluded in [
            "/staff/exports/*",
            "/signup/*",
            "/assessment/*/t/*",
            "[download]",
        ] {
            assert!(text.contains(excluded), "{excluded}");
        }
    }
}
