//! The session diary (SPEC, Board, reflections, diary): a journal note per session with
//! tags from a fixed set, the calendar days sessions fall on, text search and the figures
//! a student sees about their own history. Only the author ever reads any of it.

pub mod autosave;
pub mod day;
pub mod search;
pub mod stats;

use crate::error::{AppError, InvalidRule};
use serde::{Deserialize, Serialize};

/// Longest journal note, in characters.
pub const NOTE_MAX: usize = 2000;

/// A journal tag (the fixed set).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tag {
    /// Got things done.
    Productive,
    /// Hard to stay on task.
    Distracted,
    /// Something finally clicked.
    Breakthrough,
    /// Low energy.
    Tired,
    /// High energy.
    Energized,
    /// Enjoyed the company.
    Social,
    /// Long uninterrupted focus.
    DeepFocus,
    /// It was hard going.
    Struggled,
}

impl Tag {
    /// Every tag, in the order they are offered.
    pub const ALL: [Tag; 8] = [
        Tag::Productive,
        Tag::Distracted,
        Tag::Breakthrough,
        Tag::Tired,
        Tag::Energized,
        Tag::Social,
        Tag::DeepFocus,
        Tag::Struggled,
    ];

    /// The key stored in the database (and used in CSS and test ids).
    pub const fn key(self) -> &'static str {
        match self {
            Self::Productive => "productive",
            Self::Distracted => "distracted",
            Self::Breakthrough => "breakthrough",
            Self::Tired => "tired",
            Self::Energized => "energized",
            Self::Social => "social",
            Self::DeepFocus => "deep-focus",
            Self::Struggled => "struggled",
        }
    }

    /// The tag stored under `key`.
    pub fn parse(key: &str) -> Result<Self, AppError> {
        Self::ALL
            .into_iter()
            .find(|t| t.key() == key)
            .ok_or_else(|| AppError::invalid("tags", InvalidRule::NotAChoice))
    }
}

/// A journal note as stored: the text (line breaks kept, at most [`NOTE_MAX`] characters,
/// trailing white space trimmed) and its tags, each once, in the offered order. An empty
/// text with no tags clears the note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedNote {
    /// The text (may be empty when tags say enough).
    pub body: String,
    /// The tags, sorted and without repeats.
    pub tags: Vec<Tag>,
}

impl CheckedNote {
    /// True when there is nothing left to keep.
    pub fn is_empty(&self) -> bool {
        self.body.is_empty() && self.tags.is_empty()
    }
}

/// Checks a note as typed.
pub fn parse_note(body: &str, tags: &[Tag]) -> Result<CheckedNote, AppError> {
    let body = body.trim_end();
    let body = body.trim_start_matches(['\n', '\r']);
    let length = body.chars().count();
    if length > NOTE_MAX {
        return Err(AppError::invalid(
            "note",
            InvalidRule::TooLong {
                max: NOTE_MAX as u32,
            },
        ));
    }
    crate::domain::text::visible("note", body)?;
    let mut tags = tags.to_vec();
    tags.sort();
    tags.dedup();
    Ok(CheckedNote {
        body: body.replace('\r', ""),
        tags,
    })
}

/// Adds `tag` to `tags` (kept in the offered order), or removes it when present.
pub fn toggle(tags: &mut Vec<Tag>, tag: Tag) {
    if let Some(i) = tags.iter().position(|t| *t == tag) {
        tags.remove(i);
    } else {
        tags.push(tag);
        tags.sort();
    }
}

/// Tags as stored: keys separated by spaces.
pub fn tags_to_text(tags: &[Tag]) -> String {
    tags.iter().map(|t| t.key()).collect::<Vec<_>>().join(" ")
}

/// Tags read back from [`tags_to_text`] (unknown keys are skipped).
pub fn tags_from_text(text: &str) -> Vec<Tag> {
    text.split_whitespace()
        .filter_map(|k| Tag::parse(k).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_keys_round_trip_and_match_the_spec() {
        let keys: Vec<_> = Tag::ALL.iter().map(|t| t.key()).collect();
        assert_eq!(
            keys,
            [
                "productive",
                "distracted",
                "breakthrough",
                "tired",
                "energized",
                "social",
                "deep-focus",
                "struggled"
            ]
        );
        for tag in Tag::ALL {
            assert_eq!(Tag::parse(tag.key()), Ok(tag));
            let json = serde_json::to_string(&tag).unwrap();
            assert_eq!(json, format!("\"{}\"", tag.key()));
        }
        assert!(Tag::parse("sleepy").is_err());
    }

    #[test]
    fn notes_keep_line_breaks_and_count_characters_not_bytes() {
        let note = parse_note("\n\nFirst line\nsecond  \n ", &[]).unwrap();
        assert_eq!(note.body, "First line\nsecond");
        assert!(parse_note(&"字".repeat(NOTE_MAX), &[]).is_ok());
        assert_eq!(
            parse_note(&"字".repeat(NOTE_MAX + 1), &[]),
            Err(AppError::invalid(
                "note",
                InvalidRule::TooLong {
                    max: NOTE_MAX as u32
                }
            ))
        );
        assert_eq!(
            parse_note("bell \u{7}", &[]),
            Err(AppError::invalid("note", InvalidRule::HiddenCharacters))
        );
        assert_eq!(parse_note("a\r\nb", &[]).unwrap().body, "a\nb");
    }

    #[test]
    fn tags_are_sorted_once_each_and_stored_as_words() {
        let note = parse_note("", &[Tag::Tired, Tag::Productive, Tag::Tired]).unwrap();
        assert_eq!(note.tags, [Tag::Productive, Tag::Tired]);
        assert!(!note.is_empty());
        assert!(parse_note("  ", &[]).unwrap().is_empty());
        let text = tags_to_text(&[Tag::DeepFocus, Tag::Social]);
        assert_eq!(text, "deep-focus social");
        assert_eq!(tags_from_text(&text), [Tag::DeepFocus, Tag::Social]);
        assert_eq!(tags_from_text("social sleepy"), [Tag::Social]);
        let mut picked = vec![Tag::Tired];
        toggle(&mut picked, Tag::Productive);
        assert_eq!(picked, [Tag::Productive, Tag::Tired]);
        toggle(&mut picked, Tag::Tired);
        assert_eq!(picked, [Tag::Productive]);
    }
}
