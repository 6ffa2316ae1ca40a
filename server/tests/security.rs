//! Security headers on pages and other responses.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::TestApp;

#[tokio::test]
async fn pages_carry_a_nonce_policy_that_matches_their_only_inline_script() {
    let app = TestApp::new().await;
    let page = app.get("/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let csp = page.headers["content-security-policy"]
        .to_str()
        .expect("ascii");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy");
    assert!(nonce.len() >= 16, "{nonce}");
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"));
    assert!(!csp.contains("script-src 'self' 'unsafe-inline'"));
    // Every inline script on the page carries this response's nonce.
    let scripts = page.body.matches("<script").count();
    assert!(scripts >= 1);
    assert_eq!(
        page.body.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "{}",
        page.body
    );
    // A second request gets another nonce.
    let again = app.get("/", None).await;
    assert_ne!(
        again.headers["content-security-policy"],
        page.headers["content-security-policy"]
    );
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    assert_eq!(
        page.headers["referrer-policy"],
        "strict-origin-when-cross-origin"
    );
    assert_eq!(page.headers["x-frame-options"], "DENY");
    // Pages are never kept by a cache (the hashed build files are; see `assets`).
    assert_eq!(page.headers["cache-control"], "no-cache, private");
    // Without HTTPS configured there is no HSTS (it would lock out a plain-HTTP install).
    assert!(page.headers.get("strict-transport-security").is_none());
    assert!(page.headers["permissions-policy"]
        .to_str()
        .unwrap()
        .contains("camera=()"));
    assert_eq!(page.headers["cross-origin-opener-policy"], "same-origin");
    // Someone's own pages are not even kept on disk.
    let account = app.get("/account", None).await;
    assert_eq!(account.headers["cache-control"], "no-store, private");

    // Not a page: a policy that allows nothing.
    let health = app.get("/healthz", None).await;
    assert_eq!(
        health.headers["content-security-policy"],
        "default-src 'none'; frame-ancestors 'none'"
    );
    assert_eq!(health.headers["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn password_resets_and_visitor_sign_ups_are_rate_limited() {
    let app = TestApp::new().await;
    app.user("company", "anna@metaal.test").await;
    let reset = |email: &'static str, ip: &'static str| {
        let app = &app;
        async move {
            app.call_from("forgot_password", &[("email", email)], None, ip)
                .await
        }
    };
    for _ in 0..3 {
        assert_eq!(
            reset("anna@metaal.test", "10.0.0.7").await.status,
            StatusCode::OK
        );
    }
    let refused = reset("anna@metaal.test", "10.0.0.8").await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "per address, from any client"
    );
    assert_eq!(refused.error(), app::error::AppError::TooManyAttempts);
    let mails = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.recipient == "anna@metaal.test" && m.body_text.contains("reset-password"))
        .count();
    assert_eq!(mails, 3, "the refused request sent nothing");
    // Another address from the same client is still served.
    assert_eq!(
        reset("piet@metaal.test", "10.0.0.7").await.status,
        StatusCode::OK
    );

    // The limiter itself: a full bucket refuses without counting, other keys are separate.
    let limit = app::db::rate_limit::CONTACT_PER_USER;
    for _ in 0..limit.max {
        app::db::rate_limit::hit(&app.db, limit, "42")
            .await
            .expect("under the limit");
    }
    assert_eq!(
        app::db::rate_limit::hit(&app.db, limit, "42").await,
        Err(app::error::AppError::TooManyAttempts)
    );
    app::db::rate_limit::hit(&app.db, limit, "43")
        .await
        .expect("another user");
}

#[tokio::test]
async fn users_download_their_data_and_delete_their_account() {
    use app::db::entities::{assessment, assessment_answer, organisation, user_account};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::new().await;
    let anna = app.user("company", "anna@metaal.test").await;
    let reference = app.start_assessment(Some(&anna), "20-49").await;
    let saved = app
        .call_json(
            "assessment/save_answer",
            serde_json::json!({"reference": reference, "item_key": "data.sources", "current": 2,
                               "ambition": 4, "not_applicable": false, "comment": "Excel-lijsten"}),
            Some(&anna),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    // Finalised with a priority, so it has a plan, in which Anna names herself.
    let prio = app
        .call_json(
            "assessment/save_priority",
            serde_json::json!({"reference": reference, "transition": "data", "priority": "high"}),
            Some(&anna),
        )
        .await;
    assert_eq!(prio.status, StatusCode::OK, "{}", prio.body);
    let done = app
        .call(
            "assessment/finalise",
            &[("reference", &reference)],
            Some(&anna),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let plan: app::plan::view::PlanView = serde_json::from_str(
        &app.call("plan/get", &[("reference", &reference)], Some(&anna))
            .await
            .body,
    )
    .expect("plan");
    let step = plan.steps[0].id.to_string();
    let owned = app
        .call(
            "plan/save_step",
            &[
                ("reference", reference.as_str()),
                ("step", &step),
                ("title", "Excel-lijsten opruimen"),
                ("horizon", "now"),
                ("status", "planned"),
                ("owner", "Anna Metaal"),
                ("target_date", ""),
                ("budget", ""),
                ("dropped_reason", ""),
            ],
            Some(&anna),
        )
        .await;
    assert_eq!(owned.status, StatusCode::OK, "{}", owned.body);
    // She asks for guidance and writes a note: both are hers to take along.
    for (endpoint, form) in [
        (
            "plan/request_guidance",
            vec![
                ("reference", reference.as_str()),
                ("consultant", ""),
                ("message", "Graag hulp bij de Excel-lijsten"),
            ],
        ),
        (
            "plan/add_note",
            vec![("reference", reference.as_str()), ("body", "Jan doet mee")],
        ),
    ] {
        let reply = app.call(endpoint, &form, Some(&anna)).await;
        assert_eq!(reply.status, StatusCode::OK, "{endpoint}: {}", reply.body);
    }

    assert_eq!(
        app.get("/account/export.json", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let export = app.get("/account/export.json", Some(&anna)).await;
    assert_eq!(export.status, StatusCode::OK);
    let data: serde_json::Value = serde_json::from_str(&export.body).expect("JSON");
    assert_eq!(data["account"]["email"], "anna@metaal.test");
    assert_eq!(data["organisation"]["name"], "Metaalbewerking Noord BV");
    assert_eq!(
        data["assessments"][0]["answers"][0]["comment"],
        "Excel-lijsten"
    );
    let exported_plan = &data["assessments"][0]["plan"];
    assert_eq!(exported_plan["steps"][0]["owner"], "Anna Metaal");
    assert_eq!(exported_plan["steps"][0]["title"], "Excel-lijsten opruimen");
    assert_eq!(exported_plan["history"][1]["who"], "Anna de Vries");
    assert_eq!(
        exported_plan["guidance"][0]["message"],
        "Graag hulp bij de Excel-lijsten"
    );
    assert_eq!(exported_plan["notes"][0]["text"], "Jan doet mee");

    // A wrong password or a missing confirmation deletes nothing.
    let wrong = app
        .call(
            "delete_account",
            &[("password", "niet-mijn-wachtwoord"), ("confirm", "on")],
            Some(&anna),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unconfirmed = app
        .call(
            "delete_account",
            &[("password", common::PASSWORD)],
            Some(&anna),
        )
        .await;
    assert_eq!(
        unconfirmed.error(),
        app::error::AppError::field("confirm", app::i18n::Key::ErrDeleteConfirm)
    );
    assert!(app.current_user(&anna).await.is_some());
    app.assert_funnel_kept().await;

    let gone = app
        .call(
            "delete_account",
            &[("password", common::PASSWORD), ("confirm", "on")],
            Some(&anna),
        )
        .await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.body);
    assert_eq!(app.current_user(&anna).await, None);
    app.assert_funnel_kept().await;
    assert_eq!(
        app.login("anna@metaal.test", common::PASSWORD)
            .await
            .session_cookie(),
        None
    );
    let accounts = user_account::Entity::find()
        .filter(user_account::Column::Email.eq("anna@metaal.test"))
        .all(&app.db)
        .await
        .expect("query");
    assert!(accounts.is_empty());
    // She was the organisation's last member: its name and the assessment's free text are gone,
    // the scores-bearing assessment stays without a name.
    let a = assessment::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("assessment kept");
    assert_eq!(
        a.company_name,
        app::my_account::privacy::DELETED_ORGANISATION
    );
    let org = organisation::Entity::find_by_id(a.organisation_id.expect("organisation"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("organisation row");
    assert_eq!(org.name, app::my_account::privacy::DELETED_ORGANISATION);
    let answer = assessment_answer::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("answer");
    assert_eq!((answer.comment.as_str(), answer.answered_by), ("", None));
    assert_eq!(answer.current_level, Some(2));
    // The plan, the company's own words, went with the organisation.
    use sea_orm::PaginatorTrait;
    for count in [
        app::db::entities::plan::Entity::find().count(&app.db).await,
        app::db::entities::plan_step::Entity::find()
            .count(&app.db)
            .await,
        app::db::entities::plan_change::Entity::find()
            .count(&app.db)
            .await,
        app::db::entities::plan_guidance::Entity::find()
            .count(&app.db)
            .await,
        app::db::entities::plan_note::Entity::find()
            .count(&app.db)
            .await,
    ] {
        assert_eq!(count.expect("count"), 0);
    }
}

#[tokio::test]
async fn request_ids_are_made_by_the_server_only() {
    let app = TestApp::new().await;
    let req = Request::get("/healthz")
        .header("x-request-id", "chosen-by-the-client")
        .body(Body::empty())
        .unwrap();
    let reply = app.request(req).await;
    let id = reply.headers["x-request-id"].to_str().unwrap().to_string();
    assert_ne!(id, "chosen-by-the-client");
    assert_eq!(id.len(), 36, "a UUID of ours: {id}");
}

/// A plain route refusing a browser answers with a styled page in the user's language, not an
/// empty body (issue 16, item 14); the page's policy lets the site's stylesheet load.
#[tokio::test]
async fn plain_routes_answer_a_browser_with_a_page() {
    use axum::http::header;
    let app = TestApp::new().await;
    for (lang, text) in [
        ("nl", "U bent niet (meer) ingelogd"),
        ("en", "You are not logged in"),
    ] {
        let reply = app
            .request(
                Request::get("/staff/exports/answers.csv")
                    .header(header::ACCEPT, "text/html")
                    .header(header::COOKIE, format!("sih_lang={lang}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert!(reply.body.contains(text), "{}", reply.body);
        assert!(reply.body.contains("rel=\"stylesheet\""));
        let csp = reply.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(csp.contains("style-src 'self'"), "{csp}");
    }
    // A script asking for the file still gets the bare status.
    let bare = app.get("/staff/exports/answers.csv", None).await;
    assert_eq!(bare.status, StatusCode::UNAUTHORIZED);
    assert!(!bare.body.contains("<h1>"));
}

#[tokio::test]
async fn a_page_unchanged_since_the_last_visit_is_a_304_that_keeps_the_stored_policy() {
    let app = TestApp::new().await;
    let first = app.get("/events", None).await;
    assert_eq!(first.status, StatusCode::OK);
    let tag = first.headers["etag"].to_str().expect("ascii").to_string();
    assert!(tag.starts_with("W/\""), "{tag}");
    // Another nonce, the same page: the same validator.
    let second = app.get("/events", None).await;
    assert_ne!(
        first.headers["content-security-policy"],
        second.headers["content-security-policy"]
    );
    assert_eq!(second.headers["etag"], tag.as_str());

    let revalidate = |tag: String| {
        Request::get("/events")
            .header("if-none-match", tag)
            .body(Body::empty())
            .expect("request")
    };
    let not_modified = app.request(revalidate(tag.clone())).await;
    assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED);
    assert!(not_modified.body.is_empty());
    assert_eq!(not_modified.headers["etag"], tag.as_str());
    assert_eq!(not_modified.headers["cache-control"], "no-cache, private");
    // No policy: a new nonce would block the scripts of the page the browser kept.
    assert!(not_modified
        .headers
        .get("content-security-policy")
        .is_none());

    // The agenda changes: the old validator gets the whole new page.
    let mut input = common::event_input(20, 24 * 10);
    input.title_nl = "Open dag slimme fabriek".into();
    input.title_en = "Smart factory open day".into();
    app.published_event(&input).await;
    let changed = app.request(revalidate(tag.clone())).await;
    assert_eq!(changed.status, StatusCode::OK);
    assert!(changed.body.contains("Open dag slimme fabriek"));
    assert_ne!(changed.headers["etag"], tag.as_str());
    assert!(changed.headers.get("content-security-policy").is_some());

    // Someone's own pages carry no validator and never answer 304.
    let own = app.get("/account", None).await;
    assert!(own.headers.get("etag").is_none());
}
