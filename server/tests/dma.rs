//! The EU Digital Maturity Assessment over HTTP: a company starts the shipped `dma`
//! questionnaire, answers its eleven questions, cannot finalise while a question or a grid row
//! is open, is refused a priority, gets the JRC's dimension scores and band (worked out by hand
//! in `docs/scoring.md`) and no plan; a second measure shows the first beside it (T0 → T1).

mod common;

use app::assessment::view::Results;
use app::error::AppError;
use app::i18n::{Key, Lang};
use axum::http::StatusCode;
use common::TestApp;
use serde_json::{json, Value};

/// The hand-computed company of `docs/scoring.md`: dimensions 45, 45, 50, 25, 20, 25.
fn answers() -> Vec<(&'static str, Value)> {
    let grid = |points: &[(&str, &str)]| json!({"type": "grid", "value": points});
    let ticks = |keys: &[&str]| json!({"type": "choices", "value": keys});
    vec![
        (
            "dma_strategy.investments",
            grid(&[
                ("design", "invested"),
                ("planning", "invested"),
                ("operations", "invested"),
                ("cooperation", "planned"),
                ("inbound", "planned"),
                ("sales", "none"),
                ("delivery", "none"),
                ("administration", "none"),
                ("purchasing", "none"),
                ("security", "none"),
            ]),
        ),
        (
            "dma_strategy.readiness",
            ticks(&["needs", "money", "management", "value"]),
        ),
        (
            "dma_readiness.basic",
            ticks(&["connectivity", "website", "social", "remote", "systems"]),
        ),
        (
            "dma_readiness.advanced",
            grid(&[
                ("simulation", "operational"),
                ("vr_ar", "testing"),
                ("cad_cam", "not_used"),
                ("mes", "not_used"),
                ("iot", "prototyping"),
                ("blockchain", "not_used"),
                ("additive", "implementing"),
            ]),
        ),
        (
            "dma_human.skills",
            ticks(&[
                "audit",
                "plan",
                "short",
                "on_the_job",
                "placements",
                "subsidised",
                "hiring",
            ]),
        ),
        ("dma_human.engagement", ticks(&["none"])),
        ("dma_data.management", ticks(&["not_digital"])),
        (
            "dma_data.security",
            ticks(&["policy", "backup", "training"]),
        ),
        (
            "dma_automation.technologies",
            grid(&[
                ("language", "considering"),
                ("vision", "considering"),
                ("audio", "not_used"),
                ("robotics", "not_used"),
                ("decisions", "testing"),
            ]),
        ),
        ("dma_green.uses", ticks(&["energy"])),
        (
            "dma_green.practices",
            grid(&[
                ("efficient_devices", "yes"),
                ("green_services", "partly"),
                ("longer_use", "partly"),
                ("recycling", "no"),
                ("procurement", "no"),
            ]),
        ),
    ]
}

