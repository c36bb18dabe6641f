//! `kurator import --from mdbook`: a book (`book.toml`, `src/SUMMARY.md`)
//! as a native Kurator site. Pure: given the book's files, it plans what to
//! write; `cmd/import.rs` reads and writes. Chapters keep their paths; the
//! order of `SUMMARY.md` becomes `weight`, a `README.md` becomes its
//! folder's `_index.md`, includes are expanded, links to `x.html` and
//! `README.md` are rewritten to the Markdown files, and a chapter the
//! summary does not list is a draft (mdBook does not publish it either).

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Options, Parser, Tag};
use serde::Deserialize;

use super::summary::{self, Chapter};
use crate::content::include;
use crate::content::links::join;
use crate::content::page::first_heading;

/// What `book.toml` says that Kurator uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    pub title: String,
    pub language: String,
    pub description: String,
    /// The folder of the chapters (`src` unless `book.toml` says).
    pub src: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BookToml {
    book: BookTable,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BookTable {
    title: Option<String>,
    language: Option<String>,
    description: Option<String>,
    src: Option<String>,
}

/// Reads `book.toml` (other tables, such as `[output.html]`, are mdBook's).
pub fn read_book_toml(text: &str) -> Result<Book, toml::de::Error> {
    let parsed: BookToml = toml::from_str(text)?;
    let book = parsed.book;
    Ok(Book {
        title: book.title.unwrap_or_else(|| "Book".into()),
        language: book.language.unwrap_or_else(|| "en".into()),
        description: book.description.unwrap_or_default(),
        src: book.src.unwrap_or_else(|| "src".into()),
    })
}

/// A file of the new site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Written: `to` is relative to the new site.
    Write { to: String, text: String },
    /// Copied as it is from the book's `src/` (`from` relative to it).
    Copy { from: String, to: String },
}

/// Something the import could not use, in a file of the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Relative to the book's folder.
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What to write, and what could not be used.
#[derive(Debug, Default)]
pub struct Plan {
    pub outputs: Vec<Output>,
    pub notes: Vec<Note>,
    /// Chapters the summary lists that were written.
    pub chapters: usize,
}

/// Plans the import of a book whose `src/` holds `files` (relative paths,
/// sorted); `read(path)` gives a text file of `src/`.
pub fn plan(
    book: &Book,
    files: &[String],
    read: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Plan {
    let mut plan = Plan::default();
    let summary_path = format!("{}/SUMMARY.md", book.src);
    let (chapters, problems) = match read("SUMMARY.md") {
        Ok(text) => summary::parse(&text),
        Err(e) => {
            plan.notes.push(note(
                &summary_path,
                1,
                format!("cannot read SUMMARY.md: {e}; chapters are imported in file order"),
            ));
            (Vec::new(), Vec::new())
        }
    };
    for p in problems {
        plan.notes.push(note(&summary_path, p.line, p.message));
    }
    let order: BTreeMap<&str, (usize, &Chapter)> = chapters
        .iter()
        .filter_map(|c| c.path.as_deref().map(|p| (p, c)))
        .enumerate()
        .map(|(i, (p, c))| (p, (i, c)))
        .collect();
    for chapter in &chapters {
        if let Some(path) = &chapter.path {
            if !files.iter().any(|f| f == path) {
                plan.notes.push(note(
                    &summary_path,
                    chapter.line,
                    format!("{path} is listed but does not exist"),
                ));
            }
        }
    }
    plan.outputs.push(Output::Write {
        to: "kurator.yaml".into(),
        text: config(book),
    });
    for file in files {
        if file == "SUMMARY.md" {
            continue;
        }
        if !file.ends_with(".md") {
            plan.outputs.push(Output::Copy {
                from: file.clone(),
                to: format!("content/{file}"),
            });
            continue;
        }
        let text = match read(file) {
            Ok(t) => t,
            Err(e) => {
                plan.notes.push(note(&format!("{}/{file}", book.src), 1, e));
                continue;
            }
        };
        let folder = file.rsplit_once('/').map_or("", |(d, _)| d);
        let mut read_near = |path: &str| match join(folder, path) {
            Some(p) => read(&p),
            None => Err(format!("{path} is outside the book")),
        };
        let expanded = include::expand(&text, &mut read_near);
        for p in expanded.problems {
            plan.notes.push(Note {
                path: format!("{}/{file}", book.src),
                line: p.line,
                column: p.column,
                message: p.message,
            });
        }
        let body = rewrite_links(&expanded.text);
        let listed = order.get(file.as_str());
        let mut front = Vec::new();
        let title = expanded.title.or_else(|| {
            // The chapter's heading is its title (lifted out when it has
            // no other); the summary's name stands in for a chapter without.
            first_heading(&body)
                .is_none()
                .then(|| listed.map(|(_, c)| c.title.clone()))
                .flatten()
        });
        if let Some(title) = title {
            front.push(format!("title: {}", yaml_str(&title)));
        }
        match listed {
            Some((i, _)) => {
                front.push(format!("weight: {}", (i + 1) * 10));
                plan.chapters += 1;
            }
            None => {
                front.push("draft: true  # not in SUMMARY.md, so mdBook did not publish it".into())
            }
        }
        let to = match file.rsplit_once('/') {
            Some((dir, "README.md")) => format!("content/{dir}/_index.md"),
            None if file == "README.md" => "content/_index.md".into(),
            _ => format!("content/{file}"),
        };
        plan.outputs.push(Output::Write {
            to,
            text: format!("---\n{}\n---\n\n{body}", front.join("\n")),
        });
    }
    plan
}

fn note(path: &str, line: usize, message: String) -> Note {
    Note {
        path: path.to_string(),
        line,
        column: 1,
        message,
    }
}

/// `kurator.yaml` of the new site.
fn config(book: &Book) -> String {
    format!(
        "# Imported from an mdBook by `kurator import --from mdbook`.\ntitle: {}\ndescription: {}\nbase_url: /\nlanguage: {}\n# Heading ids as mdBook made them, so the book's deep links keep working.\nheading_ids: mdbook\n",
        yaml_str(&book.title),
        yaml_str(&book.description),
        yaml_str(&book.language)
    )
}

/// A YAML string: a JSON string is a valid double-quoted YAML scalar.
fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Links to the pages mdBook builds, rewritten to the Markdown files
/// Kurator reads: `x.html` → `x.md`, `README.md` and `index.html` →
/// `_index.md`. Only link destinations change (found by pulldown-cmark).
pub fn rewrite_links(text: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        let Some(new) = rewrite_target(&dest_url) else {
            continue;
        };
        let span = &text[range.clone()];
        let needle = format!("({dest_url}");
        if let Some(at) = span.rfind(&needle) {
            let start = range.start + at + 1;
            edits.push((start, start + dest_url.len(), new));
        }
    }
    let mut out = text.to_string();
    for (start, end, new) in edits.into_iter().rev() {
        out.replace_range(start..end, &new);
    }
    out
}

