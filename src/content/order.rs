//! The order of a section's pages: weight, then title (unweighted last),
//! unless the section's `sort_by` says date, updated, title or slug (as
//! Zola's does, issue 21). Pure: works on parsed pages.

use std::cmp::Reverse;

use super::front_matter::SortBy;
use super::page::Page;

/// Sorts every page's `children` by its own `sort_by`.
pub(super) fn sort_children(pages: &mut [Page]) {
    let keys: Vec<_> = pages.iter().map(Page::order_key).collect();
    let sorts: Vec<Option<SortBy>> = pages.iter().map(|p| p.front.sort_by).collect();
    let fields: Vec<SortFields> = pages.iter().map(SortFields::of).collect();
    for (i, page) in pages.iter_mut().enumerate() {
        match sorts[i].filter(|by| *by != SortBy::Weight) {
            Some(by) => page.children.sort_by(|&a, &b| {
                fields[a]
                    .key(by)
                    .cmp(&fields[b].key(by))
                    .then(keys[a].cmp(&keys[b]))
            }),
            None => page.children.sort_by(|&a, &b| keys[a].cmp(&keys[b])),
        }
    }
}

/// What a section's `sort_by` compares, taken from each page.
struct SortFields {
    date: Option<String>,
    updated: Option<String>,
    title: String,
    slug: String,
}

impl SortFields {
    fn of(page: &Page) -> SortFields {
        SortFields {
            date: page.front.date.clone(),
            updated: page
                .front
                .updated
                .clone()
                .or_else(|| page.front.date.clone()),
            title: page.title.to_lowercase(),
            slug: page.segment.clone(),
        }
    }

    /// Dates newest first (ISO dates compare as text), missing ones last.
    fn key(&self, by: SortBy) -> (bool, Reverse<&str>, &str) {
        fn newest(d: Option<&str>) -> (bool, Reverse<&str>, &str) {
            (d.is_none(), Reverse(d.unwrap_or("")), "")
        }
        match by {
            SortBy::Date => newest(self.date.as_deref()),
            SortBy::Updated => newest(self.updated.as_deref()),
            SortBy::Title => (false, Reverse(""), &self.title),
            SortBy::Slug => (false, Reverse(""), &self.slug),
            SortBy::Weight => (false, Reverse(""), ""),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::content::walk::SourceFile;
    use crate::content::Site;

    fn order(sort_by: &str) -> Vec<String> {
        let section = format!("---\ntitle: News\n{sort_by}---\n");
        let files = [
            SourceFile::new("content/_index.md", ""),
            SourceFile::new("content/news/_index.md", section),
            SourceFile::new(
                "content/news/a.md",
                "---\ntitle: A first\ndate: 2024-01-10\nweight: 3\n---\n",
            ),
            SourceFile::new(
                "content/news/z.md",
                "---\ntitle: Zeta\ndate: 2024-06-20\nupdated: 2024-06-21\nweight: 1\n---\n",
            ),
            SourceFile::new(
                "content/news/u.md",
                "---\ntitle: Undated\nweight: 2\nupdated: 2025-01-01\n---\n",
            ),
        ];
        let (site, _) = Site::build(&files, false, &[]);
        let news = site.by_content_path["news/_index.md"];
        site.pages[news]
            .children
            .iter()
            .map(|&c| site.pages[c].title.clone())
            .collect()
    }

    #[test]
    fn sections_order_by_weight_or_by_their_sort_by() {
        assert_eq!(order(""), ["Zeta", "Undated", "A first"]);
        assert_eq!(order("sort_by: date\n"), ["Zeta", "A first", "Undated"]);
        assert_eq!(order("sort_by: updated\n"), ["Undated", "Zeta", "A first"]);
        assert_eq!(order("sort_by: title\n"), ["A first", "Undated", "Zeta"]);
    }
}
