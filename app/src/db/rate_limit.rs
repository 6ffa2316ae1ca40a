//! Rate limits on actions anyone can trigger, kept in the database so that several server
//! processes share them, and decided by one conditional statement so that requests fired in
//! parallel cannot slip past a count they all read before any of them wrote (the earlier
//! count-then-insert let 68 of 100 simultaneous attempts through a limit of 5).
//!
//! The rule is the generic cell rate algorithm (GCRA): a limit of `max` per `window` allows a
//! burst of `max` at once and then one more every `window / max`. One row per bucket and key
//! holds the "theoretical arrival time" (`tat`); an attempt is allowed when
//! `tat <= now + window - interval`, and then moves `tat` on by one interval. The insert and
//! the check are a single `INSERT … ON CONFLICT DO UPDATE … WHERE`, atomic on SQLite and
//! PostgreSQL alike. Log-in has its own growing delays (`accounts::throttle`).
//!
//! Each request reads the clock before its statement waits for the row, so of requests fired
//! together the one that read the clock first may be decided last, against a `tat` moved on
//! by later clocks: without slack the last of a permitted burst was refused now and then
//! (seen on PostgreSQL: one of five simultaneous sign-ups got 429). The check allows
//! [`CLOCK_SLACK_MS`] of that, less than any limit's interval, so no burst grows.

use super::entities::rate_limit;
use crate::error::AppError;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

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

/// E-mail verification sent again, per address asked for and per client address: the button
/// is there for a lost mail, not for mailing someone repeatedly.
pub const RESEND_VERIFICATION_PER_ACCOUNT: Limit = Limit {
    bucket: "resend_verify",
    max: 3,
    window_secs: 3600,
};
pub const RESEND_VERIFICATION_PER_IP: Limit = Limit {
    bucket: "resend_verify_ip",
    max: 20,
    window_secs: 3600,
};
/// "You already have an account" mails to one address, when someone registers it again.
pub const REGISTER_EXISTING_PER_RECIPIENT: Limit = Limit {
    bucket: "register_existing",
    max: 3,
    window_secs: 3600,
};
/// Invitations a company member sends, per inviting account (per day) and per invited address.
pub const INVITE_PER_ACCOUNT: Limit = Limit {
    bucket: "invite",
    max: 20,
    window_secs: 86_400,
};
pub const INVITE_PER_RECIPIENT: Limit = Limit {
    bucket: "invite_to",
    max: 3,
    window_secs: 86_400,
};
/// Visitor sign-up confirmation mails to one address, whoever asks for them.
pub const SIGN_UP_PER_RECIPIENT: Limit = Limit {
    bucket: "sign_up_to",
    max: 5,
    window_secs: 3600,
};
/// Assessments started without an account from one client address (an office shares one).
pub const ASSESSMENT_START_PER_IP: Limit = Limit {
    bucket: "assessment_start",
    max: 30,
    window_secs: 3600,
};

/// The current password typed to confirm a change or deletion, per account.
pub const CURRENT_PASSWORD_PER_ACCOUNT: Limit = Limit {
    bucket: "current_password",
    max: 5,
    window_secs: 900,
};

impl Limit {
    /// Milliseconds between two attempts once the burst is used up.
    fn interval_ms(self) -> i64 {
        (self.window_secs * 1000) / std::cmp::max(self.max, 1) as i64
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Counts one attempt, or refuses it with `TooManyAttempts` when `key` used up its limit.
/// A refused attempt is not counted, so waiting always helps.
/// How far apart the clocks of simultaneous requests may be read (see the module's text).
pub const CLOCK_SLACK_MS: i64 = 1000;

pub async fn hit(db: &impl ConnectionTrait, limit: Limit, key: &str) -> Result<(), AppError> {
    hit_at(db, limit, key, now_ms()).await
}

/// [`hit`] at a given time (milliseconds), for tests of the refill.
pub async fn hit_at(
    db: &impl ConnectionTrait,
    limit: Limit,
    key: &str,
    at_ms: i64,
) -> Result<(), AppError> {
    let key: String = key.chars().take(254).collect();
    let interval = limit.interval_ms();
    // Never a whole interval: the slack must not let one more through.
    let slack = std::cmp::min(CLOCK_SLACK_MS, interval - 1);
    let tat = Expr::col((rate_limit::Entity, rate_limit::Column::Tat));
    let statement = Query::insert()
        .into_table(rate_limit::Entity)
        .columns([
            rate_limit::Column::Bucket,
            rate_limit::Column::Key,
            rate_limit::Column::Tat,
        ])
        .values_panic([limit.bucket.into(), key.into(), (at_ms + interval).into()])
        .on_conflict(
            OnConflict::columns([rate_limit::Column::Bucket, rate_limit::Column::Key])
                .value(
                    rate_limit::Column::Tat,
                    Expr::case(tat.clone().lt(at_ms), at_ms + interval)
                        .finally(tat.clone().add(interval)),
                )
                .action_and_where(tat.lte(at_ms + limit.window_secs * 1000 - interval + slack))
                .to_owned(),
        )
        .to_owned();
    let done = db.execute(&statement).await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(AppError::TooManyAttempts)
    }
}

/// Forgets buckets that have filled up again (their `tat` has passed): the same as no row.
pub async fn prune(db: &impl ConnectionTrait) -> Result<(), AppError> {
    rate_limit::Entity::delete_many()
        .filter(rate_limit::Column::Tat.lt(now_ms()))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interval_spreads_the_window_over_the_limit() {
        assert_eq!(RESET_PER_EMAIL.interval_ms(), 1_200_000);
        assert_eq!(CONTACT_PER_USER.interval_ms(), 8_640_000);
    }
}
