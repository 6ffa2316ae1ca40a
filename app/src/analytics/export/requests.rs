//! The contact requests export, read a batch of requests at a time like the assessments. At a
//! national scale about one in ten assessed companies asks for contact: tens of thousands of
//! requests, and building the file whole held every company's name (hundreds of thousands) to
//! fill in a few. Each batch now reads only its own companies and profiles.

use super::*;

pub(super) fn headers() -> Vec<String> {
    [
        "request_id",
        "sent",
        "company",
        "profile",
        "assessment_id",
        "status",
        "results_shared",
        "message",
        "updated",
    ]
    .map(String::from)
    .to_vec()
}

/// The rows of up to `size` requests with an id above `after`, in the order they were sent;
/// `None` after the last.
pub(super) async fn batch(
    db: &impl ConnectionTrait,
    after: i64,
    size: u64,
) -> Result<Option<Batch>, AppError> {
    use crate::db::entities::organisation;
    let requests = contact_request::Entity::find()
        .filter(contact_request::Column::Id.gt(after))
        .order_by_asc(contact_request::Column::Id)
        .limit(size)
        .all(db)
        .await?;
    let Some(last) = requests.last().map(|r| r.id) else {
        return Ok(None);
    };
    let companies: HashMap<i64, String> = crate::db::rows_where_in::<organisation::Entity>(
        db,
        organisation::Column::Id,
        requests.iter().map(|r| r.company_organisation_id),
    )
    .await?
    .into_iter()
    .map(|o| (o.id, o.name))
    .collect();
    let profiles: HashMap<i64, String> = crate::db::rows_where_in::<provider_profile::Entity>(
        db,
        provider_profile::Column::Id,
        requests.iter().map(|r| r.profile_id),
    )
    .await?
    .into_iter()
    .map(|p| (p.id, crate::providers::service::display_name(&p)))
    .collect();
    let rows = requests
        .into_iter()
        .map(|r| {
            vec![
                Cell::Number(r.id as f64),
                day(Some(r.created_at)),
                companies
                    .get(&r.company_organisation_id)
                    .cloned()
                    .unwrap_or_default()
                    .into(),
                profiles
                    .get(&r.profile_id)
                    .cloned()
                    .unwrap_or_default()
                    .into(),
                Cell::Number(r.assessment_id as f64),
                r.status.into(),
                if r.share_results { "yes" } else { "no" }.into(),
                r.message.into(),
                day(Some(r.updated_at)),
            ]
        })
        .collect();
    Ok(Some(Batch { rows, last }))
}

/// How many requests there are.
pub(super) async fn count(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(contact_request::Entity::find().count(db).await?)
}
