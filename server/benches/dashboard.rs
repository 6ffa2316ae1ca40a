//! Benchmark (not a test): the staff dashboard's queries, the staff lists, the results page,
//! the directory, the digitalisation plan (drafting one, and the plan page's data) and the
//! exports' batches at 10,000, 100,000 and 1,000,000 assessments.
//!
//! `cargo bench -p server --bench dashboard` runs on SQLite files; with
//! `BENCH_DATABASE_URL=postgres://…/test` it makes (and drops) a PostgreSQL database per size.
//! `BENCH_SIZES=10000,100000,1000000` chooses the sizes (default: the first two). Each size is filled by the `demo-data`
//! generator, then every query runs seven times; the median and the slowest are reported.
//! Results go into `docs/benchmarks.md` by hand, with the machine they ran on.

use app::analytics::model::{DashboardFilter, Segment};
use app::i18n::Lang;
use app::staff::model::CompanyFilter;
use app::ui::ListPosition;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use server::config::Config;
use std::future::Future;
use std::time::Instant;

/// The funnel's query before 2026-12-03 (unfiltered), kept to measure against: every plan
/// stage an `EXISTS` per assessed company.
const FUNNEL_BEFORE: &str = "SELECT COUNT(*) AS assessed, \
  SUM(CASE WHEN EXISTS (SELECT 1 FROM event_registration r WHERE r.organisation_id = x.org AND r.checked_in_at IS NOT NULL) THEN 1 ELSE 0 END) AS attended, \
  SUM(CASE WHEN EXISTS (SELECT 1 FROM contact_request c WHERE c.company_organisation_id = x.org) THEN 1 ELSE 0 END) AS contacted, \
  SUM(CASE WHEN EXISTS (SELECT 1 FROM contact_request c WHERE c.company_organisation_id = x.org AND c.status = 'project_started') THEN 1 ELSE 0 END) AS project, \
  SUM(CASE WHEN EXISTS (SELECT 1 FROM assessment a2 JOIN plan p ON p.assessment_id = a2.id JOIN plan_change pc ON pc.plan_id = p.id WHERE a2.organisation_id = x.org AND pc.kind <> 'drafted') THEN 1 ELSE 0 END) AS planned, \
  SUM(CASE WHEN EXISTS (SELECT 1 FROM assessment a2 JOIN plan p ON p.assessment_id = a2.id JOIN plan_guidance g ON g.plan_id = p.id WHERE a2.organisation_id = x.org AND g.assigned_at IS NOT NULL) THEN 1 ELSE 0 END) AS guided, \
  SUM(CASE WHEN EXISTS (SELECT 1 FROM assessment a2 JOIN plan p ON p.assessment_id = a2.id JOIN plan_version v ON v.plan_id = p.id WHERE a2.organisation_id = x.org) THEN 1 ELSE 0 END) AS agreed, \
  SUM(CASE WHEN EXISTS (SELECT 1 FROM assessment a2 WHERE a2.organisation_id = x.org AND a2.status = 'final' GROUP BY a2.organisation_id HAVING COUNT(*) > 1) THEN 1 ELSE 0 END) AS reassessed \
  FROM (SELECT DISTINCT a.organisation_id AS org FROM assessment a \
        WHERE a.status = 'final' AND a.counted = TRUE AND a.organisation_id IS NOT NULL) x";

async fn timed<F, Fut, T>(name: &str, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = T>,
{
    let mut samples = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        std::hint::black_box(f().await);
        samples.push(start.elapsed());
    }
    samples.sort();
    println!(
        "  {:<52} median {:>9.1?}   max {:>9.1?}",
        name,
        samples[samples.len() / 2],
        samples[samples.len() - 1]
    );
}

