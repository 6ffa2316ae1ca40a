//! The assessment over HTTP against a real database: the company's journey and every way of
//! answering wrongly or without the right to.

mod common;

use app::assessment::view::{Overview, Results, TransitionSheet};
use app::i18n::Key;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::TestApp;
use serde_json::json;

async fn start(app: &TestApp, cookie: Option<&str>) -> String {
    start_sized(app, cookie, "50-99").await
}

async fn start_sized(app: &TestApp, cookie: Option<&str>, size_class: &str) -> String {
    let reference = app.start_assessment(cookie, size_class).await;
    assert!(
        reference.starts_with('r') && reference.len() > 40,
        "{reference}"
    );
    reference
}

async fn answer(
    app: &TestApp,
    reference: &str,
    item: &str,
    current: Option<u8>,
    ambition: Option<u8>,
) -> common::Reply {
    app.call_json(
        "assessment/save_answer",
        json!({"reference": reference, "item_key": item, "current": current, "ambition": ambition,
               "not_applicable": false, "comment": ""}),
        None,
    )
    .await
}

async fn sheet(
    app: &TestApp,
    reference: &str,
    transition: &str,
    cookie: Option<&str>,
) -> TransitionSheet {
    let reply = app
        .call(
            "assessment/transition",
            &[("reference", reference), ("transition", transition)],
            cookie,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("sheet JSON")
}

#[tokio::test]
async fn anonymous_start_answer_resume_claim_finalise_results() {
    let app = TestApp::new().await;
    let reference = start(&app, None).await;

    assert_eq!(
        answer(&app, &reference, "data.sources", Some(2), Some(4))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        answer(&app, &reference, "data.quality", Some(1), Some(3))
            .await
            .status,
        StatusCode::OK
    );
    let na = app
        .call_json(
            "assessment/save_answer",
            json!({"reference": reference, "item_key": "data.sharing", "current": null, "ambition": null,
                   "not_applicable": true, "comment": "Geen ketenpartners"}),
            None,
        )
        .await;
    assert_eq!(na.status, StatusCode::OK);
    let prio = app
        .call_json(
            "assessment/save_priority",
            json!({"reference": reference, "transition": "data", "priority": "high"}),
            None,
        )
        .await;
    assert_eq!(prio.status, StatusCode::OK, "{}", prio.body);

    // A new session (no cookies at all) resumes with the link alone and sees every answer.
    let resumed = sheet(&app, &reference, "data", None).await;
    assert_eq!(resumed.answers.len(), 3);
    let sources = resumed
        .answers
        .iter()
        .find(|a| a.item_key == "data.sources")
        .unwrap();
    assert_eq!((sources.current, sources.ambition), (Some(2), Some(4)));
    assert_eq!(
        resumed.priority,
        Some(app::assessment::model::Priority::High)
    );
    let data_progress = resumed.progress.iter().find(|p| p.key == "data").unwrap();
    assert_eq!((data_progress.answered, data_progress.items), (3, 5));

    // Claim into an account's organisation, then finalise.
    let cookie = app.user("company", "sjoerd@deterp.nl").await;
    let claim = app
        .call(
            "assessment/claim",
            &[("reference", &reference)],
            Some(&cookie),
        )
        .await;
    assert_eq!(claim.status, StatusCode::OK, "{}", claim.body);
    let mine = app.call("assessment/mine", &[], Some(&cookie)).await;
    assert!(mine.body.contains("Zuivelfabriek De Terp"), "{}", mine.body);
    // The resume link is retired: it neither reads nor writes any more, and says why.
    let old = app
        .call("assessment/overview", &[("reference", &reference)], None)
        .await;
    assert_eq!(old.error().key(), Key::ErrAssessmentMoved);
    let write = app.answer(None, &reference, "data.sources", 5, 5).await;
    assert_eq!(write.error().key(), Key::ErrAssessmentMoved);
    let old_page = app.get(&format!("/assessment/{reference}"), None).await;
    assert!(
        old_page.body.contains("verhuisd naar het account"),
        "shown on the page"
    );
    // The company continues through its account.
    let reference = claim
        .location()
        .expect("to the claimed assessment")
        .trim_start_matches("/assessment/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    assert!(reference.starts_with('o'), "{reference}");
    let overview: Overview = serde_json::from_str(
        &app.call(
            "assessment/overview",
            &[("reference", &reference)],
            Some(&cookie),
        )
        .await
        .body,
    )
    .unwrap();
    assert_eq!(
        overview.organisation_name.as_deref(),
        Some("Metaalbewerking Noord BV")
    );

    let fin = app
        .call(
            "assessment/finalise",
            &[("reference", &reference)],
            Some(&cookie),
        )
        .await;
    assert_eq!(fin.status, StatusCode::OK, "{}", fin.body);
    let results: Results = serde_json::from_str(
        &app.call(
            "assessment/results",
            &[("reference", &reference)],
            Some(&cookie),
        )
        .await
        .body,
    )
    .unwrap();
    let data = results
        .scores
        .transitions
        .iter()
        .find(|t| t.transition_key == "data")
        .unwrap();
    // Levels 2 and 1 → 25 and 0 → 12.5 → 13; ambitions 4 and 3 → 75 and 50 → 62.5 → 63.
    assert_eq!(
        (data.current, data.ambition, data.gap),
        (Some(13), Some(63), Some(50))
    );
    assert_eq!(results.priorities[0].transition_key, "data");
    assert!(
        !results.priorities[0].next_steps.is_empty(),
        "next levels are described"
    );

    // The organisation's own reference works for its members, not for others.
    let org_ref = format!(
        "o{}",
        mine.body
            .split("\"reference\":\"o")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
    );
    assert_eq!(
        app.call(
            "assessment/overview",
            &[("reference", &org_ref)],
            Some(&cookie)
        )
        .await
        .status,
        StatusCode::OK
    );
    let other = app.user("company", "other@elders.nl").await;
    let refused = app
        .call(
            "assessment/overview",
            &[("reference", &org_ref)],
            Some(&other),
        )
        .await;
    assert_eq!(refused.error().key(), Key::ErrAssessmentNotFound);
    let anonymous = app
        .call("assessment/overview", &[("reference", &org_ref)], None)
        .await;
    assert_eq!(anonymous.error().key(), Key::ErrAssessmentNotFound);
}

#[tokio::test]
async fn bad_answers_are_refused_and_change_nothing() {
    let app = TestApp::new().await;
    let reference = start(&app, None).await;
    answer(&app, &reference, "data.sources", Some(2), Some(3)).await;

    for (item, current, ambition, key) in [
        ("data.sources", Some(0), Some(3), Key::ErrLevelOutOfRange),
        ("data.sources", Some(2), Some(6), Key::ErrLevelOutOfRange),
        (
            "data.sources",
            Some(4),
            Some(2),
            Key::ErrAmbitionBelowCurrent,
        ),
        ("no.such.item", Some(2), Some(3), Key::ErrItemUnknown),
        // An item of another variant's questionnaire.
        (
            "digital_factory.design",
            Some(2),
            Some(3),
            Key::ErrItemUnknown,
        ),
    ] {
        let reply = answer(&app, &reference, item, current, ambition).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{item}");
        assert_eq!(reply.error().key(), key, "{item}");
    }
    let wrong_token = answer(
        &app,
        "rthis-is-not-a-real-resume-token-at-all",
        "data.sources",
        Some(5),
        Some(5),
    )
    .await;
    assert_eq!(wrong_token.error().key(), Key::ErrAssessmentNotFound);

    let after = sheet(&app, &reference, "data", None).await;
    assert_eq!(after.answers.len(), 1);
    assert_eq!(
        (after.answers[0].current, after.answers[0].ambition),
        (Some(2), Some(3)),
        "unchanged"
    );

    let unknown_transition = app
        .call(
            "assessment/transition",
            &[("reference", &reference), ("transition", "bakery")],
            None,
        )
        .await;
    assert_eq!(unknown_transition.error().key(), Key::ErrTransitionUnknown);
}

/// Two people on the same page: each autosave (of an answer or of the priority) hands back
/// the page's answers and priority as stored, so the second person's page takes the first
/// person's on its next save; answers of other pages are not sent.
#[tokio::test]
async fn an_autosave_hands_back_the_pages_answers_and_priority_as_stored() {
    use app::assessment::plain::StoredPage;
    let app = TestApp::new().await;
    let reference = start(&app, None).await;
    answer(&app, &reference, "strategy.vision", Some(3), Some(4)).await;
    answer(&app, &reference, "data.sources", Some(2), Some(2)).await;
    let priority = |code: &'static str| {
        let (app, reference) = (&app, reference.clone());
        async move {
            app.call_json(
                "assessment/save_priority",
                json!({"reference": reference, "transition": "strategy", "priority": code}),
                None,
            )
            .await
        }
    };
    // One person chooses the strategy page's priority: the reply is that page.
    let chosen = priority("high").await;
    assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.body);
    let page: StoredPage = serde_json::from_str(&chosen.body).unwrap();
    assert_eq!(
        (page.transition.as_str(), page.priority.as_str()),
        ("strategy", "high")
    );
    assert_eq!(page.answers.len(), 1, "the strategy page's answer only");
    // The other person changes their own question on the strategy page.
    let reply = answer(
        &app,
        &reference,
        "strategy.business_model",
        Some(1),
        Some(5),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let mut page: StoredPage = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(
        (page.transition.as_str(), page.priority.as_str()),
        ("strategy", "high")
    );
    page.answers.sort_by(|a, b| a.item_key.cmp(&b.item_key));
    let got: Vec<(&str, Option<u8>, Option<u8>)> = page
        .answers
        .iter()
        .map(|a| (a.item_key.as_str(), a.current, a.ambition))
        .collect();
    assert_eq!(
        got,
        [
            ("strategy.business_model", Some(1), Some(5)),
            ("strategy.vision", Some(3), Some(4)),
        ]
    );
    // No priority any more: the reply says so.
    let cleared: StoredPage = serde_json::from_str(&priority("").await.body).unwrap();
    assert_eq!(cleared.priority, "");
    let page: StoredPage = serde_json::from_str(
        &answer(&app, &reference, "strategy.vision", Some(2), Some(4))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(page.priority, "");
}

/// A transition page carries every transition shown, with every answer and priority stored,
/// for the runner that moves between them in the browser; the page's own part is unchanged.
#[tokio::test]
async fn a_transition_page_carries_the_whole_questionnaire_for_the_runner() {
    let app = TestApp::new().await;
    let reference = start(&app, None).await;
    answer(&app, &reference, "strategy.vision", Some(3), Some(4)).await;
    answer(&app, &reference, "data.sources", Some(2), Some(5)).await;
    let chosen = app
        .call_json(
            "assessment/save_priority",
            json!({"reference": reference, "transition": "data", "priority": "high"}),
            None,
        )
        .await;
    assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.body);
    let page = sheet(&app, &reference, "strategy", None).await;
    assert_eq!(page.answers.len(), 1, "the page's own answers");
    assert_eq!(page.priority, None);
    let whole = &page.whole;
    let keys: Vec<&str> = whole.transitions.iter().map(|t| t.key.as_str()).collect();
    let shown: Vec<&str> = page.progress.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys, shown, "every transition shown, in order");
    let mut answered: Vec<(&str, Option<u8>)> = whole
        .answers
        .iter()
        .map(|a| (a.item_key.as_str(), a.current))
        .collect();
    answered.sort();
    assert_eq!(
        answered,
        [("data.sources", Some(2)), ("strategy.vision", Some(3))]
    );
    assert_eq!(
        whole.priorities,
        [("data".to_string(), app::assessment::model::Priority::High)]
    );
    assert!(
        !whole.conditional,
        "the shipped questionnaires show every question"
    );
}

