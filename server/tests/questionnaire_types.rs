//! Question types over HTTP: the documented example of `docs/questionnaire-format.md`
//! uploaded as a process version; an assessment on it answers each type by the autosave and by
//! the plain form, has wrong answers refused with their reason, and is scored by type. (A
//! binary of its own: versions are cached per process by row id.)

mod common;

use app::assessment::question_kind::AnswerValue;
use app::assessment::questionnaire_file::UPLOAD_PATH;
use app::error::AppError;
use app::i18n::Key;
use axum::http::{header, StatusCode};
use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

/// The documented question types as process version 4.
fn typed_version() -> String {
    let page = include_str!("../../docs/questionnaire-format.md");
    let block = page.split("```toml\n").nth(2).expect("the types example");
    block[..block.find("```").expect("the block ends")]
        .replacen("variant = \"suppliers\"", "variant = \"process\"", 1)
        .replacen("version = 7", "version = 4", 1)
}

async fn save(
    app: &TestApp,
    reference: &str,
    item: &str,
    value: serde_json::Value,
) -> common::Reply {
    app.call_json(
        "assessment/save_answer",
        json!({"reference": reference, "item_key": item, "current": null, "ambition": null,
               "not_applicable": false, "comment": "", "value": value}),
        None,
    )
    .await
}

async fn stored(app: &TestApp, item: &str) -> Option<AnswerValue> {
    use app::db::entities::assessment_answer::{Column, Entity};
    Entity::find()
        .filter(Column::ItemKey.eq(item))
        .one(&app.db)
        .await
        .expect("query")
        .and_then(|r| r.answer_value)
        .and_then(|v| AnswerValue::from_json(&v))
}

async fn form_post(app: &TestApp, body: String) -> common::Reply {
    let req = axum::http::Request::post("/assessment/form")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(body))
        .expect("request");
    app.request(req).await
}

