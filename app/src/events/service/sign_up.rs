//! Signing up (as a user or a visitor who confirms by e-mail) and the organisation limit.

use super::*;

/// Someone signing up: a logged-in user, or a visitor who confirms by e-mail.
pub struct Signer {
    pub user_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub organisation_name: String,
}

impl Signer {
    pub fn from_user(user: &CurrentUser) -> Signer {
        Signer {
            user_id: Some(user.id),
            organisation_id: user
                .organisation_id
                .filter(|_| user.role.has_organisation()),
            name: user.name.clone(),
            email: user.email.clone(),
            organisation_name: user.organisation_name.clone().unwrap_or_default(),
        }
    }

    /// A visitor's form: name, e-mail, organisation and consent.
    pub fn from_form(
        name: &str,
        email: &str,
        organisation: &str,
        consent: bool,
    ) -> Result<Signer, AppError> {
        let name = crate::text::name(name, 2, 120)
            .ok_or_else(|| AppError::field("name", Key::ErrNameInvalid))?;
        let email = Email::parse(email)?;
        let organisation = crate::text::name(organisation, 2, 200)
            .ok_or_else(|| AppError::field("organisation", Key::ErrEventOrganisation))?;
        if !consent {
            return Err(AppError::field("consent", Key::ErrEventConsent));
        }
        Ok(Signer {
            user_id: None,
            organisation_id: None,
            name,
            email: email.as_str().to_string(),
            organisation_name: organisation,
        })
    }
}

/// Who is asking, for eligibility and "already signed up".
async fn has_final_assessment(
    db: &impl ConnectionTrait,
    organisation_id: Option<i64>,
) -> Result<bool, AppError> {
    let Some(org) = organisation_id else {
        return Ok(false);
    };
    Ok(assessment::Entity::find()
        .filter(assessment::Column::OrganisationId.eq(org))
        .filter(assessment::Column::Status.eq(crate::assessment::service::STATUS_FINAL))
        .count(db)
        .await?
        > 0)
}

fn lower_name_is(name: &str) -> sea_orm::sea_query::SimpleExpr {
    Expr::expr(Func::lower(Expr::col(
        registration::Column::OrganisationName,
    )))
    .eq(name.trim().to_lowercase())
}

/// Places held at an event by one organisation. Members of an account's organisation count by
/// its id; visitors by the organisation name they typed (ignoring case), so the limit cannot
/// be dodged by logging out. Unconfirmed sign-ups hold nothing, so made-up people cannot use
/// up a company's places.
async fn places_of_organisation(
    db: &impl ConnectionTrait,
    event_id: i64,
    organisation_id: Option<i64>,
    organisation_name: &str,
) -> Result<u64, AppError> {
    let same_organisation = match organisation_id {
        Some(org) => Condition::any()
            .add(registration::Column::OrganisationId.eq(org))
            .add(lower_name_is(organisation_name)),
        None => Condition::all().add(lower_name_is(organisation_name)),
    };
    Ok(registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.is_in(HOLDING))
        .filter(same_organisation)
        .count(db)
        .await?)
}

/// Refuses a place when the organisation already holds as many as the event allows.
///
/// Counting and taking a place must not interleave between two colleagues deciding at the
/// same moment (each would count the other's place as free). So the event's row is written
/// first: on PostgreSQL that locks it until the transaction ends, on SQLite it takes the one
/// write lock, and a second decision for this event waits for the first to commit.
async fn organisation_has_room(
    txn: &impl ConnectionTrait,
    e: &event::Model,
    organisation_id: Option<i64>,
    organisation_name: &str,
) -> Result<(), AppError> {
    let Some(limit) = e.per_organisation_limit else {
        return Ok(());
    };
    event::Entity::update_many()
        .col_expr(
            event::Column::SeatsTaken,
            Expr::col(event::Column::SeatsTaken),
        )
        .filter(event::Column::Id.eq(e.id))
        .exec(txn)
        .await?;
    let held = places_of_organisation(txn, e.id, organisation_id, organisation_name).await?;
    if held >= std::cmp::max(limit, 0) as u64 {
        return Err(AppError::invalid(Key::ErrEventOrganisationLimit));
    }
    Ok(())
}

/// What happened to a sign-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignUpOutcome {
    Confirmed,
    Waiting(u64),
    /// A visitor must click the link in the e-mail first.
    CheckEmail,
}

