//! The digitalisation plan over HTTP against a real database: drafted when the assessment is
//! finalised, changed by the company step by step, read by staff, and every refusal.

mod common;

use app::db::entities::{assessment, plan, plan_step};
use app::error::AppError;
use app::i18n::{Key, Lang};
use app::plan::model::{Budget, ChangeKind, Horizon, StepStatus};
use app::plan::view::PlanView;
use axum::http::StatusCode;
use common::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// A finalised process-industry assessment with data as its high priority: sources 1→3,
/// quality 2→4, analysis 1→4 (which the questionnaire puts after sources and quality),
/// governance already where it should be.
async fn finalised(app: &TestApp) -> String {
    finalised_by(app, None).await
}

/// The same, started by `cookie`'s company (so it belongs to its organisation).
async fn finalised_by(app: &TestApp, cookie: Option<&str>) -> String {
    app.finalised_data_assessment(cookie).await
}

async fn get(app: &TestApp, reference: &str, cookie: Option<&str>) -> PlanView {
    let reply = app
        .call("plan/get", &[("reference", reference)], cookie)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("plan JSON")
}

fn save_form<'a>(
    reference: &'a str,
    step: &'a str,
    fields: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("reference", reference),
        ("step", step),
        ("title", "Gegevens op één plek"),
        ("horizon", "now"),
        ("status", "planned"),
        ("owner", ""),
        ("target_date", ""),
        ("budget", ""),
        ("dropped_reason", ""),
    ];
    for (name, value) in fields {
        if let Some(slot) = form.iter_mut().find(|(n, _)| n == name) {
            slot.1 = value;
        }
    }
    form
}

#[tokio::test]
async fn finalising_drafts_a_plan_in_the_order_the_questionnaire_names() {
    let app = TestApp::new().await;
    let reference = finalised(&app).await;
    let plan = get(&app, &reference, None).await;
    assert!(plan.can_edit);
    let levels: Vec<(Option<u8>, Option<u8>)> = plan
        .steps
        .iter()
        .map(|s| (s.from_level, s.to_level))
        .collect();
    // Sources and quality first (analysis comes after them), each one level up.
    assert_eq!(
        levels,
        [(Some(1), Some(2)), (Some(2), Some(3)), (Some(1), Some(2))]
    );
    assert!(
        plan.steps.iter().all(|s| s.horizon == Horizon::Now),
        "high priority, gaps of 2-3"
    );
    assert!(plan
        .steps
        .iter()
        .all(|s| s.status == StepStatus::Planned && s.title.is_none()));
    let analysis = &plan.steps[2];
    assert_eq!(
        analysis.needs,
        [
            plan.steps[0].shown_title(Lang::Nl),
            plan.steps[1].shown_title(Lang::Nl)
        ]
    );
    let goal = plan.steps[0]
        .goal
        .as_ref()
        .expect("a drafted step has the next level as goal");
    assert!(!goal.nl.is_empty() && !goal.en.is_empty() && goal.nl != goal.en);
    assert_eq!(plan.changes.len(), 1);
    assert_eq!(plan.changes[0].kind, ChangeKind::Drafted);
    assert_eq!(plan.priorities.len(), 1);

    // The results page leads to the plan, and the plan page renders without script.
    let results = app
        .get(&format!("/assessment/{reference}/results"), None)
        .await;
    assert!(results
        .body
        .contains(&format!("/assessment/{reference}/plan")));
    let page = app
        .get(&format!("/assessment/{reference}/plan"), None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(Key::PlanTitle.nl()), "{}", page.body);
    assert!(page.body.contains(&goal.nl));

    // A draft assessment has no plan yet.
    let draft = app.start_assessment(None, "20-49").await;
    let reply = app.call("plan/get", &[("reference", &draft)], None).await;
    assert_eq!(reply.error(), AppError::invalid(Key::ErrPlanNeedsFinal));
}

