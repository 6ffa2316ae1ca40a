//! Server functions for accounts. Each one checks who is asking, parses its input into domain
//! types and calls `service`. Stable endpoints (`/api/<name>`) so tests and scripts can call them.

use super::model::CurrentUser;
use super::session::SessionInfo;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::accounts::model::{
        parse_display_name, parse_organisation_name, safe_next_path, AccountKind, Email, Role,
    };
    pub use crate::accounts::service::{self, NewAccount};
    pub use crate::context::ServerContext;
    pub use crate::i18n::{request_lang, Key};
    pub use crate::web::cookies;
    pub use crate::web::request::{self, finish_form};

    /// Starts a session for `user` and sets its cookie (and the account's language).
    pub async fn start_session(
        ctx: &ServerContext,
        user: &crate::db::entities::user_account::Model,
    ) -> Result<(), crate::error::AppError> {
        let role = Role::stored(&user.role)?;
        let user_agent = leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|p| {
                p.headers
                    .get(http::header::USER_AGENT)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            })
            .unwrap_or_default();
        let secret = service::create_session(ctx, user.id, role, &user_agent).await?;
        cookies::append_cookie(&cookies::session_cookie(
            &secret,
            role.session_lifetime().absolute_secs,
            ctx.settings.secure_cookies,
        ));
        let locale = user.locale.as_str();
        // The account's language wins over whatever the browser had picked before logging in.
        cookies::append_cookie(&cookies::lang_cookie(locale, ctx.settings.secure_cookies));
        Ok(())
    }
}
#[cfg(feature = "ssr")]
use ssr::*;

#[server(endpoint = "current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(request::current_user())
}

#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: String) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let user = service::authenticate(&ctx, &email, &password, &request::client_ip()).await?;
        start_session(&ctx, &user).await?;
        // A log-in that came from a page goes back there; from the menu (next is the home
        // page) it lands where this kind of user works.
        let target = match Role::parse(&user.role) {
            Some(role) if matches!(next.as_str(), "" | "/") => role.landing_path().to_string(),
            _ => safe_next_path(&next),
        };
        leptos_axum::redirect(&target);
        Ok(())
    }
    .await;
    finish_form(result, &[("email", &email), ("next", &next)])
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    if let Some(secret) = request::auth().session_secret {
        service::end_session(&ctx, &secret).await?;
    }
    cookies::append_cookie(&cookies::expired_session_cookie(
        ctx.settings.secure_cookies,
    ));
    leptos_axum::redirect("/");
    Ok(())
}

#[server(endpoint = "register")]
pub async fn register(
    kind: String,
    name: String,
    organisation: Option<String>,
    email: String,
    password: String,
) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let kind = AccountKind::parse(&kind)
            .ok_or_else(|| crate::error::AppError::field("kind", Key::ErrKindInvalid))?;
        let name = parse_display_name(&name)?;
        let organisation_name = match kind.organisation_kind() {
            Some(_) => Some(parse_organisation_name(
                organisation.as_deref().unwrap_or(""),
            )?),
            None => None,
        };
        let email = Email::parse(&email)?;
        crate::db::rate_limit::hit(
            &ctx.db,
            crate::db::rate_limit::REGISTER_PER_IP,
            &request::client_ip(),
        )
        .await?;
        service::register(
            &ctx,
            NewAccount {
                kind,
                name,
                organisation_name,
                email,
                password,
                lang: request_lang(),
            },
        )
        .await?;
        leptos_axum::redirect("/check-email");
        Ok(())
    }
    .await;
    let org = organisation.clone().unwrap_or_default();
    finish_form(
        result,
        &[
            ("kind", &kind),
            ("name", &name),
            ("organisation", &org),
            ("email", &email),
        ],
    )
}

#[server(endpoint = "verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    service::verify_email(&ctx, &token)
        .await
        .map_err(request::with_status)
}

#[server(endpoint = "resend_verification")]
pub async fn resend_verification(email: String) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let parsed = Email::parse(&email)?;
        use crate::db::rate_limit::{
            hit, RESEND_VERIFICATION_PER_ACCOUNT, RESEND_VERIFICATION_PER_IP,
        };
        hit(&ctx.db, RESEND_VERIFICATION_PER_IP, &request::client_ip()).await?;
        hit(&ctx.db, RESEND_VERIFICATION_PER_ACCOUNT, parsed.as_str()).await?;
        service::resend_verification(&ctx, &parsed).await?;
        leptos_axum::redirect("/check-email");
        Ok(())
    }
    .await;
    finish_form(result, &[("email", &email)])
}

