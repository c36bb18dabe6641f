//! Obsidian's callouts (issue 21): `> [!type] Title`, folded with `-`
//! (`> [!tip]- Title`) or unfolded with `+`. GitHub's alerts (`> [!NOTE]`
//! alone on its line) are read by pulldown-cmark itself; this pass takes
//! the blockquotes it leaves plain whose first line is such a marker, and
//! turns them into the same callout boxes (a folding one is a `<details>`,
//! which works without JavaScript). Pure: events in, events out.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Obsidian's callout types and their aliases, by the box they look like
/// (the theme styles five: note, tip, important, warning, caution).
fn class_of(kind: &str) -> &'static str {
    match kind {
        "tip" | "hint" | "success" | "check" | "done" => "tip",
        "important" => "important",
        "warning" | "attention" | "bug" => "warning",
        "caution" | "danger" | "error" | "failure" | "fail" | "missing" => "caution",
        // note, info, todo, abstract, summary, tldr, question, help, faq,
        // example, quote, cite, and any type Obsidian does not know.
        _ => "note",
    }
}

/// A callout's first line: `[!type]`, the fold sign, the title.
#[derive(Debug, PartialEq, Eq)]
struct Marker {
    kind: String,
    fold: Option<char>,
    title: String,
}

fn marker(line: &str) -> Option<Marker> {
    let rest = line.strip_prefix("[!")?;
    let end = rest.find(']')?;
    let kind = rest[..end].trim().to_lowercase();
    if kind.is_empty()
        || !kind
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return None;
    }
    let mut after = &rest[end + 1..];
    let fold = after.chars().next().filter(|c| matches!(c, '-' | '+'));
    if fold.is_some() {
        after = &after[1..];
    }
    Some(Marker {
        kind,
        fold,
        // Trailing space stays: inline Markdown may follow in the title.
        title: after.trim_start().to_string(),
    })
}

/// The title a callout without one gets: the type, as Obsidian shows it
/// (`default_title` names GitHub's five in the site's language).
fn title_for(m: &Marker, default_title: &dyn Fn(&str) -> Option<String>) -> String {
    if !m.title.trim().is_empty() {
        return m.title.trim().to_string();
    }
    if let Some(t) = default_title(&m.kind) {
        return t;
    }
    let mut chars = m.kind.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Rewrites plain blockquotes that open with a callout marker.
pub fn rewrite<'a>(
    events: &[(Event<'a>, Range<usize>)],
    default_title: &dyn Fn(&str) -> Option<String>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut out = Vec::with_capacity(events.len());
    // For each open plain blockquote: its closing HTML, if it became a callout.
    let mut open: Vec<Option<&'static str>> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::BlockQuote(None)) => {
                match callout_at(events, i) {
                    Some(found) => {
                        let m = &found.marker;
                        let class = class_of(&m.kind);
                        let range = events[i].1.clone();
                        let (open_html, title_end, close) = match m.fold {
                            Some(sign) => (
                                format!(
                                    "<details class=\"callout callout-{class}\"{}><summary class=\"callout-title\">",
                                    if sign == '+' { " open" } else { "" }
                                ),
                                "</summary>\n",
                                "</details>\n",
                            ),
                            None => (
                                format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">"),
                                "</p>\n",
                                "</div>\n",
                            ),
                        };
                        out.push((Event::Html(CowStr::from(open_html)), range.clone()));
                        if found.title.is_empty() {
                            let title = title_for(m, default_title);
                            out.push((Event::Text(CowStr::from(title)), range.clone()));
                        } else {
                            out.extend(found.title);
                        }
                        out.push((Event::Html(CowStr::Borrowed(title_end)), range));
                        open.push(Some(close));
                        if found.paragraph_continues {
                            // The paragraph goes on after the marker line.
                            out.push(events[i + 1].clone());
                        }
                        i = found.resume;
                        continue;
                    }
                    None => open.push(None),
                }
            }
            Event::End(TagEnd::BlockQuote(None)) => {
                if let Some(Some(close)) = open.pop() {
                    out.push((Event::Html(CowStr::Borrowed(close)), events[i].1.clone()));
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        out.push(events[i].clone());
        i += 1;
    }
    out
}

struct Found<'a> {
    marker: Marker,
    /// The rest of the marker line, inline Markdown: the title.
    title: Vec<(Event<'a>, Range<usize>)>,
    /// Whether text follows the marker line in the same paragraph.
    paragraph_continues: bool,
    /// The first event after what the marker line used.
    resume: usize,
}

/// A callout marker on the first line of the blockquote opening at `at`:
/// leading text `[!type]±`, then the title up to the line's end.
fn callout_at<'a>(events: &[(Event<'a>, Range<usize>)], at: usize) -> Option<Found<'a>> {
    if !matches!(events.get(at + 1)?.0, Event::Start(Tag::Paragraph)) {
        return None;
    }
    let mut lead = String::new();
    let mut j = at + 2;
    while let Some((Event::Text(t), _)) = events.get(j) {
        lead.push_str(t);
        j += 1;
    }
    let marker = marker(&lead)?;
    let mut title = Vec::new();
    if !marker.title.trim().is_empty() {
        title.push((
            Event::Text(CowStr::from(marker.title.clone())),
            events[at].1.clone(),
        ));
    }
    // Inline events of the title, up to the end of the marker's line.
    while let Some((event, range)) = events.get(j) {
        match event {
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => break,
            _ => title.push((event.clone(), range.clone())),
        }
        j += 1;
    }
    let paragraph_continues = !matches!(events.get(j)?.0, Event::End(TagEnd::Paragraph));
    Some(Found {
        marker,
        title,
        paragraph_continues,
        resume: j + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{html, Options, Parser};

    fn render(md: &str) -> String {
        let events: Vec<_> = Parser::new_ext(md, Options::all())
            .into_offset_iter()
            .collect();
        let events = rewrite(&events, &|k| (k == "note").then(|| "Заметка".to_string()));
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
        out
    }

    #[test]
    fn markers_are_read_as_obsidian_writes_them() {
        assert_eq!(
            marker("[!tip]- Folded <b>"),
            Some(Marker {
                kind: "tip".into(),
                fold: Some('-'),
                title: "Folded <b>".into()
            })
        );
        assert_eq!(marker("[!INFO]").map(|m| m.kind), Some("info".into()));
        assert_eq!(marker("[link] text"), None);
        assert_eq!(marker("[!not a type] x"), None);
    }

    #[test]
    fn callouts_with_titles_folds_and_plain_quotes() {
        let html = render("> [!tip] Ask *early* & often\n> Body *text*.\n");
        assert!(html.starts_with("<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Ask <em>early</em> &amp; often</p>\n<p>Body <em>text</em>.</p>\n</div>"), "{html}");
        let folded = render("> [!faq]- Why?\n>\n> Because.\n");
        assert!(folded.starts_with("<details class=\"callout callout-note\"><summary class=\"callout-title\">Why?</summary>\n<p>Because.</p>\n</details>"), "{folded}");
        assert!(render("> [!danger]+\n> x\n").contains("<details class=\"callout callout-caution\" open><summary class=\"callout-title\">Danger</summary>"));
        assert!(render("> [!info]\n> x\n").contains("callout-title\">Info<"));
        let plain = render("> quoted [link](a.md)\n\n> > [!bug] Nested\n> > x\n");
        assert!(plain.starts_with("<blockquote>\n<p>quoted"), "{plain}");
        assert!(plain.contains("<blockquote>\n<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Nested</p>"), "{plain}");
        assert!(
            plain.trim_end().ends_with("</div>\n</blockquote>"),
            "{plain}"
        );
    }
}
