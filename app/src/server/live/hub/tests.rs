//! The hub's unit tests: phases, companions, the board, forgetting, signalling.

use super::roster::RosterSeat;
use super::*;
use crate::api::audio_types::Signal;
use crate::api::live_types::{BoardItem, Problem, RECONNECT_GRACE_MS};
use crate::api::table_types::Occupant;
use crate::domain::activity::Activity;
use crate::domain::board::Prompt;
use crate::domain::characters::Character;
use crate::domain::companions::{self, Companion};
use crate::domain::stored::TableState;
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
        state: TableState::Running,
        mode: crate::domain::matching::TableMode::Audio,
        seats: vec![
            seat(
                1,
                Occupant::Human {
                    username: "ann".into(),
                    display_name: "Ann".into(),
                    badge: Default::default(),
                    character: Character::Sage,
                },
            ),
            seat(2, Occupant::Companion(Companion::FocusFox)),
        ],
        goals: Vec::new(),
    };
    let mut table = TableLive::new(roster, 1_000, START);
    table.participants.entry(10).or_default().connections = 1;
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
                BoardItem::Companion {
                    seat,
                    companion,
                    phase,
                    line,
                } => Some((seat, companion, phase, line)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(
        posts,
        vec![(2, Companion::FocusFox, Phase::Setup, post.line)]
    );
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
    live.tables().get_mut(&7).unwrap().participants.clear();
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
        sign_in: 1,
        connection: 1,
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

#[test]
fn a_seat_that_changed_hands_belongs_to_its_new_participant() {
    use crate::api::audio_types::SignalBody;
    let (live, mut receiver) = live_table();
    let human = |name: &str| Occupant::Human {
        username: name.into(),
        display_name: name.into(),
        badge: Default::default(),
        character: Character::Mei,
    };
    let admission = |seat: i64, participant_id: i64, user_id: i64| Admission {
        table_id: 7,
        seat,
        participant_id,
        user_id,
        sign_in: user_id,
        connection: u64::try_from(participant_id).unwrap(),
        roster: live.tables()[&7].roster.clone(),
    };
    // Ann (participant 10) gave up seat 1; Cal (participant 11) holds it now, and Bob
    // sits at seat 3. Ann's old socket is still counted.
    let old_ann = admission(1, 10, 100);
    {
        let mut tables = live.tables();
        let table = tables.get_mut(&7).unwrap();
        let mut cal = seat(1, human("cal"));
        cal.participant_id = 11;
        cal.user_id = Some(101);
        table.roster.seats[0] = cal;
        table.roster.seats.push(seat(3, human("bob")));
        table.participants.entry(11).or_default().connections = 1;
        table.participants.entry(30).or_default().connections = 1;
    }
    let bob = admission(3, 30, 300);
    drain(&mut receiver);
    let hello = Signal {
        from_pc: 1,
        to_pc: None,
        body: SignalBody::Hello,
    };
    // The old socket can neither signal nor change the seat's activity.
    assert_eq!(
        live.signal(&old_ann, 3, hello.clone()),
        Err(Problem::NoSuchPeer)
    );
    live.activity(&old_ann, Activity::Away);
    assert!(drain(&mut receiver).is_empty());
    assert_eq!(
        live.tables()[&7].participants[&10].activity,
        Activity::default()
    );
    // What is meant for seat 1 reaches Cal's connections, not Ann's.
    live.signal(&bob, 1, hello).unwrap();
    let delivery = receiver.try_recv().unwrap();
    assert_eq!(delivery.to, Audience::Participant(11));
    let listener = |participant_id, user_id| crate::server::live::fanout::Listener {
        participant_id,
        user_id,
        sign_in: user_id,
        connection: 1,
    };
    assert!(delivery.to.includes(&listener(11, 101)));
    assert!(!delivery.to.includes(&listener(10, 100)));
}

#[test]
fn signing_out_closes_only_that_students_connections() {
    let (live, mut receiver) = live_table();
    live.tables()
        .get_mut(&7)
        .unwrap()
        .participants
        .get_mut(&10)
        .unwrap()
        .user_id = 100;
    live.signed_out(999, None);
    assert!(
        receiver.try_recv().is_err(),
        "nobody else's table is touched"
    );
    live.signed_out(100, Some(5));
    let delivery = receiver.try_recv().unwrap();
    assert!(delivery.close);
    assert_eq!(
        delivery.to,
        Audience::User {
            user_id: 100,
            keep: Some(5)
        }
    );
    assert_eq!(
        serde_json::from_str::<ServerMessage>(delivery.text.as_str()).unwrap(),
        ServerMessage::Closing {
            reason: CloseReason::SignedOut
        }
    );
}

#[test]
fn a_goal_is_pinned_for_every_seat_at_once_and_only_once() {
    let (live, mut receiver) = live_table();
    live.reflected(7, 1, Prompt::Goal, "Chapter 3 notes", START);
    live.reflected(7, 1, Prompt::Goal, "Chapter 3 and 4 notes", START);
    let rosters: Vec<Vec<crate::api::live_types::SeatState>> = drain(&mut receiver)
        .into_iter()
        .filter_map(|m| match m {
            ServerMessage::Roster { seats } => Some(seats),
            _ => None,
        })
        .collect();
    assert_eq!(
        rosters.len(),
        2,
        "one roster per goal, sent to the whole table"
    );
    let pinned: Vec<_> = rosters[1].iter().filter_map(|s| s.goal.clone()).collect();
    assert_eq!(pinned, vec!["Chapter 3 and 4 notes".to_owned()]);
    // A check-in is not a goal: no roster.
    live.reflected(7, 1, Prompt::CheckIn, "Done with 3", START);
    assert!(!drain(&mut receiver)
        .iter()
        .any(|m| matches!(m, ServerMessage::Roster { .. })));
}

#[test]
fn a_drop_past_the_grace_period_is_told_once_and_keeps_the_seat() {
    let (live, mut receiver) = live_table();
    let dropped = START.plus_millis(5 * MINUTE_MS);
    {
        let mut tables = live.tables();
        let ann = tables
            .get_mut(&7)
            .unwrap()
            .participants
            .get_mut(&10)
            .unwrap();
        ann.connections = 0;
        ann.dropped_at = Some(dropped);
    }
    let dropped_told = |messages: &[ServerMessage]| {
        messages
            .iter()
            .filter(|m| {
                matches!(
                    m,
                    ServerMessage::Link {
                        seat: 1,
                        link: Link::Dropped
                    }
                )
            })
            .count()
    };
    // A second before the grace period ends: still reconnecting.
    live.tick(dropped.plus_millis(RECONNECT_GRACE_MS - SECOND_MS));
    assert_eq!(dropped_told(&drain(&mut receiver)), 0);
    let link = |live: &Live, at| {
        let tables = live.tables();
        let table = &tables[&7];
        table.link_of(&table.roster.seats[0], at)
    };
    assert!(matches!(
        link(&live, dropped.plus_millis(RECONNECT_GRACE_MS - SECOND_MS)),
        Link::Reconnecting { .. }
    ));
    // At its end the table is told, once; the seat is still Ann's.
    live.tick(dropped.plus_millis(RECONNECT_GRACE_MS));
    assert_eq!(dropped_told(&drain(&mut receiver)), 1);
    live.tick(dropped.plus_millis(RECONNECT_GRACE_MS + SECOND_MS));
    assert_eq!(dropped_told(&drain(&mut receiver)), 0);
    assert_eq!(
        link(&live, dropped.plus_millis(RECONNECT_GRACE_MS)),
        Link::Dropped
    );
    assert!(live.tables()[&7].holds(10));
}
