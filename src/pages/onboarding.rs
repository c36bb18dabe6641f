//! The onboarding path of `data/onboarding.yaml` (issue 18) as a template
//! global `onboarding`: steps grouped by `stage` (consecutive steps of the
//! same stage form one group, in file order), minutes per step, per stage
//! and in all, each page resolved to its title and URL, the step's checklist
//! (its page's task-item keys, as `checklist.js` counts them) and its quiz.
//!
//! Keys the schema does not know are ignored. A step naming a page, a
//! checklist page or a quiz that does not exist is an error naming the file
//! and the line where the name is written: a path that silently leads
//! nowhere is the dead end issue 18 forbids.

use serde::Serialize;
use serde_json::Value;

use super::checklists::ChecklistPage;
use crate::content::Site;
use crate::diagnostic::Diagnostic;
use crate::quiz::QuizManifestEntry;

pub(crate) const SOURCE: &str = "data/onboarding.yaml";

#[derive(Debug, Default, Serialize)]
pub(crate) struct OnboardingView {
    pub(crate) stages: Vec<Stage>,
    pub(crate) minutes: u64,
    /// `minutes` rounded to whole hours.
    pub(crate) hours: u64,
    pub(crate) steps: usize,
}

#[derive(Debug, Default, Serialize)]
pub(crate) struct Stage {
    /// Empty for steps without a `stage` (the schema before issue 18).
    pub(crate) name: String,
    pub(crate) minutes: u64,
    pub(crate) steps: Vec<Step>,
}

#[derive(Debug, Default, Serialize)]
pub(crate) struct Step {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) minutes: Option<u64>,
    pub(crate) text: Option<String>,
    pub(crate) pages: Vec<StepPage>,
    pub(crate) checklist: Option<StepChecklist>,
    pub(crate) quiz: Option<StepQuiz>,
}

#[derive(Debug, Serialize)]
pub(crate) struct StepPage {
    pub(crate) path: String,
    pub(crate) title: String,
    pub(crate) url: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct StepChecklist {
    pub(crate) path: String,
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) total: usize,
    /// Space-separated item keys, for `data-checklist-keys`.
    pub(crate) keys: String,
    /// Keys of items ticked in the source.
    pub(crate) defaults: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct StepQuiz {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) kind: String,
    pub(crate) questions: usize,
}

/// What the view is made from.
pub(crate) struct Inputs<'a> {
    pub(crate) data: &'a Value,
    /// The file's text, to point at the line of a problem (empty if unknown).
    pub(crate) text: &'a str,
    pub(crate) site: &'a Site,
    pub(crate) base_path: &'a str,
    pub(crate) quizzes: &'a [&'a QuizManifestEntry],
    pub(crate) checklists: &'a [ChecklistPage<'a>],
}

/// The line (1-based) and column of the first `needle` in `text`, or (1, 1).
/// A `key: value` needle falls back to the value alone (quoted YAML).
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let find = |needle: &str| {
        text.lines().enumerate().find_map(|(n, line)| {
            line.find(needle)
                .map(|c| (n + 1, line[..c].chars().count() + 1))
        })
    };
    find(needle)
        .or_else(|| needle.split_once(": ").and_then(|(_, value)| find(value)))
        .unwrap_or((1, 1))
}

fn str_of<'v>(step: &'v Value, key: &str) -> Option<&'v str> {
    step.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Builds the view; the first problem found is returned as an error.
