//! Step 7 and 9 of the pipeline: turns the analysed site into files. Builds
//! each page's template context by reference, renders the section tree once
//! per section (not once per page), renders pages in parallel and hands every
//! file to the sink.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tera::{Context, Value};

use crate::content::links::LinkResolver;
use crate::content::{term_slug, Site, HOME};
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, quiz_placeholder, AnchorLink, Rendered};
use crate::output::Sink;
use crate::pipeline::{page_lookup, Analysis, BuildOptions};
use crate::site_files::{self, FeedEntry, SitemapEntry};
use crate::templates::view::{MenuItem, NavItem, PageLink, PageView, SiteView, TermLink};
use crate::templates::{Lookups, Templates};

/// The quiz forms of one page, and what they link to.
#[derive(Debug, Default)]
pub struct QuizOutput {
    /// HTML for each quiz block of the page, in order.
    pub html: Vec<String>,
    /// Ids defined by the quizzes (they are anchors too).
    pub anchors: Vec<String>,
    pub anchor_links: Vec<AnchorLink>,
    pub link_problems: Vec<Diagnostic>,
    pub linked_pages: Vec<usize>,
    /// Manifest entries (`quizzes.json`, progress page).
    pub entries: Vec<serde_json::Value>,
}

/// Step 5: renders every quiz block of every page.
pub fn render_quizzes(
    site: &Site,
    rendered: &[Rendered],
    _links: &LinkResolver,
    _language: &str,
    _problems: &mut Vec<Diagnostic>,
) -> Vec<QuizOutput> {
    site.pages
        .iter()
        .zip(rendered)
        .map(|(_, r)| QuizOutput {
            html: r
                .quizzes
                .iter()
                .map(|q| {
                    format!(
                        "<pre><code class=\"language-quiz\">{}</code></pre>\n",
                        markdown::escape_attr(&q.yaml)
                    )
                })
                .collect(),
            ..QuizOutput::default()
        })
        .collect()
}

/// Why writing failed.
pub enum WriteError {
    Content(Vec<Diagnostic>),
    Io(anyhow::Error),
}

/// Everything prepared once per build for rendering every page.
pub struct RenderPlan<'a> {
    analysis: &'a Analysis,
    options: &'a BuildOptions,
    templates: Templates,
    base_path: String,
    origin: String,
    /// Theme static files with their hashed output paths.
    statics: Vec<(String, &'a [u8])>,
}

