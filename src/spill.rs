//! Where pages wait between the build's stages once a site's text passes a
//! budget (issue 24): in an unnamed temporary file, read back one page at
//! a time, instead of in memory: a page's HTML for its page, its text per
//! heading (`TextSection`s) for the search index and the link previews.
//! Sources past the budget are not copied here: they stay in their own
//! files (`content::walk::OnDisk`). A site under the budget never touches
//! it.
//! The file is the system's temporary file (deleted when closed, never in
//! the site or its output).

use std::borrow::Cow;
use std::fs::File;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::OnceLock;

use crate::markdown::TextSection;

/// Text (sources, HTML, text per heading) kept in memory before pages go
/// to the file. A site of a few hundred pages stays under it; the
/// 10,000-page corpus passes it early, and peaks at 247 instead of 531 MiB
/// for about the same wall time (BENCHMARKS.md).
pub const DEFAULT_BUDGET: usize = 32 << 20;

/// A text in the spill file: a page's HTML or its text per heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spilled {
    offset: u64,
    len: usize,
}

/// A page's text per heading in the spill file, and the length of each
/// section's text: the search index sizes its fragment files by them
/// without reading the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpilledSections {
    at: Spilled,
    pub text_lens: Box<[u32]>,
}

/// The spill file and how much text is held in memory so far.
#[derive(Debug)]
pub struct Spill {
    budget: usize,
    held: AtomicUsize,
    /// Made on the first page over the budget (`None` inside: it could not
    /// be made, and pages stay in memory).
    file: OnceLock<Option<File>>,
    /// Where the next page goes: each page takes its range here and is
    /// written at it, so pages are written in parallel and a write that
    /// fails halfway (a full disk) cannot shift where another is read from.
    end: AtomicU64,
}

impl Spill {
    /// `KURATOR_SPILL_BUDGET` (bytes) overrides the budget: tests set 0 so
    /// every page goes through the file.
    pub fn new() -> Spill {
        let budget = std::env::var("KURATOR_SPILL_BUDGET")
            .ok()
            .and_then(|b| b.parse().ok())
            .unwrap_or(DEFAULT_BUDGET);
        Spill::with_budget(budget)
    }

    /// A spill that keeps everything in memory (`kurator import`, tests).
    pub fn in_memory() -> Spill {
        Spill::with_budget(usize::MAX)
    }

    /// Counts text brought back into memory (a body a step edits).
    pub fn hold(&self, bytes: usize) {
        self.held.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Memory given back: a page's source text let go once rendered.
    pub fn release(&self, bytes: usize) {
        let _ = self
            .held
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |held| {
                Some(held.saturating_sub(bytes))
            });
    }

    pub fn with_budget(budget: usize) -> Spill {
        Spill {
            budget,
            held: AtomicUsize::new(0),
            file: OnceLock::new(),
            end: AtomicU64::new(0),
        }
    }

    /// Keeps `text` in memory while under the budget; past it, writes it
    /// to the file and returns where. `None` also when the file cannot be
    /// made or written: then the text simply stays in memory.
    pub fn put(&self, text: &str) -> Option<Spilled> {
        if self.keeps(text.len()) {
            return None;
        }
        self.write(text.as_bytes())
    }

    /// [`Spill::put`] for a page's text per heading.
    pub fn put_sections(&self, sections: &[TextSection]) -> Option<SpilledSections> {
        let size: usize = sections.iter().map(encoded_len).sum();
        if self.keeps(size) {
            return None;
        }
        let mut bytes = Vec::with_capacity(size);
        for section in sections {
            encode(section, &mut bytes);
        }
        Some(SpilledSections {
            at: self.write(&bytes)?,
            text_lens: sections
                .iter()
                .map(|s| u32::try_from(s.text.len()).unwrap_or(u32::MAX))
                .collect(),
        })
    }

