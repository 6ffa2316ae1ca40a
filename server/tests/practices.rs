//! Best practices over HTTP: staff write, illustrate and publish a case; the public list filters
//! it; results pages and plan steps suggest it; and every refusal changes nothing.

mod common;

use app::db::entities::{best_practice, practice_photo};
use app::error::AppError;
use app::i18n::Key;
use app::practices::view::{PracticeCard, PracticeList, PracticePage};
use axum::http::{header, StatusCode};
use common::TestApp;
use sea_orm::{EntityTrait, PaginatorTrait};

fn png(width: u32, height: u32, shade: u8) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 250) as u8, (y % 250) as u8, shade])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode png");
    out
}

/// A complete case for the form, with `changes` replacing (or, for an empty value, removing)
/// fields.
fn case<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("title_nl", "Werkbonnen digitaal bij een toeleverancier"),
        ("title_en", "Digital work orders at a supplier"),
        ("company_name", ""),
        ("variant", "suppliers"),
        ("size_class", "20-49"),
        ("province", "drenthe"),
        ("transitions", "data"),
        (
            "before_nl",
            "Werkbonnen op papier, uren achteraf overgetypt.",
        ),
        (
            "done_nl",
            "Tablets aan de machines met digitale werkbonnen.",
        ),
        (
            "result_nl",
            "Doorlooptijd 20 % korter\nGeen overtypen meer.",
        ),
        ("result_en", "Lead time 20 % shorter"),
    ];
    for (name, value) in changes {
        form.retain(|(n, _)| n != name);
        if !value.is_empty() {
            form.push((name, value));
        }
    }
    form
}

async fn list(app: &TestApp, query: &[(&str, &str)]) -> Vec<String> {
    let names = ["transition", "variant", "size_class", "province"];
    let keys: Vec<String> = names.iter().map(|n| format!("filter[{n}]")).collect();
    let form: Vec<(&str, &str)> = names
        .iter()
        .zip(&keys)
        .map(|(n, k)| {
            let value = query.iter().find(|(q, _)| q == n).map_or("", |(_, v)| *v);
            (k.as_str(), value)
        })
        .collect();
    let reply = app.call("practices/list", &form, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let list: PracticeList = serde_json::from_str(&reply.body).expect("list JSON");
    list.cases.into_iter().map(|c| c.slug).collect()
}

/// Saves through the staff form as the page's script does; the id of the case saved.
async fn save(app: &TestApp, staff: &str, form: &[(&str, &str)], photo: Option<&[u8]>) -> i64 {
    let reply = app
        .multipart(
            "/staff/practices/save",
            Some(staff),
            form,
            photo.map(|p| ("photo", "werkvloer.png", p)),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let redirect: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    let to = redirect["redirect"].as_str().expect("redirect").to_string();
    to.trim_start_matches("/staff/practices/")
        .split('/')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("the case's id in the redirect")
}

async fn staff(app: &TestApp) -> String {
    let admin = app.admin("beheer-praktijk@hub.test").await;
    app.staff(&admin, "praktijk@hub.test").await
}

#[tokio::test]
async fn staff_write_illustrate_and_publish_a_case_that_the_public_finds_by_its_filters() {
    let app = TestApp::new().await;
    let staff = staff(&app).await;
    let id = save(&app, &staff, &case(&[]), Some(&png(1800, 900, 40))).await;
    let row = best_practice::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.status.as_str(), row.photo_count), ("draft", 1));
    let slug = row.slug.clone();

    // A draft: not listed, "not found" to a visitor, shown to staff to check.
    assert!(list(&app, &[]).await.is_empty());
    let hidden = app.call("practices/get", &[("slug", &slug)], None).await;
    assert_eq!(hidden.error(), AppError::NotFound, "{}", hidden.body);
    let page: PracticePage = serde_json::from_str(
        &app.call("practices/get", &[("slug", &slug)], Some(&staff))
            .await
            .body,
    )
    .expect("page");
    assert_eq!(page.photos.len(), 1);
    // The photo is our own JPEG, scaled down, served for a long time.
    let served = app.get(&page.photos[0], None).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers[header::CONTENT_TYPE], "image/jpeg");

    let published = app
        .call(
            "staff/practice_status",
            &[("id", &id.to_string()), ("action", "publish")],
            Some(&staff),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    assert_eq!(list(&app, &[]).await, vec![slug.clone()]);
    for (filter, found) in [
        (("transition", "data"), true),
        (("transition", "energy"), false),
        (("transition", "da|ta"), false),
        (("variant", "suppliers"), true),
        (("variant", "process"), false),
        (("size_class", "20-49"), true),
        (("size_class", "200+"), false),
        (("province", "drenthe"), true),
        (("province", "groningen"), false),
    ] {
        assert_eq!(!list(&app, &[filter]).await.is_empty(), found, "{filter:?}");
    }
    let page: PracticePage = serde_json::from_str(
        &app.call("practices/get", &[("slug", &slug)], None)
            .await
            .body,
    )
    .expect("page");
    assert_eq!(
        page.card.result.nl, "Doorlooptijd 20 % korter",
        "the result's first line"
    );
    assert_eq!(page.card.company_name, "", "anonymous");
    let html = app.get(&format!("/practices/{slug}"), None).await;
    assert!(html
        .body
        .contains("Werkbonnen digitaal bij een toeleverancier"));
    assert!(html.body.contains("Tablets aan de machines"));

    // The results page's suggestions: on the company's priorities, its size first.
    let reply = app
        .call(
            "practices/suggested",
            &[("themes", "energy,data"), ("size_class", "lt20")],
            None,
        )
        .await;
    let cards: Vec<PracticeCard> = serde_json::from_str(&reply.body).expect("cards");
    assert_eq!(cards.len(), 1);

    // A plan with data steps shows the case at those steps.
    let company = app.user("company", "praktijk-plan@bedrijf.test").await;
    let reference = app.finalised_data_assessment(Some(&company)).await;
    let plan: app::plan::view::PlanView = serde_json::from_str(
        &app.call("plan/get", &[("reference", &reference)], Some(&company))
            .await
            .body,
    )
    .expect("plan");
    let data = plan
        .help
        .iter()
        .find(|h| h.transition_key == "data")
        .expect("help on data");
    assert_eq!(
        data.cases
            .iter()
            .map(|c| c.slug.as_str())
            .collect::<Vec<_>>(),
        [slug.as_str()]
    );

    // Withdrawn: gone from the public again.
    app.call(
        "staff/practice_status",
        &[("id", &id.to_string()), ("action", "withdraw")],
        Some(&staff),
    )
    .await;
    assert!(list(&app, &[]).await.is_empty());
}

