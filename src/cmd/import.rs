//! `kurator import --from mdbook|zola|hugo|obsidian SRC DEST`: writes a
//! native Kurator site from a book (`formats::mdbook` plans it) or from a
//! site or vault read as `build` reads it in place (`formats::native`).
//! SRC is only read: DEST must be a new or empty folder outside it, and
//! nothing is read from outside SRC (a link that leads elsewhere is
//! skipped with a warning).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};

use super::{plural, print_diagnostics, EXIT_USAGE};
use crate::cli::{ImportArgs, ImportFrom};
use crate::content::page::Page;
use crate::content::walk;
use crate::diagnostic::Diagnostic;
use crate::formats::mdbook::{self, Output};
use crate::formats::{native, Format};
use crate::site_root::SiteRoot;

pub(crate) fn run(args: &ImportArgs) -> Result<u8> {
    match args.from {
        ImportFrom::Mdbook => import_mdbook(&args.src, &args.dest),
        ImportFrom::Zola => import_site(Format::Zola, &args.src, &args.dest),
        ImportFrom::Hugo => import_site(Format::Hugo, &args.src, &args.dest),
        ImportFrom::Obsidian => import_site(Format::Obsidian, &args.src, &args.dest),
    }
}

/// A Zola or Hugo site or an Obsidian vault, read as `build` reads it in
/// place, written as a native site.
fn import_site(format: Format, src: &Path, dest: &Path) -> Result<u8> {
    let config = match crate::config::load(src) {
        Ok(c) if c.format == format => c,
        Ok(c) => bail!(
            "{} is not {}: Kurator reads it as {} (see docs/formats.md for how each tool's folder is told)",
            src.display(),
            format.with_article(),
            c.format.with_article()
        ),
        Err(problems) => {
            print_diagnostics(&problems);
            return Ok(EXIT_USAGE);
        }
    };
    let real_src = src
        .canonicalize()
        .context("cannot resolve the source folder")?;
    if let Some(problem) = dest_problem(&real_src, dest) {
        eprintln!("error: {problem}");
        return Ok(EXIT_USAGE);
    }
    let root = SiteRoot::new(&real_src, &[]);
    // Each page is written out from memory as it was read.
    let spill = crate::spill::Spill::in_memory();
    let mut files = walk::walk_content(&root, &config.content_layout(), &spill);
    let mut notes = std::mem::take(&mut files.diagnostics);
    crate::formats::apply(&config, &mut files.markdown, &mut notes);
    std::fs::create_dir_all(dest).with_context(|| format!("cannot create {}", dest.display()))?;
    write(
        &dest.join("kurator.yaml"),
        native::config(&config, format.name()).as_bytes(),
    )
    .context("cannot write kurator.yaml")?;
    let mut pages = 0;
    for file in &files.markdown {
        let to = format!("content/{}", file.content_path);
        let text = match Page::parse(file) {
            Ok(page) => {
                pages += 1;
                native::page_file(&page)
            }
            Err(mut problems) => {
                // Kept as written: nothing is lost, the new site's build
                // reports the same problems.
                notes.append(&mut problems);
                file.text.clone()
            }
        };
        write(&dest.join(&to), text.as_bytes()).with_context(|| format!("cannot write {to}"))?;
    }
    let mut copied = files.assets.len();
    for asset in &files.assets {
        let to = format!("content/{}", asset.out);
        copy(&asset.abs, &dest.join(&to)).with_context(|| format!("cannot write {to}"))?;
    }
    if !config.content_prefix().is_empty() {
        for asset in walk::walk_static(&root, &real_src.join("static"), &mut notes) {
            copied += 1;
            let to = format!("static/{}", asset.out);
            copy(&asset.abs, &dest.join(&to)).with_context(|| format!("cannot write {to}"))?;
        }
    }
    print_diagnostics(&notes);
    println!(
        "Imported {} and {} from {} into {}; build it with `kurator build --root {}`",
        plural(pages, "page", "pages"),
        plural(copied, "other file", "other files"),
        format.name(),
        dest.display(),
        dest.display()
    );
    Ok(0)
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    let bytes = std::fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
    write(to, &bytes)
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
