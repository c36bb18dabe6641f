//! One piece over 500 lines: the event pass below is a single state machine
//! over pulldown-cmark events, and its arms share that state.
//!
//! Markdown to HTML with pulldown-cmark, plus what the rest of the pipeline
//! needs from a page's body: heading ids and table of contents, rewritten
//! links (kept for anchor checks), callouts from GitHub alerts, summary, word
//! count, plain text per heading section (for search) and the fenced `quiz`
//! blocks, left as placeholders for the quiz stage. Pure: no I/O.

pub mod callouts;
pub mod checklist;
pub mod emphasis;
pub mod headings;
pub mod labels;
pub mod links;
pub mod template_block;
pub mod typography;

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use serde::Serialize;

pub use emphasis::Emphasis;
pub use headings::TocEntry;
use headings::{HeadingCapture, IdAllocator};
pub use labels::Labels;
pub use links::{AnchorLink, Links, OwnAnchorLink};
pub use template_block::TEMPLATE_BLOCK_CLASS;

use crate::content::links::LinkResolver;
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
    /// Site language, for typography.
    pub language: &'a str,
    /// The words written into the page (heading links, callouts, template
    /// blocks).
    pub labels: &'a Labels,
    /// The page's title is its first heading (no front matter title): that
    /// heading is lifted out whatever its level, so it is not shown twice.
    pub title_is_first_heading: bool,
    /// Glossary terms to link at their first use (issue 22), if any.
    pub terms: Option<&'a crate::glossary::Terms>,
}

/// Plain text under one heading (or before the first), for the search index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TextSection {
    /// Heading id; `None` for the text before the first heading.
    pub anchor: Option<String>,
    pub heading: String,
    /// 1–6 for a heading of the page; 0 for the text before the first
    /// heading and for an item of data the template shows
    /// (`search/site.rs`), whose title weighs as body text in search.
    pub level: u8,
    pub text: String,
}

/// A fenced `quiz` block: its YAML and the file line the YAML starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizBlock {
    pub yaml: String,
    pub first_line: usize,
    /// Written in Moodle's GIFT (```` ```quiz gift ````), not YAML.
    pub gift: bool,
}

/// A rendered page body.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The HTML; quiz blocks stand as [`quiz_placeholder`]s.
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every id defined on the page (headings, footnotes, raw HTML ids).
    pub anchors: Vec<String>,
    /// What the page links to, and its broken links.
    pub links: Links,
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
    /// Glossary terms linked on the page (their indexes in file order).
    pub terms: Vec<usize>,
    /// Phrases set in bold or «quotes» (for `kurator check`'s glossary
    /// warnings).
    pub emphasized: Vec<Emphasis>,
    /// The page has a template block (its copy script is loaded).
    pub has_template: bool,
    /// Where `html` went when the site's HTML passed the spill budget
    /// (`html` is then empty): read it with [`crate::spill::html`].
    pub spilled: Option<crate::spill::Spilled>,
    /// Where `sections` went, likewise: read them with [`crate::spill::sections`].
    pub spilled_sections: Option<crate::spill::SpilledSections>,
}

impl Rendered {
    /// Gives the lists every page keeps until pages are written exactly
    /// the memory they need: they grow by doubling while a page is
    /// rendered (see [`fit`]).
    fn shrink(&mut self) {
        fit(&mut self.toc);
        fit(&mut self.anchors);
        fit(&mut self.terms);
        let links = &mut self.links;
        fit(&mut links.anchor_links);
        fit(&mut links.linked_pages);
        fit(&mut links.mentions);
        fit(&mut links.own_anchor_links);
    }
}

/// Moves a vector's items into a buffer of exactly their number.
/// `shrink_to_fit` would not do: allocators keep a block shrunk by less
/// than half (see [`compact_sections`]).
fn fit<T>(items: &mut Vec<T>) {
    if items.capacity() > items.len() {
        let mut exact = Vec::with_capacity(items.len());
        exact.append(items);
        *items = exact;
    }
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
        // Obsidian's [[Note]] links (issue 21), resolved by note name.
        | Options::ENABLE_WIKILINKS
}

