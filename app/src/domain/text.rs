//! The checks every free-text input shares: trimming, "required", length limits, and no
//! hidden characters, so each field states its limits once (as a constant) and reports
//! them the same way.
//!
//! Hidden characters are control characters other than tab and line breaks (a NUL cannot
//! even be stored by PostgreSQL) and the bidirectional overrides and isolates, which make
//! text display in a different order than it was written (a name that reads innocently
//! but is another, or chat that hides what it says).

use crate::error::{AppError, InvalidRule};

/// True for a character no free text may hold (see the module doc).
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` unchanged, or an error naming `field` when it holds a hidden character.
pub fn visible(field: &str, text: &str) -> Result<(), AppError> {
    if text.chars().any(is_hidden) {
        return Err(AppError::invalid(field, InvalidRule::HiddenCharacters));
    }
    Ok(())
}

/// `input` trimmed; an error when it is longer than `max` characters or holds a hidden
/// character.
pub fn within(field: &str, input: &str, max: usize) -> Result<String, AppError> {
    let text = input.trim();
    visible(field, text)?;
    if text.chars().count() > max {
        let max = u32::try_from(max).unwrap_or(u32::MAX);
        return Err(AppError::invalid(field, InvalidRule::TooLong { max }));
    }
    Ok(text.to_owned())
}

/// Like [`within`], and not blank.
pub fn required_within(field: &str, input: &str, max: usize) -> Result<String, AppError> {
    let text = within(field, input, max)?;
    if text.is_empty() {
        return Err(AppError::invalid(field, InvalidRule::Required));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_limits_by_characters_not_bytes() {
        assert_eq!(within("bio", "  讀書  ", 2).unwrap(), "讀書");
        assert_eq!(within("bio", "", 2).unwrap(), "");
        assert_eq!(
            within("bio", "讀書會", 2).unwrap_err().expect_rule(),
            InvalidRule::TooLong { max: 2 }
        );
        assert_eq!(
            required_within("name", "   ", 5).unwrap_err().expect_rule(),
            InvalidRule::Required
        );
        assert_eq!(required_within("name", " ok ", 5).unwrap(), "ok");
    }

    #[test]
    fn hidden_characters_are_refused_line_breaks_are_not() {
        for bad in [
            "a\0b",
            "x\u{7}",
            "\u{202E}gnp.exe",
            "a\u{2066}b",
            "a\u{85}b",
        ] {
            assert_eq!(
                within("topic", bad, 50).unwrap_err().expect_rule(),
                InvalidRule::HiddenCharacters,
                "{bad:?}"
            );
        }
        assert_eq!(
            within("bio", "line\r\nnext\tcol", 50).unwrap(),
            "line\r\nnext\tcol"
        );
        assert_eq!(within("bio", "עברית ‏ok", 50).unwrap(), "עברית ‏ok");
    }
}
