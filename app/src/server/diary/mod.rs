//! The diary (SPEC, Board, reflections, diary): journal notes, the timeline with search
//! and filters, the calendar and the figures. Every query here is scoped to the author:
//! the viewer's id is part of each `WHERE`, so nobody reads another student's words.

pub mod calendar;
pub mod notes;
pub mod search;
pub mod stats;
pub mod timeline;
mod zone;

pub use zone::Zone;

/// The seats that make a diary entry: a person's seat (kept or left early) at a table
/// that has ended.
pub(crate) const ENTRY: &str = "p.kind = 'human' AND p.status IN ('seated', 'left') \
    AND s.state = 'ended'";
