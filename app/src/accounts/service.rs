//! Account operations against the database (server only). The server functions in `api.rs`
//! check who is asking and call these; tests call them directly.

use super::model::{check_password, AccountKind, CurrentUser, Email, Role};
use super::session::{describe_user_agent, is_over, SessionInfo, TOUCH_EVERY_SECS};
use super::throttle;
use super::token::{self, Purpose};
use crate::context::ServerContext;
use crate::db::entities::{invitation, organisation, session, user_account};
use crate::db::now;
use crate::error::AppError;
use crate::i18n::{Key, Lang};
use crate::mail::outbox;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

const VERIFY_TOKEN_SECS: i64 = 7 * 24 * 3600;
const RESET_TOKEN_SECS: i64 = 3600;
const INVITATION_SECS: i64 = 14 * 24 * 3600;
/// Password hashes running at once in this process. Each argon2id hash holds ~19 MiB, and the
/// blocking pool would otherwise run up to 512 of them for a flood of log-ins (unknown
/// addresses included): this caps the memory at ~80 MiB and the CPU at what the machine has.
const HASHING_SLOTS: usize = 4;
/// How long a request waits for a free slot before it is told the server is busy.
const HASHING_WAIT: std::time::Duration = std::time::Duration::from_secs(5);
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_SLOTS);

/// Runs one argon2 computation in a hashing slot (`Busy` when none frees up in time).
async fn with_hashing_slot<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    crate::context::run_in_slot(&HASHING, HASHING_WAIT, work).await
}

/// Hashes with argon2id (the crate's defaults follow the OWASP recommendation), in a hashing
/// slot: a hash takes tens of milliseconds of CPU and ~19 MiB.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    with_hashing_slot(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| {
                tracing::error!(error = %e, "password hashing failed");
                AppError::Internal
            })
    })
    .await?
}

/// Whether `password` matches the stored hash; `Busy` when no hashing slot frees up.
pub async fn password_matches(password: String, hash: String) -> Result<bool, AppError> {
    with_hashing_slot(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
}

pub struct NewAccount {
    pub kind: AccountKind,
    pub name: String,
    pub organisation_name: Option<String>,
    pub email: Email,
    pub password: String,
    pub lang: Lang,
}

async fn email_taken(db: &impl ConnectionTrait, email: &Email) -> Result<bool, AppError> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .count(db)
        .await?
        > 0)
}

