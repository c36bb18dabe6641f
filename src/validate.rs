//! Step 6: the checks that need the whole site rendered: links to missing
//! anchors (on other pages and on the same page), broken links found while
//! rendering, and (for `check`) orphan pages. Link problems are errors in
//! `check` and warnings in `build` and `serve`.

use std::collections::HashSet;

use crate::build_types::Mode;
use crate::content::{Page, Site, HOME};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::markdown::Rendered;
use crate::quiz::site::QuizOutput;

/// Every link problem of the site, at the severity `mode` gives them.
pub(crate) fn links(
    site: &Site,
    rendered: &[Rendered],
    quizzes: &[QuizOutput],
    mode: Mode,
) -> Vec<Diagnostic> {
    let mut problems = missing_anchors(site, rendered, quizzes);
    if mode == Mode::Check {
        problems.extend(orphans(site, rendered, quizzes));
    } else {
        for d in &mut problems {
            if d.severity == Severity::Error {
                d.severity = Severity::Warning;
            }
        }
    }
    problems
}

/// Links to missing anchors, on other pages and on the same page, after
/// the broken links found while rendering.
fn missing_anchors(site: &Site, rendered: &[Rendered], quizzes: &[QuizOutput]) -> Vec<Diagnostic> {
    let anchors: Vec<HashSet<&str>> = rendered
        .iter()
        .zip(quizzes)
        .map(|(r, q)| {
            r.anchors
                .iter()
                .map(String::as_str)
                .chain(q.anchors.iter().map(String::as_str))
                .collect()
        })
        .collect();
    let mut problems = Vec::new();
    for (i, r) in rendered.iter().enumerate() {
        let source = &site.pages[i].source;
        problems.extend(r.links.problems.iter().cloned());
        problems.extend(quizzes[i].links.problems.iter().cloned());
        let cross = r
            .links
            .anchor_links
            .iter()
            .chain(&quizzes[i].links.anchor_links);
        for link in cross {
            if !anchors[link.page].contains(link.anchor.as_str()) {
                let target = &site.pages[link.page];
                problems.push(
                    Diagnostic::error(
                        source.clone(),
                        format!(
                            "link to a missing anchor `#{}` in {}",
                            link.anchor,
                            target_name(target)
                        ),
                    )
                    .at(link.line, link.column)
                    .help(suggest_anchor(&link.anchor, &anchors[link.page])),
                );
            }
        }
        for own in &r.links.own_anchor_links {
            if !anchors[i].contains(own.anchor.as_str()) {
                problems.push(
                    Diagnostic::error(
                        source.clone(),
                        format!("link to a missing anchor `#{}` on this page", own.anchor),
                    )
                    .at(own.line, own.column)
                    .help(suggest_anchor(&own.anchor, &anchors[i])),
                );
            }
        }
    }
    problems
}

/// The file a page comes from, as a message names it.
fn target_name(page: &Page) -> String {
    if page.source.is_empty() {
        format!("content/{}", page.content_path)
    } else {
        page.source.clone()
    }
}

fn suggest_anchor(anchor: &str, known: &HashSet<&str>) -> String {
    let mut candidates: Vec<&str> = known.iter().copied().collect();
    candidates.sort_unstable();
    match diagnostic::did_you_mean(anchor, &candidates) {
        Some(best) => format!("did you mean `#{best}`?"),
        None => "add `{#id}` to the heading, or fix the link".to_string(),
    }
}

/// Pages no other page links to (the section tree aside): warnings.
fn orphans(site: &Site, rendered: &[Rendered], quizzes: &[QuizOutput]) -> Vec<Diagnostic> {
    let mut linked = vec![false; site.pages.len()];
    for (r, q) in rendered.iter().zip(quizzes) {
        for &page in r.links.linked_pages.iter().chain(&q.links.linked_pages) {
            linked[page] = true;
        }
    }
    site.pages
        .iter()
        .enumerate()
        .filter(|(i, p)| *i != HOME && !p.is_section && !p.source.is_empty() && !linked[*i])
        .map(|(_, p)| {
            Diagnostic::warning(
                p.source.clone(),
                "no other page links to this page (it is reachable only from the section tree)",
            )
            .help("link to it from a related page")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_suggested_by_closeness() {
        let known: HashSet<&str> = ["ltv", "churn", "nps"].into_iter().collect();
        assert_eq!(suggest_anchor("ltw", &known), "did you mean `#ltv`?");
        assert_eq!(
            suggest_anchor("zzzzzz", &known),
            "add `{#id}` to the heading, or fix the link"
        );
    }
}
