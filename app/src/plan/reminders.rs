//! A plan's follow-up mails (server only): sent by a database-backed job like the event
//! reminders, each claimed with a conditional update in the same transaction as its mails, so
//! it goes out once across restarts and several processes. The company turns them off on its
//! plan or with the link in every mail.

use super::followup::{self, FollowUp};
use super::model::StepStatus;
use crate::accounts::model::Role;
use crate::accounts::token::Purpose;
use crate::context::ServerContext;
use crate::db::entities::{assessment, plan, plan_step, user_account};
use crate::db::now;
use crate::error::AppError;
use crate::i18n::{Key, Lang};
use crate::mail::outbox;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait};

/// Plans handled per round; the rest wait for the next round, minutes later.
const PER_ROUND: u64 = 500;
/// Open steps a mail lists; the plan page has them all.
const STEPS_IN_MAIL: usize = 10;
/// How long the link that turns the mails off keeps working.
const OFF_LINK_DAYS: i64 = 400;

/// When the company is invited to repeat the assessment: the day it chose, in the morning
/// (eight hours after Dutch midnight), or a year after finalising.
pub fn reassess_at(p: &plan::Model, finalised_at: i64) -> i64 {
    p.reassess_on
        .as_deref()
        .and_then(|d| d.parse::<jiff::civil::Date>().ok())
        .and_then(crate::time::local_day_start)
        .map_or_else(
            || followup::default_reassess_at(finalised_at),
            |t| t + 8 * 3600,
        )
}

/// Sends the follow-ups that are due; returns how many mails were queued.
pub async fn send_followups(ctx: &ServerContext) -> Result<usize, AppError> {
    let at = now();
    let due = plan::Entity::find()
        .filter(plan::Column::NextFollowupAt.lte(at))
        .filter(plan::Column::FollowupsOff.eq(false))
        .order_by_asc(plan::Column::NextFollowupAt)
        .limit(PER_ROUND)
        .all(&ctx.db)
        .await?;
    let mut queued = 0;
    for p in due {
        let Some(a) = assessment::Entity::find_by_id(p.assessment_id)
            .one(&ctx.db)
            .await?
        else {
            continue;
        };
        let finalised_at = a.finalised_at.unwrap_or(p.created_at);
        let reassess = reassess_at(&p, finalised_at);
        let (sent, mail) = match followup::due(p.followups_sent, finalised_at, reassess, at) {
            Some(found) => found,
            // The date moved since (a new reassessment day): only the next time changes.
            None => (p.followups_sent, FollowUp::Check { months: 0 }),
        };
        // Everything the mail says is read first: the transaction below only claims and queues.
        // Reminders go to the company's members; an assessment kept only by its link has no
        // address to write to, and its plan's stages pass without a mail.
        let members = match a.organisation_id {
            Some(org) if sent != p.followups_sent => {
                user_account::Entity::find()
                    .filter(user_account::Column::OrganisationId.eq(org))
                    .filter(user_account::Column::Role.eq(Role::CompanyMember.code()))
                    .filter(user_account::Column::Active.eq(true))
                    .filter(user_account::Column::EmailVerifiedAt.is_not_null())
                    .all(&ctx.db)
                    .await?
            }
            _ => Vec::new(),
        };
        let steps = if members.is_empty() {
            Vec::new()
        } else {
            plan_step::Entity::find()
                .filter(plan_step::Column::PlanId.eq(p.id))
                .order_by_asc(plan_step::Column::Position)
                .order_by_asc(plan_step::Column::Id)
                .all(&ctx.db)
                .await?
        };
        let open: Vec<&plan_step::Model> = steps
            .iter()
            .filter(|s| {
                s.status == StepStatus::Planned.code() || s.status == StepStatus::InProgress.code()
            })
            .collect();
        let mut themes: Vec<String> = open.iter().map(|s| s.transition_key.clone()).collect();
        themes.sort();
        themes.dedup();
        let events = if open.is_empty() {
            Vec::new()
        } else {
            crate::events::service::suggestions(ctx, &themes).await?
        };
        let txn = ctx.db.begin().await?;
        let claimed = plan::Entity::update_many()
            .col_expr(plan::Column::FollowupsSent, Expr::value(sent))
            .col_expr(
                plan::Column::NextFollowupAt,
                Expr::value(followup::next_at(sent, finalised_at, reassess)),
            )
            .filter(plan::Column::Id.eq(p.id))
            .filter(plan::Column::FollowupsSent.eq(p.followups_sent))
            .filter(plan::Column::FollowupsOff.eq(false))
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 || members.is_empty() {
            txn.commit().await?;
            continue;
        }
        let off = ctx.link(&format!(
            "/plan/reminders-off?token={}",
            ctx.settings.signing_keys.sign(
                Purpose::PlanRemindersOff,
                p.id,
                at + OFF_LINK_DAYS * 24 * 3600,
                ""
            )
        ));
        let plan_link = ctx.link(&format!("/assessment/o{}/plan", a.id));
        for m in &members {
            let lang = Lang::from_code(&m.locale);
            let (subject, body) = match mail {
                FollowUp::Check { months } => {
                    let step_lines: Vec<String> = open
                        .iter()
                        .take(STEPS_IN_MAIL)
                        .map(|s| {
                            let title = s.title.clone().unwrap_or_else(|| match lang {
                                Lang::Nl => s.goal_nl.clone().unwrap_or_default(),
                                Lang::En => s.goal_en.clone().unwrap_or_default(),
                            });
                            let status = StepStatus::parse(&s.status)
                                .map(|st| lang.t(st.label()))
                                .unwrap_or_default();
                            format!("- {title} ({status})")
                        })
                        .collect();
                    let steps_text = if step_lines.is_empty() {
                        lang.t(Key::MailPlanNoOpenSteps).to_string()
                    } else {
                        step_lines.join("\n")
                    };
                    let events_text = if events.is_empty() {
                        String::new()
                    } else {
                        let lines: Vec<String> = events
                            .iter()
                            .take(5)
                            .map(|e| {
                                format!(
                                    "- {}: {}",
                                    e.title(lang),
                                    ctx.link(&format!("/events/{}", e.slug))
                                )
                            })
                            .collect();
                        format!("{}\n{}\n\n", lang.t(Key::MailPlanEvents), lines.join("\n"))
                    };
                    (
                        lang.t(Key::MailPlanCheckSubject).to_string(),
                        lang.fill(
                            Key::MailPlanCheckBody,
                            &[
                                ("name", &m.display_name),
                                (
                                    "time",
                                    &lang.count(Key::MailPlanMonths, i64::from(months), &[]),
                                ),
                                ("company", &a.company_name),
                                ("steps", &steps_text),
                                ("events", &events_text),
                                ("link", &plan_link),
                                ("off", &off),
                            ],
                        ),
                    )
                }
                FollowUp::Reassess => (
                    lang.t(Key::MailPlanReassessSubject).to_string(),
                    lang.fill(
                        Key::MailPlanReassessBody,
                        &[
                            ("name", &m.display_name),
                            ("company", &a.company_name),
                            ("start", &ctx.link("/assessment")),
                            ("link", &plan_link),
                            ("off", &off),
                        ],
                    ),
                ),
            };
            outbox::enqueue(&txn, &m.email, &subject, &body).await?;
            queued += 1;
        }
        txn.commit().await?;
    }
    Ok(queued)
}

