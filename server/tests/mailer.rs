//! The outbox sender against a small fake SMTP server on the loopback interface: mail is
//! delivered once and marked sent; an unreachable server leaves it pending with a retry time.

mod common;

use app::db::entities::email_outbox;
use app::mail::outbox::{enqueue, STATUS_PENDING, STATUS_SENT};
use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::mailer::{deliver_due, Mailer};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// Accepts SMTP sessions and keeps every message's DATA.
async fn fake_smtp() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 fake ESMTP\r\n").await;
                let mut in_data = false;
                let mut data = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            store.lock().unwrap().push(std::mem::take(&mut data));
                            let _ = write.write_all(b"250 queued\r\n").await;
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 fake\r\n"
                    } else if upper.starts_with("DATA") {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    (port, received)
}

#[tokio::test]
async fn queued_mail_is_delivered_once_over_smtp() {
    let app = TestApp::new().await;
    let (port, received) = fake_smtp().await;
    let id = enqueue(
        &app.db,
        "anna@metaalnoord.nl",
        "Welkom",
        "Beste Anna,\nwelkom!",
    )
    .await
    .unwrap();
    let mailer = Mailer::new(&format!("smtp://127.0.0.1:{port}"), "Hub <hub@example.nl>").unwrap();

    assert_eq!(deliver_due(&app.db, &mailer).await.unwrap(), 1);
    assert_eq!(
        deliver_due(&app.db, &mailer).await.unwrap(),
        0,
        "sent mail is not sent again"
    );

    let row = email_outbox::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, STATUS_SENT);
    assert!(row.sent_at.is_some());
    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    assert!(
        got[0].contains("anna@metaalnoord.nl") && got[0].contains("welkom!"),
        "{}",
        got[0]
    );
}

#[tokio::test]
async fn an_unreachable_server_leaves_mail_pending_with_a_retry_time() {
    let app = TestApp::new().await;
    // A port nobody listens on: bind, note it, close it.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let id = enqueue(&app.db, "bert@zuivel.nl", "Test", "Body")
        .await
        .unwrap();
    let mailer = Mailer::new(&format!("smtp://127.0.0.1:{port}"), "Hub <hub@example.nl>").unwrap();
    assert_eq!(deliver_due(&app.db, &mailer).await.unwrap(), 0);
    let row = email_outbox::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, STATUS_PENDING);
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.is_some());
    assert!(
        row.next_attempt_at > app::db::now(),
        "retried later, with backoff"
    );
    assert_eq!(row.locked_until, None, "the claim is released");
    // Not due yet: the next round leaves it alone.
    assert_eq!(deliver_due(&app.db, &mailer).await.unwrap(), 0);
    let again = email_outbox::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again.attempts, 1);
}

/// Issue 16, item 1: a staff member asked for a reset of the admin's password and read the
/// link on the outbox page. Links are masked for staff, every view is audited, and once sent
/// the body (with its link) is gone from the database.
#[tokio::test]
async fn staff_never_see_a_reset_link_and_sent_bodies_are_deleted() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    let asked = app
        .call("forgot_password", &[("email", "beheer@hub.test")], None)
        .await;
    assert_eq!(asked.status, axum::http::StatusCode::OK, "{}", asked.body);
    let link = app
        .link_in_mail("beheer@hub.test", "/reset-password?token=")
        .await;
    let token = link.split("token=").nth(1).expect("token");

    for cookie in [&staff, &admin] {
        let api = app.call("staff/outbox", &[], Some(cookie)).await;
        assert_eq!(api.status, axum::http::StatusCode::OK, "{}", api.body);
        assert!(api.body.contains("beheer@hub.test"), "recipient shown");
        assert!(!api.body.contains(token), "the token never reaches staff");
        assert!(!api.body.contains("reset-password"), "{}", api.body);
        let page = app.get("/staff/outbox", Some(cookie)).await;
        assert!(page.body.contains("[link verborgen]"), "masked in the page");
        assert!(!page.body.contains(token));
    }
    let views = app::db::entities::audit_log::Entity::find()
        .filter(app::db::entities::audit_log::Column::Action.eq("outbox.view"))
        .count(&app.db)
        .await
        .unwrap();
    assert!(views >= 4, "each outbox view is audited, got {views}");

    // Delivered (into a folder here): the file holds the link, the table no longer does.
    let dir = std::env::temp_dir().join(format!("sih-mail-{}", uuid::Uuid::new_v4().simple()));
    let mailer = Mailer::folder(&dir, "Hub <hub@example.nl>").unwrap();
    assert!(deliver_due(&app.db, &mailer).await.unwrap() >= 2);
    let reset_mail = app
        .outbox()
        .await
        .into_iter()
        .find(|m| m.recipient == "beheer@hub.test" && m.status == STATUS_SENT)
        .expect("the reset mail, sent");
    assert_eq!(reset_mail.body_text, "", "the body is purged once sent");
    assert!(!reset_mail.subject.is_empty(), "subject kept");
    let file = std::fs::read_to_string(dir.join(format!("{:08}.txt", reset_mail.id))).unwrap();
    assert!(file.contains("To: beheer@hub.test\n") && file.contains(token));
    let _ = std::fs::remove_dir_all(&dir);
}
