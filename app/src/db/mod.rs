//! Database access (server only): connection set-up, entities and instance settings.

pub mod entities;
pub mod funnel_rollup;
pub mod keyset;
pub mod page_generation;
pub mod rate_limit;
pub mod reassessed_rollup;
pub mod search;
mod sqlite_plans;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
use std::time::Duration;

/// The database refused a row because a unique index already holds its value: the rule
/// that decides a race between parallel requests (the loser gets a message, not a 500).
pub fn is_unique_violation(e: &DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Opens the database named by `url`.
///
/// SQLite gets WAL (readers never wait for the writer), foreign keys (SQLite leaves them off by
/// default) and a busy timeout (a writer waits for the lock instead of failing at once). An
/// in-memory SQLite database is a separate database per connection, so it gets a pool of one.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_string());
    let is_sqlite = url.starts_with("sqlite:");
    if is_sqlite && url.contains(":memory:") {
        opts.max_connections(1).min_connections(1);
    } else if is_sqlite {
        opts.max_connections(8);
    } else {
        opts.max_connections(20);
    }
    opts.connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if is_sqlite {
        opts.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
        });
        opts.map_sqlx_sqlite_pool_opts(|pool| pool.after_connect(sqlite_plans::stable));
    }
    let db = Database::connect(opts).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // Verify the pragmas took effect; a database without foreign keys would silently keep
        // orphans around.
        db.execute_unprepared("PRAGMA foreign_keys = ON").await?;
    }
    Ok(db)
}

/// Unix time in seconds; every stored time uses it.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Bound values for a hand-written SQL statement, with the placeholder syntax of the backend
/// (`?` for SQLite, `$n` for PostgreSQL). Only values are ever bound; column and table names
/// in such statements come from fixed lists in the code.
pub struct Params {
    backend: DbBackend,
    values: Vec<sea_orm::Value>,
}

impl Params {
    pub fn new(backend: DbBackend) -> Params {
        Params {
            backend,
            values: Vec::new(),
        }
    }

    /// Adds a value and returns its placeholder.
    pub fn bind(&mut self, value: impl Into<sea_orm::Value>) -> String {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_string(),
        }
    }

    pub fn statement(&self, sql: impl Into<String>) -> sea_orm::Statement {
        sea_orm::Statement::from_sql_and_values(self.backend, sql.into(), self.values.clone())
    }
}

/// Search text longer than this is cut: no name or word people search for is longer, and
/// SQLite refuses a `LIKE` pattern of ~50,000 characters as "too complex" (a server error).
pub const MAX_SEARCH_CHARS: usize = 100;

/// A `LIKE` pattern that matches `text` anywhere, with the wildcards in it escaped
/// (use with `ESCAPE '\'`), at most [`MAX_SEARCH_CHARS`] long.
pub fn like_anywhere(text: &str) -> String {
    let cut: String = text.trim().chars().take(MAX_SEARCH_CHARS).collect();
    let escaped = cut
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// `column LIKE '%text%' ESCAPE '\'`: the column holds `text` anywhere, `%` and `_` in it
/// taken literally (SeaORM's `contains` does not escape them).
pub fn column_contains(
    column: impl sea_orm::sea_query::IntoColumnRef,
    text: &str,
) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
    Expr::col(column).like(LikeExpr::new(like_anywhere(text)).escape('\\'))
}

/// Ids per `IN (…)` list: far below SQLite's limit on bound parameters (32,766), and a list
/// PostgreSQL plans quickly.
const IDS_PER_QUERY: usize = 1000;

/// The rows of `E` whose `column` is one of `ids` (duplicates ignored), in as many queries as
/// the list needs: what a list page loads for all its rows at once instead of one query per row.
pub async fn rows_where_in<E>(
    db: &impl ConnectionTrait,
    column: E::Column,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<E::Model>, DbErr>
where
    E: sea_orm::EntityTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut rows = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(IDS_PER_QUERY) {
        rows.extend(
            E::find()
                .filter(column.is_in(chunk.iter().copied()))
                .all(db)
                .await?,
        );
    }
    Ok(rows)
}

#[cfg(test)]
mod search_tests {
    use super::*;

    #[test]
    fn search_patterns_escape_wildcards_and_stay_short() {
        assert_eq!(like_anywhere(" 50%_korting\\ "), "%50\\%\\_korting\\\\%");
        assert_eq!(
            like_anywhere(&"x".repeat(50_000)).len(),
            MAX_SEARCH_CHARS + 2
        );
    }
}
