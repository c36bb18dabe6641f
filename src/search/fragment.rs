//! `f/<n>.js`: what the browser shows for the pages of fragment group `n`
//! (URL, title, breadcrumb, description and the plain text of its
//! sections, for snippets), one object per page in an
//! array: page `p` is item `p % group` of file `p / group`, where `group`
//! is in `meta.js`. A long page (more than [`LONG_PAGE`] of text, listed
//! in `meta.long`) keeps only its first `meta.chunk` sections there; the
//! rest are in `f/<p>-<k>.js` (sections `k * meta.chunk` on, one object),
//! so a result deep in a long chapter loads a few KB, not the chapter.
//! Only long pages are cut: every file costs the build a file creation
//! (cutting all 10,000 pages of the benchmark corpus, 14 KB each, made the
//! index cost +88 % of the build instead of +23 %).
//! Fragments are the bulk of the index's bytes (a copy of every page's
//! text), so they are written by hand, not through serde.
//!
//! A fragment is a classic script, `window.__kuratorSearch.add("f/<n>",
//! [{...}, ...]);`, so its strings are JavaScript string literals, not JSON:
//! only `"`, `\`, and the line breaks `\n` and `\r` must be escaped. Other
//! control characters may stand as they are (ES2019 also allows U+2028 and
//! U+2029), which lets the writer jump from one of four bytes to the next
//! with `memchr` instead of testing every byte.

use super::{SearchDoc, TextSection};

/// Fragment files a site gets before pages share them: each file costs the
/// build a file creation, which costs more than writing its text (on the
/// 10k corpus, 10,021 files made the build 7.6 % slower than 2,506).
const FILES: usize = 2_000;
/// Text a group stops growing at: the most a result makes the reader load
/// (a page longer than this still gets a file of its own).
const GROUP_TEXT: usize = 64 * 1024;

/// Text a page's fragment aims at: what one result costs the reader. The
/// sections per fragment (`meta.chunk`, the same for the whole site, so
/// the browser finds a section's file without a table) are as many as
/// average sections make this.
const CHUNK_TEXT: usize = 6 * 1024;
/// Bounds of sections per fragment.
const CHUNK_SECTIONS: std::ops::RangeInclusive<usize> = 1..=64;

/// Text past which a page's fragment is cut into several.
pub(super) const LONG_PAGE: usize = 24 * 1024;

/// Whether a page is cut into several fragments.
pub(super) fn is_long(doc: &SearchDoc<'_>) -> bool {
    doc.sections.text_lens().sum::<usize>() > LONG_PAGE
}

