//! Provider and consultant profiles, the directory, matching and contact requests, over HTTP
//! against a real database: the whole review life cycle and every way of doing it without the
//! right to or with bad input.

mod common;

use app::contact::view::{Inbox, RequestList};
use app::db::entities::{contact_request, provider_profile};
use app::i18n::Key;
use app::matching::view::MatchList;
use app::matching::Reason;
use app::providers::model::ProfileStatus;
use app::providers::view::{DirectoryPage, MyProfile, PublicProfile};
use axum::http::{header, StatusCode};
use common::{Reply, TestApp};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

/// A PNG of the given size, made the way a logo from a drawing program would be.
fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 250) as u8, (y % 250) as u8, 120])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode png");
    out
}

/// The editor's form, sent the way the page's script sends it.
async fn save_profile(
    app: &TestApp,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
    logo: Option<(&str, &[u8])>,
) -> Reply {
    app.multipart(
        "/profile/save",
        cookie,
        fields,
        logo.map(|(name, bytes)| ("logo", name, bytes)),
    )
    .await
}

const PROFILE: &[(&str, &str)] = &[
    ("name", "Noord Automatisering"),
    ("pitch", "Machines en ERP aan elkaar, zonder gedoe"),
    (
        "description",
        "Wij koppelen **machines** aan uw ERP.\n\n<script>alert('x')</script>\n\n[meer](javascript:alert(1))",
    ),
    ("services", "MES-implementatie, OEE-dashboards"),
    ("technologies", "OPC UA, MQTT"),
    ("transitions", "data"),
    ("transitions", "connectivity"),
    ("variants", "process"),
    ("regions", "friesland"),
    ("sizes", "50-99"),
    ("ref1_title", "Zuivelfabriek in Friesland"),
    ("ref1_text", "OEE van 55% naar 70% in een jaar."),
    ("ref1_customer", "Procesindustrie"),
    ("contact_name", "Jan Bakker"),
    ("contact_email", "jan@noord-automatisering.test"),
    ("website", "https://noord-automatisering.test"),
];

fn with<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut all: Vec<(&str, &str)> = PROFILE
        .iter()
        .filter(|(k, _)| !extra.iter().any(|(e, _)| e == k))
        .copied()
        .collect();
    all.extend_from_slice(extra);
    all
}

