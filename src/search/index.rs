//! The word index: one entry per heading section of every page, BM25F
//! weights per field, postings per term. The part of BM25 that depends on
//! the entry (term frequency per field, field lengths) is computed here and
//! stored quantised in each posting; the part that depends on the whole
//! collection at query time (IDF from the posting count) is left to the
//! browser, so the browser needs no per-entry lengths.

use std::sync::Arc;

use rayon::prelude::*;

use super::stem::{FxHashMap, Stemmers};
use super::tokenize::Tokenizer;
use super::SearchDoc;

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
/// Posting scores are stored as 1..=SCORE_MAX.
pub const SCORE_MAX: u32 = 31;

/// Terms of one entry: frequency per field, and field lengths in words.
#[derive(Debug, Default)]
struct EntryTerms {
    lens: [u32; FIELDS],
    /// Term ids (of the analysing thread's [`Stemmers`], then global).
    terms: Vec<(u32, [u16; FIELDS])>,
}

/// Counts the terms of one entry by id, in a dense array indexed by the
/// analysing thread's term ids (reused from entry to entry: only the ids
/// an entry touched are read back and cleared).
#[derive(Default)]
struct Counter {
    tokenizer: Tokenizer,
    lens: [u32; FIELDS],
    counts: Vec<[u16; FIELDS]>,
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

    fn finish(&mut self) -> EntryTerms {
        let counts = &mut self.counts;
        let terms = self
            .touched
            .drain(..)
            .map(|term| (term, std::mem::take(&mut counts[term as usize])))
            .collect();
        EntryTerms {
            lens: std::mem::take(&mut self.lens),
            terms,
        }
    }
}

/// One more occurrence of `term` in `field`.
fn count(counts: &mut Vec<[u16; FIELDS]>, touched: &mut Vec<u32>, term: u32, field: Field) {
    let i = term as usize;
    if i >= counts.len() {
        counts.resize((i + 1).max(counts.len() * 2), [0; FIELDS]);
    }
    let tf = &mut counts[i];
    if *tf == [0; FIELDS] {
        touched.push(term);
    }
    let f = field as usize;
    tf[f] = tf[f].saturating_add(1);
}

/// Splits a page into its entries: one per section (the text before the
/// first heading is section 0). Every entry carries the page title, so a
/// query whose words are split between the title and a section finds that
/// section; description and tags belong to the first entry only.
fn analyse(doc: &SearchDoc<'_>, stemmers: &mut Stemmers, counter: &mut Counter) -> Vec<EntryTerms> {
    let count = doc.sections.len().max(1);
    let mut title = Vec::new();
    let title_len = counter
        .tokenizer
        .terms(doc.title, stemmers, |term| title.push(term));
    (0..count)
        .map(|i| {
            counter.add_terms(&title, title_len, Field::Title);
            if let Some(section) = doc.sections.get(i) {
                counter.add_text(&section.heading, Field::Headings, stemmers);
                counter.add_text(&section.text, Field::Body, stemmers);
            }
            if i == 0 {
                counter.add_text(doc.description, Field::Description, stemmers);
                for tag in doc.tags {
                    counter.add_text(tag, Field::Tags, stemmers);
                }
            }
            counter.finish()
        })
        .collect()
}

/// One posting: page number, section number, quantised score.
pub type Posting = (u32, u32, u8);

/// The postings of every term (unordered), each list sorted by page then
/// section, and the number of entries.
#[derive(Debug, Default)]
pub struct Postings {
    pub terms: Vec<(Arc<str>, Vec<Posting>)>,
    pub entries: usize,
}

/// The merge runs in parallel over this many groups of terms (by id).
const BUCKETS: usize = 32;

