//! Normalising a word: the first half of the contract with `search.js`
//! (lower case, `ё` → `е`, typographic apostrophe → `'`, stress marks
//! dropped). Used by the tokenizer on text and by the stemmers on words
//! they are handed raw, so it sits below both.

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
