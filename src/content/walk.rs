//! One piece over 500 lines with its tests: every read of the site's
//! folders goes through this walk, so its rules stay in one place.
//!
//! The only place that reads the content tree from disk: finds Markdown
//! sources and files to copy under `content/` and `static/`, skipping hidden
//! and editor temporary files. Unreadable files, invalid UTF-8 and symlink
//! loops become diagnostics, never panics. Every loader of site files
//! (content, static, data, templates, themes) walks through here, so each
//! symbolic link met is checked against the one rule in `site_root.rs`.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::site_root::SiteRoot;
use crate::spill::Spill;

/// A Markdown source, read and decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root with `/` separators: `content/a/b.md`
    /// (`src/a/b.md` in an mdBook). Messages name the file by it.
    pub rel: String,
    /// Path inside the pages' folder, which sets the page's place and URL:
    /// `a/b.md`. An mdBook's `README.md` is its folder's `_index.md`.
    pub content_path: String,
    /// What another tool's layout says of the page, used where its front
    /// matter is silent (mdBook's `SUMMARY.md`: order, drafts, names).
    pub defaults: PageDefaults,
    /// The text, with a leading BOM removed and CRLF turned into LF; empty
    /// when it was left in its file (`on_disk`): read it with
    /// [`SourceFile::text`].
    pub text: String,
    pub on_disk: Option<OnDisk>,
}

/// A source read past the spill budget is not kept, nor copied anywhere:
/// it stays in its own file and is read again, the way the walk read it,
/// when its text is needed (issue 24: at 100,000 pages the copy was 1.4 GB
/// written to the temporary folder while the walk read the sources, and
/// the walk took 4.6 to 15.8 s as the system wrote it out). The hash of
/// what the walk read tells whether the file changed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnDisk {
    abs: std::sync::Arc<Path>,
    hash: u64,
}

impl OnDisk {
    pub fn new(abs: &Path, text: &str) -> OnDisk {
        OnDisk {
            abs: abs.into(),
            hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        }
    }

    /// The text of source `rel` again, or an error of that file when it
    /// cannot be read or is no longer what the build started from.
    pub fn read(&self, rel: &str) -> Result<String, Diagnostic> {
        let text = source_text(rel, read_bytes(rel, &self.abs)?)?;
        self.check(rel, &text)?;
        Ok(text)
    }

    /// The last `len` bytes of the text (a page's body), checked like
    /// [`OnDisk::read`]. A file the walk did not have to rewrite (no BOM,
    /// no CR, not a quiz file) is hashed as it is read and only its end
    /// is copied: this runs for every page of a large site.
    pub fn read_end(&self, rel: &str, len: usize) -> Result<String, Diagnostic> {
        let bytes = read_bytes(rel, &self.abs)?;
        let as_read = !rel.ends_with(".gift")
            && !bytes.starts_with("\u{feff}".as_bytes())
            && memchr::memchr(b'\r', &bytes).is_none();
        let text = match simdutf8::basic::from_utf8(&bytes) {
            Ok(text) if as_read => Cow::Borrowed(text),
            // The same bytes, decoded as the walk decoded them.
            _ => Cow::Owned(source_text(rel, bytes.clone())?),
        };
        self.check(rel, &text)?;
        text.len()
            .checked_sub(len)
            .filter(|&at| text.is_char_boundary(at))
            .map(|at| text[at..].to_owned())
            .ok_or_else(|| changed(rel))
    }

    fn check(&self, rel: &str, text: &str) -> Result<(), Diagnostic> {
        if xxhash_rust::xxh3::xxh3_64(text.as_bytes()) == self.hash {
            Ok(())
        } else {
            Err(changed(rel))
        }
    }
}

fn changed(rel: &str) -> Diagnostic {
    Diagnostic::error(rel, "the file changed while the site was being built")
        .help("build again once it is saved (`kurator serve` rebuilds by itself)")
}

fn cannot_read(rel: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(rel, format!("cannot read the file: {e}")).help("check its permissions")
}

impl SourceFile {
    /// A page of Kurator's own layout: `content/a.md` is at `a.md`.
    pub fn new(rel: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let rel = rel.into();
        SourceFile {
            content_path: rel.strip_prefix("content/").unwrap_or(&rel).to_string(),
            rel,
            defaults: PageDefaults::default(),
            text: text.into(),
            on_disk: None,
        }
    }

    /// The text, read again if it was left in its file.
    pub fn text(&self) -> Result<Cow<'_, str>, Diagnostic> {
        match &self.on_disk {
            None => Ok(Cow::Borrowed(&self.text)),
            Some(on_disk) => on_disk.read(&self.rel).map(Cow::Owned),
        }
    }
}

