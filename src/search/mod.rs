//! One piece over 500 lines with its tests: the index's entry points
//! (`write_index`, `SearchDoc`, `Sections`) and the file layout they write.
//!
//! The full-text search index, built once per build from every page and
//! queried in the browser by `themes/default/static/search.js`.
//!
//! Layout on disk (all under `search/`, every file a classic script that
//! calls `window.__kuratorSearch.add(name, data)`, so the index loads from
//! `file://` where `fetch` fails):
//!
//! - `meta.js`: version, entry and page counts, shard keys, stop words,
//!   the author's synonyms, the query rules of `query.rs` and the pages
//!   that define terms. Small; loaded on first use of the search box.
//! - `t/<n>.js`: shard `n` of the word index: `{term: postings}` for the
//!   terms whose longest matching shard key is `meta.shards[n]`. Postings
//!   are varints (see `shard.rs`): page delta, section, BM25F score.
//! - `f/<n>.js`: what to show for a page: URL (root-relative, without the
//!   base path), title, breadcrumb, description and the plain text of its
//!   sections (a long page's first `meta.chunk`), for snippets; one page a
//!   file, or `meta.fragments` pages a file on large sites; `f/<p>-<k>.js`:
//!   the further sections of a long page (`meta.long`, see `fragment.rs`).
//!   Loaded only for the results on screen.
//!
//! The module owns tokenisation and ranking; it does no I/O.

mod fragment;
pub mod index;
mod memo;
pub mod normalize;
pub mod query;
mod scanner;
pub mod shard;
pub mod site;
pub mod stem;
pub mod synonyms;
pub mod tokenize;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::SearchConfig;
use crate::markdown::TextSection;

/// One page as the index sees it.
pub struct SearchDoc<'a> {
    /// Site URL of the page including the base path, e.g. "/duties/reporting/".
    pub url: &'a str,
    pub title: &'a str,
    /// Section titles from home down to the parent.
    pub breadcrumb: Vec<&'a str>,
    pub description: &'a str,
    pub tags: &'a [String],
    /// Plain text per heading; anchor `None` = text before the first heading.
    pub sections: Sections<'a>,
    /// The page's `search_weight`: multiplies its scores (1 = as written).
    pub weight: f32,
    /// The page defines terms (a glossary): first for «что такое …».
    pub defines: bool,
}

/// A page's text per heading: in memory, or read each time a pass over
/// the pages needs it (a site past the spill budget, issue 24), so the
/// index never holds every page's text at once.
pub enum Sections<'a> {
    Here(&'a [TextSection]),
    Later {
        /// Each section's text length in bytes: fragment files are sized
        /// by them before any text is read.
        text_lens: &'a [u32],
        read: Box<dyn Fn() -> std::io::Result<Vec<TextSection>> + Send + Sync + 'a>,
    },
}

impl<'a> Sections<'a> {
    pub fn len(&self) -> usize {
        match self {
            Sections::Here(sections) => sections.len(),
            Sections::Later { text_lens, .. } => text_lens.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each section's text length in bytes.
    pub fn text_lens(&self) -> impl Iterator<Item = usize> + '_ {
        let (here, later) = match self {
            Sections::Here(sections) => (Some(sections.iter().map(|s| s.text.len())), None),
            Sections::Later { text_lens, .. } => {
                (None, Some(text_lens.iter().map(|&l| l as usize)))
            }
        };
        here.into_iter()
            .flatten()
            .chain(later.into_iter().flatten())
    }

    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'a, [TextSection]>> {
        match self {
            Sections::Here(sections) => Ok(std::borrow::Cow::Borrowed(sections)),
            Sections::Later { read, .. } => read().map(std::borrow::Cow::Owned),
        }
    }
}

impl<'a> From<&'a [TextSection]> for Sections<'a> {
    fn from(sections: &'a [TextSection]) -> Self {
        Sections::Here(sections)
    }
}

/// Format version of the files, bumped on any incompatible change.
const FORMAT: u32 = 3;

