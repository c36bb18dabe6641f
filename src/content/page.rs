//! One Markdown file as a page or section: front matter, title, body and the
//! place it takes in the tree. Pure: works on text already read.

use std::borrow::Cow;

use super::front_matter::{self, FrontMatter};
use super::walk::{PageDefaults, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::spill::Spill;

use super::walk::OnDisk;

/// Whether a body holds what a step after the model edits (mdBook's
/// `{{#include}}`, Hugo's and Zola's shortcodes, Obsidian's `![[embeds]]`,
/// see `pipeline.rs`): such a body stays in memory.
pub fn edited_later(body: &str) -> bool {
    body.contains("{{") || body.contains("{%") || body.contains("![[")
}

/// A page or section of the site.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Path relative to the site root: `content/duties/reporting.md`; empty
    /// for a section made up for a folder without `_index.md`.
    pub source: String,
    /// Path relative to `content/`: `duties/reporting.md`.
    pub content_path: String,
    /// What the page's tool layout said where its front matter is silent
    /// (kept so that re-reading the file alone gives the same page).
    pub defaults: PageDefaults,
    /// Content-relative folder that relative links are resolved from.
    pub dir: String,
    pub is_section: bool,
    /// The last URL segment (file stem, folder name or `slug`).
    pub segment: String,
    /// Site path below the base path: `duties/reporting/`, `` for home.
    pub url: String,
    pub front: FrontMatter,
    pub title: String,
    pub title_from: TitleFrom,
    /// Empty when the body was left in its source file (`body_on_disk`):
    /// read it with [`Page::body_in`].
    pub body: String,
    pub body_on_disk: Option<BodyOnDisk>,
    /// File line on which `body` starts.
    pub body_line: usize,
    /// After includes added lines to `body`: where each line of the file's
    /// body starts in it (`content::lines::remap_lines`).
    pub line_starts: Option<Vec<usize>>,
    /// Text added to `body` from another file (the glossary's terms).
    pub generated: Option<Generated>,
    pub parent: Option<usize>,
    /// For sections: sub-sections and pages, in reading order.
    pub children: Vec<usize>,
    pub depth: usize,
}

/// A body left in its source file: the last `len` bytes of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyOnDisk {
    source: OnDisk,
    len: usize,
}

impl Page {
    /// A section with a feed of its own (`feed: true`), written to
    /// `<url>atom.xml`; on the home page the site's `atom.xml` is that feed.
    pub fn has_own_feed(&self) -> bool {
        self.is_section && self.front.feed && !self.url.is_empty()
    }

    /// Reads one source file. Returns the page, or every problem with it.
    pub fn parse(file: &SourceFile) -> Result<Page, Vec<Diagnostic>> {
        Page::parse_text(file, &file.text)
    }

    /// [`Page::parse`] of a file that may have been left on disk: its
    /// body then stays there (the end of the file's text), unless a later
    /// step edits bodies like it (includes, shortcodes, embeds).
    pub fn parse_in(file: &SourceFile) -> Result<Page, Vec<Diagnostic>> {
        let Some(on_disk) = &file.on_disk else {
            return Page::parse(file);
        };
        let text = file.text().map_err(|d| vec![d])?;
        let mut page = Page::parse_text(file, &text)?;
        if !edited_later(&page.body) && text.ends_with(page.body.as_str()) {
            page.body_on_disk = Some(BodyOnDisk {
                source: on_disk.clone(),
                len: page.body.len(),
            });
            page.body = String::new();
        }
        Ok(page)
    }

