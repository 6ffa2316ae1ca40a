//! `server demo-data`: fills a database with realistic generated data for screenshots,
//! benchmarks and staff training. Companies spread over the northern provinces, sectors and
//! sizes; assessments in all three variants with plausible answers (scored by the platform's
//! own scoring); solution providers and consultants; events with sign-ups and attendance;
//! contact requests; the programme's indicators. Deterministic for a given seed.
//!
//! It refuses a database that holds anything but earlier demo data (staff accounts aside),
//! unless forced: generated companies must never mix with real ones by accident.

use app::assessment::model::{Answer, Level, Priority, Questionnaire, Response, Variant};
use app::db::entities::{
    assessment, assessment_answer, assessment_priority, assessment_score, contact_request, event,
    event_registration, event_session, organisation, programme_indicator, provider_profile,
    questionnaire_version, setting, user_account,
};
use app::providers::model::ProfileContent;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;
use std::sync::Arc;

/// Marks a database as holding demo data (so a second run may add more).
const DEMO_MARKER: &str = "demo_data";
/// The password of every generated account (documented in the README).
pub const DEMO_PASSWORD: &str = "demo-wachtwoord-2026";
const DAY: i64 = 86_400;
/// How far each theme (by position in the questionnaire) is ahead of or behind a company's
/// overall maturity, in levels.
const THEME_OFFSETS: [f64; 13] = [
    0.45, 0.15, -0.1, 0.5, 0.2, -0.55, -0.2, -0.3, 0.0, 0.1, -0.15, 0.05, -0.7,
];

pub use crate::cli::DemoOptions;

mod bulk;
mod contacts;
mod events;
mod indicators;
mod plans;
mod practices;
mod providers;

#[derive(Debug, Default)]
pub struct DemoSummary {
    pub companies: usize,
    pub assessments: usize,
    pub answers: usize,
    pub profiles: usize,
    pub events: usize,
    pub registrations: usize,
    pub contact_requests: usize,
    /// Plans drafted, of which with guidance asked, of which agreed.
    pub plans: usize,
    pub guided_plans: usize,
    pub agreed_plans: usize,
    pub practices: usize,
}

async fn holds_real_data(db: &DatabaseConnection) -> Result<bool, String> {
    let e = |e: sea_orm::DbErr| e.to_string();
    if setting::Entity::find_by_id(DEMO_MARKER.to_string())
        .one(db)
        .await
        .map_err(e)?
        .is_some()
    {
        return Ok(false);
    }
    let orgs = organisation::Entity::find().count(db).await.map_err(e)?;
    let assessments = assessment::Entity::find().count(db).await.map_err(e)?;
    let events = event::Entity::find().count(db).await.map_err(e)?;
    let profiles = provider_profile::Entity::find()
        .count(db)
        .await
        .map_err(e)?;
    let people = user_account::Entity::find()
        .filter(user_account::Column::Role.is_not_in(["staff", "admin"]))
        .count(db)
        .await
        .map_err(e)?;
    Ok(orgs + assessments + events + profiles + people > 0)
}