pub(crate) fn view(inputs: &Inputs<'_>) -> Result<OnboardingView, Vec<Diagnostic>> {
    let Some(list) = inputs.data.as_array() else {
        return Err(vec![Diagnostic::error(
            SOURCE,
            "the onboarding path must be a list of steps",
        )
        .at(1, 1)
        .help("write one `- id: …` entry per step")]);
    };
    let mut problems = Vec::new();
    let mut problem = |needle: &str, message: String, help: &str| {
        let (line, column) = locate(inputs.text, needle);
        problems.push(
            Diagnostic::error(SOURCE, message)
                .at(line, column)
                .help(help.to_string()),
        );
    };
    let mut view = OnboardingView::default();
    for (n, raw) in list.iter().enumerate() {
        if !raw.is_object() {
            problem(
                "-",
                format!("step {} is not a mapping of keys", n + 1),
                "write the step as `- id: …` with `title:` and `pages:`",
            );
            continue;
        }
        let id = str_of(raw, "id").map_or_else(|| format!("step-{}", n + 1), str::to_string);
        let mut step = Step {
            title: str_of(raw, "title").unwrap_or(&id).to_string(),
            id,
            minutes: raw.get("minutes").and_then(Value::as_u64),
            text: str_of(raw, "text").map(str::to_string),
            ..Step::default()
        };
        let pages = raw
            .get("pages")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for path in pages.iter().filter_map(Value::as_str) {
            let path = path.trim().trim_start_matches('/');
            match inputs
                .site
                .by_content_path
                .get(path)
                .and_then(|&i| inputs.site.pages.get(i))
            {
                Some(page) => step.pages.push(StepPage {
                    path: path.to_string(),
                    title: page.title.clone(),
                    url: format!("{}{}", inputs.base_path, page.url),
                }),
                None => problem(
                    path,
                    format!(
                        "step `{}` names a page that does not exist: `content/{path}`",
                        step.id
                    ),
                    "name a page by its path under content/, e.g. first-90-days/day-1.md",
                ),
            }
        }
        if let Some(path) = str_of(raw, "checklist") {
            let path = path.trim_start_matches('/');
            match inputs.checklists.iter().find(|c| c.path == path) {
                Some(c) => step.checklist = Some(StepChecklist {
                    path: path.to_string(),
                    title: c.title.to_string(),
                    url: c.url.clone(),
                    total: c.total,
                    keys: c.items.iter().map(|i| i.key.as_str()).collect::<Vec<_>>().join(" "),
                    defaults: c.items.iter().filter(|i| i.checked).map(|i| i.key.as_str()).collect::<Vec<_>>().join(" "),
                }),
                None if inputs.site.by_content_path.contains_key(path) => problem(
                    &format!("checklist: {path}"),
                    format!("step `{}`: `content/{path}` has no task list (`- [ ] …`) to serve as its checklist", step.id),
                    "add task items to that page or remove `checklist:`",
                ),
                None => problem(
                    &format!("checklist: {path}"),
                    format!("step `{}` names a checklist page that does not exist: `content/{path}`", step.id),
                    "name a page by its path under content/",
                ),
            }
        }
        if let Some(id) = str_of(raw, "quiz") {
            match inputs.quizzes.iter().find(|q| q.id == id) {
                Some(q) => {
                    step.quiz = Some(StepQuiz {
                        id: q.id.clone(),
                        title: q.title.clone(),
                        url: q.page_url.clone(),
                        kind: q.kind.clone(),
                        questions: q.questions,
                    })
                }
                None => problem(
                    &format!("quiz: {id}"),
                    format!(
                        "step `{}` names a quiz that does not exist: `{id}`",
                        step.id
                    ),
                    "use the `id:` of a quiz block on one of the pages",
                ),
            }
        }
        let stage = str_of(raw, "stage").unwrap_or("").to_string();
        let minutes = step.minutes.unwrap_or(0);
        view.minutes += minutes;
        view.steps += 1;
        match view.stages.last_mut() {
            Some(last) if last.name == stage => {
                last.minutes += minutes;
                last.steps.push(step);
            }
            _ => view.stages.push(Stage {
                name: stage,
                minutes,
                steps: vec![step],
            }),
        }
    }
    view.hours = (view.minutes + 30) / 60;
    if problems.is_empty() {
        Ok(view)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_finds_the_line_and_column() {
        let text = "- id: a\n  pages: [x.md, missing.md]\n";
        assert_eq!(locate(text, "missing.md"), (2, 17));
        assert_eq!(locate(text, "nowhere"), (1, 1));
    }
}
