//! One piece over 500 lines with its tests: the model's one type (`Site`)
//! and the steps that build it.
//!
//! The site model: pages and sections in a tree, ordered, with URLs and
//! taxonomies. Built from parsed sources with no I/O, so it is tested on
//! strings.

pub mod collisions;
pub mod embed;
pub mod front_matter;
pub mod include;
pub mod lines;
pub mod links;
mod order;
pub mod page;
pub mod shortcodes;
pub mod walk;

use std::collections::{BTreeMap, HashMap};

pub use page::Page;
use rayon::prelude::*;
use walk::SourceFile;

use crate::diagnostic::Diagnostic;

/// All pages and sections, the tree between them and the reading order.
#[derive(Debug, Default)]
pub struct Site {
    /// Pages and sections; index 0 is the home section.
    pub pages: Vec<Page>,
    /// Every page in reading order (depth first), home first.
    pub reading_order: Vec<usize>,
    /// Position of each page in `reading_order`.
    pub reading_position: Vec<usize>,
    /// Content path (`duties/_index.md`) → page index.
    pub by_content_path: HashMap<String, usize>,
    /// Taxonomy name → term → pages with that term, in reading order.
    pub taxonomies: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    /// Content folders hidden by a draft `_index.md` or bundle `index.md`
    /// (`plan`, `a/b`): their pages and files are left out.
    pub draft_dirs: Vec<String>,
    /// `content/`-relative paths of sources that failed to parse (already
    /// reported): links to them are not reported as missing too.
    pub unparsed: Vec<String>,
}

/// The home section's index.
pub const HOME: usize = 0;

impl Site {
    /// A site of empty pages at these paths under `content/` (`_index.md`,
    /// `kpi/ltv.md`, …): the tree alone, for tests and fuzz targets.
    pub fn from_paths(paths: &[&str]) -> Site {
        let files: Vec<SourceFile> = paths
            .iter()
            .map(|p| SourceFile::new(format!("content/{p}"), String::new()))
            .collect();
        Site::build(&files, false, &[]).0
    }

    /// Builds the tree from source files. Drafts are left out unless
    /// `drafts` is set. Problems are collected, not fatal: a page that fails
    /// to parse is left out and the rest of the site is still built.
    /// `files` may be owned: each file's text is then let go as soon as
    /// its page holds the body, so a large site is not held twice. A
    /// file the walk left on disk keeps its page's body there until the
    /// page is rendered.
    pub fn build<F: std::borrow::Borrow<SourceFile> + Send>(
        files: impl IntoIterator<Item = F>,
        drafts: bool,
        taxonomies: &[String],
    ) -> (Site, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut parsed = Vec::new();
        let mut draft_dirs = Vec::new();
        let mut unparsed = Vec::new();
        // Parsed in parallel: a source left on disk is read again here.
        let files: Vec<F> = files.into_iter().collect();
        let results: Vec<Result<Page, (Vec<Diagnostic>, String)>> = files
            .into_par_iter()
            .map(|file| {
                let file = file.borrow();
                Page::parse_in(file).map_err(|problems| (problems, file.content_path.clone()))
            })
            .collect();
        for result in results {
            match result {
                Ok(page) if page.front.draft && !drafts => {
                    // A draft section or bundle hides its whole folder
                    // (issue 17 item 5); a draft home hides only itself.
                    let owns_folder = page.is_section || page.content_path.ends_with("/index.md");
                    if owns_folder && !page.dir.is_empty() {
                        draft_dirs.push(page.dir);
                    }
                }
                Ok(page) => {
                    if page.title_from == page::TitleFrom::FileName
                        && !page.content_path.is_empty()
                        && page.source.ends_with(".md")
                        && !(page.is_section && page.dir.is_empty())
                    {
                        diagnostics.push(
                            Diagnostic::warning(
                                &page.source,
                                format!(
                                    "this page has no title, so it is called «{}» after its file",
                                    page.title
                                ),
                            )
                            .at(1, 1)
                            .help("add `title:` to its front matter, or start it with a heading"),
                        );
                    }
                    parsed.push(page);
                }
                Err((mut problems, content_path)) => {
                    unparsed.push(content_path);
                    diagnostics.append(&mut problems);
                }
            }
        }
        parsed.retain(|page| !in_any(&draft_dirs, &page.content_path));
        let mut site = Site::from_pages(parsed);
        site.draft_dirs = draft_dirs;
        site.unparsed = unparsed;
        site.check_duplicate_urls(&mut diagnostics);
        site.collect_taxonomies(taxonomies);
        (site, diagnostics)
    }

