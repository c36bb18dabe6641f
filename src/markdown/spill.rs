//! Where rendered pages wait for the template stage once a site's HTML
//! passes a budget (issue 24): in an unnamed temporary file, read back one
//! page at a time, instead of in memory. A site under the budget never
//! touches it. The file is the system's temporary file (deleted when
//! closed, never in the site or its output).

use std::borrow::Cow;
use std::fs::File;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::OnceLock;

/// HTML kept in memory before pages go to the file. The 10,000-page
/// corpus renders about 210 MB of it; spilling all of it took its peak
/// from 788 to 487 MB at no measurable cost in time, and a site of a few
/// hundred pages stays under this.
pub const DEFAULT_BUDGET: usize = 32 << 20;

/// A page's HTML in the spill file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spilled {
    offset: u64,
    len: usize,
}

/// The spill file and how much HTML is held in memory so far.
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

    pub fn with_budget(budget: usize) -> Spill {
        Spill {
            budget,
            held: AtomicUsize::new(0),
            file: OnceLock::new(),
            end: AtomicU64::new(0),
        }
    }

    /// Keeps `html` in memory while under the budget; past it, writes it to
    /// the file and returns where. `None` also when the file cannot be
    /// made or written: then the page simply stays in memory.
    pub fn put(&self, html: &str) -> Option<Spilled> {
        // Reading a page back needs positioned reads (Unix); elsewhere
        // every page stays in memory.
        if cfg!(not(unix)) {
            return None;
        }
        if self.held.fetch_add(html.len(), Ordering::Relaxed) + html.len() <= self.budget {
            return None;
        }
        let file = self
            .file
            .get_or_init(|| tempfile::tempfile().ok())
            .as_ref()?;
        let offset = self.end.fetch_add(html.len() as u64, Ordering::Relaxed);
        write_at(file, html.as_bytes(), offset).ok()?;
        self.held.fetch_sub(html.len(), Ordering::Relaxed);
        Some(Spilled {
            offset,
            len: html.len(),
        })
    }

    /// The HTML of a spilled page. Reading back what this process wrote
    /// fails only if the system lost the file; the caller reports it as
    /// the page's error rather than publish a page without its text.
    pub fn get(&self, at: Spilled) -> std::io::Result<String> {
        let file = self
            .file
            .get()
            .and_then(Option::as_ref)
            .ok_or_else(|| std::io::Error::other("no spill file"))?;
        let mut bytes = vec![0; at.len];
        read_at(file, &mut bytes, at.offset)?;
        String::from_utf8(bytes).map_err(std::io::Error::other)
    }
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
pub fn html<'r>(rendered: &'r super::Rendered, spill: &Spill) -> std::io::Result<Cow<'r, str>> {
    match rendered.spilled {
        Some(at) => spill.get(at).map(Cow::Owned),
        None => Ok(Cow::Borrowed(&rendered.html)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
