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
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
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

mod plans;
mod practices;

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
            let org = organisation::ActiveModel {
                kind: Set("company".into()),
                name: Set(name.clone()),
                created_at: Set(created),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(e)?;
            let contact = format!(
                "{} {}",
                FIRST_NAMES.choose(&mut rng).copied().unwrap_or("Anne"),
                family
            );
            let email = format!("contact{}@demo-bedrijf.example", first + n + 1);
            let user = user_account::ActiveModel {
                email: Set(email.clone()),
                password_hash: Set(password_hash.clone()),
                display_name: Set(contact.clone()),
                role: Set("company_member".into()),
                organisation_id: Set(Some(org.id)),
                locale: Set("nl".into()),
                email_verified_at: Set(Some(created)),
                active: Set(true),
                created_at: Set(created),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(e)?;
            companies.push(Company {
                id: org.id,
                user_id: user.id,
                name,
                contact,
                email,
                province,
                sector,
                size,
                maturity: normal(&mut rng, 2.3 + size_effect, 0.55),
                finalised: Vec::new(),
            });
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
        let mut answers = Vec::new();
        let mut scores = Vec::new();
        let mut priorities = Vec::new();
        for (offset, &ci) in chunk.iter().enumerate() {
            let created = times[chunk_index * 500 + offset];
            let c = &mut companies[ci];
            let repeat = seen_company[ci];
            seen_company[ci] += 1;
            let variant = variant_for(c.sector, &mut rng);
            let (version_id, q) = questionnaires[&variant].clone();
            let finalised = rng.gen_range(0..100) < 86;
            let finalised_at = finalised.then(|| (created + rng.gen_range(1..15) * DAY).min(now));
            let row = assessment::ActiveModel {
                resume_token_hash: Set(app::accounts::token::hash_secret(
                    &app::accounts::token::random_secret(),
                )),
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
            }
            .insert(&txn)
            .await
            .map_err(e)?;
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
                    Response::NotApplicable => (None, None, true),
                    Response::Levels { current, ambition } => (
                        Some(i16::from(current.value())),
                        Some(i16::from(ambition.value())),
                        false,
                    ),
                };
                answers.push(assessment_answer::ActiveModel {
                    assessment_id: Set(row.id),
                    item_key: Set(item.key.clone()),
                    current_level: Set(current_level),
                    ambition_level: Set(ambition_level),
                    not_applicable: Set(na),
                    comment: Set(String::new()),
                    answered_by: Set(Some(c.user_id)),
                    updated_at: Set(created),
                });
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
                    priorities.push(assessment_priority::ActiveModel {
                        assessment_id: Set(row.id),
                        transition_key: Set(key.clone()),
                        priority: Set(p.code().into()),
                    });
                }
                let scored = app::assessment::scoring::score(&q, &given, &chosen);
                for t in scored.transitions {
                    if let (Some(cur), Some(amb)) = (t.current, t.ambition) {
                        scores.push(assessment_score::ActiveModel {
                            assessment_id: Set(row.id),
                            transition_key: Set(t.transition_key),
                            current_score: Set(i16::from(cur)),
                            ambition_score: Set(i16::from(amb)),
                        });
                    }
                }
                c.finalised.push((
                    row.id,
                    at,
                    by_gap.into_iter().take(3).map(|(k, _)| k).collect(),
                ));
            }
        }
        summary.answers += answers.len();
        for batch in answers.chunks(400) {
            assessment_answer::Entity::insert_many(batch.to_vec())
                .exec(&txn)
                .await
                .map_err(e)?;
        }
        for batch in scores.chunks(800) {
            assessment_score::Entity::insert_many(batch.to_vec())
                .exec(&txn)
                .await
                .map_err(e)?;
        }
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

    let profiles = providers(db, &mut rng, start).await?;
    summary.profiles = profiles.len();
    let (events, registrations) = events(db, &mut rng, &companies, start, now).await?;
    summary.events = events;
    summary.registrations = registrations;
    summary.contact_requests = contact_requests(db, &mut rng, &companies, &profiles, now).await?;
    let by_version: HashMap<i64, Arc<Questionnaire>> = questionnaires
        .values()
        .map(|(id, q)| (*id, q.clone()))
        .collect();
    let p = plans::fill(db, &mut rng, &password_hash, &by_version, now).await?;
    summary.plans = p.plans;
    summary.guided_plans = p.guided;
    summary.agreed_plans = p.agreed;
    summary.practices = practices::fill(db, now).await?;
    indicators(db, start, now).await?;
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
    Ok(summary)
}

