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
    path, Lazy, SsrMode, StaticSegment,
};

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
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
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

/// The page language: on the server from the request's cookie, in the browser from `<html lang>`
/// which the server wrote from that same cookie, so both sides render the same text.
fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        crate::i18n::request_lang()
    }
    #[cfg(not(feature = "ssr"))]
    {
        #[cfg(feature = "hydrate")]
        {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .and_then(|e| e.get_attribute("lang"))
                .map(|code| Lang::from_code(&code))
                .unwrap_or_default()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            Lang::default()
        }
    }
}

/// Who is logged in, shared by the header and the pages; refetched after log-in and log-out.
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
    let user = Resource::new(
        move || (login.version().get(), logout.version().get()),
        |_| get_current_user(),
    );
    provide_context(Auth {
        user,
        login,
        logout,
    });

    view! {
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
        <Meta name="description" content=lang.t(Key::MetaDescription) />
        <Title formatter=move |text: String| format!("{text} · {}", lang.t(Key::AppName)) />
        // Every route renders completely on the server before it is sent (SsrMode::Async), so
        // pages with data (header, account, results) work without JavaScript: streamed
        // out-of-order content would need a script to be put in place.
        <Router>
            <a class="skip-link" href="#main">{lang.t(Key::SkipToContent)}</a>
            <Header />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view={Lazy::<page::Login>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/register") view={Lazy::<page::Register>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/check-email") view={Lazy::<page::CheckEmail>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/verify-email") view={Lazy::<page::VerifyEmail>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view={Lazy::<page::ForgotPassword>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/reset-password") view={Lazy::<page::ResetPassword>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account") view={Lazy::<page::Account>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/invite/:token") view={Lazy::<page::Invite>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/outbox") view={Lazy::<page::StaffOutbox>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/dashboard") view={Lazy::<page::StaffDashboard>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/figures") view={Lazy::<page::StaffFigures>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/companies") view={Lazy::<page::StaffCompanies>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/companies/:id") view={Lazy::<page::StaffCompany>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/users") view={Lazy::<page::StaffUsers>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/audit") view={Lazy::<page::StaffAudit>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/questionnaires") view={Lazy::<page::StaffQuestionnaires>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/questionnaires/:variant") view={Lazy::<page::StaffQuestionnaireEdit>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/exports") view={Lazy::<page::StaffExports>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/assessment") view={Lazy::<page::AssessmentStart>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/assessment/:reference") view={Lazy::<page::AssessmentOverview>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/assessment/:reference/t/:transition") view={Lazy::<page::AssessmentTransition>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/assessment/:reference/results") view={Lazy::<page::AssessmentResults>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/assessment/:reference/matches") view={Lazy::<page::Matches>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/assessment/:reference/contact/:slug") view={Lazy::<page::Contact>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/profile") view={Lazy::<page::ProfileEdit>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/profile/requests") view={Lazy::<page::ProfileInbox>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/directory") view={Lazy::<page::Directory>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/directory/:slug") view={Lazy::<page::PublicProfile>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/profiles") view={Lazy::<page::StaffProfiles>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/profiles/:id") view={Lazy::<page::StaffProfileReview>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/requests") view={Lazy::<page::StaffRequests>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/assessments") view={Lazy::<page::StaffAssessments>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/events") view={Lazy::<page::Agenda>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/events/:slug") view={Lazy::<page::EventDetail>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/signup/confirm") view={Lazy::<page::SignUpConfirm>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/signup/cancel") view={Lazy::<page::SignUpCancel>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/events") view={Lazy::<page::StaffEvents>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/new-event") view={Lazy::<page::StaffEventEdit>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/events/:id") view={Lazy::<page::StaffEvent>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/events/:id/edit") view={Lazy::<page::StaffEventEdit>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/staff/events/:id/check-in") view={Lazy::<page::StaffCheckIn>::new()} ssr=SsrMode::Async />
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
