//! Diary text search, the same on both databases: text is cut into terms here and the
//! database's full-text index (SQLite FTS5, PostgreSQL `tsvector`) stores and matches
//! those terms. Words of letters and digits are one term each, lower-cased; Chinese,
//! Japanese and Korean text has no spaces between words, so every character and every
//! pair of neighbouring characters is a term (a two-character word like 數學 is found
//! inside 我在讀數學 without a dictionary).

/// Longest search text considered, in characters.
pub const QUERY_MAX: usize = 200;
/// At most this many terms are matched (the rest of a very long query is ignored).
pub const TERMS_MAX: usize = 16;
/// Longer words are cut to this many characters, in the index and in queries alike (a
/// word this long is found by its start; no index entry grows past the databases'
/// limits).
pub const TERM_MAX_CHARS: usize = 64;

/// Whether `c` is written without spaces between words (CJK ideographs, kana, hangul).
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x3134F) // CJK extensions B–G
}

/// A run of text: a word, or a run of unspaced characters.
enum Run {
    Word(String),
    Unspaced(Vec<char>),
}

fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut han = Vec::new();
    for c in text.chars() {
        if unspaced(c) {
            if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
            han.push(c);
        } else if c.is_alphanumeric() {
            if !han.is_empty() {
                out.push(Run::Unspaced(std::mem::take(&mut han)));
            }
            if word.chars().count() < TERM_MAX_CHARS {
                word.extend(c.to_lowercase());
            }
        } else {
            if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
            if !han.is_empty() {
                out.push(Run::Unspaced(std::mem::take(&mut han)));
            }
        }
    }
    if !word.is_empty() {
        out.push(Run::Word(word));
    }
    if !han.is_empty() {
        out.push(Run::Unspaced(han));
    }
    out
}

/// The terms a text is indexed under, separated by spaces (what the index stores).
pub fn index_terms(text: &str) -> String {
    let mut terms: Vec<String> = Vec::new();
    for run in runs(text) {
        match run {
            Run::Word(word) => terms.push(word),
            Run::Unspaced(chars) => {
                terms.extend(chars.iter().map(char::to_string));
                terms.extend(chars.windows(2).map(|pair| pair.iter().collect()));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    terms.retain(|t| seen.insert(t.clone()));
    terms.join(" ")
}

/// One term of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// Letters, digits or unspaced characters only (safe to quote in any query syntax).
    pub text: String,
    /// True when longer words starting with it match too (typing "calc" finds
    /// "calculus"); unspaced terms match exactly.
    pub prefix: bool,
}

/// A query as the index understands it: every term must match (`None`: nothing to look
/// for, e.g. only punctuation).
pub fn query_terms(input: &str) -> Option<Vec<Term>> {
    let input: String = input.chars().take(QUERY_MAX).collect();
    let mut terms: Vec<Term> = Vec::new();
    for run in runs(&input) {
        match run {
            Run::Word(text) => terms.push(Term { text, prefix: true }),
            Run::Unspaced(chars) if chars.len() == 1 => terms.push(Term {
                text: chars[0].to_string(),
                prefix: false,
            }),
            Run::Unspaced(chars) => terms.extend(chars.windows(2).map(|pair| Term {
                text: pair.iter().collect(),
                prefix: false,
            })),
        }
    }
    let mut seen = std::collections::HashSet::new();
    terms.retain(|t| seen.insert(t.text.clone()));
    terms.truncate(TERMS_MAX);
    (!terms.is_empty()).then_some(terms)
}

/// The query in SQLite FTS5 syntax: `"calc"* "數學"` (implicit AND).
pub fn fts5_query(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{}\"{}", t.text, if t.prefix { "*" } else { "" }))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The query in PostgreSQL `tsquery` input syntax: `'calc':* & '數學'`.
pub fn tsquery(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| format!("'{}'{}", t.text, if t.prefix { ":*" } else { "" }))
        .collect::<Vec<_>>()
        .join(" & ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(terms: &[Term]) -> Vec<&str> {
        terms.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn words_are_lower_cased_and_punctuation_splits_them() {
        assert_eq!(
            index_terms("Finished CALCULUS ch.3 — derivatives!"),
            "finished calculus ch 3 derivatives"
        );
        assert_eq!(index_terms("Ünïcode café"), "ünïcode café");
        assert_eq!(index_terms("'; DROP TABLE x --"), "drop table x");
        assert_eq!(index_terms("Again and again, AGAIN"), "again and");
        let long = "x".repeat(TERM_MAX_CHARS + 50);
        assert_eq!(index_terms(&long).chars().count(), TERM_MAX_CHARS);
        assert_eq!(
            query_terms(&long).unwrap()[0].text.chars().count(),
            TERM_MAX_CHARS
        );
    }

    #[test]
    fn chinese_is_indexed_by_characters_and_pairs() {
        assert_eq!(index_terms("讀數學"), "讀 數 學 讀數 數學");
        assert_eq!(
            index_terms("今天讀ML很累"),
            "今 天 讀 今天 天讀 ml 很 累 很累"
        );
    }

    #[test]
    fn queries_match_words_by_prefix_and_chinese_by_pairs() {
        let q = query_terms("Calc  數學考試").unwrap();
        assert_eq!(texts(&q), ["calc", "數學", "學考", "考試"]);
        assert!(q[0].prefix && !q[1].prefix);
        let single = query_terms("累").unwrap();
        assert_eq!(texts(&single), ["累"]);
        assert!(!single[0].prefix);
        assert_eq!(query_terms(" ?! -- "), None);
        assert_eq!(query_terms(""), None);
        let repeated = query_terms("a a b").unwrap();
        assert_eq!(texts(&repeated), ["a", "b"]);
        let long = "w ".repeat(500) + &(0..40).map(|i| format!("t{i} ")).collect::<String>();
        assert!(query_terms(&long).unwrap().len() <= TERMS_MAX);
    }

    #[test]
    fn every_query_term_of_a_text_is_among_its_index_terms() {
        let text = "期末考準備：線性代數 eigenvalues";
        let index: Vec<String> = index_terms(text).split(' ').map(String::from).collect();
        for query in ["線性代數", "代數", "期末", "eigen"] {
            for term in query_terms(query).unwrap() {
                assert!(
                    index.iter().any(|i| if term.prefix {
                        i.starts_with(&term.text)
                    } else {
                        *i == term.text
                    }),
                    "{query}: {}",
                    term.text
                );
            }
        }
    }

    #[test]
    fn queries_render_for_each_database() {
        let q = query_terms("calc 數學").unwrap();
        assert_eq!(fts5_query(&q), "\"calc\"* \"數學\"");
        assert_eq!(tsquery(&q), "'calc':* & '數學'");
    }
}
