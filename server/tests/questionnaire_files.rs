//! Questionnaire versions as files, over HTTP: staff download a version as TOML and upload a
//! changed file as the next version; a file with problems is refused with every problem
//! listed on the page it returns to, and changes nothing; parallel uploads of the same
//! version store one. (Conditional questions are in `questionnaire_conditions.rs`: versions
//! are cached per process by row id, so each binary stores one content as process version 4.)

mod common;

use app::assessment::questionnaire_file::{download_path, UPLOAD_PATH};
use app::assessment::questionnaires::SOURCES;
use app::db::entities::{audit_log, questionnaire_version};
use app::error::AppError;
use app::i18n::Key;
use axum::http::{header, StatusCode};
use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PROCESS_FILE: usize = 2;

async fn versions(app: &TestApp) -> Vec<(String, i32)> {
    let mut rows: Vec<(String, i32)> = questionnaire_version::Entity::find()
        .all(&app.db)
        .await
        .expect("versions")
        .into_iter()
        .map(|r| (r.variant, r.version))
        .collect();
    rows.sort();
    rows
}

async fn upload(app: &TestApp, cookie: &str, bytes: &[u8], script: bool) -> common::Reply {
    app.multipart_as(
        UPLOAD_PATH,
        Some(cookie),
        &[("change_note", "Vraag over data verduidelijkt")],
        Some(("questionnaire", "process-v4.toml", bytes)),
        script,
    )
    .await
}

/// The shipped process file as version 4 with one question reworded.
fn next_version() -> String {
    SOURCES[PROCESS_FILE]
        .1
        .replacen("version = 3", "version = 4", 1)
        .replacen("question.en = \"", "question.en = \"(Reworded) ", 1)
}

#[tokio::test]
async fn staff_download_every_version_as_the_file_it_was_made_from() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    let company = app.user("company", "eigenaar@bedrijf.test").await;
    let path = download_path(app::assessment::model::Variant::Process, 3);

    let reply = app.get(&path, Some(&staff)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.headers[header::CONTENT_TYPE],
        "application/toml; charset=utf-8"
    );
    assert_eq!(
        reply.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"sih-questionnaire-process-v3.toml\""
    );
    assert_eq!(
        reply.body, SOURCES[PROCESS_FILE].1,
        "the shipped file itself"
    );

    assert_eq!(app.get(&path, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.get(&path, Some(&company)).await.status,
        StatusCode::FORBIDDEN
    );
    for missing in [
        "/staff/questionnaires/files/process-v9.toml",
        "/staff/questionnaires/files/bakery-v3.toml",
        "/staff/questionnaires/files/process-v3.txt",
        "/staff/questionnaires/files/process.toml",
    ] {
        let reply = app.get(missing, Some(&staff)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{missing}");
    }
}

#[tokio::test]
async fn an_uploaded_file_becomes_the_next_version_for_new_assessments_only() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    let before = versions(&app).await;

    let reply = upload(&app, &staff, next_version().as_bytes(), false).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reply.location(),
        Some("/staff/questionnaires?imported=4&variant=process")
    );
    let after = versions(&app).await;
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.contains(&("process".into(), 4)));
    let row = questionnaire_version::Entity::find()
        .filter(questionnaire_version::Column::Variant.eq("process"))
        .filter(questionnaire_version::Column::Version.eq(4))
        .one(&app.db)
        .await
        .expect("query")
        .expect("version 4");
    assert!(row.published_by.is_some());
    assert_eq!(
        row.change_note.as_deref(),
        Some("Vraag over data verduidelijkt")
    );
    assert!(row.content.contains("(Reworded) "));
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("questionnaire.publish"))
        .count(&app.db)
        .await
        .expect("audit");
    assert_eq!(audited, 1);

    // Downloading the new version gives back the uploaded questionnaire (its comments are
    // the platform's own).
    let path = download_path(app::assessment::model::Variant::Process, 4);
    let reply = app.get(&path, Some(&staff)).await;
    let read = |source: &str| app::assessment::questionnaire_file::parse("t", source).ok();
    assert!(read(&reply.body).is_some());
    assert!(
        read(&reply.body) == read(&next_version()),
        "same questionnaire"
    );

    // The same file again is no longer the next version.
    let again = upload(&app, &staff, next_version().as_bytes(), true).await;
    assert_eq!(
        again.form_error(),
        AppError::field("questionnaire", Key::QuestionnairesImportRefused)
    );
    assert_eq!(versions(&app).await, after);
}