#[tokio::test]
async fn a_finalised_assessment_is_locked() {
    let app = TestApp::new().await;
    let reference = start(&app, None).await;
    let empty = app
        .call("assessment/finalise", &[("reference", &reference)], None)
        .await;
    assert_eq!(
        empty.error().key(),
        Key::ErrNothingAnswered,
        "nothing answered yet"
    );
    answer(&app, &reference, "strategy.vision", Some(3), Some(4)).await;
    assert_eq!(
        app.call("assessment/finalise", &[("reference", &reference)], None)
            .await
            .status,
        StatusCode::OK
    );

    let change = answer(&app, &reference, "strategy.vision", Some(5), Some(5)).await;
    assert_eq!(change.error().key(), Key::ErrAssessmentFinal);
    let again = app
        .call("assessment/finalise", &[("reference", &reference)], None)
        .await;
    assert_eq!(again.error().key(), Key::ErrAssessmentFinal);
    let s = sheet(&app, &reference, "strategy", None).await;
    assert!(s.finalised);
    assert_eq!(s.answers[0].current, Some(3), "unchanged");
}

#[tokio::test]
async fn the_plain_form_saves_a_whole_page_without_javascript() {
    let app = TestApp::new().await;
    let reference = start(&app, None).await;
    let body = format!(
        "reference={reference}&transition=energy&next=%2Fassessment%2F{reference}%2Ft%2Fperformance\
         &current%3Aenergy.metering=2&ambition%3Aenergy.metering=4&comment%3Aenergy.metering=Slimme+meters+komen\
         &na%3Aenergy.circularity=on&priority=medium"
    );
    let req = Request::post("/assessment/form")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let reply = app.request(req).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reply.location(),
        Some(format!("/assessment/{reference}/t/performance").as_str())
    );
    let s = sheet(&app, &reference, "energy", None).await;
    assert_eq!(s.answers.len(), 2);
    assert_eq!(s.priority, Some(app::assessment::model::Priority::Medium));

    // A bad level on the page: back to the page with the message, nothing of the page saved.
    let body = format!(
        "reference={reference}&transition=energy&next=%2F&current%3Aenergy.optimisation=3&ambition%3Aenergy.optimisation=1"
    );
    let req = Request::post("/assessment/form")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let reply = app.request(req).await;
    assert_eq!(
        reply.location(),
        Some(format!("/assessment/{reference}/t/energy?error=err_ambition_below_current").as_str())
    );
    assert_eq!(
        sheet(&app, &reference, "energy", None).await.answers.len(),
        2
    );
}

