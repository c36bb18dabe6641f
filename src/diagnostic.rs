//! Problems found in the user's site, reported like cargo or ripgrep:
//! `error: content/duties/_index.md:12:3: what went wrong (what to do)`.
//!
//! Every stage returns diagnostics instead of stopping at the first problem,
//! so `check` can report everything in one run, sorted by file and position.
//!
//! Under that first line, a diagnostic with a position shows the offending
//! source line with a caret under the column, drawn by `annotate-snippets`
//! as rustc does (the source lines are attached by [`attach_sources`]).

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// How bad a problem is: errors fail `check` and `build`; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, with a position when it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based line and column in the file, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// What the author can do about it.
    pub help: Option<String>,
    /// The text of line `line` of the file, when attached (boxed: a
    /// diagnostic stays small enough to return in a `Result`).
    pub source_line: Option<Box<SourceLine>>,
}

/// One line of a source file, shown under a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    pub text: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key: by file, then position, then message, so output is stable.
    fn sort_key(&self) -> (&str, usize, usize, Severity, &str) {
        (
            &self.path,
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        if let Some(snippet) = self.snippet() {
            write!(f, "\n{snippet}")?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// The source line with a caret under the column, rendered by
    /// annotate-snippets (`--> path:line:col`, the line, `^`).
    fn snippet(&self) -> Option<String> {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let (line, text) = (self.line?, self.source_line.as_deref()?.text.as_str());
        let column = self.column.unwrap_or(1);
        let start = text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        let end = text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let report = [Group::with_level(level).element(
            Snippet::source(text)
                .line_start(line)
                .path(self.path.as_str())
                .annotation(AnnotationKind::Primary.span(start..end)),
        )];
        Some(Renderer::plain().render(&report).to_string())
    }
}

/// Problems of one kind, as a build summary shows them: the first few in
/// full, then how many more there are.
#[derive(Debug)]
pub struct Group<'a> {
    pub shown: Vec<&'a Diagnostic>,
    pub more: usize,
}

/// Groups problems of one kind, in the order each kind first appears,
/// keeping the first `shown` of each: a book with 156 links written the
/// same wrong way gets three examples and a count, not 156 messages
/// (issue 21). One kind is one severity and one piece of advice (the help
/// text says what to do about the kind; the message names the instance).
pub fn group(diagnostics: &[Diagnostic], shown: usize) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut index: HashMap<(Severity, &str), usize> = HashMap::new();
    for d in diagnostics {
        let key = (d.severity, d.help.as_deref().unwrap_or(&d.message));
        let at = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                shown: Vec::new(),
                more: 0,
            });
            groups.len() - 1
        });
        let group = &mut groups[at];
        if group.shown.len() < shown {
            group.shown.push(d);
        } else {
            group.more += 1;
        }
    }
    groups
}

/// Attaches to each diagnostic with a line the text of that line, read
/// from the file under `root` (each file once). Files that cannot be read
/// (built-in templates, a vanished file) are skipped.
pub fn attach_sources(root: &Path, diagnostics: &mut [Diagnostic]) {
    // Each file is split into lines once: a 4 MB page with 35,000 link
    // warnings must not be scanned once per warning.
    let mut files: HashMap<String, Option<Vec<String>>> = HashMap::new();
    for d in diagnostics.iter_mut() {
        let Some(line) = d.line else {
            continue;
        };
        if d.source_line.is_some() || d.path.starts_with('<') || Path::new(&d.path).is_absolute() {
            continue;
        }
        let lines = files
            .entry(d.path.clone())
            .or_insert_with(|| read_lines(&root.join(&d.path)));
        d.source_line = lines
            .as_ref()
            .and_then(|lines| lines.get(line.wrapping_sub(1)))
            .map(|text| Box::new(SourceLine { text: text.clone() }));
    }
}

/// The lines of a file as positions were counted in them: BOM dropped,
/// CRLF and lone CR as line ends (see `walk::decode`).
fn read_lines(path: &Path) -> Option<Vec<String>> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Some(
        text.split('\n')
            .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
            .map(str::to_string)
            .collect(),
    )
}

