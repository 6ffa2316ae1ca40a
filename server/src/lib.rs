//! The axum server: configuration, router, middleware and background jobs. `main.rs` only
//! parses the command line; tests build the same router through [`build_app`].

// The page views are deeply nested types; rendering them needs more than the default 128.
#![recursion_limit = "256"]

pub mod allocator;
pub mod assets;
pub mod cli;
pub mod config;
pub mod database;
pub mod demo;
pub mod error_page;
pub mod gate;
pub mod mailer;
mod middleware;
pub mod page_cache;
pub mod page_etag;

use app::context::{ServerContext, Settings};
use app::shell::{shell, App};
use axum::extract::{Extension, Form};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use config::Config;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

/// Opens the database, then builds the router. Returns the context for background jobs.
pub async fn build_app(config: &Config) -> Result<(Router, ServerContext), sea_orm::DbErr> {
    let db = database::open(&config.database_url).await?;
    // A broken or conflicting questionnaire file stops start-up with its file and line.
    app::assessment::service::sync_questionnaires(&db)
        .await
        .map_err(sea_orm::DbErr::Custom)?;
    let signing_key = database::signing_key(&db, config.secret_key.as_deref()).await?;
    let signing_keys = app::accounts::token::SigningKeys::new(
        &signing_key,
        config.secret_key_previous.as_deref().map(str::as_bytes),
    );
    let ctx = ServerContext {
        db,
        settings: Arc::new(Settings {
            public_base_url: config.public_base_url.clone(),
            secure_cookies: config.secure_cookies,
            signing_keys,
            trusted_proxies: config.trusted_proxies,
        }),
    };
    Ok((router(config, ctx.clone()), ctx))
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("sih")
        .site_root(config.site_root.clone())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        // Hashed file names when the release build wrote its hash file; test and debug
        // binaries have none and serve the plain names.
        .hash_files(assets::hash_file().is_some())
        .build()
}

