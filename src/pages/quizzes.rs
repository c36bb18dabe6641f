//! Step 5: every fenced `quiz` block of every page rendered to a form, quiz
//! ids checked across the site, and each quiz's page filled in for the
//! manifest.

use rayon::prelude::*;

use crate::content::links::LinkResolver;
use crate::content::Site;
use crate::diagnostic::Diagnostic;
use crate::markdown::{quiz_placeholder, Links, Rendered};
use crate::quiz;

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
    pub entries: Vec<quiz::QuizManifestEntry>,
}

/// One page's quizzes, its quiz errors, and (source, line, id) of each quiz.
pub type PageQuizzes = (QuizOutput, Vec<Diagnostic>, Vec<(String, usize, String)>);

/// Step 5: renders every quiz block of every page (in parallel), checks
/// quiz ids across the site, and fills in each quiz's page for the manifest.
pub fn render_quizzes(
    site: &Site,
    rendered: &[Rendered],
    links: &LinkResolver,
    language: &str,
    base_path: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<QuizOutput> {
    let results: Vec<PageQuizzes> = site
        .pages
        .par_iter()
        .zip(rendered)
        .map(|(page, r)| page_quizzes(page, r, links, language, base_path))
        .collect();
    let mut all_ids = Vec::new();
    let mut outputs = Vec::with_capacity(results.len());
    for (output, mut errors, mut ids) in results {
        problems.append(&mut errors);
        all_ids.append(&mut ids);
        outputs.push(output);
    }
    problems.extend(quiz::duplicate_ids(&all_ids));
    outputs
}

/// The quizzes of one page.
pub fn page_quizzes(
    page: &crate::content::Page,
    r: &Rendered,
    links: &LinkResolver,
    language: &str,
    base_path: &str,
) -> PageQuizzes {
    let mut output = QuizOutput::default();
    let mut errors = Vec::new();
    let mut ids = Vec::new();
    let cx = quiz::QuizContext {
        source: &page.source,
        dir: &page.dir,
        links,
        language,
    };
    for block in &r.quizzes {
        match quiz::render_block(block, &cx) {
            Ok(q) => {
                ids.push((page.source.clone(), q.line, q.id.clone()));
                output.anchors.extend(q.anchors());
                let mut entry = q.entry.clone();
                entry.page_url = format!("{base_path}{}", page.url);
                entry.page_title = page.title.clone();
                output.entries.push(entry);
                output.html.push(q.html);
                let mut links = q.links;
                output.links.append(&mut links);
            }
            Err(mut d) => {
                errors.append(&mut d);
                output.html.push(String::new());
            }
        }
    }
    (output, errors, ids)
}

/// Puts each quiz's HTML where its placeholder stands.
pub(super) fn with_quizzes(html: &str, quizzes: &[String]) -> String {
    if quizzes.is_empty() {
        return html.to_string();
    }
    let mut out = html.to_string();
    for (n, quiz) in quizzes.iter().enumerate() {
        out = out.replacen(&quiz_placeholder(n), quiz, 1);
    }
    out
}
