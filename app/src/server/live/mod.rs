//! The live table channel: one WebSocket per participant (`/ws/table/{table}`), carrying
//! the roster, links and activity, the board, phase changes, clock pings and WebRTC
//! signalling (protocol in `api::live_types`).
//!
//! [`hub::Live`] holds this instance's live tables; [`fanout::Fanout`] is how a message
//! reaches a table's connections (in-process now, a shared bus later);
//! [`connection::serve`] drives one socket.

pub mod connection;
pub mod fanout;
pub mod hub;
pub mod roster;

pub use hub::{Admission, Attached, Live};