const PROVINCES: [(&str, u32); 4] = [
    ("groningen", 34),
    ("friesland", 30),
    ("drenthe", 26),
    ("other", 10),
];
const SIZES: [(&str, u32, f64); 5] = [
    ("lt20", 18, -0.35),
    ("20-49", 32, -0.15),
    ("50-99", 26, 0.0),
    ("100-199", 16, 0.2),
    ("200plus", 8, 0.4),
];
const SECTORS: [(&str, u32); 9] = [
    ("metal", 22),
    ("machinery", 16),
    ("plastics", 9),
    ("food", 15),
    ("chemicals", 7),
    ("wood_paper", 6),
    ("electronics", 8),
    ("building_materials", 9),
    ("other", 8),
];
const PLACES: [&str; 24] = [
    "Groningen",
    "Leeuwarden",
    "Assen",
    "Emmen",
    "Hoogeveen",
    "Meppel",
    "Drachten",
    "Sneek",
    "Heerenveen",
    "Veendam",
    "Winschoten",
    "Delfzijl",
    "Stadskanaal",
    "Coevorden",
    "Hoogezand",
    "Harlingen",
    "Franeker",
    "Joure",
    "Leek",
    "Roden",
    "Zuidhorn",
    "Beilen",
    "Dokkum",
    "Wolvega",
];
const NAMES: [&str; 24] = [
    "Jansen",
    "de Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "de Boer",
    "Dijkstra",
    "Bos",
    "Vos",
    "Hoekstra",
    "Postma",
    "Kuipers",
    "Wiersma",
    "Veenstra",
    "Brouwer",
    "Hofstra",
    "van der Meer",
    "Schuurman",
    "Kramer",
    "Zijlstra",
    "Hendriks",
    "Bosma",
];
const FIRST_NAMES: [&str; 16] = [
    "Anne", "Jan", "Sietske", "Pieter", "Marieke", "Johan", "Femke", "Klaas", "Ingrid", "Bert",
    "Lotte", "Hendrik", "Wietske", "Gerrit", "Sanne", "Tjeerd",
];

fn sector_words(sector: &str) -> &'static [&'static str] {
    match sector {
        "metal" => &["Metaalbewerking", "Plaatwerk", "Lastechniek", "Staalbouw"],
        "machinery" => &["Machinebouw", "Werktuigbouw", "Aandrijftechniek"],
        "plastics" => &["Kunststoffen", "Spuitgiet", "Composiet"],
        "food" => &[
            "Zuivel",
            "Bakkerij",
            "Voedingsmiddelen",
            "Aardappelverwerking",
        ],
        "chemicals" => &["Chemie", "Coatings", "Zoutwinning"],
        "wood_paper" => &["Houtbewerking", "Kartonfabriek", "Papier"],
        "electronics" => &["Elektronica", "Besturingstechniek", "Sensortechniek"],
        "building_materials" => &["Betonwaren", "Baksteen", "Prefab"],
        _ => &["Productie", "Industrie", "Techniek"],
    }
}

fn variant_for(sector: &str, rng: &mut StdRng) -> Variant {
    let roll = rng.gen_range(0..100);
    match sector {
        "food" | "chemicals" | "wood_paper" if roll < 75 => Variant::Process,
        "metal" | "plastics" | "electronics" if roll < 55 => Variant::Suppliers,
        _ if roll < 15 => Variant::Suppliers,
        _ if roll < 22 => Variant::Process,
        _ => Variant::Manufacturing,
    }
}

fn weighted<'a, T>(rng: &mut StdRng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.gen_range(0..total.max(1));
    for (item, w) in items {
        if roll < *w {
            return item;
        }
        roll -= w;
    }
    &items[0].0
}

