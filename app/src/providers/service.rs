//! Profiles in the database (server only): the owners' draft, submission, staff review,
//! publication, the public directory and logos. Who may touch a profile is decided here, in
//! [`owner_of`] and the staff checks of the API.

use super::logo::Logo;
use super::markdown::to_safe_html;
use super::model::*;
use super::view::*;
use crate::accounts::model::{CurrentUser, Role};
use crate::assessment::questionnaire_file;
use crate::assessment::questionnaires::SOURCES;
use crate::codes::code_enum;
use crate::context::ServerContext;
use crate::db::entities::{profile_logo, provider_profile, user_account};
use crate::db::{now, search};
use crate::error::AppError;
use crate::i18n::{Key, Lang};
use crate::mail::outbox;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::sync::OnceLock;

/// Whose profile a user edits: a provider member edits the organisation's, a consultant their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Owner {
    pub kind: ProfileKind,
    pub organisation_id: Option<i64>,
    pub user_id: Option<i64>,
}

pub fn owner_of(user: &CurrentUser) -> Result<Owner, AppError> {
    match (user.role, user.organisation_id) {
        (Role::ProviderMember, Some(org)) => Ok(Owner {
            kind: ProfileKind::Provider,
            organisation_id: Some(org),
            user_id: None,
        }),
        (Role::Consultant, _) => Ok(Owner {
            kind: ProfileKind::Consultant,
            organisation_id: None,
            user_id: Some(user.id),
        }),
        _ => Err(AppError::Forbidden),
    }
}

/// The transitions of the three Smart Factory questionnaires, each once, in the order they first appear.
/// The files were validated at start-up, so a parse failure here cannot happen; it would only
/// leave the list empty.
pub fn catalogue() -> &'static [TransitionChoice] {
    static CATALOGUE: OnceLock<Vec<TransitionChoice>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut out: Vec<TransitionChoice> = Vec::new();
        for (file, source) in SOURCES {
            let Ok(q) = questionnaire_file::parse(file, source) else {
                tracing::error!(file, "questionnaire file does not parse");
                continue;
            };
            // Providers work on the Smart Factory's themes, not on the DMA's dimensions.
            if q.variant.is_dma() {
                continue;
            }
            for t in q.transitions {
                if !out.iter().any(|c| c.key == t.key) {
                    out.push(TransitionChoice {
                        key: t.key,
                        name: t.name,
                    });
                }
            }
        }
        out
    })
}

fn known_keys() -> Vec<String> {
    catalogue().iter().map(|c| c.key.clone()).collect()
}

/// Checks a submitted form against the transitions that exist.
pub fn parse_form(
    kind: ProfileKind,
    fields: &[(String, String)],
    logo: Option<String>,
) -> Result<ProfileContent, AppError> {
    ProfileContent::from_form(kind, fields, &known_keys(), logo)
}

pub fn parse_content(json: &str) -> Result<ProfileContent, AppError> {
    serde_json::from_str(json).map_err(|e| {
        tracing::error!(error = %e, "stored profile does not parse");
        AppError::Internal
    })
}

/// The name a profile shows: from the published copy, else the draft (staff lists, exports).
pub fn display_name(row: &provider_profile::Model) -> String {
    row.published
        .as_deref()
        .and_then(|json| serde_json::from_str::<ProfileContent>(json).ok())
        .or_else(|| serde_json::from_str::<ProfileContent>(&row.draft).ok())
        .map(|c| c.name)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| row.slug.clone())
}

fn to_json(content: &ProfileContent) -> Result<String, AppError> {
    serde_json::to_string(content).map_err(|_| AppError::Internal)
}

fn kind_of(row: &provider_profile::Model) -> Result<ProfileKind, AppError> {
    ProfileKind::stored(&row.kind)
}

fn status_of(row: &provider_profile::Model) -> Result<ProfileStatus, AppError> {
    let state = ReviewState::stored(&row.review_state)?;
    let differs = row.published.as_deref() != Some(row.draft.as_str());
    Ok(ProfileStatus::derive(
        state,
        row.published.is_some(),
        differs,
    ))
}