#[tokio::test]
async fn assessment_pages_render_on_the_server() {
    let app = TestApp::new().await;
    let reference = start(&app, None).await;
    answer(&app, &reference, "data.sources", Some(2), Some(4)).await;
    let page = app
        .get(&format!("/assessment/{reference}/t/data"), None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Datamanagement"), "transition name");
    assert!(
        page.body.contains("name=\"current:data.sources\""),
        "level pickers as form fields"
    );
    app.call("assessment/finalise", &[("reference", &reference)], None)
        .await;
    let results = app
        .get(&format!("/assessment/{reference}/results"), None)
        .await;
    assert!(
        results.body.contains("<svg"),
        "the radar chart is server-rendered"
    );
    assert!(
        results.body.contains("<table"),
        "with a table as text alternative"
    );
}

/// Finalises an assessment as `cookie` (or by its link) and expects it to succeed.
async fn finalise(app: &TestApp, reference: &str, cookie: Option<&str>) {
    let fin = app
        .call("assessment/finalise", &[("reference", reference)], cookie)
        .await;
    assert_eq!(fin.status, StatusCode::OK, "{}", fin.body);
}

async fn finalised_with(app: &TestApp, cookie: Option<&str>, level: u8) -> String {
    finalised_sized(app, cookie, "50-99", level).await
}

async fn finalised_sized(app: &TestApp, cookie: Option<&str>, size: &str, level: u8) -> String {
    let reference = start_sized(app, cookie, size).await;
    answer(app, &reference, "data.sources", Some(level), Some(5)).await;
    finalise(app, &reference, None).await;
    reference
}

/// A peer that counts in benchmarks (the plausibility gate): a company's own assessment,
/// finalised by its member. `n` makes each company distinct.
async fn counted_peer(app: &TestApp, n: usize, size: &str, level: u8) -> String {
    let cookie = app
        .user("company", &format!("peer{n}@bedrijf{n}.test"))
        .await;
    let reference = start_sized(app, Some(&cookie), size).await;
    answer(app, &reference, "data.sources", Some(level), Some(5)).await;
    finalise(app, &reference, Some(&cookie)).await;
    reference
}

async fn results_of(app: &TestApp, reference: &str) -> Results {
    let reply = app
        .call("assessment/results", &[("reference", reference)], None)
        .await;
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

#[tokio::test]
async fn peer_benchmark_appears_only_with_five_others() {
    let app = TestApp::new().await;
    // Four peers at levels 1..=4 on data.sources: scores 0, 25, 50, 75.
    for level in 1..=4 {
        counted_peer(&app, level as usize, "50-99", level).await;
    }
    // Scripted-looking ones (anonymous, finalised within seconds) do not count.
    for level in [1, 1, 1] {
        finalised_with(&app, None, level).await;
    }
    let mine = counted_peer(&app, 5, "50-99", 5).await;
    assert!(
        results_of(&app, &mine).await.peer.is_none(),
        "four others are too few"
    );
    let fifth = counted_peer(&app, 6, "50-99", 1).await;
    let with_peers = results_of(&app, &mine).await;
    let peer = with_peers.peer.expect("five others: benchmark shown");
    assert_eq!(peer.count, 5);
    // (0 + 25 + 50 + 75 + 0) / 5 = 30, the assessment itself left out.
    assert_eq!(peer.get("data").map(|(c, _)| c), Some(30));
    let other_view = results_of(&app, &fifth)
        .await
        .peer
        .expect("also five others");
    // (0 + 25 + 50 + 75 + 100) / 5 = 50.
    assert_eq!(other_view.get("data").map(|(c, _)| c), Some(50));
}

/// The peer benchmark as it was computed before the roll-ups served it: an `AVG … GROUP BY`
/// over the score rows of every other counted, finalised assessment of the variant. Kept
/// here as the reference the roll-up answer must equal.
async fn peer_by_average(
    app: &TestApp,
    id: i64,
    size_class: Option<&str>,
) -> Option<Vec<(String, u8, u8, u64)>> {
    use sea_orm::{ConnectionTrait, Statement};
    let size = size_class
        .map(|s| format!(" AND a.size_class = '{s}'"))
        .unwrap_or_default();
    let sql = format!(
        "SELECT s.transition_key, CAST(AVG(s.current_score) AS DOUBLE PRECISION) AS cur, \
           CAST(AVG(s.ambition_score) AS DOUBLE PRECISION) AS amb, \
           COUNT(DISTINCT s.assessment_id) AS n \
         FROM assessment_score s JOIN assessment a ON a.id = s.assessment_id \
         WHERE a.variant = 'process' AND a.status = 'final' AND a.counted = TRUE \
           AND a.id <> {id}{size} GROUP BY s.transition_key ORDER BY s.transition_key"
    );
    let backend = app.db.get_database_backend();
    let rows = app
        .db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .expect("reference query");
    let rows: Vec<(String, f64, f64, i64)> = rows
        .iter()
        .map(|r| {
            (
                r.try_get("", "transition_key").expect("key"),
                r.try_get("", "cur").expect("cur"),
                r.try_get("", "amb").expect("amb"),
                r.try_get("", "n").expect("n"),
            )
        })
        .collect();
    let count = rows.iter().map(|r| r.3).max().unwrap_or(0) as u64;
    (count >= 5).then(|| {
        rows.into_iter()
            .filter(|r| r.3 >= 5)
            .map(|(k, c, a, _)| (k, c.round() as u8, a.round() as u8, count))
            .collect()
    })
}

fn peer_as_rows(
    peer: Option<app::assessment::view::ScoreSet>,
) -> Option<Vec<(String, u8, u8, u64)>> {
    peer.map(|p| {
        let mut rows: Vec<_> = p
            .transitions
            .into_iter()
            .map(|(k, c, a)| (k, c, a, p.count))
            .collect();
        rows.sort();
        rows
    })
}

#[tokio::test]
async fn the_peer_benchmark_from_the_roll_ups_equals_the_average_over_the_scores() {
    let app = TestApp::new().await;
    // Fourteen companies of two sizes on three transitions, not every one answering each
    // (so transitions have different numbers behind them), with ambitions that average to
    // halves; and anonymous quick ones that do not count.
    for n in 0..14u8 {
        let cookie = app
            .user("company", &format!("pariteit{n}@bedrijf{n}.test"))
            .await;
        let size = if n % 3 == 0 { "20-49" } else { "50-99" };
        let reference = start_sized(&app, Some(&cookie), size).await;
        answer(&app, &reference, "data.sources", Some(1 + n % 5), Some(5)).await;
        answer(
            &app,
            &reference,
            "data.quality",
            Some(1 + (n * 2) % 5),
            Some(2 + n % 4),
        )
        .await;
        if n % 2 == 0 {
            answer(
                &app,
                &reference,
                "strategy.vision",
                Some(1 + (n * 3) % 5),
                Some(5),
            )
            .await;
        }
        if n % 4 == 1 {
            answer(&app, &reference, "energy.metering", Some(2), Some(3)).await;
        }
        finalise(&app, &reference, Some(&cookie)).await;
    }
    for level in [1, 5] {
        finalised_with(&app, None, level).await;
    }
    // A draft sees every counted one.
    start(&app, None).await;

    let admin = app.admin("beheer@pariteit.test").await;
    use app::db::entities::assessment;
    use sea_orm::EntityTrait;
    let all = assessment::Entity::find()
        .all(&app.db)
        .await
        .expect("assessments");
    assert_eq!(all.len(), 17);
    let mut compared = 0;
    for a in all {
        let reply = app
            .call(
                "assessment/results",
                &[("reference", &format!("o{}", a.id))],
                Some(&admin),
            )
            .await;
        if a.status != "final" {
            continue;
        }
        let results: Results =
            serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body));
        assert_eq!(
            peer_as_rows(results.peer),
            peer_by_average(&app, a.id, None).await,
            "assessment {}",
            a.id
        );
        assert_eq!(
            peer_as_rows(results.peer_same_size),
            peer_by_average(&app, a.id, Some(&a.size_class)).await,
            "assessment {} among {}",
            a.id,
            a.size_class
        );
        compared += 1;
    }
    assert_eq!(compared, 16);
}

