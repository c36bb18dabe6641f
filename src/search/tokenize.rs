//! Text → words, and words → index terms. The browser (`search.js`) repeats
//! exactly these steps on the query and on snippet text, so the rules here
//! are a contract: Unicode word segmentation (UAX #29), lower case, `ё` → `е`,
//! stress marks dropped, words joined by a hyphen kept together as one
//! compound word, stop words dropped, Snowball stems (see `stem.rs`).
//!
//! Segmentation has a fast path: text made only of ASCII, Cyrillic letters
//! and common punctuation (nearly all of a Russian site) is split by a small
//! scanner that applies the UAX #29 rules those characters can meet, in one
//! pass over the bytes (Cyrillic letters four at a time); a line holding
//! any other character goes through `unicode-segmentation`. A test checks
//! the two agree.

use unicode_segmentation::UnicodeSegmentation;

use super::stem::Stemmers;

/// Lower case, `ё` → `е`, typographic apostrophe → `'`, stress marks
/// dropped; appended to `out`.
pub fn normalize_into(word: &str, out: &mut String) {
    for c in word.chars() {
        match c {
            'a'..='z' | '0'..='9' | 'а'..='я' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            'ё' | 'Ё' => out.push('е'),
            '\u{0301}' | '\u{0300}' => {}
            '\u{2019}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// [`normalize_into`] appended to a byte buffer, for the index's hot path:
/// ASCII and the Russian alphabet are lower-cased byte by byte, without
/// decoding; any other character goes through [`normalize_into`]. The
/// result is always valid UTF-8 (a test checks it equals `normalize`).
pub(crate) fn normalize_bytes(word: &str, out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(word.as_bytes());
    let b = &mut out[start..];
    b.make_ascii_lowercase();
    // The rest changes Russian letters in place (same length in UTF-8).
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        match (lead, b.get(i + 1).copied().unwrap_or(0)) {
            // а..п, р..я: already lower case.
            (0xd0, 0xb0..=0xbf) | (0xd1, 0x80..=0x8f) => {}
            // А..П → а..п
            (0xd0, next @ 0x90..=0x9f) => b[i + 1] = next + 0x20,
            // Р..Я → р..я
            (0xd0, next @ 0xa0..=0xaf) => {
                b[i] = 0xd1;
                b[i + 1] = next - 0x20;
            }
            // Ё, ё → е
            (0xd0, 0x81) | (0xd1, 0x91) => {
                b[i] = 0xd0;
                b[i + 1] = 0xb5;
            }
            // Anything else: the general rules from here on (`i` is at the
            // same character boundary in `word`).
            _ => {
                out.truncate(start + i);
                let mut rest = String::new();
                normalize_into(&word[i..], &mut rest);
                out.extend_from_slice(rest.as_bytes());
                return;
            }
        }
        i += 2;
    }
}

/// [`normalize_into`] a new string.
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

fn is_hyphen(segment: &str) -> bool {
    matches!(segment, "-" | "\u{2010}" | "\u{2011}")
}

fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Word-break classes of the characters the fast path handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `_`: glues to letters and digits on both sides.
    Underscore,
    /// `:` `·`: joins letters.
    MidLetter,
    /// `,` `;`: joins digits.
    MidNum,
    /// `.` `'` `‘` `’`: joins letters, and joins digits.
    MidNumLet,
    /// Breaks on both sides.
    Other,
    /// `-` `‐` `‑`: breaks on both sides; may join a compound word.
    Hyphen,
    /// Not handled: use `unicode-segmentation`.
    Complex,
}

const fn class(c: char) -> Class {
    match c {
        'a'..='z' | 'A'..='Z' => Class::Letter,
        '\u{0400}'..='\u{0481}' | '\u{048a}'..='\u{04ff}' => Class::Letter,
        '0'..='9' => Class::Digit,
        '_' => Class::Underscore,
        ':' | '\u{00b7}' => Class::MidLetter,
        ',' | ';' => Class::MidNum,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => Class::MidNumLet,
        '-' | '\u{2010}' | '\u{2011}' => Class::Hyphen,
        ' ' | '\t' | '\n' | '\r' | '!' | '"' | '#' | '$' | '%' | '&' | '(' | ')' | '*' | '+'
        | '/' | '<' | '=' | '>' | '?' | '@' | '[' | '\\' | ']' | '^' | '`' | '{' | '|' | '}'
        | '~' => Class::Other,
        '«' | '»' | '—' | '–' | '…' | '“' | '”' | '„' | '№' => Class::Other,
        _ => Class::Complex,
    }
}

/// [`class`] of every ASCII character.
static ASCII_CLASS: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = class(i as u8 as char);
        i += 1;
    }
    table
};

