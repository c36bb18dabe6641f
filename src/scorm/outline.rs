//! What the organisation lists: the onboarding path's steps
//! (`data/onboarding.yaml`: `id`, `title`, `pages`), or the sections when
//! the site has no path. Pure functions over texts and the built file list.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::manifest::Item;
use crate::diagnostic::Diagnostic;
use crate::yaml::{self, YamlSource};

/// The onboarding path's file, relative to the site root.
pub const ONBOARDING: &str = "data/onboarding.yaml";

/// A step as the packager reads it; the theme's other keys are ignored.
#[derive(Debug, Deserialize)]
struct Step {
    id: String,
    title: String,
    #[serde(default)]
    pages: Vec<String>,
    /// The content path of the step's checklist page, if it has one.
    #[serde(default)]
    checklist: Option<String>,
}

/// A checklist the onboarding path asks for, with the line of its step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepChecklist {
    pub step: String,
    pub line: usize,
    /// Content path (`first-90-days/day-1.md`).
    pub path: String,
}

/// The checklists of the path's steps, in step order, each once.
pub fn onboarding_checklists(text: &str) -> Result<Vec<StepChecklist>, Diagnostic> {
    let steps: Vec<Step> = yaml::parse(YamlSource::file(ONBOARDING, text))?;
    let mut out: Vec<StepChecklist> = Vec::new();
    for step in steps {
        let Some(path) = step.checklist else { continue };
        let path = path.trim_start_matches("content/").to_string();
        if out.iter().any(|c| c.path == path) {
            continue;
        }
        out.push(StepChecklist {
            line: step_line(text, &step.id),
            step: step.id,
            path,
        });
    }
    Ok(out)
}

/// The line of a step's `id:` in the path's file (1 when not found).
fn step_line(text: &str, id: &str) -> usize {
    text.lines()
        .position(|l| l.contains(&format!("id: {id}")))
        .map_or(1, |i| i + 1)
}

/// The built page of a content path: `kpi/_index.md` → `kpi/index.html`,
/// `kpi/quiz.md` → `kpi/quiz/index.html`, `_index.md` → `index.html`.
pub fn page_file(content_path: &str) -> String {
    let path = content_path
        .trim_start_matches("content/")
        .trim_start_matches('/');
    let stem = path.strip_suffix(".md").unwrap_or(path);
    match stem.strip_suffix("_index") {
        Some(dir) => format!("{dir}index.html"),
        None => format!("{stem}/index.html"),
    }
}

/// One item per step, opening the step's first page. A step without pages,
/// or whose first page was not built, is an error naming the step's line.
pub fn onboarding_items(text: &str, built: &BTreeSet<String>) -> Result<Vec<Item>, Diagnostic> {
    let steps: Vec<Step> = yaml::parse(YamlSource::file(ONBOARDING, text))?;
    let mut items = Vec::new();
    for step in steps {
        let line = step_line(text, &step.id);
        let Some(first) = step.pages.first() else {
            return Err(Diagnostic::error(ONBOARDING, format!("step `{}` has no pages", step.id))
                .at_line(line)
                .help("list the step's pages (content paths) under `pages:`; the LMS opens the first"));
        };
        let start = page_file(first);
        if !built.contains(&start) {
            return Err(Diagnostic::error(
                ONBOARDING,
                format!(
                    "step `{}` starts at `{first}`, which the build did not produce ({start})",
                    step.id
                ),
            )
            .at_line(line)
            .help("write the page's path inside content/, e.g. kpi/_index.md"));
        }
        items.push(Item {
            id: step.id,
            title: step.title,
            start,
        });
    }
    Ok(items)
}

/// The text of a page's `<title>`, without the ` — site title` suffix.
pub fn page_title(html: &str, site_title: &str) -> Option<String> {
    let start = html.find("<title>")? + "<title>".len();
    let end = start + html[start..].find("</title>")?;
    let raw = quick_xml::escape::unescape(&html[start..end])
        .ok()?
        .into_owned();
    let suffix = format!(" — {site_title}");
    Some(raw.strip_suffix(&suffix).unwrap_or(&raw).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_paths_map_to_built_pages() {
        assert_eq!(page_file("_index.md"), "index.html");
        assert_eq!(page_file("kpi/_index.md"), "kpi/index.html");
        assert_eq!(page_file("kpi/quiz.md"), "kpi/quiz/index.html");
    }

    #[test]
    fn steps_become_items_and_missing_pages_are_errors_at_their_line() {
        let built: BTreeSet<String> = ["kpi/index.html".to_string()].into();
        let text = "- id: a\n  title: A\n  minutes: 3\n  pages: [kpi/_index.md]\n";
        let items = onboarding_items(text, &built).unwrap();
        assert_eq!(items[0].start, "kpi/index.html");
        let text = "- id: a\n  title: A\n  pages: [kpi/_index.md]\n- id: b\n  title: B\n  pages: [nope.md]\n";
        let err = onboarding_items(text, &built).unwrap_err().to_string();
        assert!(err.contains("onboarding.yaml:4"), "{err}");
        assert!(err.contains("nope.md"), "{err}");
    }

    #[test]
    fn titles_lose_the_site_suffix() {
        let html = "<title>KPI &amp; деньги — База</title>";
        assert_eq!(page_title(html, "База").unwrap(), "KPI & деньги");
    }
}
