//! Opening and migrating the database, and the signing key shared by all server processes.

use app::db::entities::setting;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, DatabaseConnection, DbErr, EntityTrait, Set};

/// Connects, creating the SQLite file's folder when needed, and applies pending migrations.
pub async fn open(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_file(url) {
        if let Some(dir) = std::path::Path::new(&path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    DbErr::Custom(format!("cannot create folder {}: {e}", dir.display()))
                })?;
            }
        }
    }
    let db = app::db::connect(url).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

fn sqlite_file(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && !path.contains(":memory:")).then(|| path.to_string())
}

const SIGNING_KEY: &str = "signing_key";

/// The key for signed tokens: `SECRET_KEY` if set, else one generated on first start and kept
/// in the database, so every process sharing the database signs and checks alike.
pub async fn signing_key(
    db: &DatabaseConnection,
    configured: Option<&str>,
) -> Result<Vec<u8>, DbErr> {
    if let Some(key) = configured {
        return Ok(key.as_bytes().to_vec());
    }
    if let Some(row) = setting::Entity::find_by_id(SIGNING_KEY).one(db).await? {
        return Ok(row.value.into_bytes());
    }
    let candidate = app::accounts::token::random_secret();
    // Two processes starting at once: one insert wins, both then read the winner.
    let _ = setting::ActiveModel {
        key: Set(SIGNING_KEY.to_string()),
        value: Set(candidate),
    }
    .insert(db)
    .await;
    let row = setting::Entity::find_by_id(SIGNING_KEY)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom("signing key could not be stored".to_string()))?;
    Ok(row.value.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_file_paths_are_found() {
        assert_eq!(
            sqlite_file("sqlite://data/sih.db?mode=rwc").as_deref(),
            Some("data/sih.db")
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://localhost/x"), None);
    }
}