    /// Brings the bodies of the pages `which` picks back into memory, for
    /// a step that edits them; returns the pages that could not be read.
    pub fn load_bodies(
        &mut self,
        which: impl Fn(usize, &Page) -> bool,
        spill: &crate::spill::Spill,
    ) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (i, page) in self.pages.iter_mut().enumerate() {
            if which(i, page) {
                if let Err(d) = page.load_body(spill) {
                    problems.push(d);
                }
            }
        }
        problems
    }

    fn from_pages(parsed: Vec<Page>) -> Site {
        let mut pages: Vec<Page> = Vec::with_capacity(parsed.len() + 1);
        // Sections by folder; the home section is always index 0.
        let mut sections: HashMap<String, usize> = HashMap::new();
        let home = parsed.iter().position(|p| p.is_section && p.dir.is_empty());
        let mut parsed: Vec<Option<Page>> = parsed.into_iter().map(Some).collect();
        pages.push(match home {
            Some(i) => parsed[i].take().unwrap_or_default(),
            None => Page::synthetic_section(""),
        });
        sections.insert(String::new(), HOME);
        for page in parsed.iter_mut().filter_map(Option::take) {
            if page.is_section {
                sections.insert(page.dir.clone(), pages.len());
            }
            pages.push(page);
        }
        // Attach every page to the section of its folder, making sections
        // for folders that have none.
        let count = pages.len();
        for i in 1..count {
            let parent_dir = parent_dir_of(&pages[i]);
            let parent = ensure_section(&mut pages, &mut sections, &parent_dir);
            pages[i].parent = Some(parent);
        }
        for i in 1..pages.len() {
            if let Some(parent) = pages[i].parent {
                pages[parent].children.push(i);
            }
        }
        order::sort_children(&mut pages);
        let mut site = Site {
            by_content_path: pages
                .iter()
                .enumerate()
                .map(|(i, p)| (p.content_path.clone(), i))
                .collect(),
            pages,
            ..Site::default()
        };
        site.assign_urls_and_order();
        site
    }

    /// Depth-first walk from home: sets depth, URL and reading order.
    fn assign_urls_and_order(&mut self) {
        let mut stack = vec![(HOME, 0usize, String::new())];
        let mut order = Vec::with_capacity(self.pages.len());
        while let Some((i, depth, url)) = stack.pop() {
            self.pages[i].depth = depth;
            self.pages[i].url = url.clone();
            order.push(i);
            for &child in self.pages[i].children.iter().rev() {
                let child_url = format!("{url}{}/", self.pages[child].segment);
                stack.push((child, depth + 1, child_url));
            }
        }
        let mut position = vec![0; self.pages.len()];
        for (pos, &i) in order.iter().enumerate() {
            position[i] = pos;
        }
        self.reading_order = order;
        self.reading_position = position;
    }

    fn check_duplicate_urls(&self, diagnostics: &mut Vec<Diagnostic>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for &i in &self.reading_order {
            let page = &self.pages[i];
            if let Some(&first) = seen.get(page.url.as_str()) {
                let other = &self.pages[first];
                let path = if page.source.is_empty() {
                    &other.source
                } else {
                    &page.source
                };
                let other_name = if other.source.is_empty() {
                    format!("the folder content/{}", other.dir)
                } else {
                    other.source.clone()
                };
                diagnostics.push(
                    Diagnostic::error(
                        path.clone(),
                        format!(
                            "this page would write the same URL /{} as {other_name}",
                            page.url
                        ),
                    )
                    .at(1, 1)
                    .help("rename one of the files or give one a different `slug`"),
                );
            } else {
                seen.insert(&page.url, i);
            }
        }
    }

    fn collect_taxonomies(&mut self, names: &[String]) {
        for name in names {
            let mut terms: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            if name == "tags" {
                for &i in &self.reading_order {
                    for tag in &self.pages[i].front.tags {
                        let list = terms.entry(tag.trim().to_string()).or_default();
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
            }
            self.taxonomies.insert(name.clone(), terms);
        }
    }

    /// Whether a file at this `content/`-relative path lies in a folder a
    /// draft hides.
    pub fn is_hidden(&self, content_rel: &str) -> bool {
        in_any(&self.draft_dirs, content_rel)
    }

    /// Ancestors from home down to the page's parent.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut current = self.pages[i].parent;
        while let Some(p) = current {
            chain.push(p);
            current = self.pages[p].parent;
        }
        chain.reverse();
        chain
    }

    /// Previous and next page in reading order.
    pub fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        let pos = self.reading_position[i];
        let prev = pos.checked_sub(1).map(|p| self.reading_order[p]);
        let next = self.reading_order.get(pos + 1).copied();
        (prev, next)
    }

    /// The section a page belongs to (itself, for a section).
    pub fn section_of(&self, i: usize) -> usize {
        if self.pages[i].is_section {
            i
        } else {
            self.pages[i].parent.unwrap_or(HOME)
        }
    }
}

