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
/// Writes a value as YAML (for files Kurator writes: `kurator import`).
pub fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_default()
}

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
    let located = strip_location(&raw);
    // Nested errors start with their path (`questions[0].options[0]: `):
    // with a line and column given, that is a second position (issue 17).
    let unprefixed = match err.location() {
        Some(_) => strip_path(located),
        None => located,
    };
    let message = humanize(unprefixed);
    let mut diagnostic = Diagnostic::error(source.path, format!("invalid YAML: {message}"));
    diagnostic = match err.location() {
        Some(loc) => {
            let (line, column) =
                duplicate_position(source.text, unprefixed, loc.line(), loc.column())
                    .unwrap_or_else(|| clamp_position(source.text, loc.line(), loc.column()));
            diagnostic.at(source.first_line + line - 1, column)
        }
        None => diagnostic.at_line(source.first_line),
    };
    if let Some(help) = suggestion(unprefixed) {
        diagnostic = diagnostic.help(help);
    } else if unprefixed.contains("repetition limit") {
        diagnostic = diagnostic.help(
            "anchors and aliases (`&name`, `*name`) here expand to too many values; write the values out, or use fewer aliases of aliases",
        );
    } else if unprefixed.contains("recursion limit") {
        diagnostic = diagnostic.help("the YAML is nested too deeply; flatten it");
    } else if unprefixed.starts_with("duplicate") {
        diagnostic = diagnostic.help("each key may appear once; remove or rename one of them");
    } else if message.contains("did not find expected") || message.contains("mapping values") {
        diagnostic = diagnostic.help(
            "check the indentation, and quote text that contains `: ` or starts with a special character",
        );
    }
    diagnostic
}

/// `questions[0].options[0]: invalid type …` → `invalid type …`.
fn strip_path(message: &str) -> &str {
    match message.split_once(": ") {
        Some((path, rest))
            if !path.is_empty()
                && !path.contains(' ')
                && path
                    .chars()
                    .all(|c| c.is_alphanumeric() || "_-.[]".contains(c)) =>
        {
            rest
        }
        _ => message,
    }
}

