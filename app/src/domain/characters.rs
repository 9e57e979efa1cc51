//! The characters a student can be at a table (SPEC, The room): eight people to pick from,
//! and the four companions' animals. The art for each is a sprite sheet drawn by
//! `tools/artgen`, found by the same key in `art_files`.

use super::art_files::CHARACTER_SHEETS;
use super::companions::Companion;
use super::hash::fnv1a;
use super::stored::stored_text;

stored_text! {
    /// One character (stored on the user as `character_key`; its text is also the name of
    /// its sheet and of its translated description).
    pub enum Character {
        Sage = "sage",
        Mei = "mei",
        Theo = "theo",
        Ada = "ada",
        Kai = "kai",
        Noor = "noor",
        Jun = "jun",
        Rosa = "rosa",
        Fox = "fox",
        Owl = "owl",
        Cat = "cat",
        Panda = "panda",
    }
}

impl Character {
    /// The ones a student can pick, in the picker's order.
    pub const PEOPLE: [Character; 8] = [
        Character::Sage,
        Character::Mei,
        Character::Theo,
        Character::Ada,
        Character::Kai,
        Character::Noor,
        Character::Jun,
        Character::Rosa,
    ];

    /// The person stored as `key` (a companion's animal is not a student's to pick).
    pub fn person(key: &str) -> Option<Character> {
        Self::parse(key).filter(|c| Self::PEOPLE.contains(c))
    }

    /// The character of a student who has not picked one yet: one of the people, the same
    /// every time for the same account.
    pub fn default_for(user_id: i64) -> Character {
        let n = Self::PEOPLE.len() as u64;
        Self::PEOPLE[(fnv1a(&user_id.to_string()) % n) as usize]
    }

    /// A student's character: their pick, or their default.
    pub fn of_student(picked: Option<&str>, user_id: i64) -> Character {
        picked
            .and_then(Self::person)
            .unwrap_or_else(|| Self::default_for(user_id))
    }

    /// The animal a companion is.
    pub const fn of_companion(companion: Companion) -> Character {
        match companion {
            Companion::FocusFox => Character::Fox,
            Companion::StudyOwl => Character::Owl,
            Companion::CalmCat => Character::Cat,
            Companion::ZenPanda => Character::Panda,
        }
    }

    /// Where its sprite sheet is served.
    pub fn sheet(self) -> &'static str {
        CHARACTER_SHEETS
            .iter()
            .find(|(key, _)| *key == self.as_str())
            .map(|(_, path)| *path)
            .expect("the art generator draws a sheet for every character")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_has_a_sheet_and_the_art_has_no_stranger() {
        let all: Vec<Character> = Character::PEOPLE
            .into_iter()
            .chain(Companion::ALL.map(Character::of_companion))
            .collect();
        for c in &all {
            assert!(c.sheet().starts_with(&format!("/art/characters/{c}.")));
        }
        assert_eq!(all.len(), CHARACTER_SHEETS.len());
    }

    #[test]
    fn a_pick_is_kept_and_anything_else_falls_back_to_a_stable_default() {
        assert_eq!(Character::of_student(Some("noor"), 7), Character::Noor);
        let fallback = Character::default_for(7);
        assert_eq!(Character::of_student(None, 7), fallback);
        assert_eq!(
            Character::of_student(Some("fox"), 7),
            fallback,
            "animals are companions'"
        );
        assert_eq!(Character::of_student(Some("dragon"), 7), fallback);
        let spread: std::collections::HashSet<_> = (1..200).map(Character::default_for).collect();
        assert_eq!(spread.len(), 8, "defaults use every person");
    }

    #[test]
    fn each_companion_is_its_own_animal() {
        let animals: std::collections::HashSet<_> = Companion::ALL
            .map(Character::of_companion)
            .into_iter()
            .collect();
        assert_eq!(animals.len(), 4);
        assert!(animals.iter().all(|a| !Character::PEOPLE.contains(a)));
    }
}
