//! Matches (on the results page and their own page), the contact form, the provider's inbox
//! and the staff's list of every request.

use super::api::*;
use super::model::{RequestStatus, ResultsSummary, MESSAGE_MAX};
use super::view::*;
use crate::assessment::profile::{label, PROVINCES, SIZE_CLASSES};
use crate::i18n::{use_lang, Key, Lang};
use crate::matching::Reason;
use crate::providers::model::{transition_name, TransitionChoice};
use crate::ui::Loaded;
use crate::ui::{action_error, format_date, query_value, ErrorAlert, FormAlert, SubmitButton};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

fn param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get(name).unwrap_or_default()
}

/// "A, B en C" / "A, B and C".
fn join_names(names: &[String], lang: Lang) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {}", rest.join(", "), lang.t(Key::WordAnd), last),
    }
}

/// A reason in plain language.
pub fn reason_text(reason: &Reason, choices: &[TransitionChoice], lang: Lang) -> String {
    match reason {
        Reason::CoversPriorities(keys) => {
            let names: Vec<String> = keys
                .iter()
                .filter_map(|k| transition_name(choices, k).map(|t| t.get(lang).to_string()))
                .collect();
            lang.fill(
                Key::ReasonCovers,
                &[("transitions", &join_names(&names, lang))],
            )
        }
        Reason::ServesVariant(v) => lang.fill(
            Key::ReasonVariant,
            &[("variant", &lang.t(v.label()).to_lowercase())],
        ),
        Reason::ServesSize(s) => lang.fill(
            Key::ReasonSize,
            &[(
                "size",
                label(&SIZE_CLASSES, s)
                    .map(|k| lang.t(k))
                    .unwrap_or_default(),
            )],
        ),
        Reason::InRegion(r) => lang.fill(
            Key::ReasonRegion,
            &[(
                "region",
                label(&PROVINCES, r).map(|k| lang.t(k)).unwrap_or_default(),
            )],
        ),
    }
}

