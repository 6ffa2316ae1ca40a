//! Staff pages.

use super::api::list_outbox;
use crate::components::ErrorAlert;
use crate::i18n::{use_lang, Key};
use crate::mail::OutboxMail;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let mails = Resource::new(|| (), |_| list_outbox());
    view! {
        <Title text=lang.t(Key::OutboxTitle) />
        <section class="container">
            <StaffNav />
            <h1>{lang.t(Key::OutboxTitle)}</h1>
            <p class="lead">{lang.t(Key::OutboxIntro)}</p>
            <Suspense fallback=move || view! { <p>{lang.t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match mails.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="empty">{lang.t(Key::OutboxEmpty)}</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="outbox">
                                {list.into_iter().map(|m| view! { <OutboxItem mail=m /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! {
                            <ErrorAlert error=e />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn OutboxItem(mail: OutboxMail) -> impl IntoView {
    let lang = use_lang();
    let status = match mail.status.as_str() {
        "sent" => Key::OutboxStatusSent,
        "failed" => Key::OutboxStatusFailed,
        _ => Key::OutboxStatusPending,
    };
    view! {
        <li class="card outbox-mail">
            <details>
                <summary>
                    <span class=format!("badge badge-{}", mail.status)>{lang.t(status)}</span>
                    " "
                    <strong class="outbox-subject">{mail.subject}</strong>
                    " · "
                    <span class="outbox-recipient">{mail.recipient}</span>
                </summary>
                <pre class="mail-body">{mail.body_text}</pre>
                {mail.last_error.map(|e| view! { <p class="muted">{e}</p> })}
            </details>
        </li>
    }
}

/// The staff's own menu, on top of every staff page.
#[component]
pub fn StaffNav() -> impl IntoView {
    let lang = use_lang();
    view! {
        <nav class="sub-nav" aria-label=lang.t(Key::NavStaff)>
            <leptos_router::components::A href="/staff/assessments">{lang.t(Key::StaffAssessmentsTitle)}</leptos_router::components::A>
            <leptos_router::components::A href="/staff/events">{lang.t(Key::StaffEventsTitle)}</leptos_router::components::A>
            <leptos_router::components::A href="/staff/profiles">{lang.t(Key::ReviewTitle)}</leptos_router::components::A>
            <leptos_router::components::A href="/staff/requests">{lang.t(Key::StaffRequestsTitle)}</leptos_router::components::A>
            <leptos_router::components::A href="/staff/outbox">{lang.t(Key::OutboxTitle)}</leptos_router::components::A>
        </nav>
    }
}
