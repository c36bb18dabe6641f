//! mdBook's directives in Markdown written for it (issue 21), expanded
//! before the page is rendered: `{{#include path}}` with a line range
//! (`:2`, `:2:10`, `::10`, `:2:`) or an anchor (`:name`, the lines between
//! `ANCHOR: name` and `ANCHOR_END: name`), `{{#rustdoc_include …}}` (the
//! same, for a book that runs its code: here the lines it would hide, `# `,
//! are left out) and `{{#title …}}`. Directives inside code spans or
//! fences of the page itself are text. The file is read by the caller
//! (`read`), which owns the rule that nothing outside the site is read.

#[cfg(test)]
use super::lines::source_line;
use super::lines::{Fences, LineStarts};

/// What the page asked for, and what came of it.
#[derive(Debug, Default, PartialEq)]
pub struct Expanded {
    pub text: String,
    /// For each line of the source (0-based), the line of `text` it starts
    /// on: included files add lines, and problems found later in `text`
    /// are reported at the source's lines (`lines::source_line`).
    pub line_starts: Vec<usize>,
    /// `{{#title …}}`: the page's title.
    pub title: Option<String>,
    pub problems: Vec<IncludeProblem>,
}

/// A directive that could not be honoured: 1-based line and column in the
/// text, and what went wrong.
#[derive(Debug, PartialEq)]
pub struct IncludeProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Which lines of the included file.
#[derive(Debug, PartialEq)]
enum Part {
    All,
    /// 1-based, inclusive; `None` for open ends.
    Lines(Option<usize>, Option<usize>),
    Anchor(String),
}

/// Deepest include chain: a file that includes itself stops here.
const MAX_DEPTH: usize = 10;

/// Expands every directive in `text`. `read(path)` gives a file's text
/// (paths as written, relative to the page) or why it cannot.
pub fn expand(text: &str, read: &mut dyn FnMut(&str) -> Result<String, String>) -> Expanded {
    let mut out = Expanded::default();
    out.text = expand_at(
        text,
        read,
        &mut out.title,
        &mut out.problems,
        0,
        Some(&mut out.line_starts),
    );
    out
}

fn expand_at(
    text: &str,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
    title: &mut Option<String>,
    problems: &mut Vec<IncludeProblem>,
    depth: usize,
    line_starts: Option<&mut Vec<usize>>,
) -> String {
    let mut result = String::with_capacity(text.len());
    let mut fence = Fences::default();
    let mut starts = LineStarts::default();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        starts.mark(&result);
        fence.line(line);
        // Directives in a fence are expanded too: mdBook's includes are
        // mostly code.
        if !line.contains("{{#") {
            result.push_str(line);
            continue;
        }
        let mut rest = line;
        while let Some(start) = rest.find("{{#") {
            let before = &rest[..start];
            // `\{{#…}}` is mdBook's way to show a directive; `{{#…}}` inside
            // a code span outside a fence is text too.
            if let Some(shown) = before.strip_suffix('\\') {
                result.push_str(shown);
                result.push_str("{{#");
                rest = &rest[start + 3..];
                continue;
            }
            if !fence.inside() && before.matches('`').count() % 2 == 1 {
                result.push_str(&rest[..start + 3]);
                rest = &rest[start + 3..];
                continue;
            }
            let Some(len) = rest[start..].find("}}") else {
                break;
            };
            let directive = &rest[start + 3..start + len];
            let column = line.len() - rest.len() + start + 1;
            result.push_str(before);
            let mut nested = Vec::new();
            match run(directive, read, title, &mut nested, depth) {
                Ok(text) => result.push_str(&text),
                Err(message) => nested.insert(0, message),
            }
            problems.extend(nested.into_iter().map(|message| IncludeProblem {
                line: n + 1,
                column,
                message,
            }));
            rest = &rest[start + len + 2..];
        }
        result.push_str(rest);
    }
    if let Some(out) = line_starts {
        *out = starts.finish();
    }
    result
}

/// One directive: its text, or why not; problems of the files it pulls
/// in go to `nested` (reported at the directive).
fn run(
    directive: &str,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
    title: &mut Option<String>,
    nested: &mut Vec<String>,
    depth: usize,
) -> Result<String, String> {
    let (name, arg) = directive
        .trim()
        .split_once(char::is_whitespace)
        .unwrap_or((directive.trim(), ""));
    let arg = arg.trim();
    match name {
        "title" => {
            *title = Some(arg.to_string());
            Ok(String::new())
        }
        "include" | "rustdoc_include" => {
            if depth >= MAX_DEPTH {
                return Err(format!("includes nested more than {MAX_DEPTH} deep (a file that includes itself?)"));
            }
            let (path, part) = parse_target(arg)?;
            let text = read(path)?;
            let lines = select(&text, &part).ok_or_else(|| match &part {
                Part::Anchor(a) => format!("{path} has no `ANCHOR: {a}` … `ANCHOR_END: {a}`"),
                _ => format!("{path} has no such lines"),
            })?;
            let lines = if name == "rustdoc_include" {
                hide_rust_lines(&lines)
            } else {
                lines
            };
            let mut inner = Vec::new();
            let text = expand_at(&lines, read, title, &mut inner, depth + 1, None);
            // The innermost place is the one to fix.
            nested.extend(inner.into_iter().map(|p| {
                if p.message.starts_with("in ") {
                    p.message
                } else {
                    format!("in {path}, line {}: {}", p.line, p.message)
                }
            }));
            Ok(text.strip_suffix('\n').unwrap_or(&text).to_string())
        }
        "playground" | "playpen" => Err(format!(
            "`{{{{#{name}}}}}` runs code in mdBook; Kurator shows code but does not run it: use `{{{{#include}}}}`"
        )),
        other => Err(format!("`{{{{#{other}}}}}` is not an mdBook directive Kurator knows")),
    }
}