    /// A page's text per heading, put by [`Spill::put_sections`].
    pub fn get_sections(&self, at: &SpilledSections) -> std::io::Result<Vec<TextSection>> {
        let bytes = self.get_bytes(at.at)?;
        let mut sections = Vec::with_capacity(at.text_lens.len());
        let mut rest = bytes.as_slice();
        while !rest.is_empty() {
            sections.push(decode(&mut rest).ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, "spill file damaged")
            })?);
        }
        Ok(sections)
    }

    /// Whether a text of `len` bytes may stay in memory, counted as held if
    /// so. A source past the budget is not written here: it stays in its
    /// own file (`content::walk::OnDisk`).
    pub fn admit(&self, len: usize) -> bool {
        if self.keeps(len) {
            return true;
        }
        self.held.fetch_sub(len, Ordering::Relaxed);
        false
    }

    /// Counts `len` bytes as held in memory; whether they may stay there
    /// (under the budget, or no positioned I/O to read them back: not
    /// Unix). Bytes that go to the file are taken off again by `write`.
    fn keeps(&self, len: usize) -> bool {
        let held = self.held.fetch_add(len, Ordering::Relaxed);
        cfg!(not(unix)) || held.saturating_add(len) <= self.budget
    }

    /// Writes bytes counted by [`Spill::keeps`] to the file; `None` (they
    /// stay in memory, and counted) when the file cannot be made or written.
    fn write(&self, bytes: &[u8]) -> Option<Spilled> {
        let file = self
            .file
            .get_or_init(|| tempfile::tempfile().ok())
            .as_ref()?;
        let offset = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        write_at(file, bytes, offset).ok()?;
        self.held.fetch_sub(bytes.len(), Ordering::Relaxed);
        Some(Spilled {
            offset,
            len: bytes.len(),
        })
    }

    /// A spilled text (a page's HTML). Reading back what this process wrote
    /// fails only if the system lost the file; the caller reports it as
    /// the page's error rather than publish a page without its text.
    pub fn get(&self, at: Spilled) -> std::io::Result<String> {
        let bytes = self.get_bytes(at)?;
        // simdutf8 checks Cyrillic several times faster than std, whose
        // check of the text read back took 9 % of a 10k build's CPU; the
        // copy costs less than checking twice.
        simdutf8::basic::from_utf8(&bytes)
            .map(str::to_owned)
            .map_err(std::io::Error::other)
    }

    fn get_bytes(&self, at: Spilled) -> std::io::Result<Vec<u8>> {
        let file = self
            .file
            .get()
            .and_then(Option::as_ref)
            .ok_or_else(|| std::io::Error::other("no spill file"))?;
        let mut bytes = vec![0; at.len];
        read_at(file, &mut bytes, at.offset)?;
        Ok(bytes)
    }
}

// A section in the file: level, then anchor (a flag and, if present, its
// length and bytes), heading and text, each length a little-endian u32
// (every string here comes from one page of at most a few hundred MB).
// Written and read by this process alone, so no format crate: the four
// fields are the whole format.

fn encoded_len(s: &TextSection) -> usize {
    2 + 12 + s.anchor.as_ref().map_or(0, String::len) + s.heading.len() + s.text.len()
}

