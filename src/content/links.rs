//! Resolving links written in content: relative `.md` paths become page
//! URLs (keeping `#anchor`), relative file paths become the URL of the copied
//! file, external links stay as they are. Pure lookups over the site model.

use std::collections::{HashMap, HashSet};

use super::Site;

/// What a link in content points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A page of the site: the rewritten href and the anchor to check.
    Page {
        page: usize,
        anchor: Option<String>,
        href: String,
    },
    /// A file copied from `content/`.
    Asset { href: String },
    /// `#anchor` on the same page.
    SamePage { anchor: String },
    /// Left as written: other schemes, site-absolute paths, queries.
    Unchanged,
    /// A scheme that runs code (`javascript:`); replaced by `#`.
    Unsafe,
    /// A relative link to nothing.
    Missing { target: String },
}

/// Looks up link targets; built once per build and shared by all pages.
#[derive(Debug, Default)]
pub struct LinkResolver {
    base_path: String,
    /// How heading ids are spelled, so `#anchor` links written for the
    /// site's tool keep working (`markdown::headings::slug`).
    heading_ids: HeadingIds,
    pages: HashMap<String, (usize, String)>,
    assets: HashSet<String>,
    /// Content folder → URL of the page or section that owns it.
    folder_urls: HashMap<String, String>,
    /// Page titles by page index, for link texts written by Kurator.
    titles: Vec<String>,
    /// Sources that exist but could not be read or parsed (reported on
    /// their own): a link to one is left as written, not called missing.
    unreadable: HashSet<String>,
}

/// [`LinkResolver::resolve_note`] over any content paths: `paths` are
/// pages' (or, with `file`, files') content paths.
pub fn find_note<'p>(
    name: &str,
    file: bool,
    paths: impl Iterator<Item = &'p String>,
) -> Option<(String, Vec<String>)> {
    let name = name.trim().trim_start_matches("./").to_lowercase();
    if name.is_empty() {
        return None;
    }
    let wanted = if file || name.ends_with(".md") {
        vec![name]
    } else {
        vec![
            format!("{name}.md"),
            format!("{name}/_index.md"),
            format!("{name}/index.md"),
        ]
    };
    let matches = |path: &str| {
        let lower = path.to_lowercase();
        wanted
            .iter()
            .any(|w| lower == *w || lower.ends_with(&format!("/{w}")))
    };
    let mut found: Vec<String> = paths.filter(|p| matches(p)).cloned().collect();
    found.sort_by(|a, b| {
        a.matches('/')
            .count()
            .cmp(&b.matches('/').count())
            .then(a.cmp(b))
    });
    let mut found = found.into_iter();
    let first = found.next()?;
    Some((first, found.collect()))
}

/// The rule that turns a heading's text into its id (`heading_ids:` in
/// `kurator.yaml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadingIds {
    /// Kurator's: words joined by single dashes, punctuation dropped.
    #[default]
    Kurator,
    /// mdBook's: every space a dash, punctuation dropped, so «`+` or
    /// `format!`» gives `--or-format` (issue 21: existing deep links).
    MdBook,
}

impl LinkResolver {
    /// Heading ids follow `rule`.
    pub fn with_heading_ids(mut self, rule: HeadingIds) -> Self {
        self.heading_ids = rule;
        self
    }

    /// How heading ids are spelled on this site.
    pub fn heading_ids(&self) -> HeadingIds {
        self.heading_ids
    }

    /// `assets` are content-relative paths of non-Markdown files.
    pub fn new(site: &Site, base_path: &str, assets: impl IntoIterator<Item = String>) -> Self {
        let mut pages = HashMap::with_capacity(site.pages.len());
        let mut folder_urls = HashMap::new();
        for (i, page) in site.pages.iter().enumerate() {
            pages.insert(page.content_path.clone(), (i, page.url.clone()));
            let owns_folder = page.is_section || page.content_path.ends_with("index.md");
            if owns_folder {
                folder_urls.insert(page.dir.clone(), page.url.clone());
            }
        }
        LinkResolver {
            base_path: base_path.to_string(),
            heading_ids: HeadingIds::Kurator,
            titles: site.pages.iter().map(|p| p.title.clone()).collect(),
            pages,
            assets: assets.into_iter().collect(),
            folder_urls,
            unreadable: HashSet::new(),
        }
    }

    /// The content path an Obsidian-style `[[name]]` means (issue 21): the
    /// page (or, for `![[…]]`, the file) whose path is `name` or ends with
    /// `/name`, `.md` optional, case ignored; of several, the one with the
    /// shortest path, the way Obsidian resolves a note name. Returns it and
    /// the other candidates, or `None`.
    pub fn resolve_note(&self, name: &str, file: bool) -> Option<(String, Vec<String>)> {
        if file {
            find_note(name, true, self.assets.iter())
        } else {
            find_note(name, false, self.pages.keys())
        }
    }

