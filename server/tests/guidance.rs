//! Guidance on a plan over HTTP against a real database: the company asks, staff assign a
//! consultant with a voucher, the consultant edits the plan, logs days and writes notes, both
//! sign off and the plan is frozen as a version; and every refusal on the way, also under
//! parallel requests.

mod common;

use app::error::AppError;
use app::i18n::Key;
use app::plan::model::{GuidanceState, PlanState, Side};
use app::plan::view::{GuidancePipeline, GuidedRow, PlanView, VersionView};
use axum::http::StatusCode;
use common::{Reply, TestApp};
use std::sync::Arc;

async fn plan(app: &TestApp, reference: &str, cookie: &str) -> PlanView {
    let reply = app
        .call("plan/get", &[("reference", reference)], Some(cookie))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("plan JSON")
}

async fn pipeline(app: &TestApp, staff: &str) -> GuidancePipeline {
    let reply = app.call("staff/guidance", &[], Some(staff)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("pipeline JSON")
}

/// A consultant with a published profile that fits the company's data priority; returns the
/// consultant's cookie and profile id.
async fn published_consultant(app: &TestApp, staff: &str, email: &str) -> (String, i64) {
    let cookie = app.user("consultant", email).await;
    let fields = [
        ("name", "Els Adviseur"),
        ("pitch", "Van assessment naar plan"),
        (
            "description",
            "Ik begeleid maakbedrijven bij hun stappenplan.",
        ),
        ("services", "Stappenplannen"),
        ("technologies", ""),
        ("transitions", "data"),
        ("variants", "process"),
        ("regions", "friesland"),
        ("sizes", "20-49"),
        ("languages", "Nederlands"),
        ("available", "on"),
        ("contact_name", "Els"),
        ("contact_email", email),
        ("website", ""),
        ("intent", "submit"),
    ];
    let saved = app
        .multipart("/profile/save", Some(&cookie), &fields, None)
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let mine: app::providers::view::MyProfile =
        serde_json::from_str(&app.call("profile/mine", &[], Some(&cookie)).await.body)
            .expect("profile");
    let slug = mine.slug.expect("slug");
    let id = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        app::db::entities::provider_profile::Entity::find()
            .filter(app::db::entities::provider_profile::Column::Slug.eq(slug))
            .one(&app.db)
            .await
            .expect("query")
            .expect("profile row")
            .id
    };
    let approved = app
        .call(
            "staff/review_profile",
            &[
                ("id", &id.to_string()),
                ("decision", "approve"),
                ("reason", ""),
            ],
            Some(staff),
        )
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    (cookie, id)
}

/// The same call `n` times at once, each on its own task.
async fn parallel(
    app: &Arc<TestApp>,
    endpoint: &'static str,
    form: &[(&str, &str)],
    cookie: &str,
    n: usize,
) -> Vec<Reply> {
    let form: Vec<(String, String)> = form
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let (app, form, cookie) = (app.clone(), form.clone(), cookie.to_string());
        tasks.spawn(async move {
            let pairs: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call(endpoint, &pairs, Some(&cookie)).await
        });
    }
    let mut out = Vec::new();
    while let Some(reply) = tasks.join_next().await {
        out.push(reply.expect("task"));
    }
    out
}

async fn sign(app: &TestApp, reference: &str, cookie: &str) -> Reply {
    app.call("plan/sign_off", &[("reference", reference)], Some(cookie))
        .await
}

fn ok(reply: &Reply) {
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
}