#[tokio::test]
async fn a_repeat_assessment_shows_the_change_against_the_previous_one() {
    let app = TestApp::new().await;
    let cookie = app.user("company", "wiebe@kaas.nl").await;
    let t1 = finalised_with(&app, Some(&cookie), 2).await;
    assert!(results_of(&app, &t1).await.previous.is_none());
    // Finalised in a later second, so the order of T1 and T2 is unambiguous.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let t2 = finalised_with(&app, Some(&cookie), 4).await;
    let results = results_of(&app, &t2).await;
    let previous = results.previous.expect("T1 is shown beside T2");
    assert_eq!(previous.get("data").map(|(c, _)| c), Some(25));
    let now = results
        .scores
        .transitions
        .iter()
        .find(|t| t.transition_key == "data")
        .unwrap();
    assert_eq!(now.current, Some(75));
    // An assessment without an organisation has no history.
    let anonymous = finalised_with(&app, None, 3).await;
    assert!(results_of(&app, &anonymous).await.previous.is_none());
}

#[tokio::test]
async fn the_same_size_benchmark_counts_only_companies_of_that_size() {
    let app = TestApp::new().await;
    for level in 1..=5 {
        counted_peer(&app, level as usize, "20-49", level).await;
    }
    let mine = finalised_sized(&app, None, "50-99", 3).await;
    let first = results_of(&app, &mine).await;
    assert_eq!(first.peer.expect("five of the variant").count, 5);
    assert!(
        first.peer_same_size.is_none(),
        "none of them has our size class"
    );
    for (n, level) in [1, 1, 1, 1, 5].into_iter().enumerate() {
        counted_peer(&app, 10 + n, "50-99", level).await;
    }
    let second = results_of(&app, &mine).await;
    assert_eq!(second.peer.expect("ten of the variant").count, 10);
    let same = second.peer_same_size.expect("five of our size");
    assert_eq!(same.count, 5);
    // (0 + 0 + 0 + 0 + 100) / 5 = 20.
    assert_eq!(same.get("data").map(|(c, _)| c), Some(20));
}