#[server(endpoint = "forgot_password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let parsed = Email::parse(&email)?;
        use crate::db::rate_limit::{hit, RESET_PER_EMAIL, RESET_PER_IP};
        hit(&ctx.db, RESET_PER_IP, &request::client_ip()).await?;
        hit(&ctx.db, RESET_PER_EMAIL, parsed.as_str()).await?;
        service::request_password_reset(&ctx, &parsed).await?;
        leptos_axum::redirect("/check-email?reset=1");
        Ok(())
    }
    .await;
    finish_form(result, &[("email", &email)])
}

#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        service::reset_password(&ctx, &token, &password).await?;
        leptos_axum::redirect("/login?reset=1");
        Ok(())
    }
    .await;
    finish_form(result, &[("token", &token)])
}

#[server(endpoint = "change_password")]
pub async fn change_password(current: String, password: String) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let user = request::require_user()?;
        service::change_password(&ctx, user.id, &current, &password).await?;
        // Every session ended with the change; keep this browser logged in with a new one.
        let account = service::account(&ctx.db, user.id).await?;
        start_session(&ctx, &account).await?;
        leptos_axum::redirect("/account?changed=1");
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

/// The logged-in user's live sessions ("your sessions" on the account page).
#[server(endpoint = "sessions")]
pub async fn my_sessions() -> Result<Vec<SessionInfo>, AppError> {
    let ctx = ServerContext::get()?;
    let user = request::require_user()?;
    let secret = request::auth().session_secret;
    service::list_sessions(&ctx.db, user.id, secret.as_deref()).await
}

/// Signs out one of the user's own sessions (another device, or this one).
#[server(endpoint = "sessions/end")]
pub async fn end_session(id: String) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let user = request::require_user()?;
        service::end_own_session(&ctx.db, user.id, &id).await?;
        let this_one = request::auth()
            .session_secret
            .is_some_and(|s| crate::accounts::token::hash_secret(&s) == id);
        if this_one {
            cookies::append_cookie(&cookies::expired_session_cookie(
                ctx.settings.secure_cookies,
            ));
            leptos_axum::redirect("/");
        } else {
            leptos_axum::redirect("/account?signed_out=1#sessions-title");
        }
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

/// Signs out every other session of the user: after a lost phone or a shared computer.
#[server(endpoint = "sessions/end_others")]
pub async fn end_other_sessions() -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let user = request::require_user()?;
        let secret = request::auth()
            .session_secret
            .ok_or(AppError::Unauthorized)?;
        service::end_other_sessions(&ctx.db, user.id, &secret).await?;
        leptos_axum::redirect("/account?signed_out=all#sessions-title");
        Ok(())
    }
    .await;
    finish_form(result, &[])
}

#[server(endpoint = "invite_colleague")]
pub async fn invite_colleague(email: String) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let user = request::require_user()?;
        let parsed = Email::parse(&email)?;
        service::invite(&ctx, &user, &parsed, request_lang()).await?;
        leptos_axum::redirect("/account?invited=1");
        Ok(())
    }
    .await;
    finish_form(result, &[("email", &email)])
}

/// The organisation's members as (name, e-mail) pairs.
#[server(endpoint = "organisation_members")]
pub async fn organisation_members() -> Result<Vec<(String, String)>, AppError> {
    let ctx = ServerContext::get()?;
    let user = request::require_user()?;
    match user.organisation_id {
        Some(id) => service::members(&ctx, id).await,
        None => Ok(Vec::new()),
    }
}

/// What an invitation link is for: (e-mail, organisation name).
#[server(endpoint = "invitation_info")]
pub async fn invitation_info(token: String) -> Result<(String, String), AppError> {
    let ctx = ServerContext::get()?;
    let (inv, org) = service::open_invitation(&ctx, &token)
        .await
        .map_err(request::with_status)?;
    Ok((inv.email, org.name))
}

#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    name: String,
    password: String,
) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let display_name = parse_display_name(&name)?;
        let lang = request_lang();
        let user = service::accept_invitation(&ctx, &token, display_name, &password, lang).await?;
        start_session(&ctx, &user).await?;
        leptos_axum::redirect("/account");
        Ok(())
    }
    .await;
    finish_form(result, &[("name", &name)])
}