impl<'a> RenderPlan<'a> {
    pub fn new(
        analysis: &'a Analysis,
        options: &'a BuildOptions,
    ) -> Result<RenderPlan<'a>, Diagnostic> {
        let config = &analysis.config;
        let base_path = config.base_path();
        let origin = config.origin();
        let mut lookups = Lookups {
            pages: page_lookup(&analysis.site, &base_path),
            ..Lookups::default()
        };
        let mut statics = Vec::new();
        for (name, file) in &analysis.theme.statics {
            let out = hashed_name(name, &file.bytes);
            lookups
                .assets
                .insert(name.clone(), format!("{base_path}static/{out}"));
            statics.push((format!("static/{out}"), file.bytes.as_slice()));
        }
        let menu = config
            .menu
            .iter()
            .map(|m| MenuItem {
                name: m.name.clone(),
                url: if m.url.ends_with(".md") {
                    lookups
                        .pages
                        .get(m.url.trim_start_matches('/'))
                        .map_or_else(|| m.url.clone(), |p| p.0.clone())
                } else if let Some(rest) = m.url.strip_prefix('/') {
                    format!("{base_path}{rest}")
                } else {
                    m.url.clone()
                },
            })
            .collect();
        let site_view = SiteView {
            title: &config.title,
            description: &config.description,
            base_path: &base_path,
            origin: origin.clone(),
            language: &config.language,
            menu,
            taxonomies: config.taxonomies.iter().map(String::as_str).collect(),
            search_enabled: config.search.enabled,
            mode: match options.mode {
                crate::pipeline::Mode::Serve => "serve",
                _ => "build",
            },
            generator: concat!("Kurator ", env!("CARGO_PKG_VERSION")),
        };
        let mut globals = Context::new();
        globals.insert("site", &site_view);
        globals.insert("config", config);
        globals.insert("data", &analysis.data);
        let quizzes: Vec<&serde_json::Value> = analysis
            .quizzes
            .iter()
            .flat_map(|q| q.entries.iter())
            .collect();
        globals.insert("quizzes", &quizzes);
        let templates = Templates::load(&analysis.theme, Arc::new(lookups), globals)?;
        Ok(RenderPlan {
            analysis,
            options,
            templates,
            base_path,
            origin,
            statics,
        })
    }

    fn site(&self) -> &Site {
        &self.analysis.site
    }

    fn url(&self, i: usize) -> String {
        format!("{}{}", self.base_path, self.site().pages[i].url)
    }

    fn link(&self, i: usize) -> PageLink {
        let p = &self.site().pages[i];
        PageLink {
            title: p.title.clone(),
            url: self.url(i),
            description: self.description(i).to_string(),
        }
    }

    fn description(&self, i: usize) -> &str {
        let p = &self.site().pages[i];
        match &p.front.description {
            Some(d) => d,
            None => &self.analysis.rendered[i].first_paragraph,
        }
    }

    /// Renders and writes every file; returns how many were written.
    pub fn write_all(&self, sink: &dyn Sink) -> Result<usize, WriteError> {
        let site = self.site();
        let nav = self
            .render_navs()
            .map_err(|d| WriteError::Content(vec![d]))?;
        let results: Vec<Result<(), Diagnostic>> = (0..site.pages.len())
            .into_par_iter()
            .map(|i| {
                let html = self.render_page(i, &nav)?;
                let rel = format!("{}index.html", site.pages[i].url);
                self.put_html(sink, &rel, html)
                    .map_err(|e| Diagnostic::error(site.pages[i].source.clone(), format!("{e:#}")))
            })
            .collect();
        let mut problems: Vec<Diagnostic> = results.into_iter().filter_map(Result::err).collect();
        let mut count = site.pages.len();
        match self.write_extras(sink, &nav) {
            Ok(n) => count += n,
            Err(WriteError::Content(mut d)) => problems.append(&mut d),
            Err(e) => return Err(e),
        }
        if !problems.is_empty() {
            crate::diagnostic::sort(&mut problems);
            return Err(WriteError::Content(problems));
        }
        count += self.copy_files(sink).map_err(WriteError::Io)?;
        Ok(count)
    }

    fn put_html(&self, sink: &dyn Sink, rel: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        if self.options.inject.is_none() && !self.options.relative {
            return sink.put(rel, bytes);
        }
        let mut html = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        if let Some(snippet) = &self.options.inject {
            if let Some(i) = html.rfind("</body>") {
                html.insert_str(i, snippet);
            }
        }
        if self.options.relative {
            let depth = rel.matches('/').count();
            html = site_files::relativize(&html, &self.base_path, depth);
        }
        sink.put(rel, html.into_bytes())
    }

    /// The section tree once per section, keyed by section index.
    fn render_navs(&self) -> Result<HashMap<usize, String>, Diagnostic> {
        let site = self.site();
        let sections: Vec<usize> = (0..site.pages.len())
            .filter(|&i| site.pages[i].is_section)
            .collect();
        sections
            .par_iter()
            .map(|&s| {
                let items = nav_items(site, s, &self.base_path);
                let mut context = Context::new();
                context.insert("nav", &items);
                let html =
                    self.templates
                        .render("partials/nav.html", &context, &site.pages[s].source)?;
                Ok((s, html))
            })
            .collect()
    }

    fn render_page(&self, i: usize, nav: &HashMap<usize, String>) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let page = &site.pages[i];
        let rendered = &self.analysis.rendered[i];
        let content = with_quizzes(&rendered.html, &self.analysis.quizzes[i].html);
        let section = site.section_of(i);
        let nav_html = nav.get(&section).map_or("", String::as_str);
        let view = self.page_view(i);
        let (prev, next) = site.neighbours(i);
        let mut context = Context::new();
        context.insert("page", &view);
        context.insert_value("content", Value::safe_string(&content));
        context.insert_value("nav_html", Value::safe_string(NAV_MARKER));
        context.insert(
            "ancestors",
            &site
                .ancestors(i)
                .into_iter()
                .map(|a| self.link(a))
                .collect::<Vec<_>>(),
        );
        context.insert("section", &self.link(section));
        context.insert("prev", &prev.map(|p| self.link(p)));
        context.insert("next", &next.map(|p| self.link(p)));
        let template = match &page.front.template {
            Some(t) => t.as_str(),
            None if i == HOME => "index.html",
            None if page.is_section => "section.html",
            None => "page.html",
        };
        let source = if page.source.is_empty() {
            format!("content/{}", page.content_path)
        } else {
            page.source.clone()
        };
        let mut out = Vec::with_capacity(content.len() * 2 + nav_html.len() + 8192);
        self.templates.render_to(template, &context, &source, &mut out)?;
        Ok(splice_nav(out, nav_html, &self.url(i)))
    }

    fn page_view(&self, i: usize) -> PageView<'_> {
        let site = self.site();
        let page = &site.pages[i];
        let rendered = &self.analysis.rendered[i];
        let url = self.url(i);
        let (pages, subsections) = if page.is_section {
            let (secs, pgs): (Vec<usize>, Vec<usize>) = page
                .children
                .iter()
                .partition(|&&c| site.pages[c].is_section);
            (
                pgs.into_iter().map(|c| self.link(c)).collect(),
                secs.into_iter().map(|c| self.link(c)).collect(),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        PageView {
            title: &page.title,
            description: self.description(i),
            permalink: format!("{}{url}", self.origin),
            url,
            source: &page.source,
            is_section: page.is_section,
            is_home: i == HOME,
            title_id: rendered.title_anchor.as_deref(),
            summary: rendered.summary_html.as_deref(),
            toc: &rendered.toc,
            date: page.front.date.as_deref(),
            updated: page.front.updated.as_deref(),
            tags: page
                .front
                .tags
                .iter()
                .map(|t| TermLink {
                    name: t.clone(),
                    url: format!("{}tags/{}/", self.base_path, term_slug(t)),
                    count: site
                        .taxonomies
                        .get("tags")
                        .and_then(|m| m.get(t.trim()))
                        .map_or(0, Vec::len),
                })
                .collect(),
            word_count: rendered.word_count,
            reading_time: markdown::reading_minutes(rendered.word_count),
            has_quiz: !rendered.quizzes.is_empty(),
            extra: &page.front.extra,
            pages,
            subsections,
            depth: page.depth,
        }
    }

    /// Taxonomies, 404, search, progress, aliases, sitemap, robots, feed.
    fn write_extras(
        &self,
        sink: &dyn Sink,
        nav: &HashMap<usize, String>,
    ) -> Result<usize, WriteError> {
        let site = self.site();
        let config = &self.analysis.config;
        let home_nav = nav.get(&HOME).map_or("", String::as_str);
        let ru = config.language.starts_with("ru");
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut problems = Vec::new();
        let mut extra_urls: Vec<String> = Vec::new();
        let special = |template: &str, title: &str, url: &str| -> Result<Vec<u8>, Diagnostic> {
            let context = self.special_context(title, url);
            self.templates.render(template, &context, template).map(|html| splice_nav(html.into_bytes(), home_nav, ""))
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
            let title = if name == "tags" && ru {
                "Теги".to_string()
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
                    files.push((format!("{list_url}index.html"), splice_nav(html.into_bytes(), home_nav, "")));
                    extra_urls.push(list_url.clone());
                }
                Err(d) => problems.push(d),
            }
            for (term, link) in terms.iter().zip(&term_links) {
                let url = format!("{name}/{}/", term_slug(term.0));
                let term_title = format!("{title}: {}", term.0);
                let mut context = self.special_context(&term_title, &url);
                context.insert(
                    "taxonomy",
                    &serde_json::json!({ "name": name, "title": title }),
                );
                context.insert("term", &serde_json::json!({ "name": link.name, "url": link.url, "pages": term.1.iter().map(|&p| self.link(p)).collect::<Vec<_>>() }));
                match self
                    .templates
                    .render("taxonomy_term.html", &context, "taxonomy_term.html")
                {
                    Ok(html) => {
                        files.push((format!("{url}index.html"), splice_nav(html.into_bytes(), home_nav, "")));
                        extra_urls.push(url);
                    }
                    Err(d) => problems.push(d),
                }
            }
        }
        // Special pages the theme may provide.
        let not_found = if ru {
            "Страница не найдена"
        } else {
            "Page not found"
        };
        match special("404.html", not_found, "404.html") {
            Ok(html) => files.push(("404.html".into(), html)),
            Err(d) => problems.push(d),
        }
        for (template, url, ru_title, en_title) in [
            ("search.html", "search/", "Поиск", "Search"),
            ("progress.html", "progress/", "Мой прогресс", "My progress"),
        ] {
            if self.templates.has(template) {
                match special(template, if ru { ru_title } else { en_title }, url) {
                    Ok(html) => files.push((format!("{url}index.html"), html)),
                    Err(d) => problems.push(d),
                }
            }
        }
        if !problems.is_empty() {
            return Err(WriteError::Content(problems));
        }
        let mut count = 0;
        for (rel, html) in files {
            self.put_html(sink, &rel, html).map_err(WriteError::Io)?;
            count += 1;
        }
        // Alias redirects.
        for (i, page) in site.pages.iter().enumerate() {
            for alias in &page.front.aliases {
                let path = alias.trim().trim_matches('/');
                let rel = if path.ends_with(".html") {
                    path.to_string()
                } else if path.is_empty() {
                    "index.html".into()
                } else {
                    format!("{path}/index.html")
                };
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
                    site_files::redirect_page(&config.language, &target).into_bytes(),
                )
                .map_err(WriteError::Io)?;
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
        sink.put(
            "sitemap.xml",
            site_files::sitemap(&sitemap_entries).into_bytes(),
        )
        .map_err(WriteError::Io)?;
        sink.put(
            "robots.txt",
            site_files::robots(&absolute("sitemap.xml")).into_bytes(),
        )
        .map_err(WriteError::Io)?;
        let mut dated: Vec<usize> = (0..site.pages.len())
            .filter(|&i| site.pages[i].front.date.is_some())
            .collect();
        dated.sort_by(|&a, &b| {
            site.pages[b]
                .front
                .date
                .cmp(&site.pages[a].front.date)
                .then(a.cmp(&b))
        });
        let page_urls: Vec<String> = dated
            .iter()
            .map(|&i| absolute(&site.pages[i].url))
            .collect();
        let feed_entries: Vec<FeedEntry<'_>> = dated
            .iter()
            .zip(&page_urls)
            .map(|(&i, url)| FeedEntry {
                title: &site.pages[i].title,
                url,
                date: site.pages[i].front.date.as_deref().unwrap_or_default(),
                updated: site.pages[i].front.updated.as_deref(),
                summary: self.description(i),
            })
            .collect();
        let feed = site_files::atom(
            &config.title,
            &absolute(""),
            &absolute("atom.xml"),
            &config.language,
            &feed_entries,
        );
        sink.put("atom.xml", feed.into_bytes())
            .map_err(WriteError::Io)?;
        count += 3;
        Ok(count)
    }

    fn special_context(&self, title: &str, url: &str) -> Context {
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

    /// Theme statics (hashed), site `static/`, and files under `content/`.
    fn copy_files(&self, sink: &dyn Sink) -> anyhow::Result<usize> {
        let a = self.analysis;
        let results: Vec<anyhow::Result<()>> = self
            .statics
            .par_iter()
            .map(|(rel, bytes)| sink.put(rel, bytes.to_vec()))
            .chain(a.static_files.par_iter().map(|f| sink.copy(&f.out, &f.abs)))
            .chain(
                a.assets
                    .par_iter()
                    .map(|f| sink.copy(&a.links.asset_output_path(&f.out), &f.abs)),
            )
            .collect();
        for r in results {
            r?;
        }
        Ok(self.statics.len() + a.static_files.len() + a.assets.len())
    }
}

fn special_view<'a>(title: &'a str, url: &str, origin: &str) -> PageView<'a> {
    static EMPTY: std::sync::OnceLock<std::collections::BTreeMap<String, serde_json::Value>> =
        std::sync::OnceLock::new();
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
        tags: Vec::new(),
        word_count: 0,
        reading_time: 0,
        has_quiz: false,
        extra: EMPTY.get_or_init(Default::default),
        pages: Vec::new(),
        subsections: Vec::new(),
        depth: 1,
    }
}

