//! Front matter: the YAML between `---` lines at the top of a Markdown file.
//! Splitting keeps line numbers so errors point into the file, not into the
//! fragment.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::yaml::{self, YamlSource};

mod other_tools;
pub use other_tools::parse_toml;
use other_tools::split_json;

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
    /// A data file (`data/<name>.yaml`, a list) whose items this page's
    /// template shows: each item is searchable as a section of the page
    /// (`search/site.rs`), so what a reader sees on the page is found.
    pub search_data: Option<String>,
    /// The anchor of an item's section: `{id}` stands for the item's `id`
    /// (default `{id}`; items without an id link to the page).
    pub search_anchor: Option<String>,
    /// Who answers for the page (a name or a team); a section's owner is
    /// its pages' unless they name their own.
    pub owner: Option<String>,
    /// When the page was last checked to be true: `YYYY-MM-DD`.
    pub reviewed: Option<String>,
    /// How often it should be (`6 months`); a section's applies to its
    /// pages, `kurator.yaml`'s to every page.
    pub review_every: Option<String>,
    /// On a section (`_index.md`): also write `<section>/atom.xml` with the
    /// section's dated pages.
    pub feed: bool,
    /// `false`: glossary terms are not linked on this page (issue 22).
    pub glossary: Option<bool>,
    /// On a section: how its pages are ordered (`weight` by default;
    /// `date` and `updated` newest first, `title`, `slug`), as Zola's
    /// `sort_by` (issue 21).
    pub sort_by: Option<SortBy>,
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Hugo's keys (issue 21): `linkTitle` (the menu's shorter title, not
    /// used yet), `categories` (shown as tags) and `params` (as `extra`).
    #[serde(rename = "linkTitle")]
    pub link_title: Option<String>,
    pub categories: Vec<String>,
    pub params: BTreeMap<String, serde_json::Value>,
    /// Where each top-level key and each alias stands in the file, for
    /// errors found after parsing (alias collisions, a missing template).
    #[serde(skip)]
    pub positions: Positions,
}

/// File positions (1-based line, column) of front matter keys and values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Positions {
    /// Top-level key → line.
    pub keys: BTreeMap<String, usize>,
    /// One per alias, in order: where its text starts.
    pub aliases: Vec<(usize, usize)>,
}

impl Positions {
    /// The line of a top-level key, if the front matter has it.
    pub fn line(&self, key: &str) -> Option<usize> {
        self.keys.get(key).copied()
    }
}

