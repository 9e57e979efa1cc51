//! Logging: `tracing` to standard error, human-readable or JSON (`FOCUS_LOG_FORMAT=json`),
//! filtered by `FOCUS_LOG` (same syntax as `RUST_LOG`).

use app::server::config::LogFormat;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber. Fails with a one-line message on a bad filter.
pub fn init(format: LogFormat, filter: &str) -> Result<(), String> {
    let filter = EnvFilter::try_new(filter)
        .map_err(|e| format!("FOCUS_LOG: invalid filter \"{filter}\" ({e})"))?;
    let registry = tracing_subscriber::registry().with(filter);
    let result = match format {
        LogFormat::Pretty => registry
            .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr))
            .try_init(),
        LogFormat::Json => registry
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_current_span(true)
                    .with_span_list(false)
                    .with_writer(std::io::stderr),
            )
            .try_init(),
    };
    result.map_err(|e| format!("cannot start logging: {e}"))?;
    log_panics();
    Ok(())
}

/// Panics in request tasks become one structured error event (JSON when logs are JSON)
/// instead of free text on standard error. A task that panics ends; the server goes on.
///
/// Known source: Leptos 0.8 may panic in a spawned rendering task when a client drops the
/// connection while a page that awaits data is still rendering (the reactive owner is
/// gone by the time the task resumes). Nothing is lost: the client had already left.
fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_owned());
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
            let backtrace = std::backtrace::Backtrace::force_capture();
            tracing::error!(panic = %message, %location, %backtrace, "a task panicked");
        } else {
            tracing::error!(panic = %message, %location, "a task panicked");
        }
    }));
}
