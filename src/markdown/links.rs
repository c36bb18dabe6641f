//! Links in a page body: every link and image target rewritten to its URL
//! (through [`LinkResolver`]), and what the page links to recorded in
//! [`Links`] for the checks that need the whole site (missing anchors,
//! orphan pages). Ids in raw HTML are collected here too, since they are
//! link targets.

use pulldown_cmark::{CowStr, LinkType, Tag};

use super::RenderState;
use crate::content::links::Resolved;
use crate::diagnostic::Diagnostic;

/// A link to another page with an anchor, checked once every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    pub page: usize,
    pub anchor: String,
    pub line: usize,
    pub column: usize,
}

/// A link to an anchor on the same page (`[top](#itogi)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnAnchorLink {
    pub anchor: String,
    pub line: usize,
    pub column: usize,
}

/// What a text links to, and the links that are wrong. Pages, quizzes and
/// their fragments all carry one of these; the link checks read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// Links to other pages that name an anchor.
    pub anchor_links: Vec<AnchorLink>,
    /// Pages linked to (indexes into the site's pages), for orphan checks.
    pub linked_pages: Vec<usize>,
    /// Where each link to another page stands in the page's text, for the
    /// target's «Ссылаются на эту страницу» (`pages/backlinks.rs`).
    pub mentions: Vec<Mention>,
    /// Links to the same page's anchors.
    pub own_anchor_links: Vec<OwnAnchorLink>,
    /// Links to missing pages or files, unsafe links (errors in `check`,
    /// warnings in `build`).
    pub problems: Vec<Diagnostic>,
}

/// A link to a page: which, and the sentence of the linking page it
/// stands in (for the target's «Ссылаются на эту страницу»). The sentence
/// is cut out when the page is rendered, so the page's text need not be
/// kept for it (issue 24).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub page: usize,
    pub context: String,
}

/// Where a [`Mention`]'s link stands while the page is rendered: section
/// number and byte offset into its text, which is not complete yet.
#[derive(Debug, Clone, Copy)]
pub(super) struct MentionAt {
    pub page: usize,
    pub section: usize,
    pub at: usize,
}

/// Longest context of a [`Mention`], in characters.
const CONTEXT: usize = 200;

/// The mentions of a rendered page: the first link to each page, with its
/// sentence out of the finished sections' text.
pub(super) fn mentions(at: &[MentionAt], sections: &[super::TextSection]) -> Vec<Mention> {
    let mut seen = std::collections::HashSet::new();
    at.iter()
        .filter(|m| seen.insert(m.page))
        .map(|m| Mention {
            page: m.page,
            context: sections
                .get(m.section)
                .map(|s| sentence_at(&s.text, m.at))
                .unwrap_or_default(),
        })
        .collect()
}

/// The sentence of `text` that holds byte `at`, at most [`CONTEXT`]
/// characters (cut with `…` around the place).
pub(crate) fn sentence_at(text: &str, at: usize) -> String {
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '…' | '\n');
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends(c) && text[i + c.len_utf8()..].starts_with(char::is_whitespace))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(i, c)| {
            ends(c) && {
                let next = at + i + c.len_utf8();
                next >= text.len() || text[next..].starts_with(char::is_whitespace)
            }
        })
        .map_or(text.len(), |(i, c)| at + i + c.len_utf8());
    let sentence = text[start..end].trim();
    if sentence.chars().count() <= CONTEXT {
        return sentence.to_string();
    }
    // Too long: a window around the link.
    let offset = text[start..at].trim_start().chars().count();
    let from = offset.saturating_sub(CONTEXT / 3);
    let window: String = sentence.chars().skip(from).take(CONTEXT).collect();
    format!(
        "{}{}{}",
        if from > 0 { "…" } else { "" },
        window.trim(),
        if from + CONTEXT < sentence.chars().count() {
            "…"
        } else {
            ""
        }
    )
}

impl Links {
    /// Moves everything `other` holds onto the end of `self`.
    pub fn append(&mut self, other: &mut Links) {
        self.anchor_links.append(&mut other.anchor_links);
        self.linked_pages.append(&mut other.linked_pages);
        self.mentions.append(&mut other.mentions);
        self.own_anchor_links.append(&mut other.own_anchor_links);
        self.problems.append(&mut other.problems);
    }
}

impl<'a> RenderState<'_> {
    /// A link or image start tag with its target rewritten.
    pub(super) fn link_tag(&mut self, tag: Tag<'a>, offset: usize) -> Tag<'a> {
        match tag {
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest = match link_type {
                    LinkType::WikiLink { .. } => self.wiki_target(&dest_url, offset, false),
                    _ => None,
                }
                .or_else(|| self.rewrite(&dest_url, offset, false));
                Tag::Link {
                    link_type,
                    dest_url: dest.map_or(dest_url, CowStr::from),
                    title,
                    id,
                }
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest = match link_type {
                    LinkType::WikiLink { .. } => self.wiki_target(&dest_url, offset, true),
                    _ => None,
                }
                .or_else(|| self.rewrite(&dest_url, offset, true));
                Tag::Image {
                    link_type,
                    dest_url: dest.map_or(dest_url, CowStr::from),
                    title,
                    id,
                }
            }
            other => other,
        }
    }

