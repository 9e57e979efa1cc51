//! Start-up in order: configuration → logging → Leptos options → listening socket →
//! database (connect, migrate) → clock → secrets → serve. Every failure is one line that
//! says what to fix (see [`StartError`]).

use app::domain::clock::Clock;
use app::server::audio::livekit::rooms::LiveKitRooms;
use app::server::audio::rooms::{AudioRooms, PeerToPeer};
use app::server::clock::{ShiftableClock, SystemClock};
use app::server::config::{Config, ConfigError, DatabaseUrl};
use app::server::db::{Db, DbSetupError};
use app::server::oidc::GoogleSignIn;
use app::server::secrets::Secrets;
use app::server::AppState;
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// How long start-up waits for the database before giving up.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A setting is wrong.
    #[error("configuration error: {0}")]
    Config(#[from] ConfigError),
    /// Logging could not start.
    #[error("{0}")]
    Logging(String),
    /// The Leptos options (Leptos.toml / LEPTOS_*) are wrong.
    #[error("Leptos options: {0} (check Leptos.toml and LEPTOS_* variables)")]
    Leptos(String),
    /// The directory for the SQLite file cannot be created.
    #[error("cannot create the data directory {path}: {source} (set FOCUS_DATA_DIR to a writable directory)")]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The address cannot be bound.
    #[error(
        "cannot listen on {addr}: {source} (set FOCUS_ADDR to a free address, e.g. 127.0.0.1:3001)"
    )]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The database cannot be opened or migrated.
    #[error("{0} (check FOCUS_DATABASE_URL)")]
    Database(#[from] DbSetupError),
    /// The HTTP client for Google sign-in could not be built.
    #[error("cannot prepare Google sign-in: {0}")]
    Google(String),
    /// A command was used the wrong way (or named an account that does not exist).
    #[error("{0}")]
    Usage(String),
    /// The mailer could not be built from its settings.
    #[error("cannot prepare email: {0}")]
    Mail(String),
    /// The secrets table could not be read or written.
    #[error("cannot load server secrets from the database: {0}")]
    Secrets(String),
}

/// The Leptos runtime options: `Leptos.toml` in the working directory when present, else
/// the `LEPTOS_*` variables cargo-leptos sets, else defaults.
pub fn leptos_options() -> Result<LeptosOptions, StartError> {
    let file = Path::new("Leptos.toml");
    let conf = leptos::config::get_configuration(file.exists().then_some("Leptos.toml"))
        .map_err(|e| StartError::Leptos(e.to_string()))?;
    Ok(conf.leptos_options)
}

/// Binds the listening socket.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, StartError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Bind { addr, source })
}

/// Opens and migrates the database and assembles the application state.
pub async fn build_state(
    config: Config,
    leptos_options: LeptosOptions,
) -> Result<AppState, StartError> {
    let db = open_database(&config).await?;
    let (clock, test_clock): (Arc<dyn Clock>, _) = if config.test_mode {
        tracing::warn!("TEST MODE: the clock can be moved through /api/test/clock; never use this in production");
        let clock = Arc::new(ShiftableClock::default());
        (clock.clone(), Some(clock))
    } else {
        (Arc::new(SystemClock), None)
    };
    let secrets = Secrets::load_or_create(&db, config.session_secret.clone(), clock.now())
        .await
        .map_err(|e| StartError::Secrets(e.to_string()))?;
    let google = match config.google.clone() {
        Some(google) => {
            let client = GoogleSignIn::new(google).map_err(StartError::Google)?;
            Some(Arc::new(client))
        }
        None => None,
    };
    // Board sequence numbers start at the clock in microseconds, so they keep growing
    // across restarts.
    let first_seq = u64::try_from(clock.now().unix_millis()).unwrap_or(0) * 1000;
    let live = Arc::new(app::server::live::Live::new(
        Arc::new(app::server::live::fanout::LocalFanout::default()),
        first_seq,
    ));
    // Rooms on the LiveKit server when one is configured; peer to peer needs none.
    let audio_rooms: Arc<dyn AudioRooms> = match &config.audio.livekit {
        Some(livekit) => Arc::new(LiveKitRooms::new(livekit)),
        None => Arc::new(PeerToPeer),
    };
    let mailer = app::server::mail::Mailer::new(config.mail.as_ref(), config.public_url.as_deref())
        .map_err(StartError::Mail)?;
    Ok(AppState {
        mailer: Arc::new(mailer),
        google,
        config: Arc::new(config),
        db,
        clock,
        test_clock,
        secrets: Arc::new(secrets),
        audio_rooms,
        live,
        passwords: Arc::new(app::server::auth::password::Passwords::per_core()),
        leptos_options,
    })
}

/// Connects (creating the SQLite file and its directory when needed) and migrates.
pub async fn open_database(config: &Config) -> Result<Db, StartError> {
    if let Some(dir) = sqlite_dir(&config.database) {
        std::fs::create_dir_all(&dir)
            .map_err(|source| StartError::DataDir { path: dir, source })?;
    }
    let db = Db::connect(
        &config.database,
        config.database_max_connections,
        CONNECT_TIMEOUT,
    )
    .await?;
    db.migrate().await?;
    let indexed = app::server::diary::search::backfill(&db)
        .await
        .map_err(|e| app::server::db::DbSetupError::Migrate(format!("diary search index: {e}")))?;
    if indexed > 0 {
        tracing::info!(indexed, "diary search index filled in");
    }
    tracing::info!(database = %config.database.redacted(), "database ready");
    Ok(db)
}

/// The directory an SQLite URL's file lives in (none for in-memory databases).
fn sqlite_dir(url: &DatabaseUrl) -> Option<PathBuf> {
    let DatabaseUrl::Sqlite(url) = url else {
        return None;
    };
    let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path.contains(":memory:") {
        return None;
    }
    Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
}

/// Serves until `shutdown` completes, then closes the database.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let db = state.db.clone();
    if let Some(google) = state.google.clone() {
        // Discovery and keys ahead of the first sign-in; a failure is retried on use.
        tokio::spawn(async move {
            if google.warm_up().await.is_ok() {
                tracing::info!("Google sign-in ready");
            }
        });
    }
    crate::static_files::precompress_logged(crate::static_files::pkg_dir(&state.leptos_options))
        .await;
    let app = crate::router(state);
    let result = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    db.close().await;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_directories() {
        let dir = |u: &str| sqlite_dir(&DatabaseUrl::Sqlite(u.into()));
        assert_eq!(
            dir("sqlite://data/focus.db?mode=rwc"),
            Some(PathBuf::from("data"))
        );
        assert_eq!(
            dir("sqlite:///var/lib/focus/focus.db"),
            Some(PathBuf::from("/var/lib/focus"))
        );
        assert_eq!(dir("sqlite:focus.db"), None);
        assert_eq!(dir("sqlite::memory:"), None);
    }
}
