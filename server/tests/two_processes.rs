//! Two server processes on different ports sharing one PostgreSQL database, as a hub runs
//! them behind a load balancer: a session made on one is valid on the other; confirmations
//! through both at once never overbook an event; the background jobs (mail delivery, event
//! reminders), which run in both, never send anything twice.
//!
//! Runs only with `TEST_DATABASE_URL` set to PostgreSQL (CI does); on the embedded SQLite
//! default there is one process by design.

mod common;

use app::db::entities::{email_outbox, event, event_registration};
use app::events::model::EventInput;
use common::{event_input, TestApp, PASSWORD, SECRET_KEY};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A running `server serve`; killed when dropped, so a failing test leaves no process behind.
struct Process {
    child: Child,
    port: u16,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

async fn start(database_url: &str, smtp_port: u16) -> Process {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env("SIH_ADDR", format!("127.0.0.1:{port}"))
        .env("DATABASE_URL", database_url)
        .env("SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}"))
        .env("MAIL_FROM", "Hub <hub@test.example>")
        .env("PUBLIC_BASE_URL", "http://hub.test")
        .env("SECRET_KEY", SECRET_KEY)
        .env("TRUST_PROXY", "true")
        .env("SIH_SITE_ROOT", std::env::temp_dir())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .expect("server binary starts");
    let process = Process { child, port };
    for _ in 0..150 {
        if let Ok(reply) = http(port, "GET", "/healthz", None, "").await {
            if reply.status == 200 {
                return process;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server on port {port} did not come up");
}

struct HttpReply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

/// A minimal HTTP/1.1 client (one request per connection), enough for server functions.
async fn http(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    form: &str,
) -> std::io::Result<HttpReply> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
         Sec-Fetch-Site: same-origin\r\nX-Forwarded-For: 10.9.{}.{}\r\n{cookie}\r\n{form}",
        form.len(),
        port % 250,
        form.len() % 250,
    );
    stream.write_all(request.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        let mut out = String::new();
        let mut rest = body;
        while let Some((size, after)) = rest.split_once("\r\n") {
            let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if size == 0 || after.len() < size {
                break;
            }
            out.push_str(&after[..size]);
            rest = after[size..].trim_start_matches("\r\n");
        }
        out
    } else {
        body.to_string()
    };
    Ok(HttpReply {
        status,
        headers,
        body,
    })
}

fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", app::web::request::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// An SMTP server that accepts everything and records (recipient, subject) per message.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<(String, String)>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("smtp port");
    let port = listener.local_addr().expect("address").port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                let mut to = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let command = line.to_ascii_uppercase();
                    let answer: &[u8] = if command.starts_with("EHLO") {
                        b"250-sink\r\n250 8BITMIME\r\n"
                    } else if command.starts_with("RCPT TO:") {
                        to = line[8..].trim().trim_matches(['<', '>']).to_string();
                        b"250 OK\r\n"
                    } else if command.starts_with("DATA") {
                        let _ = write.write_all(b"354 go ahead\r\n").await;
                        let mut subject = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            if let Some(s) = l.strip_prefix("Subject: ") {
                                subject = s.to_string();
                            }
                        }
                        if let Ok(mut list) = store.lock() {
                            list.push((to.clone(), subject));
                        }
                        b"250 queued\r\n"
                    } else if command.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    if write.write_all(answer).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    (port, received)
}