    /// Marks sources that failed to read or parse (see `unreadable`).
    pub fn with_unreadable(mut self, paths: impl IntoIterator<Item = String>) -> Self {
        self.unreadable.extend(paths);
        self
    }

    /// The site path prefix every internal URL starts with (`/` or `/kb/`).
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The title of a page, by index.
    pub fn title(&self, page: usize) -> Option<&str> {
        self.titles.get(page).map(String::as_str)
    }

    /// Where a content file is copied, relative to the output root: beside
    /// the page that owns its folder, so page bundles keep their files.
    pub fn asset_output_path(&self, content_rel: &str) -> String {
        let (dir, name) = match content_rel.rfind('/') {
            Some(i) => (&content_rel[..i], &content_rel[i + 1..]),
            None => ("", content_rel),
        };
        match self.folder_urls.get(dir) {
            Some(url) => format!("{url}{name}"),
            None if dir.is_empty() => name.to_string(),
            None => {
                // A folder below a section: keep its path under the owner's URL.
                let mut owner = dir;
                let mut rest = vec![];
                while let Some(i) = owner.rfind('/') {
                    rest.push(&owner[i + 1..]);
                    owner = &owner[..i];
                    if let Some(url) = self.folder_urls.get(owner) {
                        rest.reverse();
                        return format!("{url}{}/{name}", rest.join("/"));
                    }
                }
                format!("{dir}/{name}")
            }
        }
    }