/// Runs [`send_followups`] every `every`, for as long as the server runs.
pub async fn run_followups(ctx: ServerContext, every: std::time::Duration) {
    loop {
        match send_followups(&ctx).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(mails = n, "plan follow-ups queued"),
            Err(e) => tracing::warn!(error = %e, "plan follow-ups failed; retrying later"),
        }
        tokio::time::sleep(every).await;
    }
}

/// Turns a plan's follow-ups off by the link in a mail.
pub async fn turn_off_by_link(ctx: &ServerContext, token: &str) -> Result<(), AppError> {
    let claims = ctx
        .settings
        .signing_keys
        .verify(Purpose::PlanRemindersOff, token, now())
        .map_err(|_| AppError::invalid(Key::ErrPlanRemindersLink))?;
    plan::Entity::update_many()
        .col_expr(plan::Column::FollowupsOff, Expr::value(true))
        .col_expr(
            plan::Column::NextFollowupAt,
            Expr::value(Option::<i64>::None),
        )
        .filter(plan::Column::Id.eq(claims.user_id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// The company's own choice on its plan: follow-ups on or off, and the day to repeat.
pub async fn set_reminders(
    ctx: &ServerContext,
    p: &plan::Model,
    on: bool,
    reassess_on: Option<jiff::civil::Date>,
) -> Result<(), AppError> {
    let a = assessment::Entity::find_by_id(p.assessment_id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::Internal)?;
    let mut changed = p.clone();
    changed.reassess_on = reassess_on.map(|d| d.to_string());
    let finalised_at = a.finalised_at.unwrap_or(p.created_at);
    let next = on
        .then(|| {
            followup::next_at(
                p.followups_sent,
                finalised_at,
                reassess_at(&changed, finalised_at),
            )
        })
        .flatten();
    plan::Entity::update_many()
        .col_expr(plan::Column::FollowupsOff, Expr::value(!on))
        .col_expr(plan::Column::ReassessOn, Expr::value(changed.reassess_on))
        .col_expr(plan::Column::NextFollowupAt, Expr::value(next))
        .filter(plan::Column::Id.eq(p.id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// The plans of an organisation's assessments, newest first, with whether follow-ups are on.
pub async fn plans_of_organisation(
    ctx: &ServerContext,
    organisation_id: i64,
) -> Result<Vec<crate::plan::view::MyPlan>, AppError> {
    let assessments = assessment::Entity::find()
        .filter(assessment::Column::OrganisationId.eq(organisation_id))
        .all(&ctx.db)
        .await?;
    let names: std::collections::HashMap<i64, String> = assessments
        .iter()
        .map(|a| (a.id, a.company_name.clone()))
        .collect();
    let plans = plan::Entity::find()
        .filter(plan::Column::AssessmentId.is_in(names.keys().copied().collect::<Vec<_>>()))
        .order_by_desc(plan::Column::CreatedAt)
        .all(&ctx.db)
        .await?;
    Ok(plans
        .into_iter()
        .map(|p| crate::plan::view::MyPlan {
            reference: format!("o{}", p.assessment_id),
            company_name: names.get(&p.assessment_id).cloned().unwrap_or_default(),
            drafted_at: p.created_at,
            reminders_on: !p.followups_off,
        })
        .collect())
}
