//! Plans in the database (server only). Who may see a plan is who may see its assessment
//! ([`assessments::resolve`], called by the server functions); every step is looked up
//! together with its plan's id, so a step id of another plan changes nothing.

use super::generate::{self, DraftStep};
use super::model::{Budget, ChangeKind, Horizon, StepEdit, StepStatus, STEPS_MAX, TITLE_MAX};
use super::view::*;
use crate::accounts::model::CurrentUser;
use crate::assessment::service::{self as assessments, STATUS_FINAL};
use crate::context::ServerContext;
use crate::db::entities::{assessment, plan, plan_change, plan_step};
use crate::db::now;
use crate::error::AppError;
use crate::i18n::Key;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};

/// The history the page shows: the newest changes.
const CHANGES_SHOWN: u64 = 50;

/// Who made a change, as the history keeps it.
pub(super) struct Actor {
    pub user_id: Option<i64>,
    pub who: Option<String>,
}

pub(super) fn actor(user: Option<&CurrentUser>) -> Actor {
    Actor {
        user_id: user.map(|u| u.id),
        who: user.map(|u| u.name.clone()),
    }
}

/// Whether the asker may change the plan: the company (its members, or whoever holds the
/// assessment's private link). Staff read it; they do not write in a company's plan.
pub fn may_edit(user: Option<&CurrentUser>) -> bool {
    !user.is_some_and(|u| u.role.is_staff())
}