/// Class of the character starting at byte `i`, and its length, read
/// from the bytes (the hot path: no char decoding for ASCII and Cyrillic).
#[inline(always)]
fn byte_class(b: &[u8], i: usize) -> (Class, usize) {
    let lead = b[i];
    if lead < 0x80 {
        return (ASCII_CLASS[lead as usize], 1);
    }
    match lead {
        // U+0400..U+047F, U+04C0..U+04FF: letters.
        0xd0 | 0xd1 | 0xd3 => (Class::Letter, 2),
        // U+0480..U+04BF: letters but for U+0482..U+0489 (sign, marks).
        0xd2 if !(0x82..=0x89).contains(&b[i + 1]) => (Class::Letter, 2),
        // Other two-byte characters (`«`, `»`, `·`, Latin-1 letters…).
        0xc0..=0xdf => {
            let c = char::from_u32((u32::from(lead & 0x1f) << 6) | u32::from(b[i + 1] & 0x3f));
            (c.map_or(Class::Complex, class), 2)
        }
        0xe0..=0xef => {
            let c = char::from_u32(
                (u32::from(lead & 0x0f) << 12)
                    | (u32::from(b[i + 1] & 0x3f) << 6)
                    | u32::from(b[i + 2] & 0x3f),
            );
            (c.map_or(Class::Complex, class), 3)
        }
        _ => (Class::Complex, 4),
    }
}

/// One part of a word, as a byte range of its line: a plain word is one
/// part; `аккаунт-менеджер` is two, the second `joined` to the first (one
/// hyphen right between them, no space).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    start: u32,
    end: u32,
    joined: bool,
}

/// Groups word segments into compound words: a word, one hyphen, a word
/// (no space) continue the same compound; anything else ends it.
#[derive(Default)]
struct Compounds {
    /// A word was the last segment, or a word and then one hyphen.
    in_word: bool,
    /// A hyphen right after a word: the next word joins the compound.
    pending_hyphen: bool,
}

impl Compounds {
    #[inline(always)]
    fn word(&mut self, start: usize, end: usize, out: &mut Vec<Part>) {
        out.push(Part {
            start: start as u32,
            end: end as u32,
            joined: self.in_word && self.pending_hyphen,
        });
        self.in_word = true;
        self.pending_hyphen = false;
    }

    #[inline(always)]
    fn hyphen(&mut self) {
        if self.in_word && !self.pending_hyphen {
            self.pending_hyphen = true;
        } else {
            self.other();
        }
    }

    #[inline(always)]
    fn other(&mut self) {
        self.in_word = false;
        self.pending_hyphen = false;
    }
}

/// Calls `f` with the parts of every word of `text`, one word at a time,
/// as UAX #29 splits it. One pass over the bytes applies the rules that
/// ASCII, Cyrillic and common punctuation can meet; a line holding any
/// other character is split again by `unicode-segmentation` (no word runs
/// across a line break, so each line can take its own path). The parts of
/// a line wait in `parts` until the line is known to take the fast path.
fn for_each_word(text: &str, parts: &mut Vec<Part>, mut f: impl FnMut(&[Part])) {
    let b = text.as_bytes();
    let n = b.len();
    let mut compounds = Compounds::default();
    let mut line_start = 0;
    let mut i = 0;
    parts.clear();
    while i < n {
        let start = i;
        // The usual cases first: a space, a Cyrillic word.
        let lead = b[i];
        if lead == b' ' {
            compounds.other();
            i += 1;
            continue;
        }
        if lead & 0xfe == 0xd0 {
            i = word_end(b, i + 2, Class::Letter).0;
            compounds.word(start, i, parts);
            continue;
        }
        let (class, len) = byte_class(b, i);
        i += len;
        match class {
            Class::Letter | Class::Digit | Class::Underscore => {
                let (end, alnum) = word_end(b, i, class);
                i = end;
                if alnum {
                    compounds.word(start, i, parts);
                } else {
                    compounds.other();
                }
            }
            Class::Hyphen => compounds.hyphen(),
            Class::Complex => {
                let line_end = memchr::memchr(b'\n', &b[i..]).map_or(n, |k| i + k + 1);
                parts.clear();
                uax29_parts(&text[line_start..line_end], line_start, parts);
                emit_words(parts, &mut f);
                compounds = Compounds::default();
                (i, line_start) = (line_end, line_end);
            }
            _ => {
                compounds.other();
                if b[start] == b'\n' {
                    emit_words(parts, &mut f);
                    line_start = i;
                }
            }
        }
    }
    emit_words(parts, &mut f);
}