    /// An Obsidian-style `[[Note]]`, `[[Note#Heading]]`, `[[#Heading]]` or
    /// `![[image.png]]` (issue 21): the note found by name, as a link
    /// `rewrite` then resolves and checks like any other; a name several
    /// notes share is a warning naming them, a name no note has a problem
    /// like a missing link.
    fn wiki_target(&mut self, dest: &str, offset: usize, file: bool) -> Option<String> {
        let (name, heading) = dest.split_once('#').unwrap_or((dest, ""));
        let anchor = if heading.is_empty() {
            String::new()
        } else {
            format!(
                "#{}",
                super::headings::slug(self.input.links.heading_ids(), heading)
            )
        };
        if name.trim().is_empty() {
            return self.rewrite(&anchor, offset, file).or(Some(anchor));
        }
        let Some((path, others)) = self.input.links.resolve_note(name, file) else {
            let (line, column) = self.position(offset);
            self.problem(
                line,
                column,
                format!(
                    "[[{dest}]]: no {} is called `{name}`",
                    if file { "file" } else { "note" }
                ),
                "check the name; Obsidian links name a note by its file name, without .md",
            );
            return Some(dest.to_string());
        };
        if !others.is_empty() {
            let (line, column) = self.position(offset);
            self.out.links.problems.push(
                Diagnostic::warning(
                    self.input.source,
                    format!(
                        "[[{name}]] could be {}; it links to the first",
                        std::iter::once(&path)
                            .chain(&others)
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                )
                .at(line, column)
                .help("write more of the path, as Obsidian does: [[folder/Note]]"),
            );
        }
        // From the site root: the content path resolves like a written link.
        let up = "../".repeat(self.input.dir.split('/').filter(|s| !s.is_empty()).count());
        let target = format!("{up}{path}{anchor}");
        self.rewrite(&target, offset, file)
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
                self.out.links.linked_pages.push(page);
                if !is_image {
                    self.mentions.push(MentionAt {
                        page,
                        section: self.out.sections.len(),
                        at: self.current.text.len(),
                    });
                }
                if let Some(anchor) = anchor {
                    self.out.links.anchor_links.push(AnchorLink {
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
                    self.out.links.own_anchor_links.push(OwnAnchorLink {
                        anchor,
                        line,
                        column,
                    });
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
        self.out.links.problems.push(
            Diagnostic::error(self.input.source, message)
                .at(line, column)
                .help(help),
        );
    }
}

/// Ids given in raw HTML (`<a id="x">`) are anchors too.
pub(super) fn collect_html_ids(html: &str, anchors: &mut Vec<String>) {
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            anchors.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::TextSection;

    #[test]
    fn the_sentence_around_the_link() {
        let text = "Первое предложение. Смотрите раздел о KPI, там примеры! Третье.";
        let at = text.find("раздел").unwrap();
        assert_eq!(sentence_at(text, at), "Смотрите раздел о KPI, там примеры!");
        assert_eq!(sentence_at("Без точки в конце", 4), "Без точки в конце");
        assert_eq!(sentence_at("v1.2 is out. Next", 0), "v1.2 is out.");
        let long = format!("{} ссылка {}.", "слово ".repeat(100), "хвост ".repeat(100));
        let cut = sentence_at(&long, long.find("ссылка").unwrap());
        assert!(
            cut.starts_with('…') && cut.ends_with('…') && cut.contains("ссылка"),
            "{cut}"
        );
        assert!(cut.chars().count() <= CONTEXT + 2);
    }

    #[test]
    fn the_first_link_to_each_page_with_its_sentence() {
        let sections = [
            TextSection {
                text: "Home links to [a] and [a] again.".into(),
                ..TextSection::default()
            },
            TextSection {
                text: "Then to [b]. And [a] once more.".into(),
                ..TextSection::default()
            },
        ];
        let at = |page, section, at| MentionAt { page, section, at };
        let found = mentions(
            &[
                at(1, 0, 14),
                at(1, 0, 24),
                at(2, 1, 8),
                at(1, 1, 17),
                at(3, 7, 0),
            ],
            &sections,
        );
        let found: Vec<(usize, &str)> =
            found.iter().map(|m| (m.page, m.context.as_str())).collect();
        assert_eq!(
            found,
            [
                (1, "Home links to [a] and [a] again."),
                (2, "Then to [b]."),
                (3, ""),
            ]
        );
    }
}
