//! Database access (server only): connection set-up, entities and instance settings.

pub mod entities;
pub mod rate_limit;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
use std::time::Duration;

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

/// A `LIKE` pattern that matches `text` anywhere, with the wildcards in it escaped
/// (use with `ESCAPE '\'`).
pub fn like_anywhere(text: &str) -> String {
    let escaped = text
        .trim()
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
