//! Who may call what, checked against the one written matrix: `docs/authorization.md`. The
//! test reads that table, finds every server function in the code, and calls each function and
//! route as visitor, company, provider, consultant, staff and admin with arguments that decode.
//! A `–` cell must answer 401 (visitor) or 403; any other cell must get past the check.
//! A second test sends every server function malformed input and expects a clear error.

mod common;

use app::error::AppError;
use app::i18n::Key;
use axum::http::StatusCode;
use common::{Reply, TestApp};
use std::collections::BTreeSet;

const MATRIX: &str = include_str!("../../docs/authorization.md");
const ROLES: [&str; 6] = [
    "visitor",
    "company",
    "provider",
    "consultant",
    "staff",
    "admin",
];

/// Every source file of the app, read at run time so a server function in a new file or a new
/// domain cannot slip past the matrix: every `endpoint = "…"` in them must be below.
fn app_sources() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir)
            .expect("app/src is readable")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(&path).expect("a readable source file"));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src"),
        &mut out,
    );
    out
}

use common::functions::{Body, FUNCTIONS};
use Body::{Form, Json};

/// The routes in the matrix that are axum handlers, with the request that exercises each.
enum Route {
    Get(&'static str),
    Multipart(&'static str),
}

const ROUTES: &[(&str, Route)] = &[
    (
        "GET /account/export.json",
        Route::Get("/account/export.json"),
    ),
    ("POST /profile/save", Route::Multipart("/profile/save")),
    (
        "POST /staff/events/save",
        Route::Multipart("/staff/events/save"),
    ),
    (
        "POST /staff/practices/save",
        Route::Multipart("/staff/practices/save"),
    ),
    (
        "POST /staff/questionnaires/publish",
        Route::Multipart("/staff/questionnaires/publish"),
    ),
    (
        "POST /staff/questionnaires/steps",
        Route::Multipart("/staff/questionnaires/steps"),
    ),
    (
        "POST /staff/questionnaires/upload",
        Route::Multipart("/staff/questionnaires/upload"),
    ),
    (
        "GET /staff/questionnaires/files/*",
        Route::Get("/staff/questionnaires/files/process-v3.toml"),
    ),
    (
        "GET /staff/exports/*",
        Route::Get("/staff/exports/assessments.csv"),
    ),
    (
        "GET /staff/exports/*",
        Route::Get("/staff/exports/assessments.xlsx"),
    ),
    (
        "GET /staff/exports/*",
        Route::Get("/staff/exports/answers.csv"),
    ),
    (
        "GET /staff/exports/*",
        Route::Get("/staff/exports/registrations.csv"),
    ),
    (
        "GET /staff/exports/*",
        Route::Get("/staff/exports/profiles.csv"),
    ),
    (
        "GET /staff/exports/*",
        Route::Get("/staff/exports/contact-requests.csv"),
    ),
    (
        "GET /staff/events/*/participants.csv",
        Route::Get("/staff/events/1/participants.csv"),
    ),
];

/// One row of the matrix: the names it covers and, per role, whether the role is refused.
struct Row {
    names: Vec<String>,
    refused: [bool; 6],
}

fn matrix() -> Vec<Row> {
    let mut rows = Vec::new();
    for line in MATRIX.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | names | six roles | notes |  → 9 pieces with the empty ends.
        if cells.len() != 10 || !cells[1].starts_with('`') {
            continue;
        }
        let names = cells[1]
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        let mut refused = [false; 6];
        for (i, cell) in cells[2..8].iter().enumerate() {
            refused[i] = *cell == "–";
        }
        rows.push(Row { names, refused });
    }
    rows
}

/// The matrix row for a name: the row that lists it in full, else the row whose `*` pattern
/// matches it. Panics (failing the test) when the matrix does not say.
fn row_for<'a>(rows: &'a [Row], name: &str) -> &'a Row {
    let exact: Vec<&Row> = rows
        .iter()
        .filter(|r| r.names.iter().any(|n| n == name))
        .collect();
    assert!(exact.len() <= 1, "`{name}` is in more than one matrix row");
    if let Some(row) = exact.first() {
        return row;
    }
    let pattern: Vec<&Row> = rows
        .iter()
        .filter(|r| r.names.iter().any(|n| matches_pattern(n, name)))
        .collect();
    assert_eq!(
        pattern.len(),
        1,
        "`{name}` must be in exactly one row of docs/authorization.md"
    );
    pattern[0]
}

/// `staff/*` matches `staff/users`; `GET /staff/events/*/participants.csv` matches with any
/// one path segment for the `*`.
fn matches_pattern(pattern: &str, name: &str) -> bool {
    let Some((head, tail)) = pattern.split_once('*') else {
        return false;
    };
    name.len() >= head.len() + tail.len()
        && name.starts_with(head)
        && name.ends_with(tail)
        && (tail.is_empty() || !name[head.len()..name.len() - tail.len()].contains('/'))
}

