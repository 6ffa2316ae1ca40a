//! The staff workspace through HTTP and a real database (who may call what is checked in
//! `authorization.rs`): the dashboard's figures against a fixture computed by hand and kept
//! by finalising, the exports parsed back, questionnaire versions, companies with their
//! timeline, accounts and the audit log, and the demo data.

mod common;

use app::db::entities::{
    assessment, assessment_answer, assessment_priority, assessment_score, audit_log,
    contact_request, event, event_registration, organisation, provider_profile,
    questionnaire_version, user_account,
};
use axum::http::StatusCode;
use common::{TestApp, PASSWORD};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

struct Fixture {
    org_x: i64,
    a: i64,
}

async fn org(app: &TestApp, name: &str) -> i64 {
    organisation::ActiveModel {
        kind: Set("company".into()),
        name: Set(name.into()),
        created_at: Set(1_767_225_600),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("organisation")
    .id
}

#[allow(clippy::too_many_arguments)]
async fn finalised(
    app: &TestApp,
    org: Option<i64>,
    variant: &str,
    province: &str,
    size: &str,
    finalised_at: Option<i64>,
    scores: &[(&str, i16, i16)],
    priorities: &[(&str, &str)],
) -> i64 {
    let version = questionnaire_version::Entity::find()
        .filter(questionnaire_version::Column::Variant.eq(variant))
        .one(&app.db)
        .await
        .expect("query")
        .expect("questionnaire loaded");
    let a = assessment::ActiveModel {
        resume_token_hash: Set(format!("hash-{variant}-{province}-{size}-{finalised_at:?}")),
        organisation_id: Set(org),
        created_by: Set(None),
        questionnaire_version_id: Set(version.id),
        variant: Set(variant.into()),
        company_name: Set("Fixture BV".into()),
        sector: Set("metal".into()),
        size_class: Set(size.into()),
        province: Set(province.into()),
        respondent_role: Set("Directeur".into()),
        status: Set(if finalised_at.is_some() {
            "final"
        } else {
            "draft"
        }
        .into()),
        created_at: Set(finalised_at.unwrap_or(1_767_225_600) - 86_400),
        // A day from start to finish: a person's pace, so it counts (the plausibility gate).
        counted: Set(finalised_at.is_some()),
        updated_at: Set(finalised_at.unwrap_or(1_767_225_600)),
        finalised_at: Set(finalised_at),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("assessment");
    for (t, c, amb) in scores {
        assessment_score::ActiveModel {
            assessment_id: Set(a.id),
            transition_key: Set(t.to_string()),
            current_score: Set(*c),
            ambition_score: Set(*amb),
        }
        .insert(&app.db)
        .await
        .expect("score");
    }
    for (t, p) in priorities {
        assessment_priority::ActiveModel {
            assessment_id: Set(a.id),
            transition_key: Set(t.to_string()),
            priority: Set(p.to_string()),
        }
        .insert(&app.db)
        .await
        .expect("priority");
    }
    a.id
}

/// Three finalised assessments and a draft, with scores chosen so every figure is easy to
/// compute by hand (see the comments in the test).
async fn fixture(app: &TestApp) -> Fixture {
    let x = org(app, "Metaal X").await;
    let y = org(app, "Zuivel Y").await;
    let jan_15 = 1_768_435_200; // 2026-01-15
    let jan_20 = 1_768_867_200; // 2026-01-20
    let mar_02 = 1_772_409_600; // 2026-03-02
    let a = finalised(
        app,
        Some(x),
        "manufacturing",
        "drenthe",
        "20-49",
        Some(jan_15),
        &[("strategy", 40, 80), ("data", 20, 60)],
        &[("strategy", "high"), ("data", "medium")],
    )
    .await;
    finalised(
        app,
        Some(x),
        "manufacturing",
        "groningen",
        "50-99",
        Some(jan_20),
        &[("strategy", 60, 70), ("data", 40, 40)],
        &[("data", "high")],
    )
    .await;
    finalised(
        app,
        Some(y),
        "process",
        "drenthe",
        "50-99",
        Some(mar_02),
        &[("strategy", 80, 100)],
        &[("strategy", "high")],
    )
    .await;
    finalised(app, Some(y), "process", "drenthe", "50-99", None, &[], &[]).await;
    for (item, cur, amb) in [("strategy.vision", 2, 4), ("data.sources", 1, 3)] {
        assessment_answer::ActiveModel {
            assessment_id: Set(a),
            item_key: Set(item.into()),
            current_level: Set(Some(cur)),
            ambition_level: Set(Some(amb)),
            not_applicable: Set(false),
            comment: Set(String::new()),
            answered_by: Set(None),
            updated_at: Set(jan_15),
            answer_value: Set(None),
        }
        .insert(&app.db)
        .await
        .expect("answer");
    }
    // Company Y attended an event; company X asked a provider and started a project.
    let ev = event::ActiveModel {
        slug: Set("masterclass-data".into()),
        kind: Set("masterclass".into()),
        title_nl: Set("Masterclass Data".into()),
        title_en: Set("Data masterclass".into()),
        description_nl: Set(String::new()),
        description_en: Set(String::new()),
        themes: Set("|data|".into()),
        speakers: Set(String::new()),
        format: Set("physical".into()),
        location: Set("Assen".into()),
        online_link: Set(String::new()),
        capacity: Set(20),
        seats_taken: Set(1),
        per_organisation_limit: Set(None),
        registration_deadline: Set(mar_02),
        language: Set("nl".into()),
        eligibility: Set("open".into()),
        status: Set("published".into()),
        starts_at: Set(mar_02 + 86_400),
        created_at: Set(jan_15),
        updated_at: Set(jan_15),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("event");
    event_registration::ActiveModel {
        event_id: Set(ev.id),
        user_id: Set(None),
        organisation_id: Set(Some(y)),
        name: Set("Yvonne".into()),
        email: Set("yvonne@zuivel.test".into()),
        organisation_name: Set("Zuivel Y".into()),
        status: Set("confirmed".into()),
        created_at: Set(mar_02),
        confirmed_at: Set(Some(mar_02)),
        cancelled_at: Set(None),
        checked_in_at: Set(Some(mar_02 + 86_400)),
        reminder_sent_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("registration");
    let sender = user_account::ActiveModel {
        email: Set("xander@metaal.test".into()),
        password_hash: Set("x".into()),
        display_name: Set("Xander".into()),
        role: Set("company_member".into()),
        organisation_id: Set(Some(x)),
        locale: Set("nl".into()),
        email_verified_at: Set(Some(jan_15)),
        active: Set(true),
        created_at: Set(jan_15),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("user");
    let profile = provider_profile::ActiveModel {
        kind: Set("provider".into()),
        organisation_id: Set(None),
        user_id: Set(None),
        slug: Set("datafabriek".into()),
        draft: Set("{}".into()),
        review_state: Set("editing".into()),
        review_note: Set(None),
        published: Set(None),
        published_at: Set(None),
        search_text: Set(String::new()),
        name_sort: Set("datafabriek".into()),
        tags: Set(String::new()),
        created_at: Set(jan_15),
        updated_at: Set(jan_15),
        submitted_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("profile");
    contact_request::ActiveModel {
        assessment_id: Set(a),
        company_organisation_id: Set(x),
        profile_id: Set(profile.id),
        sender_user_id: Set(sender.id),
        message: Set("Graag kennismaken".into()),
        share_results: Set(false),
        results_summary: Set(None),
        status: Set("project_started".into()),
        reply: Set(None),
        created_at: Set(jan_20),
        updated_at: Set(jan_20),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("contact request");
    // The rows above were inserted directly, not through `finalise`, which keeps the
    // dashboard's roll-up tables: recompute them as `demo-data` does.
    migrations::rebuild_dashboard_rollup(&app.db)
        .await
        .expect("rebuild roll-up");
    migrations::rebuild_dashboard_funnel(&app.db)
        .await
        .expect("rebuild funnel");
    migrations::rebuild_reassessed_change(&app.db)
        .await
        .expect("rebuild re-assessed");
    Fixture { org_x: x, a }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.01
}

/// Every row of both roll-up tables, as text, in key order.
async fn rollup_rows(app: &TestApp) -> Vec<String> {
    use sea_orm::{ConnectionTrait, Statement};
    let backend = app.db.get_database_backend();
    let mut out = Vec::new();
    for (table, keys, counts) in [
        (
            "dashboard_month",
            "variant, province, sector, size_class, month",
            vec!["assessments"],
        ),
        (
            "dashboard_transition",
            "variant, province, sector, size_class, transition_key",
            app::assessment::rollup::TRANSITION_COUNTERS.to_vec(),
        ),
    ] {
        let sql = format!(
            "SELECT {keys}, {} FROM {table} ORDER BY {keys}",
            counts.join(", ")
        );
        for row in app
            .db
            .query_all_raw(Statement::from_string(backend, sql))
            .await
            .expect("roll-up query")
        {
            let mut line = table.to_string();
            for key in keys.split(", ") {
                line.push_str(&format!(" {}", row.try_get::<String>("", key).expect(key)));
            }
            for c in &counts {
                line.push_str(&format!(" {c}={}", row.try_get::<i64>("", c).expect(c)));
            }
            out.push(line);
        }
    }
    out
}

/// Finalising through the real endpoint keeps the roll-up tables exactly as a rebuild from
/// the assessments would make them, and the dashboard's averages equal the averages of the
/// stored scores.
#[tokio::test]
async fn finalise_keeps_the_dashboard_rollup_equal_to_a_rebuild() {
    use app::analytics::model::Dashboard;
    use sea_orm::{ConnectionTrait, Statement};
    let app = TestApp::new().await;
    // (size class, (item, current, ambition) answers, priority of "data")
    type Respondent<'a> = (&'a str, &'a [(&'a str, u8, u8)], Option<&'a str>);
    let answers: [Respondent; 4] = [
        (
            "20-49",
            &[("data.sources", 1, 3), ("data.quality", 2, 2)],
            Some("high"),
        ),
        (
            "50-99",
            &[("data.sources", 3, 4), ("strategy.vision", 2, 5)],
            Some("low"),
        ),
        ("50-99", &[("data.sources", 5, 5)], None),
        // Left as a draft: not in the roll-up.
        ("50-99", &[("data.sources", 4, 4)], Some("medium")),
    ];
    for (n, (size, items, priority)) in answers.iter().enumerate() {
        // Each a company's own assessment, so it counts in the figures (plausibility gate).
        let company = app.user("company", &format!("r{n}@fixture.test")).await;
        let reference = app.start_assessment(Some(&company), size).await;
        for (item, current, ambition) in items.iter() {
            let reply = app
                .answer(None, &reference, item, *current, *ambition)
                .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        }
        if let Some(p) = priority {
            let reply = app
                .call_json(
                    "assessment/save_priority",
                    serde_json::json!({"reference": reference, "transition": "data", "priority": p}),
                    None,
                )
                .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        }
        if n < 3 {
            let reply = app
                .call("assessment/finalise", &[("reference", &reference)], None)
                .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        }
    }

    let kept = rollup_rows(&app).await;
    assert!(
        kept.iter().any(
            |l| l.starts_with("dashboard_month process friesland food 50-99 ")
                && l.ends_with("assessments=2")
        ),
        "{kept:#?}"
    );
    assert!(
        kept.iter()
            .any(|l| l.contains(" 20-49 data ") && l.contains("priority_high=1")),
        "{kept:#?}"
    );
    migrations::rebuild_dashboard_rollup(&app.db)
        .await
        .expect("rebuild roll-up");
    assert_eq!(rollup_rows(&app).await, kept, "kept by finalise = rebuilt");

    let admin = app.admin("beheer@hub.test").await;
    let reply = app
        .call(
            "staff/dashboard",
            &[("filter[segment]", "Province")],
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let dashboard: Dashboard = serde_json::from_str(&reply.body).expect("dashboard JSON");
    assert_eq!((dashboard.finalised, dashboard.drafts), (3, 1));
    let backend = app.db.get_database_backend();
    let averages = app
        .db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT s.transition_key AS tk, \
               CAST(AVG(s.current_score) AS DOUBLE PRECISION) AS cur, \
               CAST(AVG(s.ambition_score) AS DOUBLE PRECISION) AS amb, COUNT(*) AS n \
             FROM assessment_score s JOIN assessment a ON a.id = s.assessment_id \
             WHERE a.status = 'final' GROUP BY s.transition_key",
        ))
        .await
        .expect("averages");
    assert!(!averages.is_empty());
    for row in averages {
        let key: String = row.try_get("", "tk").expect("tk");
        let t = dashboard
            .transitions
            .iter()
            .find(|t| t.key == key)
            .expect("transition on the dashboard");
        let cur: f64 = row.try_get("", "cur").expect("cur");
        let amb: f64 = row.try_get("", "amb").expect("amb");
        assert!(close(t.current, cur) && close(t.ambition, amb), "{key}");
        assert_eq!(t.assessments, row.try_get::<i64>("", "n").expect("n"));
    }
}

#[tokio::test]
async fn dashboard_figures_match_a_fixture_computed_by_hand() {
    use app::analytics::model::{Dashboard, DashboardFilter, Segment};
    let app = TestApp::new().await;
    fixture(&app).await;
    let admin = app.admin("beheer@hub.test").await;
    let dashboard = |filter: DashboardFilter| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let segment = format!("{:?}", filter.segment);
            let mut form: Vec<(&str, &str)> = vec![("filter[segment]", &segment)];
            for (name, value) in [
                ("filter[variant]", &filter.variant),
                ("filter[province]", &filter.province),
                ("filter[sector]", &filter.sector),
                ("filter[size_class]", &filter.size_class),
            ] {
                if let Some(v) = value {
                    form.push((name, v));
                }
            }
            let reply = app.call("staff/dashboard", &form, Some(&admin)).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            serde_json::from_str::<Dashboard>(&reply.body).expect("dashboard JSON")
        }
    };
    let all = dashboard(DashboardFilter {
        segment: Segment::Province,
        ..Default::default()
    })
    .await;
    assert_eq!(all.finalised, 3);
    assert_eq!(all.drafts, 1);
    let months: Vec<(&str, i64)> = all
        .per_month
        .iter()
        .map(|m| (m.month.as_str(), m.count))
        .collect();
    assert_eq!(months, vec![("2026-01", 2), ("2026-03", 1)]);
    assert!(all.per_variant.contains(&("manufacturing".into(), 2)));
    assert!(all.per_variant.contains(&("process".into(), 1)));
    assert!(all.per_variant.contains(&("suppliers".into(), 0)));
    let strategy = all
        .transitions
        .iter()
        .find(|t| t.key == "strategy")
        .expect("strategy");
    // (40 + 60 + 80) / 3 = 60; (80 + 70 + 100) / 3 = 83.33.
    assert!(close(strategy.current, 60.0), "{}", strategy.current);
    assert!(close(strategy.ambition, 83.333), "{}", strategy.ambition);
    assert_eq!(strategy.assessments, 3);
    // 40 → 40-59, 60 → 60-79, 80 → 80-100.
    assert_eq!(strategy.bands, [0, 0, 1, 1, 1]);
    assert_eq!((strategy.high, strategy.medium, strategy.low), (2, 0, 0));
    let data = all
        .transitions
        .iter()
        .find(|t| t.key == "data")
        .expect("data");
    assert!(close(data.current, 30.0) && close(data.ambition, 50.0));
    assert_eq!(data.bands, [0, 1, 1, 0, 0]);
    assert_eq!((data.high, data.medium), (1, 1));
    // Heat map by province: strategy in Drenthe ((80-40) + (100-80)) / 2 = 30, Groningen 10.
    let col = |p: &str| {
        all.segments
            .iter()
            .position(|s| s == p)
            .expect("province column")
    };
    let heat = all.heat.iter().find(|h| h.key == "strategy").expect("row");
    assert_eq!(heat.gaps[col("drenthe")], Some(30.0));
    assert_eq!(heat.gaps[col("groningen")], Some(10.0));
    assert_eq!(heat.gaps[col("friesland")], None);
    // Two companies assessed; Y attended, X asked and started a project.
    assert_eq!(
        (
            all.funnel.assessed,
            all.funnel.attended,
            all.funnel.contacted,
            all.funnel.project
        ),
        (2, 1, 1, 1)
    );

    let drenthe = dashboard(DashboardFilter {
        province: Some("drenthe".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(drenthe.finalised, 2);
    let s = drenthe
        .transitions
        .iter()
        .find(|t| t.key == "strategy")
        .expect("strategy");
    assert!(close(s.current, 60.0) && close(s.ambition, 90.0));
    // A province no one is in; and a filter value that is not a province is ignored.
    let none = dashboard(DashboardFilter {
        province: Some("friesland".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(none.finalised, 0);
    let bogus = dashboard(DashboardFilter {
        province: Some("x' OR 1=1 --".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(bogus.finalised, 3);
    assert_eq!(bogus.filter.province, None);

    // The page itself renders with the filter from the URL.
    let page = app
        .get(
            "/staff/dashboard?province=drenthe&segment=sector",
            Some(&admin),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("class=\"dash-chart\""),
        "charts are drawn on the server"
    );
    assert!(
        page.body
            .contains("dashboard-finalised\" class=\"figure-number\">2<"),
        "filtered count shown"
    );
}

#[tokio::test]
async fn programme_figures_count_realised_values_in_their_period() {
    use app::analytics::model::{Indicator, Metric};
    let app = TestApp::new().await;
    fixture(&app).await;
    let admin = app.admin("beheer@hub.test").await;
    for (metric, start, end, target, reach) in [
        ("assessments", "2026-01-01", "2026-01-31", "275", ""),
        ("masterclasses", "2026-01-01", "2026-12-31", "15", "150"),
        ("contact_requests", "2026-01-01", "2026-12-31", "50", "10"),
        // None in the fixture: the queries still run on both databases and count nothing.
        ("workshops", "2026-01-01", "2026-12-31", "15", "125"),
        ("providers", "2026-01-01", "2026-12-31", "25", ""),
    ] {
        let reply = app
            .call(
                "staff/indicators/save",
                &[
                    ("metric", metric),
                    ("label_nl", ""),
                    ("label_en", ""),
                    ("target", target),
                    ("reach_target", reach),
                    ("period_start", start),
                    ("period_end", end),
                ],
                Some(&admin),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let bad = app
        .call(
            "staff/indicators/save",
            &[
                ("metric", "assessments"),
                ("label_nl", ""),
                ("label_en", ""),
                ("target", "veel"),
                ("reach_target", ""),
                ("period_start", "2026-01-01"),
                ("period_end", "2026-12-31"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reply = app.call("staff/indicators", &[], Some(&admin)).await;
    let list: Vec<Indicator> = serde_json::from_str(&reply.body).expect("indicators");
    assert_eq!(list.len(), 5, "the refused form added nothing");
    let get = |m: Metric| list.iter().find(|i| i.metric == m).expect("indicator");
    // January: A and B, both of company X.
    let a = get(Metric::Assessments);
    assert_eq!((a.realised, a.reach_realised), (2, Some(1)));
    assert_eq!(a.label, "Assessments");
    let m = get(Metric::Masterclasses);
    assert_eq!((m.realised, m.reach_realised), (1, Some(1)));
    let c = get(Metric::ContactRequests);
    assert_eq!((c.realised, c.reach_realised), (1, Some(1)));
    let w = get(Metric::Workshops);
    assert_eq!((w.realised, w.reach_realised), (0, Some(0)));
    // The fixture's provider profile was never published.
    let p = get(Metric::Providers);
    assert_eq!((p.realised, p.reach_realised), (0, None));
    let page = app.get("/staff/figures", Some(&admin)).await;
    assert!(page.body.contains("data-testid=\"figures-table\""));
    // Changes are in the audit log with the indicator as it was saved.
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("indicator.create"))
        .all(&app.db)
        .await
        .expect("audit");
    assert_eq!(entries.len(), 5);
    assert!(entries[0]
        .after
        .as_deref()
        .unwrap_or_default()
        .contains("\"target\":275"));
}

fn csv_rows(body: &str) -> Vec<Vec<String>> {
    body.trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// The finalised assessments, by id (the order the exports walk them in).
async fn finalised_in_order(app: &TestApp) -> Vec<assessment::Model> {
    assessment::Entity::find()
        .filter(assessment::Column::Status.eq("final"))
        .order_by_asc(assessment::Column::Id)
        .all(&app.db)
        .await
        .expect("assessments")
}

/// Renames an assessment's company, as if someone changed it during a download.
async fn rename_assessment(app: &TestApp, id: i64, name: &str) {
    use sea_orm::sea_query::Expr;
    assessment::Entity::update_many()
        .col_expr(assessment::Column::CompanyName, Expr::value(name))
        .filter(assessment::Column::Id.eq(id))
        .exec(&app.db)
        .await
        .expect("rename");
}

/// The next chunk of a streamed body.
async fn next_bytes(body: &mut axum::body::Body) -> Option<Vec<u8>> {
    use http_body_util::BodyExt;
    let frame = body.frame().await?.expect("a chunk, not an error");
    Some(frame.into_data().expect("data").to_vec())
}

/// The next chunk of a streamed body, as text.
async fn next_chunk(body: &mut axum::body::Body) -> Option<String> {
    use http_body_util::BodyExt;
    let frame = body.frame().await?.expect("a chunk, not an error");
    let data = frame.into_data().expect("data");
    Some(String::from_utf8(data.to_vec()).expect("UTF-8"))
}

/// The Excel workbook is streamed like the CSV file: the archive's start (with the header row)
/// leaves before any assessment is read, each batch (here one assessment) leaves before the
/// next is read, so a company renamed after the first chunks arrived shows its new name
/// further on; the parts together are a workbook with every row of the table.
#[tokio::test]
async fn an_excel_export_streams_batch_by_batch_and_reads_as_the_table() {
    use app::analytics::export::{xlsx_body, Export};
    use app::analytics::model::DashboardFilter;
    use calamine::{Reader, Xlsx};
    let app = TestApp::new().await;
    fixture(&app).await;
    let all = DashboardFilter::default();
    let finalised = finalised_in_order(&app).await;
    assert_eq!(finalised.len(), 3);
    let export = Export::assessments(&app.db, &all).await.expect("export");
    let mut body = xlsx_body(app.db.clone(), export, "assessments", 1);
    let head = next_bytes(&mut body).await.expect("the archive's start");
    assert_eq!(&head[..4], b"PK\x03\x04", "a zip archive's first part");
    let first = next_bytes(&mut body).await.expect("the first batch");
    assert!(!first.is_empty());
    // The last company is renamed while its row has not been read yet.
    rename_assessment(&app, finalised[2].id, "Later Hernoemd BV").await;
    let mut bytes = [head, first].concat();
    let mut parts = 2;
    while let Some(part) = next_bytes(&mut body).await {
        bytes.extend(part);
        parts += 1;
    }
    assert_eq!(parts, 5, "the start, one part per batch, the end");
    let table = Export::assessments(&app.db, &all)
        .await
        .expect("export")
        .table(&app.db)
        .await
        .expect("table");
    assert!(table.rows[2].contains(&app::web::table::Cell::Text("Later Hernoemd BV".into())));
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
    let sheet = book.worksheet_range("assessments").expect("sheet");
    let read: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let expected: Vec<Vec<String>> = std::iter::once(table.headers.clone())
        .chain(table.rows.iter().map(|r| {
            let mut row: Vec<String> = r
                .iter()
                .map(|c| match c {
                    app::web::table::Cell::Text(t) => t.clone(),
                    app::web::table::Cell::Number(n) => n.to_string(),
                    app::web::table::Cell::Empty => String::new(),
                })
                .collect();
            // calamine reads a row only as far as the sheet's widest row.
            row.resize(table.headers.len(), String::new());
            row
        }))
        .collect();
    assert_eq!(read, expected, "every row, in order, as the table has it");
    // Over HTTP, compressed or not, the workbook goes as it is (already compressed).
    let admin = app.admin("beheer@stroom.test").await;
    for encoding in ["gzip, deflate, br, zstd", "identity"] {
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let req = axum::http::Request::get("/staff/exports/assessments.xlsx")
            .header("cookie", &admin)
            .header("accept-encoding", encoding)
            .body(axum::body::Body::empty())
            .expect("request");
        let res = app.router.clone().oneshot(req).await.expect("answer");
        assert_eq!(res.status(), StatusCode::OK);
        assert!(
            res.headers().get("content-encoding").is_none(),
            "{encoding}"
        );
        let body = res.into_body().collect().await.expect("body").to_bytes();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(body.to_vec())).expect("a workbook");
        let sheet = book.worksheet_range("assessments").expect("sheet");
        assert_eq!(
            sheet.rows().count(),
            4,
            "{encoding}: the header and three rows"
        );
    }
    // A streamed download has no length for the browser to show: the exports page says how
    // many rows are coming.
    let page = app.get("/staff/exports", Some(&admin)).await;
    assert!(
        page.body.contains("Er zijn nu 3 afgeronde assessments"),
        "{}",
        page.body
    );
}

/// The contact requests are streamed a batch of requests at a time, each batch reading only
/// its own companies' names (at a national scale the file would otherwise hold every
/// company's name): here one request per batch, and a company renamed after the first batch
/// left shows its new name in the next.
#[tokio::test]
async fn the_contact_requests_export_streams_request_by_request() {
    use app::analytics::export::{csv_body, Export};
    let app = TestApp::new().await;
    fixture(&app).await;
    let first = contact_request::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("the fixture's request");
    let other_id = org(&app, "Gieterij Y").await;
    let mut second: contact_request::ActiveModel = first.clone().into();
    second.id = sea_orm::ActiveValue::NotSet;
    second.company_organisation_id = Set(other_id);
    second.status = Set("new".into());
    second.insert(&app.db).await.expect("second request");

    let mut body = csv_body(app.db.clone(), Export::contact_requests(), 1);
    let head = next_chunk(&mut body).await.expect("the header first");
    assert!(
        head.starts_with("\u{feff}request_id,sent,company,"),
        "{head}"
    );
    let batch_one = next_chunk(&mut body).await.expect("the first request");
    assert!(batch_one.contains("Metaal X"), "{batch_one}");
    assert_eq!(batch_one.lines().count(), 1);
    // Renamed after the first batch left and before the second is read.
    organisation::ActiveModel {
        id: Set(other_id),
        name: Set("Gieterij Y Hernoemd".into()),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .expect("rename");
    let batch_two = next_chunk(&mut body).await.expect("the second request");
    assert!(batch_two.contains("Gieterij Y Hernoemd"), "{batch_two}");
    assert!(batch_two.contains(",new,"), "{batch_two}");
    assert!(
        next_chunk(&mut body).await.is_none(),
        "two requests, two batches"
    );
    // Over HTTP: the same rows, in the order they were sent.
    let admin = app.admin("beheer@stroom.test").await;
    let reply = app
        .get("/staff/exports/contact-requests.csv", Some(&admin))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, format!("{head}{batch_one}{batch_two}"));
    let ids: Vec<i64> = contact_request::Entity::find()
        .order_by_asc(contact_request::Column::Id)
        .all(&app.db)
        .await
        .expect("requests")
        .iter()
        .map(|r| r.id)
        .collect();
    assert!(batch_one.starts_with(&format!("{},", ids[0])));
    assert!(batch_two.starts_with(&format!("{},", ids[1])));
}

/// The sign-ups are streamed a few events at a time (here one), grouped by event in the order
/// the events were made, as the file was when it was built whole.
#[tokio::test]
async fn the_sign_ups_export_streams_event_by_event() {
    use app::analytics::export::{csv_body, Export};
    let app = TestApp::new().await;
    fixture(&app).await;
    let first = event::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("the fixture's event");
    let mut later: event::ActiveModel = first.clone().into();
    later.id = sea_orm::ActiveValue::NotSet;
    later.slug = Set("workshop-later".into());
    later.title_nl = Set("Workshop Later".into());
    let later = later.insert(&app.db).await.expect("second event");
    let signup = event_registration::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("the fixture's sign-up");
    for (event_id, name) in [
        (later.id, "Later Deelnemer"),
        (first.id, "Tweede Deelnemer"),
    ] {
        let mut more: event_registration::ActiveModel = signup.clone().into();
        more.id = sea_orm::ActiveValue::NotSet;
        more.event_id = Set(event_id);
        more.name = Set(name.into());
        more.email = Set(format!("{}@deelnemer.test", name.replace(' ', ".")));
        more.insert(&app.db).await.expect("sign-up");
    }

    let mut body = csv_body(app.db.clone(), Export::registrations(), 1);
    let head = next_chunk(&mut body).await.expect("the header first");
    assert!(head.starts_with("\u{feff}event_id,event,kind,"), "{head}");
    let one = next_chunk(&mut body)
        .await
        .expect("the first event's sign-ups");
    assert_eq!(one.lines().count(), 2, "{one}");
    assert!(
        one.lines()
            .all(|l| l.starts_with(&format!("{},", first.id))),
        "{one}"
    );
    assert!(
        one.lines()
            .nth(1)
            .is_some_and(|l| l.contains("Tweede Deelnemer")),
        "in sign-up order: {one}"
    );
    let two = next_chunk(&mut body)
        .await
        .expect("the second event's sign-ups");
    assert!(
        two.starts_with(&format!("{},Workshop Later,", later.id)),
        "{two}"
    );
    assert!(two.contains("Later Deelnemer"));
    assert!(
        next_chunk(&mut body).await.is_none(),
        "two events, two batches"
    );
    let admin = app.admin("beheer@stroom.test").await;
    let reply = app
        .get("/staff/exports/registrations.csv", Some(&admin))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, format!("{head}{one}{two}"));
}

#[tokio::test]
async fn a_csv_export_streams_batch_by_batch_and_reads_on_after_sending() {
    use app::analytics::export::{csv_body, Export};
    use app::analytics::model::DashboardFilter;
    let app = TestApp::new().await;
    fixture(&app).await;
    let all = DashboardFilter::default();
    let finalised = finalised_in_order(&app).await;
    assert_eq!(finalised.len(), 3);
    let export = Export::assessments(&app.db, &all).await.expect("export");
    let mut body = csv_body(app.db.clone(), export, 1);
    let head = next_chunk(&mut body).await.expect("the header first");
    assert!(head.starts_with("\u{feff}assessment_id,variant,"), "{head}");
    assert_eq!(head.lines().count(), 1, "the header alone: {head}");
    let first = next_chunk(&mut body).await.expect("the first batch");
    assert!(
        first.starts_with(&format!("{},", finalised[0].id)),
        "{first}"
    );
    assert_eq!(first.lines().count(), 1);

    // The last company is renamed while its row has not been read yet.
    rename_assessment(&app, finalised[2].id, "Later Hernoemd BV").await;
    let mut rest = Vec::new();
    while let Some(part) = next_chunk(&mut body).await {
        rest.push(part);
    }
    assert_eq!(rest.len(), 2, "one chunk per batch: {rest:?}");
    assert!(rest[1].contains("Later Hernoemd BV"), "{}", rest[1]);
    let whole = Export::assessments(&app.db, &all)
        .await
        .expect("export")
        .table(&app.db)
        .await
        .expect("table")
        .to_csv();
    assert_eq!(format!("{head}{first}{}", rest.concat()), whole);
    // Over HTTP the same file, as one download.
    let admin = app.admin("beheer@stroom.test").await;
    let reply = app
        .get("/staff/exports/assessments.csv", Some(&admin))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, whole);
    // Compressed, as browsers ask for it: the compression layer reads the stream to its end
    // (and once more, which the stream must bear) and the download completes.
    for accept in ["gzip, deflate, br, zstd", "gzip"] {
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let req = axum::http::Request::get("/staff/exports/assessments.csv")
            .header("cookie", &admin)
            .header("accept-encoding", accept)
            .body(axum::body::Body::empty())
            .expect("request");
        let res = app.router.clone().oneshot(req).await.expect("answer");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-encoding"], "gzip");
        let bytes = res
            .into_body()
            .collect()
            .await
            .expect("a whole download")
            .to_bytes();
        assert!(!bytes.is_empty());
    }
}

#[tokio::test]
async fn exports_parse_back_to_the_data() {
    use calamine::{Data, Reader, Xlsx};
    let app = TestApp::new().await;
    let f = fixture(&app).await;
    let admin = app.admin("beheer@hub.test").await;

    let csv = app
        .get(
            "/staff/exports/assessments.csv?province=drenthe",
            Some(&admin),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-disposition"]
        .to_str()
        .unwrap_or_default()
        .contains("assessments.csv"));
    let rows = csv_rows(&csv.body);
    let header = &rows[0];
    assert_eq!(
        rows.len(),
        3,
        "two finalised assessments in Drenthe: {rows:?}"
    );
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let a = rows
        .iter()
        .find(|r| r[0] == f.a.to_string())
        .expect("row of A");
    assert_eq!(a[col("variant")], "manufacturing");
    assert_eq!(a[col("province")], "drenthe");
    assert_eq!(a[col("finalised")], "2026-01-15");
    assert_eq!(a[col("strategy_current")], "40");
    assert_eq!(a[col("strategy_ambition")], "80");
    assert_eq!(a[col("data_current")], "20");

    let xlsx = app
        .get("/staff/exports/assessments.xlsx", Some(&admin))
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    // The body went through String::from_utf8_lossy in the helper; fetch the bytes directly.
    let bytes = {
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let req = axum::http::Request::get("/staff/exports/assessments.xlsx")
            .header("cookie", &admin)
            .body(axum::body::Body::empty())
            .expect("request");
        let res = app.router.clone().oneshot(req).await.expect("answer");
        res.into_body().collect().await.expect("body").to_bytes()
    };
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("a workbook");
    let sheet = book.worksheet_range("assessments").expect("sheet");
    let head: Vec<String> = sheet
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        head,
        csv_rows(
            &app.get("/staff/exports/assessments.csv", Some(&admin))
                .await
                .body
        )[0]
    );
    assert_eq!(
        sheet.rows().count(),
        4,
        "header and three finalised assessments"
    );
    let a_row = sheet
        .rows()
        .find(|r| r[0] == Data::Float(f.a as f64))
        .expect("row of A");
    let hx = |name: &str| head.iter().position(|h| h == name).expect("column");
    assert_eq!(
        a_row[hx("strategy_current")],
        Data::Float(40.0),
        "scores are numbers"
    );
    assert_eq!(a_row[hx("company")], Data::String("Fixture BV".into()));

    let answers = csv_rows(
        &app.get("/staff/exports/answers.csv", Some(&admin))
            .await
            .body,
    );
    assert_eq!(
        answers[0][..5],
        [
            "assessment_id",
            "variant",
            "questionnaire_version",
            "transition",
            "item"
        ]
    );
    let vision = answers
        .iter()
        .find(|r| r[4] == "strategy.vision")
        .expect("answer row");
    assert_eq!(
        (vision[3].as_str(), vision[5].as_str(), vision[6].as_str()),
        ("strategy", "2", "4")
    );
    assert_eq!(answers.len(), 3);

    let signups = csv_rows(
        &app.get("/staff/exports/registrations.csv", Some(&admin))
            .await
            .body,
    );
    assert_eq!(signups.len(), 2);
    assert_eq!(
        signups[1][signups[0]
            .iter()
            .position(|h| h == "checked_in")
            .expect("col")],
        "yes"
    );
    let requests = csv_rows(
        &app.get("/staff/exports/contact-requests.csv", Some(&admin))
            .await
            .body,
    );
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1][2], "Metaal X");
    assert_eq!(requests[1][5], "project_started");
    let profiles = csv_rows(
        &app.get("/staff/exports/profiles.csv", Some(&admin))
            .await
            .body,
    );
    assert_eq!(profiles.len(), 2);
    assert_eq!(
        app.get("/staff/exports/secrets.csv", Some(&admin))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let _ = f.org_x;
}

#[tokio::test]
async fn a_published_questionnaire_version_leaves_older_assessments_alone() {
    use app::assessment::model::Questionnaire;
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let before = app.start_assessment(None, "20-49").await;
    let reply = app
        .call(
            "staff/questionnaires/newest",
            &[("variant", "Process")],
            Some(&admin),
        )
        .await;
    let (version_id, q): (i64, Questionnaire) =
        serde_json::from_str(&reply.body).expect("editor data");
    // The file's version (it rises when the file changes), which staff publish on top of.
    let first = q.version as i32;
    let item = q.transitions[0].items[0].clone();
    let field = app::staff::editor::item_field(&item.key, "question", "nl");
    let based_on = version_id.to_string();
    let new_text = "Hoe duidelijk is uw digitale koers voor de komende vijf jaar?";

    // An empty text is refused with its field named, and nothing is published.
    let empty = app
        .multipart(
            "/staff/questionnaires/publish",
            Some(&admin),
            &[
                ("variant", "process"),
                ("based_on", &based_on),
                (&field, "  "),
            ],
            None,
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        empty.form_error(),
        app::error::AppError::field(&field, app::i18n::Key::ErrTextEmpty)
    );

    let ok = app
        .multipart(
            "/staff/questionnaires/publish",
            Some(&admin),
            &[
                ("variant", "process"),
                ("based_on", &based_on),
                (&field, new_text),
                ("change_note", "Vraag over visie verduidelijkt"),
            ],
            None,
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert!(ok.body.contains(&format!("published={}", first + 1)));
    // Publishing again from the same (now old) version is refused: nothing is overwritten.
    let stale = app
        .multipart(
            "/staff/questionnaires/publish",
            Some(&admin),
            &[
                ("variant", "process"),
                ("based_on", &based_on),
                (&field, "Nog iets anders"),
            ],
            None,
        )
        .await;
    assert_eq!(
        stale.form_error(),
        app::error::AppError::invalid(app::i18n::Key::ErrVersionChanged)
    );

    let versions = questionnaire_version::Entity::find()
        .filter(questionnaire_version::Column::Variant.eq("process"))
        .order_by_asc(questionnaire_version::Column::Version)
        .all(&app.db)
        .await
        .expect("versions");
    assert_eq!(
        versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        vec![first, first + 1]
    );
    assert!(versions[1].published_by.is_some());
    // The assessment started before keeps version 1's text; a new one gets version 2's.
    let sheet = |reference: String| {
        let app = &app;
        let key = q.transitions[0].key.clone();
        async move {
            app.call(
                "assessment/transition",
                &[("reference", &reference), ("transition", &key)],
                None,
            )
            .await
            .body
        }
    };
    let old_sheet = sheet(before).await;
    assert!(
        old_sheet.contains(&item.question.nl) && !old_sheet.contains(new_text),
        "{old_sheet}"
    );
    let after = app.start_assessment(None, "20-49").await;
    assert!(sheet(after).await.contains(new_text));
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("questionnaire.publish"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("audit entry");
    assert!(entry.before.unwrap_or_default().contains(&item.question.nl));
    assert!(entry.after.unwrap_or_default().contains(new_text));
}

#[tokio::test]
async fn companies_timeline_notes_and_account_changes_are_audited() {
    use app::staff::model::{AuditEntry, CompanyDetail, CompanyRow, TimelineEntry, UserRow};
    use app::ui::ListPage;
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    let company = app.user("company", "anna@metaal.test").await;
    app.start_assessment(Some(&company), "50-99").await;
    let anna_org = app
        .current_user(&company)
        .await
        .and_then(|u| u.organisation_id);

    let reply = app
        .call(
            "staff/companies",
            &[("filter[search]", "metaal")],
            Some(&staff),
        )
        .await;
    let rows = serde_json::from_str::<ListPage<CompanyRow>>(&reply.body)
        .expect("companies")
        .rows;
    let found = rows
        .iter()
        .find(|c| Some(c.id) == anna_org)
        .expect("company found");
    assert_eq!(
        (found.assessments, found.province.as_deref()),
        (1, Some("friesland"))
    );
    let reply = app
        .call(
            "staff/companies",
            &[
                ("filter[search]", "metaal"),
                ("filter[province]", "drenthe"),
            ],
            Some(&staff),
        )
        .await;
    assert!(serde_json::from_str::<ListPage<CompanyRow>>(&reply.body)
        .expect("list")
        .rows
        .is_empty());
    // A search for the LIKE wildcard finds nothing rather than everything.
    let reply = app
        .call("staff/companies", &[("filter[search]", "%")], Some(&staff))
        .await;
    assert!(serde_json::from_str::<ListPage<CompanyRow>>(&reply.body)
        .expect("list")
        .rows
        .is_empty());

    let id = found.id.to_string();
    let empty = app
        .call(
            "staff/company/note",
            &[("organisation_id", &id), ("body", "  ")],
            Some(&staff),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let note = app
        .call(
            "staff/company/note",
            &[
                ("organisation_id", &id),
                ("body", "Gebeld met Anna: wil een masterclass data."),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(note.status, StatusCode::OK, "{}", note.body);
    let reply = app
        .call("staff/company", &[("id", &id)], Some(&staff))
        .await;
    let detail: CompanyDetail = serde_json::from_str(&reply.body).expect("company");
    assert_eq!(detail.members.len(), 1);
    assert!(detail.timeline.iter().any(
        |i| matches!(&i.entry, TimelineEntry::Note { body, .. } if body.starts_with("Gebeld"))
    ));
    assert!(detail.timeline.iter().any(|i| matches!(
        &i.entry,
        TimelineEntry::Assessment {
            finalised: false,
            ..
        }
    )));
    let page = app
        .get(&format!("/staff/companies/{id}"), Some(&staff))
        .await;
    assert!(page.body.contains("Gebeld met Anna"));

    // Staff may look at accounts; only the admin switches one off, which logs it out at once.
    let reply = app
        .call(
            "staff/users",
            &[("search", "anna@"), ("role", "")],
            Some(&staff),
        )
        .await;
    let users: Vec<UserRow> = serde_json::from_str(&reply.body).expect("users");
    assert_eq!(users.len(), 1);
    let anna = users[0].id.to_string();
    let by_staff = app
        .call(
            "staff/users/change",
            &[("user_id", &anna), ("role", "company_member")],
            Some(&staff),
        )
        .await;
    assert_eq!(by_staff.status, StatusCode::FORBIDDEN);
    let wrong_role = app
        .call(
            "staff/users/change",
            &[
                ("user_id", &anna),
                ("role", "provider_member"),
                ("active", "on"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(
        wrong_role.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a company account cannot become a provider"
    );
    let me = app
        .current_user(&admin)
        .await
        .expect("admin")
        .id
        .to_string();
    let own = app
        .call(
            "staff/users/change",
            &[("user_id", &me), ("role", "staff")],
            Some(&admin),
        )
        .await;
    assert_eq!(
        own.error(),
        app::error::AppError::invalid(app::i18n::Key::ErrOwnAccount)
    );
    let off = app
        .call(
            "staff/users/change",
            &[("user_id", &anna), ("role", "company_member")],
            Some(&admin),
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    assert_eq!(
        app.current_user(&company).await,
        None,
        "switched off: the session is gone"
    );
    assert_eq!(
        app.login("anna@metaal.test", PASSWORD)
            .await
            .session_cookie(),
        None
    );

    let reply = app.call("staff/audit", &[("kind", "")], Some(&admin)).await;
    let log: Vec<AuditEntry> = serde_json::from_str(&reply.body).expect("audit");
    let change = log
        .iter()
        .find(|e| e.action == "account.change" && e.subject_id == Some(users[0].id))
        .expect("logged");
    assert!(change
        .before
        .as_deref()
        .unwrap_or_default()
        .contains("\"active\":true"));
    assert!(change
        .after
        .as_deref()
        .unwrap_or_default()
        .contains("\"active\":false"));
    assert!(change.actor.contains("beheer@hub.test"));
    assert!(log.iter().any(|e| e.action == "company.note"));
    assert_eq!(
        app.call("staff/audit", &[("kind", "")], Some(&staff))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn demo_data_fills_an_empty_database_and_refuses_a_real_one() {
    let app = TestApp::new().await;
    let opts = server::cli::demo_options(["--assessments", "40"]).expect("options");
    // A moment that is not midnight: the generated events must not inherit its hour.
    let now = 1_795_651_200 + 37_000;
    let summary = server::demo::fill(&app.db, &opts, now)
        .await
        .expect("filled");
    assert_eq!(summary.assessments, 40);
    let events = event::Entity::find().all(&app.db).await.expect("events");
    assert!(!events.is_empty());
    for ev in &events {
        assert_eq!(
            ev.starts_at.rem_euclid(86_400),
            12 * 3600,
            "{} at noon UTC",
            ev.slug
        );
    }
    assert!(
        summary.answers > 40 * 20,
        "plausible answers for every assessment"
    );
    assert_eq!(summary.profiles, 46);
    // A dozen published best practices, each on transitions the questionnaires know.
    assert_eq!(summary.practices, 12);
    let list = app::practices::service::list(&app.db, &Default::default())
        .await
        .expect("practices");
    assert_eq!(list.cases.len(), 12);
    let known: Vec<String> = app::practices::service::known_transitions()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert!(list
        .cases
        .iter()
        .all(|c| !c.transitions.is_empty() && c.transitions.iter().all(|t| known.contains(t))));
    // Plans in every state, drafted from the generated answers.
    assert!(
        summary.plans > summary.guided_plans
            && summary.guided_plans > summary.agreed_plans
            && summary.agreed_plans > 0,
        "{summary:?}"
    );
    let states: std::collections::HashSet<String> =
        app::db::entities::plan_guidance::Entity::find()
            .all(&app.db)
            .await
            .expect("guidance")
            .into_iter()
            .map(|g| g.state)
            .collect();
    assert_eq!(states.len(), 2, "requested and assigned: {states:?}");
    // Every finalised assessment has scores made by the platform's own scoring.
    let finals = assessment::Entity::find()
        .filter(assessment::Column::Status.eq("final"))
        .all(&app.db)
        .await
        .expect("assessments");
    assert!(!finals.is_empty());
    for a in &finals {
        let scores = assessment_score::Entity::find()
            .filter(assessment_score::Column::AssessmentId.eq(a.id))
            .all(&app.db)
            .await
            .expect("scores");
        assert!(
            scores.len() >= 10,
            "assessment {} has {} scores",
            a.id,
            scores.len()
        );
        assert!(scores
            .iter()
            .all(|s| (0..=100).contains(&s.current_score) && s.ambition_score >= s.current_score));
    }
    // The bulk inserts gave every row its own assessment and company: each assessment's
    // answers were given by the account of the company that holds it, under that name.
    for a in finals.iter().take(10) {
        let org = organisation::Entity::find_by_id(a.organisation_id.expect("a company"))
            .one(&app.db)
            .await
            .expect("query")
            .expect("the company");
        assert_eq!(org.name, a.company_name);
        let answers = assessment_answer::Entity::find()
            .filter(assessment_answer::Column::AssessmentId.eq(a.id))
            .all(&app.db)
            .await
            .expect("answers");
        assert!(!answers.is_empty());
        for answer in answers {
            let by = user_account::Entity::find_by_id(answer.answered_by.expect("an author"))
                .one(&app.db)
                .await
                .expect("query")
                .expect("the account");
            assert_eq!(by.organisation_id, Some(org.id));
            assert_eq!(Some(by.id), a.created_by);
        }
    }
    // Running again adds to the demo data.
    server::demo::fill(&app.db, &opts, now)
        .await
        .expect("second run");

    let real = TestApp::new().await;
    real.user("company", "anna@metaal.test").await;
    let refused = server::demo::fill(&real.db, &opts, 1_795_651_200).await;
    assert!(refused.expect_err("refused").contains("--force"));
    assert_eq!(
        assessment::Entity::find()
            .all(&real.db)
            .await
            .expect("query")
            .len(),
        0
    );
    let forced = server::demo::DemoOptions {
        force: true,
        ..opts
    };
    server::demo::fill(&real.db, &forced, 1_795_651_200)
        .await
        .expect("forced");
    assert!(server::cli::demo_options(["--assessments", "1000001"]).is_err());
    assert!(server::cli::demo_options(["--assesments"]).is_err());
}

/// The dashboard's funnel is kept by adding to shared rows (every company adds to the row
/// without filters): companies finalising at the same moment lose no count and do not
/// deadlock, and one company finalising two assessments at once is counted once as assessed
/// and once as re-assessed (on PostgreSQL these run on several connections at once).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_funnel_counts_every_company_finalising_at_the_same_moment() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let mut drafts = Vec::new();
    for n in 0..6 {
        let company = app
            .user("company", &format!("eigenaar{n}@fabriek{n}.test"))
            .await;
        let rounds = if n == 0 { 3 } else { 1 };
        for _ in 0..rounds {
            let reference = app.start_assessment(Some(&company), "20-49").await;
            let r = app
                .answer(Some(&company), &reference, "data.sources", 1, 3)
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            drafts.push((company.clone(), reference));
        }
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (company, reference) in drafts {
        let app = app.clone();
        tasks.spawn(async move {
            app.call(
                "assessment/finalise",
                &[("reference", &reference)],
                Some(&company),
            )
            .await
        });
    }
    while let Some(reply) = tasks.join_next().await {
        let reply = reply.expect("task");
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let funnel = app::analytics::service::funnel_rollup(&app.db, &Default::default())
        .await
        .expect("funnel");
    assert_eq!((funnel.assessed, funnel.reassessed), (6, 1));
    app.assert_funnel_kept().await;
}

/// The dashboard's months are Dutch months, the same whether the app adds a finalised
/// assessment (`rollup::month`) or the database rebuilds the roll-up (`month_sql`): every hour
/// of three years, both clock changes of each year and every month's end among them.
#[tokio::test]
async fn the_database_reckons_the_same_dutch_month_as_the_app() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::new().await;
    let backend = app.db.get_database_backend();
    let (start, end) = (1_767_222_000_i64, 1_767_222_000_i64 + 3 * 366 * 86_400);
    let sql = format!(
        "WITH RECURSIVE t(x) AS (SELECT CAST({start} AS BIGINT) UNION ALL \
           SELECT x + 1800 FROM t WHERE x < {end}) \
         SELECT x, {} AS m FROM t",
        migrations::month_sql(backend, "x")
    );
    let rows = app
        .db
        .query_all_raw(sea_orm::Statement::from_string(backend, sql))
        .await
        .expect("months");
    assert!(rows.len() > 50_000);
    for row in rows {
        let x: i64 = row.try_get_by_index(0).expect("moment");
        let month: String = row.try_get_by_index(1).expect("month");
        assert_eq!(month, app::assessment::rollup::month(x), "at {x}");
    }
}
