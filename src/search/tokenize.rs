//! Text → words, and words → index terms. The browser (`search.js`) repeats
//! exactly these steps on the query and on snippet text, so the rules here
//! are a contract: Unicode word segmentation (UAX #29), lower case, `ё` → `е`,
//! stress marks dropped, words joined by a hyphen kept together as one
//! compound word, stop words dropped, Snowball stems (see `stem.rs`).

use unicode_segmentation::UnicodeSegmentation;

use super::stem::Stemmers;

/// One word of the text: a UAX #29 word, or words joined by hyphens with no
/// space (`аккаунт-менеджер`), normalised but not stemmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Normalised parts; one part for a plain word.
    pub parts: Vec<String>,
}

/// Lower case, `ё` → `е`, typographic apostrophe → `'`, stress marks dropped.
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{0301}' | '\u{0300}' => {}
            'ё' | 'Ё' => out.push('е'),
            '\u{2019}' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn is_hyphen(segment: &str) -> bool {
    matches!(segment, "-" | "\u{2010}" | "\u{2011}")
}

fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Splits text into words, calling `f` for each. Compound words keep their
/// parts, so the caller can index the whole word and each part.
pub fn words(text: &str, mut f: impl FnMut(&Word)) {
    let mut current: Option<Word> = None;
    // A hyphen right after a word: the next word joins the compound.
    let mut pending_hyphen = false;
    for segment in text.split_word_bounds() {
        if is_word(segment) {
            let part = normalize(segment);
            match current.as_mut() {
                Some(word) if pending_hyphen => word.parts.push(part),
                _ => {
                    if let Some(word) = current.take() {
                        f(&word);
                    }
                    current = Some(Word { parts: vec![part] });
                }
            }
            pending_hyphen = false;
        } else if is_hyphen(segment) && current.is_some() && !pending_hyphen {
            pending_hyphen = true;
        } else {
            if let Some(word) = current.take() {
                f(&word);
            }
            pending_hyphen = false;
        }
    }
    if let Some(word) = current.take() {
        f(&word);
    }
}

/// The terms a word puts in the index: the stem of every part that is not a
/// stop word, then (for a compound) the stems of all parts joined by `-`.
/// Returns how many of the terms count toward the field length (the parts).
pub fn word_terms(word: &Word, stemmers: &mut Stemmers, mut f: impl FnMut(&str)) -> usize {
    let mut counted = 0;
    for part in &word.parts {
        if !stemmers.is_stop(part) {
            f(stemmers.stem(part));
            counted += 1;
        }
    }
    if word.parts.len() > 1 {
        let mut compound = String::new();
        for (i, part) in word.parts.iter().enumerate() {
            if i > 0 {
                compound.push('-');
            }
            compound.push_str(stemmers.stem(part));
        }
        f(&compound);
    }
    counted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(text, |w| out.push(w.parts.join("-")));
        out
    }

    fn all_terms(text: &str) -> Vec<String> {
        let mut stemmers = Stemmers::default();
        let mut out = Vec::new();
        words(text, |w| {
            word_terms(w, &mut stemmers, |t| out.push(t.to_string()));
        });
        out
    }

    #[test]
    fn words_are_normalised() {
        let cases: &[(&str, &[&str])] = &[
            ("Ёлка и ЕЖИК", &["елка", "и", "ежик"]),
            ("Зелёный  чай.", &["зеленый", "чай"]),
            ("приве\u{301}т", &["привет"]),
            ("Don\u{2019}t stop", &["don't", "stop"]),
        ];
        for (text, expected) in cases {
            assert_eq!(all_words(text), *expected, "{text}");
        }
    }

    #[test]
    fn hyphens_make_compounds() {
        assert_eq!(
            all_words("аккаунт-менеджер, бизнес - процесс"),
            ["аккаунт-менеджер", "бизнес", "процесс"]
        );
        assert_eq!(all_words("из-за CRM-системы"), ["из-за", "crm-системы"]);
        assert_eq!(all_words("- начало -конец-"), ["начало", "конец"]);
    }

    #[test]
    fn digits_and_latin_inside_cyrillic() {
        assert_eq!(
            all_words("В 2024 году рост 3.5% по KPI и B2B-продажам"),
            [
                "в",
                "2024",
                "году",
                "рост",
                "3.5",
                "по",
                "kpi",
                "и",
                "b2b-продажам"
            ]
        );
        assert_eq!(
            all_terms("Метрики LTV и CRM в B2B"),
            ["метрик", "ltv", "crm", "b2b"]
        );
    }

    #[test]
    fn compound_terms_cover_whole_word_and_parts() {
        assert_eq!(
            all_terms("аккаунт-менеджерами"),
            ["аккаунт", "менеджер", "аккаунт-менеджер"]
        );
        assert_eq!(
            all_terms("аккаунт-менеджера"),
            all_terms("аккаунт-менеджер")
        );
        // Stop-word parts are not indexed alone, only inside the compound.
        assert_eq!(all_terms("из-за"), ["из-за"]);
    }

    #[test]
    fn stop_words_are_dropped_numbers_kept() {
        assert_eq!(
            all_terms("и в 2024 году the reports"),
            ["2024", "год", "report"]
        );
    }
}