fn encode(s: &TextSection, out: &mut Vec<u8>) {
    let string = |text: &str, out: &mut Vec<u8>| {
        out.extend_from_slice(&(text.len() as u32).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
    };
    out.push(s.level);
    out.push(u8::from(s.anchor.is_some()));
    string(s.anchor.as_deref().unwrap_or(""), out);
    string(&s.heading, out);
    string(&s.text, out);
}

fn decode(rest: &mut &[u8]) -> Option<TextSection> {
    fn byte(rest: &mut &[u8]) -> Option<u8> {
        let (&b, tail) = rest.split_first()?;
        *rest = tail;
        Some(b)
    }
    fn string(rest: &mut &[u8]) -> Option<String> {
        let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let text = rest.get(4..4 + len)?;
        *rest = &rest[4 + len..];
        // Checked with SIMD: std's check of the text read back took 9 % of
        // a 10,000-page build's CPU.
        simdutf8::basic::from_utf8(text).ok().map(str::to_owned)
    }
    let level = byte(rest)?;
    let has_anchor = byte(rest)? == 1;
    let anchor = string(rest)?;
    Some(TextSection {
        anchor: has_anchor.then_some(anchor),
        heading: string(rest)?,
        level,
        text: string(rest)?,
    })
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(not(unix))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(not(unix))]
fn write_at(_: &File, _: &[u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

impl Default for Spill {
    fn default() -> Self {
        Spill::new()
    }
}

/// A page's HTML, wherever it is.
pub fn html<'r>(
    rendered: &'r crate::markdown::Rendered,
    spill: &Spill,
) -> std::io::Result<Cow<'r, str>> {
    match rendered.spilled {
        Some(at) => spill.get(at).map(Cow::Owned),
        None => Ok(Cow::Borrowed(&rendered.html)),
    }
}

/// What the build says when the spill file does not give back what it
/// holds of a page (`what`: its HTML or text): an error of
/// that page, never a page published without it.
pub fn read_back_error(
    source: &str,
    what: &str,
    e: &std::io::Error,
) -> crate::diagnostic::Diagnostic {
    crate::diagnostic::Diagnostic::error(
        source,
        format!("cannot read this page's {what} back from the build's temporary file: {e}"),
    )
    .help("build again; if it happens again, check the space and permissions of the system's temporary folder (TMPDIR)")
}

/// A page's text per heading, wherever it is.
pub fn sections<'r>(
    rendered: &'r crate::markdown::Rendered,
    spill: &Spill,
) -> std::io::Result<Cow<'r, [TextSection]>> {
    match &rendered.spilled_sections {
        Some(at) => spill.get_sections(at).map(Cow::Owned),
        None => Ok(Cow::Borrowed(&rendered.sections)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_past_the_budget_come_back_as_they_were() {
        let spill = Spill::with_budget(0);
        let sections = vec![
            TextSection {
                anchor: None,
                heading: String::new(),
                level: 0,
                text: "Вступление.".into(),
            },
            TextSection {
                anchor: Some(String::new()),
                heading: "Пустой якорь".into(),
                level: 2,
                text: String::new(),
            },
            TextSection {
                anchor: Some("itogi".into()),
                heading: "Итоги".into(),
                level: 6,
                text: "Текст\nс переносом.".into(),
            },
        ];
        let html = spill.put("<p>before</p>").unwrap();
        let at = spill.put_sections(&sections).expect("over the budget");
        assert_eq!(&*at.text_lens, &[21, 0, 33]);
        assert_eq!(spill.get_sections(&at).unwrap(), sections);
        assert_eq!(spill.get(html).unwrap(), "<p>before</p>");
        assert_eq!(spill.put_sections(&[]), None, "nothing to spill");
    }

    #[test]
    fn released_memory_makes_room_under_the_budget() {
        let spill = Spill::with_budget(10);
        assert_eq!(spill.put("123456789"), None);
        assert!(spill.put("12").is_some(), "over the budget");
        spill.release(9);
        assert_eq!(spill.put("12345678"), None, "room again");
        spill.release(1000);
        assert_eq!(spill.put("1234567890"), None, "never below nothing");
    }

    #[test]
    fn a_damaged_record_is_an_error_not_a_panic() {
        for bytes in [
            &[2u8][..],
            &[2, 1, 9, 0, 0, 0, b'a'],
            &[0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff],
        ] {
            let mut rest = bytes;
            assert_eq!(decode(&mut rest), None, "{bytes:?}");
        }
    }

    #[test]
    fn pages_past_the_budget_go_to_the_file_and_come_back() {
        let spill = Spill::with_budget(10);
        assert_eq!(spill.put("<p>ab</p>"), None, "9 bytes: in memory");
        let first = spill.put("<p>ёлка</p>").expect("over the budget");
        let second = spill.put("<p>третья</p>").expect("still over");
        assert_eq!(spill.get(second).unwrap(), "<p>третья</p>");
        assert_eq!(spill.get(first).unwrap(), "<p>ёлка</p>");
    }

    #[test]
    fn a_zero_budget_spills_every_page() {
        let spill = Spill::with_budget(0);
        let pages: Vec<String> = (0..200).map(|i| format!("<h1>{i}</h1>")).collect();
        let at: Vec<Spilled> = std::thread::scope(|s| {
            let handles: Vec<_> = pages
                .chunks(50)
                .map(|chunk| {
                    s.spawn(|| {
                        chunk
                            .iter()
                            .map(|p| spill.put(p).unwrap())
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        for (page, at) in pages.iter().zip(at) {
            assert_eq!(&spill.get(at).unwrap(), page);
        }
    }
}
