//! Demo contact requests from assessed companies to matching providers.

use super::*;

/// About one in ten assessed companies asks a matching provider for contact.
pub(super) async fn fill(
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
