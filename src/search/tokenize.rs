//! Text → words, and words → index terms. The browser (`search.js`) repeats
//! exactly these steps on the query and on snippet text, so the rules here
//! are a contract: Unicode word segmentation (UAX #29), lower case, `ё` → `е`,
//! stress marks dropped, words joined by a hyphen kept together as one
//! compound word, stop words dropped, Snowball stems (see `stem.rs`).
//!
//! Normalising words is `normalize.rs`; splitting text into words (a fast
//! scanner and the general UAX #29 path) is `scanner.rs`. The tests here
//! check that the fast paths agree with the general ones.

use super::normalize::normalize_into;
use super::scanner::{for_each_word, Part};
use super::stem::Stemmers;
/// Splits text into words (see [`Tokenizer::words`]).
pub fn words(text: &str, f: impl FnMut(&[String])) {
    Tokenizer::default().words(text, f);
}

/// Word splitting with buffers reused from word to word and text to text.
#[derive(Default)]
pub struct Tokenizer {
    /// The word parts of the current line (see [`for_each_word`]).
    parts: Vec<Part>,
    /// [`Tokenizer::words`]: the current word's parts, normalised.
    normalised: Vec<String>,
    /// [`Tokenizer::terms`]: a word being normalised.
    buffer: Vec<u8>,
    /// [`Tokenizer::terms`]: the stem ids of the current compound's parts.
    stems: Vec<u32>,
}

impl Tokenizer {
    /// Splits text into words, calling `f` with each word's normalised
    /// parts: one part for a plain word, several for words joined by
    /// hyphens with no space (`аккаунт-менеджер`), so the caller can index
    /// the whole word and each part.
    pub fn words(&mut self, text: &str, mut f: impl FnMut(&[String])) {
        let mut normalised = std::mem::take(&mut self.normalised);
        for_each_word(text, &mut self.parts, |parts| {
            normalised.resize_with(normalised.len().max(parts.len()), String::new);
            for (part, out) in parts.iter().zip(normalised.iter_mut()) {
                out.clear();
                normalize_into(&text[part.start as usize..part.end as usize], out);
            }
            f(&normalised[..parts.len()]);
        });
        self.normalised = normalised;
    }

    /// The index's hot path: [`Tokenizer::words`] then [`word_terms`] for
    /// every word of `text`, calling `f` with the same term ids in the same
    /// order, and returning the sum of what `word_terms` returns. Faster:
    /// words are looked up as they appear in the text (see
    /// [`Stemmers::lookup_raw`]), so a word seen before costs no
    /// normalisation, no `String` and no stemming. A test checks it against
    /// the general path on random text.
    pub fn terms<F: FnMut(u32)>(&mut self, text: &str, stemmers: &mut Stemmers, mut f: F) -> usize {
        let mut counted = 0;
        let mut stems = std::mem::take(&mut self.stems);
        let mut buffer = std::mem::take(&mut self.buffer);
        let bytes = text.as_bytes();
        // The term of one part, passed on unless it is a stop word.
        let mut part_term = |part: &Part, stemmers: &mut Stemmers, f: &mut F| {
            let raw = &bytes[part.start as usize..part.end as usize];
            let (id, stop) = stemmers.lookup_raw(raw, &mut buffer);
            if !stop {
                f(id);
                counted += 1;
            }
            id
        };
        for_each_word(text, &mut self.parts, |parts| {
            // Most words are one part, with no compound to join.
            if let [part] = parts {
                part_term(part, stemmers, &mut f);
                return;
            }
            stems.clear();
            for part in parts {
                stems.push(part_term(part, stemmers, &mut f));
            }
            f(stemmers.join(&stems));
        });
        self.stems = stems;
        self.buffer = buffer;
        counted
    }
}

/// The terms a word puts in the index (as ids of `stemmers`): the stem of
/// every part that is not a stop word, then (for a compound) the stems of
/// all parts joined by `-`. Returns how many terms count toward the field
/// length (the parts).
pub fn word_terms(parts: &[String], stemmers: &mut Stemmers, mut f: impl FnMut(u32)) -> usize {
    let mut counted = 0;
    for part in parts {
        if let Some(id) = stemmers.term(part) {
            f(id);
            counted += 1;
        }
    }
    if parts.len() > 1 {
        f(stemmers.compound(parts));
    }
    counted
}

#[cfg(test)]
mod tests {
    use super::super::normalize::{normalize, normalize_bytes};
    use super::super::scanner::{emit_words, uax29_parts};
    use super::*;

