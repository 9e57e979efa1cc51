//! Fan-out: how a message for a table reaches every connection at that table.
//!
//! [`Fanout`] is the seam for running several instances: [`LocalFanout`] delivers within
//! this process (one `tokio::sync::broadcast` channel per table, each message serialised
//! once and shared by every receiver). A shared-bus implementation (PostgreSQL
//! `LISTEN/NOTIFY`, Redis pub/sub, NATS) would publish to the bus and feed the same local
//! channels from its subscription; callers do not change. What such a bus must also
//! carry, since today each instance learns it locally: board entries with their sequence
//! numbers (so every instance keeps the same board for resuming browsers), and roster
//! changes from matches served by another instance.

use axum::extract::ws::Utf8Bytes;
use std::collections::HashMap;
use std::sync::Mutex;
use tokio::sync::broadcast;

/// Messages buffered per table for a slow connection before it lags (and reconnects).
pub const CHANNEL_CAPACITY: usize = 256;

/// Which of a table's connections a message is for. Rights belong to rows, never to
/// seat numbers: a seat changes hands, a participant row and a sign-in session do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Everyone at the table.
    Everyone,
    /// The connections of one participant row.
    Participant(i64),
    /// The connections `user_id` opened, except those opened with sign-in session
    /// `keep` (all of them when `None`).
    User {
        /// The student.
        user_id: i64,
        /// A sign-in session whose connections stay.
        keep: Option<i64>,
    },
    /// The connections opened with one sign-in session.
    SignIn(i64),
    /// A participant's connections but one (the newest tab takes over).
    OthersOf {
        /// The participant row.
        participant_id: i64,
        /// The connection that stays.
        keep: u64,
    },
}

/// One connection as deliveries see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Listener {
    /// Its participant row.
    pub participant_id: i64,
    /// The student.
    pub user_id: i64,
    /// The sign-in session that opened it.
    pub sign_in: i64,
    /// This connection (unique on this instance).
    pub connection: u64,
}

impl Audience {
    /// True when `listener` is in this audience.
    pub fn includes(self, listener: &Listener) -> bool {
        match self {
            Self::Everyone => true,
            Self::Participant(id) => id == listener.participant_id,
            Self::User { user_id, keep } => {
                user_id == listener.user_id && keep != Some(listener.sign_in)
            }
            Self::SignIn(id) => id == listener.sign_in,
            Self::OthersOf {
                participant_id,
                keep,
            } => participant_id == listener.participant_id && keep != listener.connection,
        }
    }
}

/// One message for a table's connections, already serialised.
#[derive(Clone, Debug)]
pub struct Delivery {
    /// Whose connections receive it.
    pub to: Audience,
    /// The JSON text frame.
    pub text: Utf8Bytes,
    /// Close the receiving connections after sending it.
    pub close: bool,
}

/// Delivers messages to every connection of a table, wherever it is served.
pub trait Fanout: Send + Sync + std::fmt::Debug {
    /// Sends `delivery` to the table's current subscribers (none is fine).
    fn publish(&self, table_id: i64, delivery: Delivery);
    /// A receiver for what is published to the table from now on.
    fn subscribe(&self, table_id: i64) -> broadcast::Receiver<Delivery>;
    /// Drops the table's channel once nobody listens (memory hygiene).
    fn release(&self, table_id: i64);
}

/// In-process fan-out.
#[derive(Debug, Default)]
pub struct LocalFanout {
    channels: Mutex<HashMap<i64, broadcast::Sender<Delivery>>>,
}

impl LocalFanout {
    fn channels(&self) -> std::sync::MutexGuard<'_, HashMap<i64, broadcast::Sender<Delivery>>> {
        // A panic while holding this lock cannot leave the map half-updated.
        self.channels
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Fanout for LocalFanout {
    fn publish(&self, table_id: i64, delivery: Delivery) {
        if let Some(sender) = self.channels().get(&table_id) {
            // An error only means nobody is subscribed right now.
            let _ = sender.send(delivery);
        }
    }

    fn subscribe(&self, table_id: i64) -> broadcast::Receiver<Delivery> {
        self.channels()
            .entry(table_id)
            .or_insert_with(|| broadcast::channel(CHANNEL_CAPACITY).0)
            .subscribe()
    }

    fn release(&self, table_id: i64) {
        let mut channels = self.channels();
        if channels
            .get(&table_id)
            .is_some_and(|s| s.receiver_count() == 0)
        {
            channels.remove(&table_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery(text: &str) -> Delivery {
        Delivery {
            to: Audience::Everyone,
            text: text.into(),
            close: false,
        }
    }

    #[tokio::test]
    async fn subscribers_of_a_table_get_its_messages_only() {
        let fanout = LocalFanout::default();
        let mut one = fanout.subscribe(1);
        let mut also_one = fanout.subscribe(1);
        let mut two = fanout.subscribe(2);
        fanout.publish(1, delivery("a"));
        assert_eq!(one.recv().await.unwrap().text.as_str(), "a");
        assert_eq!(also_one.recv().await.unwrap().text.as_str(), "a");
        assert!(two.try_recv().is_err());
    }

    fn listener(participant_id: i64, user_id: i64, sign_in: i64, connection: u64) -> Listener {
        Listener {
            participant_id,
            user_id,
            sign_in,
            connection,
        }
    }

    #[test]
    fn audiences_are_rows_sign_ins_and_connections_not_seats() {
        let mine = listener(7, 1, 10, 100);
        assert!(Audience::Everyone.includes(&mine));
        assert!(Audience::Participant(7).includes(&mine));
        assert!(!Audience::Participant(8).includes(&mine));
        let others = Audience::User {
            user_id: 1,
            keep: Some(10),
        };
        assert!(!others.includes(&mine));
        assert!(others.includes(&listener(7, 1, 11, 101)));
        assert!(!others.includes(&listener(7, 2, 11, 102)));
        let all = Audience::User {
            user_id: 1,
            keep: None,
        };
        assert!(all.includes(&mine));
        assert!(Audience::SignIn(10).includes(&mine));
        assert!(!Audience::SignIn(10).includes(&listener(7, 1, 11, 101)));
        let older_tabs = Audience::OthersOf {
            participant_id: 7,
            keep: 101,
        };
        assert!(older_tabs.includes(&mine));
        assert!(!older_tabs.includes(&listener(7, 1, 10, 101)));
        assert!(!older_tabs.includes(&listener(8, 2, 12, 100)));
    }

    #[tokio::test]
    async fn channels_are_released_only_when_unused() {
        let fanout = LocalFanout::default();
        let receiver = fanout.subscribe(1);
        fanout.release(1);
        assert_eq!(fanout.channels().len(), 1);
        drop(receiver);
        fanout.release(1);
        assert!(fanout.channels().is_empty());
        // Publishing to a table nobody watches is a no-op.
        fanout.publish(1, delivery("lost"));
    }
}
