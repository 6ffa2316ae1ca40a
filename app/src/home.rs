//! The landing page: what the hub offers and the programme's figures so far.

use crate::accounts::model::{CurrentUser, Role};
use crate::i18n::{use_lang, Key};
use crate::shell::use_auth;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let auth = use_auth();
    let services = [
        (Key::HomeAssessmentTitle, Key::HomeAssessmentText),
        (Key::HomeMatchTitle, Key::HomeMatchText),
        (Key::HomeEventsTitle, Key::HomeEventsText),
    ];
    // The programme's own reported figures (final report SIH Noord Nederland 2020-2023).
    let figures = [
        ("152", Key::FigureAssessments),
        ("13", Key::FigureMasterclasses),
        ("580", Key::FigureNetwork),
        ("26", Key::FigureProviders),
    ];
    view! {
        <Title text=lang.t(Key::HomeTitle) />
        <section class="hero">
            <div class="container">
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match auth.user.await.ok().flatten() {
                            Some(user) => view! { <Welcome user /> }.into_any(),
                            None => view! {
                                <p class="eyebrow">{lang.t(Key::HomeEyebrow)}</p>
                                <h1>{lang.t(Key::HomeTitle)}</h1>
                                <p class="lead">{lang.t(Key::HomeLead)}</p>
                                <div class="actions">
                                    <A href="/assessment" attr:class="btn btn-primary">{lang.t(Key::HomeCtaAssessment)}</A>
                                    <A href="/register" attr:class="btn btn-secondary">{lang.t(Key::HomeCtaStart)}</A>
                                </div>
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </section>
        <section class="container">
            <h2>{lang.t(Key::HomeServicesTitle)}</h2>
            <div class="grid-3">
                {services
                    .into_iter()
                    .map(|(title, text)| view! {
                        <article class="card">
                            <h3>{lang.t(title)}</h3>
                            <p>{lang.t(text)}</p>
                        </article>
                    })
                    .collect_view()}
            </div>
        </section>
        <section class="container">
            <h2>{lang.t(Key::HomeFiguresTitle)}</h2>
            <ul class="figures">
                {figures
                    .into_iter()
                    .map(|(n, label)| view! {
                        <li class="figure">
                            <span class="figure-number">{n}</span>
                            <span class="figure-label">{lang.t(label)}</span>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// The hero for someone who is logged in: greeted by name, sent on to where they work rather
/// than offered an account they already have.
#[component]
fn Welcome(user: CurrentUser) -> impl IntoView {
    let lang = use_lang();
    let go = match user.role {
        Role::CompanyMember => Key::HomeGoOverview,
        Role::ProviderMember | Role::Consultant => Key::HomeGoProfile,
        Role::Staff | Role::Admin => Key::HomeGoDashboard,
    };
    view! {
        <p class="eyebrow">{lang.t(Key::HomeEyebrow)}</p>
        <h1>{lang.fill(Key::HomeHello, &[("name", &user.name)])}</h1>
        <p class="lead">{lang.t(Key::HomeWelcomeBack)}</p>
        <div class="actions">
            <A href=user.role.landing_path() attr:class="btn btn-primary">{lang.t(go)}</A>
            {(user.role == Role::CompanyMember).then(|| view! {
                <A href="/assessment" attr:class="btn btn-secondary">{lang.t(Key::HomeCtaAssessment)}</A>
            })}
        </div>
    }
}
