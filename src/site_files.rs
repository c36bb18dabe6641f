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

/// What one sitemap file may hold, per the sitemap protocol
/// (sitemaps.org): 50,000 URLs and 50 MB uncompressed.
#[derive(Debug, Clone, Copy)]
pub struct SitemapLimits {
    pub urls: usize,
    pub bytes: usize,
}

impl SitemapLimits {
    pub const PROTOCOL: SitemapLimits = SitemapLimits {
        urls: 50_000,
        bytes: 50 * 1024 * 1024,
    };
}

/// A sitemap file to write at the site root.
#[derive(Debug, Clone, PartialEq)]
pub struct SitemapFile {
    pub name: String,
    pub xml: String,
}

const URLSET_OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";

/// `sitemap.xml` alone while the site fits one file; past the limits,
/// `sitemap.xml` becomes a sitemap index of `sitemap-1.xml`, `sitemap-2.xml`,
/// … each within the limits. `absolute` turns a root file name into the
/// URL the index lists. URLs must already be absolute where the site has an
/// origin.
pub fn sitemaps(
    entries: &[SitemapEntry<'_>],
    limits: SitemapLimits,
    absolute: impl Fn(&str) -> String,
) -> Vec<SitemapFile> {
    let mut chunks: Vec<(String, Option<&str>)> = Vec::new();
    let mut current = String::from(URLSET_OPEN);
    let mut count = 0;
    let mut newest: Option<&str> = None;
    for e in entries {
        let url = sitemap_url(e);
        let full = current.len() + url.len() + URLSET_CLOSE.len() > limits.bytes;
        if count > 0 && (count == limits.urls || full) {
            current.push_str(URLSET_CLOSE);
            chunks.push((
                std::mem::replace(&mut current, String::from(URLSET_OPEN)),
                newest,
            ));
            count = 0;
            newest = None;
        }
        current.push_str(&url);
        count += 1;
        newest = newest.max(e.lastmod.map(day));
    }
    current.push_str(URLSET_CLOSE);
    chunks.push((current, newest));
    if chunks.len() == 1 {
        let (xml, _) = chunks.remove(0);
        return vec![SitemapFile {
            name: "sitemap.xml".into(),
            xml,
        }];
    }
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut files = Vec::with_capacity(chunks.len() + 1);
    for (n, (xml, newest)) in chunks.into_iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = write!(
            index,
            "  <sitemap>\n    <loc>{}</loc>\n",
            xml_text(&absolute(&name))
        );
        if let Some(date) = newest {
            let _ = writeln!(index, "    <lastmod>{}</lastmod>", xml_text(date));
        }
        index.push_str("  </sitemap>\n");
        files.push(SitemapFile { name, xml });
    }
    index.push_str("</sitemapindex>\n");
    files.insert(
        0,
        SitemapFile {
            name: "sitemap.xml".into(),
            xml: index,
        },
    );
    files
}

/// The date part of a front matter date (the sitemap's `lastmod` is W3C
/// datetime; the day is enough and never carries a bad offset).
fn day(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}

