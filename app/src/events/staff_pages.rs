//! The staff's event pages: the list, one event with its sign-ups and waiting list, the
//! check-in list at the door, and the form that creates or edits an event.

use super::api::*;
use super::model::*;
use super::sections::sessions_list;
use super::view::*;
use crate::i18n::{use_lang, Key};
use crate::providers::model::TransitionChoice;
use crate::time::to_local;
use crate::ui::Loaded;
use crate::ui::StaffPage;
use crate::ui::{
    action_error, query_value, ErrorAlert, FetchForm, FetchFormTexts, FormAlert, SelectField,
    SubmitButton, TextArea, TextInput,
};
use crate::ui::{ListPosition, PagedTable};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffEventsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let position = Memo::new(move |_| ListPosition::from_query(&query.read()));
    let list = Resource::new(move || position.get(), staff_events);
    view! {
        <StaffPage title=Key::StaffEventsTitle>
            <p><A href="/staff/new-event" attr:class="btn btn-primary">{lang.t(Key::StaffEventsNew)}</A></p>
            <PagedTable resource=list empty=Key::AgendaEmpty base="/staff/events"
                headings=vec![Key::StaffEventsEvent, Key::EventWhen, Key::ProfileStatusLabel, Key::StaffEventsConfirmed, Key::StaffEventsWaiting, Key::StaffEventsCompanies, Key::StaffEventsAttended]
                row=move |r| {
                    let href = format!("/staff/events/{}", r.card.id);
                    let title = r.card.title(lang).to_string();
                    let date = r.card.sessions.first().map(|s| to_local(s.starts_at).date_nl());
                    let seats = format!("{} / {}", r.counts.confirmed, r.card.capacity);
                    view! {
                    <tr>
                        <th scope="row"><A href=href>{title}</A><br /><span class="muted">{lang.t(r.card.kind.label())}</span></th>
                        <td>{date}</td>
                        <td>{lang.t(r.card.status.label())}</td>
                        <td>{seats}</td>
                        <td>{r.counts.waiting}</td>
                        <td>{r.counts.companies}</td>
                        <td>{r.counts.attended}</td>
                    </tr>
                }} />
        </StaffPage>
    }
}

fn staff_id() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }
}

#[component]
pub fn StaffEventPage() -> impl IntoView {
    let lang = use_lang();
    let id = staff_id();
    let action = ServerAction::<EventAction>::new();
    let add = ServerAction::<AddParticipant>::new();
    let detail = Resource::new(id, get_staff_event);
    let done = query_value("done");
    view! {
        <Title text=lang.t(Key::StaffEventsTitle) />
        <section class="container">
            <p class="breadcrumb"><A href="/staff/events">{lang.t(Key::StaffEventsBack)}</A></p>
            <Show when=move || !done.get().is_empty()>
                <div class="alert alert-success" role="status">{move || match done.get().as_str() {
                    "published" => lang.t(Key::StaffEventPublished),
                    "cancelled" => lang.t(Key::StaffEventCancelled),
                    "added" => lang.t(Key::StaffEventAdded),
                    "added_waiting" => lang.t(Key::StaffEventAddedWaiting),
                    _ => lang.t(Key::StaffEventSaved),
                }}</div>
            </Show>
            <Loaded resource=detail let:e>
                <StaffEventView event=e action add />
            </Loaded>
        </section>
    }
}