/// Front matter a page gets from its tool's layout unless it writes its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageDefaults {
    pub weight: Option<i64>,
    pub draft: bool,
    /// The title when the page has neither `title:` nor a heading.
    pub title: Option<String>,
    /// The file name is the title, before any heading (Obsidian).
    pub name_is_title: bool,
    /// Tags written in the text (`#tag` in Obsidian), added to the page's.
    pub tags: Vec<String>,
    /// How deep an mdBook's `SUMMARY.md` nests the chapter (0: top level);
    /// the section tree nests by it where folders do not.
    pub summary_depth: Option<usize>,
    /// The title of the `SUMMARY.md` part this chapter opens.
    pub part_start: Option<String>,
    /// A separator (`---`) stands before it in `SUMMARY.md`.
    pub after_separator: bool,
}

/// Where the pages are and how their paths read.
#[derive(Debug, Clone)]
pub struct ContentDir {
    /// The folder relative to the site root, with a trailing `/`
    /// (`content/`, `src/`), or empty for pages at the root (a vault).
    pub prefix: String,
    /// mdBook: `README.md` is its folder's index page.
    pub readme_is_index: bool,
    /// Top-level names left out of a folder at the root: the output, and
    /// Kurator's own folders (`static/`, `templates/` …).
    pub exclude: Vec<String>,
}

impl ContentDir {
    /// `content/`, Kurator's own layout.
    pub fn standard() -> ContentDir {
        ContentDir {
            prefix: "content/".into(),
            readme_is_index: false,
            exclude: Vec::new(),
        }
    }

    /// The page path of a file at `rel` (site-root-relative), if it is in
    /// the pages' folder.
    pub fn content_path<'a>(&self, rel: &'a str) -> Option<&'a str> {
        let inside = rel.strip_prefix(self.prefix.as_str())?;
        let top = inside.split('/').next().unwrap_or_default();
        (!self.exclude.iter().any(|e| e == top)).then_some(inside)
    }

    /// The page path a Markdown file at `path` (inside the folder) gets:
    /// an mdBook's `README.md` becomes `_index.md` unless the folder has
    /// one (`siblings` says which paths exist).
    fn page_path(&self, path: &str, exists: &dyn Fn(&str) -> bool) -> String {
        if self.readme_is_index {
            let (dir, name) = path.rsplit_once('/').map_or(("", path), |(d, n)| (d, n));
            if name == "README.md" {
                let index = if dir.is_empty() {
                    "_index.md".to_string()
                } else {
                    format!("{dir}/_index.md")
                };
                if !exists(&index) {
                    return index;
                }
            }
        }
        path.to_string()
    }
}

/// A file copied to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path relative to the site root: `content/a/img.png`, `static/x.css`.
    pub rel: String,
    pub abs: PathBuf,
    /// Where it goes in the output, relative to the output root.
    pub out: String,
}

/// Everything found under `content/`.
#[derive(Debug, Default)]
pub struct ContentFiles {
    pub markdown: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    pub diagnostics: Vec<Diagnostic>,
    /// `content/`-relative paths of Markdown files found but not read
    /// (already reported): links to them are not "missing" as well.
    pub unreadable: Vec<String>,
}

/// Files and folders that are never content: hidden ones, editor swap and
/// backup files. `_index.md` is the one underscore name that counts.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || (name.starts_with('_') && name != "_index.md")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913" // vim's write test file
}

