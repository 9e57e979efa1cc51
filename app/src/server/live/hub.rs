//! The live tables served by this instance: who is connected to which seat, each table's
//! recent board, the phase last announced, and what the companions are doing.
//!
//! State lives in one map behind a `std::sync::Mutex` held only for in-memory work (never
//! across an await); database writes (presence, flags) happen outside it. Messages leave
//! through the [`Fanout`]. A table's state is created when its first connection arrives
//! and dropped by [`Live::tick`] once nobody has been connected for a while or the
//! session is over; chat is ephemeral, so losing the board then loses nothing stored.

use super::fanout::{Delivery, Fanout};
use super::roster::{self, Roster, RosterSeat};
use crate::api::audio_types::{AudioSetup, Signal};
use crate::api::live_types::{
    BoardEntry, BoardItem, CloseReason, Link, Problem, SeatState, ServerMessage, Welcome,
    PROTOCOL_VERSION, RECONNECT_GRACE_MS,
};
use crate::domain::activity::Activity;
use crate::domain::board::{self, Prompt};
use crate::domain::companions;
use crate::domain::moderation;
use crate::domain::schedule::Phase;
use crate::domain::time::{Timestamp, MINUTE_MS};
use crate::error::{AppError, Refusal};
use crate::server::audio;
use crate::server::db::Db;
use crate::server::tables::presence;
use axum::extract::ws::Utf8Bytes;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::broadcast;

/// Board entries kept per table for reconnecting browsers.
pub const BOARD_KEEP: usize = 300;
/// A table nobody has been connected to for this long is dropped from memory.
const IDLE_DROP_MS: i64 = 10 * MINUTE_MS;

/// A seat's live state on this instance.
#[derive(Clone, Copy, Debug, Default)]
struct SeatLive {
    connections: usize,
    dropped_at: Option<Timestamp>,
    activity: Activity,
}

#[derive(Debug)]
struct TableLive {
    roster: Roster,
    seats: HashMap<i64, SeatLive>,
    board: VecDeque<BoardEntry>,
    /// Entries with a sequence number at or below this are gone (evicted or from before
    /// this state existed).
    forgotten_through: u64,
    announced: Phase,
    posted: HashSet<(i64, Phase)>,
    last_seen: Timestamp,
}

