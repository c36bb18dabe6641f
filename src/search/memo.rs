//! A map from words (as bytes) to their term, for the index's hot path: it
//! is asked for every word of a site, millions of times, and its cost is
//! the memory it touches, not the instructions it runs (a site of 10,000
//! pages has some 20,000 distinct word forms, met in no useful order).
//!
//! So a word is not kept, only its fingerprint: 96 bits of its XXH3-128
//! hash. Four fingerprints and their values fill one 64-byte line, and the
//! table of a 20,000-word site fits in a core's L2 cache, where a general
//! hash map (control bytes, then the entry holding the key) touches two
//! lines further out. Two words with the same fingerprint would share a
//! term: with n distinct words the odds are about n² / 2⁹⁶ (1e-17 for a
//! million), far below any other way a build can go wrong.

use xxhash_rust::xxh3::xxh3_128;

/// Most of the table's slots in use before it doubles, as a fraction.
const LOAD: (usize, usize) = (7, 10);

#[derive(Clone, Copy, Default)]
struct Slot {
    /// Bits 0..64 of the fingerprint; also picks the line.
    tag: u64,
    /// Bits 64..96, with the lowest bit set: 0 marks an empty slot.
    check: u32,
    value: u32,
}

/// One cache line of slots, filled in order.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct Line([Slot; 4]);

pub(super) struct WordMap {
    lines: Vec<Line>,
    len: usize,
}

impl Default for WordMap {
    fn default() -> Self {
        WordMap {
            lines: vec![Line::default(); 64],
            len: 0,
        }
    }
}

impl WordMap {
    #[inline(always)]
    pub(super) fn get(&self, word: &[u8]) -> Option<u32> {
        let (tag, check) = fingerprint(word);
        let mask = self.lines.len() - 1;
        let mut i = tag as usize & mask;
        loop {
            for slot in &self.lines[i].0 {
                if slot.check == 0 {
                    return None;
                }
                if slot.tag == tag && slot.check == check {
                    return Some(slot.value);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds a word not in the map yet.
    pub(super) fn insert(&mut self, word: &[u8], value: u32) {
        if (self.len + 1) * LOAD.1 > self.lines.len() * 4 * LOAD.0 {
            self.grow();
        }
        let (tag, check) = fingerprint(word);
        self.place(Slot { tag, check, value });
        self.len += 1;
    }

    /// Puts a slot in the first free place of its probe sequence (there is
    /// one: the load stays below 1).
    fn place(&mut self, new: Slot) {
        let mask = self.lines.len() - 1;
        let mut i = new.tag as usize & mask;
        loop {
            if let Some(slot) = self.lines[i].0.iter_mut().find(|s| s.check == 0) {
                *slot = new;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    #[cold]
    fn grow(&mut self) {
        let doubled = vec![Line::default(); self.lines.len() * 2];
        let old = std::mem::replace(&mut self.lines, doubled);
        for slot in old.iter().flat_map(|line| line.0) {
            if slot.check != 0 {
                self.place(slot);
            }
        }
    }
}

#[inline(always)]
fn fingerprint(word: &[u8]) -> (u64, u32) {
    let hash = xxh3_128(word);
    (hash as u64, (hash >> 64) as u32 | 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_every_length_are_found() {
        let mut map = WordMap::default();
        let words: Vec<String> = (0..80)
            .flat_map(|n| ["я".repeat(n / 2) + &"a".repeat(n % 2), "b".repeat(n)])
            .collect();
        for (i, w) in words.iter().enumerate() {
            if map.get(w.as_bytes()).is_none() {
                map.insert(w.as_bytes(), i as u32);
            }
        }
        for (i, w) in words.iter().enumerate() {
            let first = words.iter().position(|x| x == w).unwrap();
            assert_eq!(map.get(w.as_bytes()), Some(first as u32), "{w} ({i})");
        }
        assert_eq!(map.get(b"b\0"), None);
    }

    /// Through several doublings, every word keeps its value.
    #[test]
    fn growing_keeps_every_word() {
        let mut map = WordMap::default();
        for i in 0..50_000u32 {
            map.insert(format!("слово{i}").as_bytes(), i);
        }
        for i in (0..50_000u32).step_by(7) {
            assert_eq!(map.get(format!("слово{i}").as_bytes()), Some(i));
        }
        assert_eq!(map.get("слово50000".as_bytes()), None);
    }
}
