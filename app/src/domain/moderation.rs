//! The chat keyword blocklist (SPEC, Board): a line that contains a blocked term is not
//! delivered to the table and is flagged for the moderators.
//!
//! Latin-script terms match whole words only (so "class" never trips on a shorter term
//! inside it), after lower-casing and treating every non-letter as a word break, which also
//! catches "f.u.c.k"-style spacing only when the letters are separated by single marks.
//! Chinese terms match anywhere, since Chinese text has no spaces between words.

/// Blocked whole words and phrases (lower case, single spaces).
const WORDS: &[&str] = &[
    "fuck",
    "fucking",
    "fucker",
    "motherfucker",
    "shit",
    "bitch",
    "cunt",
    "asshole",
    "dickhead",
    "retard",
    "whore",
    "slut",
    "kys",
    "kill yourself",
    "go die",
];

/// Blocked Chinese terms (matched anywhere).
const CJK: &[&str] = &[
    "幹你娘",
    "操你",
    "他媽的",
    "去死",
    "白痴",
    "智障",
    "婊子",
    "賤人",
    "垃圾人",
];

/// The blocked term `text` contains, if any.
pub fn blocked_term(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    if let Some(term) = CJK.iter().find(|term| lower.contains(*term)) {
        return Some(term);
    }
    let words = latin_words(&lower);
    let spaced = format!(" {} ", words.join(" "));
    let joined_singles = joined_single_letters(&words);
    WORDS
        .iter()
        .find(|term| {
            spaced.contains(&format!(" {term} ")) || joined_singles.iter().any(|w| w == *term)
        })
        .copied()
}

/// The words of `lower`: runs of letters (any script except CJK ideographs, which are
/// handled separately), split on everything else.
fn latin_words(lower: &str) -> Vec<&str> {
    lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Runs of single-letter words glued back together ("f u c k" → "fuck"), as whole words.
fn joined_single_letters(words: &[&str]) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    for word in words {
        if word.chars().count() == 1 {
            run.push_str(word);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_study_talk_passes() {
        for line in [
            "good luck on the exam!",
            "classic assignment, I'll pass the class",
            "Scunthorpe is a town",
            "this shitake recipe is for the break",
            "加油！我們一起讀書",
            "垃圾分類的報告寫完了",
        ] {
            assert_eq!(blocked_term(line), None, "{line}");
        }
    }

    #[test]
    fn blocked_words_are_found_in_any_case_and_punctuation() {
        assert_eq!(blocked_term("what the FUCK"), Some("fuck"));
        assert_eq!(blocked_term("you're a bitch."), Some("bitch"));
        assert_eq!(blocked_term("just kys"), Some("kys"));
        assert_eq!(blocked_term("go   die!!"), Some("go die"));
        assert_eq!(blocked_term("kill-yourself"), Some("kill yourself"));
    }

    #[test]
    fn spelled_out_letters_are_joined() {
        assert_eq!(blocked_term("f u c k this"), Some("fuck"));
        assert_eq!(blocked_term("s.h.i.t"), Some("shit"));
    }

    #[test]
    fn chinese_terms_match_inside_sentences() {
        assert_eq!(blocked_term("你這個白痴"), Some("白痴"));
        assert_eq!(blocked_term("快去死吧"), Some("去死"));
    }
}
