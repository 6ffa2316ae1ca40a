//! Matches and contact requests in the database (server only).

use super::model::*;
use super::view::*;
use crate::accounts::model::CurrentUser;
use crate::assessment::scoring::Scores;
use crate::context::ServerContext;
use crate::db::entities::{
    assessment, contact_request, organisation, provider_profile, user_account,
};
use crate::db::keyset::Keyset;
use crate::db::now;
use crate::error::AppError;
use crate::i18n::{Key, Lang};
use crate::mail::outbox;
use crate::matching::service::{company_of, may_contact, scores_of, view_of};
use crate::matching::{self, Candidate, Company};
use crate::providers::model::{ProfileContent, ProfileKind};
use crate::providers::service as providers;
use crate::ui::{ListPage, ListPosition};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use std::collections::HashMap;

fn summary_of(a: &assessment::Model, scores: &Scores, company: &Company) -> ResultsSummary {
    let mut needs: Vec<_> = company.needs.iter().filter(|n| n.weight() > 0.0).collect();
    needs.sort_by(|x, y| y.weight().total_cmp(&x.weight()));
    ResultsSummary {
        variant: company.variant,
        size_class: a.size_class.clone(),
        province: a.province.clone(),
        overall_current: scores.overall_current,
        overall_ambition: scores.overall_ambition,
        priorities: needs
            .into_iter()
            .take(5)
            .map(|n| (n.transition_key.clone(), n.priority, n.gap))
            .collect(),
    }
}

async fn published_by_slug(
    ctx: &ServerContext,
    slug: &str,
) -> Result<(provider_profile::Model, ProfileContent), AppError> {
    let row = provider_profile::Entity::find()
        .filter(provider_profile::Column::Slug.eq(slug))
        .filter(provider_profile::Column::Published.is_not_null())
        .one(&ctx.db)
        .await?
        .ok_or_else(|| AppError::invalid(Key::ErrContactUnavailable))?;
    let content: ProfileContent =
        serde_json::from_str(row.published.as_deref().unwrap_or_default())
            .map_err(|_| AppError::Internal)?;
    Ok((row, content))
}

/// The contact form: the target, how well it fits, and what would be shared.
pub async fn target(
    ctx: &ServerContext,
    a: &assessment::Model,
    reference: &str,
    slug: &str,
    user: Option<&CurrentUser>,
) -> Result<ContactTarget, AppError> {
    if !may_contact(a, user) {
        return Err(AppError::invalid(Key::ErrContactNeedsAccount));
    }
    let scores = scores_of(ctx, a).await?;
    let company = company_of(a, &scores)?;
    let (row, content) = published_by_slug(ctx, slug).await?;
    let kind = ProfileKind::stored(&row.kind)?;
    let ranked = matching::rank(
        &company,
        &[Candidate {
            id: row.id,
            kind,
            content: &content,
        }],
        1,
    );
    let m = ranked.first().cloned().unwrap_or(matching::Match {
        profile_id: row.id,
        kind,
        score: 0,
        reasons: Vec::new(),
    });
    let requested = contact_request::Entity::find()
        .filter(contact_request::Column::AssessmentId.eq(a.id))
        .filter(contact_request::Column::ProfileId.eq(row.id))
        .count(&ctx.db)
        .await?
        > 0;
    Ok(ContactTarget {
        reference: reference.to_string(),
        company_name: a.company_name.clone(),
        target: view_of(&m, &row.slug, &content, requested),
        summary: summary_of(a, &scores, &company),
        choices: providers::catalogue().to_vec(),
    })
}

