//! When tables start.

use crate::domain::time::Timestamp;
use leptos::prelude::*;
use std::fmt;
use std::str::FromStr;

/// The server's "now" and the start of the slot a new table would take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextSlot {
    /// The server clock when it answered (lets the browser correct its own clock).
    pub server_now: Timestamp,
    /// Start of the next slot a quick match would create a table for.
    pub starts_at: Timestamp,
}

/// On the wire (and in the page for hydration) as two Unix milliseconds:
/// `"<server_now> <starts_at>"`.
impl fmt::Display for NextSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            self.server_now.unix_millis(),
            self.starts_at.unix_millis()
        )
    }
}

impl FromStr for NextSlot {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        let (now, start) = text.split_once(' ').ok_or(())?;
        let millis = |part: &str| {
            part.parse()
                .map(Timestamp::from_unix_millis)
                .map_err(|_| ())
        };
        Ok(Self {
            server_now: millis(now)?,
            starts_at: millis(start)?,
        })
    }
}

/// The next table start, by the server's clock (plain text: the landing page reads it).
#[server(prefix = "/api", endpoint = "next_table", output = crate::api::plain_text::Text)]
pub async fn next_table() -> Result<NextSlot, ServerFnError> {
    crate::server::with_error_status(async move {
        let state = crate::server::state::use_state()?;
        let server_now = state.clock.now();
        Ok(NextSlot {
            server_now,
            starts_at: crate::domain::schedule::next_slot_start(server_now),
        })
    })
    .await
    .map_err(crate::api::plain_text::framework_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_reads_back_what_it_wrote() {
        let slot = NextSlot {
            server_now: Timestamp::from_unix_millis(1_795_876_123_456),
            starts_at: Timestamp::from_unix_millis(1_795_876_200_000),
        };
        assert_eq!(slot.to_string(), "1795876123456 1795876200000");
        assert_eq!(slot.to_string().parse(), Ok(slot));
        for bad in ["", "1795876123456", "a b", "1 2 3"] {
            assert!(bad.parse::<NextSlot>().is_err(), "{bad}");
        }
    }
}