    fn all_words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(text, |parts| out.push(parts.join("-")));
        out
    }

    fn all_terms(text: &str) -> Vec<String> {
        let mut stemmers = Stemmers::default();
        let mut ids = Vec::new();
        words(text, |parts| {
            word_terms(parts, &mut stemmers, |t| ids.push(t));
        });
        ids.into_iter()
            .map(|id| stemmers.text(id).to_string())
            .collect()
    }

    #[test]
    fn words_are_normalised() {
        let cases: &[(&str, &[&str])] = &[
            ("Ёлка и ЕЖИК", &["елка", "и", "ежик"]),
            ("Зелёный  чай.", &["зеленый", "чай"]),
            ("приве\u{301}т", &["привет"]),
            ("Don\u{2019}t stop", &["don't", "stop"]),
            ("Ärger über Straße", &["ärger", "über", "straße"]),
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
        assert_eq!(all_words("а--б"), ["а", "б"]);
    }

    #[test]
    fn digits_and_latin_inside_cyrillic() {
        assert_eq!(
            all_words("В 2024 году рост 3.5% по KPI и B2B-продажам, 1,5 млн"),
            [
                "в",
                "2024",
                "году",
                "рост",
                "3.5",
                "по",
                "kpi",
                "и",
                "b2b-продажам",
                "1,5",
                "млн"
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

    /// Pseudo-random text over `alphabet` (xorshift, fixed seed).
    fn random_texts(alphabet: &str, count: usize, max_len: u64) -> Vec<String> {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        (0..count)
            .map(|_| {
                let len = next() % max_len + 1;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    /// Every Cyrillic letter, the Russian alphabet twice (so it dominates),
    /// ASCII, stress marks, apostrophes and letters whose lower case is
    /// longer or shorter in UTF-8 than the letter.
    fn normalisation_alphabet() -> String {
        let mut alphabet: String = ('\u{0400}'..='\u{04ff}').collect();
        alphabet.push_str("абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁё");
        alphabet.push_str("абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁё");
        alphabet.push_str("azAZ09_'’\u{301}\u{300}ÄäßİΣẞÅ");
        alphabet
    }

    /// The byte-level fast path of normalisation equals the general one.
    #[test]
    fn normalize_bytes_matches_normalize() {
        for word in random_texts(&normalisation_alphabet(), 20_000, 10) {
            let mut bytes = b"x".to_vec();
            normalize_bytes(&word, &mut bytes);
            assert_eq!(
                std::str::from_utf8(&bytes[1..]),
                Ok(normalize(&word).as_str()),
                "{word:?}"
            );
        }
    }

    /// `Tokenizer::terms` (the index's path) gives the terms that `words`
    /// and `word_terms` give, in the same order, with the same count.
    #[test]
    fn fast_terms_match_words_then_word_terms() {
        let mut alphabet = normalisation_alphabet();
        alphabet.push_str("   --‐.,:;«»—\n");
        let mut texts = random_texts(&alphabet, 5_000, 40);
        texts.push("Аккаунт-менеджер и из-за CRM-системы, B2B: Ёлка — ЁЛКИ Отчетность".into());
        let (mut slow, mut fast) = (Stemmers::default(), Stemmers::default());
        let mut tokenizer = Tokenizer::default();
        for text in texts {
            let mut expected = Vec::new();
            let mut expected_count = 0;
            words(&text, |parts| {
                expected_count += word_terms(parts, &mut slow, |id| expected.push(id));
            });
            let expected: Vec<String> = expected.iter().map(|id| slow.text(*id).into()).collect();
            let mut got = Vec::new();
            let count = tokenizer.terms(&text, &mut fast, |id| got.push(id));
            let got: Vec<String> = got.iter().map(|id| fast.text(*id).into()).collect();
            assert_eq!(got, expected, "{text:?}");
            assert_eq!(count, expected_count, "{text:?}");
        }
    }

    /// Every word of `text` as byte ranges of its parts.
    fn fast_words(text: &str) -> Vec<Vec<(u32, u32)>> {
        let mut out = Vec::new();
        for_each_word(text, &mut Vec::new(), |parts| {
            out.push(parts.iter().map(|p| (p.start, p.end)).collect())
        });
        out
    }

    /// The same through `unicode-segmentation`, line by line.
    fn uax29_words(text: &str) -> Vec<Vec<(u32, u32)>> {
        let mut out = Vec::new();
        let mut parts = Vec::new();
        for line in text.split_inclusive('\n') {
            let offset = line.as_ptr() as usize - text.as_ptr() as usize;
            uax29_parts(line, offset, &mut parts);
            emit_words(&mut parts, &mut |word: &[Part]| {
                out.push(word.iter().map(|p| (p.start, p.end)).collect())
            });
        }
        out
    }

    /// The fast scanner and unicode-segmentation agree on the words (and
    /// compounds) of pseudo-random text over the characters the scanner
    /// handles, and, with a character it does not handle, the fast path
    /// gives way for that line only.
    #[test]
    fn fast_segmentation_matches_uax29() {
        let alphabet: Vec<char> = "aZ9_:·,;.'‘’ \t\n-!\"%()/«»—–…“”„№‐‑яЁ".chars().collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..20_000 {
            let len = (next() % 24) as usize + 1;
            let mut text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            if round % 4 == 0 {
                let at = text.char_indices().nth(len / 2).map_or(0, |(i, _)| i);
                text.insert(at, '漢');
            }
            assert_eq!(fast_words(&text), uax29_words(&text), "{text:?}");
        }
        let long = "Ёлкии ".repeat(9) + "съешь-ка 漢字\nаккаунт-менеджер";
        assert_eq!(fast_words(&long), uax29_words(&long));
        // Long Cyrillic runs, read sixteen bytes at a time, ending at every
        // offset, among letters of other lead bytes (`ґ` 0xd2, `ӂ` 0xd3),
        // the sign `҂` (0xd2, not a letter) and ASCII.
        let cyrillic: Vec<char> = "абвгдежзийклмнопрстуфхцчшщъыьэюяЁёІѣґӂ҂ a1.-\n"
            .chars()
            .collect();
        for _ in 0..20_000 {
            let len = (next() % 64) as usize + 1;
            let text: String = (0..len)
                .map(|_| {
                    let pick = next() as usize;
                    // Mostly letters of `0xd0`/`0xd1`, so runs grow long.
                    cyrillic[if pick.is_multiple_of(4) {
                        pick % cyrillic.len()
                    } else {
                        pick % 38
                    }]
                })
                .collect();
            assert_eq!(fast_words(&text), uax29_words(&text), "{text:?}");
        }
    }
}