/// Files to write, relative to the output root (e.g. "search/meta.js",
/// "search/t/12.js", "search/f/3.js"), sorted, byte-deterministic.
/// Fails only when a page's text cannot be read back
/// ([`Sections::Later`]).
pub fn build_index(
    docs: &[SearchDoc],
    config: &SearchConfig,
    language: &str,
) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let files = std::sync::Mutex::new(Vec::new());
    let put = |name: String, bytes: Vec<u8>| -> std::io::Result<()> {
        files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((name, bytes));
        Ok(())
    };
    write_index(docs, config, language, put)?;
    let mut files = files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The files of [`build_index`], each handed to `put` (from any thread, in
/// no particular order) as soon as it is made, so the 100+ MB of fragments
/// of a large site are never all in memory at once. Returns the number of
/// files, or the first error of `put` or of reading a page's text back.
pub fn write_index<E: Send + From<std::io::Error>>(
    docs: &[SearchDoc],
    config: &SearchConfig,
    language: &str,
    put: impl Fn(String, Vec<u8>) -> Result<(), E> + Sync,
) -> Result<usize, E> {
    let base = base_path(docs);
    let mut order: Vec<&SearchDoc> = docs.iter().collect();
    order.sort_by(|a, b| a.url.cmp(b.url));

    let postings = index::build(&order, shard::encode_postings)?;
    let mut terms = postings.terms;
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let shards = shard::split(&terms, shard::SHARD_LIMIT);

    // The version only busts caches: a fast hash per file, in parallel,
    // then one hash of the (hash, length) of every file, shards first.
    let sum = |name: &str, bytes: &[u8]| -> (u64, u64) {
        use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};
        (
            xxh3_64_with_seed(bytes, xxh3_64(name.as_bytes())),
            bytes.len() as u64,
        )
    };
    let put_summed = |name: String, bytes: Vec<u8>| -> Result<(u64, u64), E> {
        let summed = sum(&name, &bytes);
        put(name, bytes)?;
        Ok(summed)
    };
    let mut sums: Vec<(u64, u64)> = shards
        .par_iter()
        .enumerate()
        .map(|(n, (_, range))| {
            put_summed(format!("search/t/{n}.js"), shard(n, &terms[range.clone()]))
        })
        .collect::<Result<_, E>>()?;
    let group = fragment::group_size(&order);
    let per = fragment::chunk_sections(&order);
    let fragments: Vec<(u64, u64)> = order
        .par_chunks(group)
        .enumerate()
        .map(|(n, docs)| {
            put_summed(
                format!("search/f/{n}.js"),
                fragment::group(n, docs, per, base)?,
            )
        })
        .collect::<Result<_, E>>()?;
    let mut text_bytes: u64 = fragments.iter().map(|(_, len)| len).sum();
    sums.extend(fragments);
    // A long page's further fragments, its text read once for all of them.
    let chunks: Vec<Vec<(u64, u64)>> = order
        .par_iter()
        .enumerate()
        .filter(|(_, doc)| fragment::chunk_count(doc, per) > 1)
        .map(|(p, doc)| {
            let sections = doc.sections.read()?;
            (1..fragment::chunk_count(doc, per))
                .map(|k| {
                    put_summed(
                        format!("search/f/{p}-{k}.js"),
                        fragment::chunk(p, k, per, doc, &sections, base),
                    )
                })
                .collect::<Result<Vec<_>, E>>()
        })
        .collect::<Result<_, E>>()?;
    text_bytes += chunks.iter().flatten().map(|(_, len)| len).sum::<u64>();
    sums.extend(chunks.into_iter().flatten());
    let mut hasher = Sha256::new();
    for (sum, len) in &sums {
        hasher.update(sum.to_le_bytes());
        hasher.update(len.to_le_bytes());
    }
    let version: String = hasher
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    let meta = Meta {
        format: FORMAT,
        version,
        language,
        entries: postings.entries,
        pages: order.len(),
        sections: order
            .iter()
            .map(|d| d.sections.len())
            .max()
            .unwrap_or(0)
            .max(1),
        shards: shards.iter().map(|(k, _)| k.as_str()).collect(),
        fragments: group,
        chunk: per,
        long: order
            .iter()
            .enumerate()
            .filter(|(_, d)| fragment::is_long(d))
            .map(|(i, _)| i)
            .collect(),
        stop: stem::RUSSIAN_STOP
            .iter()
            .chain(stem::ENGLISH_STOP)
            .copied()
            .collect(),
        synonyms: synonyms(config),
        subject: subject_terms(&config.subject),
        query: query::QueryRules::new(),
        definitions: order
            .iter()
            .enumerate()
            .filter(|(_, d)| d.defines)
            .map(|(i, _)| i)
            .collect(),
        instant: instant(config.instant, text_bytes),
    };
    put("search/meta.js".into(), script("meta", &meta))?;
    Ok(sums.len() + 1)
}

