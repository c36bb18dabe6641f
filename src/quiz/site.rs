//! Step 5: every fenced `quiz` block of every page rendered to a form, quiz
//! ids checked across the site, and each quiz's page filled in for the
//! manifest. [`splice`] puts the forms where their placeholders stand when
//! pages are written.

use std::borrow::Cow;

use rayon::prelude::*;

use super::{duplicate_ids, render_block, QuizContext, QuizManifestEntry};
use crate::content::links::LinkResolver;
use crate::content::{Page, Site};
use crate::diagnostic::Diagnostic;
use crate::markdown::{quiz_placeholder, Links, Rendered};

/// The quiz forms of one page, and what they link to.
#[derive(Debug, Default)]
pub struct QuizOutput {
    /// HTML for each quiz block of the page, in order.
    pub html: Vec<String>,
    /// Ids defined by the quizzes (they are anchors too).
    pub anchors: Vec<String>,
    /// What the quizzes' texts link to, and their broken links.
    pub links: Links,
    /// Manifest entries (`quizzes.json`, progress page).
    pub entries: Vec<QuizManifestEntry>,
}

/// Where a quiz id is defined, for the site-wide duplicate check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizId {
    /// Root-relative source path.
    pub source: String,
    /// File line of the `id:` key.
    pub line: usize,
    pub id: String,
}

/// One page's quizzes, the authoring errors in them, and their ids.
#[derive(Debug, Default)]
pub struct PageQuizzes {
    pub output: QuizOutput,
    pub errors: Vec<Diagnostic>,
    pub ids: Vec<QuizId>,
}

/// Where the site's pages link from and how their URLs start.
pub struct SiteQuizContext<'a> {
    pub links: &'a LinkResolver,
    pub language: &'a str,
    pub texts: &'a crate::i18n::Texts,
    /// The words Markdown writes (quiz texts are Markdown too).
    pub labels: &'a crate::markdown::Labels,
    pub base_path: &'a str,
}

/// Step 5: renders every quiz block of every page (in parallel), checks
/// quiz ids across the site, and fills in each quiz's page for the manifest.
pub fn render_quizzes(
    site: &Site,
    rendered: &[Rendered],
    cx: &SiteQuizContext<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<QuizOutput> {
    let results: Vec<PageQuizzes> = site
        .pages
        .par_iter()
        .zip(rendered)
        .map(|(page, r)| page_quizzes(page, r, cx))
        .collect();
    let mut all_ids = Vec::new();
    let mut outputs = Vec::with_capacity(results.len());
    for mut page in results {
        problems.append(&mut page.errors);
        all_ids.append(&mut page.ids);
        outputs.push(page.output);
    }
    problems.extend(duplicate_ids(&all_ids));
    outputs
}

/// The quizzes of one page.
pub fn page_quizzes(page: &Page, r: &Rendered, site: &SiteQuizContext<'_>) -> PageQuizzes {
    let mut out = PageQuizzes::default();
    let cx = QuizContext {
        source: &page.source,
        dir: &page.dir,
        links: site.links,
        language: site.language,
        texts: site.texts,
        labels: site.labels,
    };
    for block in &r.quizzes {
        match render_block(block, &cx) {
            Ok(mut q) => {
                out.ids.push(QuizId {
                    source: page.source.clone(),
                    line: q.line,
                    id: q.id.clone(),
                });
                out.output.anchors.extend(q.anchors());
                let mut entry = q.entry.clone();
                entry.page_url = format!("{}{}", site.base_path, page.url);
                entry.page_title = page.title.clone();
                out.output.entries.push(entry);
                out.output.links.append(&mut q.links);
                out.output.html.push(q.html);
            }
            Err(mut d) => {
                out.errors.append(&mut d);
                out.output.html.push(String::new());
            }
        }
    }
    out
}

/// Puts each quiz's HTML where its placeholder stands; a page without
/// quizzes is not copied (a 50 MB page's HTML is held once, not twice).
pub fn splice<'a>(html: Cow<'a, str>, quizzes: &[String]) -> Cow<'a, str> {
    if quizzes.is_empty() {
        return html;
    }
    let mut out = html.into_owned();
    for (n, quiz) in quizzes.iter().enumerate() {
        out = out.replacen(&quiz_placeholder(n), quiz, 1);
    }
    Cow::Owned(out)
}