/// Walks the pages' folder (`content/`, or another tool's), reading
/// Markdown in parallel. Past the spill's budget each text goes to the
/// spill file as soon as it is read, so the site's sources are never all
/// in memory at once.
pub fn walk_content(root: &SiteRoot, layout: &ContentDir, spill: &Spill) -> ContentFiles {
    let mut found = ContentFiles::default();
    let shown = if layout.prefix.is_empty() {
        "."
    } else {
        layout.prefix.trim_end_matches('/')
    };
    let content = if layout.prefix.is_empty() {
        root.path().to_path_buf()
    } else {
        root.join(shown)
    };
    if !content.is_dir() {
        found.diagnostics.push(
            Diagnostic::error(shown, format!("the site has no {shown}/ folder"))
                .help("create content/_index.md, or run `kurator init` to start a site"),
        );
        return found;
    }
    let mut markdown_paths = Vec::new();
    // Pages at the root: any folder a build made (`-o site` inside a vault)
    // is output, not notes, whatever its name.
    let mut layout = layout.clone();
    if layout.prefix.is_empty() {
        layout.exclude.extend(outputs_in(&content));
    }
    let layout = &layout;
    let walked: Vec<(String, PathBuf)> = walk_files(root, &content, &mut found.diagnostics)
        .into_iter()
        .filter(|(rel, _)| layout.content_path(rel).is_some())
        .collect();
    // A dangling link or unreadable entry is reported by the walk.
    found.unreadable.extend(
        found
            .diagnostics
            .iter()
            .filter_map(|d| layout.content_path(&d.path))
            .filter(|p| p.ends_with(".md"))
            .map(str::to_string),
    );
    let present: std::collections::HashSet<&str> = walked
        .iter()
        .filter_map(|(rel, _)| layout.content_path(rel))
        .collect();
    for (rel, abs) in &walked {
        let inside = layout.content_path(rel).unwrap_or(rel);
        // A `.gift` file is a quiz page (issue 23; see `gift::page_markdown`).
        if rel.ends_with(".md") || rel.ends_with(".gift") {
            let page = layout.page_path(inside, &|p| present.contains(p));
            markdown_paths.push((rel.clone(), page, abs.clone()));
        } else {
            found.assets.push(Asset {
                rel: rel.clone(),
                abs: abs.clone(),
                out: inside.to_string(),
            });
        }
    }
    let read: Vec<Result<SourceFile, Diagnostic>> = markdown_paths
        .into_par_iter()
        .map(|(rel, page, abs)| {
            let mut file = read_source(&rel, page, &abs)?;
            if !spill.admit(file.text.len()) {
                file.on_disk = Some(OnDisk::new(&abs, &file.text));
                file.text = String::new();
            }
            Ok(file)
        })
        .collect();
    for result in read {
        match result {
            Ok(file) => found.markdown.push(file),
            Err(d) => {
                if let Some(p) = layout.content_path(&d.path) {
                    found.unreadable.push(p.to_string());
                }
                found.diagnostics.push(d);
            }
        }
    }
    found
}

/// Names of the folders in `dir` that hold a build's marker file.
fn outputs_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| e.path().join(crate::output::MARKER).is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// Walks a folder of files copied as they are (site `static/`, theme
/// `static/`); missing folders are simply empty.
pub fn walk_static(root: &SiteRoot, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<Asset> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let prefix_len = relative(root, dir).map_or(0, |p| p.len() + 1);
    walk_files(root, dir, diagnostics)
        .into_iter()
        .map(|(rel, abs)| {
            let out = rel.get(prefix_len..).unwrap_or(&rel).to_string();
            Asset { rel, abs, out }
        })
        .collect()
}

/// All non-ignored files below `dir`, sorted, as (root-relative, absolute).
fn walk_files(
    root: &SiteRoot,
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    walk_tree(root, dir, &is_ignored, &mut |walked| match walked {
        Walked::File(path) => match relative(root, &path) {
            Some(rel) => files.push((rel, path)),
            None => diagnostics.push(Diagnostic::error(
                path.display().to_string(),
                "file name is not valid UTF-8; rename it",
            )),
        },
        Walked::Problem(d) => diagnostics.push(d),
    });
    files
}

/// What [`walk_tree`] finds.
pub enum Walked {
    /// A file (or a link to one the site root allows), by its path as
    /// walked: below a followed link, the path goes through the link.
    File(PathBuf),
    /// A link out of the site, a dangling link, a loop, an unreadable folder.
    Problem(Diagnostic),
}

/// Walks `dir` in file-name order, following only links `root` allows:
/// each link is resolved and checked *before* anything behind it is
/// opened, so a link out of the site never has its folder listed or its
/// file read (walkdir's own link following opens a folder before handing
/// it over; the property test in tests/integration/hardening/link_trees.rs
/// caught that with inotify). Loops are found from the real folders being
/// walked. Names `skip` returns true for are left out, below the top.
pub fn walk_tree(
    root: &SiteRoot,
    dir: &Path,
    skip: &dyn Fn(&str) -> bool,
    found: &mut dyn FnMut(Walked),
) {
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        let rel = relative(root, dir).unwrap_or_else(|| dir.display().to_string());
        if let Err(escape) = root.check_link(dir, &rel) {
            found(Walked::Problem(escape.to_diagnostic()));
            return;
        }
    }
    let mut walking: Vec<PathBuf> = dir.canonicalize().into_iter().collect();
    walk_real(root, dir, skip, &mut walking, found);
}

fn walk_real(
    root: &SiteRoot,
    dir: &Path,
    skip: &dyn Fn(&str) -> bool,
    walking: &mut Vec<PathBuf>,
    found: &mut dyn FnMut(Walked),
) {
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skip(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.depth() == 0 => {}
            Ok(entry) if entry.path_is_symlink() => {
                follow(root, entry.path(), skip, walking, found);
            }
            Ok(entry) if entry.file_type().is_file() => found(Walked::File(entry.into_path())),
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .and_then(|p| relative(root, p))
                    .unwrap_or_else(|| dir.display().to_string());
                found(Walked::Problem(
                    Diagnostic::error(path, format!("cannot read: {}", io_reason(&err)))
                        .help("check the permissions"),
                ));
            }
        }
    }
}