fn declared_endpoints() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for source in app_sources() {
        for piece in source.split("endpoint = \"").skip(1) {
            if let Some((name, _)) = piece.split_once('"') {
                names.insert(name.to_string());
            }
        }
    }
    names
}

async fn call(app: &TestApp, endpoint: &str, body: &Body, cookie: Option<&str>) -> Reply {
    match body {
        Form(fields) => app.call(endpoint, fields, cookie).await,
        Json(text) => {
            let value = serde_json::from_str(text).expect("sample JSON");
            app.call_json(endpoint, value, cookie).await
        }
    }
}

fn is_refusal(status: StatusCode) -> bool {
    status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN
}

/// What each role must get for one function or route; returns the mismatches as text.
fn check(name: &str, role: usize, refused: bool, reply: &Reply, problems: &mut Vec<String>) {
    let who = ROLES[role];
    if reply.status.is_server_error() {
        problems.push(format!(
            "{name} as {who}: server error {} {}",
            reply.status, reply.body
        ));
    } else if refused {
        let wanted = if role == 0 {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::FORBIDDEN
        };
        if reply.status != wanted {
            problems.push(format!(
                "{name} as {who}: matrix says refused ({wanted}), got {} {}",
                reply.status, reply.body
            ));
        }
    } else if is_refusal(reply.status) {
        problems.push(format!(
            "{name} as {who}: matrix says allowed, got {} {}",
            reply.status, reply.body
        ));
    } else if reply.status == StatusCode::BAD_REQUEST
        && serde_json::from_str::<AppError>(&reply.body)
            .is_ok_and(|e| e.key() == Key::ErrBadRequest)
    {
        problems.push(format!(
            "{name} as {who}: the test's arguments do not decode ({})",
            reply.body
        ));
    }
}

/// A session per role; the staff member is made staff by the admin.
async fn sessions(app: &TestApp) -> [Option<String>; 6] {
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    [
        None,
        Some(app.user("company", "anna@metaal.test").await),
        Some(app.user("provider", "piet@leverancier.test").await),
        Some(app.user("consultant", "carla@advies.test").await),
        Some(staff),
        Some(admin),
    ]
}

