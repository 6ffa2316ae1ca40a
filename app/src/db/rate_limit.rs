//! Rate limits on actions anyone can trigger, counted in the database so that several server
//! processes share them. Log-in has its own, stricter counting (`accounts::service`).

use super::entities::rate_event;
use super::now;
use crate::error::AppError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

/// What is limited, how often, per how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub bucket: &'static str,
    pub max: u64,
    pub window_secs: i64,
}

/// New accounts from one address: a school or office shares one, so not too tight.
pub const REGISTER_PER_IP: Limit = Limit {
    bucket: "register",
    max: 20,
    window_secs: 3600,
};
/// Password-reset mails: per address asked for, and per client address.
pub const RESET_PER_EMAIL: Limit = Limit {
    bucket: "reset_email",
    max: 3,
    window_secs: 3600,
};
pub const RESET_PER_IP: Limit = Limit {
    bucket: "reset_ip",
    max: 20,
    window_secs: 3600,
};
/// Event sign-ups by visitors without an account, per client address.
pub const SIGN_UP_PER_IP: Limit = Limit {
    bucket: "sign_up",
    max: 30,
    window_secs: 3600,
};
/// The resume link mailed to oneself: per assessment and per client address, so the form
/// cannot be used to send mail to strangers in bulk.
pub const RESUME_MAIL_PER_ASSESSMENT: Limit = Limit {
    bucket: "resume_mail",
    max: 3,
    window_secs: 3600,
};
pub const RESUME_MAIL_PER_IP: Limit = Limit {
    bucket: "resume_mail_ip",
    max: 10,
    window_secs: 3600,
};
/// Contact requests a user sends to providers and consultants, per day.
pub const CONTACT_PER_USER: Limit = Limit {
    bucket: "contact",
    max: 10,
    window_secs: 86_400,
};

/// Counts one attempt, or refuses it with `TooManyAttempts` when `key` used up its limit.
/// A refused attempt is not counted, so waiting always helps.
pub async fn hit(db: &impl ConnectionTrait, limit: Limit, key: &str) -> Result<(), AppError> {
    let at = now();
    let key: String = key.chars().take(254).collect();
    let recent = rate_event::Entity::find()
        .filter(rate_event::Column::Bucket.eq(limit.bucket))
        .filter(rate_event::Column::Key.eq(key.clone()))
        .filter(rate_event::Column::At.gt(at - limit.window_secs))
        .count(db)
        .await?;
    if recent >= limit.max {
        return Err(AppError::TooManyAttempts);
    }
    rate_event::ActiveModel {
        bucket: Set(limit.bucket.to_string()),
        key: Set(key),
        at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Forgets attempts older than a day (the longest window).
pub async fn prune(db: &impl ConnectionTrait) -> Result<(), AppError> {
    rate_event::Entity::delete_many()
        .filter(rate_event::Column::At.lt(now() - 86_400))
        .exec(db)
        .await?;
    Ok(())
}
