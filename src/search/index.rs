//! One piece over 500 lines (with its tests): the word index, one entry per
//! heading section of every page, BM25F weights per field, postings per
//! term. The part of BM25 that depends on the entry (term frequency per
//! field, field lengths) is computed here and
//! stored quantised in each posting; the part that depends on the whole
//! collection at query time (IDF from the posting count) is left to the
//! browser, so the browser needs no per-entry lengths.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use super::stem::{FxHashMap, Stemmers};
use super::tokenize::Tokenizer;
use super::{SearchDoc, TextSection};

/// Fields of an entry, in the order of [`WEIGHTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title = 0,
    Headings = 1,
    Tags = 2,
    Description = 3,
    Body = 4,
}

const FIELDS: usize = 5;
/// title > headings > tags/description > body.
const WEIGHTS: [f32; FIELDS] = [8.0, 4.0, 2.5, 2.0, 1.0];
/// Length normalisation per field: short fields hardly at all.
const B: [f32; FIELDS] = [0.3, 0.4, 0.3, 0.5, 0.75];
const K1: f32 = 1.2;
/// Score factor of a section that is an item of data (see `analyse`).
const DATA_ITEM_WEIGHT: f32 = 0.5;
/// Posting scores are stored as 1..=SCORE_MAX.
pub const SCORE_MAX: u32 = 31;

/// One entry as the analysing thread records it.
#[derive(Debug, Clone, Copy)]
struct Entry {
    page: u32,
    section: u32,
    /// Field lengths in words.
    lens: [u32; FIELDS],
    /// The page's `search_weight`.
    weight: f32,
    /// What an occurrence per field is worth, once the average lengths
    /// are known (see [`field_weights`]).
    field_weights: [f32; FIELDS],
}

/// A term's occurrences in the entries of one [`Chunk`], in entry order,
/// packed: per occurrence the distance from the previous entry and the
/// frequencies per field ([`PackedTf`] rotated so that a count in the body
/// alone is its lowest byte), each a LEB128 varint. Mostly two bytes, where
/// a pair of `u32` took eight: the index holds one per term per entry, 45
/// million on 50,000 pages (issue 24). A varint in memory is ten lines; a
/// crate for it would be a dependency for those.
#[derive(Debug, Default)]
struct Occurrences {
    bytes: Vec<u8>,
    /// The entry of the last occurrence pushed.
    last: u32,
}

impl Occurrences {
    fn push(&mut self, entry: u32, tf: PackedTf) {
        push_leb(&mut self.bytes, entry - self.last);
        push_leb(&mut self.bytes, tf.0.rotate_left(8));
        self.last = entry;
    }

    /// (entry, frequencies) in the order pushed.
    fn iter(&self) -> impl Iterator<Item = (u32, PackedTf)> + '_ {
        let mut at = 0;
        let mut entry = 0;
        std::iter::from_fn(move || {
            let delta = read_leb(&self.bytes, &mut at)?;
            let tf = read_leb(&self.bytes, &mut at)?;
            entry += delta;
            Some((entry, PackedTf(tf.rotate_right(8))))
        })
    }
}

fn push_leb(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_leb(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut n = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        n |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(n);
        }
    }
    None
}

/// Frequencies per field in 32 bits: the body's up to 255, each other
/// field's up to 63 (six bits). A count past its field's cap is kept as
/// the cap: BM25 has saturated long before (a title saying a word 63
/// times already scores the most a title can).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PackedTf(u32);

/// Bit offset and cap of each field in a [`PackedTf`], in [`Field`] order.
const TF_LAYOUT: [(u32, u32); FIELDS] = [(0, 63), (6, 63), (12, 63), (18, 63), (24, 255)];

impl PackedTf {
    /// One more occurrence in `field`, unless its count is at the cap.
    #[inline(always)]
    fn add(&mut self, field: Field) {
        let (shift, cap) = TF_LAYOUT[field as usize];
        if (self.0 >> shift) & cap < cap {
            self.0 += 1 << shift;
        }
    }

    fn get(self) -> [u8; FIELDS] {
        TF_LAYOUT.map(|(shift, cap)| ((self.0 >> shift) & cap) as u8)
    }
}

