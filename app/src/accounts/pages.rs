//! Account pages: log in, register, verify, forgotten and reset password, account, invitation.
//! Every form is an `ActionForm`: a plain HTML form without JavaScript, enhanced with it.

use super::api::{
    invitation_info, my_sessions, organisation_members, verify_email, AcceptInvitation,
    ChangePassword, DeleteAccount, EndOtherSessions, EndSession, ForgotPassword, InviteColleague,
    Register, ResendVerification, ResetPassword,
};
use crate::i18n::{use_lang, Key};
use crate::shell::use_auth;
use crate::ui::{action_error, query_value, ErrorAlert, FormAlert, SubmitButton, TextInput};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The page heading and title in one.
#[component]
fn PageHead(title: Key, #[prop(optional)] intro: Option<Key>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(title) />
        <h1>{lang.t(title)}</h1>
        {intro.map(|k| view! { <p class="lead">{lang.t(k)}</p> })}
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let login = use_auth().login;
    let next = query_value("next");
    let reset_done = query_value("reset");
    view! {
        <section class="container narrow">
            <PageHead title=Key::LoginTitle />
            <Show when=move || reset_done.get() == "1">
                <div class="alert alert-success" role="status">{lang.t(Key::ResetDone)}</div>
            </Show>
            <div class="card">
                <ActionForm action=login>
                    <FormAlert error=action_error(login) />
                    <input type="hidden" name="next" value=move || next.get() />
                    <TextInput name="email" label=Key::FieldEmail kind="email" autocomplete="email" required=true />
                    <TextInput name="password" label=Key::FieldPassword kind="password" autocomplete="current-password" required=true />
                    <SubmitButton label=Key::LoginSubmit />
                </ActionForm>
                <p class="form-links">
                    <A href="/forgot-password">{lang.t(Key::ForgotLink)}</A>
                    " · "
                    <A href="/register">{lang.t(Key::NoAccountLink)}</A>
                </p>
            </div>
        </section>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let register = ServerAction::<Register>::new();
    // The kind chosen before a failed plain post, else "company": what most visitors are.
    // Choosing "consultant" hides the organisation field through the stylesheet (`:has`), so
    // no code runs in the browser for it.
    let chosen = Some(query_value("kind").get_untracked())
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| "company".to_string());
    let kinds = [
        ("company", Key::KindCompany, Key::KindCompanyHint),
        ("provider", Key::KindProvider, Key::KindProviderHint),
        ("consultant", Key::KindConsultant, Key::KindConsultantHint),
    ];
    view! {
        <section class="container narrow">
            <PageHead title=Key::RegisterTitle intro=Key::RegisterIntro />
            <div class="card">
                <ActionForm action=register attr:class="register-form">
                    <FormAlert error=action_error(register) />
                    <fieldset class="choice-group">
                        <legend>{lang.t(Key::FieldKind)}</legend>
                        {kinds
                            .into_iter()
                            .map(|(value, label, hint)| {
                                view! {
                                    <label class="choice">
                                        <input
                                            type="radio"
                                            name="kind"
                                            value=value
                                            checked=chosen == value
                                        />
                                        <span>
                                            <strong>{lang.t(label)}</strong>
                                            <span class="hint">{lang.t(hint)}</span>
                                        </span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <TextInput name="name" label=Key::FieldName autocomplete="name" required=true />
                    <div class="organisation-field">
                        <TextInput name="organisation" label=Key::FieldOrganisation autocomplete="organization" hint=Key::FieldOrganisationHint />
                    </div>
                    <TextInput name="email" label=Key::FieldEmail kind="email" autocomplete="email" required=true />
                    <TextInput name="password" label=Key::FieldPassword kind="password" autocomplete="new-password" hint=Key::PasswordHint required=true />
                    <SubmitButton label=Key::RegisterSubmit />
                </ActionForm>
                <p class="form-links">
                    <A href="/login">{lang.t(Key::HaveAccountLink)}</A>
                </p>
            </div>
        </section>
    }
}

#[component]
pub fn CheckEmailPage() -> impl IntoView {
    let lang = use_lang();
    let reset = query_value("reset");
    let resend = ServerAction::<ResendVerification>::new();
    view! {
        <section class="container narrow page-message">
            <PageHead title=Key::CheckEmailTitle />
            <p class="lead">
                {move || if reset.get() == "1" { lang.t(Key::CheckEmailReset) } else { lang.t(Key::CheckEmailVerify) }}
            </p>
            <Show when=move || reset.get() != "1">
                <details class="card">
                    <summary>{lang.t(Key::ResendTitle)}</summary>
                    <ActionForm action=resend>
                        <FormAlert error=action_error(resend) />
                        <TextInput name="email" label=Key::FieldEmail kind="email" autocomplete="email" required=true />
                        <SubmitButton label=Key::ResendSubmit />
                    </ActionForm>
                </details>
            </Show>
        </section>
    }
}

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let lang = use_lang();
    let token = query_value("token");
    // Runs on the server during the first render, so the link works without JavaScript.
    let result = Resource::new(move || token.get(), verify_email);
    view! {
        <section class="container narrow page-message">
            <PageHead title=Key::VerifyTitle />
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match result.await {
                        Ok(()) => view! {
                            <div class="alert alert-success" role="status">{lang.t(Key::VerifyDone)}</div>
                            <A href="/login" attr:class="btn btn-primary">{lang.t(Key::NavLogin)}</A>
                        }.into_any(),
                        Err(e) => view! {
                            <ErrorAlert error=e />
                            <A href="/check-email" attr:class="btn btn-secondary">{lang.t(Key::ResendTitle)}</A>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let forgot = ServerAction::<ForgotPassword>::new();
    view! {
        <section class="container narrow">
            <PageHead title=Key::ForgotTitle intro=Key::ForgotIntro />
            <div class="card">
                <ActionForm action=forgot>
                    <FormAlert error=action_error(forgot) />
                    <TextInput name="email" label=Key::FieldEmail kind="email" autocomplete="email" required=true />
                    <SubmitButton label=Key::ForgotSubmit />
                </ActionForm>
            </div>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let reset = ServerAction::<ResetPassword>::new();
    let token = query_value("token");
    view! {
        <section class="container narrow">
            <PageHead title=Key::ResetTitle />
            <div class="card">
                <ActionForm action=reset>
                    <FormAlert error=action_error(reset) />
                    <input type="hidden" name="token" value=move || token.get() />
                    <TextInput name="password" label=Key::FieldNewPassword kind="password" autocomplete="new-password" hint=Key::PasswordHint required=true />
                    <SubmitButton label=Key::ResetSubmit />
                </ActionForm>
            </div>
        </section>
    }
}

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
                                    <crate::assessment::pages::MyAssessments />
                                    <crate::plan::account::MyPlans />
                                    <crate::contact::pages::MyRequests />
                                })}
                                <crate::events::pages::MySignUps />
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

#[component]
pub fn InvitePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let info = Resource::new(token, invitation_info);
    let accept = ServerAction::<AcceptInvitation>::new();
    view! {
        <section class="container narrow">
            <PageHead title=Key::InviteTitle />
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok((email, organisation)) => view! {
                            <p class="lead">{lang.fill(Key::InviteIntro, &[("organisation", &organisation), ("email", &email)])}</p>
                            <div class="card">
                                <ActionForm action=accept>
                                    <FormAlert error=action_error(accept) />
                                    <input type="hidden" name="token" value=token() />
                                    <TextInput name="name" label=Key::FieldName autocomplete="name" required=true />
                                    <TextInput name="password" label=Key::FieldPassword kind="password" autocomplete="new-password" hint=Key::PasswordHint required=true />
                                    <SubmitButton label=Key::InviteAccept />
                                </ActionForm>
                            </div>
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