async fn find_own(
    db: &impl ConnectionTrait,
    owner: Owner,
) -> Result<Option<provider_profile::Model>, AppError> {
    let query = provider_profile::Entity::find();
    let query = match (owner.organisation_id, owner.user_id) {
        (Some(org), _) => query.filter(provider_profile::Column::OrganisationId.eq(org)),
        (None, Some(user)) => query.filter(provider_profile::Column::UserId.eq(user)),
        (None, None) => return Ok(None),
    };
    Ok(query.one(db).await?)
}

/// The owners' profile; a new, empty draft (named after the organisation or person) when they
/// have none yet.
pub async fn my_profile(ctx: &ServerContext, user: &CurrentUser) -> Result<MyProfile, AppError> {
    let owner = owner_of(user)?;
    let choices = catalogue().to_vec();
    Ok(match find_own(&ctx.db, owner).await? {
        Some(row) => MyProfile {
            kind: owner.kind,
            slug: Some(row.slug.clone()),
            status: status_of(&row)?,
            review_note: row.review_note.clone(),
            draft: parse_content(&row.draft)?,
            choices,
        },
        None => MyProfile {
            kind: owner.kind,
            slug: None,
            status: ProfileStatus::Draft,
            review_note: None,
            draft: ProfileContent {
                name: match owner.kind {
                    ProfileKind::Provider => user.organisation_name.clone().unwrap_or_default(),
                    ProfileKind::Consultant => user.name.clone(),
                },
                contact_name: user.name.clone(),
                contact_email: user.email.clone(),
                ..Default::default()
            },
            choices,
        },
    })
}

/// "Noord Automatisering B.V." → "noord-automatisering-b-v".
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' | 'å' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut slug: String = out.trim_end_matches('-').chars().take(60).collect();
    slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "profiel".to_string()
    } else {
        slug
    }
}

/// A slug nobody has yet: the name's, or the name's with -2, -3, ….
async fn free_slug(db: &impl ConnectionTrait, name: &str) -> Result<String, AppError> {
    let base = slugify(name);
    for n in 1..100 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let taken = provider_profile::Entity::find()
            .filter(provider_profile::Column::Slug.eq(&candidate))
            .count(db)
            .await?
            > 0;
        if !taken {
            return Ok(candidate);
        }
    }
    Ok(format!("{base}-{}", now()))
}

/// What happens to the logo on save.
pub enum LogoChange {
    Keep,
    Remove,
    New(Logo),
}

