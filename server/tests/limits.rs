//! Limits that must hold when requests arrive in parallel (issue 16, items 3, 4 and 7): the
//! log-in throttle and the rate limits are decided by one conditional statement in the
//! database, so a burst gets exactly what the limit allows. On PostgreSQL (TEST_DATABASE_URL)
//! each request has its own connection, so the burst really overlaps.

mod common;

use app::error::AppError;
use axum::http::StatusCode;
use common::{TestApp, PASSWORD};
use std::sync::Arc;

fn login_form<'a>(email: &'a str, password: &'a str) -> [(&'a str, &'a str); 3] {
    [("email", email), ("password", password), ("next", "/")]
}

/// 200 wrong passwords for one account from one address, all at once: only the five free
/// attempts reach the password check; every other answer is "too many attempts".
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_parallel_log_ins_get_no_more_than_the_free_attempts() {
    let app = Arc::new(TestApp::new().await);
    app.user("company", "carla@plastics.nl").await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..200 {
        let app = app.clone();
        tasks.spawn(async move {
            app.call_from(
                "login",
                &login_form("carla@plastics.nl", "wrong-guess-1234"),
                None,
                "10.9.9.9",
            )
            .await
            .status
        });
    }
    let mut checked = 0;
    let mut refused = 0;
    while let Some(status) = tasks.join_next().await {
        match status.expect("task") {
            StatusCode::UNPROCESSABLE_ENTITY => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("unexpected answer {other}"),
        }
    }
    assert_eq!(
        checked,
        app::accounts::throttle::PAIR.free,
        "{refused} refused"
    );
    assert_eq!(refused, 200 - checked);
}