#[tokio::test]
async fn each_type_is_answered_checked_and_scored() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    let reply = app
        .multipart_as(
            UPLOAD_PATH,
            Some(&staff),
            &[("change_note", "Vraagtypen")],
            Some((
                "questionnaire",
                "process-v4.toml",
                typed_version().as_bytes(),
            )),
            false,
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let reference = app.start_assessment(None, "20-49").await;

    // Wrong answers are refused with their reason and store nothing.
    let refused = [
        (
            "basics.erp",
            json!({"type": "number", "value": 3}),
            Key::ErrAnswerWrongType,
        ),
        (
            "basics.erp",
            json!({"type": "choice", "value": "sap"}),
            Key::ErrOptionUnknown,
        ),
        (
            "basics.staff",
            json!({"type": "number", "value": 0}),
            Key::ErrNumberOutOfRange,
        ),
        (
            "basics.security",
            json!({"type": "choices", "value": ["backup", "nothing"]}),
            Key::ErrOptionExclusive,
        ),
        (
            "tech.use",
            json!({"type": "grid", "value": [["cloud", "always"]]}),
            Key::ErrOptionUnknown,
        ),
        (
            "tech.wish",
            json!({"type": "text", "value": "x".repeat(121)}),
            Key::ErrShortTextInvalid,
        ),
    ];
    for (item, value, key) in refused {
        let reply = save(&app, &reference, item, value.clone()).await;
        assert_eq!(reply.error(), AppError::invalid(key), "{item} {value}");
        assert_eq!(stored(&app, item).await, None, "{item}");
    }
    // Levels for a typed question, and a typed value for nothing at all.
    let levels = app.answer(None, &reference, "basics.erp", 2, 3).await;
    assert_eq!(levels.error(), AppError::invalid(Key::ErrAnswerWrongType));
    // The follow-up on the ERP answer is hidden until the answer is "a standard package".
    let hidden = save(
        &app,
        &reference,
        "tech.mes",
        json!({"type": "choice", "value": "yes"}),
    )
    .await;
    assert_eq!(hidden.error(), AppError::invalid(Key::ErrQuestionHidden));

    for (item, value) in [
        ("basics.erp", json!({"type": "choice", "value": "standard"})),
        (
            "basics.security",
            json!({"type": "choices", "value": ["training", "backup"]}),
        ),
        ("basics.staff", json!({"type": "number", "value": 45})),
    ] {
        let reply = save(&app, &reference, item, value).await;
        assert_eq!(reply.status, StatusCode::OK, "{item}: {}", reply.body);
    }
    assert_eq!(
        stored(&app, "basics.security").await,
        Some(AnswerValue::Choices(vec![
            "backup".into(),
            "training".into()
        ])),
        "kept in the question's order"
    );

    // The technology page without JavaScript: a grid, the follow-up that came into view, a
    // text; a number typed the Dutch way on the way.
    let r = &reference;
    let body = format!(
        "reference={r}&transition=tech&next=%2Fassessment%2F{r}\
         &grid%3Atech.use%3Acloud=in_use&grid%3Atech.use%3Aiot=testing\
         &value%3Atech.mes=partly&value%3Atech.wish=Vision+systems&comment%3Atech.wish="
    );
    let reply = form_post(&app, body).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location(), Some(format!("/assessment/{r}").as_str()));
    assert_eq!(
        stored(&app, "tech.use").await,
        Some(AnswerValue::Grid(vec![
            ("cloud".into(), "in_use".into()),
            ("iot".into(), "testing".into())
        ]))
    );
    assert_eq!(
        stored(&app, "tech.wish").await,
        Some(AnswerValue::Text("Vision systems".into()))
    );
    // A number that is no whole number, posted with the page: back with the reason, nothing
    // of the page stored.
    let body = format!(
        "reference={r}&transition=basics&next=%2Fassessment%2F{r}%2Ft%2Ftech\
         &value%3Abasics.erp=none&value%3Abasics.staff=4%2C5"
    );
    let reply = form_post(&app, body).await;
    assert_eq!(
        reply.location(),
        Some(format!("/assessment/{r}/t/basics?error=err_number_invalid").as_str())
    );
    assert_eq!(
        stored(&app, "basics.erp").await,
        Some(AnswerValue::Choice("standard".into()))
    );
    // The page comes back as it was posted, in this browser only: the number as typed and the
    // ERP choice that was not stored.
    let kept = reply
        .cookie(app::web::multipart::kept::COOKIE)
        .expect("kept");
    let back = reply.location().expect("back").to_string();
    let page = app.get(&back, Some(&kept)).await;
    assert!(page.body.contains(r#"value="4,5""#), "{}", page.body);
    let checked = |body: &str, value: &str| {
        body.split("<input").any(|i| {
            i.contains(r#"name="value:basics.erp""#)
                && i.contains(&format!(r#"value="{value}""#))
                && i.contains("checked")
        })
    };
    assert!(checked(&page.body, "none"), "the choice as posted");
    let fresh = app
        .get(&format!("/assessment/{r}/t/basics"), Some(&kept))
        .await;
    assert!(
        checked(&fresh.body, "standard"),
        "without the refusal: as stored"
    );
    assert!(!fresh.body.contains(r#"value="4,5""#));

    // Every box cleared without JavaScript: only the page's empty marker arrives, and the
    // stored answer is cleared. Ticked again for the scores below.
    let body = format!(
        "reference={r}&transition=basics&next=%2Fassessment%2F{r}%2Ft%2Ftech&value%3Abasics.security="
    );
    assert_eq!(form_post(&app, body).await.status, StatusCode::SEE_OTHER);
    assert_eq!(stored(&app, "basics.security").await, None);
    let body = format!(
        "reference={r}&transition=basics&next=%2Fassessment%2F{r}%2Ft%2Ftech&value%3Abasics.security=\
         &value%3Abasics.security=backup&value%3Abasics.security=training"
    );
    assert_eq!(form_post(&app, body).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        stored(&app, "basics.security").await,
        Some(AnswerValue::Choices(vec![
            "backup".into(),
            "training".into()
        ]))
    );

    let done = app
        .call("assessment/finalise", &[("reference", r)], None)
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let results = app
        .call("assessment/results", &[("reference", r)], None)
        .await;
    let results: app::assessment::view::Results =
        serde_json::from_str(&results.body).expect("results");
    let score = |key: &str| {
        let t = results
            .scores
            .transitions
            .iter()
            .find(|t| t.transition_key == key)
            .expect("scored");
        (t.current, t.ambition, t.gap)
    };
    // Basics: the ERP option 100, both security measures 100; the number does not score.
    assert_eq!(score("basics"), (Some(100), Some(100), Some(0)));
    // Technology: the grid (100 + 50) / 2 = 75 and "partly" 50: 62.5, rounded up.
    assert_eq!(score("tech"), (Some(63), Some(63), Some(0)));

    // The staff export has typed answers in a column of their own, by key.
    let csv = app.get("/staff/exports/answers.csv", Some(&staff)).await;
    assert_eq!(csv.status, StatusCode::OK);
    for line in [
        "tech,tech.use,,,no,cloud=in_use;iot=testing",
        "basics,basics.security,,,no,backup;training",
        "basics,basics.staff,,,no,45",
    ] {
        assert!(csv.body.contains(line), "{line}\n{}", csv.body);
    }
}
