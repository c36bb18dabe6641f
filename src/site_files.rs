//! The files around the pages: sitemap, robots.txt, Atom feed, alias
//! redirects, and the rewrite of links for the offline `--relative` build.
//! Pure string builders, tested without a disk.

use std::fmt::Write as _;

use crate::content::front_matter::parse_date;
use crate::html::escape as escape_attr;

/// Text for an XML file: characters XML 1.0 forbids (C0 controls other than
/// tab and line breaks, U+FFFE, U+FFFF) are dropped, then `<>&"'` escaped.
/// A `\x01` in a page title once made `atom.xml` unreadable to every feed
/// reader (issue 17 item 8). Every XML file Kurator writes goes through here.
pub fn xml_text(text: &str) -> String {
    if text.chars().all(is_xml_char) {
        return escape_attr(text);
    }
    let kept: String = text.chars().filter(|&c| is_xml_char(c)).collect();
    escape_attr(&kept)
}

/// The `Char` production of XML 1.0 (a Rust `char` is never a surrogate).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// One URL in the sitemap.
pub struct SitemapEntry<'a> {
    pub url: &'a str,
    pub lastmod: Option<&'a str>,
}

/// `sitemap.xml`; URLs must already be absolute where the site has an origin.
pub fn sitemap(entries: &[SitemapEntry<'_>]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for e in entries {
        let _ = write!(out, "  <url>\n    <loc>{}</loc>\n", xml_text(e.url));
        if let Some(date) = e.lastmod {
            let _ = writeln!(
                out,
                "    <lastmod>{}</lastmod>",
                xml_text(date.get(..10).unwrap_or(date))
            );
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt` naming the sitemap.
pub fn robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

/// One dated page in the feed.
pub struct FeedEntry<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub date: &'a str,
    pub updated: Option<&'a str>,
    pub summary: &'a str,
}

/// An Atom feed; `entries` newest first.
pub fn atom(
    title: &str,
    site_url: &str,
    feed_url: &str,
    language: &str,
    entries: &[FeedEntry<'_>],
) -> String {
    let updated = entries
        .iter()
        .map(|e| e.updated.unwrap_or(e.date))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), rfc3339);
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n  <link href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}</updated>\n  <generator>Kurator</generator>\n",
        xml_text(language), xml_text(title), xml_text(feed_url), xml_text(site_url), xml_text(site_url), updated
    );
    for e in entries {
        let _ = write!(
            out,
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <published>{}</published>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            xml_text(e.title), xml_text(e.url), xml_text(e.url), rfc3339(e.date), rfc3339(e.updated.unwrap_or(e.date)), xml_text(e.summary)
        );
    }
    out.push_str("</feed>\n");
    out
}

/// A front matter date as RFC 3339 (`2026-01-02` → `2026-01-02T00:00:00Z`,
/// a time without an offset is read as UTC). Dates were checked when the
/// page was read; one that is not a date here becomes the epoch rather
/// than invalid feed XML.
fn rfc3339(date: &str) -> String {
    parse_date(date).map_or_else(|_| "1970-01-01T00:00:00Z".to_string(), |t| t.0)
}

/// A page that sends the reader from an old URL to the new one.
pub fn redirect_page(language: &str, target: &str) -> String {
    let t = escape_attr(target);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Redirect</title>\n<link rel=\"canonical\" href=\"{t}\">\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n</head>\n<body>\n<p><a href=\"{t}\">{t}</a></p>\n</body>\n</html>\n",
        escape_attr(language)
    )
}

/// Rewrites every internal link of an HTML page written at `depth` folders
/// below the output root into a relative path, ending folder links with
/// `index.html`, so the site works opened from disk. Internal links are the
/// attribute values (`href`, `src`, `action`, `data-*`) that start with
/// `base_path`.
pub fn relativize(html: &str, base_path: &str, depth: usize) -> String {
    let prefix = "../".repeat(depth);
    let needle = format!("=\"{base_path}");
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let attr_start = rest[..i]
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |j| j + 1);
        let attr = &rest[attr_start..i];
        let value_start = i + needle.len();
        let value_end = rest[value_start..]
            .find('"')
            .map_or(rest.len(), |j| value_start + j);
        out.push_str(&rest[..i + 2]);
        let path = &rest[value_start..value_end];
        if matches!(attr, "href" | "src" | "action" | "poster") || attr.starts_with("data-") {
            if attr == "data-root" {
                out.push_str(if prefix.is_empty() { "./" } else { &prefix });
                out.push_str(path);
            } else {
                out.push_str(&relative_target(&prefix, path));
            }
        } else {
            out.push_str(base_path);
            out.push_str(path);
        }
        rest = &rest[value_end..];
    }
    out.push_str(rest);
    out
}

fn relative_target(prefix: &str, path: &str) -> String {
    let split = path.find(['#', '?']).unwrap_or(path.len());
    let (file, tail) = path.split_at(split);
    let mut target = String::with_capacity(prefix.len() + path.len() + 12);
    target.push_str(prefix);
    // At the output root a first segment with `:` would read as a scheme:
    // a page with `slug: "javascript:alert(1)"` must not become
    // `href="javascript:alert(1)/index.html"` (RFC 3986, section 4.2).
    if prefix.is_empty() && file.split('/').next().is_some_and(|s| s.contains(':')) {
        target.push_str("./");
    }
    target.push_str(file);
    if file.is_empty() || file.ends_with('/') {
        target.push_str("index.html");
    }
    target.push_str(tail);
    if target.is_empty() {
        target.push_str("index.html");
    }
    target
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relativize_links_by_depth() {
        let html = r#"<html data-root="/kb/"><a href="/kb/">home</a><a href="/kb/kpi/#ltv">x</a><img src="/kb/static/a.png"><link rel="canonical" href="https://e.com/kb/x/"><meta content="/kb/x"><a href="https://e.com/kb/">e</a>"#;
        let out = relativize(html, "/kb/", 2);
        assert_eq!(
            out,
            r#"<html data-root="../../"><a href="../../index.html">home</a><a href="../../kpi/index.html#ltv">x</a><img src="../../static/a.png"><link rel="canonical" href="https://e.com/kb/x/"><meta content="/kb/x"><a href="https://e.com/kb/">e</a>"#
        );
        assert_eq!(
            relativize(r#"<a href="/">h</a><html data-root="/">"#, "/", 0),
            r#"<a href="index.html">h</a><html data-root="./">"#
        );
    }

    /// Issue 9: a root-level page named like a scheme stays a relative path.
    #[test]
    fn relative_links_never_read_as_a_scheme() {
        let html = r#"<a href="/javascript:alert(1)/">x</a><a href="/a/b:c/">y</a>"#;
        assert_eq!(
            relativize(html, "/", 0),
            r#"<a href="./javascript:alert(1)/index.html">x</a><a href="a/b:c/index.html">y</a>"#
        );
        assert_eq!(
            relativize(html, "/", 1),
            r#"<a href="../javascript:alert(1)/index.html">x</a><a href="../a/b:c/index.html">y</a>"#
        );
    }

    #[test]
    fn sitemap_robots_feed_redirect() {
        let s = sitemap(&[SitemapEntry {
            url: "https://e.com/a/",
            lastmod: Some("2026-01-02"),
        }]);
        assert!(
            s.contains("<loc>https://e.com/a/</loc>")
                && s.contains("<lastmod>2026-01-02</lastmod>")
        );
        assert_eq!(
            robots("https://e.com/sitemap.xml"),
            "User-agent: *\nAllow: /\n\nSitemap: https://e.com/sitemap.xml\n"
        );
        let f = atom(
            "T & C",
            "https://e.com/",
            "https://e.com/atom.xml",
            "ru",
            &[FeedEntry {
                title: "<b>",
                url: "https://e.com/a/",
                date: "2026-01-02",
                updated: None,
                summary: "s",
            }],
        );
        assert!(
            f.contains("<title>T &amp; C</title>")
                && f.contains("<title>&lt;b&gt;</title>")
                && f.contains("<updated>2026-01-02T00:00:00Z</updated>")
        );
        let f = atom(
            "T\u{1}\u{b}x",
            "https://e.com/",
            "https://e.com/atom.xml",
            "ru",
            &[FeedEntry {
                title: "a\u{0}b\u{fffe}",
                url: "https://e.com/a/",
                date: "2026-01-02 10:00:00",
                updated: None,
                summary: "s\u{1f}",
            }],
        );
        assert!(f.contains("<title>Tx</title>") && f.contains("<title>ab</title>"));
        assert!(
            f.contains("<published>2026-01-02T10:00:00Z</published>"),
            "{f}"
        );
        roxmltree::Document::parse(&f).unwrap();
        let s = sitemap(&[SitemapEntry {
            url: "https://e.com/\u{2}a/",
            lastmod: Some("2026-01-02T10:00:00Z"),
        }]);
        roxmltree::Document::parse(&s).unwrap();
        let r = redirect_page("ru", "/new/\"x");
        assert!(r.contains("url=/new/&quot;x"));
    }
}
