//! Benchmarks (not tests): `cargo bench -p server --bench platform`.
//!
//! Measures what the issues set targets for, on the real code and a real database (a SQLite file
//! by default, PostgreSQL when `BENCH_DATABASE_URL` is set):
//! - scoring a full assessment (pure);
//! - the autosave handler (`POST /api/assessment/save_answer`) through the whole router:
//!   latency one at a time, and throughput with 8 concurrent writers;
//! - matching one assessment against 1,000 published profiles (pure ranking, and with loading
//!   the profiles from the database as the matches page does);
//! - directory searches over 1,000 published profiles;
//! - event sign-ups under contention (8 at once, 1,000 for 100 seats).
//!
//! Results go into `docs/benchmarks.md` by hand, with the machine they ran on.

use app::assessment::model::{Answer, Level, Priority, Response, Variant};
use app::assessment::questionnaire_file;
use app::assessment::questionnaires::SOURCES;
use app::assessment::scoring;
use app::db::entities::provider_profile;
use app::matching::{self, Candidate, Company, Need};
use app::providers::model::{ProfileContent, ProfileKind};
use app::providers::service as providers;
use app::providers::view::DirectoryQuery;
use axum::body::Body;
use axum::http::{header, Request};
use http_body_util::BodyExt;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use server::config::Config;
use std::collections::HashMap;
use std::time::{Duration, Instant};
use tower::ServiceExt;

struct Stats {
    name: String,
    samples: Vec<Duration>,
}

impl Stats {
    fn new(name: &str) -> Stats {
        Stats {
            name: name.to_string(),
            samples: Vec::new(),
        }
    }

    fn report(mut self) {
        self.samples.sort();
        let n = self.samples.len();
        let pick = |q: f64| self.samples[((n as f64 * q) as usize).min(n - 1)];
        let mean = self.samples.iter().sum::<Duration>() / n as u32;
        println!(
            "{:<58} n={:<5} median {:>10.1?}  p95 {:>10.1?}  mean {:>10.1?}",
            self.name,
            n,
            pick(0.5),
            pick(0.95),
            mean
        );
    }
}

/// A small deterministic generator, so every run benchmarks the same data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() as usize) % items.len()]
    }
}

const WORDS: [&str; 24] = [
    "koppeling",
    "machines",
    "sensoren",
    "dashboard",
    "planning",
    "onderhoud",
    "kwaliteit",
    "energie",
    "robot",
    "cobot",
    "vision",
    "traceerbaarheid",
    "ERP",
    "MES",
    "OEE",
    "data",
    "cloud",
    "beveiliging",
    "netwerk",
    "opleiding",
    "lean",
    "simulatie",
    "digital twin",
    "voorspellend",
];
const TECHNOLOGIES: [&str; 20] = [
    "OPC UA",
    "MQTT",
    "Python",
    "SAP",
    "Exact",
    "Siemens S7",
    "Beckhoff",
    "Power BI",
    "Grafana",
    "Azure",
    "AWS",
    "Node-RED",
    "Ignition",
    "Universal Robots",
    "ABB",
    "Cognex",
    "LoRaWAN",
    "5G",
    "PLC",
    "SCADA",
];

