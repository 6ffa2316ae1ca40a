//! `server` runs the platform; `server create-admin` makes the first administrator;
//! `server migrate` only applies database migrations. See README.md.

use clap::Parser;
use server::cli::{Cli, Command, DemoOptions};
use server::config::Config;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Before the runtime's threads exist: they take their allocator arenas when they start.
    server::allocator::tune();
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(run()),
        Err(e) => {
            eprintln!("cannot start: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();
    // A wrong command or flag ends here with clap's message and usage (exit code 2).
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => server::database::open(&config.database_url)
            .await
            .map(|_| println!("database is up to date"))
            .map_err(|e| e.to_string()),
        Command::CreateAdmin { email, name } => create_admin(config, &email, &name).await,
        Command::DemoData(opts) => demo_data(config, opts).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> Result<(), String> {
    use axum::serve::ListenerExt;

    let (router, ctx) = server::build_app(&config)
        .await
        .map_err(|e| format!("database {}: {e}", config.database_for_display()))?;
    let mailer = match &config.smtp_url {
        Some(url) => server::mailer::Mailer::new(url, &config.mail_from),
        None => {
            tracing::info!(
                dir = %config.mail_dir,
                "SMTP_URL not set: e-mail is written to files in MAIL_DIR instead of sent"
            );
            server::mailer::Mailer::folder(
                std::path::Path::new(&config.mail_dir),
                &config.mail_from,
            )
        }
    }
    .map_err(|e| e.to_string())?;
    tokio::spawn(server::mailer::run(
        ctx.db.clone(),
        mailer,
        config.draft_expiry_days,
    ));
    // Brotli and gzip copies of the WASM, JS and CSS, once per build (seconds, in the
    // background; until then they are compressed per request).
    let pkg = std::path::PathBuf::from(&config.site_root).join("pkg");
    tokio::task::spawn_blocking(move || match server::assets::precompress_dir(&pkg) {
        Ok(0) => {}
        Ok(n) => tracing::info!(files = n, "static files precompressed"),
        Err(e) => {
            tracing::warn!(error = %e, dir = %pkg.display(), "could not precompress static files")
        }
    });
    // Event reminders a day before; state lives in the database, so restarts and several
    // processes never send one twice.
    tokio::spawn(app::events::service::run_reminders(
        ctx.clone(),
        std::time::Duration::from_secs(300),
    ));

    // Plan follow-ups after 1, 3 and 6 months and the invitation to repeat; the same kind of
    // job, sent once across restarts and processes.
    tokio::spawn(app::plan::reminders::run_followups(
        ctx.clone(),
        std::time::Duration::from_secs(600),
    ));

    // The EU DMA's invitations to measure again (T1) after staff mark support finished.
    tokio::spawn(app::staff::dma_support::run_invitations(
        ctx.clone(),
        std::time::Duration::from_secs(300),
    ));

    // What a peak freed goes back to the system within seconds (`allocator`).
    tokio::spawn(server::allocator::return_freed_memory(
        std::time::Duration::from_secs(5),
    ));

    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?
        // Without TCP_NODELAY, small responses wait for the client's delayed ACK (~40 ms).
        .tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::warn!(error = %e, "could not set TCP_NODELAY");
            }
        });
    tracing::info!("listening on http://{}", config.addr);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| e.to_string())
}

async fn demo_data(config: Config, opts: DemoOptions) -> Result<(), String> {
    // Opening through build_app loads the questionnaires, which the generator answers.
    let (_, ctx) = server::build_app(&config)
        .await
        .map_err(|e| format!("database {}: {e}", config.database_for_display()))?;
    let started = std::time::Instant::now();
    let s = server::demo::fill(&ctx.db, &opts, app::db::now()).await?;
    println!(
        "demo data added in {:.1} s: {} companies, {} assessments ({} answers), {} profiles, \
         {} events with {} sign-ups, {} contact requests, {} plans ({} guided, {} agreed), {} best practices; \
         accounts use the password {}",
        started.elapsed().as_secs_f64(),
        s.companies,
        s.assessments,
        s.answers,
        s.profiles,
        s.events,
        s.registrations,
        s.contact_requests,
        s.plans,
        s.guided_plans,
        s.agreed_plans,
        s.practices,
        server::demo::DEMO_PASSWORD
    );
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}

async fn create_admin(config: Config, email: &str, name: &str) -> Result<(), String> {
    let password = server::cli::admin_password(email)?;
    let (_, ctx) = server::build_app(&config)
        .await
        .map_err(|e| e.to_string())?;
    let email = app::accounts::model::Email::parse(email)
        .map_err(|e| e.message(app::i18n::Lang::En).to_string())?;
    let name = app::accounts::model::parse_display_name(name)
        .map_err(|e| e.message(app::i18n::Lang::En).to_string())?;
    let id = app::accounts::service::create_admin(&ctx, &email, name, &password)
        .await
        .map_err(|e| e.message(app::i18n::Lang::En).to_string())?;
    println!("administrator {} ready (user id {id})", email.as_str());
    Ok(())
}