/// `file.rs:2:10` → the path and the lines or anchor.
fn parse_target(arg: &str) -> Result<(&str, Part), String> {
    if arg.is_empty() {
        return Err("`{{#include}}` needs a file".into());
    }
    let mut pieces = arg.splitn(3, ':');
    let path = pieces.next().unwrap_or_default();
    let first = pieces.next();
    let second = pieces.next();
    let number = |s: &str| -> Result<Option<usize>, String> {
        if s.is_empty() {
            Ok(None)
        } else {
            s.parse::<usize>()
                .map(Some)
                .map_err(|_| format!("`{s}` is not a line number"))
        }
    };
    let part = match (first, second) {
        (None, _) => Part::All,
        (Some(a), None) if !a.is_empty() && !a.chars().all(|c| c.is_ascii_digit()) => {
            Part::Anchor(a.to_string())
        }
        // `:2` is that line alone.
        (Some(a), None) => {
            let n = number(a)?;
            Part::Lines(n, n)
        }
        (Some(a), Some(b)) => Part::Lines(number(a)?, number(b)?),
    };
    Ok((path, part))
}

/// The lines of `text` a part names, with `ANCHOR` markers left out.
fn select(text: &str, part: &Part) -> Option<String> {
    let is_marker = |l: &str| l.contains("ANCHOR:") || l.contains("ANCHOR_END:");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let chosen: Vec<&str> = match part {
        Part::All => lines.iter().copied().filter(|l| !is_marker(l)).collect(),
        Part::Lines(from, to) => {
            let from = from.unwrap_or(1).max(1);
            let to = to.unwrap_or(lines.len()).min(lines.len());
            if from > to {
                return None;
            }
            lines[from - 1..to].to_vec()
        }
        Part::Anchor(name) => {
            let is = |l: &str, key: &str| {
                l.split(key)
                    .nth(1)
                    .is_some_and(|rest| rest.split_whitespace().next() == Some(name.as_str()))
            };
            let start = lines.iter().position(|l| is(l, "ANCHOR:"))?;
            // Without its end, an anchor runs to the end of the file, as
            // in mdBook (the Rust book's listings mark `ANCHOR: all` so).
            let end = lines[start..]
                .iter()
                .position(|l| is(l, "ANCHOR_END:"))
                .map_or(lines.len(), |i| i + start);
            lines[start + 1..end]
                .iter()
                .copied()
                .filter(|l| !is_marker(l))
                .collect()
        }
    };
    Some(chosen.concat())
}

/// Lines rustdoc hides (`# ` or a lone `#`) left out.
fn hide_rust_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .filter(|l| {
            let t = l.trim_start();
            !(t.starts_with("# ") || t.trim_end() == "#")
        })
        .collect()
}

/// Expands the directives of every page that has one, reading included
/// files relative to the page's folder through `root` (nothing outside the
/// site, no special files); problems are warnings at the directive.
pub fn expand_site(
    site: &mut super::Site,
    root: &crate::site_root::SiteRoot,
    problems: &mut Vec<crate::diagnostic::Diagnostic>,
) {
    for page in &mut site.pages {
        if !page.body.contains("{{#") || !page.source.ends_with(".md") {
            continue;
        }
        // The page file's own folder (its `dir` is where it sits in the
        // site, which for an mdBook's `src/` is another path).
        let folder = root.join(
            std::path::Path::new(&page.source)
                .parent()
                .unwrap_or(std::path::Path::new("")),
        );
        let mut read = |path: &str| read_included(root, &folder, path);
        let expanded = expand(&page.body, &mut read);
        for p in expanded.problems {
            problems.push(
                crate::diagnostic::Diagnostic::warning(&page.source, p.message)
                    .at(page.body_line + p.line - 1, p.column)
                    .help("mdBook's `{{#include path}}` takes a path relative to the page, with `:from:to` lines or `:anchor`"),
            );
        }
        if let Some(title) = expanded.title.filter(|t| !t.trim().is_empty()) {
            if !matches!(page.title_from, super::page::TitleFrom::FrontMatter) {
                page.title = title;
                page.title_from = super::page::TitleFrom::FrontMatter;
            }
        }
        // Lines after a multi-line include moved: keep the way back.
        let moved = expanded
            .line_starts
            .iter()
            .enumerate()
            .any(|(i, &start)| start != i + 1);
        if moved {
            page.line_starts = Some(expanded.line_starts);
        }
        page.body = expanded.text;
    }
}

