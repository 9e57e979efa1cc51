//! The tick: phase announcements with their prompts, drops that outlasted the grace
//! period, companions' activity and posts, closing ended sessions and forgetting idle
//! tables.

use super::{Live, TableLive, IDLE_DROP_MS};
use crate::api::live_types::{BoardItem, CloseReason, Link, ServerMessage};
use crate::api::table_types::Occupant;
use crate::domain::board::Prompt;
use crate::domain::companions::{self, Companion};
use crate::domain::schedule::Phase;
use crate::domain::time::{Timestamp, MINUTE_MS};
use crate::server::live::fanout::Audience;

impl Live {
    /// Moves every live table along to `now`: announces phase changes with their prompt
    /// and seats whose holder dropped past the grace period, lets companions post and change activity, closes ended sessions and forgets idle
    /// tables. Returns the tables that have just started (their seats changed: companions
    /// sat down), for [`Live::refresh_roster`].
    pub fn tick(&self, now: Timestamp) -> Vec<i64> {
        let mut tables = self.tables();
        let mut forget = Vec::new();
        let mut started = Vec::new();
        for (&table_id, table) in tables.iter_mut() {
            let starts_at = table.roster.starts_at;
            let phase = Phase::at(starts_at, now);
            if phase != table.announced {
                if table.announced == Phase::Upcoming {
                    started.push(table_id);
                }
                table.announced = phase;
                self.publish(table_id, &ServerMessage::Phase { phase });
                if let Some(prompt) = Prompt::posted_at(phase) {
                    self.post_to(table_id, table, BoardItem::Prompt { prompt }, now);
                }
                if phase == Phase::Ended {
                    self.close(table_id, Audience::Everyone, CloseReason::Ended);
                }
            }
            for seat in table.newly_dropped(now) {
                let link = Link::Dropped;
                self.publish(table_id, &ServerMessage::Link { seat, link });
            }
            self.move_companions(table_id, table, phase, now);
            let idle = table.connections() == 0
                && (phase == Phase::Ended || now.millis_since(table.last_seen) >= IDLE_DROP_MS);
            if idle {
                forget.push(table_id);
            }
        }
        for table_id in forget {
            tables.remove(&table_id);
            self.fanout.release(table_id);
        }
        started
    }

    fn move_companions(&self, table_id: i64, table: &mut TableLive, phase: Phase, now: Timestamp) {
        let starts_at = table.roster.starts_at;
        let Some(span) = phase.span() else {
            return;
        };
        let phase_start = starts_at.plus_millis(span.start_minute * MINUTE_MS);
        let seats: Vec<(i64, i64, Companion)> = table
            .roster
            .seats
            .iter()
            .filter(|s| !s.left)
            .filter_map(|s| match s.occupant {
                Occupant::Companion(companion) => Some((s.seat, s.participant_id, companion)),
                Occupant::Human { .. } => None,
            })
            .collect();
        for (seat, participant_id, companion) in seats {
            let state = companions::activity(table_id, seat, starts_at, now);
            let live = table.participants.entry(participant_id).or_default();
            if std::mem::replace(&mut live.activity, state) != state {
                self.publish(table_id, &ServerMessage::Activity { seat, state });
            }
            if let Some(post) = companions::encouragement(table_id, seat, phase) {
                let due = now.millis_since(phase_start) >= post.delay_ms;
                if due && table.posted.insert((seat, phase)) {
                    let item = BoardItem::Companion {
                        seat,
                        companion,
                        phase,
                        line: post.line,
                    };
                    self.post_to(table_id, table, item, now);
                }
            }
        }
    }
}
