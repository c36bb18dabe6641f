//! The left section tree: which entries a section shows, and splicing the
//! tree (rendered once per section) into each page with the current page
//! marked.

use std::collections::HashSet;

use crate::content::{Site, HOME};
use crate::templates::view::NavItem;

/// What templates print for `nav_html`; the section tree is spliced in
/// after rendering, so its (large) HTML is never copied through Tera. NUL
/// never comes out of Markdown or escaped text, so it cannot clash.
pub(super) const NAV_MARKER: &str = "\u{0}kurator-nav\u{0}";

/// Puts the section tree where the template printed `nav_html`, marking the
/// link to the current page with `aria-current`.
///
/// In place: only what follows the tree (the footer) is copied aside, so a
/// very large page is not held twice (issue 24), and the tree is written
/// straight into the page.
pub(super) fn splice_nav(mut rendered: Vec<u8>, nav: &str, current_url: &str) -> Vec<u8> {
    let marker = NAV_MARKER.as_bytes();
    let Some(at) = find_bytes(&rendered, marker) else {
        return rendered;
    };
    let tail = rendered[at + marker.len()..].to_vec();
    rendered.truncate(at);
    write_marked(&mut rendered, nav, current_url);
    rendered.extend_from_slice(&tail);
    rendered
}

/// Writes the section tree with the current page's link marked.
fn write_marked(out: &mut Vec<u8>, nav: &str, url: &str) {
    let needle = format!("<a href=\"{url}\"");
    match (url.is_empty(), nav.find(&needle)) {
        (false, Some(i)) => {
            out.extend_from_slice(&nav.as_bytes()[..i]);
            out.extend_from_slice(b"<a aria-current=\"page\" href=\"");
            out.extend_from_slice(url.as_bytes());
            out.push(b'"');
            out.extend_from_slice(&nav.as_bytes()[i + needle.len()..]);
        }
        _ => out.extend_from_slice(nav.as_bytes()),
    }
}

/// First position of `needle` in `haystack`.
fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// The section tree as seen from section `current`: top-level entries, and
/// the children of every section on the path from home to `current`.
///
/// A section with more than [`MAX_LISTED_SECTIONS`] sub-sections lists only
/// the one on the trail when it is an ancestor (its own page lists them
/// all): otherwise every page of a site with thousands of sections would
/// carry them all, and output would grow with the square of the site.
pub fn nav_items(site: &Site, current: usize, base_path: &str) -> Vec<NavItem> {
    let mut trail = site.ancestors(current);
    trail.push(current);
    let open: HashSet<usize> = trail.into_iter().collect();
    let mut items = Vec::new();
    fn walk(
        site: &Site,
        section: usize,
        depth: usize,
        open: &HashSet<usize>,
        base: &str,
        items: &mut Vec<NavItem>,
        current: usize,
    ) {
        let children = &site.pages[section].children;
        let crowded = section != current
            && children
                .iter()
                .filter(|&&c| site.pages[c].is_section)
                .count()
                > MAX_LISTED_SECTIONS;
        let shown: Vec<usize> = children
            .iter()
            .copied()
            .filter(|&c| !(crowded && site.pages[c].is_section && !open.contains(&c)))
            .collect();
        let offsets = summary_offsets(site, section, &shown);
        for (k, &c) in shown.iter().enumerate() {
            let page = &site.pages[c];
            let expand = page.is_section && open.contains(&c) && !page.children.is_empty();
            let (offset, next) = (offsets[k], offsets.get(k + 1).copied().unwrap_or(0));
            items.push(NavItem {
                // Hugo's `linkTitle`: the shorter name menus use.
                title: page
                    .front
                    .link_title
                    .clone()
                    .unwrap_or_else(|| page.title.clone()),
                url: format!("{base}{}", page.url),
                depth: depth + offset,
                is_section: page.is_section,
                active: open.contains(&c),
                // The chapters `SUMMARY.md` nests under this one follow it.
                opens: expand || next > offset,
                closes: 0,
                part: page.defaults.part_start.clone(),
                separator: page.defaults.after_separator,
            });
            if expand {
                walk(site, c, depth + offset + 1, open, base, items, current);
                if let Some(last) = items.last_mut() {
                    last.closes += 1;
                }
            }
            if let Some(last) = items.last_mut() {
                last.closes += offset.saturating_sub(next);
            }
        }
    }
    walk(site, HOME, 0, &open, base_path, &mut items, current);
    items
}

