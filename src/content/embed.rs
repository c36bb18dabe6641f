//! Obsidian's note embeds (issue 21): a line that is only `![[Note]]`
//! (or `![[Note#Heading]]`, `![[Note|shown as]]`) shows that note's text
//! in place, in a box headed by a link to it, as Obsidian shows it. Notes
//! are found by name the way links find them (`links::find_note`); an
//! embed inside an embedded note is expanded too, four deep at most and
//! never into itself. Images (`![[diagram.png]]`) are left to the
//! renderer. Lines of the page after an embed keep their numbers in
//! messages (`lines::remap_lines`).

use super::include::IncludeProblem;
use super::lines::{Fences, LineStarts};
use super::links::find_note;
use super::Site;
use crate::diagnostic::Diagnostic;

/// Deepest chain of embeds.
const MAX_DEPTH: usize = 4;

/// A note to embed: its content path and Markdown body.
pub struct Note<'a> {
    pub path: &'a str,
    pub body: &'a str,
}

/// The text with its note embeds expanded, where each source line now
/// starts, and what could not be embedded.
#[derive(Debug, Default)]
pub struct Expanded {
    pub text: String,
    pub line_starts: Vec<usize>,
    pub problems: Vec<IncludeProblem>,
}

/// Expands the embeds of `text` (the note at `path`); `find(name)` gives
/// the note a name means.
pub fn expand<'a>(text: &str, path: &str, find: &dyn Fn(&str) -> Option<Note<'a>>) -> Expanded {
    let mut out = Expanded::default();
    let mut stack = vec![path.to_string()];
    out.text = expand_at(
        text,
        find,
        &mut stack,
        &mut out.problems,
        Some(&mut out.line_starts),
    );
    out
}

fn expand_at<'a>(
    text: &str,
    find: &dyn Fn(&str) -> Option<Note<'a>>,
    stack: &mut Vec<String>,
    problems: &mut Vec<IncludeProblem>,
    line_starts: Option<&mut Vec<usize>>,
) -> String {
    let mut result = String::with_capacity(text.len());
    let mut fence = Fences::default();
    let mut starts = LineStarts::default();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        starts.mark(&result);
        let trimmed = line.trim();
        fence.line(line);
        let embed = (!fence.inside()).then(|| embed_target(trimmed)).flatten();
        let Some(target) = embed else {
            result.push_str(line);
            continue;
        };
        let Some(note) = find(target.name) else {
            // Not a note: the renderer reports a name nothing has.
            result.push_str(line);
            continue;
        };
        let column = line.len() - line.trim_start().len() + 1;
        if stack.iter().any(|p| p == note.path) || stack.len() > MAX_DEPTH {
            problems.push(IncludeProblem {
                line: n + 1,
                column,
                message: format!("![[{}]] would embed a note into itself (or goes too deep); it is shown as a link", target.name),
            });
            result.push_str(&format!("[[{}]]\n", target.link()));
            continue;
        }
        let part = match target.heading {
            Some(heading) => match section(note.body, heading) {
                Some(part) => part,
                None => {
                    problems.push(IncludeProblem {
                        line: n + 1,
                        column,
                        message: format!(
                            "![[{}]]: the note has no heading «{heading}»",
                            target.whole
                        ),
                    });
                    result.push_str(line);
                    continue;
                }
            },
            None => note.body,
        };
        stack.push(note.path.to_string());
        let inner = expand_at(part, find, stack, problems, None);
        stack.pop();
        result.push_str(&format!(
            // The link is Markdown: HTML around it would keep it as text.
            "<div class=\"note-embed\">\n\n[[{}]]\n\n{}\n\n</div>\n",
            target.link(),
            inner.trim_end()
        ));
    }
    if let Some(out) = line_starts {
        *out = starts.finish();
    }
    result
}

/// What a `![[…]]` line names.
struct Target<'t> {
    whole: &'t str,
    name: &'t str,
    heading: Option<&'t str>,
    alias: Option<&'t str>,
}

impl Target<'_> {
    /// The wiki link heading the embed.
    fn link(&self) -> String {
        let mut link = self.name.to_string();
        if let Some(h) = self.heading {
            link.push('#');
            link.push_str(h);
        }
        if let Some(a) = self.alias {
            link.push('|');
            link.push_str(a);
        }
        link
    }
}

/// `![[Note#Heading|alias]]` alone on a line, naming a note (a name with
/// another extension than `.md` is a file, embedded by the renderer).
fn embed_target(line: &str) -> Option<Target<'_>> {
    let whole = line.strip_prefix("![[")?.strip_suffix("]]")?;
    if whole.contains("]]") || whole.contains("[[") {
        return None;
    }
    let (target, alias) = whole
        .split_once('|')
        .map_or((whole, None), |(t, a)| (t, Some(a)));
    let (name, heading) = target.split_once('#').map_or((target, None), |(n, h)| {
        (n, Some(h).filter(|h| !h.is_empty()))
    });
    let file = name.rsplit('/').next().unwrap_or(name);
    let extension = file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    if name.trim().is_empty() || extension.is_some_and(|e| e != "md") {
        return None;
    }
    Some(Target {
        whole,
        name: name.trim(),
        heading: heading.map(str::trim),
        alias,
    })
}

