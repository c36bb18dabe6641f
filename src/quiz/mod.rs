//! Quiz blocks: ```` ```quiz ```` fences in pages, turned into accessible
//! `<form>`s that read well without JavaScript and that the theme's
//! `quiz.js` makes interactive. The pipeline calls three functions:
//! [`render_block`] for each block of a page, [`duplicate_ids`] once over
//! the whole site, and [`manifest_json`] for `quizzes.json`.
//!
//! Inside: [`schema`] is what authors write (serde types), [`validate`] the
//! rules with every problem at its file line ([`bands`] the band ranges),
//! [`locate`] maps a question or band to its line, [`render`] writes the
//! HTML and the JSON the script reads, in the words of [`labels`]. Answers
//! are in the page on purpose: quizzes are for self-assessment, not exams.

pub mod bands;
mod checker;
mod ids;
pub mod labels;
pub mod locate;
pub mod model;
pub mod render;
mod render_key;
pub mod schema;
mod self_assessment;
mod shuffle;
pub mod site;
mod texts;
pub mod validate;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::content::links::LinkResolver;
use crate::diagnostic::Diagnostic;
use crate::markdown::{Links, QuizBlock};
use crate::yaml::{self, YamlSource};

/// Where a quiz block stands.
pub struct QuizContext<'a> {
    /// Root-relative path, e.g. `content/duties/quiz.md` (for diagnostics).
    pub source: &'a str,
    /// Content-relative folder, for resolving relative links in texts.
    pub dir: &'a str,
    pub links: &'a LinkResolver,
    /// `ru` or `en`: the language of the quiz's texts (typography).
    pub language: &'a str,
    /// The labels («Проверить», «Ещё раз» …).
    pub texts: &'a crate::i18n::Texts,
    /// The words Markdown writes into the quiz's texts.
    pub labels: &'a crate::markdown::Labels,
}

/// A quiz block, rendered.
#[derive(Debug)]
pub struct RenderedQuiz {
    pub id: String,
    /// File line of the `id:` key (for duplicate-id errors).
    pub line: usize,
    /// The whole `<form>` fragment, with its JSON payload.
    pub html: String,
    /// For `quizzes.json` and the progress page.
    pub entry: QuizManifestEntry,
    /// What the quiz's texts and «read next» links point at, and the
    /// missing targets; `linked_pages` sorted, without repeats.
    pub links: Links,
}

impl RenderedQuiz {
    /// The ids the quiz's HTML defines (all start with `quiz-<id>-`), so
    /// links to them pass the anchor check.
    pub fn anchors(&self) -> Vec<String> {
        let mut ids = Vec::new();
        let mut rest = self.html.as_str();
        while let Some(i) = rest.find(" id=\"") {
            rest = &rest[i + 5..];
            let end = rest.find('"').unwrap_or(rest.len());
            ids.push(rest[..end].to_string());
            rest = &rest[end..];
        }
        ids
    }
}

/// One quiz in `quizzes.json` and in the progress page's `quizzes`.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct QuizManifestEntry {
    pub id: String,
    pub title: String,
    /// `knowledge` or `self-assessment`.
    pub kind: String,
    pub questions: usize,
    /// Share of points to pass; `None` for self-assessments.
    pub pass: Option<f64>,
    /// Stable hash of the quiz's content, hex: progress saved for another
    /// hash is stale.
    pub hash: String,
    /// Filled by the pipeline.
    pub page_url: String,
    /// Filled by the pipeline.
    pub page_title: String,
}

/// Parses, checks and renders one quiz block. Every authoring problem of the
/// block is returned, each at its line in the Markdown file; missing link
/// targets are not failures but [`RenderedQuiz::links`] problems.
pub fn render_block(block: &QuizBlock, cx: &QuizContext) -> Result<RenderedQuiz, Vec<Diagnostic>> {
    if block.gift {
        return render_gift(block, cx);
    }
    let source = YamlSource {
        path: cx.source,
        text: &block.yaml,
        first_line: block.first_line,
    };
    let raw: schema::RawQuiz = yaml::parse(source).map_err(|d| vec![d])?;
    render_raw(raw, block, cx)
}

