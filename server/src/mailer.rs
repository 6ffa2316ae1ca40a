//! The background sender: delivers queued mail over SMTP (or, without SMTP, into a folder of
//! plain-text files for development) and retries failures with backoff.
//!
//! Several server processes may run this loop against one database. A mail is claimed with a
//! conditional update (`locked_until` only set if nobody holds it), so exactly one process
//! sends it. Once sent, the body and attachment are deleted from the database: they may hold
//! a reset or sign-in link, which must not live on in the table, its backups or the staff
//! outbox page. Subject, recipient and status stay.

use app::db::entities::email_outbox;
use app::db::now;
use app::mail::outbox::{STATUS_FAILED, STATUS_PENDING, STATUS_SENT};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// After this many failed attempts a mail is marked failed and left for staff.
pub const MAX_ATTEMPTS: i32 = 8;
/// How long a claim lasts; a process that dies mid-send releases the mail after this.
const CLAIM_SECS: i64 = 120;

/// Seconds to wait before attempt `attempts + 1`: 1 min, 2, 4, … capped at 6 hours.
pub fn backoff_secs(attempts: i32) -> i64 {
    let exp = attempts.clamp(0, 20) as u32;
    (60i64 << exp).min(6 * 3600)
}

#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Development without a mail server: each mail becomes a plain-text file. Written by hand
    /// rather than with lettre's file transport, whose MIME encoding (quoted-printable turns
    /// `=` in a link into `=3D`) a person reading the folder cannot follow.
    Folder(PathBuf),
}

#[derive(Debug, thiserror::Error)]
pub enum MailerError {
    #[error("SMTP_URL is not valid: {0}")]
    Url(String),
    #[error("MAIL_FROM is not a valid address: {0}")]
    From(String),
    #[error("MAIL_DIR {0} cannot be created: {1}")]
    Folder(String, String),
}

impl Mailer {
    pub fn new(smtp_url: &str, from: &str) -> Result<Mailer, MailerError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| MailerError::Url(e.to_string()))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Mailer {
            transport: Transport::Smtp(transport),
            from: parse_from(from)?,
        })
    }

    /// Writes every mail into `dir` (created if missing) instead of sending it.
    pub fn folder(dir: &Path, from: &str) -> Result<Mailer, MailerError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| MailerError::Folder(dir.display().to_string(), e.to_string()))?;
        Ok(Mailer {
            transport: Transport::Folder(dir.to_path_buf()),
            from: parse_from(from)?,
        })
    }

    async fn send(&self, mail: &email_outbox::Model) -> Result<(), String> {
        match &self.transport {
            Transport::Smtp(smtp) => self.send_smtp(smtp, mail).await,
            Transport::Folder(dir) => write_to_folder(dir, &self.from, mail).await,
        }
    }

    async fn send_smtp(
        &self,
        transport: &AsyncSmtpTransport<Tokio1Executor>,
        mail: &email_outbox::Model,
    ) -> Result<(), String> {
        let to: Mailbox = mail
            .recipient
            .parse()
            .map_err(|e| format!("recipient: {e}"))?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone());
        let message = match (&mail.attachment_name, &mail.attachment_body) {
            (Some(name), Some(body)) => {
                use lettre::message::{header::ContentType, Attachment, MultiPart, SinglePart};
                let content_type = mail
                    .attachment_type
                    .as_deref()
                    .and_then(|t| ContentType::parse(t).ok())
                    .unwrap_or(ContentType::TEXT_PLAIN);
                builder.multipart(
                    MultiPart::mixed()
                        .singlepart(SinglePart::plain(mail.body_text.clone()))
                        .singlepart(Attachment::new(name.clone()).body(body.clone(), content_type)),
                )
            }
            _ => builder.body(mail.body_text.clone()),
        }
        .map_err(|e| format!("message: {e}"))?;
        transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("smtp: {e}"))
    }
}

fn parse_from(from: &str) -> Result<Mailbox, MailerError> {
    from.parse()
        .map_err(|e: lettre::address::AddressError| MailerError::From(e.to_string()))
}

/// `<id>.txt` in `dir`: the headers a person needs, a blank line, the body, then any
/// attachment. Written to a temporary name first, so a reader never sees half a mail.
async fn write_to_folder(
    dir: &Path,
    from: &Mailbox,
    mail: &email_outbox::Model,
) -> Result<(), String> {
    let mut text = format!(
        "From: {from}\nTo: {}\nSubject: {}\nDate: {}\n\n{}\n",
        mail.recipient,
        mail.subject,
        app::ui::format_date(mail.created_at),
        mail.body_text
    );
    if let (Some(name), Some(body)) = (&mail.attachment_name, &mail.attachment_body) {
        text.push_str(&format!("\n--- attachment: {name} ---\n{body}\n"));
    }
    let path = dir.join(format!("{:08}.txt", mail.id));
    let partial = dir.join(format!(".{:08}.partial", mail.id));
    tokio::fs::write(&partial, text)
        .await
        .map_err(|e| format!("mail folder: {e}"))?;
    tokio::fs::rename(&partial, &path)
        .await
        .map_err(|e| format!("mail folder: {e}"))
}

