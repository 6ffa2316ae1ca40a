//! Load and crash benchmark (not a test): the release `server` binary under three realistic
//! loads, next to the same server handing out a static file as the ceiling, then a crash test.
//!
//! `cargo bench -p server --bench load` runs on a SQLite file; with
//! `BENCH_DATABASE_URL=postgres://…/test` also on a fresh PostgreSQL database.
//! `LOAD_SECONDS` (default 10) is how long each sustained scenario runs.
//!
//! * static ceiling: `GET /favicon.svg`, 50 connections;
//! * directory browsing: the public directory page with rotating filters, 50 visitors;
//! * autosave: 100 respondents each answering their own assessment as fast as the server
//!   acknowledges (`assessment/save_answer`);
//! * event sign-up under contention: 200 logged-in company users sign up for the same
//!   20-seat event at the same moment, five events in a row; afterwards no event may hold more
//!   confirmed participants than seats;
//! * crash: while 100 respondents answer, the server is killed with SIGKILL and started again;
//!   every answer the server acknowledged must be in the database afterwards.
//!
//! Results go into `docs/benchmarks.md` by hand, with the machine they ran on.

mod common;

use app::assessment::questionnaire_file::parse;
use app::assessment::questionnaires::SOURCES;
use app::db::entities::{assessment, assessment_answer, event, event_registration};
use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use common::free_port;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

const DEMO_ASSESSMENTS: &str = "1000";

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Bytes,
}

async fn send(
    http: &Http,
    method: Method,
    url: &str,
    content_type: Option<&str>,
    body: String,
    cookie: Option<&str>,
    ip: &str,
) -> Result<Reply, String> {
    let mut req = Request::builder()
        .method(method)
        .uri(url)
        // As a browser marks its own posts (cookie-bearing posts without it are refused).
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", ip);
    if let Some(t) = content_type {
        req = req.header(header::CONTENT_TYPE, t);
    }
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let req = req
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| e.to_string())?;
    let res = http.request(req).await.map_err(|e| e.to_string())?;
    let (parts, body) = res.into_parts();
    let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
    Ok(Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    })
}

fn encode(v: &str) -> String {
    app::web::request::encode(v)
}

/// Latencies of successful requests and the count of failed ones.
#[derive(Default)]
struct Samples {
    ok: Vec<Duration>,
    failed: usize,
}

impl Samples {
    fn report(&mut self, name: &str, elapsed: Duration) {
        self.ok.sort();
        let pct = |p: f64| {
            self.ok
                .get(((self.ok.len() as f64 * p) as usize).min(self.ok.len().saturating_sub(1)))
                .copied()
                .unwrap_or_default()
        };
        println!(
            "  {:<44} {:>7} ok {:>4} failed {:>9.0} req/s   p50 {:>8.1?}   p99 {:>8.1?}",
            name,
            self.ok.len(),
            self.failed,
            self.ok.len() as f64 / elapsed.as_secs_f64(),
            pct(0.50),
            pct(0.99)
        );
    }
}

struct Server {
    child: Option<Child>,
    port: u16,
    env: Vec<(String, String)>,
}

impl Server {
    async fn start(env: Vec<(String, String)>, port: u16) -> Server {
        let mut server = Server {
            child: None,
            port,
            env,
        };
        server.spawn().await;
        server
    }