/// Sections per fragment of the long pages among these (see
/// [`CHUNK_TEXT`]).
pub(super) fn chunk_sections(docs: &[&SearchDoc<'_>]) -> usize {
    let (count, text) = docs
        .iter()
        .filter(|d| is_long(d))
        .flat_map(|d| d.sections.text_lens())
        .fold((0usize, 0usize), |(n, t), len| (n + 1, t + len));
    let average = text / count.max(1) + 1;
    (CHUNK_TEXT / average).clamp(*CHUNK_SECTIONS.start(), *CHUNK_SECTIONS.end())
}

/// Fragments of a page: the first in its group's file, then (a long page)
/// `f/<p>-<k>.js`.
pub(super) fn chunk_count(doc: &SearchDoc<'_>, per: usize) -> usize {
    if is_long(doc) {
        doc.sections.len().div_ceil(per).max(1)
    } else {
        1
    }
}

/// Fragment `k` (from 1) of page `p`, `per` sections a fragment:
/// `f/<p>-<k>.js`, one object.
/// `sections`: the page's, read once for all its fragments.
pub(super) fn chunk(
    p: usize,
    k: usize,
    per: usize,
    doc: &SearchDoc<'_>,
    sections: &[TextSection],
    base: &str,
) -> Vec<u8> {
    let from = (k * per).min(sections.len());
    let to = (from + per).min(sections.len());
    let text: usize = sections[from..to].iter().map(|s| s.text.len() + 64).sum();
    let mut out = Vec::with_capacity(text + 256);
    out.extend_from_slice(format!("window.__kuratorSearch.add(\"f/{p}-{k}\",").as_bytes());
    page_sections(&mut out, doc, base, &sections[from..to]);
    out.extend_from_slice(b");\n");
    out
}

/// Pages per fragment file: 1 up to [`FILES`] pages; past that, enough to
/// keep the files near [`FILES`], but no more than fit in [`GROUP_TEXT`].
pub(super) fn group_size(docs: &[&SearchDoc<'_>]) -> usize {
    let by_count = docs.len().div_ceil(FILES).max(1);
    if by_count == 1 {
        return 1;
    }
    let text: usize = docs.iter().flat_map(|d| d.sections.text_lens()).sum();
    let per_page = text / docs.len() + 1;
    by_count.min(GROUP_TEXT / per_page).max(1)
}

/// Fragment file `n`: the pages `docs` (of one group), in order, a long
/// one with its first `per` sections. Fails when a page's text cannot be
/// read back ([`super::Sections::Later`]).
pub(super) fn group(
    n: usize,
    docs: &[&SearchDoc<'_>],
    per: usize,
    base: &str,
) -> std::io::Result<Vec<u8>> {
    let text: usize = docs
        .iter()
        .flat_map(|d| d.sections.text_lens().map(|len| len + 64))
        .sum();
    let mut out = Vec::with_capacity(text + 256 * docs.len());
    out.extend_from_slice(format!("window.__kuratorSearch.add(\"f/{n}\",[").as_bytes());
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        page(&mut out, doc, &doc.sections.read()?, per, base);
    }
    out.extend_from_slice(b"]);\n");
    Ok(out)
}

/// One page's first fragment: a JavaScript object literal (all of a page
/// that is not long).
fn page(out: &mut Vec<u8>, doc: &SearchDoc<'_>, sections: &[TextSection], per: usize, base: &str) {
    let shown = if is_long(doc) { per } else { usize::MAX };
    let first = &sections[..sections.len().min(shown)];
    page_sections(out, doc, base, first);
}

/// A page's fragment object with the given sections.
fn page_sections(out: &mut Vec<u8>, doc: &SearchDoc<'_>, base: &str, sections: &[TextSection]) {
    out.extend_from_slice(b"{\"url\":");
    js_str(out, fragment_url(doc, base));
    out.extend_from_slice(b",\"title\":");
    js_str(out, doc.title);
    out.extend_from_slice(b",\"breadcrumb\":[");
    for (i, crumb) in doc.breadcrumb.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        js_str(out, crumb);
    }
    out.extend_from_slice(b"],\"description\":");
    js_str(out, doc.description);
    out.extend_from_slice(b",\"sections\":[");
    if sections.is_empty() {
        out.extend_from_slice(br#"["","",""]"#);
    }
    for (i, s) in sections.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'[');
        js_str(out, s.anchor.as_deref().unwrap_or(""));
        out.push(b',');
        js_str(out, &s.heading);
        out.push(b',');
        js_str(out, &s.text);
        out.push(b']');
    }
    out.extend_from_slice(b"]}");
}

/// A page's URL as fragments store it: without the base path.
fn fragment_url<'a>(doc: &SearchDoc<'a>, base: &str) -> &'a str {
    doc.url
        .strip_prefix(base)
        .unwrap_or(doc.url.trim_start_matches('/'))
}

