//! The one server function of the account overview that is not an account's own: deleting
//! the account with everything a person left in every domain (`privacy`).

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::context::ServerContext;
    pub use crate::i18n::Key;
    pub use crate::web::cookies;
    pub use crate::web::request::{self, finish_form};
}
#[cfg(feature = "ssr")]
use ssr::*;

/// Deletes the logged-in user's account (GDPR), after the password and an explicit
/// confirmation; logs out and goes to the home page.
#[server(endpoint = "delete_account")]
pub async fn delete_account(password: String, confirm: Option<String>) -> Result<(), AppError> {
    let ctx = ServerContext::get()?;
    let result = async {
        let user = request::require_user()?;
        if confirm.as_deref() != Some("on") {
            return Err(AppError::field("confirm", Key::ErrDeleteConfirm));
        }
        super::privacy::delete_account(&ctx, &user, &password).await?;
        cookies::append_cookie(&cookies::expired_session_cookie(
            ctx.settings.secure_cookies,
        ));
        leptos_axum::redirect("/?deleted=1");
        Ok(())
    }
    .await;
    finish_form(result, &[])
}
