//! "My account": what a person has here in one place. A company member sees the company's
//! assessments, plans and contact requests first; everyone sees their event sign-ups, account
//! details and password, sessions, colleagues and their data (download, delete). Each domain
//! supplies its own section; this page only puts them in order.

use super::api::DeleteAccount;
use crate::accounts::api::{
    my_sessions, organisation_members, ChangePassword, EndOtherSessions, EndSession,
    InviteColleague,
};
use crate::i18n::{use_lang, Key};
use crate::shell::use_auth;
use crate::ui::{
    action_error, query_value, ErrorAlert, FormAlert, PageHead, SubmitButton, TextInput,
};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn AccountPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <section class="container">
            <PageHead title=Key::AccountTitle />
            <Transition fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match auth.user.await {
                        Ok(Some(user)) => {
                            // A company's overview: its assessments and requests first.
                            let company = user.role == crate::accounts::model::Role::CompanyMember;
                            view! {
                                {company.then(|| view! {
                                    <crate::assessment::sections::MyAssessments />
                                    <crate::plan::account::MyPlans />
                                    <crate::contact::sections::MyRequests />
                                })}
                                <crate::events::sections::MySignUps />
                                <AccountDetails user />
                                <MySessions />
                                <MyData />
                            }.into_any()
                        }
                        _ => view! { <LoginNeeded /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// "Your sessions": every browser where the user is logged in, with sign-out per session and
/// for all others. Plain forms, so they work without JavaScript.
#[component]
fn MySessions() -> impl IntoView {
    let lang = use_lang();
    let end_one = ServerAction::<EndSession>::new();
    let end_others = ServerAction::<EndOtherSessions>::new();
    let signed_out = query_value("signed_out");
    let sessions = Resource::new(|| (), |_| my_sessions());
    view! {
        <section class="card sessions" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{lang.t(Key::SessionsTitle)}</h2>
            <p>{lang.t(Key::SessionsIntro)}</p>
            <Show when=move || !signed_out.get().is_empty()>
                <div class="alert alert-success" role="status">{lang.t(Key::SessionsSignedOut)}</div>
            </Show>
            <FormAlert error=action_error(end_one) />
            <Transition fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    let list = match sessions.await {
                        Ok(list) => list,
                        Err(e) => return view! { <ErrorAlert error=e /> }.into_any(),
                    };
                    let others = list.iter().filter(|s| !s.current).count();
                    view! {
                        <ul class="plain-list session-list">
                            {list.into_iter().map(|s| view! { <SessionRow session=s end_one /> }).collect_view()}
                        </ul>
                        {(others > 0).then(|| view! {
                            <ActionForm action=end_others attr:class="inline-form">
                                <button type="submit" class="btn btn-secondary">{lang.t(Key::SessionsEndOthers)}</button>
                            </ActionForm>
                        })}
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SessionRow(
    session: crate::accounts::session::SessionInfo,
    end_one: ServerAction<EndSession>,
) -> impl IntoView {
    let lang = use_lang();
    let device = if session.device.is_empty() {
        lang.t(Key::SessionsUnknownDevice).to_string()
    } else {
        session.device.clone()
    };
    let when = |unix: i64| {
        let local = crate::time::to_local(unix);
        format!("{} {}", local.date_nl(), local.time())
    };
    let details = lang.fill(
        Key::SessionsDetails,
        &[
            ("started", &when(session.created_at)),
            ("seen", &when(session.last_seen_at)),
        ],
    );
    // Each button says which browser it signs out; the accessible name starts with the
    // visible text (WCAG 2.5.3).
    let which = if session.current {
        lang.t(Key::SessionsThisDevice).to_string()
    } else {
        device.clone()
    };
    let label = lang.fill(Key::SessionsEndOne, &[("device", &which)]);
    view! {
        <li class="session-row">
            <div>
                <strong>{device.clone()}</strong>
                {session.current.then(|| view! { " " <span class="badge badge-sent">{lang.t(Key::SessionsThisDevice)}</span> })}
                <br />
                <span class="muted">{details}</span>
            </div>
            <ActionForm action=end_one attr:class="inline-form">
                <input type="hidden" name="id" value=session.id />
                <button type="submit" class="btn btn-secondary btn-small" aria-label=label>
                    {lang.t(Key::SessionsEnd)}
                </button>
            </ActionForm>
        </li>
    }
}

/// A copy of one's data, and deleting one's account (GDPR).
#[component]
fn MyData() -> impl IntoView {
    let lang = use_lang();
    let delete = ServerAction::<DeleteAccount>::new();
    view! {
        <section class="card my-data" aria-labelledby="my-data-title">
            <h2 id="my-data-title">{lang.t(Key::PrivacyTitle)}</h2>
            <p>{lang.t(Key::PrivacyIntro)}</p>
            <p><a href="/account/export.json" download class="btn btn-secondary">{lang.t(Key::PrivacyDownload)}</a></p>
            <details>
                <summary>{lang.t(Key::PrivacyDelete)}</summary>
                <p>{lang.t(Key::PrivacyDeleteHint)}</p>
                <FormAlert error=action_error(delete) />
                <ActionForm action=delete attr:class="stack">
                    <div class="field">
                        <label for="delete-password">{lang.t(Key::PrivacyPassword)}</label>
                        <input id="delete-password" name="password" type="password" autocomplete="current-password" required />
                    </div>
                    <label class="checkbox">
                        <input type="checkbox" name="confirm" value="on" required />
                        {lang.t(Key::PrivacyConfirm)}
                    </label>
                    <button type="submit" class="btn btn-danger">{lang.t(Key::PrivacyDeleteButton)}</button>
                </ActionForm>
            </details>
        </section>
    }
}

#[component]
fn LoginNeeded() -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="alert alert-info" role="status">
            <p>{lang.t(Key::LoginNeeded)}</p>
            <A href="/login?next=/account" attr:class="btn btn-primary">{lang.t(Key::NavLogin)}</A>
        </div>
    }
}

#[component]
fn AccountDetails(user: crate::accounts::model::CurrentUser) -> impl IntoView {
    let lang = use_lang();
    let change = ServerAction::<ChangePassword>::new();
    let changed = query_value("changed");
    let has_org = user.role.has_organisation() && user.organisation_id.is_some();
    view! {
        <Show when=move || changed.get() == "1">
            <div class="alert alert-success" role="status">{lang.t(Key::PasswordChanged)}</div>
        </Show>
        <div class="grid-2">
            <div class="card">
                <h2>{lang.t(Key::AccountDetails)}</h2>
                <dl class="details">
                    <dt>{lang.t(Key::FieldName)}</dt>
                    <dd>{user.name.clone()}</dd>
                    <dt>{lang.t(Key::FieldEmail)}</dt>
                    <dd>{user.email.clone()}</dd>
                    <dt>{lang.t(Key::FieldRole)}</dt>
                    <dd>{lang.t(user.role.label())}</dd>
                    {user.organisation_name.clone().map(|org| view! {
                        <dt>{lang.t(Key::FieldOrganisation)}</dt>
                        <dd>{org}</dd>
                    })}
                </dl>
            </div>
            <div class="card">
                <h2>{lang.t(Key::ChangePasswordTitle)}</h2>
                <ActionForm action=change>
                    <FormAlert error=action_error(change) />
                    <TextInput name="current" label=Key::FieldCurrentPassword kind="password" autocomplete="current-password" required=true />
                    <TextInput name="password" label=Key::FieldNewPassword kind="password" autocomplete="new-password" hint=Key::PasswordHint required=true />
                    <SubmitButton label=Key::ChangePasswordSubmit />
                </ActionForm>
            </div>
        </div>
        {has_org.then(|| view! { <Colleagues /> })}
    }
}

#[component]
fn Colleagues() -> impl IntoView {
    let lang = use_lang();
    let invite = ServerAction::<InviteColleague>::new();
    let invited = query_value("invited");
    let members = Resource::new(|| (), |_| organisation_members());
    view! {
        <div class="card">
            <h2>{lang.t(Key::ColleaguesTitle)}</h2>
            <Transition fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    let rows = members.await.unwrap_or_default();
                    view! {
                        <ul class="plain-list">
                            {rows.into_iter().map(|(name, email)| view! {
                                <li><strong>{name}</strong>" "<span class="muted">{email}</span></li>
                            }).collect_view()}
                        </ul>
                    }
                })}
            </Transition>
            <Show when=move || invited.get() == "1">
                <div class="alert alert-success" role="status">{lang.t(Key::InviteSent)}</div>
            </Show>
            <ActionForm action=invite>
                <FormAlert error=action_error(invite) />
                <TextInput name="email" label=Key::InviteEmail kind="email" autocomplete="off" required=true />
                <SubmitButton label=Key::InviteSubmit />
            </ActionForm>
        </div>
    }
}