async fn start_dma(app: &TestApp, cookie: &str) -> String {
    let reply = app
        .call(
            "assessment/start",
            &[
                ("variant", "dma"),
                ("company_name", "Metaalbewerking Noord BV"),
                ("sector", "metal"),
                ("size_class", "20-49"),
                ("province", "groningen"),
                ("respondent_role", "Directeur"),
                ("employees", "35"),
                ("sbi_code", "25.62"),
                ("enterprise_id", "1234 5678"),
            ],
            Some(cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply
        .location()
        .expect("redirect to the overview")
        .trim_start_matches("/assessment/")
        .split('?')
        .next()
        .expect("reference")
        .to_string()
}

async fn save(app: &TestApp, cookie: &str, reference: &str, item: &str, value: &Value) {
    let reply = app
        .call_json(
            "assessment/save_answer",
            json!({"reference": reference, "item_key": item, "current": null, "ambition": null,
                   "not_applicable": false, "comment": "", "value": value}),
            Some(cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{item}: {}", reply.body);
}

/// Moves every finalised DMA 200 days back: a measure finalised in the same second as the
/// next has no "before".
async fn backdate_dmas(app: &TestApp) {
    use app::db::entities::assessment::{Column, Entity};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, ExprTrait, QueryFilter};
    Entity::update_many()
        .col_expr(
            Column::FinalisedAt,
            Expr::col(Column::FinalisedAt).sub(200 * 86_400),
        )
        .filter(Column::Variant.eq("dma"))
        .exec(&app.db)
        .await
        .expect("back-date the measures");
}

async fn results(app: &TestApp, cookie: &str, reference: &str) -> Results {
    let reply = app
        .call(
            "assessment/results",
            &[("reference", reference)],
            Some(cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("results")
}

fn dimensions(r: &Results) -> Vec<Option<u8>> {
    r.scores.transitions.iter().map(|t| t.current).collect()
}

#[tokio::test]
async fn a_dma_is_complete_scored_by_the_jrc_method_and_compared_with_the_previous_one() {
    let app = TestApp::new().await;
    let company = app.user("company", "anna@noord.nl").await;
    let reference = start_dma(&app, &company).await;

    // No priority is asked, and the server takes none.
    let prio = app
        .call_json(
            "assessment/save_priority",
            json!({"reference": reference, "transition": "dma_data", "priority": "high"}),
            Some(&company),
        )
        .await;
    assert_eq!(prio.error(), AppError::invalid(Key::ErrDmaNoPriority));

    // Everything but one grid row and one question: finalising is refused, nothing changes.
    let all = answers();
    for (item, value) in &all {
        match *item {
            "dma_green.uses" => continue,
            "dma_readiness.advanced" => {
                let partial = json!({"type": "grid", "value": [["simulation", "operational"]]});
                save(&app, &company, &reference, item, &partial).await;
            }
            _ => save(&app, &company, &reference, item, value).await,
        }
    }
    let refused = app
        .call(
            "assessment/finalise",
            &[("reference", &reference)],
            Some(&company),
        )
        .await;
    assert_eq!(refused.error(), AppError::invalid(Key::ErrDmaIncomplete));
    // The green question answered, the grid still one row: still refused.
    save(&app, &company, &reference, "dma_green.uses", &all[9].1).await;
    let refused = app
        .call(
            "assessment/finalise",
            &[("reference", &reference)],
            Some(&company),
        )
        .await;
    assert_eq!(refused.error(), AppError::invalid(Key::ErrDmaIncomplete));
    assert!(results(&app, &company, &reference)
        .await
        .finalised_at
        .is_none());

    save(&app, &company, &reference, all[3].0, &all[3].1).await;
    let done = app
        .call(
            "assessment/finalise",
            &[("reference", &reference)],
            Some(&company),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let first = results(&app, &company, &reference).await;
    assert!(first.finalised_at.is_some());
    assert_eq!(
        dimensions(&first),
        [Some(45), Some(45), Some(50), Some(25), Some(20), Some(25)]
    );
    assert_eq!(first.scores.overall_current, Some(35));
    assert!(first.priorities.is_empty());

    // The page shows the band in the reader's language, and no ambition or priority column.
    let page = app
        .get(&format!("/assessment/{reference}/results"), Some(&company))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("data-testid=\"dma-band\" class=\"figure-number figure-word\">Gemiddeld<"),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains("data-testid=\"dma-overall\" class=\"figure-number\">35<"));
    assert!(!page.body.contains(Lang::Nl.t(Key::ResultsAmbition)));
    assert!(!page.body.contains(Lang::Nl.t(Key::PlanOpen)));

    // The DMA has no plan: none was drafted, and asking for one says why.
    let plan = app
        .call("plan/get", &[("reference", &reference)], Some(&company))
        .await;
    assert_eq!(plan.error(), AppError::invalid(Key::ErrDmaNoPlan));

    // T1: the same company measures again after support (months later: a measure finalised
    // in the same second has no "before"); the first measure stands beside it.
    backdate_dmas(&app).await;
    let second = start_dma(&app, &company).await;
    for (item, value) in &all {
        let value = match *item {
            // Now also planning and delivery invested: Q1 (5 + 1 × ½) / 10 → strategy 52.5.
            "dma_strategy.investments" => json!({"type": "grid", "value": [
                ["design", "invested"], ["planning", "invested"], ["operations", "invested"],
                ["cooperation", "invested"], ["inbound", "planned"], ["sales", "none"],
                ["delivery", "invested"], ["administration", "none"], ["purchasing", "none"],
                ["security", "none"]]}),
            _ => value.clone(),
        };
        save(&app, &company, &second, item, &value).await;
    }
    let done = app
        .call(
            "assessment/finalise",
            &[("reference", &second)],
            Some(&company),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let later = results(&app, &company, &second).await;
    assert_eq!(
        dimensions(&later),
        [Some(53), Some(45), Some(50), Some(25), Some(20), Some(25)]
    );
    let previous = later.previous.expect("the first measure beside it");
    assert_eq!(previous.get("dma_strategy"), Some((45, 45)));
    assert_eq!(previous.get("dma_green"), Some((25, 25)));
}

#[tokio::test]
async fn the_dma_is_not_a_kind_of_company_for_providers_and_practices() {
    let app = TestApp::new().await;
    // The provider catalogue of themes has no DMA dimension.
    let themes = app::providers::service::catalogue();
    assert!(!themes.is_empty());
    assert!(themes.iter().all(|t| !t.key.starts_with("dma_")));
    // Another company's DMA is not readable by its id (only with its secret link or as a
    // member of the company).
    let company = app.user("company", "anna@noord.nl").await;
    start_dma(&app, &company).await;
    let other = app.user("company", "bert@zuid.nl").await;
    let reference = format!("o{}", newest_dma_id(&app).await);
    let mine = app
        .call(
            "assessment/results",
            &[("reference", &reference)],
            Some(&company),
        )
        .await;
    assert_eq!(mine.status, StatusCode::OK, "{} {}", reference, mine.body);
    let reply = app
        .call(
            "assessment/results",
            &[("reference", &reference)],
            Some(&other),
        )
        .await;
    assert_eq!(reply.error(), AppError::invalid(Key::ErrAssessmentNotFound));
}

async fn stored(app: &TestApp, reference_id: i64) -> Vec<(String, Option<String>)> {
    use app::db::entities::assessment_answer::{Column, Entity};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    Entity::find()
        .filter(Column::AssessmentId.eq(reference_id))
        .order_by_asc(Column::ItemKey)
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|r| (r.item_key, r.answer_value))
        .collect()
}

async fn newest_dma_id(app: &TestApp) -> i64 {
    use app::db::entities::assessment::{Column, Entity};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    Entity::find()
        .filter(Column::Variant.eq("dma"))
        .order_by_desc(Column::Id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("a DMA")
        .id
}

#[tokio::test]
async fn a_dma_after_a_smart_factory_assessment_starts_with_what_that_one_says() {
    let app = TestApp::new().await;
    let company = app.user("company", "anna@noord.nl").await;
    let sf = app.start_assessment(Some(&company), "20-49").await;
    for (item, level) in [
        ("strategy.investment", 4),
        ("operations.machine_data", 3),
        ("connectivity.security_policy", 3),
        ("data.analysis", 2),
        ("energy.metering", 1),
    ] {
        let reply = app.answer(Some(&company), &sf, item, level, level).await;
        assert_eq!(reply.status, StatusCode::OK, "{item}: {}", reply.body);
    }
    let done = app
        .call("assessment/finalise", &[("reference", &sf)], Some(&company))
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);

    // Logged in, the company's newest finalised Smart Factory Assessment is the source.
    let dma = start_dma(&app, &company).await;
    let prefilled = vec![
        (
            "dma_data.security".to_string(),
            Some(r#"{"type":"choices","value":["policy","backup"]}"#.to_string()),
        ),
        (
            "dma_readiness.advanced".to_string(),
            Some(r#"{"type":"grid","value":[["iot","implementing"]]}"#.to_string()),
        ),
        (
            "dma_strategy.readiness".to_string(),
            Some(r#"{"type":"choices","value":["money","value"]}"#.to_string()),
        ),
    ];
    assert_eq!(stored(&app, newest_dma_id(&app).await).await, prefilled);

    // The page marks them until the company changes one.
    let sheet = |t: &'static str| {
        let (app, company, dma) = (&app, &company, dma.clone());
        async move {
            let reply = app
                .call(
                    "assessment/transition",
                    &[("reference", &dma), ("transition", t)],
                    Some(company),
                )
                .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            serde_json::from_str::<app::assessment::view::TransitionSheet>(&reply.body)
                .expect("sheet")
                .prefilled
        }
    };
    assert_eq!(sheet("dma_data").await, ["dma_data.security"]);
    save(
        &app,
        &company,
        &dma,
        "dma_data.security",
        &json!({"type": "choices", "value": ["policy"]}),
    )
    .await;
    assert!(sheet("dma_data").await.is_empty());
    assert_eq!(sheet("dma_strategy").await, ["dma_strategy.readiness"]);

    // Without an account, from the results page's link: its resume reference is the source,
    // and the start form carries its company data. Someone else's reference fills in nothing.
    let anonymous = app.start_assessment(None, "50-99").await;
    let reply = app.answer(None, &anonymous, "strategy.roadmap", 3, 4).await;
    assert_eq!(reply.status, StatusCode::OK);
    let form = [
        ("variant", "dma"),
        ("company_name", "Zuivelfabriek De Terp"),
        ("sector", "food"),
        ("size_class", "50-99"),
        ("province", "friesland"),
        ("respondent_role", ""),
        ("employees", "60"),
    ];
    let mut with_from = form.to_vec();
    with_from.push(("from", &anonymous));
    let reply = app.call("assessment/start", &with_from, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        stored(&app, newest_dma_id(&app).await).await,
        [(
            "dma_strategy.readiness".to_string(),
            Some(r#"{"type":"choices","value":["needs"]}"#.to_string())
        )]
    );
    let prefill = app
        .call("assessment/prefill", &[("from", &anonymous)], None)
        .await;
    assert!(
        prefill.body.contains("Zuivelfabriek De Terp"),
        "{}",
        prefill.body
    );
    // The company's assessment by its `o<id>` reference, without its login: not readable,
    // nothing filled in.
    let mut forged = form.to_vec();
    let theirs = {
        use app::db::entities::assessment::{Column, Entity};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let row = Entity::find()
            .filter(Column::Variant.eq("process"))
            .filter(Column::OrganisationId.is_not_null())
            .one(&app.db)
            .await
            .expect("query")
            .expect("the company's assessment");
        format!("o{}", row.id)
    };
    forged.push(("from", &theirs));
    let reply = app.call("assessment/start", &forged, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(stored(&app, newest_dma_id(&app).await).await.is_empty());
}

#[tokio::test]
async fn a_dma_asks_the_company_data_the_eu_report_needs_and_a_later_one_starts_with_it() {
    use app::db::entities::assessment::{Column, Entity};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
    let app = TestApp::new().await;
    let company = app.user("company", "piet@terp.nl").await;
    let base = [
        ("variant", "dma"),
        ("company_name", "Zuivelfabriek De Terp"),
        ("sector", "other"),
        ("size_class", "50-99"),
        ("province", "friesland"),
        ("respondent_role", ""),
    ];
    let count = || async { Entity::find().count(&app.db).await.expect("count") };
    let before = count().await;
    // The fields added to `base`, the field refused and why.
    type Refusal = (&'static [(&'static str, &'static str)], &'static str, Key);
    let refusals: [Refusal; 6] = [
        (&[], "employees", Key::ErrEmployeesMissing),
        (&[("employees", "30")], "employees", Key::ErrEmployeesClass),
        (&[("employees", "veel")], "employees", Key::ErrNumberInvalid),
        // "Other industry" names no NACE division: the SBI code must.
        (&[("employees", "60")], "sbi_code", Key::ErrSbiMissing),
        (
            &[("employees", "60"), ("sbi_code", "3400")],
            "sbi_code",
            Key::ErrSbiInvalid,
        ),
        (
            &[
                ("employees", "60"),
                ("sbi_code", "1051"),
                ("enterprise_id", "NL-12"),
            ],
            "enterprise_id",
            Key::ErrEnterpriseIdInvalid,
        ),
    ];
    for (extra, field, key) in refusals {
        let mut form = base.to_vec();
        form.extend_from_slice(extra);
        let reply = app.call("assessment/start", &form, Some(&company)).await;
        assert_eq!(reply.error(), AppError::field(field, key), "{extra:?}");
    }
    assert_eq!(count().await, before, "a refused start stores nothing");

    let mut form = base.to_vec();
    form.extend([
        ("employees", "1.060"),
        ("sbi_code", "10.51"),
        ("enterprise_id", "nl 8091.23.456 b01"),
    ]);
    form[3] = ("size_class", "200plus");
    let reply = app.call("assessment/start", &form, Some(&company)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let dma = Entity::find()
        .order_by_desc(Column::Id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("the DMA");
    assert_eq!(
        (
            dma.employees,
            dma.sbi_code.as_deref(),
            dma.enterprise_id.as_deref()
        ),
        (Some(1060), Some("1051"), Some("NL809123456B01"))
    );

    // A Smart Factory Assessment carries the hidden fields along but reads none of them,
    // not even ones that would not fit its size class.
    let mut smart_factory = base.to_vec();
    smart_factory[0] = ("variant", "process");
    smart_factory.extend([("employees", "5"), ("sbi_code", "x")]);
    let reply = app
        .call("assessment/start", &smart_factory, Some(&company))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let newest = Entity::find()
        .filter(Column::Variant.eq("process"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("the Smart Factory Assessment");
    assert_eq!((newest.employees, newest.sbi_code), (None, None));

    // The next DMA's start form has the company data of the last DMA, past that assessment.
    let prefill: Value = serde_json::from_str(
        &app.call("assessment/prefill", &[], Some(&company))
            .await
            .body,
    )
    .expect("json");
    assert_eq!(prefill["size_class"], "50-99", "from the newest assessment");
    assert_eq!(
        (
            &prefill["employees"],
            &prefill["sbi_code"],
            &prefill["enterprise_id"]
        ),
        (&json!("1060"), &json!("1051"), &json!("NL809123456B01")),
        "from the newest DMA"
    );
    // Someone else's company finds none of it.
    let other = app.user("company", "anna@noord.nl").await;
    let theirs: Value =
        serde_json::from_str(&app.call("assessment/prefill", &[], Some(&other)).await.body)
            .expect("json");
    assert_eq!(theirs["employees"], "");
}

async fn finalise_dma(app: &TestApp, cookie: &str) -> String {
    let reference = start_dma(app, cookie).await;
    for (item, value) in answers() {
        save(app, cookie, &reference, item, &value).await;
    }
    let done = app
        .call(
            "assessment/finalise",
            &[("reference", &reference)],
            Some(cookie),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    reference
}

#[tokio::test]
async fn staff_finish_support_the_company_is_invited_once_and_the_edih_report_has_t0_and_t1() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let staff = app.staff(&admin, "medewerker@hub.test").await;
    let company = app.user("company", "anna@noord.nl").await;
    let org = app
        .current_user(&company)
        .await
        .and_then(|u| u.organisation_id)
        .expect("a company");
    let org_text = org.to_string();
    let finish = |cookie: Option<&str>| {
        let (app, org_text, cookie) = (&app, org_text.clone(), cookie.map(String::from));
        async move {
            app.call(
                "staff/company/dma_support_finished",
                &[("organisation_id", &org_text)],
                cookie.as_deref(),
            )
            .await
        }
    };

    // Without a first measure there is nothing to compare with; a company cannot mark it.
    assert_eq!(
        finish(Some(&staff)).await.error(),
        AppError::invalid(Key::ErrDmaNoT0)
    );
    finalise_dma(&app, &company).await;
    assert!(matches!(
        finish(Some(&company)).await.error(),
        AppError::Forbidden | AppError::Unauthorized
    ));

    // Two staff clicks at once schedule one invitation; the other is told it waits.
    let (a, b) = tokio::join!(finish(Some(&staff)), finish(Some(&staff)));
    let errors: Vec<AppError> = [&a, &b]
        .iter()
        .filter(|r| r.status != StatusCode::OK)
        .map(|r| r.error())
        .collect();
    assert_eq!(errors, [AppError::invalid(Key::ErrDmaSupportPending)]);
    let detail = app
        .call("staff/company", &[("id", &org_text)], Some(&staff))
        .await;
    let detail: app::staff::model::CompanyDetail =
        serde_json::from_str(&detail.body).expect("company");
    assert_eq!(detail.dma.measures.len(), 1);
    assert_eq!(detail.dma.measures[0].measurement, "T0");
    assert!(detail.dma.waiting);

    // The job mails the member once, with the link to the DMA.
    let sent = app::staff::dma_support::send_invitations(&app.ctx)
        .await
        .expect("job");
    assert_eq!(sent, 1);
    assert_eq!(
        app::staff::dma_support::send_invitations(&app.ctx)
            .await
            .expect("job"),
        0
    );
    let mail = app
        .outbox()
        .await
        .into_iter()
        .find(|m| m.recipient == "anna@noord.nl" && m.body_text.contains("variant=dma"))
        .expect("the invitation");
    assert!(
        mail.subject.contains("Metaalbewerking Noord BV"),
        "{}",
        mail.subject
    );

    // T1, months later; the report has both, by measurement.
    backdate_dmas(&app).await;
    finalise_dma(&app, &company).await;
    let csv = app.get("/staff/exports/edih.csv", Some(&staff)).await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(
        lines[0].contains("company,enterprise_id,measurement,started,finalised,size_class,employees,eu_size,sector,sbi_code,nace,province,nuts2,dma_strategy,dma_readiness,dma_human,dma_data,dma_automation,dma_green,overall,band"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 3, "{}", csv.body);
    for (line, label) in lines[1..].iter().zip(["T0", "T1"]) {
        assert!(line.contains(&format!(",12345678,{label},")), "{line}");
        // The SBI code is more precise than the sector: division 25, not 24-25.
        assert!(
            line.ends_with(
                ",20-49,35,small,metal,2562,C25,groningen,NL11,45,45,50,25,20,25,35,average"
            ),
            "{line}"
        );
    }
    // A period that holds only T1; a wrong date goes back to the form with its reason.
    let today = app::time::day_string(app::db::now());
    let recent = app
        .get(
            &format!("/staff/exports/edih.csv?from={today}&to={today}"),
            Some(&staff),
        )
        .await;
    assert_eq!(recent.body.lines().count(), 2, "{}", recent.body);
    assert!(recent.body.contains(",T1,"));
    let wrong = app
        .get("/staff/exports/edih.xlsx?from=2026-02-31", Some(&staff))
        .await;
    assert_eq!(wrong.status, StatusCode::SEE_OTHER);
    assert!(wrong
        .location()
        .is_some_and(|l| l.contains("edih_error=err_date_invalid")));
    let excel = app.get("/staff/exports/edih.xlsx", Some(&staff)).await;
    assert_eq!(excel.status, StatusCode::OK);
    // The dashboard's T0 → T1 change: both measures score the same, so no change.
    let dashboard = app
        .call(
            "staff/dashboard",
            &[("filter[segment]", "Province")],
            Some(&staff),
        )
        .await;
    let dashboard: app::analytics::model::Dashboard =
        serde_json::from_str(&dashboard.body).expect("dashboard");
    let change = dashboard.dma_change.expect("one company with T0 and T1");
    assert_eq!(change.companies, 1);
    let dims: Vec<(String, f64, f64)> = change
        .dimensions
        .into_iter()
        .map(|d| (d.key, d.t0, d.t1))
        .collect();
    assert_eq!(dims[0], ("dma_strategy".to_string(), 45.0, 45.0));
    assert_eq!(dims.len(), 6);
    // Only staff.
    let refused = app.get("/staff/exports/edih.csv", Some(&company)).await;
    assert!(refused.status.is_client_error(), "{}", refused.status);
}