#[tokio::test]
async fn refused_cases_and_photos_change_nothing() {
    let app = TestApp::new().await;
    let staff = staff(&app).await;
    let company = app.user("company", "geen-staf@bedrijf.test").await;
    let count = |app: &TestApp| {
        let db = app.db.clone();
        async move { best_practice::Entity::find().count(&db).await.unwrap() }
    };

    // Not staff.
    let reply = app
        .multipart("/staff/practices/save", Some(&company), &case(&[]), None)
        .await;
    assert_ne!(reply.status, StatusCode::OK);
    // No transition, a title on two lines, an unknown region.
    for (changes, field, key) in [
        (
            vec![("transitions", "")],
            "transitions",
            Key::ErrPracticeNoTransition,
        ),
        (
            vec![("title_nl", "Eerste regel\ntweede")],
            "title_nl",
            Key::ErrPracticeTitle,
        ),
        (
            vec![("province", "utrecht")],
            "province",
            Key::ErrChoiceInvalid,
        ),
    ] {
        let reply = app
            .multipart("/staff/practices/save", Some(&staff), &case(&changes), None)
            .await;
        assert_eq!(
            reply.form_error(),
            AppError::field(field, key),
            "{changes:?}"
        );
    }
    // A photo that is not an image: refused before anything is stored.
    let reply = app
        .multipart(
            "/staff/practices/save",
            Some(&staff),
            &case(&[]),
            Some(("photo", "foto.png", b"\x89PNG\r\n\x1a\nnope".as_slice())),
        )
        .await;
    assert_eq!(
        reply.form_error(),
        AppError::field("photo", Key::ErrPhotoUnreadable)
    );
    assert_eq!(count(&app).await, 0);
    // Too large for the router: cut off before the handler.
    let huge = vec![0u8; app::providers::logo::MAX_UPLOAD_BYTES + 300 * 1024];
    let reply = app
        .multipart(
            "/staff/practices/save",
            Some(&staff),
            &case(&[]),
            Some(("photo", "groot.png", &huge)),
        )
        .await;
    assert_eq!(
        reply.form_error(),
        AppError::field("photo", Key::ErrPhotoTooLarge)
    );
    assert_eq!(count(&app).await, 0);

    // Six photos at most, also when seven arrive at once.
    let id = save(&app, &staff, &case(&[]), None).await;
    let id_text = id.to_string();
    let app = std::sync::Arc::new(app);
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..8u8 {
        let (app, staff, id_text) = (app.clone(), staff.clone(), id_text.clone());
        tasks.spawn(async move {
            let photo = png(40, 30, n * 20);
            let mut form = case(&[]);
            form.push(("id", &id_text));
            app.multipart(
                "/staff/practices/save",
                Some(&staff),
                &form,
                Some(("photo", "f.png", &photo)),
            )
            .await
        });
    }
    let mut refused = 0;
    while let Some(reply) = tasks.join_next().await {
        let reply = reply.expect("task");
        if reply.status != StatusCode::OK {
            assert_eq!(
                reply.form_error(),
                AppError::field("photo", Key::ErrPracticeTooManyPhotos)
            );
            refused += 1;
        }
    }
    assert_eq!(refused, 2);
    let row = best_practice::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.photo_count, 6);
    assert_eq!(
        practice_photo::Entity::find().count(&app.db).await.unwrap(),
        6
    );
    // Removing one makes room again; someone else's hash removes nothing.
    let form = [
        ("id", id_text.as_str()),
        ("hash", "0".repeat(64).leak() as &str),
    ];
    app.call("staff/practice_photo_remove", &form, Some(&staff))
        .await;
    assert_eq!(
        practice_photo::Entity::find().count(&app.db).await.unwrap(),
        6
    );
    let hash = practice_photo::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .hash;
    let form = [("id", id_text.as_str()), ("hash", hash.as_str())];
    let reply = app
        .call("staff/practice_photo_remove", &form, Some(&staff))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let row = best_practice::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.photo_count, 5);
    // A company may not publish.
    let reply = app
        .call(
            "staff/practice_status",
            &[("id", &id_text), ("action", "publish")],
            Some(&company),
        )
        .await;
    assert_eq!(reply.error(), AppError::Forbidden);
}