/// Creates the account (and its organisation) and queues the verification mail.
///
/// An address that already has an account is answered exactly like a new one (the page says
/// "check your e-mail", after the same password hashing), and its owner gets a mail saying so
/// with a link to log in or reset the password: the form never tells a stranger which
/// addresses have an account.
pub async fn register(ctx: &ServerContext, new: NewAccount) -> Result<(), AppError> {
    check_password(&new.password, Some(new.email.as_str()))?;
    let taken = email_taken(&ctx.db, &new.email).await?;
    let hash = hash_password(new.password).await?;
    if taken {
        return tell_owner_of_attempt(ctx, &new.email, new.lang).await;
    }
    let at = now();
    let txn = ctx.db.begin().await?;
    let organisation_id = match (new.kind.organisation_kind(), new.organisation_name) {
        (Some(kind), Some(name)) => Some(
            organisation::ActiveModel {
                kind: Set(kind.to_string()),
                name: Set(name),
                created_at: Set(at),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id,
        ),
        (Some(_), None) => {
            return Err(AppError::field("organisation", Key::ErrOrganisationInvalid))
        }
        (None, _) => None,
    };
    let user = user_account::ActiveModel {
        email: Set(new.email.as_str().to_string()),
        password_hash: Set(hash),
        display_name: Set(new.name),
        role: Set(new.kind.role().code().to_string()),
        organisation_id: Set(organisation_id),
        locale: Set(new.lang.code().to_string()),
        email_verified_at: Set(None),
        active: Set(true),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let user = match user {
        Ok(user) => user,
        // Two registrations for one address at the same moment: the unique index decided
        // for the other one.
        Err(e) if crate::db::is_unique_violation(&e) => {
            drop(txn);
            return tell_owner_of_attempt(ctx, &new.email, new.lang).await;
        }
        Err(e) => return Err(e.into()),
    };
    queue_verification_mail(ctx, &txn, &user).await?;
    txn.commit().await?;
    Ok(())
}

/// Mails the owner of an address that someone tried to register again (at most a few times an
/// hour, so the form cannot flood a mailbox; beyond that nothing is sent and nothing is said).
async fn tell_owner_of_attempt(
    ctx: &ServerContext,
    email: &Email,
    lang: Lang,
) -> Result<(), AppError> {
    use crate::db::rate_limit::{hit, REGISTER_EXISTING_PER_RECIPIENT};
    match hit(&ctx.db, REGISTER_EXISTING_PER_RECIPIENT, email.as_str()).await {
        Ok(()) => {}
        Err(AppError::TooManyAttempts) => return Ok(()),
        Err(e) => return Err(e),
    }
    let body = lang.fill(
        Key::MailAccountExistsBody,
        &[
            ("login", &ctx.link("/login")),
            ("reset", &ctx.link("/forgot-password")),
        ],
    );
    outbox::enqueue(
        &ctx.db,
        email.as_str(),
        lang.t(Key::MailAccountExistsSubject),
        &body,
    )
    .await?;
    Ok(())
}

async fn queue_verification_mail(
    ctx: &ServerContext,
    db: &impl ConnectionTrait,
    user: &user_account::Model,
) -> Result<(), AppError> {
    let mail = LinkMail {
        purpose: Purpose::VerifyEmail,
        valid_secs: VERIFY_TOKEN_SECS,
        binding: &user.email,
        path: "/verify-email",
        subject: Key::MailVerifySubject,
        body: Key::MailVerifyBody,
    };
    mail_signed_link(ctx, db, user, mail).await
}

/// A mail whose point is one signed link: the verification and the reset mail differ only in
/// what the token is for and bound to, where it leads and the words around it.
struct LinkMail<'a> {
    purpose: Purpose,
    valid_secs: i64,
    /// What must still hold for the link to work (the address, or the password hash so a
    /// reset link dies once used).
    binding: &'a str,
    path: &'a str,
    subject: Key,
    body: Key,
}

/// Signs the token, builds the link and queues the mail in the user's language.
async fn mail_signed_link(
    ctx: &ServerContext,
    db: &impl ConnectionTrait,
    user: &user_account::Model,
    mail: LinkMail<'_>,
) -> Result<(), AppError> {
    let lang = Lang::from_code(&user.locale);
    let token = ctx.settings.signing_keys.sign(
        mail.purpose,
        user.id,
        now() + mail.valid_secs,
        mail.binding,
    );
    let link = ctx.link(&format!("{}?token={token}", mail.path));
    let body = lang.fill(mail.body, &[("name", &user.display_name), ("link", &link)]);
    outbox::enqueue(db, &user.email, lang.t(mail.subject), &body).await?;
    Ok(())
}

/// Sends a fresh verification link, for someone who lost the first one. Says nothing about
/// whether the address exists.
pub async fn resend_verification(ctx: &ServerContext, email: &Email) -> Result<(), AppError> {
    if let Some(user) = find_by_email(&ctx.db, email).await? {
        if user.email_verified_at.is_none() && user.active {
            queue_verification_mail(ctx, &ctx.db, &user).await?;
        }
    }
    Ok(())
}

/// The user a signed link was made for, if the link is genuine, unexpired and still bound to
/// the user's current state (`binding`: the e-mail address, or the password hash for resets).
async fn token_user(
    ctx: &ServerContext,
    purpose: Purpose,
    token_text: &str,
    binding: impl Fn(&user_account::Model) -> &str,
) -> Result<user_account::Model, AppError> {
    let claims = ctx
        .settings
        .signing_keys
        .verify(purpose, token_text, now())
        .map_err(|e| match e {
            token::TokenError::Expired => AppError::invalid(Key::ErrTokenExpired),
            _ => AppError::invalid(Key::ErrTokenInvalid),
        })?;
    let user = user_account::Entity::find_by_id(claims.user_id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::invalid(Key::ErrTokenInvalid))?;
    if token::fingerprint(binding(&user)) != claims.binding {
        return Err(AppError::invalid(Key::ErrTokenInvalid));
    }
    Ok(user)
}

pub async fn verify_email(ctx: &ServerContext, token_text: &str) -> Result<(), AppError> {
    let user = token_user(ctx, Purpose::VerifyEmail, token_text, |u| u.email.as_str()).await?;
    if user.email_verified_at.is_none() {
        let mut active: user_account::ActiveModel = user.into();
        active.email_verified_at = Set(Some(now()));
        active.update(&ctx.db).await?;
    }
    Ok(())
}

async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<user_account::Model>, AppError> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?)
}

