//! The contact form, the provider's inbox and the staff's list of every request. The matches
//! the contact form starts from are in `matching`.

use super::api::*;
use super::model::{RequestStatus, ResultsSummary, MESSAGE_MAX};
use super::view::*;
use crate::assessment::profile::{label, PROVINCES, SIZE_CLASSES};
use crate::i18n::{use_lang, Key};
use crate::matching::sections::reason_text;
use crate::providers::model::{transition_name, TransitionChoice};
use crate::ui::StaffPage;
use crate::ui::{
    action_error, format_date, query_value, route_param, ErrorAlert, FormAlert, ListPager,
    ListPosition, SubmitButton,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
fn SummaryView(summary: ResultsSummary, choices: Vec<TransitionChoice>) -> impl IntoView {
    let lang = use_lang();
    let dash = |v: Option<u8>| v.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
    let context = [
        lang.t(summary.variant.label()).to_string(),
        label(&SIZE_CLASSES, &summary.size_class)
            .map(|k| lang.t(k).to_string())
            .unwrap_or_default(),
        label(&PROVINCES, &summary.province)
            .map(|k| lang.t(k).to_string())
            .unwrap_or_default(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <div class="summary">
            <p>{context}</p>
            <p>{lang.t(Key::ResultsOverallCurrent)}": "{dash(summary.overall_current)}" · "{lang.t(Key::ResultsOverallAmbition)}": "{dash(summary.overall_ambition)}</p>
            <ol>
                {summary.priorities.iter().map(|(key, p, gap)| {
                    let name = transition_name(&choices, key).map(|t| t.get(lang).to_string()).unwrap_or_else(|| key.clone());
                    let prio = p.map(|p| lang.t(p.label())).unwrap_or("—");
                    view! { <li>{name}" — "{lang.t(Key::ResultsPriority)}": "{prio}", "{lang.t(Key::ResultsGap)}": "{*gap}</li> }
                }).collect_view()}
            </ol>
        </div>
    }
}

#[component]
pub fn ContactPage() -> impl IntoView {
    let lang = use_lang();
    let reference = route_param("reference");
    let slug = route_param("slug");
    let target = Resource::new(
        move || (reference(), slug()),
        |(r, s)| get_contact_target(r, s),
    );
    view! {
        <Title text=lang.t(Key::ContactTitle) />
        <section class="container narrow">
            <p class="breadcrumb"><A href=move || format!("/assessment/{}/matches", reference())>{lang.t(Key::ContactBack)}</A></p>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match target.await {
                        Ok(t) => view! { <ContactForm target=t /> }.into_any(),
                        Err(e) => view! { <h1>{lang.t(Key::ContactTitle)}</h1><ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ContactForm(target: ContactTarget) -> impl IntoView {
    let lang = use_lang();
    let send = ServerAction::<SendContactRequest>::new();
    let kept = query_value("message");
    let t = target.target.clone();
    let reasons: Vec<String> = t
        .reasons
        .iter()
        .map(|r| reason_text(r, &target.choices, lang))
        .collect();
    let heading = lang.fill(Key::ContactHeading, &[("name", &t.name)]);
    view! {
        <h1>{heading}</h1>
        <div class="card">
            <p>{t.pitch.clone()}</p>
            <ul class="reasons">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
        </div>
        {if t.requested {
            view! { <div class="alert alert-info" role="status">{lang.t(Key::ErrContactDuplicate)}</div> }.into_any()
        } else {
            view! {
                <div class="card">
                    <ActionForm action=send>
                        <FormAlert error=action_error(send) />
                        <input type="hidden" name="reference" value=target.reference.clone() />
                        <input type="hidden" name="slug" value=t.slug.clone() />
                        <div class="field">
                            <label for="field-message">{lang.t(Key::ContactMessage)}</label>
                            <textarea id="field-message" name="message" rows="6" required minlength="10" maxlength=MESSAGE_MAX aria-describedby="field-message-hint" prop:value=move || kept.get()>{kept.get_untracked()}</textarea>
                            <p class="hint" id="field-message-hint">{lang.t(Key::ContactMessageHint)}</p>
                        </div>
                        <div class="field">
                            <label class="choice-inline">
                                <input type="checkbox" name="share_results" checked=true />
                                " "{lang.t(Key::ContactShare)}
                            </label>
                            <details class="hint">
                                <summary>{lang.t(Key::ContactShareWhat)}</summary>
                                <SummaryView summary=target.summary.clone() choices=target.choices.clone() />
                            </details>
                        </div>
                        <SubmitButton label=Key::ContactSend />
                    </ActionForm>
                </div>
            }.into_any()
        }}
    }
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = use_lang();
    let reply = ServerAction::<ReplyContactRequest>::new();
    let inbox = Resource::new(|| (), |_| get_inbox());
    let replied = query_value("replied");
    view! {
        <Title text=lang.t(Key::InboxTitle) />
        <section class="container">
            <p class="breadcrumb"><A href="/profile">{lang.t(Key::InboxBack)}</A></p>
            <h1>{lang.t(Key::InboxTitle)}</h1>
            <p class="lead">{lang.t(Key::InboxIntro)}</p>
            <Show when=move || replied.get() == "1">
                <div class="alert alert-success" role="status">{lang.t(Key::InboxReplied)}</div>
            </Show>
            <FormAlert error=action_error(reply) />
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match inbox.await {
                        Ok(i) if i.requests.is_empty() => view! { <p class="empty">{lang.t(Key::InboxEmpty)}</p> }.into_any(),
                        Ok(i) => view! {
                            <ul class="request-list">
                                {i.requests.into_iter().map(|r| view! { <InboxItem request=r choices=i.choices.clone() reply /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn InboxItem(
    request: RequestView,
    choices: Vec<TransitionChoice>,
    reply: ServerAction<ReplyContactRequest>,
) -> impl IntoView {
    let lang = use_lang();
    let id = request.id.to_string();
    let field_id = format!("reply-{}", request.id);
    view! {
        <li class="card request">
            <p class="request-head">
                <strong>{request.company_name.clone()}</strong>
                " · "{format_date(request.created_at)}" · "
                <span class="badge badge-pending">{lang.t(request.status.label())}</span>
            </p>
            <p>{lang.t(Key::InboxFrom)}": "{request.sender_name.clone()}" · "
                <a href=format!("mailto:{}", request.sender_email)>{request.sender_email.clone()}</a>
            </p>
            <blockquote class="pre-line">{request.message.clone()}</blockquote>
            {match request.summary.clone() {
                Some(s) => view! {
                    <details open>
                        <summary>{lang.t(Key::InboxSummary)}</summary>
                        <SummaryView summary=s choices=choices.clone() />
                    </details>
                }.into_any(),
                None => view! { <p class="muted">{lang.t(Key::InboxNoSummary)}</p> }.into_any(),
            }}
            {match request.reply.clone() {
                Some(text) => view! {
                    <p><strong>{lang.t(Key::InboxYourReply)}": "</strong></p>
                    <blockquote class="pre-line">{text}</blockquote>
                }.into_any(),
                None => view! {
                    <ActionForm action=reply>
                        <input type="hidden" name="id" value=id />
                        <div class="field">
                            <label for=field_id.clone()>{lang.t(Key::InboxReply)}</label>
                            <textarea id=field_id name="reply" rows="4" required minlength="10" maxlength=MESSAGE_MAX></textarea>
                        </div>
                        <SubmitButton label=Key::InboxSendReply />
                    </ActionForm>
                }.into_any(),
            }}
        </li>
    }
}

#[component]
pub fn StaffRequestsPage() -> impl IntoView {
    let lang = use_lang();
    let update = ServerAction::<SetRequestStatus>::new();
    let query = use_query_map();
    let position = Memo::new(move |_| ListPosition::from_query(&query.read()));
    let list = Resource::new(move || position.get(), staff_requests);
    let updated = query_value("updated");
    view! {
        <StaffPage title=Key::StaffRequestsTitle intro=Key::StaffRequestsIntro>
            <Show when=move || updated.get() == "1">
                <div class="alert alert-success" role="status">{lang.t(Key::StaffRequestsUpdated)}</div>
            </Show>
            <FormAlert error=action_error(update) />
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) if list.page.rows.is_empty() => view! { <p class="empty">{lang.t(Key::StaffRequestsEmpty)}</p> }.into_any(),
                        Ok(RequestList { counts, page }) => {
                            view! {
                                <ul class="status-counts">
                                    {counts.into_iter().map(|(s, n)| view! { <li><span class="figure-number">{n}</span>" "{lang.t(s.label())}</li> }).collect_view()}
                                </ul>
                                <div class="table-wrap" tabindex="0">
                                    <table class="requests-table">
                                        <thead><tr>
                                            <th scope="col">{lang.t(Key::StaffRequestsDate)}</th>
                                            <th scope="col">{lang.t(Key::StaffRequestsCompany)}</th>
                                            <th scope="col">{lang.t(Key::StaffRequestsProfile)}</th>
                                            <th scope="col">{lang.t(Key::StaffRequestsMessage)}</th>
                                            <th scope="col">{lang.t(Key::ProfileStatusLabel)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {page.rows.into_iter().map(|r| view! { <StaffRequestRow request=r update position=position.get_untracked() /> }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <ListPager previous=page.previous next=page.next base="/staff/requests" />
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </StaffPage>
    }
}

#[component]
fn StaffRequestRow(
    request: RequestView,
    update: ServerAction<SetRequestStatus>,
    position: ListPosition,
) -> impl IntoView {
    let lang = use_lang();
    let select_id = format!("status-{}", request.id);
    let current = request.status;
    view! {
        <tr>
            <td>{format_date(request.created_at)}</td>
            <td>{request.company_name.clone()}<br /><span class="muted">{request.sender_name.clone()}" · "{request.sender_email.clone()}</span></td>
            <td><A href=format!("/directory/{}", request.profile_slug)>{request.profile_name.clone()}</A></td>
            <td class="pre-line">{request.message.clone()}</td>
            <td>
                <ActionForm action=update attr:class="inline-form">
                    <input type="hidden" name="id" value=request.id.to_string() />
                    {match position {
                        ListPosition::After(id) => Some(view! { <input type="hidden" name="after" value=id.to_string() /> }.into_any()),
                        ListPosition::Before(id) => Some(view! { <input type="hidden" name="before" value=id.to_string() /> }.into_any()),
                        ListPosition::First => None,
                    }}
                    <label class="visually-hidden" for=select_id.clone()>{lang.t(Key::ProfileStatusLabel)}</label>
                    <select id=select_id name="status">
                        {RequestStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=s == current>{lang.t(s.label())}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="btn btn-secondary btn-small">{lang.t(Key::StaffRequestsSave)}</button>
                </ActionForm>
            </td>
        </tr>
    }
}
