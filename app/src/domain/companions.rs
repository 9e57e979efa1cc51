//! The AI companions that take a table's empty seats: simulated presence, no AI service.

use serde::{Deserialize, Serialize};

/// One of the four companions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Companion {
    /// Focus Fox.
    FocusFox,
    /// Study Owl.
    StudyOwl,
    /// Calm Cat.
    CalmCat,
    /// Zen Panda.
    ZenPanda,
}

impl Companion {
    /// Every companion, in the order they fill empty seats.
    pub const ALL: [Companion; 4] = [
        Companion::FocusFox,
        Companion::StudyOwl,
        Companion::CalmCat,
        Companion::ZenPanda,
    ];
}
