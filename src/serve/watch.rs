//! Watching the site for changes. [`classify`] is the pure heart: it maps a
//! changed path to a [`ChangeKind`] and is unit-tested with no watcher
//! running. [`Watcher`] wraps a notify debouncer over the folders a build
//! reads and hands bursts of changed paths to the rebuild loop.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, NoCache};

use crate::config::CONFIG_FILE;
use crate::content::walk::is_ignored;

/// Folders below the site root whose changes affect a build (besides the
/// pages' folder, which [`Layout`] names).
pub const WATCHED_DIRS: [&str; 5] = ["data", "i18n", "static", "templates", "themes"];

/// The config files of the other tools whose folders build as they are
/// (`formats::detect` reads them): a change is a change of the config.
/// (`.obsidian/` is not: Obsidian rewrites it on every click.)
const TOOL_CONFIGS: [&str; 8] = [
    "book.toml",
    "zola.toml",
    "config.toml",
    "hugo.toml",
    "hugo.yaml",
    "hugo.json",
    "config.yaml",
    "config.json",
];

/// Where the site's pages are, for telling what a change touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The pages' folder (`content`, an mdBook's `src`), or empty when the
    /// pages are at the root (an Obsidian vault).
    pub content: String,
    /// The output folder's top name, never pages (for pages at the root).
    pub output: String,
    /// Another tool's site: its `data/`, `templates/` and `themes/` are not
    /// read (`pipeline.rs`).
    pub foreign: bool,
}

impl Layout {
    /// Kurator's own layout.
    pub fn kurator() -> Layout {
        Layout {
            content: "content".into(),
            output: "public".into(),
            foreign: false,
        }
    }

    /// The layout of the site at `root` (Kurator's when its config cannot
    /// be read: the build reports that).
    pub fn of_site(root: &Path) -> Layout {
        let Ok(config) = crate::config::load(root) else {
            return Layout::kurator();
        };
        let prefix = config.content_prefix();
        Layout {
            content: prefix.trim_end_matches('/').to_string(),
            output: config
                .output_dir
                .trim_start_matches("./")
                .split('/')
                .next()
                .unwrap_or("")
                .to_string(),
            foreign: config.format.is_foreign(),
        }
    }
}

/// How long the debouncer waits for a path to go quiet. Editors save in
/// bursts of a few milliseconds (write a temp file, rename, chmod).
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// What a change touches, from the narrowest to the widest rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Not part of the site: output folder, editor temp files, other files.
    Ignored,
    /// A stylesheet: the page can swap it without a reload.
    Style,
    /// A file copied as it is (`static/`, non-Markdown files in `content/`).
    Asset,
    /// A Markdown page.
    Content,
    /// A data file: templates may read it anywhere.
    Data,
    /// A template or theme file: every page.
    Template,
    /// `kurator.yaml`: everything.
    Config,
}

/// Classifies `rel`, a path relative to the site root. Folders (created,
/// deleted, renamed) classify like the files they hold.
pub fn classify(rel: &Path, layout: &Layout) -> ChangeKind {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let Some(first) = parts.first() else {
        return ChangeKind::Ignored;
    };
    if (parts.len() == 1 && first == CONFIG_FILE)
        || (layout.foreign && TOOL_CONFIGS.contains(&first.as_str()))
    {
        return ChangeKind::Config;
    }
    if parts.iter().any(|p| is_ignored(p)) {
        return ChangeKind::Ignored;
    }
    let last = parts.last().map(String::as_str).unwrap_or_default();
    let css = last.ends_with(".css");
    let in_pages = if layout.content.is_empty() {
        // Pages at the root: anything but the output and Kurator's folders.
        *first != layout.output && (layout.foreign || !WATCHED_DIRS.contains(&first.as_str()))
    } else {
        *first == layout.content
    };
    if in_pages {
        return if last.ends_with(".md") || last.ends_with(".gift") {
            ChangeKind::Content
        } else if css {
            ChangeKind::Style
        } else if !last.contains('.') {
            // A folder of the pages may hold pages.
            ChangeKind::Content
        } else {
            ChangeKind::Asset
        };
    }
    if layout.foreign && first != "static" {
        return ChangeKind::Ignored;
    }
    match first.as_str() {
        "static" if css => ChangeKind::Style,
        "static" => ChangeKind::Asset,
        "data" => ChangeKind::Data,
        "templates" | "i18n" => ChangeKind::Template,
        "themes" if css && parts.get(2).is_some_and(|p| p == "static") => ChangeKind::Style,
        "themes" => ChangeKind::Template,
        _ => ChangeKind::Ignored,
    }
}

/// The widest kind among `paths` (site-root-relative).
pub fn classify_all<'a>(paths: impl IntoIterator<Item = &'a Path>, layout: &Layout) -> ChangeKind {
    paths
        .into_iter()
        .map(|p| classify(p, layout))
        .max()
        .unwrap_or(ChangeKind::Ignored)
}

/// Whether an event can change what a build reads. Opening and reading
/// files (the build itself does) and metadata changes cannot; closing a
/// file written to can.
pub fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, NoCache>,
    root: PathBuf,
    watched: Vec<PathBuf>,
    layout: Layout,
}

