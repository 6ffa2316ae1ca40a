//! Demo events: the programme's past masterclasses, workshops, webinars and network meetings
//! with sign-ups and attendance, and a few upcoming ones.

use super::*;

/// Past events with the programme's numbers (13 masterclasses, 5 workshops, 10 webinars,
/// 9 network meetings) and a few upcoming ones.
pub(super) async fn fill(
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
