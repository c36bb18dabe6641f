//! The values templates see. Built by reference from the site model; only
//! what a template prints is copied. The full reference is in
//! `docs/templates.md`.

use serde::Serialize;

use crate::markdown::TocEntry;

/// `site`: the same for every page (Tera global context).
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Path prefix of every internal URL: `/` or `/kb/`.
    pub base_path: &'a str,
    /// `https://example.com` or empty.
    pub origin: String,
    pub language: &'a str,
    pub menu: Vec<MenuItem>,
    pub taxonomies: Vec<&'a str>,
    pub search_enabled: bool,
    /// `build` or `serve`.
    pub mode: &'a str,
    /// True in a SCORM package: the theme loads `scorm.js`.
    pub scorm: bool,
    pub generator: &'static str,
}

#[derive(Debug, Serialize)]
pub(crate) struct MenuItem {
    pub name: String,
    pub url: String,
}

/// A link to a page: what lists, breadcrumbs and prev/next print.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct PageLink {
    pub title: String,
    pub url: String,
    pub description: String,
}

/// A page that links to this one, with the sentence its link stands in
/// (issue 22).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BacklinkView {
    pub title: String,
    pub url: String,
    pub context: String,
}

/// A tag with its listing URL.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TermLink {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// `page`: the page being rendered.
#[derive(Debug, Serialize)]
pub(crate) struct PageView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Site path with base: `/kb/duties/`.
    pub url: String,
    /// Absolute URL from `base_url` (canonical, Open Graph).
    pub permalink: String,
    /// Source path relative to the site root (`content/duties/_index.md`).
    pub source: &'a str,
    pub is_section: bool,
    pub is_home: bool,
    /// Id for the page's `<h1>` (from a leading `# Title {#id}` in the body).
    pub title_id: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub toc: &'a [TocEntry],
    pub date: Option<&'a str>,
    pub updated: Option<&'a str>,
    /// Owner, last review and whether the page is overdue (`review.rs`).
    pub review: &'a crate::review::PageReview,
    pub tags: Vec<TermLink>,
    pub word_count: usize,
    pub reading_time: usize,
    pub has_quiz: bool,
    /// The page has task lists (`checklist.js`) or template blocks
    /// (`template-copy.js`): pages without them load neither script.
    pub has_checklist: bool,
    pub has_template: bool,
    /// «Ссылаются на эту страницу»: the pages linking here.
    pub backlinks: Vec<BacklinkView>,
    pub extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
    /// For sections: child pages and sub-sections, in order.
    pub pages: Vec<PageLink>,
    pub subsections: Vec<PageLink>,
    pub depth: usize,
}

/// One entry of the left section tree, as a flat list: `opens` starts a
/// nested list for the entry's children, `closes` ends that many nested lists
/// after it. Flat so templates need no recursion.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    pub depth: usize,
    pub is_section: bool,
    /// On the path from home to the current section.
    pub active: bool,
    pub opens: bool,
    pub closes: usize,
    /// A part of the book starts here (an mdBook's `# Part` in `SUMMARY.md`).
    pub part: Option<String>,
    /// A separator (`---` in `SUMMARY.md`) stands before this entry.
    pub separator: bool,
}
