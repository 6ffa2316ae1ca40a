//! Events over HTTP against a real database: seats are never overbooked however many sign up
//! at once, the waiting list keeps its order, a cancellation promotes exactly one, links in
//! mails work once and cannot be forged, reminders go out once, and every refusal changes
//! nothing.

mod common;

use app::db::entities::{event, event_registration};
use app::events::model::EventInput;
use app::events::service;
use app::i18n::Key;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{event_input as input, Reply, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

/// A published event; returns (id, slug).
async fn published(app: &TestApp, input: &EventInput) -> (i64, String) {
    let id = service::create(&app.ctx, input).await.expect("created");
    service::set_status(&app.ctx, id, app::events::model::EventStatus::Published)
        .await
        .expect("published");
    let slug = event::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .slug;
    (id, slug)
}

/// A visitor without an account; each from their own address (sign-ups are rate-limited per
/// client address).
async fn visitor_sign_up(app: &TestApp, id: i64, slug: &str, n: usize) -> Reply {
    app.call_from(
        "events/sign_up",
        &[
            ("event_id", &id.to_string()),
            ("slug", slug),
            ("name", &format!("Deelnemer {n}")),
            ("email", &format!("deelnemer{n}@bedrijf{}.test", n % 37)),
            ("organisation", &format!("Bedrijf {}", n % 37)),
            ("consent", "on"),
        ],
        None,
        &format!("10.1.{}.{}", n / 250, n % 250),
    )
    .await
}

fn token_in(link: &str) -> String {
    link.split("token=").nth(1).expect("token").to_string()
}

async fn statuses(app: &TestApp, id: i64) -> Vec<(String, String)> {
    event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(id))
        .order_by_asc(event_registration::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.email, r.status))
        .collect()
}

async fn seats_taken(app: &TestApp, id: i64) -> i32 {
    event::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .seats_taken
}

async fn confirm(app: &TestApp, token: &str) -> Reply {
    app.call("events/confirm", &[("token", token)], None).await
}

// Several worker threads, so the 200 confirmations really overlap (on PostgreSQL each has
// its own connection).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_at_once_for_ten_seats_gives_ten_seats_and_a_waiting_list_in_order() {
    let app = TestApp::new().await;
    let (id, slug) = published(&app, &input(10, 72)).await;
    let mut tokens = Vec::new();
    for n in 0..200 {
        let reply = visitor_sign_up(&app, id, &slug, n).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let email = format!("deelnemer{n}@bedrijf{}.test", n % 37);
        tokens.push(token_in(
            &app.link_in_mail(&email, "/signup/confirm?token=").await,
        ));
    }
    // Signing up without an account holds no seat until the link is clicked.
    assert_eq!(seats_taken(&app, id).await, 0);

    // All 200 confirm at the same moment.
    let tasks: Vec<_> = tokens
        .into_iter()
        .map(|token| {
            let router = app.router.clone();
            tokio::spawn(async move {
                let req = Request::post("/api/events/confirm")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(format!(
                        "token={}",
                        app::web::request::encode(&token)
                    )))
                    .expect("request");
                tower::ServiceExt::oneshot(router, req)
                    .await
                    .expect("router answers")
                    .status()
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap(), StatusCode::OK);
    }

    let all = statuses(&app, id).await;
    let confirmed = all.iter().filter(|(_, s)| s == "confirmed").count();
    let waiting: Vec<&(String, String)> = all.iter().filter(|(_, s)| s == "waiting").collect();
    assert_eq!(confirmed, 10, "never overbooked");
    assert_eq!(waiting.len(), 190);
    assert_eq!(seats_taken(&app, id).await, 10);
    // The waiting list is in sign-up order: positions 1..=190 follow the registration ids.
    let mut previous = 0;
    for r in event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(id))
        .filter(event_registration::Column::Status.eq("waiting"))
        .order_by_asc(event_registration::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
    {
        assert!(r.id > previous);
        previous = r.id;
    }
    // Every confirmed participant has a calendar file; every waiting one a waiting-list mail.
    let mails = app.outbox().await;
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.attachment_name.as_deref() == Some("event.ics"))
            .count(),
        10
    );
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.subject.starts_with("U staat op de wachtlijst"))
            .count(),
        190
    );
}