#[tokio::test]
async fn drafting_at_once_from_several_requests_makes_one_plan() {
    let app = TestApp::new().await;
    let reference = finalised(&app).await;
    // As for an assessment finalised before plans existed: no plan until the first visit.
    plan::Entity::delete_many()
        .exec(&app.db)
        .await
        .expect("delete");
    let (a, b, c, d) = tokio::join!(
        get(&app, &reference, None),
        get(&app, &reference, None),
        get(&app, &reference, None),
        get(&app, &reference, None)
    );
    assert_eq!(plan::Entity::find().count(&app.db).await.expect("count"), 1);
    assert_eq!(
        plan_step::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        3
    );
    for p in [a, b, c, d] {
        assert_eq!(p.steps.len(), 3);
    }
}

#[tokio::test]
async fn the_company_edits_adds_moves_and_removes_steps_and_history_keeps_it() {
    let app = TestApp::new().await;
    let reference = finalised(&app).await;
    let plan = get(&app, &reference, None).await;
    let first = plan.steps[0].id.to_string();

    let saved = app
        .call(
            "plan/save_step",
            &save_form(
                &reference,
                &first,
                &[
                    ("status", "in_progress"),
                    ("owner", "Anna de Vries"),
                    ("target_date", "2099-03-01"),
                    ("budget", "5-25k"),
                ],
            ),
            None,
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let after = get(&app, &reference, None).await;
    let step = &after.steps[0];
    assert_eq!(step.title.as_deref(), Some("Gegevens op één plek"));
    assert_eq!(step.status, StepStatus::InProgress);
    assert_eq!(step.owner, "Anna de Vries");
    assert_eq!(step.target_date, "2099-03-01");
    assert_eq!(step.budget, Some(Budget::From5To25k));
    let edit = &after.changes[0];
    assert_eq!(edit.kind, ChangeKind::Edited);
    assert_eq!(edit.who, None, "made with the private link");
    assert_eq!(
        edit.fields,
        ["title", "status", "owner", "target_date", "budget"]
    );

    // Typing the goal back gives the step its questionnaire text again, in both languages.
    let goal = plan.steps[0].goal.clone().expect("goal");
    let back = app
        .call(
            "plan/save_step",
            &save_form(&reference, &first, &[("title", &goal.en)]),
            None,
        )
        .await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(get(&app, &reference, None).await.steps[0].title, None);

    // Refused with the field named, and nothing changes.
    let before = get(&app, &reference, None).await;
    for (fields, field, key) in [
        (vec![("title", "  ")], "title", Key::ErrPlanTitleEmpty),
        (
            vec![("target_date", "2020-01-01")],
            "target_date",
            Key::ErrPlanDateBeforePlan,
        ),
        (
            vec![("target_date", "morgen")],
            "target_date",
            Key::ErrPlanDateInvalid,
        ),
        (
            vec![("status", "dropped")],
            "dropped_reason",
            Key::ErrPlanReasonMissing,
        ),
        (vec![("status", "klaar")], "status", Key::ErrChoiceInvalid),
        (
            vec![("owner", "An\u{200b}na")],
            "owner",
            Key::ErrPlanOwnerInvalid,
        ),
    ] {
        let reply = app
            .call(
                "plan/save_step",
                &save_form(&reference, &first, &fields),
                None,
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{fields:?}: {}",
            reply.body
        );
        assert_eq!(reply.error(), AppError::field(field, key), "{fields:?}");
    }
    assert_eq!(get(&app, &reference, None).await, before);

    // A step of the company's own, then moved and removed.
    let added = app
        .call(
            "plan/add_step",
            &[
                ("reference", &reference),
                ("title", "Masterclass datagedreven werken"),
                ("transition", "data"),
                ("horizon", "now"),
            ],
            None,
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let with_own = get(&app, &reference, None).await;
    let own = with_own.steps.last().expect("added last").clone();
    assert_eq!(
        own.title.as_deref(),
        Some("Masterclass datagedreven werken")
    );
    assert_eq!((own.goal.clone(), own.from_level), (None, None));
    let moved = app
        .call(
            "plan/move_step",
            &[
                ("reference", &reference),
                ("step", &own.id.to_string()),
                ("direction", "up"),
            ],
            None,
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let ids: Vec<i64> = get(&app, &reference, None)
        .await
        .steps
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids[2], own.id, "one place up: {ids:?}");
    let removed = app
        .call(
            "plan/remove_step",
            &[("reference", &reference), ("step", &own.id.to_string())],
            None,
        )
        .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    let last = get(&app, &reference, None).await;
    assert_eq!(last.steps.len(), 3);
    assert_eq!(last.changes[0].kind, ChangeKind::Removed);
    assert_eq!(
        last.changes[0].step_title,
        "Masterclass datagedreven werken"
    );
    let again = app
        .call(
            "plan/remove_step",
            &[("reference", &reference), ("step", &own.id.to_string())],
            None,
        )
        .await;
    assert_eq!(again.error(), AppError::invalid(Key::ErrPlanStepNotFound));
}

#[tokio::test]
async fn another_plans_step_and_staff_change_nothing() {
    let app = TestApp::new().await;
    let mine = finalised(&app).await;
    let theirs = finalised(&app).await;
    let their_plan = get(&app, &theirs, None).await;
    let their_step = their_plan.steps[0].id.to_string();
    for (endpoint, form) in [
        ("plan/save_step", save_form(&mine, &their_step, &[])),
        (
            "plan/remove_step",
            vec![("reference", mine.as_str()), ("step", their_step.as_str())],
        ),
        (
            "plan/move_step",
            vec![
                ("reference", mine.as_str()),
                ("step", their_step.as_str()),
                ("direction", "down"),
            ],
        ),
    ] {
        let reply = app.call(endpoint, &form, None).await;
        assert_eq!(
            reply.error(),
            AppError::invalid(Key::ErrPlanStepNotFound),
            "{endpoint}"
        );
    }
    assert_eq!(get(&app, &theirs, None).await, their_plan);

    // Staff read the plan through the assessment's id, and cannot change it.
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    let id = assessment::Entity::find()
        .all(&app.db)
        .await
        .expect("assessments")
        .into_iter()
        .map(|a| a.id)
        .min()
        .expect("one");
    let by_id = format!("o{id}");
    // Staff list every plan with how far it is.
    let list = |form: &'static [(&'static str, &'static str)]| {
        let app = &app;
        let staff = &staff;
        async move {
            let reply = app.call("staff/plans", form, Some(staff)).await;
            serde_json::from_str::<app::plan::view::PlanList>(&reply.body).expect("plans")
        }
    };
    let all = list(&[]).await;
    assert_eq!((all.total, all.page, all.pages), (2, 1, 1));
    assert!(all
        .rows
        .iter()
        .all(|r| r.state == app::plan::model::PlanState::Draft && !r.stalled && r.steps == 3));
    assert!(all.rows.iter().any(|r| r.reference == by_id));
    assert_eq!(list(&[("stalled", "true")]).await.total, 0);
    // A plan untouched for longer than the stalled period is found by the database's filter
    // (not among the newest rows only); a page past the end shows the last one.
    {
        use sea_orm::sea_query::Expr;
        let long_ago = app::db::now() - (app::plan::model::STALLED_DAYS + 10) * 24 * 3600;
        plan::Entity::update_many()
            .col_expr(plan::Column::UpdatedAt, Expr::value(long_ago))
            .filter(plan::Column::AssessmentId.eq(id))
            .exec(&app.db)
            .await
            .expect("age the plan");
    }
    let stalled = list(&[("stalled", "true"), ("page", "7")]).await;
    assert_eq!((stalled.total, stalled.page, stalled.pages), (1, 1, 1));
    assert_eq!(stalled.rows.len(), 1);
    assert!(stalled.rows[0].stalled && stalled.rows[0].reference == by_id);
    assert_eq!(
        list(&[]).await.rows[1].reference,
        by_id,
        "newest change first"
    );
    let seen = get(&app, &by_id, Some(&staff)).await;
    assert!(!seen.can_edit);
    let refused = app
        .call(
            "plan/save_step",
            &save_form(&by_id, &seen.steps[0].id.to_string(), &[]),
            Some(&staff),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // A visitor without the link sees nothing of it.
    let stranger = app.call("plan/get", &[("reference", &by_id)], None).await;
    assert_eq!(
        stranger.error(),
        AppError::invalid(Key::ErrAssessmentNotFound)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_adds_never_pass_the_step_limit() {
    use sea_orm::sea_query::Expr;
    let app = std::sync::Arc::new(TestApp::new().await);
    let reference = finalised(&app).await;
    // Two places left.
    plan::Entity::update_many()
        .col_expr(plan::Column::StepCount, Expr::value(58))
        .exec(&app.db)
        .await
        .expect("update");
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..6 {
        let (app, reference) = (app.clone(), reference.clone());
        tasks.spawn(async move {
            let title = format!("Eigen stap {n}");
            let form = [
                ("reference", reference.as_str()),
                ("title", title.as_str()),
                ("transition", "data"),
                ("horizon", "later"),
            ];
            app.call("plan/add_step", &form, None).await
        });
    }
    let mut added = 0;
    while let Some(reply) = tasks.join_next().await {
        let reply = reply.expect("task");
        if reply.status == StatusCode::OK {
            added += 1;
        } else {
            assert_eq!(
                reply.error(),
                AppError::invalid(Key::ErrPlanFull),
                "{}",
                reply.body
            );
        }
    }
    assert_eq!(added, 2);
    let rows = plan_step::Entity::find()
        .filter(plan_step::Column::Horizon.eq("later"))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(rows, 2);
}

/// Moves the assessment's finalising and its plan's next follow-up `days` into the past.
async fn age(app: &TestApp, days: i64) {
    use sea_orm::sea_query::Expr;
    let then = app::db::now() - days * 24 * 3600;
    assessment::Entity::update_many()
        .col_expr(assessment::Column::FinalisedAt, Expr::value(then))
        .exec(&app.db)
        .await
        .expect("age assessment");
    plan::Entity::update_many()
        .col_expr(
            plan::Column::NextFollowupAt,
            Expr::value(app::db::now() - 1),
        )
        .exec(&app.db)
        .await
        .expect("age plan");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn follow_ups_go_once_to_the_company_and_stop_with_the_link() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let company = app.user("company", "carla@plastics.test").await;
    let reference = finalised_by(&app, Some(&company)).await;
    let plan_row = plan::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("plan drafted");
    let first_due = plan_row.next_followup_at.expect("a follow-up is planned");
    assert!(
        first_due > app::db::now() + 29 * 24 * 3600,
        "a month after finalising"
    );
    let mails_before = app.outbox().await.len();

    // A month on, from two processes at once: one mail.
    age(&app, 31).await;
    let (a, b) = tokio::join!(
        app::plan::reminders::send_followups(&app.ctx),
        app::plan::reminders::send_followups(&app.ctx)
    );
    assert_eq!(a.expect("round") + b.expect("round"), 1);
    let outbox = app.outbox().await;
    assert_eq!(outbox.len(), mails_before + 1);
    let mail = outbox.last().expect("mail");
    assert_eq!(mail.recipient, "carla@plastics.test");
    assert_eq!(mail.subject, Key::MailPlanCheckSubject.nl());
    let plan_link = format!(
        "http://hub.test/assessment/o{}/plan",
        plan_row.assessment_id
    );
    assert!(mail.body_text.contains(&plan_link), "{}", mail.body_text);
    assert!(
        mail.body_text.contains("Een maand geleden"),
        "{}",
        mail.body_text
    );
    assert_eq!(
        app::plan::reminders::send_followups(&app.ctx)
            .await
            .expect("round"),
        0
    );
    let after = plan::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("plan");
    assert_eq!(after.followups_sent, 1);
    assert!(after.next_followup_at.expect("three months") > app::db::now());

    // Turned off with the mail's link: no more mails, even when due.
    let link = app
        .link_in_mail("carla@plastics.test", "/plan/reminders-off?token=")
        .await;
    let token = link.split("token=").nth(1).expect("token");
    let bad = app
        .call("plan/reminders_off", &[("token", "x.y.z")], None)
        .await;
    assert_eq!(bad.error(), AppError::invalid(Key::ErrPlanRemindersLink));
    let off = app
        .call("plan/reminders_off", &[("token", token)], None)
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    let stopped = plan::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("plan");
    assert!(stopped.followups_off && stopped.next_followup_at.is_none());
    age(&app, 100).await;
    assert_eq!(
        app::plan::reminders::send_followups(&app.ctx)
            .await
            .expect("round"),
        0
    );

    // On again from the plan, with a day to repeat the assessment.
    let on = app
        .call(
            "plan/reminders",
            &[
                ("reference", &reference),
                ("reminders", "on"),
                ("reassess_on", "2099-06-01"),
            ],
            Some(&company),
        )
        .await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.body);
    let view = get(&app, &reference, Some(&company)).await;
    assert!(view.reminders_on && view.has_organisation);
    assert_eq!(view.reassess_on, "2099-06-01");
    let early = app
        .call(
            "plan/reminders",
            &[
                ("reference", &reference),
                ("reminders", "on"),
                ("reassess_on", "2001-01-01"),
            ],
            Some(&company),
        )
        .await;
    assert_eq!(
        early.error(),
        AppError::field("reassess_on", Key::ErrPlanDateBeforePlan)
    );

    // Off and on again from the account page, in one click; the day to repeat stays.
    let mine: Vec<app::plan::view::MyPlan> =
        serde_json::from_str(&app.call("plan/mine", &[], Some(&company)).await.body)
            .expect("my plans");
    assert_eq!(mine.len(), 1);
    assert!(mine[0].reminders_on);
    let toggled = app
        .call(
            "plan/reminders_toggle",
            &[("reference", &mine[0].reference), ("on", "off")],
            Some(&company),
        )
        .await;
    assert_eq!(toggled.status, StatusCode::OK, "{}", toggled.body);
    let view = get(&app, &reference, Some(&company)).await;
    assert!(!view.reminders_on);
    assert_eq!(view.reassess_on, "2099-06-01");
    let bad = app
        .call(
            "plan/reminders_toggle",
            &[("reference", &mine[0].reference), ("on", "maybe")],
            Some(&company),
        )
        .await;
    assert_eq!(bad.error(), AppError::field("on", Key::ErrChoiceInvalid));
    // Another company sees none of these plans.
    let other = app.user("company", "piet@elders.test").await;
    assert_eq!(app.call("plan/mine", &[], Some(&other)).await.body, "[]");
}

#[tokio::test]
async fn a_plan_kept_only_by_its_link_sends_no_mail() {
    let app = TestApp::new().await;
    finalised(&app).await;
    let before = app.outbox().await.len();
    age(&app, 31).await;
    assert_eq!(
        app::plan::reminders::send_followups(&app.ctx)
            .await
            .expect("round"),
        0
    );
    assert_eq!(app.outbox().await.len(), before);
    let row = plan::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("plan");
    assert_eq!(row.followups_sent, 1, "the stage passed without a mail");
}

#[tokio::test]
async fn a_later_assessment_shows_as_progress_on_the_plan() {
    use sea_orm::sea_query::Expr;
    let app = TestApp::new().await;
    let company = app.user("company", "dirk@zuivel.test").await;
    let first = finalised_by(&app, Some(&company)).await;
    assert_eq!(get(&app, &first, Some(&company)).await.progress, None);
    // The first was a year ago; the repeat is today.
    assessment::Entity::update_many()
        .col_expr(
            assessment::Column::FinalisedAt,
            Expr::value(app::db::now() - 365 * 24 * 3600),
        )
        .exec(&app.db)
        .await
        .expect("age");
    let second = app.start_assessment(Some(&company), "20-49").await;
    for (item, current, ambition) in [
        ("data.sources", 3, 3),
        ("data.quality", 3, 4),
        ("data.analysis", 2, 4),
        ("data.governance", 3, 3),
    ] {
        let r = app
            .answer(Some(&company), &second, item, current, ambition)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let done = app
        .call(
            "assessment/finalise",
            &[("reference", &second)],
            Some(&company),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let progress = get(&app, &first, Some(&company))
        .await
        .progress
        .expect("the repeat shows on the first plan");
    // Data (the priority): levels 1, 2, 1, 3 then 3, 3, 2, 3 of five items.
    assert_eq!(progress.transitions.len(), 1);
    assert_eq!(
        (progress.transitions[0].1, progress.transitions[0].2),
        (Some(19), 44)
    );

    // The programme figures: one company re-assessed, its data level 19 → 44. A company with
    // one assessment does not count.
    let once = app.user("company", "eenmaal@zuivel.test").await;
    finalised_by(&app, Some(&once)).await;
    let admin = app.admin("beheer-t1@hub.test").await;
    let staff = app.staff(&admin, "cijfers-t1@hub.test").await;
    let reply = app.call("staff/reassessed", &[], Some(&staff)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let figures: app::analytics::model::Reassessed =
        serde_json::from_str(&reply.body).expect("figures JSON");
    assert_eq!(figures.companies, 1);
    let data = figures
        .transitions
        .iter()
        .find(|t| t.key == "data")
        .expect("data was scored twice");
    assert_eq!((data.companies, data.first, data.latest), (1, 19.0, 44.0));
    assert_eq!(data.change(), 25.0);
    app.assert_reassessed_kept().await;

    // A third assessment becomes the latest: the company still counts once, now 19 → 19.
    assessment::Entity::update_many()
        .col_expr(
            assessment::Column::FinalisedAt,
            Expr::value(app::db::now() - 180 * 24 * 3600),
        )
        .filter(assessment::Column::FinalisedAt.gt(app::db::now() - 3600))
        .exec(&app.db)
        .await
        .expect("age the second");
    finalised_by(&app, Some(&company)).await;
    let reply = app.call("staff/reassessed", &[], Some(&staff)).await;
    let figures: app::analytics::model::Reassessed =
        serde_json::from_str(&reply.body).expect("figures JSON");
    let data = figures
        .transitions
        .iter()
        .find(|t| t.key == "data")
        .expect("data was scored twice");
    assert_eq!(
        (figures.companies, data.companies, data.first, data.latest),
        (1, 1, 19.0, 19.0)
    );
    app.assert_reassessed_kept().await;
    let refused = app.call("staff/reassessed", &[], Some(&company)).await;
    assert_ne!(refused.status, StatusCode::OK);
    assert_eq!(refused.error(), AppError::Forbidden, "{}", refused.body);
}

/// A published event of `kind` on `themes`, starting in `days`; returns its slug.
async fn event_on(app: &TestApp, kind: &str, themes: &[&str], title: &str, days: i64) -> String {
    let mut input = common::event_input(20, days * 24);
    input.kind = kind.into();
    input.title_nl = title.into();
    input.title_en = format!("{title} (EN)");
    input.themes = themes.iter().map(|t| t.to_string()).collect();
    app.published_event(&input).await.1
}

#[tokio::test]
async fn a_masterclass_on_a_steps_theme_becomes_a_step_once_however_often_it_is_clicked() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let company = app.user("company", "plan-events@bedrijf.test").await;
    let reference = finalised_by(&app, Some(&company)).await;
    let masterclass = event_on(
        &app,
        "masterclass",
        &["data"],
        "Masterclass datakwaliteit",
        40,
    )
    .await;
    let webinar = event_on(&app, "webinar", &["data"], "Webinar dashboards", 10).await;
    let elsewhere = event_on(&app, "masterclass", &["energy"], "Masterclass energie", 10).await;

    // The data steps show both events on their theme; only the masterclass can become a step.
    let plan = get(&app, &reference, Some(&company)).await;
    let help = plan
        .help
        .iter()
        .find(|h| h.transition_key == "data")
        .expect("help with the data steps");
    let slugs: Vec<(&str, bool)> = help
        .events
        .iter()
        .map(|e| (e.slug.as_str(), e.addable))
        .collect();
    assert_eq!(
        slugs,
        [(webinar.as_str(), false), (masterclass.as_str(), true)]
    );
    assert!(plan
        .help
        .iter()
        .all(|h| h.events.iter().all(|e| e.slug != elsewhere)));
    let steps_before = plan.steps.len();

    // Six clicks at once (a double click, two tabs): one step.
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let (app, reference, company, slug) = (
            app.clone(),
            reference.clone(),
            company.clone(),
            masterclass.clone(),
        );
        tasks.spawn(async move {
            let form = [("reference", reference.as_str()), ("event", slug.as_str())];
            app.call("plan/add_event_step", &form, Some(&company)).await
        });
    }
    let mut added = 0;
    while let Some(reply) = tasks.join_next().await {
        let reply = reply.expect("task");
        if reply.status == StatusCode::OK {
            added += 1;
        } else {
            assert_eq!(
                reply.error(),
                AppError::invalid(Key::ErrPlanEventTwice),
                "{}",
                reply.body
            );
        }
    }
    assert_eq!(added, 1);

    let plan = get(&app, &reference, Some(&company)).await;
    assert_eq!(plan.steps.len(), steps_before + 1);
    let step = plan.steps.last().expect("the new step");
    assert_eq!(step.title.as_deref(), Some("Masterclass datakwaliteit"));
    assert_eq!(step.transition_key, "data");
    assert_eq!(step.horizon, Horizon::Within6Months, "40 days ahead");
    let day = app::time::local_date(app::db::now() + 40 * 86_400);
    assert_eq!(step.target_date, day.to_string());
    assert_eq!(
        step.event.as_ref().map(|e| e.slug.as_str()),
        Some(masterclass.as_str())
    );
    let help = plan
        .help
        .iter()
        .find(|h| h.transition_key == "data")
        .expect("help");
    assert!(help.events.iter().all(|e| !e.addable), "already a step");
    // The refused clicks gave their room back: the count the step limit uses is exact.
    let row = plan::Entity::find()
        .one(&app.db)
        .await
        .expect("read")
        .expect("plan");
    assert_eq!(row.step_count as usize, plan.steps.len());
    let history = &plan.changes[0];
    assert_eq!(
        (history.kind, history.step_title.as_str()),
        (ChangeKind::Added, "Masterclass datakwaliteit")
    );

    // Refused, and nothing changes: a webinar, an unknown event, a cancelled masterclass,
    // staff, and another company.
    let other = event_on(&app, "masterclass", &["data"], "Masterclass sensoren", 20).await;
    let id = app::db::entities::event::Entity::find()
        .filter(app::db::entities::event::Column::Slug.eq(other.as_str()))
        .one(&app.db)
        .await
        .expect("read")
        .expect("event")
        .id;
    app::events::service::set_status(&app.ctx, id, app::events::model::EventStatus::Cancelled)
        .await
        .expect("cancelled");
    for slug in [webinar.as_str(), "no-such-event", other.as_str()] {
        let form = [("reference", reference.as_str()), ("event", slug)];
        let reply = app.call("plan/add_event_step", &form, Some(&company)).await;
        assert_eq!(
            reply.error(),
            AppError::invalid(Key::ErrPlanEventUnavailable),
            "{slug}"
        );
    }
    let admin = app.admin("beheer-events@hub.test").await;
    let staff = app.staff(&admin, "medewerker-events@hub.test").await;
    let stranger = app.user("company", "ander-events@bedrijf.test").await;
    let second = event_on(&app, "masterclass", &["data"], "Masterclass OEE", 30).await;
    // By the assessment's id (the link itself is the key to the plan, for whoever holds it).
    let id = assessment::Entity::find()
        .one(&app.db)
        .await
        .expect("read")
        .expect("assessment")
        .id;
    let by_id = format!("o{id}");
    for (who, cookie) in [("staff", &staff), ("another company", &stranger)] {
        let form = [("reference", by_id.as_str()), ("event", second.as_str())];
        let reply = app.call("plan/add_event_step", &form, Some(cookie)).await;
        assert_ne!(reply.status, StatusCode::OK, "{who}: {}", reply.body);
    }
    assert_eq!(
        get(&app, &reference, Some(&company)).await.steps.len(),
        steps_before + 1
    );
}
