//! The full-text search index, built once per build from every page and
//! queried in the browser by `themes/default/static/search.js`.
//!
//! Layout on disk (all under `search/`, every file a classic script that
//! calls `window.__kuratorSearch.add(name, data)`, so the index loads from
//! `file://` where `fetch` fails):
//!
//! - `meta.js`: version, entry and page counts, shard keys, stop words and
//!   the author's synonyms. Small; loaded on first use of the search box.
//! - `t/<n>.js`: shard `n` of the word index: `{term: postings}` for the
//!   terms whose longest matching shard key is `meta.shards[n]`. Postings
//!   are varints (see `shard.rs`): page delta, section, BM25F score.
//! - `f/<page>.js`: what to show for a page: URL (root-relative, without the
//!   base path), title, breadcrumb, description and the plain text of every
//!   section, for snippets. Loaded only for the results on screen.
//!
//! The module owns tokenisation and ranking; it does no I/O.

pub mod index;
pub mod shard;
pub mod stem;
pub mod tokenize;

use std::collections::BTreeMap;
use std::hash::Hasher;
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
    pub sections: &'a [TextSection],
    /// The page's `search_weight`: multiplies its scores (1 = as written).
    pub weight: f32,
}

/// Format version of the files, bumped on any incompatible change.
const FORMAT: u32 = 1;

/// Files to write, relative to the output root (e.g. "search/meta.js",
/// "search/t/12.js", "search/f/3.js"), sorted, byte-deterministic.
pub fn build_index(
    docs: &[SearchDoc],
    config: &SearchConfig,
    language: &str,
) -> Vec<(String, Vec<u8>)> {
    let files = std::sync::Mutex::new(Vec::new());
    let put = |name: String, bytes: Vec<u8>| -> Result<(), std::convert::Infallible> {
        files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((name, bytes));
        Ok(())
    };
    let Ok(_) = write_index(docs, config, language, put);
    let mut files = files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// The files of [`build_index`], each handed to `put` (from any thread, in
/// no particular order) as soon as it is made, so the 100+ MB of fragments
/// of a large site are never all in memory at once. Returns the number of
/// files, or the first error of `put`.
pub fn write_index<E: Send>(
    docs: &[SearchDoc],
    config: &SearchConfig,
    language: &str,
    put: impl Fn(String, Vec<u8>) -> Result<(), E> + Sync,
) -> Result<usize, E> {
    let base = base_path(docs);
    let mut order: Vec<&SearchDoc> = docs.iter().collect();
    order.sort_by(|a, b| a.url.cmp(b.url));

    let postings = index::build(&order);
    let mut terms: Vec<(Arc<str>, String)> = postings
        .terms
        .into_par_iter()
        .map(|(term, list)| (term, shard::encode_postings(&list)))
        .collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let shards = shard::split(&terms, shard::SHARD_LIMIT);

    // The version only busts caches: a fast hash per file, in parallel,
    // then one hash of the (hash, length) of every file, shards first.
    let sum = |name: &str, bytes: &[u8]| -> (u64, u64) {
        let mut hasher = stem::FxHasher::default();
        hasher.write(name.as_bytes());
        hasher.write(bytes);
        (hasher.finish(), bytes.len() as u64)
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
            let map: BTreeMap<&str, &str> = terms[range.clone()]
                .iter()
                .map(|(t, p)| (&**t, p.as_str()))
                .collect();
            let name = format!("t/{n}");
            put_summed(format!("search/{name}.js"), script(&name, &map))
        })
        .collect::<Result<_, E>>()?;
    let fragments: Vec<(u64, u64)> = order
        .par_iter()
        .enumerate()
        .map(|(n, doc)| put_summed(format!("search/f/{n}.js"), fragment(n, doc, base)))
        .collect::<Result<_, E>>()?;
    sums.extend(fragments);
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
        stop: stem::RUSSIAN_STOP
            .iter()
            .chain(stem::ENGLISH_STOP)
            .copied()
            .collect(),
        synonyms: synonyms(config),
    };
    put("search/meta.js".into(), script("meta", &meta))?;
    Ok(sums.len() + 1)
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
    stop: Vec<&'static str>,
    /// Query term → alternatives, each a list of terms that must all match.
    synonyms: BTreeMap<String, Vec<Vec<String>>>,
}

