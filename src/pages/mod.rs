//! Steps 7 and 9 of the pipeline: turns the analysed site into files. Builds
//! each page's template context by reference, renders the section tree once
//! per section (not once per page), renders pages in parallel and hands every
//! file to the sink. Quiz forms (`quizzes`), the section tree (`nav`) and the
//! pages around the content (`extras`: taxonomies, 404, sitemap, feed) have
//! their own files.

pub(crate) mod backlinks;
mod checklists;
mod extras;
mod nav;
mod onboarding;
pub(crate) mod previews;
mod reading;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tera::{Context, Value};

use crate::build_types::{Analysis, BuildFailure, BuildOptions, Mode};
use crate::content::{term_slug, Site, HOME};
use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::output::Sink;
use crate::quiz;
use crate::quiz::site::splice as with_quizzes;
use crate::review;
use crate::site_files;
use crate::templates::view::{BacklinkView, MenuItem, PageLink, PageView, SiteView, TermLink};
use crate::templates::{Lookups, Templates};

pub use nav::nav_items;
use nav::{splice_nav, NAV_MARKER};

/// Everything prepared once per build for rendering every page.
pub struct RenderPlan<'a> {
    analysis: &'a Analysis,
    options: &'a BuildOptions,
    templates: Templates,
    base_path: String,
    origin: String,
    /// Theme static files with their hashed output paths.
    statics: Vec<(String, &'a [u8])>,
    /// Each page's owner and review state, by page index.
    reviews: Vec<review::PageReview>,
    /// The pages linking to each page, by page index.
    backlinks: Vec<Vec<backlinks::Backlink<'a>>>,
}