/// One link met on the walk: checked, then read or walked into.
fn follow(
    root: &SiteRoot,
    link: &Path,
    skip: &dyn Fn(&str) -> bool,
    walking: &mut Vec<PathBuf>,
    found: &mut dyn FnMut(Walked),
) {
    let rel = relative(root, link).unwrap_or_else(|| link.display().to_string());
    let written = std::fs::read_link(link).map_or_else(|_| "?".into(), |t| t.display().to_string());
    let target = match link.canonicalize() {
        Ok(t) => t,
        Err(e) => {
            // ELOOP: a link that leads back to itself through links.
            let message = if e.raw_os_error() == Some(40) {
                format!("symbolic link loop: `{written}` leads back to this link")
            } else {
                format!("this symbolic link points to `{written}`, which does not exist")
            };
            found(Walked::Problem(
                Diagnostic::error(rel, message).help("remove or fix the link"),
            ));
            return;
        }
    };
    if let Err(escape) = root.check_link(link, &rel) {
        found(Walked::Problem(escape.to_diagnostic()));
        return;
    }
    let Ok(meta) = std::fs::metadata(&target) else {
        return;
    };
    if meta.is_file() {
        found(Walked::File(link.to_path_buf()));
    } else if meta.is_dir() {
        let holder = link.parent().and_then(|p| p.canonicalize().ok());
        let is_loop = holder.is_some_and(|h| h.starts_with(&target))
            || walking.iter().any(|w| w.starts_with(&target));
        if is_loop {
            found(Walked::Problem(
                Diagnostic::error(
                    rel,
                    "symbolic link loop: this link points to one of its own parent folders",
                )
                .help("remove or fix the link"),
            ));
            return;
        }
        walking.push(target);
        walk_real(root, link, skip, walking, found);
        walking.pop();
    }
}

fn io_reason(err: &walkdir::Error) -> String {
    err.io_error()
        .map_or_else(|| err.to_string(), std::string::ToString::to_string)
}

/// `root`-relative path with `/` separators, if `path` is below `root` and UTF-8.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

fn read_source(rel: &str, content_path: String, abs: &Path) -> Result<SourceFile, Diagnostic> {
    let text = source_text(rel, read_bytes(rel, abs)?)?;
    Ok(SourceFile {
        rel: rel.to_string(),
        content_path,
        defaults: PageDefaults::default(),
        text,
        on_disk: None,
    })
}

fn read_bytes(rel: &str, abs: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(abs).map_err(|e| cannot_read(rel, &e))
}

/// A source's text as the build reads it: decoded, and a quiz file
/// (`.gift`) turned into its page (see `gift::page_markdown`).
fn source_text(rel: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let text = decode(rel, bytes)?;
    Ok(if rel.ends_with(".gift") {
        crate::gift::page_markdown(rel, &text)
    } else {
        text
    })
}

/// Decodes UTF-8 (pointing at the first bad byte otherwise), drops a BOM and
/// normalises line endings.
// Takes the buffer a caller just read, which it has no other use for; a
// slice would do as well (kept for the callers' sake, issue 19).
#[allow(clippy::needless_pass_by_value)]
pub fn decode(rel: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    // simdutf8 validates Cyrillic text several times faster than std (whose
    // fast path is for ASCII); copying the validated text is cheaper than
    // validating it a second time.
    let Ok(valid) = simdutf8::basic::from_utf8(&bytes) else {
        return Err(utf8_error(rel, &bytes));
    };
    let mut text = valid.strip_prefix('\u{feff}').unwrap_or(valid).to_owned();
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok(text)
}

/// Points at the first byte that is not UTF-8.
fn utf8_error(rel: &str, bytes: &[u8]) -> Diagnostic {
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), str::len);
    let prefix = String::from_utf8_lossy(&bytes[..valid]);
    let (line, column) = LineIndex::new(&prefix).position(prefix.len());
    Diagnostic::error(rel, "the file is not valid UTF-8")
        .at(line, column)
        .help("save it as UTF-8 in your editor")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_hidden_and_temp_files() {
        for name in [
            ".git",
            ".page.md.swp",
            "page.md~",
            "#page.md#",
            "_draft.md",
            "x.swp",
            "4913",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["_index.md", "index.md", "page.md", "img.png"] {
            assert!(!is_ignored(name), "{name}");
        }
    }

    #[test]
    fn decode_strips_bom_and_crlf() {
        let text = decode("a.md", b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\n".to_vec()).unwrap();
        assert_eq!(text, "---\ntitle: A\n---\n");
    }

    #[test]
    fn decode_points_at_bad_utf8() {
        let d = decode("a.md", b"ok\nab\xff".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column), (Some(2), Some(3)));
    }
}
