//! Front matter written for other tools (issue 21): Zola's `+++` TOML and
//! Hugo's JSON, read into Kurator's [`FrontMatter`] with errors at their
//! file line and column, like YAML's.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{parse_date, FrontMatter, SortBy, Split};
use crate::diagnostic::Diagnostic;

/// Zola's front matter keys Kurator uses (others, such as `in_search_index`,
/// are Zola's own and are left alone).
#[derive(Deserialize, Default)]
#[serde(default)]
struct ZolaFront {
    title: Option<String>,
    description: Option<String>,
    date: Option<toml::Value>,
    updated: Option<toml::Value>,
    weight: Option<i64>,
    draft: bool,
    slug: Option<String>,
    aliases: Vec<String>,
    template: Option<String>,
    taxonomies: BTreeMap<String, Vec<String>>,
    extra: BTreeMap<String, serde_json::Value>,
    sort_by: Option<SortBy>,
}

/// Parses Zola's `+++` TOML front matter into Kurator's: title,
/// description, date, updated, weight, draft, slug, aliases, template,
/// `[taxonomies]` (their terms become tags) and `[extra]` (issue 21).
pub fn parse_toml(
    path: &str,
    text: &str,
    first_line: usize,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let zola: ZolaFront = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |span| {
            let before = text.get(..span.start.min(text.len())).unwrap_or(text);
            let line = before.matches('\n').count();
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            (line, column)
        });
        vec![
            Diagnostic::error(path, format!("invalid TOML front matter: {}", e.message()))
                .at(first_line + line, column.max(1))
                .help("Zola's front matter is TOML between `+++` lines: `title = \"…\"`"),
        ]
    })?;
    let date_text = |v: Option<toml::Value>| {
        v.map(|v| match v {
            toml::Value::String(s) => s,
            toml::Value::Datetime(d) => d.to_string(),
            // Not a date: `parse_date` below says so.
            other => format!("{other:?}"),
        })
    };
    let tags = zola.taxonomies.into_values().flatten().collect();
    let front = FrontMatter {
        title: zola.title,
        description: zola.description,
        date: date_text(zola.date),
        updated: date_text(zola.updated),
        weight: zola.weight,
        draft: zola.draft,
        slug: zola.slug,
        aliases: zola.aliases,
        template: zola.template,
        tags,
        extra: zola.extra,
        sort_by: zola.sort_by,
        ..FrontMatter::default()
    };
    let mut problems = Vec::new();
    for (key, value) in [("date", &front.date), ("updated", &front.updated)] {
        if let Some(value) = value {
            if let Err(why) = parse_date(value) {
                problems.push(
                    Diagnostic::error(path, format!("`{key} = {value}` is not a date: {why}"))
                        .at(first_line + key_line_toml(text, key), 1)
                        .help("write it as 2026-01-31, or with a time as 2026-01-31T09:30:00Z"),
                );
            }
        }
    }
    if problems.is_empty() {
        Ok(front)
    } else {
        Err(problems)
    }
}

/// The 0-based line of a top-level TOML key (`key = …`), 0 if absent.
fn key_line_toml(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .unwrap_or(0)
}

/// Hugo's JSON front matter: one JSON object at the top of the file,
/// read as YAML (JSON is YAML's flow style), so Hugo's keys work alike.
pub(super) fn split_json<'a>(path: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    match values.next() {
        Some(Ok(serde_json::Value::Object(_))) => {
            let end = values.byte_offset();
            let rest = &text[end..];
            // The rest of the closing line belongs to the front matter.
            let body_start = end + rest.find('\n').map_or(rest.len(), |i| i + 1);
            Ok(Split {
                yaml: Some((&text[..end], 1)),
                toml: None,
                body: &text[body_start..],
                body_line: text[..body_start].matches('\n').count() + 1,
            })
        }
        Some(Err(e)) => Err(Diagnostic::error(path, format!("invalid JSON front matter: {e}"))
            .at(e.line().max(1), e.column().max(1))
            .help("Hugo's JSON front matter is one object at the top of the file: {\"title\": \"…\"}")),
        _ => Ok(Split {
            yaml: None,
            toml: None,
            body: text,
            body_line: 1,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse, split};
    use super::*;

    #[test]
    fn hugo_json_front_matter() {
        let text =
            "{\n  \"title\": \"Intro\",\n  \"linkTitle\": \"In\",\n  \"weight\": 3\n}\n# Body\n";
        let s = split("content/a.md", text).unwrap();
        let (yaml, line) = s.yaml.unwrap();
        assert_eq!((s.body, s.body_line, line), ("# Body\n", 6, 1));
        let front = parse("content/a.md", yaml, line).unwrap();
        assert_eq!(
            (front.title.as_deref(), front.weight),
            (Some("Intro"), Some(3))
        );
        let err = split("content/a.md", "{\n  \"title\": \"A\",\n  weight: 3\n}\n").unwrap_err();
        assert_eq!(
            (err.line, err.message.contains("invalid JSON")),
            (Some(3), true)
        );
    }

    #[test]
    fn zola_toml_front_matter() {
        let text = "+++\ntitle = \"Intro\"\ndate = 2024-01-15\nweight = 2\naliases = [\"/old/\"]\nsort_by = \"weight\"\n[taxonomies]\ntags = [\"start\"]\n[extra]\nlevel = 1\n+++\n# Body\n";
        let split = split("content/a.md", text).unwrap();
        let (toml, line) = split.toml.unwrap();
        assert!(split.yaml.is_none());
        assert_eq!((line, split.body_line, split.body), (2, 12, "# Body\n"));
        let front = parse_toml("content/a.md", toml, line).unwrap();
        assert_eq!(front.title.as_deref(), Some("Intro"));
        assert_eq!(front.date.as_deref(), Some("2024-01-15"));
        assert_eq!(
            (front.weight, front.aliases.as_slice()),
            (Some(2), &["/old/".to_string()][..])
        );
        assert_eq!(front.tags, ["start"]);
        assert_eq!(front.extra["level"], serde_json::json!(1));
    }

    #[test]
    fn bad_toml_names_its_line() {
        let errs = parse_toml("content/a.md", "title = \"A\"\nweight = = 2\n", 2).unwrap_err();
        assert_eq!(errs[0].line, Some(3), "{errs:?}");
        let errs =
            parse_toml("content/a.md", "title = \"A\"\ndate = \"yesterday\"\n", 2).unwrap_err();
        assert_eq!(errs[0].line, Some(3), "{errs:?}");
        assert!(
            split("content/a.md", "+++\ntitle = 1\n").is_err(),
            "an unclosed +++"
        );
    }
}
