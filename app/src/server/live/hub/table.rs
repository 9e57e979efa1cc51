//! One live table's in-memory state: its roster, each seat's connections and activity,
//! the recent board, and what was announced and posted.

use super::roster::{Roster, RosterSeat};
use crate::api::live_types::{BoardEntry, Link, SeatState, RECONNECT_GRACE_MS};
use crate::domain::activity::Activity;
use crate::domain::schedule::Phase;
use crate::domain::time::Timestamp;
use std::collections::{HashMap, HashSet, VecDeque};

/// A seat's live state on this instance.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct SeatLive {
    pub(super) connections: usize,
    pub(super) dropped_at: Option<Timestamp>,
    pub(super) activity: Activity,
}

/// One live table on this instance.
#[derive(Debug)]
pub(super) struct TableLive {
    pub(super) roster: Roster,
    pub(super) seats: HashMap<i64, SeatLive>,
    pub(super) board: VecDeque<BoardEntry>,
    /// Entries with a sequence number at or below this are gone (evicted or from before
    /// this state existed).
    pub(super) forgotten_through: u64,
    pub(super) announced: Phase,
    pub(super) posted: HashSet<(i64, Phase)>,
    pub(super) last_seen: Timestamp,
}

impl TableLive {
    pub(super) fn new(roster: Roster, first_seq: u64, now: Timestamp) -> Self {
        Self {
            roster,
            seats: HashMap::new(),
            board: VecDeque::new(),
            forgotten_through: first_seq.saturating_sub(1),
            // A table that comes alive mid-session gets its phase (and prompt) announced
            // on the next tick, so the first people back see the current prompt.
            announced: Phase::Upcoming,
            posted: HashSet::new(),
            last_seen: now,
        }
    }

    pub(super) fn connections(&self) -> usize {
        self.seats.values().map(|s| s.connections).sum()
    }

    pub(super) fn link_of(&self, seat: &RosterSeat, now: Timestamp) -> Link {
        let live = self.seats.get(&seat.seat).copied().unwrap_or_default();
        if seat.left {
            Link::Left
        } else if seat.is_companion() || live.connections > 0 {
            Link::Connected
        } else {
            match live.dropped_at {
                Some(at) if running(self.roster.starts_at, now) => Link::Reconnecting {
                    until: at
                        .max(self.roster.starts_at)
                        .plus_millis(RECONNECT_GRACE_MS),
                },
                _ => Link::Absent,
            }
        }
    }

    pub(super) fn seat_states(&self, now: Timestamp) -> Vec<SeatState> {
        self.roster
            .seats
            .iter()
            .map(|seat| SeatState {
                seat: seat.seat,
                occupant: seat.occupant.clone(),
                link: self.link_of(seat, now),
                activity: self
                    .seats
                    .get(&seat.seat)
                    .map(|s| s.activity)
                    .unwrap_or_default(),
                goal: self
                    .roster
                    .goals
                    .iter()
                    .find(|(s, _)| *s == seat.seat)
                    .map(|(_, goal)| goal.clone()),
            })
            .collect()
    }
}

/// True while the session is under way (Setup to Social).
pub(super) fn running(starts_at: Timestamp, now: Timestamp) -> bool {
    !matches!(Phase::at(starts_at, now), Phase::Upcoming | Phase::Ended)
}
