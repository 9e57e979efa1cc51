//! Focus Squad's shared crate: pages and components (`ui`), server functions (`api`), pure
//! product rules (`domain`), the error type (`error`), which language a request gets
//! (`locale`, read by both the pages and the server) and, behind the `ssr` feature, the
//! server-side services (`server`).

// View types nest as deep as the markup: the dashboard's booked-tables card (a card
// holding a list of tables, each with its seats and forms) outgrows the default of 128
// when the release build lays out its hydration future.
#![recursion_limit = "256"]

pub mod api;
pub mod domain;
pub mod error;
pub mod locale;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

#[expect(
    deprecated,
    reason = "the build-script route pulls ICU data sources, an HTTP client and a wasm \
              interpreter into every build on 2 cores; the macro reads the same JSON files"
)]
mod i18n_generated {
    leptos_i18n::load_locales!();
}
pub use i18n_generated::i18n;

pub use ui::{shell, App};
