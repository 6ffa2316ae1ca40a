//! What every server function and page render gets from the server (server only).

use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Shared by all requests; cheap to clone.
#[derive(Clone)]
pub struct ServerContext {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
}

/// Settings the app needs at request time (the server reads them from the environment).
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where people reach the site, used in links inside e-mails, e.g. `https://hub.example.nl`.
    pub public_base_url: String,
    /// Mark cookies `Secure` (set when the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Keys for signed tokens (e-mail verification, password reset, event links), shared by
    /// all processes: the current one signs, the previous one still verifies.
    pub signing_keys: crate::accounts::token::SigningKeys,
    /// How many reverse proxies of our own stand in front of the server (0: none; the socket's
    /// address is the client's). The client address is read that many entries from the right
    /// of `X-Forwarded-For`, the part our own proxies wrote.
    pub trusted_proxies: usize,
}

impl ServerContext {
    /// The context provided by the router; absent only if the server was wired up wrongly.
    pub fn get() -> Result<ServerContext, crate::error::AppError> {
        leptos::prelude::use_context::<ServerContext>().ok_or_else(|| {
            tracing::error!("ServerContext missing from the Leptos context");
            crate::error::AppError::Internal
        })
    }

    pub fn link(&self, path_and_query: &str) -> String {
        format!(
            "{}{}",
            self.settings.public_base_url.trim_end_matches('/'),
            path_and_query
        )
    }
}

/// Runs CPU- and memory-heavy work (password hashing, picture decoding) on the blocking pool
/// once one of `slots` is free, so a burst of requests cannot run an unbounded number of them
/// at once; `Busy` (503) when no slot frees up within `wait`.
pub async fn run_in_slot<T: Send + 'static>(
    slots: &'static tokio::sync::Semaphore,
    wait: std::time::Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, crate::error::AppError> {
    use crate::error::AppError;
    let _slot = tokio::time::timeout(wait, slots.acquire())
        .await
        .map_err(|_| AppError::Busy)?
        .map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| AppError::Internal)
}
