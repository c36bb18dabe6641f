//! Word segmentation: the fast scanner for text made only of ASCII,
//! Cyrillic letters and common punctuation (nearly all of a Russian site),
//! which applies the UAX #29 rules those characters can meet in one pass
//! over the bytes (Cyrillic letters sixteen bytes at a time), and the
//! general path through `unicode-segmentation` for a line holding any other
//! character. `tokenize.rs` tests that the two agree.

use unicode_segmentation::UnicodeSegmentation;

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
pub(super) struct Part {
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) joined: bool,
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
pub(super) fn for_each_word(text: &str, parts: &mut Vec<Part>, mut f: impl FnMut(&[Part])) {
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
pub(super) fn emit_words(parts: &mut Vec<Part>, f: &mut impl FnMut(&[Part])) {
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
pub(super) fn uax29_parts(line: &str, offset: usize, out: &mut Vec<Part>) {
    // U+202F NARROW NO-BREAK SPACE is ExtendNumLet in UAX #29 (for
    // Mongolian), so it would glue «50 000» or «в доме» into one word;
    // Russian typography uses it as a space (issue 18). U+2009 is a space
    // of the same UTF-8 length, so byte offsets hold. search-engine.js does
    // the same.
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
