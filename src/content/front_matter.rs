//! Front matter: the YAML between `---` lines at the top of a Markdown file.
//! Splitting keeps line numbers so errors point into the file, not into the
//! fragment.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::yaml::{self, YamlSource};

/// Every key a page may set. Unknown keys are errors.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub weight: Option<i64>,
    /// `YYYY-MM-DD`, optionally with a time (`YYYY-MM-DDTHH:MM:SSZ`).
    pub date: Option<String>,
    pub updated: Option<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    pub template: Option<String>,
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    /// Multiplies the page's search scores (default 1; 0 leaves the page out
    /// of the index): a quiz or a changelog can rank below the pages it is
    /// about.
    pub search_weight: Option<f64>,
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A Markdown file split into its front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// The YAML text, without fences, and the file line it starts on.
    pub yaml: Option<(&'a str, usize)>,
    pub body: &'a str,
    /// 1-based file line on which `body` starts.
    pub body_line: usize,
}

/// Splits `---` fenced front matter from the body. Only a `---` on the very
/// first line opens front matter.
pub fn split<'a>(path: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Ok(Split {
            yaml: None,
            body: text,
            body_line: 1,
        });
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line, raw_line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if raw_line.trim_end() == "---" {
            let body_start = offset + raw_line.len();
            return Ok(Split {
                yaml: Some((&text[yaml_start..offset], 2)),
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += raw_line.len();
    }
    Err(
        Diagnostic::error(path, "front matter opened with `---` is never closed")
            .at(1, 1)
            .help("add a line with `---` after the last front matter key"),
    )
}

/// Parses front matter YAML and checks the values serde cannot.
pub fn parse(path: &str, yaml: &str, first_line: usize) -> Result<FrontMatter, Vec<Diagnostic>> {
    let source = YamlSource {
        path,
        text: yaml,
        first_line,
    };
    let front: FrontMatter = yaml::parse(source).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let line_of = |key: &str| key_line(yaml, key).map_or(first_line, |l| first_line + l);
    for (key, value) in [("date", &front.date), ("updated", &front.updated)] {
        if let Some(value) = value {
            if !is_date(value) {
                problems.push(
                    Diagnostic::error(path, format!("`{key}` is not a date: `{value}`"))
                        .at(line_of(key), 1)
                        .help("write it as YYYY-MM-DD, e.g. 2026-01-31"),
                );
            }
        }
    }
    if let Some(slug) = &front.slug {
        if slug.is_empty() || slug.contains('/') || slug == "." || slug == ".." {
            problems.push(
                Diagnostic::error(path, format!("slug `{slug}` cannot be one part of a URL"))
                    .at(line_of("slug"), 1)
                    .help("use letters, digits and `-`, without `/`"),
            );
        }
    }
    if let Some(w) = front.search_weight {
        if !(0.0..=10.0).contains(&w) {
            problems.push(
                Diagnostic::error(path, format!("search_weight {w} is out of range"))
                    .at(line_of("search_weight"), 1)
                    .help("use a number from 0 (not in the search index) to 10; the default is 1"),
            );
        }
    }
    for alias in &front.aliases {
        if alias.split('/').any(|part| part == "..")
            || alias.contains('\\')
            || alias.trim().is_empty()
        {
            problems.push(
                Diagnostic::error(path, format!("alias `{alias}` leaves the site"))
                    .at(line_of("aliases"), 1)
                    .help("write aliases as site paths such as /old/page/"),
            );
        }
    }
    for tag in &front.tags {
        if tag.trim().is_empty() {
            problems.push(
                Diagnostic::error(path, "a tag is empty")
                    .at(line_of("tags"), 1)
                    .help("remove the empty tag"),
            );
        }
    }
    if problems.is_empty() {
        Ok(front)
    } else {
        Err(problems)
    }
}

/// 0-based line within `yaml` on which a top-level `key:` stands.
fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines().position(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// `YYYY-MM-DD` with a plausible month and day, optionally followed by a time.
pub fn is_date(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && (b.len() == 10 || matches!(b[10], b'T' | b' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("a.md", "---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(s.yaml, Some(("title: A\n", 2)));
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("a.md", "# Title\n\ntext").unwrap();
        assert_eq!(s.yaml, None);
        assert_eq!(s.body_line, 1);
        let s = split("a.md", "").unwrap();
        assert_eq!(s.body, "");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let d = split("a.md", "---\ntitle: A\n# Body\n").unwrap_err();
        assert_eq!(d.line, Some(1));
        assert!(d.message.contains("never closed"));
    }

    #[test]
    fn empty_front_matter_is_fine() {
        let s = split("a.md", "---\n---\nbody").unwrap();
        assert_eq!(s.yaml, Some(("", 2)));
        assert_eq!(parse("a.md", "", 2).unwrap(), FrontMatter::default());
    }

    #[test]
    fn errors_point_at_file_lines() {
        let errs = parse("content/x.md", "title: A\nwieght: 3\n", 2).unwrap_err();
        assert_eq!(errs[0].line, Some(3));
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `weight`?"));
        let errs = parse("content/x.md", "title: A\ndate: 31.01.2026\n", 2).unwrap_err();
        assert_eq!(errs[0].line, Some(3));
    }

    #[test]
    fn dates() {
        assert!(is_date("2026-01-31"));
        assert!(is_date("2026-01-31T10:00:00Z"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("31.01.2026"));
        assert!(!is_date("2026-1-1"));
    }

    #[test]
    fn bad_slug_and_alias() {
        let errs = parse("x.md", "slug: a/b\naliases: [../../etc]\n", 2).unwrap_err();
        assert_eq!(errs.len(), 2);
    }

    #[test]
    fn search_weight_in_range() {
        assert_eq!(
            parse("x.md", "search_weight: 0.5\n", 2)
                .unwrap()
                .search_weight,
            Some(0.5)
        );
        assert_eq!(
            parse("x.md", "search_weight: 0\n", 2)
                .unwrap()
                .search_weight,
            Some(0.0)
        );
        let errs = parse("x.md", "title: T\nsearch_weight: -1\n", 2).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(errs[0]
            .to_string()
            .starts_with("error: x.md:3:1: search_weight -1 is out of range"));
        assert!(parse("x.md", "search_weight: .nan\n", 2).is_err());
    }
}