fn sitemap_url(e: &SitemapEntry<'_>) -> String {
    let mut out = format!("  <url>\n    <loc>{}</loc>\n", xml_text(e.url));
    if let Some(date) = e.lastmod {
        let _ = writeln!(out, "    <lastmod>{}</lastmod>", xml_text(day(date)));
    }
    out.push_str("  </url>\n");
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
    /// The page's HTML, when the site asks for full text in its feeds.
    pub content: Option<&'a str>,
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
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <published>{}</published>\n    <updated>{}</updated>\n    <summary>{}</summary>\n",
            xml_text(e.title), xml_text(e.url), xml_text(e.url), rfc3339(e.date), rfc3339(e.updated.unwrap_or(e.date)), xml_text(e.summary)
        );
        if let Some(html) = e.content {
            let _ = writeln!(
                out,
                "    <content type=\"html\">{}</content>",
                xml_text(html)
            );
        }
        out.push_str("  </entry>\n");
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
/// `title` is the interface's word for it (`redirect.title`).
pub fn redirect_page(language: &str, title: &str, target: &str) -> String {
    let t = escape_attr(target);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<link rel=\"canonical\" href=\"{t}\">\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n</head>\n<body>\n<p><a href=\"{t}\">{t}</a></p>\n</body>\n</html>\n",
        escape_attr(language),
        escape_attr(title)
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

    fn entries(urls: &[String]) -> Vec<SitemapEntry<'_>> {
        urls.iter()
            .enumerate()
            .map(|(i, url)| SitemapEntry {
                url,
                lastmod: (i % 2 == 0).then_some("2026-03-01"),
            })
            .collect()
    }

    #[test]
    fn past_the_limits_the_sitemap_becomes_an_index_of_files_within_them() {
        let urls: Vec<String> = (0..7).map(|i| format!("https://e.com/p{i}/")).collect();
        let absolute = |name: &str| format!("https://e.com/kb/{name}");
        let by_count = SitemapLimits {
            urls: 3,
            bytes: usize::MAX,
        };
        let files = sitemaps(&entries(&urls), by_count, absolute);
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = &files[0].xml;
        assert!(index.contains("<sitemapindex"), "{index}");
        assert_eq!(index.matches("<sitemap>").count(), 3);
        assert!(index.contains("<loc>https://e.com/kb/sitemap-2.xml</loc>"));
        let counts: Vec<usize> = files[1..]
            .iter()
            .map(|f| f.xml.matches("<url>").count())
            .collect();
        assert_eq!(counts, [3, 3, 1], "every URL once, in order");
        assert!(files[3].xml.contains("https://e.com/p6/"));
        // By size: no file over the limit, however many URLs that leaves in each.
        let one_url = sitemaps(&entries(&urls[..1]), SitemapLimits::PROTOCOL, absolute)[0]
            .xml
            .len();
        let by_size = SitemapLimits {
            urls: 50_000,
            bytes: one_url + 120,
        };
        let files = sitemaps(&entries(&urls), by_size, absolute);
        assert!(files.len() > 2);
        assert!(files[1..].iter().all(|f| f.xml.len() <= by_size.bytes));
        assert_eq!(
            files[1..]
                .iter()
                .map(|f| f.xml.matches("<url>").count())
                .sum::<usize>(),
            7
        );
        // At the limit exactly: still one plain sitemap.
        let exact = SitemapLimits {
            urls: 7,
            bytes: usize::MAX,
        };
        assert_eq!(sitemaps(&entries(&urls), exact, absolute).len(), 1);
    }

    #[test]
    fn sitemap_robots_feed_redirect() {
        let files = sitemaps(
            &[SitemapEntry {
                url: "https://e.com/a/",
                lastmod: Some("2026-01-02"),
            }],
            SitemapLimits::PROTOCOL,
            |name| format!("https://e.com/{name}"),
        );
        assert_eq!(files.len(), 1);
        let s = &files[0].xml;
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
                content: None,
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
                content: Some("<p>a\u{1}&b</p>"),
            }],
        );
        assert!(f.contains("<title>Tx</title>") && f.contains("<title>ab</title>"));
        assert!(
            f.contains("<published>2026-01-02T10:00:00Z</published>"),
            "{f}"
        );
        let doc = roxmltree::Document::parse(&f).unwrap();
        let content = doc
            .descendants()
            .find(|n| n.has_tag_name("content"))
            .unwrap();
        assert_eq!(
            content.text(),
            Some("<p>a&b</p>"),
            "full text is escaped HTML"
        );
        let s = sitemaps(
            &[SitemapEntry {
                url: "https://e.com/\u{2}a/",
                lastmod: Some("2026-01-02T10:00:00Z"),
            }],
            SitemapLimits::PROTOCOL,
            ToString::to_string,
        );
        roxmltree::Document::parse(&s[0].xml).unwrap();
        let r = redirect_page("ru", "Переадресация", "/new/\"x");
        assert!(r.contains("url=/new/&quot;x"));
    }
}