#[tokio::test]
async fn staff_fill_in_an_assessment_and_hand_it_to_the_company() {
    use app::assessment::view::AssessmentSummary;
    use app::db::entities::assessment_answer;
    use sea_orm::EntityTrait;

    let app = TestApp::new().await;
    let staff = app.admin("beheer@hub.test").await;
    let staff_id = app.current_user(&staff).await.expect("staff").id;
    // Staff start and answer (over as many visits as they like, through the resume link).
    let reference = start(&app, Some(&staff)).await;
    let saved = app
        .call_json(
            "assessment/save_answer",
            json!({"reference": reference, "item_key": "data.sources", "current": 2, "ambition": 4,
                   "not_applicable": false, "comment": "Samen met de plantmanager"}),
            Some(&staff),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);

    let company = app.user("company", "anna@zuivel.test").await;
    let id = app::assessment::service::resolve(&app.ctx, &reference, None)
        .await
        .expect("the assessment")
        .id;
    // Staff keep reaching it by id once the resume link is retired by the hand-over.
    let by_id = format!("o{id}");
    let hand_over = |email: &'static str, cookie: String| {
        let app = &app;
        let reference = by_id.clone();
        async move {
            app.call(
                "assessment/hand_over",
                &[("reference", &reference), ("email", email)],
                Some(&cookie),
            )
            .await
        }
    };
    // Only staff hand over; only to a company account.
    assert_eq!(
        hand_over("anna@zuivel.test", company.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        hand_over("niemand@nergens.test", staff.clone())
            .await
            .error()
            .key(),
        Key::ErrHandOverNoCompany
    );
    app.user("provider", "jan@leverancier.test").await;
    assert_eq!(
        hand_over("jan@leverancier.test", staff.clone())
            .await
            .error()
            .key(),
        Key::ErrHandOverNoCompany
    );
    let mine = |cookie: String| {
        let app = &app;
        async move {
            let reply = app.call("assessment/mine", &[], Some(&cookie)).await;
            serde_json::from_str::<Vec<AssessmentSummary>>(&reply.body).expect("list")
        }
    };
    assert!(
        mine(company.clone()).await.is_empty(),
        "nothing changed yet"
    );

    let done = hand_over("anna@zuivel.test", staff.clone()).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    // The link staff filled it in with no longer opens it, for staff or anyone else.
    let old = app
        .call(
            "assessment/overview",
            &[("reference", &reference)],
            Some(&staff),
        )
        .await;
    assert_eq!(old.error().key(), Key::ErrAssessmentMoved);
    let list = mine(company.clone()).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].company_name, "Zuivelfabriek De Terp");
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.recipient == "anna@zuivel.test"
            && m.body_text
                .contains(&format!("/assessment/{}", list[0].reference))));
    // Who answered is kept.
    let answer = assessment_answer::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .expect("answer stored");
    assert_eq!(answer.answered_by, Some(staff_id));
    // Another company cannot be given it now.
    app.user("company", "kees@elders.test").await;
    assert_eq!(
        hand_over("kees@elders.test", staff.clone())
            .await
            .error()
            .key(),
        Key::ErrHandOverOwned
    );
    assert_eq!(mine(company).await.len(), 1);
}

