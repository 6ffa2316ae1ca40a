//! Account pages: log in, register, verify, forgotten and reset password, invitation. The
//! account overview is `my_account`.
//! Every form is an `ActionForm`: a plain HTML form without JavaScript, enhanced with it.

use super::api::{
    invitation_info, verify_email, AcceptInvitation, ForgotPassword, Register, ResendVerification,
    ResetPassword,
};
use crate::i18n::{use_lang, Key};
use crate::shell::use_auth;
use crate::ui::{
    action_error, query_value, ErrorAlert, FormAlert, PageHead, SubmitButton, TextInput,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

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
