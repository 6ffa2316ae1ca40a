//! Long staff lists paged by position (`db::keyset`) and the directory's full-text search
//! (`db::search`), over HTTP, on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL.

mod common;

use app::assessment::view::AssessmentSummary;
use app::db::entities::{assessment, organisation};
use app::providers::view::DirectoryPage;
use app::staff::model::CompanyRow;
use app::ui::{ListPage, ListPosition};
use axum::http::StatusCode;
use common::TestApp;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbBackend, EntityTrait, Set};

/// The form fields that ask a list for `position`.
fn position_fields(position: ListPosition) -> Vec<(String, String)> {
    match position {
        ListPosition::First => vec![("position".into(), "First".into())],
        ListPosition::After(id) => vec![("position[After]".into(), id.to_string())],
        ListPosition::Before(id) => vec![("position[Before]".into(), id.to_string())],
    }
}

async fn list_page<T: serde::de::DeserializeOwned>(
    app: &TestApp,
    endpoint: &str,
    extra: &[(&str, &str)],
    position: ListPosition,
    cookie: &str,
) -> ListPage<T> {
    let fields = position_fields(position);
    let mut form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    form.extend_from_slice(extra);
    let reply = app.call(endpoint, &form, Some(cookie)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("list page JSON")
}

#[tokio::test]
async fn the_assessments_list_pages_through_every_assessment_once_newest_first() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    for _ in 0..57 {
        app.start_assessment(Some(&staff), "20-49").await;
    }
    // Dates that do not follow the ids, and ties: the order is by date, then id.
    app.db
        .execute_unprepared("UPDATE assessment SET created_at = created_at - (id % 5) * 86400")
        .await
        .expect("spread dates");
    let stored: Vec<(i64, i64)> = {
        let mut rows: Vec<(i64, i64)> = assessment::Entity::find()
            .all(&app.db)
            .await
            .expect("rows")
            .into_iter()
            .map(|a| (a.created_at, a.id))
            .collect();
        rows.sort_unstable_by(|a, b| b.cmp(a));
        rows
    };

    let first: ListPage<AssessmentSummary> =
        list_page(&app, "staff/assessments", &[], ListPosition::First, &staff).await;
    assert_eq!(first.rows.len(), 50);
    assert_eq!(first.previous, None);
    let next = first.next.expect("a second page");
    let second: ListPage<AssessmentSummary> =
        list_page(&app, "staff/assessments", &[], next, &staff).await;
    assert_eq!(second.rows.len(), 7);
    assert_eq!(second.next, None);

    let seen: Vec<String> = first
        .rows
        .iter()
        .chain(&second.rows)
        .map(|a| a.reference.clone())
        .collect();
    let expected: Vec<String> = stored.iter().map(|(_, id)| format!("o{id}")).collect();
    assert_eq!(seen, expected, "every assessment once, newest first");

    // Back from the second page lands on the same first page.
    let back: ListPage<AssessmentSummary> = list_page(
        &app,
        "staff/assessments",
        &[],
        second.previous.expect("a way back"),
        &staff,
    )
    .await;
    assert_eq!(back, first);
    // An unknown or deleted anchor reads as the start, never an error.
    let unknown: ListPage<AssessmentSummary> = list_page(
        &app,
        "staff/assessments",
        &[],
        ListPosition::After(999_999),
        &staff,
    )
    .await;
    assert_eq!(unknown, first);

    // The page itself carries plain links to the next page, without JavaScript.
    let html = app.get("/staff/assessments", Some(&staff)).await;
    assert_eq!(html.status, StatusCode::OK);
    let link = format!("/staff/assessments?after={}", stored[49].1);
    assert!(html.body.contains(&link), "next-page link {link}");
    let html = app.get(&link, Some(&staff)).await;
    assert!(html.body.contains(&format!("o{}", stored[56].1)));
    assert!(!html
        .body
        .contains(&format!("\"/assessment/o{}\"", stored[0].1)));

    // Nobody else sees the list.
    let company = app.user("company", "anna@metaal.test").await;
    let refused = app
        .call(
            "staff/assessments",
            &[("position", "First")],
            Some(&company),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_companies_list_pages_by_name_with_its_filters_kept() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    // 60 companies with names in mixed case; every third has an assessment in Drenthe.
    for n in 0..60 {
        let name = if n % 2 == 0 {
            format!("staal {n:02}")
        } else {
            format!("Staal {n:02}")
        };
        organisation::ActiveModel {
            kind: Set("company".into()),
            name: Set(name),
            created_at: Set(1_700_000_000),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("company");
    }
    let company = app.user("company", "anna@drenthe.test").await;
    app.start_assessment(Some(&company), "50-99").await;
    app.db
        .execute_unprepared("UPDATE assessment SET province = 'drenthe'")
        .await
        .expect("province");

    let first: ListPage<CompanyRow> = list_page(
        &app,
        "staff/companies",
        &[("filter[search]", "staal")],
        ListPosition::First,
        &staff,
    )
    .await;
    assert_eq!(first.rows.len(), 50);
    let second: ListPage<CompanyRow> = list_page(
        &app,
        "staff/companies",
        &[("filter[search]", "staal")],
        first.next.expect("more"),
        &staff,
    )
    .await;
    let names: Vec<String> = first
        .rows
        .iter()
        .chain(&second.rows)
        .map(|c| c.name.to_lowercase())
        .collect();
    let expected: Vec<String> = (0..60).map(|n| format!("staal {n:02}")).collect();
    assert_eq!(names, expected, "every company once, in name order");
    assert_eq!(second.next, None);

    // The filter on the newest assessment: only the company that has one in Drenthe.
    let drenthe: ListPage<CompanyRow> = list_page(
        &app,
        "staff/companies",
        &[("filter[search]", ""), ("filter[province]", "drenthe")],
        ListPosition::First,
        &staff,
    )
    .await;
    assert_eq!(drenthe.rows.len(), 1);
    assert_eq!(
        (
            drenthe.rows[0].assessments,
            drenthe.rows[0].province.as_deref()
        ),
        (1, Some("drenthe"))
    );

    // The page's links keep the search.
    let html = app.get("/staff/companies?q=staal", Some(&staff)).await;
    let next = match first.next {
        Some(ListPosition::After(id)) => id,
        other => panic!("unexpected {other:?}"),
    };
    assert!(
        html.body
            .contains(&format!("/staff/companies?q=staal&amp;after={next}")),
        "{}",
        html.body
    );
}

/// A published provider profile with just a name and a pitch.
async fn publish(app: &TestApp, name: &str, pitch: &str) {
    use app::db::entities::provider_profile;
    let content = app::providers::model::ProfileContent {
        name: name.into(),
        pitch: pitch.into(),
        ..Default::default()
    };
    let json = serde_json::to_string(&content).expect("json");
    provider_profile::ActiveModel {
        kind: Set("provider".into()),
        slug: Set(name.to_lowercase().replace(' ', "-")),
        draft: Set(json.clone()),
        published: Set(Some(json)),
        published_at: Set(Some(1_700_000_000)),
        name_sort: Set(name.to_lowercase()),
        search_text: Set(content.search_text()),
        tags: Set(content.tags()),
        review_state: Set("editing".into()),
        created_at: Set(1_700_000_000),
        updated_at: Set(1_700_000_000),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("profile");
}

async fn found(app: &TestApp, q: &str) -> Vec<String> {
    let form = [
        ("query[q]", q),
        ("query[kind]", ""),
        ("query[transition]", ""),
        ("query[variant]", ""),
        ("query[region]", ""),
        ("query[technology]", ""),
        ("query[sort]", ""),
        ("query[page]", "1"),
    ];
    let reply = app.call("directory/search", &form, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let page: DirectoryPage = serde_json::from_str(&reply.body).expect("directory JSON");
    page.cards.into_iter().map(|c| c.name).collect()
}

#[tokio::test]
async fn the_directory_finds_other_forms_of_a_word_and_words_inside_longer_ones() {
    let app = TestApp::new().await;
    publish(
        &app,
        "Noord Machinebouw",
        "Wij bouwen een machine voor elke fabriek",
    )
    .await;
    publish(
        &app,
        "Zuid Procesautomatisering",
        "Besturing voor de procesindustrie",
    )
    .await;

    assert_eq!(found(&app, "machines").await, vec!["Noord Machinebouw"]);
    assert_eq!(found(&app, "Machine").await, vec!["Noord Machinebouw"]);
    // Inside a compound, as typed.
    assert_eq!(
        found(&app, "automatisering").await,
        vec!["Zuid Procesautomatisering"]
    );
    // Every word must be found.
    assert!(found(&app, "machines procesindustrie").await.is_empty());
    // The query syntax of either database is never reached.
    for hostile in [
        "\"",
        "'",
        "machine*",
        "a:* | b",
        "NEAR(x y)",
        "&!",
        "(",
        "-",
    ] {
        let _ = found(&app, hostile).await;
    }
    if app.db.get_database_backend() == DbBackend::Postgres {
        // Dutch stemming: "fabrieken" is not in the text, "fabriek" is.
        assert_eq!(found(&app, "fabrieken").await, vec!["Noord Machinebouw"]);
    }
}