#[tokio::test]
async fn a_cancellation_through_the_mail_link_promotes_exactly_the_first_in_line() {
    let app = TestApp::new().await;
    let (id, slug) = published(&app, &input(2, 72)).await;
    for n in 0..5 {
        visitor_sign_up(&app, id, &slug, n).await;
        let email = format!("deelnemer{n}@bedrijf{n}.test");
        let token = token_in(&app.link_in_mail(&email, "/signup/confirm?token=").await);
        assert_eq!(confirm(&app, &token).await.status, StatusCode::OK);
    }
    let before = statuses(&app, id).await;
    assert_eq!(
        before.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(),
        ["confirmed", "confirmed", "waiting", "waiting", "waiting"]
    );
    // Clicking the confirmation link again changes nothing.
    let again = token_in(
        &app.link_in_mail("deelnemer0@bedrijf0.test", "/signup/confirm?token=")
            .await,
    );
    assert_eq!(confirm(&app, &again).await.status, StatusCode::OK);
    assert_eq!(statuses(&app, id).await, before);

    // A forged or altered link is refused and changes nothing.
    let cancel = token_in(
        &app.link_in_mail("deelnemer0@bedrijf0.test", "/signup/cancel?token=")
            .await,
    );
    let mut forged = cancel.clone();
    forged.pop();
    forged.push(if cancel.ends_with('A') { 'B' } else { 'A' });
    let refused = app
        .call("events/cancel_by_link", &[("token", &forged)], None)
        .await;
    assert_eq!(refused.error().key(), Key::ErrEventLinkInvalid);
    let confirm_as_cancel = app
        .call("events/cancel_by_link", &[("token", &again)], None)
        .await;
    assert_eq!(
        confirm_as_cancel.error().key(),
        Key::ErrEventLinkInvalid,
        "wrong purpose"
    );
    assert_eq!(statuses(&app, id).await, before);

    let done = app
        .call("events/cancel_by_link", &[("token", &cancel)], None)
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let after = statuses(&app, id).await;
    assert_eq!(
        after.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(),
        ["cancelled", "confirmed", "confirmed", "waiting", "waiting"]
    );
    assert_eq!(seats_taken(&app, id).await, 2);
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.recipient == "deelnemer2@bedrijf2.test"
            && m.subject.starts_with("Er is een plaats voor u vrijgekomen")
            && m.attachment_body
                .as_deref()
                .is_some_and(|b| b.contains("BEGIN:VEVENT"))));
    // The same link a second time: already cancelled, nobody else promoted.
    let twice = app
        .call("events/cancel_by_link", &[("token", &cancel)], None)
        .await;
    assert_eq!(twice.error().key(), Key::ErrEventAlreadyCancelled);
    assert_eq!(statuses(&app, id).await, after);

    // A waiting person who cancels frees no seat.
    let w = token_in(
        &app.link_in_mail("deelnemer3@bedrijf3.test", "/signup/cancel?token=")
            .await,
    );
    app.call("events/cancel_by_link", &[("token", &w)], None)
        .await;
    assert_eq!(seats_taken(&app, id).await, 2);
    assert_eq!(statuses(&app, id).await[4].1, "waiting");
}