/// Where a word that started before `i` (its first character of class
/// `first`) ends, and whether it holds a letter or digit (not only `_`).
#[inline(always)]
fn word_end(b: &[u8], mut i: usize, first: Class) -> (usize, bool) {
    let n = b.len();
    let mut alnum = first != Class::Underscore;
    let mut last = first;
    while i < n {
        // Cyrillic letters first: two bytes each, `0xd0`/`0xd1` then a
        // continuation byte.
        if b[i] & 0xfe == 0xd0 {
            alnum = true;
            last = Class::Letter;
            // Sixteen bytes at a time; the first byte that is not part of
            // such a letter ends the run, found from the mask's trailing
            // zeros, with no branch per letter.
            match b.get(i..i + 16).and_then(|s| <&[u8; 16]>::try_from(s).ok()) {
                Some(&sixteen) => {
                    let x = (u128::from_le_bytes(sixteen)
                        & 0xc0fe_c0fe_c0fe_c0fe_c0fe_c0fe_c0fe_c0fe)
                        ^ 0x80d0_80d0_80d0_80d0_80d0_80d0_80d0_80d0;
                    if x == 0 {
                        i += 16;
                        continue;
                    }
                    // Within the sixteen bytes, so `i < n`; the character
                    // there is not a letter of these two lead bytes.
                    i += (x.trailing_zeros() / 16) as usize * 2;
                }
                None => {
                    i += 2;
                    continue;
                }
            }
        }
        let lead = b[i];
        let (next, next_len) = if lead < 0x80 {
            (ASCII_CLASS[lead as usize], 1)
        } else {
            byte_class(b, i)
        };
        if wordish(next) {
            alnum |= next != Class::Underscore;
            last = next;
            i += next_len;
        } else if i + next_len < n
            && matches!(next, Class::MidLetter | Class::MidNum | Class::MidNumLet)
        {
            let (after, after_len) = byte_class(b, i + next_len);
            if !mid_joins(last, next, after) {
                break;
            }
            last = after;
            i += next_len + after_len;
        } else {
            break;
        }
    }
    (i, alnum)
}

/// Calls `f` with each word of `parts` (a run of joined parts), then
/// empties `parts`.
fn emit_words(parts: &mut Vec<Part>, f: &mut impl FnMut(&[Part])) {
    let mut first = 0;
    for i in 1..parts.len() {
        if !parts[i].joined {
            f(&parts[first..i]);
            first = i;
        }
    }
    if first < parts.len() {
        f(&parts[first..]);
    }
    parts.clear();
}

/// The general path of [`for_each_word`]: the word parts of `line`, which
/// starts at byte `offset` of the text, appended to `out`.
fn uax29_parts(line: &str, offset: usize, out: &mut Vec<Part>) {
    // U+202F NARROW NO-BREAK SPACE is ExtendNumLet in UAX #29 (for
    // Mongolian), so it would glue «50 000» or «в доме» into one word;
    // Russian typography uses it as a space (issue 18). U+2009 is a space
    // of the same UTF-8 length, so byte offsets hold. search.js does the same.
    let spaced;
    let line = if line.contains('\u{202f}') {
        spaced = line.replace('\u{202f}', "\u{2009}");
        spaced.as_str()
    } else {
        line
    };
    let mut compounds = Compounds::default();
    let origin = line.as_ptr() as usize;
    for segment in line.split_word_bounds() {
        let at = offset + segment.as_ptr() as usize - origin;
        if is_word(segment) {
            compounds.word(at, at + segment.len(), out);
        } else if is_hyphen(segment) {
            compounds.hyphen();
        } else {
            compounds.other();
        }
    }
}

fn wordish(c: Class) -> bool {
    matches!(c, Class::Letter | Class::Digit | Class::Underscore)
}

/// WB6/7 and WB11/12: a letter, a mid character, a letter; same for digits.
fn mid_joins(a: Class, mid: Class, b: Class) -> bool {
    matches!(
        (a, mid, b),
        (
            Class::Letter,
            Class::MidLetter | Class::MidNumLet,
            Class::Letter
        ) | (Class::Digit, Class::MidNum | Class::MidNumLet, Class::Digit)
    )
}

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