/// What one worker makes of a run of consecutive pages: its entries in
/// page and section order, and for every term (by the worker's own ids)
/// the entries it occurs in, in the same order. So the postings of a term
/// are its occurrences in chunk after chunk, already sorted.
#[derive(Default)]
struct Chunk {
    /// Which [`Stemmers`] of the pool gave the term ids (see [`build`]).
    stemmers: usize,
    entries: Vec<Entry>,
    occurrences: Vec<Occurrences>,
}

/// Counts the terms of one entry by id, in a dense array indexed by the
/// analysing thread's term ids (reused from entry to entry: only the ids
/// an entry touched are read back and cleared).
#[derive(Default)]
struct Counter {
    tokenizer: Tokenizer,
    lens: [u32; FIELDS],
    counts: Vec<PackedTf>,
    /// The ids with a non-zero count, in the order first seen.
    touched: Vec<u32>,
}

impl Counter {
    fn add_text(&mut self, text: &str, field: Field, stemmers: &mut Stemmers) {
        let (counts, touched) = (&mut self.counts, &mut self.touched);
        let len = self.tokenizer.terms(text, stemmers, |term| {
            count(counts, touched, term, field);
        });
        self.lens[field as usize] += len as u32;
    }

    /// Counts terms already found (ids, and how many count toward the
    /// field length), e.g. the page title's, which every entry repeats.
    fn add_terms(&mut self, terms: &[u32], len: usize, field: Field) {
        for &term in terms {
            count(&mut self.counts, &mut self.touched, term, field);
        }
        self.lens[field as usize] += len as u32;
    }

    /// Ends an entry: records it and its terms' occurrences in `chunk`.
    fn finish(&mut self, page: u32, section: u32, weight: f32, chunk: &mut Chunk) {
        let entry = chunk.entries.len() as u32;
        chunk.entries.push(Entry {
            page,
            section,
            lens: std::mem::take(&mut self.lens),
            weight,
            field_weights: [0.0; FIELDS],
        });
        if chunk.occurrences.len() < self.counts.len() {
            chunk
                .occurrences
                .resize_with(self.counts.len(), Occurrences::default);
        }
        for term in self.touched.drain(..) {
            let tf = std::mem::replace(&mut self.counts[term as usize], PackedTf(0));
            chunk.occurrences[term as usize].push(entry, tf);
        }
    }
}

/// One more occurrence of `term` in `field`.
#[inline(always)]
fn count(counts: &mut Vec<PackedTf>, touched: &mut Vec<u32>, term: u32, field: Field) {
    let i = term as usize;
    if i >= counts.len() {
        counts.resize((i + 1).max(counts.len() * 2), PackedTf(0));
    }
    let tf = &mut counts[i];
    if tf.0 == 0 {
        touched.push(term);
    }
    tf.add(field);
}

/// Splits a page into its entries: one per section (the text before the
/// first heading is section 0). Every entry carries the page title, so a
/// query whose words are split between the title and a section finds that
/// section; description and tags belong to the first entry only.
fn analyse(
    page: u32,
    doc: &SearchDoc<'_>,
    sections: &[TextSection],
    stemmers: &mut Stemmers,
    counter: &mut Counter,
    chunk: &mut Chunk,
) {
    let mut title = Vec::new();
    let title_len = counter
        .tokenizer
        .terms(doc.title, stemmers, |term| title.push(term));
    for i in 0..sections.len().max(1) {
        counter.add_terms(&title, title_len, Field::Title);
        let mut weight = doc.weight;
        if let Some(section) = sections.get(i) {
            // An item of data the template shows (level 0 past the first
            // section) sums up another page: it ranks below that page.
            if i > 0 && section.level == 0 {
                weight *= DATA_ITEM_WEIGHT;
            }
            // A data item's title (level 0) is a summary of another page,
            // not a heading of this one: it weighs as body text.
            let field = if section.level == 0 {
                Field::Body
            } else {
                Field::Headings
            };
            counter.add_text(&section.heading, field, stemmers);
            counter.add_text(&section.text, Field::Body, stemmers);
        }
        if i == 0 {
            counter.add_text(doc.description, Field::Description, stemmers);
            for tag in doc.tags {
                counter.add_text(tag, Field::Tags, stemmers);
            }
        }
        counter.finish(page, i as u32, weight, chunk);
    }
}