/// A ```` ```quiz gift ```` block: GIFT → the quiz YAML would give, then
/// the same checks and rendering. Problems the GIFT reader finds are at
/// their line:column; later checks name the block's first line, as the
/// YAML they look at is generated.
fn render_gift(block: &QuizBlock, cx: &QuizContext) -> Result<RenderedQuiz, Vec<Diagnostic>> {
    // A `.gift` page's block starts after the lines Kurator put before it.
    let first_line = if cx.source.ends_with(".gift") {
        block
            .first_line
            .saturating_sub(crate::gift::PAGE_PREAMBLE_LINES)
            .max(1)
    } else {
        block.first_line
    };
    let raw = crate::gift::convert::to_quiz(crate::gift::convert::GiftSource {
        path: cx.source,
        text: &block.yaml,
        first_line,
    })?;
    let generated = QuizBlock {
        yaml: serde_yaml::to_string(&raw).unwrap_or_default(),
        first_line: block.first_line,
        gift: false,
    };
    let at_block = |d: Diagnostic| d.at_line(first_line);
    let mut rendered = render_raw(raw, &generated, cx)
        .map_err(|problems| problems.into_iter().map(at_block).collect::<Vec<_>>())?;
    rendered.line = first_line;
    rendered.links.problems = std::mem::take(&mut rendered.links.problems)
        .into_iter()
        .map(at_block)
        .collect();
    Ok(rendered)
}

fn render_raw(
    raw: schema::RawQuiz,
    block: &QuizBlock,
    cx: &QuizContext,
) -> Result<RenderedQuiz, Vec<Diagnostic>> {
    let hash = content_hash(&raw);
    let quiz = validate::validate(raw, cx.source, &block.yaml, block.first_line)?;
    let line = block.first_line + locate::line_of(&block.yaml, &[locate::Step::Key("id")]);
    let out = render::render(&quiz, &hash, &block.yaml, block.first_line, cx);
    if !out.errors.is_empty() {
        return Err(out.errors);
    }
    let mut links = out.links;
    links.linked_pages.sort_unstable();
    links.linked_pages.dedup();
    let entry = QuizManifestEntry {
        id: quiz.id.clone(),
        title: out.title,
        kind: quiz.kind.as_str().to_string(),
        questions: quiz.questions.len(),
        pass: quiz.pass,
        hash,
        page_url: String::new(),
        page_title: String::new(),
    };
    Ok(RenderedQuiz {
        id: quiz.id,
        line,
        html: out.html,
        entry,
        links,
    })
}

/// A hash of what the quiz says (not of its comments or layout), 16 hex
/// digits.
fn content_hash(raw: &schema::RawQuiz) -> String {
    let canonical = serde_json::to_string(raw).unwrap_or_default();
    let digest = Sha256::digest(canonical.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// Duplicate quiz ids across the site, given every quiz in build order;
/// one error per repeat, naming the first place.
pub fn duplicate_ids(all: &[site::QuizId]) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, (&str, usize)> = HashMap::new();
    let mut problems = Vec::new();
    for site::QuizId {
        source: path,
        line,
        id,
    } in all
    {
        match first.get(id.as_str()) {
            Some((first_path, first_line)) => problems.push(
                Diagnostic::error(
                    path.as_str(),
                    format!("quiz id \"{id}\" is already used at {first_path}:{first_line}"),
                )
                .at_line(*line)
                .help("give each quiz a different `id`: progress is saved by id"),
            ),
            None => {
                first.insert(id, (path, *line));
            }
        }
    }
    problems
}

/// `quizzes.json` at the site root: every quiz, sorted by id.
pub fn manifest_json(entries: &[QuizManifestEntry]) -> String {
    let mut sorted: Vec<&QuizManifestEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut json = serde_json::to_string_pretty(&sorted).unwrap_or_else(|_| "[]".to_string());
    json.push('\n');
    json
}
