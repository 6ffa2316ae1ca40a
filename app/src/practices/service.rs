//! Best practices in the database (server only). Staff write and publish cases; everyone reads
//! the published ones; a draft is "not found" to anyone but staff. Photos are re-encoded
//! pictures kept under their hash; a conditional update on `photo_count` keeps a case at
//! [`PHOTOS_MAX`] however many uploads arrive at once.

use super::model::{joined, split, PracticeInput, PracticeStatus, PHOTOS_MAX};
use super::rank;
use super::view::*;
use crate::assessment::model::{Text, Variant};
use crate::context::ServerContext;
use crate::db::entities::{best_practice, practice_photo};
use crate::db::now;
use crate::error::AppError;
use crate::i18n::Key;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};

/// The transitions a case may concern: those of the three questionnaires.
pub fn known_transitions() -> Vec<(String, Text)> {
    crate::providers::service::catalogue()
        .iter()
        .map(|t| (t.key.clone(), t.name.clone()))
        .collect()
}

/// The published providers and consultants a case may name: `(id, slug, name)`.
async fn profiles(db: &impl ConnectionTrait) -> Result<Vec<(i64, String, String)>, AppError> {
    let mut all: Vec<(i64, String, String)> = crate::providers::service::published(db)
        .await?
        .into_iter()
        .map(|(id, _, slug, content)| (id, slug, content.name))
        .collect();
    all.sort_by_key(|(_, _, name)| name.to_lowercase());
    Ok(all)
}

pub fn photo_address(hash: &str) -> String {
    format!("/photo/{hash}.jpg")
}

/// Reads the staff form against what exists now.
pub async fn read_form(
    db: &impl ConnectionTrait,
    fields: &[(String, String)],
) -> Result<PracticeInput, AppError> {
    let transitions: Vec<String> = known_transitions().into_iter().map(|(k, _)| k).collect();
    let ids: Vec<i64> = profiles(db).await?.into_iter().map(|(id, ..)| id).collect();
    PracticeInput::from_form(fields, &transitions, &ids)
}

fn columns(row: &mut best_practice::ActiveModel, input: &PracticeInput) {
    row.title_nl = Set(input.title_nl.clone());
    row.title_en = Set(input.title_en.clone());
    row.company_name = Set(input.company_name.clone());
    row.variant = Set(input.variant.clone());
    row.size_class = Set(input.size_class.clone());
    row.province = Set(input.province.clone());
    row.transitions = Set(joined(&input.transitions));
    row.profiles = Set(joined(&input.profiles));
    row.before_nl = Set(input.before_nl.clone());
    row.before_en = Set(input.before_en.clone());
    row.done_nl = Set(input.done_nl.clone());
    row.done_en = Set(input.done_en.clone());
    row.result_nl = Set(input.result_nl.clone());
    row.result_en = Set(input.result_en.clone());
    row.updated_at = Set(now());
}

