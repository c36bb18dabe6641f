//! Snowball stemming and stop words. A Cyrillic word gets the Russian
//! stemmer, a Latin one the English stemmer, anything else (numbers, `b2b`,
//! mixed scripts) is kept as it is. `themes/default/static/stemmer.js` is a
//! port of the same rust-stemmers algorithms; `tests/integration/js_search.rs` proves the
//! two agree on the full Snowball vocabularies. The stop lists travel to the
//! browser in the index's meta file, so there is one copy of them.

use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};

use super::memo::WordMap;
use super::normalize::normalize_bytes;

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

/// Both stemmers, a memo of every word seen and the terms interned as ids:
/// most words of a site repeat, so each worker thread stems a word once
/// and counts terms by id.
pub struct Stemmers {
    russian: Stemmer,
    english: Stemmer,
    /// Word (its UTF-8 bytes) → its stem's id, and whether the word is a
    /// stop word. Keyed by bytes so the tokenizer's fast path can look up
    /// the word it normalised into a byte buffer (see [`Self::lookup_bytes`]).
    words: WordMap,
    /// The same for words as they appear in the text, before
    /// normalisation (see [`Self::lookup_raw`]).
    raw: WordMap,
    ids: FxHashMap<Arc<str>, u32>,
    terms: Vec<Arc<str>>,
    buffer: String,
}

impl Default for Stemmers {
    fn default() -> Self {
        Stemmers {
            russian: Stemmer::create(Algorithm::Russian),
            english: Stemmer::create(Algorithm::English),
            words: WordMap::default(),
            raw: WordMap::default(),
            ids: FxHashMap::default(),
            terms: Vec::new(),
            buffer: String::new(),
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

    /// The id of a normalised word's stem, and whether the word is a stop word.
    fn lookup(&mut self, word: &str) -> (u32, bool) {
        if let Some(found) = self.words.get(word.as_bytes()) {
            return unpack(found);
        }
        self.stem_new(word)
    }

    /// [`Self::lookup`] for a normalised word given as UTF-8 bytes.
    fn lookup_bytes(&mut self, word: &[u8]) -> (u32, bool) {
        if let Some(found) = self.words.get(word) {
            return unpack(found);
        }
        let word = String::from_utf8_lossy(word).into_owned();
        self.stem_new(&word)
    }

    /// [`Self::lookup`] for a word as it appears in the text, not yet
    /// normalised: a word seen before in the same form costs one hash
    /// lookup; a new form is normalised (in `buffer`) and remembered.
    #[inline]
    pub(crate) fn lookup_raw(&mut self, raw: &[u8], buffer: &mut Vec<u8>) -> (u32, bool) {
        if let Some(found) = self.raw.get(raw) {
            return unpack(found);
        }
        self.lookup_new_raw(raw, buffer)
    }

    #[cold]
    fn lookup_new_raw(&mut self, raw: &[u8], buffer: &mut Vec<u8>) -> (u32, bool) {
        buffer.clear();
        // A word is cut from a `str` at character boundaries: valid UTF-8,
        // so this borrows and replaces nothing.
        normalize_bytes(&String::from_utf8_lossy(raw), buffer);
        let found = self.lookup_bytes(buffer);
        self.raw.insert(raw, pack(found));
        found
    }

    /// Stems a word not seen before and remembers it.
    #[cold]
    fn stem_new(&mut self, word: &str) -> (u32, bool) {
        let stem = match script(word) {
            Script::Cyrillic => self.russian.stem(word),
            Script::Latin => self.english.stem(word),
            Script::Other => word.into(),
        };
        let id = self.intern(&stem);
        let found = (id, self.is_stop(word));
        self.words.insert(word.as_bytes(), pack(found));
        found
    }

    fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        let term: Arc<str> = term.into();
        self.terms.push(term.clone());
        self.ids.insert(term, id);
        id
    }

    /// The term of a normalised word: its stem's id, `None` for a stop word.
    pub fn term(&mut self, word: &str) -> Option<u32> {
        let (id, stop) = self.lookup(word);
        (!stop).then_some(id)
    }

    /// The term of a hyphenated word: the stems of all its parts joined by `-`.
    pub fn compound(&mut self, parts: &[String]) -> u32 {
        let ids: Vec<u32> = parts.iter().map(|part| self.lookup(part).0).collect();
        self.join(&ids)
    }

    /// The term of stems joined by `-` (given as their ids): a compound word.
    pub(crate) fn join(&mut self, stems: &[u32]) -> u32 {
        let mut joined = std::mem::take(&mut self.buffer);
        joined.clear();
        for (i, &id) in stems.iter().enumerate() {
            if i > 0 {
                joined.push('-');
            }
            joined.push_str(&self.terms[id as usize]);
        }
        let id = self.intern(&joined);
        self.buffer = joined;
        id
    }

    /// The stem of a normalised word.
    pub fn stem(&mut self, word: &str) -> &str {
        let (id, _) = self.lookup(word);
        &self.terms[id as usize]
    }

    /// The text of a term id.
    pub fn text(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    /// Every term interned so far; a term's id is its index.
    pub fn terms(&self) -> &[Arc<str>] {
        &self.terms
    }
}

/// A memo value: the term id and whether the word is a stop word.
fn pack((id, stop): (u32, bool)) -> u32 {
    id << 1 | u32::from(stop)
}

fn unpack(value: u32) -> (u32, bool) {
    (value >> 1, value & 1 == 1)
}

/// A hash map with FxHash (`rustc-hash`): fast for the short keys of the
/// index; not resistant to crafted collisions, which site content does not
/// need. Nothing iterates these maps, so the hash never reaches the output.
pub type FxHashMap<K, V> = rustc_hash::FxHashMap<K, V>;

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
        assert_eq!(s.term("и"), None);
        let id = s.term("клиентами").unwrap();
        assert_eq!(s.term("клиенту"), Some(id));
        assert_eq!(s.text(id), "клиент");
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
