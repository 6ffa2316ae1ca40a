//! The transition page as a plain HTML form, for browsers without JavaScript: all answers of
//! the page arrive in one POST, are checked together and saved together, then the browser goes
//! on to the next page (or back to the form with the error). Server only.

use super::model::Priority;
use super::service::{self, AnswerInput};
use crate::accounts::model::safe_next_path;
use crate::context::ServerContext;
use crate::error::AppError;
use crate::web::request::{encode, RequestAuth};
use axum::extract::Extension;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use std::collections::BTreeMap;

/// Field names: `reference`, `transition`, `next`, `priority`, and per item
/// `current:<item>`, `ambition:<item>`, `na:<item>`, `comment:<item>`; for a typed question
/// `value:<item>` (once per ticked box) and `grid:<item>:<row>`.
pub fn parse_fields(
    fields: &[(String, String)],
) -> Result<(Vec<AnswerInput>, Option<Priority>), AppError> {
    let mut items: BTreeMap<String, AnswerInput> = BTreeMap::new();
    let mut priority = None;
    let level = |v: &str| -> Result<Option<u8>, AppError> {
        if v.is_empty() {
            return Ok(None);
        }
        v.parse::<u8>()
            .map(Some)
            .map_err(|_| AppError::invalid(crate::i18n::Key::ErrLevelOutOfRange))
    };
    for (name, value) in fields {
        if name == "priority" {
            priority = match value.as_str() {
                "" => None,
                code => Some(
                    Priority::parse(code)
                        .ok_or(AppError::invalid(crate::i18n::Key::ErrChoiceInvalid))?,
                ),
            };
            continue;
        }
        let Some((kind, item, row)) = field_parts(name) else {
            continue;
        };
        let entry = items
            .entry(item.to_string())
            .or_insert_with(|| AnswerInput {
                item_key: item.to_string(),
                ..Default::default()
            });
        match kind {
            "current" => entry.current = level(value)?,
            "ambition" => entry.ambition = level(value)?,
            "na" => entry.not_applicable = value == "on" || value == "true",
            "comment" => entry.comment = value.clone(),
            "value" => entry
                .form
                .get_or_insert_with(Default::default)
                .values
                .push(value.clone()),
            "grid" => entry
                .form
                .get_or_insert_with(Default::default)
                .grid
                .push((row.to_string(), value.clone())),
            _ => {}
        }
    }
    // Items the person did not touch at all are not written.
    let inputs = items
        .into_values()
        .filter(|i| {
            i.current.is_some()
                || i.ambition.is_some()
                || i.not_applicable
                || !i.comment.trim().is_empty()
                // A typed question's fields: an emptied number or text clears its answer.
                || i.form.is_some()
        })
        .collect();
    Ok((inputs, priority))
}

/// A per-question field name as (field, item, row): `current:data.sources` is
/// `("current", "data.sources", "")`, `grid:tech.use:cloud` is `("grid", "tech.use", "cloud")`.
pub fn field_parts(name: &str) -> Option<(&str, &str, &str)> {
    let (field, rest) = name.split_once(':')?;
    match field {
        "grid" => rest.split_once(':').map(|(item, row)| (field, item, row)),
        _ => Some((field, rest, "")),
    }
}

/// The transition shown after `current`, if any.
fn next_after(shown: &super::model::Questionnaire, current: &str) -> Option<String> {
    let at = shown.transitions.iter().position(|t| t.key == current)?;
    shown.transitions.get(at + 1).map(|t| t.key.clone())
}

fn value<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

pub async fn submit(
    Extension(ctx): Extension<ServerContext>,
    Extension(auth): Extension<RequestAuth>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let reference = value(&fields, "reference").to_string();
    let transition = value(&fields, "transition").to_string();
    let back = safe_next_path(&format!(
        "/assessment/{}/t/{}",
        encode(&reference),
        encode(&transition)
    ));
    let result = async {
        let a = service::resolve(&ctx, &reference, auth.user.as_ref()).await?;
        let (inputs, priority) = parse_fields(&fields)?;
        service::save_answers(&ctx, &a, &inputs, auth.user.as_ref()).await?;
        service::set_priority(&ctx, &a, &transition, priority).await?;
        // The page's "next" was decided before these answers: one of them may have brought a
        // transition into view (conditions look back), which then comes next.
        let (shown, _) = service::shown_questionnaire(&ctx.db, &a).await?;
        Ok::<_, AppError>(next_after(&shown, &transition))
    }
    .await;
    let refused =
        matches!(&result, Err(e) if !matches!(e, AppError::Unauthorized | AppError::NotFound));
    let location = match result {
        Ok(Some(next)) => safe_next_path(&format!(
            "/assessment/{}/t/{}",
            encode(&reference),
            encode(&next)
        )),
        Ok(None) => safe_next_path(value(&fields, "next")),
        Err(e) => format!("{back}?error={}", e.key().id()),
    };
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    // The page comes back as it was posted: nothing typed is lost to a refusal.
    if refused && super::refill::worth_keeping(&fields) {
        let user_id = auth.user.as_ref().map(|u| u.id);
        let secure = ctx.settings.secure_cookies;
        match crate::web::multipart::kept::keep(&ctx.db, &back, user_id, &fields, secure).await {
            Ok(cookie) => {
                if let Ok(v) = HeaderValue::from_str(&cookie) {
                    res.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            // The refusal itself still reaches the person; only the refilled page is missing.
            Err(e) => tracing::warn!(error = %e, "could not keep a refused assessment page"),
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn typed_fields_are_gathered_per_question() {
        let (inputs, _) = parse_fields(&f(&[
            ("value:tools.use", "backup"),
            ("value:tools.use", "training"),
            ("grid:tech.use:cloud", "in_use"),
            ("grid:tech.use:iot", ""),
            ("value:basics.staff", ""),
            ("grid:broken", "x"),
        ]))
        .unwrap();
        let form = |key: &str| {
            inputs
                .iter()
                .find(|i| i.item_key == key)
                .and_then(|i| i.form.clone())
                .unwrap_or_else(|| panic!("{key}"))
        };
        assert_eq!(form("tools.use").values, ["backup", "training"]);
        assert_eq!(
            form("tech.use").grid,
            [
                ("cloud".to_string(), "in_use".to_string()),
                ("iot".to_string(), String::new())
            ]
        );
        // An emptied number is sent, so that it clears the stored answer.
        assert_eq!(form("basics.staff").values, [""]);
        assert_eq!(inputs.len(), 3, "a grid field without a row is ignored");
    }

    #[test]
    fn form_fields_become_answers_and_a_priority() {
        let (inputs, p) = parse_fields(&f(&[
            ("reference", "r1"),
            ("current:data.sources", "2"),
            ("ambition:data.sources", "4"),
            ("comment:data.sources", "ERP komt eraan"),
            ("na:data.quality", "on"),
            ("comment:data.analysis", ""),
            ("priority", "high"),
        ]))
        .unwrap();
        assert_eq!(p, Some(Priority::High));
        assert_eq!(inputs.len(), 2, "untouched items are skipped");
        let sources = inputs
            .iter()
            .find(|i| i.item_key == "data.sources")
            .unwrap();
        assert_eq!((sources.current, sources.ambition), (Some(2), Some(4)));
        assert!(inputs
            .iter()
            .any(|i| i.item_key == "data.quality" && i.not_applicable));
    }

    #[test]
    fn garbage_levels_are_refused() {
        assert!(parse_fields(&f(&[("current:x", "abc")])).is_err());
        assert!(parse_fields(&f(&[("priority", "urgent")])).is_err());
    }
}
