//! The stored enums ([`crate::domain::stored`]) in SQL: quoted literals and lists built at
//! compile time from each value's one conversion to text, for `formatcp!` queries (literals
//! rather than bound values where a partial index must match the query's predicate), and
//! their sqlx encoding and decoding so rows read straight into the enums.

use crate::domain::characters::Character;
use crate::domain::credits::LedgerKind;
use crate::domain::scene::Room;
use crate::domain::stored::{ParticipantKind, SeatStatus, TableState, TableView};
use const_format::concatcp;
use sqlx::any::{AnyTypeInfo, AnyValueRef};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Any, Database, Decode, Encode, Type};

/// `value` as a quoted SQL literal.
macro_rules! quoted {
    ($value:expr) => {{
        const TEXT: &str = $value.as_str();
        concatcp!("'", TEXT, "'")
    }};
}

/// A person's seat.
pub const HUMAN: &str = quoted!(ParticipantKind::Human);
/// A companion's seat.
pub const AI: &str = quoted!(ParticipantKind::Ai);

/// At the table, or booked.
pub const SEATED: &str = quoted!(SeatStatus::Seated);
/// Left during the table.
pub const LEFT: &str = quoted!(SeatStatus::Left);
/// Cancelled before the start.
pub const CANCELLED: &str = quoted!(SeatStatus::Cancelled);
/// A companion replaced by a late person.
pub const REPLACED: &str = quoted!(SeatStatus::Replaced);
/// The statuses that hold a seat ([`SeatStatus::holds_seat`]), for `status IN …`; the
/// partial unique indexes on `participants` use the same list.
pub const HOLDS_SEAT: &str = concatcp!("(", SEATED, ", ", LEFT, ")");

/// Taking seats.
pub const OPEN: &str = quoted!(TableState::Open);
/// Under way.
pub const RUNNING: &str = quoted!(TableState::Running);
/// Over, attendance processed.
pub const ENDED: &str = quoted!(TableState::Ended);
/// The states in which quick match may seat someone ([`TableState::takes_seats`]).
pub const TAKES_SEATS: &str = concatcp!("(", OPEN, ", ", RUNNING, ")");
/// The states of a table that is over ([`TableState::is_over`]).
pub const OVER: &str = concatcp!("(", ENDED, ", ", quoted!(TableState::Empty), ")");

/// Encodes and decodes a stored enum as its text.
macro_rules! stored_as_text {
    ($($name:ty),+) => {$(
        impl Type<Any> for $name {
            fn type_info() -> AnyTypeInfo {
                <str as Type<Any>>::type_info()
            }
        }

        impl<'q> Encode<'q, Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <Any as Database>::ArgumentBuffer<'q>,
            ) -> Result<IsNull, BoxDynError> {
                <&str as Encode<'q, Any>>::encode(self.as_str(), buf)
            }
        }

        impl<'r> Decode<'r, Any> for $name {
            fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
                let text = <String as Decode<'r, Any>>::decode(value)?;
                Self::parse(&text).ok_or_else(|| {
                    format!(concat!("unknown ", stringify!($name), " {:?}"), text).into()
                })
            }
        }
    )+};
}

stored_as_text!(
    TableState,
    SeatStatus,
    ParticipantKind,
    LedgerKind,
    Room,
    TableView,
    Character
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_the_enums_own_sets() {
        let holding: Vec<_> = SeatStatus::ALL.iter().filter(|s| s.holds_seat()).collect();
        let quoted: Vec<_> = holding.iter().map(|s| format!("'{s}'")).collect();
        assert_eq!(HOLDS_SEAT, format!("({})", quoted.join(", ")));
        let taking: Vec<_> = TableState::ALL
            .iter()
            .filter(|s| s.takes_seats())
            .map(|s| format!("'{s}'"))
            .collect();
        assert_eq!(TAKES_SEATS, format!("({})", taking.join(", ")));
        let over: Vec<_> = TableState::ALL
            .iter()
            .filter(|s| s.is_over())
            .map(|s| format!("'{s}'"))
            .collect();
        assert_eq!(OVER, format!("({})", over.join(", ")));
    }

    /// The schema's partial unique indexes ("one person per seat", "one seat per person
    /// per slot") must name the same statuses the code treats as holding a seat.
    #[test]
    fn the_schema_indexes_hold_the_same_seats() {
        for dir in ["sqlite", "postgres"] {
            let path = format!(
                "{}/../migrations/{dir}/20261128000004_core_loop.sql",
                env!("CARGO_MANIFEST_DIR")
            );
            let schema = std::fs::read_to_string(&path).unwrap();
            let predicates = schema
                .matches(&format!("WHERE status IN {HOLDS_SEAT}"))
                .count();
            assert_eq!(predicates, 2, "{path}: both seat indexes use {HOLDS_SEAT}");
            assert!(schema.contains(&format!("AND kind = {HUMAN}")), "{path}");
        }
    }
}