/// Five wrong passwords from one address slow that address down for that account; the owner
/// logging in from elsewhere is not locked out (the old rule locked the account itself).
#[tokio::test]
async fn failures_from_one_address_do_not_lock_the_owner_out_elsewhere() {
    let app = TestApp::new().await;
    app.user("company", "carla@plastics.nl").await;
    for _ in 0..5 {
        let r = app
            .call_from(
                "login",
                &login_form("carla@plastics.nl", "wrong-guess-1234"),
                None,
                "203.0.113.5",
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let attacker = app
        .call_from(
            "login",
            &login_form("carla@plastics.nl", PASSWORD),
            None,
            "203.0.113.5",
        )
        .await;
    assert_eq!(attacker.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(attacker.error(), AppError::TooManyAttempts);
    let owner = app
        .call_from(
            "login",
            &login_form("carla@plastics.nl", PASSWORD),
            None,
            "198.51.100.20",
        )
        .await;
    assert_eq!(owner.status, StatusCode::OK, "{}", owner.body);
    assert!(owner.session_cookie().is_some());
}

/// After the wait, one more attempt is allowed; a further failure doubles the wait. Driven
/// through the throttle with explicit times, as waiting minutes in a test is no option.
#[tokio::test]
async fn delays_grow_and_a_correct_password_starts_the_pair_again() {
    use app::accounts::throttle::{claim_at, succeeded, PAIR};
    let app = TestApp::new().await;
    let t = 1_900_000_000;
    for _ in 0..PAIR.free {
        claim_at(&app.db, "anna@x.nl", "10.0.0.1", t).await.unwrap();
    }
    let refused = claim_at(&app.db, "anna@x.nl", "10.0.0.1", t + 29).await;
    assert_eq!(refused, Err(AppError::TooManyAttempts));
    claim_at(&app.db, "anna@x.nl", "10.0.0.1", t + 30)
        .await
        .expect("after 30 s one more try");
    assert_eq!(
        claim_at(&app.db, "anna@x.nl", "10.0.0.1", t + 30 + 59).await,
        Err(AppError::TooManyAttempts),
        "the next wait is 60 s"
    );
    claim_at(&app.db, "anna@x.nl", "10.0.0.1", t + 90)
        .await
        .expect("after 60 s");
    // The right password: the pair is cleared.
    succeeded(&app.db, "anna@x.nl", "10.0.0.1").await.unwrap();
    claim_at(&app.db, "anna@x.nl", "10.0.0.1", t + 91)
        .await
        .expect("a fresh start after a correct password");
}

/// The generic limiter under a burst: 100 password-reset requests for one address at once
/// send exactly the three mails the limit allows.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_reset_requests_sends_exactly_the_limit() {
    let app = Arc::new(TestApp::new().await);
    app.user("company", "anna@metaal.test").await;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..100 {
        let app = app.clone();
        tasks.spawn(async move {
            app.call_from(
                "forgot_password",
                &[("email", "anna@metaal.test")],
                None,
                &format!("10.7.{}.{}", n / 200, n % 200),
            )
            .await
            .status
        });
    }
    let mut ok = 0;
    while let Some(status) = tasks.join_next().await {
        match status.expect("task") {
            StatusCode::OK => ok += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("unexpected answer {other}"),
        }
    }
    assert_eq!(ok, app::db::rate_limit::RESET_PER_EMAIL.max);
    let mails = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.recipient == "anna@metaal.test" && m.body_text.contains("reset-password"))
        .count() as u64;
    assert_eq!(mails, app::db::rate_limit::RESET_PER_EMAIL.max);
}

/// The limiter refills one attempt per `window / max` after the burst.
#[tokio::test]
async fn a_used_up_limit_refills_one_attempt_per_interval() {
    use app::db::rate_limit::{hit_at, RESET_PER_EMAIL};
    let app = TestApp::new().await;
    let t = 1_900_000_000_000; // milliseconds
    for _ in 0..RESET_PER_EMAIL.max {
        hit_at(&app.db, RESET_PER_EMAIL, "k", t).await.unwrap();
    }
    assert_eq!(
        hit_at(&app.db, RESET_PER_EMAIL, "k", t + 1_198_000).await,
        Err(AppError::TooManyAttempts)
    );
    hit_at(&app.db, RESET_PER_EMAIL, "k", t + 1_200_000)
        .await
        .expect("one back after 20 minutes");
    assert_eq!(
        hit_at(&app.db, RESET_PER_EMAIL, "k", t + 1_200_001).await,
        Err(AppError::TooManyAttempts)
    );
    hit_at(&app.db, RESET_PER_EMAIL, "other", t)
        .await
        .expect("another key is separate");
}

/// Of requests fired together, the one that read the clock first may be decided last: it is
/// still part of the burst, and the burst does not grow.
#[tokio::test]
async fn a_burst_decided_out_of_clock_order_is_still_whole() {
    use app::db::rate_limit::{hit_at, SIGN_UP_PER_RECIPIENT as LIMIT};
    let app = TestApp::new().await;
    let t = 1_900_000_000_000;
    for _ in 1..LIMIT.max {
        hit_at(&app.db, LIMIT, "k", t + 300).await.unwrap();
    }
    hit_at(&app.db, LIMIT, "k", t)
        .await
        .expect("the last of the burst, its clock read 300 ms earlier");
    assert_eq!(
        hit_at(&app.db, LIMIT, "k", t + 300).await,
        Err(AppError::TooManyAttempts),
        "and no more"
    );
}

/// Item 7: asking for the verification mail again, and inviting colleagues, are limited per
/// recipient; the invitation's subject carries no organisation name.
#[tokio::test]
async fn verification_mails_and_invitations_cannot_be_used_to_mail_someone_repeatedly() {
    let app = TestApp::new().await;
    let reply = app.register("company", "nieuw@bedrijf.test").await;
    assert!(reply.status.is_success() || reply.status.is_redirection());
    let mut answers = Vec::new();
    for n in 0..5 {
        let r = app
            .call_from(
                "resend_verification",
                &[("email", "nieuw@bedrijf.test")],
                None,
                &format!("10.3.0.{n}"),
            )
            .await;
        answers.push(r.status);
    }
    let sent = answers.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(sent, 3, "{answers:?}");
    assert_eq!(answers[4], StatusCode::TOO_MANY_REQUESTS);

    let cookie = app.user("company", "eigenaar@metaal.test").await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(
            app.call(
                "invite_colleague",
                &[("email", "collega@metaal.test")],
                Some(&cookie),
            )
            .await
            .status,
        );
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        3,
        "{statuses:?}"
    );
    assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS);
    let invitation = app
        .outbox()
        .await
        .into_iter()
        .find(|m| m.recipient == "collega@metaal.test")
        .expect("an invitation");
    assert!(
        !invitation.subject.contains("Metaalbewerking"),
        "{}",
        invitation.subject
    );
}

/// Changing the password or deleting the account with a wrong current password is limited per
/// account (a session left open is not a guessing machine).
#[tokio::test]
async fn wrong_current_passwords_are_limited() {
    let app = TestApp::new().await;
    let cookie = app.user("company", "gert@automatisering.nl").await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(
            app.call(
                "change_password",
                &[
                    ("current", "niet-het-wachtwoord"),
                    ("password", "nieuwe-zomer-fiets-9"),
                ],
                Some(&cookie),
            )
            .await
            .status,
        );
    }
    assert_eq!(statuses[..5], [StatusCode::UNPROCESSABLE_ENTITY; 5]);
    assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS);
}