/// Builds the postings for pages in the given order (page number = index).
pub fn build(docs: &[&SearchDoc<'_>]) -> Postings {
    // Analyse in parallel; every worker keeps its own stem memo and ids.
    type Analysed = (Stemmers, Vec<(usize, Vec<EntryTerms>)>);
    // Few large chunks: each one stems its whole vocabulary again.
    let min_chunk = docs.len() / (2 * rayon::current_num_threads()).max(1);
    let chunks: Vec<Analysed> = docs
        .par_iter()
        .enumerate()
        .with_min_len(min_chunk.max(1))
        .fold(
            || (Stemmers::default(), Counter::default(), Vec::new()),
            |(mut stemmers, mut counter, mut out), (i, doc)| {
                let entries = analyse(doc, &mut stemmers, &mut counter);
                out.push((i, entries));
                (stemmers, counter, out)
            },
        )
        .map(|(stemmers, _, out)| (stemmers, out))
        .collect();

    // One dictionary: worker ids → global ids, so nothing below hashes strings.
    let mut global: FxHashMap<Arc<str>, u32> = FxHashMap::default();
    let mut names: Vec<Arc<str>> = Vec::new();
    let remaps: Vec<Vec<u32>> = chunks
        .iter()
        .map(|(stemmers, _)| {
            stemmers
                .terms()
                .iter()
                .map(|term| {
                    *global.entry(term.clone()).or_insert_with(|| {
                        names.push(term.clone());
                        names.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    let mut pages: Vec<Vec<EntryTerms>> = (0..docs.len()).map(|_| Vec::new()).collect();
    for ((_, analysed), remap) in chunks.into_iter().zip(&remaps) {
        for (i, mut entries) in analysed {
            for entry in &mut entries {
                for term in &mut entry.terms {
                    term.0 = remap[term.0 as usize];
                }
            }
            pages[i] = entries;
        }
    }

    let entries = pages.iter().map(Vec::len).sum::<usize>();
    let mut totals = [0f64; FIELDS];
    for entry in pages.iter().flatten() {
        for (total, len) in totals.iter_mut().zip(entry.lens) {
            *total += f64::from(len);
        }
    }
    let avg: Vec<f32> = totals
        .iter()
        .map(|t| (t / entries.max(1) as f64) as f32)
        .collect();

    // Score each page in parallel into buckets of term ids (one array per
    // page, bucket by bucket: a counting sort), then merge every bucket in
    // parallel, pages and sections in order, so postings come out sorted.
    type Scored = (Vec<(u32, u32, u8)>, [usize; BUCKETS + 1]);
    let scored: Vec<Scored> = pages
        .into_par_iter()
        .zip(docs.par_iter().map(|d| d.weight))
        .map(|(entries, weight)| {
            let mut starts = [0usize; BUCKETS + 1];
            for (term, _) in entries.iter().flat_map(|e| &e.terms) {
                starts[*term as usize % BUCKETS + 1] += 1;
            }
            for b in 0..BUCKETS {
                starts[b + 1] += starts[b];
            }
            let mut next = starts;
            let mut list = vec![(0, 0, 0); starts[BUCKETS]];
            for (section, entry) in entries.into_iter().enumerate() {
                for (term, tf) in entry.terms {
                    let score = quantise(&tf, &entry.lens, &avg, weight);
                    let b = term as usize % BUCKETS;
                    list[next[b]] = (term, section as u32, score);
                    next[b] += 1;
                }
            }
            (list, starts)
        })
        .collect();
    let terms: Vec<(Arc<str>, Vec<Posting>)> = (0..BUCKETS)
        .into_par_iter()
        .flat_map_iter(|b| {
            let mut lists: Vec<Vec<Posting>> = vec![Vec::new(); names.len() / BUCKETS + 1];
            for (page, (list, starts)) in scored.iter().enumerate() {
                for &(term, section, score) in &list[starts[b]..starts[b + 1]] {
                    lists[term as usize / BUCKETS].push((page as u32, section, score));
                }
            }
            let names = &names;
            lists
                .into_iter()
                .enumerate()
                .filter(|(_, list)| !list.is_empty())
                .map(move |(j, list)| (names[j * BUCKETS + b].clone(), list))
        })
        .collect();
    Postings { terms, entries }
}

/// BM25F without the IDF: weighted, length-normalised frequency summed over
/// the fields, saturated, scaled to 1..=SCORE_MAX and by the page's
/// `search_weight`.
fn quantise(tf: &[u16; FIELDS], lens: &[u32; FIELDS], avg: &[f32], page_weight: f32) -> u8 {
    let mut weighted = 0f32;
    for f in 0..FIELDS {
        if tf[f] == 0 || avg[f] == 0.0 {
            continue;
        }
        let norm = 1.0 - B[f] + B[f] * lens[f] as f32 / avg[f];
        weighted += WEIGHTS[f] * f32::from(tf[f]) / norm;
    }
    let saturated = weighted / (K1 + weighted);
    (saturated * SCORE_MAX as f32 * page_weight)
        .round()
        .clamp(1.0, SCORE_MAX as f32) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::TextSection;

    fn section(anchor: Option<&str>, heading: &str, text: &str) -> TextSection {
        TextSection {
            anchor: anchor.map(String::from),
            heading: heading.into(),
            level: 2,
            text: text.into(),
        }
    }

    fn score_of(postings: &Postings, term: &str, page: u32) -> u8 {
        let (_, list) = postings
            .terms
            .iter()
            .find(|(t, _)| &**t == term)
            .expect("term indexed");
        list.iter().find(|p| p.0 == page).map(|p| p.2).unwrap_or(0)
    }

    fn doc<'a>(title: &'a str, sections: &'a [TextSection]) -> SearchDoc<'a> {
        SearchDoc {
            url: "/x/",
            title,
            breadcrumb: vec![],
            description: "",
            tags: &[],
            sections,
            weight: 1.0,
        }
    }

    #[test]
    fn search_weight_scales_a_pages_scores() {
        let text = [section(None, "", "Зарплата аккаунт-менеджера и премии.")];
        let mut quiz = doc("Зарплата", &text);
        quiz.weight = 0.5;
        let docs = [doc("Зарплата", &text), quiz];
        let refs: Vec<&SearchDoc> = docs.iter().collect();
        let postings = build(&refs);
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
        let postings = build(&refs);
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
    fn quantised_scores_stay_in_range() {
        let avg = [1.0; FIELDS];
        assert_eq!(
            quantise(&[0, 0, 0, 0, 1], &[0, 0, 0, 0, 1000], &avg, 1.0),
            1
        );
        assert_eq!(
            quantise(&[50, 50, 50, 50, 50], &[1; FIELDS], &avg, 1.0),
            SCORE_MAX as u8
        );
    }
}