/// How deep each of a section's shown children sits below it by an
/// mdBook's `SUMMARY.md` (0 for every page of other sites): a flat book's
/// `ch04-01.md` nests under `ch04-00.md`. Each is at most one deeper than
/// the one before, and a section that expands its own children nests
/// nothing under it (its list is open already).
fn summary_offsets(site: &Site, section: usize, shown: &[usize]) -> Vec<usize> {
    let base = if section == HOME {
        0
    } else {
        site.pages[section]
            .defaults
            .summary_depth
            .map_or(0, |d| d + 1)
    };
    let mut offsets = Vec::with_capacity(shown.len());
    let mut ceiling = 0;
    for &c in shown {
        let page = &site.pages[c];
        let wanted = page
            .defaults
            .summary_depth
            .map_or(0, |d| d.saturating_sub(base));
        let offset = wanted.min(ceiling);
        offsets.push(offset);
        ceiling = if page.is_section { offset } else { offset + 1 };
    }
    offsets
}

/// How many sub-sections an ancestor lists in the section tree.
pub(super) const MAX_LISTED_SECTIONS: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::walk::SourceFile;

    #[test]
    fn crowded_ancestors_list_only_the_trail() {
        let mut files = vec![SourceFile::new("content/_index.md", String::new())];
        for n in 0..150 {
            files.push(SourceFile::new(
                format!("content/s{n:03}/_index.md"),
                String::new(),
            ));
            files.push(SourceFile::new(
                format!("content/s{n:03}/p.md"),
                String::new(),
            ));
        }
        let (site, _) = Site::build(&files, false, &[]);
        let s5 = site.by_content_path["s005/_index.md"];
        let urls: Vec<String> = nav_items(&site, s5, "/")
            .into_iter()
            .map(|i| i.url)
            .collect();
        assert_eq!(urls, ["/s005/", "/s005/p/"]);
        assert_eq!(nav_items(&site, HOME, "/").len(), 150);
    }

    #[test]
    fn nav_expands_the_current_trail_only() {
        let site = Site::from_paths(&[
            "_index.md",
            "a/_index.md",
            "a/p.md",
            "a/b/_index.md",
            "a/b/q.md",
            "c/_index.md",
            "c/r.md",
        ]);
        let b = site.by_content_path["a/b/_index.md"];
        let items = nav_items(&site, b, "/");
        let shape: Vec<(String, usize, bool, usize)> = items
            .iter()
            .map(|i| (i.url.clone(), i.depth, i.opens, i.closes))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("/a/".into(), 0, true, 0),
                ("/a/b/".into(), 1, true, 0),
                ("/a/b/q/".into(), 2, false, 1),
                ("/a/p/".into(), 1, false, 1),
                ("/c/".into(), 0, false, 0),
            ]
        );
    }

    #[test]
    fn nav_is_spliced_with_the_current_page_marked_once() {
        let nav = "<a href=\"/a/\">A</a><a href=\"/a/b/\">B</a>";
        let page = format!("<body>{NAV_MARKER}</body>").into_bytes();
        assert_eq!(
            String::from_utf8(splice_nav(page, nav, "/a/")).unwrap(),
            "<body><a aria-current=\"page\" href=\"/a/\">A</a><a href=\"/a/b/\">B</a></body>"
        );
        let untouched = b"<body>no nav</body>".to_vec();
        assert_eq!(splice_nav(untouched.clone(), nav, "/a/"), untouched);
    }
}
