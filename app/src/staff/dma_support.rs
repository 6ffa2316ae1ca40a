//! T0 and T1 of the EU DMA (server only), the staff side of it: the first finalised DMA of a company is its T0;
//! when staff mark the hub's support as finished, a job invites the company's members to
//! measure again (T1), once, across restarts and several processes (the claim is a
//! conditional update in the same transaction as the mails, as for the event reminders).
//! The results page then shows the measures side by side (`previous_result`).

use crate::accounts::model::{CurrentUser, Role};
use crate::assessment::model::Variant;
use crate::assessment::service::STATUS_FINAL;
use crate::audit::{record, Subject};
use crate::context::ServerContext;
use crate::db::entities::{assessment, dma_support, organisation, user_account};
use crate::db::now;
use crate::error::AppError;
use crate::i18n::{Key, Lang};
use crate::mail::outbox;
use crate::staff::model::{DmaMeasure, DmaStatus, DmaSupportRow};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};

/// Invitations handled per round; the rest wait for the next round, minutes later.
const PER_ROUND: u64 = 200;

/// A company's finalised DMAs, oldest first.
async fn measures(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<Vec<assessment::Model>, AppError> {
    Ok(assessment::Entity::find()
        .filter(assessment::Column::OrganisationId.eq(organisation_id))
        .filter(assessment::Column::Variant.eq(Variant::Dma.code()))
        .filter(assessment::Column::Status.eq(STATUS_FINAL))
        .order_by_asc(assessment::Column::FinalisedAt)
        .order_by_asc(assessment::Column::Id)
        .all(db)
        .await?)
}

/// What the staff company page shows of the DMA: the measures and the finished supports.
pub async fn status(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<DmaStatus, AppError> {
    let measures = measures(db, organisation_id)
        .await?
        .into_iter()
        .enumerate()
        .map(|(n, a)| DmaMeasure {
            reference: format!("o{}", a.id),
            measurement: crate::analytics::edih_export::measurement(n),
            finalised_at: a.finalised_at.unwrap_or(a.updated_at),
            overall: a.overall_score.and_then(|s| u8::try_from(s).ok()),
        })
        .collect();
    let supports: Vec<DmaSupportRow> = dma_support::Entity::find()
        .filter(dma_support::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(dma_support::Column::FinishedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| DmaSupportRow {
            finished_at: s.finished_at,
            invited_at: s.invited_at,
            invited: s.invited,
        })
        .collect();
    Ok(DmaStatus {
        waiting: supports.iter().any(|s| s.invited_at.is_none()),
        measures,
        supports,
    })
}

/// Staff mark the hub's support of a company as finished: its members are invited to take
/// the DMA again. Needs a T0 to compare with; one invitation waits at a time (the database's
/// partial unique index decides between two clicks at once).
pub async fn finish_support(
    ctx: &ServerContext,
    user: &CurrentUser,
    organisation_id: i64,
) -> Result<(), AppError> {
    organisation::Entity::find_by_id(organisation_id)
        .one(&ctx.db)
        .await?
        .filter(|o| o.kind == "company")
        .ok_or(AppError::NotFound)?;
    if measures(&ctx.db, organisation_id).await?.is_empty() {
        return Err(AppError::invalid(Key::ErrDmaNoT0));
    }
    let txn = ctx.db.begin().await?;
    let at = now();
    let inserted = dma_support::ActiveModel {
        organisation_id: Set(organisation_id),
        finished_at: Set(at),
        finished_by: Set(Some(user.id)),
        invited_at: Set(None),
        invited: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match inserted {
        Ok(row) => row,
        Err(e) if crate::db::is_unique_violation(&e) => {
            return Err(AppError::invalid(Key::ErrDmaSupportPending))
        }
        Err(e) => return Err(e.into()),
    };
    record(
        &txn,
        user,
        "company.dma_support_finished",
        Subject::new("organisation", organisation_id),
        None::<&()>,
        Some(&serde_json::json!({ "support_id": row.id })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sends the invitations that wait; returns how many mails were queued.
pub async fn send_invitations(ctx: &ServerContext) -> Result<usize, AppError> {
    let waiting = dma_support::Entity::find()
        .filter(dma_support::Column::InvitedAt.is_null())
        .order_by_asc(dma_support::Column::FinishedAt)
        .limit(PER_ROUND)
        .all(&ctx.db)
        .await?;
    let mut queued = 0;
    for s in waiting {
        let company = organisation::Entity::find_by_id(s.organisation_id)
            .one(&ctx.db)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        let members = user_account::Entity::find()
            .filter(user_account::Column::OrganisationId.eq(s.organisation_id))
            .filter(user_account::Column::Role.eq(Role::CompanyMember.code()))
            .filter(user_account::Column::Active.eq(true))
            .filter(user_account::Column::EmailVerifiedAt.is_not_null())
            .all(&ctx.db)
            .await?;
        let txn = ctx.db.begin().await?;
        let claimed = dma_support::Entity::update_many()
            .col_expr(dma_support::Column::InvitedAt, Expr::value(now()))
            .col_expr(
                dma_support::Column::Invited,
                Expr::value(members.len() as i32),
            )
            .filter(dma_support::Column::Id.eq(s.id))
            .filter(dma_support::Column::InvitedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            txn.commit().await?;
            continue;
        }
        let link = ctx.link(&format!("/assessment?variant={}", Variant::Dma.code()));
        for m in &members {
            let lang = Lang::from_code(&m.locale);
            let values = [
                ("name", m.display_name.as_str()),
                ("company", company.as_str()),
                ("link", link.as_str()),
            ];
            outbox::enqueue(
                &txn,
                &m.email,
                &lang.fill(Key::MailDmaT1Subject, &values),
                &lang.fill(Key::MailDmaT1Body, &values),
            )
            .await?;
            queued += 1;
        }
        txn.commit().await?;
    }
    Ok(queued)
}

/// Runs [`send_invitations`] every `every`, for as long as the server runs.
pub async fn run_invitations(ctx: ServerContext, every: std::time::Duration) {
    loop {
        match send_invitations(&ctx).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(mails = n, "DMA T1 invitations queued"),
            Err(e) => tracing::warn!(error = %e, "DMA T1 invitations failed; retrying later"),
        }
        tokio::time::sleep(every).await;
    }
}
