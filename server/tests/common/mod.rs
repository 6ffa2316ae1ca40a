//! `TestApp`: the real router on a fresh database, with helpers that read like the story of a
//! user (register, verify through the outbox, log in). SQLite in memory by default; a fresh
//! PostgreSQL database when `TEST_DATABASE_URL` is set.

#![allow(dead_code)]

pub mod functions;

use app::db::entities::email_outbox;
use app::error::AppError;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder};
use server::config::Config;
use tower::ServiceExt;

pub const PASSWORD: &str = "kaasschaaf-fiets-42";
/// The signing key of the test app (server processes a test starts use the same).
pub const SECRET_KEY: &str = "an-integration-test-secret-of-32-chars!!";

pub struct TestApp {
    pub router: Router,
    pub db: DatabaseConnection,
    pub ctx: app::context::ServerContext,
    /// Where the test's database is (for server processes started by a test).
    pub database_url: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("sih_session="))
            .and_then(|c| c.split(';').next())
            .map(str::to_string)
            .filter(|c| c != "sih_session=")
    }

    /// A cookie the reply sets, as `name=value` for the next request's Cookie header.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let prefix = format!("{name}=");
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with(&prefix))
            .and_then(|c| c.split(';').next())
            .map(str::to_string)
    }

    pub fn error(&self) -> AppError {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not an AppError ({e}): {} {}", self.status, self.body))
    }

    /// The error a multipart form handler answered its script with: the error itself, checked
    /// to come with its Dutch message (no language cookie) and the field it is about.
    pub fn form_error(&self) -> AppError {
        #[derive(serde::Deserialize)]
        struct Failure {
            error: AppError,
            message: String,
            field: Option<String>,
        }
        let f: Failure = serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not a form error ({e}): {} {}", self.status, self.body));
        assert_eq!(
            f.message,
            f.error.message(app::i18n::Lang::Nl),
            "{}",
            self.body
        );
        let field = match &f.error {
            AppError::Invalid { field, .. } => field.clone(),
            _ => None,
        };
        assert_eq!(f.field, field, "{}", self.body);
        f.error
    }

    pub fn location(&self) -> Option<&str> {
        self.header(header::LOCATION)
    }

    /// A response header as text (`None` when it is missing or not text).
    pub fn header(&self, name: impl header::AsHeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

fn req_is_post(req: &Request<Body>) -> bool {
    req.method() == axum::http::Method::POST
}

fn headers_mark_origin(headers: &axum::http::HeaderMap) -> bool {
    headers.contains_key("sec-fetch-site") || headers.contains_key(header::ORIGIN)
}

/// A database URL for this test: in-memory SQLite, or a new PostgreSQL database.
async fn fresh_database_url() -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => {
            let admin = sea_orm::Database::connect(&base)
                .await
                .expect("TEST_DATABASE_URL reachable");
            let name = format!("sih_test_{}", uuid::Uuid::new_v4().simple());
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            let (prefix, _) = base.rsplit_once('/').expect("URL has a database name");
            format!("{prefix}/{name}")
        }
        _ => "sqlite::memory:".to_string(),
    }
}

