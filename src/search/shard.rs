//! Postings encoding and the split of the term dictionary into shards by
//! term prefix, so a query loads only the shards of its words and the bytes
//! for a first result stay flat as the site grows.
//!
//! A shard's key is a term prefix; a term lives in the shard with the
//! longest key that is a prefix of it (`search.js` looks it up the same
//! way). The whole dictionary starts as the shard `""`; a shard over the
//! size limit is split by one more character, down to [`MAX_DEPTH`].

use super::index::Posting;

/// Target size of a shard file, in bytes of encoded terms and postings.
pub const SHARD_LIMIT: usize = 24 * 1024;
/// Longest shard key, in characters.
pub const MAX_DEPTH: usize = 6;

/// Most postings kept for one term. A term on more entries (a word on
/// nearly every page of a large site) keeps only its `POSTINGS_CAP`
/// best-scored postings: the best sections for that word are all there, a
/// shard shrinks from hundreds of kilobytes to tens, and the browser ranks
/// thousands of entries instead of tens of thousands. Its full count is
/// written first (see [`encode_postings`]) so the browser's IDF stays right.
pub const POSTINGS_CAP: usize = 10_000;

/// The 64 digits of the postings encoding: JSON- and URL-safe.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Appends `n` as a little-endian varint of 5-bit groups; digit value
/// 32..63 means "more groups follow".
fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    loop {
        let low = n & 31;
        n >>= 5;
        if n == 0 {
            out.push(DIGITS[low as usize]);
            return;
        }
        out.push(DIGITS[(low | 32) as usize]);
    }
}

/// Encodes a sorted postings list as varints: page delta, section, score.
/// A list longer than [`POSTINGS_CAP`] keeps its best-scored postings (on a
/// tie, the earlier page and section), in page order, after `~`, the full
/// count as a varint, and `.`.
pub fn encode_postings(postings: &[Posting]) -> String {
    let mut out = Vec::with_capacity(postings.len().min(POSTINGS_CAP) * 3 + 8);
    let cut;
    let kept = if postings.len() > POSTINGS_CAP {
        cut = best_postings(postings, POSTINGS_CAP);
        out.push(b'~');
        push_varint(&mut out, u32::try_from(postings.len()).unwrap_or(u32::MAX));
        out.push(b'.');
        &cut[..]
    } else {
        postings
    };
    let mut previous = 0;
    for &(page, section, score) in kept {
        push_varint(&mut out, page - previous);
        push_varint(&mut out, section);
        push_varint(&mut out, u32::from(score));
        previous = page;
    }
    String::from_utf8(out).expect("the digits are ASCII")
}

/// The `cap` best-scored of `postings` (sorted by page and section), in
/// the same order; on a tie, the earlier ones. Scores are small, so a count
/// per score finds the lowest score kept and how many of it: no sorting.
fn best_postings(postings: &[Posting], cap: usize) -> Vec<Posting> {
    let mut per_score = [0usize; 256];
    for p in postings {
        per_score[usize::from(p.2)] += 1;
    }
    // The lowest score kept, and how many postings of it fit.
    let (mut lowest, mut room) = (0, cap);
    for score in (0..256).rev() {
        if per_score[score] >= room {
            lowest = score;
            break;
        }
        room -= per_score[score];
    }
    let mut kept = Vec::with_capacity(cap);
    for &p in postings {
        let score = usize::from(p.2);
        if score > lowest {
            kept.push(p);
        } else if score == lowest && room > 0 {
            kept.push(p);
            room -= 1;
        }
    }
    kept
}

/// Decodes [`encode_postings`] (for tests; the browser has its own
/// decoder): the full count of postings and the postings kept.
pub fn decode_postings(text: &str) -> (usize, Vec<Posting>) {
    let (count, body) = match text.strip_prefix('~').and_then(|t| t.split_once('.')) {
        Some((count, body)) => (Some(decode_varints(count)[0] as usize), body),
        None => (None, text),
    };
    let numbers = decode_varints(body);
    let mut page = 0;
    let postings: Vec<Posting> = numbers
        .chunks_exact(3)
        .map(|c| {
            page += c[0];
            (page, c[1], c[2] as u8)
        })
        .collect();
    (count.unwrap_or(postings.len()), postings)
}

fn decode_varints(text: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    let (mut value, mut shift) = (0u32, 0);
    for b in text.bytes() {
        let digit = DIGITS.iter().position(|&d| d == b).unwrap_or(0) as u32;
        value |= (digit & 31) << shift;
        if digit & 32 == 0 {
            numbers.push(value);
            value = 0;
            shift = 0;
        } else {
            shift += 5;
        }
    }
    numbers
}

