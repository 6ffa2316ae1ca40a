//! Questionnaire versions: the files loaded into the database at start-up, and each version
//! read once per process (a version never changes once stored).

use crate::accounts::token::hash_secret;
use crate::assessment::model::{Questionnaire, Variant};
use crate::assessment::questionnaire_file;
use crate::assessment::questionnaires::SOURCES;
use crate::db::entities::questionnaire_version;
use crate::db::now;
use crate::error::AppError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

/// Loads the questionnaire files into the database. A file whose version already exists with
/// other content stops start-up: answers given under that version must keep their texts.
pub async fn sync_questionnaires(db: &DatabaseConnection) -> Result<(), String> {
    for (file, source) in SOURCES {
        let q = questionnaire_file::parse(file, source).map_err(|e| e.to_string())?;
        let content = serde_json::to_string(&q).map_err(|e| format!("{file}: {e}"))?;
        let hash = hash_secret(&content);
        let existing = questionnaire_version::Entity::find()
            .filter(questionnaire_version::Column::Variant.eq(q.variant.code()))
            .filter(questionnaire_version::Column::Version.eq(q.version as i32))
            .one(db)
            .await
            .map_err(|e| format!("{file}: database: {e}"))?;
        match existing {
            Some(row) if row.content_hash == hash => {}
            // Staff published this version number from the editor; their texts stay and the
            // file's version is not loaded (raise `version:` in the file to add it).
            Some(row) if row.published_by.is_some() => {
                tracing::warn!(
                    file,
                    version = q.version,
                    "questionnaire version was published by staff with other texts; file version skipped"
                );
            }
            Some(_) => {
                return Err(format!(
                    "{file}: version {} is already in the database with other texts; raise `version:` in the file",
                    q.version
                ))
            }
            None => {
                questionnaire_version::ActiveModel {
                    variant: Set(q.variant.code().to_string()),
                    version: Set(q.version as i32),
                    content: Set(content),
                    content_hash: Set(hash),
                    created_at: Set(now()),
                    ..Default::default()
                }
                .insert(db)
                .await
                .map_err(|e| format!("{file}: database: {e}"))?;
            }
        }
    }
    Ok(())
}

/// Questionnaire versions never change once stored, so each process may keep parsed copies.
pub(super) fn cache() -> &'static RwLock<HashMap<i64, Arc<Questionnaire>>> {
    static CACHE: OnceLock<RwLock<HashMap<i64, Arc<Questionnaire>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

pub async fn questionnaire(
    db: &impl ConnectionTrait,
    version_id: i64,
) -> Result<Arc<Questionnaire>, AppError> {
    if let Some(q) = cache()
        .read()
        .ok()
        .and_then(|c| c.get(&version_id).cloned())
    {
        return Ok(q);
    }
    let row = questionnaire_version::Entity::find_by_id(version_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let q: Arc<Questionnaire> = Arc::new(serde_json::from_str(&row.content).map_err(|e| {
        tracing::error!(error = %e, version_id, "stored questionnaire does not parse");
        AppError::Internal
    })?);
    if let Ok(mut c) = cache().write() {
        c.insert(version_id, q.clone());
    }
    Ok(q)
}

pub(super) async fn latest_version(
    db: &impl ConnectionTrait,
    variant: Variant,
) -> Result<questionnaire_version::Model, AppError> {
    questionnaire_version::Entity::find()
        .filter(questionnaire_version::Column::Variant.eq(variant.code()))
        .order_by_desc(questionnaire_version::Column::Version)
        .one(db)
        .await?
        .ok_or(AppError::Internal)
}