#[component]
fn StaffEventView(
    event: StaffEvent,
    action: ServerAction<EventAction>,
    add: ServerAction<AddParticipant>,
) -> impl IntoView {
    let lang = use_lang();
    let card = event.card.clone();
    let id = card.id;
    let c = event.counts;
    let (confirmed, others): (Vec<Participant>, Vec<Participant>) = event
        .participants
        .iter()
        .cloned()
        .partition(|p| p.status == RegistrationStatus::Confirmed);
    let waiting: Vec<Participant> = others
        .into_iter()
        .filter(|p| p.status == RegistrationStatus::Waiting)
        .collect();
    // Confirmed participants are numbered in the order they signed up; those waiting show
    // their place on the waiting list.
    let row = |(i, p): (usize, Participant)| {
        view! {
            <tr>
                <td class="num">{p.position.unwrap_or(i as u64 + 1)}</td>
                <th scope="row">{p.name.clone()}</th>
                <td>{p.email.clone()}</td>
                <td>{p.organisation.clone()}</td>
                <td>{if p.checked_in { lang.t(Key::StaffEventPresent) } else { "" }}</td>
            </tr>
        }
    };
    let table = move |people: Vec<Participant>| {
        view! {
            <div class="table-wrap" tabindex="0">
                <table>
                    <thead><tr>
                        <th scope="col" class="num">"#"</th>
                        <th scope="col">{lang.t(Key::ColName)}</th>
                        <th scope="col">{lang.t(Key::ColEmail)}</th>
                        <th scope="col">{lang.t(Key::ColOrganisation)}</th>
                        <th scope="col">{lang.t(Key::StaffEventsAttended)}</th>
                    </tr></thead>
                    <tbody>{people.into_iter().enumerate().map(row).collect_view()}</tbody>
                </table>
            </div>
        }
    };
    view! {
        <h1>{card.title(lang).to_string()}</h1>
        <p>{lang.t(card.kind.label())}" · "{lang.t(card.status.label())}" · "<A href=format!("/events/{}", card.slug)>{lang.t(Key::StaffEventPublicPage)}</A></p>
        {sessions_list(&card.sessions)}
        <ul class="status-counts">
            <li><span class="figure-number">{c.confirmed}</span>" "{lang.count(Key::StaffEventOfCapacity, i64::from(card.capacity), &[])}</li>
            <li><span class="figure-number">{c.waiting}</span>" "{lang.t(Key::StaffEventsWaiting)}</li>
            <li><span class="figure-number">{c.companies}</span>" "{lang.t(Key::StaffEventsCompanies)}</li>
            <li><span class="figure-number">{c.attended}</span>" "{lang.t(Key::StaffEventsAttended)}</li>
            <li><span class="figure-number">{c.attending_companies}</span>" "{lang.t(Key::StaffEventAttendingCompanies)}</li>
        </ul>
        <ActionForm action=action attr:class="form-actions">
            <FormAlert error=action_error(action) />
            <input type="hidden" name="id" value=id.to_string() />
            <A href=format!("/staff/events/{id}/edit") attr:class="btn btn-secondary">{lang.t(Key::StaffEventEdit)}</A>
            {(card.status == EventStatus::Draft).then(|| view! {
                <button type="submit" name="action" value="publish" class="btn btn-primary">{lang.t(Key::StaffEventPublish)}</button>
            })}
            <button type="submit" name="action" value="duplicate" class="btn btn-secondary">{lang.t(Key::StaffEventDuplicate)}</button>
            <A href=format!("/staff/events/{id}/check-in") attr:class="btn btn-secondary">{lang.t(Key::StaffEventCheckIn)}</A>
            <a href=format!("/staff/events/{id}/participants.csv") class="btn btn-secondary" download>{lang.t(Key::StaffEventExport)}</a>
            {(card.status != EventStatus::Cancelled).then(|| view! {
                <button type="submit" name="action" value="cancel" class="btn btn-danger">{lang.t(Key::StaffEventCancel)}</button>
            })}
        </ActionForm>
        <h2>{lang.t(Key::StaffEventParticipants)}</h2>
        {table(confirmed)}
        <h2>{lang.t(Key::StaffEventWaitingList)}</h2>
        {table(waiting)}
        <div class="card">
            <h2 class="h3">{lang.t(Key::StaffEventAddTitle)}</h2>
            <ActionForm action=add>
                <FormAlert error=action_error(add) />
                <input type="hidden" name="event_id" value=id.to_string() />
                <div class="grid-3">
                    <TextInput name="name" label=Key::ColName required=true />
                    <TextInput name="email" label=Key::ColEmail kind="email" required=true />
                    <TextInput name="organisation" label=Key::ColOrganisation required=true />
                </div>
                <SubmitButton label=Key::StaffEventAdd />
            </ActionForm>
        </div>
    }
}

