//! The fast path of `serve`: when an author saves one page and only its body
//! changed (same front matter, same title), re-render that page alone from
//! the previous build's analysis instead of building the whole site.
//!
//! Anything that could reach other pages — front matter, the description
//! fallback other pages list, quiz ids or titles — falls back to a full
//! build, so the result is what a clean build would write. The search index
//! is not touched here; `serve` rebuilds it with a full build right after.

use std::path::Path;

use crate::build_types::{Analysis, BuildOptions};
use crate::content::walk::{self, SourceFile};
use crate::content::Page;
use crate::markdown::{self, MarkdownInput};
use crate::pages::RenderPlan;
use crate::quiz::site::{page_quizzes, SiteQuizContext};

/// Re-renders the page at `rel` (relative to the site root) if only its body
/// changed. Returns the page's output path and bytes, or `None` when a full
/// build is needed.
pub fn rebuild_page(
    analysis: &mut Analysis,
    options: &BuildOptions,
    rel: &Path,
) -> Option<(String, Vec<u8>)> {
    let rel = rel.to_str()?.replace('\\', "/");
    // The page read from this file (its folder is `content/`, or another
    // tool's: an mdBook's `src/`, where `README.md` is `_index.md`).
    let i = analysis.site.pages.iter().position(|p| p.source == rel)?;
    let path = options.root.join(&rel);
    // A page replaced by a link is checked by a full build (`site_root.rs`).
    if std::fs::symlink_metadata(&path)
        .ok()?
        .file_type()
        .is_symlink()
    {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    let text = walk::decode(&rel, bytes).ok()?;
    // Includes and shortcodes are expanded by the full build (`content::
    // include`, `content::shortcodes`).
    if text.contains("{{#") || text.contains("{{<") || text.contains("{{%") || text.contains("![[")
    {
        return None;
    }
    let old = &analysis.site.pages[i];
    let page = Page::parse(&SourceFile {
        rel: rel.clone(),
        content_path: old.content_path.clone(),
        defaults: old.defaults.clone(),
        text,
        on_disk: None,
    })
    .ok()?;
    if page.front != old.front || page.title != old.title || page.is_section != old.is_section {
        return None;
    }
    let config = &analysis.config;
    let labels = markdown::Labels::from_texts(&analysis.texts);
    let rendered = markdown::render(&MarkdownInput {
        source: &page.source,
        dir: &page.dir,
        text: &page.body,
        first_line: page.body_line,
        links: &analysis.links,
        language: &config.language,
        labels: &labels,
        title_is_first_heading: page.title_from == crate::content::page::TitleFrom::Heading,
        terms: analysis
            .terms
            .as_ref()
            .filter(|_| crate::glossary::links_on(&page)),
    });
    let old_rendered = &analysis.rendered[i];
    // Other pages list this one with its first paragraph when it has no
    // description; a change there is a change to them.
    if page.front.description.is_none() && rendered.first_paragraph != old_rendered.first_paragraph
    {
        return None;
    }
    // Other pages list this one with the sentences its links stand in
    // («Ссылаются на эту страницу»): a change there is a change to them.
    if crate::pages::backlinks::mentions_of(i, &rendered)
        != crate::pages::backlinks::mentions_of(i, old_rendered)
    {
        return None;
    }
    let base_path = config.base_path();
    let cx = SiteQuizContext {
        links: &analysis.links,
        language: &config.language,
        texts: &analysis.texts,
        labels: &labels,
        base_path: &base_path,
    };
    let quizzes = page_quizzes(old, &rendered, &cx);
    if !quizzes.errors.is_empty() || quizzes.output.entries != analysis.quizzes[i].entries {
        return None;
    }
    analysis.rendered[i] = rendered;
    analysis.quizzes[i] = quizzes.output;
    let plan = RenderPlan::for_page(analysis, options, i).ok()?;
    plan.render_single(i).ok()
}