/// Checks e-mail and password. The attempt is counted by the log-in throttle before the
/// password is even looked at (`throttle`), in the database, so it holds across processes and
/// for attempts fired in parallel.
pub async fn authenticate(
    ctx: &ServerContext,
    email_input: &str,
    password: &str,
    ip: &str,
) -> Result<user_account::Model, AppError> {
    let account_key = email_input.trim().to_lowercase();
    throttle::claim(&ctx.db, &account_key, ip).await?;
    let user = match Email::parse(email_input) {
        Ok(email) => find_by_email(&ctx.db, &email).await?,
        Err(_) => None,
    };
    let ok = match &user {
        Some(u) => password_matches(password.to_string(), u.password_hash.clone()).await?,
        None => {
            // Spend the same time as a real check, so unknown addresses cannot be told apart
            // from known ones by how fast the answer comes.
            let _ = hash_password(password.to_string()).await?;
            false
        }
    };
    if ok {
        throttle::succeeded(&ctx.db, &account_key, ip).await?;
    }
    match user {
        Some(user) if ok && !user.active => Err(AppError::invalid(Key::ErrAccountInactive)),
        Some(user) if ok && user.email_verified_at.is_none() => {
            queue_verification_mail(ctx, &ctx.db, &user).await?;
            Err(AppError::invalid(Key::ErrEmailNotVerified))
        }
        Some(user) if ok => Ok(user),
        _ => Err(AppError::invalid(Key::ErrInvalidCredentials)),
    }
}

/// Starts a session and returns the secret for the cookie; only its hash is stored. The
/// session lives as long as the user's role allows (`Role::session_lifetime`).
pub async fn create_session(
    ctx: &ServerContext,
    user_id: i64,
    role: Role,
    user_agent: &str,
) -> Result<String, AppError> {
    let secret = token::random_secret();
    let at = now();
    let device: String = describe_user_agent(user_agent).chars().take(120).collect();
    session::ActiveModel {
        id_hash: Set(token::hash_secret(&secret)),
        user_id: Set(user_id),
        created_at: Set(at),
        expires_at: Set(at + role.session_lifetime().absolute_secs),
        last_seen_at: Set(at),
        user_agent: Set((!device.is_empty()).then_some(device)),
    }
    .insert(&ctx.db)
    .await?;
    Ok(secret)
}

pub async fn end_session(ctx: &ServerContext, secret: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(token::hash_secret(secret))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// The user's live sessions, newest use first, the one asking marked.
pub async fn list_sessions(
    db: &impl ConnectionTrait,
    user_id: i64,
    current_secret: Option<&str>,
) -> Result<Vec<SessionInfo>, AppError> {
    let current = current_secret.map(token::hash_secret);
    let rows = session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ExpiresAt.gt(now()))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|s| SessionInfo {
            current: current.as_deref() == Some(s.id_hash.as_str()),
            id: s.id_hash,
            device: s.user_agent.unwrap_or_default(),
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
        })
        .collect())
}

