//! Sessions (issue 16, item 5): idle and absolute timeouts per role, the list of one's own
//! sessions with sign-out per session and everywhere else.

mod common;

use app::db::entities::session;
use axum::http::StatusCode;
use common::{TestApp, PASSWORD};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Moves every session of the database `secs` into the past, as if nobody had used them.
async fn idle_for(app: &TestApp, secs: i64) {
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            Expr::col(session::Column::LastSeenAt).sub(secs),
        )
        .col_expr(
            session::Column::CreatedAt,
            Expr::col(session::Column::CreatedAt).sub(secs),
        )
        .exec(&app.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_staff_session_idle_for_half_an_hour_is_refused_a_company_one_is_not() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    let company = app.user("company", "anna@metaal.test").await;
    idle_for(&app, 31 * 60).await;
    assert!(
        app.current_user(&admin).await.is_none(),
        "the admin's session idled out"
    );
    let staff_page = app.get("/staff/dashboard", Some(&admin)).await;
    assert!(
        !staff_page.body.contains("beheer@hub.test"),
        "no staff page for an idle session"
    );
    assert!(
        app.current_user(&company).await.is_some(),
        "a company user's session lasts longer"
    );
    // The idle session is gone from the table, not only refused.
    let left = session::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(left.len(), 1);
}

#[tokio::test]
async fn a_session_past_its_absolute_end_is_refused_even_when_used() {
    let app = TestApp::new().await;
    let admin = app.admin("beheer@hub.test").await;
    session::Entity::update_many()
        .col_expr(session::Column::ExpiresAt, Expr::value(app::db::now() - 1))
        .exec(&app.db)
        .await
        .unwrap();
    assert!(app.current_user(&admin).await.is_none());
}

#[tokio::test]
async fn the_cookie_lives_as_long_as_the_role_allows() {
    let app = TestApp::new().await;
    app.admin("beheer@hub.test").await;
    let login = app.login("beheer@hub.test", PASSWORD).await;
    let cookie = login
        .headers
        .get_all(axum::http::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("sih_session="))
        .expect("session cookie")
        .to_string();
    assert!(cookie.contains("Max-Age=43200"), "{cookie}");
}

#[tokio::test]
async fn users_see_their_sessions_and_sign_out_one_or_all_others() {
    let app = TestApp::new().await;
    let first = app.user("company", "anna@metaal.test").await;
    let second = app
        .login("anna@metaal.test", PASSWORD)
        .await
        .session_cookie()
        .unwrap();
    let third = app
        .login("anna@metaal.test", PASSWORD)
        .await
        .session_cookie()
        .unwrap();
    let other_user = app.user("company", "bert@zuivel.test").await;

    let list = app.call("sessions", &[], Some(&first)).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let sessions: Vec<app::accounts::session::SessionInfo> =
        serde_json::from_str(&list.body).unwrap();
    assert_eq!(sessions.len(), 3);
    assert_eq!(sessions.iter().filter(|s| s.current).count(), 1);
    let page = app.get("/account", Some(&first)).await;
    assert!(
        page.body.contains("Waar u bent ingelogd"),
        "shown on the account page"
    );

    // Another user's session id ends nothing.
    let theirs: Vec<app::accounts::session::SessionInfo> =
        serde_json::from_str(&app.call("sessions", &[], Some(&other_user)).await.body).unwrap();
    app.call("sessions/end", &[("id", &theirs[0].id)], Some(&first))
        .await;
    assert!(app.current_user(&other_user).await.is_some());

    // Sign out the second session from the first.
    let second_id = sessions
        .iter()
        .find(|s| !s.current)
        .map(|s| s.id.clone())
        .unwrap();
    let ended = app
        .call("sessions/end", &[("id", &second_id)], Some(&first))
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    let mut live = 0;
    for cookie in [&second, &third] {
        if app.current_user(cookie).await.is_some() {
            live += 1;
        }
    }
    assert_eq!(live, 1, "exactly one of the other two ended");

    // Everywhere else: only the asking session stays.
    let all = app.call("sessions/end_others", &[], Some(&first)).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    assert!(app.current_user(&first).await.is_some());
    assert!(app.current_user(&second).await.is_none());
    assert!(app.current_user(&third).await.is_none());
    assert!(app.current_user(&other_user).await.is_some());
    let remaining = session::Entity::find()
        .filter(session::Column::UserId.eq(app.current_user(&first).await.unwrap().id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(remaining.len(), 1);
}