/// Saves the owners' draft, and with `submit` hands it to staff for review. The published copy
/// (if any) stays as it is until staff approve. Returns the profile's slug.
pub async fn save(
    ctx: &ServerContext,
    user: &CurrentUser,
    mut content: ProfileContent,
    logo: LogoChange,
    submit: bool,
) -> Result<String, AppError> {
    let owner = owner_of(user)?;
    let txn = ctx.db.begin().await?;
    let at = now();
    let existing = find_own(&txn, owner).await?;
    let row = match existing {
        Some(row) => row,
        None => {
            provider_profile::ActiveModel {
                kind: Set(owner.kind.code().to_string()),
                organisation_id: Set(owner.organisation_id),
                user_id: Set(owner.user_id),
                slug: Set(free_slug(&txn, &content.name).await?),
                draft: Set(to_json(&ProfileContent::default())?),
                review_state: Set(ReviewState::Editing.code().to_string()),
                review_note: Set(None),
                published: Set(None),
                published_at: Set(None),
                search_text: Set(String::new()),
                name_sort: Set(String::new()),
                tags: Set(String::new()),
                created_at: Set(at),
                updated_at: Set(at),
                submitted_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let previous = parse_content(&row.draft)?;
    content.logo = match logo {
        LogoChange::Keep => previous.logo,
        LogoChange::Remove => None,
        LogoChange::New(logo) => {
            let exists = profile_logo::Entity::find_by_id(logo.hash.clone())
                .one(&txn)
                .await?
                .is_some();
            if !exists {
                profile_logo::ActiveModel {
                    hash: Set(logo.hash.clone()),
                    profile_id: Set(row.id),
                    content_type: Set("image/png".to_string()),
                    bytes: Set(logo.png),
                    created_at: Set(at),
                }
                .insert(&txn)
                .await?;
            }
            Some(logo.hash)
        }
    };
    let draft = to_json(&content)?;
    let old_state = ReviewState::stored(&row.review_state)?;
    let state = if submit {
        content.check_complete()?;
        if row.published.as_deref() == Some(draft.as_str()) {
            return Err(AppError::invalid(Key::ErrProfileNoChanges));
        }
        ReviewState::Submitted
    } else if old_state == ReviewState::Returned {
        // Keep the reason in view until they submit again.
        ReviewState::Returned
    } else {
        ReviewState::Editing
    };
    let slug = row.slug.clone();
    let published_logo = match &row.published {
        Some(json) => parse_content(json)?.logo,
        None => None,
    };
    drop_unused_logos(&txn, row.id, [content.logo.clone(), published_logo]).await?;
    let mut active: provider_profile::ActiveModel = row.into();
    active.draft = Set(draft);
    active.review_state = Set(state.code().to_string());
    active.updated_at = Set(at);
    if submit {
        active.submitted_at = Set(Some(at));
        active.review_note = Set(None);
    }
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(slug)
}

/// Deletes the profile's stored logos that neither its draft nor its published copy shows any
/// more: a replaced logo is not kept for ever.
async fn drop_unused_logos(
    db: &impl ConnectionTrait,
    profile_id: i64,
    in_use: [Option<String>; 2],
) -> Result<(), AppError> {
    use sea_orm::sea_query::ExprTrait;
    let keep: Vec<String> = in_use.into_iter().flatten().collect();
    let unused = profile_logo::Entity::find()
        .select_only()
        .column(profile_logo::Column::Hash)
        .filter(profile_logo::Column::ProfileId.eq(profile_id))
        .filter(profile_logo::Column::Hash.is_not_in(keep))
        .into_tuple::<String>()
        .all(db)
        .await?;
    for hash in unused {
        // A logo is stored once per picture: another profile may show the same one.
        let elsewhere = provider_profile::Entity::find()
            .filter(provider_profile::Column::Id.ne(profile_id))
            .filter(
                crate::db::column_contains(provider_profile::Column::Draft, &hash).or(
                    crate::db::column_contains(provider_profile::Column::Published, &hash),
                ),
            )
            .count(db)
            .await?
            > 0;
        if !elsewhere {
            profile_logo::Entity::delete_by_id(hash).exec(db).await?;
        }
    }
    Ok(())
}

code_enum! {
    /// A staff decision on a profile.
    pub enum Decision {
        Approve = "approve",
        Return = "return",
        Unpublish = "unpublish",
    }
}

/// Applies a staff decision. Each one is a conditional update on the state it starts from, so
/// two staff members deciding at once cannot both succeed.
pub async fn review(
    ctx: &ServerContext,
    id: i64,
    decision: Decision,
    reason: &str,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.chars().count() > 1000 {
        return Err(AppError::field("reason", Key::ErrReviewReason));
    }
    let txn = ctx.db.begin().await?;
    let row = provider_profile::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = now();
    let base = provider_profile::Entity::update_many().filter(provider_profile::Column::Id.eq(id));
    let (subject, body) = match decision {
        Decision::Approve => {
            let content = parse_content(&row.draft)?;
            // The published copy becomes the draft: an older published logo is unused now.
            drop_unused_logos(&txn, row.id, [content.logo.clone(), None]).await?;
            let done = base
                .col_expr(
                    provider_profile::Column::Published,
                    Expr::value(row.draft.clone()),
                )
                .col_expr(provider_profile::Column::PublishedAt, Expr::value(at))
                .col_expr(
                    provider_profile::Column::SearchText,
                    Expr::value(content.search_text()),
                )
                .col_expr(
                    provider_profile::Column::NameSort,
                    Expr::value(
                        content
                            .name
                            .to_lowercase()
                            .chars()
                            .take(200)
                            .collect::<String>(),
                    ),
                )
                .col_expr(provider_profile::Column::Tags, Expr::value(content.tags()))
                .col_expr(
                    provider_profile::Column::ReviewState,
                    Expr::value(ReviewState::Editing.code()),
                )
                .col_expr(
                    provider_profile::Column::ReviewNote,
                    Expr::value(Option::<String>::None),
                )
                .filter(provider_profile::Column::ReviewState.eq(ReviewState::Submitted.code()))
                .filter(provider_profile::Column::Draft.eq(row.draft.clone()))
                .exec(&txn)
                .await?;
            if done.rows_affected != 1 {
                return Err(AppError::invalid(Key::ErrReviewNotPending));
            }
            (
                Key::MailProfilePublishedSubject,
                Key::MailProfilePublishedBody,
            )
        }
        Decision::Return => {
            if reason.chars().count() < 3 {
                return Err(AppError::field("reason", Key::ErrReviewReason));
            }
            let done = base
                .col_expr(
                    provider_profile::Column::ReviewState,
                    Expr::value(ReviewState::Returned.code()),
                )
                .col_expr(provider_profile::Column::ReviewNote, Expr::value(reason))
                .filter(provider_profile::Column::ReviewState.eq(ReviewState::Submitted.code()))
                .exec(&txn)
                .await?;
            if done.rows_affected != 1 {
                return Err(AppError::invalid(Key::ErrReviewNotPending));
            }
            (
                Key::MailProfileReturnedSubject,
                Key::MailProfileReturnedBody,
            )
        }
        Decision::Unpublish => {
            let done = base
                .col_expr(
                    provider_profile::Column::Published,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(provider_profile::Column::SearchText, Expr::value(""))
                .col_expr(provider_profile::Column::Tags, Expr::value(""))
                .col_expr(
                    provider_profile::Column::ReviewNote,
                    Expr::value((!reason.is_empty()).then(|| reason.to_string())),
                )
                .filter(provider_profile::Column::Published.is_not_null())
                .exec(&txn)
                .await?;
            if done.rows_affected != 1 {
                return Err(AppError::invalid(Key::ErrReviewNotPublished));
            }
            (
                Key::MailProfileUnpublishedSubject,
                Key::MailProfileUnpublishedBody,
            )
        }
    };
    let link = ctx.link(&match decision {
        Decision::Approve => format!("/directory/{}", row.slug),
        _ => "/profile".to_string(),
    });
    for (email, lang) in owner_emails(&txn, &row).await? {
        let body = lang.fill(body, &[("link", &link), ("reason", reason)]);
        outbox::enqueue(&txn, &email, lang.t(subject), &body).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The addresses (and languages) of everyone who looks after a profile.
pub async fn owner_emails(
    db: &impl ConnectionTrait,
    row: &provider_profile::Model,
) -> Result<Vec<(String, Lang)>, AppError> {
    let query = user_account::Entity::find().filter(user_account::Column::Active.eq(true));
    let query = match (row.organisation_id, row.user_id) {
        (Some(org), _) => query.filter(user_account::Column::OrganisationId.eq(org)),
        (None, Some(user)) => query.filter(user_account::Column::Id.eq(user)),
        (None, None) => return Ok(Vec::new()),
    };
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.email, Lang::from_code(&u.locale)))
        .collect())
}

/// Whether `user` looks after the profile `row`.
pub fn is_owner(user: &CurrentUser, row: &provider_profile::Model) -> bool {
    match owner_of(user) {
        Ok(owner) => {
            (owner.organisation_id.is_some() && owner.organisation_id == row.organisation_id)
                || (owner.user_id.is_some() && owner.user_id == row.user_id)
        }
        Err(_) => false,
    }
}

/// One page of the public directory.
pub async fn directory(
    ctx: &ServerContext,
    query: &DirectoryQuery,
) -> Result<DirectoryPage, AppError> {
    use provider_profile::Column;
    let mut select = provider_profile::Entity::find().filter(Column::Published.is_not_null());
    if let Some(kind) = ProfileKind::parse(&query.kind) {
        select = select.filter(Column::Kind.eq(kind.code()));
    }
    // Every word must appear somewhere (name, pitch, description, tags), in one of its forms.
    let backend = ctx.db.get_database_backend();
    for word in query.q.split_whitespace().take(search::MAX_WORDS) {
        select = select.filter(search::profile_holds(backend, word));
    }
    let mut tag = |prefix: &str, value: &str| {
        let value = value.trim().to_lowercase().replace('|', " ");
        if !value.is_empty() {
            select = select.clone().filter(crate::db::column_contains(
                Column::Tags,
                &format!("|{prefix}:{value}|"),
            ));
        }
    };
    tag("t", &query.transition);
    tag("v", &query.variant);
    tag("r", &query.region);
    tag("k", &query.technology);
    let total = select.clone().count(&ctx.db).await?;
    let pages = total.div_ceil(PAGE_SIZE).max(1) as u32;
    let page = query.page.clamp(1, pages);
    let select = match query.sort.as_str() {
        "newest" => select
            .order_by_desc(Column::PublishedAt)
            .order_by_desc(Column::Id),
        _ => select
            .order_by_asc(Column::NameSort)
            .order_by_asc(Column::Id),
    };
    let rows = select
        .offset(u64::from(page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(&ctx.db)
        .await?;
    let mut cards = Vec::with_capacity(rows.len());
    for row in rows {
        let content = parse_content(row.published.as_deref().unwrap_or_default())?;
        cards.push(ProfileCard::new(row.slug.clone(), kind_of(&row)?, content));
    }
    Ok(DirectoryPage {
        cards,
        total,
        page,
        pages,
        choices: catalogue().to_vec(),
    })
}

/// A published profile's page; unpublished and unknown slugs look the same (not found).
pub async fn public_profile(ctx: &ServerContext, slug: &str) -> Result<PublicProfile, AppError> {
    let row = provider_profile::Entity::find()
        .filter(provider_profile::Column::Slug.eq(slug))
        .filter(provider_profile::Column::Published.is_not_null())
        .one(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let content = parse_content(row.published.as_deref().unwrap_or_default())?;
    Ok(PublicProfile {
        id: row.id,
        slug: row.slug.clone(),
        kind: kind_of(&row)?,
        description_html: to_safe_html(&content.description),
        content,
        choices: catalogue().to_vec(),
        published_at: row.published_at.unwrap_or(row.updated_at),
    })
}

/// Every published profile, for matching.
pub async fn published(
    db: &impl ConnectionTrait,
) -> Result<Vec<(i64, ProfileKind, String, ProfileContent)>, AppError> {
    let rows = provider_profile::Entity::find()
        .filter(provider_profile::Column::Published.is_not_null())
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let content = parse_content(row.published.as_deref().unwrap_or_default())?;
        out.push((row.id, kind_of(&row)?, row.slug.clone(), content));
    }
    Ok(out)
}

/// A stored logo's PNG bytes.
pub async fn logo(db: &impl ConnectionTrait, hash: &str) -> Result<Option<Vec<u8>>, AppError> {
    Ok(profile_logo::Entity::find_by_id(hash.to_string())
        .one(db)
        .await?
        .map(|l| l.bytes))
}

/// All profiles for staff: waiting for review first, then most recently changed.
pub async fn review_list(ctx: &ServerContext) -> Result<Vec<ReviewItem>, AppError> {
    let rows = provider_profile::Entity::find()
        .order_by_desc(provider_profile::Column::UpdatedAt)
        .all(&ctx.db)
        .await?;
    let mut items: Vec<ReviewItem> = rows
        .iter()
        .map(|row| {
            let name = parse_content(&row.draft)
                .map(|c| c.name)
                .unwrap_or_default();
            Ok(ReviewItem {
                id: row.id,
                kind: kind_of(row)?,
                name,
                slug: row.slug.clone(),
                status: status_of(row)?,
                updated_at: row.updated_at,
                submitted_at: row.submitted_at,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    items.sort_by_key(|i| {
        !matches!(
            i.status,
            ProfileStatus::Submitted | ProfileStatus::RevisionPending
        )
    });
    Ok(items)
}

pub async fn review_detail(ctx: &ServerContext, id: i64) -> Result<ReviewDetail, AppError> {
    let row = provider_profile::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft = parse_content(&row.draft)?;
    let published = row.published.as_deref().map(parse_content).transpose()?;
    Ok(ReviewDetail {
        id: row.id,
        kind: kind_of(&row)?,
        slug: row.slug.clone(),
        status: status_of(&row)?,
        review_note: row.review_note.clone(),
        draft_html: to_safe_html(&draft.description),
        draft,
        published,
        choices: catalogue().to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable() {
        assert_eq!(
            slugify("Noord Automatisering B.V."),
            "noord-automatisering-b-v"
        );
        assert_eq!(slugify("  Ångström & Zoon "), "angstrom-zoon");
        assert_eq!(slugify("Café Één"), "cafe-een");
        assert_eq!(slugify("!!!"), "profiel");
    }

    #[test]
    fn the_catalogue_holds_every_transition_once() {
        let keys: Vec<&str> = catalogue().iter().map(|c| c.key.as_str()).collect();
        assert!(keys.contains(&"strategy"), "{keys:?}");
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len());
        assert!(keys.len() >= 13);
    }
}