/// Ends one of the user's own sessions (another user's id changes nothing).
pub async fn end_own_session(
    db: &impl ConnectionTrait,
    user_id: i64,
    id_hash: &str,
) -> Result<(), AppError> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::IdHash.eq(id_hash))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of the user except the one asking ("sign out everywhere else").
pub async fn end_other_sessions(
    db: &impl ConnectionTrait,
    user_id: i64,
    current_secret: &str,
) -> Result<u64, AppError> {
    let done = session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::IdHash.ne(token::hash_secret(current_secret)))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// The user behind a session cookie, if the session is live (within its role's idle and
/// absolute time) and the account active. A session that is over is deleted.
pub async fn session_user(
    db: &impl ConnectionTrait,
    secret: &str,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(sess) = session::Entity::find_by_id(token::hash_secret(secret))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let at = now();
    let Some(user) = user_account::Entity::find_by_id(sess.user_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let role = Role::stored(&user.role)?;
    if is_over(
        role.session_lifetime(),
        sess.last_seen_at,
        sess.expires_at,
        at,
    ) {
        session::Entity::delete_by_id(sess.id_hash).exec(db).await?;
        return Ok(None);
    }
    if !user.active {
        return Ok(None);
    }
    // Touch at most once a minute: a write on every request would serialise SQLite readers.
    if at - sess.last_seen_at >= TOUCH_EVERY_SECS {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(at))
            .filter(session::Column::IdHash.eq(sess.id_hash.clone()))
            .exec(db)
            .await?;
    }
    current_user(db, user).await.map(Some)
}

pub async fn current_user(
    db: &impl ConnectionTrait,
    user: user_account::Model,
) -> Result<CurrentUser, AppError> {
    let organisation_name = match user.organisation_id {
        Some(id) => organisation::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| o.name),
        None => None,
    };
    Ok(CurrentUser {
        id: user.id,
        email: user.email,
        name: user.display_name,
        role: Role::stored(&user.role)?,
        organisation_id: user.organisation_id,
        organisation_name,
    })
}

/// Queues a reset link. Answers the same whether or not the address exists, so the form
/// cannot be used to find out who has an account.
pub async fn request_password_reset(ctx: &ServerContext, email: &Email) -> Result<(), AppError> {
    let Some(user) = find_by_email(&ctx.db, email).await? else {
        return Ok(());
    };
    if !user.active {
        return Ok(());
    }
    let mail = LinkMail {
        purpose: Purpose::ResetPassword,
        valid_secs: RESET_TOKEN_SECS,
        binding: &user.password_hash,
        path: "/reset-password",
        subject: Key::MailResetSubject,
        body: Key::MailResetBody,
    };
    mail_signed_link(ctx, &ctx.db, &user, mail).await
}

/// Sets a new password from a reset link; the link stops working (its binding is the old hash)
/// and every session of the account ends.
pub async fn reset_password(
    ctx: &ServerContext,
    token_text: &str,
    new_password: &str,
) -> Result<(), AppError> {
    let user = token_user(ctx, Purpose::ResetPassword, token_text, |u| {
        u.password_hash.as_str()
    })
    .await?;
    check_password(new_password, Some(&user.email))?;
    set_password(ctx, user, new_password, true).await
}

