//! The seed-overlap rule of issue 18 as data: no run of 10 consecutive
//! words of the seed article in content/ or data/. The test cannot read the
//! article (a bare clone has nothing beside it), so the repository keeps the
//! xxh3-64 hashes of the article's normalised 10-word windows
//! (tests/data/seed-windows.xxh3, written by scripts/seed-hashes), and the
//! test hashes its own windows the same way. Shared word for word with
//! examples/seed-hashes.rs (`#[path]`), so both sides normalise alike.

/// Words per window.
pub(crate) const WINDOW: usize = 10;

/// Lower case, `ё` → `е`, split on anything that is not a letter or digit
/// (the same rule as the writers' checker, /tmp/tools/overlap.py, but for `_`).
pub(crate) fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('ё', "е")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The hash of one window: its words joined by single spaces.
pub(crate) fn window_hash(window: &[String]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(window.join(" ").as_bytes())
}

/// Every window of the text with its hash, in text order.
pub(crate) fn windows(text: &str) -> Vec<(u64, String)> {
    words(text)
        .windows(WINDOW)
        .map(|w| (window_hash(w), w.join(" ")))
        .collect()
}

/// The hash file's text: one 16-digit hex hash a line, sorted, no repeats.
#[allow(dead_code)] // used by examples/seed-hashes.rs, which includes this file
pub(crate) fn hash_file(text: &str) -> String {
    let mut hashes: Vec<u64> = windows(text).into_iter().map(|(h, _)| h).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes.iter().map(|h| format!("{h:016x}\n")).collect()
}