/// Splits terms (sorted, with their encoded postings) into shards: returns
/// (key, range of `terms`) in key order.
pub fn split<T: AsRef<str>>(
    terms: &[(T, String)],
    limit: usize,
) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    split_range(terms, 0..terms.len(), String::new(), limit, &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn size<T: AsRef<str>>(terms: &[(T, String)]) -> usize {
    terms
        .iter()
        .map(|(t, p)| t.as_ref().len() + p.len() + 6)
        .sum()
}

fn split_range<T: AsRef<str>>(
    terms: &[(T, String)],
    range: std::ops::Range<usize>,
    key: String,
    limit: usize,
    out: &mut Vec<(String, std::ops::Range<usize>)>,
) {
    let depth = key.chars().count();
    if range.len() <= 1 || depth >= MAX_DEPTH || size(&terms[range.clone()]) <= limit {
        out.push((key, range));
        return;
    }
    // Sorted terms with one prefix are contiguous; the term equal to the
    // key (if any) sorts first and stays in the key's own shard.
    let mut start = range.start;
    if terms[start].0.as_ref() == key {
        out.push((key.clone(), start..start + 1));
        start += 1;
    }
    while start < range.end {
        let child: String = terms[start].0.as_ref().chars().take(depth + 1).collect();
        let mut end = start + 1;
        while end < range.end && terms[end].0.as_ref().starts_with(&child) {
            end += 1;
        }
        split_range(terms, start..end, child, limit, out);
        start = end;
    }
}

/// The shard (index into `keys`) holding `term`: the longest key that is a
/// prefix of it.
pub fn shard_of(keys: &[String], term: &str) -> Option<usize> {
    keys.iter()
        .enumerate()
        .filter(|(_, k)| term.starts_with(k.as_str()))
        .max_by_key(|(_, k)| k.len())
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip() {
        let postings = vec![(0, 0, 1), (0, 3, 31), (7, 0, 12), (40_000, 1_000, 5)];
        let encoded = encode_postings(&postings);
        assert_eq!(&encoded[..6], "00103V");
        assert_eq!(decode_postings(&encoded), (4, postings));
    }

    #[test]
    fn long_lists_keep_their_best_postings_and_full_count() {
        let total = POSTINGS_CAP + 10;
        // Scores 1..=31 cycling; the ten extra postings cost the lowest.
        let postings: Vec<Posting> = (0..total as u32)
            .map(|p| (p, p % 3, (p % 31) as u8 + 1))
            .collect();
        let encoded = encode_postings(&postings);
        assert!(encoded.starts_with('~'));
        let (count, kept) = decode_postings(&encoded);
        assert_eq!(count, total);
        assert_eq!(kept.len(), POSTINGS_CAP);
        assert!(kept.windows(2).all(|w| w[0] < w[1]), "page order");
        let lowest_kept = kept.iter().map(|p| p.2).min().unwrap();
        let dropped: Vec<&Posting> = postings.iter().filter(|p| !kept.contains(p)).collect();
        assert_eq!(dropped.len(), 10);
        assert!(dropped.iter().all(|p| p.2 <= lowest_kept));
        // Ties go to the earlier pages: the dropped are the last of score 1.
        assert!(dropped.iter().all(|p| p.2 == 1 && p.0 > total as u32 / 2));
    }

    /// The counting cut equals sorting by score (then page and section),
    /// taking the first `cap` and putting them back in page order.
    #[test]
    fn best_postings_match_a_sort() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for round in 0..200u32 {
            let len = 50 + round as usize * 3;
            let postings: Vec<Posting> = (0..len as u32)
                .map(|p| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (p / 3, p % 3, (seed % (1 + u64::from(round % 31))) as u8 + 1)
                })
                .collect();
            let cap = 1 + round as usize % len;
            let mut expected = postings.clone();
            expected.sort_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
            expected.truncate(cap);
            expected.sort();
            assert_eq!(best_postings(&postings, cap), expected, "round {round}");
        }
    }

    fn dictionary(words: &[&str]) -> Vec<(String, String)> {
        let mut terms: Vec<(String, String)> = words
            .iter()
            .map(|w| (w.to_string(), "x".repeat(20)))
            .collect();
        terms.sort();
        terms
    }

    #[test]
    fn small_dictionary_is_one_shard() {
        let terms = dictionary(&["клиент", "отчет", "kpi"]);
        assert_eq!(split(&terms, SHARD_LIMIT), vec![(String::new(), 0..3)]);
    }

    #[test]
    fn large_dictionary_splits_by_prefix() {
        let terms = dictionary(&["а", "аб", "абв", "абг", "ав", "б", "ба", "бб", "в"]);
        // Every term costs 27 bytes; a limit of 60 fits two.
        let shards = split(&terms, 60);
        let keys: Vec<String> = shards.iter().map(|(k, _)| k.clone()).collect();
        for (i, (term, _)) in terms.iter().enumerate() {
            let shard = shard_of(&keys, term).expect("every term has a shard");
            assert!(
                shards[shard].1.contains(&i),
                "{term} not in shard {:?}",
                shards[shard]
            );
        }
        // Shards cover every term exactly once.
        let covered: usize = shards.iter().map(|(_, r)| r.len()).sum();
        assert_eq!(covered, terms.len());
        assert!(shards
            .iter()
            .all(|(_, r)| size(&terms[r.clone()]) <= 60 || r.len() == 1));
        assert!(keys.contains(&"аб".to_string()) && keys.contains(&"в".to_string()));
    }
}
