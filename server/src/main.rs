//! `server [serve]` runs Focus Squad; `server migrate` applies database migrations and
//! exits; `server admin grant|revoke <email or username>` and `server admin list` manage
//! who administers. Errors end the process with one line on standard error and exit
//! code 1.

use app::server::config::Config;
use server::startup::{self, StartError};
use std::process::ExitCode;

const USAGE: &str = "usage: server [serve|migrate|admin …]\n\
  serve                       run Focus Squad (default)\n\
  migrate                     apply database migrations and exit\n\
  admin grant <email|username>   make an account an admin\n\
  admin revoke <email|username>  make an admin a member again\n\
  admin list                  list the admins (and whether their email is verified)\n\
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
        Some("admin") => {
            let args: Vec<String> = std::env::args().skip(2).collect();
            runtime.block_on(admin(&args))
        }
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

async fn admin(args: &[String]) -> Result<(), StartError> {
    use app::domain::account::Role;
    let usage = || {
        StartError::Usage(format!(
            "expected `admin grant|revoke <email or username>` or `admin list`\n{USAGE}"
        ))
    };
    let role = match args.first().map(String::as_str) {
        Some("grant") => Some(Role::Admin),
        Some("revoke") => Some(Role::Member),
        Some("list") if args.len() == 1 => None,
        _ => return Err(usage()),
    };
    let config = configure()?;
    let db = startup::open_database(&config).await?;
    let now = app::domain::clock::Clock::now(&app::server::clock::SystemClock);
    let result = match (role, args.get(1), args.len()) {
        (Some(role), Some(who), 2) => {
            app::server::admin::set_role(&db, who, role, "server admin", now)
                .await
                .map(|changed| {
                    let verb = if role == Role::Admin {
                        "is now an admin"
                    } else {
                        "is no longer an admin"
                    };
                    let same = if role == Role::Admin {
                        "is already an admin"
                    } else {
                        "was not an admin"
                    };
                    println!("{who} {}", if changed { verb } else { same });
                    if role == Role::Admin && config.mail.is_some() {
                        println!(
                    "(with email configured, admin rights apply once the address is verified)"
                );
                    }
                })
        }
        (None, _, _) => app::server::admin::list(&db).await.map(|admins| {
            if admins.is_empty() {
                println!("no admins");
            }
            for admin in admins {
                let verified = if admin.verified {
                    "verified"
                } else {
                    "not verified"
                };
                println!("{}\t{}\t{verified}", admin.email, admin.username);
            }
        }),
        _ => Err(app::error::AppError::invalid(
            "account",
            app::error::InvalidRule::Required,
        )),
    };
    db.close().await;
    result.map_err(|err| match err {
        app::error::AppError::Invalid {
            rule: app::error::InvalidRule::NoSuchAccount,
            ..
        } => StartError::Usage(format!(
            "no account with the email or username \"{}\"",
            args[1]
        )),
        app::error::AppError::Invalid { .. } => usage(),
        other => StartError::Usage(other.to_string()),
    })
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