/// Sends a contact request from a company's finalised assessment to a published profile, and
/// tells the profile's owners by e-mail.
pub async fn send(
    ctx: &ServerContext,
    a: &assessment::Model,
    user: &CurrentUser,
    slug: &str,
    message: &str,
    share_results: bool,
) -> Result<(), AppError> {
    if !may_contact(a, Some(user)) {
        return Err(AppError::invalid(Key::ErrContactNeedsAccount));
    }
    if !check_message(message) {
        return Err(AppError::field("message", Key::ErrContactMessage));
    }
    let scores = scores_of(ctx, a).await?;
    let company = company_of(a, &scores)?;
    let (row, _) = published_by_slug(ctx, slug).await?;
    let organisation_id = a.organisation_id.ok_or(AppError::Internal)?;
    let txn = ctx.db.begin().await?;
    let duplicate = contact_request::Entity::find()
        .filter(contact_request::Column::AssessmentId.eq(a.id))
        .filter(contact_request::Column::ProfileId.eq(row.id))
        .count(&txn)
        .await?
        > 0;
    if duplicate {
        return Err(AppError::invalid(Key::ErrContactDuplicate));
    }
    let summary = share_results
        .then(|| serde_json::to_string(&summary_of(a, &scores, &company)))
        .transpose()
        .map_err(|_| AppError::Internal)?;
    let at = now();
    contact_request::ActiveModel {
        assessment_id: Set(a.id),
        company_organisation_id: Set(organisation_id),
        profile_id: Set(row.id),
        sender_user_id: Set(user.id),
        message: Set(message.trim().replace("\r\n", "\n")),
        share_results: Set(share_results),
        results_summary: Set(summary),
        status: Set(RequestStatus::New.code().to_string()),
        reply: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::db::funnel_rollup::refresh(&txn, organisation_id).await?;
    let link = ctx.link("/profile/requests");
    for (email, lang) in providers::owner_emails(&txn, &row).await? {
        let subject = lang.fill(Key::MailContactSubject, &[("company", &a.company_name)]);
        let body = lang.fill(
            Key::MailContactBody,
            &[
                ("company", &a.company_name),
                ("sender", &user.name),
                ("message", message.trim()),
                ("link", &link),
            ],
        );
        outbox::enqueue(&txn, &email, &subject, &body).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The requests as lists show them: the company, profile and sender of all rows loaded in
/// three queries, not three per row.
async fn views(
    ctx: &ServerContext,
    rows: Vec<contact_request::Model>,
) -> Result<Vec<RequestView>, AppError> {
    use crate::db::rows_where_in;
    let names: HashMap<i64, String> = rows_where_in::<organisation::Entity>(
        &ctx.db,
        organisation::Column::Id,
        rows.iter().map(|r| r.company_organisation_id),
    )
    .await?
    .into_iter()
    .map(|o| (o.id, o.name))
    .collect();
    let profiles: HashMap<i64, (String, String)> = rows_where_in::<provider_profile::Entity>(
        &ctx.db,
        provider_profile::Column::Id,
        rows.iter().map(|r| r.profile_id),
    )
    .await?
    .into_iter()
    .map(|p| {
        let name = serde_json::from_str::<ProfileContent>(&p.draft)
            .map(|c| c.name)
            .unwrap_or_default();
        (p.id, (name, p.slug))
    })
    .collect();
    let senders: HashMap<i64, user_account::Model> = rows_where_in::<user_account::Entity>(
        &ctx.db,
        user_account::Column::Id,
        rows.iter().map(|r| r.sender_user_id),
    )
    .await?
    .into_iter()
    .map(|u| (u.id, u))
    .collect();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let sender = senders.get(&r.sender_user_id);
        let (profile_name, profile_slug) = profiles.get(&r.profile_id).cloned().unwrap_or_default();
        out.push(RequestView {
            id: r.id,
            company_name: names
                .get(&r.company_organisation_id)
                .cloned()
                .unwrap_or_default(),
            sender_name: sender.map(|u| u.display_name.clone()).unwrap_or_default(),
            sender_email: sender.map(|u| u.email.clone()).unwrap_or_default(),
            profile_name,
            profile_slug,
            message: r.message,
            summary: r
                .results_summary
                .as_deref()
                .and_then(|s| serde_json::from_str(s).ok()),
            status: RequestStatus::stored(&r.status)?,
            reply: r.reply,
            created_at: r.created_at,
            updated_at: r.updated_at,
        });
    }
    Ok(out)
}

/// The requests sent to the asker's own profile, newest first.
pub async fn inbox(ctx: &ServerContext, user: &CurrentUser) -> Result<Inbox, AppError> {
    let owner = providers::owner_of(user)?;
    let query = provider_profile::Entity::find();
    let profile = match (owner.organisation_id, owner.user_id) {
        (Some(org), _) => query.filter(provider_profile::Column::OrganisationId.eq(org)),
        (_, Some(id)) => query.filter(provider_profile::Column::UserId.eq(id)),
        _ => return Err(AppError::Forbidden),
    }
    .one(&ctx.db)
    .await?;
    let rows = match profile {
        Some(p) => {
            contact_request::Entity::find()
                .filter(contact_request::Column::ProfileId.eq(p.id))
                .order_by_desc(contact_request::Column::CreatedAt)
                .order_by_desc(contact_request::Column::Id)
                .all(&ctx.db)
                .await?
        }
        None => Vec::new(),
    };
    Ok(Inbox {
        requests: views(ctx, rows).await?,
        choices: providers::catalogue().to_vec(),
    })
}

/// The provider answers a request: the reply goes to the company by e-mail and a new request
/// moves to "in contact".
pub async fn reply(
    ctx: &ServerContext,
    user: &CurrentUser,
    id: i64,
    text: &str,
) -> Result<(), AppError> {
    // Only providers and consultants answer requests: refused before anything else.
    providers::owner_of(user)?;
    if !check_message(text) {
        return Err(AppError::field("reply", Key::ErrContactMessage));
    }
    let request = contact_request::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let profile = provider_profile::Entity::find_by_id(request.profile_id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    // Someone else's request looks the same as a missing one.
    if !providers::is_owner(user, &profile) {
        return Err(AppError::NotFound);
    }
    let txn = ctx.db.begin().await?;
    let status = match RequestStatus::parse(&request.status) {
        Some(RequestStatus::New) | None => RequestStatus::InContact,
        Some(s) => s,
    };
    contact_request::Entity::update_many()
        .col_expr(
            contact_request::Column::Reply,
            Expr::value(text.trim().replace("\r\n", "\n")),
        )
        .col_expr(contact_request::Column::Status, Expr::value(status.code()))
        .col_expr(contact_request::Column::UpdatedAt, Expr::value(now()))
        .filter(contact_request::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    if let Some(sender) = user_account::Entity::find_by_id(request.sender_user_id)
        .one(&txn)
        .await?
    {
        let lang = Lang::from_code(&sender.locale);
        let name = serde_json::from_str::<ProfileContent>(
            profile.published.as_deref().unwrap_or(&profile.draft),
        )
        .map(|c| c.name)
        .unwrap_or_default();
        let link = ctx.link(&format!("/assessment/o{}/matches", request.assessment_id));
        let subject = lang.fill(Key::MailContactReplySubject, &[("provider", &name)]);
        let body = lang.fill(
            Key::MailContactReplyBody,
            &[
                ("name", &sender.display_name),
                ("provider", &name),
                ("reply", text.trim()),
                ("email", &user.email),
                ("link", &link),
            ],
        );
        outbox::enqueue(&txn, &sender.email, &subject, &body).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The requests a company's organisation sent, newest first (at most 100), for its overview.
pub async fn sent_by_organisation(
    ctx: &ServerContext,
    organisation_id: i64,
) -> Result<Vec<RequestView>, AppError> {
    let rows = contact_request::Entity::find()
        .filter(contact_request::Column::CompanyOrganisationId.eq(organisation_id))
        .order_by_desc(contact_request::Column::CreatedAt)
        .order_by_desc(contact_request::Column::Id)
        .limit(100)
        .all(&ctx.db)
        .await?;
    views(ctx, rows).await
}

/// One page of every request, newest first, for staff, with how many requests are in each
/// status: the page is read by position through the index on `(created_at, id)` and the
/// counts by one grouped query, so neither loads every request.
pub async fn all_requests(
    ctx: &ServerContext,
    position: ListPosition,
) -> Result<RequestList, AppError> {
    use sea_orm::QuerySelect;
    let counted: Vec<(String, i64)> = contact_request::Entity::find()
        .select_only()
        .column(contact_request::Column::Status)
        .column_as(contact_request::Column::Id.count(), "n")
        .group_by(contact_request::Column::Status)
        .into_tuple()
        .all(&ctx.db)
        .await?;
    let counts = RequestStatus::ALL
        .into_iter()
        .map(|s| {
            let n = counted
                .iter()
                .filter(|(code, _)| code == s.code())
                .map(|(_, n)| *n)
                .sum();
            (s, n)
        })
        .collect();
    let keyset = Keyset {
        sort: contact_request::Column::CreatedAt,
        id: contact_request::Column::Id,
        newest_first: true,
        id_of: |r: &contact_request::Model| r.id,
    };
    let page = crate::db::keyset::page(
        &ctx.db,
        contact_request::Entity::find(),
        &keyset,
        position,
        crate::db::keyset::STAFF_PAGE,
    )
    .await?;
    let rows = views(ctx, page.rows).await?;
    Ok(RequestList {
        counts,
        page: ListPage {
            rows,
            previous: page.previous,
            next: page.next,
        },
    })
}

/// Staff move a request along (new → in contact → meeting held → project started → closed;
/// any step may be corrected).
pub async fn set_status(
    ctx: &ServerContext,
    id: i64,
    status: RequestStatus,
) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let done = contact_request::Entity::update_many()
        .col_expr(contact_request::Column::Status, Expr::value(status.code()))
        .col_expr(contact_request::Column::UpdatedAt, Expr::value(now()))
        .filter(contact_request::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    // "Project started" (or its correction) moves the company in the dashboard's funnel.
    if let Some(request) = contact_request::Entity::find_by_id(id).one(&txn).await? {
        crate::db::funnel_rollup::refresh(&txn, request.company_organisation_id).await?;
    }
    txn.commit().await?;
    Ok(())
}
