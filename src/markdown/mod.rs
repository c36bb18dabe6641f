//! Markdown to HTML with pulldown-cmark, plus what the rest of the pipeline
//! needs from a page's body: heading ids and table of contents, rewritten
//! links (kept for anchor checks), callouts from GitHub alerts, summary, word
//! count, plain text per heading section (for search) and the fenced `quiz`
//! blocks, left as placeholders for the quiz stage. Pure: no I/O.

pub mod checklist;
pub mod headings;
pub mod template_block;
pub mod typography;

use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;

use headings::IdAllocator;
pub use headings::TocEntry;

use crate::content::links::{LinkResolver, Resolved};
use crate::diagnostic::{Diagnostic, LineIndex};

/// What to render and where it comes from.
#[derive(Clone, Copy)]
pub struct MarkdownInput<'a> {
    /// Root-relative source path, for diagnostics.
    pub source: &'a str,
    /// Content-relative folder relative links are resolved from.
    pub dir: &'a str,
    pub text: &'a str,
    /// File line on which `text` starts.
    pub first_line: usize,
    pub links: &'a LinkResolver,
    /// Site language, for callout titles and labels.
    pub language: &'a str,
}

/// A link to another page with an anchor, checked once every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    pub page: usize,
    pub anchor: String,
    pub line: usize,
    pub column: usize,
}

/// Plain text under one heading (or before the first), for the search index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TextSection {
    /// Heading id; `None` for the text before the first heading.
    pub anchor: Option<String>,
    pub heading: String,
    pub level: u8,
    pub text: String,
}

/// A fenced `quiz` block: its YAML and the file line the YAML starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizBlock {
    pub yaml: String,
    pub first_line: usize,
}

/// A rendered page body.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The HTML; quiz blocks stand as [`quiz_placeholder`]s.
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every id defined on the page (headings, footnotes, raw HTML ids).
    pub anchors: Vec<String>,
    /// Links to other pages that name an anchor.
    pub anchor_links: Vec<AnchorLink>,
    /// Pages this page links to (for orphan detection).
    pub linked_pages: Vec<usize>,
    /// Links to the same page's anchors: (anchor, line, column).
    pub own_anchor_links: Vec<(String, usize, usize)>,
    /// The id of a leading `# Title` heading. That heading is left out of
    /// `html` because templates print the title themselves.
    pub title_anchor: Option<String>,
    /// HTML before `<!-- more -->`, if the page has the marker.
    pub summary_html: Option<String>,
    /// Plain text of the first paragraph (description fallback).
    pub first_paragraph: String,
    pub word_count: usize,
    pub sections: Vec<TextSection>,
    pub quizzes: Vec<QuizBlock>,
    /// Task-list items (checklists), in page order.
    pub tasks: Vec<checklist::TaskItem>,
    /// Links to missing pages or files (errors in `check`, warnings in `build`).
    pub link_problems: Vec<Diagnostic>,
}

/// The placeholder standing for quiz block `n` in [`Rendered::html`]. NUL
/// cannot come out of pulldown-cmark, so it cannot clash with content.
pub fn quiz_placeholder(n: usize) -> String {
    format!("\u{0}kurator-quiz:{n}\u{0}")
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders a page body. Raw HTML passes through: in a page it is the
/// author's choice.
pub fn render(input: &MarkdownInput<'_>) -> Rendered {
    render_with(input, true)
}

fn render_with(input: &MarkdownInput<'_>, raw_html: bool) -> Rendered {
    let mut state = RenderState::new(input);
    state.raw_html = raw_html;
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(input.text, options())
        .into_offset_iter()
        .collect();
    for (event, _) in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            if !state.ids.reserve(id) {
                state.duplicate_ids.push(id.to_string());
            }
            state.out.anchors.push(id.to_string());
        }
    }
    let mut out_events: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        state.handle(event, range, &mut iter, &mut out_events);
    }
    // After the pass above, so heading ids, search text and word counts
    // come from the text as written.
    if input.language.starts_with("ru") {
        typography::apply_events(&mut out_events);
    }
    state.finish(out_events)
}

