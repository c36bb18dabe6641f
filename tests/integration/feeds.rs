//! Issue 24: `sitemap.xml` past the protocol's 50,000 URLs becomes a sitemap
//! index of files within the limits; `atom.xml` holds the newest
//! `feed_limit` entries, summaries unless `feed_full_text`; sections may ask
//! for a feed of their own.

use std::collections::BTreeSet;

use crate::support::SiteTest;

/// The sitemap protocol's limits per file (sitemaps.org).
const MAX_URLS: usize = 50_000;
const MAX_BYTES: usize = 50 * 1024 * 1024;
const ORIGIN: &str = "https://kb.example.org/docs/";

/// Every `<loc>` of an XML document, checking it parses.
fn locs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_site_past_50000_urls_gets_a_sitemap_index_of_valid_files() {
    // Tiny pages, search off: the point is the number of URLs.
    let site = SiteTest::fixture("minimal");
    site.write(
        "kurator.yaml",
        &format!("title: Big\nbase_url: {ORIGIN}\nlanguage: en\nsearch:\n  enabled: false\ntaxonomies: []\n"),
    );
    site.remove("content/guide");
    let (sections, per_section) = (501, 100);
    for s in 0..sections {
        site.write(
            &format!("content/s{s}/_index.md"),
            &format!("---\ntitle: S{s}\n---\n"),
        );
        for p in 0..per_section {
            site.write(
                &format!("content/s{s}/p{p}.md"),
                &format!(
                    "---\ntitle: P{p}\ndate: 2026-0{}-1{}\n---\nx\n",
                    1 + p % 9,
                    p % 10
                ),
            );
        }
    }
    // A URL that needs escaping in XML.
    site.write("content/s0/a&b.md", "---\ntitle: A and B\n---\nx\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let index = site.read("public/sitemap.xml");
    assert!(
        index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"),
        "{}",
        &index[..300.min(index.len())]
    );
    let files = locs(&index);
    assert!(files.len() >= 2, "{files:?}");
    let mut urls = BTreeSet::new();
    for (n, file_url) in files.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        assert_eq!(
            file_url,
            &format!("{ORIGIN}{name}"),
            "the index lists absolute URLs"
        );
        let xml = site.read(&format!("public/{name}"));
        assert!(xml.len() <= MAX_BYTES, "{name} is {} bytes", xml.len());
        let in_file = locs(&xml);
        assert!(
            in_file.len() <= MAX_URLS,
            "{name} has {} URLs",
            in_file.len()
        );
        for url in in_file {
            assert!(url.starts_with(ORIGIN), "{url} is absolute");
            assert!(urls.insert(url.clone()), "{url} listed twice");
        }
    }
    let pages = sections * (per_section + 1) + 2; // sections, pages, a&b, home
    assert!(
        urls.len() >= pages && urls.len() > MAX_URLS,
        "{} URLs",
        urls.len()
    );
    assert!(
        urls.contains(&format!("{ORIGIN}s0/a&b/")),
        "escaped and read back"
    );
    assert!(site
        .read("public/sitemap-1.xml")
        .contains("<lastmod>2026-01-10</lastmod>"));
    assert!(site
        .read("public/robots.txt")
        .contains(&format!("Sitemap: {ORIGIN}sitemap.xml")));
}

/// A site with `n` dated pages in `news/` (newest last) and one in `guide/`.
fn dated_site(n: usize, config_extra: &str) -> SiteTest {
    let site = SiteTest::fixture("minimal");
    let config = site.read("kurator.yaml");
    site.write("kurator.yaml", &format!("{config}{config_extra}"));
    site.write(
        "content/news/_index.md",
        "---\ntitle: News\nfeed: true\n---\n",
    );
    for i in 0..n {
        site.write(
            &format!("content/news/n{i:02}.md"),
            &format!(
                "---\ntitle: Item {i:02}\ndescription: About item {i:02}.\ndate: 2026-{:02}-{:02}\n---\nBody **{i:02}** & more.\n",
                1 + i / 28,
                1 + i % 28
            ),
        );
    }
    // The fixture's one dated page, undated here so the counts are this site's.
    let steps = site.read("content/guide/first-steps.md");
    site.write(
        "content/guide/first-steps.md",
        &steps.replace("date: 2026-01-15\n", ""),
    );
    site.write(
        "content/guide/dated.md",
        "---\ntitle: Guide page\ndate: 2025-06-01\n---\nOld.\n",
    );
    site
}

fn entry_titles(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed feed");
    doc.descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            e.children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

#[test]
fn the_feed_holds_the_newest_50_by_default_with_summaries() {
    let site = dated_site(60, "");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let feed = site.read("public/atom.xml");
    let titles = entry_titles(&feed);
    assert_eq!(titles.len(), 50);
    assert_eq!(titles[0], "Item 59", "newest first");
    assert_eq!(titles[49], "Item 10");
    assert!(feed.contains("<summary>About item 59.</summary>"));
    assert!(!feed.contains("<content"), "no full text unless asked");
}

#[test]
fn feed_limit_zero_keeps_all_and_full_text_adds_the_html() {
    let site = dated_site(60, "feed_limit: 0\nfeed_full_text: true\n");
    assert_eq!(site.run(&["build"]).code, 0);
    let feed = site.read("public/atom.xml");
    let titles = entry_titles(&feed);
    assert_eq!(titles.len(), 61, "every dated page");
    assert_eq!(titles.last().unwrap(), "Guide page", "oldest last");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let content = doc
        .descendants()
        .find(|n| n.has_tag_name("content"))
        .expect("full text");
    assert_eq!(content.attribute("type"), Some("html"));
    assert!(
        content.text().unwrap().contains("<strong>59</strong>"),
        "{:?}",
        content.text()
    );
}

#[test]
fn a_section_asks_for_its_own_feed_of_its_pages() {
    let site = dated_site(3, "feed_limit: 2\n");
    assert_eq!(site.run(&["build"]).code, 0);
    let section = site.read("public/news/atom.xml");
    assert_eq!(
        entry_titles(&section),
        ["Item 02", "Item 01"],
        "limit applies"
    );
    assert!(
        section.contains("<link href=\"https://example.com/kb/news/atom.xml\" rel=\"self\""),
        "{section}"
    );
    assert!(
        !site.path("public/guide/atom.xml").exists(),
        "only sections that ask"
    );
    // A file of the author's at that path wins, with a warning naming both.
    site.write("content/news/atom.xml", "<feed/>");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("news/atom.xml") && run.stderr.contains("feed of the section"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("public/news/atom.xml"), "<feed/>");
}