/// `t/<n>.js`: `{term: postings}` for terms in order (written by hand:
/// postings are plain ASCII, see `shard.rs`).
fn shard(n: usize, terms: &[(Arc<str>, String)]) -> Vec<u8> {
    let size: usize = terms.iter().map(|(t, p)| t.len() + p.len() + 6).sum();
    let mut out = Vec::with_capacity(size + 64);
    out.extend_from_slice(format!("window.__kuratorSearch.add(\"t/{n}\",{{").as_bytes());
    for (i, (term, postings)) in terms.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        fragment::js_str(&mut out, term);
        out.push(b':');
        fragment::js_str(&mut out, postings);
    }
    out.extend_from_slice(b"});\n");
    out
}

#[derive(Serialize)]
struct Meta<'a> {
    format: u32,
    version: String,
    language: &'a str,
    entries: usize,
    pages: usize,
    /// Most sections on one page: the browser's entry numbering.
    sections: usize,
    shards: Vec<&'a str>,
    /// Pages per fragment file (see `fragment.rs`).
    fragments: usize,
    /// Sections per fragment of a long page (see `fragment.rs`).
    chunk: usize,
    /// The long pages, cut into several fragments.
    long: Vec<usize>,
    stop: Vec<&'static str>,
    /// Query term → alternatives, each a list of terms that must all match.
    synonyms: BTreeMap<String, Vec<Vec<String>>>,
    /// How readers type: filler words, layouts, the other script.
    query: query::QueryRules,
    /// Pages (by number) that define terms.
    definitions: Vec<usize>,
    /// Terms of the site's subject (its title): not required in a query
    /// that has other words.
    subject: Vec<String>,
    /// Results' text fetched once the query is whole words, not after the
    /// reader's pause (see `instant`).
    instant: bool,
}

/// All the results' text of a site at most this large (fragment files,
/// before compression: about 150 KB gzip) makes search instant by default:
/// however many results typing shows on the way, the text it can load is
/// bounded by the whole, which is small. Past it, the text of results
/// shown on the way could cost many times the answer's.
const INSTANT_TEXT_LIMIT: u64 = 1 << 20;

/// Whether results' text loads at once for a query of whole words:
/// `search.instant` when set, else whether the site's text is small.
fn instant(setting: Option<bool>, text_bytes: u64) -> bool {
    setting.unwrap_or(text_bytes <= INSTANT_TEXT_LIMIT)
}

/// The base path all page URLs share: the home page's URL (the page with no
/// breadcrumb) when every URL starts with it, else the longest common
/// folder. Result URLs are stored without it, so the browser can join them
/// to `data-root` (which is a relative path in `--relative` builds).
fn base_path<'a>(docs: &[SearchDoc<'a>]) -> &'a str {
    let Some(first) = docs.first() else {
        return "/";
    };
    if let Some(home) = docs
        .iter()
        .find(|d| d.breadcrumb.is_empty() && d.url.ends_with('/'))
    {
        if docs.iter().all(|d| d.url.starts_with(home.url)) {
            return home.url;
        }
    }
    let parent = |url: &'a str| -> &'a str {
        let trimmed = url.trim_end_matches('/');
        match trimmed.rfind('/') {
            Some(i) => &url[..=i],
            None if url.starts_with('/') => "/",
            None => "",
        }
    };
    let mut common = parent(first.url);
    for doc in docs {
        while !doc.url.starts_with(common) {
            common = parent(common);
        }
    }
    common
}