/// A Markdown file split into its front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// The YAML text, without fences, and the file line it starts on.
    pub yaml: Option<(&'a str, usize)>,
    /// Zola's TOML front matter (`+++` fences), and its first line.
    pub toml: Option<(&'a str, usize)>,
    pub body: &'a str,
    /// 1-based file line on which `body` starts.
    pub body_line: usize,
}

/// Splits `---` fenced (YAML) or `+++` fenced (TOML, as Zola writes it)
/// front matter from the body. Only a fence on the very first line opens
/// front matter.
pub fn split<'a>(path: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let fence = text[..first_line_end].trim_end();
    if fence == "{" || fence.starts_with("{\"") {
        return split_json(path, text);
    }
    if fence != "---" && fence != "+++" {
        return Ok(Split {
            yaml: None,
            toml: None,
            body: text,
            body_line: 1,
        });
    }
    let start = (first_line_end + 1).min(text.len());
    let mut offset = start;
    for (line, raw_line) in (2..).zip(text[start..].split_inclusive('\n')) {
        if raw_line.trim_end() == fence {
            let body_start = offset + raw_line.len();
            let inner = Some((&text[start..offset], 2));
            let (yaml, toml) = if fence == "---" {
                (inner, None)
            } else {
                (None, inner)
            };
            return Ok(Split {
                yaml,
                toml,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += raw_line.len();
    }
    Err(Diagnostic::error(
        path,
        format!("front matter opened with `{fence}` is never closed"),
    )
    .at(1, 1)
    .help(format!(
        "add a line with `{fence}` after the last front matter key"
    )))
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// Weight, then title (Zola's `none` too).
    #[serde(alias = "none")]
    Weight,
    /// Newest first; undated pages last.
    Date,
    /// Last updated first (Zola's `update_date`).
    #[serde(alias = "update_date")]
    Updated,
    /// Zola's `title_bytes` too.
    #[serde(alias = "title_bytes")]
    Title,
    Slug,
}

/// Parses front matter YAML and checks the values serde cannot.
pub fn parse(path: &str, yaml: &str, first_line: usize) -> Result<FrontMatter, Vec<Diagnostic>> {
    let source = YamlSource {
        path,
        text: yaml,
        first_line,
    };
    let mut front: FrontMatter = yaml::parse(source).map_err(|d| vec![d])?;
    // Hugo's categories are tags here; its params are extra.
    let categories = std::mem::take(&mut front.categories);
    front.tags.extend(categories);
    let params = std::mem::take(&mut front.params);
    front.extra.extend(params);
    front.positions = positions(yaml, first_line, &front.aliases);
    let mut problems = Vec::new();
    let line_of = |key: &str| key_line(yaml, key).map_or(first_line, |l| first_line + l);
    // A value that does not parse: an error at the value itself.
    let bad = |key: &str, value: &str, message: String, help: &str| {
        let (line, column) = value_position(yaml, first_line, key, value);
        Diagnostic::error(path, message).at(line, column).help(help)
    };
    for (key, value) in [("date", &front.date), ("updated", &front.updated)] {
        let Some(value) = value else { continue };
        if let Err(why) = parse_date(value) {
            problems.push(bad(
                key,
                value,
                format!("`{key}: {value}` is not a date: {why}"),
                "write it as YYYY-MM-DD (2026-01-31), or with a time as 2026-01-31T09:30:00Z",
            ));
        }
    }
    if let Some(value) = &front.reviewed {
        if let Err(why) = crate::review::parse_day(value) {
            problems.push(bad(
                "reviewed",
                value,
                format!("`reviewed: {value}`: {why}"),
                "write the day the page was last checked as YYYY-MM-DD (2026-01-31)",
            ));
        }
    }
    if let Some(value) = &front.review_every {
        if let Err(why) = crate::review::parse_period(value) {
            problems.push(bad(
                "review_every",
                value,
                format!("`review_every: {value}`: {why}"),
                crate::review::PERIOD_HELP,
            ));
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
    for (alias, &(line, column)) in front.aliases.iter().zip(&front.positions.aliases) {
        if let Some((why, help)) = alias_problem(alias) {
            problems.push(
                Diagnostic::error(path, format!("alias `{alias}` {why}"))
                    .at(line, column)
                    .help(help),
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

/// Line and column of `value` after `key:` (the key's line, column 1, if
/// the value is written elsewhere, e.g. on the next line).
fn value_position(yaml: &str, first_line: usize, key: &str, value: &str) -> (usize, usize) {
    let Some(l) = key_line(yaml, key) else {
        return (first_line, 1);
    };
    let text = yaml.lines().nth(l).unwrap_or_default();
    let column = text
        .find(value)
        .map_or(1, |i| text[..i].chars().count() + 1);
    (first_line + l, column)
}

/// Positions of the top-level keys and of each alias's text.
fn positions(yaml: &str, first_line: usize, aliases: &[String]) -> Positions {
    let mut keys = BTreeMap::new();
    for (i, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            keys.entry(key.trim().trim_matches(['"', '\'']).to_string())
                .or_insert(first_line + i);
        }
    }
    // Each alias is looked for after the previous one, from `aliases:` on.
    let mut found = Vec::with_capacity(aliases.len());
    let start = key_line(yaml, "aliases").unwrap_or(0);
    let lines: Vec<&str> = yaml.lines().collect();
    let (mut line, mut from) = (start, 0);
    for alias in aliases {
        let mut at = None;
        for (l, text) in lines.iter().enumerate().skip(line) {
            let begin = if l == line { from } else { 0 };
            if let Some(i) = text.get(begin..).and_then(|t| t.find(alias.as_str())) {
                at = Some((l, begin + i));
                break;
            }
        }
        match at {
            Some((l, i)) => {
                let column = lines[l][..i].chars().count() + 1;
                found.push((first_line + l, column));
                (line, from) = (l, i + alias.len());
            }
            None => found.push((first_line + start, 1)),
        }
    }
    Positions {
        keys,
        aliases: found,
    }
}

/// Why an alias cannot be a path on this site, and what to write instead.
fn alias_problem(alias: &str) -> Option<(&'static str, &'static str)> {
    let path = alias.trim();
    if path.contains("://") || path.starts_with("//") || scheme(path) {
        return Some((
            "is a full URL, but an alias is a path on this site",
            "write the old path only, such as /old/page/; a redirect to another site is not an alias",
        ));
    }
    let inner = path.trim_matches('/');
    if path.contains('\\') || inner.split('/').any(|p| p == "..") {
        return Some((
            "leaves the site",
            "write aliases as site paths such as /old/page/",
        ));
    }
    if path.is_empty()
        || path.contains(['?', '#'])
        || path.chars().any(char::is_control)
        || (!inner.is_empty() && inner.split('/').any(|p| p.is_empty() || p == "."))
    {
        return Some((
            "is not a plain site path",
            "write it as /old/page/ or /old/page.html, without `?`, `#`, `//` or `.` parts",
        ));
    }
    None
}

/// `mailto:x`, `javascript:x`: a scheme before the first `/`.
fn scheme(path: &str) -> bool {
    path.split('/').next().is_some_and(|first| {
        first.split_once(':').is_some_and(|(s, _)| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
    })
}

/// A front matter date: `YYYY-MM-DD`, or a date and time with or without
/// an offset (`2026-01-31T09:30:00Z`, `2026-01-31 09:30:00`). Checked by
/// `jiff`, so `2026-02-30` is an error, not a feed entry.
pub fn parse_date(value: &str) -> Result<FeedTime, String> {
    use jiff::civil::{Date, DateTime};
    let value = value.trim();
    if value.len() == 10 {
        return value
            .parse::<Date>()
            .map(|d| FeedTime(d.to_datetime(jiff::civil::Time::midnight()).to_string() + "Z"))
            .map_err(|e| date_reason(value, &e));
    }
    if let Ok(ts) = value.parse::<jiff::Timestamp>() {
        return Ok(FeedTime(ts.to_string()));
    }
    value
        .parse::<DateTime>()
        .map(|dt| FeedTime(format!("{}Z", dt.strftime("%Y-%m-%dT%H:%M:%S"))))
        .map_err(|e| date_reason(value, &e))
}

/// A date as RFC 3339, for the Atom feed (`2026-01-31T00:00:00Z`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedTime(pub String);

/// The reader's words for why a date does not exist or does not parse.
fn date_reason(value: &str, err: &jiff::Error) -> String {
    let text = err.to_string();
    if let Some((_, reason)) = text.rsplit_once(": ") {
        if reason.contains("day") || reason.contains("month") {
            return format!("there is no such day ({reason})");
        }
    }
    if value
        .get(..10)
        .is_some_and(|d| d.parse::<jiff::civil::Date>().is_ok())
    {
        "the date is fine, the time after it is not".to_string()
    } else {
        "expected YYYY-MM-DD".to_string()
    }
}

#[cfg(test)]
mod tests;
