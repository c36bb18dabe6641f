//! Heading ids and the table of contents.
//!
//! The id rule (documented in docs/content-format.md): an explicit `{#id}`
//! wins; otherwise the heading text lower-cased, keeping letters of any
//! script, digits, `-` and `_`, turning runs of whitespace into one `-` and
//! dropping everything else. A repeated id gets `-1`, `-2`, … appended.

use pulldown_cmark::{CowStr, Event, HeadingLevel};
use std::collections::{HashMap, HashSet};

use crate::content::links::HeadingIds;

use super::{RenderState, TextSection};

use serde::Serialize;

/// One heading of a page, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A heading being read: its text is gathered until it closes.
pub(super) struct HeadingCapture {
    pub(super) id: Option<String>,
    pub(super) classes: Vec<String>,
    pub(super) text: String,
    pub(super) start: usize,
}

impl RenderState<'_> {
    /// Writes the heading's open tag (with its id) and self-link, starts a
    /// new search section, and adds it to the table of contents. A leading
    /// `# Title` is lifted out instead: templates print the title.
    pub(super) fn close_heading<'a>(
        &mut self,
        h: HeadingCapture,
        level: HeadingLevel,
        out: &mut Vec<Event<'a>>,
    ) {
        let text = h.text.trim().to_string();
        let id = match h.id {
            Some(id) => id,
            None => {
                let id = self.ids.allocate(&text);
                self.out.anchors.push(id.clone());
                id
            }
        };
        let n = level as u8;
        // The title heading: a leading `# Title`, or the first heading of
        // any level when the page's title is taken from it.
        let first = self.current.anchor.is_none();
        let lift = self.out.title_anchor.is_none()
            && ((n == 1 && h.start == 0) || (self.input.title_is_first_heading && first));
        if lift {
            if !self.current.text.trim().is_empty() {
                // Text before it stays a section of its own.
                let intro = std::mem::take(&mut self.current);
                self.out.sections.push(intro);
            }
            out.truncate(h.start);
            // A `<!-- more -->` inside the title went with it (found by
            // fuzzing, issue 9: the cut pointed past the end and panicked).
            if self.summary_cut.is_some_and(|cut| cut > h.start) {
                self.summary_cut = Some(h.start);
            }
            self.out.title_anchor = Some(id.clone());
            self.current.anchor = Some(id);
            self.current.heading = text;
            self.current.level = 1;
            return;
        }
        let class = if h.classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", crate::html::escape(&h.classes.join(" ")))
        };
        out[h.start] = Event::Html(CowStr::from(format!(
            "<h{n} id=\"{}\"{class}>",
            crate::html::escape(&id)
        )));
        let label = crate::html::escape(&self.input.labels.heading_link);
        out.push(Event::Html(CowStr::from(format!(
            " <a class=\"heading-anchor\" href=\"#{}\" aria-label=\"{label}\">#</a></h{n}>\n",
            crate::html::escape(&id)
        ))));
        if n > 1 {
            self.out.toc.push(TocEntry {
                level: n,
                id: id.clone(),
                title: text.clone(),
            });
        }
        let finished = std::mem::replace(
            &mut self.current,
            TextSection {
                anchor: Some(id),
                heading: text,
                level: n,
                text: String::new(),
            },
        );
        if finished.anchor.is_some() || !finished.text.trim().is_empty() {
            self.out.sections.push(finished);
        }
    }
}

/// The id a heading's text gives, before making it unique.
/// A heading's id by the site's rule.
pub fn slug(rule: HeadingIds, text: &str) -> String {
    match rule {
        HeadingIds::Kurator => slugify(text),
        HeadingIds::MdBook => slugify_mdbook(text),
    }
}

/// mdBook's rule (its `normalize_id`, read from mdBook's source): letters,
/// digits, `_` and `-` kept (ASCII lowercased), each whitespace character a
/// dash, everything else dropped. Runs of dashes stay, as in mdBook.
pub fn slugify_mdbook(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_dash = !out.is_empty();
        } else if c.is_ascii_alphanumeric()
            || matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | '-' | '_')
            || (!c.is_ascii() && c.is_alphanumeric())
        {
            if pending_dash {
                out.push('-');
                pending_dash = false;
            }
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Hands out ids that are unique within one page.
#[derive(Debug, Default)]
pub struct IdAllocator {
    rule: HeadingIds,
    used: HashSet<String>,
    /// Per base id, the last suffix handed out: ids are never freed, so the
    /// next free one is above it. Without this, a page with thousands of
    /// headings of the same text took quadratic time (issue 9).
    last_suffix: HashMap<String, usize>,
}

impl IdAllocator {
    /// Ids spelled by `rule`.
    pub fn new(rule: HeadingIds) -> IdAllocator {
        IdAllocator {
            rule,
            ..IdAllocator::default()
        }
    }

    /// Reserves an id given explicitly by the author; returns false when it
    /// was already taken.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    /// A unique id for heading text (`section` when the text gives none).
    pub fn allocate(&mut self, text: &str) -> String {
        let mut base = slug(self.rule, text);
        if base.is_empty() {
            base = "section".to_string();
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        let start = self.last_suffix.get(&base).map_or(1, |n| n + 1);
        for n in start.. {
            let candidate = format!("{base}-{n}");
            if self.used.insert(candidate.clone()) {
                self.last_suffix.insert(base, n);
                return candidate;
            }
        }
        unreachable!("the suffixes never run out")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mdbook_ids_follow_mdbooks_rule() {
        assert_eq!(
            slugify_mdbook("Concatenating with + or format!"),
            "concatenating-with--or-format"
        );
        assert_eq!(
            slugify_mdbook("Using `Box<T>` to Point"),
            "using-boxt-to-point"
        );
        assert_eq!(slugify_mdbook(" A_b-C "), "-a_b-c-");
        assert_eq!(slug(HeadingIds::Kurator, "A + B"), "a-b");
        let mut ids = IdAllocator::new(HeadingIds::MdBook);
        assert_eq!(ids.allocate("Hello, World!"), "hello-world");
        assert_eq!(ids.allocate("Hello, World!"), "hello-world-1");
    }

    #[test]
    fn slugify_keeps_cyrillic() {
        assert_eq!(slugify("Что входит в работу?"), "что-входит-в-работу");
        assert_eq!(slugify("  B2B и B2C  "), "b2b-и-b2c");
        assert_eq!(
            slugify("KPI: ключевые — показатели"),
            "kpi-ключевые-показатели"
        );
        assert_eq!(slugify("Ёлка"), "ёлка");
        assert_eq!(slugify("snake_case-name"), "snake_case-name");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn allocator_makes_ids_unique() {
        let mut ids = IdAllocator::default();
        assert!(ids.reserve("итоги"));
        assert_eq!(ids.allocate("Итоги"), "итоги-1");
        assert_eq!(ids.allocate("Итоги"), "итоги-2");
        assert_eq!(ids.allocate("?"), "section");
        assert_eq!(ids.allocate(""), "section-1");
        assert!(!ids.reserve("section"));
    }

    /// Issue 9: 30,000 headings with the same text once took minutes.
    #[test]
    fn many_equal_headings_are_fast() {
        let mut ids = IdAllocator::default();
        assert!(ids.reserve("x-3"));
        let start = std::time::Instant::now();
        let got: Vec<String> = (0..30_000).map(|_| ids.allocate("X")).collect();
        assert_eq!(&got[..4], ["x", "x-1", "x-2", "x-4"]);
        assert_eq!(got[29_999], "x-30000");
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }
}
