//! How readers type, as rules the browser applies to a query: words that
//! only frame a question («что такое», «можно ли»), text typed with the
//! wrong keyboard layout (`rkbtyn` for «клиент»), terms typed in the other
//! script (`црм` for CRM, `menedzher` for «менеджер»), and words joined or
//! split differently from the pages («онлайнкурс», «Product Star»).
//!
//! This module is the one source of the tables: `mod.rs` writes them into
//! `meta.js`, and `search-engine.js` applies them with the same steps as
//! the functions here. `tests/search/query-vectors.json` holds both sides
//! to the same answers (a Rust test here, a node test in `tests/js/`).

use serde::Serialize;

/// Words that frame a question without saying what it is about:
/// interrogatives, particles, prepositions and fillers the stop list does
/// not already drop, the verbs of «как написать / сказать / вести …» and
/// the words of «чем отличается … от …». They do not take part in the match unless the query is made of
/// nothing else. Sorted (binary search).
pub const FILLER: &[&str] = &[
    "how",
    "vs",
    "what",
    "why",
    "бывает",
    "быть",
    "ведет",
    "ведут",
    "вести",
    "вообще",
    "делать",
    "должен",
    "должна",
    "должны",
    "завести",
    "зачем",
    "значит",
    "какие",
    "каким",
    "какими",
    "каких",
    "каков",
    "какова",
    "каково",
    "какое",
    "каком",
    "какую",
    "между",
    "можно",
    "мой",
    "моя",
    "надо",
    "написать",
    "научиться",
    "нужно",
    "объяснить",
    "один",
    "означает",
    "ответить",
    "отличается",
    "отличаются",
    "отличие",
    "отличия",
    "перед",
    "писать",
    "пожалуйста",
    "после",
    "поступить",
    "почему",
    "различие",
    "различия",
    "разница",
    "разницу",
    "рассказать",
    "сделать",
    "сказать",
    "сколько",
    "сообщить",
    "стоит",
    "такие",
    "такое",
    "такой",
    "через",
];

/// The QWERTY keys and the ЙЦУКЕН letters on the same keys, in order: a
/// query typed with the other layout active maps character by character.
pub const LAYOUT_LATIN: &str = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.";
pub const LAYOUT_CYRILLIC: &str = "ёйцукенгшщзхъфывапролджэячсмитьбю";

/// Cyrillic letters as Latin ones, the way abbreviations and borrowed terms
/// are spelled back (`црм` → `crm`, `кпи` → `kpi`): `ц` is `c` as in CRM.
const TO_LATIN: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "e"),
    ('ж', "zh"),
    ('з', "z"),
    ('и', "i"),
    ('й', "y"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "h"),
    ('ц', "c"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "sch"),
    ('ъ', ""),
    ('ы', "y"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "yu"),
    ('я', "ya"),
];

