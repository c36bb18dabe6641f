//! Snowball stemming and stop words. A Cyrillic word gets the Russian
//! stemmer, a Latin one the English stemmer, anything else (numbers, `b2b`,
//! mixed scripts) is kept as it is. `themes/default/static/stemmer.js` is a
//! port of the same rust-stemmers algorithms; `tests/js_search.rs` proves the
//! two agree on the full Snowball vocabularies. The stop lists travel to the
//! browser in the index's meta file, so there is one copy of them.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

/// Russian stop words (normalised: `ё` → `е`): the Snowball list without
/// the words that carry meaning in a knowledge base (`нельзя`, `можно`,
/// `нет`, `больше`, numerals…).
pub const RUSSIAN_STOP: &[&str] = &[
    "а",
    "без",
    "бы",
    "был",
    "была",
    "были",
    "было",
    "быть",
    "в",
    "вам",
    "вас",
    "ведь",
    "во",
    "вот",
    "впрочем",
    "все",
    "всего",
    "всех",
    "всю",
    "вы",
    "где",
    "да",
    "для",
    "до",
    "его",
    "ее",
    "ей",
    "ему",
    "если",
    "есть",
    "еще",
    "ж",
    "же",
    "за",
    "зачем",
    "здесь",
    "и",
    "из",
    "или",
    "им",
    "их",
    "к",
    "как",
    "какая",
    "какой",
    "когда",
    "кто",
    "куда",
    "ли",
    "мне",
    "мной",
    "мы",
    "на",
    "над",
    "нас",
    "не",
    "него",
    "нее",
    "ней",
    "ни",
    "нибудь",
    "ним",
    "них",
    "но",
    "ну",
    "о",
    "об",
    "он",
    "она",
    "они",
    "оно",
    "от",
    "по",
    "под",
    "при",
    "про",
    "с",
    "сам",
    "себе",
    "себя",
    "со",
    "так",
    "там",
    "тем",
    "то",
    "тогда",
    "того",
    "тоже",
    "той",
    "том",
    "тот",
    "ту",
    "тут",
    "ты",
    "у",
    "уж",
    "уже",
    "чего",
    "чем",
    "что",
    "чтоб",
    "чтобы",
    "эта",
    "эти",
    "это",
    "этого",
    "этой",
    "этом",
    "этот",
    "эту",
    "я",
];

/// English stop words (the short Snowball list).
pub const ENGLISH_STOP: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "did", "do",
    "does", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is",
    "it", "its", "me", "my", "of", "on", "or", "our", "she", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "was", "we", "were", "what",
    "when", "where", "which", "who", "whom", "will", "with", "would", "you", "your",
];

/// Which stemmer a normalised word takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Cyrillic,
    Latin,
    /// Digits, mixed scripts, anything else: kept as it is.
    Other,
}

/// The script of a normalised word.
pub fn script(word: &str) -> Script {
    if word.chars().all(|c| ('\u{0400}'..='\u{04ff}').contains(&c)) {
        Script::Cyrillic
    } else if word.chars().all(|c| c.is_ascii_lowercase() || c == '\'')
        && word.chars().any(|c| c != '\'')
    {
        Script::Latin
    } else {
        Script::Other
    }
}

/// Both stemmers with a memo: most words of a site repeat, so each worker
/// thread stems a word once.
pub struct Stemmers {
    russian: Stemmer,
    english: Stemmer,
    cache: HashMap<String, String>,
}

impl Default for Stemmers {
    fn default() -> Self {
        Stemmers {
            russian: Stemmer::create(Algorithm::Russian),
            english: Stemmer::create(Algorithm::English),
            cache: HashMap::new(),
        }
    }
}

impl Stemmers {
    /// Whether a normalised word is a stop word.
    pub fn is_stop(&self, word: &str) -> bool {
        match script(word) {
            Script::Cyrillic => RUSSIAN_STOP.binary_search(&word).is_ok(),
            Script::Latin => ENGLISH_STOP.binary_search(&word).is_ok(),
            Script::Other => false,
        }
    }

    /// The stem of a normalised word.
    pub fn stem(&mut self, word: &str) -> &str {
        if !self.cache.contains_key(word) {
            let stem = stem_uncached(&self.russian, &self.english, word);
            self.cache.insert(word.to_string(), stem);
        }
        &self.cache[word]
    }
}

fn stem_uncached(russian: &Stemmer, english: &Stemmer, word: &str) -> String {
    match script(word) {
        Script::Cyrillic => russian.stem(word).into_owned(),
        Script::Latin => english.stem(word).into_owned(),
        Script::Other => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_lists_are_sorted_for_binary_search() {
        assert!(RUSSIAN_STOP.windows(2).all(|w| w[0] < w[1]));
        assert!(ENGLISH_STOP.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn word_forms_share_a_stem() {
        let mut s = Stemmers::default();
        let forms = [
            "менеджер",
            "менеджера",
            "менеджеру",
            "менеджером",
            "менеджеры",
            "менеджерами",
        ];
        let stems: Vec<String> = forms.iter().map(|w| s.stem(w).to_string()).collect();
        assert!(stems.iter().all(|x| x == "менеджер"), "{stems:?}");
        let a = s.stem("отчетность").to_string();
        assert_eq!(a, s.stem("отчетности"));
        assert_eq!(s.stem("reporting"), "report");
        assert_eq!(s.stem("reports"), "report");
    }

    #[test]
    fn scripts_pick_the_stemmer() {
        let mut s = Stemmers::default();
        assert_eq!(script("клиентами"), Script::Cyrillic);
        assert_eq!(script("clients"), Script::Latin);
        assert_eq!(script("b2b"), Script::Other);
        assert_eq!(s.stem("b2b"), "b2b");
        assert_eq!(s.stem("2024"), "2024");
        assert_eq!(s.stem("kpi"), "kpi");
        assert!(s.is_stop("и") && s.is_stop("the") && !s.is_stop("нельзя"));
    }
}