/// Largest file an include reads.
const MAX_INCLUDE: u64 = 16 * 1024 * 1024;

/// An included file's text: inside what the build may read, a regular
/// file, UTF-8.
fn read_included(
    root: &crate::site_root::SiteRoot,
    folder: &std::path::Path,
    path: &str,
) -> Result<String, String> {
    let full = folder.join(path);
    let resolved = full
        .canonicalize()
        .map_err(|_| format!("{path} does not exist"))?;
    if !root.may_read(&resolved) {
        return Err(format!(
            "{path} is outside the site folder; Kurator does not read files from outside the site (list the folder under `allow_outside:` in kurator.yaml if it is meant to be read)"
        ));
    }
    let meta = std::fs::metadata(&resolved).map_err(|e| format!("{path}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("{path} is not a regular file"));
    }
    if meta.len() > MAX_INCLUDE {
        return Err(format!("{path} is larger than 16 MB"));
    }
    let bytes = std::fs::read(&resolved).map_err(|e| format!("{path}: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{path} is not UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "fn a() {}\n// ANCHOR: main\nfn main() {\n    # hidden();\n    run();\n}\n// ANCHOR_END: main\nfn z() {}\n";

    fn files(path: &str) -> Result<String, String> {
        match path {
            "code.rs" => Ok(CODE.into()),
            "part.md" => Ok("Included {{#include code.rs:1}}\n".into()),
            "self.md" => Ok("{{#include self.md}}\n".into()),
            other => Err(format!("{other} does not exist")),
        }
    }

    fn run_on(text: &str) -> Expanded {
        expand(text, &mut files)
    }

    #[test]
    fn lines_after_an_include_map_back_to_the_source() {
        let mut read = |_: &str| Ok("a\nb\nc\n".to_string());
        let out = expand("one\n{{#include x.rs}}\nthree\n", &mut read);
        assert_eq!(out.text, "one\na\nb\nc\nthree\n");
        assert_eq!(out.line_starts, [1, 2, 5]);
        let lines: Vec<usize> = (1..=5).map(|e| source_line(&out.line_starts, e)).collect();
        assert_eq!(lines, [1, 2, 2, 2, 3]);
    }

    #[test]
    fn whole_files_ranges_and_anchors() {
        assert_eq!(
            run_on("```rust\n{{#include code.rs}}\n```\n").text,
            "```rust\nfn a() {}\nfn main() {\n    # hidden();\n    run();\n}\nfn z() {}\n```\n"
        );
        assert_eq!(run_on("{{#include code.rs:1}}\n").text, "fn a() {}\n");
        assert_eq!(
            run_on("{{#include code.rs:3:5}}\n").text,
            "fn main() {\n    # hidden();\n    run();\n"
        );
        assert_eq!(run_on("{{#include code.rs::1}}\n").text, "fn a() {}\n");
        assert_eq!(run_on("{{#include code.rs:8:}}\n").text, "fn z() {}\n");
        assert_eq!(
            run_on("{{#include code.rs:main}}\n").text,
            "fn main() {\n    # hidden();\n    run();\n}\n"
        );
        assert_eq!(
            run_on("{{#rustdoc_include code.rs:main}}\n").text,
            "fn main() {\n    run();\n}\n"
        );
    }

    #[test]
    fn nested_includes_title_and_text_around() {
        let e = run_on("{{#title Глава 1}}\nBefore {{#include part.md}} after.\n");
        assert_eq!(e.title.as_deref(), Some("Глава 1"));
        assert_eq!(e.text, "\nBefore Included fn a() {} after.\n");
        assert!(e.problems.is_empty());
    }

    #[test]
    fn problems_name_their_place() {
        let e = run_on("Text\n  {{#include missing.rs}}\n{{#include code.rs:nope}}\n{{#include code.rs:9:3}}\n");
        let at: Vec<(usize, usize)> = e.problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(at, [(2, 3), (3, 1), (4, 1)]);
        assert_eq!(e.problems[0].message, "missing.rs does not exist");
        assert!(e.problems[1].message.contains("ANCHOR: nope"));
        let e = run_on("{{#include self.md}}\n{{#playground x.rs}}\n{{#unknown}}\n");
        assert_eq!(e.problems.len(), 3, "{:?}", e.problems);
        assert_eq!(
            e.problems[0].message,
            "in self.md, line 1: includes nested more than 10 deep (a file that includes itself?)"
        );
        assert!(e.problems[1].message.contains("does not run"));
        assert!(e.problems[2].message.contains("not an mdBook directive"));
    }

    #[test]
    fn directives_shown_as_code_stay_text() {
        let text = "Write `{{#include file.rs}}` to include.\n";
        assert_eq!(run_on(text).text, text);
        assert_eq!(
            run_on("```\n\\{{#include code.rs}}\n```\n").text,
            "```\n{{#include code.rs}}\n```\n"
        );
    }
}