/// Latin spellings of Russian words (`menedzher`, `akkaunt`): the longest
/// match first, so `shch` beats `sh` and `zh` beats `z`.
const TO_CYRILLIC: &[(&str, &str)] = &[
    ("shch", "щ"),
    ("sch", "щ"),
    ("kh", "х"),
    ("zh", "ж"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ya", "я"),
    ("yo", "е"),
    ("ye", "е"),
    ("a", "а"),
    ("b", "б"),
    ("c", "ц"),
    ("d", "д"),
    ("e", "е"),
    ("f", "ф"),
    ("g", "г"),
    ("h", "х"),
    ("i", "и"),
    ("j", "дж"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("q", "к"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("v", "в"),
    ("w", "в"),
    ("x", "кс"),
    ("y", "ы"),
    ("z", "з"),
];

/// A part of a word shorter than this is never split off (`онлайнкурс` →
/// `онлайн` + `курс`, but not `о` + `нлайнкурс`).
pub const MIN_SPLIT: usize = 3;

/// The tables as `meta.js` carries them to the browser.
#[derive(Serialize, Debug, PartialEq)]
pub struct QueryRules {
    pub filler: Vec<&'static str>,
    /// `[QWERTY keys, ЙЦУКЕН letters]`, position by position.
    pub layout: [&'static str; 2],
    pub to_latin: Vec<(char, &'static str)>,
    pub to_cyrillic: Vec<(&'static str, &'static str)>,
    pub min_split: usize,
}

impl QueryRules {
    pub fn new() -> Self {
        QueryRules {
            filler: FILLER.to_vec(),
            layout: [LAYOUT_LATIN, LAYOUT_CYRILLIC],
            to_latin: TO_LATIN.to_vec(),
            to_cyrillic: TO_CYRILLIC.to_vec(),
            min_split: MIN_SPLIT,
        }
    }
}

impl Default for QueryRules {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether a normalised word only frames a question.
pub fn is_filler(word: &str) -> bool {
    FILLER.binary_search(&word).is_ok()
}

/// The words of a query that say what it is about: filler dropped, unless
/// only filler and stop words are left (then the query is taken as typed).
/// Words are normalised (see `normalize.rs`); stop words are left to the
/// index, which drops them.
pub fn content_words(words: &[String]) -> Vec<String> {
    let is_stop = |w: &str| {
        super::stem::RUSSIAN_STOP.binary_search(&w).is_ok()
            || super::stem::ENGLISH_STOP.binary_search(&w).is_ok()
    };
    if words.iter().all(|w| is_filler(w) || is_stop(w)) {
        return words.to_vec();
    }
    words.iter().filter(|w| !is_filler(w)).cloned().collect()
}

/// Whether the query asks what a term means: «что такое X», «что значит
/// X», «кто такой X», «X это», "what is X". Words are normalised.
pub fn asks_definition(words: &[String]) -> bool {
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    matches!(
        w.as_slice(),
        ["что", "такое" | "значит" | "означает", _, ..]
            | ["кто", "такой" | "такая" | "такие", _, ..]
            | ["what", "is" | "are", _, ..]
    ) || (w.len() >= 2 && w.last() == Some(&"это"))
}

/// The text as it would read had the other keyboard layout been active:
/// Latin keys → Russian letters when the text has no Cyrillic letter,
/// Russian letters → Latin keys when it has no Latin letter; `None` when it
/// mixes both scripts, nothing changes, or a letter would become
/// punctuation (`б2б` is not `,2,`). Case is kept.
pub fn switch_layout(text: &str) -> Option<String> {
    let has_latin = text.chars().any(|c| c.is_ascii_alphabetic());
    let has_cyrillic = text.chars().any(is_cyrillic);
    let (from, to) = match (has_latin, has_cyrillic) {
        (true, false) => (LAYOUT_LATIN, LAYOUT_CYRILLIC),
        (false, true) => (LAYOUT_CYRILLIC, LAYOUT_LATIN),
        _ => return None,
    };
    let out: String = text
        .chars()
        .map(|c| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            match from.chars().position(|k| k == lower) {
                Some(i) => {
                    let mapped = to.chars().nth(i).unwrap_or(c);
                    if lower == c {
                        mapped
                    } else {
                        mapped.to_uppercase().next().unwrap_or(mapped)
                    }
                }
                None => c,
            }
        })
        .collect();
    let letters = |t: &str| t.chars().filter(|c| c.is_alphabetic()).count();
    (out != text && letters(&out) >= letters(text)).then_some(out)
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04ff}').contains(&c)
}

/// A normalised word in the other script: Cyrillic → Latin by
/// [`TO_LATIN`], Latin → Cyrillic by [`TO_CYRILLIC`]; `None` for a word
/// in neither or both scripts (digits pass through: `б2б` → `b2b`).
pub fn transliterate(word: &str) -> Option<String> {
    let latin = word.chars().any(|c| c.is_ascii_lowercase());
    let cyrillic = word.chars().any(is_cyrillic);
    match (latin, cyrillic) {
        (false, true) => word
            .chars()
            .map(|c| match TO_LATIN.iter().find(|(k, _)| *k == c) {
                Some((_, v)) => Some((*v).to_string()),
                None if c.is_ascii_digit() => Some(c.to_string()),
                None => None,
            })
            .collect(),
        (true, false) => {
            let mut out = String::new();
            let mut rest = word;
            'outer: while !rest.is_empty() {
                for (k, v) in TO_CYRILLIC {
                    if let Some(after) = rest.strip_prefix(k) {
                        out.push_str(v);
                        rest = after;
                        continue 'outer;
                    }
                }
                let c = rest.chars().next()?;
                if !c.is_ascii_digit() {
                    return None;
                }
                out.push(c);
                rest = &rest[1..];
            }
            Some(out)
        }
        _ => None,
    }
}

/// The ways one word may be two the pages write apart (`онлайнкурс` →
/// `онлайн` + `курс`): every split leaving at least [`MIN_SPLIT`]
/// characters each side, longest first part first.
pub fn splits(word: &str) -> Vec<[String; 2]> {
    let chars: Vec<char> = word.chars().collect();
    if chars.iter().any(|c| !c.is_alphabetic()) {
        return Vec::new();
    }
    (MIN_SPLIT..=chars.len().saturating_sub(MIN_SPLIT))
        .rev()
        .map(|i| {
            [
                chars[..i].iter().collect(),
                chars[i..].iter().collect::<String>(),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::normalize;

    /// The vectors `tests/js/query-rules.test.mjs` checks the browser with.
    const VECTORS: &str = include_str!("../../tests/search/query-vectors.json");

    fn vectors() -> serde_json::Value {
        serde_json::from_str(VECTORS).expect("query-vectors.json parses")
    }

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(normalize).collect()
    }

    fn pairs(name: &str) -> Vec<(String, serde_json::Value)> {
        vectors()[name]
            .as_array()
            .unwrap_or_else(|| panic!("{name} is a list"))
            .iter()
            .map(|pair| (pair[0].as_str().unwrap().to_string(), pair[1].clone()))
            .collect()
    }

    #[test]
    fn tables_are_well_formed() {
        assert!(FILLER.windows(2).all(|w| w[0] < w[1]), "FILLER is sorted");
        assert_eq!(
            LAYOUT_LATIN.chars().count(),
            LAYOUT_CYRILLIC.chars().count()
        );
        for w in FILLER {
            assert_eq!(normalize(w), *w, "filler words are normalised");
        }
    }

    #[test]
    fn filler_words_leave_the_subject() {
        for (query, expected) in pairs("content_words") {
            let expected: Vec<String> = serde_json::from_value(expected).unwrap();
            assert_eq!(content_words(&words(&query)), expected, "{query}");
        }
    }

    #[test]
    fn definition_questions() {
        for (query, expected) in pairs("asks_definition") {
            assert_eq!(asks_definition(&words(&query)), expected, "{query}");
        }
    }

    #[test]
    fn wrong_layout() {
        for (query, expected) in pairs("switch_layout") {
            assert_eq!(
                switch_layout(&query),
                expected.as_str().map(String::from),
                "{query}"
            );
        }
    }

    #[test]
    fn other_script() {
        for (word, expected) in pairs("transliterate") {
            assert_eq!(
                transliterate(&word),
                expected.as_str().map(String::from),
                "{word}"
            );
        }
    }

    #[test]
    fn joined_words_split() {
        for (word, expected) in pairs("splits") {
            let expected: Vec<[String; 2]> = serde_json::from_value(expected).unwrap();
            assert_eq!(splits(&word), expected, "{word}");
        }
    }

    /// The tables as `meta.js` carries them, kept as a golden file that
    /// the node test of the browser's side reads (`KURATOR_BLESS=1`
    /// rewrites it after a deliberate change).
    #[test]
    fn rules_serialise_for_the_browser() {
        let stop: Vec<&str> = super::super::stem::RUSSIAN_STOP
            .iter()
            .chain(super::super::stem::ENGLISH_STOP)
            .copied()
            .collect();
        let both = serde_json::json!({ "query": QueryRules::new(), "stop": stop });
        let json = serde_json::to_string_pretty(&both).unwrap() + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search/query-rules.json");
        if std::env::var_os("KURATOR_BLESS").is_some() {
            std::fs::write(path, &json).unwrap();
        }
        let golden = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(
            golden, json,
            "tests/search/query-rules.json is stale: KURATOR_BLESS=1 cargo test --lib query"
        );
        assert!(json.contains(r#""ц","#));
    }
}
