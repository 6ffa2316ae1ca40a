//! Demo solution providers and consultants with published profiles.

use super::*;

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

pub(super) async fn fill(
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