async fn my_profile(app: &TestApp, cookie: &str) -> MyProfile {
    let reply = app.call("profile/mine", &[], Some(cookie)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("profile JSON")
}

async fn search(app: &TestApp, filters: &[(&str, &str)]) -> DirectoryPage {
    let mut form: Vec<(String, String)> = vec![
        ("query[q]".into(), String::new()),
        ("query[kind]".into(), String::new()),
        ("query[transition]".into(), String::new()),
        ("query[variant]".into(), String::new()),
        ("query[region]".into(), String::new()),
        ("query[technology]".into(), String::new()),
        ("query[sort]".into(), String::new()),
        ("query[page]".into(), "1".into()),
    ];
    for (k, v) in filters {
        let key = format!("query[{k}]");
        if let Some(slot) = form.iter_mut().find(|(name, _)| *name == key) {
            slot.1 = v.to_string();
        }
    }
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let reply = app.call("directory/search", &pairs, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("directory JSON")
}

async fn public(app: &TestApp, slug: &str) -> Reply {
    app.call("directory/profile", &[("slug", slug)], None).await
}

async fn review(app: &TestApp, cookie: &str, id: i64, decision: &str, reason: &str) -> Reply {
    app.call(
        "staff/review_profile",
        &[
            ("id", &id.to_string()),
            ("decision", decision),
            ("reason", reason),
        ],
        Some(cookie),
    )
    .await
}

async fn profile_id(app: &TestApp, slug: &str) -> i64 {
    use sea_orm::{ColumnTrait, QueryFilter};
    provider_profile::Entity::find()
        .filter(provider_profile::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .expect("query")
        .expect("profile row")
        .id
}

/// A provider with a published profile; returns (provider cookie, staff cookie, slug).
async fn published_provider(app: &TestApp) -> (String, String, String) {
    let provider = app.user("provider", "jan@noord-automatisering.test").await;
    let staff = app.admin("beheer@hub.test").await;
    let saved = save_profile(app, Some(&provider), &with(&[("intent", "submit")]), None).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let slug = my_profile(app, &provider).await.slug.expect("slug");
    let id = profile_id(app, &slug).await;
    let approved = review(app, &staff, id, "approve", "").await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    (provider, staff, slug)
}

#[tokio::test]
async fn provider_signs_up_fills_in_submits_and_staff_publish_into_the_directory() {
    let app = TestApp::new().await;
    let provider = app.user("provider", "jan@noord-automatisering.test").await;

    // A new provider starts from a draft named after its organisation.
    let fresh = my_profile(&app, &provider).await;
    assert_eq!(fresh.status, ProfileStatus::Draft);
    assert_eq!(fresh.draft.name, "Metaalbewerking Noord BV");
    assert!(fresh.choices.iter().any(|c| c.key == "data"));

    let logo = png(900, 300);
    let saved = save_profile(
        &app,
        Some(&provider),
        &with(&[("intent", "save")]),
        Some(("logo.png", &logo)),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert!(saved.body.contains("/profile?saved=1"), "{}", saved.body);
    let draft = my_profile(&app, &provider).await;
    assert_eq!(draft.status, ProfileStatus::Draft);
    assert_eq!(draft.draft.technologies, vec!["OPC UA", "MQTT"]);
    let slug = draft.slug.clone().expect("slug once saved");
    assert_eq!(slug, "noord-automatisering");

    // The logo is stored scaled down and served as PNG.
    let logo_url = draft.draft.logo_url().expect("logo kept");
    let served = app.get(&logo_url, None).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers[header::CONTENT_TYPE], "image/png");

    // A draft is not public.
    assert_eq!(search(&app, &[]).await.total, 0);
    assert_eq!(public(&app, &slug).await.status, StatusCode::NOT_FOUND);

    let submitted = save_profile(&app, Some(&provider), &with(&[("intent", "submit")]), None).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    let after = my_profile(&app, &provider).await;
    assert_eq!(after.status, ProfileStatus::Submitted);
    assert_eq!(
        after.draft.logo, draft.draft.logo,
        "saving without a file keeps the logo"
    );

    // Only staff publish.
    let id = profile_id(&app, &slug).await;
    let refused = review(&app, &provider, id, "approve", "").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(search(&app, &[]).await.total, 0);

    let staff = app.admin("beheer@hub.test").await;
    let approved = review(&app, &staff, id, "approve", "").await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    assert_eq!(
        my_profile(&app, &provider).await.status,
        ProfileStatus::Published
    );
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.recipient == "jan@noord-automatisering.test"
            && m.body_text.contains(&format!("/directory/{slug}"))));

    // Public page: sanitised description, its own readable URL.
    let page = public(&app, &slug).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let page: PublicProfile = serde_json::from_str(&page.body).unwrap();
    assert!(page.description_html.contains("<strong>machines</strong>"));
    assert!(!page.description_html.contains("<script"));
    assert!(!page.description_html.contains("javascript:"));
    let html = app.get(&format!("/directory/{slug}"), None).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(
        html.body.contains("<title>Noord Automatisering"),
        "page title"
    );
    assert!(
        html.body.contains("Machines en ERP aan elkaar"),
        "meta description / pitch"
    );

    // Directory: search words, filters, kinds.
    assert_eq!(search(&app, &[]).await.total, 1);
    assert_eq!(search(&app, &[("q", "opc mqtt")]).await.total, 1);
    assert_eq!(
        search(&app, &[("q", "ERP")]).await.total,
        1,
        "case-insensitive"
    );
    assert_eq!(search(&app, &[("q", "robot")]).await.total, 0);
    assert_eq!(search(&app, &[("transition", "data")]).await.total, 1);
    assert_eq!(search(&app, &[("transition", "energy")]).await.total, 0);
    assert_eq!(search(&app, &[("region", "groningen")]).await.total, 0);
    assert_eq!(
        search(&app, &[("variant", "process"), ("technology", "mqtt")])
            .await
            .total,
        1
    );
    assert_eq!(search(&app, &[("kind", "consultant")]).await.total, 0);
    let plain = app.get("/directory?q=opc&transition=data", None).await;
    assert!(
        plain.body.contains("Noord Automatisering"),
        "works without JavaScript"
    );
}

/// The owner submits their profile again with a new pitch, for staff to review.
async fn submit_pitch(app: &TestApp, provider: &str, pitch: &str) {
    let revised = save_profile(
        app,
        Some(provider),
        &with(&[("pitch", pitch), ("intent", "submit")]),
        None,
    )
    .await;
    assert_eq!(revised.status, StatusCode::OK, "{}", revised.body);
}

/// The script nonce of a page's policy.
fn nonce_of(reply: &Reply) -> String {
    let policy = reply
        .header(header::CONTENT_SECURITY_POLICY)
        .expect("a policy");
    server::page_etag::policy_nonce(policy)
        .expect("a nonce")
        .to_string()
}

/// The directory's pages are kept as rendered for visitors without a session (issue 21). A
/// kept page is handed out again with a fresh nonce, and never once a profile changed: also
/// when another server process on the same database made the change, and also to people
/// who are logged in, who always get their own page.
#[tokio::test]
async fn kept_directory_pages_follow_every_profile_change_in_every_process() {
    let app = TestApp::new().await;
    let other = app.second_process();
    let (provider, staff, slug) = published_provider(&app).await;
    let id = profile_id(&app, &slug).await;
    let old_pitch = "Machines en ERP aan elkaar, zonder gedoe";

    // Twice the same page, each time with its own nonce in the policy and the scripts.
    let first = app.get("/directory", None).await;
    let again = app.get("/directory", None).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(again.status, StatusCode::OK);
    let (n1, n2) = (nonce_of(&first), nonce_of(&again));
    assert_ne!(n1, n2, "a kept page gets a fresh nonce");
    assert!(again.body.contains(&format!("nonce=\"{n2}\"")));
    assert!(!again.body.contains(&n1));
    assert_eq!(first.body.replace(&n1, "N"), again.body.replace(&n2, "N"));
    assert!(again.body.contains(old_pitch));
    assert_eq!(
        first.headers.get(header::ETAG),
        again.headers.get(header::ETAG)
    );
    let english = app.get("/directory", Some("sih_lang=en")).await;
    assert!(
        english.body.contains("<html lang=\"en\""),
        "the language is part of the key"
    );
    let profile_page = format!("/directory/{slug}");
    assert!(other
        .get(&profile_page, None)
        .await
        .body
        .contains(old_pitch));

    // A revision approved through the other process reaches both processes' pages at once.
    let new_pitch = "Nu ook vision-systemen voor kwaliteitscontrole";
    submit_pitch(&other, &provider, new_pitch).await;
    assert_eq!(
        review(&other, &staff, id, "approve", "").await.status,
        StatusCode::OK
    );
    for process in [&app, &other] {
        for page in ["/directory", profile_page.as_str()] {
            let shown = process.get(page, None).await;
            assert!(shown.body.contains(new_pitch), "{page}");
            assert!(!shown.body.contains(old_pitch), "{page}");
        }
    }

    // Logged in: the page with their own header, never a kept one.
    let mine = app.get("/directory", Some(&provider)).await;
    assert!(mine.body.contains("href=\"/account\""));
    assert!(!mine.body.contains("href=\"/login\""));
    let anonymous = app.get("/directory", None).await;
    assert!(anonymous.body.contains("href=\"/login\""));
    assert!(!anonymous.body.contains("href=\"/account\""));

    // Unpublished by staff: gone from the kept pages too.
    review(&app, &staff, id, "unpublish", "Bedrijf bestaat niet meer").await;
    for process in [&app, &other] {
        assert!(!process
            .get("/directory", None)
            .await
            .body
            .contains(new_pitch));
        assert_eq!(
            process.get(&profile_page, None).await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn a_revision_waits_for_staff_while_the_published_version_stays_visible() {
    let app = TestApp::new().await;
    let (provider, staff, slug) = published_provider(&app).await;
    let id = profile_id(&app, &slug).await;

    // Nothing changed: nothing to submit.
    let same = save_profile(&app, Some(&provider), &with(&[("intent", "submit")]), None).await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(same.form_error().key(), Key::ErrProfileNoChanges);

    let new_pitch = "Nu ook vision-systemen voor kwaliteitscontrole";
    submit_pitch(&app, &provider, new_pitch).await;
    assert_eq!(
        my_profile(&app, &provider).await.status,
        ProfileStatus::RevisionPending
    );
    let shown: PublicProfile = serde_json::from_str(&public(&app, &slug).await.body).unwrap();
    assert_eq!(
        shown.content.pitch,
        "Machines en ERP aan elkaar, zonder gedoe"
    );

    // Sending back needs a reason, which reaches the provider.
    let no_reason = review(&app, &staff, id, "return", "").await;
    assert_eq!(no_reason.error().key(), Key::ErrReviewReason);
    let returned = review(
        &app,
        &staff,
        id,
        "return",
        "Noem een concreet voorbeeld van vision.",
    )
    .await;
    assert_eq!(returned.status, StatusCode::OK, "{}", returned.body);
    let mine = my_profile(&app, &provider).await;
    assert_eq!(mine.status, ProfileStatus::RevisionReturned);
    assert_eq!(
        mine.review_note.as_deref(),
        Some("Noem een concreet voorbeeld van vision.")
    );
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.body_text.contains("concreet voorbeeld")));
    // Approving what is not pending is refused.
    assert_eq!(
        review(&app, &staff, id, "approve", "").await.error().key(),
        Key::ErrReviewNotPending
    );

    submit_pitch(&app, &provider, new_pitch).await;
    assert_eq!(
        review(&app, &staff, id, "approve", "").await.status,
        StatusCode::OK
    );
    let shown: PublicProfile = serde_json::from_str(&public(&app, &slug).await.body).unwrap();
    assert_eq!(shown.content.pitch, new_pitch);
    assert_eq!(shown.slug, slug, "the URL stays the same");

    // Unpublish: gone from the page and the directory, draft kept.
    assert_eq!(
        review(&app, &staff, id, "unpublish", "Bedrijf bestaat niet meer")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(public(&app, &slug).await.status, StatusCode::NOT_FOUND);
    assert_eq!(search(&app, &[]).await.total, 0);
    assert_eq!(my_profile(&app, &provider).await.draft.pitch, new_pitch);
}

#[tokio::test]
async fn bad_input_and_missing_rights_are_refused_and_change_nothing() {
    let app = TestApp::new().await;
    let provider = app.user("provider", "jan@noord-automatisering.test").await;
    let first = save_profile(&app, Some(&provider), &with(&[("intent", "save")]), None).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let before = my_profile(&app, &provider).await;

    let changed_name = ("name", "Iets Anders BV");
    type Case<'a> = (Vec<(&'a str, &'a str)>, Option<(&'a str, Vec<u8>)>, Key);
    let cases: Vec<Case> = vec![
        (
            with(&[changed_name, ("website", "javascript:alert(1)")]),
            None,
            Key::ErrProfileWebsite,
        ),
        (
            with(&[changed_name, ("transitions", "hacking")]),
            None,
            Key::ErrChoiceInvalid,
        ),
        (
            with(&[changed_name]),
            Some(("logo.svg", b"<svg onload=alert(1)/>".to_vec())),
            Key::ErrLogoType,
        ),
        (
            with(&[changed_name]),
            Some(("logo.png", b"\x89PNG\r\n\x1a\nnope".to_vec())),
            Key::ErrLogoUnreadable,
        ),
        (
            with(&[changed_name]),
            Some(("huge.png", vec![0x89; 2 * 1024 * 1024 + 10])),
            Key::ErrLogoTooLarge,
        ),
        (
            with(&[changed_name, ("pitch", ""), ("intent", "submit")]),
            None,
            Key::ErrProfilePitchMissing,
        ),
    ];
    for (fields, logo, key) in cases {
        let reply = save_profile(
            &app,
            Some(&provider),
            &fields,
            logo.as_ref().map(|(n, b)| (*n, b.as_slice())),
        )
        .await;
        assert!(
            reply.status.is_client_error(),
            "{key:?}: {} {}",
            reply.status,
            reply.body
        );
        if reply.status != StatusCode::PAYLOAD_TOO_LARGE {
            assert_eq!(reply.form_error().key(), key, "{}", reply.body);
        }
        assert_eq!(
            my_profile(&app, &provider).await,
            before,
            "{key:?} changed nothing"
        );
    }
    // A logo over the body limit is cut off before it is read.
    let too_big = vec![0x89u8; 4 * 1024 * 1024];
    let reply = save_profile(
        &app,
        Some(&provider),
        &with(&[changed_name]),
        Some(("big.png", &too_big)),
    )
    .await;
    assert!(reply.status.is_client_error(), "{}", reply.status);
    assert_eq!(my_profile(&app, &provider).await, before);

    // Not logged in, or not a provider: no profile is written.
    let anonymous = save_profile(&app, None, PROFILE, None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let company = app.user("company", "anna@zuivel.test").await;
    let wrong_kind = save_profile(&app, Some(&company), PROFILE, None).await;
    assert_eq!(wrong_kind.status, StatusCode::FORBIDDEN);
    assert_eq!(
        provider_profile::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        1
    );

    // Another provider edits only its own profile, never the first one's.
    let other = app.user("provider", "piet@andere.test").await;
    let theirs = save_profile(&app, Some(&other), &with(&[changed_name]), None).await;
    assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.body);
    assert_eq!(my_profile(&app, &provider).await, before);
    assert_eq!(my_profile(&app, &other).await.draft.name, "Iets Anders BV");
    // And cannot act as staff.
    let id = profile_id(&app, &before.slug.clone().unwrap()).await;
    assert_eq!(
        review(&app, &other, id, "approve", "").await.status,
        StatusCode::FORBIDDEN
    );

    // A consultant has a profile of their own.
    let consultant = app.user("consultant", "els@advies.test").await;
    let mine = my_profile(&app, &consultant).await;
    assert_eq!(mine.kind, app::providers::model::ProfileKind::Consultant);
    assert_eq!(mine.draft.name, "Anna de Vries");
}

/// Without JavaScript a refused profile comes back as it was typed (a long description too),
/// kept on the server for that browser and that user only, and nothing is saved.
#[tokio::test]
async fn a_refused_plain_post_comes_back_as_typed_and_saves_nothing() {
    let app = TestApp::new().await;
    let provider = app.user("provider", "jan@noord-automatisering.test").await;
    let first = save_profile(&app, Some(&provider), &with(&[("intent", "save")]), None).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let before = my_profile(&app, &provider).await;

    // Far too long for a cookie, and it must not travel in the URL.
    let description = format!(
        "Nieuw verhaal over ons bedrijf. {}",
        "Wij meten alles. ".repeat(400)
    );
    let typed = with(&[
        ("intent", "submit"),
        ("pitch", ""),
        ("name", "Noord Automatisering Nieuw"),
        ("description", &description),
        ("transitions", "people"),
    ]);
    let refused = app
        .multipart_as("/profile/save", Some(&provider), &typed, None, false)
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER, "{}", refused.body);
    let location = refused.location().expect("back to the form").to_string();
    assert!(location.starts_with("/profile?error="), "{location}");
    assert!(
        !location.contains("Nieuw"),
        "typed text stays out of the URL: {location}"
    );
    let kept = refused
        .cookie("sih_kept_form")
        .expect("a key to what was typed");
    assert_eq!(my_profile(&app, &provider).await, before, "nothing saved");

    let both = format!("{provider}; {kept}");
    let page = app.get(&location, Some(&both)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Noord Automatisering Nieuw"),
        "typed name is back"
    );
    assert!(
        page.body.contains("Wij meten alles. Wij meten alles."),
        "typed description is back"
    );

    // Not on a fresh form, not without the key, not for another user with the same key.
    let fresh = app.get("/profile", Some(&both)).await;
    assert!(!fresh.body.contains("Noord Automatisering Nieuw"));
    let without = app.get(&location, Some(&provider)).await;
    assert!(!without.body.contains("Noord Automatisering Nieuw"));
    let other = app.user("provider", "piet@andere.test").await;
    let stolen = app.get(&location, Some(&format!("{other}; {kept}"))).await;
    assert!(!stolen.body.contains("Noord Automatisering Nieuw"));
}