async fn set_password(
    ctx: &ServerContext,
    user: user_account::Model,
    new_password: &str,
    verified_by_mail: bool,
) -> Result<(), AppError> {
    let hash = hash_password(new_password.to_string()).await?;
    let user_id = user.id;
    let txn = ctx.db.begin().await?;
    let mut active: user_account::ActiveModel = user.clone().into();
    active.password_hash = Set(hash);
    if verified_by_mail && user.email_verified_at.is_none() {
        // Following a reset link proves the mailbox as well as a verification link does.
        active.email_verified_at = Set(Some(now()));
    }
    active.update(&txn).await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Checks the password a logged-in user types to confirm a change (new password, deleting the
/// account). Limited per account, so a session left open cannot be used to guess it.
pub async fn confirm_current_password(
    ctx: &ServerContext,
    user: &user_account::Model,
    password: &str,
    field: &str,
) -> Result<(), AppError> {
    use crate::db::rate_limit::{hit, CURRENT_PASSWORD_PER_ACCOUNT};
    hit(&ctx.db, CURRENT_PASSWORD_PER_ACCOUNT, &user.id.to_string()).await?;
    if password_matches(password.to_string(), user.password_hash.clone()).await? {
        Ok(())
    } else {
        Err(AppError::field(field, Key::ErrCurrentPasswordWrong))
    }
}

/// Changes the password of a logged-in user after checking the current one; other sessions end,
/// the caller starts a fresh one.
pub async fn change_password(
    ctx: &ServerContext,
    user_id: i64,
    current: &str,
    new_password: &str,
) -> Result<(), AppError> {
    let user = user_account::Entity::find_by_id(user_id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    confirm_current_password(ctx, &user, current, "current").await?;
    check_password(new_password, Some(&user.email))?;
    set_password(ctx, user, new_password, false).await
}

/// The stored account of a logged-in user (`Unauthorized` if it was deleted meanwhile).
pub async fn account(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<user_account::Model, AppError> {
    user_account::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)
}

pub async fn set_locale(ctx: &ServerContext, user_id: i64, lang: Lang) -> Result<(), AppError> {
    user_account::Entity::update_many()
        .col_expr(user_account::Column::Locale, Expr::value(lang.code()))
        .filter(user_account::Column::Id.eq(user_id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// Invites a colleague into the inviter's organisation by e-mail.
pub async fn invite(
    ctx: &ServerContext,
    inviter: &CurrentUser,
    email: &Email,
    lang: Lang,
) -> Result<(), AppError> {
    let Some(organisation_id) = inviter
        .organisation_id
        .filter(|_| inviter.role.has_organisation())
    else {
        return Err(AppError::Forbidden);
    };
    {
        use crate::db::rate_limit::{hit, INVITE_PER_ACCOUNT, INVITE_PER_RECIPIENT};
        hit(&ctx.db, INVITE_PER_ACCOUNT, &inviter.id.to_string()).await?;
        hit(&ctx.db, INVITE_PER_RECIPIENT, email.as_str()).await?;
    }
    let org = inviter.organisation_name.clone().unwrap_or_default();
    if email_taken(&ctx.db, email).await? {
        // The inviter is told "sent" as for any address, so the form cannot be used to find
        // out who has an account; the address's owner learns why no link came.
        let body = lang.fill(
            Key::MailInviteExistingBody,
            &[("inviter", &inviter.name), ("organisation", &org)],
        );
        let subject = lang.t(Key::MailInviteSubject);
        outbox::enqueue(&ctx.db, email.as_str(), subject, &body).await?;
        return Ok(());
    }
    let secret = token::random_secret();
    let at = now();
    let txn = ctx.db.begin().await?;
    invitation::ActiveModel {
        organisation_id: Set(organisation_id),
        email: Set(email.as_str().to_string()),
        token_hash: Set(token::hash_secret(&secret)),
        invited_by: Set(inviter.id),
        created_at: Set(at),
        expires_at: Set(at + INVITATION_SECS),
        accepted_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let link = ctx.link(&format!("/invite/{secret}"));
    let body = lang.fill(
        Key::MailInviteBody,
        &[
            ("inviter", &inviter.name),
            ("organisation", &org),
            ("link", &link),
        ],
    );
    // The subject names no organisation: its name is typed by whoever registered it, and a
    // subject line is where a phishing text would be read first.
    outbox::enqueue(&txn, email.as_str(), lang.t(Key::MailInviteSubject), &body).await?;
    txn.commit().await?;
    Ok(())
}

/// An open invitation and the organisation it is for.
pub async fn open_invitation(
    ctx: &ServerContext,
    secret: &str,
) -> Result<(invitation::Model, organisation::Model), AppError> {
    let inv = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token::hash_secret(secret)))
        .one(&ctx.db)
        .await?
        .filter(|i| i.accepted_at.is_none())
        .ok_or(AppError::invalid(Key::ErrInvitationInvalid))?;
    if inv.expires_at < now() {
        return Err(AppError::invalid(Key::ErrInvitationInvalid));
    }
    let org = organisation::Entity::find_by_id(inv.organisation_id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::invalid(Key::ErrInvitationInvalid))?;
    Ok((inv, org))
}

/// Creates the invited user's account in the organisation; the e-mail counts as verified
/// because the invitation link reached that mailbox.
pub async fn accept_invitation(
    ctx: &ServerContext,
    secret: &str,
    name: String,
    password: &str,
    lang: Lang,
) -> Result<user_account::Model, AppError> {
    let (inv, org) = open_invitation(ctx, secret).await?;
    let email = Email::parse(&inv.email)?;
    check_password(password, Some(email.as_str()))?;
    if email_taken(&ctx.db, &email).await? {
        return Err(AppError::field("email", Key::ErrEmailTaken));
    }
    let role = if org.kind == "provider" {
        Role::ProviderMember
    } else {
        Role::CompanyMember
    };
    let hash = hash_password(password.to_string()).await?;
    let at = now();
    let txn = ctx.db.begin().await?;
    // Claim the invitation with a conditional update so it is used once, even when the form
    // is sent twice at the same moment.
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(at))
        .filter(invitation::Column::Id.eq(inv.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(AppError::invalid(Key::ErrInvitationInvalid));
    }
    let user = user_account::ActiveModel {
        email: Set(email.as_str().to_string()),
        password_hash: Set(hash),
        display_name: Set(name),
        role: Set(role.code().to_string()),
        organisation_id: Set(Some(org.id)),
        locale: Set(lang.code().to_string()),
        email_verified_at: Set(Some(at)),
        active: Set(true),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|_| AppError::field("email", Key::ErrEmailTaken))?;
    txn.commit().await?;
    Ok(user)
}

/// Colleagues in one organisation, for the account page.
pub async fn members(
    ctx: &ServerContext,
    organisation_id: i64,
) -> Result<Vec<(String, String)>, AppError> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(user_account::Column::DisplayName)
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|u| (u.display_name, u.email))
        .collect())
}

/// Creates (or promotes) the first administrator; used by the `create-admin` command.
pub async fn create_admin(
    ctx: &ServerContext,
    email: &Email,
    name: String,
    password: &str,
) -> Result<i64, AppError> {
    check_password(password, Some(email.as_str()))?;
    let hash = hash_password(password.to_string()).await?;
    if let Some(user) = find_by_email(&ctx.db, email).await? {
        let id = user.id;
        let mut active: user_account::ActiveModel = user.into();
        active.role = Set(Role::Admin.code().to_string());
        active.password_hash = Set(hash);
        active.active = Set(true);
        active.email_verified_at = Set(Some(now()));
        active.update(&ctx.db).await?;
        return Ok(id);
    }
    let at = now();
    let user = user_account::ActiveModel {
        email: Set(email.as_str().to_string()),
        password_hash: Set(hash),
        display_name: Set(name),
        role: Set(Role::Admin.code().to_string()),
        organisation_id: Set(None),
        locale: Set(Lang::Nl.code().to_string()),
        email_verified_at: Set(Some(at)),
        active: Set(true),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(user.id)
}

/// Removes sessions that are over (past their end, or unused longer than any role's idle
/// time) and forgotten throttle and rate-limit rows; run now and then by a background job.
pub async fn prune(db: &impl ConnectionTrait) -> Result<(), AppError> {
    use sea_orm::Condition;
    let at = now();
    let longest_idle = Role::ALL
        .iter()
        .map(|r| r.session_lifetime().idle_secs)
        .max()
        .unwrap_or(0);
    session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(session::Column::ExpiresAt.lt(at))
                .add(session::Column::LastSeenAt.lt(at - longest_idle)),
        )
        .exec(db)
        .await?;
    throttle::prune(db).await?;
    crate::db::rate_limit::prune(db).await
}