/// One posting: page number, section number, quantised score.
pub type Posting = (u32, u32, u8);

/// Every term (unordered) with what `finish` made of its postings, and the
/// number of entries.
#[derive(Debug, Default)]
pub struct Postings<T> {
    pub terms: Vec<(Arc<str>, T)>,
    pub entries: usize,
}

/// Builds the postings for pages in the given order (page number = index)
/// and hands each term's list (sorted by page, then section) to `finish`,
/// e.g. to encode it while it is fresh in the cache. Fails when a page's
/// text cannot be read back ([`super::Sections::Later`]).
pub fn build<T: Send>(
    docs: &[&SearchDoc<'_>],
    finish: impl Fn(&[Posting]) -> T + Sync,
) -> std::io::Result<Postings<T>> {
    // Analyse runs of pages in parallel, one run per thread. A run borrows
    // a stem memo (and its term ids) from a pool: runs on two threads at
    // once stem their words twice, but a run that starts where another
    // ended (the usual case beside the page writing) reuses its memo.
    let run = docs.len().div_ceil(rayon::current_num_threads()).max(1);
    let pool: Mutex<Vec<(usize, Stemmers)>> = Mutex::new(Vec::new());
    let made = AtomicUsize::new(0);
    fn lock<T>(pool: &Mutex<T>) -> MutexGuard<'_, T> {
        pool.lock().unwrap_or_else(PoisonError::into_inner)
    }
    let mut chunks: Vec<Chunk> = docs
        .par_chunks(run)
        .enumerate()
        .map(|(c, docs)| {
            let borrowed = lock(&pool).pop();
            let (id, mut stemmers) = borrowed
                .unwrap_or_else(|| (made.fetch_add(1, Ordering::Relaxed), Stemmers::default()));
            // One entry per section (one for a page without any): sized
            // up front: a vector grown by doubling holds up to twice the 52
            // bytes an entry takes, and every entry waits for the scoring.
            let entries = docs.iter().map(|d| d.sections.len().max(1)).sum();
            let mut chunk = Chunk {
                stemmers: id,
                entries: Vec::with_capacity(entries),
                ..Chunk::default()
            };
            let mut counter = Counter::default();
            let mut read = Ok(());
            for (i, doc) in docs.iter().enumerate() {
                match doc.sections.read() {
                    Ok(sections) => analyse(
                        (c * run + i) as u32,
                        doc,
                        &sections,
                        &mut stemmers,
                        &mut counter,
                        &mut chunk,
                    ),
                    Err(e) => {
                        read = Err(e);
                        break;
                    }
                }
            }
            // The memo goes back to the pool even after a failed read.
            lock(&pool).push((id, stemmers));
            read.map(|()| chunk)
        })
        .collect::<std::io::Result<_>>()?;
    let mut pool = pool.into_inner().unwrap_or_else(PoisonError::into_inner);
    pool.sort_unstable_by_key(|(id, _)| *id);

    // One dictionary: every memo's ids → global ids, and back.
    let mut global: FxHashMap<Arc<str>, u32> = FxHashMap::default();
    let mut names: Vec<Arc<str>> = Vec::new();
    let remaps: Vec<Vec<u32>> = pool
        .iter()
        .map(|(_, stemmers)| {
            (stemmers.terms().iter())
                .map(|term| {
                    *global.entry(term.clone()).or_insert_with(|| {
                        names.push(term.clone());
                        names.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    drop(pool);
    // Each term's occurrences, chunk after chunk (in page order), taken out
    // of the chunks: scoring a term lets its occurrences go, so they and
    // the encoded postings are not all held at once.
    let mut by_term: Vec<Vec<(usize, Occurrences)>> = Vec::new();
    by_term.resize_with(names.len(), Vec::new);
    for (c, chunk) in chunks.iter_mut().enumerate() {
        let remap = &remaps[chunk.stemmers];
        for (local, occurrences) in std::mem::take(&mut chunk.occurrences)
            .into_iter()
            .enumerate()
        {
            if !occurrences.bytes.is_empty() {
                by_term[remap[local] as usize].push((c, occurrences));
            }
        }
    }
    drop(remaps);

    let entries = chunks.iter().map(|c| c.entries.len()).sum::<usize>();
    let mut totals = [0f64; FIELDS];
    for entry in chunks.iter().flat_map(|c| &c.entries) {
        for (total, len) in totals.iter_mut().zip(entry.lens) {
            *total += f64::from(len);
        }
    }
    let avg: Vec<f32> = totals
        .iter()
        .map(|t| (t / entries.max(1) as f64) as f32)
        .collect();
    chunks.par_iter_mut().for_each(|chunk| {
        for entry in &mut chunk.entries {
            entry.field_weights = field_weights(&entry.lens, &avg);
        }
    });

    // Score every term's occurrences, chunk after chunk: in page order.
    let terms = by_term
        .into_par_iter()
        .enumerate()
        .map_init(Vec::new, |list, (g, occurrences)| {
            list.clear();
            for (c, occurrences) in occurrences {
                let chunk = &chunks[c];
                for (entry, tf) in occurrences.iter() {
                    let entry = &chunk.entries[entry as usize];
                    let score = quantise(&tf.get(), &entry.field_weights, entry.weight);
                    list.push((entry.page, entry.section, score));
                }
            }
            (!list.is_empty()).then(|| (names[g].clone(), finish(list)))
        })
        .flatten()
        .collect();
    Ok(Postings { terms, entries })
}

/// What one occurrence in each field of an entry is worth: the field's
/// weight over BM25's length normalisation; 0 for a field no entry has
/// words in (its frequencies, if any, count for nothing).
fn field_weights(lens: &[u32; FIELDS], avg: &[f32]) -> [f32; FIELDS] {
    std::array::from_fn(|f| {
        if avg[f] == 0.0 {
            0.0
        } else {
            WEIGHTS[f] / (1.0 - B[f] + B[f] * lens[f] as f32 / avg[f])
        }
    })
}

/// BM25F without the IDF: weighted, length-normalised frequency summed over
/// the fields, saturated, scaled to 1..=SCORE_MAX and by the page's
/// `search_weight`, rounded.
fn quantise(tf: &[u8; FIELDS], field_weights: &[f32; FIELDS], page_weight: f32) -> u8 {
    let weighted: f32 = (0..FIELDS)
        .map(|f| f32::from(tf[f]) * field_weights[f])
        .sum();
    let saturated = weighted / (K1 + weighted);
    // `as` saturates; the score is never negative.
    ((saturated * SCORE_MAX as f32 * page_weight + 0.5) as u8).clamp(1, SCORE_MAX as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::TextSection;
    use crate::search::tests::{doc, section};

    fn score_of(postings: &Postings<Vec<Posting>>, term: &str, page: u32) -> u8 {
        let (_, list) = postings
            .terms
            .iter()
            .find(|(t, _)| &**t == term)
            .expect("term indexed");
        list.iter().find(|p| p.0 == page).map(|p| p.2).unwrap_or(0)
    }

    #[test]
    fn search_weight_scales_a_pages_scores() {
        let text = [section(None, "", "Зарплата аккаунт-менеджера и премии.")];
        let mut quiz = doc("Зарплата", &text);
        quiz.weight = 0.5;
        let docs = [doc("Зарплата", &text), quiz];
        let refs: Vec<&SearchDoc> = docs.iter().collect();
        let postings = build(&refs, <[Posting]>::to_vec).unwrap();
        let (full, half) = (
            score_of(&postings, "зарплат", 0),
            score_of(&postings, "зарплат", 1),
        );
        assert!(full > 2, "{full}");
        assert!(half.abs_diff(full / 2) <= 1, "{full} halved is not {half}");
    }

    #[test]
    fn title_beats_headings_beats_body() {
        let filler = [section(
            None,
            "",
            "Прочий текст о работе с клиентами и сроках.",
        )];
        let with_body = [section(
            None,
            "",
            "Отчетность клиенту отправляют каждую неделю, в ней цифры и выводы.",
        )];
        let with_heading = [
            section(None, "", "Прочий текст."),
            section(Some("otchet"), "Отчетность", "Текст."),
        ];
        let docs = [
            doc("Отчетность", &filler),
            doc("Бюджет", &with_body),
            doc("Сроки", &with_heading),
        ];
        let refs: Vec<&SearchDoc> = docs.iter().collect();
        let postings = build(&refs, <[Posting]>::to_vec).unwrap();
        let term = "отчетн";
        let title = score_of(&postings, term, 0);
        let heading = score_of(&postings, term, 2);
        let body = score_of(&postings, term, 1);
        assert!(title > heading, "title {title} vs heading {heading}");
        assert!(heading > body, "heading {heading} vs body {body}");
        assert!(body > 0);
        assert_eq!(postings.entries, 1 + 1 + 2);
    }

    #[test]
    fn packed_frequencies_keep_counts_up_to_their_caps() {
        let fields = [
            Field::Title,
            Field::Headings,
            Field::Tags,
            Field::Description,
            Field::Body,
        ];
        let packed = |counts: [u32; FIELDS]| {
            let mut tf = PackedTf(0);
            for (field, n) in fields.into_iter().zip(counts) {
                (0..n).for_each(|_| tf.add(field));
            }
            tf.get()
        };
        assert_eq!(packed([1, 2, 63, 0, 255]), [1, 2, 63, 0, 255]);
        // Past a cap: the cap, and no spill into the next field.
        assert_eq!(packed([64, 500, 0, 70, 1000]), [63, 63, 0, 63, 255]);
    }

    /// Runs of pages, memos lent from run to run: none of it shows in the
    /// postings, whatever the number of threads.
    #[test]
    fn postings_do_not_depend_on_the_threads() {
        let texts: Vec<Vec<TextSection>> = (0..40)
            .map(|i| {
                vec![
                    section(
                        None,
                        "",
                        &format!("Клиент {i} и аккаунт-менеджер, отчёт номер {i}."),
                    ),
                    section(
                        Some("b"),
                        "Бюджет",
                        &format!("Бюджеты клиентов; KPI {}.", i % 7),
                    ),
                ]
            })
            .collect();
        let docs: Vec<SearchDoc> = texts.iter().map(|t| doc("Отчётность", t)).collect();
        let refs: Vec<&SearchDoc> = docs.iter().collect();
        let with = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut postings = pool.install(|| build(&refs, <[Posting]>::to_vec)).unwrap();
            postings.terms.sort();
            (postings.terms, postings.entries)
        };
        let one = with(1);
        assert_eq!(one.1, 80);
        assert_eq!(with(3), one);
        assert_eq!(with(7), one);
    }

    #[test]
    fn occurrences_come_back_as_pushed() {
        let mut tf = PackedTf(0);
        for _ in 0..300 {
            tf.add(Field::Body);
        }
        tf.add(Field::Title);
        tf.add(Field::Tags);
        let mut body_once = PackedTf(0);
        body_once.add(Field::Body);
        let pushed = [
            (0, body_once),
            (1, tf),
            (200, body_once),
            (70_000, tf),
            (u32::MAX, body_once),
        ];
        let mut occurrences = Occurrences::default();
        for &(entry, tf) in &pushed {
            occurrences.push(entry, tf);
        }
        let back: Vec<(u32, PackedTf)> = occurrences.iter().collect();
        assert_eq!(back, pushed);
        // A count in the body alone takes one byte, its entry's distance one.
        let mut one = Occurrences::default();
        one.push(3, body_once);
        assert_eq!(one.bytes.len(), 2);
        // A cut-off stream ends the list, never panics.
        assert_eq!(read_leb(&[0x80, 0x80], &mut 0), None);
        assert_eq!(read_leb(&[0xff; 6], &mut 0), None);
    }

    #[test]
    fn quantised_scores_stay_in_range() {
        let avg = [1.0; FIELDS];
        assert_eq!(
            quantise(
                &[0, 0, 0, 0, 1],
                &field_weights(&[0, 0, 0, 0, 1000], &avg),
                1.0
            ),
            1
        );
        assert_eq!(
            quantise(
                &[50, 50, 50, 50, 50],
                &field_weights(&[1; FIELDS], &avg),
                1.0
            ),
            SCORE_MAX as u8
        );
    }
}
