//! The one place that parses YAML (front matter, `kurator.yaml`, data files,
//! quiz blocks). serde_yaml is deprecated upstream; keeping it behind this
//! module means a maintained fork can replace it in one file.
//!
//! Errors come back as [`Diagnostic`]s whose line and column are counted in
//! the whole file, not in the YAML fragment, and unknown keys or variants get
//! a "did you mean" suggestion.

use serde::de::DeserializeOwned;

use crate::diagnostic::{did_you_mean, Diagnostic};

/// A YAML fragment inside a file: where it is, so errors can point into the
/// file rather than into the fragment.
#[derive(Debug, Clone, Copy)]
pub struct YamlSource<'a> {
    /// Path of the file, relative to the site root.
    pub path: &'a str,
    /// The YAML text itself.
    pub text: &'a str,
    /// 1-based line of the file on which `text` starts.
    pub first_line: usize,
}

impl<'a> YamlSource<'a> {
    /// A whole file of YAML.
    pub fn file(path: &'a str, text: &'a str) -> Self {
        YamlSource {
            path,
            text,
            first_line: 1,
        }
    }
}

/// Parses YAML into `T`. An empty document parses like an empty map, so a
/// file with only comments means "all defaults".
pub fn parse<T: DeserializeOwned>(source: YamlSource<'_>) -> Result<T, Diagnostic> {
    let text = if source.text.trim().is_empty() || is_only_comments(source.text) {
        "{}"
    } else {
        source.text
    };
    serde_yaml::from_str(text).map_err(|err| to_diagnostic(&source, &err))
}

/// Parses YAML into a JSON value (for data files handed to templates).
pub fn parse_value(source: YamlSource<'_>) -> Result<serde_json::Value, Diagnostic> {
    let value: serde_yaml::Value = parse(source)?;
    serde_json::to_value(&value).map_err(|err| {
        Diagnostic::error(
            source.path,
            format!("cannot use this YAML in templates: {err}"),
        )
        .at_line(source.first_line)
        .help("map keys must be strings")
    })
}

fn is_only_comments(text: &str) -> bool {
    text.lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
}

fn to_diagnostic(source: &YamlSource<'_>, err: &serde_yaml::Error) -> Diagnostic {
    let raw = err.to_string();
    let message = strip_location(&raw).to_string();
    let mut diagnostic = Diagnostic::error(source.path, format!("invalid YAML: {message}"));
    diagnostic = match err.location() {
        Some(loc) => {
            let (line, column) = clamp_position(source.text, loc.line(), loc.column());
            diagnostic.at(source.first_line + line - 1, column)
        }
        None => diagnostic.at_line(source.first_line),
    };
    if let Some(help) = suggestion(&message) {
        diagnostic = diagnostic.help(help);
    } else if message.contains("did not find expected") || message.contains("mapping values") {
        diagnostic = diagnostic.help(
            "check the indentation, and quote text that contains `: ` or starts with a special character",
        );
    }
    diagnostic
}

/// Keeps a 1-based position inside `text`. At the end of a fragment without
/// a final line break, serde_yaml reports the line after the last one
/// (found by fuzzing, issue 9): that would point at the closing fence of a
/// quiz block, or past the end of `kurator.yaml`. Such positions move to
/// the end of the last line.
fn clamp_position(text: &str, line: usize, column: usize) -> (usize, usize) {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = line.max(1);
    if line > lines.len() {
        let last = lines.len();
        return (last, lines[last - 1].chars().count() + 1);
    }
    let width = lines[line - 1].chars().count() + 1;
    (line, column.clamp(1, width))
}

/// serde_yaml appends " at line L column C"; we print the position ourselves.
fn strip_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// For "unknown field `x`, expected one of `a`, `b`" (and variants), suggest
/// the closest allowed name, or list them.
fn suggestion(message: &str) -> Option<String> {
    // Nested errors start with their path: "questions[0]: unknown field …".
    let message = message.find("unknown ").map_or(message, |i| &message[i..]);
    let kind = if message.starts_with("unknown field") {
        "key"
    } else if message.starts_with("unknown variant") {
        "value"
    } else {
        return None;
    };
    let mut quoted = message.split('`').skip(1).step_by(2);
    let found = quoted.next()?;
    let allowed: Vec<&str> = quoted.collect();
    if allowed.is_empty() {
        return Some(format!("remove the {kind} `{found}`"));
    }
    Some(match did_you_mean(found, &allowed) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("expected one of: {}", allowed.join(", ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: Option<String>,
        weight: Option<i64>,
    }

    #[test]
    fn unknown_key_points_into_the_file_and_suggests() {
        let source = YamlSource {
            path: "content/a.md",
            text: "title: A\ntitel: B\n",
            first_line: 2,
        };
        let d = parse::<Front>(source).unwrap_err();
        assert_eq!((d.line, d.column), (Some(3), Some(1)));
        assert!(d.message.contains("unknown field `titel`"), "{}", d.message);
        assert_eq!(d.help.as_deref(), Some("did you mean `title`?"));
        assert!(!d.message.contains("at line"));
    }

    #[test]
    fn syntax_error_has_position() {
        let source = YamlSource {
            path: "kurator.yaml",
            text: "title: [unclosed\n",
            first_line: 1,
        };
        let d = parse::<Front>(source).unwrap_err();
        assert!(d.line.is_some());
        assert!(d.to_string().starts_with("error: kurator.yaml:"));
    }

    /// Fuzzing found positions one line past the end (issue 9).
    #[test]
    fn positions_stay_inside_the_fragment() {
        for text in ["id: o\nquestions:\n  - type: order\n    promp", "a: b\nc"] {
            let source = YamlSource {
                path: "content/q.md",
                text,
                first_line: 10,
            };
            let d = parse::<serde_yaml::Value>(source).unwrap_err();
            let lines = text.split('\n').count();
            let line = d.line.unwrap();
            assert!((10..10 + lines).contains(&line), "{d} in {lines} lines");
            let last = text.split('\n').nth(line - 10).unwrap();
            assert!(d.column.unwrap() <= last.chars().count() + 1, "{d}");
        }
        assert_eq!(clamp_position("ab\ncd", 3, 1), (2, 3));
        assert_eq!(clamp_position("ab\n", 2, 1), (2, 1));
        assert_eq!(clamp_position("ab", 1, 9), (1, 3));
    }

    #[test]
    fn empty_and_comment_only_documents_are_defaults() {
        let f: Front = parse(YamlSource::file("x", "")).unwrap();
        assert!(f.title.is_none());
        let f: Front = parse(YamlSource::file("x", "# nothing\n\n")).unwrap();
        assert!(f.weight.is_none());
    }

    #[test]
    fn wrong_type_is_reported() {
        let d = parse::<Front>(YamlSource::file("x", "weight: heavy\n")).unwrap_err();
        assert!(d.message.contains("invalid type"), "{}", d.message);
        assert_eq!(d.line, Some(1));
    }

    #[test]
    fn values_convert_to_json() {
        let v = parse_value(YamlSource::file("data/x.yaml", "- a: 1\n- b: [x, y]\n")).unwrap();
        assert_eq!(v[1]["b"][0], "x");
    }
}