/// The part of `body` under the heading whose text is `heading` (case
/// ignored): that heading and what follows, up to the next heading of the
/// same or a higher level.
fn section<'b>(body: &'b str, heading: &str) -> Option<&'b str> {
    let mut start: Option<(usize, usize)> = None;
    let mut offset = 0;
    let mut fence = false;
    for line in body.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
        }
        let level = t.chars().take_while(|&c| c == '#').count();
        let is_heading = !fence && (1..=6).contains(&level) && t[level..].starts_with([' ', '\t']);
        if is_heading {
            let text = t[level..].trim().trim_end_matches('#').trim();
            match start {
                Some((from, open)) if level <= open => return Some(&body[from..offset]),
                None if text.eq_ignore_ascii_case(heading.trim()) => start = Some((offset, level)),
                _ => {}
            }
        }
        offset += line.len();
    }
    start.map(|(from, _)| &body[from..])
}

/// Expands the note embeds of every page (issue 21); problems are warnings
/// at the embed.
pub fn expand_site(site: &mut Site, problems: &mut Vec<Diagnostic>) {
    if !site.pages.iter().any(|p| p.body.contains("![[")) {
        return;
    }
    // The bodies as written: an embedded note is shown as its file says.
    let bodies: Vec<String> = site.pages.iter().map(|p| p.body.clone()).collect();
    let paths: Vec<String> = site.pages.iter().map(|p| p.content_path.clone()).collect();
    let by_path = &site.by_content_path;
    let find = |name: &str| {
        let (path, _) = find_note(name, false, paths.iter())?;
        let i = *by_path.get(&path)?;
        Some(Note {
            path: &paths[i],
            body: &bodies[i],
        })
    };
    let mut done = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        if !page.body.contains("![[") {
            continue;
        }
        let expanded = expand(&page.body, &page.content_path, &find);
        for p in &expanded.problems {
            problems.push(
                Diagnostic::warning(&page.source, p.message.clone())
                    .at(page.body_line + p.line - 1, p.column)
                    .help("an embed shows another note's text: `![[Note]]` or `![[Note#Heading]]`, alone on its line"),
            );
        }
        if expanded.text != page.body {
            done.push((i, expanded));
        }
    }
    for (i, expanded) in done {
        let page = &mut site.pages[i];
        page.line_starts = Some(match page.line_starts.take() {
            // After includes too: through both maps back to the file.
            Some(first) => first
                .iter()
                .map(|&e| expanded.line_starts.get(e - 1).copied().unwrap_or(e))
                .collect(),
            None => expanded.line_starts,
        });
        page.body = expanded.text;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str =
        "# Plan\n\nIntro.\n\n## Goals\n\nShip it.\n\n### Detail\n\nSmall.\n\n## Later\n\nMore.\n";

    fn notes(name: &str) -> Option<Note<'static>> {
        match name {
            "Plan" => Some(Note {
                path: "Projects/Plan.md",
                body: PLAN,
            }),
            "Loop" => Some(Note {
                path: "Loop.md",
                body: "Again:\n\n![[Loop]]\n",
            }),
            _ => None,
        }
    }

    #[test]
    fn a_note_or_its_section_is_shown_in_place() {
        let out = expand("Before.\n![[Plan#Goals]]\nAfter.\n", "Home.md", &notes);
        assert!(out.text.starts_with("Before.\n<div class=\"note-embed\">\n\n[[Plan#Goals]]\n\n## Goals\n\nShip it.\n\n### Detail\n\nSmall.\n\n</div>\nAfter.\n"), "{}", out.text);
        assert_eq!(out.line_starts.len(), 3);
        assert_eq!(
            crate::content::lines::source_line(&out.line_starts, out.text.lines().count()),
            3,
            "After. is line 3"
        );
        let whole = expand("![[Plan]]\n", "Home.md", &notes);
        assert!(whole.text.contains("## Later"));
    }

    #[test]
    fn images_code_missing_notes_and_loops_are_left_alone() {
        let text = "![[diagram.png]]\n```\n![[Plan]]\n```\nsee ![[Plan]] inline\n![[Nobody]]\n";
        let out = expand(text, "Home.md", &notes);
        assert_eq!(out.text, text);
        assert!(out.problems.is_empty());
        let looped = expand("![[Loop]]\n", "Home.md", &notes);
        assert_eq!(looped.problems.len(), 1, "{:?}", looped.problems);
        assert!(looped.text.contains("[[Loop]]\n"));
        let missing = expand("![[Plan#Nowhere]]\n", "Home.md", &notes);
        assert!(missing.problems[0].message.contains("no heading «Nowhere»"));
    }
}
