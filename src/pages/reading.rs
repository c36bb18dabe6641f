//! The progress page's reading rows (issue 22): every top-level section with
//! the pages under it, which `reading.js` counts against what this browser
//! has read.

use serde::Serialize;

use crate::content::{Site, HOME};

/// One row: a top-level section and the site paths of its pages (itself
/// included), as `reading.js` keys them.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(super) struct ReadingSection {
    pub title: String,
    pub url: String,
    pub pages: Vec<String>,
}

/// The rows, in the site's order; `base_path` prefixes the section's URL.
pub(super) fn sections(site: &Site, base_path: &str) -> Vec<ReadingSection> {
    let Some(home) = site.pages.get(HOME) else {
        return Vec::new();
    };
    home.children
        .iter()
        .filter(|&&c| site.pages[c].is_section)
        .map(|&c| {
            let mut pages = Vec::new();
            let mut stack = vec![c];
            while let Some(i) = stack.pop() {
                pages.push(site.pages[i].url.clone());
                stack.extend(site.pages[i].children.iter().rev());
            }
            ReadingSection {
                title: site.pages[c].title.clone(),
                url: format!("{base_path}{}", site.pages[c].url),
                pages,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_top_section_with_every_page_below_it() {
        let site = Site::from_paths(&[
            "_index.md",
            "a/_index.md",
            "a/x.md",
            "a/b/_index.md",
            "a/b/y.md",
            "top.md",
            "c/_index.md",
        ]);
        let rows = sections(&site, "/kb/");
        let got: Vec<(&str, Vec<&str>)> = rows
            .iter()
            .map(|r| (r.url.as_str(), r.pages.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            [
                ("/kb/a/", vec!["a/", "a/b/", "a/b/y/", "a/x/"]),
                ("/kb/c/", vec!["c/"]),
            ]
        );
    }
}
