//! A dozen demo best practices, published, in both languages, over the three variants, the
//! size classes and the provinces, each on transitions the questionnaires have and naming one
//! of the demo providers where one covers them. No photos: the demo has no pictures of its
//! own to show, and the cases read well without.

use super::DAY;
use app::db::entities::best_practice;
use app::practices::model::{joined, PracticeStatus};
use sea_orm::sea_query::OnConflict;
use sea_orm::{DatabaseConnection, EntityTrait, Set};

/// (title nl, title en, company or "" for anonymous, variant, size, province, transitions,
/// before nl, done nl, result nl, result en)
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const CASES: [Case; 12] = [
    ("Digitale werkbonnen aan de machine", "Digital work orders at the machine", "", "suppliers", "20-49", "drenthe", &["data", "operations"],
     "Werkbonnen op papier; uren en afkeur werden aan het eind van de week overgetypt.", "Tablets aan elke machine met digitale werkbonnen, gekoppeld aan het ERP.", "Doorlooptijd 20 % korter\nGeen overtypen meer; afkeur per order zichtbaar.", "Lead time 20 % shorter"),
    ("Een cobot voor kleine series", "A cobot for small batches", "Metaalbewerking Hoogeveen", "manufacturing", "20-49", "drenthe", &["production_technology"],
     "Kleine series werden met de hand geladen; twee operators per ploeg aan één machine.", "Een cobot laadt de draaibank; operators programmeren hem zelf na een training van drie dagen.", "Eén operator per twee machines\nTerugverdiend in 18 maanden.", "One operator per two machines"),
    ("Energiemonitoring per machine", "Energy monitoring per machine", "", "process", "50-99", "groningen", &["energy", "data"],
     "Eén energierekening per maand; niemand wist welke installatie het meeste vroeg.", "Slimme meters per installatie en een dashboard in de controlekamer.", "Energieverbruik 12 % lager in het eerste jaar", "Energy use 12 % lower in the first year"),
    ("Voorspellend onderhoud op pompen", "Predictive maintenance on pumps", "Zuivelfabriek Noord", "process", "100-199", "friesland", &["maintenance", "connectivity"],
     "Pompen werden vervangen als ze stuk gingen, met een dag stilstand per storing.", "Trillingssensoren op twaalf pompen; meldingen bij afwijkend gedrag.", "Ongeplande stilstand gehalveerd", "Unplanned downtime halved"),
    ("Planning op één scherm", "Planning on one screen", "", "manufacturing", "50-99", "groningen", &["planning", "data"],
     "Planning in een spreadsheet die alleen de planner begreep.", "Een planbord dat orders, capaciteit en materiaal samen toont, zichtbaar op de vloer.", "Leverbetrouwbaarheid van 82 % naar 95 %", "On-time delivery from 82 % to 95 %"),
    ("Klantportaal voor herhaalorders", "Customer portal for repeat orders", "Kunststof Emmen", "suppliers", "50-99", "drenthe", &["supply_chain", "digital_factory"],
     "Herhaalorders kwamen per mail en telefoon en werden met de hand ingevoerd.", "Klanten bestellen herhaalorders in een portaal dat direct in het ERP boekt.", "Orderinvoer 6 uur per week minder", "Order entry 6 hours a week less"),
    ("Digitale visie in een dag", "A digital vision in a day", "", "manufacturing", "lt20", "friesland", &["strategy"],
     "Losse ideeën over digitalisering, geen gedeelde richting in de directie.", "Een dag met een adviseur: ambities per transitie gekozen, drie stappen voor dit jaar.", "Een plan van één pagina dat het team deelt", "A one-page plan the team shares"),
    ("Medewerkers leren van elkaar met video", "Workers learn from each other by video", "", "suppliers", "lt20", "groningen", &["smart_working"],
     "Nieuwe medewerkers leerden alleen naast een ervaren collega.", "Korte instructievideo's per bewerking, op een tablet bij de machine.", "Inwerktijd van 8 naar 5 weken", "Onboarding from 8 to 5 weeks"),
    ("Kwaliteitsdata uit de lijn", "Quality data from the line", "Voedingsmiddelen Leeuwarden", "process", "200+", "friesland", &["data", "performance"],
     "Kwaliteitsmetingen op papier, pas de volgende dag in een rapport.", "Metingen gaan direct vanuit de lijn in een database; afwijkingen geven een melding.", "Afkeur 30 % lager", "Rejects 30 % lower"),
    ("Machines aan het netwerk", "Machines on the network", "", "manufacturing", "100-199", "drenthe", &["connectivity"],
     "Twintig machines van vijf merken, geen enkele verbonden.", "Een apart machinenetwerk en een gateway die de standaarddata van elke machine leest.", "OEE per machine dagelijks zichtbaar", "OEE per machine visible daily"),
    ("Slim product: een pomp die meldt", "Smart product: a pump that reports", "Pompenbouw Veendam", "manufacturing", "50-99", "groningen", &["smart_products", "connectivity"],
     "Klanten belden pas als een pomp stil stond.", "Een sensor en modem in de pomp; de klant en de service zien de status online.", "Een servicecontract als nieuwe omzet", "A service contract as new revenue"),
    ("Prestaties zichtbaar op de vloer", "Performance visible on the floor", "", "suppliers", "100-199", "friesland", &["performance", "operations"],
     "Kengetallen kwamen maandelijks in een vergadering.", "Schermen per afdeling met de kengetallen van vandaag en gisteren.", "Ploegen sturen zelf bij; productiviteit +8 %", "Shifts correct themselves; productivity +8 %"),
];

/// Publishes the demo cases; returns how many were new.
pub async fn fill(db: &DatabaseConnection, now: i64) -> Result<usize, String> {
    let e = |e: sea_orm::DbErr| e.to_string();
    let profiles = app::providers::service::published(db)
        .await
        .map_err(|e| e.to_string())?;
    let mut made = 0;
    for (n, case) in CASES.iter().enumerate() {
        let (
            title_nl,
            title_en,
            company,
            variant,
            size,
            province,
            transitions,
            before,
            done,
            result_nl,
            result_en,
        ) = *case;
        // The first demo profile that covers the case's first transition, if any.
        let with: Vec<i64> = profiles
            .iter()
            .find(|(_, _, _, c)| c.transitions.iter().any(|t| t == transitions[0]))
            .map(|(id, ..)| vec![*id])
            .unwrap_or_default();
        let at = now - (n as i64 + 1) * 9 * DAY;
        let slug = app::providers::service::slugify(title_nl);
        let row = best_practice::ActiveModel {
            slug: Set(slug),
            status: Set(PracticeStatus::Published.code().to_string()),
            title_nl: Set(title_nl.into()),
            title_en: Set(title_en.into()),
            company_name: Set(company.into()),
            variant: Set(variant.into()),
            size_class: Set(size.into()),
            province: Set(province.into()),
            transitions: Set(joined(transitions)),
            profiles: Set(joined(&with)),
            before_nl: Set(before.into()),
            before_en: Set(String::new()),
            done_nl: Set(done.into()),
            done_en: Set(String::new()),
            result_nl: Set(result_nl.into()),
            result_en: Set(result_en.into()),
            photo_count: Set(0),
            created_at: Set(at),
            updated_at: Set(at),
            published_at: Set(Some(at)),
            ..Default::default()
        };
        // A second demo run on a demo database keeps the cases it made the first time.
        made += best_practice::Entity::insert(row)
            .on_conflict(
                OnConflict::column(best_practice::Column::Slug)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await
            .map_err(e)? as usize;
    }
    Ok(made)
}