#[tokio::test]
async fn every_function_and_route_follows_the_written_matrix() {
    let rows = matrix();
    assert!(rows.len() >= 10, "the matrix table was not found");
    let declared = declared_endpoints();
    let tested: BTreeSet<String> = FUNCTIONS.iter().map(|(e, _)| e.to_string()).collect();
    assert_eq!(
        declared, tested,
        "every server function in the code has a row in FUNCTIONS (and no other)"
    );
    // Every name in the matrix exists: a renamed function cannot leave a stale row behind.
    for row in &rows {
        for name in &row.names {
            let known = declared.contains(name)
                || declared.iter().any(|d| matches_pattern(name, d))
                || ROUTES.iter().any(|(r, _)| r == name);
            assert!(
                known,
                "docs/authorization.md names `{name}`, which does not exist"
            );
        }
    }

    let app = TestApp::new().await;
    let cookies = sessions(&app).await;
    let mut problems = Vec::new();
    for (endpoint, body) in FUNCTIONS {
        let row = row_for(&rows, endpoint);
        for (role, cookie) in cookies.iter().enumerate() {
            let reply = call(&app, endpoint, body, cookie.as_deref()).await;
            check(endpoint, role, row.refused[role], &reply, &mut problems);
        }
    }
    // `logout` ran last and ended the sessions; log in again for the routes.
    let cookies = {
        let fresh = TestApp::new().await;
        let cookies = sessions(&fresh).await;
        (fresh, cookies)
    };
    let (app, cookies) = cookies;
    for (name, route) in ROUTES {
        let row = row_for(&rows, name);
        for (role, cookie) in cookies.iter().enumerate() {
            let reply = match route {
                Route::Get(path) => app.get(path, cookie.as_deref()).await,
                Route::Multipart(path) => app.multipart(path, cookie.as_deref(), &[], None).await,
            };
            check(name, role, row.refused[role], &reply, &mut problems);
        }
    }
    assert!(
        problems.is_empty(),
        "{} disagreements with docs/authorization.md:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Bodies no browser of ours sends: broken encodings, wrong types, missing and unknown fields,
/// nesting where none is expected, oversized values.
fn malformed_bodies() -> Vec<(String, &'static str)> {
    let form = "application/x-www-form-urlencoded";
    let json = "application/json";
    vec![
        (String::new(), form),
        ("=".into(), form),
        ("&&&=&=".into(), form),
        ("%FF%FE%FD=%C3%28".into(), form),
        (
            "id=abc&event_id=-&user_id=1e99&registration_id=99999999999999999999999".into(),
            form,
        ),
        (
            "reference[]=1&reference[x]=2&query[q][deep]=3&filter=1".into(),
            form,
        ),
        ("id=1&id=2&id=3".into(), form),
        // NUL characters: PostgreSQL cannot store them.
        (
            "slug=a%00b&email=%00&reference=r%00&search=%00&token=%00".into(),
            form,
        ),
        (
            "{\"reference\": \"r\\u0000\", \"item_key\": \"x\"}".into(),
            json,
        ),
        (
            format!(
                "reference={}&email={}",
                "r".repeat(100_000),
                "e".repeat(100_000)
            ),
            form,
        ),
        ("{\"reference\": 1, \"id\": \"x\"}".into(), form),
        (
            "{\"reference\": [], \"current\": 300, \"not_applicable\": \"ja\"}".into(),
            json,
        ),
        ("[1, 2, 3]".into(), json),
        ("{\"reference\": ".into(), json),
        ("null".into(), json),
    ]
}

/// Random values in the fields each function expects, from a fixed seed (the failures are
/// reproducible): unicode, control characters, markup, SQL, huge and negative numbers.
fn random_forms(fields: &[(&str, &str)], count: usize) -> Vec<String> {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let value = proptest::prop_oneof![
        "(?s).{0,80}",
        "-?[0-9]{1,30}",
        "<script>[a-z]{0,8}</script>|' OR 1=1 --|\\u{0}|o-1|r",
    ];
    (0..count)
        .filter_map(|_| {
            let parts: Option<Vec<String>> = fields
                .iter()
                .map(|(name, _)| {
                    let v = value.new_tree(&mut runner).ok()?.current();
                    Some(format!("{name}={}", app::web::request::encode(&v)))
                })
                .collect();
            parts.map(|p| p.join("&"))
        })
        .collect()
}

async fn raw_call(
    app: &TestApp,
    endpoint: &str,
    body: Vec<u8>,
    content_type: &str,
    cookie: Option<&str>,
) -> Reply {
    use axum::http::{header, Request};
    let mut req = Request::post(format!("/api/{endpoint}"))
        .header(header::CONTENT_TYPE, content_type)
        .header("x-forwarded-for", "10.77.0.1");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    app.request(req.body(axum::body::Body::from(body)).expect("request"))
        .await
}

/// Malformed and random input to every server function, as a visitor and as an admin (so the
/// input gets past the role checks): never a server error, and every refusal is the app's
/// JSON error, which the pages turn into a message in the user's language.
#[tokio::test]
async fn every_function_answers_malformed_input_with_a_clear_error() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let mut problems = Vec::new();
    for (endpoint, sample) in FUNCTIONS {
        let mut bodies: Vec<(Vec<u8>, &str)> = malformed_bodies()
            .into_iter()
            .map(|(b, t)| (b.into_bytes(), t))
            .collect();
        bodies.push((
            vec![0xff, 0x00, 0xfe, b'=', 0x80],
            "application/x-www-form-urlencoded",
        ));
        if let Form(fields) = sample {
            for form in random_forms(fields, 12) {
                bodies.push((form.into_bytes(), "application/x-www-form-urlencoded"));
            }
        }
        for (body, content_type) in bodies {
            // `logout` would end the admin's session for the functions after it.
            let as_admin = *endpoint != "logout";
            for cookie in [None, Some(admin.as_str()).filter(|_| as_admin)] {
                let reply = raw_call(&app, endpoint, body.clone(), content_type, cookie).await;
                let shown = String::from_utf8_lossy(&body)
                    .chars()
                    .take(80)
                    .collect::<String>();
                if reply.status.is_server_error() {
                    problems.push(format!(
                        "{endpoint} <- {shown:?}: {} {}",
                        reply.status, reply.body
                    ));
                } else if reply.status.is_client_error()
                    && serde_json::from_str::<AppError>(&reply.body).is_err()
                {
                    problems.push(format!(
                        "{endpoint} <- {shown:?}: {} without the app's error: {}",
                        reply.status,
                        reply.body.chars().take(200).collect::<String>()
                    ));
                }
            }
        }
    }
    // Pages read their filters from the query string: a NUL there is refused too.
    for path in [
        "/directory?q=%00",
        "/events?theme=a%00",
        "/staff/companies?q=%00",
    ] {
        let reply = app.get(path, Some(&admin)).await;
        if reply.status != StatusCode::BAD_REQUEST {
            problems.push(format!("{path}: {}", reply.status));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
