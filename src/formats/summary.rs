//! mdBook's `SUMMARY.md`: the book's order. Prefix chapters (`[Title](a.md)`
//! before the list), part titles (`# Part`), numbered chapters (`- [Title](b.md)`,
//! nested by indentation), drafts (`[Title]()`, no file yet), separators
//! (`---`) and suffix chapters. Written from mdBook's documentation of the
//! format; parsed line by line because each item is one line.

/// One chapter of the book, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub title: String,
    /// Relative to the book's `src/`; `None` for a draft chapter.
    pub path: Option<String>,
    /// 0 for top-level chapters.
    pub depth: usize,
    /// The part title the chapter is under, if any.
    pub part: Option<String>,
    /// A separator (`---`) stands just before the chapter.
    pub after_separator: bool,
    /// 1-based line in `SUMMARY.md`.
    pub line: usize,
}

/// A line of `SUMMARY.md` that is not understood, with its line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryProblem {
    pub line: usize,
    pub message: String,
}

/// The chapters of a `SUMMARY.md`, and the lines that were not understood.
pub fn parse(text: &str) -> (Vec<Chapter>, Vec<SummaryProblem>) {
    let mut chapters = Vec::new();
    let mut problems = Vec::new();
    let mut part: Option<String> = None;
    let mut separator = false;
    let mut seen_title = false;
    // Indentations of the open list levels, outermost first.
    let mut indents: Vec<usize> = Vec::new();
    let mut in_comment = false;
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        if in_comment {
            in_comment = !raw.contains("-->");
            continue;
        }
        let trimmed = raw.trim();
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.chars().all(|c| c == '-') && trimmed.len() >= 3 {
            separator = true;
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        if let Some(heading) = trimmed.strip_prefix('#') {
            let heading = heading.trim_start_matches('#').trim().to_string();
            // The first heading, before any chapter, is the summary's title.
            if !seen_title && chapters.is_empty() {
                seen_title = true;
            } else {
                part = Some(heading);
            }
            indents.clear();
            continue;
        }
        let indent = raw.len() - raw.trim_start().len() + raw.matches('\t').count() * 3;
        let item = ["- ", "* ", "+ "]
            .iter()
            .find_map(|m| trimmed.strip_prefix(m))
            .or_else(|| {
                let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
                (digits > 0)
                    .then(|| trimmed[digits..].strip_prefix(". "))
                    .flatten()
            });
        let (body, depth) = match item {
            Some(body) => {
                while indents.last().is_some_and(|&i| i > indent) {
                    indents.pop();
                }
                if indents.last() != Some(&indent) {
                    indents.push(indent);
                }
                (body.trim(), indents.len() - 1)
            }
            None => {
                indents.clear();
                (trimmed, 0)
            }
        };
        match link(body) {
            Some((title, path)) => chapters.push(Chapter {
                title,
                path: (!path.is_empty()).then_some(path),
                depth,
                part: part.clone(),
                after_separator: std::mem::take(&mut separator),
                line,
            }),
            None => problems.push(SummaryProblem {
                line,
                message: format!("not a chapter link: `{trimmed}` (expected `- [Title](path.md)`)"),
            }),
        }
    }
    (chapters, problems)
}

/// `[Title](path)` → title and path (brackets in the title may be escaped).
fn link(text: &str) -> Option<(String, String)> {
    let rest = text.strip_prefix('[')?;
    let mut title = String::new();
    let mut chars = rest.char_indices();
    let mut close = None;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    title.push(escaped);
                }
            }
            ']' => {
                close = Some(i);
                break;
            }
            c => title.push(c),
        }
    }
    let after = rest[close? + 1..].strip_prefix('(')?;
    let end = after.rfind(')')?;
    let path = after[..end].trim();
    // `<path with spaces.md>` is allowed by CommonMark.
    let path = path
        .strip_prefix('<')
        .and_then(|p| p.strip_suffix('>'))
        .unwrap_or(path);
    Some((title.trim().to_string(), path.replace("%20", " ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUMMARY: &str = "# Summary

[Introduction](README.md)

# User Guide

- [Installation](guide/installation.md)
- [Reading \\[books\\]](guide/reading.md)
    - [Nested one](guide/nested.md)
        - [Deeper](guide/deeper.md)
    - [Nested two](guide/two.md)
- [Draft chapter]()

---

# Reference

1. [Commands](ref/commands.md)
<!-- a comment
spanning lines -->
[Contributors](misc/contributors.md)
";

    #[test]
    fn order_nesting_parts_drafts() {
        let (chapters, problems) = parse(SUMMARY);
        assert!(problems.is_empty(), "{problems:?}");
        let got: Vec<(&str, Option<&str>, usize, Option<&str>)> = chapters
            .iter()
            .map(|c| {
                (
                    c.title.as_str(),
                    c.path.as_deref(),
                    c.depth,
                    c.part.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Introduction", Some("README.md"), 0, None),
                (
                    "Installation",
                    Some("guide/installation.md"),
                    0,
                    Some("User Guide")
                ),
                (
                    "Reading [books]",
                    Some("guide/reading.md"),
                    0,
                    Some("User Guide")
                ),
                ("Nested one", Some("guide/nested.md"), 1, Some("User Guide")),
                ("Deeper", Some("guide/deeper.md"), 2, Some("User Guide")),
                ("Nested two", Some("guide/two.md"), 1, Some("User Guide")),
                ("Draft chapter", None, 0, Some("User Guide")),
                ("Commands", Some("ref/commands.md"), 0, Some("Reference")),
                (
                    "Contributors",
                    Some("misc/contributors.md"),
                    0,
                    Some("Reference")
                ),
            ]
        );
        assert_eq!(chapters[1].line, 7);
    }

    #[test]
    fn lines_that_are_not_links_are_reported() {
        let (chapters, problems) = parse("- [Fine](a.md)\n- just text\n- [Spaced](<my file.md>)\n");
        assert_eq!(chapters.len(), 2);
        assert_eq!(chapters[1].path.as_deref(), Some("my file.md"));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2);
    }
}