/// The index terms of the site's title, sorted: every page is about them,
/// so a query's other words say what the reader looks for.
fn subject_terms(title: &str) -> Vec<String> {
    let mut stemmers = stem::Stemmers::default();
    let mut ids = Vec::new();
    tokenize::words(title, |parts| {
        tokenize::word_terms(parts, &mut stemmers, |id| ids.push(id));
    });
    let mut out: Vec<String> = ids
        .into_iter()
        .map(|id| stemmers.text(id).to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The author's synonyms as terms: reader's word → alternatives.
fn synonyms(config: &SearchConfig) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut stemmers = stem::Stemmers::default();
    let mut phrase = |text: &str| -> Vec<String> {
        let mut out = Vec::new();
        tokenize::words(text, |parts| {
            let term = if parts.len() > 1 {
                Some(stemmers.compound(parts))
            } else {
                stemmers.term(&parts[0])
            };
            out.extend(term.map(|id| stemmers.text(id).to_string()));
        });
        out
    };
    let mut out: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for (key, values) in &config.synonyms {
        let key = phrase(key).join(" ");
        if key.is_empty() {
            continue;
        }
        let alternatives = out.entry(key).or_default();
        for value in values {
            let terms = phrase(value);
            if !terms.is_empty() && !alternatives.contains(&terms) {
                alternatives.push(terms);
            }
        }
    }
    out
}

/// `window.__kuratorSearch.add("name", {...});` as bytes.
fn script<T: Serialize>(name: &str, data: &T) -> Vec<u8> {
    let mut out = format!("window.__kuratorSearch.add({name:?},").into_bytes();
    serde_json::to_writer(&mut out, data).expect("index data serialises");
    out.extend_from_slice(b");\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of the search module's tests: a title and sections.
    pub(super) fn doc<'a>(title: &'a str, sections: &'a [TextSection]) -> SearchDoc<'a> {
        SearchDoc {
            url: "/x/",
            title,
            breadcrumb: vec![],
            description: "",
            tags: &[],
            sections: Sections::Here(sections),
            weight: 1.0,
            defines: false,
        }
    }

    /// A section of page text, for the search module's tests.
    pub(super) fn section(anchor: Option<&str>, heading: &str, text: &str) -> TextSection {
        TextSection {
            anchor: anchor.map(String::from),
            heading: heading.into(),
            level: 2,
            text: text.into(),
        }
    }

    #[test]
    fn search_is_instant_on_a_small_site_unless_set() {
        assert!(instant(None, 440_000));
        assert!(instant(None, INSTANT_TEXT_LIMIT));
        assert!(!instant(None, INSTANT_TEXT_LIMIT + 1));
        assert!(instant(Some(true), 146_000_000));
        assert!(!instant(Some(false), 1_000));
    }

    #[test]
    fn the_site_title_is_its_subject() {
        assert_eq!(
            subject_terms("Аккаунт-менеджер. База знаний"),
            ["аккаунт", "аккаунт-менеджер", "баз", "знан", "менеджер"]
        );
        assert!(subject_terms("").is_empty());
    }

    #[test]
    fn files_are_sorted_and_deterministic() {
        let sections = [
            section(None, "", "Вводный текст."),
            section(Some("kpi"), "KPI", "Ключевые показатели."),
        ];
        let tags = vec!["метрики".to_string()];
        let docs = [
            SearchDoc {
                url: "/kb/",
                title: "База",
                breadcrumb: vec![],
                description: "",
                tags: &[],
                sections: Sections::Here(&[]),
                weight: 1.0,
                defines: false,
            },
            SearchDoc {
                url: "/kb/duties/kpi/",
                title: "Показатели",
                breadcrumb: vec!["База", "Обязанности"],
                description: "О метриках",
                tags: &tags,
                sections: Sections::Here(&sections),
                weight: 1.0,
                defines: false,
            },
        ];
        let mut config = SearchConfig::default();
        config
            .synonyms
            .insert("KPI".into(), vec!["ключевые показатели".into()]);
        let files = build_index(&docs, &config, "ru").unwrap();
        assert_eq!(files, build_index(&docs, &config, "ru").unwrap());
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "search/f/0.js",
                "search/f/1.js",
                "search/meta.js",
                "search/t/0.js"
            ]
        );
        let fragment = String::from_utf8(files[1].1.clone()).unwrap();
        assert!(
            fragment.starts_with("window.__kuratorSearch.add(\"f/1\",[{\"url\":\"duties/kpi/\""),
            "{fragment}"
        );
        let meta = String::from_utf8(files[2].1.clone()).unwrap();
        assert!(
            meta.contains(r#""synonyms":{"kpi":[["ключев","показател"]]}"#),
            "{meta}"
        );
    }

    /// Shards are what serde_json writes for the same map.
    #[test]
    fn shards_are_json() {
        let terms: Vec<(Arc<str>, String)> = vec![
            ("b2b".into(), "012".into()),
            ("don't".into(), "~A.1_".into()),
            ("клиент".into(), "0-1".into()),
        ];
        let map: BTreeMap<&str, &str> = terms.iter().map(|(t, p)| (&**t, p.as_str())).collect();
        assert_eq!(shard(7, &terms), script("t/7", &map));
    }

    #[test]
    fn base_path_is_found() {
        let doc = |url| SearchDoc {
            url,
            title: "",
            breadcrumb: vec!["x"],
            description: "",
            tags: &[],
            sections: Sections::Here(&[]),
            weight: 1.0,
            defines: false,
        };
        assert_eq!(base_path(&[doc("/a/b/"), doc("/a/c/")]), "/a/");
        assert_eq!(base_path(&[doc("/a/b/")]), "/a/");
        assert_eq!(base_path(&[doc("/"), doc("/a/")]), "/");
        let mut home = doc("/site/");
        home.breadcrumb.clear();
        assert_eq!(
            base_path(&[home, doc("/site/a/"), doc("/site/b/c/")]),
            "/site/"
        );
    }
}
