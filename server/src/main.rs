//! `server [serve]` runs Focus Squad; `server migrate` applies database migrations and
//! exits. Errors end the process with one line on standard error and exit code 1.

use app::server::config::Config;
use server::startup::{self, StartError};
use std::process::ExitCode;

const USAGE: &str = "usage: server [serve|migrate]\n\
  serve    run Focus Squad (default)\n\
  migrate  apply database migrations and exit\n\
Configuration: FOCUS_* environment variables or a focus.toml file (see README.md).";

/// Stack per runtime worker thread.
const RENDER_STACK_BYTES: usize = 8 * 1024 * 1024;

fn main() -> ExitCode {
    let command = std::env::args().nth(1);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Rendering a whole page is deep recursion over nested view types; unoptimised
        // (debug) builds need more than the default 2 MiB per worker.
        .thread_stack_size(RENDER_STACK_BYTES)
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return fail(&format!("cannot start the async runtime: {e}")),
    };
    let result = match command.as_deref() {
        None | Some("serve") => runtime.block_on(serve()),
        Some("migrate") => runtime.block_on(migrate()),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => return fail(&format!("unknown command \"{other}\"\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e.to_string()),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("focus-squad: {message}");
    ExitCode::FAILURE
}

fn configure() -> Result<Config, StartError> {
    let config = Config::load()?;
    server::telemetry::init(config.log_format, &config.log_filter).map_err(StartError::Logging)?;
    Ok(config)
}

async fn serve() -> Result<(), StartError> {
    let config = configure()?;
    let mut options = startup::leptos_options()?;
    let addr = config.addr.unwrap_or(options.site_addr);
    options.site_addr = addr;
    let listener = startup::bind(addr).await?;
    let state = startup::build_state(config, options).await?;
    // Table lifecycle, credit refreshes and cleanup (tests drive `tick` themselves).
    tokio::spawn(app::server::scheduler::run(state.clone()));
    tracing::info!("Focus Squad is listening on http://{addr}");
    startup::serve(listener, state, shutdown_signal())
        .await
        .map_err(|source| StartError::Bind { addr, source })
}

async fn migrate() -> Result<(), StartError> {
    let config = configure()?;
    let db = startup::open_database(&config).await?;
    db.close().await;
    println!("migrations applied to {}", config.database.redacted());
    Ok(())
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