const PROVIDERS: [(&str, &str, &[&str], &[&str]); 12] = [
    (
        "Noordelijke Automatisering",
        "Robots en cobots voor kleine series",
        &["production_technology", "digital_factory"],
        &["cobots", "robotica"],
    ),
    (
        "DataFabriek Groningen",
        "Van machinedata naar dashboards",
        &["data", "performance", "connectivity"],
        &["iiot", "dashboards"],
    ),
    (
        "Fries Planningshuis",
        "Planning die klopt, ook bij spoedorders",
        &["planning", "operations"],
        &["aps", "erp"],
    ),
    (
        "Drentse Sensorwerken",
        "Sensoren en condition monitoring",
        &["maintenance", "connectivity"],
        &["sensoren", "predictive maintenance"],
    ),
    (
        "Smart Ops Noord",
        "MES en digitale werkinstructies",
        &["operations", "smart_working"],
        &["mes", "werkinstructies"],
    ),
    (
        "EnergieSlim Industrie",
        "Energiemonitoring en -besparing",
        &["energy", "data"],
        &["energiemonitoring"],
    ),
    (
        "ProcesControl Delfzijl",
        "Procesautomatisering en regeltechniek",
        &["operations", "data"],
        &["scada", "plc"],
    ),
    (
        "Ketenlink",
        "Digitale koppelingen met klanten en leveranciers",
        &["supply_chain", "connectivity"],
        &["edi", "portalen"],
    ),
    (
        "Slimme Producten Lab",
        "Van product naar dienst met IoT",
        &["smart_products", "strategy"],
        &["iot", "servitisation"],
    ),
    (
        "Vision & Kwaliteit",
        "Camera-inspectie en kwaliteitsdata",
        &["production_technology", "performance"],
        &["machine vision"],
    ),
    (
        "CyberVeilig Noord",
        "OT-security voor productiebedrijven",
        &["connectivity", "digital_factory"],
        &["ot-security"],
    ),
    (
        "Leerfabriek Emmen",
        "Digitale vaardigheden op de werkvloer",
        &["smart_working", "strategy"],
        &["training", "vr"],
    ),
];