fn test_config(database_url: &str) -> Config {
    Config {
        addr: "127.0.0.1:0".parse().expect("literal address"),
        database_url: database_url.to_string(),
        smtp_url: None,
        mail_dir: "target/test-mail".into(),
        mail_from: "Test <test@localhost>".into(),
        public_base_url: "http://hub.test".into(),
        secure_cookies: false,
        secret_key: Some(SECRET_KEY.into()),
        secret_key_previous: None,
        trusted_proxies: 1,
        site_root: "target/site".into(),
        draft_expiry_days: 180,
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        let database_url = fresh_database_url().await;
        let (router, ctx) = server::build_app(&test_config(&database_url))
            .await
            .expect("app builds");
        TestApp {
            router,
            db: ctx.db.clone(),
            ctx,
            database_url,
        }
    }

    /// Another server on this test's database, as a second process behind a load balancer
    /// would be: the same database connection, its own router and everything a router keeps
    /// in memory (the kept public pages).
    pub fn second_process(&self) -> TestApp {
        TestApp {
            router: server::router(&test_config(&self.database_url), self.ctx.clone()),
            db: self.db.clone(),
            ctx: self.ctx.clone(),
            database_url: self.database_url.clone(),
        }
    }

    /// Sends one request as a browser would: a post says where it comes from
    /// (`Sec-Fetch-Site: same-origin`) unless the test set `Sec-Fetch-Site` or `Origin` itself.
    pub async fn request(&self, mut req: Request<Body>) -> Reply {
        if req_is_post(&req) && !headers_mark_origin(req.headers()) {
            req.headers_mut().insert(
                "sec-fetch-site",
                header::HeaderValue::from_static("same-origin"),
            );
        }
        self.request_as_is(req).await
    }

    /// Sends one request exactly as built. A reply that takes a minute fails the test with
    /// the request's path: a hung page would otherwise hold the whole run until CI gives up.
    pub async fn request_as_is(&self, req: Request<Body>) -> Reply {
        let what = format!("{} {}", req.method(), req.uri());
        let answer = async {
            let res = self
                .router
                .clone()
                .oneshot(req)
                .await
                .expect("router answers");
            let status = res.status();
            let headers = res.headers().clone();
            let bytes = res.into_body().collect().await.expect("body").to_bytes();
            (status, headers, bytes)
        };
        let (status, headers, bytes) =
            tokio::time::timeout(std::time::Duration::from_secs(60), answer)
                .await
                .unwrap_or_else(|_| panic!("no complete answer within a minute: {what}"));
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Calls a server function the way the browser's JavaScript does (form-encoded POST).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        self.call_from(endpoint, form, cookie, "10.0.0.1").await
    }

    pub async fn call_from(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
        ip: &str,
    ) -> Reply {
        let body = form
            .iter()
            .map(|(k, v)| format!("{k}={}", app::web::request::encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("x-forwarded-for", ip);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.request(req.body(Body::from(body)).expect("request"))
            .await
    }

    /// Calls a server function that takes JSON (the assessment autosave).
    pub async fn call_json(
        &self,
        endpoint: &str,
        body: serde_json::Value,
        cookie: Option<&str>,
    ) -> Reply {
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.request(req.body(Body::from(body.to_string())).expect("request"))
            .await
    }

    /// Posts `multipart/form-data` the way the pages' script does (asking for JSON), with an
    /// optional file `(field, file name, bytes)`.
    pub async fn multipart(
        &self,
        path: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &[u8])>,
    ) -> Reply {
        self.multipart_as(path, cookie, fields, file, true).await
    }

    /// A multipart form post, sent by the page's script (`script`: it asks for JSON) or by a
    /// browser without JavaScript.
    pub async fn multipart_as(
        &self,
        path: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &[u8])>,
        script: bool,
    ) -> Reply {
        let boundary = "sihboundary7MA4YWxkTrZu0gW";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        if let Some((field, file_name, bytes)) = file {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let mut req = Request::post(path).header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        );
        req = req.header(
            header::ACCEPT,
            if script {
                "application/json"
            } else {
                "text/html,application/xhtml+xml"
            },
        );
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.request(req.body(Body::from(body)).expect("request"))
            .await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::get(path);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.request(req.body(Body::empty()).expect("request"))
            .await
    }

    pub async fn outbox(&self) -> Vec<email_outbox::Model> {
        email_outbox::Entity::find()
            .order_by_asc(email_outbox::Column::Id)
            .all(&self.db)
            .await
            .expect("outbox readable")
    }

    /// The newest link to `path` in a mail to `to`.
    pub async fn link_in_mail(&self, to: &str, path: &str) -> String {
        let mails = self.outbox().await;
        let mail = mails
            .iter()
            .rev()
            .find(|m| m.recipient == to && m.body_text.contains(path))
            .unwrap_or_else(|| panic!("no mail to {to} with {path}"));
        // The link to `path`, not just the first link in the mail.
        let start = mail
            .body_text
            .find(&format!("http://hub.test{path}"))
            .or_else(|| mail.body_text.find("http://hub.test"))
            .expect("link in mail");
        mail.body_text[start..]
            .split_whitespace()
            .next()
            .expect("link text")
            .trim_start_matches("http://hub.test")
            .to_string()
    }

    pub async fn register(&self, kind: &str, email: &str) -> Reply {
        self.call(
            "register",
            &[
                ("kind", kind),
                ("name", "Anna de Vries"),
                ("organisation", "Metaalbewerking Noord BV"),
                ("email", email),
                ("password", PASSWORD),
            ],
            None,
        )
        .await
    }

    pub async fn verify(&self, email: &str) {
        let link = self.link_in_mail(email, "/verify-email?token=").await;
        let token = link.split("token=").nth(1).expect("token in link");
        let reply = self.call("verify_email", &[("token", token)], None).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.call(
            "login",
            &[("email", email), ("password", password), ("next", "/")],
            None,
        )
        .await
    }

    /// A verified, logged-in user of the given kind; returns the session cookie.
    pub async fn user(&self, kind: &str, email: &str) -> String {
        let reply = self.register(kind, email).await;
        assert!(
            reply.status.is_success() || reply.status.is_redirection(),
            "{}",
            reply.body
        );
        self.verify(email).await;
        self.login(email, PASSWORD)
            .await
            .session_cookie()
            .expect("session cookie after login")
    }

    pub async fn admin(&self, email: &str) -> String {
        let email_parsed = app::accounts::model::Email::parse(email).expect("valid");
        app::accounts::service::create_admin(&self.ctx, &email_parsed, "Beheer".into(), PASSWORD)
            .await
            .expect("admin created");
        self.login(email, PASSWORD)
            .await
            .session_cookie()
            .expect("admin session")
    }

    /// A registered company user made staff through the admin's own screen; returns the
    /// session cookie.
    pub async fn staff(&self, admin: &str, email: &str) -> String {
        let cookie = self.user("company", email).await;
        let id = self
            .current_user(&cookie)
            .await
            .expect("user")
            .id
            .to_string();
        let reply = self
            .call(
                "staff/users/change",
                &[("user_id", &id), ("role", "staff"), ("active", "on")],
                Some(admin),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        cookie
    }

    /// Starts a process-industry assessment for "Zuivelfabriek De Terp" in Friesland; returns
    /// its reference (the resume token).
    pub async fn start_assessment(&self, cookie: Option<&str>, size_class: &str) -> String {
        let reply = self
            .call(
                "assessment/start",
                &[
                    ("variant", "process"),
                    ("company_name", "Zuivelfabriek De Terp"),
                    ("sector", "food"),
                    ("size_class", size_class),
                    ("province", "friesland"),
                    ("respondent_role", "Plantmanager"),
                ],
                cookie,
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply
            .location()
            .expect("redirect to the overview")
            .trim_start_matches("/assessment/")
            .split('?')
            .next()
            .expect("reference")
            .to_string()
    }

    /// A finalised process-industry assessment with data as its high priority: sources 1→3,
    /// quality 2→4, analysis 1→4, governance already where it should be (so its plan has
    /// three steps). `cookie`'s company owns it; without one it is kept by its link.
    pub async fn finalised_data_assessment(&self, cookie: Option<&str>) -> String {
        let reference = self.start_assessment(cookie, "20-49").await;
        self.finalise_data_answers(cookie, &reference).await;
        reference
    }

    /// Gives a started assessment the answers and priority of
    /// [`finalised_data_assessment`](Self::finalised_data_assessment) and finalises it.
    pub async fn finalise_data_answers(&self, cookie: Option<&str>, reference: &str) {
        let reference = reference.to_string();
        for (item, current, ambition) in [
            ("data.sources", 1, 3),
            ("data.quality", 2, 4),
            ("data.analysis", 1, 4),
            ("data.governance", 3, 3),
        ] {
            let r = self
                .answer(cookie, &reference, item, current, ambition)
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        }
        let prio = self
            .call_json(
                "assessment/save_priority",
                serde_json::json!({"reference": reference, "transition": "data", "priority": "high"}),
                cookie,
            )
            .await;
        assert_eq!(prio.status, StatusCode::OK, "{}", prio.body);
        let done = self
            .call("assessment/finalise", &[("reference", &reference)], cookie)
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    }

    /// Saves one answer through the autosave endpoint.
    pub async fn answer(
        &self,
        cookie: Option<&str>,
        reference: &str,
        item: &str,
        current: u8,
        ambition: u8,
    ) -> Reply {
        self.call_json(
            "assessment/save_answer",
            serde_json::json!({"reference": reference, "item_key": item, "current": current,
                               "ambition": ambition, "not_applicable": false, "comment": ""}),
            cookie,
        )
        .await
    }

    pub async fn current_user(&self, cookie: &str) -> Option<app::accounts::model::CurrentUser> {
        let reply = self.call("current_user", &[], Some(cookie)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        serde_json::from_str(&reply.body).expect("current user JSON")
    }
}

impl TestApp {
    /// Creates `input` and publishes it, as staff do; returns its id and slug.
    pub async fn published_event(&self, input: &app::events::model::EventInput) -> (i64, String) {
        let id = app::events::service::create(&self.ctx, input)
            .await
            .expect("event created");
        app::events::service::set_status(&self.ctx, id, app::events::model::EventStatus::Published)
            .await
            .expect("published");
        let slug = app::db::entities::event::Entity::find_by_id(id)
            .one(&self.db)
            .await
            .expect("query")
            .expect("event")
            .slug;
        (id, slug)
    }
}

/// A physical masterclass starting in `starts_in_hours`, open to all, with one session.
pub fn event_input(capacity: i32, starts_in_hours: i64) -> app::events::model::EventInput {
    let start = app::db::now() + starts_in_hours * 3600;
    app::events::model::EventInput {
        kind: "masterclass".into(),
        title_nl: "Masterclass datagedreven produceren".into(),
        title_en: "Masterclass data-driven manufacturing".into(),
        description_nl: "Twee middagen over OEE en data.".into(),
        description_en: "Two afternoons on OEE and data.".into(),
        themes: vec!["data".into()],
        speakers: "Lector Smart Industry, Hanzehogeschool".into(),
        format: "physical".into(),
        location: "Zernike Campus, Groningen".into(),
        online_link: String::new(),
        capacity,
        per_organisation_limit: None,
        registration_deadline: start - 3600,
        language: "nl".into(),
        eligibility: "open".into(),
        sessions: vec![app::events::model::Session {
            starts_at: start,
            ends_at: start + 3 * 3600,
        }],
        invites: Vec::new(),
    }
}

impl TestApp {
    /// The dashboard's funnel as its roll-up keeps it (every write that moves a company along
    /// refreshes it) equals the funnel counted from the source tables, with no filter and with
    /// each filter value that finalised assessments hold; and rebuilding the roll-up from the
    /// source tables changes none of its rows. Call it after a journey's writes.
    pub async fn assert_funnel_kept(&self) {
        use app::analytics::model::DashboardFilter;
        use app::analytics::service::{funnel_of, funnel_rollup};
        let rows = self
            .db
            .query_all_raw(sea_orm::Statement::from_string(
                self.db.get_database_backend(),
                "SELECT DISTINCT variant, province, sector, size_class FROM assessment \
                 WHERE status = 'final'",
            ))
            .await
            .expect("profiles");
        let mut filters = vec![DashboardFilter::default()];
        for row in &rows {
            let value = |i: usize| row.try_get_by_index::<Option<String>>(i).ok().flatten();
            filters.push(DashboardFilter {
                variant: value(0),
                ..Default::default()
            });
            filters.push(DashboardFilter {
                province: value(1),
                sector: value(2),
                ..Default::default()
            });
            filters.push(DashboardFilter {
                variant: value(0),
                province: value(1),
                sector: value(2),
                size_class: value(3),
                ..Default::default()
            });
        }
        for filter in &filters {
            let kept = funnel_rollup(&self.db, filter).await.expect("roll-up");
            let counted = funnel_of(&self.db, filter).await.expect("counted");
            assert_eq!(kept, counted, "funnel under {filter:?}");
        }
        let table = |db: &DatabaseConnection| {
            let db = db.clone();
            async move {
                let rows = db
                    .query_all_raw(sea_orm::Statement::from_string(
                        db.get_database_backend(),
                        "SELECT variant, province, sector, size_class, assessed, attended, \
                         contacted, project, planned, guided, agreed, reassessed \
                         FROM dashboard_funnel ORDER BY variant, province, sector, size_class",
                    ))
                    .await
                    .expect("funnel rows");
                rows.iter()
                    .map(|r| {
                        let key: Vec<String> = (0..4)
                            .map(|i| r.try_get_by_index::<String>(i).expect("key"))
                            .collect();
                        let counts: Vec<i64> = (4..12)
                            .map(|i| r.try_get_by_index::<i64>(i).expect("count"))
                            .collect();
                        (key, counts)
                    })
                    // A combination every company left again keeps a row of zeros.
                    .filter(|(_, counts)| counts.iter().any(|c| *c != 0))
                    .collect::<Vec<_>>()
            }
        };
        let kept = table(&self.db).await;
        migrations::rebuild_dashboard_funnel(&self.db)
            .await
            .expect("rebuild funnel");
        assert_eq!(table(&self.db).await, kept, "kept = rebuilt");
        self.assert_reassessed_kept().await;
    }

    /// The re-assessed companies' change per transition as its roll-up keeps it equals the
    /// change counted from the source tables, and a rebuild changes none of the roll-up's rows.
    pub async fn assert_reassessed_kept(&self) {
        use app::analytics::reassessed::{change_counted, change_per_transition};
        let kept = change_per_transition(&self.db).await.expect("roll-up");
        let counted = change_counted(&self.db).await.expect("counted");
        assert_eq!(kept, counted, "re-assessed figures: kept = counted");
        let rows = |db: &DatabaseConnection| {
            let db = db.clone();
            async move {
                db.query_all_raw(sea_orm::Statement::from_string(
                    db.get_database_backend(),
                    "SELECT organisation_id, transition_key, first_score, latest_score \
                     FROM reassessed_score ORDER BY organisation_id, transition_key",
                ))
                .await
                .expect("re-assessed rows")
                .iter()
                .map(|r| {
                    (
                        r.try_get_by_index::<i64>(0).expect("organisation"),
                        r.try_get_by_index::<String>(1).expect("key"),
                        r.try_get_by_index::<i32>(2).expect("first"),
                        r.try_get_by_index::<i32>(3).expect("latest"),
                    )
                })
                .collect::<Vec<_>>()
            }
        };
        let before = rows(&self.db).await;
        migrations::rebuild_reassessed_change(&self.db)
            .await
            .expect("rebuild re-assessed");
        assert_eq!(rows(&self.db).await, before, "re-assessed: kept = rebuilt");
        let rebuilt = change_per_transition(&self.db).await.expect("rebuilt");
        assert_eq!(rebuilt, kept, "re-assessed sums: kept = rebuilt");
    }
}
