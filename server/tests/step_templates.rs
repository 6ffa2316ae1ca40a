//! Plan step templates over HTTP against a real database (issue 18, "tailored, not generic"):
//! staff write advice per level and size class for one question, which publishes the
//! questionnaire's next version; a company's plan gets the advice for its size, a size the
//! step is left out for gets the next question instead, and a plan of an assessment on the
//! earlier version keeps that version's advice. Refusals change nothing.

mod common;

use app::assessment::model::{Level, Questionnaire};
use app::db::entities::questionnaire_version;
use app::error::AppError;
use app::i18n::Key;
use app::plan::view::PlanView;
use app::staff::step_editor::field;
use axum::http::StatusCode;
use common::TestApp;
use sea_orm::{EntityTrait, PaginatorTrait};

const ADVICE_NL: &str = "Laat één analist een maandrapport maken uit de bronnen die er al zijn.";
const ADVICE_EN: &str = "Let one analyst make a monthly report from the sources you already have.";
const SMALL_NL: &str = "Begin met één grafiek van de afkeur per week.";
const SMALL_EN: &str = "Start with one chart of rejects per week.";

fn level(n: u8) -> Level {
    Level::new(n).expect("level")
}

async fn newest(app: &TestApp, staff: &str) -> (i64, Questionnaire) {
    let reply = app
        .call(
            "staff/questionnaires/newest",
            &[("variant", "Process")],
            Some(staff),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("version JSON")
}

async fn plan(app: &TestApp, reference: &str) -> PlanView {
    let reply = app
        .call("plan/get", &[("reference", reference)], None)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("plan JSON")
}

async fn versions(app: &TestApp) -> u64 {
    questionnaire_version::Entity::find()
        .count(&app.db)
        .await
        .expect("count")
}

/// Posts the template form for `data.analysis` of the process questionnaire, based on the
/// version `based_on`, with `rows` (field name, value) besides the form's fixed fields.
async fn post(
    app: &TestApp,
    staff: &str,
    based_on: i64,
    rows: &[(String, &str)],
    script: bool,
) -> common::Reply {
    let based_on = based_on.to_string();
    let mut fields: Vec<(&str, &str)> = vec![
        ("variant", "process"),
        ("based_on", &based_on),
        ("item", "data.analysis"),
        ("change_note", "Advies voor analyse"),
    ];
    fields.extend(rows.iter().map(|(k, v)| (k.as_str(), *v)));
    app.multipart_as(
        "/staff/questionnaires/steps",
        Some(staff),
        &fields,
        None,
        script,
    )
    .await
}

#[tokio::test]
async fn staff_advice_per_size_reaches_new_plans_and_leaves_earlier_ones_alone() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    // Started on the shipped version, finalised after the templates are published.
    let earlier = app.start_assessment(None, "20-49").await;
    let (based_on, shipped) = newest(&app, &staff).await;
    let all = |lang| field(level(2), None, lang);
    let mid = |lang| field(level(2), Some("20-49"), lang);
    let tiny = |part| field(level(2), Some("lt20"), part);
    let before = versions(&app).await;

    // Refused: advice in one language only; "no step" and advice on one row; with script the
    // error names the field, without it the form comes back with what was typed.
    let reply = post(&app, &staff, based_on, &[(all("nl"), ADVICE_NL)], true).await;
    assert_eq!(
        reply.form_error(),
        AppError::field(&all("en"), Key::ErrStepBothLanguages)
    );
    let reply = post(
        &app,
        &staff,
        based_on,
        &[(tiny("nl"), "x"), (tiny("en"), "y"), (tiny("skip"), "1")],
        true,
    )
    .await;
    assert_eq!(
        reply.form_error(),
        AppError::field(&tiny("skip"), Key::ErrStepSkipWithText)
    );
    let reply = post(
        &app,
        &staff,
        based_on,
        &[(all("nl"), "Alleen Nederlands getypt")],
        false,
    )
    .await;
    let back = reply.location().expect("back to the form").to_string();
    assert!(
        back.starts_with("/staff/questionnaires/process/steps/data.analysis?"),
        "{back}"
    );
    let kept = reply.cookie("sih_kept_form").expect("kept form cookie");
    let page = app.get(&back, Some(&format!("{staff}; {kept}"))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Alleen Nederlands getypt"),
        "typed text kept"
    );
    assert_eq!(
        versions(&app).await,
        before,
        "no refusal published anything"
    );

    // The whole set: advice for every size, its own for 20-49, no step for the smallest.
    let rows = [
        (all("nl"), ADVICE_NL),
        (all("en"), ADVICE_EN),
        (mid("nl"), SMALL_NL),
        (mid("en"), SMALL_EN),
        (tiny("skip"), "1"),
    ];
    let reply = post(&app, &staff, based_on, &rows, true).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let (_, published) = newest(&app, &staff).await;
    assert_eq!(published.version, shipped.version + 1);
    let item = published.item("data.analysis").expect("item").1.clone();
    assert_eq!(item.steps.len(), 3);
    // The same form again, based on the version before: someone published in between.
    let reply = post(&app, &staff, based_on, &rows, true).await;
    assert_eq!(
        reply.form_error(),
        AppError::invalid(Key::ErrVersionChanged)
    );
    assert_eq!(versions(&app).await, before + 1);

    let is_analysis =
        |s: &&app::plan::view::StepView| s.goal.as_ref().is_some_and(|g| g.nl == item.levels[1].nl);
    // A 20-49 company: analysis 1→2 with its size's advice, on the plan page too.
    let middle = app.finalised_data_assessment(None).await;
    let steps = plan(&app, &middle).await.steps;
    let analysis = steps.iter().find(is_analysis).expect("analysis step");
    assert_eq!(
        analysis.advice.as_ref().map(|a| a.en.as_str()),
        Some(SMALL_EN)
    );
    let page = app.get(&format!("/assessment/{middle}/plan"), None).await;
    assert!(
        page.body.contains(SMALL_NL),
        "the plan page shows the advice"
    );

    // A 50-99 company: the advice for every size.
    let large = app.start_assessment(None, "50-99").await;
    app.finalise_data_answers(None, &large).await;
    let steps = plan(&app, &large).await.steps;
    let analysis = steps.iter().find(is_analysis).expect("analysis step");
    assert_eq!(
        analysis.advice.as_ref().map(|a| a.nl.as_str()),
        Some(ADVICE_NL)
    );

    // The smallest: no analysis step; the other data steps stay.
    let small = app.start_assessment(None, "lt20").await;
    app.finalise_data_answers(None, &small).await;
    let steps = plan(&app, &small).await.steps;
    assert_eq!(steps.len(), 2, "{steps:?}");
    assert!(!steps.iter().any(|s| is_analysis(&s)));

    // Started on the shipped version: its plan follows that version (no advice for analysis).
    app.finalise_data_answers(None, &earlier).await;
    let steps = plan(&app, &earlier).await.steps;
    let analysis = steps.iter().find(is_analysis).expect("analysis step");
    assert_eq!(analysis.advice, None);

    // Staff see the templates in the list and on the question's page.
    let list = app
        .get("/staff/questionnaires/process/steps", Some(&staff))
        .await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list
        .body
        .contains("/staff/questionnaires/process/steps/data.analysis"));
    let page = app
        .get(
            "/staff/questionnaires/process/steps/data.analysis",
            Some(&staff),
        )
        .await;
    assert!(page.body.contains(ADVICE_EN) && page.body.contains(SMALL_NL));
    let reply = app
        .call(
            "staff/questionnaires/step_templates",
            &[("variant", "Process"), ("item", "no.such")],
            Some(&staff),
        )
        .await;
    assert_eq!(reply.error(), AppError::NotFound);
}
