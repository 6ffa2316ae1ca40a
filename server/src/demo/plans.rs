//! Demo plans in every state a programme sees: drafted and left alone, in execution, guidance
//! asked, a consultant at work on a voucher, agreed as version 1 (and changed since). Plans
//! are drafted from the generated answers by the same pure function finalising uses; a few
//! consultant profiles get an account so their plans can be opened as that consultant.

use super::DAY;
use app::assessment::model::Questionnaire;
use app::db::entities::{
    assessment, plan, plan_change, plan_guidance, plan_note, plan_step, plan_version,
    plan_work_log, provider_profile, user_account,
};
use app::plan::model::{ChangeKind, GuidanceState, Side, StepStatus};
use app::plan::view::VersionStep;
use rand::rngs::StdRng;
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use std::collections::HashMap;
use std::sync::Arc;

/// Plans drafted at most: a demo of a million assessments needs plans to look at, not one
/// for each (every finalised assessment gets its plan on its first visit anyway).
const MAX_PLANS: usize = 300;
/// Consultant profiles that get an account to log in with.
const CONSULTANT_ACCOUNTS: usize = 5;

/// What the demo made of plans.
#[derive(Debug, Default)]
pub struct PlanSummary {
    pub plans: usize,
    pub guided: usize,
    pub agreed: usize,
}

/// The state a demo plan is left in, with how often it occurs (percent).
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Drafted,
    Executing,
    Requested,
    Assigned,
    Agreed,
}

const STAGES: [(Stage, u32); 5] = [
    (Stage::Drafted, 35),
    (Stage::Executing, 20),
    (Stage::Requested, 10),
    (Stage::Assigned, 15),
    (Stage::Agreed, 20),
];