fn ensure_editor(user: Option<&CurrentUser>) -> Result<(), AppError> {
    if may_edit(user) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The assessment's plan, drafted from its answers the first time it is asked for (when the
/// assessment is finalised, or on a first visit for one finalised before plans existed).
/// Drafting twice at once makes one plan: the unique assessment id lets one insert through.
pub async fn ensure(
    ctx: &ServerContext,
    a: &assessment::Model,
    user: Option<&CurrentUser>,
) -> Result<plan::Model, AppError> {
    if a.status != STATUS_FINAL {
        return Err(AppError::invalid(Key::ErrPlanNeedsFinal));
    }
    // The EU DMA measures; the plan grows from the Smart Factory's levels and ambitions.
    if a.variant == crate::assessment::model::Variant::Dma.code() {
        return Err(AppError::invalid(Key::ErrDmaNoPlan));
    }
    if let Some(found) = find(&ctx.db, a.id).await? {
        return Ok(found);
    }
    // The questionnaire as the company saw it: no step for a question it was not asked.
    let (q, stored) = assessments::shown_questionnaire(&ctx.db, a).await?;
    let answers = assessments::scorable(&q, &stored);
    let scores = assessments::scores(ctx, a).await?;
    let mut steps = generate::draft(&q, &answers, &scores, &a.size_class);
    steps.truncate(STEPS_MAX);
    let at = now();
    let txn = ctx.db.begin().await?;
    let finalised_at = a.finalised_at.unwrap_or(at);
    let inserted = plan::Entity::insert(plan::ActiveModel {
        assessment_id: Set(a.id),
        step_count: Set(steps.len() as i32),
        followups_sent: Set(0),
        next_followup_at: Set(super::followup::next_at(
            0,
            finalised_at,
            super::followup::default_reassess_at(finalised_at),
        )),
        followups_off: Set(false),
        reassess_on: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(plan::Column::AssessmentId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let made = find(&txn, a.id).await?.ok_or(AppError::Internal)?;
    if inserted == 1 {
        let rows: Vec<plan_step::ActiveModel> = steps
            .iter()
            .enumerate()
            .map(|(i, s)| drafted_row(made.id, i as i32, s, at))
            .collect();
        if !rows.is_empty() {
            plan_step::Entity::insert_many(rows).exec(&txn).await?;
        }
        record(&txn, made.id, &actor(user), ChangeKind::Drafted, "", &[]).await?;
    }
    txn.commit().await?;
    Ok(made)
}

/// A drafted step as it is stored (also what the demo data inserts).
pub fn drafted_row(plan_id: i64, position: i32, s: &DraftStep, at: i64) -> plan_step::ActiveModel {
    plan_step::ActiveModel {
        plan_id: Set(plan_id),
        position: Set(position),
        transition_key: Set(s.transition_key.clone()),
        item_key: Set(Some(s.item_key.clone())),
        title: Set(None),
        goal_nl: Set(Some(s.goal.nl.clone())),
        goal_en: Set(Some(s.goal.en.clone())),
        advice_nl: Set(s.advice.as_ref().map(|a| a.nl.clone())),
        advice_en: Set(s.advice.as_ref().map(|a| a.en.clone())),
        from_level: Set(Some(i16::from(s.from.value()))),
        to_level: Set(Some(i16::from(s.to.value()))),
        horizon: Set(s.horizon.code().to_string()),
        status: Set(StepStatus::Planned.code().to_string()),
        owner: Set(String::new()),
        target_date: Set(None),
        budget: Set(None),
        dropped_reason: Set(String::new()),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
}

/// A text stored as two columns, present only when both are.
fn both(nl: &Option<String>, en: &Option<String>) -> Option<crate::assessment::model::Text> {
    match (nl, en) {
        (Some(nl), Some(en)) => Some(crate::assessment::model::Text {
            nl: nl.clone(),
            en: en.clone(),
        }),
        _ => None,
    }
}

async fn find(
    db: &impl ConnectionTrait,
    assessment_id: i64,
) -> Result<Option<plan::Model>, AppError> {
    Ok(plan::Entity::find()
        .filter(plan::Column::AssessmentId.eq(assessment_id))
        .one(db)
        .await?)
}

/// Writes a change into the plan's history. Every change but the drafting also moves the
/// company in the dashboard's funnel (planned, guided, agreed), so the funnel is refreshed
/// here, in the writer's transaction.
pub(super) async fn record(
    db: &(impl ConnectionTrait + sea_orm::TransactionTrait),
    plan_id: i64,
    actor: &Actor,
    kind: ChangeKind,
    step_title: &str,
    fields: &[&str],
) -> Result<(), AppError> {
    plan_change::ActiveModel {
        plan_id: Set(plan_id),
        at: Set(now()),
        user_id: Set(actor.user_id),
        who: Set(actor.who.clone()),
        kind: Set(kind.code().to_string()),
        step_title: Set(step_title.chars().take(TITLE_MAX).collect()),
        fields: Set(fields.join(",")),
        ..Default::default()
    }
    .insert(db)
    .await?;
    plan::Entity::update_many()
        .col_expr(plan::Column::UpdatedAt, Expr::value(now()))
        .filter(plan::Column::Id.eq(plan_id))
        .exec(db)
        .await?;
    if kind != ChangeKind::Drafted {
        refresh_funnel(db, plan_id).await?;
    }
    Ok(())
}

/// Refreshes the dashboard's funnel for the company whose plan `plan_id` is.
async fn refresh_funnel(
    db: &(impl ConnectionTrait + sea_orm::TransactionTrait),
    plan_id: i64,
) -> Result<(), AppError> {
    let Some(p) = plan::Entity::find_by_id(plan_id).one(db).await? else {
        return Ok(());
    };
    let organisation = assessment::Entity::find_by_id(p.assessment_id)
        .one(db)
        .await?
        .and_then(|a| a.organisation_id);
    if let Some(org) = organisation {
        crate::db::funnel_rollup::refresh(db, org).await?;
    }
    Ok(())
}

/// A step's title as the history names it: its own, or its goal in Dutch.
pub(super) fn title_of(step: &plan_step::Model) -> String {
    step.title
        .clone()
        .or_else(|| step.goal_nl.clone())
        .unwrap_or_default()
}

/// The plan page's data.
pub async fn view(
    ctx: &ServerContext,
    a: &assessment::Model,
    reference: &str,
    user: Option<&CurrentUser>,
) -> Result<PlanView, AppError> {
    let p = ensure(ctx, a, user).await?;
    let q = assessments::questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    let scores = assessments::scores(ctx, a).await?;
    let rows = steps_of(&ctx.db, p.id).await?;
    let name_of = |key: &str| {
        q.transition(key)
            .map(|t| t.name.clone())
            .unwrap_or_default()
    };
    let events = super::help::step_events(ctx, &rows).await?;
    let mut steps = Vec::with_capacity(rows.len());
    for s in &rows {
        let needs = s
            .item_key
            .as_deref()
            .and_then(|k| q.item(k))
            .map(|(_, item)| {
                item.after
                    .iter()
                    .filter_map(|k| rows.iter().find(|r| r.item_key.as_deref() == Some(k)))
                    .map(title_of)
                    .collect()
            })
            .unwrap_or_default();
        steps.push(StepView {
            id: s.id,
            transition_key: s.transition_key.clone(),
            event: s.event_id.and_then(|id| events.get(&id).cloned()),
            transition_name: name_of(&s.transition_key),
            title: s.title.clone(),
            goal: both(&s.goal_nl, &s.goal_en),
            advice: both(&s.advice_nl, &s.advice_en),
            from_level: s.from_level.and_then(|l| u8::try_from(l).ok()),
            to_level: s.to_level.and_then(|l| u8::try_from(l).ok()),
            horizon: Horizon::stored(&s.horizon)?,
            status: StepStatus::stored(&s.status)?,
            owner: s.owner.clone(),
            target_date: s.target_date.clone().unwrap_or_default(),
            budget: s.budget.as_deref().map(Budget::stored).transpose()?,
            dropped_reason: s.dropped_reason.clone(),
            needs,
        });
    }
    let changes = plan_change::Entity::find()
        .filter(plan_change::Column::PlanId.eq(p.id))
        .order_by_desc(plan_change::Column::At)
        .order_by_desc(plan_change::Column::Id)
        .limit(CHANGES_SHOWN)
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|c| {
            Ok(ChangeView {
                at: c.at,
                who: c.who,
                kind: ChangeKind::stored(&c.kind)?,
                step_title: c.step_title,
                fields: c
                    .fields
                    .split(',')
                    .filter(|f| !f.is_empty())
                    .map(str::to_string)
                    .collect(),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let priorities = crate::assessment::scoring::top_priorities(&scores)
        .into_iter()
        .filter_map(|t| {
            Some(PriorityLine {
                transition_key: t.transition_key.clone(),
                name: name_of(&t.transition_key),
                priority: t.priority?,
                current: t.current,
                ambition: t.ambition,
            })
        })
        .collect();
    let progress = assessments::later_result(&ctx.db, a)
        .await?
        .map(|later| Progress {
            finalised_at: later.finalised_at,
            transitions: crate::assessment::scoring::top_priorities(&scores)
                .into_iter()
                .filter_map(|t| {
                    let (now, _) = later.get(&t.transition_key)?;
                    Some((name_of(&t.transition_key), t.current, now))
                })
                .collect(),
        });
    let finalised_at = a.finalised_at.unwrap_or(p.created_at);
    let reassess_on = crate::time::local_date(super::reminders::reassess_at(&p, finalised_at));
    let guided = super::guidance::for_plan(ctx, &p).await?;
    let open = super::guidance::open_of(&ctx.db, p.id).await?;
    let side = super::guidance::side_of(user, open.as_ref());
    let company_member = super::guidance::is_company_member(user, a);
    // Every profile that covers a need: the steps' help picks per theme, and who asks for
    // guidance may name one of the best-fitting consultants.
    let matches =
        crate::matching::service::matches_up_to(ctx, a, reference, user, usize::MAX).await?;
    let consultant_choices = if company_member && open.is_none() {
        matches
            .consultants
            .iter()
            .take(crate::matching::service::MATCHES_PER_KIND)
            .map(|m| (m.profile_id, m.name.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let help = super::help::for_steps(ctx, &matches, &a.size_class, &rows).await?;
    Ok(PlanView {
        help,
        choices: matches.choices,
        can_contact: matches.can_contact,
        side,
        company_member,
        guidance: guided.guidance,
        consultant_choices,
        notes: guided.notes,
        versions: guided.versions,
        changed_since_agreed: guided.changed_since_agreed,
        reminders_on: !p.followups_off,
        reassess_on: reassess_on.to_string(),
        has_organisation: a.organisation_id.is_some(),
        progress,
        reference: reference.to_string(),
        company_name: a.company_name.clone(),
        variant: crate::assessment::model::Variant::stored(&a.variant)?,
        size_class: a.size_class.clone(),
        finalised_at: a.finalised_at,
        created_at: p.created_at,
        can_edit: may_edit(user),
        overall_current: scores.overall_current,
        overall_ambition: scores.overall_ambition,
        priorities,
        transitions: q
            .transitions
            .iter()
            .map(|t| (t.key.clone(), t.name.clone()))
            .collect(),
        steps,
        changes,
    })
}

pub(super) async fn steps_of(
    db: &impl ConnectionTrait,
    plan_id: i64,
) -> Result<Vec<plan_step::Model>, AppError> {
    Ok(plan_step::Entity::find()
        .filter(plan_step::Column::PlanId.eq(plan_id))
        .order_by_asc(plan_step::Column::Position)
        .order_by_asc(plan_step::Column::Id)
        .all(db)
        .await?)
}

/// One step of this plan; a step of another plan is "not found", like a missing one.
async fn step_of(
    db: &impl ConnectionTrait,
    plan_id: i64,
    step_id: i64,
) -> Result<plan_step::Model, AppError> {
    plan_step::Entity::find_by_id(step_id)
        .filter(plan_step::Column::PlanId.eq(plan_id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid(Key::ErrPlanStepNotFound))
}

/// The day the plan was drafted, in Dutch time: the earliest target date a step may have.
pub fn started_on(p: &plan::Model) -> jiff::civil::Date {
    crate::time::local_date(p.created_at)
}

/// Saves a step's fields and records which of them changed.
pub async fn save_step(
    ctx: &ServerContext,
    p: &plan::Model,
    user: Option<&CurrentUser>,
    step_id: i64,
    edit: StepEdit,
) -> Result<(), AppError> {
    ensure_editor(user)?;
    let step = step_of(&ctx.db, p.id, step_id).await?;
    // The questionnaire's goal, typed back unchanged, stays the goal (in both languages).
    let title = if step.goal_nl.as_deref() == Some(edit.title.as_str())
        || step.goal_en.as_deref() == Some(edit.title.as_str())
    {
        None
    } else {
        Some(edit.title.clone())
    };
    let target_date = edit.target_date.map(|d| d.to_string());
    let budget = edit.budget.map(|b| b.code().to_string());
    let mut changed: Vec<&str> = Vec::new();
    let mut mark = |field, differs: bool| {
        if differs {
            changed.push(field);
        }
    };
    mark("title", title != step.title);
    mark("horizon", edit.horizon.code() != step.horizon);
    mark("status", edit.status.code() != step.status);
    mark("owner", edit.owner != step.owner);
    mark("target_date", target_date != step.target_date);
    mark("budget", budget != step.budget);
    mark("dropped_reason", edit.dropped_reason != step.dropped_reason);
    if changed.is_empty() {
        return Ok(());
    }
    let shown = title
        .clone()
        .or_else(|| step.goal_nl.clone())
        .unwrap_or_default();
    let txn = ctx.db.begin().await?;
    let mut row: plan_step::ActiveModel = step.into();
    row.title = Set(title);
    row.horizon = Set(edit.horizon.code().to_string());
    row.status = Set(edit.status.code().to_string());
    row.owner = Set(edit.owner);
    row.target_date = Set(target_date);
    row.budget = Set(budget);
    row.dropped_reason = Set(edit.dropped_reason);
    row.updated_at = Set(now());
    row.update(&txn).await?;
    record(
        &txn,
        p.id,
        &actor(user),
        ChangeKind::Edited,
        &shown,
        &changed,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Adds a step of the company's own at the end of its horizon. The step count is raised by a
/// conditional update first, so parallel adds never pass [`STEPS_MAX`].
pub async fn add_step(
    ctx: &ServerContext,
    p: &plan::Model,
    user: Option<&CurrentUser>,
    title: &str,
    transition_key: &str,
    horizon: Horizon,
) -> Result<(), AppError> {
    ensure_editor(user)?;
    let title = super::model::read_title(title).map_err(|key| AppError::field("title", key))?;
    let a = assessment::Entity::find_by_id(p.assessment_id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::Internal)?;
    let q = assessments::questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    if q.transition(transition_key).is_none() {
        return Err(AppError::field("transition", Key::ErrChoiceInvalid));
    }
    insert_step(
        ctx,
        p,
        user,
        NewStep {
            title,
            transition_key,
            horizon,
            target_date: None,
            event_id: None,
        },
    )
    .await
}

/// A step the company adds (of its own, or an event from its plan's help).
struct NewStep<'a> {
    title: &'a str,
    transition_key: &'a str,
    horizon: Horizon,
    target_date: Option<jiff::civil::Date>,
    event_id: Option<i64>,
}

/// Adds a step at the end of the plan: a conditional update takes room for it first (never
/// more than [`STEPS_MAX`], also under parallel posts) and the unique index on the event
/// refuses the same event twice.
async fn insert_step(
    ctx: &ServerContext,
    p: &plan::Model,
    user: Option<&CurrentUser>,
    new: NewStep<'_>,
) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let room = plan::Entity::update_many()
        .col_expr(
            plan::Column::StepCount,
            Expr::col(plan::Column::StepCount).add(1),
        )
        .filter(plan::Column::Id.eq(p.id))
        .filter(plan::Column::StepCount.lt(STEPS_MAX as i32))
        .exec(&txn)
        .await?;
    if room.rows_affected != 1 {
        return Err(AppError::invalid(Key::ErrPlanFull));
    }
    let last = plan_step::Entity::find()
        .filter(plan_step::Column::PlanId.eq(p.id))
        .order_by_desc(plan_step::Column::Position)
        .one(&txn)
        .await?
        .map_or(0, |s| s.position + 1);
    let at = now();
    let inserted = plan_step::ActiveModel {
        plan_id: Set(p.id),
        position: Set(last),
        transition_key: Set(new.transition_key.to_string()),
        item_key: Set(None),
        title: Set(Some(new.title.to_string())),
        goal_nl: Set(None),
        goal_en: Set(None),
        from_level: Set(None),
        to_level: Set(None),
        horizon: Set(new.horizon.code().to_string()),
        status: Set(StepStatus::Planned.code().to_string()),
        owner: Set(String::new()),
        target_date: Set(new.target_date.map(|d| d.to_string())),
        budget: Set(None),
        dropped_reason: Set(String::new()),
        created_at: Set(at),
        updated_at: Set(at),
        event_id: Set(new.event_id),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    match inserted {
        Ok(_) => {}
        // The transaction rolls back when dropped: the room taken above is given back.
        Err(e) if crate::db::is_unique_violation(&e) => {
            return Err(AppError::invalid(Key::ErrPlanEventTwice))
        }
        Err(e) => return Err(e.into()),
    }
    record(&txn, p.id, &actor(user), ChangeKind::Added, new.title, &[]).await?;
    txn.commit().await?;
    Ok(())
}

/// Adds an upcoming event (a masterclass) on one of the questionnaire's themes as a step: its
/// title in the asker's language, its first day as the target date, and the horizon that day
/// falls in.
pub async fn add_event_step(
    ctx: &ServerContext,
    p: &plan::Model,
    user: Option<&CurrentUser>,
    slug: &str,
    lang: crate::i18n::Lang,
) -> Result<(), AppError> {
    ensure_editor(user)?;
    let e = super::help::addable_event(ctx, slug).await?;
    let title = match lang {
        crate::i18n::Lang::Nl => e.title_nl.as_str(),
        crate::i18n::Lang::En => e.title_en.as_str(),
    };
    // A step's title has the plan's own limit; an event's title may be longer.
    let title: String = title.chars().take(TITLE_MAX).collect();
    let day = crate::time::local_date(e.starts_at);
    let today = crate::time::local_date(now());
    let horizon = Horizon::for_days_ahead(i64::from((day - today).get_days()));
    let theme = super::help::theme_of(ctx, p, &e).await?;
    insert_step(
        ctx,
        p,
        user,
        NewStep {
            title: title.trim(),
            transition_key: &theme,
            horizon,
            target_date: Some(day),
            event_id: Some(e.id),
        },
    )
    .await
}

pub async fn remove_step(
    ctx: &ServerContext,
    p: &plan::Model,
    user: Option<&CurrentUser>,
    step_id: i64,
) -> Result<(), AppError> {
    ensure_editor(user)?;
    let step = step_of(&ctx.db, p.id, step_id).await?;
    let txn = ctx.db.begin().await?;
    let gone = plan_step::Entity::delete_many()
        .filter(plan_step::Column::Id.eq(step.id))
        .filter(plan_step::Column::PlanId.eq(p.id))
        .exec(&txn)
        .await?;
    // Removed twice at once: the second finds nothing and changes nothing.
    if gone.rows_affected != 1 {
        return Err(AppError::invalid(Key::ErrPlanStepNotFound));
    }
    plan::Entity::update_many()
        .col_expr(
            plan::Column::StepCount,
            Expr::col(plan::Column::StepCount).sub(1),
        )
        .filter(plan::Column::Id.eq(p.id))
        .exec(&txn)
        .await?;
    record(
        &txn,
        p.id,
        &actor(user),
        ChangeKind::Removed,
        &title_of(&step),
        &[],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a step one place up or down among the steps of its horizon (the order the page shows).
pub async fn move_step(
    ctx: &ServerContext,
    p: &plan::Model,
    user: Option<&CurrentUser>,
    step_id: i64,
    up: bool,
) -> Result<(), AppError> {
    ensure_editor(user)?;
    let step = step_of(&ctx.db, p.id, step_id).await?;
    let same_horizon: Vec<plan_step::Model> = steps_of(&ctx.db, p.id)
        .await?
        .into_iter()
        .filter(|s| s.horizon == step.horizon)
        .collect();
    let Some(at) = same_horizon.iter().position(|s| s.id == step.id) else {
        return Err(AppError::invalid(Key::ErrPlanStepNotFound));
    };
    let neighbour = if up {
        at.checked_sub(1).and_then(|i| same_horizon.get(i))
    } else {
        same_horizon.get(at + 1)
    };
    // Already first or last: nothing to do, and nothing to record.
    let Some(other) = neighbour else {
        return Ok(());
    };
    // Positions may tie (steps added at once); the order shown breaks ties by id, so the two
    // steps swap by taking each other's place in that order.
    let (mine, theirs) = if step.position == other.position {
        if (other.id < step.id) == up {
            (other.position, other.position + 1)
        } else {
            (other.position + 1, other.position)
        }
    } else {
        (other.position, step.position)
    };
    let txn = ctx.db.begin().await?;
    for (id, position) in [(step.id, mine), (other.id, theirs)] {
        plan_step::Entity::update_many()
            .col_expr(plan_step::Column::Position, Expr::value(position))
            .filter(plan_step::Column::Id.eq(id))
            .filter(plan_step::Column::PlanId.eq(p.id))
            .exec(&txn)
            .await?;
    }
    record(
        &txn,
        p.id,
        &actor(user),
        ChangeKind::Moved,
        &title_of(&step),
        &[],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
