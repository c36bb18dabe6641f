//! The Markdown texts of one quiz (prompts, options, feedback, band texts,
//! «read next» links), rendered with the page's link rules: every link is
//! rewritten and recorded, and each problem is placed at its line in the
//! page, looked up only when there is one.

use super::labels::Labels;
use super::locate::{line_of, Step, Step::Key};
use super::schema::ReadLink;
use super::QuizContext;
use crate::content::links::Resolved;
use crate::diagnostic::Diagnostic;
use crate::html::escape;
use crate::markdown::{render_fragment, AnchorLink, Links, MarkdownInput};

/// The rendered quiz and what was found on the way.
#[derive(Debug, Default)]
pub struct Output {
    pub html: String,
    /// The title shown (the quiz's, or a default label).
    pub title: String,
    /// Authoring problems only visible once rendered (block Markdown where a
    /// line of text is expected, headings in texts).
    pub errors: Vec<Diagnostic>,
    /// What the quiz's texts and «read next» links point at.
    pub links: Links,
}

/// Renders Markdown texts of one quiz, collecting links and problems.
pub(super) struct Texts<'a> {
    pub(super) cx: &'a QuizContext<'a>,
    pub(super) yaml: &'a str,
    pub(super) first_line: usize,
    pub(super) out: Output,
}

impl Texts<'_> {
    /// File line of the value at `path` (the line after the key for `|` and
    /// `>` block scalars).
    pub(super) fn line(&self, path: &[Step<'_>]) -> usize {
        let line = line_of(self.yaml, path);
        let block_scalar = self.yaml.lines().nth(line).is_some_and(|l| {
            let value = l.split_once(": ").map_or("", |(_, v)| v).trim();
            value.starts_with('|') || value.starts_with('>')
        });
        self.first_line + line + usize::from(block_scalar)
    }

    fn markdown(&mut self, text: &str, path: &[Step<'_>], inline: bool) -> String {
        // Rendered as if it started on line 1; the real line is looked up
        // only when something needs it. `line_of` reads the whole block, so
        // looking it up for every text made a quiz with thousands of options
        // take minutes (issue 9).
        let input = MarkdownInput {
            source: self.cx.source,
            dir: self.cx.dir,
            text,
            first_line: 1,
            links: self.cx.links,
            language: self.cx.language,
            labels: self.cx.labels,
            title_is_first_heading: false,
            terms: None,
        };
        let mut fragment = render_fragment(&input, inline);
        let html = fragment.html.trim().to_string();
        let heading = has_heading(&html);
        let not_inline = inline && has_block(&html);
        // Links to the quiz's own page's anchors are not checked (they
        // never were; see docs/architecture.md, "left to do").
        fragment.links.own_anchor_links.clear();
        if fragment.links.problems.is_empty()
            && fragment.links.anchor_links.is_empty()
            && !heading
            && !not_inline
        {
            self.out.links.append(&mut fragment.links);
            return html;
        }
        let line = self.line(path);
        for d in &mut fragment.links.problems {
            d.line = d.line.map(|l| l + line - 1);
        }
        for link in &mut fragment.links.anchor_links {
            link.line += line - 1;
        }
        self.out.links.append(&mut fragment.links);
        if heading {
            self.error(
                line,
                "quiz texts cannot have headings",
                "use **bold** text instead: headings would break the page's outline",
            );
        } else if not_inline {
            self.error(
                line,
                "this text must be a single paragraph",
                "put longer text in the `explanation` or `hint`, or the quiz's `intro`",
            );
        }
        html
    }

    /// One line of Markdown (prompts, options, steps).
    pub(super) fn inline(&mut self, text: &str, path: &[Step<'_>]) -> String {
        self.markdown(text, path, true)
    }

    /// Paragraphs of Markdown (explanations, feedback, band texts).
    pub(super) fn block(&mut self, text: &str, path: &[Step<'_>]) -> String {
        self.markdown(text, path, false)
    }

    pub(super) fn error(&mut self, line: usize, message: &str, help: &str) {
        self.out.errors.push(
            Diagnostic::error(self.cx.source, message)
                .at_line(line)
                .help(help),
        );
    }

    /// A «read next» link: `<a>` with the rewritten href, or `None` (and a
    /// link problem) when the target is missing.
    fn read_link(&mut self, link: &ReadLink, path: &[Step<'_>]) -> Option<String> {
        let line = self.line(path);
        let target = link.path();
        let mut page_title = None;
        let href = match self.cx.links.resolve(self.cx.dir, target) {
            Resolved::Page { page, anchor, href } => {
                page_title = self.cx.links.title(page).map(str::to_string);
                self.out.links.linked_pages.push(page);
                if let Some(anchor) = anchor {
                    self.out.links.anchor_links.push(AnchorLink {
                        page,
                        anchor,
                        line,
                        column: 1,
                    });
                }
                href
            }
            Resolved::Asset { href } => href,
            Resolved::SamePage { .. } | Resolved::Unchanged => target.to_string(),
            Resolved::Unsafe => {
                self.out.links.problems.push(
                    Diagnostic::error(
                        self.cx.source,
                        format!("link `{target}` would run script; it was left out"),
                    )
                    .at_line(line)
                    .help("link to a page or an https: address"),
                );
                return None;
            }
            Resolved::Missing { target } => {
                self.out.links.problems.push(
                    Diagnostic::error(self.cx.source, format!("link to a missing page: `{target}`"))
                        .at_line(line)
                        .help("check the path: links are relative to this file's folder, e.g. ../kpi/_index.md"),
                );
                return None;
            }
        };
        let text = link.title().or(page_title.as_deref()).unwrap_or(&href);
        Some(format!(
            "<a href=\"{}\">{}</a>",
            escape(&href),
            escape(text)
        ))
    }

    pub(super) fn read_list(
        &mut self,
        links: &[ReadLink],
        path: &[Step<'_>],
        class: &str,
        labels: &Labels,
    ) -> String {
        let mut read_path = path.to_vec();
        read_path.push(Key("read"));
        let anchors: Vec<String> = links
            .iter()
            .filter_map(|l| self.read_link(l, &read_path))
            .collect();
        if anchors.is_empty() {
            return String::new();
        }
        format!(
            "<p class=\"{class}\">{} {}</p>\n",
            labels.read_next,
            anchors.join(", ")
        )
    }
}

fn has_heading(html: &str) -> bool {
    (1..=6).any(|n| html.contains(&format!("<h{n}")))
}

fn has_block(html: &str) -> bool {
    [
        "<p>",
        "<ul",
        "<ol",
        "<pre",
        "<blockquote",
        "<table",
        "<div",
        "<hr",
        "<dl",
    ]
    .iter()
    .any(|tag| html.contains(tag))
}
