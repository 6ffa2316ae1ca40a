//! The staff workspace's reads and changes. Every change writes an audit entry in the same
//! transaction.

use super::model::{
    AuditEntry, CompanyDetail, CompanyFilter, CompanyMember, CompanyRow, TimelineEntry,
    TimelineItem, UserRow, VersionInfo,
};
use crate::accounts::model::{CurrentUser, Role};
use crate::assessment::model::Variant;
use crate::audit::{record, Subject};
use crate::context::ServerContext;
use crate::db::entities::{
    assessment, assessment_score, audit_log, contact_request, email_outbox, event,
    event_registration, organisation, provider_profile, questionnaire_version, session, staff_note,
    user_account,
};
use crate::db::keyset::{assemble, reads_descending};
use crate::db::{like_anywhere, now, Params};
use crate::error::AppError;
use crate::i18n::Key;
use crate::ui::{ListPage, ListPosition};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use std::collections::HashMap;

const LIST_LIMIT: u64 = 200;

/// One page of companies in name order with their number of assessments and the profile of
/// the newest one; search on the name, filters on the newest assessment's province, sector
/// and size. Read by position through the index on `(kind, LOWER(name), id)`, and the counts
/// and newest assessments for the page's companies only, so a page costs the same however
/// many companies and assessments there are (a rare filter reads further to fill a page).
pub async fn companies(
    db: &impl ConnectionTrait,
    filter: &CompanyFilter,
    position: ListPosition,
) -> Result<ListPage<CompanyRow>, AppError> {
    let anchor = match position {
        ListPosition::First => None,
        // The database's LOWER, not Rust's: SQLite's lowers ASCII only, and the key must be
        // the one the list is ordered by.
        ListPosition::After(id) | ListPosition::Before(id) => organisation::Entity::find_by_id(id)
            .filter(organisation::Column::Kind.eq("company"))
            .select_only()
            .column_as(Expr::cust("LOWER(name)"), "k")
            .into_tuple::<String>()
            .one(db)
            .await?
            .map(|key| (key, id)),
    };
    let position = if anchor.is_some() {
        position
    } else {
        ListPosition::First
    };
    let mut rows = company_page(db, filter, position, anchor).await?;
    let page = match assemble(
        std::mem::take(&mut rows),
        crate::db::keyset::STAFF_PAGE,
        position,
        |o| o.id,
    ) {
        Some(page) => page,
        None => assemble(
            company_page(db, filter, ListPosition::First, None).await?,
            crate::db::keyset::STAFF_PAGE,
            ListPosition::First,
            |o| o.id,
        )
        .unwrap_or(ListPage {
            rows: Vec::new(),
            previous: None,
            next: None,
        }),
    };
    company_rows(db, page).await
}

/// Up to one page and one row of companies for `position`, in the order it is read in.
async fn company_page(
    db: &impl ConnectionTrait,
    filter: &CompanyFilter,
    position: ListPosition,
    anchor: Option<(String, i64)>,
) -> Result<Vec<organisation::Model>, AppError> {
    let mut p = Params::new(db.get_database_backend());
    let mut sql = format!(
        "SELECT o.* FROM organisation o WHERE o.kind = {}",
        p.bind("company")
    );
    if !filter.search.trim().is_empty() {
        sql = format!(
            "{sql} AND LOWER(o.name) LIKE {} ESCAPE '\\'",
            p.bind(like_anywhere(&filter.search))
        );
    }
    let descending = reads_descending(false, position);
    if let Some((name, id)) = anchor {
        let op = if descending { "<" } else { ">" };
        sql = format!(
            "{sql} AND (LOWER(o.name), o.id) {op} ({}, {})",
            p.bind(name),
            p.bind(id)
        );
    }
    let mut profile = Vec::new();
    for (column, value) in [
        ("province", &filter.province),
        ("sector", &filter.sector),
        ("size_class", &filter.size_class),
    ] {
        if let Some(v) = value {
            profile.push(format!("l.{column} = {}", p.bind(v.as_str())));
        }
    }
    if !profile.is_empty() {
        sql = format!(
            "{sql} AND EXISTS (SELECT 1 FROM assessment l WHERE l.id = \
               (SELECT MAX(a.id) FROM assessment a WHERE a.organisation_id = o.id) AND {})",
            profile.join(" AND ")
        );
    }
    let order = if descending { "DESC" } else { "ASC" };
    sql = format!(
        "{sql} ORDER BY LOWER(o.name) {order}, o.id {order} LIMIT {}",
        crate::db::keyset::STAFF_PAGE + 1
    );
    Ok(organisation::Entity::find()
        .from_raw_sql(p.statement(sql))
        .all(db)
        .await?)
}