/// The check-in list at the door: big rows, one tap per person, usable on a phone.
#[component]
pub fn CheckInPage() -> impl IntoView {
    let lang = use_lang();
    let id = staff_id();
    let check = ServerAction::<CheckIn>::new();
    let detail = Resource::new(id, get_staff_event);
    view! {
        <Title text=lang.t(Key::StaffEventCheckIn) />
        <section class="container check-in">
            <p class="breadcrumb"><A href=move || format!("/staff/events/{}", id())>{lang.t(Key::StaffEventsBack)}</A></p>
            <FormAlert error=action_error(check) />
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(e) => {
                            let present = e.counts.attended;
                            let total = e.counts.confirmed;
                            let people: Vec<Participant> = e.participants.into_iter().filter(|p| p.status == RegistrationStatus::Confirmed).collect();
                            view! {
                                <h1>{e.card.title(lang).to_string()}</h1>
                                <p class="lead" role="status">{lang.fill(Key::CheckInCount, &[("present", &present.to_string()), ("total", &total.to_string())])}</p>
                                <CheckInFilter label=lang.t(Key::CheckInSearch).to_string() />
                                <ul class="check-in-list">
                                    {people.into_iter().map(|p| {
                                        let haystack = format!("{} {} {}", p.name, p.organisation, p.email).to_lowercase();
                                        view! {
                                            <li id=format!("p{}", p.id) class:present=p.checked_in data-search=haystack>
                                                <ActionForm action=check attr:class="check-in-row">
                                                    <input type="hidden" name="event_id" value=e.card.id.to_string() />
                                                    <input type="hidden" name="registration_id" value=p.id.to_string() />
                                                    <input type="hidden" name="present" value=if p.checked_in { "0" } else { "1" } />
                                                    <span class="who"><strong>{p.name.clone()}</strong><br /><span class="muted">{p.organisation.clone()}</span></span>
                                                    <button type="submit" class=if p.checked_in { "btn btn-secondary" } else { "btn btn-primary" }>
                                                        {if p.checked_in { lang.t(Key::CheckInUndo) } else { lang.t(Key::CheckInMark) }}
                                                    </button>
                                                </ActionForm>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Narrows the check-in list as a name, organisation or address is typed (`check_in.js`).
/// Deliberately a few lines of plain script instead of an island: it was the only island on
/// the check-in page, which then downloaded the whole WASM module for it. Without JavaScript
/// the field is hidden (`needs-js`) and the whole list shows.
#[component]
fn CheckInFilter(label: String) -> impl IntoView {
    view! {
        <div class="field needs-js">
            <label for="check-in-filter">{label}</label>
            <input id="check-in-filter" type="search" />
        </div>
        <crate::ui::InlineScript source=include_str!("check_in.js") />
    }
}

/// Create (`/staff/new-event`) or edit (`/staff/events/:id/edit`) an event.
#[component]
pub fn StaffEventEditPage() -> impl IntoView {
    let lang = use_lang();
    let id = staff_id();
    let form = Resource::new(id, get_event_form);
    let choices = Resource::new(|| (), |_| get_agenda(AgendaQuery::default()));
    view! {
        <Title text=lang.t(Key::StaffEventEditTitle) />
        <section class="container">
            <p class="breadcrumb"><A href="/staff/events">{lang.t(Key::StaffEventsBack)}</A></p>
            <h1>{lang.t(Key::StaffEventEditTitle)}</h1>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    let themes = choices.await.map(|a| a.choices).unwrap_or_default();
                    match form.await {
                        Ok(data) => view! { <EventForm data themes /> }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The staff form's fields for an event as stored (or a new one's defaults), named and
/// written as the form posts them: what the form shows unless a refused post kept what was
/// typed.
fn form_fields(i: &EventInput) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = [
        ("kind", i.kind.clone()),
        ("title_nl", i.title_nl.clone()),
        ("title_en", i.title_en.clone()),
        ("description_nl", i.description_nl.clone()),
        ("description_en", i.description_en.clone()),
        ("speakers", i.speakers.clone()),
        ("format", i.format.clone()),
        ("location", i.location.clone()),
        ("online_link", i.online_link.clone()),
        ("language", i.language.clone()),
        ("capacity", i.capacity.to_string()),
        (
            "per_organisation_limit",
            i.per_organisation_limit
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        ("eligibility", i.eligibility.clone()),
        ("invites", i.invites.join("\n")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    f.extend(i.themes.iter().map(|t| ("themes".to_string(), t.clone())));
    for (n, s) in i.sessions.iter().enumerate().take(MAX_SESSIONS) {
        let start = to_local(s.starts_at);
        let n = n + 1;
        f.push((format!("session{n}_date"), start.date_input()));
        f.push((format!("session{n}_start"), start.time()));
        f.push((format!("session{n}_end"), to_local(s.ends_at).time()));
    }
    if i.registration_deadline > 0 {
        let deadline = to_local(i.registration_deadline);
        f.push(("deadline_date".into(), deadline.date_input()));
        f.push(("deadline_time".into(), deadline.time()));
    }
    f
}

#[component]
fn EventForm(data: EventFormData, themes: Vec<TransitionChoice>) -> impl IntoView {
    let lang = use_lang();
    let id = data
        .existing
        .as_ref()
        .map(|e| e.card.id.to_string())
        .unwrap_or_default();
    let fields = data.kept.unwrap_or_else(|| {
        form_fields(
            &data
                .existing
                .map(|e| e.input)
                .unwrap_or_else(|| EventInput {
                    kind: "masterclass".into(),
                    format: "physical".into(),
                    language: "nl".into(),
                    eligibility: "open".into(),
                    capacity: 20,
                    ..Default::default()
                }),
        )
    });
    let chosen_themes: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "themes")
        .map(|(_, v)| v.clone())
        .collect();
    // Copied into the view's closures, hence a stored value.
    let fields = StoredValue::new(fields);
    let value = move |name: &str| -> String {
        fields.with_value(|f| {
            f.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
    };
    // The form renders from its fields (stored or as typed in a refused post), so every
    // field shows exactly what it holds.
    let select = move |name: &'static str, label: Key, options: Vec<(&'static str, Key)>| {
        let options = options
            .into_iter()
            .map(|(code, key)| (code.to_string(), lang.t(key).to_string()))
            .collect::<Vec<_>>();
        view! { <SelectField name=name label=label options=options selected=value(name) /> }
    };
    let input = move |name: &'static str, label: Key, kind: &'static str| {
        view! { <TextInput name=name label=label kind=kind value=value(name) /> }
    };
    let area = move |name: &'static str, label: Key| {
        view! { <TextArea name=name label=label rows=5 value=value(name) /> }
    };
    view! {
        <FetchForm action="/staff/events/save".to_string() class="card profile-form".to_string() texts=FetchFormTexts::new(lang)>
            <input type="hidden" name="id" value=id />
            <fieldset>
                <legend>{lang.t(Key::StaffEventSectionWhat)}</legend>
                {select("kind", Key::AgendaKind, EventKind::ALL.iter().map(|k| (k.code(), k.label())).collect())}
                {input("title_nl", Key::StaffEventTitleNl, "text")}
                {input("title_en", Key::StaffEventTitleEn, "text")}
                {area("description_nl", Key::StaffEventDescriptionNl)}
                {area("description_en", Key::StaffEventDescriptionEn)}
                {area("speakers", Key::EventSpeakers)}
                <fieldset class="check-group" id="field-themes">
                    <legend>{lang.t(Key::AgendaTheme)}</legend>
                    <div class="check-grid">
                        {themes.iter().map(|t| {
                            let checked = chosen_themes.contains(&t.key);
                            view! { <label class="choice-inline"><input type="checkbox" name="themes" value=t.key.clone() checked=checked />" "{t.name.get(lang).to_string()}</label> }
                        }).collect_view()}
                    </div>
                </fieldset>
            </fieldset>
            <fieldset>
                <legend>{lang.t(Key::StaffEventSectionWhen)}</legend>
                <p class="hint">{lang.t(Key::StaffEventSessionsHint)}</p>
                {(1..=MAX_SESSIONS).map(|n| {
                    let (date, start, end) = (
                        value(&format!("session{n}_date")),
                        value(&format!("session{n}_start")),
                        value(&format!("session{n}_end")),
                    );
                    view! {
                        <div class="grid-3 session-row">
                            <div class="field"><label for=format!("field-session{n}_date")>{lang.fill(Key::StaffEventSessionDate, &[("n", &n.to_string())])}</label><input id=format!("field-session{n}_date") name=format!("session{n}_date") type="date" value=date /></div>
                            <div class="field"><label for=format!("field-session{n}_start")>{lang.t(Key::StaffEventSessionStart)}</label><input id=format!("field-session{n}_start") name=format!("session{n}_start") type="time" value=start /></div>
                            <div class="field"><label for=format!("field-session{n}_end")>{lang.t(Key::StaffEventSessionEnd)}</label><input id=format!("field-session{n}_end") name=format!("session{n}_end") type="time" value=end /></div>
                        </div>
                    }
                }).collect_view()}
                <div class="grid-3">
                    {input("deadline_date", Key::StaffEventDeadlineDate, "date")}
                    {input("deadline_time", Key::StaffEventDeadlineTime, "time")}
                </div>
            </fieldset>
            <fieldset>
                <legend>{lang.t(Key::StaffEventSectionWhere)}</legend>
                {select("format", Key::StaffEventFormat, EventFormat::ALL.iter().map(|k| (k.code(), k.label())).collect())}
                {input("location", Key::EventWhere, "text")}
                {input("online_link", Key::EventOnlineLink, "url")}
                {select("language", Key::StaffEventLanguage, vec![("nl", Key::LanguageNl), ("en", Key::LanguageEn)])}
            </fieldset>
            <fieldset>
                <legend>{lang.t(Key::StaffEventSectionWho)}</legend>
                {input("capacity", Key::StaffEventCapacity, "number")}
                {input("per_organisation_limit", Key::StaffEventPerOrganisation, "number")}
                {select("eligibility", Key::StaffEventEligibility, Eligibility::ALL.iter().map(|k| (k.code(), k.label())).collect())}
                {area("invites", Key::StaffEventInvites)}
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">{lang.t(Key::StaffEventSave)}</button>
            </div>
        </FetchForm>
    }
}
