//! GFM task lists as checklists (issue 18). pulldown-cmark renders `- [ ]`
//! as a disabled checkbox; here each box gets a stable key so the theme's
//! `checklist.js` can enable it and keep its state in the browser: the page's
//! content path (`data-checklist`) and a hash of the item's text
//! (`data-task`). Without JavaScript the boxes stay read-only, as before.
//! Every page's items also go to templates (the progress and onboarding
//! pages count them), with the same keys.

use std::collections::HashMap;

use serde::Serialize;

use crate::html::escape as escape_attr;

/// One task-list item of a page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TaskItem {
    /// xxh3-64 of the item's text (whitespace collapsed), 16 hex digits; a
    /// repeated text on the same page gets `-2`, `-3`, … appended.
    pub key: String,
    pub text: String,
    /// Ticked in the source (`- [x]`).
    pub checked: bool,
}

/// The key of an item's text, before making it unique on its page.
pub fn text_key(text: &str) -> String {
    let normalised = text.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(normalised.as_bytes()))
}

/// The checkbox that stands for a task marker.
pub fn marker_html(page: &str, key: &str, checked: bool) -> String {
    format!(
        "<input type=\"checkbox\" class=\"task-check\" disabled data-checklist=\"{}\" data-task=\"{}\"{}> ",
        escape_attr(page),
        escape_attr(key),
        if checked { " checked" } else { "" }
    )
}

/// An item whose marker was seen: where its placeholder event is, and its
/// text so far.
#[derive(Debug)]
struct OpenTask {
    event: usize,
    checked: bool,
    text: String,
}

/// Follows list items through a page's events; the renderer calls it at
/// item starts and ends, task markers, and text.
#[derive(Debug, Default)]
pub struct TaskTracker {
    /// One entry per open list item: `Some` when it is a task.
    open: Vec<Option<OpenTask>>,
    seen: HashMap<String, usize>,
    pub items: Vec<TaskItem>,
}

impl TaskTracker {
    pub fn start_item(&mut self) {
        self.open.push(None);
    }

    /// A task marker; `event` is the index of the placeholder the caller
    /// pushed for it.
    pub fn marker(&mut self, event: usize, checked: bool) {
        if let Some(top) = self.open.last_mut() {
            *top = Some(OpenTask {
                event,
                checked,
                text: String::new(),
            });
        }
    }

    /// Text of the innermost open item.
    pub fn text(&mut self, text: &str) {
        if let Some(Some(task)) = self.open.last_mut() {
            task.text.push_str(text);
        }
    }

    /// An item ended: for a task, returns its placeholder's index and the
    /// checkbox HTML to put there.
    pub fn end_item(&mut self, page: &str) -> Option<(usize, String)> {
        let task = self.open.pop()??;
        let text = task.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let base = text_key(&text);
        let n = self.seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let key = if *n == 1 { base } else { format!("{base}-{n}") };
        let html = marker_html(page, &key, task.checked);
        self.items.push(TaskItem {
            key,
            text,
            checked: task.checked,
        });
        Some((task.event, html))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_and_unique_per_page() {
        let mut t = TaskTracker::default();
        for (i, text) in [
            "Познакомиться  с командой",
            "Прочитать договор",
            "Познакомиться с командой",
        ]
        .iter()
        .enumerate()
        {
            t.start_item();
            t.marker(i, i == 1);
            t.text(text);
            let (event, html) = t.end_item("first-90-days/day-1.md").unwrap();
            assert_eq!(event, i);
            assert!(html.contains("data-checklist=\"first-90-days/day-1.md\""));
        }
        let keys: Vec<&str> = t.items.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys[0], text_key("Познакомиться с командой"));
        assert_eq!(keys[2], format!("{}-2", keys[0]));
        assert_ne!(keys[0], keys[1]);
        assert_eq!(t.items[0].text, "Познакомиться с командой");
        assert!(t.items[1].checked);
        assert_eq!(text_key("a"), "e6c632b61e964e1f");
    }

    #[test]
    fn plain_items_and_nesting() {
        let mut t = TaskTracker::default();
        t.start_item(); // a plain item
        t.text("просто пункт");
        t.start_item(); // a nested task
        t.marker(7, false);
        t.text("вложенная задача");
        assert_eq!(t.end_item("p.md").map(|(e, _)| e), Some(7));
        assert_eq!(t.end_item("p.md"), None);
        assert_eq!(t.end_item("p.md"), None, "unbalanced ends do not panic");
        assert_eq!(t.items.len(), 1);
    }
}
