//! The programme's indicators with their targets, for the figures page.

use super::*;

/// The programme's targets from its final report, over the generated period; only when staff
/// have not defined indicators yet.
pub(super) async fn fill(db: &DatabaseConnection, start: i64, now: i64) -> Result<(), String> {
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
