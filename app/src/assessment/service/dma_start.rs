//! Prefilling a new EU DMA from the company's Smart Factory Assessment (server side of
//! `assessment::dma_prefill`): which assessment it comes from, storing its answers, and which
//! questions still hold what was prefilled (the pages ask the company to check those).

use super::{resolve, shown_questionnaire, STATUS_FINAL};
use crate::accounts::model::CurrentUser;
use crate::assessment::dma_prefill::prefill;
use crate::assessment::model::{Questionnaire, Variant};
use crate::assessment::question_kind::{accept::accept, AnswerValue};
use crate::assessment::view::StoredAnswer;
use crate::context::ServerContext;
use crate::db::entities::{assessment, assessment_answer};
use crate::db::now;
use crate::error::AppError;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use std::collections::HashMap;

/// The Smart Factory Assessment a new DMA is prefilled from: the one named by `from` (the
/// results page's "also take the DMA" link), if the asker may read it; else the newest
/// finalised one of the asker's organisation. Never a DMA, never someone else's: `from` goes
/// through the same access check as every page.
pub async fn prefill_source(
    ctx: &ServerContext,
    from: Option<&str>,
    user: Option<&CurrentUser>,
) -> Result<Option<assessment::Model>, AppError> {
    let not_dma = |a: &assessment::Model| a.variant != Variant::Dma.code();
    if let Some(from) = from.map(str::trim).filter(|f| !f.is_empty()) {
        // A reference the asker cannot read prefills nothing, exactly like no reference.
        if let Ok(a) = resolve(ctx, from, user).await {
            return Ok(Some(a).filter(not_dma));
        }
    }
    let Some(organisation) = user.and_then(|u| u.organisation_id) else {
        return Ok(None);
    };
    Ok(assessment::Entity::find()
        .filter(assessment::Column::OrganisationId.eq(organisation))
        .filter(assessment::Column::Status.eq(STATUS_FINAL))
        .filter(assessment::Column::Variant.ne(Variant::Dma.code()))
        .order_by_desc(assessment::Column::FinalisedAt)
        .order_by_desc(assessment::Column::Id)
        .one(&ctx.db)
        .await?)
}

/// The current levels of the questions the company was shown in `source`.
async fn levels_of(
    ctx: &ServerContext,
    source: &assessment::Model,
) -> Result<HashMap<String, u8>, AppError> {
    let (q, stored) = shown_questionnaire(&ctx.db, source).await?;
    Ok(stored
        .into_iter()
        .filter(|s| q.item(&s.item_key).is_some())
        .filter_map(|s| Some((s.item_key, s.current?)))
        .collect())
}

/// What `source` fills in of `dma`: only values the DMA version accepts (a later version
/// may have dropped an option; that link then fills in nothing).
fn values_for(dma: &Questionnaire, levels: &HashMap<String, u8>) -> Vec<(String, AnswerValue)> {
    let levels: HashMap<&str, u8> = levels.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    prefill(&levels)
        .into_iter()
        .filter_map(|(item, value)| {
            let kind = &dma.item(item)?.1.kind;
            Some((item.to_string(), accept(kind, value).ok()?))
        })
        .collect()
}

/// Stores what `source` fills in of the just-started DMA `a`, and remembers the source, in one
/// transaction (a DMA is either prefilled completely or not at all).
pub async fn prefill_from(
    ctx: &ServerContext,
    a: &assessment::Model,
    source: &assessment::Model,
    user: Option<&CurrentUser>,
) -> Result<usize, AppError> {
    let dma = super::questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    let values = values_for(&dma, &levels_of(ctx, source).await?);
    let at = now();
    let txn = ctx.db.begin().await?;
    if !values.is_empty() {
        assessment_answer::Entity::insert_many(values.iter().map(|(item, value)| {
            assessment_answer::ActiveModel {
                assessment_id: Set(a.id),
                item_key: Set(item.clone()),
                current_level: Set(None),
                ambition_level: Set(None),
                not_applicable: Set(false),
                comment: Set(String::new()),
                answered_by: Set(user.map(|u| u.id)),
                updated_at: Set(at),
                answer_value: Set(Some(value.to_json())),
            }
        }))
        .exec(&txn)
        .await?;
    }
    assessment::Entity::update_many()
        .col_expr(assessment::Column::PrefilledFrom, Expr::value(source.id))
        .filter(assessment::Column::Id.eq(a.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(values.len())
}

/// The questions of a prefilled DMA that still hold exactly what was prefilled: the company
/// has not looked at them yet, or agreed. Empty for a DMA that was not prefilled.
pub async fn still_prefilled(
    ctx: &ServerContext,
    a: &assessment::Model,
    stored: &[StoredAnswer],
) -> Result<Vec<String>, AppError> {
    let Some(source_id) = a.prefilled_from else {
        return Ok(Vec::new());
    };
    let Some(source) = assessment::Entity::find_by_id(source_id)
        .one(&ctx.db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let dma = super::questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    let values = values_for(&dma, &levels_of(ctx, &source).await?);
    Ok(values
        .into_iter()
        .filter(|(item, value)| {
            stored
                .iter()
                .any(|s| s.item_key == *item && s.value.as_ref() == Some(value))
        })
        .map(|(item, _)| item)
        .collect())
}