/// Claims and sends the mails that are due. Returns how many were sent.
pub async fn deliver_due(db: &DatabaseConnection, mailer: &Mailer) -> Result<usize, DbErr> {
    let at = now();
    let due = email_outbox::Entity::find()
        .filter(email_outbox::Column::Status.eq(STATUS_PENDING))
        .filter(email_outbox::Column::NextAttemptAt.lte(at))
        .filter(free_to_claim(at))
        .order_by_asc(email_outbox::Column::Id)
        .limit(20)
        .all(db)
        .await?;
    let mut sent = 0;
    for mail in due {
        let claimed = email_outbox::Entity::update_many()
            .col_expr(
                email_outbox::Column::LockedUntil,
                Expr::value(at + CLAIM_SECS),
            )
            .filter(email_outbox::Column::Id.eq(mail.id))
            .filter(email_outbox::Column::Status.eq(STATUS_PENDING))
            .filter(free_to_claim(at))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue; // another process has it
        }
        match mailer.send(&mail).await {
            Ok(()) => {
                email_outbox::Entity::update_many()
                    .col_expr(email_outbox::Column::Status, Expr::value(STATUS_SENT))
                    .col_expr(email_outbox::Column::SentAt, Expr::value(now()))
                    .col_expr(
                        email_outbox::Column::Attempts,
                        Expr::value(mail.attempts + 1),
                    )
                    .col_expr(email_outbox::Column::BodyText, Expr::value(""))
                    .col_expr(
                        email_outbox::Column::AttachmentBody,
                        Expr::value(Option::<String>::None),
                    )
                    .col_expr(
                        email_outbox::Column::LockedUntil,
                        Expr::value(Option::<i64>::None),
                    )
                    .filter(email_outbox::Column::Id.eq(mail.id))
                    .exec(db)
                    .await?;
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(mail = mail.id, %error, "sending mail failed; will retry");
                let attempts = mail.attempts + 1;
                let status = if attempts >= MAX_ATTEMPTS {
                    STATUS_FAILED
                } else {
                    STATUS_PENDING
                };
                email_outbox::Entity::update_many()
                    .col_expr(email_outbox::Column::Status, Expr::value(status))
                    .col_expr(email_outbox::Column::Attempts, Expr::value(attempts))
                    .col_expr(
                        email_outbox::Column::NextAttemptAt,
                        Expr::value(now() + backoff_secs(attempts)),
                    )
                    .col_expr(email_outbox::Column::LastError, Expr::value(error))
                    .col_expr(
                        email_outbox::Column::LockedUntil,
                        Expr::value(Option::<i64>::None),
                    )
                    .filter(email_outbox::Column::Id.eq(mail.id))
                    .exec(db)
                    .await?;
            }
        }
    }
    Ok(sent)
}

fn free_to_claim(at: i64) -> Condition {
    Condition::any()
        .add(email_outbox::Column::LockedUntil.is_null())
        .add(email_outbox::Column::LockedUntil.lt(at))
}

/// Runs forever: sends due mail every two seconds and, hourly, prunes what has expired:
/// sessions, throttle and rate-limit rows, unconfirmed sign-ups, unclaimed drafts, old mail.
pub async fn run(db: DatabaseConnection, mailer: Mailer, draft_expiry_days: i64) {
    let mut ticks: u64 = 0;
    loop {
        if let Err(e) = deliver_due(&db, &mailer).await {
            tracing::error!(error = %e, "mail delivery round failed");
        }
        if ticks.is_multiple_of(1800) {
            if let Err(e) = app::accounts::service::prune(&db).await {
                tracing::error!(error = ?e, "pruning sessions failed");
            }
            if let Err(e) = app::events::service::prune_unconfirmed(&db).await {
                tracing::error!(error = ?e, "pruning unconfirmed sign-ups failed");
            }
            match app::assessment::service::expire_unclaimed_drafts(&db, draft_expiry_days).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(drafts = n, "unclaimed drafts expired"),
                Err(e) => tracing::error!(error = ?e, "expiring drafts failed"),
            }
            if let Err(e) = app::mail::outbox::prune(&db).await {
                tracing::error!(error = %e, "pruning the outbox failed");
            }
        }
        ticks = ticks.wrapping_add(1);
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff_secs(0), 60);
        assert_eq!(backoff_secs(1), 120);
        assert_eq!(backoff_secs(3), 480);
        assert_eq!(backoff_secs(30), 6 * 3600);
        assert_eq!(backoff_secs(-1), 60);
    }
}
