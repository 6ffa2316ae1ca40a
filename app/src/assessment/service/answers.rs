//! Answering: a transition's questions with what is stored, the overview with progress, saving
//! answers and priorities while the assessment is a draft.

use super::*;
use crate::accounts::model::CurrentUser;
use crate::assessment::model::{Level, Priority, Questionnaire, Variant};
use crate::assessment::profile::CompanyProfile;
use crate::assessment::question_kind::AnswerValue;
use crate::assessment::view::*;
use crate::context::ServerContext;
use crate::db::entities::{assessment, assessment_answer, assessment_priority, organisation};
use crate::db::now;
use crate::error::AppError;
use crate::i18n::Key;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;
use std::sync::Arc;

pub(super) fn variant_of(a: &assessment::Model) -> Result<Variant, AppError> {
    Variant::stored(&a.variant)
}

pub async fn stored_answers(
    db: &impl ConnectionTrait,
    assessment_id: i64,
) -> Result<Vec<StoredAnswer>, AppError> {
    Ok(assessment_answer::Entity::find()
        .filter(assessment_answer::Column::AssessmentId.eq(assessment_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| StoredAnswer {
            item_key: r.item_key,
            current: r.current_level.and_then(|l| u8::try_from(l).ok()),
            ambition: r.ambition_level.and_then(|l| u8::try_from(l).ok()),
            not_applicable: r.not_applicable,
            comment: r.comment,
            value: r.answer_value.as_deref().and_then(AnswerValue::from_json),
            typed: None,
        })
        .collect())
}

/// The questionnaire as this assessment's company sees it: conditions applied to its size
/// class and stored answers (see `assessment::visibility`). The cached version itself when
/// the questionnaire has no conditions.
pub fn as_shown(
    q: Arc<Questionnaire>,
    a: &assessment::Model,
    stored: &[StoredAnswer],
) -> Arc<Questionnaire> {
    shown_for(q, &a.size_class, stored)
}

/// [`as_shown`] for a company of size class `size` (pure: no assessment row needed).
pub fn shown_for(q: Arc<Questionnaire>, size: &str, stored: &[StoredAnswer]) -> Arc<Questionnaire> {
    use crate::assessment::condition::Value;
    use crate::assessment::visibility::{has_conditions, shown};
    if !has_conditions(&q) {
        return q;
    }
    let by_key: HashMap<&str, &StoredAnswer> =
        stored.iter().map(|s| (s.item_key.as_str(), s)).collect();
    let answer = |key: &str| {
        let s = by_key.get(key)?;
        if let Some(value) = &s.value {
            // Conditions compare a choice's option key; other typed answers they cannot name.
            return value.choice().map(|k| Value::Text(k.to_string()));
        }
        if s.not_applicable {
            Some(Value::NotApplicable)
        } else {
            s.current.map(Value::Number)
        }
    };
    Arc::new(shown(&q, size, &answer))
}

/// The questionnaire as shown, loaded with the stored answers it was decided on.
pub async fn shown_questionnaire(
    db: &impl ConnectionTrait,
    a: &assessment::Model,
) -> Result<(Arc<Questionnaire>, Vec<StoredAnswer>), AppError> {
    let q = questionnaire(db, a.questionnaire_version_id).await?;
    let stored = stored_answers(db, a.id).await?;
    Ok((as_shown(q, a, &stored), stored))
}

/// The answers stored for the transition `transition_key` (none for a key the assessment's
/// questionnaire does not have).
pub async fn transition_answers(
    db: &impl ConnectionTrait,
    a: &assessment::Model,
    transition_key: &str,
) -> Result<Vec<StoredAnswer>, AppError> {
    let q = questionnaire(db, a.questionnaire_version_id).await?;
    let Some(transition) = q.transition(transition_key) else {
        return Ok(Vec::new());
    };
    let mut answers = stored_answers(db, a.id).await?;
    answers.retain(|s| transition.items.iter().any(|i| i.key == s.item_key));
    Ok(answers)
}

/// The key of the transition the item `item_key` is part of.
pub async fn transition_of(
    db: &impl ConnectionTrait,
    a: &assessment::Model,
    item_key: &str,
) -> Result<Option<String>, AppError> {
    let q = questionnaire(db, a.questionnaire_version_id).await?;
    Ok(q.item(item_key).map(|(t, _)| t.key.clone()))
}

pub async fn priorities(
    db: &impl ConnectionTrait,
    assessment_id: i64,
) -> Result<HashMap<String, Priority>, AppError> {
    Ok(assessment_priority::Entity::find()
        .filter(assessment_priority::Column::AssessmentId.eq(assessment_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| Priority::parse(&r.priority).map(|p| (r.transition_key, p)))
        .collect())
}

pub(super) fn progress(q: &Questionnaire, answers: &[StoredAnswer]) -> Vec<TransitionProgress> {
    let answered: HashMap<&str, bool> = answers
        .iter()
        .map(|a| (a.item_key.as_str(), a.is_answered()))
        .collect();
    q.transitions
        .iter()
        .map(|t| TransitionProgress {
            key: t.key.clone(),
            name_nl: t.name.nl.clone(),
            name_en: t.name.en.clone(),
            answered: t
                .items
                .iter()
                .filter(|i| answered.get(i.key.as_str()).copied().unwrap_or(false))
                .count(),
            items: t.items.len(),
        })
        .collect()
}

pub async fn transition_sheet(
    ctx: &ServerContext,
    a: &assessment::Model,
    reference: &str,
    transition_key: &str,
) -> Result<TransitionSheet, AppError> {
    let full = questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    let answers = stored_answers(&ctx.db, a.id).await?;
    sheet_of(ctx, a, reference, transition_key, full, answers).await
}

/// The sheet of the transition `transition_key`, from the questionnaire and answers loaded.
async fn sheet_of(
    ctx: &ServerContext,
    a: &assessment::Model,
    reference: &str,
    transition_key: &str,
    full: Arc<Questionnaire>,
    answers: Vec<StoredAnswer>,
) -> Result<TransitionSheet, AppError> {
    let conditional = crate::assessment::visibility::has_conditions(&full);
    let q = as_shown(full.clone(), a, &answers);
    let Some(transition) = q.transition(transition_key).cloned() else {
        return Err(AppError::invalid(match full.transition(transition_key) {
            Some(_) => Key::ErrTransitionHidden,
            None => Key::ErrTransitionUnknown,
        }));
    };
    let priorities = priorities(&ctx.db, a.id).await?;
    let priority = priorities.get(transition_key).copied();
    let prefilled_anywhere = still_prefilled(ctx, a, &answers).await?;
    let prefilled = prefilled_anywhere
        .iter()
        .filter(|key| transition.items.iter().any(|i| i.key == **key))
        .cloned()
        .collect();
    let mut priorities: Vec<(String, Priority)> = priorities.into_iter().collect();
    priorities.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(TransitionSheet {
        prefilled,
        reference: reference.to_string(),
        variant: variant_of(a)?,
        company_name: a.company_name.clone(),
        finalised: a.status == STATUS_FINAL,
        progress: progress(&q, &answers),
        answers: answers
            .iter()
            .filter(|s| transition.items.iter().any(|i| i.key == s.item_key))
            .cloned()
            .collect(),
        priority,
        transition,
        whole: WholeQuestionnaire {
            transitions: q.transitions.clone(),
            answers,
            priorities,
            prefilled: prefilled_anywhere,
            conditional,
        },
    })
}

pub async fn overview(
    ctx: &ServerContext,
    a: &assessment::Model,
    reference: &str,
) -> Result<Overview, AppError> {
    let full = questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    let conditional = crate::assessment::visibility::has_conditions(&full);
    let answers = stored_answers(&ctx.db, a.id).await?;
    let q = as_shown(full.clone(), a, &answers);
    // The questionnaire for the runner beside the overview, which opens the transitions in
    // the page; each transition's sheet carries all of them (`assessment::runner`).
    let runner = match q.transitions.first() {
        Some(first) if !conditional => {
            Some(sheet_of(ctx, a, reference, &first.key, full, answers.clone()).await?)
        }
        _ => None,
    };
    let organisation_name = match a.organisation_id {
        Some(id) => organisation::Entity::find_by_id(id)
            .one(&ctx.db)
            .await?
            .map(|o| o.name),
        None => None,
    };
    Ok(Overview {
        reference: reference.to_string(),
        resume_url: reference
            .starts_with('r')
            .then(|| ctx.link(&format!("/assessment/{reference}"))),
        variant: variant_of(a)?,
        profile: profile_of(a),
        finalised: a.status == STATUS_FINAL,
        organisation_name,
        progress: progress(&q, &answers),
        created_at: a.created_at,
        conditional,
        runner,
    })
}

pub(super) fn profile_of(a: &assessment::Model) -> CompanyProfile {
    CompanyProfile {
        company_name: a.company_name.clone(),
        sector: a.sector.clone(),
        size_class: a.size_class.clone(),
        province: a.province.clone(),
        respondent_role: a.respondent_role.clone(),
    }
}

pub(super) fn ensure_draft(a: &assessment::Model) -> Result<(), AppError> {
    if a.status == STATUS_FINAL {
        Err(AppError::invalid(Key::ErrAssessmentFinal))
    } else {
        Ok(())
    }
}

/// One answer as it arrives from a form or the autosave, before checking.
#[derive(Clone, Debug, Default)]
pub struct AnswerInput {
    pub item_key: String,
    pub current: Option<u8>,
    pub ambition: Option<u8>,
    pub not_applicable: bool,
    pub comment: String,
    /// A typed question's answer from the autosave; `None` clears it.
    pub value: Option<AnswerValue>,
    /// A typed question's plain-form fields, read with the question's type when checked.
    pub form: Option<FormFields>,
}

/// The `value:<item>` and `grid:<item>:<row>` fields of a plain form for one question.
#[derive(Clone, Debug, Default)]
pub struct FormFields {
    pub values: Vec<String>,
    pub grid: Vec<(String, String)>,
}

/// Checks an answer against its question (its type, the level rules, the options and ranges);
/// the typed value to store, if any.
pub fn check_answer(
    q: &Questionnaire,
    input: &AnswerInput,
) -> Result<Option<AnswerValue>, AppError> {
    use crate::assessment::question_kind::accept::{accept, from_form};
    let Some((_, item)) = q.item(&input.item_key) else {
        return Err(AppError::invalid(Key::ErrItemUnknown));
    };
    if input.comment.chars().count() > 2000 {
        return Err(AppError::invalid(Key::ErrCommentTooLong));
    }
    if !item.kind.is_level() {
        if input.current.is_some() || input.ambition.is_some() || input.not_applicable {
            return Err(AppError::invalid(Key::ErrAnswerWrongType));
        }
        let value = match &input.form {
            Some(f) => from_form(&item.kind, &f.values, &f.grid).map_err(AppError::invalid)?,
            None => input.value.clone(),
        };
        return value
            .map(|v| accept(&item.kind, v).map_err(AppError::invalid))
            .transpose();
    }
    if input.value.is_some()
        || input
            .form
            .as_ref()
            .is_some_and(|f| !f.values.is_empty() || !f.grid.is_empty())
    {
        return Err(AppError::invalid(Key::ErrAnswerWrongType));
    }
    let level = |v: Option<u8>| match v {
        None => Ok(None),
        Some(n) => Level::new(n)
            .map(Some)
            .ok_or(AppError::invalid(Key::ErrLevelOutOfRange)),
    };
    let (current, ambition) = (level(input.current)?, level(input.ambition)?);
    if let (Some(c), Some(a)) = (current, ambition) {
        if a < c {
            return Err(AppError::invalid(Key::ErrAmbitionBelowCurrent));
        }
    }
    Ok(None)
}

/// Saves answers (all or none) after checking each; used by the autosave and the plain form.
pub async fn save_answers(
    ctx: &ServerContext,
    a: &assessment::Model,
    inputs: &[AnswerInput],
    user: Option<&CurrentUser>,
) -> Result<(), AppError> {
    ensure_draft(a)?;
    let q = questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    let shown = as_shown(q.clone(), a, &stored_answers(&ctx.db, a.id).await?);
    let mut values = Vec::with_capacity(inputs.len());
    for input in inputs {
        // A question an earlier answer hid since the page was shown is refused as such.
        if q.item(&input.item_key).is_some() && shown.item(&input.item_key).is_none() {
            return Err(AppError::invalid(Key::ErrQuestionHidden));
        }
        values.push(check_answer(&shown, input)?);
    }
    let at = now();
    let rows: Vec<assessment_answer::ActiveModel> = inputs
        .iter()
        .zip(values)
        .map(|(i, value)| assessment_answer::ActiveModel {
            assessment_id: Set(a.id),
            item_key: Set(i.item_key.clone()),
            current_level: Set(if i.not_applicable {
                None
            } else {
                i.current.map(i16::from)
            }),
            ambition_level: Set(if i.not_applicable {
                None
            } else {
                i.ambition.map(i16::from)
            }),
            not_applicable: Set(i.not_applicable),
            comment: Set(i.comment.trim().to_string()),
            answered_by: Set(user.map(|u| u.id)),
            updated_at: Set(at),
            answer_value: Set(value.map(|v| v.to_json())),
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    // Upsert in one statement: the answer is stored completely or not at all.
    assessment_answer::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                assessment_answer::Column::AssessmentId,
                assessment_answer::Column::ItemKey,
            ])
            .update_columns([
                assessment_answer::Column::CurrentLevel,
                assessment_answer::Column::AmbitionLevel,
                assessment_answer::Column::NotApplicable,
                assessment_answer::Column::Comment,
                assessment_answer::Column::AnsweredBy,
                assessment_answer::Column::UpdatedAt,
                assessment_answer::Column::AnswerValue,
            ])
            .to_owned(),
        )
        .exec(&ctx.db)
        .await?;
    touch(ctx, a.id).await
}

pub(super) async fn touch(ctx: &ServerContext, id: i64) -> Result<(), AppError> {
    assessment::Entity::update_many()
        .col_expr(
            assessment::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now()),
        )
        .filter(assessment::Column::Id.eq(id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

pub async fn set_priority(
    ctx: &ServerContext,
    a: &assessment::Model,
    transition_key: &str,
    priority: Option<Priority>,
) -> Result<(), AppError> {
    ensure_draft(a)?;
    let (q, _) = shown_questionnaire(&ctx.db, a).await?;
    if q.transition(transition_key).is_none() {
        return Err(AppError::invalid(Key::ErrTransitionUnknown));
    }
    if q.variant.is_dma() && priority.is_some() {
        return Err(AppError::invalid(Key::ErrDmaNoPriority));
    }
    match priority {
        Some(p) => {
            assessment_priority::Entity::insert(assessment_priority::ActiveModel {
                assessment_id: Set(a.id),
                transition_key: Set(transition_key.to_string()),
                priority: Set(p.code().to_string()),
            })
            .on_conflict(
                OnConflict::columns([
                    assessment_priority::Column::AssessmentId,
                    assessment_priority::Column::TransitionKey,
                ])
                .update_column(assessment_priority::Column::Priority)
                .to_owned(),
            )
            .exec(&ctx.db)
            .await?;
        }
        None => {
            assessment_priority::Entity::delete_many()
                .filter(assessment_priority::Column::AssessmentId.eq(a.id))
                .filter(assessment_priority::Column::TransitionKey.eq(transition_key))
                .exec(&ctx.db)
                .await?;
        }
    }
    touch(ctx, a.id).await
}