/// A published event with `visitors` sign-ups whose confirmation links are returned.
async fn event_with_sign_ups(
    app: &TestApp,
    input: &EventInput,
    visitors: usize,
    prefix: &str,
) -> (i64, Vec<String>) {
    let (id, slug) = app.published_event(input).await;
    let mut tokens = Vec::new();
    for n in 0..visitors {
        let email = format!("{prefix}{n}@bedrijf{n}.test");
        let reply = app
            .call_from(
                "events/sign_up",
                &[
                    ("event_id", &id.to_string()),
                    ("slug", &slug),
                    ("name", &format!("Deelnemer {n}")),
                    ("email", &email),
                    ("organisation", &format!("Bedrijf {n}")),
                    ("consent", "on"),
                ],
                None,
                &format!("10.2.{}.{}", n / 250, n % 250),
            )
            .await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        let link = app.link_in_mail(&email, "/signup/confirm?token=").await;
        tokens.push(link.split("token=").nth(1).expect("token").to_string());
    }
    (id, tokens)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_share_sessions_never_overbook_and_send_each_mail_once() {
    if !std::env::var("TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        eprintln!("skipped: set TEST_DATABASE_URL to a PostgreSQL database to run this test");
        return;
    }
    let app = TestApp::new().await;
    // Before the processes start: an event tomorrow with three confirmed participants, whose
    // reminders both processes' reminder loops will find due at once.
    let (tomorrow, tokens) = event_with_sign_ups(&app, &event_input(10, 20), 3, "morgen").await;
    for token in &tokens {
        let reply = app.call("events/confirm", &[("token", token)], None).await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
    }
    // And an event next week with 10 seats and 40 people waiting to confirm.
    let (id, tokens) = event_with_sign_ups(&app, &event_input(10, 24 * 7), 40, "deelnemer").await;
    let email = "beheer@hub.test";
    app.admin(email).await;

    let (smtp_port, received) = smtp_sink().await;
    // Started together, so their first reminder rounds overlap.
    let (a, b) = tokio::join!(
        start(&app.database_url, smtp_port),
        start(&app.database_url, smtp_port)
    );

    // A session made on A is valid on B.
    let login = http(
        a.port,
        "POST",
        "/api/login",
        None,
        &form(&[("email", email), ("password", PASSWORD), ("next", "/")]),
    )
    .await
    .expect("log-in answered");
    let cookie = login
        .headers
        .iter()
        .find(|(k, v)| k == "set-cookie" && v.starts_with("sih_session="))
        .and_then(|(_, v)| v.split(';').next())
        .expect("session cookie from A")
        .to_string();
    for port in [a.port, b.port] {
        let me = http(port, "POST", "/api/current_user", Some(&cookie), "")
            .await
            .expect("current user answered");
        assert_eq!(me.status, 200, "{}", me.body);
        assert!(me.body.contains(email), "logged in on {port}: {}", me.body);
    }
    // Logging out on B ends the session on A too.
    let out = http(b.port, "POST", "/api/logout", Some(&cookie), "")
        .await
        .expect("log-out answered");
    assert!(out.status < 400, "{} {}", out.status, out.body);
    let me = http(a.port, "POST", "/api/current_user", Some(&cookie), "")
        .await
        .expect("current user answered");
    assert!(!me.body.contains(email), "{}", me.body);

    // 40 confirmations at once, alternating between the two processes, for 10 seats.
    let tasks: Vec<_> = tokens
        .iter()
        .enumerate()
        .map(|(n, token)| {
            let port = if n % 2 == 0 { a.port } else { b.port };
            let body = form(&[("token", token)]);
            tokio::spawn(
                async move { http(port, "POST", "/api/events/confirm", None, &body).await },
            )
        })
        .collect();
    for task in tasks {
        let reply = task.await.expect("task").expect("confirm answered");
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    let registrations = event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(id))
        .all(&app.db)
        .await
        .expect("registrations");
    let confirmed = registrations
        .iter()
        .filter(|r| r.status == "confirmed")
        .count();
    let waiting = registrations
        .iter()
        .filter(|r| r.status == "waiting")
        .count();
    assert_eq!((confirmed, waiting), (10, 30), "never overbooked");
    let seats = event::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("event")
        .seats_taken;
    assert_eq!(seats, 10);

    // Both processes deliver the outbox and run the reminders; wait until all is sent.
    let mut outbox = Vec::new();
    for _ in 0..120 {
        outbox = email_outbox::Entity::find()
            .all(&app.db)
            .await
            .expect("outbox");
        if outbox.iter().all(|m| m.status == "sent") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        outbox.iter().all(|m| m.status == "sent" && m.attempts == 1),
        "every mail sent, each on its first attempt"
    );
    let reminders = outbox
        .iter()
        .filter(|m| m.subject.starts_with("Morgen: "))
        .count();
    assert_eq!(
        reminders, 3,
        "one reminder per participant of tomorrow's event"
    );
    let registrations_tomorrow = event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(tomorrow))
        .all(&app.db)
        .await
        .expect("registrations");
    assert!(registrations_tomorrow
        .iter()
        .all(|r| r.reminder_sent_at.is_some()));

    // The SMTP server got each outbox mail exactly once: same recipients, same counts.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let count = |list: Vec<String>| {
        let mut map = BTreeMap::new();
        for to in list {
            *map.entry(to).or_insert(0) += 1;
        }
        map
    };
    let got = received.lock().map(|l| l.clone()).unwrap_or_default();
    assert_eq!(got.len(), outbox.len(), "one SMTP message per outbox mail");
    assert_eq!(
        count(got.into_iter().map(|(to, _)| to).collect()),
        count(outbox.iter().map(|m| m.recipient.clone()).collect())
    );
    drop((a, b));
}