#[tokio::test]
async fn refused_sign_ups_change_nothing() {
    let app = TestApp::new().await;
    let user = app.user("company", "anna@zuivel.test").await;
    let (id, slug) = published(&app, &input(5, 72)).await;
    let sign_up = |event_id: i64, slug: String| {
        let app = &app;
        let user = user.clone();
        async move {
            app.call(
                "events/sign_up",
                &[("event_id", &event_id.to_string()), ("slug", &slug)],
                Some(&user),
            )
            .await
        }
    };
    let first = sign_up(id, slug.clone()).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(first.location().unwrap().contains("signed=confirmed"));
    assert_eq!(
        sign_up(id, slug.clone()).await.error().key(),
        Key::ErrEventAlreadySignedUp
    );

    let count = || async {
        event_registration::Entity::find()
            .count(&app.db)
            .await
            .unwrap()
    };
    let before = count().await;

    // A draft, a cancelled event, a passed deadline, eligibility rules.
    let draft = service::create(&app.ctx, &input(5, 72)).await.unwrap();
    assert_eq!(
        sign_up(draft, "x".into()).await.error().key(),
        Key::ErrEventNotOpen
    );
    let (cancelled, _) = published(&app, &input(5, 72)).await;
    service::set_status(
        &app.ctx,
        cancelled,
        app::events::model::EventStatus::Cancelled,
    )
    .await
    .unwrap();
    assert_eq!(
        sign_up(cancelled, "x".into()).await.error().key(),
        Key::ErrEventCancelled
    );
    let (late, _) = published(&app, &input(5, 72)).await;
    event::Entity::update_many()
        .col_expr(
            event::Column::RegistrationDeadline,
            Expr::value(app::db::now() - 60),
        )
        .filter(event::Column::Id.eq(late))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(
        sign_up(late, "x".into()).await.error().key(),
        Key::ErrEventDeadlinePassed
    );
    let mut assessed = input(5, 72);
    assessed.eligibility = "assessed".into();
    let (assessed, _) = published(&app, &assessed).await;
    assert_eq!(
        sign_up(assessed, "x".into()).await.error().key(),
        Key::ErrEventNeedsAssessment
    );
    let mut invited = input(5, 72);
    invited.eligibility = "invitation".into();
    invited.invites = vec!["iemand.anders@zuivel.test".into()];
    let (invited, _) = published(&app, &invited).await;
    assert_eq!(
        sign_up(invited, "x".into()).await.error().key(),
        Key::ErrEventInvitationOnly
    );
    // A visitor without consent.
    let no_consent = app
        .call(
            "events/sign_up",
            &[
                ("event_id", &id.to_string()),
                ("slug", &slug),
                ("name", "Piet"),
                ("email", "piet@bedrijf.test"),
                ("organisation", "Bedrijf"),
            ],
            None,
        )
        .await;
    assert_eq!(no_consent.error().key(), Key::ErrEventConsent);
    assert_eq!(count().await, before, "nothing was written");

    // The own sign-up shows on the account's list and can be cancelled there.
    let mine: Vec<app::events::view::MySignUp> =
        serde_json::from_str(&app.call("events/mine", &[], Some(&user)).await.body).unwrap();
    assert_eq!(mine.len(), 1);
    let someone_else = app.user("company", "kees@elders.test").await;
    let hijack = app
        .call(
            "events/cancel_mine",
            &[
                ("registration_id", &mine[0].registration_id.to_string()),
                ("back", "/account"),
            ],
            Some(&someone_else),
        )
        .await;
    assert_eq!(hijack.status, StatusCode::NOT_FOUND);
    let own = app
        .call(
            "events/cancel_mine",
            &[
                ("registration_id", &mine[0].registration_id.to_string()),
                ("back", "/account"),
            ],
            Some(&user),
        )
        .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    assert_eq!(seats_taken(&app, id).await, 0);
}

#[tokio::test]
async fn the_reminder_goes_out_once_a_day_before() {
    let app = TestApp::new().await;
    let (soon, _) = published(&app, &input(5, 20)).await;
    let (later, _) = published(&app, &input(5, 72)).await;
    for event_id in [soon, later] {
        service::add_participant(
            &app.ctx,
            event_id,
            "Anna de Vries",
            "anna@zuivel.test",
            "Zuivel",
        )
        .await
        .unwrap();
    }
    assert_eq!(service::send_reminders(&app.ctx).await.unwrap(), 1);
    assert_eq!(
        service::send_reminders(&app.ctx).await.unwrap(),
        0,
        "not twice"
    );
    let reminders: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Morgen"))
        .collect();
    assert_eq!(reminders.len(), 1);
    assert!(reminders[0].body_text.contains("/signup/cancel?token="));
}

