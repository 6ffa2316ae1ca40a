//! What a refused plain form post typed, kept for the page it returns to, so the form comes
//! back filled in. Short forms keep their fields in a cookie (`web::request::finish_form`);
//! the multipart forms carry long texts (a profile's description, an event's programme) that
//! fit in no cookie and must not travel in the URL, so they are kept in the database, under the
//! hash of a random key that only the browser that typed them holds, for ten minutes.

use crate::accounts::token::{hash_secret, random_secret};
use crate::db::entities::kept_form;
use crate::db::now;
use crate::error::AppError;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The cookie holding the key of the kept fields.
pub const COOKIE: &str = "sih_kept_form";
/// Long enough to read the message and correct the form, short enough not to linger.
const SECONDS: i64 = 600;

/// Keeps `fields`, typed on `page` by `user_id`, and returns the `Set-Cookie` value that lets
/// this browser have them back. Expired rows of anyone are swept on the way.
pub async fn keep(
    db: &impl ConnectionTrait,
    page: &str,
    user_id: Option<i64>,
    fields: &[(String, String)],
    secure: bool,
) -> Result<String, AppError> {
    let now = now();
    kept_form::Entity::delete_many()
        .filter(kept_form::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    let key = random_secret();
    let json = serde_json::to_string(fields).map_err(|_| AppError::Internal)?;
    kept_form::ActiveModel {
        key_hash: Set(hash_secret(&key)),
        page: Set(page.chars().take(200).collect()),
        user_id: Set(user_id),
        fields: Set(json),
        expires_at: Set(now + SECONDS),
    }
    .insert(db)
    .await?;
    Ok(crate::web::cookies::cookie(COOKIE, &key, SECONDS, secure))
}

/// The fields this browser's last refused post kept for `page`, if they were typed there by
/// the same user and have not expired.
pub async fn take(
    db: &impl ConnectionTrait,
    key: &str,
    page: &str,
    user_id: Option<i64>,
) -> Option<Vec<(String, String)>> {
    let row = kept_form::Entity::find_by_id(hash_secret(key))
        .filter(kept_form::Column::ExpiresAt.gte(now()))
        .one(db)
        .await
        .ok()??;
    if row.page != page || row.user_id != user_id {
        return None;
    }
    serde_json::from_str(&row.fields).ok()
}

/// For a page being rendered: the fields its refused form post kept, while the page shows that
/// refusal (its URL has `error=`), so an old value never turns up on a fresh form.
pub async fn typed_here(db: &impl ConnectionTrait) -> Option<Vec<(String, String)>> {
    use leptos::prelude::use_context;
    let parts = use_context::<http::request::Parts>()?;
    let query = parts.uri.query().unwrap_or_default();
    if !form_urlencoded::parse(query.as_bytes()).any(|(k, _)| k == "error") {
        return None;
    }
    let key = crate::web::cookies::cookie_value(&parts.headers, COOKIE)?;
    let user_id = crate::web::request::auth().user.map(|u| u.id);
    take(db, &key, parts.uri.path(), user_id).await
}
