//! `kurator import --from mdbook SRC DEST`: writes a native Kurator site
//! from a book (`formats::mdbook` plans it). SRC is only read: DEST must be
//! a new or empty folder outside it, and nothing is read from outside SRC
//! (a link under `src/` that leads elsewhere is skipped with a warning).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};

use super::{plural, print_diagnostics, EXIT_USAGE};
use crate::cli::{ImportArgs, ImportFrom};
use crate::diagnostic::Diagnostic;
use crate::formats::mdbook::{self, Output};

pub(crate) fn run(args: &ImportArgs) -> Result<u8> {
    match args.from {
        ImportFrom::Mdbook => import_mdbook(&args.src, &args.dest),
    }
}

fn import_mdbook(src: &Path, dest: &Path) -> Result<u8> {
    let book_toml = src.join("book.toml");
    let text = std::fs::read_to_string(&book_toml).with_context(|| {
        format!(
            "{} is not an mdBook: it has no readable book.toml",
            src.display()
        )
    })?;
    let book = match mdbook::read_book_toml(&text) {
        Ok(b) => b,
        Err(e) => {
            let mut problem = vec![crate::formats::detect::toml_error("book.toml", &text, &e)];
            crate::diagnostic::attach_sources(src, &mut problem);
            print_diagnostics(&problem);
            return Ok(EXIT_USAGE);
        }
    };
    let real_src = src
        .canonicalize()
        .context("cannot resolve the book's folder")?;
    if let Some(problem) = dest_problem(&real_src, dest) {
        eprintln!("error: {problem}");
        return Ok(EXIT_USAGE);
    }
    let chapters_dir = real_src.join(&book.src);
    let mut skipped = Vec::new();
    let files = book_files(&real_src, &chapters_dir, &mut skipped);
    let mut read = |rel: &str| -> Result<String, String> {
        let path = chapters_dir.join(rel);
        let resolved = path
            .canonicalize()
            .map_err(|_| format!("{rel} does not exist"))?;
        if !resolved.starts_with(&real_src) || !resolved.is_file() {
            return Err(format!("{rel} is outside the book or not a file"));
        }
        std::fs::read_to_string(&resolved).map_err(|e| format!("{rel}: {e}"))
    };
    let plan = mdbook::plan(&book, &files, &mut read);
    std::fs::create_dir_all(dest).with_context(|| format!("cannot create {}", dest.display()))?;
    for output in &plan.outputs {
        let (to, result) = match output {
            Output::Write { to, text } => (to, write(&dest.join(to), text.as_bytes())),
            Output::Copy { from, to } => (
                to,
                std::fs::read(chapters_dir.join(from))
                    .map_err(anyhow::Error::from)
                    .and_then(|bytes| write(&dest.join(to), &bytes)),
            ),
        };
        result.with_context(|| format!("cannot write {to}"))?;
    }
    let mut notes: Vec<Diagnostic> = plan
        .notes
        .iter()
        .map(|n| Diagnostic::warning(&n.path, &n.message).at(n.line, n.column))
        .collect();
    notes.extend(skipped);
    print_diagnostics(&notes);
    println!(
        "Imported {} and {} into {}{}; build it with `kurator build --root {}`",
        plural(plan.chapters, "chapter", "chapters"),
        plural(plan.outputs.len() - 1, "file", "files"),
        dest.display(),
        if notes.is_empty() {
            String::new()
        } else {
            format!(", {}", plural(notes.len(), "warning", "warnings"))
        },
        dest.display()
    );
    Ok(0)
}

/// Why `dest` may not receive the site: it has files, or it is inside the
/// book (or the book inside it).
fn dest_problem(real_src: &Path, dest: &Path) -> Option<String> {
    if dest.exists() {
        let empty = dest.is_dir()
            && std::fs::read_dir(dest)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
        if !empty {
            return Some(format!("{} exists and is not an empty folder; import writes a new site and never replaces files", dest.display()));
        }
    }
    let real_dest = absolute(dest);
    if real_dest.starts_with(real_src) || real_src.starts_with(&real_dest) {
        return Some(format!(
            "{} is inside the book (or holds it); choose a folder outside {}, which import only reads",
            dest.display(),
            real_src.display()
        ));
    }
    None
}

/// `path` made absolute through its nearest existing ancestor (it may not
/// exist yet).
fn absolute(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

/// The book's files under `chapters_dir`, relative and sorted; links that
/// lead outside the book are skipped with a warning.
fn book_files(real_src: &Path, chapters_dir: &Path, skipped: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(chapters_dir)
        .sort_by_file_name()
        .follow_links(false)
    {
        let Ok(entry) = entry else { continue };
        let rel = entry
            .path()
            .strip_prefix(chapters_dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|t| t.starts_with(real_src) && t.is_file());
            if !inside {
                skipped.push(Diagnostic::warning(
                    &rel,
                    "skipped: a link that leads outside the book (or to a folder)",
                ));
                continue;
            }
        } else if !file_type.is_file() {
            continue;
        }
        files.push(rel);
    }
    files.sort();
    files
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    if path.exists() {
        bail!("{} already exists", path.display());
    }
    std::fs::write(path, bytes)?;
    Ok(())
}
