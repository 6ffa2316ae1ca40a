//! A number per public page family that changes whenever what those pages show changes (issue
//! 21), so a server can keep a page it rendered and hand it out again while the number is the
//! same, and every server process sharing the database sees a change at once.
//!
//! Only the directory uses it: its pages (the list and every profile's own page) show nothing
//! but published profiles. The database bumps the number itself, in a trigger on every insert,
//! update and delete of `provider_profile`, so no write path (an owner's edit, a staff review,
//! an account's erasure cascading to its profile, a bulk load) can forget to. Profile writes
//! are rare; the one row they all update is no contention worth avoiding.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PageGeneration {
    Table,
    Name,
    Generation,
}

/// The directory's row.
pub const DIRECTORY: &str = "directory";

const BUMP: &str =
    "UPDATE page_generation SET generation = generation + 1 WHERE name = 'directory'";

fn sqlite_triggers() -> Vec<String> {
    ["INSERT", "UPDATE", "DELETE"]
        .iter()
        .map(|event| {
            format!(
                "CREATE TRIGGER directory_generation_{} AFTER {event} ON provider_profile \
                 BEGIN {BUMP}; END",
                event.to_lowercase()
            )
        })
        .collect()
}

fn postgres_triggers() -> Vec<String> {
    vec![
        format!(
            "CREATE FUNCTION bump_directory_generation() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN {BUMP}; RETURN NULL; END $$"
        ),
        // Once per statement: a bulk update of many profiles is one change of the pages.
        "CREATE TRIGGER directory_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE \
         ON provider_profile FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_generation()"
            .to_string(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PageGeneration::Table)
                .col(string(PageGeneration::Name).primary_key())
                .col(big_integer(PageGeneration::Generation).default(0))
                .to_owned(),
        )
        .await?;
        m.exec_stmt(
            Query::insert()
                .into_table(PageGeneration::Table)
                .columns([PageGeneration::Name, PageGeneration::Generation])
                .values_panic([DIRECTORY.into(), 0.into()])
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        let triggers = match db.get_database_backend() {
            DbBackend::Postgres => postgres_triggers(),
            _ => sqlite_triggers(),
        };
        for sql in triggers {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let drops: &[&str] = match db.get_database_backend() {
            DbBackend::Postgres => &[
                "DROP TRIGGER directory_generation ON provider_profile",
                "DROP FUNCTION bump_directory_generation()",
            ],
            _ => &[
                "DROP TRIGGER directory_generation_insert",
                "DROP TRIGGER directory_generation_update",
                "DROP TRIGGER directory_generation_delete",
            ],
        };
        for sql in drops {
            db.execute_unprepared(sql).await?;
        }
        m.drop_table(Table::drop().table(PageGeneration::Table).to_owned())
            .await
    }
}
