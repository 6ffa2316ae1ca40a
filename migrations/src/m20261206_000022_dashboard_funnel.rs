//! The dashboard's journey funnel as a roll-up (issue 21). Counting it from the source tables
//! passed over every assessed company with seven lookups each: 6.3 s at a million assessments
//! on PostgreSQL. These tables hold it already counted:
//! - `dashboard_funnel`: per combination of the dashboard's four filters (`*` where a filter is
//!   not set) the number of companies assessed under it and at each later stage, so the
//!   dashboard reads one row;
//! - `funnel_organisation` and `funnel_profile`: what each company adds to those counts (its
//!   stages as bits, the profiles of its counted finalised assessments), so a change to one
//!   company is applied as the difference between what it added and what it adds now.
//!
//! `app::db::funnel_rollup::refresh` keeps them after every write that moves a company
//! through the journey; [`rebuild`] recomputes them from the source tables (here for the
//! existing data, in `server demo-data` after its bulk inserts); a test compares the two with
//! the funnel counted from the source tables.

use sea_orm_migration::sea_orm::ConnectionTrait;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DashboardFunnel {
    Table,
    Variant,
    Province,
    Sector,
    SizeClass,
}

#[derive(DeriveIden)]
enum FunnelOrganisation {
    Table,
    OrganisationId,
    Stages,
}

#[derive(DeriveIden)]
enum FunnelProfile {
    Table,
    OrganisationId,
    Variant,
    Province,
    Sector,
    SizeClass,
}

/// The counters of `dashboard_funnel`: `assessed`, then one per stage bit, in bit order.
pub const FUNNEL_COUNTERS: [&str; 8] = [
    "assessed",
    "attended",
    "contacted",
    "project",
    "planned",
    "guided",
    "agreed",
    "reassessed",
];

/// The value a filter column of `dashboard_funnel` holds where the filter is not set.
pub const FUNNEL_ANY: &str = "*";

/// The stage bits of the organisation whose id is the SQL expression `org`: bit 0 attended
/// (checked in at an event), 1 contacted, 2 project started, 3 planned (a change beyond the
/// drafted plan), 4 guided, 5 agreed (a frozen version), 6 re-assessed (two finalised
/// assessments). One definition for the rebuild and for the app's per-company refresh.
pub fn stages_sql(org: &str) -> String {
    let plan = |join_where: &str| {
        format!(
            "SELECT 1 FROM plan p JOIN assessment pa ON pa.id = p.assessment_id {join_where} \
             AND pa.organisation_id = {org}"
        )
    };
    let conditions = [
        format!(
            "SELECT 1 FROM event_registration r \
             WHERE r.organisation_id = {org} AND r.checked_in_at IS NOT NULL"
        ),
        format!("SELECT 1 FROM contact_request c WHERE c.company_organisation_id = {org}"),
        format!(
            "SELECT 1 FROM contact_request c WHERE c.company_organisation_id = {org} \
             AND c.status = 'project_started'"
        ),
        plan("JOIN plan_change pc ON pc.plan_id = p.id WHERE pc.kind <> 'drafted'"),
        plan("JOIN plan_guidance g ON g.plan_id = p.id WHERE g.assigned_at IS NOT NULL"),
        plan("JOIN plan_version v ON v.plan_id = p.id WHERE 1 = 1"),
        format!(
            "SELECT 1 FROM assessment a2 WHERE a2.organisation_id = {org} \
             AND a2.status = 'final' GROUP BY a2.organisation_id HAVING COUNT(*) > 1"
        ),
    ];
    let terms: Vec<String> = conditions
        .iter()
        .enumerate()
        .map(|(bit, c)| format!("(CASE WHEN EXISTS ({c}) THEN {} ELSE 0 END)", 1 << bit))
        .collect();
    format!("({})", terms.join(" + "))
}