    /// The body, read again from its file if it was left there.
    pub fn body_in(&self) -> Result<Cow<'_, str>, Diagnostic> {
        let Some(away) = &self.body_on_disk else {
            return Ok(Cow::Borrowed(&self.body));
        };
        away.source.read_end(&self.source, away.len).map(Cow::Owned)
    }

    /// Brings the body back into memory, for a step that edits it.
    pub fn load_body(&mut self, spill: &Spill) -> Result<(), Diagnostic> {
        if self.body_on_disk.is_some() {
            self.body = self.body_in()?.into_owned();
            self.body_on_disk = None;
            spill.hold(self.body.len());
        }
        Ok(())
    }

    fn parse_text(file: &SourceFile, text: &str) -> Result<Page, Vec<Diagnostic>> {
        let rel = file.rel.as_str();
        let content_path = file.content_path.clone();
        let split = front_matter::split(rel, text).map_err(|d| vec![d])?;
        let mut front = match (split.yaml, split.toml) {
            (Some((yaml, line)), _) => front_matter::parse(rel, yaml, line)?,
            (None, Some((toml, line))) => front_matter::parse_toml(rel, toml, line)?,
            (None, None) => FrontMatter::default(),
        };
        let defaults = &file.defaults;
        front.weight = front.weight.or(defaults.weight);
        front.draft |= defaults.draft;
        for tag in &defaults.tags {
            if !front.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                front.tags.push(tag.clone());
            }
        }
        let (dir, file_name) = match content_path.rfind('/') {
            Some(i) => (&content_path[..i], &content_path[i + 1..]),
            None => ("", content_path.as_str()),
        };
        let is_section = file_name == "_index.md";
        let is_bundle = file_name == "index.md";
        let natural = if is_section || is_bundle {
            dir.rsplit('/').next().unwrap_or("")
        } else {
            file_name
                .strip_suffix(".md")
                .or_else(|| file_name.strip_suffix(".gift"))
                .unwrap_or(file_name)
        };
        let segment = url_segment(front.slug.as_deref().unwrap_or(natural));
        // A blank `title:` counts as none (found by the property tests,
        // issue 9: it gave pages an empty <title>, heading and nav link).
        // Markdown written for other tools has no front matter: its first
        // heading of any level is the title (issue 21).
        let (title, title_from) = match front.title.clone().filter(|t| !t.trim().is_empty()) {
            Some(t) => (t, TitleFrom::FrontMatter),
            None if defaults.name_is_title && !natural.is_empty() => {
                (natural.to_string(), TitleFrom::Layout)
            }
            None => match first_heading(split.body) {
                Some(h) => (h, TitleFrom::Heading),
                None if defaults.title.is_some() => (
                    defaults.title.clone().unwrap_or_default(),
                    TitleFrom::Layout,
                ),
                None if natural.is_empty() => ("Home".to_string(), TitleFrom::FileName),
                None => (pretty_name(natural), TitleFrom::FileName),
            },
        };
        Ok(Page {
            source: rel.to_string(),
            dir: dir.to_string(),
            content_path,
            defaults: file.defaults.clone(),
            is_section,
            segment,
            url: String::new(),
            title,
            title_from,
            body: split.body.to_string(),
            body_on_disk: None,
            body_line: split.body_line,
            line_starts: None,
            generated: None,
            front,
            parent: None,
            children: Vec::new(),
            depth: 0,
        })
    }

    /// A section for a folder that has pages but no `_index.md`.
    pub fn synthetic_section(dir: &str) -> Page {
        let name = dir.rsplit('/').next().unwrap_or(dir);
        Page {
            content_path: if dir.is_empty() {
                "_index.md".into()
            } else {
                format!("{dir}/_index.md")
            },
            dir: dir.to_string(),
            is_section: true,
            segment: url_segment(name),
            title: if name.is_empty() {
                "Home".into()
            } else {
                name.into()
            },
            body_line: 1,
            ..Page::default()
        }
    }

    /// Sort key inside a section: weight first (unweighted last), then title.
    pub fn order_key(&self) -> (bool, i64, String, String) {
        (
            self.front.weight.is_none(),
            self.front.weight.unwrap_or(0),
            self.title.to_lowercase(),
            self.content_path.clone(),
        )
    }
}

/// Text added at the end of a page's body from another file.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    /// The body line (1-based) the added text starts on.
    pub from_line: usize,
    /// The file it comes from, relative to the site root.
    pub file: String,
    /// For each added line, its line in that file.
    pub lines: Vec<usize>,
    /// How many lines the page's own lines after the added text moved down.
    pub shift: usize,
}