/// Sorts diagnostics by file and position and drops exact duplicates.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// Maps byte offsets in a text to 1-based line and column (columns count
/// characters, not bytes, so Cyrillic text points at the right place).
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// 1-based (line, column) of a byte offset; offsets past the end clamp.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

/// Suggests the closest of `candidates` to `word`, if one is close enough to
/// be a likely typo.
pub fn did_you_mean<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_of_one_kind_are_grouped_with_their_first_places() {
        let link = |n: usize| {
            Diagnostic::warning(
                format!("src/ch{n}.md"),
                format!("link to `x{n}.html` leads nowhere"),
            )
            .at(n, 1)
            .help("link to a chapter of the book")
        };
        let mut all: Vec<Diagnostic> = (1..=5).map(link).collect();
        all.insert(
            2,
            Diagnostic::error("src/a.md", "bad front matter").help("fix the YAML"),
        );
        all.push(Diagnostic::warning("src/b.md", "no title"));
        let groups = group(&all, 3);
        assert_eq!(groups.len(), 3);
        assert_eq!(
            groups[0].shown.iter().map(|d| d.line).collect::<Vec<_>>(),
            [Some(1), Some(2), Some(3)]
        );
        assert_eq!(groups[0].more, 2);
        assert_eq!((groups[1].shown.len(), groups[1].more), (1, 0));
        assert_eq!(groups[2].shown[0].message, "no title");
        assert!(group(&[], 3).is_empty());
    }

    #[test]
    fn formats_like_cargo() {
        let d = Diagnostic::error("content/a.md", "bad thing")
            .at(4, 7)
            .help("fix it");
        assert_eq!(d.to_string(), "error: content/a.md:4:7: bad thing (fix it)");
        let w = Diagnostic::warning("kurator.yaml", "odd");
        assert_eq!(w.to_string(), "warning: kurator.yaml: odd");
    }

    #[test]
    fn snippets_put_a_caret_under_the_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("content/a.md"),
            "---\r\nтема: x\r\ndate: 2026-02-30\r\n---\r\n",
        )
        .unwrap();
        let mut list = vec![
            Diagnostic::error("content/a.md", "not a date").at(3, 7),
            Diagnostic::error("content/a.md", "whole file"),
            Diagnostic::error("content/gone.md", "vanished").at(1, 1),
        ];
        attach_sources(dir.path(), &mut list);
        let shown = list[0].to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[0], "error: content/a.md:3:7: not a date");
        assert!(
            lines[1].trim_start().starts_with("--> content/a.md:3:7"),
            "{shown}"
        );
        let source = lines
            .iter()
            .position(|l| l.ends_with("| date: 2026-02-30"))
            .unwrap();
        let caret = lines[source + 1];
        let bar = caret.find('|').unwrap();
        assert_eq!(caret[bar + 2..].trim_end(), "      ^", "{shown}");
        assert_eq!(list[1].to_string(), "error: content/a.md: whole file");
        assert_eq!(list[2].to_string(), "error: content/gone.md:1:1: vanished");
    }

    #[test]
    fn line_index_counts_characters() {
        let text = "ab\nпривет мир\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(3), (2, 1));
        let offset = text.find("мир").unwrap();
        assert_eq!(index.position(offset), (2, 8));
        assert_eq!(index.position(10_000), (3, 1));
    }

    #[test]
    fn sorts_by_file_then_position() {
        let mut list = vec![
            Diagnostic::error("b.md", "x").at(1, 1),
            Diagnostic::error("a.md", "y").at(9, 1),
            Diagnostic::error("a.md", "z").at(2, 5),
            Diagnostic::error("a.md", "z").at(2, 5),
        ];
        sort(&mut list);
        let order: Vec<_> = list.iter().map(|d| (d.path.as_str(), d.line)).collect();
        assert_eq!(
            order,
            vec![("a.md", Some(2)), ("a.md", Some(9)), ("b.md", Some(1))]
        );
    }

    #[test]
    fn suggests_close_names_only() {
        let keys = ["title", "description", "weight"];
        assert_eq!(did_you_mean("titel", &keys), Some("title"));
        assert_eq!(did_you_mean("wieght", &keys), Some("weight"));
        assert_eq!(did_you_mean("colour", &keys), None);
    }
}
