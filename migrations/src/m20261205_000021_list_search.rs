//! Lists and search at a national scale (issue 21):
//! - indexes in the order the staff lists read (`app::db::keyset`): assessments and contact
//!   requests newest first, companies by lower-cased name, events by date, and the newest
//!   assessment per company;
//! - full-text search for the directory: PostgreSQL keeps a `tsvector` of the published text
//!   under both the Dutch and the English configuration (a Dutch word and an English one each
//!   find their other forms: "machines" finds "machine"), SQLite an FTS5 index with the Porter
//!   stemmer (English forms only; SQLite has no Dutch stemmer), kept current by triggers.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Expression and multi-column indexes as SQL: both databases read these the same.
const INDEXES: [&str; 5] = [
    "CREATE INDEX idx_assessment_created ON assessment (created_at, id)",
    "CREATE INDEX idx_assessment_organisation_newest ON assessment (organisation_id, id)",
    "CREATE INDEX idx_contact_request_created ON contact_request (created_at, id)",
    "CREATE INDEX idx_organisation_kind_name ON organisation (kind, LOWER(name), id)",
    "CREATE INDEX idx_event_starts ON event (starts_at, id)",
];

const POSTGRES_SEARCH: [&str; 2] = [
    "ALTER TABLE provider_profile ADD COLUMN search_vector tsvector GENERATED ALWAYS AS \
       (to_tsvector('dutch', search_text) || to_tsvector('english', search_text)) STORED",
    "CREATE INDEX idx_provider_profile_search ON provider_profile USING GIN (search_vector)",
];

/// An external-content FTS5 table over `provider_profile.search_text` (the text is stored
/// once, in the profile), with the triggers SQLite's manual gives for keeping it current.
const SQLITE_SEARCH: [&str; 5] = [
    "CREATE VIRTUAL TABLE provider_search USING fts5(search_text, content = 'provider_profile', \
       content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER provider_search_insert AFTER INSERT ON provider_profile BEGIN \
       INSERT INTO provider_search (rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER provider_search_delete AFTER DELETE ON provider_profile BEGIN \
       INSERT INTO provider_search (provider_search, rowid, search_text) \
         VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER provider_search_update AFTER UPDATE OF search_text ON provider_profile BEGIN \
       INSERT INTO provider_search (provider_search, rowid, search_text) \
         VALUES ('delete', old.id, old.search_text); \
       INSERT INTO provider_search (rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO provider_search (provider_search) VALUES ('rebuild')",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let search: &[&str] = match db.get_database_backend() {
            DbBackend::Postgres => &POSTGRES_SEARCH,
            _ => &SQLITE_SEARCH,
        };
        for sql in INDEXES.iter().chain(search) {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let search: &[&str] = match db.get_database_backend() {
            DbBackend::Postgres => &[
                "DROP INDEX idx_provider_profile_search",
                "ALTER TABLE provider_profile DROP COLUMN search_vector",
            ],
            _ => &[
                "DROP TRIGGER provider_search_insert",
                "DROP TRIGGER provider_search_delete",
                "DROP TRIGGER provider_search_update",
                "DROP TABLE provider_search",
            ],
        };
        for sql in search {
            db.execute_unprepared(sql).await?;
        }
        for name in [
            "idx_assessment_created",
            "idx_assessment_organisation_newest",
            "idx_contact_request_created",
            "idx_organisation_kind_name",
            "idx_event_starts",
        ] {
            db.execute_unprepared(&format!("DROP INDEX {name}")).await?;
        }
        Ok(())
    }
}