/// Where a page's title came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TitleFrom {
    #[default]
    FrontMatter,
    /// The first heading, of any level: it is lifted out of the body, so
    /// the title is not shown twice.
    Heading,
    /// The other tool's table of contents (an mdBook's `SUMMARY.md`).
    Layout,
    /// Neither: the file name, prettified (a warning says so).
    FileName,
}

/// A file name as a title: `getting-started` → `Getting started`.
pub fn pretty_name(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let spaced = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

/// The text of the first ATX heading of any level (`#` to `######`),
/// outside code fences, used as a title when front matter gives none.
pub fn first_heading(body: &str) -> Option<String> {
    let mut in_fence = false;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if in_fence {
            continue;
        }
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        let rest = (1..=6)
            .contains(&hashes)
            .then(|| trimmed[hashes..].strip_prefix(' '))
            .flatten();
        if let Some(rest) = rest {
            let text = rest.trim().trim_end_matches('#').trim();
            let text = match text.rfind(" {") {
                Some(i) if text.ends_with('}') => text[..i].trim(),
                _ => text,
            };
            if !text.is_empty() {
                return Some(text.to_string());
            }
        }
    }
    None
}

/// One URL segment from a file or folder name: whitespace becomes `-`,
/// characters that would break a URL are dropped, and so are Unicode
/// direction marks and overrides (U+202E can make `gnp.exe` show as
/// `exe.png` in an address bar); letters of any script stay.
pub fn url_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars() {
        if c.is_whitespace() {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else if !matches!(
            c,
            '?' | '#' | '%' | '"' | '<' | '>' | '\\' | '/' | '\'' | '`'
        ) && !c.is_control()
            && !is_bidi_control(c)
        {
            out.push(c);
        }
    }
    out
}

