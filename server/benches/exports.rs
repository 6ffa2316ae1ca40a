//! Export benchmark (not a test): the release `server` binary as its own process on a fresh
//! database with `demo-data` assessments, and every large staff export downloaded once while
//! the server's resident memory is sampled every 10 ms from `/proc`.
//!
//! `cargo bench -p server --bench exports` runs on a SQLite file; with
//! `BENCH_DATABASE_URL=postgres://…/test` also on a fresh PostgreSQL database.
//! `EXPORT_ASSESSMENTS` (default 20000, at most what `demo-data` makes) sets the size.
//!
//! Per export: time to the first byte of the body, the whole download, its size, the peak
//! RSS while it ran and the RSS two seconds after, beside the RSS before. Every export is
//! streamed batch by batch, the CSV files and the Excel workbook alike (`docs/benchmarks.md`).
//! One download asks for an encoding as a browser does.
//! Results go into `docs/benchmarks.md` by hand, with the machine they ran on.

mod common;

use axum::body::Bytes;
use axum::http::{header, Method, Request};
use common::{free_port, server_command as command, Server};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use sea_orm::ConnectionTrait;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

const ADMIN_EMAIL: &str = "beheer@export.bench";
const ADMIN_PASSWORD: &str = "export-bench-wachtwoord-1";

/// The resident memory of a process in MB, from `/proc/<pid>/status`.
fn rss_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Samples a process's RSS every 10 ms and keeps the highest, until dropped.
struct PeakRss {
    peak_kb: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

impl PeakRss {
    fn start(pid: u32) -> PeakRss {
        let peak_kb = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (p, s) = (peak_kb.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                p.fetch_max((rss_mb(pid) * 1024.0) as u64, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(10));
            }
        });
        PeakRss { peak_kb, stop }
    }

    fn mb(&self) -> f64 {
        self.peak_kb.load(Ordering::Relaxed) as f64 / 1024.0
    }
}

impl Drop for PeakRss {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn request(method: Method, url: &str, body: String, cookie: Option<&str>) -> Request<Full<Bytes>> {
    let mut req = Request::builder()
        .method(method)
        .uri(url)
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    if !body.is_empty() {
        req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    req.body(Full::new(Bytes::from(body))).expect("request")
}

async fn run(url: String, label: &str, site: &Path, assessments: &str) {
    println!("\n{label}, {assessments} assessments");
    let port = free_port();
    let env: Vec<(String, String)> = vec![
        ("DATABASE_URL".into(), url.clone()),
        ("SIH_SITE_ROOT".into(), site.display().to_string()),
        ("SIH_ADDR".into(), format!("127.0.0.1:{port}")),
        ("PUBLIC_BASE_URL".into(), "http://hub.bench".into()),
        ("SIH_ADMIN_PASSWORD".into(), ADMIN_PASSWORD.into()),
        (
            "MAIL_DIR".into(),
            std::env::temp_dir()
                .join(format!("sih-export-mail-{port}"))
                .display()
                .to_string(),
        ),
    ];
    let started = Instant::now();
    let status = command(&env)
        .args(["demo-data", "--assessments", assessments])
        .status()
        .expect("demo-data runs");
    assert!(status.success(), "demo data");
    println!("  demo data in {:.1?}", started.elapsed());
    let status = command(&env)
        .args(["create-admin", "--email", ADMIN_EMAIL, "--name", "Beheer"])
        .status()
        .expect("create-admin runs");
    assert!(status.success(), "administrator");
    let server = Server(command(&env).arg("serve").spawn().expect("server starts"));
    let pid = server.0.id();
    let http: Http = Client::builder(TokioExecutor::new()).build_http();
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..300 {
        let req = request(Method::GET, &format!("{base}/healthz"), String::new(), None);
        if http
            .request(req)
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let form = format!(
        "email={}&password={}&next=%2F",
        app::web::request::encode(ADMIN_EMAIL),
        app::web::request::encode(ADMIN_PASSWORD)
    );
    let req = request(Method::POST, &format!("{base}/api/login"), form, None);
    let reply = http.request(req).await.expect("log-in answered");
    let cookie = reply
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("sih_session="))
        .and_then(|c| c.split(';').next())
        .expect("the administrator logs in")
        .to_string();
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!(
        "  {:<22} {:>11} {:>9} {:>10} {:>13} {:>12}",
        "export", "first byte", "whole", "size", "peak RSS", "RSS after 2 s"
    );
    println!("  RSS before: {:.0} MB", rss_mb(pid));
    for (file, encoding) in [
        ("assessments.csv", "identity"),
        ("answers.csv", "identity"),
        ("answers.csv", "gzip, deflate, br, zstd"),
        ("edih.csv", "identity"),
        ("assessments.xlsx", "identity"),
    ] {
        let peak = PeakRss::start(pid);
        let t = Instant::now();
        let mut req = request(
            Method::GET,
            &format!("{base}/staff/exports/{file}"),
            String::new(),
            Some(&cookie),
        );
        req.headers_mut().insert(
            header::ACCEPT_ENCODING,
            header::HeaderValue::from_static(encoding),
        );
        let label = if encoding == "identity" {
            file.to_string()
        } else {
            format!("{file} (browser)")
        };
        let res = http.request(req).await.expect("export answered");
        assert!(res.status().is_success(), "{file}: {}", res.status());
        let mut body = res.into_body();
        let mut first = None;
        let mut bytes = 0usize;
        while let Some(frame) = body.frame().await {
            let frame = frame.expect("a whole download");
            if let Some(data) = frame.data_ref() {
                first.get_or_insert_with(|| t.elapsed());
                bytes += data.len();
            }
        }
        let whole = t.elapsed();
        let peak_mb = peak.mb();
        drop(peak);
        tokio::time::sleep(Duration::from_secs(2)).await;
        println!(
            "  {:<22} {:>11.1?} {:>9.1?} {:>7.1} MB {:>10.0} MB {:>9.0} MB",
            label,
            first.unwrap_or_default(),
            whole,
            bytes as f64 / 1e6,
            peak_mb,
            rss_mb(pid)
        );
    }
}

fn main() {
    let assessments = std::env::var("EXPORT_ASSESSMENTS").unwrap_or_else(|_| "20000".into());
    let dir = std::env::temp_dir().join(format!("sih-export-{}", std::process::id()));
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("pkg")).expect("temp dir");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(run(
        format!("sqlite://{}/export.db?mode=rwc", dir.display()),
        "SQLite",
        &site,
        &assessments,
    ));
    if let Ok(base) = std::env::var("BENCH_DATABASE_URL") {
        if !base.is_empty() {
            rt.block_on(async {
                let admin = sea_orm::Database::connect(&base).await.expect("PostgreSQL");
                let name = format!("sih_export_{}", std::process::id());
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create database");
                let (prefix, _) = base.rsplit_once('/').expect("URL has a database name");
                run(
                    format!("{prefix}/{name}"),
                    "PostgreSQL",
                    &site,
                    &assessments,
                )
                .await;
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await;
            });
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
