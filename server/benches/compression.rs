//! Compression benchmark (not a test): which on-the-fly compression fits server-rendered HTML.
//!
//! `cargo bench -p server --bench compression` starts the release `server` binary on a SQLite
//! file with `demo-data` and, side by side in one run:
//! 1. serves a static file (the ceiling) and the home page, the directory and the agenda
//!    (`/events`) with 50 connections for `LOAD_SECONDS` (default 5) each, asking as a browser does
//!    (`gzip, deflate, br, zstd`) and asking for nothing; req/s and the bytes on the wire. The
//!    directory twice: as visitors ask for it (the kept copy, `server/src/page_cache.rs`) and
//!    with a new address on every request (`?seen=n`, which the page ignores), so every request
//!    renders it as before the copy was kept;
//! 2. compresses each page's HTML in this process with brotli at every quality (0-11) and
//!    gzip at levels 1, 6 and 9 (one core, no network): time and bytes per page, the budget a
//!    level takes from a 2-core server that renders a page in the time measured in 1.
//!
//! Results go into `docs/benchmarks.md` by hand, with the machine they ran on.

mod common;

use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use common::{free_port, server_command, Server};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

/// What Chromium sends.
const BROWSER: &str = "gzip, deflate, br, zstd";

async fn get(http: &Http, url: &str, encoding: &str) -> Option<(StatusCode, Bytes)> {
    let req = Request::builder()
        .method(Method::GET)
        .uri(url)
        .header(header::ACCEPT_ENCODING, encoding)
        .body(Full::new(Bytes::new()))
        .ok()?;
    let res = http.request(req).await.ok()?;
    let status = res.status();
    let body = res.into_body().collect().await.ok()?.to_bytes();
    Some((status, body))
}

/// Requests per second and mean bytes per answer with 50 connections for `seconds`; with
/// `fresh`, every request asks for an address not asked for before.
async fn served(
    http: &Http,
    url: &str,
    fresh: bool,
    encoding: &'static str,
    seconds: u64,
) -> (f64, f64) {
    static SEEN: AtomicU64 = AtomicU64::new(0);
    let done = Arc::new(AtomicU64::new(0));
    let bytes = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let workers: Vec<_> = (0..50)
        .map(|_| {
            let (http, url) = (http.clone(), url.to_string());
            let (done, bytes, stop) = (done.clone(), bytes.clone(), stop.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let url = match fresh {
                        true => format!("{url}?seen={}", SEEN.fetch_add(1, Ordering::Relaxed)),
                        false => url.clone(),
                    };
                    if let Some((StatusCode::OK, body)) = get(&http, &url, encoding).await {
                        done.fetch_add(1, Ordering::Relaxed);
                        bytes.fetch_add(body.len() as u64, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        let _ = w.await;
    }
    let n = done.load(Ordering::Relaxed).max(1) as f64;
    (
        n / started.elapsed().as_secs_f64(),
        bytes.load(Ordering::Relaxed) as f64 / n,
    )
}

/// Mean time of `compress(page)` over at least 300 ms, and the size it makes.
fn timed(page: &[u8], compress: impl Fn(&[u8]) -> Vec<u8>) -> (Duration, usize) {
    let size = compress(page).len();
    let started = Instant::now();
    let mut runs = 0u32;
    while started.elapsed() < Duration::from_millis(300) {
        std::hint::black_box(compress(page));
        runs += 1;
    }
    (started.elapsed() / runs.max(1), size)
}

fn brotli(page: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
        let _ = w.write_all(page);
    }
    out
}

fn gzip(page: &[u8], level: u32) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    let _ = e.write_all(page);
    e.finish().unwrap_or_default()
}

async fn run(seconds: u64) {
    let dir = std::env::temp_dir().join(format!("sih-compression-{}", std::process::id()));
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("pkg")).expect("temp dir");
    std::fs::write(
        site.join("favicon.svg"),
        include_str!("../../public/favicon.svg"),
    )
    .expect("favicon");
    let port = free_port();
    let env: Vec<(String, String)> = vec![
        (
            "DATABASE_URL".into(),
            format!("sqlite://{}/bench.db?mode=rwc", dir.display()),
        ),
        ("SIH_SITE_ROOT".into(), site.display().to_string()),
        ("SIH_ADDR".into(), format!("127.0.0.1:{port}")),
        ("PUBLIC_BASE_URL".into(), "http://hub.bench".into()),
        ("MAIL_DIR".into(), dir.join("mail").display().to_string()),
    ];
    let command = || server_command(&env);
    let status = command()
        .args(["demo-data", "--assessments", "2000"])
        .status()
        .expect("demo-data runs");
    assert!(status.success(), "demo data");
    let _server = Server(command().arg("serve").spawn().expect("server starts"));
    let http: Http = Client::builder(TokioExecutor::new()).build_http();
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..300 {
        if get(&http, &format!("{base}/healthz"), "identity")
            .await
            .is_some()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    println!("\n1. Served, 50 connections, {seconds} s each (req/s, mean bytes per answer)");
    println!(
        "  {:<26} {:>20} {:>20} {:>9}",
        "page", "as a browser asks", "uncompressed", "ratio"
    );
    // (address, a new address each request, rendered on every request)
    let pages = [
        ("/favicon.svg", false, false),
        ("/", false, true),
        ("/directory", false, false),
        ("/directory", true, true),
        ("/events", false, true),
    ];
    let mut render = Vec::new();
    for (page, fresh, rendered) in pages {
        let url = format!("{base}{page}");
        let (browser_rps, browser_bytes) = served(&http, &url, fresh, BROWSER, seconds).await;
        let (plain_rps, plain_bytes) = served(&http, &url, fresh, "identity", seconds).await;
        let label = if fresh {
            format!("{page} (new address)")
        } else {
            page.to_string()
        };
        println!(
            "  {:<26} {:>9.0} {:>8.0} B {:>9.0} {:>8.0} B {:>8.0} %",
            label,
            browser_rps,
            browser_bytes,
            plain_rps,
            plain_bytes,
            100.0 * browser_rps / plain_rps
        );
        if rendered {
            render.push((page, plain_rps));
        }
    }

    println!("\n2. Each page's HTML compressed here, one core (time per page, bytes)");
    for (page, plain_rps) in render {
        let Some((_, html)) = get(&http, &format!("{base}{page}"), "identity").await else {
            continue;
        };
        // Two cores serve `plain_rps` pages a second: each page costs 2 / plain_rps seconds
        // of CPU. A level's share is its time over that.
        let page_cost = 2.0 / plain_rps;
        println!(
            "  {page}: {} bytes, {:.2?} of CPU to serve",
            html.len(),
            Duration::from_secs_f64(page_cost)
        );
        for quality in 0..=11 {
            let (t, size) = timed(&html, |p| brotli(p, quality));
            println!(
                "    brotli {:>2}   {:>9.1?} {:>7} B ({:>4.1} %)  +{:>4.0} % CPU per page",
                quality,
                t,
                size,
                100.0 * size as f64 / html.len() as f64,
                100.0 * t.as_secs_f64() / page_cost
            );
        }
        for level in [1, 6, 9] {
            let (t, size) = timed(&html, |p| gzip(p, level));
            println!(
                "    gzip   {:>2}   {:>9.1?} {:>7} B ({:>4.1} %)  +{:>4.0} % CPU per page",
                level,
                t,
                size,
                100.0 * size as f64 / html.len() as f64,
                100.0 * t.as_secs_f64() / page_cost
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    let seconds = std::env::var("LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(run(seconds));
}
