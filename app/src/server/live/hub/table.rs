//! One live table's in-memory state: its roster, each seat's connections and activity,
//! the recent board, and what was announced and posted.

use super::roster::{Roster, RosterSeat};
use crate::api::live_types::{BoardEntry, Link, SeatState, RECONNECT_GRACE_MS};
use crate::domain::activity::Activity;
use crate::domain::schedule::Phase;
use crate::domain::time::Timestamp;
use std::collections::{HashMap, HashSet, VecDeque};

/// A participant's live state on this instance.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ParticipantLive {
    /// The student whose connections these are (0 for a companion).
    pub(super) user_id: i64,
    pub(super) connections: usize,
    pub(super) dropped_at: Option<Timestamp>,
    /// The table was told this drop outlasted the grace period (so their return is news).
    pub(super) told_dropped: bool,
    pub(super) activity: Activity,
}

/// One live table on this instance.
#[derive(Debug)]
pub(super) struct TableLive {
    pub(super) roster: Roster,
    /// By participant row, never by seat number: a seat can change hands.
    pub(super) participants: HashMap<i64, ParticipantLive>,
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
            participants: HashMap::new(),
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
        self.participants.values().map(|p| p.connections).sum()
    }

    /// The seat `participant_id` holds and has not left, if any.
    pub(super) fn seat_held_by(&self, participant_id: i64) -> Option<&RosterSeat> {
        self.roster
            .seats
            .iter()
            .find(|s| s.participant_id == participant_id && !s.left)
    }

    /// True while `participant_id` holds a seat here and has not left.
    pub(super) fn holds(&self, participant_id: i64) -> bool {
        self.seat_held_by(participant_id).is_some()
    }

    /// The live state of whoever holds `seat` now.
    pub(super) fn live_of(&self, seat: &RosterSeat) -> ParticipantLive {
        self.participants
            .get(&seat.participant_id)
            .copied()
            .unwrap_or_default()
    }

    pub(super) fn link_of(&self, seat: &RosterSeat, now: Timestamp) -> Link {
        let live = self.live_of(seat);
        if seat.left {
            Link::Left
        } else if seat.is_companion() || live.connections > 0 {
            Link::Connected
        } else {
            match live.dropped_at {
                Some(at) if running(self.roster.starts_at, now) => {
                    let until = grace_end(self.roster.starts_at, at);
                    if now < until {
                        Link::Reconnecting { until }
                    } else {
                        Link::Dropped
                    }
                }
                _ => Link::Absent,
            }
        }
    }

    /// Seats whose holder dropped past the grace period by `now` and whose table has not
    /// been told yet; marks them told.
    pub(super) fn newly_dropped(&mut self, now: Timestamp) -> Vec<i64> {
        let starts_at = self.roster.starts_at;
        if !running(starts_at, now) {
            return Vec::new();
        }
        let mut seats = Vec::new();
        for seat in self.roster.seats.iter().filter(|s| !s.left) {
            let Some(live) = self.participants.get_mut(&seat.participant_id) else {
                continue;
            };
            let overdue = live
                .dropped_at
                .is_some_and(|at| live.connections == 0 && now >= grace_end(starts_at, at));
            if overdue && !live.told_dropped {
                live.told_dropped = true;
                seats.push(seat.seat);
            }
        }
        seats
    }

    pub(super) fn seat_states(&self, now: Timestamp) -> Vec<SeatState> {
        self.roster
            .seats
            .iter()
            .map(|seat| SeatState {
                seat: seat.seat,
                occupant: seat.occupant.clone(),
                link: self.link_of(seat, now),
                activity: self.live_of(seat).activity,
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

/// When the grace period of a drop at `at` ends (a drop before the start counts from it).
fn grace_end(starts_at: Timestamp, at: Timestamp) -> Timestamp {
    at.max(starts_at).plus_millis(RECONNECT_GRACE_MS)
}

/// True while the session is under way (Setup to Social).
pub(super) fn running(starts_at: Timestamp, now: Timestamp) -> bool {
    !matches!(Phase::at(starts_at, now), Phase::Upcoming | Phase::Ended)
}