/// The page's companies with their number of assessments and newest assessment: one grouped
/// query and one read of the newest rows, over this page's companies only.
async fn company_rows(
    db: &impl ConnectionTrait,
    page: ListPage<organisation::Model>,
) -> Result<ListPage<CompanyRow>, AppError> {
    let ids: Vec<i64> = page.rows.iter().map(|o| o.id).collect();
    let counted: Vec<(Option<i64>, i64, i64)> = assessment::Entity::find()
        .select_only()
        .column(assessment::Column::OrganisationId)
        .column_as(assessment::Column::Id.count(), "n")
        .column_as(assessment::Column::Id.max(), "last_id")
        .filter(assessment::Column::OrganisationId.is_in(ids))
        .group_by(assessment::Column::OrganisationId)
        .into_tuple()
        .all(db)
        .await?;
    let newest: HashMap<i64, assessment::Model> = crate::db::rows_where_in::<assessment::Entity>(
        db,
        assessment::Column::Id,
        counted.iter().map(|(_, _, last)| *last),
    )
    .await?
    .into_iter()
    .filter_map(|a| Some((a.organisation_id?, a)))
    .collect();
    let counts: HashMap<i64, i64> = counted
        .iter()
        .filter_map(|(org, n, _)| Some(((*org)?, *n)))
        .collect();
    Ok(page.map(|o| {
        let last = newest.get(&o.id);
        CompanyRow {
            id: o.id,
            name: o.name,
            created_at: o.created_at,
            assessments: counts.get(&o.id).copied().unwrap_or(0),
            last_assessment_at: last.map(|a| a.created_at),
            province: last.map(|a| a.province.clone()),
            sector: last.map(|a| a.sector.clone()),
            size_class: last.map(|a| a.size_class.clone()),
        }
    }))
}