impl Watcher {
    /// Watches the site at `root` (canonical); each debounced burst arrives
    /// on `sender` as the list of changed paths.
    pub fn start(root: &Path, sender: mpsc::Sender<Vec<PathBuf>>) -> notify::Result<Watcher> {
        let handler = move |result: DebounceEventResult| {
            let paths = match result {
                Ok(events) => events
                    .into_iter()
                    .filter(|e| changes_content(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .collect(),
                // The watcher lost track (e.g. queue overflow): rebuild all.
                Err(_) => vec![PathBuf::from(CONFIG_FILE)],
            };
            if !paths.is_empty() {
                let _ = sender.send(paths);
            }
        };
        // Links are not followed (issue 17): following one out of the site
        // would list folders there to watch them. No file-id cache either:
        // the one used off Linux walks the tree following links, and only
        // the changed paths are used here, not rename pairs.
        let debouncer = new_debouncer_opt(
            DEBOUNCE,
            None,
            handler,
            NoCache,
            notify::Config::default().with_follow_symlinks(false),
        )?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: Vec::new(),
            layout: Layout::of_site(root),
        };
        // The root itself, not recursively: kurator.yaml (saved by rename
        // in most editors) and watched folders created later.
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        watcher.refresh();
        Ok(watcher)
    }

    /// Starts watching watched folders that appeared since the last call.
    pub fn refresh(&mut self) {
        let content = self.layout.content.clone();
        if content.is_empty() {
            // Pages at the root: everything below it, recursively.
            if self.watched.is_empty()
                && self
                    .debouncer
                    .watch(&self.root, RecursiveMode::Recursive)
                    .is_ok()
            {
                self.watched.push(self.root.clone());
            }
            return;
        }
        for dir in WATCHED_DIRS.iter().copied().chain([content.as_str()]) {
            let path = self.root.join(dir);
            if path.is_dir()
                && !self.watched.contains(&path)
                && self
                    .debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .is_ok()
            {
                self.watched.push(path);
            }
        }
        self.watched.retain(|p| p.is_dir());
    }

    /// Where the site's pages are.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// `path` relative to the site root, if it is below it.
    pub fn relative<'a>(&self, path: &'a Path) -> Option<&'a Path> {
        path.strip_prefix(&self.root).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(p: &str) -> ChangeKind {
        classify(Path::new(p), &Layout::kurator())
    }

    #[test]
    fn other_tools_layouts() {
        let book = Layout {
            content: "src".into(),
            output: "public".into(),
            foreign: true,
        };
        let k = |p: &str| classify(Path::new(p), &book);
        assert_eq!(k("src/chapter.md"), ChangeKind::Content);
        assert_eq!(k("src/SUMMARY.md"), ChangeKind::Content);
        assert_eq!(k("src/img.png"), ChangeKind::Asset);
        assert_eq!(k("book.toml"), ChangeKind::Config);
        assert_eq!(k("content/a.md"), ChangeKind::Ignored);
        assert_eq!(
            k("templates/page.html"),
            ChangeKind::Ignored,
            "Zola's templates are not read"
        );
        assert_eq!(k("public/index.html"), ChangeKind::Ignored);
        let vault = Layout {
            content: String::new(),
            output: "public".into(),
            foreign: true,
        };
        let v = |p: &str| classify(Path::new(p), &vault);
        assert_eq!(v("Daily notes.md"), ChangeKind::Content);
        assert_eq!(
            v("templates/Note.md"),
            ChangeKind::Content,
            "a vault's folder called templates holds notes"
        );
        assert_eq!(v("public/index.html"), ChangeKind::Ignored);
        assert_eq!(v(".obsidian/workspace.json"), ChangeKind::Ignored);
    }

    #[test]
    fn classifies_site_files() {
        assert_eq!(kind("kurator.yaml"), ChangeKind::Config);
        assert_eq!(kind("content/a.md"), ChangeKind::Content);
        assert_eq!(kind("content/_index.md"), ChangeKind::Content);
        assert_eq!(kind("content/duties"), ChangeKind::Content);
        assert_eq!(kind("content/duties/img.png"), ChangeKind::Asset);
        assert_eq!(kind("content/duties/extra.css"), ChangeKind::Style);
        assert_eq!(kind("static/logo.svg"), ChangeKind::Asset);
        assert_eq!(kind("static/site.css"), ChangeKind::Style);
        assert_eq!(kind("data/courses.yaml"), ChangeKind::Data);
        assert_eq!(kind("templates/page.html"), ChangeKind::Template);
        assert_eq!(
            kind("i18n/ru.yaml"),
            ChangeKind::Template,
            "the interface words are in every page"
        );
        assert_eq!(
            kind("themes/default/templates/base.html"),
            ChangeKind::Template
        );
        assert_eq!(kind("themes/default/static/style.css"), ChangeKind::Style);
        assert_eq!(
            kind("themes/default/static/search.js"),
            ChangeKind::Template
        );
    }

    #[test]
    fn ignores_temp_files_and_output() {
        for p in [
            "content/.a.md.swp",
            "content/a.md~",
            "content/#a.md#",
            "content/4913",
            "content/.goutputstream-XYZ",
            "content/a.md.tmp",
            "content/_draft.md",
            "public/index.html",
            "public",
            "README.md",
            ".git/index",
            "",
        ] {
            assert_eq!(kind(p), ChangeKind::Ignored, "{p}");
        }
    }

    #[test]
    fn the_widest_change_wins() {
        let paths = [
            Path::new("static/a.css"),
            Path::new("content/a.md"),
            Path::new("content/.x.swp"),
        ];
        assert_eq!(classify_all(paths, &Layout::kurator()), ChangeKind::Content);
        assert_eq!(
            classify_all([Path::new("static/a.css")], &Layout::kurator()),
            ChangeKind::Style
        );
        assert_eq!(classify_all([], &Layout::kurator()), ChangeKind::Ignored);
    }
}