/// Renders a Markdown fragment (quiz texts): same links as pages, but raw
/// HTML is shown as text, not passed through: quiz texts are short
/// formatted strings that also travel in the quiz's JSON, and issue 9 asks
/// that no quiz text can run script. Returns the HTML and any link
/// problems, positioned at `first_line`.
pub fn render_fragment(input: &MarkdownInput<'_>, inline: bool) -> Fragment {
    let rendered = render_with(input, false);
    let mut html = rendered.html;
    if inline {
        let trimmed = html.trim();
        if let Some(inner) = trimmed
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
        {
            if !inner.contains("<p>") {
                html = inner.to_string();
            }
        }
    }
    Fragment {
        html,
        link_problems: rendered.link_problems,
        anchor_links: rendered.anchor_links,
        linked_pages: rendered.linked_pages,
    }
}

/// A rendered Markdown fragment (quiz texts) and what it links to.
#[derive(Debug, Default)]
pub struct Fragment {
    pub html: String,
    pub link_problems: Vec<Diagnostic>,
    pub anchor_links: Vec<AnchorLink>,
    pub linked_pages: Vec<usize>,
}

struct RenderState<'i> {
    input: &'i MarkdownInput<'i>,
    lines: LineIndex<'i>,
    ids: IdAllocator,
    duplicate_ids: Vec<String>,
    out: Rendered,
    current: TextSection,
    summary_cut: Option<usize>,
    in_heading: Option<HeadingCapture>,
    paragraph_depth: usize,
    first_paragraph_done: bool,
    in_first_paragraph: bool,
    /// Pass raw HTML through (pages) or escape it as text (quiz texts).
    raw_html: bool,
    tasks: checklist::TaskTracker,
}

struct HeadingCapture {
    id: Option<String>,
    classes: Vec<String>,
    text: String,
    start: usize,
}

impl<'i> RenderState<'i> {
    fn new(input: &'i MarkdownInput<'i>) -> Self {
        RenderState {
            input,
            lines: LineIndex::new(input.text),
            ids: IdAllocator::default(),
            duplicate_ids: Vec::new(),
            out: Rendered::default(),
            current: TextSection::default(),
            summary_cut: None,
            in_heading: None,
            paragraph_depth: 0,
            first_paragraph_done: false,
            in_first_paragraph: false,
            raw_html: true,
            tasks: checklist::TaskTracker::default(),
        }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = self.lines.position(offset);
        (line + self.input.first_line - 1, column)
    }

    fn push_text(&mut self, text: &str) {
        self.out.word_count += count_words(text);
        self.tasks.text(text);
        if let Some(h) = &mut self.in_heading {
            h.text.push_str(text);
            return;
        }
        if self.in_first_paragraph {
            self.out.first_paragraph.push_str(text);
        }
        self.current.text.push_str(text);
    }