/// The profile of a counted finalised assessment `a` as `funnel_profile` keeps it (missing
/// values as `''`, as in the other roll-ups).
pub const FUNNEL_PROFILE_SQL: &str = "a.variant, COALESCE(a.province, ''), \
    COALESCE(a.sector, ''), COALESCE(a.size_class, '')";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use DashboardFunnel as F;
        let mut table = Table::create();
        table
            .table(F::Table)
            .if_not_exists()
            .col(string_len(F::Variant, 32))
            .col(string_len(F::Province, 32))
            .col(string_len(F::Sector, 32))
            .col(string_len(F::SizeClass, 32));
        for counter in FUNNEL_COUNTERS {
            table.col(big_integer(Alias::new(counter)).default(0));
        }
        table.primary_key(
            Index::create()
                .col(F::Variant)
                .col(F::Province)
                .col(F::Sector)
                .col(F::SizeClass),
        );
        m.create_table(table.to_owned()).await?;

        use FunnelOrganisation as O;
        m.create_table(
            Table::create()
                .table(O::Table)
                .if_not_exists()
                .col(big_integer(O::OrganisationId).primary_key())
                .col(integer(O::Stages).default(0))
                .to_owned(),
        )
        .await?;

        use FunnelProfile as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .if_not_exists()
                .col(big_integer(P::OrganisationId))
                .col(string_len(P::Variant, 32))
                .col(string_len(P::Province, 32))
                .col(string_len(P::Sector, 32))
                .col(string_len(P::SizeClass, 32))
                .primary_key(
                    Index::create()
                        .col(P::OrganisationId)
                        .col(P::Variant)
                        .col(P::Province)
                        .col(P::Sector)
                        .col(P::SizeClass),
                )
                .to_owned(),
        )
        .await?;
        rebuild(m.get_connection()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            DashboardFunnel::Table.into_iden(),
            FunnelOrganisation::Table.into_iden(),
            FunnelProfile::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// Recomputes the funnel's roll-up from the source tables (callers that need atomicity run it
/// inside a transaction). A company adds one to every combination of filters that one of its
/// counted finalised assessments matches: each profile stands for sixteen combinations (each
/// filter set to its value or `*`), and `DISTINCT` counts a company once per combination
/// however many of its assessments match it.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let pick = |bit: u8, column: &str| {
        format!("CASE WHEN m.b & {bit} <> 0 THEN fp.{column} ELSE '{FUNNEL_ANY}' END")
    };
    let stage_sums: Vec<String> = FUNNEL_COUNTERS[1..]
        .iter()
        .enumerate()
        .map(|(bit, _)| {
            format!(
                "SUM(CASE WHEN o.stages & {} <> 0 THEN 1 ELSE 0 END)",
                1 << bit
            )
        })
        .collect();
    let statements = [
        "DELETE FROM dashboard_funnel".to_string(),
        "DELETE FROM funnel_profile".to_string(),
        "DELETE FROM funnel_organisation".to_string(),
        format!(
            "INSERT INTO funnel_profile \
               (organisation_id, variant, province, sector, size_class) \
             SELECT DISTINCT a.organisation_id, {FUNNEL_PROFILE_SQL} FROM assessment a \
             WHERE a.status = 'final' AND a.counted = TRUE AND a.organisation_id IS NOT NULL"
        ),
        format!(
            "INSERT INTO funnel_organisation (organisation_id, stages) \
             SELECT x.org, {} FROM (SELECT DISTINCT organisation_id AS org FROM funnel_profile) x",
            stages_sql("x.org")
        ),
        format!(
            "WITH m(b) AS (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), \
               (12), (13), (14), (15)) \
             INSERT INTO dashboard_funnel (variant, province, sector, size_class, {}) \
             SELECT k.variant, k.province, k.sector, k.size_class, COUNT(*), {} \
             FROM (SELECT DISTINCT fp.organisation_id AS org, {} AS variant, {} AS province, \
                     {} AS sector, {} AS size_class \
                   FROM funnel_profile fp CROSS JOIN m) k \
             JOIN funnel_organisation o ON o.organisation_id = k.org \
             GROUP BY k.variant, k.province, k.sector, k.size_class",
            FUNNEL_COUNTERS.join(", "),
            stage_sums.join(", "),
            pick(1, "variant"),
            pick(2, "province"),
            pick(4, "sector"),
            pick(8, "size_class"),
        ),
    ];
    for sql in statements {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}