async fn database(size: usize) -> (String, Option<(DatabaseConnection, String)>) {
    match std::env::var("BENCH_DATABASE_URL") {
        Ok(base) if !base.is_empty() => {
            let admin = sea_orm::Database::connect(&base)
                .await
                .expect("BENCH_DATABASE_URL reachable");
            let name = format!("sih_bench_{size}_{}", std::process::id());
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create bench database");
            let (prefix, _) = base.rsplit_once('/').expect("URL has a database name");
            (format!("{prefix}/{name}"), Some((admin, name)))
        }
        _ => {
            let dir = std::env::temp_dir().join(format!("sih-dash-{}-{size}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            (
                format!("sqlite://{}/bench.db?mode=rwc", dir.display()),
                None,
            )
        }
    }
}

async fn run(size: usize) {
    let (url, cleanup) = database(size).await;
    println!(
        "\n{size} assessments on {}",
        if cleanup.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    let config = Config {
        addr: "127.0.0.1:0".parse().expect("literal address"),
        database_url: url.clone(),
        smtp_url: None,
        mail_dir: std::env::temp_dir()
            .join("sih-bench-mail")
            .display()
            .to_string(),
        mail_from: "Bench <bench@localhost>".into(),
        public_base_url: "http://hub.bench".into(),
        secure_cookies: false,
        secret_key: Some("a-benchmark-secret-of-at-least-32-chars".into()),
        secret_key_previous: None,
        trusted_proxies: 1,
        site_root: "target/site".into(),
        draft_expiry_days: 180,
    };
    let (_, ctx) = server::build_app(&config).await.expect("app builds");
    let db = ctx.db.clone();
    let opts = server::demo::DemoOptions {
        assessments: size,
        force: false,
        seed: 7,
    };
    let start = Instant::now();
    let summary = server::demo::fill(&db, &opts, 1_795_651_200)
        .await
        .expect("demo data");
    println!(
        "  filled in {:.1?}: {} companies, {} answers",
        start.elapsed(),
        summary.companies,
        summary.answers
    );
    let all = DashboardFilter::default();
    let drenthe = DashboardFilter {
        province: Some("drenthe".into()),
        segment: Segment::Sector,
        ..Default::default()
    };
    let narrow = DashboardFilter {
        variant: Some("process".into()),
        size_class: Some("50-99".into()),
        segment: Segment::Province,
        ..Default::default()
    };
    for (name, filter) in [
        ("dashboard, no filter", &all),
        (
            "dashboard, province = drenthe, heat map by sector",
            &drenthe,
        ),
        ("dashboard, variant = process and size = 50-99", &narrow),
    ] {
        timed(name, || {
            app::analytics::service::dashboard(&db, filter.clone(), Lang::Nl)
        })
        .await;
    }
    // The funnel alone: read from its roll-up (now, one row), counted from the source tables
    // (until 2026-12-06: one pass over the assessed companies, the plan stages as sets tested
    // with IN) and as before that (one lookup per company per stage, kept here as SQL).
    timed("funnel from its roll-up (now)", || {
        app::analytics::service::funnel_rollup(&db, &all)
    })
    .await;
    timed("funnel from its roll-up, variant = process, 50-99", || {
        app::analytics::service::funnel_rollup(&db, &narrow)
    })
    .await;
    timed("funnel counted from the source tables (before)", || {
        app::analytics::service::funnel_of(&db, &all)
    })
    .await;
    // What keeping it costs a write: the refresh of one company with an assessment, a
    // contact request or a plan (nothing changes, so this is the reading and the lock).
    let busy = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT organisation_id FROM funnel_organisation WHERE stages > 0 \
             ORDER BY organisation_id LIMIT 1",
        ))
        .await
        .expect("a company on the journey")
        .and_then(|row| row.try_get_by_index::<i64>(0).ok())
        .expect("a company on the journey");
    timed("funnel refresh of one company (per write)", || {
        app::db::funnel_rollup::refresh(&db, busy)
    })
    .await;
    // The rebuild, once (what migration 000022 costs on an existing database).
    let start = Instant::now();
    migrations::rebuild_dashboard_funnel(&db)
        .await
        .expect("rebuild funnel");
    println!(
        "  {:<52} once   {:>9.1?}",
        "funnel rebuilt from the source tables",
        start.elapsed()
    );
    // The old form takes minutes per run at a million; the ratio is known from the smaller sizes.
    if size <= 100_000 {
        let before = sea_orm::Statement::from_string(db.get_database_backend(), FUNNEL_BEFORE);
        timed(
            "funnel, plan stages as a lookup per company (before)",
            || db.query_one_raw(before.clone()),
        )
        .await;
    }
    timed("re-assessed companies, from the roll-up (now)", || {
        app::analytics::reassessed::change_per_transition(&db)
    })
    .await;
    timed(
        "re-assessed companies, counted from the source tables",
        || app::analytics::reassessed::change_counted(&db),
    )
    .await;
    let start = Instant::now();
    migrations::rebuild_reassessed_change(&db)
        .await
        .expect("rebuild re-assessed");
    println!(
        "  {:<52} once   {:>9.1?}",
        "re-assessed roll-up rebuilt from the source tables",
        start.elapsed()
    );
    timed("programme figures (8 indicators)", || {
        app::analytics::service::indicators(&db, Lang::Nl)
    })
    .await;
    let search = CompanyFilter {
        search: "metaal".into(),
        province: Some("groningen".into()),
        ..Default::default()
    };
    timed("company list, search + province", || {
        app::staff::service::companies(&db, &search, ListPosition::First)
    })
    .await;
    // The staff lists (issue 21): one page, at the start and deep inside, read by position.
    let everyone = CompanyFilter::default();
    timed("company list, first page", || {
        app::staff::service::companies(&db, &everyone, ListPosition::First)
    })
    .await;
    let middle = {
        use app::db::entities::organisation;
        use sea_orm::{EntityTrait, PaginatorTrait};
        let n = organisation::Entity::find()
            .count(&db)
            .await
            .expect("count");
        organisation::Entity::find_by_id((n / 2).max(1) as i64)
            .one(&db)
            .await
            .expect("organisation")
            .map_or(1, |o| o.id)
    };
    timed("company list, a page in the middle", || {
        app::staff::service::companies(&db, &everyone, ListPosition::After(middle))
    })
    .await;
    timed("assessments list, first page", || {
        app::assessment::service::list_all(&ctx, ListPosition::First)
    })
    .await;
    let deep = (size / 2) as i64;
    timed("assessments list, a page in the middle", || {
        app::assessment::service::list_all(&ctx, ListPosition::After(deep))
    })
    .await;
    timed("contact requests list, first page + counts", || {
        app::contact::service::all_requests(&ctx, ListPosition::First)
    })
    .await;
    // The plan (issue 18): drafted for finalised assessments that have none yet (the oldest;
    // demo plans go to the newest), and the plan page's data as a member of the company sees
    // it (with the consultants among its matches, as the guidance form offers them).
    use app::db::entities::assessment;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let finals = assessment::Entity::find()
        .filter(assessment::Column::Status.eq("final"))
        .filter(assessment::Column::OrganisationId.is_not_null())
        .order_by_asc(assessment::Column::Id)
        .limit(7)
        .all(&db)
        .await
        .expect("finalised assessments");
    let mut fresh = finals.iter();
    timed("plan drafted for a finalised assessment", || {
        let a = fresh.next().expect("seven assessments").clone();
        let ctx = ctx.clone();
        async move {
            app::plan::service::ensure(&ctx, &a, None)
                .await
                .expect("plan")
        }
    })
    .await;
    let a = finals[0].clone();
    let member = app::accounts::model::CurrentUser {
        id: 0,
        email: "bench@hub.bench".into(),
        name: "Bench".into(),
        role: app::accounts::model::Role::CompanyMember,
        organisation_id: a.organisation_id,
        organisation_name: None,
    };
    timed("plan page data, as the company", || {
        let (ctx, a, member) = (ctx.clone(), a.clone(), member.clone());
        async move {
            app::plan::service::view(&ctx, &a, "o1", Some(&member))
                .await
                .expect("plan view")
        }
    })
    .await;
    // The results page (issue 21): everything it shows, the peer benchmark from the roll-up.
    let newest = assessment::Entity::find()
        .filter(assessment::Column::Status.eq("final"))
        .order_by_desc(assessment::Column::Id)
        .one(&db)
        .await
        .expect("query")
        .expect("a finalised assessment");
    timed("results page data (scores, steps, peer benchmark)", || {
        app::assessment::service::results(&ctx, &newest, "bench")
    })
    .await;
    // The public directory: every published profile, and a search (full text).
    let plain = app::providers::view::DirectoryQuery::default();
    timed("directory, first page", || {
        app::providers::service::directory(&ctx, &plain)
    })
    .await;
    let machines = app::providers::view::DirectoryQuery {
        q: "machines".into(),
        ..Default::default()
    };
    timed("directory, search \"machines\"", || {
        app::providers::service::directory(&ctx, &machines)
    })
    .await;
    // The exports as the server streams them: the first batch (what decides the first byte)
    // and the whole walk, batch after batch, nothing kept.
    for (name, export) in [
        (
            "assessments export",
            app::analytics::export::Export::assessments(&db, &all)
                .await
                .expect("export"),
        ),
        (
            "answers export",
            app::analytics::export::Export::answers(&db, &all)
                .await
                .expect("export"),
        ),
    ] {
        let size = export.batch_size();
        // The Excel download counts its rows before its first byte (a sheet's limit).
        if name == "assessments export" {
            timed("assessments export, rows counted (Excel)", || {
                export.assessment_count(&db)
            })
            .await;
        }
        timed(&format!("{name}, first batch"), || {
            export.batch(&db, 0, size)
        })
        .await;
        let t = Instant::now();
        let (mut rows, mut after) = (0usize, 0);
        while let Some(batch) = export.batch(&db, after, size).await.expect("batch") {
            rows += batch.rows.len();
            after = batch.last;
        }
        println!(
            "  {:<52} once     {:>9.1?}   ({} rows)",
            format!("{name}, every batch"),
            t.elapsed(),
            rows
        );
    }
    drop(db);
    drop(ctx);
    if let Some((admin, name)) = cleanup {
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    for size in sizes {
        rt.block_on(run(size));
    }
}