    async fn spawn(&mut self) {
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("serve")
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("SIH_ADDR", format!("127.0.0.1:{}", self.port))
            .env("RUST_LOG", "error")
            // Without SMTP the server writes mail into files: keep them out of the checkout.
            .env(
                "MAIL_DIR",
                std::env::temp_dir().join(format!("sih-load-mail-{}", self.port)),
            )
            .stdout(Stdio::null())
            .spawn()
            .expect("server binary starts");
        self.child = Some(child);
        let http = client();
        for _ in 0..300 {
            let up = send(
                &http,
                Method::GET,
                &self.url("/healthz"),
                None,
                String::new(),
                None,
                "10.0.0.1",
            )
            .await
            .is_ok_and(|r| r.status == StatusCode::OK);
            if up {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("server did not come up");
    }

    /// SIGKILL: no graceful shutdown, nothing flushed that was not already.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn client() -> Http {
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(256)
        .build_http()
}

/// Runs `workers` loops of `step` for `seconds`, timing each step that succeeds.
async fn sustained<F, Fut>(workers: usize, seconds: u64, step: F) -> (Samples, Duration)
where
    F: Fn(usize, u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let step = Arc::new(step);
    let samples = Arc::new(Mutex::new(Samples::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let tasks: Vec<_> = (0..workers)
        .map(|w| {
            let (step, samples, stop) = (step.clone(), samples.clone(), stop.clone());
            tokio::spawn(async move {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    let ok = step(w, i).await;
                    let took = t.elapsed();
                    if let Ok(mut s) = samples.lock() {
                        if ok {
                            s.ok.push(took);
                        } else {
                            s.failed += 1;
                        }
                    }
                    i += 1;
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = started.elapsed();
    let samples = std::mem::take(&mut *samples.lock().expect("samples"));
    (samples, elapsed)
}

fn process_items() -> Vec<String> {
    let (file, source) = SOURCES
        .iter()
        .find(|(f, _)| f.contains("process"))
        .copied()
        .unwrap_or(SOURCES[0]);
    let q = parse(file, source).expect("shipped questionnaire");
    q.transitions
        .iter()
        .flat_map(|t| t.items.iter().map(|i| i.key.clone()))
        .collect()
}

/// Starts a process-industry assessment as a visitor; returns its reference.
async fn start_assessment(http: &Http, base: &str, ip: &str) -> Option<String> {
    let form = "variant=process&company_name=Zuivel%20BV&sector=food&size_class=50-99\
                &province=friesland&respondent_role=Plantmanager";
    let reply = send(
        http,
        Method::POST,
        &format!("{base}/api/assessment/start"),
        Some("application/x-www-form-urlencoded"),
        form.to_string(),
        None,
        ip,
    )
    .await
    .ok()?;
    let location = reply.headers.get(header::LOCATION)?.to_str().ok()?;
    Some(
        location
            .trim_start_matches("/assessment/")
            .split('?')
            .next()?
            .to_string(),
    )
}

async fn save_answer(
    http: &Http,
    base: &str,
    reference: &str,
    item: &str,
    current: u8,
    ip: &str,
) -> bool {
    let body = serde_json::json!({
        "reference": reference, "item_key": item, "current": current,
        "ambition": (current + 1).min(5), "not_applicable": false, "comment": ""
    })
    .to_string();
    send(
        http,
        Method::POST,
        &format!("{base}/api/assessment/save_answer"),
        Some("application/json"),
        body,
        None,
        ip,
    )
    .await
    .is_ok_and(|r| r.status == StatusCode::OK)
}

async fn scenarios(server: &Server, db: &sea_orm::DatabaseConnection, seconds: u64) {
    let http = client();
    let server_url = Arc::new(server.url(""));

    // The ceiling: a small static file.
    let (h, u) = (http.clone(), server_url.clone());
    let (mut s, t) = sustained(50, seconds, move |_, _| {
        let (h, u) = (h.clone(), u.clone());
        async move {
            send(
                &h,
                Method::GET,
                &format!("{u}/favicon.svg"),
                None,
                String::new(),
                None,
                "10.0.0.2",
            )
            .await
            .is_ok_and(|r| r.status == StatusCode::OK)
        }
    })
    .await;
    s.report("static file (ceiling), 50 connections", t);

    // Directory browsing.
    let pages = [
        "/directory",
        "/directory?region=groningen",
        "/directory?transition=data",
        "/directory?kind=consultant&variant=process",
        "/directory?q=automatisering",
        "/directory?page=2",
    ];
    let (h, u) = (http.clone(), server_url.clone());
    let (mut s, t) = sustained(50, seconds, move |w, i| {
        let (h, u) = (h.clone(), u.clone());
        let page = pages[(w + i as usize) % pages.len()];
        async move {
            send(
                &h,
                Method::GET,
                &format!("{u}{page}"),
                None,
                String::new(),
                None,
                "10.0.0.3",
            )
            .await
            .is_ok_and(|r| r.status == StatusCode::OK && !r.body.is_empty())
        }
    })
    .await;
    s.report("directory pages, 50 visitors", t);

    // Autosave by 100 respondents, each in their own assessment.
    let items = Arc::new(process_items());
    let mut references = Vec::new();
    for w in 0..100 {
        let ip = format!("10.3.{}.{}", w / 250, w % 250);
        references.push(
            start_assessment(&http, &server.url(""), &ip)
                .await
                .expect("assessment started"),
        );
    }
    let references = Arc::new(references);
    let h = http.clone();
    let (mut s, t) = sustained(100, seconds, move |w, i| {
        let (h, items, references, base) = (
            h.clone(),
            items.clone(),
            references.clone(),
            server_url.clone(),
        );
        async move {
            let item = &items[i as usize % items.len()];
            let level = (i % 5) as u8 + 1;
            save_answer(&h, &base, &references[w], item, level, "10.0.0.4").await
        }
    })
    .await;
    s.report("autosave, 100 respondents", t);

    // Sign-up under contention: 200 company users, one 20-seat event at a time.
    let mut cookies = Vec::new();
    for n in 1..=200 {
        let form = format!(
            "email={}&password={}&next=%2F",
            encode(&format!("contact{n}@demo-bedrijf.example")),
            encode(server::demo::DEMO_PASSWORD)
        );
        let reply = send(
            &http,
            Method::POST,
            &server.url("/api/login"),
            Some("application/x-www-form-urlencoded"),
            form,
            None,
            &format!("10.5.{}.{}", n / 250, n % 250),
        )
        .await
        .expect("log-in answered");
        let cookie = reply
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("sih_session="))
            .and_then(|c| c.split(';').next())
            .expect("demo account logs in")
            .to_string();
        cookies.push(cookie);
    }
    let cookies = Arc::new(cookies);
    let mut samples = Samples::default();
    let mut total = Duration::ZERO;
    let mut events = Vec::new();
    for round in 0..5 {
        let (id, slug) = contention_event(db, round).await;
        events.push(id);
        let started = Instant::now();
        let tasks: Vec<_> = (0..200)
            .map(|n| {
                let (h, cookies, url) = (
                    http.clone(),
                    cookies.clone(),
                    server.url("/api/events/sign_up"),
                );
                let form = format!("event_id={id}&slug={}", encode(&slug));
                tokio::spawn(async move {
                    let t = Instant::now();
                    let ok = send(
                        &h,
                        Method::POST,
                        &url,
                        Some("application/x-www-form-urlencoded"),
                        form,
                        Some(&cookies[n]),
                        &format!("10.6.{}.{}", n / 250, n % 250),
                    )
                    .await
                    .is_ok_and(|r| r.status.is_success() || r.status.is_redirection());
                    (ok, t.elapsed())
                })
            })
            .collect();
        for task in tasks {
            match task.await {
                Ok((true, took)) => samples.ok.push(took),
                _ => samples.failed += 1,
            }
        }
        total += started.elapsed();
    }
    samples.report("event sign-up, 200 at once for 20 seats (x5)", total);
    for id in events {
        let confirmed = event_registration::Entity::find()
            .filter(event_registration::Column::EventId.eq(id))
            .filter(event_registration::Column::Status.eq("confirmed"))
            .count(db)
            .await
            .expect("count");
        let seats = event::Entity::find_by_id(id)
            .one(db)
            .await
            .expect("query")
            .expect("event")
            .seats_taken;
        assert!(
            confirmed <= 20 && seats <= 20,
            "event {id} overbooked: {confirmed} confirmed, {seats} seats taken"
        );
        println!("    event {id}: {confirmed} confirmed of 20 seats");
    }
}

/// A published 20-seat workshop, open to everyone, a week ahead.
async fn contention_event(db: &sea_orm::DatabaseConnection, round: usize) -> (i64, String) {
    use sea_orm::{ActiveModelTrait, Set};
    let start = app::db::now() + 7 * 86_400;
    let slug = format!("load-workshop-{round}-{}", std::process::id());
    let e = event::ActiveModel {
        slug: Set(slug.clone()),
        kind: Set("workshop".into()),
        title_nl: Set("Workshop onder druk".into()),
        title_en: Set("Workshop under load".into()),
        description_nl: Set(String::new()),
        description_en: Set(String::new()),
        themes: Set("|data|".into()),
        speakers: Set(String::new()),
        format: Set("physical".into()),
        location: Set("Groningen".into()),
        online_link: Set(String::new()),
        capacity: Set(20),
        seats_taken: Set(0),
        per_organisation_limit: Set(None),
        registration_deadline: Set(start - 3600),
        language: Set("nl".into()),
        eligibility: Set("open".into()),
        status: Set("published".into()),
        starts_at: Set(start),
        created_at: Set(app::db::now()),
        updated_at: Set(app::db::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("event");
    db.execute_unprepared(&format!(
        "INSERT INTO event_session (event_id, starts_at, ends_at) VALUES ({}, {start}, {})",
        e.id,
        start + 3 * 3600
    ))
    .await
    .expect("session");
    (e.id, slug)
}

/// 100 respondents answer as fast as they can, each starting a new assessment when they have
/// answered every item of the last one; the server is killed with SIGKILL after a second and
/// started again while they keep trying. Every answer the server acknowledged (HTTP 200) must
/// be in the database with the acknowledged levels.
async fn crash(server: &mut Server, db: &sea_orm::DatabaseConnection) {
    let http = client();
    let items = Arc::new(process_items());
    // Acknowledged answers: (reference, item) -> current level. Each item of an assessment is
    // answered once, so a later write can never hide a lost one.
    let acked: Arc<Mutex<HashMap<(String, String), u8>>> = Arc::new(Mutex::new(HashMap::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let failed = Arc::new(Mutex::new(0usize));
    let tasks: Vec<_> = (0..100)
        .map(|w| {
            let (http, items, acked, stop, failed) = (
                http.clone(),
                items.clone(),
                acked.clone(),
                stop.clone(),
                failed.clone(),
            );
            let base = server.url("");
            let ip = format!("10.8.{}.{}", w / 250, w % 250);
            tokio::spawn(async move {
                let mut reference: Option<String> = None;
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let Some(r) = reference.clone() else {
                        reference = start_assessment(&http, &base, &ip).await;
                        if reference.is_none() {
                            tokio::time::sleep(Duration::from_millis(20)).await;
                        }
                        i = 0;
                        continue;
                    };
                    let level = (i % 5) as u8 + 1;
                    if save_answer(&http, &base, &r, &items[i], level, "10.0.0.8").await {
                        if let Ok(mut a) = acked.lock() {
                            a.insert((r.clone(), items[i].clone()), level);
                        }
                        i += 1;
                        if i == items.len() {
                            reference = None;
                        }
                    } else {
                        if let Ok(mut f) = failed.lock() {
                            *f += 1;
                        }
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = acked.lock().map(|a| a.len()).unwrap_or(0);
    server.kill();
    let killed_at = Instant::now();
    tokio::time::sleep(Duration::from_millis(500)).await;
    server.spawn().await;
    let down = killed_at.elapsed();
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    let acked = std::mem::take(&mut *acked.lock().expect("acked"));
    let mut by_reference: HashMap<&str, Vec<(&str, u8)>> = HashMap::new();
    for ((reference, item), level) in &acked {
        by_reference
            .entry(reference.as_str())
            .or_default()
            .push((item.as_str(), *level));
    }
    let mut missing = 0;
    for (reference, answers) in &by_reference {
        let hash = app::accounts::token::hash_secret(reference);
        let Some(a) = assessment::Entity::find()
            .filter(assessment::Column::ResumeTokenHash.eq(hash))
            .one(db)
            .await
            .expect("query")
        else {
            missing += answers.len();
            continue;
        };
        let stored: HashMap<String, Option<i16>> = assessment_answer::Entity::find()
            .filter(assessment_answer::Column::AssessmentId.eq(a.id))
            .all(db)
            .await
            .expect("answers")
            .into_iter()
            .map(|r| (r.item_key, r.current_level))
            .collect();
        for (item, level) in answers {
            if stored.get(*item).copied().flatten() != Some(i16::from(*level)) {
                missing += 1;
            }
        }
    }
    let failed = *failed.lock().expect("failed");
    println!(
        "  crash: {} answers acknowledged in {} assessments ({before} before the kill), server \
         down {:.1?}, {failed} attempts failed while it was down, {missing} acknowledged \
         answers missing",
        acked.len(),
        by_reference.len(),
        down
    );
    assert!(
        before > 0 && acked.len() > before && failed > 0,
        "the kill must fall while respondents are answering"
    );
    assert_eq!(missing, 0, "an acknowledged answer was lost");
}

async fn run(url: String, label: &str, site: &Path, seconds: u64) {
    println!("\n{label}");
    let env: Vec<(String, String)> = vec![
        ("DATABASE_URL".into(), url.clone()),
        ("SIH_SITE_ROOT".into(), site.display().to_string()),
        ("TRUST_PROXY".into(), "true".into()),
        ("PUBLIC_BASE_URL".into(), "http://hub.bench".into()),
    ];
    let status = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["demo-data", "--assessments", DEMO_ASSESSMENTS])
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .status()
        .expect("demo-data runs");
    assert!(status.success(), "demo data");
    let mut server = Server::start(env, free_port()).await;
    let db = server::database::open(&url).await.expect("database");
    scenarios(&server, &db, seconds).await;
    crash(&mut server, &db).await;
}

fn main() {
    let seconds: u64 = std::env::var("LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let dir = std::env::temp_dir().join(format!("sih-load-{}", std::process::id()));
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("pkg")).expect("temp dir");
    std::fs::write(
        site.join("favicon.svg"),
        include_bytes!("../../public/favicon.svg"),
    )
    .expect("favicon");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(run(
        format!("sqlite://{}/load.db?mode=rwc", dir.display()),
        "SQLite",
        &site,
        seconds,
    ));
    if let Ok(base) = std::env::var("BENCH_DATABASE_URL") {
        if !base.is_empty() {
            rt.block_on(async {
                let admin = sea_orm::Database::connect(&base).await.expect("PostgreSQL");
                let name = format!("sih_load_{}", std::process::id());
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create database");
                let (prefix, _) = base.rsplit_once('/').expect("URL has a database name");
                run(format!("{prefix}/{name}"), "PostgreSQL", &site, seconds).await;
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await;
            });
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