/// The Markdown file a link written for mdBook means, if it changes.
fn rewrite_target(dest: &str) -> Option<String> {
    if dest.contains("://") || dest.starts_with('#') || dest.starts_with("mailto:") {
        return None;
    }
    let (path, anchor) = dest
        .split_once('#')
        .map_or((dest, None), |(p, a)| (p, Some(a)));
    let file = path.rsplit('/').next().unwrap_or(path);
    let dir = &path[..path.len() - file.len()];
    let new = match file {
        "README.md" | "index.html" => format!("{dir}_index.md"),
        f if f.ends_with(".html") => format!("{dir}{}.md", &f[..f.len() - 5]),
        _ => return None,
    };
    Some(match anchor {
        Some(a) => format!("{new}#{a}"),
        None => new,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Book {
        read_book_toml("[book]\ntitle = \"Руководство \\\"команды\\\"\"\nlanguage = \"ru\"\n[output.html]\nx = 1\n").unwrap()
    }

    #[test]
    fn book_toml() {
        let b = book();
        assert_eq!(b.title, "Руководство \"команды\"");
        assert_eq!((b.language.as_str(), b.src.as_str()), ("ru", "src"));
        assert!(read_book_toml("[book\n").is_err());
        assert_eq!(read_book_toml("").unwrap().title, "Book");
    }

    #[test]
    fn links_to_built_pages_become_links_to_files() {
        let text = "See [a](a.html#x), [b](dir/README.md), [c](../index.html), [web](https://x.org/a.html) and `[code](a.html)`.\n";
        assert_eq!(
            rewrite_links(text),
            "See [a](a.md#x), [b](dir/_index.md), [c](../_index.md), [web](https://x.org/a.html) and `[code](a.html)`.\n"
        );
    }

    #[test]
    fn a_book_becomes_a_site() {
        let files: Vec<String> = [
            "README.md",
            "SUMMARY.md",
            "guide/README.md",
            "guide/setup.md",
            "guide/code.rs",
            "extra.md",
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        let mut read = |p: &str| -> Result<String, String> {
            Ok(match p {
                "SUMMARY.md" => "# Summary\n\n[Intro](README.md)\n\n- [Guide](guide/README.md)\n  - [Setup](guide/setup.md)\n- [Later]()\n- [Gone](gone.md)\n",
                "README.md" => "# Welcome\n\nRead [setup](guide/setup.html).\n",
                "guide/README.md" => "Guide text without a heading.\n",
                "guide/setup.md" => "## Setting up\n\n```rust\n{{#include code.rs:2}}\n```\n",
                "guide/code.rs" => "// one\nfn two() {}\n",
                "extra.md" => "# Extra\n",
                other => return Err(format!("{other}?")),
            }
            .to_string())
        };
        let plan = plan(&book(), &files, &mut read);
        let written: BTreeMap<&str, &str> = plan
            .outputs
            .iter()
            .filter_map(|o| match o {
                Output::Write { to, text } => Some((to.as_str(), text.as_str())),
                Output::Copy { .. } => None,
            })
            .collect();
        assert_eq!(
            written["content/_index.md"],
            "---\nweight: 10\n---\n\n# Welcome\n\nRead [setup](guide/setup.md).\n"
        );
        assert_eq!(
            written["content/guide/_index.md"],
            "---\ntitle: \"Guide\"\nweight: 20\n---\n\nGuide text without a heading.\n"
        );
        assert_eq!(
            written["content/guide/setup.md"],
            "---\nweight: 30\n---\n\n## Setting up\n\n```rust\nfn two() {}\n```\n"
        );
        assert!(written["content/extra.md"].starts_with("---\ndraft: true"));
        assert!(written["kurator.yaml"].contains("title: \"Руководство \\\"команды\\\"\"\n"));
        assert!(plan.outputs.contains(&Output::Copy {
            from: "guide/code.rs".into(),
            to: "content/guide/code.rs".into()
        }));
        assert_eq!(plan.chapters, 3);
        assert_eq!(plan.notes.len(), 1, "{:?}", plan.notes);
        assert_eq!(
            (plan.notes[0].path.as_str(), plan.notes[0].line),
            ("src/SUMMARY.md", 8)
        );
    }
}
