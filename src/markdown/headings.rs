//! Heading ids and the table of contents.
//!
//! The id rule (documented in docs/content-format.md): an explicit `{#id}`
//! wins; otherwise the heading text lower-cased, keeping letters of any
//! script, digits, `-` and `_`, turning runs of whitespace into one `-` and
//! dropping everything else. A repeated id gets `-1`, `-2`, … appended.

use std::collections::HashSet;

use serde::Serialize;

/// One heading of a page, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// The id a heading's text gives, before making it unique.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_dash = !out.is_empty();
        } else if c.is_alphanumeric() || c == '-' || c == '_' {
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
    used: HashSet<String>,
}

impl IdAllocator {
    /// Reserves an id given explicitly by the author; returns false when it
    /// was already taken.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    /// A unique id for heading text (`section` when the text gives none).
    pub fn allocate(&mut self, text: &str) -> String {
        let mut base = slugify(text);
        if base.is_empty() {
            base = "section".to_string();
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .unwrap_or(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