/// A company with its members and everything that happened, newest first.
pub async fn company(db: &impl ConnectionTrait, id: i64) -> Result<CompanyDetail, AppError> {
    let org = organisation::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|o| o.kind == "company")
        .ok_or(AppError::NotFound)?;
    let assessments = assessment::Entity::find()
        .filter(assessment::Column::OrganisationId.eq(id))
        .order_by_desc(assessment::Column::Id)
        .all(db)
        .await?;
    let newest = assessments.first();
    let company = CompanyRow {
        id: org.id,
        name: org.name.clone(),
        created_at: org.created_at,
        assessments: assessments.len() as i64,
        last_assessment_at: newest.map(|a| a.created_at),
        province: newest.map(|a| a.province.clone()),
        sector: newest.map(|a| a.sector.clone()),
        size_class: newest.map(|a| a.size_class.clone()),
    };
    let members = user_account::Entity::find()
        .filter(user_account::Column::OrganisationId.eq(id))
        .order_by_asc(user_account::Column::DisplayName)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|u| {
            Some(CompanyMember {
                id: u.id,
                role: Role::parse(&u.role)?,
                name: u.display_name,
                email: u.email,
                active: u.active,
            })
        })
        .collect();

    let mut timeline = Vec::new();
    // Overall scores per assessment: one grouped query, not one per assessment.
    let ids: Vec<i64> = assessments.iter().map(|a| a.id).collect();
    let overall: HashMap<i64, (f64, f64)> = assessment_score::Entity::find()
        .select_only()
        .column(assessment_score::Column::AssessmentId)
        .column_as(
            Expr::cust("CAST(AVG(current_score) AS DOUBLE PRECISION)"),
            "cur",
        )
        .column_as(
            Expr::cust("CAST(AVG(ambition_score) AS DOUBLE PRECISION)"),
            "amb",
        )
        .filter(assessment_score::Column::AssessmentId.is_in(ids))
        .group_by(assessment_score::Column::AssessmentId)
        .into_tuple::<(i64, f64, f64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, c, a)| (id, (c, a)))
        .collect();
    for a in &assessments {
        let Some(variant) = Variant::parse(&a.variant) else {
            continue;
        };
        let scores = overall.get(&a.id);
        timeline.push(TimelineItem {
            at: a.finalised_at.unwrap_or(a.created_at),
            entry: TimelineEntry::Assessment {
                reference: format!("o{}", a.id),
                variant,
                finalised: a.finalised_at.is_some(),
                overall_current: scores.map(|s| s.0.round() as u8),
                overall_ambition: scores.map(|s| s.1.round() as u8),
            },
        });
    }

    let registrations = event_registration::Entity::find()
        .filter(event_registration::Column::OrganisationId.eq(id))
        .all(db)
        .await?;
    let event_ids: Vec<i64> = registrations.iter().map(|r| r.event_id).collect();
    let events: HashMap<i64, event::Model> = event::Entity::find()
        .filter(event::Column::Id.is_in(event_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    for r in registrations {
        let Some(e) = events.get(&r.event_id) else {
            continue;
        };
        timeline.push(TimelineItem {
            at: r.checked_in_at.unwrap_or(r.created_at),
            entry: TimelineEntry::SignUp {
                event_slug: e.slug.clone(),
                event_title: e.title_nl.clone(),
                person: r.name,
                status: r.status,
                attended: r.checked_in_at.is_some(),
            },
        });
    }

    let requests = contact_request::Entity::find()
        .filter(contact_request::Column::CompanyOrganisationId.eq(id))
        .all(db)
        .await?;
    let profile_ids: Vec<i64> = requests.iter().map(|r| r.profile_id).collect();
    let profiles: HashMap<i64, (String, String)> = provider_profile::Entity::find()
        .filter(provider_profile::Column::Id.is_in(profile_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            let name = crate::providers::service::display_name(&p);
            (p.id, (name, p.slug))
        })
        .collect();
    for r in requests {
        let (name, slug) = profiles.get(&r.profile_id).cloned().unwrap_or_default();
        timeline.push(TimelineItem {
            at: r.created_at,
            entry: TimelineEntry::ContactRequest {
                profile_name: name,
                profile_slug: slug,
                status: r.status,
            },
        });
    }

    for n in staff_note::Entity::find()
        .filter(staff_note::Column::OrganisationId.eq(id))
        .all(db)
        .await?
    {
        timeline.push(TimelineItem {
            at: n.created_at,
            entry: TimelineEntry::Note {
                author: n.author_name,
                body: n.body,
            },
        });
    }
    timeline.sort_by_key(|item| std::cmp::Reverse(item.at));
    Ok(CompanyDetail {
        company,
        members,
        timeline,
        dma: crate::staff::dma_support::status(db, id).await?,
    })
}

pub async fn add_note(
    db: &sea_orm::DatabaseConnection,
    user: &CurrentUser,
    organisation_id: i64,
    body: &str,
) -> Result<(), AppError> {
    let body = super::model::check_note(body)?;
    let txn = db.begin().await?;
    organisation::Entity::find_by_id(organisation_id)
        .one(&txn)
        .await?
        .filter(|o| o.kind == "company")
        .ok_or(AppError::NotFound)?;
    let note = staff_note::ActiveModel {
        organisation_id: Set(organisation_id),
        author_id: Set(Some(user.id)),
        author_name: Set(user.name.clone()),
        body: Set(body.clone()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record(
        &txn,
        user,
        "company.note",
        Subject::new("organisation", organisation_id),
        None::<&()>,
        Some(&serde_json::json!({ "note_id": note.id, "body": body })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Accounts, searched on name and e-mail address, optionally of one role.
pub async fn users(
    db: &impl ConnectionTrait,
    search: &str,
    role: Option<Role>,
) -> Result<Vec<UserRow>, AppError> {
    let mut q = user_account::Entity::find();
    if !search.trim().is_empty() {
        let pattern = like_anywhere(search);
        q = q.filter(
            Expr::expr(Func::lower(Expr::col(user_account::Column::Email)))
                .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
                .or(
                    Expr::expr(Func::lower(Expr::col(user_account::Column::DisplayName)))
                        .like(sea_orm::sea_query::LikeExpr::new(pattern).escape('\\')),
                ),
        );
    }
    if let Some(role) = role {
        q = q.filter(user_account::Column::Role.eq(role.code()));
    }
    let rows = q
        .order_by_desc(user_account::Column::CreatedAt)
        .order_by_desc(user_account::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    let org_ids: Vec<i64> = rows.iter().filter_map(|u| u.organisation_id).collect();
    let orgs: HashMap<i64, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|u| {
            Some(UserRow {
                id: u.id,
                role: Role::parse(&u.role)?,
                organisation: u.organisation_id.and_then(|id| orgs.get(&id).cloned()),
                organisation_id: u.organisation_id,
                email: u.email,
                name: u.display_name,
                active: u.active,
                verified: u.email_verified_at.is_some(),
                created_at: u.created_at,
            })
        })
        .collect())
}

#[derive(serde::Serialize)]
struct AccountState<'a> {
    email: &'a str,
    role: &'a str,
    active: bool,
}

/// Changes another account's role or whether it may log in (admins only). Admins cannot
/// change their own account here, so the last admin cannot lock everyone out by accident.
pub async fn change_account(
    db: &sea_orm::DatabaseConnection,
    admin: &CurrentUser,
    user_id: i64,
    role: Role,
    active: bool,
) -> Result<(), AppError> {
    if !admin.role.is_admin() {
        return Err(AppError::Forbidden);
    }
    if admin.id == user_id {
        return Err(AppError::invalid(Key::ErrOwnAccount));
    }
    let txn = db.begin().await?;
    let user = user_account::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    // Company, provider and consultant roles belong to an organisation of that kind (or none,
    // for consultants); a role that does not fit the account's organisation is refused.
    if let Some(org_id) = user.organisation_id {
        let org = organisation::Entity::find_by_id(org_id).one(&txn).await?;
        let fits = matches!(
            (role, org.as_ref().map(|o| o.kind.as_str())),
            (Role::CompanyMember, Some("company"))
                | (Role::ProviderMember, Some("provider"))
                | (Role::Staff | Role::Admin, _)
        );
        if !fits {
            return Err(AppError::field("role", Key::ErrRoleOrganisation));
        }
    } else if matches!(role, Role::CompanyMember | Role::ProviderMember) {
        return Err(AppError::field("role", Key::ErrRoleOrganisation));
    }
    let before = AccountState {
        email: &user.email,
        role: &user.role,
        active: user.active,
    };
    let before_json = serde_json::to_value(&before).map_err(|_| AppError::Internal)?;
    let mut change: user_account::ActiveModel = user.clone().into();
    change.role = Set(role.code().to_string());
    change.active = Set(active);
    change.update(&txn).await?;
    if !active {
        // Logged out everywhere at once, not at the next session check.
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
    }
    record(
        &txn,
        admin,
        "account.change",
        Subject::new("user", user_id),
        Some(&before_json),
        Some(&AccountState {
            email: &user.email,
            role: role.code(),
            active,
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sends a new verification mail to an account that has not confirmed its address.
pub async fn resend_verification(
    ctx: &ServerContext,
    admin: &CurrentUser,
    user_id: i64,
) -> Result<(), AppError> {
    if !admin.role.is_admin() {
        return Err(AppError::Forbidden);
    }
    let user = user_account::Entity::find_by_id(user_id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.email_verified_at.is_some() {
        return Err(AppError::invalid(Key::ErrAlreadyVerified));
    }
    let email = crate::accounts::model::Email::parse(&user.email)?;
    crate::accounts::service::resend_verification(ctx, &email).await?;
    record(
        &ctx.db,
        admin,
        "account.resend_verification",
        Subject::new("user", user_id),
        None::<&()>,
        None::<&()>,
    )
    .await
}

/// The newest audit entries, optionally of one kind of record (admins only).
pub async fn audit(
    db: &impl ConnectionTrait,
    subject_kind: Option<&str>,
) -> Result<Vec<AuditEntry>, AppError> {
    let mut q = audit_log::Entity::find();
    if let Some(kind) = subject_kind {
        q = q.filter(audit_log::Column::SubjectKind.eq(kind));
    }
    Ok(q.order_by_desc(audit_log::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?
        .into_iter()
        .map(|e| AuditEntry {
            id: e.id,
            at: e.at,
            actor: e.actor_name,
            action: e.action,
            subject_kind: e.subject_kind,
            subject_id: e.subject_id,
            before: e.before,
            after: e.after,
        })
        .collect())
}

/// Puts a failed mail back in the queue for the mailer to try again now.
pub async fn retry_mail(
    db: &sea_orm::DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> Result<(), AppError> {
    use crate::mail::outbox::{STATUS_FAILED, STATUS_PENDING};
    let txn = db.begin().await?;
    let done = email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::Status, Expr::value(STATUS_PENDING))
        .col_expr(email_outbox::Column::Attempts, Expr::value(0))
        .col_expr(email_outbox::Column::NextAttemptAt, Expr::value(now()))
        .filter(email_outbox::Column::Id.eq(id))
        .filter(email_outbox::Column::Status.eq(STATUS_FAILED))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::invalid(Key::ErrMailNotFailed));
    }
    record(
        &txn,
        user,
        "mail.retry",
        Subject::new("mail", id),
        None::<&()>,
        None::<&()>,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Every questionnaire version with the number of assessments answered under it.
pub async fn versions(db: &impl ConnectionTrait) -> Result<Vec<VersionInfo>, AppError> {
    let counts: HashMap<i64, i64> = assessment::Entity::find()
        .select_only()
        .column(assessment::Column::QuestionnaireVersionId)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .group_by(assessment::Column::QuestionnaireVersionId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let rows = questionnaire_version::Entity::find()
        .order_by_asc(questionnaire_version::Column::Variant)
        .order_by_desc(questionnaire_version::Column::Version)
        .all(db)
        .await?;
    let publisher_ids: Vec<i64> = rows.iter().filter_map(|r| r.published_by).collect();
    let names: HashMap<i64, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(publisher_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(VersionInfo {
                id: r.id,
                variant: Variant::parse(&r.variant)?,
                version: r.version,
                created_at: r.created_at,
                published_by: r
                    .published_by
                    .map(|id| names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))),
                change_note: r.change_note,
                assessments: counts.get(&r.id).copied().unwrap_or(0),
            })
        })
        .collect())
}

/// The newest version of a variant, for the editor.
pub async fn newest_version(
    db: &impl ConnectionTrait,
    variant: Variant,
) -> Result<(i64, std::sync::Arc<crate::assessment::model::Questionnaire>), AppError> {
    let row = questionnaire_version::Entity::find()
        .filter(questionnaire_version::Column::Variant.eq(variant.code()))
        .order_by_desc(questionnaire_version::Column::Version)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let q = crate::assessment::service::questionnaire(db, row.id).await?;
    Ok((row.id, q))
}

/// Publishes the edited texts as the variant's next version. New assessments start on it;
/// assessments under older versions keep theirs. `based_on` is the version the editor showed:
/// if someone published in between, nothing is overwritten and the staff member is told.
pub async fn publish_version(
    db: &sea_orm::DatabaseConnection,
    user: &CurrentUser,
    variant: Variant,
    based_on: i64,
    note: &str,
    get: impl Fn(&str) -> Option<String>,
) -> Result<i32, AppError> {
    use super::editor::{apply_texts, changes};
    publish(db, user, variant, based_on, note, |base| {
        let next = apply_texts(base, get)?;
        let diff = changes(base, &next);
        let side = |pick: fn(&(String, String, String)) -> &String| {
            diff.iter()
                .map(|d| (d.0.clone(), pick(d).clone().into()))
                .collect::<serde_json::Map<String, serde_json::Value>>()
        };
        let (before, after) = (side(|d| &d.1), side(|d| &d.2));
        Ok((
            next,
            serde_json::json!({ "texts": before }),
            serde_json::json!({ "texts": after }),
        ))
    })
    .await
}

/// Publishes one item's edited plan step templates as the variant's next version (the same
/// versioning and the same check against a publication in between as the texts).
pub async fn publish_step_templates(
    db: &sea_orm::DatabaseConnection,
    user: &CurrentUser,
    variant: Variant,
    based_on: i64,
    item_key: &str,
    note: &str,
    get: impl Fn(&str) -> Option<String>,
) -> Result<i32, AppError> {
    publish(db, user, variant, based_on, note, |base| {
        let (next, before, after) = super::step_editor::apply_steps(base, item_key, get)?;
        Ok((
            next,
            serde_json::json!({ "item": item_key, "steps": before }),
            serde_json::json!({ "item": item_key, "steps": after }),
        ))
    })
    .await
}

/// Stores `edit`'s next version of the variant's newest one, with the audit entry: `edit`
/// returns the version and what changed, before and after.
pub(super) async fn publish(
    db: &sea_orm::DatabaseConnection,
    user: &CurrentUser,
    variant: Variant,
    based_on: i64,
    note: &str,
    edit: impl FnOnce(
        &crate::assessment::model::Questionnaire,
    ) -> Result<
        (
            crate::assessment::model::Questionnaire,
            serde_json::Value,
            serde_json::Value,
        ),
        AppError,
    >,
) -> Result<i32, AppError> {
    let note = note.trim();
    if note.chars().count() > 500 {
        return Err(AppError::field("change_note", Key::ErrNoteTooLong));
    }
    if !crate::text::is_acceptable(note) {
        return Err(AppError::field("change_note", Key::ErrTextInvalid));
    }
    let txn = db.begin().await?;
    let (newest_id, base) = newest_version(&txn, variant).await?;
    if newest_id != based_on {
        return Err(AppError::invalid(Key::ErrVersionChanged));
    }
    let (next, mut before, mut after) = edit(&base)?;
    let content = serde_json::to_string(&next).map_err(|_| AppError::Internal)?;
    let row = questionnaire_version::ActiveModel {
        variant: Set(variant.code().to_string()),
        version: Set(next.version as i32),
        content_hash: Set(crate::accounts::token::hash_secret(&content)),
        content: Set(content),
        created_at: Set(now()),
        published_by: Set(Some(user.id)),
        change_note: Set((!note.is_empty()).then(|| note.to_string())),
        ..Default::default()
    }
    .insert(&txn)
    .await
    // The unique (variant, version) index: someone published the same number just now.
    .map_err(|_| AppError::invalid(Key::ErrVersionChanged))?;
    before["variant"] = variant.code().into();
    before["version"] = base.version.into();
    after["variant"] = variant.code().into();
    after["version"] = next.version.into();
    after["note"] = note.into();
    record(
        &txn,
        user,
        "questionnaire.publish",
        Subject::new("questionnaire_version", row.id),
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(next.version as i32)
}