impl<'a> RenderPlan<'a> {
    pub fn new(
        analysis: &'a Analysis,
        options: &'a BuildOptions,
    ) -> Result<RenderPlan<'a>, Diagnostic> {
        Self::planned(analysis, options, None)
    }

    /// A plan for [`RenderPlan::render_single`] of page `i` alone (`serve`'s
    /// one-page path): what only other pages need is left out.
    pub fn for_page(
        analysis: &'a Analysis,
        options: &'a BuildOptions,
        i: usize,
    ) -> Result<RenderPlan<'a>, Diagnostic> {
        Self::planned(analysis, options, Some(i))
    }

    fn planned(
        analysis: &'a Analysis,
        options: &'a BuildOptions,
        only: Option<usize>,
    ) -> Result<RenderPlan<'a>, Diagnostic> {
        let config = &analysis.config;
        let base_path = config.base_path();
        let origin = config.origin();
        let mut lookups = Lookups {
            pages: analysis
                .page_links
                .get_or_init(|| Arc::new(page_lookup(&analysis.site, &base_path)))
                .clone(),
            texts: analysis.texts.clone(),
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
                        .map_or_else(|| m.url.clone(), |p| p.url.clone())
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
                Mode::Serve => "serve",
                _ => "build",
            },
            scorm: options.scorm,
            generator: concat!("Kurator ", env!("CARGO_PKG_VERSION")),
        };
        let mut globals = Context::new();
        globals.insert("site", &site_view);
        globals.insert("config", config);
        globals.insert("data", &analysis.data);
        let quizzes: Vec<&quiz::QuizManifestEntry> = analysis
            .quizzes
            .iter()
            .flat_map(|q| q.entries.iter())
            .collect();
        globals.insert("quizzes", &quizzes);
        let checklists = checklists::manifest(&analysis.site, &analysis.rendered, &base_path);
        globals.insert("checklists", &checklists);
        globals.insert(
            "reading_sections",
            &reading::sections(&analysis.site, &base_path),
        );
        if let Some(data) = analysis.data.get("onboarding") {
            let text = std::fs::read_to_string(options.root.join(onboarding::SOURCE));
            let view = onboarding::view(&onboarding::Inputs {
                data,
                text: text.as_deref().unwrap_or(""),
                site: &analysis.site,
                base_path: &base_path,
                quizzes: &quizzes,
                checklists: &checklists,
            })
            .map_err(|mut problems| problems.swap_remove(0))?;
            globals.insert("onboarding", &view);
        }
        let templates = Templates::load(&analysis.theme, Arc::new(lookups), globals)?;
        let today = options
            .today
            .unwrap_or_else(|| review::today(None, None).unwrap_or(jiff::civil::Date::MIN));
        Ok(RenderPlan {
            reviews: review::site_reviews(&analysis.site, &analysis.config, today),
            backlinks: backlinks::backlinks(analysis.site.pages.len(), &analysis.rendered, only),
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
    pub fn write_all(&self, sink: &dyn Sink) -> Result<usize, BuildFailure> {
        let site = self.site();
        let nav = self.render_navs()?;
        // Taxonomies, feeds and the sitemap are written beside the pages:
        // on their own they keep one core busy for seconds at 50,000 pages.
        let (results, extras): (Vec<Result<(), Diagnostic>>, _) = rayon::join(
            || {
                (0..site.pages.len())
                    .into_par_iter()
                    .map(|i| {
                        let html = self.render_page(i, &nav)?;
                        let page = &site.pages[i];
                        let rel = format!("{}index.html", page.url);
                        let written = |e: anyhow::Error| {
                            Diagnostic::error(page.source.clone(), format!("{e:#}"))
                        };
                        // Written before its text is read back for the
                        // preview: a large page's HTML and text are not
                        // held at once.
                        self.put_html(sink, &rel, html).map_err(written)?;
                        // The page's link preview beside it (issue 22).
                        let sections = crate::spill::sections(
                            &self.analysis.rendered[i],
                            &self.analysis.spill,
                        )
                        .map_err(|e| crate::spill::read_back_error(&page.source, "text", &e))?;
                        let preview = previews::script(
                            &page.url,
                            &page.title,
                            self.description(i),
                            &sections,
                        );
                        drop(sections);
                        sink.put(&previews::path(&page.url), preview)
                            .map_err(written)
                    })
                    .collect()
            },
            || self.write_extras(sink, &nav),
        );
        crate::timing::mark("pages+extras");
        let mut problems: Vec<Diagnostic> = results.into_iter().filter_map(Result::err).collect();
        let mut count = site.pages.len();
        match extras {
            Ok(n) => count += n,
            Err(BuildFailure::Content(mut d)) => problems.append(&mut d),
            Err(e) => return Err(e),
        }
        if !problems.is_empty() {
            crate::diagnostic::sort(&mut problems);
            return Err(BuildFailure::Content(problems));
        }
        count += self.copy_files(sink)?;
        crate::timing::mark("copy");
        Ok(count)
    }

    fn put_html(&self, sink: &dyn Sink, rel: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        sink.put(rel, self.finish_html(rel, bytes))
    }

    /// Serve's reload script and the `--relative` link rewrite, when asked for.
    fn finish_html(&self, rel: &str, mut bytes: Vec<u8>) -> Vec<u8> {
        // Serve's script goes in as bytes: checking every page's HTML as
        // UTF-8 to insert it made serve's first build slower than `build`
        // (the check of Cyrillic text is slow, see `spill::Spill::get`).
        if let Some(snippet) = &self.options.inject {
            if let Some(i) = memchr::memmem::rfind(&bytes, b"</body>") {
                let tail = bytes.split_off(i);
                bytes.extend_from_slice(snippet.as_bytes());
                bytes.extend_from_slice(&tail);
            }
        }
        if !self.options.relative {
            return bytes;
        }
        let html = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let depth = rel.matches('/').count();
        site_files::relativize(&html, &self.base_path, depth).into_bytes()
    }

    /// One page alone, as `write_all` would write it: (output path, bytes).
    pub fn render_single(&self, i: usize) -> Result<(String, Vec<u8>), Diagnostic> {
        let site = self.site();
        let section = site.section_of(i);
        let items = nav_items(site, section, &self.base_path);
        let mut context = Context::new();
        context.insert("nav", &items);
        let nav_html =
            self.templates
                .render("partials/nav.html", &context, &site.pages[section].source)?;
        let nav = HashMap::from([(section, nav_html)]);
        let rel = format!("{}index.html", site.pages[i].url);
        let html = self.render_page(i, &nav)?;
        let bytes = self.finish_html(&rel, html);
        Ok((rel, bytes))
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
        let html = crate::spill::html(rendered, &self.analysis.spill)
            .map_err(|e| crate::spill::read_back_error(&page.source, "HTML", &e))?;
        let content = with_quizzes(html, &self.analysis.quizzes[i].html);
        let content_len = content.len();
        let mut context = Context::new();
        // The template gets its own copy: ours goes at once.
        context.insert_value("content", Value::safe_string(&content));
        drop(content);
        let section = site.section_of(i);
        let nav_html = nav.get(&section).map_or("", String::as_str);
        let view = self.page_view(i);
        let (prev, next) = site.neighbours(i);
        context.insert("page", &view);
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
        let mut out = Vec::with_capacity(content_len + nav_html.len() + 65536);
        self.templates
            .render_to(template, &context, &source, &mut out)?;
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
            review: &self.reviews[i],
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
            has_checklist: !rendered.tasks.is_empty(),
            has_template: rendered.has_template,
            backlinks: self.backlinks[i]
                .iter()
                .map(|b| BacklinkView {
                    title: site.pages[b.page].title.clone(),
                    url: self.url(b.page),
                    context: b.context.to_string(),
                })
                .collect(),
            extra: &page.front.extra,
            pages,
            subsections,
            depth: page.depth,
        }
    }

    /// Taxonomies, 404, search, progress, aliases, sitemap, robots, feed.
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

/// Every page by content path (`kpi/_index.md`), for the template
/// functions `url_for` and `get_page` and for menu entries.
fn page_lookup(site: &Site, base_path: &str) -> HashMap<String, PageLink> {
    site.pages
        .iter()
        .map(|p| {
            let link = PageLink {
                url: format!("{base_path}{}", p.url),
                title: p.title.clone(),
                description: p.front.description.clone().unwrap_or_default(),
            };
            (p.content_path.clone(), link)
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        let n = hashed_name("style.css", b"body{}");
        assert!(
            n.starts_with("style.") && n.ends_with(".css") && n.len() == "style.12345678.css".len()
        );
        assert_eq!(hashed_name("favicon.svg", b"x"), "favicon.svg");
    }
}