#[tokio::test]
async fn staff_create_publish_export_and_check_in_others_may_not() {
    let app = TestApp::new().await;
    let staff = app.admin("beheer@hub.test").await;
    let company = app.user("company", "anna@zuivel.test").await;
    let fields = [
        ("kind", "workshop"),
        ("title_nl", "Workshop OEE meten"),
        ("format", "hybrid"),
        ("location", "Campus Leeuwarden"),
        ("online_link", "https://meet.example.nl/oee"),
        ("capacity", "3"),
        ("language", "nl"),
        ("eligibility", "open"),
        ("themes", "data"),
        ("themes", "operations"),
        ("session1_date", "2031-03-04"),
        ("session1_start", "09:30"),
        ("session1_end", "12:00"),
    ];
    let refused = app
        .multipart("/staff/events/save", Some(&company), &fields, None)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let bad = app
        .multipart(
            "/staff/events/save",
            Some(&staff),
            &[("capacity", "0"), ("kind", "workshop")],
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(event::Entity::find().count(&app.db).await.unwrap(), 0);
    // Without JavaScript the refused form comes back as typed (sessions and themes too),
    // kept on the server, not in the URL; nothing is stored.
    let programme = "Ochtend: OEE meten aan de eigen lijn. ".repeat(120);
    let mut typed = fields.to_vec();
    typed.retain(|(k, _)| *k != "title_nl");
    typed.push(("title_nl", "OE"));
    typed.push(("description_nl", &programme));
    let plain = app
        .multipart_as("/staff/events/save", Some(&staff), &typed, None, false)
        .await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER);
    let location = plain.location().unwrap().to_string();
    assert!(
        location.starts_with("/staff/new-event?error="),
        "{location}"
    );
    let kept = plain.cookie("sih_kept_form").expect("kept");
    let form = app.get(&location, Some(&format!("{staff}; {kept}"))).await;
    assert!(form
        .body
        .contains("Ochtend: OEE meten aan de eigen lijn. Ochtend"));
    assert!(
        form.body.contains(r#"value="2031-03-04""#),
        "session date kept"
    );
    assert!(
        form.body.contains(r#"value="OE""#),
        "the refused title as typed"
    );
    // A form over the size limit says so, not that a logo (this form has none) is too large.
    let huge = "x".repeat(3 * 1024 * 1024);
    let mut oversized = fields.to_vec();
    oversized.push(("description_nl", &huge));
    let too_big = app
        .multipart("/staff/events/save", Some(&staff), &oversized, None)
        .await;
    assert_eq!(
        too_big.form_error().key(),
        app::i18n::Key::ErrTooLong,
        "{}",
        too_big.body
    );
    assert_eq!(event::Entity::find().count(&app.db).await.unwrap(), 0);

    let saved = app
        .multipart("/staff/events/save", Some(&staff), &fields, None)
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let e = event::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(e.themes, "|data|operations|");
    // 09:30 in March (winter time) is 08:30 UTC.
    assert_eq!(e.starts_at, 1_930_379_400);
    let id = e.id.to_string();
    assert_eq!(
        app.call(
            "staff/event_action",
            &[("id", &id), ("action", "publish")],
            Some(&company)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let published = app
        .call(
            "staff/event_action",
            &[("id", &id), ("action", "publish")],
            Some(&staff),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);

    // The online link is only for confirmed participants.
    let page: app::events::view::EventPage = serde_json::from_str(
        &app.call("events/event", &[("slug", &e.slug)], None)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(page.online_link, None);
    app.call(
        "events/sign_up",
        &[("event_id", &id), ("slug", &e.slug)],
        Some(&company),
    )
    .await;
    let page: app::events::view::EventPage = serde_json::from_str(
        &app.call("events/event", &[("slug", &e.slug)], Some(&company))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(
        page.online_link.as_deref(),
        Some("https://meet.example.nl/oee")
    );

    let added = app
        .call(
            "staff/event_add_participant",
            &[
                ("event_id", &id),
                ("name", "=HYPERLINK(\"x\")"),
                ("email", "piet@bedrijf.test"),
                ("organisation", "Bedrijf, BV"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let csv = app
        .get(
            &format!("/staff/events/{id}/participants.csv"),
            Some(&staff),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.contains("anna@zuivel.test"));
    assert!(
        csv.body.contains("\"Bedrijf, BV\""),
        "commas quoted: {}",
        csv.body
    );
    assert!(
        csv.body.contains("'=HYPERLINK"),
        "formulas neutralised: {}",
        csv.body
    );
    assert_eq!(
        app.get(
            &format!("/staff/events/{id}/participants.csv"),
            Some(&company)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );

    let detail: app::events::view::StaffEvent = serde_json::from_str(
        &app.call("staff/event", &[("id", &id)], Some(&staff))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(detail.counts.confirmed, 2);
    let anna = detail
        .participants
        .iter()
        .find(|p| p.email == "anna@zuivel.test")
        .unwrap();
    let checked = app
        .call(
            "staff/event_check_in",
            &[
                ("event_id", &id),
                ("registration_id", &anna.id.to_string()),
                ("present", "1"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    let detail: app::events::view::StaffEvent = serde_json::from_str(
        &app.call("staff/event", &[("id", &id)], Some(&staff))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(detail.counts.attended, 1);
    assert_eq!(detail.counts.attending_companies, 1);
    assert_eq!(detail.counts.companies, 2);
    app.assert_funnel_kept().await;

    // Cancelling the event tells everyone, with a calendar file that removes it.
    app.call(
        "staff/event_action",
        &[("id", &id), ("action", "cancel")],
        Some(&staff),
    )
    .await;
    let cancelled: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Afgelast"))
        .collect();
    assert_eq!(cancelled.len(), 2);
    assert!(cancelled[0]
        .attachment_body
        .as_deref()
        .unwrap()
        .contains("METHOD:CANCEL"));
}

#[tokio::test]
async fn results_suggest_upcoming_events_on_the_companys_priorities() {
    let app = TestApp::new().await;
    published(&app, &input(10, 72)).await; // theme: data
    let mut energy = input(10, 72);
    energy.title_nl = "Webinar energie besparen".into();
    energy.themes = vec!["energy".into()];
    published(&app, &energy).await;

    let reference = app.start_assessment(None, "50-99").await;
    app.answer(None, &reference, "data.sources", 2, 5).await;
    app.call_json(
        "assessment/save_priority",
        serde_json::json!({"reference": reference, "transition": "data", "priority": "high"}),
        None,
    )
    .await;
    app.call("assessment/finalise", &[("reference", &reference)], None)
        .await;
    let page = app
        .get(&format!("/assessment/{reference}/results"), None)
        .await;
    assert!(page.body.contains("Masterclass datagedreven produceren"));
    assert!(
        !page.body.contains("Webinar energie besparen"),
        "not a priority of this company"
    );
}

#[tokio::test]
async fn the_limit_per_organisation_also_holds_for_visitors() {
    let app = TestApp::new().await;
    let mut limited = input(10, 72);
    limited.per_organisation_limit = Some(1);
    let (id, slug) = published(&app, &limited).await;
    let visitor = |email: &'static str, organisation: &'static str| {
        let app = &app;
        let slug = slug.clone();
        async move {
            app.call(
                "events/sign_up",
                &[
                    ("event_id", &id.to_string()),
                    ("slug", &slug),
                    ("name", "Deelnemer"),
                    ("email", email),
                    ("organisation", organisation),
                    ("consent", "on"),
                ],
                None,
            )
            .await
        }
    };
    assert_eq!(
        visitor("a@kaas.test", "Kaasmakerij Noord").await.status,
        StatusCode::OK
    );
    // An unconfirmed sign-up holds no place: a colleague may still sign up…
    assert_eq!(
        visitor("b@kaas.test", "Kaasmakerij Noord").await.status,
        StatusCode::OK
    );
    // …but once one of them confirms, the organisation's place is taken, for new sign-ups
    // and for the other's confirmation alike.
    let a = token_in(
        &app.link_in_mail("a@kaas.test", "/signup/confirm?token=")
            .await,
    );
    assert_eq!(confirm(&app, &a).await.status, StatusCode::OK);
    let b = token_in(
        &app.link_in_mail("b@kaas.test", "/signup/confirm?token=")
            .await,
    );
    assert_eq!(
        confirm(&app, &b).await.error().key(),
        Key::ErrEventOrganisationLimit
    );
    assert_eq!(
        visitor("d@kaas.test", " kaasmakerij noord ")
            .await
            .error()
            .key(),
        Key::ErrEventOrganisationLimit
    );
    assert_eq!(
        visitor("c@ander.test", "Ander Bedrijf").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_failed_visitor_sign_up_keeps_consent_and_keeps_names_out_of_the_url() {
    let app = TestApp::new().await;
    let (event_id, slug) = published(&app, &input(10, 72)).await;
    let req = Request::post("/api/events/sign_up")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("http://hub.test/events/{slug}"))
        .body(Body::from(format!(
            "event_id={event_id}&slug={slug}&name=Anne+de+Vries&email=not-an-address&organisation=Metaal+BV&consent=on"
        )))
        .unwrap();
    let reply = app.request(req).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let location = reply.location().unwrap().to_string();
    assert!(location.contains("error="), "{location}");
    assert!(
        !location.contains("Anne") && !location.contains("Metaal"),
        "{location}"
    );
    let kept = reply.cookie("sih_kept").expect("kept fields cookie");
    let back = app.get(&location, Some(&kept)).await;
    assert!(back.body.contains("value=\"Anne de Vries\""), "name kept");
    assert!(
        back.body.contains("value=\"Metaal BV\""),
        "organisation kept"
    );
    let consent_input = back
        .body
        .split("name=\"consent\"")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .expect("consent checkbox");
    assert!(
        consent_input.contains("checked"),
        "consent stays ticked: {consent_input}"
    );
}

#[tokio::test]
async fn descriptions_render_markdown_and_fall_back_to_the_other_language() {
    let app = TestApp::new().await;
    let mut only_dutch = input(10, 72);
    only_dutch.description_nl = "Twee **middagen** over <script>alert(1)</script>OEE.".into();
    only_dutch.description_en = String::new();
    let (_, slug) = published(&app, &only_dutch).await;

    let dutch = app.get(&format!("/events/{slug}"), None).await;
    assert!(
        dutch.body.contains("<strong>middagen</strong>"),
        "Markdown rendered"
    );
    assert!(!dutch.body.contains("**middagen**"), "no raw Markdown");
    assert!(!dutch.body.contains("<script>alert(1)"), "sanitised");
    assert!(!dutch.body.contains("(in het Nederlands)"));

    let english = app
        .get(&format!("/events/{slug}"), Some("sih_lang=en"))
        .await;
    assert!(
        english.body.contains("<strong>middagen</strong>"),
        "the Dutch description stands in for the missing English one"
    );
    assert!(english.body.contains("(in Dutch)"), "and says so");
}

/// Issue 16, item 8: someone signs up another person's address (or made-up colleagues) without
/// confirming. That holds no seat, does not tell the real person they are "already signed up",
/// and is forgotten after a day.
#[tokio::test]
async fn an_unconfirmed_sign_up_blocks_nobody_and_is_forgotten_after_a_day() {
    let app = TestApp::new().await;
    let (id, slug) = published(&app, &input(5, 72)).await;
    let squat = app
        .call_from(
            "events/sign_up",
            &[
                ("event_id", &id.to_string()),
                ("slug", &slug),
                ("name", "Iemand Anders"),
                ("email", "anna@zuivel.test"),
                ("organisation", "Zuivel BV"),
                ("consent", "on"),
            ],
            None,
            "203.0.113.66",
        )
        .await;
    assert_eq!(squat.status, StatusCode::OK, "{}", squat.body);
    let squat_token = token_in(
        &app.link_in_mail("anna@zuivel.test", "/signup/confirm?token=")
            .await,
    );
    assert_eq!(seats_taken(&app, id).await, 0, "no seat held");

    // The real Anna signs up with her account: a seat, not "already signed up".
    let anna = app.user("company", "anna@zuivel.test").await;
    let real = app
        .call(
            "events/sign_up",
            &[("event_id", &id.to_string()), ("slug", &slug)],
            Some(&anna),
        )
        .await;
    assert_eq!(real.status, StatusCode::OK, "{}", real.body);
    assert!(real.location().unwrap().contains("signed=confirmed"));
    // Clicking the squatter's link now confirms to the place she already holds: no second seat.
    assert_eq!(confirm(&app, &squat_token).await.status, StatusCode::OK);
    assert_eq!(seats_taken(&app, id).await, 1);

    // A day later the unconfirmed row is gone, and its link says so.
    let other = app
        .call_from(
            "events/sign_up",
            &[
                ("event_id", &id.to_string()),
                ("slug", &slug),
                ("name", "Nooit Bevestigd"),
                ("email", "nooit@bedrijf.test"),
                ("organisation", "Bedrijf"),
                ("consent", "on"),
            ],
            None,
            "203.0.113.67",
        )
        .await;
    assert_eq!(other.status, StatusCode::OK);
    let late_token = token_in(
        &app.link_in_mail("nooit@bedrijf.test", "/signup/confirm?token=")
            .await,
    );
    event_registration::Entity::update_many()
        .col_expr(
            event_registration::Column::CreatedAt,
            Expr::value(app::db::now() - 25 * 3600),
        )
        .filter(event_registration::Column::Status.eq("unconfirmed"))
        .exec(&app.db)
        .await
        .unwrap();
    let pruned = service::prune_unconfirmed(&app.db).await.unwrap();
    assert_eq!(pruned, 2, "the squatter's and the late one's");
    assert_eq!(
        confirm(&app, &late_token).await.error().key(),
        Key::ErrEventLinkInvalid
    );
}

/// Issue 16, item 12: one address submitted five times at once, then every link clicked at
/// once (and each twice): one seat, every click answered with that seat.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_person_never_holds_two_places_however_many_sign_ups_and_clicks() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let (id, slug) = published(&app, &input(20, 72)).await;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..5 {
        let app = app.clone();
        let slug = slug.clone();
        tasks.spawn(async move {
            app.call_from(
                "events/sign_up",
                &[
                    ("event_id", &id.to_string()),
                    ("slug", &slug),
                    ("name", "Piet Dubbel"),
                    ("email", "piet@dubbel.test"),
                    ("organisation", "Dubbel BV"),
                    ("consent", "on"),
                ],
                None,
                &format!("10.5.0.{n}"),
            )
            .await
            .status
        });
    }
    while let Some(status) = tasks.join_next().await {
        assert_eq!(status.unwrap(), StatusCode::OK);
    }
    let tokens: Vec<String> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.recipient == "piet@dubbel.test")
        .map(|m| {
            let start = m.body_text.find("token=").expect("link") + 6;
            m.body_text[start..]
                .split_whitespace()
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(tokens.len(), 5);
    let mut clicks = tokio::task::JoinSet::new();
    for token in tokens.iter().chain(tokens.iter()) {
        let app = app.clone();
        let token = token.clone();
        clicks.spawn(async move { confirm(&app, &token).await });
    }
    while let Some(reply) = clicks.join_next().await {
        let reply = reply.unwrap();
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let holding: Vec<(String, String)> = statuses(&app, id)
        .await
        .into_iter()
        .filter(|(_, s)| s == "confirmed" || s == "waiting")
        .collect();
    assert_eq!(holding.len(), 1, "{holding:?}");
    assert_eq!(seats_taken(&app, id).await, 1);

    // A logged-in user's simultaneous sign-ups: one place, the others told so.
    let anna = app.user("company", "anna@parallel.test").await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..5 {
        let app = app.clone();
        let anna = anna.clone();
        let slug = slug.clone();
        tasks.spawn(async move {
            app.call(
                "events/sign_up",
                &[("event_id", &id.to_string()), ("slug", &slug)],
                Some(&anna),
            )
            .await
        });
    }
    let mut placed = 0;
    while let Some(reply) = tasks.join_next().await {
        let reply = reply.unwrap();
        if reply.status == StatusCode::OK {
            placed += 1;
        } else {
            assert_eq!(
                reply.error().key(),
                Key::ErrEventAlreadySignedUp,
                "{}",
                reply.body
            );
        }
    }
    assert_eq!(placed, 1);
    assert_eq!(seats_taken(&app, id).await, 2);
}

// Colleagues confirming at the same moment: each decision counts the organisation's places
// and takes one, and no two may count at once (on PostgreSQL each click has its own
// connection and really overlaps).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn colleagues_confirming_at_once_get_no_more_than_the_organisations_places() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let mut limited = input(30, 72);
    limited.per_organisation_limit = Some(2);
    let (id, slug) = published(&app, &limited).await;
    for n in 0..10 {
        let reply = app
            .call_from(
                "events/sign_up",
                &[
                    ("event_id", &id.to_string()),
                    ("slug", &slug),
                    ("name", &format!("Collega {n}")),
                    ("email", &format!("collega{n}@zuivel.test")),
                    ("organisation", "Zuivel Samen BV"),
                    ("consent", "on"),
                ],
                None,
                &format!("10.6.0.{n}"),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let mut tokens = Vec::new();
    for n in 0..10 {
        let link = app
            .link_in_mail(&format!("collega{n}@zuivel.test"), "/signup/confirm?token=")
            .await;
        tokens.push(token_in(&link));
    }
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(tokens.len()));
    let mut clicks = tokio::task::JoinSet::new();
    for token in tokens {
        let (app, start) = (app.clone(), start.clone());
        clicks.spawn(async move {
            start.wait().await;
            confirm(&app, &token).await
        });
    }
    let (mut placed, mut refused) = (0, 0);
    while let Some(reply) = clicks.join_next().await {
        let reply = reply.unwrap();
        if reply.status == StatusCode::OK {
            placed += 1;
        } else {
            assert_eq!(
                reply.error().key(),
                Key::ErrEventOrganisationLimit,
                "{}",
                reply.body
            );
            refused += 1;
        }
    }
    assert_eq!((placed, refused), (2, 8));
    let holding = statuses(&app, id)
        .await
        .into_iter()
        .filter(|(_, s)| s == "confirmed" || s == "waiting")
        .count();
    assert_eq!(holding, 2);
    assert_eq!(seats_taken(&app, id).await, 2);
}
