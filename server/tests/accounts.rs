//! Accounts over HTTP against a real database: the stories from the foundation issue.

mod common;

use app::error::AppError;
use app::i18n::Key;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{TestApp, PASSWORD};

fn invalid(key: Key) -> AppError {
    AppError::Invalid { key, field: None }
}

#[tokio::test]
async fn register_verify_login_use_session_logout() {
    let app = TestApp::new().await;
    let reply = app.register("company", "anna@metaalnoord.nl").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // Not verified yet: log-in refused, and a fresh link is sent.
    let early = app.login("anna@metaalnoord.nl", PASSWORD).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(early.error().key(), Key::ErrEmailNotVerified);
    assert!(early.session_cookie().is_none());

    app.verify("anna@metaalnoord.nl").await;
    let login = app.login("anna@metaalnoord.nl", PASSWORD).await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    let cookie = login.session_cookie().expect("session cookie");
    let set_cookie = login
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"));

    let me = app.current_user(&cookie).await.expect("logged in");
    assert_eq!(me.email, "anna@metaalnoord.nl");
    assert_eq!(
        me.organisation_name.as_deref(),
        Some("Metaalbewerking Noord BV")
    );

    let logout = app.call("logout", &[], Some(&cookie)).await;
    assert_eq!(logout.status, StatusCode::OK);
    assert!(
        app.current_user(&cookie).await.is_none(),
        "session ended in the database"
    );
}