    /// Resolves `href` written in a page whose source folder is `from_dir`
    /// (content-relative).
    pub fn resolve(&self, from_dir: &str, href: &str) -> Resolved {
        let href = href.trim();
        if let Some(anchor) = href.strip_prefix('#') {
            return Resolved::SamePage {
                anchor: anchor.to_string(),
            };
        }
        if let Some(scheme) = scheme_of(href) {
            let scheme = scheme.to_ascii_lowercase();
            return if matches!(scheme.as_str(), "javascript" | "vbscript" | "data") {
                Resolved::Unsafe
            } else {
                Resolved::Unchanged
            };
        }
        // Zola's internal links: `@/path.md#anchor`, from the content root.
        if let Some(path) = href.strip_prefix("@/") {
            return self.resolve("", path);
        }
        if href.is_empty() || href.starts_with('/') || href.starts_with('?') {
            return Resolved::Unchanged;
        }
        let (path, anchor) = match href.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (href, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let decoded = percent_decode(path);
        let Some(joined) = join(from_dir, &decoded) else {
            return Resolved::Missing {
                target: href.to_string(),
            };
        };
        let candidates: Vec<String> = if joined.ends_with(".md") {
            // An mdBook's `README.md` is built as its folder's `_index.md`.
            let readme = joined
                .strip_suffix("README.md")
                .filter(|dir| dir.is_empty() || dir.ends_with('/'));
            let mut c = vec![joined.clone()];
            c.extend(readme.map(|dir| format!("{dir}_index.md")));
            c
        } else if let Some(stem) = joined
            .strip_suffix(".html")
            .filter(|_| !self.assets.contains(&joined))
        {
            // Markdown written for mdBook links to the page it will build
            // (`chapter.html`, `dir/index.html` for `dir/README.md`).
            let mut c = vec![format!("{stem}.md")];
            if let Some(dir) = stem.strip_suffix("index") {
                if dir.is_empty() || dir.ends_with('/') {
                    c.extend([
                        format!("{dir}README.md"),
                        format!("{dir}_index.md"),
                        format!("{dir}index.md"),
                    ]);
                }
            }
            c
        } else if decoded.ends_with('/') || joined.is_empty() {
            let prefix = if joined.is_empty() {
                String::new()
            } else {
                format!("{joined}/")
            };
            vec![format!("{prefix}_index.md"), format!("{prefix}index.md")]
        } else {
            vec![]
        };
        for candidate in &candidates {
            if let Some((page, url)) = self.pages.get(candidate) {
                let mut href = format!("{}{url}", self.base_path);
                if let Some(a) = &anchor {
                    href.push('#');
                    href.push_str(a);
                }
                return Resolved::Page {
                    page: *page,
                    anchor: anchor.filter(|a| !a.is_empty()),
                    href,
                };
            }
        }
        if self.assets.contains(&joined) {
            let mut href = format!("{}{}", self.base_path, self.asset_output_path(&joined));
            if let Some(a) = &anchor {
                href.push('#');
                href.push_str(a);
            }
            return Resolved::Asset { href };
        }
        if self.unreadable.contains(&joined)
            || candidates.iter().any(|c| self.unreadable.contains(c))
        {
            return Resolved::Unchanged;
        }
        if candidates.is_empty() && !joined.contains('.') {
            // `../kpi` without a slash: a folder link, most likely.
            return self.resolve(
                from_dir,
                &format!(
                    "{path}/{}",
                    anchor.map(|a| format!("#{a}")).unwrap_or_default()
                ),
            );
        }
        Resolved::Missing {
            target: href.to_string(),
        }
    }
}

/// `https:`, `mailto:` …: a scheme is letters, digits, `+-.` before `:`,
/// starting with a letter.
fn scheme_of(href: &str) -> Option<&str> {
    let colon = href.find(':')?;
    let scheme = &href[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(scheme)
}

/// Joins a relative path to a content folder, resolving `.` and `..`.
/// `None` when the path climbs out of `content/`.
pub fn join(from_dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from_dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// `%XX` decoding of a link an author wrote, forgiving: a `%` not followed
/// by two hex digits stays as it is (`100%.md`), and a result that is not
/// UTF-8 leaves the whole link as written, so the missing-link message shows
/// what the author typed. (The server's decoder in `serve/server.rs` is
/// strict instead: there a bad escape is a bad request.)
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), std::borrow::Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver() -> LinkResolver {
        let site = Site::from_paths(&[
            "_index.md",
            "kpi/_index.md",
            "kpi/ltv.md",
            "duties/cycle/index.md",
            "faq.md",
        ]);
        LinkResolver::new(
            &site,
            "/kb/",
            [
                "duties/cycle/chart.png".to_string(),
                "kpi/img/a.png".to_string(),
                "logo.png".to_string(),
            ],
        )
    }

    #[test]
    fn rewrites_md_links_keeping_anchor() {
        let r = resolver();
        match r.resolve("duties", "../kpi/_index.md#ltv") {
            Resolved::Page { href, anchor, .. } => {
                assert_eq!(href, "/kb/kpi/#ltv");
                assert_eq!(anchor.as_deref(), Some("ltv"));
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(r.resolve("kpi", "ltv.md"), Resolved::Page { href, .. } if href == "/kb/kpi/ltv/")
        );
        assert!(matches!(r.resolve("", "kpi/"), Resolved::Page { href, .. } if href == "/kb/kpi/"));
        assert!(matches!(r.resolve("", "kpi"), Resolved::Page { href, .. } if href == "/kb/kpi/"));
        assert!(matches!(r.resolve("kpi", "../"), Resolved::Page { href, .. } if href == "/kb/"));
    }

    #[test]
    fn assets_follow_their_owner() {
        let r = resolver();
        assert_eq!(
            r.resolve("duties/cycle", "chart.png"),
            Resolved::Asset {
                href: "/kb/duties/cycle/chart.png".into()
            }
        );
        assert_eq!(
            r.resolve("kpi", "img/a.png"),
            Resolved::Asset {
                href: "/kb/kpi/img/a.png".into()
            }
        );
        assert_eq!(r.asset_output_path("logo.png"), "logo.png");
    }

    #[test]
    fn missing_external_and_unsafe() {
        let r = resolver();
        assert!(matches!(r.resolve("", "nope.md"), Resolved::Missing { .. }));
        // mdBook's links name the page it builds.
        assert!(
            matches!(r.resolve("kpi", "ltv.html#x"), Resolved::Page { href, .. } if href == "/kb/kpi/ltv/#x")
        );
        assert!(
            matches!(r.resolve("", "kpi/index.html"), Resolved::Page { href, .. } if href == "/kb/kpi/")
        );
        assert!(matches!(
            r.resolve("", "nope.html"),
            Resolved::Missing { .. }
        ));
        let r2 = resolver().with_unreadable(["nope.md".to_string()]);
        assert_eq!(r2.resolve("", "nope.md"), Resolved::Unchanged);
        assert!(matches!(
            r.resolve("", "../../etc/passwd"),
            Resolved::Missing { .. }
        ));
        assert_eq!(r.resolve("", "https://example.com"), Resolved::Unchanged);
        assert_eq!(r.resolve("", "mailto:a@b.c"), Resolved::Unchanged);
        assert_eq!(r.resolve("", "/abs/"), Resolved::Unchanged);
        assert_eq!(r.resolve("", " JavaScript:alert(1)"), Resolved::Unsafe);
        assert_eq!(
            r.resolve("", "#top"),
            Resolved::SamePage {
                anchor: "top".into()
            }
        );
    }

    #[test]
    fn join_stays_inside() {
        assert_eq!(join("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join("", "../x.md"), None);
        assert_eq!(percent_decode("my%20page.md"), "my page.md");
    }
}
