//! Log-in throttling: growing delays instead of a lock-out (server only).
//!
//! Every log-in attempt is counted *before* the password is checked, against three keys: the
//! account and client-address pair, the client address, and the account. Each key allows a
//! number of attempts without delay; after that the next attempt must wait 30 seconds, and
//! each further one twice as long as the one before, up to a cap. A correct password clears the pair and takes back its own
//! count from the other two. So:
//! - guessing one password from one address slows to one try per quarter of an hour after
//!   ten;
//! - one address trying a common password against many accounts slows the same way;
//! - an attacker spread over many addresses can delay an account's log-in by at most a minute,
//!   and never locks its owner out (the old limit locked any account for 15 minutes after five
//!   wrong passwords, whoever typed them).
//!
//! Claiming an attempt is one conditional upsert (`… ON CONFLICT DO UPDATE … WHERE
//! blocked_until <= now`), so a hundred attempts fired at once get exactly the free attempts
//! and no more, on SQLite and PostgreSQL, across server processes.

use crate::db::entities::login_throttle;
use crate::error::AppError;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// One kind of key and how it slows down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    prefix: &'static str,
    /// Attempts without any delay.
    pub free: i32,
    /// The longest wait, in seconds.
    pub cap_secs: i64,
}

/// The same account from the same address.
pub const PAIR: Policy = Policy {
    prefix: "pair",
    free: 5,
    cap_secs: 15 * 60,
};
/// Any account from one address (an office shares one, so more room).
pub const ADDRESS: Policy = Policy {
    prefix: "ip",
    free: 30,
    cap_secs: 15 * 60,
};
/// One account from anywhere: a short cap, so a spread-out attacker cannot keep the owner out.
pub const ACCOUNT: Policy = Policy {
    prefix: "account",
    free: 50,
    cap_secs: 60,
};

/// Counting starts again after an hour without attempts.
pub const FORGET_AFTER_SECS: i64 = 3600;
/// The first wait once the free attempts are used; each further attempt doubles it. Long
/// enough that a second boundary between two attempts never lets the next one through.
pub const FIRST_DELAY_SECS: i64 = 30;

impl Policy {
    /// Seconds to wait after the `n`th counted attempt: none within the free attempts, then
    /// 30, 60, 120, … up to the cap.
    pub fn delay_after(self, n: i32) -> i64 {
        if n < self.free {
            return 0;
        }
        let doublings = std::cmp::min(n - self.free, 20) as u32;
        std::cmp::min(FIRST_DELAY_SECS << doublings, self.cap_secs)
    }

    fn key(self, value: &str) -> String {
        let value: String = value.chars().take(320).collect();
        format!("{}:{value}", self.prefix)
    }
}

/// The keys one attempt counts against.
pub fn keys(account: &str, address: &str) -> [(Policy, String); 3] {
    [
        (PAIR, PAIR.key(&format!("{account}|{address}"))),
        (ADDRESS, ADDRESS.key(address)),
        (ACCOUNT, ACCOUNT.key(account)),
    ]
}

/// Counts an attempt against every key, or refuses it with `TooManyAttempts` when one of
/// them is still waiting. A refused attempt is not counted against the key that refused it.
pub async fn claim(
    db: &impl ConnectionTrait,
    account: &str,
    address: &str,
) -> Result<(), AppError> {
    claim_at(db, account, address, crate::db::now()).await
}

pub async fn claim_at(
    db: &impl ConnectionTrait,
    account: &str,
    address: &str,
    at: i64,
) -> Result<(), AppError> {
    for (policy, key) in keys(account, address) {
        let done = db.execute(&claim_statement(policy, &key, at)).await?;
        if done.rows_affected() != 1 {
            return Err(AppError::TooManyAttempts);
        }
    }
    Ok(())
}