/// A company account with a finalised process-industry assessment whose top priority is data.
async fn company_with_results(app: &TestApp) -> (String, String) {
    let company = app.user("company", "anna@zuivel.test").await;
    let reference = app.start_assessment(Some(&company), "50-99").await;
    for (item, current) in [("data.sources", 2), ("connectivity.network", 3)] {
        let saved = app
            .answer(Some(&company), &reference, item, current, 5)
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{item}: {}", saved.body);
    }
    let prio = app
        .call_json(
            "assessment/save_priority",
            json!({"reference": reference, "transition": "data", "priority": "high"}),
            Some(&company),
        )
        .await;
    assert_eq!(prio.status, StatusCode::OK, "{}", prio.body);
    let fin = app
        .call(
            "assessment/finalise",
            &[("reference", &reference)],
            Some(&company),
        )
        .await;
    assert_eq!(fin.status, StatusCode::OK, "{}", fin.body);
    (company, reference)
}

async fn send(
    app: &TestApp,
    cookie: Option<&str>,
    reference: &str,
    slug: &str,
    message: &str,
) -> Reply {
    app.call(
        "contact/send",
        &[
            ("reference", reference),
            ("slug", slug),
            ("message", message),
            ("share_results", "on"),
        ],
        cookie,
    )
    .await
}