fn profile(i: usize, rng: &mut Lcg, keys: &[String]) -> ProfileContent {
    let words = |rng: &mut Lcg, n: usize| {
        (0..n)
            .map(|_| *rng.pick(&WORDS))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let transitions: Vec<String> = (0..2 + rng.next() % 3)
        .map(|_| rng.pick(keys).clone())
        .collect();
    let mut transitions_unique = transitions.clone();
    transitions_unique.dedup();
    ProfileContent {
        name: format!("Leverancier {i:04} {}", rng.pick(&WORDS)),
        pitch: words(rng, 8),
        description: words(rng, 90),
        services: vec![words(rng, 2), words(rng, 2)],
        technologies: (0..3)
            .map(|_| rng.pick(&TECHNOLOGIES).to_string())
            .collect(),
        transitions: transitions_unique,
        variants: vec![*rng.pick(&Variant::ALL)],
        regions: vec![rng
            .pick(&["groningen", "friesland", "drenthe", "other"])
            .to_string()],
        sizes: if rng.next().is_multiple_of(2) {
            vec!["20-49".into(), "50-99".into()]
        } else {
            Vec::new()
        },
        contact_email: format!("info{i}@leverancier.test"),
        ..Default::default()
    }
}

async fn body_of(router: &axum::Router, req: Request<Body>) -> (u16, String) {
    let res = router.clone().oneshot(req).await.expect("router answers");
    let status = res.status().as_u16();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let dir = std::env::temp_dir().join(format!("sih-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let database_url = std::env::var("BENCH_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| format!("sqlite://{}/bench.db?mode=rwc", dir.display()));
    println!(
        "database: {}",
        database_url.split('@').next_back().unwrap_or("")
    );
    let config = Config {
        addr: "127.0.0.1:0".parse().expect("literal address"),
        database_url,
        smtp_url: None,
        mail_dir: std::env::temp_dir()
            .join("sih-bench-mail")
            .display()
            .to_string(),
        mail_from: "Bench <bench@localhost>".into(),
        public_base_url: "http://hub.bench".into(),
        secure_cookies: false,
        secret_key: Some("a-benchmark-secret-of-at-least-32-chars".into()),
        secret_key_previous: None,
        trusted_proxies: 1,
        site_root: "target/site".into(),
        draft_expiry_days: 180,
    };
    let (router, ctx) = server::build_app(&config).await.expect("app builds");

    // ---- Scoring a full assessment ------------------------------------------------------
    let (file, source) = SOURCES[0];
    let q = questionnaire_file::parse(file, source).expect("questionnaire parses");
    let mut rng = Lcg(7);
    let answers: Vec<Answer> = q
        .transitions
        .iter()
        .flat_map(|t| t.items.iter())
        .map(|item| {
            let current = 1 + (rng.next() % 4) as u8;
            Answer {
                item_key: item.key.clone(),
                response: Response::levels(
                    Level::new(current).expect("1-4"),
                    Level::new(current + 1).expect("2-5"),
                )
                .expect("ambition above current"),
                comment: String::new(),
            }
        })
        .collect();
    let priorities: HashMap<String, Priority> = q
        .transitions
        .iter()
        .take(4)
        .map(|t| (t.key.clone(), Priority::High))
        .collect();
    let mut stats = Stats::new(&format!(
        "scoring: one full assessment ({} items)",
        answers.len()
    ));
    for _ in 0..2000 {
        let t = Instant::now();
        std::hint::black_box(scoring::score(&q, &answers, &priorities));
        stats.samples.push(t.elapsed());
    }
    stats.report();

    // ---- The autosave handler through the router ----------------------------------------
    let start = Request::post("/api/assessment/start")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            "variant=manufacturing&company_name=Bench+BV&sector=metal&size_class=50-99&province=drenthe&respondent_role=",
        ))
        .expect("request");
    let res = router.clone().oneshot(start).await.expect("start");
    let reference = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|l| l.trim_start_matches("/assessment/").split('?').next())
        .expect("redirect to the new assessment")
        .to_string();
    let items: Vec<String> = q
        .transitions
        .iter()
        .flat_map(|t| t.items.iter().map(|i| i.key.clone()))
        .collect();
    let save = |i: usize| {
        let body = serde_json::json!({
            "reference": reference,
            "item_key": items[i % items.len()],
            "current": 1 + (i % 4) as u8,
            "ambition": 5,
            "not_applicable": false,
            "comment": "",
        });
        Request::post("/api/assessment/save_answer")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("request")
    };
    let mut stats = Stats::new("autosave: POST save_answer, one at a time");
    for i in 0..500 {
        let t = Instant::now();
        let (status, body) = body_of(&router, save(i)).await;
        stats.samples.push(t.elapsed());
        assert_eq!(status, 200, "{body}");
    }
    stats.report();

    let writers = 8;
    let per_writer = 150;
    let t = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..writers {
        let router = router.clone();
        let requests: Vec<_> = (0..per_writer).map(|i| save(w * per_writer + i)).collect();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(requests.len());
            for req in requests {
                let t = Instant::now();
                let (status, body) = body_of(&router, req).await;
                latencies.push(t.elapsed());
                assert_eq!(status, 200, "{body}");
            }
            latencies
        }));
    }
    let mut stats = Stats::new(&format!("autosave: {writers} concurrent writers, latency"));
    for task in tasks {
        stats.samples.extend(task.await.expect("writer"));
    }
    let elapsed = t.elapsed();
    let total = writers * per_writer;
    stats.report();
    println!(
        "{:<58} {total} saves in {elapsed:.2?} = {:.0} saves/s",
        "autosave: throughput with 8 writers",
        total as f64 / elapsed.as_secs_f64()
    );

    // ---- 1,000 published profiles --------------------------------------------------------
    let keys: Vec<String> = providers::catalogue()
        .iter()
        .map(|c| c.key.clone())
        .collect();
    let mut rng = Lcg(42);
    let contents: Vec<ProfileContent> = (0..1000).map(|i| profile(i, &mut rng, &keys)).collect();
    let at = app::db::now();
    for (i, c) in contents.iter().enumerate() {
        let json = serde_json::to_string(c).expect("json");
        provider_profile::ActiveModel {
            kind: Set(if i % 4 == 0 { "consultant" } else { "provider" }.to_string()),
            organisation_id: Set(None),
            user_id: Set(None),
            slug: Set(format!("bench-{i}")),
            draft: Set(json.clone()),
            review_state: Set("editing".into()),
            review_note: Set(None),
            published: Set(Some(json)),
            published_at: Set(Some(at - i as i64)),
            search_text: Set(c.search_text()),
            name_sort: Set(c.name.to_lowercase()),
            tags: Set(c.tags()),
            created_at: Set(at),
            updated_at: Set(at),
            submitted_at: Set(None),
            ..Default::default()
        }
        .insert(&ctx.db)
        .await
        .expect("insert profile");
    }

    let company = Company {
        variant: Variant::Process,
        size_class: "50-99".into(),
        province: "friesland".into(),
        needs: keys
            .iter()
            .enumerate()
            .map(|(i, k)| Need {
                transition_key: k.clone(),
                gap: (i * 7 % 60) as u8,
                priority: [None, Some(Priority::Low), Some(Priority::High)][i % 3],
            })
            .collect(),
    };
    let candidates: Vec<Candidate<'_>> = contents
        .iter()
        .enumerate()
        .map(|(i, c)| Candidate {
            id: i as i64,
            kind: ProfileKind::Provider,
            content: c,
        })
        .collect();
    let mut stats = Stats::new("matching: rank 1,000 profiles (pure)");
    for _ in 0..500 {
        let t = Instant::now();
        std::hint::black_box(matching::rank(&company, &candidates, 5));
        stats.samples.push(t.elapsed());
    }
    stats.report();

    let mut stats = Stats::new("matching: load 1,000 published profiles + rank");
    for _ in 0..50 {
        let t = Instant::now();
        let published = providers::published(&ctx.db).await.expect("load");
        let candidates: Vec<Candidate<'_>> = published
            .iter()
            .map(|(id, kind, _, c)| Candidate {
                id: *id,
                kind: *kind,
                content: c,
            })
            .collect();
        std::hint::black_box(matching::rank(&company, &candidates, 5));
        stats.samples.push(t.elapsed());
    }
    stats.report();

    let queries: [(&str, DirectoryQuery); 6] = [
        (
            "directory: no filter, page 1 by name",
            DirectoryQuery::default(),
        ),
        (
            "directory: one word (\"vision\")",
            DirectoryQuery {
                q: "vision".into(),
                ..Default::default()
            },
        ),
        (
            "directory: two words (\"mes dashboard\")",
            DirectoryQuery {
                q: "mes dashboard".into(),
                ..Default::default()
            },
        ),
        (
            "directory: transition + region",
            DirectoryQuery {
                transition: keys[3].clone(),
                region: "friesland".into(),
                ..Default::default()
            },
        ),
        (
            "directory: technology + variant, newest first",
            DirectoryQuery {
                technology: "OPC UA".into(),
                variant: "process".into(),
                sort: "newest".into(),
                ..Default::default()
            },
        ),
        (
            "directory: no filter, page 40",
            DirectoryQuery {
                page: 40,
                ..Default::default()
            },
        ),
    ];
    for (name, query) in queries {
        let mut stats = Stats::new(name);
        let mut total = 0;
        for _ in 0..100 {
            let t = Instant::now();
            let page = providers::directory(&ctx, &query).await.expect("search");
            stats.samples.push(t.elapsed());
            total = page.total;
        }
        stats.name = format!("{} ({total} hits)", stats.name);
        stats.report();
    }
    let mut stats = Stats::new("directory: GET /directory?q=vision (full page, SSR)");
    for _ in 0..50 {
        let req = Request::get("/directory?q=vision")
            .body(Body::empty())
            .expect("request");
        let t = Instant::now();
        let (status, _) = body_of(&router, req).await;
        stats.samples.push(t.elapsed());
        assert_eq!(status, 200);
    }
    stats.report();

    // ---- Event sign-ups under contention -------------------------------------------------
    let start = app::db::now() + 7 * 86_400;
    let input = app::events::model::EventInput {
        kind: "masterclass".into(),
        title_nl: "Benchmark masterclass".into(),
        title_en: "Benchmark masterclass".into(),
        format: "physical".into(),
        location: "Groningen".into(),
        capacity: 100,
        registration_deadline: start - 3600,
        language: "nl".into(),
        eligibility: "open".into(),
        sessions: vec![app::events::model::Session {
            starts_at: start,
            ends_at: start + 3 * 3600,
        }],
        ..Default::default()
    };
    let event_id = app::events::service::create(&ctx, &input)
        .await
        .expect("event");
    app::events::service::set_status(&ctx, event_id, app::events::model::EventStatus::Published)
        .await
        .expect("published");
    let writers = 8;
    let per_writer = 125;
    let t = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..writers {
        let ctx = ctx.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(per_writer);
            for i in 0..per_writer {
                let email = format!("deelnemer{w}-{i}@bench.test");
                let t = Instant::now();
                app::events::service::add_participant(
                    &ctx,
                    event_id,
                    "Deelnemer",
                    &email,
                    &format!("Bedrijf {w}"),
                )
                .await
                .expect("sign-up");
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut stats = Stats::new(&format!(
        "events: sign-up (seat or waiting list + mail), {writers} at once"
    ));
    for task in tasks {
        stats.samples.extend(task.await.expect("writer"));
    }
    let elapsed = t.elapsed();
    stats.report();
    let total = writers * per_writer;
    let taken = app::db::entities::event::Entity::find_by_id(event_id)
        .one(&ctx.db)
        .await
        .expect("event")
        .expect("event")
        .seats_taken;
    println!(
        "{:<58} {total} sign-ups in {elapsed:.2?} = {:.0} sign-ups/s; seats taken {taken} of 100",
        "events: throughput with 8 at once",
        total as f64 / elapsed.as_secs_f64()
    );
    assert_eq!(taken, 100, "never overbooked");

    let _ = std::fs::remove_dir_all(&dir);
}