/// After a correct password: the pair starts again, the other keys lose this attempt.
pub async fn succeeded(
    db: &impl ConnectionTrait,
    account: &str,
    address: &str,
) -> Result<(), AppError> {
    let [(_, pair), (_, by_address), (_, by_account)] = keys(account, address);
    login_throttle::Entity::delete_by_id(pair).exec(db).await?;
    login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::Failures,
            Expr::col(login_throttle::Column::Failures).sub(1),
        )
        .filter(login_throttle::Column::Key.is_in([by_address, by_account]))
        .filter(login_throttle::Column::Failures.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets keys nobody tried for longer than the forget time.
pub async fn prune(db: &impl ConnectionTrait) -> Result<(), AppError> {
    login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::LastAt.lt(crate::db::now() - FORGET_AFTER_SECS))
        .filter(login_throttle::Column::BlockedUntil.lt(crate::db::now()))
        .exec(db)
        .await?;
    Ok(())
}

/// `INSERT (key, 1, at, at + delay(1)) ON CONFLICT (key) DO UPDATE SET failures = n,
/// blocked_until = at + delay(n), last_at = at WHERE blocked_until <= at`, where `n` is the
/// stored count plus one (or one again after the forget time).
fn claim_statement(policy: Policy, key: &str, at: i64) -> sea_orm::sea_query::InsertStatement {
    let col = |c: login_throttle::Column| Expr::col((login_throttle::Entity, c));
    let forgotten = col(login_throttle::Column::LastAt).lt(at - FORGET_AFTER_SECS);
    let next: SimpleExpr = Expr::case(forgotten, 1)
        .finally(col(login_throttle::Column::Failures).add(1))
        .into();
    Query::insert()
        .into_table(login_throttle::Entity)
        .columns([
            login_throttle::Column::Key,
            login_throttle::Column::Failures,
            login_throttle::Column::LastAt,
            login_throttle::Column::BlockedUntil,
        ])
        .values_panic([
            key.into(),
            1.into(),
            at.into(),
            (at + policy.delay_after(1)).into(),
        ])
        .on_conflict(
            OnConflict::column(login_throttle::Column::Key)
                .value(login_throttle::Column::Failures, next.clone())
                .value(login_throttle::Column::LastAt, at)
                .value(
                    login_throttle::Column::BlockedUntil,
                    Expr::val(at).add(delay_expr(policy, next)),
                )
                .action_and_where(col(login_throttle::Column::BlockedUntil).lte(at))
                .to_owned(),
        )
        .to_owned()
}

/// [`Policy::delay_after`] as SQL over the expression `n`: a `CASE` with one arm per
/// doubling, which both databases evaluate the same way.
fn delay_expr(policy: Policy, n: SimpleExpr) -> SimpleExpr {
    let mut case = Expr::case(n.clone().lt(policy.free), 0);
    let mut count = policy.free;
    loop {
        let delay = policy.delay_after(count);
        if delay >= policy.cap_secs {
            break;
        }
        case = case.case(n.clone().eq(count), delay);
        count += 1;
    }
    case.finally(policy.cap_secs).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_after_the_free_attempts_and_stop_at_the_cap() {
        let delays: Vec<i64> = (1..=11).map(|n| PAIR.delay_after(n)).collect();
        assert_eq!(delays, [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]);
        assert_eq!(ACCOUNT.delay_after(49), 0);
        assert_eq!(ACCOUNT.delay_after(50), 30);
        assert_eq!(ACCOUNT.delay_after(57), 60);
        assert_eq!(ADDRESS.delay_after(1_000_000), 900);
    }

    #[test]
    fn keys_keep_account_and_address_apart() {
        let [(_, pair), (_, ip), (_, account)] = keys("anna@x.nl", "10.0.0.1");
        assert_eq!(pair, "pair:anna@x.nl|10.0.0.1");
        assert_eq!(ip, "ip:10.0.0.1");
        assert_eq!(account, "account:anna@x.nl");
    }
}