/// Renders a page body. Raw HTML passes through: in a page it is the
/// author's choice.
pub fn render(input: &MarkdownInput<'_>) -> Rendered {
    render_with(input, true)
}

fn render_with(input: &MarkdownInput<'_>, raw_html: bool) -> Rendered {
    let mut state = RenderState::new(input);
    state.raw_html = raw_html;
    let mut events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(input.text, options())
        .into_offset_iter()
        .collect();
    let plain_quote =
        |(e, _): &(Event<'_>, Range<usize>)| matches!(e, Event::Start(Tag::BlockQuote(None)));
    if raw_html && events.iter().any(plain_quote) {
        // Obsidian's `> [!type] Title` callouts (quiz texts stay plain).
        let labels = input.labels;
        events = callouts::rewrite(&events, &|kind| {
            let kind = match kind {
                "note" => BlockQuoteKind::Note,
                "tip" => BlockQuoteKind::Tip,
                "important" => BlockQuoteKind::Important,
                "warning" => BlockQuoteKind::Warning,
                "caution" => BlockQuoteKind::Caution,
                _ => return None,
            };
            Some(callout(kind, labels).1.to_string())
        });
    }
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
    // come from the text as written; on each event as it is written.
    let typography = input
        .language
        .starts_with("ru")
        .then(typography::EventPass::new);
    state.finish(out_events, typography)
}

/// Step 4: every page body of the site, in parallel, in page order. A body
/// that waits in the spill file is read back here. Each page's body is
/// emptied once rendered: nothing later reads it, and a large site should
/// not hold its text and its HTML at once. Past the budget, the HTML and
/// the text per heading go to the spill file.
pub fn render_pages(
    pages: &mut [crate::content::page::Page],
    spill: &crate::spill::Spill,
    links: &LinkResolver,
    language: &str,
    labels: &Labels,
    terms: Option<&crate::glossary::Terms>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Rendered> {
    let rendered: Vec<Result<Rendered, Diagnostic>> = pages
        .par_iter_mut()
        .map(|page| {
            let body = page.body_in()?;
            let rendered = render(&MarkdownInput {
                source: &page.source,
                dir: &page.dir,
                text: &body,
                first_line: page.body_line,
                links,
                language,
                labels,
                title_is_first_heading: page.title_from == crate::content::page::TitleFrom::Heading,
                terms: terms.filter(|_| crate::glossary::links_on(page)),
            });
            drop(body);
            if page.body_on_disk.take().is_none() {
                spill.release(page.body.len());
            }
            page.body = String::new();
            let mut rendered = rendered;
            // The first paragraph only stands in for a missing description.
            if page.front.description.is_some() {
                rendered.first_paragraph = String::new();
            }
            match spill.put_sections(&rendered.sections) {
                Some(at) => {
                    rendered.sections = Vec::new();
                    rendered.spilled_sections = Some(at);
                }
                None => compact_sections(&mut rendered.sections),
            }
            if let Some(at) = spill.put(&rendered.html) {
                rendered.html = String::new();
                rendered.spilled = Some(at);
            }
            Ok(rendered)
        })
        .collect();
    // A body the spill file did not give back is an error of its page: the
    // build stops at validation, so its empty stand-in is never written.
    rendered
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|d| {
                problems.push(d);
                Rendered::default()
            })
        })
        .collect()
}

/// Gives each section's text exactly the memory it needs. Texts grow by
/// doubling while a page is rendered, so they hold up to twice their length
/// (430 MB of slack over 657 MB of text at 50,000 pages), and shrinking in
/// place does not return it: allocators keep a block that is shrunk by less
/// than half. A fresh copy of the exact length does.
fn compact_sections(sections: &mut Vec<TextSection>) {
    for section in sections.iter_mut() {
        if section.text.capacity() > section.text.len() {
            section.text = section.text.as_str().to_owned();
        }
    }
    sections.shrink_to_fit();
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
        links: rendered.links,
    }
}