#[tokio::test]
async fn a_file_with_problems_is_refused_with_every_problem_listed_and_changes_nothing() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    let before = versions(&app).await;
    let source = SOURCES[PROCESS_FILE].1;
    // Three problems in one file: a missing English level, an unknown `after`, a bad size.
    // (The item with the missing level is named in an `after`: that is no fourth problem.)
    let first_level_en = source.find("level3.en = ").expect("a level");
    let line_end = first_level_en + source[first_level_en..].find('\n').expect("line end");
    let broken = format!("{}{}", &source[..first_level_en], &source[line_end + 1..])
        .replacen("version = 3", "version = 4", 1)
        .replacen("after = [\"", "after = [\"no.such.item\", \"", 1)
        .replacen("size = \"lt20\"", "size = \"tiny\"", 1);

    // Without JavaScript: back to the upload page, which lists every problem with its line.
    let reply = upload(&app, &staff, broken.as_bytes(), false).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let back = reply.location().expect("back to the form").to_string();
    assert!(back.starts_with("/staff/questionnaires/import?"), "{back}");
    let kept = reply.cookie("sih_kept_form").expect("problems kept");
    let page = app.get(&back, Some(&format!("{staff}; {kept}"))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("data-testid=\"problems\""),
        "{}",
        page.body
    );
    for expected in [
        "de tekst in `en` ontbreekt",
        "`after` noemt `no.such.item`",
        "onbekende grootteklasse `tiny`",
    ] {
        assert!(page.body.contains(expected), "{expected}");
    }
    let listed: Vec<&str> = page
        .body
        .split("<li>")
        .skip(1)
        .filter(|li| li.starts_with("Regel "))
        .map(|li| li.split("</li>").next().unwrap_or_default())
        .collect();
    assert_eq!(listed.len(), 3, "one line per problem: {listed:#?}");
    assert!(
        page.body.contains("Vraag over data verduidelijkt"),
        "note kept"
    );
    assert_eq!(versions(&app).await, before, "nothing stored");

    // With the page's script asking for JSON, the same refusal.
    let reply = upload(&app, &staff, broken.as_bytes(), true).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A file that is no UTF-8, no TOML, too large, or missing altogether.
    for bytes in [
        b"variant = \"process\"\n\xff\xfe".to_vec(),
        b"variant = process".to_vec(),
        vec![b'#'; 600 * 1024],
    ] {
        let reply = upload(&app, &staff, &bytes, true).await;
        assert!(
            reply.status.is_client_error(),
            "{} {}",
            reply.status,
            reply.body
        );
    }
    let too_large = upload(&app, &staff, &vec![b'#'; 600 * 1024], true).await;
    assert_eq!(
        too_large.form_error(),
        AppError::field("questionnaire", Key::ErrQuestionnaireTooLarge)
    );
    let no_file = app
        .multipart(UPLOAD_PATH, Some(&staff), &[("change_note", "x")], None)
        .await;
    assert_eq!(
        no_file.form_error(),
        AppError::field("questionnaire", Key::QfNoFile)
    );
    // Only staff.
    let company = app.user("company", "eigenaar@bedrijf.test").await;
    let reply = upload(&app, &company, next_version().as_bytes(), true).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = app
        .multipart(
            UPLOAD_PATH,
            None,
            &[],
            Some(("questionnaire", "x.toml", next_version().as_bytes())),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(versions(&app).await, before, "still nothing stored");
}

#[tokio::test]
async fn parallel_uploads_of_the_same_version_store_one() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    // The same file four times: questionnaire versions are cached per process by row id, so
    // every test in this binary stores the same content as process version 4.
    let file = next_version();
    let (a, b, c, d) = tokio::join!(
        upload(&app, &staff, file.as_bytes(), true),
        upload(&app, &staff, file.as_bytes(), true),
        upload(&app, &staff, file.as_bytes(), true),
        upload(&app, &staff, file.as_bytes(), true),
    );
    let ok = [&a, &b, &c, &d]
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    assert_eq!(ok, 1, "{} {} {} {}", a.status, b.status, c.status, d.status);
    let fours = questionnaire_version::Entity::find()
        .filter(questionnaire_version::Column::Variant.eq("process"))
        .filter(questionnaire_version::Column::Version.eq(4))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(fours, 1);
}