/// A JavaScript string literal in double quotes, appended to `out`.
pub(super) fn js_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // `\r` is rare in page text: find it once, then look for the other
    // three with one `memchr3` per escape.
    let mut carriage = memchr::memchr(b'\r', bytes).unwrap_or(bytes.len());
    let mut done = 0;
    while done < bytes.len() {
        let next = memchr::memchr3(b'"', b'\\', b'\n', &bytes[done..carriage])
            .map_or(carriage, |k| done + k);
        out.extend_from_slice(&bytes[done..next]);
        let Some(&special) = bytes.get(next) else {
            break;
        };
        out.extend_from_slice(match special {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            _ => {
                carriage =
                    memchr::memchr(b'\r', &bytes[next + 1..]).map_or(bytes.len(), |k| next + 1 + k);
                b"\\r"
            }
        });
        done = next + 1;
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::TextSection;
    use crate::search::tests::section;
    use serde::Serialize;

    /// Sections per fragment in these tests.
    const PER: usize = 4;

    /// What a fragment holds, serialised by serde_json: the reference.
    #[derive(Serialize)]
    struct Fragment<'a> {
        url: &'a str,
        title: &'a str,
        breadcrumb: &'a [&'a str],
        description: &'a str,
        /// [anchor ("" before the first heading), heading, text] per section.
        sections: Vec<[&'a str; 3]>,
    }

    impl<'a> Fragment<'a> {
        fn new(doc: &'a SearchDoc<'a>, base: &str) -> Self {
            Self::chunk(doc, base, 0)
        }

        /// Fragment `k` of the page: all of a page that is not long.
        fn chunk(doc: &'a SearchDoc<'a>, base: &str, k: usize) -> Self {
            let per = if is_long(doc) { PER } else { usize::MAX };
            let crate::search::Sections::Here(all) = &doc.sections else {
                unreachable!("the expected fragments are made of pages in memory")
            };
            let mut sections: Vec<[&str; 3]> = all
                .iter()
                .skip(k * per)
                .take(per)
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

    /// The data of a fragment script, read as JavaScript would: its
    /// literal, with the control characters JavaScript allows raw in a
    /// string (and JSON does not) escaped, parsed as JSON.
    fn parse(script: &[u8], n: &str) -> serde_json::Value {
        let text = std::str::from_utf8(script).unwrap();
        let prefix = format!("window.__kuratorSearch.add(\"f/{n}\",");
        let literal = text
            .strip_prefix(&prefix)
            .and_then(|t| t.strip_suffix(");\n"))
            .expect("a fragment group script");
        assert!(!literal.contains(['\n', '\r']), "raw line break");
        let json: String = literal
            .chars()
            .map(|c| match c {
                '\0'..='\u{1f}' => format!("\\u{:04x}", c as u32),
                c => c.to_string(),
            })
            .collect();
        serde_json::from_str(&json).expect("a JavaScript object literal of JSON values")
    }

    /// The hand-written fragment holds what serde_json would write, on text
    /// with every character that needs care, at every position of a run.
    #[test]
    fn fragments_hold_what_serde_json_writes() {
        let specials = [
            "\"", "\\", "\n", "\t", "\r", "\r\n", "\u{8}", "\u{c}", "\u{1}", "\u{1f}", "\u{7f}",
            "/", "ё", "—", " ", "<", "\u{2028}", "\\\"", "\n\"",
        ];
        let mut texts = vec![String::new()];
        for special in specials {
            for pad in 0..17 {
                texts.push(format!(
                    "{}{special}{}{special}",
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
        // The same page made long: cut into fragments of PER sections.
        let mut long_sections = sections.clone();
        long_sections.push(section(Some("long"), "Long", &"ж\"".repeat(LONG_PAGE)));
        let lens =
            |s: &[TextSection]| -> Vec<u32> { s.iter().map(|s| s.text.len() as u32).collect() };
        let (long_lens, short_lens) = (lens(&long_sections), lens(&sections));
        let crumbs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let doc = |title, sections| SearchDoc {
            url: "/kb/a\\b/",
            title,
            breadcrumb: crumbs.clone(),
            description: &texts[5],
            tags: &[],
            sections,
            weight: 1.0,
            defines: false,
        };
        let docs = [
            doc("Заголовок \"x\"\n", long_sections[..].into()),
            doc("", (&[][..]).into()),
            doc("Short", sections[..].into()),
        ];
        let refs: Vec<&SearchDoc> = docs.iter().collect();
        assert!(is_long(&docs[0]) && !is_long(&docs[2]));
        // File 0 with one page, file 7 with all three.
        for (n, pages) in [(0, &refs[..1]), (7, &refs[..])] {
            let expected: Vec<serde_json::Value> = pages
                .iter()
                .map(|d| serde_json::to_value(Fragment::new(d, "/kb/")).unwrap())
                .collect();
            let script = group(n, pages, PER, "/kb/").unwrap();
            assert_eq!(
                parse(&script, &n.to_string()),
                serde_json::Value::from(expected)
            );
        }
        // Pages whose text is read when needed make the same file.
        let later = [
            doc(
                "Заголовок \"x\"\n",
                crate::search::Sections::Later {
                    text_lens: &long_lens,
                    read: Box::new(|| Ok(long_sections.clone())),
                },
            ),
            doc("", (&[][..]).into()),
            doc(
                "Short",
                crate::search::Sections::Later {
                    text_lens: &short_lens,
                    read: Box::new(|| Ok(sections.clone())),
                },
            ),
        ];
        let later_refs: Vec<&SearchDoc> = later.iter().collect();
        assert!(is_long(&later[0]) && !is_long(&later[2]));
        assert_eq!(
            group(7, &later_refs, PER, "/kb/").unwrap(),
            group(7, &refs, PER, "/kb/").unwrap()
        );
        let failing = [doc(
            "Lost",
            crate::search::Sections::Later {
                text_lens: &short_lens,
                read: Box::new(|| Err(std::io::Error::other("gone"))),
            },
        )];
        let failing: Vec<&SearchDoc> = failing.iter().collect();
        assert!(
            group(0, &failing, PER, "/kb/").is_err(),
            "an error, not a page without text"
        );
        // The rest of the long page's sections, PER a file.
        assert_eq!(
            chunk_count(&docs[0], PER),
            long_sections.len().div_ceil(PER)
        );
        assert_eq!(chunk_count(&docs[1], PER), 1, "a page with no text has one");
        assert_eq!(
            chunk_count(&docs[2], PER),
            1,
            "a page that is not long has one"
        );
        for k in 1..chunk_count(&docs[0], PER) {
            let expected = serde_json::to_value(Fragment::chunk(&docs[0], "/kb/", k)).unwrap();
            let script = chunk(3, k, PER, &docs[0], &long_sections, "/kb/");
            assert_eq!(parse(&script, &format!("3-{k}")), expected, "chunk {k}");
        }
    }

    fn pages(count: usize, text: &str) -> usize {
        let sections = [section(None, "", text)];
        let docs: Vec<SearchDoc> = (0..count)
            .map(|_| SearchDoc {
                url: "/a/",
                title: "",
                breadcrumb: vec![],
                description: "",
                tags: &[],
                sections: sections[..].into(),
                weight: 1.0,
                defines: false,
            })
            .collect();
        group_size(&docs.iter().collect::<Vec<_>>())
    }

    #[test]
    fn long_sections_make_fewer_sections_a_fragment() {
        let doc = |sections| crate::search::tests::doc("", sections);
        let short = [section(None, "", "слово"), section(None, "", "два")];
        // Five sections of 1,000 bytes: 5,000 bytes, not a long page.
        let medium: Vec<TextSection> = (0..5)
            .map(|_| section(None, "", &"a".repeat(1_000)))
            .collect();
        // Thirty of 1,000 bytes: long, six a fragment; of 6,000: one (a
        // result then loads its own section, not a neighbour's too).
        let long: Vec<TextSection> = (0..30)
            .map(|_| section(None, "", &"a".repeat(1_000)))
            .collect();
        let longer: Vec<TextSection> = (0..30)
            .map(|_| section(None, "", &"a".repeat(6_000)))
            .collect();
        assert_eq!(chunk_sections(&[&doc(&short[..])]), 64, "no long page");
        assert_eq!(chunk_sections(&[&doc(&medium[..])]), 64, "no long page");
        assert_eq!(chunk_sections(&[&doc(&long[..]), &doc(&short[..])]), 6);
        assert_eq!(chunk_sections(&[&doc(&longer[..])]), 1);
        assert_eq!(chunk_sections(&[]), 64);
        assert!(!is_long(&doc(&medium[..])) && is_long(&doc(&long[..])));
    }

    /// One page a file on small sites; on large ones groups that keep the
    /// files near FILES, unless a group's text would pass GROUP_TEXT.
    #[test]
    fn fragments_are_grouped_on_large_sites_only() {
        let page_text = "я".repeat(7_000); // 14,000 bytes
        assert_eq!(pages(0, &page_text), 1);
        assert_eq!(pages(FILES, &page_text), 1);
        assert_eq!(pages(FILES + 1, &page_text), 2);
        assert_eq!(pages(10_000, &page_text), 4); // 5 by count, 4 by text
        assert_eq!(pages(10_000, "short"), 5);
        assert_eq!(pages(10_000, &"a".repeat(200_000)), 1);
    }
}