impl TableLive {
    fn new(roster: Roster, first_seq: u64, now: Timestamp) -> Self {
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

    fn connections(&self) -> usize {
        self.seats.values().map(|s| s.connections).sum()
    }

    fn link_of(&self, seat: &RosterSeat, now: Timestamp) -> Link {
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

    fn seat_states(&self, now: Timestamp) -> Vec<SeatState> {
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
fn running(starts_at: Timestamp, now: Timestamp) -> bool {
    !matches!(Phase::at(starts_at, now), Phase::Upcoming | Phase::Ended)
}

/// A participant allowed onto a table's channel.
#[derive(Clone, Debug)]
pub struct Admission {
    /// The table.
    pub table_id: i64,
    /// Their seat.
    pub seat: i64,
    /// Their participant row.
    pub participant_id: i64,
    /// The student.
    pub user_id: i64,
    roster: Roster,
}

impl Admission {
    /// The table's mode.
    pub fn mode(&self) -> crate::domain::matching::TableMode {
        self.roster.mode
    }

    /// The table as read when the seat was admitted (start, seats and who holds them).
    pub fn roster(&self) -> &Roster {
        &self.roster
    }
}

/// A connection attached to a table.
#[derive(Debug)]
pub struct Attached {
    /// The first message to send.
    pub welcome: Welcome,
    /// What the table publishes from now on.
    pub receiver: broadcast::Receiver<Delivery>,
}

/// The live tables of this instance.
#[derive(Debug)]
pub struct Live {
    fanout: Arc<dyn Fanout>,
    tables: Mutex<HashMap<i64, TableLive>>,
    next_seq: AtomicU64,
}

/// `message` as a text frame.
fn frame(message: &ServerMessage) -> Utf8Bytes {
    serde_json::to_string(message)
        .expect("protocol messages always serialise")
        .into()
}

impl Live {
    /// Live tables publishing through `fanout`. Board sequence numbers start at
    /// `first_seq` (pass the clock in microseconds so numbers keep growing across
    /// restarts and a reconnecting browser never mistakes new entries for old ones).
    pub fn new(fanout: Arc<dyn Fanout>, first_seq: u64) -> Self {
        Self {
            fanout,
            tables: Mutex::new(HashMap::new()),
            next_seq: AtomicU64::new(first_seq.max(1)),
        }
    }

    fn tables(&self) -> MutexGuard<'_, HashMap<i64, TableLive>> {
        self.tables.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn publish(&self, table_id: i64, message: &ServerMessage) {
        self.fanout.publish(
            table_id,
            Delivery {
                to_seat: None,
                text: frame(message),
                close: false,
            },
        );
    }

    /// Number of tables and connections held here (for metrics and benchmarks).
    pub fn load(&self) -> (usize, usize) {
        let tables = self.tables();
        (
            tables.len(),
            tables.values().map(TableLive::connections).sum(),
        )
    }

    /// Checks that `user_id` may connect to `table_id` at `now`: they hold a seat there,
    /// have not left, and the session is not over.
    pub async fn admit(
        &self,
        db: &Db,
        user_id: i64,
        table_id: i64,
        now: Timestamp,
    ) -> Result<Admission, AppError> {
        let roster = roster::load(db, table_id, now).await?;
        let seat = roster.seat_of(user_id).ok_or(AppError::Forbidden)?;
        if seat.left {
            return Err(AppError::Refused {
                reason: Refusal::AlreadyLeft,
            });
        }
        if roster.is_closed() || Phase::at(roster.starts_at, now) == Phase::Ended {
            return Err(AppError::Refused {
                reason: Refusal::TableEnded,
            });
        }
        Ok(Admission {
            table_id,
            seat: seat.seat,
            participant_id: seat.participant_id,
            user_id,
            roster,
        })
    }

    /// Attaches an admitted connection: counts it, records the seat as connected (the
    /// first connection of a seat opens a presence interval) and returns the welcome with
    /// the board entries after `after`.
    pub async fn attach(
        &self,
        db: &Db,
        admission: &Admission,
        after: Option<u64>,
        audio: AudioSetup,
        now: Timestamp,
    ) -> Result<Attached, AppError> {
        let table_id = admission.table_id;
        // Subscribe first: nothing published from here on can be missed.
        let receiver = self.fanout.subscribe(table_id);
        let (welcome, first) = {
            let mut tables = self.tables();
            let first_seq = self.next_seq.load(Ordering::Relaxed);
            let table = tables
                .entry(table_id)
                .or_insert_with(|| TableLive::new(admission.roster.clone(), first_seq, now));
            table.roster = admission.roster.clone();
            table.last_seen = now;
            let seat = table.seats.entry(admission.seat).or_default();
            seat.connections += 1;
            seat.dropped_at = None;
            let first = seat.connections == 1;
            let complete = after.is_none_or(|a| a >= table.forgotten_through);
            let board = table
                .board
                .iter()
                .filter(|e| after.is_none_or(|a| e.seq > a))
                .cloned()
                .collect();
            let welcome = Welcome {
                version: PROTOCOL_VERSION,
                seat: admission.seat,
                starts_at: table.roster.starts_at,
                server_now: now,
                seats: table.seat_states(now),
                board,
                complete,
                audio,
            };
            (welcome, first)
        };
        if first {
            presence::connect(db, admission.participant_id, now).await?;
            self.publish(
                table_id,
                &ServerMessage::Link {
                    seat: admission.seat,
                    link: Link::Connected,
                },
            );
        }
        Ok(Attached { welcome, receiver })
    }

    /// Detaches a connection; when it was the seat's last, the presence interval closes and
    /// the table sees the seat as reconnecting (during the session) or absent.
    pub async fn detach(
        &self,
        db: &Db,
        admission: &Admission,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let link = {
            let mut tables = self.tables();
            let Some(table) = tables.get_mut(&admission.table_id) else {
                return Ok(());
            };
            table.last_seen = now;
            let Some(seat) = table.seats.get_mut(&admission.seat) else {
                return Ok(());
            };
            seat.connections = seat.connections.saturating_sub(1);
            if seat.connections > 0 {
                return Ok(());
            }
            seat.dropped_at = Some(now);
            table
                .roster
                .seats
                .iter()
                .find(|s| s.seat == admission.seat)
                .map(|s| table.link_of(s, now))
        };
        presence::disconnect(db, admission.participant_id, now).await?;
        if let Some(link) = link {
            self.publish(
                admission.table_id,
                &ServerMessage::Link {
                    seat: admission.seat,
                    link,
                },
            );
        }
        Ok(())
    }

    /// Puts `item` on the table's board (if the table is live here).
    fn post(&self, table_id: i64, item: BoardItem, now: Timestamp) {
        let mut tables = self.tables();
        if let Some(table) = tables.get_mut(&table_id) {
            self.post_to(table_id, table, item, now);
        }
    }

    fn post_to(&self, table_id: i64, table: &mut TableLive, item: BoardItem, now: Timestamp) {
        let entry = BoardEntry {
            seq: self.next_seq.fetch_add(1, Ordering::Relaxed),
            at: now,
            item,
        };
        if table.board.len() == BOARD_KEEP {
            if let Some(evicted) = table.board.pop_front() {
                table.forgotten_through = evicted.seq;
            }
        }
        table.board.push_back(entry.clone());
        self.publish(table_id, &ServerMessage::Board { entry });
    }

    /// A chat line from `admission`'s seat: checked, then shown to the table, or (when it
    /// holds a blocked term) kept from the table and flagged for the moderators.
    pub async fn chat(
        &self,
        db: &Db,
        admission: &Admission,
        text: &str,
        now: Timestamp,
    ) -> Result<(), Problem> {
        let text = board::parse_chat(text).map_err(|err| match err {
            AppError::Invalid { rule, .. } => Problem::ChatInvalid { rule },
            _ => Problem::Malformed,
        })?;
        let open = {
            let tables = self.tables();
            tables.get(&admission.table_id).is_some_and(|t| {
                Phase::at(t.roster.starts_at, now) != Phase::Ended
                    && t.roster
                        .seats
                        .iter()
                        .any(|s| s.seat == admission.seat && !s.left)
            })
        };
        if !open {
            return Err(Problem::ChatClosed);
        }
        if let Some(term) = moderation::blocked_term(&text) {
            flag(db, admission, &text, term, now).await;
            return Err(Problem::ChatBlocked);
        }
        self.post(
            admission.table_id,
            BoardItem::Chat {
                seat: admission.seat,
                text,
            },
            now,
        );
        Ok(())
    }

    /// `admission`'s seat reports a new activity state.
    pub fn activity(&self, admission: &Admission, state: Activity) {
        let changed = {
            let mut tables = self.tables();
            tables
                .get_mut(&admission.table_id)
                .and_then(|t| t.seats.get_mut(&admission.seat))
                .is_some_and(|seat| std::mem::replace(&mut seat.activity, state) != state)
        };
        if changed {
            self.publish(
                admission.table_id,
                &ServerMessage::Activity {
                    seat: admission.seat,
                    state,
                },
            );
        }
    }

    /// Relays WebRTC signalling from `admission`'s seat to the connected human in `to`;
    /// at a quiet table, descriptions that would send audio are refused.
    pub fn signal(&self, admission: &Admission, to: i64, signal: Signal) -> Result<(), Problem> {
        if !audio::signal_allowed(admission.roster.mode, &signal) {
            return Err(Problem::QuietTable);
        }
        let reachable = to != admission.seat && {
            let tables = self.tables();
            tables.get(&admission.table_id).is_some_and(|t| {
                t.roster
                    .seats
                    .iter()
                    .any(|s| s.seat == to && !s.is_companion() && !s.left)
                    && t.seats.get(&to).is_some_and(|s| s.connections > 0)
            })
        };
        if !reachable {
            return Err(Problem::NoSuchPeer);
        }
        let message = ServerMessage::Signal {
            from: admission.seat,
            signal,
        };
        self.fanout.publish(
            admission.table_id,
            Delivery {
                to_seat: Some(to),
                text: frame(&message),
                close: false,
            },
        );
        Ok(())
    }

    /// A reflection was stored: it goes on the board, and a goal is pinned to the seat.
    pub fn reflected(&self, table_id: i64, seat: i64, prompt: Prompt, text: &str, now: Timestamp) {
        let mut tables = self.tables();
        let Some(table) = tables.get_mut(&table_id) else {
            return;
        };
        if prompt == Prompt::Goal {
            table.roster.goals.retain(|(s, _)| *s != seat);
            table.roster.goals.push((seat, text.to_owned()));
        }
        let item = BoardItem::Reflection {
            seat,
            prompt,
            text: text.to_owned(),
        };
        self.post_to(table_id, table, item, now);
    }

    /// The seats of `table_id` changed in the database (a match, a cancellation, a
    /// companion replaced): reload them and tell the table.
    pub async fn refresh_roster(
        &self,
        db: &Db,
        table_id: i64,
        now: Timestamp,
    ) -> Result<(), AppError> {
        if !self.tables().contains_key(&table_id) {
            return Ok(());
        }
        let roster = roster::load(db, table_id, now).await?;
        let seats = {
            let mut tables = self.tables();
            let Some(table) = tables.get_mut(&table_id) else {
                return Ok(());
            };
            table.roster = roster;
            table.seat_states(now)
        };
        self.publish(table_id, &ServerMessage::Roster { seats });
        Ok(())
    }

    /// `seat` of `table_id` left (by choice or because its grace ran out): the table sees
    /// it, and that seat's connections are closed.
    pub fn seat_left(&self, table_id: i64, seat: i64) {
        {
            let mut tables = self.tables();
            let Some(table) = tables.get_mut(&table_id) else {
                return;
            };
            if let Some(held) = table.roster.seats.iter_mut().find(|s| s.seat == seat) {
                held.left = true;
            }
        }
        self.publish(
            table_id,
            &ServerMessage::Link {
                seat,
                link: Link::Left,
            },
        );
        self.fanout.publish(
            table_id,
            Delivery {
                to_seat: Some(seat),
                text: frame(&ServerMessage::Closing {
                    reason: CloseReason::Left,
                }),
                close: true,
            },
        );
    }

    /// Moves every live table along to `now`: announces phase changes with their prompt,
    /// lets companions post and change activity, closes ended sessions and forgets idle
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
                    let closing = ServerMessage::Closing {
                        reason: CloseReason::Ended,
                    };
                    self.fanout.publish(
                        table_id,
                        Delivery {
                            to_seat: None,
                            text: frame(&closing),
                            close: true,
                        },
                    );
                }
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
        let seats: Vec<i64> = table
            .roster
            .seats
            .iter()
            .filter(|s| s.is_companion() && !s.left)
            .map(|s| s.seat)
            .collect();
        for seat in seats {
            let state = companions::activity(table_id, seat, starts_at, now);
            let live = table.seats.entry(seat).or_default();
            if std::mem::replace(&mut live.activity, state) != state {
                self.publish(table_id, &ServerMessage::Activity { seat, state });
            }
            if let Some(post) = companions::encouragement(table_id, seat, phase) {
                let due = now.millis_since(phase_start) >= post.delay_ms;
                if due && table.posted.insert((seat, phase)) {
                    let item = BoardItem::Companion {
                        seat,
                        phase,
                        line: post.line,
                    };
                    self.post_to(table_id, table, item, now);
                }
            }
        }
    }
}

/// Keeps a blocked chat line for the moderators. A failure to store it is logged: the
/// line was refused either way.
async fn flag(db: &Db, admission: &Admission, text: &str, term: &str, now: Timestamp) {
    let stored = sqlx::query(
        "INSERT INTO chat_flags (session_id, user_id, body, term, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(admission.table_id)
    .bind(admission.user_id)
    .bind(text)
    .bind(term)
    .bind(now.unix_millis())
    .execute(db.pool())
    .await;
    match stored {
        Ok(_) => tracing::info!(table_id = admission.table_id, "chat line flagged"),
        Err(err) => tracing::error!(%err, "could not store a chat flag"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::table_types::Occupant;
    use crate::domain::companions::Companion;
    use crate::domain::time::SECOND_MS;
    use crate::server::live::fanout::LocalFanout;

    const START: Timestamp = Timestamp::from_unix_millis(1_795_876_200_000);

    fn seat(seat: i64, occupant: Occupant) -> RosterSeat {
        RosterSeat {
            seat,
            participant_id: seat * 10,
            user_id: matches!(occupant, Occupant::Human { .. }).then_some(seat * 100),
            occupant,
            left: false,
        }
    }

    /// A live table 7 with one student (seat 1) and a companion (seat 2), as if someone
    /// were connected.
    fn live_table() -> (Live, broadcast::Receiver<Delivery>) {
        let fanout = Arc::new(LocalFanout::default());
        let receiver = fanout.subscribe(7);
        let live = Live::new(fanout, 1_000);
        let roster = Roster {
            starts_at: START,
            state: "running".into(),
            mode: crate::domain::matching::TableMode::Audio,
            seats: vec![
                seat(
                    1,
                    Occupant::Human {
                        username: "ann".into(),
                        display_name: "Ann".into(),
                        badge: Default::default(),
                    },
                ),
                seat(2, Occupant::Companion(Companion::FocusFox)),
            ],
            goals: Vec::new(),
        };
        let mut table = TableLive::new(roster, 1_000, START);
        table.seats.entry(1).or_default().connections = 1;
        live.tables().insert(7, table);
        (live, receiver)
    }

    fn drain(receiver: &mut broadcast::Receiver<Delivery>) -> Vec<ServerMessage> {
        std::iter::from_fn(|| receiver.try_recv().ok())
            .map(|d| serde_json::from_str(d.text.as_str()).unwrap())
            .collect()
    }

    #[test]
    fn a_phase_change_is_announced_once_with_its_prompt() {
        let (live, mut receiver) = live_table();
        let started = live.tick(START.plus_millis(SECOND_MS));
        assert_eq!(started, vec![7]);
        let messages = drain(&mut receiver);
        assert!(messages.contains(&ServerMessage::Phase {
            phase: Phase::Setup
        }));
        assert!(messages.iter().any(|m| matches!(
            m,
            ServerMessage::Board { entry } if entry.item == BoardItem::Prompt { prompt: Prompt::Goal }
        )));
        // The next tick in the same phase announces nothing again.
        assert!(live.tick(START.plus_millis(2 * SECOND_MS)).is_empty());
        let again = drain(&mut receiver);
        assert!(!again
            .iter()
            .any(|m| matches!(m, ServerMessage::Phase { .. })));
    }

    #[test]
    fn companions_post_once_per_phase_when_their_moment_comes() {
        let (live, mut receiver) = live_table();
        live.tick(START.plus_millis(SECOND_MS));
        drain(&mut receiver);
        let post = companions::encouragement(7, 2, Phase::Setup).unwrap();
        live.tick(START.plus_millis(post.delay_ms - 1));
        let early = drain(&mut receiver);
        assert!(!early.iter().any(|m| matches!(
            m,
            ServerMessage::Board { entry } if matches!(entry.item, BoardItem::Companion { .. })
        )));
        live.tick(START.plus_millis(post.delay_ms));
        live.tick(START.plus_millis(post.delay_ms + SECOND_MS));
        let posts: Vec<_> = drain(&mut receiver)
            .into_iter()
            .filter_map(|m| match m {
                ServerMessage::Board { entry } => match entry.item {
                    BoardItem::Companion { seat, phase, line } => Some((seat, phase, line)),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        assert_eq!(posts, vec![(2, Phase::Setup, post.line)]);
    }

    #[test]
    fn the_board_keeps_the_latest_entries_and_knows_what_it_forgot() {
        let (live, _receiver) = live_table();
        for i in 0..(BOARD_KEEP + 5) {
            live.post(
                7,
                BoardItem::Chat {
                    seat: 1,
                    text: i.to_string(),
                },
                START,
            );
        }
        let tables = live.tables();
        let table = &tables[&7];
        assert_eq!(table.board.len(), BOARD_KEEP);
        assert_eq!(table.board.front().unwrap().seq, 1_005);
        assert_eq!(table.forgotten_through, 1_004);
        let seqs: Vec<u64> = table.board.iter().map(|e| e.seq).collect();
        assert!(seqs.windows(2).all(|w| w[1] == w[0] + 1));
    }

    #[test]
    fn idle_and_finished_tables_are_forgotten() {
        let (live, _receiver) = live_table();
        live.tables().get_mut(&7).unwrap().seats.clear();
        live.tick(START.plus_millis(IDLE_DROP_MS - 1));
        assert_eq!(live.load().0, 1);
        live.tick(START.plus_millis(IDLE_DROP_MS));
        assert_eq!(live.load(), (0, 0));
    }

    #[test]
    fn signals_go_only_to_connected_humans() {
        use crate::api::audio_types::{SdpKind, SignalBody};
        let (live, _receiver) = live_table();
        let mut admission = Admission {
            table_id: 7,
            seat: 1,
            participant_id: 10,
            user_id: 100,
            roster: live.tables()[&7].roster.clone(),
        };
        let hello = Signal {
            from_pc: 1,
            to_pc: None,
            body: SignalBody::Hello,
        };
        assert_eq!(
            live.signal(&admission, 2, hello.clone()),
            Err(Problem::NoSuchPeer),
            "a companion"
        );
        assert_eq!(
            live.signal(&admission, 1, hello.clone()),
            Err(Problem::NoSuchPeer),
            "oneself"
        );
        assert_eq!(
            live.signal(&admission, 3, hello),
            Err(Problem::NoSuchPeer),
            "an empty seat"
        );
        admission.roster.mode = crate::domain::matching::TableMode::Quiet;
        let offer = Signal {
            from_pc: 1,
            to_pc: None,
            body: SignalBody::Description {
                sdp_kind: SdpKind::Offer,
                sdp: "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n".into(),
            },
        };
        assert_eq!(
            live.signal(&admission, 2, offer),
            Err(Problem::QuietTable),
            "audio at a quiet table"
        );
    }
}