pub async fn fill(
    db: &DatabaseConnection,
    rng: &mut StdRng,
    password_hash: &str,
    questionnaires: &HashMap<i64, Arc<Questionnaire>>,
    now: i64,
) -> Result<PlanSummary, String> {
    let e = |e: sea_orm::DbErr| e.to_string();
    let consultants = consultant_accounts(db, password_hash, now).await?;
    // The newest finalised assessments of companies with an account, one each.
    let finals = assessment::Entity::find()
        .filter(assessment::Column::Status.eq("final"))
        .filter(assessment::Column::OrganisationId.is_not_null())
        .order_by_desc(assessment::Column::FinalisedAt)
        .limit(MAX_PLANS as u64 * 3)
        .all(db)
        .await
        .map_err(e)?;
    let mut seen = std::collections::HashSet::new();
    let mut summary = PlanSummary::default();
    for a in finals {
        if summary.plans >= MAX_PLANS || !seen.insert(a.organisation_id) {
            continue;
        }
        let Some(q) = questionnaires.get(&a.questionnaire_version_id) else {
            continue;
        };
        // A second demo run leaves the plans of the first as they are.
        let planned = plan::Entity::find()
            .filter(plan::Column::AssessmentId.eq(a.id))
            .one(db)
            .await
            .map_err(e)?;
        if planned.is_some() {
            continue;
        }
        let stored = app::assessment::service::stored_answers(db, a.id)
            .await
            .map_err(|e| e.to_string())?;
        let prios = app::assessment::service::priorities(db, a.id)
            .await
            .map_err(|e| e.to_string())?;
        let answers = app::assessment::service::scorable(q, &stored);
        let scores = app::assessment::scoring::score(q, &answers, &prios);
        let mut steps = app::plan::generate::draft(q, &answers, &scores, &a.size_class);
        steps.truncate(app::plan::model::STEPS_MAX);
        if steps.is_empty() {
            continue;
        }
        let stage = *super::weighted(rng, &STAGES);
        let drafted = a.finalised_at.unwrap_or(a.created_at);
        let member = user_account::Entity::find()
            .filter(user_account::Column::OrganisationId.eq(a.organisation_id))
            .one(db)
            .await
            .map_err(e)?;
        let (member_id, member_name) = member
            .map(|m| (Some(m.id), m.display_name))
            .unwrap_or((None, "—".into()));
        let txn = db.begin().await.map_err(e)?;
        let p = plan::ActiveModel {
            assessment_id: Set(a.id),
            step_count: Set(steps.len() as i32),
            // Demo plans send no follow-up mails: nobody reads the demo addresses.
            followups_sent: Set(3),
            next_followup_at: Set(None),
            followups_off: Set(true),
            reassess_on: Set(None),
            created_at: Set(drafted),
            updated_at: Set(drafted),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(e)?;
        let change = |kind: ChangeKind, title: &str, at: i64, who: Option<(Option<i64>, &str)>| {
            plan_change::ActiveModel {
                plan_id: Set(p.id),
                at: Set(at),
                user_id: Set(who.and_then(|w| w.0)),
                who: Set(who.map(|w| w.1.to_string())),
                kind: Set(kind.code().into()),
                step_title: Set(title.chars().take(200).collect()),
                fields: Set(if kind == ChangeKind::Edited {
                    "status,owner".into()
                } else {
                    String::new()
                }),
                ..Default::default()
            }
        };
        change(ChangeKind::Drafted, "", drafted, None)
            .insert(&txn)
            .await
            .map_err(e)?;
        let later = |days: i64| (drafted + days * DAY).min(now);
        let mut rows = Vec::with_capacity(steps.len());
        for (i, s) in steps.iter().enumerate() {
            // A plan that moves has its first steps under way, owned by the contact.
            let status = match (stage, i) {
                (Stage::Executing | Stage::Agreed, 0) => StepStatus::Done,
                (Stage::Executing | Stage::Agreed | Stage::Assigned, 1) => StepStatus::InProgress,
                _ => StepStatus::Planned,
            };
            let owner = if status == StepStatus::Planned {
                String::new()
            } else {
                member_name.clone()
            };
            let updated = if status == StepStatus::Planned {
                drafted
            } else {
                later(rng.gen_range(10..90))
            };
            let mut row = app::plan::service::drafted_row(p.id, i as i32, s, drafted);
            row.status = Set(status.code().into());
            row.owner = Set(owner);
            row.updated_at = Set(updated);
            rows.push(row);
            if status != StepStatus::Planned {
                change(
                    ChangeKind::Edited,
                    &s.goal.nl,
                    updated,
                    Some((member_id, &member_name)),
                )
                .insert(&txn)
                .await
                .map_err(e)?;
            }
        }
        plan_step::Entity::insert_many(rows)
            .exec(&txn)
            .await
            .map_err(e)?;
        summary.plans += 1;
        if matches!(stage, Stage::Requested | Stage::Assigned | Stage::Agreed) {
            summary.guided += 1;
            let consultant = (!consultants.is_empty() && stage != Stage::Requested)
                .then(|| consultants[rng.gen_range(0..consultants.len())].clone());
            let requested = later(rng.gen_range(5..40));
            let used = if consultant.is_some() {
                rng.gen_range(2..8)
            } else {
                0
            };
            let g = plan_guidance::ActiveModel {
                plan_id: Set(p.id),
                open_plan_id: Set(Some(p.id)),
                state: Set(if consultant.is_some() {
                    GuidanceState::Assigned
                } else {
                    GuidanceState::Requested
                }
                .code()
                .into()),
                requested_at: Set(requested),
                requested_by: Set(member_id),
                requested_by_name: Set(member_name.clone()),
                message: Set(
                    "Wij willen graag hulp bij de volgorde en de begroting van de stappen.".into(),
                ),
                preferred_profile_id: Set(None),
                consultant_profile_id: Set(consultant.as_ref().map(|c| c.profile_id)),
                consultant_user_id: Set(consultant.as_ref().map(|c| c.user_id)),
                consultant_name: Set(consultant.as_ref().map(|c| c.name.clone())),
                assigned_at: Set(consultant.as_ref().map(|_| later(45))),
                period: Set(None),
                budget_half_days: Set(if consultant.is_some() { 8 } else { 0 }),
                used_half_days: Set(used),
                updated_at: Set(requested),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(e)?;
            if let Some(c) = &consultant {
                for half in [used / 2, used - used / 2].into_iter().filter(|h| *h > 0) {
                    plan_work_log::ActiveModel {
                        guidance_id: Set(g.id),
                        user_id: Set(Some(c.user_id)),
                        who: Set(c.name.clone()),
                        day: Set(app::time::local_date(later(50)).to_string()),
                        half_days: Set(half),
                        note: Set("Werksessie met het managementteam".into()),
                        created_at: Set(later(50)),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await
                    .map_err(e)?;
                }
                plan_note::ActiveModel {
                    plan_id: Set(p.id),
                    user_id: Set(Some(c.user_id)),
                    who: Set(c.name.clone()),
                    side: Set(Side::Consultant.code().into()),
                    body: Set("Eerst de gegevens op orde, dan pas de analyse: zo levert de tweede stap meteen iets op.".into()),
                    created_at: Set(later(52)),
                    ..Default::default()
                }
                .insert(&txn)
                .await
                .map_err(e)?;
            }
            if stage == Stage::Agreed {
                if let Some(c) = &consultant {
                    summary.agreed += 1;
                    let last: Option<i64> = plan_change::Entity::find()
                        .select_only()
                        .column_as(plan_change::Column::Id.max(), "last")
                        .filter(plan_change::Column::PlanId.eq(p.id))
                        .into_tuple::<Option<i64>>()
                        .one(&txn)
                        .await
                        .map_err(e)?
                        .flatten();
                    let frozen: Vec<VersionStep> = steps
                        .iter()
                        .map(|s| VersionStep {
                            title: s.goal.clone(),
                            theme: q
                                .transition(&s.transition_key)
                                .map(|t| t.name.clone())
                                .unwrap_or_default(),
                            horizon: s.horizon,
                            status: StepStatus::Planned,
                            owner: String::new(),
                            target_date: String::new(),
                            budget: None,
                        })
                        .collect();
                    plan_version::ActiveModel {
                        plan_id: Set(p.id),
                        number: Set(1),
                        change_id: Set(last.unwrap_or(0)),
                        agreed_at: Set(later(60)),
                        company_signed_by: Set(member_name.clone()),
                        consultant_signed_by: Set(c.name.clone()),
                        steps: Set(serde_json::to_string(&frozen).map_err(|e| e.to_string())?),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await
                    .map_err(e)?;
                }
            }
        }
        txn.commit().await.map_err(e)?;
    }
    Ok(summary)
}

#[derive(Clone)]
struct Consultant {
    profile_id: i64,
    user_id: i64,
    name: String,
}

/// The first few consultant profiles get an account (`adviseur<n>@demo-adviseur.example`),
/// so a demo can log in as the consultant of a guided plan.
async fn consultant_accounts(
    db: &DatabaseConnection,
    password_hash: &str,
    now: i64,
) -> Result<Vec<Consultant>, String> {
    let e = |e: sea_orm::DbErr| e.to_string();
    let profiles = provider_profile::Entity::find()
        .filter(provider_profile::Column::Kind.eq("consultant"))
        .filter(provider_profile::Column::UserId.is_null())
        .filter(provider_profile::Column::Published.is_not_null())
        .order_by_asc(provider_profile::Column::Id)
        .limit(CONSULTANT_ACCOUNTS as u64)
        .all(db)
        .await
        .map_err(e)?;
    let mut out = Vec::new();
    for profile in profiles {
        let name = app::providers::service::parse_content(
            profile.published.as_deref().unwrap_or_default(),
        )
        .map_err(|e| e.to_string())?
        .name;
        let user = user_account::ActiveModel {
            email: Set(format!("adviseur{}@demo-adviseur.example", profile.id)),
            password_hash: Set(password_hash.to_string()),
            display_name: Set(name.clone()),
            role: Set("consultant".into()),
            organisation_id: Set(None),
            locale: Set("nl".into()),
            active: Set(true),
            email_verified_at: Set(Some(now)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .map_err(e)?;
        provider_profile::Entity::update_many()
            .col_expr(
                provider_profile::Column::UserId,
                sea_orm::sea_query::Expr::value(user.id),
            )
            .filter(provider_profile::Column::Id.eq(profile.id))
            .exec(db)
            .await
            .map_err(e)?;
        out.push(Consultant {
            profile_id: profile.id,
            user_id: user.id,
            name,
        });
    }
    Ok(out)
}
