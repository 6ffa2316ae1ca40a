//! The number the database keeps per public page family (`page_generation`, migration 000025):
//! it changes in the same transaction as anything those pages show, so a page rendered under
//! one number may be handed out again while the number stays the same.

use sea_orm::{ConnectionTrait, DbErr};

/// The directory's pages: the list and every published profile's own page.
pub const DIRECTORY: &str = migrations::DIRECTORY_PAGES;

/// The current number of a page family; `None` when the family has no row (which would be
/// a database not migrated this far: nothing may be kept then).
pub async fn current(db: &impl ConnectionTrait, family: &str) -> Result<Option<i64>, DbErr> {
    let mut p = super::Params::new(db.get_database_backend());
    let sql = format!(
        "SELECT generation FROM page_generation WHERE name = {}",
        p.bind(family)
    );
    match db.query_one_raw(p.statement(sql)).await? {
        Some(row) => Ok(Some(row.try_get_by_index::<i64>(0)?)),
        None => Ok(None),
    }
}
