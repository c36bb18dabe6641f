//! The pages around the content: taxonomy lists and terms, 404, search and
//! progress pages, alias redirects, sitemap, robots.txt, the Atom feed and
//! `quizzes.json`.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::{Context, Value};

use super::{splice_nav, RenderPlan, NAV_MARKER};
use crate::build_types::BuildFailure;
use crate::content::{term_slug, HOME};
use crate::diagnostic::Diagnostic;
use crate::output::Sink;
use crate::quiz;
use crate::site_files::{self, FeedEntry, SitemapEntry, SitemapLimits};
use crate::templates::view::{PageLink, PageView, TermLink};

impl RenderPlan<'_> {
    pub(super) fn write_extras(
        &self,
        sink: &dyn Sink,
        nav: &HashMap<usize, String>,
    ) -> Result<usize, BuildFailure> {
        let site = self.site();
        let config = &self.analysis.config;
        let home_nav = nav.get(&HOME).map_or("", String::as_str);
        // Titles of the pages Kurator makes, in the interface's words.
        let texts = &self.analysis.texts;
        let word = |key: &str| texts.word(key);
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut problems = Vec::new();
        let mut extra_urls: Vec<String> = Vec::new();
        let special = |template: &str, title: &str, url: &str| -> Result<Vec<u8>, Diagnostic> {
            let context = self.special_context(title, url);
            self.templates
                .render(template, &context, template)
                .map(|html| splice_nav(html.into_bytes(), home_nav, ""))
        };
        // Taxonomies: a list of terms and a page per term.
        for (name, terms) in &site.taxonomies {
            let term_links: Vec<TermLink> = terms
                .iter()
                .map(|(t, pages)| TermLink {
                    name: t.clone(),
                    url: format!("{}{name}/{}/", self.base_path, term_slug(t)),
                    count: pages.len(),
                })
                .collect();
            let title = if name == "tags" {
                word("taxonomy.tags")
            } else {
                name.clone()
            };
            let list_url = format!("{name}/");
            let mut context = self.special_context(&title, &list_url);
            context.insert(
                "taxonomy",
                &serde_json::json!({ "name": name, "title": title, "terms": term_links }),
            );
            match self
                .templates
                .render("taxonomy_list.html", &context, "taxonomy_list.html")
            {
                Ok(html) => {
                    files.push((
                        format!("{list_url}index.html"),
                        splice_nav(html.into_bytes(), home_nav, ""),
                    ));
                    extra_urls.push(list_url.clone());
                }
                Err(d) => problems.push(d),
            }
            // A term page lists every page with the term: thousands of
            // entries each on a large site, so they render in parallel.
            let term_list: Vec<(&String, &Vec<usize>)> = terms.iter().collect();
            let term_pages: Vec<(String, Result<String, Diagnostic>)> = term_list
                .par_iter()
                .zip(&term_links)
                .map(|(term, link)| {
                    let url = format!("{name}/{}/", term_slug(term.0));
                    let term_title = format!("{title}: {}", term.0);
                    let mut context = self.special_context(&term_title, &url);
                    context.insert(
                        "taxonomy",
                        &serde_json::json!({ "name": name, "title": title }),
                    );
                    context.insert("term", &serde_json::json!({ "name": link.name, "url": link.url, "pages": term.1.iter().map(|&p| self.link(p)).collect::<Vec<_>>() }));
                    let html =
                        self.templates
                            .render("taxonomy_term.html", &context, "taxonomy_term.html");
                    (url, html)
                })
                .collect();
            for (url, html) in term_pages {
                match html {
                    Ok(html) => {
                        files.push((
                            format!("{url}index.html"),
                            splice_nav(html.into_bytes(), home_nav, ""),
                        ));
                        extra_urls.push(url);
                    }
                    Err(d) => problems.push(d),
                }
            }
        }
        // Special pages the theme may provide.
        match special("404.html", &word("not_found.title"), "404.html") {
            Ok(html) => files.push(("404.html".into(), html)),
            Err(d) => problems.push(d),
        }
        for (template, url, title) in [
            ("search.html", "search/", "search.title"),
            ("progress.html", "progress/", "progress.title"),
        ] {
            if self.templates.has(template) {
                match special(template, &word(title), url) {
                    Ok(html) => files.push((format!("{url}index.html"), html)),
                    Err(d) => problems.push(d),
                }
            }
        }
        if !problems.is_empty() {
            return Err(BuildFailure::Content(problems));
        }
        let mut count = 0;
        for (rel, html) in files {
            self.put_html(sink, &rel, html)?;
            count += 1;
        }
        // Alias redirects.
        for (i, page) in site.pages.iter().enumerate() {
            for alias in &page.front.aliases {
                let rel = crate::content::collisions::alias_output(alias);
                let target = if self.options.relative {
                    site_files::relativize(
                        &format!("href=\"{}\"", self.url(i)),
                        &self.base_path,
                        rel.matches('/').count(),
                    )["href=\"".len()..]
                        .trim_end_matches('"')
                        .to_string()
                } else {
                    format!("{}{}", self.origin, self.url(i))
                };
                sink.put(
                    &rel,
                    site_files::redirect_page(&config.language, &word("redirect.title"), &target)
                        .into_bytes(),
                )?;
                count += 1;
            }
        }
        // Sitemap, robots, feed, quiz manifest.
        let absolute = |url: &str| format!("{}{}{url}", self.origin, self.base_path);
        let mut entries_urls: Vec<(String, Option<&str>)> = site
            .reading_order
            .iter()
            .map(|&i| {
                (
                    absolute(&site.pages[i].url),
                    site.pages[i]
                        .front
                        .updated
                        .as_deref()
                        .or(site.pages[i].front.date.as_deref()),
                )
            })
            .collect();
        entries_urls.extend(extra_urls.iter().map(|u| (absolute(u), None)));
        let sitemap_entries: Vec<SitemapEntry<'_>> = entries_urls
            .iter()
            .map(|(u, d)| SitemapEntry {
                url: u,
                lastmod: *d,
            })
            .collect();
        let sitemaps = site_files::sitemaps(&sitemap_entries, SitemapLimits::PROTOCOL, |name| {
            absolute(name)
        });
        count += sitemaps.len() - 1;
        for file in sitemaps {
            sink.put(&file.name, file.xml.into_bytes())?;
        }
        sink.put(
            "robots.txt",
            site_files::robots(&absolute("sitemap.xml")).into_bytes(),
        )?;
        let dated = newest_first(site, 0..site.pages.len());
        sink.put(
            "atom.xml",
            self.feed(&config.title, "", &dated, &absolute)?
                .into_bytes(),
        )?;
        // Sections that ask for a feed of their own (`feed: true`).
        for s in (0..site.pages.len()).filter(|&i| site.pages[i].has_own_feed()) {
            let inside =
                (0..site.pages.len()).filter(|&i| i != s && site.ancestors(i).contains(&s));
            let dated = newest_first(site, inside);
            let title = format!("{} — {}", site.pages[s].title, config.title);
            let path = format!("{}atom.xml", site.pages[s].url);
            sink.put(
                &path,
                self.feed(&title, &site.pages[s].url, &dated, &absolute)?
                    .into_bytes(),
            )?;
            count += 1;
        }
        let entries: Vec<quiz::QuizManifestEntry> = self
            .analysis
            .quizzes
            .iter()
            .flat_map(|q| q.entries.iter().cloned())
            .collect();
        sink.put("quizzes.json", quiz::manifest_json(&entries).into_bytes())?;
        let checklists = super::checklists::manifest(
            &self.analysis.site,
            &self.analysis.rendered,
            &self.base_path,
        );
        sink.put(
            "checklists.json",
            super::checklists::manifest_json(&checklists).into_bytes(),
        )?;
        count += 5;
        Ok(count)
    }

    /// An Atom feed of `dated` (newest first), cut to `feed_limit`, for the
    /// part of the site at `url` (`""` for the whole site).
    fn feed(
        &self,
        title: &str,
        url: &str,
        dated: &[usize],
        absolute: &dyn Fn(&str) -> String,
    ) -> anyhow::Result<String> {
        let site = self.site();
        let config = &self.analysis.config;
        let limit = match config.feed_limit {
            0 => dated.len(),
            n => n.min(dated.len()),
        };
        let urls: Vec<String> = dated[..limit]
            .iter()
            .map(|&i| absolute(&site.pages[i].url))
            .collect();
        // Full text reads each page's HTML back (it may wait in the spill
        // file).
        let html: Vec<std::borrow::Cow<'_, str>> = dated[..limit]
            .iter()
            .map(|&i| match config.feed_full_text {
                true => {
                    crate::spill::html(&self.analysis.rendered[i], &self.analysis.spill)
                }
                false => Ok(std::borrow::Cow::Borrowed("")),
            })
            .collect::<std::io::Result<_>>()
            .map_err(|e| {
                anyhow::anyhow!("cannot read a page's HTML back from the build's temporary file for the feed {url}atom.xml: {e}")
            })?;
        let entries: Vec<FeedEntry<'_>> = dated[..limit]
            .iter()
            .zip(&urls)
            .zip(&html)
            .map(|((&i, page_url), html)| FeedEntry {
                title: &site.pages[i].title,
                url: page_url,
                date: site.pages[i].front.date.as_deref().unwrap_or_default(),
                updated: site.pages[i].front.updated.as_deref(),
                summary: self.description(i),
                content: config.feed_full_text.then_some(html.as_ref()),
            })
            .collect();
        Ok(site_files::atom(
            title,
            &absolute(url),
            &absolute(&format!("{url}atom.xml")),
            &config.language,
            &entries,
        ))
    }

    pub(super) fn special_context(&self, title: &str, url: &str) -> Context {
        let mut context = Context::new();
        context.insert(
            "page",
            &special_view(title, &format!("{}{url}", self.base_path), &self.origin),
        );
        context.insert_value("content", Value::safe_string(""));
        context.insert_value("nav_html", Value::safe_string(NAV_MARKER));
        context.insert("ancestors", &vec![self.link(HOME)]);
        context.insert("section", &self.link(HOME));
        context.insert("prev", &Option::<PageLink>::None);
        context.insert("next", &Option::<PageLink>::None);
        context
    }
}