#[tokio::test]
async fn wrong_password_is_refused_without_a_session() {
    let app = TestApp::new().await;
    app.user("company", "bert@zuivel.nl").await;
    let reply = app.login("bert@zuivel.nl", "not-my-password-1").await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.error(), invalid(Key::ErrInvalidCredentials));
    assert!(reply.session_cookie().is_none());
    // An unknown address gets the very same answer.
    let unknown = app.login("nobody@zuivel.nl", "not-my-password-1").await;
    assert_eq!(unknown.error(), invalid(Key::ErrInvalidCredentials));
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    let app = TestApp::new().await;
    app.user("company", "carla@plastics.nl").await;
    for _ in 0..5 {
        let r = app.login("carla@plastics.nl", "wrong-guess-1234").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Even the right password is refused now, with the rate-limit message.
    let locked = app.login("carla@plastics.nl", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(locked.error(), AppError::TooManyAttempts);
    assert!(locked.session_cookie().is_none());
}

#[tokio::test]
async fn a_forged_forwarded_for_entry_does_not_escape_the_address_limit() {
    // Behind one proxy of ours (the test app's setting): the proxy appends the real address,
    // whatever the client wrote before it.
    let app = TestApp::new().await;
    app.user("company", "dirk@staal.nl").await;
    for i in 0..30 {
        let email = format!("guess{i}@staal.nl");
        app.call_from(
            "login",
            &[
                ("email", &email),
                ("password", "x-wrong-pass"),
                ("next", "/"),
            ],
            None,
            &format!("203.0.113.{i}, 192.0.2.7"),
        )
        .await;
    }
    let forged_again = app
        .call_from(
            "login",
            &[
                ("email", "dirk@staal.nl"),
                ("password", PASSWORD),
                ("next", "/"),
            ],
            None,
            "198.51.100.99, 192.0.2.7",
        )
        .await;
    assert_eq!(forged_again.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn many_failures_from_one_address_are_limited_per_ip() {
    let app = TestApp::new().await;
    app.user("company", "dirk@staal.nl").await;
    for i in 0..30 {
        let email = format!("guess{i}@staal.nl");
        app.call_from(
            "login",
            &[
                ("email", &email),
                ("password", "x-wrong-pass"),
                ("next", "/"),
            ],
            None,
            "192.0.2.7",
        )
        .await;
    }
    let from_same_ip = app
        .call_from(
            "login",
            &[
                ("email", "dirk@staal.nl"),
                ("password", PASSWORD),
                ("next", "/"),
            ],
            None,
            "192.0.2.7",
        )
        .await;
    assert_eq!(from_same_ip.status, StatusCode::TOO_MANY_REQUESTS);
    let from_elsewhere = app
        .call_from(
            "login",
            &[
                ("email", "dirk@staal.nl"),
                ("password", PASSWORD),
                ("next", "/"),
            ],
            None,
            "198.51.100.1",
        )
        .await;
    assert_eq!(
        from_elsewhere.status,
        StatusCode::OK,
        "{}",
        from_elsewhere.body
    );
}

#[tokio::test]
async fn registration_refuses_bad_input_and_changes_nothing() {
    let app = TestApp::new().await;
    let weak = app
        .call(
            "register",
            &[
                ("kind", "company"),
                ("name", "Eva"),
                ("organisation", "Eva BV"),
                ("email", "eva@bv.nl"),
                ("password", "password12345"),
            ],
            None,
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(weak.error().key(), Key::ErrPasswordCommon);
    let bad_email = app
        .call(
            "register",
            &[
                ("kind", "company"),
                ("name", "Eva"),
                ("organisation", "Eva BV"),
                ("email", "eva-at-bv"),
                ("password", PASSWORD),
            ],
            None,
        )
        .await;
    assert_eq!(bad_email.error().key(), Key::ErrEmailInvalid);
    let staff_kind = app
        .call(
            "register",
            &[
                ("kind", "admin"),
                ("name", "Eva"),
                ("email", "eva@bv.nl"),
                ("password", PASSWORD),
            ],
            None,
        )
        .await;
    assert_eq!(staff_kind.error().key(), Key::ErrKindInvalid);
    assert!(
        app.outbox().await.is_empty(),
        "no mail for refused registrations"
    );
    assert!(app
        .login("eva@bv.nl", PASSWORD)
        .await
        .session_cookie()
        .is_none());

    app.user("company", "eva@bv.nl").await;
    // Registering a taken address looks exactly like a new registration to whoever does it;
    // the owner is told by mail, with the way in, and the account is unchanged.
    let before = app.outbox().await.len();
    let twice = app.register("company", "EVA@bv.nl").await;
    let fresh = app.register("company", "nieuw@bv.nl").await;
    assert_eq!(twice.status, fresh.status, "{}", twice.body);
    assert_eq!(twice.location(), fresh.location());
    assert_eq!(twice.body, fresh.body);
    let mails = app.outbox().await;
    assert_eq!(mails.len(), before + 2);
    let told = mails
        .iter()
        .find(|m| m.recipient == "eva@bv.nl" && m.subject.contains("al een account"))
        .expect("the owner is told");
    assert!(
        told.body_text.contains("http://hub.test/forgot-password"),
        "{}",
        told.body_text
    );
    assert!(
        !told.body_text.contains("token="),
        "no link that does anything by itself"
    );
    assert!(app
        .login("eva@bv.nl", PASSWORD)
        .await
        .session_cookie()
        .is_some());
    // A few such mails an hour at most, and still nothing to tell the two apart.
    for _ in 0..5 {
        let again = app.register("company", "eva@bv.nl").await;
        assert_eq!(again.status, fresh.status);
    }
    let told = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.recipient == "eva@bv.nl" && m.subject.contains("al een account"))
        .count();
    assert_eq!(told, 3);
}

#[tokio::test]
async fn staff_only_function_is_refused_to_a_company_member() {
    let app = TestApp::new().await;
    let member = app.user("company", "frank@hout.nl").await;
    let refused = app.call("staff/outbox", &[], Some(&member)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.error(), AppError::Forbidden);
    let anonymous = app.call("staff/outbox", &[], None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let admin = app.admin("beheer@sih.nl").await;
    let allowed = app.call("staff/outbox", &[], Some(&admin)).await;
    assert_eq!(allowed.status, StatusCode::OK, "{}", allowed.body);
    assert!(
        allowed.body.contains("frank@hout.nl"),
        "outbox lists the verification mail"
    );
}

#[tokio::test]
async fn password_reset_works_once_and_ends_old_sessions() {
    let app = TestApp::new().await;
    let old_session = app.user("provider", "gert@automatisering.nl").await;
    let reply = app
        .call(
            "forgot_password",
            &[("email", "gert@automatisering.nl")],
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    // Unknown addresses get the same answer and no mail.
    let before = app.outbox().await.len();
    app.call("forgot_password", &[("email", "niemand@x.nl")], None)
        .await;
    assert_eq!(app.outbox().await.len(), before);

    let link = app
        .link_in_mail("gert@automatisering.nl", "/reset-password?token=")
        .await;
    let token = link.split("token=").nth(1).unwrap().to_string();
    let weak = app
        .call(
            "reset_password",
            &[("token", &token), ("password", "welkom123")],
            None,
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = app
        .call(
            "reset_password",
            &[("token", &token), ("password", "nieuwe-zomer-fiets-9")],
            None,
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert!(
        app.current_user(&old_session).await.is_none(),
        "old session ended"
    );
    let again = app
        .call(
            "reset_password",
            &[("token", &token), ("password", "nog-een-ander-wachtwoord")],
            None,
        )
        .await;
    assert_eq!(
        again.error().key(),
        Key::ErrTokenInvalid,
        "a reset link works once"
    );
    assert!(app
        .login("gert@automatisering.nl", "nieuwe-zomer-fiets-9")
        .await
        .session_cookie()
        .is_some());
    let forged = app
        .call(
            "reset_password",
            &[("token", "abc.def"), ("password", "nieuwe-zomer-fiets-9")],
            None,
        )
        .await;
    assert_eq!(forged.error().key(), Key::ErrTokenInvalid);
}

#[tokio::test]
async fn change_password_needs_the_current_one() {
    let app = TestApp::new().await;
    let cookie = app.user("consultant", "hanna@advies.nl").await;
    let wrong = app
        .call(
            "change_password",
            &[
                ("current", "not-it-at-all"),
                ("password", "lange-nieuwe-zin-77"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(wrong.error().key(), Key::ErrCurrentPasswordWrong);
    let ok = app
        .call(
            "change_password",
            &[("current", PASSWORD), ("password", "lange-nieuwe-zin-77")],
            Some(&cookie),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let fresh = ok
        .session_cookie()
        .expect("a fresh session for this browser");
    assert!(app.current_user(&fresh).await.is_some());
    assert!(app.current_user(&cookie).await.is_none());
    let anonymous = app
        .call(
            "change_password",
            &[("current", PASSWORD), ("password", "x-y-z-w-v-u-t")],
            None,
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_colleague_joins_the_organisation_by_invitation() {
    let app = TestApp::new().await;
    let owner = app.user("company", "ilse@voeding.nl").await;
    let reply = app
        .call(
            "invite_colleague",
            &[("email", "joost@voeding.nl")],
            Some(&owner),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let link = app.link_in_mail("joost@voeding.nl", "/invite/").await;
    let token = link.trim_start_matches("/invite/").to_string();
    let accept = app
        .call(
            "accept_invitation",
            &[
                ("token", &token),
                ("name", "Joost"),
                ("password", "koffie-en-kaas-2026"),
            ],
            None,
        )
        .await;
    assert_eq!(accept.status, StatusCode::OK, "{}", accept.body);
    let joost = app
        .current_user(&accept.session_cookie().unwrap())
        .await
        .unwrap();
    let ilse = app.current_user(&owner).await.unwrap();
    assert_eq!(joost.organisation_id, ilse.organisation_id);
    let again = app
        .call(
            "accept_invitation",
            &[
                ("token", &token),
                ("name", "Joost 2"),
                ("password", "koffie-en-kaas-2026"),
            ],
            None,
        )
        .await;
    assert_eq!(again.error().key(), Key::ErrInvitationInvalid);
    // Inviting an address that already has an account looks the same to the inviter (no
    // "address taken" to probe with); its owner is told why no link came, and gets none.
    app.user("company", "elders@ander.nl").await;
    let taken = app
        .call(
            "invite_colleague",
            &[("email", "elders@ander.nl")],
            Some(&owner),
        )
        .await;
    assert_eq!(taken.status, reply.status, "{}", taken.body);
    assert_eq!(taken.body, reply.body);
    let told = app
        .outbox()
        .await
        .into_iter()
        .rfind(|m| m.recipient == "elders@ander.nl")
        .expect("the owner is told");
    assert!(
        told.body_text.contains("al een account"),
        "{}",
        told.body_text
    );
    assert!(!told.body_text.contains("/invite/"), "{}", told.body_text);
    // Consultants have no organisation to invite into.
    let consultant = app.user("consultant", "kees@advies.nl").await;
    let refused = app
        .call(
            "invite_colleague",
            &[("email", "x@advies.nl")],
            Some(&consultant),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn plain_form_posts_come_back_to_the_form_with_the_error() {
    let app = TestApp::new().await;
    let req = Request::post("/api/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, "http://hub.test/login?error=old")
        .body(Body::from(
            "email=lies%40x.nl&password=wrong-password-9&next=%2F",
        ))
        .unwrap();
    let reply = app.request(req).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let location = reply.location().unwrap();
    assert!(
        location.starts_with("/login?error=err_invalid_credentials"),
        "{location}"
    );
    assert!(
        !location.contains("lies") && !location.contains("password"),
        "what was typed never travels in the URL: {location}"
    );
    // It names the form that failed, so other forms on the page stay quiet.
    assert!(location.contains("form=%2Fapi%2Flogin"), "{location}");
    // The typed address comes back in the form, from a short-lived cookie for that page.
    let kept = reply.cookie("sih_kept").expect("kept fields cookie");
    assert!(
        !kept.contains("password"),
        "passwords are never kept: {kept}"
    );
    let page = app.get(location, Some(&kept)).await;
    assert!(
        page.body.contains("value=\"lies@x.nl\""),
        "typed e-mail shown again"
    );
    // Not on another page, and not once the error is gone.
    let elsewhere = app
        .get("/register?error=err_invalid_credentials", Some(&kept))
        .await;
    assert!(!elsewhere.body.contains("lies@x.nl"));
    let fresh = app.get("/login", Some(&kept)).await;
    assert!(!fresh.body.contains("lies@x.nl"));
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = TestApp::new().await;
    let req = Request::post("/api/logout")
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.request(req).await.status, StatusCode::FORBIDDEN);
    let req = Request::post("/lang")
        .header(header::HOST, "hub.test")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("lang=en&next=%2F"))
        .unwrap();
    assert_eq!(app.request(req).await.status, StatusCode::FORBIDDEN);
    // The same host over plain HTTP is another origin (the test app is http://hub.test).
    let req = Request::post("/lang")
        .header(header::HOST, "hub.test")
        .header(header::ORIGIN, "https://hub.test")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("lang=en&next=%2F"))
        .unwrap();
    assert_eq!(app.request(req).await.status, StatusCode::FORBIDDEN);

    // A post with a session cookie but without the marks every browser sets is refused, and
    // the session stays; the same post as a browser sends it goes through.
    let cookie = app.user("company", "sessie@kruis.test").await;
    let bare = || {
        Request::post("/api/logout")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(
        app.request_as_is(bare()).await.status,
        StatusCode::FORBIDDEN
    );
    let me = app.call("current_user", &[], Some(&cookie)).await;
    assert!(me.body.contains("sessie@kruis.test"), "{}", me.body);
    let from_our_page = Request::post("/api/logout")
        .header(header::COOKIE, &cookie)
        .header(header::ORIGIN, "http://hub.test")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        app.request_as_is(from_our_page).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn pages_render_in_dutch_and_english_and_unknown_pages_are_404() {
    let app = TestApp::new().await;
    let home = app.get("/", None).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("<html lang=\"nl\""), "Dutch by default");
    assert!(home.body.contains("Op weg naar de slimme fabriek"));
    let english = app.get("/", Some("sih_lang=en")).await;
    assert!(english.body.contains("Towards the smart factory"));

    let switch = Request::post("/lang")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from("lang=en&next=%2Flogin"))
        .unwrap();
    let reply = app.request(switch).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location(), Some("/login"));
    assert!(reply
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("sih_lang=en"));

    let missing = app.get("/bestaat-niet", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Pagina niet gevonden"));
    let health = app.get("/healthz", None).await;
    assert_eq!(health.status, StatusCode::OK);
}

#[tokio::test]
async fn pages_are_sent_compressed_when_the_browser_accepts_it() {
    let app = TestApp::new().await;
    // Gzip, also when brotli is offered: on pages rendered per request it costs a third of
    // brotli's CPU for a few per cent more bytes (docs/benchmarks.md, "Compression").
    for (accept, encoding) in [
        ("gzip, deflate, br, zstd", Some("gzip")),
        ("gzip", Some("gzip")),
        ("br", None),
    ] {
        let reply = app
            .request(
                axum::http::Request::get("/")
                    .header(axum::http::header::ACCEPT_ENCODING, accept)
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(
            reply.header(axum::http::header::CONTENT_ENCODING),
            encoding,
            "{accept}"
        );
    }
    let plain = app.get("/", None).await;
    assert!(plain
        .headers
        .get(axum::http::header::CONTENT_ENCODING)
        .is_none());
    assert!(plain.body.contains("<html"));
}