#[component]
fn MatchCard(
    m: MatchView,
    choices: Vec<TransitionChoice>,
    reference: String,
    can_contact: bool,
) -> impl IntoView {
    let lang = use_lang();
    let reasons: Vec<String> = m
        .reasons
        .iter()
        .map(|r| reason_text(r, &choices, lang))
        .collect();
    let contact = if m.requested {
        view! { <p class="badge badge-sent">{lang.t(Key::MatchRequested)}</p> }.into_any()
    } else if can_contact {
        view! {
            <A href=format!("/assessment/{reference}/contact/{}", m.slug) attr:class="btn btn-primary">
                {lang.t(Key::MatchContact)}
            </A>
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <li class="card match-card">
            <div class="profile-card-head">
                {m.logo_url.clone().map(|url| view! { <img class="logo-small" src=url alt="" /> })}
                <div>
                    <h3><A href=format!("/directory/{}", m.slug)>{m.name.clone()}</A></h3>
                    <p class="muted">{lang.t(m.kind.label())}" · "{lang.fill(Key::MatchScore, &[("score", &m.score.to_string())])}</p>
                </div>
            </div>
            <p>{m.pitch.clone()}</p>
            <p class="match-why"><strong>{lang.t(Key::MatchWhy)}</strong></p>
            <ul class="reasons">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            {contact}
        </li>
    }
}

/// Both lists of matches, with the contact buttons when the asker may use them.
#[component]
pub fn MatchLists(
    list: MatchList,
    #[prop(optional)] limit: Option<usize>,
    /// On a page of its own the two lists head at level 2 (under the page's h1); inside the
    /// results they sit under its "matches" h2, at level 3.
    #[prop(optional)]
    standalone: bool,
) -> impl IntoView {
    let lang = use_lang();
    let limit = limit.unwrap_or(usize::MAX);
    let section = |title: Key, items: Vec<MatchView>| {
        let choices = list.choices.clone();
        let reference = list.reference.clone();
        let can_contact = list.can_contact;
        let heading = lang.t(title);
        view! {
            {if standalone {
                view! { <h2 class="h3">{heading}</h2> }.into_any()
            } else {
                view! { <h3>{heading}</h3> }.into_any()
            }}
            {if items.is_empty() {
                view! { <p class="empty">{lang.t(Key::MatchNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="match-grid">
                        {items.into_iter().take(limit).map(|m| view! {
                            <MatchCard m choices=choices.clone() reference=reference.clone() can_contact />
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        }
    };
    let needs_account = !list.can_contact;
    view! {
        {needs_account.then(|| view! { <p class="alert alert-info no-print">{lang.t(Key::MatchNeedAccount)}</p> })}
        {section(Key::MatchProviders, list.providers.clone())}
        {section(Key::MatchConsultants, list.consultants.clone())}
    }
}

/// The matches block on the results page: the best three of each kind and a link to all.
#[component]
pub fn MatchesSection(reference: String) -> impl IntoView {
    let lang = use_lang();
    let r = reference.clone();
    let list = Resource::new(move || r.clone(), get_matches);
    view! {
        // Printed too: the report a company takes to its management names who can help.
        <section class="matches" aria-labelledby="matches-title">
            <h2 id="matches-title">{lang.t(Key::MatchTitle)}</h2>
            <p>{lang.t(Key::MatchIntro)}</p>
            <Loaded resource=list let:l>
                <MatchLists list=l limit=3 />
            </Loaded>
            <p><A href=format!("/assessment/{reference}/matches") attr:class="btn btn-secondary">{lang.t(Key::MatchAll)}</A></p>
        </section>
    }
}

#[component]
pub fn MatchesPage() -> impl IntoView {
    let lang = use_lang();
    let reference = param("reference");
    let list = Resource::new(reference, get_matches);
    let sent = query_value("sent");
    view! {
        <Title text=lang.t(Key::MatchTitle) />
        <section class="container">
            <p class="breadcrumb"><A href=move || format!("/assessment/{}/results", reference())>{lang.t(Key::MatchBackToResults)}</A></p>
            <h1>{lang.t(Key::MatchTitle)}</h1>
            <p class="lead">{lang.t(Key::MatchIntro)}</p>
            <Show when=move || sent.get() == "1">
                <div class="alert alert-success" role="status">{lang.t(Key::ContactSent)}</div>
            </Show>
            <Loaded resource=list let:l>
                <MatchLists list=l standalone=true />
            </Loaded>
            <p class="hint">{lang.t(Key::MatchHowItWorks)}</p>
        </section>
    }
}

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
    let reference = param("reference");
    let slug = param("slug");
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
    let list = Resource::new(|| (), |_| staff_requests());
    let updated = query_value("updated");
    view! {
        <Title text=lang.t(Key::StaffRequestsTitle) />
        <section class="container">
            <crate::ui::StaffNav />
            <h1>{lang.t(Key::StaffRequestsTitle)}</h1>
            <p class="lead">{lang.t(Key::StaffRequestsIntro)}</p>
            <Show when=move || updated.get() == "1">
                <div class="alert alert-success" role="status">{lang.t(Key::StaffRequestsUpdated)}</div>
            </Show>
            <FormAlert error=action_error(update) />
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! { <p class="empty">{lang.t(Key::StaffRequestsEmpty)}</p> }.into_any(),
                        Ok(items) => {
                            let counts = RequestStatus::ALL.map(|s| (s, items.iter().filter(|r| r.status == s).count()));
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
                                            {items.into_iter().map(|r| view! { <StaffRequestRow request=r update /> }).collect_view()}
                                        </tbody>
                                    </table>
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
fn StaffRequestRow(request: RequestView, update: ServerAction<SetRequestStatus>) -> impl IntoView {
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

/// The contact requests a company sent, with where each stands, on its own overview.
#[component]
pub fn MyRequests() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| my_requests());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let items = list.await.unwrap_or_default();
                view! {
                    <section class="card" aria-labelledby="my-requests-title">
                        <h2 id="my-requests-title">{lang.t(Key::MyRequestsTitle)}</h2>
                        {if items.is_empty() {
                            view! { <p class="empty">{lang.t(Key::MyRequestsEmpty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain-list">
                                    {items.into_iter().map(|r| view! {
                                        <li>
                                            <A href=format!("/directory/{}", r.profile_slug)>{r.profile_name.clone()}</A>
                                            " · "{format_date(r.created_at)}" "
                                            <span class="badge">{lang.t(r.status.label())}</span>
                                            {r.reply.clone().map(|reply| view! { <p class="muted pre-line">{reply}</p> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                }
            })}
        </Transition>
    }
}
