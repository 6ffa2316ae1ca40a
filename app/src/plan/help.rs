//! What helps with a step (server only): upcoming events on its theme, of which a masterclass
//! can be added to the plan as a step of its own with one click, the providers and
//! consultants among the company's matches that cover the theme, with the matching's reasons,
//! and best practices on the theme (of the company's size class first).
//!
//! Help is per theme (a transition): every open step on that theme shows the same help, so it
//! is gathered once per theme, from one read of the upcoming events and one ranking.

use super::view::{HelpEvent, StepEvent, ThemeHelp};
use crate::context::ServerContext;
use crate::db::entities::{assessment, event, plan, plan_step};
use crate::db::now;
use crate::error::AppError;
use crate::events::model::{EventKind, EventStatus};
use crate::i18n::Key;
use crate::matching::view::{MatchList, MatchView};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashSet;

/// Events and profiles shown per theme: enough to choose from, few enough to read on a phone.
const EVENTS_PER_THEME: usize = 3;
const PROFILES_PER_THEME: usize = 3;
const CASES_PER_THEME: usize = 2;
/// The upcoming events read for a plan's help (the agenda of a regional programme holds far
/// fewer; the bound keeps a national one from making the page slow).
const EVENTS_READ: u64 = 200;

/// The kinds a company adds to its plan as a step of their own: a masterclass teaches what a
/// step needs; a network meeting or webinar is help, not a step.
pub fn is_step_kind(kind: EventKind) -> bool {
    kind == EventKind::Masterclass
}

/// Help for each theme of the plan's open steps (not done, not dropped, not itself an event),
/// in the order the themes first appear in the plan.
/// `matches` ranks every profile that covers any need of the company (not only the five best
/// overall), so each theme finds its own best.
pub async fn for_steps(
    ctx: &ServerContext,
    matches: &MatchList,
    size_class: &str,
    steps: &[plan_step::Model],
) -> Result<Vec<ThemeHelp>, AppError> {
    use super::model::StepStatus;
    let mut themes: Vec<&str> = Vec::new();
    for s in steps {
        let open = !matches!(
            StepStatus::parse(&s.status),
            Some(StepStatus::Done | StepStatus::Dropped)
        );
        if open && s.event_id.is_none() && !themes.contains(&s.transition_key.as_str()) {
            themes.push(&s.transition_key);
        }
    }
    if themes.is_empty() {
        return Ok(Vec::new());
    }
    let in_plan: HashSet<i64> = steps.iter().filter_map(|s| s.event_id).collect();
    let events = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published.code()))
        .filter(event::Column::StartsAt.gte(now()))
        .order_by_asc(event::Column::StartsAt)
        .limit(EVENTS_READ)
        .all(&ctx.db)
        .await?;
    let published_cases = crate::practices::service::published_cards(&ctx.db).await?;
    let mut out = Vec::with_capacity(themes.len());
    for theme in themes {
        let on_theme: Vec<HelpEvent> = events
            .iter()
            .filter(|e| {
                crate::events::service::themes_of(e)
                    .iter()
                    .any(|t| t == theme)
            })
            .take(EVENTS_PER_THEME)
            .map(|e| {
                let kind = EventKind::stored(&e.kind)?;
                Ok(HelpEvent {
                    slug: e.slug.clone(),
                    title: crate::assessment::model::Text {
                        nl: e.title_nl.clone(),
                        en: e.title_en.clone(),
                    },
                    kind,
                    starts_at: e.starts_at,
                    addable: is_step_kind(kind) && !in_plan.contains(&e.id),
                })
            })
            .collect::<Result<_, AppError>>()?;
        let covers = |m: &&MatchView| {
            m.reasons.iter().any(|r| {
                matches!(r, crate::matching::Reason::CoversPriorities(keys)
                    if keys.iter().any(|k| k == theme))
            })
        };
        // Providers and consultants together, best fit first (ties: providers first, as the
        // match lists come).
        let mut profiles: Vec<_> = matches
            .providers
            .iter()
            .chain(matches.consultants.iter())
            .filter(covers)
            .cloned()
            .collect();
        profiles.sort_by_key(|m| std::cmp::Reverse(m.score));
        profiles.truncate(PROFILES_PER_THEME);
        let cases = crate::practices::rank::for_company(
            &published_cases,
            &[theme.to_string()],
            size_class,
            CASES_PER_THEME,
        );
        if on_theme.is_empty() && profiles.is_empty() && cases.is_empty() {
            continue;
        }
        out.push(ThemeHelp {
            transition_key: theme.to_string(),
            events: on_theme,
            profiles,
            cases,
        });
    }
    Ok(out)
}

/// The events that steps of a plan are, by event id: only those still published (a cancelled
/// masterclass stays a step, without its link).
pub async fn step_events(
    ctx: &ServerContext,
    steps: &[plan_step::Model],
) -> Result<std::collections::HashMap<i64, StepEvent>, AppError> {
    let ids: Vec<i64> = steps.iter().filter_map(|s| s.event_id).collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(event::Entity::find()
        .filter(event::Column::Id.is_in(ids))
        .filter(event::Column::Status.eq(EventStatus::Published.code()))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|e| {
            (
                e.id,
                StepEvent {
                    slug: e.slug,
                    starts_at: e.starts_at,
                },
            )
        })
        .collect())
}

/// The event behind an "add as a step" click: published, still to come, and of a kind that is
/// a step. Anything else reads as "no longer available" (it may have been cancelled since the
/// page was shown).
pub async fn addable_event(ctx: &ServerContext, slug: &str) -> Result<event::Model, AppError> {
    let e = event::Entity::find()
        .filter(event::Column::Slug.eq(slug))
        .one(&ctx.db)
        .await?
        .ok_or_else(|| AppError::invalid(Key::ErrPlanEventUnavailable))?;
    let addable = EventStatus::parse(&e.status) == Some(EventStatus::Published)
        && e.starts_at >= now()
        && EventKind::parse(&e.kind).is_some_and(is_step_kind);
    if !addable {
        return Err(AppError::invalid(Key::ErrPlanEventUnavailable));
    }
    Ok(e)
}

/// The theme an event gets as a step: the first of its themes that the plan already works on,
/// else the first its questionnaire knows. An event on none of the questionnaire's themes is
/// no help with this plan.
pub async fn theme_of(
    ctx: &ServerContext,
    p: &plan::Model,
    e: &event::Model,
) -> Result<String, AppError> {
    let themes = crate::events::service::themes_of(e);
    let steps = super::service::steps_of(&ctx.db, p.id).await?;
    if let Some(t) = themes
        .iter()
        .find(|t| steps.iter().any(|s| &s.transition_key == *t))
    {
        return Ok(t.clone());
    }
    let a = assessment::Entity::find_by_id(p.assessment_id)
        .one(&ctx.db)
        .await?
        .ok_or(AppError::Internal)?;
    let q = crate::assessment::service::questionnaire(&ctx.db, a.questionnaire_version_id).await?;
    themes
        .into_iter()
        .find(|t| q.transition(t).is_some())
        .ok_or_else(|| AppError::invalid(Key::ErrPlanEventUnavailable))
}
