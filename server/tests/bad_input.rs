//! The bad-input corpus (issue 16, items 13 and 14): every server function gets each of its
//! fields replaced in turn by text the platform refuses or must survive (NUL, invalid UTF-8,
//! control and direction characters, zero-width names, huge and malformed numbers, over-long
//! text), as a visitor and as an admin; pages and plain routes get refused paths and queries.
//! Nothing may answer with a server error, and afterwards no text column in any table may hold
//! a refused character. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.

mod common;

use axum::http::{header, Request, StatusCode};
use common::functions::{Body, FUNCTIONS};
use common::TestApp;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Raw (already percent-encoded) values: each replaces one field.
fn corpus() -> Vec<String> {
    let long = "x".repeat(100_000);
    vec![
        "a%00b".into(),
        "%FF%FEab".into(),
        "%C3%28".into(),
        "Anna%07".into(),
        "%1B%5B31m".into(),
        "x%7F".into(),
        "%C2%85".into(),
        "gpj%E2%80%AEexe".into(),
        "%E2%81%A6x".into(),
        "An%E2%80%8Bna".into(),
        "1.5".into(),
        "12345678901234567890".into(),
        "-1".into(),
        String::new(),
        long,
        "%25_%5C".into(),
    ]
}

async fn post_form(
    app: &TestApp,
    endpoint: &str,
    body: String,
    cookie: Option<&str>,
    n: usize,
) -> (StatusCode, String) {
    let mut req = Request::post(format!("/api/{endpoint}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(
            "x-forwarded-for",
            format!("10.88.{}.{}", n / 250 % 250, n % 250),
        );
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let reply = app
        .request(req.body(axum::body::Body::from(body)).expect("request"))
        .await;
    (reply.status, reply.body)
}

#[tokio::test]
async fn thousands_of_bad_inputs_cause_no_server_error_and_store_no_refused_text() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let company = app.user("company", "anna@metaal.test").await;
    let reference = app.start_assessment(Some(&company), "50-99").await;
    let mut problems = Vec::new();
    let mut sent = 0usize;
    for (endpoint, sample) in FUNCTIONS {
        let Body::Form(fields) = sample else { continue };
        if ["logout", "sessions/end_others", "delete_account"].contains(endpoint) {
            continue; // would end the sessions the rest of the corpus needs
        }
        for (i, _) in fields.iter().enumerate() {
            for bad in corpus() {
                let body = fields
                    .iter()
                    .enumerate()
                    .map(|(j, (name, value))| {
                        let value = match (*name, j == i) {
                            (_, true) => bad.clone(),
                            ("reference", false) => reference.clone(),
                            (_, false) => app::web::request::encode(value),
                        };
                        format!("{name}={value}")
                    })
                    .collect::<Vec<_>>()
                    .join("&");
                for cookie in [None, Some(admin.as_str()), Some(company.as_str())] {
                    sent += 1;
                    let (status, text) =
                        post_form(&app, endpoint, body.clone(), cookie, sent).await;
                    if status.is_server_error() {
                        problems.push(format!(
                            "{endpoint} [{}] <- {:?}: {status} {}",
                            fields[i].0,
                            bad.chars().take(40).collect::<String>(),
                            text.chars().take(200).collect::<String>()
                        ));
                    }
                }
            }
        }
    }
    // Paths and queries of pages and plain routes.
    let long = "a".repeat(60_000);
    let paths = [
        "/directory/a%00b".to_string(),
        "/events/a%00b".into(),
        "/events/%FF".into(),
        "/directory?q=%E2%80%AE".into(),
        format!("/directory?q={}", "b".repeat(3_000)),
        format!("/events?theme={long}"),
        format!("/staff/companies?q={}", "%25".repeat(1000)),
        "/staff/events/1.5/participants.csv".into(),
        "/staff/events/99999999999999999999/participants.csv".into(),
        "/assessment/r%00/t/strategy".into(),
        "/logos/%00.png".into(),
    ];
    for path in &paths {
        for cookie in [None, Some(admin.as_str())] {
            sent += 1;
            let mut req = Request::get(path.as_str()).header(header::ACCEPT, "text/html");
            if let Some(c) = cookie {
                req = req.header(header::COOKIE, c);
            }
            let reply = app
                .request(req.body(axum::body::Body::empty()).unwrap())
                .await;
            let shown: String = path.chars().take(60).collect();
            if reply.status.is_server_error() {
                problems.push(format!("GET {shown}: {}", reply.status));
            } else if reply.status.is_client_error() && !reply.body.contains("<h1>") {
                problems.push(format!("GET {shown}: {} without a page", reply.status));
            }
        }
    }
    assert!(
        sent > 2_000,
        "the corpus is thousands of requests, was {sent}"
    );
    assert!(
        problems.is_empty(),
        "{} of {sent} requests failed:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let stored = refused_text_in_database(&app).await;
    assert!(
        stored.is_empty(),
        "refused text was stored:\n{}",
        stored.join("\n")
    );
}

/// Columns whose values are long by nature, not typed into one field: a whole questionnaire
/// version and a mail's attachment.
const LONG_BY_NATURE: &[&str] = &["content", "attachment_body"];

/// Every text value in every table, checked against the platform's text rule and a length
/// no field allows.
async fn refused_text_in_database(app: &TestApp) -> Vec<String> {
    let backend = app.db.get_database_backend();
    let list = match backend {
        DbBackend::Postgres => {
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let tables: Vec<String> = app
        .db
        .query_all_raw(Statement::from_string(backend, list))
        .await
        .unwrap()
        .iter()
        .filter_map(|r| r.try_get::<String>("", "name").ok())
        .collect();
    let mut found = Vec::new();
    for table in tables {
        let rows = app
            .db
            .query_all_raw(Statement::from_string(
                backend,
                format!("SELECT * FROM \"{table}\""),
            ))
            .await
            .unwrap();
        for row in rows {
            for (i, column) in row.column_names().iter().enumerate() {
                if let Ok(Some(text)) = row.try_get_by_index::<Option<String>>(i) {
                    // The outbox keeps mails as sent (they quote what was typed, which was
                    // refused before it got there), attachments hold calendar files.
                    // No field takes 100,000 characters: every text has a limit on the
                    // server (the longest a form allows is a profile description of 8,000).
                    let too_long =
                        text.chars().count() > 10_000 && !LONG_BY_NATURE.contains(&column.as_str());
                    if !app::text::is_acceptable(&text) || text.contains('\u{fffd}') || too_long {
                        found.push(format!(
                            "{table}.{column}: {:?}",
                            text.chars().take(60).collect::<String>()
                        ));
                    }
                }
            }
        }
    }
    found
}

/// A plain form post (no JavaScript) whose text the request gate refuses goes back to the
/// page it came from with the message and what was typed, like any other refused form, and
/// never as a JSON error page; a script's post still gets the JSON error.
#[tokio::test]
async fn a_refused_plain_form_post_goes_back_to_its_form_with_what_was_typed() {
    let app = TestApp::new().await;
    let body = "message=Hulp+bij+de+%E2%80%AEplanning&new_password=geheim-wachtwoord-1";
    let post = |accept: &'static str| {
        Request::post("/api/plan/request_guidance")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, accept)
            .header(
                header::REFERER,
                "http://127.0.0.1/assessment/abc/plan?error=old",
            )
            .body(axum::body::Body::from(body))
            .expect("request")
    };
    let plain = app.request(post("text/html,application/xhtml+xml")).await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER, "{}", plain.body);
    let location = plain.location().expect("a way back");
    assert!(
        location.starts_with(&format!(
            "/assessment/abc/plan?error={}",
            app::i18n::Key::ErrTextRefused.id()
        )) && location.contains("form=%2Fapi%2Fplan%2Frequest_guidance"),
        "{location}"
    );
    let kept = plain
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(app::web::request::KEPT_COOKIE))
        .expect("the typed text kept")
        .to_string();
    assert!(
        kept.contains("message=Hulp+bij+de+%E2%80%AEplanning"),
        "{kept}"
    );
    assert!(!kept.contains("geheim"), "a password is never kept: {kept}");

    let script = app.request(post("application/json")).await;
    assert_eq!(script.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(script.body.contains("ErrTextRefused"), "{}", script.body);
}
