//! What other pages show of events: a person's own sign-ups on the account overview, and the
//! upcoming events on a company's priorities (results and plan pages).

use super::api::*;
use super::model::*;
use crate::i18n::{use_lang, Key};
use crate::ui::{action_error, ErrorAlert, FormAlert};
use leptos::prelude::*;
use leptos_router::components::A;

/// An event's sessions as a list: the day and the time from and to of each.
pub(super) fn sessions_list(sessions: &[Session]) -> impl IntoView {
    view! {
        <ul class="sessions">
            {sessions.iter().map(|s| {
                let (date, from, to) = session_text(s);
                view! { <li><time>{date}</time>" · "{from}"–"{to}</li> }
            }).collect_view()}
        </ul>
    }
}

/// The user's own sign-ups, for the account page.
#[component]
pub fn MySignUps() -> impl IntoView {
    let lang = use_lang();
    let cancel = ServerAction::<CancelMyRegistration>::new();
    let list = Resource::new(|| (), |_| my_sign_ups());
    view! {
        <section class="card" aria-labelledby="my-events">
            <h2 id="my-events">{lang.t(Key::MyEventsTitle)}</h2>
            <FormAlert error=action_error(cancel) />
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! {
                            <p class="empty">{lang.t(Key::MyEventsEmpty)}" "<A href="/events">{lang.t(Key::AgendaTitle)}</A></p>
                        }.into_any(),
                        Ok(items) => view! {
                            <ul class="plain-list">
                                {items.into_iter().map(|m| {
                                    let status = match m.status {
                                        RegistrationStatus::Waiting => lang.fill(Key::EventMineWaiting, &[("position", &m.position.unwrap_or(0).to_string())]),
                                        s => lang.t(s.label()).to_string(),
                                    };
                                    let href = format!("/events/{}", m.card.slug);
                                    let title = m.card.title(lang).to_string();
                                    let sessions = sessions_list(&m.card.sessions);
                                    view! {
                                        <li class="my-event">
                                            <A href=href>{title}</A>
                                            {sessions}
                                            <span class="badge">{status}</span>
                                            <ActionForm action=cancel attr:class="inline-form">
                                                <input type="hidden" name="registration_id" value=m.registration_id.to_string() />
                                                <input type="hidden" name="back" value="/account" />
                                                " "<button type="submit" class="btn btn-secondary btn-small">{lang.t(Key::EventCancelMine)}</button>
                                            </ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Next steps on the results page: upcoming events on the company's priority transitions.
#[component]
pub fn EventSuggestions(themes: Vec<String>) -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(move || themes.join(","), get_event_suggestions);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(events) if !events.is_empty() => view! {
                        <h3>{lang.t(Key::NextStepsEvents)}</h3>
                        <ul class="event-suggestions">
                            {events.into_iter().map(|card| {
                                let href = format!("/events/{}", card.slug);
                                let title = card.title(lang).to_string();
                                let when = card.sessions.first().map(|s| { let (d, f, _) = session_text(s); format!("{d} {f}") }).unwrap_or_default();
                                view! { <li><A href=href>{title}</A>" · "{lang.t(card.kind.label())}" · "{when}</li> }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}