/// serde's wording names Rust types (`expected struct FrontMatter`,
/// `integer as i128, expected i64`); authors see YAML words instead. The
/// key lists of unknown-field errors are left to the help, so they are
/// printed once.
fn humanize(message: &str) -> String {
    if message.starts_with("unknown field") || message.starts_with("unknown variant") {
        return match message.find(", expected") {
            Some(i) => message[..i].to_string(),
            None => message.to_string(),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: integer `") {
        if rest.contains(" as i128") || rest.contains(" as u128") {
            let number = rest.split('`').next().unwrap_or_default();
            return format!("the number `{number}` is too large");
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: integer `") {
        let number = rest.split('`').next().unwrap_or_default();
        return format!("the number `{number}` is out of range here");
    }
    let mut text = message.to_string();
    // `expected struct X` / `expected enum X`: name what YAML shape is meant.
    for (rust, yaml) in [
        ("struct ", "a mapping of `key: value` lines"),
        ("enum ", "one of the allowed values"),
    ] {
        while let Some(i) = text.find(&format!("expected {rust}")) {
            let start = i + "expected ".len();
            let end = text[start + rust.len()..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .map_or(text.len(), |j| start + rust.len() + j);
            text.replace_range(start..end, yaml);
        }
    }
    for (rust, yaml) in [
        ("expected i64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected u16", "expected a whole number, 0 or more"),
        ("expected u8", "expected a whole number, 0 or more"),
        ("expected usize", "expected a whole number, 0 or more"),
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected a mapping of `key: value` lines"),
        ("invalid type: sequence", "found a list"),
        ("invalid type: map", "found a mapping"),
        ("invalid type: unit value", "found nothing"),
        ("invalid type: string", "found the text"),
        ("invalid type: integer", "found the number"),
        ("invalid type: floating point", "found the number"),
        ("invalid type: boolean", "found"),
    ] {
        text = text.replace(rust, yaml);
    }
    text
}

/// serde_yaml points a duplicate key at the start of its mapping; this
/// finds the second `key:` at that mapping's indentation instead.
fn duplicate_position(
    text: &str,
    message: &str,
    line: usize,
    column: usize,
) -> Option<(usize, usize)> {
    let key = message
        .strip_prefix("duplicate field `")
        .or_else(|| message.strip_prefix("duplicate entry with key \""))?;
    let key = key.split(['`', '"']).next()?;
    let indent = column.saturating_sub(1);
    let mut seen = 0;
    for (i, l) in text.split('\n').enumerate().skip(line.saturating_sub(1)) {
        let body = l.get(indent..).unwrap_or_default();
        let body = body.strip_prefix("- ").unwrap_or(body);
        let leading = l.len() - l.trim_start().len();
        if i + 1 > line && leading < indent && !l.trim().is_empty() {
            break; // the mapping ended
        }
        let named = body
            .strip_prefix(key)
            .or_else(|| body.strip_prefix(&format!("\"{key}\"")))
            .or_else(|| body.strip_prefix(&format!("'{key}'")));
        if named.is_some_and(|rest| rest.trim_start().starts_with(':')) {
            seen += 1;
            if seen == 2 {
                return Some((i + 1, indent + 1));
            }
        }
    }
    None
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
        None => format!("the allowed {kind}s are: {}", allowed.join(", ")),
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
        assert!(
            d.message.contains("expected a whole number"),
            "{}",
            d.message
        );
        assert_eq!(d.line, Some(1));
    }

    /// Issue 17 item 10: messages in YAML words, at the right place, once.
    #[test]
    fn duplicate_keys_point_at_the_duplicate() {
        let source = YamlSource {
            path: "content/a.md",
            text: "title: A\nweight: 1\ntitle: B\n",
            first_line: 2,
        };
        let d = parse::<Front>(source).unwrap_err();
        assert_eq!((d.line, d.column), (Some(4), Some(1)), "{d}");
        assert!(d.message.contains("duplicate field `title`"), "{d}");
        let nested = "questions:\n  - type: a\n    type: b\n";
        let d = parse::<serde_yaml::Value>(YamlSource::file("q", nested)).unwrap_err();
        assert_eq!(d.line, Some(3), "{d}");
    }

    #[test]
    fn no_rust_type_names() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            x: u32,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            inner: Option<Vec<Inner>>,
            weight: Option<i64>,
        }
        for text in [
            "- a\n- b\n",
            "weight: -5000000000000000000000\n",
            "inner: [a]\n",
            "inner:\n  - x: -1\n",
            "inner:\n  - x: text\n",
            "weight: [1]\n",
        ] {
            let d = parse::<Outer>(YamlSource::file("x.yaml", text)).unwrap_err();
            let shown = d.to_string();
            for rust in [
                "struct", "i128", "i64", "u32", "Outer", "Inner", "sequence", "inner[0]",
            ] {
                assert!(!shown.contains(rust), "{text:?}: {shown}");
            }
        }
    }

    #[test]
    fn unknown_keys_are_listed_once() {
        let d = parse::<Front>(YamlSource::file("x", "colour: red\n")).unwrap_err();
        let shown = d.to_string();
        assert_eq!(shown.matches("weight").count(), 1, "{shown}");
        assert!(
            shown.contains("the allowed keys are: title, weight"),
            "{shown}"
        );
    }

    #[test]
    fn repetition_limit_has_a_hint() {
        let mut text = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        let mut prev = "a".to_string();
        for i in 0..8 {
            let list = vec![format!("*{prev}"); 9].join(",");
            text.push_str(&format!("k{i}: &k{i} [{list}]\n"));
            prev = format!("k{i}");
        }
        let d = parse::<serde_yaml::Value>(YamlSource::file("x", &text)).unwrap_err();
        assert!(d.message.contains("repetition limit"), "{d}");
        assert!(
            d.help.as_deref().is_some_and(|h| h.contains("aliases")),
            "{d}"
        );
    }

    #[test]
    fn values_convert_to_json() {
        let v = parse_value(YamlSource::file("data/x.yaml", "- a: 1\n- b: [x, y]\n")).unwrap();
        assert_eq!(v[1]["b"][0], "x");
    }
}