/// Whether `path` lies inside one of `dirs` (all relative to `content/`).
fn in_any(dirs: &[String], path: &str) -> bool {
    dirs.iter().any(|d| {
        path.strip_prefix(d.as_str())
            .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// The folder whose section a page belongs to.
fn parent_dir_of(page: &Page) -> String {
    let is_index = page.is_section
        || page.content_path.ends_with("/index.md")
        || page.content_path == "index.md";
    let dir = &page.dir;
    if is_index {
        match dir.rfind('/') {
            Some(i) => dir[..i].to_string(),
            None => String::new(),
        }
    } else {
        dir.clone()
    }
}

fn ensure_section(
    pages: &mut Vec<Page>,
    sections: &mut HashMap<String, usize>,
    dir: &str,
) -> usize {
    if let Some(&i) = sections.get(dir) {
        return i;
    }
    let i = pages.len();
    pages.push(Page::synthetic_section(dir));
    sections.insert(dir.to_string(), i);
    let parent_dir = match dir.rfind('/') {
        Some(j) => dir[..j].to_string(),
        None => String::new(),
    };
    let parent = ensure_section(pages, sections, &parent_dir);
    pages[i].parent = Some(parent);
    i
}

/// A taxonomy term as a URL segment: lower case, spaces to `-`.
pub fn term_slug(term: &str) -> String {
    page::url_segment(&term.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, text: &str) -> SourceFile {
        SourceFile::new(rel, text)
    }

    fn site(files: &[SourceFile]) -> (Site, Vec<Diagnostic>) {
        Site::build(files, false, &["tags".to_string()])
    }

    #[test]
    fn nested_sections_urls_and_order() {
        let (s, d) = site(&[
            file("content/_index.md", "---\ntitle: Home\n---\n"),
            file("content/b/_index.md", "---\ntitle: B\nweight: 2\n---\n"),
            file("content/a/_index.md", "---\ntitle: A\nweight: 1\n---\n"),
            file("content/a/z.md", "---\ntitle: Z\n---\n"),
            file("content/a/y.md", "---\ntitle: Y\nweight: 5\n---\n"),
            file("content/a/deep/more/page.md", "# Deep\n"),
        ]);
        assert!(d.is_empty(), "{d:?}");
        let titles: Vec<_> = s
            .reading_order
            .iter()
            .map(|&i| s.pages[i].title.as_str())
            .collect();
        assert_eq!(titles, ["Home", "A", "Y", "deep", "more", "Deep", "Z", "B"]);
        let urls: Vec<_> = s
            .reading_order
            .iter()
            .map(|&i| s.pages[i].url.as_str())
            .collect();
        assert_eq!(
            urls,
            [
                "",
                "a/",
                "a/y/",
                "a/deep/",
                "a/deep/more/",
                "a/deep/more/page/",
                "a/z/",
                "b/"
            ]
        );
        let deep = s.by_content_path["a/deep/more/page.md"];
        assert_eq!(s.ancestors(deep).len(), 4);
        assert_eq!(s.pages[deep].depth, 4);
    }

    #[test]
    fn home_is_made_up_when_missing() {
        let (s, _) = site(&[file("content/a.md", "# A\n")]);
        assert_eq!(s.pages[HOME].url, "");
        assert_eq!(s.pages[HOME].children.len(), 1);
    }

    #[test]
    fn drafts_are_skipped() {
        let (s, _) = site(&[file("content/a.md", "---\ndraft: true\n---\n")]);
        assert_eq!(s.pages.len(), 1);
        let (s, _) = Site::build(
            &[file("content/a.md", "---\ndraft: true\n---\n")],
            true,
            &[],
        );
        assert_eq!(s.pages.len(), 2);
    }

    /// Issue 17 item 5: a draft section or bundle hides its folder.
    #[test]
    fn draft_sections_and_bundles_hide_their_folder() {
        let files = [
            file("content/plan/index.md", "---\ndraft: true\n---\n"),
            file("content/plan/sub/more.md", "# More\n"),
            file("content/sec/_index.md", "---\ndraft: true\n---\n"),
            file("content/sec/child.md", "# Child\n"),
            file("content/sec/deep/leaf.md", "# Leaf\n"),
            file("content/section-b/page.md", "# B\n"),
            file("content/a.md", "---\ndraft: true\n---\n"),
        ];
        let (s, d) = site(&files);
        assert!(d.is_empty(), "{d:?}");
        let paths: Vec<&str> = s.pages.iter().map(|p| p.content_path.as_str()).collect();
        assert_eq!(paths.len(), 3, "{paths:?}");
        assert!(paths.contains(&"section-b/page.md"), "{paths:?}");
        assert!(s.is_hidden("plan/notes.txt"));
        assert!(s.is_hidden("sec/deep/img.png"));
        assert!(!s.is_hidden("section-b/img.png"));
        assert!(!s.is_hidden("planet.txt"));
        let (s, _) = Site::build(&files, true, &[]);
        assert!(s.draft_dirs.is_empty());
        for f in &files {
            let path = f.rel.strip_prefix("content/").unwrap();
            assert!(s.by_content_path.contains_key(path), "{path}");
        }
    }

    #[test]
    fn duplicate_urls_are_errors() {
        let (_, d) = site(&[
            file("content/a.md", "# A\n"),
            file("content/a/index.md", "# A bundle\n"),
        ]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("same URL /a/"));
    }

    #[test]
    fn slug_of_section_moves_its_children() {
        let (s, _) = site(&[
            file("content/x/_index.md", "---\nslug: why\n---\n"),
            file("content/x/p.md", ""),
        ]);
        assert_eq!(s.pages[s.by_content_path["x/p.md"]].url, "why/p/");
    }

    #[test]
    fn bad_pages_are_reported_and_skipped() {
        let (s, d) = site(&[
            file("content/a.md", "---\ntitle: [\n---\n"),
            file("content/b.md", ""),
        ]);
        assert_eq!(d.iter().filter(|d| d.is_error()).count(), 1);
        assert!(
            d.iter()
                .any(|d| !d.is_error() && d.message.contains("«B» after its file")),
            "a page with no title says what it is called: {d:?}"
        );
        assert_eq!(s.pages.len(), 2);
    }

    #[test]
    fn tags_in_reading_order() {
        let (s, _) = site(&[
            file("content/b.md", "---\ntitle: B\ntags: [kpi]\n---\n"),
            file("content/a.md", "---\ntitle: A\ntags: [kpi, b2b]\n---\n"),
        ]);
        let kpi = &s.taxonomies["tags"]["kpi"];
        assert_eq!(
            kpi.iter()
                .map(|&i| s.pages[i].title.as_str())
                .collect::<Vec<_>>(),
            ["A", "B"]
        );
        assert_eq!(term_slug("Soft Skills"), "soft-skills");
    }

    #[test]
    fn prev_next() {
        let (s, _) = site(&[file("content/a.md", "# A"), file("content/b.md", "# B")]);
        let a = s.by_content_path["a.md"];
        assert_eq!(
            s.neighbours(a),
            (Some(HOME), Some(s.by_content_path["b.md"]))
        );
    }
}