    fn handle<'a>(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        rest: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
        out: &mut Vec<Event<'a>>,
    ) {
        match event {
            Event::Start(Tag::Heading { id, classes, .. }) => {
                self.in_heading = Some(HeadingCapture {
                    id: id.map(|i| i.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    text: String::new(),
                    start: out.len(),
                });
                out.push(Event::Html(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(h) = self.in_heading.take() {
                    self.close_heading(h, level, out);
                }
            }
            Event::Start(Tag::Paragraph) => {
                self.paragraph_depth += 1;
                if !self.first_paragraph_done && self.in_heading.is_none() {
                    self.in_first_paragraph = true;
                }
                out.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                self.paragraph_depth = self.paragraph_depth.saturating_sub(1);
                if self.in_first_paragraph {
                    self.in_first_paragraph = false;
                    self.first_paragraph_done = true;
                }
                self.current.text.push('\n');
                out.push(Event::End(TagEnd::Paragraph));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = self.rewrite(&dest_url, range.start, false);
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.map_or(dest_url, CowStr::from),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = self.rewrite(&dest_url, range.start, true);
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest.map_or(dest_url, CowStr::from),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if is_quiz(&lang) => {
                let (line, _) = self.position(range.start);
                let mut yaml = String::new();
                for (event, _) in rest.by_ref() {
                    match event {
                        Event::Text(t) => yaml.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let n = self.out.quizzes.len();
                self.out.quizzes.push(QuizBlock {
                    yaml,
                    first_line: line + 1,
                });
                out.push(Event::Html(CowStr::from(quiz_placeholder(n))));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))
                if template_block::is_template(&lang) =>
            {
                let block = template_block::TemplateBlock::parse(&lang, self.input.language);
                let mut text = String::new();
                for (event, _) in rest.by_ref() {
                    match event {
                        Event::Text(t) => text.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                if let Some(block) = block {
                    self.push_text(&block.title);
                    self.current.text.push('\n');
                    self.push_text(&text);
                    self.current.text.push('\n');
                    let html = block.render(&text, self.input.language);
                    out.push(Event::Html(CowStr::from(html)));
                }
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = callout(kind, self.input.language);
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n"
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                out.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Start(Tag::Table(align)) => {
                out.push(Event::Html(CowStr::Borrowed(
                    "<div class=\"table-wrap\" tabindex=\"0\">",
                )));
                out.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.out.anchors.push(label.to_string());
                out.push(Event::Start(Tag::FootnoteDefinition(label)));
            }
            Event::Text(text) => {
                self.push_text(&text);
                out.push(Event::Text(text));
            }
            Event::Code(code) => {
                self.push_text(&code);
                out.push(Event::Code(code));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.push_text(" ");
                out.push(event);
            }
            Event::Html(html) | Event::InlineHtml(html) if !self.raw_html => {
                self.push_text(&html);
                out.push(Event::Text(html));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.contains("<!-- more -->") && self.summary_cut.is_none() {
                    self.summary_cut = Some(out.len());
                }
                collect_html_ids(&html, &mut self.out.anchors);
                out.push(Event::Html(html));
            }
            // A cell ends a word: without this the search text would run
            // «менеджера40–45» together.
            Event::End(TagEnd::TableCell) => {
                self.current.text.push(' ');
                out.push(event);
            }
            Event::Start(Tag::Item) => {
                self.tasks.start_item();
                out.push(event);
            }
            Event::TaskListMarker(checked) => {
                self.tasks.marker(out.len(), checked);
                out.push(Event::InlineHtml(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Item) => {
                let page = self.input.source.strip_prefix("content/");
                if let Some((at, html)) = self.tasks.end_item(page.unwrap_or(self.input.source)) {
                    out[at] = Event::InlineHtml(CowStr::from(html));
                }
                self.current.text.push('\n');
                out.push(event);
            }
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::TableRow) => {
                self.current.text.push('\n');
                out.push(event);
            }
            other => out.push(other),
        }
    }

    fn close_heading<'a>(
        &mut self,
        h: HeadingCapture,
        level: HeadingLevel,
        out: &mut Vec<Event<'a>>,
    ) {
        let text = h.text.trim().to_string();
        let id = match h.id {
            Some(id) => id,
            None => {
                let id = self.ids.allocate(&text);
                self.out.anchors.push(id.clone());
                id
            }
        };
        let n = level as u8;
        if n == 1 && h.start == 0 && self.out.title_anchor.is_none() {
            out.truncate(h.start);
            // A `<!-- more -->` inside the title went with it (found by
            // fuzzing, issue 9: the cut pointed past the end and panicked).
            if self.summary_cut.is_some_and(|cut| cut > h.start) {
                self.summary_cut = Some(h.start);
            }
            self.out.title_anchor = Some(id.clone());
            self.current.anchor = Some(id);
            self.current.heading = text;
            self.current.level = 1;
            return;
        }
        let class = if h.classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", escape_attr(&h.classes.join(" ")))
        };
        out[h.start] = Event::Html(CowStr::from(format!(
            "<h{n} id=\"{}\"{class}>",
            escape_attr(&id)
        )));
        let label = if self.input.language.starts_with("ru") {
            "Ссылка на этот раздел"
        } else {
            "Link to this section"
        };
        out.push(Event::Html(CowStr::from(format!(
            " <a class=\"heading-anchor\" href=\"#{}\" aria-label=\"{label}\">#</a></h{n}>\n",
            escape_attr(&id)
        ))));
        if n > 1 {
            self.out.toc.push(TocEntry {
                level: n,
                id: id.clone(),
                title: text.clone(),
            });
        }
        let finished = std::mem::replace(
            &mut self.current,
            TextSection {
                anchor: Some(id),
                heading: text,
                level: n,
                text: String::new(),
            },
        );
        if finished.anchor.is_some() || !finished.text.trim().is_empty() {
            self.out.sections.push(finished);
        }
    }

    /// Rewrites a link target; records anchors to check and problems.
    fn rewrite(&mut self, dest: &str, offset: usize, is_image: bool) -> Option<String> {
        let (line, column) = self.position(offset);
        match self.input.links.resolve(self.input.dir, dest) {
            Resolved::Page { page, anchor, href } => {
                if is_image {
                    self.problem(
                        line,
                        column,
                        format!("image `{dest}` points at a page, not a file"),
                        "link to an image file",
                    );
                }
                self.out.linked_pages.push(page);
                if let Some(anchor) = anchor {
                    self.out.anchor_links.push(AnchorLink {
                        page,
                        anchor,
                        line,
                        column,
                    });
                }
                Some(href)
            }
            Resolved::Asset { href } => Some(href),
            Resolved::SamePage { anchor } => {
                if !anchor.is_empty() {
                    self.out.own_anchor_links.push((anchor, line, column));
                }
                None
            }
            Resolved::Unchanged => None,
            Resolved::Unsafe => {
                self.problem(
                    line,
                    column,
                    format!("link `{dest}` would run script; it was replaced by `#`"),
                    "link to a page or an https: address",
                );
                Some("#".to_string())
            }
            Resolved::Missing { target } => {
                let (what, help) = if is_image {
                    (
                        "image",
                        "check the file name; paths are relative to this page's folder",
                    )
                } else if target.contains(".md") {
                    ("page", "check the path: links are relative to this file's folder, e.g. ../kpi/_index.md")
                } else {
                    (
                        "file",
                        "check the path: links are relative to this file's folder",
                    )
                };
                self.problem(
                    line,
                    column,
                    format!("link to a missing {what}: `{target}`"),
                    help,
                );
                None
            }
        }
    }

    fn problem(&mut self, line: usize, column: usize, message: String, help: &str) {
        self.out.link_problems.push(
            Diagnostic::error(self.input.source, message)
                .at(line, column)
                .help(help),
        );
    }

    fn finish<'a>(mut self, events: Vec<Event<'a>>) -> Rendered {
        let last = std::mem::take(&mut self.current);
        if last.anchor.is_some() || !last.text.trim().is_empty() {
            self.out.sections.push(last);
        }
        for id in self.duplicate_ids.drain(..) {
            self.out.link_problems.push(
                Diagnostic::error(
                    self.input.source,
                    format!("two headings have the id `{id}`"),
                )
                .at_line(self.input.first_line)
                .help("give each `{#id}` a different name"),
            );
        }
        let mut html = String::with_capacity(self.input.text.len() * 3 / 2);
        match self.summary_cut {
            Some(cut) => {
                let mut events = events;
                let rest = events.split_off(cut.min(events.len()));
                pulldown_cmark::html::push_html(&mut html, events.into_iter());
                self.out.summary_html = Some(html.clone());
                pulldown_cmark::html::push_html(&mut html, rest.into_iter());
            }
            None => pulldown_cmark::html::push_html(&mut html, events.into_iter()),
        }
        self.out.first_paragraph = self
            .out
            .first_paragraph
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.out.html = html;
        self.out.tasks = std::mem::take(&mut self.tasks.items);
        self.out
    }
}

/// Counts words by whitespace, byte by byte (this runs over every text of
/// every page): ASCII whitespace and no-break spaces separate words.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let space = b.is_ascii_whitespace() || (b == 0xC2 && bytes.get(i + 1) == Some(&0xA0));
        if space {
            in_word = false;
            i += if b == 0xC2 { 2 } else { 1 };
            continue;
        }
        if !in_word {
            words += 1;
            in_word = true;
        }
        i += 1;
    }
    words
}

fn is_quiz(lang: &str) -> bool {
    lang.split(|c: char| c.is_whitespace() || c == ',').next() == Some("quiz")
}

fn callout(kind: BlockQuoteKind, language: &str) -> (&'static str, &'static str) {
    let ru = language.starts_with("ru");
    match kind {
        BlockQuoteKind::Note => ("note", if ru { "Заметка" } else { "Note" }),
        BlockQuoteKind::Tip => ("tip", if ru { "Совет" } else { "Tip" }),
        BlockQuoteKind::Important => ("important", if ru { "Важно" } else { "Important" }),
        BlockQuoteKind::Warning => ("warning", if ru { "Внимание" } else { "Warning" }),
        BlockQuoteKind::Caution => ("caution", if ru { "Осторожно" } else { "Caution" }),
    }
}

/// Ids given in raw HTML (`<a id="x">`) are anchors too.
fn collect_html_ids(html: &str, anchors: &mut Vec<String>) {
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            anchors.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
}

/// Escapes text for an HTML attribute value or text node.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Reading time in minutes at 200 words a minute, at least one.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(200).max(1)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod count_tests {
    #[test]
    fn counts_words_like_split_whitespace() {
        for text in [
            "",
            "  ",
            "один",
            "два  слова",
            " a\tb\nc ",
            "no\u{a0}break",
            "ёж—ёлка",
        ] {
            assert_eq!(
                super::count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }
}