/// The app's routes, worked out once per process.
///
/// Leptos sets a process-wide flag while it generates the list, and any page whose data is first
/// asked for at that moment waits for ever (leptos-rs/leptos#4773). A server builds its router
/// once before it serves, but the integration tests build one per test on parallel threads: a
/// test regenerating the list hung another test's page render until CI's time ran out.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(config: &Config, ctx: ServerContext) -> Router {
    let options = leptos_options(config);
    let routes = route_list();
    let site_root = config.site_root.clone();

    let provide = {
        let ctx = ctx.clone();
        move || provide_context(ctx.clone())
    };
    // Unknown paths that are no file either: the app renders its 404 page.
    let not_found = leptos_axum::render_app_to_stream_with_context(provide.clone(), {
        let options = options.clone();
        move || shell(options.clone())
    });

    // The assessment's offline copy (a service worker) keeps the files its pages run on.
    let worker_files = {
        let (js, wasm) = app::ui::build_files(&options);
        vec![
            js,
            wasm,
            assets::stylesheet_href(),
            app::shell::FAVICON.to_string(),
        ]
    };

    Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/sw.js",
            get(move || std::future::ready(app::assessment::offline_copy::worker(&worker_files))),
        )
        .route("/robots.txt", get(middleware::robots_txt))
        .route("/lang", post(switch_language))
        .route("/assessment/form", post(app::assessment::form::submit))
        // A logo may be 2 MB; the rest of the form is small. Larger bodies are cut off here.
        .route(
            "/profile/save",
            post(app::providers::form::save).layer(axum::extract::DefaultBodyLimit::max(
                app::providers::logo::MAX_UPLOAD_BYTES + 256 * 1024,
            )),
        )
        .route("/logo/{file}", get(app::providers::form::serve_logo))
        // A photo may be 2 MB, like a logo.
        .route(
            "/staff/practices/save",
            post(app::practices::form::save).layer(axum::extract::DefaultBodyLimit::max(
                app::providers::logo::MAX_UPLOAD_BYTES + 256 * 1024,
            )),
        )
        .route("/photo/{file}", get(app::practices::form::serve_photo))
        .route("/staff/events/save", post(app::events::form::save))
        .route(
            "/staff/events/{id}/participants.csv",
            get(app::events::form::participants_csv),
        )
        .route(
            "/staff/exports/{file}",
            get(app::analytics::export::download),
        )
        .route(
            "/account/export.json",
            get(app::my_account::privacy::download),
        )
        .route(
            "/staff/questionnaires/publish",
            post(app::staff::form::publish),
        )
        .route(
            "/staff/questionnaires/steps",
            post(app::staff::form::publish_steps),
        )
        .route(
            "/staff/questionnaires/files/{file}",
            get(app::staff::questionnaire_io::download),
        )
        // A questionnaire file may be 512 KB; anything larger is refused before it is read.
        .route(
            "/staff/questionnaires/upload",
            post(app::staff::questionnaire_io::upload).layer(axum::extract::DefaultBodyLimit::max(
                app::assessment::questionnaire_file::MAX_FILE_BYTES + 64 * 1024,
            )),
        )
        .leptos_routes_with_context(&options, routes, provide, {
            let options = options.clone();
            move || shell(options.clone())
        })
        // The WASM, JS and CSS: their brotli or gzip copy when the browser takes it (see
        // `assets`), else compressed on the fly by the layer below.
        .nest_service(
            "/pkg",
            ServeDir::new(format!("{site_root}/pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .fallback_service(ServeDir::new(site_root).not_found_service(axum::routing::any(not_found)))
        // Inside the session layer: it hands kept pages only to visitors without a session.
        .layer(axum::middleware::from_fn_with_state(
            page_cache::PageCache::new(ctx.db.clone()),
            page_cache::serve,
        ))
        .layer(axum::middleware::from_fn_with_state(
            ctx.clone(),
            middleware::session,
        ))
        .layer(axum::middleware::from_fn_with_state(
            ctx.clone(),
            middleware::same_origin_only,
        ))
        .layer(axum::middleware::from_fn_with_state(
            ctx.clone(),
            gate::input_gate,
        ))
        .layer(axum::middleware::from_fn(error_page::fill_empty_errors))
        .layer(Extension(ctx))
        // Inside the compression layer: it reads the (still uncompressed) error body.
        .layer(axum::middleware::from_fn(
            middleware::server_fn_error_status,
        ))
        // Inside the compression layer: it hashes the page's HTML as rendered.
        .layer(axum::middleware::from_fn(page_etag::page_etag))
        // HTML and API answers compressed; responses that already are (the precompressed files,
        // images, Excel workbooks: zip archives, streamed as they are written)
        // pass through untouched. Gzip at level 6, not brotli: on our pages it costs
        // 7-11 % of a page's CPU against 17-28 % for brotli 4 (tower-http's default), for
        // 2-4 % more bytes (`cargo bench --bench compression`, docs/benchmarks.md). The build
        // files keep their brotli-11 copies.
        .layer(
            CompressionLayer::new()
                .no_br()
                .quality(tower_http::CompressionLevel::Default)
                .compress_when(DefaultPredicate::new().and(NotForContentType::const_new(
                    "application/vnd.openxmlformats",
                ))),
        )
        .layer(axum::middleware::from_fn(middleware::cache_headers))
        // HSTS only when the site is served over HTTPS (the same switch as secure cookies).
        .layer(axum::middleware::from_fn_with_state(
            config.secure_cookies,
            middleware::security_headers,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(middleware::request_span))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(axum::middleware::from_fn(
            middleware::drop_client_request_id,
        ))
        .layer(CatchPanicLayer::custom(middleware::panic_page))
        .with_state(options)
}

async fn healthz(Extension(ctx): Extension<ServerContext>) -> Response {
    match ctx.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct LangForm {
    lang: String,
    next: Option<String>,
}

/// The language switch is a plain form, so it works before (and without) the WASM.
async fn switch_language(
    Extension(ctx): Extension<ServerContext>,
    Extension(auth): Extension<app::web::request::RequestAuth>,
    Form(form): Form<LangForm>,
) -> Response {
    let lang = app::i18n::Lang::from_code(&form.lang);
    if let Some(user) = &auth.user {
        if let Err(e) = app::accounts::service::set_locale(&ctx, user.id, lang).await {
            tracing::warn!(error = ?e, "could not store language preference");
        }
    }
    let next = app::accounts::model::safe_next_path(form.next.as_deref().unwrap_or("/"));
    let cookie = app::web::cookies::lang_cookie(lang.code(), ctx.settings.secure_cookies);
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let (Ok(location), Ok(cookie)) =
        (HeaderValue::from_str(&next), HeaderValue::from_str(&cookie))
    {
        res.headers_mut().insert(header::LOCATION, location);
        res.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    res
}