#[tokio::test]
async fn a_company_sees_its_matches_with_reasons_and_sends_a_contact_request() {
    let app = TestApp::new().await;
    let (provider, staff, slug) = published_provider(&app).await;
    // A second provider that stays a draft must never be matched or contacted.
    let draft_owner = app.user("provider", "piet@andere.test").await;
    save_profile(
        &app,
        Some(&draft_owner),
        &with(&[("name", "Nog Niet Klaar")]),
        None,
    )
    .await;
    let draft_slug = my_profile(&app, &draft_owner).await.slug.unwrap();

    let (company, reference) = company_with_results(&app).await;
    let reply = app
        .call(
            "assessment/matches",
            &[("reference", &reference)],
            Some(&company),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let list: MatchList = serde_json::from_str(&reply.body).unwrap();
    assert!(list.can_contact);
    assert_eq!(list.providers.len(), 1, "only published profiles");
    let m = &list.providers[0];
    assert_eq!(m.slug, slug);
    assert_eq!(
        m.score, 100,
        "covers both needs, fits variant, size and region"
    );
    assert_eq!(
        m.reasons,
        vec![
            Reason::CoversPriorities(vec!["data".into(), "connectivity".into()]),
            Reason::ServesVariant(app::assessment::model::Variant::Process),
            Reason::ServesSize("50-99".into()),
            Reason::InRegion("friesland".into()),
        ]
    );
    let results_page = app
        .get(&format!("/assessment/{reference}/results"), Some(&company))
        .await;
    assert!(
        results_page.body.contains("Noord Automatisering"),
        "matches on the results page"
    );

    // Refused: no account, a draft profile, a too-short message.
    assert_eq!(
        send(&app, None, &reference, &slug, "Graag contact over MES.")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(
            &app,
            Some(&company),
            &reference,
            &draft_slug,
            "Graag contact over MES."
        )
        .await
        .error()
        .key(),
        Key::ErrContactUnavailable
    );
    assert_eq!(
        send(&app, Some(&company), &reference, &slug, "hoi")
            .await
            .error()
            .key(),
        Key::ErrContactMessage
    );
    // Another company cannot use this assessment.
    let stranger = app.user("company", "kees@elders.test").await;
    let other_org = send(
        &app,
        Some(&stranger),
        &reference,
        &slug,
        "Graag contact over MES.",
    )
    .await;
    assert!(other_org.status.is_client_error());
    assert_eq!(
        contact_request::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    let sent = send(
        &app,
        Some(&company),
        &reference,
        &slug,
        "Wij willen onze melkontvangst koppelen aan het ERP.",
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(
        send(
            &app,
            Some(&company),
            &reference,
            &slug,
            "Nog een keer hetzelfde verzoek."
        )
        .await
        .error()
        .key(),
        Key::ErrContactDuplicate
    );
    assert_eq!(
        contact_request::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.recipient == "jan@noord-automatisering.test"
            && m.subject.contains("Zuivelfabriek De Terp")));

    // The provider sees it, with the shared summary.
    let inbox: Inbox =
        serde_json::from_str(&app.call("contact/inbox", &[], Some(&provider)).await.body).unwrap();
    assert_eq!(inbox.requests.len(), 1);
    let request = &inbox.requests[0];
    assert!(request.message.contains("melkontvangst"));
    let summary = request.summary.as_ref().expect("results shared");
    assert_eq!(summary.priorities[0].0, "data");
    // Another provider sees nothing and cannot answer it.
    let theirs: Inbox = serde_json::from_str(
        &app.call("contact/inbox", &[], Some(&draft_owner))
            .await
            .body,
    )
    .unwrap();
    assert!(theirs.requests.is_empty());
    let id = request.id.to_string();
    let hijack = app
        .call(
            "contact/reply",
            &[("id", &id), ("reply", "Wij zijn goedkoper!")],
            Some(&draft_owner),
        )
        .await;
    assert_eq!(hijack.status, StatusCode::NOT_FOUND);

    let answered = app
        .call(
            "contact/reply",
            &[("id", &id), ("reply", "Graag! Ik bel u morgen.")],
            Some(&provider),
        )
        .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.recipient == "anna@zuivel.test" && m.body_text.contains("Ik bel u morgen")));

    // Staff follow it up; nobody else may.
    let list: RequestList =
        serde_json::from_str(&app.call("staff/requests", &[], Some(&staff)).await.body).unwrap();
    assert_eq!(
        list.page.rows[0].status,
        app::contact::model::RequestStatus::InContact
    );
    assert_eq!(
        app.call(
            "staff/request_status",
            &[("id", &id), ("status", "meeting_held")],
            Some(&company)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let moved = app
        .call(
            "staff/request_status",
            &[("id", &id), ("status", "meeting_held")],
            Some(&staff),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(moved.location(), Some("/staff/requests?updated=1"));
    // From a later page of the list the staff member lands back on that page.
    let from_page = app
        .call(
            "staff/request_status",
            &[("id", &id), ("status", "meeting_held"), ("after", "12")],
            Some(&staff),
        )
        .await;
    assert_eq!(
        from_page.location(),
        Some("/staff/requests?updated=1&after=12")
    );
    assert_eq!(
        app.call(
            "staff/request_status",
            &[("id", &id), ("status", "won")],
            Some(&staff)
        )
        .await
        .error()
        .key(),
        Key::ErrChoiceInvalid
    );
    let list: RequestList =
        serde_json::from_str(&app.call("staff/requests", &[], Some(&staff)).await.body).unwrap();
    assert_eq!(
        list.page.rows[0].status,
        app::contact::model::RequestStatus::MeetingHeld
    );
    // A project started moves the company on in the dashboard's funnel, and back again when
    // staff correct it.
    let all = app::analytics::model::DashboardFilter::default();
    let funnel = || app::analytics::service::funnel_rollup(&app.db, &all);
    assert_eq!(funnel().await.unwrap().contacted, 1);
    assert_eq!(funnel().await.unwrap().project, 0);
    for (status, project) in [
        ("project_started", 1),
        ("closed", 0),
        ("project_started", 1),
    ] {
        let moved = app
            .call(
                "staff/request_status",
                &[("id", &id), ("status", status)],
                Some(&staff),
            )
            .await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
        assert_eq!(funnel().await.unwrap().project, project, "{status}");
        app.assert_funnel_kept().await;
    }
}

/// A replaced logo is deleted once neither the draft nor the published profile shows it, and
/// a picture over 2000 pixels is refused from its header (issue 16, item 11).
#[tokio::test]
async fn replaced_logos_are_deleted_and_huge_pictures_refused() {
    use app::db::entities::profile_logo;
    let app = TestApp::new().await;
    let provider = app.user("provider", "jan@noord-automatisering.test").await;
    let save = |logo: Vec<u8>| {
        let app = &app;
        let provider = provider.clone();
        async move {
            save_profile(
                app,
                Some(&provider),
                &with(&[("intent", "save")]),
                Some(("logo.png", &logo)),
            )
            .await
        }
    };
    assert_eq!(save(png(200, 100)).await.status, StatusCode::OK);
    assert_eq!(save(png(300, 100)).await.status, StatusCode::OK);
    assert_eq!(
        profile_logo::Entity::find().count(&app.db).await.unwrap(),
        1,
        "the first logo went with the change"
    );
    let huge = save(png(2001, 20)).await;
    assert_eq!(
        huge.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        huge.body
    );
    assert!(huge.body.contains("2000"), "{}", huge.body);
    assert_eq!(
        profile_logo::Entity::find().count(&app.db).await.unwrap(),
        1
    );
}
