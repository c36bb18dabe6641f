//! The site's checklists (task lists, issue 18) for templates: `checklists`
//! lists every page with task items in reading order, grouped by section on
//! the progress page; the onboarding path (`onboarding.rs`) looks its
//! steps' checklists up here.
//! The item keys are the ones on the page's checkboxes, so `checklist.js`
//! counts the boxes ticked in this browser against these totals.

use serde::Serialize;

use crate::content::Site;
use crate::markdown::checklist::TaskItem;
use crate::markdown::Rendered;

/// One page's checklist.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChecklistPage<'a> {
    /// Content path (`first-90-days/day-1.md`), the key in the browser.
    pub(crate) path: &'a str,
    pub(crate) url: String,
    pub(crate) title: &'a str,
    /// The page's section (itself for a section page), for grouping.
    pub(crate) section: &'a str,
    pub(crate) section_url: String,
    pub(crate) total: usize,
    pub(crate) items: &'a [TaskItem],
}

/// One page's checklist in `checklists.json`: what a script that did not
/// render the page (the SCORM runtime) needs to tell whether it is done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ChecklistKeys {
    /// Content path, the page's key in the browser's storage.
    pub(crate) path: String,
    /// Every item's key, in page order.
    pub(crate) keys: Vec<String>,
    /// The keys ticked in the source (`- [x]`).
    pub(crate) defaults: Vec<String>,
}

/// `checklists.json` at the site root: every page with task items, by path.
pub(crate) fn manifest_json(pages: &[ChecklistPage<'_>]) -> String {
    let mut list: Vec<ChecklistKeys> = pages
        .iter()
        .map(|p| ChecklistKeys {
            path: p.path.to_string(),
            keys: p.items.iter().map(|i| i.key.clone()).collect(),
            defaults: p
                .items
                .iter()
                .filter(|i| i.checked)
                .map(|i| i.key.clone())
                .collect(),
        })
        .collect();
    list.sort_by(|a, b| a.path.cmp(&b.path));
    let mut json = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".to_string());
    json.push('\n');
    json
}

/// Every page with task items, in reading order.
pub(crate) fn manifest<'a>(
    site: &'a Site,
    rendered: &'a [Rendered],
    base_path: &str,
) -> Vec<ChecklistPage<'a>> {
    site.reading_order
        .iter()
        .filter_map(|&i| {
            let page = site.pages.get(i)?;
            let items = &rendered.get(i)?.tasks;
            if items.is_empty() {
                return None;
            }
            let section = if page.is_section {
                page
            } else {
                page.parent.and_then(|p| site.pages.get(p)).unwrap_or(page)
            };
            Some(ChecklistPage {
                path: &page.content_path,
                url: format!("{base_path}{}", page.url),
                title: &page.title,
                section: &section.title,
                section_url: format!("{base_path}{}", section.url),
                total: items.len(),
                items,
            })
        })
        .collect()
}