/// A normally distributed number (Box-Muller), for plausible spreads of maturity.
fn normal(rng: &mut StdRng, mean: f64, sd: f64) -> f64 {
    let u1: f64 = rng.gen_range(f64::EPSILON..1.0);
    let u2: f64 = rng.gen_range(0.0..1.0);
    mean + sd * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

struct Company {
    id: i64,
    user_id: i64,
    name: String,
    contact: String,
    email: String,
    province: &'static str,
    sector: &'static str,
    size: &'static str,
    maturity: f64,
    /// Finalised assessments' (id, finalised_at, three largest-gap transitions).
    finalised: Vec<(i64, i64, Vec<String>)>,
}

/// Generates the data. `now` is the end of the generated period (three years long).
pub async fn fill(
    db: &DatabaseConnection,
    opts: &DemoOptions,
    now: i64,
) -> Result<DemoSummary, String> {
    let e = |e: sea_orm::DbErr| e.to_string();
    if holds_real_data(db).await? && !opts.force {
        return Err(
            "this database holds companies, assessments, events or accounts that are not demo \
             data; run it on an empty database, or add --force if you are sure"
                .into(),
        );
    }
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let mut summary = DemoSummary::default();
    let start = now - 3 * 365 * DAY;

    let mut questionnaires: HashMap<Variant, (i64, Arc<Questionnaire>)> = HashMap::new();
    for v in Variant::ALL {
        let row = questionnaire_version::Entity::find()
            .filter(questionnaire_version::Column::Variant.eq(v.code()))
            .order_by_desc(questionnaire_version::Column::Version)
            .one(db)
            .await
            .map_err(e)?
            .ok_or("questionnaires are not loaded; start the server once first")?;
        let q = app::assessment::service::questionnaire(db, row.id)
            .await
            .map_err(|e| e.to_string())?;
        questionnaires.insert(v, (row.id, q));
    }
    let password_hash = app::accounts::service::hash_password(DEMO_PASSWORD.to_string())
        .await
        .map_err(|e| e.to_string())?;

    // Companies: about two for every three assessments (some repeat theirs).
    let company_count = (opts.assessments * 2 / 3).max(12);
    // Numbering continues after earlier runs, so e-mail addresses stay unique.
    let first = organisation::Entity::find().count(db).await.map_err(e)? as usize;
    let mut companies = Vec::with_capacity(company_count);
    for chunk in (0..company_count).collect::<Vec<_>>().chunks(1000) {
        let txn = db.begin().await.map_err(e)?;
        let mut orgs = Vec::with_capacity(chunk.len());
        let mut names = Vec::with_capacity(chunk.len());
        let mut pending = Vec::with_capacity(chunk.len());
        let mut pending_created = Vec::with_capacity(chunk.len());
        for &n in chunk {
            let sector = *weighted(&mut rng, &SECTORS);
            let province = *weighted(&mut rng, &PROVINCES);
            let size_pick: Vec<(usize, u32)> =
                SIZES.iter().enumerate().map(|(i, s)| (i, s.1)).collect();
            let size_index = *weighted(&mut rng, &size_pick);
            let (size, _, size_effect) = SIZES[size_index];
            let word = sector_words(sector)
                .choose(&mut rng)
                .copied()
                .unwrap_or("Industrie");
            let family = NAMES.choose(&mut rng).copied().unwrap_or("Jansen");
            let place = PLACES.choose(&mut rng).copied().unwrap_or("Groningen");
            let name = match n % 3 {
                0 => format!("{word} {family} B.V."),
                1 => format!("{family} {word} {place}"),
                _ => format!("{place}se {word} B.V."),
            };
            let created = start + rng.gen_range(0..(now - start) / 2);
            orgs.push(organisation::ActiveModel {
                kind: Set("company".into()),
                name: Set(name.clone()),
                created_at: Set(created),
                ..Default::default()
            });
            names.push(name.clone());
            let contact = format!(
                "{} {}",
                FIRST_NAMES.choose(&mut rng).copied().unwrap_or("Anne"),
                family
            );
            let email = format!("contact{}@demo-bedrijf.example", first + n + 1);
            pending.push(Company {
                id: 0,
                user_id: 0,
                name,
                contact,
                email,
                province,
                sector,
                size,
                maturity: normal(&mut rng, 2.3 + size_effect, 0.55),
                finalised: Vec::new(),
            });
            pending_created.push(created);
        }
        let org_ids = bulk::insert_returning_ids(
            &txn,
            orgs,
            &names,
            |o: &organisation::Model| o.name.clone(),
            |o| o.id,
        )
        .await?;
        let users: Vec<_> = pending
            .iter()
            .zip(&org_ids)
            .zip(&pending_created)
            .map(|((c, &org_id), &created)| user_account::ActiveModel {
                email: Set(c.email.clone()),
                password_hash: Set(password_hash.clone()),
                display_name: Set(c.contact.clone()),
                role: Set("company_member".into()),
                organisation_id: Set(Some(org_id)),
                locale: Set("nl".into()),
                email_verified_at: Set(Some(created)),
                active: Set(true),
                created_at: Set(created),
                ..Default::default()
            })
            .collect();
        let emails: Vec<String> = pending.iter().map(|c| c.email.clone()).collect();
        let user_ids = bulk::insert_returning_ids(
            &txn,
            users,
            &emails,
            |u: &user_account::Model| u.email.clone(),
            |u| u.id,
        )
        .await?;
        for ((mut c, id), user_id) in pending.into_iter().zip(org_ids).zip(user_ids) {
            c.id = id;
            c.user_id = user_id;
            companies.push(c);
        }
        txn.commit().await.map_err(e)?;
    }
    summary.companies = companies.len();

    // Assessments: every company one, the rest repeats later in time (showing progress).
    let mut order: Vec<usize> = (0..companies.len()).collect();
    while order.len() < opts.assessments {
        order.push(rng.gen_range(0..companies.len()));
    }
    order.truncate(opts.assessments);
    // Growth over the period: later months see more assessments (square-root spread).
    let mut times: Vec<i64> = (0..order.len())
        .map(|_| {
            start + ((now - start - 20 * DAY) as f64 * rng.gen_range(0.0f64..1.0).sqrt()) as i64
        })
        .collect();
    times.sort_unstable();
    let mut seen_company = vec![0u32; companies.len()];
    for (chunk_index, chunk) in order.chunks(500).enumerate() {
        let txn = db.begin().await.map_err(e)?;
        // Rows refer to their assessment by its place in this chunk (`slot`) until the
        // assessments are inserted, all at once, and their ids are known.
        let mut rows = Vec::with_capacity(chunk.len());
        let mut tokens = Vec::with_capacity(chunk.len());
        let mut answers = Vec::new();
        let mut scores = Vec::new();
        let mut priorities = Vec::new();
        let mut finalised_rows = Vec::new();
        for (offset, &ci) in chunk.iter().enumerate() {
            let created = times[chunk_index * 500 + offset];
            let c = &mut companies[ci];
            let repeat = seen_company[ci];
            seen_company[ci] += 1;
            let variant = variant_for(c.sector, &mut rng);
            let (version_id, q) = questionnaires[&variant].clone();
            let finalised = rng.gen_range(0..100) < 86;
            let finalised_at = finalised.then(|| (created + rng.gen_range(1..15) * DAY).min(now));
            let slot = rows.len();
            let token = app::accounts::token::hash_secret(&app::accounts::token::random_secret());
            tokens.push(token.clone());
            rows.push(assessment::ActiveModel {
                resume_token_hash: Set(token),
                organisation_id: Set(Some(c.id)),
                created_by: Set(Some(c.user_id)),
                questionnaire_version_id: Set(version_id),
                variant: Set(variant.code().into()),
                company_name: Set(c.name.clone()),
                sector: Set(c.sector.into()),
                size_class: Set(c.size.into()),
                province: Set(c.province.into()),
                respondent_role: Set([
                    "Directeur-eigenaar",
                    "Plantmanager",
                    "Hoofd productie",
                    "Manager operations",
                    "IT-coördinator",
                ]
                .choose(&mut rng)
                .copied()
                .unwrap_or("Directeur-eigenaar")
                .into()),
                status: Set(if finalised { "final" } else { "draft" }.into()),
                created_at: Set(created),
                updated_at: Set(finalised_at.unwrap_or(created)),
                finalised_at: Set(finalised_at),
                // Generated companies stand for real ones: their figures count.
                counted: Set(finalised),
                ..Default::default()
            });
            // A repeat assessment: the company moved on a little.
            let maturity = c.maturity + 0.35 * f64::from(repeat);
            let mut given: Vec<Answer> = Vec::new();
            let items: Vec<_> = q
                .transitions
                .iter()
                .enumerate()
                .flat_map(|(ti, t)| t.items.iter().map(move |i| (ti, t, i)))
                .collect();
            let answered = if finalised {
                items.len()
            } else {
                items.len() * rng.gen_range(10..70) / 100
            };
            // Some themes are further along everywhere (strategy, production technology),
            // some lag (data, smart products); each company adds its own small twist.
            let offsets: Vec<f64> = q
                .transitions
                .iter()
                .enumerate()
                .map(|(ti, _)| {
                    THEME_OFFSETS[ti % THEME_OFFSETS.len()]
                        + ((ti * 7919 + c.id as usize) % 5) as f64 * 0.1
                        - 0.2
                })
                .collect();
            for (ti, _, item) in items.iter().take(answered) {
                let response = if rng.gen_range(0..100) < 4 {
                    Response::NotApplicable
                } else {
                    let cur = normal(&mut rng, maturity + offsets[*ti], 0.7)
                        .round()
                        .clamp(1.0, 5.0) as u8;
                    // Larger companies aim higher.
                    let bold = u32::from(matches!(c.size, "100-199" | "200plus")) * 15;
                    let step = *weighted(
                        &mut rng,
                        &[(0u8, 18), (1, 50 - bold), (2, 27 + bold), (3, 5)],
                    );
                    let amb = (cur + step).min(5);
                    match (Level::new(cur), Level::new(amb)) {
                        (Some(current), Some(ambition)) => Response::Levels { current, ambition },
                        _ => Response::NotApplicable,
                    }
                };
                let (current_level, ambition_level, na) = match response {
                    // Demo questionnaires are the shipped ones: level items only.
                    Response::NotApplicable | Response::Scored(_) | Response::Unscored => {
                        (None, None, true)
                    }
                    Response::Levels { current, ambition } => (
                        Some(i16::from(current.value())),
                        Some(i16::from(ambition.value())),
                        false,
                    ),
                };
                answers.push((
                    slot,
                    assessment_answer::ActiveModel {
                        item_key: Set(item.key.clone()),
                        current_level: Set(current_level),
                        ambition_level: Set(ambition_level),
                        not_applicable: Set(na),
                        comment: Set(String::new()),
                        answered_by: Set(Some(c.user_id)),
                        updated_at: Set(created),
                        answer_value: Set(None),
                        ..Default::default()
                    },
                ));
                given.push(Answer {
                    item_key: item.key.clone(),
                    response,
                    comment: String::new(),
                });
            }
            if let Some(at) = finalised_at {
                let unprioritised = app::assessment::scoring::score(&q, &given, &HashMap::new());
                let mut by_gap: Vec<(String, u8)> = unprioritised
                    .transitions
                    .iter()
                    .filter_map(|t| Some((t.transition_key.clone(), t.gap?)))
                    .collect();
                by_gap.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                let mut chosen = HashMap::new();
                for (rank, (key, _)) in by_gap.iter().enumerate().take(8) {
                    let p = match rank {
                        0..=2 => Priority::High,
                        3..=5 => Priority::Medium,
                        _ => Priority::Low,
                    };
                    chosen.insert(key.clone(), p);
                    priorities.push((
                        slot,
                        assessment_priority::ActiveModel {
                            transition_key: Set(key.clone()),
                            priority: Set(p.code().into()),
                            ..Default::default()
                        },
                    ));
                }
                let scored = app::assessment::scoring::score(&q, &given, &chosen);
                for t in scored.transitions {
                    if let (Some(cur), Some(amb)) = (t.current, t.ambition) {
                        scores.push((
                            slot,
                            assessment_score::ActiveModel {
                                transition_key: Set(t.transition_key),
                                current_score: Set(i16::from(cur)),
                                ambition_score: Set(i16::from(amb)),
                                ..Default::default()
                            },
                        ));
                    }
                }
                finalised_rows.push((
                    ci,
                    slot,
                    at,
                    by_gap
                        .into_iter()
                        .take(3)
                        .map(|(k, _)| k)
                        .collect::<Vec<_>>(),
                ));
            }
        }
        let ids = bulk::insert_returning_ids(
            &txn,
            rows,
            &tokens,
            |a: &assessment::Model| a.resume_token_hash.clone(),
            |a| a.id,
        )
        .await?;
        for (ci, slot, at, largest_gaps) in finalised_rows {
            companies[ci].finalised.push((ids[slot], at, largest_gaps));
        }
        summary.answers += answers.len();
        let answers: Vec<_> = answers
            .into_iter()
            .map(|(slot, mut a)| {
                a.assessment_id = Set(ids[slot]);
                a
            })
            .collect();
        for batch in answers.chunks(400) {
            assessment_answer::Entity::insert_many(batch.to_vec())
                .exec(&txn)
                .await
                .map_err(e)?;
        }
        let scores: Vec<_> = scores
            .into_iter()
            .map(|(slot, mut a)| {
                a.assessment_id = Set(ids[slot]);
                a
            })
            .collect();
        for batch in scores.chunks(800) {
            assessment_score::Entity::insert_many(batch.to_vec())
                .exec(&txn)
                .await
                .map_err(e)?;
        }
        let priorities: Vec<_> = priorities
            .into_iter()
            .map(|(slot, mut a)| {
                a.assessment_id = Set(ids[slot]);
                a
            })
            .collect();
        for batch in priorities.chunks(800) {
            assessment_priority::Entity::insert_many(batch.to_vec())
                .exec(&txn)
                .await
                .map_err(e)?;
        }
        txn.commit().await.map_err(e)?;
        summary.assessments += chunk.len();
        if summary.assessments % 10_000 == 0 {
            tracing::info!(assessments = summary.assessments, "demo data progress");
        }
    }

    // The bulk inserts above bypass `finalise`, which keeps the dashboard's roll-up tables;
    // recompute those from the assessments, in one transaction.
    let txn = db.begin().await.map_err(e)?;
    migrations::rebuild_dashboard_rollup(&txn)
        .await
        .map_err(e)?;
    txn.commit().await.map_err(e)?;

    let profiles = providers::fill(db, &mut rng, start).await?;
    summary.profiles = profiles.len();
    let (events, registrations) = events::fill(db, &mut rng, &companies, start, now).await?;
    summary.events = events;
    summary.registrations = registrations;
    summary.contact_requests = contacts::fill(db, &mut rng, &companies, &profiles, now).await?;
    let by_version: HashMap<i64, Arc<Questionnaire>> = questionnaires
        .values()
        .map(|(id, q)| (*id, q.clone()))
        .collect();
    let p = plans::fill(db, &mut rng, &password_hash, &by_version, now).await?;
    summary.plans = p.plans;
    summary.guided_plans = p.guided;
    summary.agreed_plans = p.agreed;
    summary.practices = practices::fill(db, now).await?;
    indicators::fill(db, start, now).await?;
    let _ = setting::Entity::delete_by_id(DEMO_MARKER.to_string())
        .exec(db)
        .await;
    setting::ActiveModel {
        key: Set(DEMO_MARKER.into()),
        value: Set("1".into()),
    }
    .insert(db)
    .await
    .map_err(e)?;
    // PostgreSQL plans from statistics that autovacuum gathers a while after a large change;
    // right after a bulk load it has none and can pick plans that take minutes instead of
    // milliseconds (the re-assessed figures at 10,000 assessments: 66 s against 0.1 s,
    // docs/benchmarks.md). Gather them now, as autovacuum would. SQLite is left as the
    // platform runs it everywhere else: without statistics.
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        db.execute_unprepared("ANALYZE").await.map_err(e)?;
    }
    // The journey's rows (check-ins, contact requests, plans) were inserted directly as well:
    // count the dashboard's funnel and the re-assessed figures from them, after the statistics
    // their lookups are planned by.
    let txn = db.begin().await.map_err(e)?;
    migrations::rebuild_dashboard_funnel(&txn)
        .await
        .map_err(e)?;
    migrations::rebuild_reassessed_change(&txn)
        .await
        .map_err(e)?;
    txn.commit().await.map_err(e)?;
    Ok(summary)
}