async fn providers(
    db: &DatabaseConnection,
    rng: &mut StdRng,
    start: i64,
) -> Result<Vec<(i64, Vec<String>)>, String> {
    let e = |e: sea_orm::DbErr| e.to_string();
    let existing = provider_profile::Entity::find()
        .count(db)
        .await
        .map_err(e)?;
    let mut out = Vec::new();
    // The programme had 26 providers and 20 consultants in its network.
    let wanted = [("provider", 26usize), ("consultant", 20usize)];
    let txn = db.begin().await.map_err(e)?;
    for (kind, count) in wanted {
        for n in 0..count {
            let (base, pitch, transitions, tech) = PROVIDERS[n % PROVIDERS.len()];
            let name = if kind == "provider" {
                if n < PROVIDERS.len() {
                    base.to_string()
                } else {
                    format!("{base} {}", PLACES[n % PLACES.len()])
                }
            } else {
                format!(
                    "{} {} Advies",
                    FIRST_NAMES[n % FIRST_NAMES.len()],
                    NAMES[(n * 5) % NAMES.len()]
                )
            };
            let slug = format!(
                "{}-{}",
                app::providers::service::slugify(&name),
                existing as usize + out.len() + 1
            );
            let content = ProfileContent {
                name: name.clone(),
                pitch: if kind == "provider" {
                    pitch.to_string()
                } else {
                    "Onafhankelijk adviseur: van assessment naar digitaliseringsplan".into()
                },
                description: format!(
                    "{name} helpt maakbedrijven in Noord-Nederland met **{}**.\n\nWe beginnen bij de uitkomst van uw Smart Factory Assessment en werken in korte stappen naar resultaat.",
                    pitch.to_lowercase()
                ),
                services: vec!["Quick scan".into(), "Implementatie".into(), "Training".into()],
                technologies: tech.iter().map(|t| t.to_string()).collect(),
                transitions: transitions.iter().map(|t| t.to_string()).collect(),
                variants: vec![Variant::Manufacturing, Variant::Suppliers, Variant::Process]
                    .into_iter()
                    .filter(|_| rng.gen_range(0..100) < 80)
                    .collect(),
                regions: ["groningen", "friesland", "drenthe"]
                    .iter()
                    .filter(|_| rng.gen_range(0..100) < 75)
                    .map(|r| r.to_string())
                    .collect(),
                sizes: ["20-49", "50-99", "100-199"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                contact_name: format!("{} {}", FIRST_NAMES[(n * 3) % 16], NAMES[(n * 7) % 24]),
                contact_email: format!("info@{}.example", app::providers::service::slugify(&name)),
                website: format!("https://{}.example", app::providers::service::slugify(&name)),
                languages: if kind == "consultant" {
                    vec!["Nederlands".into(), "Engels".into()]
                } else {
                    Vec::new()
                },
                available: true,
                ..Default::default()
            };
            let json = serde_json::to_string(&content).map_err(|e| e.to_string())?;
            let at = start + rng.gen_range(0..365) * DAY;
            let row = provider_profile::ActiveModel {
                kind: Set(kind.into()),
                organisation_id: Set(None),
                user_id: Set(None),
                slug: Set(slug),
                draft: Set(json.clone()),
                review_state: Set("editing".into()),
                review_note: Set(None),
                published: Set(Some(json)),
                published_at: Set(Some(at)),
                search_text: Set(content.search_text()),
                name_sort: Set(name.to_lowercase()),
                tags: Set(content.tags()),
                created_at: Set(at),
                updated_at: Set(at),
                submitted_at: Set(Some(at)),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(e)?;
            out.push((row.id, content.transitions));
        }
    }
    txn.commit().await.map_err(e)?;
    Ok(out)
}

/// Past events with the programme's numbers (13 masterclasses, 5 workshops, 10 webinars,
/// 9 network meetings) and a few upcoming ones.
async fn events(
    db: &DatabaseConnection,
    rng: &mut StdRng,
    companies: &[Company],
    start: i64,
    now: i64,
) -> Result<(usize, usize), String> {
    let e = |e: sea_orm::DbErr| e.to_string();
    let themes = [
        ("Digitale fabriek", "digital_factory"),
        ("Slim werken", "smart_working"),
        (
            "Productietechnologie: robots en cobots",
            "production_technology",
        ),
        ("Operations control", "operations"),
        ("Datamanagement", "data"),
        ("Connectiviteit", "connectivity"),
        ("Energie voor maakbedrijven", "energy"),
        ("Performance control", "performance"),
        ("Planningsoptimalisatie", "planning"),
        ("Onderhoud", "maintenance"),
        ("Ketensamenwerking", "supply_chain"),
        ("Slimme producten", "smart_products"),
        ("Strategie", "strategy"),
    ];
    let mut plan: Vec<(&str, String, String, i32, usize, usize)> = Vec::new();
    for (i, (title, key)) in themes.iter().enumerate() {
        plan.push((
            "masterclass",
            format!("Masterclass {title}"),
            key.to_string(),
            20,
            6 + i % 3 * 5,
            20,
        ));
    }
    for i in 0..5 {
        plan.push((
            "workshop",
            format!("Introductieworkshop Smart Industry {}", i + 1),
            "strategy".into(),
            15,
            3,
            8,
        ));
    }
    for (i, (title, key)) in themes.iter().take(10).enumerate() {
        plan.push((
            "webinar",
            format!("Webinar: {title}"),
            key.to_string(),
            200,
            60 + i * 7,
            150,
        ));
    }
    for (i, place) in PLACES.iter().take(9).enumerate() {
        plan.push((
            "network",
            format!("Smart Factory Tour {place}"),
            themes[i].1.to_string(),
            100,
            30 + i * 6,
            100,
        ));
    }
    let past = plan.len();
    for (title, key) in themes.iter().take(4) {
        plan.push((
            "masterclass",
            format!("Masterclass {title} (vervolg)"),
            key.to_string(),
            20,
            4,
            12,
        ));
    }
    let finalised: Vec<&Company> = companies
        .iter()
        .filter(|c| !c.finalised.is_empty())
        .collect();
    let mut registrations = 0usize;
    let existing = event::Entity::find().count(db).await.map_err(e)?;
    let txn = db.begin().await.map_err(e)?;
    for (n, (kind, title, theme, capacity, low, high)) in plan.iter().enumerate() {
        let upcoming = n >= past;
        // On the day, at 12:00 UTC (13:00 in the Netherlands in winter, 14:00 in summer): an
        // offset from `now` put the events at whatever hour the generator happened to run.
        let day = if upcoming {
            now + (14 + n as i64 * 9) * DAY
        } else {
            start + 60 * DAY + (now - start - 90 * DAY) * n as i64 / past as i64
        };
        let starts_at = day - day.rem_euclid(DAY) + 12 * 3600;
        let ev = event::ActiveModel {
            slug: Set(format!(
                "{}-{}",
                app::providers::service::slugify(title),
                existing as usize + n + 1
            )),
            kind: Set(kind.to_string()),
            title_nl: Set(title.clone()),
            title_en: Set(title.clone()),
            description_nl: Set(format!("{title}: praktijkvoorbeelden van bedrijven uit Noord-Nederland, met tijd om ervaringen uit te wisselen.")),
            description_en: Set(format!("{title}: practical examples from companies in the Northern Netherlands, with time to share experiences.")),
            themes: Set(format!("|{theme}|")),
            speakers: Set("Hanzehogeschool Groningen; NHL Stenden; Rijksuniversiteit Groningen".into()),
            format: Set(if *kind == "webinar" { "online" } else { "physical" }.into()),
            location: Set(if *kind == "webinar" { String::new() } else { format!("{}, Noord-Nederland", PLACES[n % PLACES.len()]) }),
            online_link: Set(if *kind == "webinar" { "https://meet.example/sih".into() } else { String::new() }),
            capacity: Set(*capacity),
            seats_taken: Set(0),
            per_organisation_limit: Set(Some(if *kind == "masterclass" { 2 } else { 4 })),
            registration_deadline: Set(starts_at - DAY),
            language: Set("nl".into()),
            eligibility: Set(if *kind == "network" && n % 2 == 0 { "assessed" } else { "open" }.into()),
            status: Set("published".into()),
            starts_at: Set(starts_at),
            created_at: Set(starts_at - 40 * DAY),
            updated_at: Set(starts_at - 40 * DAY),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(e)?;
        event_session::ActiveModel {
            event_id: Set(ev.id),
            starts_at: Set(starts_at),
            ends_at: Set(starts_at + 3 * 3600),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(e)?;
        // Companies that finalised an assessment before the event are the likely visitors.
        let mut pool: Vec<&&Company> = finalised
            .iter()
            .filter(|c| c.finalised.iter().any(|(_, at, _)| *at < starts_at))
            .collect();
        pool.shuffle(rng);
        let wanted = rng
            .gen_range(*low..=*high)
            .min(pool.len())
            .min(*capacity as usize);
        let mut rows = Vec::new();
        for c in pool.into_iter().take(wanted) {
            let created = starts_at - rng.gen_range(2..30) * DAY;
            rows.push(event_registration::ActiveModel {
                event_id: Set(ev.id),
                user_id: Set(Some(c.user_id)),
                organisation_id: Set(Some(c.id)),
                name: Set(c.contact.clone()),
                email: Set(c.email.clone()),
                organisation_name: Set(c.name.clone()),
                status: Set("confirmed".into()),
                created_at: Set(created),
                confirmed_at: Set(Some(created)),
                cancelled_at: Set(None),
                checked_in_at: Set((!upcoming && rng.gen_range(0..100) < 85).then_some(starts_at)),
                reminder_sent_at: Set((!upcoming).then_some(starts_at - DAY)),
                ..Default::default()
            });
        }
        let taken = rows.len();
        registrations += taken;
        for batch in rows.chunks(500) {
            event_registration::Entity::insert_many(batch.to_vec())
                .exec(&txn)
                .await
                .map_err(e)?;
        }
        event::Entity::update_many()
            .col_expr(
                event::Column::SeatsTaken,
                sea_orm::sea_query::Expr::value(taken as i32),
            )
            .filter(event::Column::Id.eq(ev.id))
            .exec(&txn)
            .await
            .map_err(e)?;
    }
    txn.commit().await.map_err(e)?;
    Ok((plan.len(), registrations))
}

/// About one in ten assessed companies asks a matching provider for contact.
async fn contact_requests(
    db: &DatabaseConnection,
    rng: &mut StdRng,
    companies: &[Company],
    profiles: &[(i64, Vec<String>)],
    now: i64,
) -> Result<usize, String> {
    let e = |e: sea_orm::DbErr| e.to_string();
    let statuses = [
        ("new", 20u32),
        ("in_contact", 30),
        ("meeting_held", 20),
        ("project_started", 20),
        ("closed", 10),
    ];
    let mut rows = Vec::new();
    for c in companies {
        let Some((assessment_id, at, gaps)) = c.finalised.last() else {
            continue;
        };
        if rng.gen_range(0..100) >= 10 {
            continue;
        }
        let matching: Vec<&(i64, Vec<String>)> = profiles
            .iter()
            .filter(|(_, ts)| ts.iter().any(|t| gaps.contains(t)))
            .collect();
        let Some((profile_id, _)) = matching.choose(rng).copied() else {
            continue;
        };
        let created = (*at + rng.gen_range(3..60) * DAY).min(now);
        rows.push(contact_request::ActiveModel {
            assessment_id: Set(*assessment_id),
            company_organisation_id: Set(c.id),
            profile_id: Set(*profile_id),
            sender_user_id: Set(c.user_id),
            message: Set(
                "Wij willen graag kennismaken naar aanleiding van ons Smart Factory Assessment."
                    .into(),
            ),
            share_results: Set(false),
            results_summary: Set(None),
            status: Set(weighted(rng, &statuses).to_string()),
            reply: Set(None),
            created_at: Set(created),
            updated_at: Set(created),
            ..Default::default()
        });
    }
    let n = rows.len();
    let txn = db.begin().await.map_err(e)?;
    for batch in rows.chunks(500) {
        contact_request::Entity::insert_many(batch.to_vec())
            .exec(&txn)
            .await
            .map_err(e)?;
    }
    txn.commit().await.map_err(e)?;
    Ok(n)
}

/// The programme's targets from its final report, over the generated period; only when staff
/// have not defined indicators yet.
async fn indicators(db: &DatabaseConnection, start: i64, now: i64) -> Result<(), String> {
    let e = |e: sea_orm::DbErr| e.to_string();
    if programme_indicator::Entity::find()
        .count(db)
        .await
        .map_err(e)?
        > 0
    {
        return Ok(());
    }
    let first_day = start - start.rem_euclid(DAY);
    let last_day = now - now.rem_euclid(DAY);
    let targets: [(&str, &str, &str, i32, Option<i32>); 8] = [
        (
            "assessments",
            "Smart Factory Assessments",
            "Smart Factory Assessments",
            275,
            None,
        ),
        (
            "masterclasses",
            "Masterclasses",
            "Masterclasses",
            15,
            Some(150),
        ),
        (
            "workshops",
            "Introductieworkshops",
            "Introduction workshops",
            15,
            Some(125),
        ),
        (
            "network_meetings",
            "Netwerkbijeenkomsten",
            "Network meetings",
            8,
            Some(150),
        ),
        ("webinars", "Webinars", "Webinars", 10, None),
        (
            "providers",
            "Oplossingsaanbieders met profiel",
            "Solution providers with a profile",
            25,
            None,
        ),
        (
            "consultants",
            "Adviseurs in het netwerk",
            "Consultants in the network",
            20,
            None,
        ),
        (
            "contact_requests",
            "Contactverzoeken bedrijf-aanbieder",
            "Company-provider contact requests",
            50,
            Some(10),
        ),
    ];
    for (metric, nl, en, target, reach) in targets {
        programme_indicator::ActiveModel {
            metric: Set(metric.into()),
            label_nl: Set(nl.into()),
            label_en: Set(en.into()),
            target: Set(target),
            reach_target: Set(reach),
            period_start: Set(first_day),
            period_end: Set(last_day),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .map_err(e)?;
    }
    Ok(())
}
