//! Conditional questions over HTTP: a questionnaire file with `visible_if` uploaded by staff;
//! an assessment on it asks, saves and scores a question only while its condition holds, and
//! keeps the answer of a question an earlier answer hid. (A binary of its own: versions are
//! cached per process by row id, and this one stores other content as process version 4 than
//! `questionnaire_files.rs` does.)

mod common;

use app::assessment::questionnaire_file::UPLOAD_PATH;
use app::assessment::questionnaires::SOURCES;
use app::error::AppError;
use app::i18n::Key;
use axum::http::{header, StatusCode};
use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PROCESS_FILE: usize = 2;

async fn upload(app: &TestApp, cookie: &str, bytes: &[u8]) -> common::Reply {
    app.multipart_as(
        UPLOAD_PATH,
        Some(cookie),
        &[("change_note", "Vervolgvragen")],
        Some(("questionnaire", "process-v4.toml", bytes)),
        false,
    )
    .await
}

/// Process version 4 with two conditions: the data transition only once the order status on
/// the page before it (operations) is at least level 2, and its analysis question only from
/// 50 people on.
fn conditional_version() -> String {
    SOURCES[PROCESS_FILE]
        .1
        .replacen("version = 3", "version = 4", 1)
        .replacen(
            "key = \"data\"\n",
            "key = \"data\"\nvisible_if = \"operations.order_status >= 2\"\n",
            1,
        )
        .replacen(
            "key = \"data.analysis\"\n",
            "key = \"data.analysis\"\nvisible_if = \"size in ['50-99', '100-199', '200plus']\"\n",
            1,
        )
}

async fn shown_transitions(app: &TestApp, reference: &str) -> Vec<(String, usize)> {
    let reply = app
        .call("assessment/overview", &[("reference", reference)], None)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let overview: app::assessment::view::Overview =
        serde_json::from_str(&reply.body).expect("overview");
    assert!(
        overview.conditional,
        "the page says the list depends on the answers"
    );
    overview
        .progress
        .into_iter()
        .map(|p| (p.key, p.items))
        .collect()
}

#[tokio::test]
async fn conditional_questions_are_asked_saved_and_scored_only_when_shown() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    let reply = upload(&app, &staff, conditional_version().as_bytes()).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reply.location(),
        Some("/staff/questionnaires?imported=4&variant=process")
    );

    let reference = app.start_assessment(None, "20-49").await;
    let data = |shown: &[(String, usize)]| shown.iter().find(|(k, _)| k == "data").map(|t| t.1);
    assert_eq!(data(&shown_transitions(&app, &reference).await), None);
    let hidden = app.answer(None, &reference, "data.sources", 1, 3).await;
    assert_eq!(hidden.error(), AppError::invalid(Key::ErrQuestionHidden));
    let page = app
        .call(
            "assessment/transition",
            &[("reference", &reference), ("transition", "data")],
            None,
        )
        .await;
    assert!(page.status.is_client_error(), "{}", page.status);
    // The runner gets the transitions as shown, and moves by page loads: which questions a
    // transition has depends on answers here.
    let operations = app
        .call(
            "assessment/transition",
            &[("reference", &reference), ("transition", "operations")],
            None,
        )
        .await;
    assert_eq!(operations.status, StatusCode::OK, "{}", operations.body);
    let operations: app::assessment::view::TransitionSheet =
        serde_json::from_str(&operations.body).expect("sheet");
    assert!(operations.whole.conditional);
    assert!(operations.whole.transitions.iter().all(|t| t.key != "data"));

    // The order status answered at level 3 on the operations page, posted without
    // JavaScript: the page was shown with connectivity as next, but data now comes first.
    let body = format!(
        "reference={reference}&transition=operations&next=%2Fassessment%2F{reference}%2Ft%2Fconnectivity\
         &current%3Aoperations.order_status=3&ambition%3Aoperations.order_status=4"
    );
    let req = axum::http::Request::post("/assessment/form")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(body))
        .expect("request");
    let reply = app.request(req).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reply.location(),
        Some(format!("/assessment/{reference}/t/data").as_str()),
        "the transition that came into view is next"
    );
    // Without analysis for a 20-49 company.
    assert_eq!(data(&shown_transitions(&app, &reference).await), Some(4));
    let ok = app.answer(None, &reference, "data.sources", 1, 3).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let hidden = app.answer(None, &reference, "data.analysis", 1, 3).await;
    assert_eq!(hidden.error(), AppError::invalid(Key::ErrQuestionHidden));

    // The order status taken back to level 1: data is hidden again and counts nowhere, but
    // the answer given is kept for when it comes back.
    let ok = app
        .answer(None, &reference, "operations.order_status", 1, 4)
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(data(&shown_transitions(&app, &reference).await), None);
    let done = app
        .call("assessment/finalise", &[("reference", &reference)], None)
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let results = app
        .call("assessment/results", &[("reference", &reference)], None)
        .await;
    assert_eq!(results.status, StatusCode::OK, "{}", results.body);
    let results: app::assessment::view::Results =
        serde_json::from_str(&results.body).expect("results");
    let scored: Vec<&str> = results
        .scores
        .transitions
        .iter()
        .map(|t| t.transition_key.as_str())
        .collect();
    assert!(scored.contains(&"operations"), "{scored:?}");
    assert!(!scored.contains(&"data"), "hidden, not scored: {scored:?}");
    let kept = app::db::entities::assessment_answer::Entity::find()
        .filter(app::db::entities::assessment_answer::Column::ItemKey.eq("data.sources"))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(kept, 1, "the hidden question's answer is kept");
}
