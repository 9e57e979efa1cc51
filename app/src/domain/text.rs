//! The checks every free-text input shares: trimming, "required" and length limits, so
//! each field states its limits once (as a constant) and reports them the same way.

use crate::error::{AppError, InvalidRule};

/// `input` trimmed; an error when it is longer than `max` characters.
pub fn within(field: &str, input: &str, max: usize) -> Result<String, AppError> {
    let text = input.trim();
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
}
