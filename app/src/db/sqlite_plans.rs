//! SQLite's query planner stability guarantee, turned on for every pooled connection.
//!
//! Without it SQLite prepares a statement again on every run in which a bound value could
//! change its plan, and in the SQLite that sqlx builds (3.51) a bound `LIMIT ?` is such a
//! value: sea-query binds the limit of every `.one()` and every page of a list. sqlx keeps
//! each connection's prepared statements, but those were thrown away and parsed again per
//! request. A profile of the directory under load showed ~15 % of the server's time in SQLite
//! preparing statements again, nearly all of it under `sqlite3Reprepare` (docs/benchmarks.md).
//! With the guarantee a statement keeps the plan it was prepared with. The platform gathers no
//! statistics on SQLite (no `ANALYZE`), so a plan made for a particular value had nothing to
//! gain from it anyway.
//!
//! sqlx has no option for `sqlite3_db_config`, so this calls SQLite's C API on the handle sqlx
//! lends out for that purpose (`lock_handle`).

use futures::future::BoxFuture;
use sea_orm::sqlx::pool::PoolConnectionMetadata;
use sea_orm::sqlx::sqlite::SqliteConnection;
use std::ffi::c_int;

/// The pool's `after_connect` hook: runs once on each new connection.
pub fn stable(
    conn: &mut SqliteConnection,
    _meta: PoolConnectionMetadata,
) -> BoxFuture<'_, Result<(), sea_orm::sqlx::Error>> {
    Box::pin(async move {
        let mut handle = conn.lock_handle().await?;
        let db = handle.as_raw_handle().as_ptr();
        // SAFETY: `db` is this connection's open handle, kept from its worker thread while
        // `handle` lives. SQLITE_DBCONFIG_ENABLE_QPSG takes an int (1: on) and an optional
        // `int*` for the setting afterwards, which is passed as null.
        let rc = unsafe {
            libsqlite3_sys::sqlite3_db_config(
                db,
                libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
                1 as c_int,
                std::ptr::null_mut::<c_int>(),
            )
        };
        if rc == libsqlite3_sys::SQLITE_OK {
            Ok(())
        } else {
            Err(sea_orm::sqlx::Error::Configuration(
                format!("SQLite refused the query planner stability guarantee (code {rc})").into(),
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The connection's query planner stability setting as SQLite reports it (1: on).
    async fn planner_stability(conn: &mut SqliteConnection) -> c_int {
        let mut handle = conn.lock_handle().await.expect("the handle");
        let mut on: c_int = -1;
        // SAFETY: as in `stable`; -1 leaves the setting as it is and writes it to `on`.
        let rc = unsafe {
            libsqlite3_sys::sqlite3_db_config(
                handle.as_raw_handle().as_ptr(),
                libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
                -1 as c_int,
                &mut on as *mut c_int,
            )
        };
        assert_eq!(rc, libsqlite3_sys::SQLITE_OK);
        on
    }

    #[tokio::test]
    async fn every_pooled_connection_keeps_its_plans() {
        let dir = std::env::temp_dir().join(format!("sih-plans-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let url = format!("sqlite://{}/plans.db?mode=rwc", dir.display());
        let db = crate::db::connect(&url).await.expect("the database opens");
        let pool = db.get_sqlite_connection_pool();
        // Two at once, so the second is a connection of its own that ran the hook too.
        let mut first = pool.acquire().await.expect("a connection");
        let mut second = pool.acquire().await.expect("another connection");
        assert_eq!(planner_stability(&mut first).await, 1);
        assert_eq!(planner_stability(&mut second).await, 1);
        drop((first, second));
        db.close().await.expect("closes");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
