//! Finding the line of a key or list item in a quiz's YAML text, so a
//! problem found after parsing (two correct options, a gap between bands)
//! still points at the right line of the Markdown file.
//!
//! serde keeps no positions, so this reads the block-style YAML authors
//! write by indentation: good enough to point at a line, never used to read
//! values. When a step cannot be found (flow style `[a, b]`, odd layout) the
//! deepest step found is returned.

/// One step of a path into the YAML: a mapping key or the n-th list item
/// (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Item(usize),
}

/// A line of the block being searched: 0-based line number, indentation
/// and the text after it (for a list item's first line, the text after
/// `- `, with the indentation moved past the dash).
#[derive(Debug, Clone, Copy)]
struct Line<'t> {
    number: usize,
    indent: usize,
    text: &'t str,
}

/// 0-based line (within `yaml`) of the deepest step of `path` found; 0 if
/// not even the first step is there.
pub fn line_of(yaml: &str, path: &[Step<'_>]) -> usize {
    let mut block: Vec<Line<'_>> = yaml
        .lines()
        .enumerate()
        .filter_map(|(number, raw)| {
            let text = raw.trim_start();
            (!text.is_empty() && !text.starts_with('#')).then(|| Line {
                number,
                indent: raw.len() - text.len(),
                text: text.trim_end(),
            })
        })
        .collect();
    let mut found = 0;
    for step in path {
        let next = match step {
            Step::Key(key) => key_block(&block, key),
            Step::Item(n) => item_block(&block, *n),
        };
        match next {
            Some((line, inner)) => {
                found = line;
                block = inner;
            }
            None => break,
        }
    }
    found
}

/// Whether `text` (a line without indentation) starts the mapping key `key`.
fn is_key(text: &str, key: &str) -> bool {
    let unquoted = [key.to_string(), format!("\"{key}\""), format!("'{key}'")];
    unquoted.iter().any(|k| {
        text.strip_prefix(k.as_str()).is_some_and(|rest| {
            rest.starts_with(':') && (rest.len() == 1 || rest[1..].starts_with([' ', '\t']))
        })
    })
}

/// The key's line and the lines of its value. A list may sit at the key's
/// own indentation (`questions:\n- type: …`), so `- ` lines at that
/// indentation belong to the value too.
fn key_block<'t>(block: &[Line<'t>], key: &str) -> Option<(usize, Vec<Line<'t>>)> {
    let base = block.first()?.indent;
    let at = block
        .iter()
        .position(|l| l.indent == base && is_key(l.text, key))?;
    let value = block[at + 1..]
        .iter()
        .take_while(|l| l.indent > base || (l.indent == base && is_item(l.text)))
        .copied()
        .collect();
    Some((block[at].number, value))
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// The n-th item's line and its lines, the first one seen past its dash.
fn item_block<'t>(block: &[Line<'t>], n: usize) -> Option<(usize, Vec<Line<'t>>)> {
    let base = block.first()?.indent;
    let starts: Vec<usize> = block
        .iter()
        .enumerate()
        .filter(|(_, l)| l.indent == base && is_item(l.text))
        .map(|(i, _)| i)
        .collect();
    let at = *starts.get(n)?;
    let first = block[at];
    let after_dash = first.text[1..].trim_start();
    let mut lines = Vec::new();
    if !after_dash.is_empty() {
        lines.push(Line {
            number: first.number,
            indent: base + (first.text.len() - after_dash.len()),
            text: after_dash,
        });
    }
    lines.extend(
        block[at + 1..]
            .iter()
            .take_while(|l| l.indent > base)
            .copied(),
    );
    Some((first.number, lines))
}

#[cfg(test)]
mod tests {
    use super::Step::{Item, Key};
    use super::*;

    const YAML: &str = "\
id: demo
# a comment
questions:
  - type: single
    prompt: One
    options:
      - text: A
        correct: true
      - { text: B }
  - type: order   # second
    steps: [a, b]
bands:
- from: 0
  to: 49
-
  from: 50
  to: 100
trait_bands:
  stress:
    - { from: 0, to: 100, text: x }
";

    #[test]
    fn finds_keys_and_items() {
        assert_eq!(line_of(YAML, &[Key("id")]), 0);
        assert_eq!(line_of(YAML, &[Key("questions")]), 2);
        assert_eq!(line_of(YAML, &[Key("questions"), Item(0)]), 3);
        assert_eq!(line_of(YAML, &[Key("questions"), Item(1)]), 9);
        assert_eq!(
            line_of(YAML, &[Key("questions"), Item(0), Key("prompt")]),
            4
        );
        assert_eq!(line_of(YAML, &[Key("questions"), Item(0), Key("type")]), 3);
        assert_eq!(
            line_of(YAML, &[Key("questions"), Item(0), Key("options"), Item(1)]),
            8
        );
    }

    #[test]
    fn lists_at_the_key_indentation_and_bare_dashes() {
        assert_eq!(line_of(YAML, &[Key("bands"), Item(0)]), 12);
        assert_eq!(line_of(YAML, &[Key("bands"), Item(1)]), 14);
        assert_eq!(line_of(YAML, &[Key("bands"), Item(1), Key("to")]), 16);
        assert_eq!(
            line_of(YAML, &[Key("trait_bands"), Key("stress"), Item(0)]),
            19
        );
    }

    #[test]
    fn falls_back_to_the_deepest_step_found() {
        // Flow-style list: the item is not on its own line.
        assert_eq!(
            line_of(YAML, &[Key("questions"), Item(1), Key("steps"), Item(1)]),
            10
        );
        assert_eq!(line_of(YAML, &[Key("questions"), Item(7)]), 2);
        assert_eq!(line_of(YAML, &[Key("nope")]), 0);
        assert_eq!(line_of("", &[Key("id")]), 0);
    }

    #[test]
    fn keys_must_be_whole_words() {
        let yaml = "traits_x: 1\ntraits: 2\n";
        assert_eq!(line_of(yaml, &[Key("traits")]), 1);
        assert_eq!(line_of("\"id\": a\n", &[Key("id")]), 0);
    }
}