/// `f/<n>.js`: `window.__kuratorSearch.add("f/<n>",{...});` with the
/// fields of [`Fragment`] in its order, written by hand (the bulk of the
/// index's bytes: page text). A test checks it against serde_json.
fn fragment(n: usize, doc: &SearchDoc<'_>, base: &str) -> Vec<u8> {
    let text: usize = doc.sections.iter().map(|s| s.text.len() + 64).sum();
    let mut out = Vec::with_capacity(text + 256);
    out.extend_from_slice(format!("window.__kuratorSearch.add(\"f/{n}\",{{\"url\":").as_bytes());
    json_str(&mut out, fragment_url(doc, base));
    out.extend_from_slice(b",\"title\":");
    json_str(&mut out, doc.title);
    out.extend_from_slice(b",\"breadcrumb\":[");
    for (i, crumb) in doc.breadcrumb.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_str(&mut out, crumb);
    }
    out.extend_from_slice(b"],\"description\":");
    json_str(&mut out, doc.description);
    out.extend_from_slice(b",\"sections\":[");
    if doc.sections.is_empty() {
        out.extend_from_slice(br#"["","",""]"#);
    }
    for (i, s) in doc.sections.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'[');
        json_str(&mut out, s.anchor.as_deref().unwrap_or(""));
        out.push(b',');
        json_str(&mut out, &s.heading);
        out.push(b',');
        json_str(&mut out, &s.text);
        out.push(b']');
    }
    out.extend_from_slice(b"]});\n");
    out
}

/// A page's URL as fragments store it: without the base path.
fn fragment_url<'a>(doc: &SearchDoc<'a>, base: &str) -> &'a str {
    doc.url
        .strip_prefix(base)
        .unwrap_or(doc.url.trim_start_matches('/'))
}

/// A JSON string, escaped exactly as serde_json does: `"`, `\\` and the
/// control characters, nothing else. Eight bytes at a time: a run with none
/// of those is copied as it is.
fn json_str(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether any byte of `x` is zero (exact for "any", see Bit Twiddling Hacks).
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let needs_escape = |x: u64| {
        x.wrapping_sub(ONES * 0x20) & !x & HIGHS != 0
            || has_zero(x ^ (ONES * u64::from(b'"')))
            || has_zero(x ^ (ONES * u64::from(b'\\')))
    };
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut done = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8]));
            if !needs_escape(word) {
                i += 8;
                continue;
            }
        }
        let end = (i + 8).min(bytes.len());
        for j in i..end {
            let escaped: &[u8] = match bytes[j] {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\t' => b"\\t",
                b'\r' => b"\\r",
                0x08 => b"\\b",
                0x0c => b"\\f",
                c @ 0..=0x1f => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.extend_from_slice(&bytes[done..j]);
                    out.extend_from_slice(b"\\u00");
                    out.extend_from_slice(&[HEX[usize::from(c >> 4)], HEX[usize::from(c & 0xf)]]);
                    done = j + 1;
                    continue;
                }
                _ => continue,
            };
            out.extend_from_slice(&bytes[done..j]);
            out.extend_from_slice(escaped);
            done = j + 1;
        }
        i = end;
    }
    out.extend_from_slice(&bytes[done..]);
    out.push(b'"');
}

