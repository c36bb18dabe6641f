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

/// Folders below the site root whose changes affect a build.
pub const WATCHED_DIRS: [&str; 5] = ["content", "data", "static", "templates", "themes"];

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
pub fn classify(rel: &Path) -> ChangeKind {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let Some(first) = parts.first() else {
        return ChangeKind::Ignored;
    };
    if parts.len() == 1 && first == CONFIG_FILE {
        return ChangeKind::Config;
    }
    if parts.iter().any(|p| is_ignored(p)) {
        return ChangeKind::Ignored;
    }
    let last = parts.last().map(String::as_str).unwrap_or_default();
    let css = last.ends_with(".css");
    match first.as_str() {
        "content" if last.ends_with(".md") || last.ends_with(".gift") => ChangeKind::Content,
        "content" if css => ChangeKind::Style,
        // A folder under content/ may hold pages.
        "content" if !last.contains('.') => ChangeKind::Content,
        "content" => ChangeKind::Asset,
        "static" if css => ChangeKind::Style,
        "static" => ChangeKind::Asset,
        "data" => ChangeKind::Data,
        "templates" => ChangeKind::Template,
        "themes" if css && parts.get(2).is_some_and(|p| p == "static") => ChangeKind::Style,
        "themes" => ChangeKind::Template,
        _ => ChangeKind::Ignored,
    }
}

/// The widest kind among `paths` (site-root-relative).
pub fn classify_all<'a>(paths: impl IntoIterator<Item = &'a Path>) -> ChangeKind {
    paths
        .into_iter()
        .map(classify)
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
        };
        // The root itself, not recursively: kurator.yaml (saved by rename
        // in most editors) and watched folders created later.
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        watcher.refresh();
        Ok(watcher)
    }

    /// Starts watching watched folders that appeared since the last call.
    pub fn refresh(&mut self) {
        for dir in WATCHED_DIRS {
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

    /// `path` relative to the site root, if it is below it.
    pub fn relative<'a>(&self, path: &'a Path) -> Option<&'a Path> {
        path.strip_prefix(&self.root).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(p: &str) -> ChangeKind {
        classify(Path::new(p))
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
        assert_eq!(classify_all(paths), ChangeKind::Content);
        assert_eq!(classify_all([Path::new("static/a.css")]), ChangeKind::Style);
        assert_eq!(classify_all([]), ChangeKind::Ignored);
    }
}
