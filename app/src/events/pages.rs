//! The public event pages: the agenda, an event with sign-up, confirmation and cancellation by
//! link. A person's own sign-ups are in `sections`, the staff's pages in `staff_pages`.

use super::api::*;
use super::model::*;
use super::sections::sessions_list;
use super::view::*;
use crate::i18n::{use_lang, Key, Lang};
use crate::providers::model::{transition_name, TransitionChoice};
use crate::time::to_local;
use crate::ui::{
    action_error, query_value, ErrorAlert, FormAlert, LiveFilter, SelectField, SubmitButton,
    TextInput,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

/// "Nog 3 plaatsen", "Vol: wachtlijst", "Afgelast": what the seats honestly are.
fn seats_text(card: &EventCard, lang: Lang) -> (String, &'static str) {
    match card.status {
        EventStatus::Cancelled => (lang.t(Key::EventCancelledBadge).to_string(), "badge-failed"),
        _ if card.seats_left <= 0 => (lang.t(Key::EventFull).to_string(), "badge-pending"),
        _ => (
            lang.count(Key::EventSeatsLeft, i64::from(card.seats_left), &[]),
            "badge-sent",
        ),
    }
}

#[component]
fn EventCardView(card: EventCard, choices: Vec<TransitionChoice>) -> impl IntoView {
    let lang = use_lang();
    let themes: Vec<String> = card
        .themes
        .iter()
        .filter_map(|t| transition_name(&choices, t).map(|n| n.get(lang).to_string()))
        .collect();
    let (seats, css) = seats_text(&card, lang);
    let place = match card.format {
        EventFormat::Online => lang.t(Key::EventFormatOnline).to_string(),
        _ => card.location.clone(),
    };
    let href = format!("/events/{}", card.slug);
    let title = card.title(lang).to_string();
    let sessions = sessions_list(&card.sessions);
    view! {
        <li class="card event-card">
            <p class="muted">{lang.t(card.kind.label())}" · "{place}</p>
            <h2 class="h3"><A href=href>{title}</A></h2>
            {sessions}
            <p><span class=format!("badge {css}")>{seats}</span></p>
            <ul class="tags">{themes.into_iter().map(|t| view! { <li class="tag">{t}</li> }).collect_view()}</ul>
        </li>
    }
}

#[component]
pub fn AgendaPage() -> impl IntoView {
    let lang = use_lang();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let q = query_map.read();
        AgendaQuery {
            kind: q.get("kind").unwrap_or_default(),
            theme: q.get("theme").unwrap_or_default(),
            past: q.get("when").as_deref() == Some("past"),
        }
    });
    let agenda = Resource::new(move || query.get(), get_agenda);
    view! {
        <Title text=lang.t(Key::AgendaTitle) />
        <Meta name="description" content=lang.t(Key::AgendaIntro) />
        <section class="container">
            <h1>{lang.t(Key::AgendaTitle)}</h1>
            <p class="lead">{lang.t(Key::AgendaIntro)}</p>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    let q = query.get_untracked();
                    match agenda.await {
                        Ok(a) => {
                            let choices = a.choices.clone();
                            let theme_options: Vec<(String, String)> = choices.iter().map(|c| (c.key.clone(), c.name.get(lang).to_string())).collect();
                            let empty = a.events.is_empty();
                            let count = lang.count(Key::AgendaCount, a.events.len() as i64, &[]);
                            view! {
                                <LiveFilter results="agenda-results".to_string()>
                                <Form method="GET" action="/events" attr:class="card directory-filters">
                                    <SelectField name="kind" label=Key::AgendaKind empty=Key::DirectoryAny
                                        options=EventKind::ALL.iter().map(|k| (k.code().to_string(), lang.t(k.label()).to_string())).collect()
                                        selected=q.kind.clone() />
                                    <SelectField name="theme" label=Key::AgendaTheme empty=Key::DirectoryAny
                                        options=theme_options selected=q.theme.clone() />
                                    <SelectField name="when" label=Key::AgendaWhen empty=Key::AgendaUpcoming
                                        options=vec![("past".to_string(), lang.t(Key::AgendaPast).to_string())]
                                        selected=if q.past { "past" } else { "" }.to_string() />
                                    <div class="form-actions">
                                        <button type="submit" class="btn btn-primary">{lang.t(Key::DirectoryApply)}</button>
                                    </div>
                                </Form>
                                </LiveFilter>
                                <div id="agenda-results">
                                <p class="directory-count" role="status">{count}</p>
                                {if empty {
                                    view! { <div class="card empty-state"><p>{lang.t(Key::AgendaEmpty)}</p></div> }.into_any()
                                } else {
                                    view! {
                                        <ul class="profile-grid">
                                            {a.events.into_iter().map(|card| view! { <EventCardView card choices=choices.clone() /> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                </div>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn EventDetailPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let sign_up = ServerAction::<SignUpEvent>::new();
    let cancel = ServerAction::<CancelMyRegistration>::new();
    let page = Resource::new(slug, get_event);
    view! {
        <section class="container event-page">
            <p class="breadcrumb"><A href="/events">{lang.t(Key::AgendaBack)}</A></p>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(p) => view! { <EventView page=p sign_up cancel /> }.into_any(),
                        Err(e) => view! {
                            <Title text=lang.t(Key::NotFoundTitle) />
                            <h1>{lang.t(Key::NotFoundTitle)}</h1>
                            <ErrorAlert error=e />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn EventView(
    page: EventPage,
    sign_up: ServerAction<SignUpEvent>,
    cancel: ServerAction<CancelMyRegistration>,
) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let card = page.card.clone();
    let title = card.title(lang).to_string();
    // An event entered in one language only shows that text, marked, rather than nothing.
    let (description, description_lang) =
        lang.pick(&page.description_html_nl, &page.description_html_en);
    let description = description.to_string();
    let description_note = description_lang.map(|l| {
        lang.t(match l {
            Lang::Nl => Key::TextInDutch,
            Lang::En => Key::TextInEnglish,
        })
    });
    let themes: Vec<String> = card
        .themes
        .iter()
        .filter_map(|t| transition_name(&page.choices, t).map(|n| n.get(lang).to_string()))
        .collect();
    let (seats, css) = seats_text(&card, lang);
    let flash = move || {
        let q = query.read();
        match q.get("signed").as_deref() {
            Some("confirmed") => Some(lang.t(Key::EventSignedConfirmed).to_string()),
            Some("waiting") => Some(lang.fill(
                Key::EventSignedWaiting,
                &[("position", &q.get("position").unwrap_or_default())],
            )),
            Some("check") => Some(lang.t(Key::EventSignedCheckEmail).to_string()),
            _ if q.get("cancelled").is_some() => {
                Some(lang.t(Key::EventCancelledNotice).to_string())
            }
            _ => None,
        }
    };
    let deadline = to_local(card.registration_deadline);
    let open = card.status == EventStatus::Published;
    let full = card.seats_left <= 0;
    let eligibility_note = match card.eligibility {
        Eligibility::Open => None,
        e => Some(lang.t(e.label())),
    };
    let slug = card.slug.clone();
    let kept_consent = query_value("consent");
    let my_status = page.mine.clone().map(|m| {
        let text = match m.status {
            RegistrationStatus::Confirmed => lang.t(Key::EventMineConfirmed).to_string(),
            RegistrationStatus::Waiting => lang.fill(
                Key::EventMineWaiting,
                &[("position", &m.position.unwrap_or(0).to_string())],
            ),
            _ => lang.t(Key::EventMineUnconfirmed).to_string(),
        };
        (m.id, text)
    });
    let signed_up = my_status.is_some();
    let back = format!("/events/{slug}");
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=title.clone() />
        <p class="muted">{lang.t(card.kind.label())}" · "{lang.t(card.format.label())}</p>
        <h1>{title}</h1>
        {move || flash().map(|f| view! { <div class="alert alert-success" role="status">{f}</div> })}
        <div class="profile-columns">
            <div>
                {description_note.map(|n| view! { <p class="hint">{n}</p> })}
                <div class="prose" lang=description_lang.map(|l| l.code()) inner_html=description></div>
                {(!page.speakers.is_empty()).then(|| view! {
                    <h2 class="h3">{lang.t(Key::EventSpeakers)}</h2>
                    <p class="pre-line">{page.speakers.clone()}</p>
                })}
                {(!themes.is_empty()).then(|| view! {
                    <h2 class="h3">{lang.t(Key::AgendaTheme)}</h2>
                    <ul class="tags">{themes.into_iter().map(|t| view! { <li class="tag">{t}</li> }).collect_view()}</ul>
                })}
            </div>
            <aside class="card">
                <h2 class="h3">{lang.t(Key::EventWhen)}</h2>
                {sessions_list(&card.sessions)}
                <h2 class="h3">{lang.t(Key::EventWhere)}</h2>
                <p>{match card.format {
                    EventFormat::Online => lang.t(Key::EventFormatOnline).to_string(),
                    _ => card.location.clone(),
                }}</p>
                {page.online_link.clone().map(|l| view! {
                    <p><a href=l.clone() rel="noopener noreferrer">{lang.t(Key::EventOnlineLink)}</a></p>
                })}
                <p><span class=format!("badge {css}")>{seats}</span>
                    {(page.waiting > 0).then(|| format!(" · {}", lang.count(Key::EventWaitingCount, page.waiting as i64, &[])))}
                </p>
                <p class="hint">{lang.fill(Key::EventDeadline, &[("date", &deadline.date_nl()), ("time", &deadline.time())])}
                    {page.per_organisation_limit.map(|n| format!(" {}", lang.count(Key::EventPerOrganisation, i64::from(n), &[])))}
                </p>
                {eligibility_note.map(|n| view! { <p class="hint">{n}</p> })}

                {my_status.map(|(id, text)| view! {
                    <div class="alert alert-info" role="status">{text}</div>
                    <ActionForm action=cancel>
                        <FormAlert error=action_error(cancel) />
                        <input type="hidden" name="registration_id" value=id.to_string() />
                        <input type="hidden" name="back" value=back.clone() />
                        <button type="submit" class="btn btn-danger">{lang.t(Key::EventCancelMine)}</button>
                    </ActionForm>
                })}
                {(open && !signed_up).then(|| view! {
                    <ActionForm action=sign_up>
                        <FormAlert error=action_error(sign_up) />
                        <input type="hidden" name="event_id" value=card.id.to_string() />
                        <input type="hidden" name="slug" value=slug.clone() />
                        {(!page.logged_in).then(|| view! {
                            <TextInput name="name" label=Key::FieldName autocomplete="name" required=true />
                            <TextInput name="email" label=Key::FieldEmail kind="email" autocomplete="email" required=true />
                            <TextInput name="organisation" label=Key::FieldOrganisation autocomplete="organization" required=true />
                            <div class="field">
                                <label class="choice-inline">
                                    <input type="checkbox" name="consent" required checked=move || kept_consent.get() == "on" />
                                    " "{lang.t(Key::EventConsent)}
                                </label>
                            </div>
                        })}
                        <SubmitButton
                            label=if full { Key::EventJoinWaitingList } else { Key::EventSignUp }
                        />
                        {full.then(|| view! { <p class="hint">{lang.t(Key::EventFullHint)}</p> })}
                    </ActionForm>
                })}
            </aside>
        </div>
    }
}

/// `/signup/confirm?token=…`: a button, so that link scanners in mail systems do not confirm.
#[component]
pub fn EventConfirmPage() -> impl IntoView {
    let lang = use_lang();
    let token = query_value("token");
    let confirm = ServerAction::<ConfirmEventSignUp>::new();
    view! {
        <Title text=lang.t(Key::EventConfirmTitle) />
        <section class="container narrow">
            <h1>{lang.t(Key::EventConfirmTitle)}</h1>
            <p>{lang.t(Key::EventConfirmText)}</p>
            <ActionForm action=confirm>
                <FormAlert error=action_error(confirm) />
                <input type="hidden" name="token" value=move || token.get() />
                <SubmitButton label=Key::EventConfirmSubmit />
            </ActionForm>
        </section>
    }
}

/// `/signup/cancel?token=…`: what will be cancelled, and a button.
#[component]
pub fn EventCancelPage() -> impl IntoView {
    let lang = use_lang();
    let token = query_value("token");
    let preview = Resource::new(move || token.get(), get_cancel_preview);
    let cancel = ServerAction::<CancelByLink>::new();
    view! {
        <Title text=lang.t(Key::EventCancelTitle) />
        <section class="container narrow">
            <h1>{lang.t(Key::EventCancelTitle)}</h1>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(p) if p.status == RegistrationStatus::Cancelled => view! {
                            <div class="alert alert-info" role="status">{lang.t(Key::ErrEventAlreadyCancelled)}</div>
                            <p><A href=format!("/events/{}", p.card.slug)>{p.card.title(lang).to_string()}</A></p>
                        }.into_any(),
                        Ok(p) => view! {
                            <div class="card">
                                <p>{lang.fill(Key::EventCancelQuestion, &[("name", &p.name), ("event", p.card.title(lang))])}</p>
                                {sessions_list(&p.card.sessions)}
                                <ActionForm action=cancel>
                                    <FormAlert error=action_error(cancel) />
                                    <input type="hidden" name="token" value=move || token.get() />
                                    <button type="submit" class="btn btn-danger">{lang.t(Key::EventCancelConfirm)}</button>
                                </ActionForm>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