/// What a fragment holds; serialised by [`fragment`]. Kept as the
/// reference for its test.
#[cfg(test)]
#[derive(Serialize)]
struct Fragment<'a> {
    url: &'a str,
    title: &'a str,
    breadcrumb: &'a [&'a str],
    description: &'a str,
    /// [anchor ("" before the first heading), heading, text] per section.
    sections: Vec<[&'a str; 3]>,
}

#[cfg(test)]
impl<'a> Fragment<'a> {
    fn new(doc: &'a SearchDoc<'a>, base: &str) -> Self {
        let mut sections: Vec<[&str; 3]> = doc
            .sections
            .iter()
            .map(|s| {
                [
                    s.anchor.as_deref().unwrap_or(""),
                    s.heading.as_str(),
                    s.text.as_str(),
                ]
            })
            .collect();
        if sections.is_empty() {
            sections.push(["", "", ""]);
        }
        Fragment {
            url: fragment_url(doc, base),
            title: doc.title,
            breadcrumb: &doc.breadcrumb,
            description: doc.description,
            sections,
        }
    }
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

    fn section(anchor: Option<&str>, heading: &str, text: &str) -> TextSection {
        TextSection {
            anchor: anchor.map(String::from),
            heading: heading.into(),
            level: 2,
            text: text.into(),
        }
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
                sections: &[],
                weight: 1.0,
            },
            SearchDoc {
                url: "/kb/duties/kpi/",
                title: "Показатели",
                breadcrumb: vec!["База", "Обязанности"],
                description: "О метриках",
                tags: &tags,
                sections: &sections,
                weight: 1.0,
            },
        ];
        let mut config = SearchConfig::default();
        config
            .synonyms
            .insert("KPI".into(), vec!["ключевые показатели".into()]);
        let files = build_index(&docs, &config, "ru");
        assert_eq!(files, build_index(&docs, &config, "ru"));
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
            fragment.starts_with("window.__kuratorSearch.add(\"f/1\",{\"url\":\"duties/kpi/\""),
            "{fragment}"
        );
        let meta = String::from_utf8(files[2].1.clone()).unwrap();
        assert!(
            meta.contains(r#""synonyms":{"kpi":[["ключев","показател"]]}"#),
            "{meta}"
        );
    }

    /// The hand-written fragment equals serde_json's, on text with every
    /// character that needs escaping at every position of an 8-byte run.
    #[test]
    fn fragments_match_serde_json() {
        let specials = [
            "\"", "\\", "\n", "\t", "\r", "\u{8}", "\u{c}", "\u{1}", "\u{1f}", "\u{7f}", "/", "ё",
            "—", " ", "<",
        ];
        let mut texts = vec![String::new()];
        for special in specials {
            for pad in 0..17 {
                texts.push(format!(
                    "{}{special}{}",
                    "я".repeat(pad / 2) + &"a".repeat(pad % 2),
                    "b".repeat(pad)
                ));
            }
        }
        texts.push(specials.concat().repeat(3));
        let sections: Vec<TextSection> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| section((i % 3 > 0).then_some(t.as_str()), t, t))
            .collect();
        let crumbs: Vec<&str> = texts.iter().map(String::as_str).collect();
        for (n, (title, sections)) in [("Заголовок \"x\"\n", &sections[..]), ("", &[][..])]
            .into_iter()
            .enumerate()
        {
            let doc = SearchDoc {
                url: "/kb/a\\b/",
                title,
                breadcrumb: crumbs.clone(),
                description: &texts[5],
                tags: &[],
                sections,
                weight: 1.0,
            };
            let name = format!("f/{n}");
            assert_eq!(
                String::from_utf8(fragment(n, &doc, "/kb/")).unwrap(),
                String::from_utf8(script(&name, &Fragment::new(&doc, "/kb/"))).unwrap()
            );
        }
    }

    #[test]
    fn base_path_is_found() {
        let doc = |url| SearchDoc {
            url,
            title: "",
            breadcrumb: vec!["x"],
            description: "",
            tags: &[],
            sections: &[],
            weight: 1.0,
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