/// Invisible characters that reorder text: LRM/RLM, embeddings,
/// overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rel: &str, text: &str) -> Page {
        Page::parse(&SourceFile::new(rel, text)).unwrap()
    }

    #[test]
    fn kinds_and_segments() {
        let p = page("content/duties/_index.md", "---\ntitle: Обязанности\n---\n");
        assert!(p.is_section);
        assert_eq!((p.dir.as_str(), p.segment.as_str()), ("duties", "duties"));
        let p = page("content/duties/reporting.md", "");
        assert!(!p.is_section);
        assert_eq!(p.segment, "reporting");
        let p = page("content/kpi/ltv/index.md", "");
        assert_eq!((p.dir.as_str(), p.segment.as_str()), ("kpi/ltv", "ltv"));
        let p = page("content/a/b.md", "---\nslug: custom\n---\n");
        assert_eq!(p.segment, "custom");
        let p = page("content/_index.md", "");
        assert_eq!(p.segment, "");
    }

    #[test]
    fn title_falls_back_to_first_heading_then_name() {
        let p = page("content/a.md", "Intro\n\n# Заголовок {#x}\n\n## Sub\n");
        assert_eq!(p.title, "Заголовок");
        let p = page("content/a.md", "---\ntitle: \" \"\n---\n# Real\n");
        assert_eq!(p.title, "Real");
        let p = page("content/b.md", "---\ntitle: \"\"\n---\n");
        assert_eq!(p.title, "B");
        assert_eq!(p.title_from, TitleFrom::FileName);
        let p = page("content/my page.md", "```\n# not a heading\n```\n");
        assert_eq!(p.title, "My page");
        assert_eq!(p.segment, "my-page");
        // Markdown written for mdBook starts chapters with `##`.
        let p = page("content/ch1.md", "## Глава первая\n\nТекст.\n");
        assert_eq!(
            (p.title.as_str(), p.title_from),
            ("Глава первая", TitleFrom::Heading)
        );
        let p = page(
            "content/a.md",
            "#hashtag\n\n####### seven\n\n### Third {#t}\n",
        );
        assert_eq!(p.title, "Third");
        assert_eq!(pretty_name("getting_started-now"), "Getting started now");
    }

    #[test]
    fn body_line_is_after_front_matter() {
        let p = page("content/a.md", "---\ntitle: A\n---\nbody\n");
        assert_eq!(p.body_line, 4);
        assert_eq!(p.body, "body\n");
    }

    /// A source file the walk left on disk: written to `dir`, its text
    /// not kept.
    fn on_disk(dir: &std::path::Path, rel: &str, text: &str) -> SourceFile {
        let abs = dir.join(rel.replace('/', "_"));
        std::fs::write(&abs, text).unwrap();
        // Hashed as the walk read it: decoded (no BOM, LF line ends).
        let read = crate::content::walk::decode(rel, text.as_bytes().to_vec()).unwrap();
        let mut file = SourceFile::new(rel, "");
        file.on_disk = Some(OnDisk::new(&abs, &read));
        file
    }

    #[test]
    fn a_body_left_on_disk_is_read_when_needed() {
        let dir = tempfile::tempdir().unwrap();
        let spill = Spill::with_budget(0);
        // A BOM and CRLF: read again the way the walk read it.
        let text = "\u{feff}---\r\ntitle: Отчёт\r\n---\r\nТекст отчёта.\r\n";
        let file = on_disk(dir.path(), "content/a.md", text);
        let mut p = Page::parse_in(&file).unwrap();
        assert_eq!(
            (p.title.as_str(), p.body.as_str(), p.body_line),
            ("Отчёт", "", 4)
        );
        assert!(p.body_on_disk.is_some());
        assert_eq!(p.body_in().unwrap(), "Текст отчёта.\n");
        // Read the same way as a page that was in memory all along.
        let in_memory = page(
            "content/a.md",
            &crate::content::walk::decode("a", text.as_bytes().to_vec()).unwrap(),
        );
        assert_eq!(p.body_in().unwrap(), in_memory.body);
        p.load_body(&spill).unwrap();
        assert_eq!((p.body.as_str(), p.body_on_disk), ("Текст отчёта.\n", None));
    }

    #[test]
    fn a_file_changed_after_the_walk_is_an_error_not_a_wrong_body() {
        let dir = tempfile::tempdir().unwrap();
        let file = on_disk(dir.path(), "content/a.md", "---\ntitle: A\n---\nтело\n");
        let p = Page::parse_in(&file).unwrap();
        // Unchanged, and plain (no BOM, no CR): read as it is on disk.
        assert_eq!(p.body_in().unwrap(), "тело\n");
        let abs = dir.path().join("content_a.md");
        // Same length, other bytes; shorter than the body; gone.
        for (change, what) in [
            (Some("---\ntitle: B\n---\nтело\n"), "changed"),
            (Some("т"), "changed"),
            (None, "cannot read"),
        ] {
            match change {
                Some(text) => std::fs::write(&abs, text).unwrap(),
                None => std::fs::remove_file(&abs).unwrap(),
            }
            let e = p.body_in().unwrap_err();
            assert_eq!(e.path, "content/a.md");
            assert!(e.message.contains(what), "{}", e.message);
        }
        // The source's own text, read before parsing, is checked the same way.
        assert!(file.text().is_err());
    }

    #[test]
    fn a_body_a_later_step_edits_stays_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        for body in [
            "{{#include x.md}}\n",
            "{{< note >}}\n",
            "{% raw %}\n",
            "![[Plan]]\n",
        ] {
            let file = on_disk(
                dir.path(),
                "content/a.md",
                &format!("---\ntitle: A\n---\n{body}"),
            );
            let p = Page::parse_in(&file).unwrap();
            assert_eq!((p.body.as_str(), p.body_on_disk), (body, None), "{body}");
        }
        // Not left on disk: parsed as it is.
        let file = SourceFile::new("content/b.md", "B text\n");
        assert_eq!(Page::parse_in(&file).unwrap().body, "B text\n");
    }

    #[test]
    fn url_segment_is_safe() {
        assert_eq!(url_segment("Мой  файл?#"), "Мой-файл");
        assert_eq!(url_segment("a\"<b>"), "ab");
        // Issue 9: direction overrides never reach a URL.
        assert_eq!(url_segment("\u{202e}gnp.exe"), "gnp.exe");
        assert_eq!(url_segment("a\u{2066}b\u{2069}\u{200f}"), "ab");
    }
}
