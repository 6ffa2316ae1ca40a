//! The error a page receives from a server function.
//!
//! It carries only what the user may see: a translation [`Key`] (and, for form errors, the
//! field it belongs to). Internal details are logged on the server with the request id and
//! never sent to the browser.

use crate::i18n::{Key, Lang};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Input the user can correct; `field` names the form control it belongs to.
    #[error("invalid input: {key:?}")]
    Invalid { key: Key, field: Option<String> },
    #[error("not logged in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("too many attempts")]
    TooManyAttempts,
    /// The server cannot take this on right now (all password-hashing slots busy); nothing
    /// was changed and trying again shortly will work.
    #[error("busy")]
    Busy,
    /// Something went wrong on our side; the details are in the server log.
    #[error("internal error")]
    Internal,
    /// The request could not be decoded or reached the server in a broken state.
    #[error("request failed")]
    Request,
}

impl AppError {
    pub fn invalid(key: Key) -> Self {
        AppError::Invalid { key, field: None }
    }

    pub fn field(field: &str, key: Key) -> Self {
        AppError::Invalid {
            key,
            field: Some(field.to_string()),
        }
    }

    pub fn key(&self) -> Key {
        match self {
            AppError::Invalid { key, .. } => *key,
            AppError::Unauthorized => Key::ErrUnauthorized,
            AppError::Forbidden => Key::ErrForbidden,
            AppError::NotFound => Key::ErrNotFound,
            AppError::TooManyAttempts => Key::ErrTooManyAttempts,
            AppError::Busy => Key::ErrBusy,
            AppError::Internal => Key::ErrInternal,
            AppError::Request => Key::ErrRequest,
        }
    }

    pub fn message(&self, lang: Lang) -> &'static str {
        lang.t(self.key())
    }

    pub fn http_status(&self) -> u16 {
        match self {
            AppError::Invalid { .. } => 422,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::TooManyAttempts => 429,
            AppError::Busy => 503,
            AppError::Internal | AppError::Request => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The browser sent something the server function cannot decode: bad input.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::invalid(Key::ErrBadRequest)
            }
            // On the server: the request body could not be read or decoded (not text, cut
            // off), which is bad input too.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::invalid(Key::ErrBadRequest)
            }
            // In the browser: the request never made it, or the answer could not be read: a
            // connection problem.
            #[cfg(not(feature = "ssr"))]
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::Request
            }
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %redact_values(&err.to_string()), "database error");
        AppError::Internal
    }
}

/// A database error message without the values it quotes: PostgreSQL repeats the offending
/// input (`invalid input syntax for type bigint: "…"`, `Key (email)=(anna@…)`), which can be
/// personal data and does not belong in a log many people read. Names of constraints and
/// columns stay, which is what the operator needs.
pub fn redact_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    loop {
        let quoted = rest.find(": \"").map(|i| (i + 2, '"'));
        let keyed = rest.find(")=(").map(|i| (i + 2, ')'));
        let next = [quoted, keyed]
            .into_iter()
            .flatten()
            .min_by_key(|(i, _)| *i);
        let Some((start, close)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..=start]);
        let after = &rest[start + 1..];
        match after.find(close) {
            Some(end) => {
                out.push('…');
                out.push(close);
                rest = &after[end + 1..];
            }
            None => {
                out.push('…');
                return out;
            }
        }
    }
}

#[cfg(test)]
mod redact_tests {
    use super::redact_values;

    #[test]
    fn quoted_values_leave_the_log_and_names_stay() {
        assert_eq!(
            redact_values(r#"invalid input syntax for type bigint: "anna@bedrijf.nl""#),
            r#"invalid input syntax for type bigint: "…""#
        );
        assert_eq!(
            redact_values(
                r#"duplicate key value violates unique constraint "ux_user_email" Key (email)=(anna@bedrijf.nl) already exists."#
            ),
            r#"duplicate key value violates unique constraint "ux_user_email" Key (email)=(…) already exists."#
        );
        assert_eq!(
            redact_values("UNIQUE constraint failed: event_registration.email"),
            "UNIQUE constraint failed: event_registration.email"
        );
        assert_eq!(redact_values(r#"x: "unclosed"#), r#"x: "…"#);
    }
}