#[tokio::test]
async fn private_pages_are_never_indexed_and_robots_txt_says_so() {
    let app = TestApp::new().await;
    let reference = start(&app, None).await;
    for path in [
        format!("/assessment/{reference}"),
        format!("/assessment/{reference}/results"),
        "/account".to_string(),
        "/staff/dashboard".to_string(),
    ] {
        let page = app.get(&path, None).await;
        assert_eq!(
            page.header("x-robots-tag"),
            Some("noindex, nofollow"),
            "{path}"
        );
    }
    for path in ["/", "/directory", "/events", "/assessment"] {
        let page = app.get(path, None).await;
        assert!(
            page.headers.get("x-robots-tag").is_none(),
            "{path} is public"
        );
    }
    let robots = app.get("/robots.txt", None).await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(
        robots.body.contains("Disallow: /assessment/"),
        "{}",
        robots.body
    );
    assert!(robots.body.contains("Disallow: /staff"), "{}", robots.body);
}

#[tokio::test]
async fn the_offline_worker_is_served_with_the_files_it_keeps_and_a_policy_that_lets_it_fetch() {
    let app = TestApp::new().await;
    let worker = app.get("/sw.js", None).await;
    assert_eq!(worker.status, StatusCode::OK);
    let header = |name: &str| worker.header(name).unwrap_or_default().to_string();
    assert!(
        header("content-type").starts_with("text/javascript"),
        "{}",
        header("content-type")
    );
    // Browsers look for a new worker on every visit; no cache may hold an old one for long.
    assert_eq!(header("cache-control"), "no-cache");
    // The worker fetches pages and files of our own origin, and nothing else.
    assert_eq!(
        header("content-security-policy"),
        "default-src 'self'; frame-ancestors 'none'"
    );
    assert!(
        worker.body.starts_with("const VERSION = '"),
        "{}",
        &worker.body[..80]
    );
    assert!(
        worker.body.contains("\"/favicon.svg\""),
        "the files the pages run on"
    );
    assert!(
        worker.body.contains("/pkg/sih"),
        "the module and stylesheet"
    );
    // The same build serves the same worker, so browsers do not replace it for nothing.
    assert_eq!(app.get("/sw.js", None).await.body, worker.body);
}