/// A rendered Markdown fragment (quiz texts) and what it links to.
#[derive(Debug, Default)]
pub struct Fragment {
    pub html: String,
    pub links: Links,
}

struct RenderState<'i> {
    input: &'i MarkdownInput<'i>,
    lines: LineIndex<'i>,
    ids: IdAllocator,
    duplicate_ids: Vec<String>,
    /// Links to pages, until the text their sentences are cut from is done.
    mentions: Vec<links::MentionAt>,
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
    /// Inside a link or a code block: no glossary term is linked there.
    link_depth: usize,
    in_code: bool,
    terms_done: std::collections::HashSet<usize>,
    /// Open list items, and whether each is a task (its label toggles the
    /// box: a term link in it would take the click).
    items: Vec<bool>,
    /// The bold span being read, and where the current text event starts.
    bold: emphasis::BoldTracker,
    at: usize,
}

impl<'i> RenderState<'i> {
    fn new(input: &'i MarkdownInput<'i>) -> Self {
        RenderState {
            input,
            lines: LineIndex::new(input.text),
            ids: IdAllocator::new(input.links.heading_ids()),
            duplicate_ids: Vec::new(),
            mentions: Vec::new(),
            out: Rendered::default(),
            current: TextSection::default(),
            summary_cut: None,
            in_heading: None,
            paragraph_depth: 0,
            first_paragraph_done: false,
            in_first_paragraph: false,
            raw_html: true,
            tasks: checklist::TaskTracker::default(),
            link_depth: 0,
            in_code: false,
            terms_done: std::collections::HashSet::new(),
            items: Vec::new(),
            bold: emphasis::BoldTracker::default(),
            at: 0,
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

    /// One event: structure opens and closes, text goes to the search
    /// text and word count, everything else passes through.
    fn handle<'a>(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        rest: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
        out: &mut Vec<Event<'a>>,
    ) {
        match event {
            Event::Start(tag) => self.start(tag, range.start, rest, out),
            Event::End(tag) => self.end(tag, out),
            Event::Text(_)
            | Event::Code(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Html(_)
            | Event::InlineHtml(_) => {
                self.at = range.start;
                self.text(event, out);
            }
            Event::TaskListMarker(checked) => {
                if let Some(task) = self.items.last_mut() {
                    *task = true;
                }
                self.tasks.marker(out.len(), checked);
                out.push(Event::InlineHtml(CowStr::Borrowed("")));
            }
            other => out.push(other),
        }
    }

    fn start<'a>(
        &mut self,
        tag: Tag<'a>,
        offset: usize,
        rest: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
        out: &mut Vec<Event<'a>>,
    ) {
        match tag {
            Tag::Heading { id, classes, .. } => {
                self.in_heading = Some(HeadingCapture {
                    id: id.map(|i| i.to_string()),
                    classes: classes.iter().map(ToString::to_string).collect(),
                    text: String::new(),
                    start: out.len(),
                });
                out.push(Event::Html(CowStr::Borrowed("")));
            }
            Tag::Paragraph => {
                self.paragraph_depth += 1;
                if !self.first_paragraph_done && self.in_heading.is_none() {
                    self.in_first_paragraph = true;
                }
                out.push(Event::Start(Tag::Paragraph));
            }
            Tag::Strong => {
                let at = self.position(offset);
                let eligible = self.set_apart_counts();
                self.bold.start(at, eligible);
                out.push(Event::Start(Tag::Strong));
            }
            Tag::Link { .. } | Tag::Image { .. } => {
                self.bold.spoil();
                self.link_depth += 1;
                out.push(Event::Start(self.link_tag(tag, offset)));
            }
            Tag::CodeBlock(CodeBlockKind::Fenced(ref lang)) if is_quiz(lang) => {
                let gift = lang.split_whitespace().nth(1) == Some("gift");
                self.quiz_block(offset, gift, rest, out);
            }
            Tag::CodeBlock(CodeBlockKind::Fenced(ref lang))
                if template_block::is_template(lang) =>
            {
                self.template_block(lang, rest, out);
            }
            Tag::CodeBlock(kind) => {
                self.in_code = true;
                out.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Tag::Item => {
                self.items.push(false);
                self.tasks.start_item();
                out.push(Event::Start(Tag::Item));
            }
            Tag::BlockQuote(Some(kind)) => {
                let (class, title) = callout(kind, self.input.labels);
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{}</p>\n",
                    crate::html::escape(title)
                ))));
            }
            Tag::Table(align) => {
                out.push(Event::Html(CowStr::Borrowed(
                    "<div class=\"table-wrap\" tabindex=\"0\">",
                )));
                out.push(Event::Start(Tag::Table(align)));
            }
            Tag::FootnoteDefinition(label) => {
                self.out.anchors.push(label.to_string());
                out.push(Event::Start(Tag::FootnoteDefinition(label)));
            }
            other => out.push(Event::Start(other)),
        }
    }

    fn end<'a>(&mut self, tag: TagEnd, out: &mut Vec<Event<'a>>) {
        match tag {
            TagEnd::Heading(level) => {
                if let Some(h) = self.in_heading.take() {
                    self.close_heading(h, level, out);
                }
                return;
            }
            TagEnd::Paragraph => {
                self.paragraph_depth = self.paragraph_depth.saturating_sub(1);
                if self.in_first_paragraph {
                    self.in_first_paragraph = false;
                    self.first_paragraph_done = true;
                }
                self.current.text.push('\n');
            }
            TagEnd::BlockQuote(Some(_)) => {
                out.push(Event::Html(CowStr::Borrowed("</div>\n")));
                return;
            }
            TagEnd::Table => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html(CowStr::Borrowed("</div>\n")));
                return;
            }
            // A cell ends a word: without this the search text would run
            // «менеджера40–45» together.
            TagEnd::TableCell => self.current.text.push(' '),
            TagEnd::Item => {
                self.items.pop();
                let page = self.input.source.strip_prefix("content/");
                if let Some((at, html)) = self.tasks.end_item(page.unwrap_or(self.input.source)) {
                    out[at] = Event::InlineHtml(CowStr::from(html));
                }
                self.current.text.push('\n');
            }
            TagEnd::CodeBlock | TagEnd::TableRow => {
                self.in_code = false;
                self.current.text.push('\n');
            }
            TagEnd::Link | TagEnd::Image => self.link_depth = self.link_depth.saturating_sub(1),
            TagEnd::Strong => self.out.emphasized.extend(self.bold.end()),
            _ => {}
        }
        out.push(Event::End(tag));
    }

    fn text<'a>(&mut self, event: Event<'a>, out: &mut Vec<Event<'a>>) {
        match event {
            Event::Text(text) => {
                self.push_text(&text);
                self.bold.text(&text);
                if text.contains('«') && self.set_apart_counts() {
                    for (offset, quoted) in emphasis::quotes(&text) {
                        let (line, column) = self.position(self.at + offset);
                        self.out.emphasized.push(Emphasis {
                            text: quoted,
                            line,
                            column,
                            quoted: true,
                        });
                    }
                }
                self.link_terms(text, out);
            }
            Event::Code(code) => {
                self.bold.spoil();
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
                links::collect_html_ids(&html, &mut self.out.anchors);
                out.push(Event::Html(html));
            }
            other => out.push(other),
        }
    }

    /// Whether a phrase set apart here could be a term (not in a heading,
    /// a link or code).
    fn set_apart_counts(&self) -> bool {
        self.in_heading.is_none() && self.link_depth == 0 && !self.in_code
    }

    /// Text, with the first use of each glossary term on the page made a
    /// link to its entry (not in headings, links or code).
    fn link_terms<'a>(&mut self, text: CowStr<'a>, out: &mut Vec<Event<'a>>) {
        let terms = self.input.terms.filter(|t| !t.is_empty());
        let eligible = self.in_heading.is_none()
            && self.link_depth == 0
            && !self.in_code
            && !self.items.contains(&true);
        let Some(terms) = terms.filter(|_| eligible) else {
            out.push(Event::Text(text));
            return;
        };
        let mut rest: &str = &text;
        let mut pieces: Vec<Event<'a>> = Vec::new();
        while let Some(found) = terms.first(rest, &self.terms_done) {
            self.terms_done.insert(found.term);
            self.out.terms.push(found.term);
            if found.start > 0 {
                pieces.push(Event::Text(CowStr::from(rest[..found.start].to_string())));
            }
            pieces.push(Event::InlineHtml(CowStr::from(format!(
                "<a class=\"term\" href=\"{}\">",
                crate::html::escape(found.href)
            ))));
            pieces.push(Event::Text(CowStr::from(
                rest[found.start..found.end].to_string(),
            )));
            pieces.push(Event::InlineHtml(CowStr::Borrowed("</a>")));
            rest = &rest[found.end..];
        }
        if pieces.is_empty() {
            out.push(Event::Text(text));
            return;
        }
        if !rest.is_empty() {
            pieces.push(Event::Text(CowStr::from(rest.to_string())));
        }
        out.extend(pieces);
    }

    /// A fenced `quiz` block: its YAML is kept for the quiz stage and a
    /// placeholder stands in the HTML.
    fn quiz_block<'a>(
        &mut self,
        offset: usize,
        gift: bool,
        rest: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
        out: &mut Vec<Event<'a>>,
    ) {
        let (line, _) = self.position(offset);
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
            gift,
        });
        out.push(Event::Html(CowStr::from(quiz_placeholder(n))));
    }

    /// A fenced `template <title>` block: a titled ready text (issue 18);
    /// its title and text go to the search text.
    fn template_block<'a>(
        &mut self,
        lang: &str,
        rest: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
        out: &mut Vec<Event<'a>>,
    ) {
        let block = template_block::TemplateBlock::parse(lang, self.input.labels);
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
            let html = block.render(&text, self.input.language, self.input.labels);
            out.push(Event::Html(CowStr::from(html)));
        }
    }

    fn finish<'a>(
        mut self,
        events: Vec<Event<'a>>,
        mut typography: Option<typography::EventPass>,
    ) -> Rendered {
        let last = std::mem::take(&mut self.current);
        if last.anchor.is_some() || !last.text.trim().is_empty() {
            self.out.sections.push(last);
        }
        self.out.links.mentions = links::mentions(&self.mentions, &self.out.sections);
        for id in self.duplicate_ids.drain(..) {
            self.out.links.problems.push(
                Diagnostic::error(
                    self.input.source,
                    format!("two headings have the id `{id}`"),
                )
                .at_line(self.input.first_line)
                .help("give each `{#id}` a different name"),
            );
        }
        // Prose grows by a few per cent as HTML; lists, tables and links
        // by more, which the string's growth covers.
        let mut html = String::with_capacity(self.input.text.len() * 5 / 4);
        let mut typeset = |event: Event<'a>| match &mut typography {
            Some(pass) => pass.event(event),
            None => event,
        };
        match self.summary_cut {
            Some(cut) => {
                let mut events = events;
                let rest = events.split_off(cut.min(events.len()));
                pulldown_cmark::html::push_html(&mut html, events.into_iter().map(&mut typeset));
                self.out.summary_html = Some(html.clone());
                pulldown_cmark::html::push_html(&mut html, rest.into_iter().map(&mut typeset));
            }
            None => pulldown_cmark::html::push_html(&mut html, events.into_iter().map(typeset)),
        }
        self.out.first_paragraph = self
            .out
            .first_paragraph
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.out.has_template = html.contains(TEMPLATE_BLOCK_CLASS);
        self.out.html = html;
        self.out.tasks = std::mem::take(&mut self.tasks.items);
        self.out.shrink();
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

fn callout(kind: BlockQuoteKind, labels: &Labels) -> (&'static str, &str) {
    let (class, i) = match kind {
        BlockQuoteKind::Note => ("note", 0),
        BlockQuoteKind::Tip => ("tip", 1),
        BlockQuoteKind::Important => ("important", 2),
        BlockQuoteKind::Warning => ("warning", 3),
        BlockQuoteKind::Caution => ("caution", 4),
    };
    (class, &labels.callouts[i])
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
