//! The Focus Squad server: start-up (configuration, database, secrets), the axum router
//! (pages and server functions through leptos_axum; health, metrics, language and
//! test-only routes) and graceful shutdown. `main.rs` only parses the command line.
// Whole pages are deeply nested view types; their layouts need more than the default 128.
#![recursion_limit = "512"]

mod bearer;
pub mod bench;
mod google;
mod health;
mod lang;
mod livekit_webhook;
mod locale;
pub mod metrics;
mod origin;
mod request_id;
mod security_headers;
mod session;
pub mod startup;
pub mod static_files;
mod table_socket;
pub mod telemetry;
mod test_clock;
mod write_limits;

use app::server::AppState;
use app::{shell, App};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::{Arc, OnceLock};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// The app's pages, worked out once per process. Working them out renders the app with
/// data loading switched off for the whole process (Leptos's `SuppressResourceLoad` is one
/// global flag), so a page that another server in the same process started rendering
/// meanwhile would wait for its data forever: the integration tests start many servers
/// in one process, and a few of their page requests hung that way.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole HTTP application for `state`.
pub fn router(state: AppState) -> Router {
    let metrics = Arc::new(metrics::Metrics::new());
    let routes = routes();
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    let pkg_dir = static_files::pkg_dir(&state.leptos_options);
    let art_dir = static_files::art_dir(&state.leptos_options);
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(metrics::render))
        .route(
            "/lang/{locale}",
            get(lang::switch_language).post(lang::save_language),
        )
        // The ban page and the diary live in the signed-in app; the short addresses the
        // product uses lead there.
        .route(
            "/banned",
            get(|| async { axum::response::Redirect::to("/app/banned") }),
        )
        .route(
            "/diary",
            get(|| async { axum::response::Redirect::to("/app/diary") }),
        )
        .route("/auth/google", get(google::start).post(google::link))
        .route("/auth/google/callback", get(google::callback))
        .route("/api/livekit/webhook", post(livekit_webhook::receive))
        .route(
            "/api/test/clock",
            get(test_clock::read).post(test_clock::shift),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(shell_options.clone()),
        )
        .nest_service("/pkg", static_files::cached_files(pkg_dir))
        .nest_service("/art", static_files::cached_files(art_dir))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Pages, server-function answers and the rest, compressed as they are sent (the
        // build's own files come precompressed and pass through as they are). The table's
        // socket is added after it: an upgrade has no body to compress.
        .layer(CompressionLayer::new())
        .route("/ws/table/{table}", get(table_socket::upgrade))
        // Inside the session layer: it reads the viewer that layer found.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            write_limits::limit,
        ))
        .layer(axum::Extension(Arc::new(
            write_limits::WriteLimits::default(),
        )))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::attach_viewer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            origin::same_origin_only,
        ))
        .layer(axum::middleware::from_fn(locale::negotiate_language))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security_headers::add,
        ))
        .layer(axum::middleware::from_fn(metrics::track))
        .layer(axum::Extension(metrics))
        .layer(PropagateRequestIdLayer::new(request_id::HEADER))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_id::span_for)
                .on_response(DefaultOnResponse::new().level(Level::DEBUG)),
        )
        .layer(SetRequestIdLayer::new(
            request_id::HEADER,
            request_id::RandomId,
        ))
        .with_state(state)
}