async fn log(app: &TestApp, reference: &str, cookie: &str, days: &str) -> Reply {
    let today = app::time::local_date(app::db::now()).to_string();
    app.call(
        "plan/log_days",
        &[
            ("reference", reference),
            ("day", &today),
            ("days", days),
            ("note", "Werksessie"),
        ],
        Some(cookie),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_company_gets_a_consultant_both_sign_off_and_the_plan_is_frozen() {
    let app = Arc::new(TestApp::new().await);
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    let company = app.user("company", "eva@terp.test").await;
    let (consultant, profile) = published_consultant(&app, &staff, "els@advies.test").await;
    let (other_consultant, _) = published_consultant(&app, &staff, "piet@advies.test").await;
    app.finalised_data_assessment(Some(&company)).await;
    let rows: Vec<app::assessment::view::AssessmentSummary> =
        serde_json::from_str(&app.call("assessment/mine", &[], Some(&company)).await.body)
            .expect("mine");
    let reference = rows[0].reference.clone();
    assert!(reference.starts_with('o'), "{reference}");

    // The company sees its matching consultants to prefer one.
    let before = plan(&app, &reference, &company).await;
    assert_eq!(before.side, Some(Side::Company));
    assert!(before.company_member && before.guidance.is_none());
    assert!(before
        .consultant_choices
        .iter()
        .any(|(id, _)| *id == profile));

    // Before assignment the consultant sees nothing of the company.
    let refused = app
        .call("plan/get", &[("reference", &reference)], Some(&consultant))
        .await;
    assert_eq!(
        refused.error(),
        AppError::invalid(Key::ErrAssessmentNotFound)
    );

    // Four requests at once make one.
    let profile_text = profile.to_string();
    let form = [
        ("reference", reference.as_str()),
        ("consultant", profile_text.as_str()),
        ("message", "Hulp bij de volgorde van de stappen"),
    ];
    let replies = parallel(&app, "plan/request_guidance", &form, &company, 4).await;
    let accepted = replies.iter().filter(|r| r.status.is_success()).count();
    assert_eq!(
        accepted,
        1,
        "{:?}",
        replies.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    assert!(replies
        .iter()
        .filter(|r| !r.status.is_success())
        .all(|r| r.error() == AppError::invalid(Key::ErrGuidanceAlreadyOpen)));

    // The hub's staff are told once, with the preferred consultant and a link to the pipeline.
    let told: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.subject.contains("Begeleiding gevraagd"))
        .collect();
    let mut to: Vec<&str> = told.iter().map(|m| m.recipient.as_str()).collect();
    to.sort_unstable();
    assert_eq!(
        to,
        ["beheer@hub.test", "medewerker@hub.test"],
        "one mail each"
    );
    assert!(
        told[0].body_text.contains("Els Adviseur") && told[0].body_text.contains("/staff/guidance")
    );

    let p = pipeline(&app, &staff).await;
    assert_eq!(p.rows.len(), 1);
    let row = &p.rows[0];
    assert_eq!(row.state, GuidanceState::Requested);
    assert_eq!(row.preferred.as_deref(), Some("Els Adviseur"));
    assert_eq!(
        p.default_half_days, 8,
        "4 days when no period says otherwise"
    );
    let gid = row.id.to_string();

    // Staff assign with the default voucher; both sides are told.
    let before_mails = app.outbox().await.len();
    ok(&app
        .call(
            "staff/assign_guidance",
            &[
                ("guidance", &gid),
                ("consultant", &profile_text),
                ("days", ""),
            ],
            Some(&staff),
        )
        .await);
    let mails = app.outbox().await;
    let recipients: Vec<&str> = mails[before_mails..]
        .iter()
        .map(|m| m.recipient.as_str())
        .collect();
    assert!(recipients.contains(&"eva@terp.test") && recipients.contains(&"els@advies.test"));

    // The consultant now reads the results and the plan, and edits it.
    let seen = plan(&app, &reference, &consultant).await;
    assert_eq!(seen.side, Some(Side::Consultant));
    assert!(seen.can_edit);
    let g = seen.guidance.clone().expect("guidance");
    assert_eq!(
        (g.state, g.budget_half_days, g.used_half_days),
        (GuidanceState::Assigned, 8, 0)
    );
    ok(&app
        .call(
            "assessment/results",
            &[("reference", &reference)],
            Some(&consultant),
        )
        .await);
    let step = seen.steps[0].id.to_string();
    let edit = |title: &'static str, cookie: &str| {
        let reference = reference.clone();
        let step = step.clone();
        let cookie = cookie.to_string();
        let app = &app;
        async move {
            app.call(
                "plan/save_step",
                &[
                    ("reference", reference.as_str()),
                    ("step", step.as_str()),
                    ("title", title),
                    ("horizon", "now"),
                    ("status", "planned"),
                    ("owner", ""),
                    ("target_date", ""),
                    ("budget", ""),
                    ("dropped_reason", ""),
                ],
                Some(&cookie),
            )
            .await
        }
    };
    ok(&edit("Bronnen koppelen", &consultant).await);
    // Another consultant, not assigned, is refused everything.
    for endpoint in ["plan/get", "plan/sign_off"] {
        let r = app
            .call(
                endpoint,
                &[("reference", &reference)],
                Some(&other_consultant),
            )
            .await;
        assert_eq!(
            r.error(),
            AppError::invalid(Key::ErrAssessmentNotFound),
            "{endpoint}"
        );
    }
    assert_eq!(
        log(&app, &reference, &other_consultant, "1").await.error(),
        AppError::invalid(Key::ErrAssessmentNotFound)
    );
    // Only consultants log days.
    assert_eq!(
        log(&app, &reference, &company, "1").await.status,
        StatusCode::FORBIDDEN
    );

    // Days: 2,5 fit; 2 more do not; six half days at once, only three fit.
    ok(&log(&app, &reference, &consultant, "2,5").await);
    assert_eq!(
        log(&app, &reference, &consultant, "2").await.error(),
        AppError::field("days", Key::ErrVoucherExceeded)
    );
    let today = app::time::local_date(app::db::now()).to_string();
    let half = [
        ("reference", reference.as_str()),
        ("day", today.as_str()),
        ("days", "0,5"),
        ("note", ""),
    ];
    let halves = parallel(&app, "plan/log_days", &half, &consultant, 6).await;
    assert_eq!(halves.iter().filter(|r| r.status.is_success()).count(), 3);
    let g = plan(&app, &reference, &company)
        .await
        .guidance
        .expect("guidance");
    assert_eq!(g.used_half_days, 8);
    assert_eq!(g.work.len(), 4);
    // Staff approve a fifth day; never a voucher below what is logged.
    assert_eq!(
        app.call(
            "staff/voucher_budget",
            &[("guidance", &gid), ("days", "3")],
            Some(&staff)
        )
        .await
        .error(),
        AppError::field("days", Key::ErrVoucherBelowUsed)
    );
    ok(&app
        .call(
            "staff/voucher_budget",
            &[("guidance", &gid), ("days", "5")],
            Some(&staff),
        )
        .await);
    ok(&log(&app, &reference, &consultant, "1").await);

    // Notes from both sides.
    ok(&app
        .call(
            "plan/add_note",
            &[("reference", &reference), ("body", "Eerst de bronnen.")],
            Some(&consultant),
        )
        .await);
    ok(&app
        .call(
            "plan/add_note",
            &[
                ("reference", &reference),
                ("body", "Akkoord, Jan pakt het op."),
            ],
            Some(&company),
        )
        .await);
    assert_eq!(
        app.call(
            "plan/add_note",
            &[("reference", &reference), ("body", "  ")],
            Some(&company)
        )
        .await
        .error(),
        AppError::field("body", Key::ErrGuidanceTextEmpty)
    );
    let notes = plan(&app, &reference, &company).await.notes;
    assert_eq!(
        notes.iter().map(|n| n.side).collect::<Vec<_>>(),
        [Side::Company, Side::Consultant]
    );

    // Sign-off: a change after the company signed makes its sign-off count no more.
    ok(&sign(&app, &reference, &company).await);
    assert!(plan(&app, &reference, &company)
        .await
        .guidance
        .expect("g")
        .company_signed_by
        .is_some());
    ok(&edit("Bronnen koppelen aan het ERP", &consultant).await);
    assert!(plan(&app, &reference, &company)
        .await
        .guidance
        .expect("g")
        .company_signed_by
        .is_none());
    ok(&sign(&app, &reference, &consultant).await);
    assert!(plan(&app, &reference, &company).await.versions.is_empty());
    let agreed = sign(&app, &reference, &company).await;
    ok(&agreed);
    let after = plan(&app, &reference, &company).await;
    assert_eq!(after.versions.len(), 1);
    assert!(!after.changed_since_agreed);
    assert_eq!(
        sign(&app, &reference, &consultant).await.error(),
        AppError::invalid(Key::ErrPlanAlreadyAgreed)
    );
    // Both sides are told, and both read the frozen version.
    let mails = app.outbox().await;
    for to in ["eva@terp.test", "els@advies.test"] {
        assert!(
            mails
                .iter()
                .any(|m| m.recipient == to && m.body_text.contains("/plan/v/1")),
            "{to}"
        );
    }
    for cookie in [&company, &consultant] {
        let v = app
            .call(
                "plan/version",
                &[("reference", &reference), ("number", "1")],
                Some(cookie),
            )
            .await;
        assert_eq!(v.status, StatusCode::OK, "{}", v.body);
        let v: VersionView = serde_json::from_str(&v.body).expect("version");
        assert_eq!(v.steps[0].title.nl, "Bronnen koppelen aan het ERP");
    }
    // A later change starts the next version; version 1 stays as it was.
    ok(&edit("Bronnen en kwaliteit", &company).await);
    assert!(plan(&app, &reference, &company).await.changed_since_agreed);
    let v1: VersionView = serde_json::from_str(
        &app.call(
            "plan/version",
            &[("reference", &reference), ("number", "1")],
            Some(&company),
        )
        .await
        .body,
    )
    .expect("version");
    assert_eq!(v1.steps[0].title.nl, "Bronnen koppelen aan het ERP");

    let list: app::plan::view::PlanList =
        serde_json::from_str(&app.call("staff/plans", &[], Some(&staff)).await.body).expect("rows");
    assert_eq!(list.rows[0].state, PlanState::Agreed);
    let guided: Vec<GuidedRow> =
        serde_json::from_str(&app.call("plan/guided", &[], Some(&consultant)).await.body)
            .expect("guided");
    assert_eq!(guided.len(), 1);
    assert_eq!(guided[0].used_half_days, 10);

    // The programme figures count the plan, its guidance, the agreement, the days and a step
    // marked done; the dashboard's funnel has the plan stages.
    ok(&app
        .call(
            "plan/save_step",
            &[
                ("reference", reference.as_str()),
                ("step", step.as_str()),
                ("title", "Bronnen en kwaliteit"),
                ("horizon", "now"),
                ("status", "done"),
                ("owner", ""),
                ("target_date", ""),
                ("budget", ""),
                ("dropped_reason", ""),
            ],
            Some(&company),
        )
        .await);
    let year = app::time::local_date(app::db::now()).year();
    let (start, end) = (format!("{year}-01-01"), format!("{year}-12-31"));
    for metric in [
        "plans",
        "agreed_plans",
        "voucher_days",
        "steps_done",
        "reassessed",
    ] {
        ok(&app
            .call(
                "staff/indicators/save",
                &[
                    ("metric", metric),
                    ("label_nl", ""),
                    ("label_en", ""),
                    ("target", "10"),
                    ("reach_target", ""),
                    ("period_start", &start),
                    ("period_end", &end),
                ],
                Some(&staff),
            )
            .await);
    }
    let figures: Vec<app::analytics::model::Indicator> =
        serde_json::from_str(&app.call("staff/indicators", &[], Some(&staff)).await.body)
            .expect("indicators");
    let realised = |m: app::analytics::model::Metric| {
        let i = figures.iter().find(|i| i.metric == m).expect("indicator");
        (i.realised, i.reach_realised)
    };
    use app::analytics::model::Metric;
    assert_eq!(realised(Metric::Plans), (1, Some(1)));
    assert_eq!(realised(Metric::AgreedPlans), (1, None));
    assert_eq!(realised(Metric::VoucherDays), (5, None), "ten half days");
    assert_eq!(realised(Metric::StepsDone), (1, None));
    assert_eq!(realised(Metric::Reassessed), (0, None));
    let dashboard: app::analytics::model::Dashboard = serde_json::from_str(
        &app.call(
            "staff/dashboard",
            &[("filter[segment]", "Province")],
            Some(&staff),
        )
        .await
        .body,
    )
    .expect("dashboard");
    let f = dashboard.funnel;
    assert_eq!(
        (f.assessed, f.planned, f.guided, f.agreed, f.reassessed),
        (1, 1, 1, 1, 0)
    );
    app.assert_funnel_kept().await;

    // Staff end the trajectory: the consultant's access ends at once.
    ok(&app
        .call("staff/end_guidance", &[("guidance", &gid)], Some(&staff))
        .await);
    let gone = app
        .call("plan/get", &[("reference", &reference)], Some(&consultant))
        .await;
    assert_eq!(gone.error(), AppError::invalid(Key::ErrAssessmentNotFound));
    let results = app
        .call(
            "assessment/results",
            &[("reference", &reference)],
            Some(&consultant),
        )
        .await;
    assert_eq!(
        results.error(),
        AppError::invalid(Key::ErrAssessmentNotFound)
    );
    let guided: Vec<GuidedRow> =
        serde_json::from_str(&app.call("plan/guided", &[], Some(&consultant)).await.body)
            .expect("guided");
    assert!(guided.is_empty());
    // The company keeps its version and may ask again.
    let kept = plan(&app, &reference, &company).await;
    assert_eq!(kept.versions.len(), 1);
    assert!(kept.guidance.is_none());
}

#[tokio::test]
async fn guidance_needs_the_companys_account_and_staff_for_everything_else() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    // Kept by its link only: the link holder is no account to write to.
    let by_link = app.finalised_data_assessment(None).await;
    let company = app.user("company", "eva@terp.test").await;
    let view = plan(&app, &by_link, &company).await;
    assert!(!view.company_member);
    let asked = app
        .call(
            "plan/request_guidance",
            &[("reference", &by_link), ("consultant", ""), ("message", "")],
            Some(&company),
        )
        .await;
    assert_eq!(
        asked.error(),
        AppError::invalid(Key::ErrGuidanceNeedsAccount)
    );
    // Staff cannot ask; a visitor must log in.
    let as_staff = app
        .call(
            "plan/request_guidance",
            &[("reference", &by_link), ("consultant", ""), ("message", "")],
            Some(&staff),
        )
        .await;
    assert_eq!(as_staff.status, StatusCode::FORBIDDEN);
    let visitor = app
        .call(
            "plan/request_guidance",
            &[("reference", &by_link), ("consultant", ""), ("message", "")],
            None,
        )
        .await;
    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED);

    // A company's own request: a consultant that is not a published consultant is refused,
    // a voucher that makes no sense is refused, withdrawing works before assignment only.
    app.finalised_data_assessment(Some(&company)).await;
    let rows: Vec<app::assessment::view::AssessmentSummary> =
        serde_json::from_str(&app.call("assessment/mine", &[], Some(&company)).await.body)
            .expect("mine");
    let reference = rows[0].reference.clone();
    assert!(reference.starts_with('o'), "{reference}");
    let bad = app
        .call(
            "plan/request_guidance",
            &[
                ("reference", &reference),
                ("consultant", "999999"),
                ("message", ""),
            ],
            Some(&company),
        )
        .await;
    assert_eq!(
        bad.error(),
        AppError::field("consultant", Key::ErrChoiceInvalid)
    );
    ok(&app
        .call(
            "plan/request_guidance",
            &[
                ("reference", &reference),
                ("consultant", ""),
                ("message", ""),
            ],
            Some(&company),
        )
        .await);
    let gid = pipeline(&app, &staff).await.rows[0].id.to_string();
    let (_, profile) = published_consultant(&app, &staff, "els@advies.test").await;
    for days in ["0", "1,25", "31", "veel"] {
        let r = app
            .call(
                "staff/assign_guidance",
                &[
                    ("guidance", &gid),
                    ("consultant", &profile.to_string()),
                    ("days", days),
                ],
                Some(&staff),
            )
            .await;
        assert_eq!(
            r.error(),
            AppError::field("days", Key::ErrVoucherDaysInvalid),
            "{days}"
        );
    }
    // A period sets the default voucher.
    ok(&app
        .call(
            "staff/voucher_period",
            &[
                ("name", "Programma 2026-2027"),
                ("starts_on", "2026-01-01"),
                ("ends_on", "2027-12-31"),
                ("days", "6"),
            ],
            Some(&staff),
        )
        .await);
    assert_eq!(pipeline(&app, &staff).await.default_half_days, 12);
    let backwards = app
        .call(
            "staff/voucher_period",
            &[
                ("name", "Fout"),
                ("starts_on", "2027-01-01"),
                ("ends_on", "2026-01-01"),
                ("days", "4"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(
        backwards.error(),
        AppError::field("ends_on", Key::ErrPeriodDates)
    );
    ok(&app
        .call(
            "plan/withdraw_guidance",
            &[("reference", &reference)],
            Some(&company),
        )
        .await);
    assert!(plan(&app, &reference, &company).await.guidance.is_none());
    assert_eq!(
        app.call(
            "plan/withdraw_guidance",
            &[("reference", &reference)],
            Some(&company)
        )
        .await
        .error(),
        AppError::invalid(Key::ErrGuidanceNotWithdrawable)
    );
    // Signing off without a consultant is refused.
    assert_eq!(
        app.call(
            "plan/sign_off",
            &[("reference", &reference)],
            Some(&company)
        )
        .await
        .error(),
        AppError::invalid(Key::ErrSignNeedsConsultant)
    );
}
