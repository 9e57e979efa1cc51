//! Values the database keeps as text. Each is an enum declared once with [`stored_text!`],
//! which gives it its only conversion to text ([`as_str`](SeatStatus::as_str), also its
//! serde form) and back ([`parse`](SeatStatus::parse)); the server builds its SQL
//! fragments and its row decoding from these, so a state is spelled in one place.

/// Declares an enum stored as text: `Variant = "text"` for each value.
macro_rules! stored_text {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$variant_meta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stored text.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }

            /// The value stored as `text`, if `text` names one.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use stored_text;

stored_text! {
    /// Where a table is in its life.
    pub enum TableState {
        /// Taking seats; the clock has not reached its start.
        Open = "open",
        /// Started: companions seated, the 55 minutes under way.
        Running = "running",
        /// Over, attendance processed.
        Ended = "ended",
        /// Nobody came: no person held a seat at the start.
        Empty = "empty",
    }
}

impl TableState {
    /// Whether quick match may still seat someone here (before or during the table).
    pub const fn takes_seats(self) -> bool {
        matches!(self, Self::Open | Self::Running)
    }

    /// Whether the table is over, whether or not anyone came.
    pub const fn is_over(self) -> bool {
        matches!(self, Self::Ended | Self::Empty)
    }
}

stored_text! {
    /// What became of one seat's participant.
    pub enum SeatStatus {
        /// At the table (or booked, before the start).
        Seated = "seated",
        /// Left during the table; keeps the seat, so nobody else takes it.
        Left = "left",
        /// Cancelled before the start; the seat is free again.
        Cancelled = "cancelled",
        /// A companion that gave its seat to a person who joined late.
        Replaced = "replaced",
    }
}

impl SeatStatus {
    /// Whether the participant holds the seat (no one else may take it).
    pub const fn holds_seat(self) -> bool {
        matches!(self, Self::Seated | Self::Left)
    }
}

stored_text! {
    /// Who sits in a seat.
    pub enum ParticipantKind {
        /// A student.
        Human = "human",
        /// An AI companion filling an empty seat.
        Ai = "ai",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: Copy + PartialEq + core::fmt::Debug + core::fmt::Display>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        for &value in all {
            assert_eq!(parse(as_str(value)), Some(value));
            assert_eq!(value.to_string(), as_str(value));
        }
        assert_eq!(parse(""), None);
        assert_eq!(
            parse("Seated"),
            None,
            "stored text is exact, not case-folded"
        );
    }

    #[test]
    fn every_value_round_trips_through_its_text() {
        round_trips(TableState::ALL, TableState::as_str, TableState::parse);
        round_trips(SeatStatus::ALL, SeatStatus::as_str, SeatStatus::parse);
        round_trips(
            ParticipantKind::ALL,
            ParticipantKind::as_str,
            ParticipantKind::parse,
        );
    }

    #[test]
    fn serde_uses_the_stored_text() {
        assert_eq!(
            serde_json::to_string(&SeatStatus::Left).unwrap(),
            "\"left\""
        );
        assert_eq!(
            serde_json::from_str::<TableState>("\"empty\"").unwrap(),
            TableState::Empty
        );
    }

    #[test]
    fn only_seated_and_left_hold_a_seat() {
        let holding: Vec<_> = SeatStatus::ALL.iter().filter(|s| s.holds_seat()).collect();
        assert_eq!(holding, [&SeatStatus::Seated, &SeatStatus::Left]);
        let over: Vec<_> = TableState::ALL.iter().filter(|s| s.is_over()).collect();
        assert_eq!(over, [&TableState::Ended, &TableState::Empty]);
        assert!(TableState::ALL
            .iter()
            .all(|s| s.takes_seats() != s.is_over()));
    }
}

stored_text! {
    /// How a student sees a table in progress (remembered on the user).
    pub enum TableView {
        /// The pixel room: characters at desks, a HUD over the scene (the default).
        Pixel = "pixel",
        /// The classic layout: timer, seat cards and the board side by side.
        Classic = "classic",
    }
}

/// A room's serde form is its stored text, as for the enums above (`Room` is declared in
/// `scene.rs` without serde, which the art tool that shares it does not have).
impl serde::Serialize for super::scene::Room {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for super::scene::Room {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("unknown room {text:?}")))
    }
}