fn special_view<'a>(title: &'a str, url: &str, origin: &str) -> PageView<'a> {
    static EMPTY: std::sync::OnceLock<std::collections::BTreeMap<String, serde_json::Value>> =
        std::sync::OnceLock::new();
    // Built-in pages (search, progress, 404) have no owner or review date.
    static NO_REVIEW: crate::review::PageReview = crate::review::PageReview {
        owner: None,
        reviewed: None,
        reviewed_text: None,
        due: None,
        freshness: crate::review::Freshness::Fresh,
    };
    PageView {
        title,
        description: "",
        permalink: format!("{origin}{url}"),
        url: url.to_string(),
        source: "",
        is_section: false,
        is_home: false,
        title_id: None,
        summary: None,
        toc: &[],
        date: None,
        updated: None,
        review: &NO_REVIEW,
        tags: Vec::new(),
        word_count: 0,
        reading_time: 0,
        has_quiz: false,
        has_checklist: false,
        has_template: false,
        backlinks: Vec::new(),
        extra: EMPTY.get_or_init(Default::default),
        pages: Vec::new(),
        subsections: Vec::new(),
        depth: 1,
    }
}

/// The dated pages among `pages`, newest first (ties in site order).
fn newest_first(site: &crate::content::Site, pages: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut dated: Vec<usize> = pages
        .filter(|&i| site.pages[i].front.date.is_some())
        .collect();
    dated.sort_by(|&a, &b| {
        site.pages[b]
            .front
            .date
            .cmp(&site.pages[a].front.date)
            .then(a.cmp(&b))
    });
    dated
}