#[tokio::test]
async fn the_resume_link_can_be_mailed_to_oneself_a_few_times() {
    let app = TestApp::new().await;
    let reference = start(&app, None).await;
    let refused = app
        .call(
            "assessment/mail_resume_link",
            &[("reference", &reference), ("email", "geen-adres")],
            None,
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        app.outbox().await.is_empty(),
        "nothing sent for a bad address"
    );

    for _ in 0..3 {
        let sent = app
            .call(
                "assessment/mail_resume_link",
                &[("reference", &reference), ("email", "piet@terp.nl")],
                None,
            )
            .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    }
    let link = app.link_in_mail("piet@terp.nl", "/assessment/").await;
    assert!(link.ends_with(&reference), "{link}");
    // Then the limit per assessment holds: no mail bombing through someone's link.
    let limited = app
        .call(
            "assessment/mail_resume_link",
            &[("reference", &reference), ("email", "piet@terp.nl")],
            None,
        )
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.outbox().await.len(), 3);

    let unknown = app
        .call(
            "assessment/mail_resume_link",
            &[("reference", "r-does-not-exist"), ("email", "piet@terp.nl")],
            None,
        )
        .await;
    assert_ne!(unknown.status, StatusCode::OK);
}

#[tokio::test]
async fn unclaimed_drafts_expire_and_owned_or_recent_ones_stay() {
    use app::db::entities::assessment;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::new().await;
    let old_anonymous = start(&app, None).await;
    let fresh_anonymous = start(&app, None).await;
    let company = app.user("company", "anna@metaal.test").await;
    let old_owned = start(&app, Some(&company)).await;
    for reference in [&old_anonymous, &old_owned] {
        let id = app::assessment::service::resolve(&app.ctx, reference, None)
            .await
            .expect("the assessment")
            .id;
        assessment::Entity::update_many()
            .col_expr(
                assessment::Column::UpdatedAt,
                Expr::value(app::db::now() - 200 * 86_400),
            )
            .filter(assessment::Column::Id.eq(id))
            .exec(&app.db)
            .await
            .unwrap();
    }
    let expired = app::assessment::service::expire_unclaimed_drafts(&app.db, 180)
        .await
        .unwrap();
    assert_eq!(expired, 1, "only the old draft nobody owns");
    let gone = app
        .call(
            "assessment/overview",
            &[("reference", &old_anonymous)],
            None,
        )
        .await;
    assert_eq!(gone.error().key(), Key::ErrAssessmentNotFound);
    let kept = app
        .call(
            "assessment/overview",
            &[("reference", &fresh_anonymous)],
            None,
        )
        .await;
    assert_eq!(kept.status, StatusCode::OK);
    let mine = app.call("assessment/mine", &[], Some(&company)).await;
    assert!(
        mine.body.contains("Zuivel"),
        "the company's own old draft stays"
    );
}