pub async fn sign_up(
    ctx: &ServerContext,
    event_id: i64,
    signer: Signer,
) -> Result<SignUpOutcome, AppError> {
    let e = event::Entity::find_by_id(event_id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = now();
    let already = active_registration(&ctx.db, e.id, &signer.email)
        .await?
        .is_some();
    let invited = event_invite::Entity::find()
        .filter(event_invite::Column::EventId.eq(e.id))
        .filter(event_invite::Column::Email.eq(&signer.email))
        .count(&ctx.db)
        .await?
        > 0;
    let organisation_count = match e.per_organisation_limit {
        Some(_) => {
            places_of_organisation(
                &ctx.db,
                e.id,
                signer.organisation_id,
                &signer.organisation_name,
            )
            .await?
        }
        None => 0,
    };
    check_sign_up(&SignUpFacts {
        status: status_of(&e)?,
        eligibility: Eligibility::stored(&e.eligibility)?,
        deadline: e.registration_deadline,
        now: at,
        already_signed_up: already,
        has_final_assessment: has_final_assessment(&ctx.db, signer.organisation_id).await?,
        invited,
        organisation_count,
        per_organisation_limit: e.per_organisation_limit,
    })
    .map_err(AppError::invalid)?;

    let txn = ctx.db.begin().await?;
    let row = registration::ActiveModel {
        event_id: Set(e.id),
        user_id: Set(signer.user_id),
        organisation_id: Set(signer.organisation_id),
        name: Set(signer.name.clone()),
        email: Set(signer.email.clone()),
        organisation_name: Set(signer.organisation_name.clone()),
        status: Set(RegistrationStatus::Unconfirmed.code().to_string()),
        created_at: Set(at),
        confirmed_at: Set(None),
        cancelled_at: Set(None),
        checked_in_at: Set(None),
        reminder_sent_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let outcome = if signer.user_id.is_some() {
        // Counted above for a quick answer; counted again where it decides.
        organisation_has_room(&txn, &e, signer.organisation_id, &signer.organisation_name).await?;
        let status = take_seat_or_wait(&txn, e.id, row.id).await?;
        let fresh = registration::Entity::find_by_id(row.id)
            .one(&txn)
            .await?
            .ok_or(AppError::Internal)?;
        let outcome = announce(ctx, &txn, &e, &fresh, status, false).await?;
        txn.commit().await?;
        outcome
    } else {
        let lang = crate::i18n::request_lang();
        let token = ctx.settings.signing_keys.sign(
            Purpose::EventConfirm,
            row.id,
            at + UNCONFIRMED_HOURS * 3600,
            &row.email,
        );
        let link = ctx.link(&format!("/signup/confirm?token={token}"));
        let title = title_in(&e, lang);
        let body = lang.fill(
            Key::MailEventConfirmBody,
            &[("name", &row.name), ("event", &title), ("link", &link)],
        );
        outbox::enqueue(
            &txn,
            &row.email,
            &lang.fill(Key::MailEventConfirmSubject, &[("event", &title)]),
            &body,
        )
        .await?;
        txn.commit().await?;
        SignUpOutcome::CheckEmail
    };
    Ok(outcome)
}

/// The registration a signed link names, if the signature, purpose, expiry and e-mail address
/// all hold.
pub(super) async fn registration_by_token(
    ctx: &ServerContext,
    db: &impl ConnectionTrait,
    purpose: Purpose,
    token_text: &str,
) -> Result<registration::Model, AppError> {
    let claims = ctx
        .settings
        .signing_keys
        .verify(purpose, token_text, now())
        .map_err(token_error)?;
    registration::Entity::find_by_id(claims.user_id)
        .one(db)
        .await?
        .filter(|r| claims.binding == token::fingerprint(&r.email))
        .ok_or_else(|| AppError::invalid(Key::ErrEventLinkInvalid))
}

pub(super) fn token_error(_: token::TokenError) -> AppError {
    AppError::invalid(Key::ErrEventLinkInvalid)
}

/// The visitor clicked the link in the confirmation mail: now a seat is taken (or a place on
/// the waiting list). Clicking again, or twice at once, answers with the place already taken;
/// a second sign-up of the same person confirms to the place the first one holds.
pub async fn confirm(
    ctx: &ServerContext,
    token_text: &str,
) -> Result<(String, SignUpOutcome), AppError> {
    let txn = ctx.db.begin().await?;
    let r = registration_by_token(ctx, &txn, Purpose::EventConfirm, token_text).await?;
    let e = event::Entity::find_by_id(r.event_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if reg_status(&r)? != RegistrationStatus::Unconfirmed {
        drop(txn);
        let outcome = place_held(&ctx.db, &r).await?;
        return Ok((e.slug, outcome));
    }
    if status_of(&e)? != EventStatus::Published {
        return Err(AppError::invalid(Key::ErrEventCancelled));
    }
    // The organisation's limit is checked again: its places may have filled up since the
    // sign-up, which held none.
    organisation_has_room(&txn, &e, r.organisation_id, &r.organisation_name).await?;
    // Claim the right to decide once: only one click moves it out of "unconfirmed", and the
    // unique index refuses it when the same person already holds a place.
    let claimed = registration::Entity::update_many()
        .col_expr(registration::Column::Status, Expr::value("deciding"))
        .filter(registration::Column::Id.eq(r.id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Unconfirmed.code()))
        .exec(&txn)
        .await;
    let decided_elsewhere = match claimed {
        Ok(done) => done.rows_affected != 1,
        Err(err) if is_duplicate_place(&err) => {
            drop(txn);
            let held = active_registration(&ctx.db, e.id, &r.email)
                .await?
                .ok_or_else(|| AppError::invalid(Key::ErrEventLinkInvalid))?;
            return Ok((e.slug, place_held(&ctx.db, &held).await?));
        }
        Err(err) => return Err(err.into()),
    };
    if decided_elsewhere {
        // Another click on this link decided first: answer with what it decided.
        drop(txn);
        let now_held = registration::Entity::find_by_id(r.id)
            .one(&ctx.db)
            .await?
            .ok_or_else(|| AppError::invalid(Key::ErrEventLinkInvalid))?;
        return Ok((e.slug, place_held(&ctx.db, &now_held).await?));
    }
    let status = take_seat_or_wait(&txn, e.id, r.id).await?;
    let fresh = registration::Entity::find_by_id(r.id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    let outcome = announce(ctx, &txn, &e, &fresh, status, false).await?;
    txn.commit().await?;
    Ok((e.slug, outcome))
}