/// `style.css` + bytes → `style.1a2b3c4d.css`: a new name when the content
/// changes, so browsers never use a stale copy.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    if !(name.ends_with(".css") || name.ends_with(".js")) {
        return name.to_string();
    }
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    match name.rfind('.') {
        Some(dot) => format!("{}.{hash}{}", &name[..dot], &name[dot..]),
        None => format!("{name}.{hash}"),
    }
}

/// Puts each quiz's HTML where its placeholder stands.
fn with_quizzes(html: &str, quizzes: &[String]) -> String {
    if quizzes.is_empty() {
        return html.to_string();
    }
    let mut out = html.to_string();
    for (n, quiz) in quizzes.iter().enumerate() {
        out = out.replacen(&quiz_placeholder(n), quiz, 1);
    }
    out
}

/// What templates print for `nav_html`; the section tree is spliced in
/// after rendering, so its (large) HTML is never copied through Tera. NUL
/// never comes out of Markdown or escaped text, so it cannot clash.
const NAV_MARKER: &str = "\u{0}kurator-nav\u{0}";

/// Puts the section tree where the template printed `nav_html`, marking the
/// link to the current page with `aria-current`.
fn splice_nav(rendered: Vec<u8>, nav: &str, current_url: &str) -> Vec<u8> {
    let marker = NAV_MARKER.as_bytes();
    let Some(at) = find_bytes(&rendered, marker) else {
        return rendered;
    };
    let mut out = Vec::with_capacity(rendered.len() + nav.len() + 32);
    out.extend_from_slice(&rendered[..at]);
    write_marked(&mut out, nav, current_url);
    out.extend_from_slice(&rendered[at + marker.len()..]);
    out
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

/// First position of `needle` (which starts with NUL) in `haystack`.
fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = haystack[from..].iter().position(|&b| b == needle[0]) {
        let at = from + i;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The section tree as seen from section `current`: top-level entries, and
/// the children of every section on the path from home to `current`.
pub fn nav_items(site: &Site, current: usize, base_path: &str) -> Vec<NavItem> {
    let mut trail = site.ancestors(current);
    trail.push(current);
    let open: std::collections::HashSet<usize> = trail.into_iter().collect();
    let mut items = Vec::new();
    fn walk(
        site: &Site,
        section: usize,
        depth: usize,
        open: &std::collections::HashSet<usize>,
        base: &str,
        items: &mut Vec<NavItem>,
    ) {
        for &c in &site.pages[section].children {
            let page = &site.pages[c];
            let expand = page.is_section && open.contains(&c) && !page.children.is_empty();
            items.push(NavItem {
                title: page.title.clone(),
                url: format!("{base}{}", page.url),
                depth,
                is_section: page.is_section,
                active: open.contains(&c),
                opens: expand,
                closes: 0,
            });
            if expand {
                walk(site, c, depth + 1, open, base, items);
                if let Some(last) = items.last_mut() {
                    last.closes += 1;
                }
            }
        }
    }
    walk(site, HOME, 0, &open, base_path, &mut items);
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::walk::SourceFile;

    #[test]
    fn nav_expands_the_current_trail_only() {
        let files: Vec<SourceFile> = [
            "_index.md",
            "a/_index.md",
            "a/p.md",
            "a/b/_index.md",
            "a/b/q.md",
            "c/_index.md",
            "c/r.md",
        ]
        .iter()
        .map(|p| SourceFile {
            rel: format!("content/{p}"),
            text: String::new(),
        })
        .collect();
        let (site, _) = Site::build(&files, false, &[]);
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
    fn current_page_is_marked_once() {
        let nav = "<a href=\"/a/\">A</a><a href=\"/a/b/\">B</a>";
        assert_eq!(
            mark_current(nav, "/a/"),
            "<a aria-current=\"page\" href=\"/a/\">A</a><a href=\"/a/b/\">B</a>"
        );
    }

    #[test]
    fn hashed_names() {
        let n = hashed_name("style.css", b"body{}");
        assert!(
            n.starts_with("style.") && n.ends_with(".css") && n.len() == "style.12345678.css".len()
        );
        assert_eq!(hashed_name("favicon.svg", b"x"), "favicon.svg");
    }
}