/// A new case, as a draft. Its address comes from the Dutch title; a second case with the same
/// title gets `-2`, `-3`: the unique index decides, also when two are saved at once.
pub async fn create(ctx: &ServerContext, input: &PracticeInput) -> Result<i64, AppError> {
    let base = crate::providers::service::slugify(&input.title_nl);
    let base = if base.is_empty() {
        "praktijk".to_string()
    } else {
        base
    };
    for n in 1..=50 {
        let slug = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let at = now();
        let mut row = best_practice::ActiveModel {
            slug: Set(slug),
            status: Set(PracticeStatus::Draft.code().to_string()),
            photo_count: Set(0),
            created_at: Set(at),
            published_at: Set(None),
            ..Default::default()
        };
        columns(&mut row, input);
        match row.insert(&ctx.db).await {
            Ok(made) => return Ok(made.id),
            Err(e) if crate::db::is_unique_violation(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::invalid(Key::ErrPracticeTitleTaken))
}

async fn find(db: &impl ConnectionTrait, id: i64) -> Result<best_practice::Model, AppError> {
    best_practice::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Saves staff changes (the address stays, so links keep working).
pub async fn update(ctx: &ServerContext, id: i64, input: &PracticeInput) -> Result<(), AppError> {
    let mut row: best_practice::ActiveModel = find(&ctx.db, id).await?.into();
    columns(&mut row, input);
    row.update(&ctx.db).await?;
    Ok(())
}

/// Publishes or withdraws a case. Publishing keeps the first publication's date.
pub async fn set_status(ctx: &ServerContext, id: i64, to: PracticeStatus) -> Result<(), AppError> {
    let row = find(&ctx.db, id).await?;
    let mut update = best_practice::Entity::update_many()
        .col_expr(best_practice::Column::Status, Expr::value(to.code()))
        .col_expr(best_practice::Column::UpdatedAt, Expr::value(now()))
        .filter(best_practice::Column::Id.eq(id));
    if to == PracticeStatus::Published && row.published_at.is_none() {
        update = update.col_expr(best_practice::Column::PublishedAt, Expr::value(now()));
    }
    update.exec(&ctx.db).await?;
    Ok(())
}

/// Adds a photo (already re-encoded) to a case: refused beyond [`PHOTOS_MAX`] by a conditional
/// update; the same photo twice is kept once.
pub async fn add_photo(
    ctx: &ServerContext,
    id: i64,
    jpeg: Vec<u8>,
    hash: String,
) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let room = best_practice::Entity::update_many()
        .col_expr(
            best_practice::Column::PhotoCount,
            Expr::col(best_practice::Column::PhotoCount).add(1),
        )
        .filter(best_practice::Column::Id.eq(id))
        .filter(best_practice::Column::PhotoCount.lt(PHOTOS_MAX))
        .exec(&txn)
        .await?;
    if room.rows_affected != 1 {
        find(&txn, id).await?;
        return Err(AppError::field("photo", Key::ErrPracticeTooManyPhotos));
    }
    let inserted = practice_photo::ActiveModel {
        practice_id: Set(id),
        hash: Set(hash),
        bytes: Set(jpeg),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    match inserted {
        Ok(_) => txn.commit().await?,
        // Already there: the room taken above is given back by the rollback.
        Err(e) if crate::db::is_unique_violation(&e) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

/// Removes one photo; `false` when the case has no such photo (already removed by a second
/// click, or a name that is no photo's), which changes nothing and is not audited.
pub async fn remove_photo(ctx: &ServerContext, id: i64, hash: &str) -> Result<bool, AppError> {
    let txn = ctx.db.begin().await?;
    let gone = practice_photo::Entity::delete_many()
        .filter(practice_photo::Column::PracticeId.eq(id))
        .filter(practice_photo::Column::Hash.eq(hash))
        .exec(&txn)
        .await?;
    if gone.rows_affected == 1 {
        best_practice::Entity::update_many()
            .col_expr(
                best_practice::Column::PhotoCount,
                Expr::col(best_practice::Column::PhotoCount).sub(1),
            )
            .filter(best_practice::Column::Id.eq(id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(gone.rows_affected == 1)
}

/// Deletes a case and its photos (in one transaction: no photo is left without its case).
pub async fn delete(ctx: &ServerContext, id: i64) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    practice_photo::Entity::delete_many()
        .filter(practice_photo::Column::PracticeId.eq(id))
        .exec(&txn)
        .await?;
    let gone = best_practice::Entity::delete_by_id(id).exec(&txn).await?;
    if gone.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    txn.commit().await?;
    Ok(())
}

/// A photo's bytes by its hash. Hashes of a draft's photos are known only to staff; a hash
/// cannot be guessed (SHA-256 of the picture).
pub async fn photo(db: &impl ConnectionTrait, hash: &str) -> Result<Option<Vec<u8>>, AppError> {
    Ok(practice_photo::Entity::find()
        .filter(practice_photo::Column::Hash.eq(hash))
        .one(db)
        .await?
        .map(|p| p.bytes))
}

async fn photo_hashes(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<Vec<(i64, String)>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(practice_photo::Entity::find()
        .select_only()
        .column(practice_photo::Column::PracticeId)
        .column(practice_photo::Column::Hash)
        .filter(practice_photo::Column::PracticeId.is_in(ids.to_vec()))
        .order_by_asc(practice_photo::Column::Id)
        .into_tuple()
        .all(db)
        .await?)
}

fn first_line(text: &str) -> String {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn card_of(row: &best_practice::Model, photo: Option<&str>) -> Result<PracticeCard, AppError> {
    Ok(PracticeCard {
        slug: row.slug.clone(),
        title: Text {
            nl: row.title_nl.clone(),
            en: row.title_en.clone(),
        },
        company_name: row.company_name.clone(),
        variant: Variant::stored(&row.variant)?,
        size_class: row.size_class.clone(),
        province: row.province.clone(),
        transitions: split(&row.transitions)
            .into_iter()
            .map(str::to_string)
            .collect(),
        result: Text {
            nl: first_line(&row.result_nl),
            en: first_line(&row.result_en),
        },
        photo: photo.map(photo_address),
    })
}

async fn cards(
    db: &impl ConnectionTrait,
    rows: &[best_practice::Model],
) -> Result<Vec<PracticeCard>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let hashes = photo_hashes(db, &ids).await?;
    rows.iter()
        .map(|r| {
            let first = hashes
                .iter()
                .find(|(id, _)| *id == r.id)
                .map(|(_, h)| h.as_str());
            card_of(r, first)
        })
        .collect()
}

fn published() -> sea_orm::Select<best_practice::Entity> {
    best_practice::Entity::find()
        .filter(best_practice::Column::Status.eq(PracticeStatus::Published.code()))
        .order_by_desc(best_practice::Column::PublishedAt)
        .order_by_desc(best_practice::Column::Id)
}

/// The public list, newest first, under the filters (an unknown value matches nothing).
pub async fn list(db: &impl ConnectionTrait, f: &PracticeFilter) -> Result<PracticeList, AppError> {
    let mut select = published();
    if !f.transition.is_empty() {
        // A bar would match across two stored values.
        if f.transition.contains('|') {
            return Ok(PracticeList {
                cases: Vec::new(),
                transitions: known_transitions(),
            });
        }
        select = select.filter(crate::db::column_contains(
            best_practice::Column::Transitions,
            &format!("|{}|", f.transition),
        ));
    }
    for (value, column) in [
        (&f.variant, best_practice::Column::Variant),
        (&f.size_class, best_practice::Column::SizeClass),
        (&f.province, best_practice::Column::Province),
    ] {
        if !value.is_empty() {
            select = select.filter(column.eq(value.as_str()));
        }
    }
    let rows = select.all(db).await?;
    Ok(PracticeList {
        cases: cards(db, &rows).await?,
        transitions: known_transitions(),
    })
}

/// A case's page: a draft only for staff (to check it before publishing).
pub async fn page(
    db: &impl ConnectionTrait,
    slug: &str,
    is_staff: bool,
) -> Result<PracticePage, AppError> {
    let row = best_practice::Entity::find()
        .filter(best_practice::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = PracticeStatus::stored(&row.status)?;
    if status == PracticeStatus::Draft && !is_staff {
        return Err(AppError::NotFound);
    }
    let hashes = photo_hashes(db, &[row.id]).await?;
    let photos: Vec<String> = hashes.iter().map(|(_, h)| photo_address(h)).collect();
    let named: Vec<i64> = split(&row.profiles)
        .iter()
        .filter_map(|p| p.parse().ok())
        .collect();
    // Only profiles still published are linked; the order is the one staff ticked.
    let all = profiles(db).await?;
    let profiles = named
        .iter()
        .filter_map(|id| all.iter().find(|(p, ..)| p == id))
        .map(|(_, slug, name)| (slug.clone(), name.clone()))
        .collect();
    let card = card_of(&row, hashes.first().map(|(_, h)| h.as_str()))?;
    let known = known_transitions();
    let transition_names = card
        .transitions
        .iter()
        .filter_map(|k| {
            known
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, name)| name.clone())
        })
        .collect();
    Ok(PracticePage {
        card,
        transition_names,
        before: Text {
            nl: row.before_nl.clone(),
            en: row.before_en.clone(),
        },
        done: Text {
            nl: row.done_nl.clone(),
            en: row.done_en.clone(),
        },
        result: Text {
            nl: row.result_nl.clone(),
            en: row.result_en.clone(),
        },
        photos,
        profiles,
        status,
        published_at: row.published_at,
    })
}

/// Published cases for a company: on its transitions (in its order of priority), those of
/// its size class first, at most `limit`.
pub async fn for_company(
    db: &impl ConnectionTrait,
    transitions: &[String],
    size_class: &str,
    limit: usize,
) -> Result<Vec<PracticeCard>, AppError> {
    if transitions.is_empty() {
        return Ok(Vec::new());
    }
    let all = published_cards(db).await?;
    Ok(rank::for_company(&all, transitions, size_class, limit))
}

/// Every published case as a card, newest first (to rank several times from one read).
pub async fn published_cards(db: &impl ConnectionTrait) -> Result<Vec<PracticeCard>, AppError> {
    let rows = published().all(db).await?;
    cards(db, &rows).await
}

pub async fn staff_list(db: &impl ConnectionTrait) -> Result<Vec<StaffPracticeRow>, AppError> {
    best_practice::Entity::find()
        .order_by_desc(best_practice::Column::UpdatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            Ok(StaffPracticeRow {
                id: r.id,
                slug: r.slug,
                title_nl: r.title_nl,
                status: PracticeStatus::stored(&r.status)?,
                updated_at: r.updated_at,
                photos: r.photo_count,
            })
        })
        .collect()
}

/// The staff's form for a case (`None`: a new one).
pub async fn editor(
    db: &impl ConnectionTrait,
    id: Option<i64>,
) -> Result<PracticeEditor, AppError> {
    let profiles = profiles(db)
        .await?
        .into_iter()
        .map(|(id, _, name)| (id, name))
        .collect();
    let Some(id) = id else {
        return Ok(PracticeEditor {
            id: None,
            slug: String::new(),
            status: PracticeStatus::Draft,
            input: PracticeInput::default(),
            photos: Vec::new(),
            transitions: known_transitions(),
            profiles,
            kept: None,
        });
    };
    let r = find(db, id).await?;
    let photos = photo_hashes(db, &[id])
        .await?
        .into_iter()
        .map(|(_, h)| {
            let address = photo_address(&h);
            (h, address)
        })
        .collect();
    Ok(PracticeEditor {
        id: Some(id),
        slug: r.slug.clone(),
        status: PracticeStatus::stored(&r.status)?,
        input: PracticeInput {
            title_nl: r.title_nl,
            title_en: r.title_en,
            company_name: r.company_name,
            variant: r.variant,
            size_class: r.size_class,
            province: r.province,
            transitions: split(&r.transitions)
                .into_iter()
                .map(str::to_string)
                .collect(),
            profiles: split(&r.profiles)
                .iter()
                .filter_map(|p| p.parse().ok())
                .collect(),
            before_nl: r.before_nl,
            before_en: r.before_en,
            done_nl: r.done_nl,
            done_en: r.done_en,
            result_nl: r.result_nl,
            result_en: r.result_en,
        },
        photos,
        transitions: known_transitions(),
        profiles,
        kept: None,
    })
}
