//! The whole build, read top-down. Each step is a call into the module that
//! owns it; this file owns the order and nothing else (docs/architecture.md
//! draws the same list with the owning modules).
//!
//! 1. config      `kurator.yaml` → [`SiteConfig`](crate::config::SiteConfig), `data/`, theme
//! 2. content     walk `content/` → sources + files to copy
//! 3. model       sources → [`Site`] (tree, order, URLs, taxonomies)
//! 4. markdown    every page body → HTML, headings, links, text (parallel)
//! 5. quizzes     fenced `quiz` blocks → forms
//! 6. validate    links, anchors, quiz ids; stop here on errors
//! 7. templates   pages, sections, taxonomies, 404 → HTML (parallel)
//! 8. search      the search index
//! 9. write       everything into a [`Sink`]: a staging folder or memory

use std::time::Instant;

use crate::content::links::LinkResolver;
use crate::content::{self, collisions, walk, Site};
use crate::diagnostic::{self, Diagnostic};
use crate::output::Sink;
use crate::pages::RenderPlan;
use crate::quiz::site::SiteQuizContext;
use crate::site_root::SiteRoot;
use crate::spill::Spill;
use crate::theme::Theme;
use crate::timing::mark;
use crate::{config, data, formats, glossary, i18n, markdown, quiz, search, validate};

pub use crate::build_types::{Analysis, BuildFailure, BuildOptions, BuildReport, Mode};

/// Steps 1–6: load, model, render Markdown, quizzes, validate. Errors stop
/// here with every problem found.
pub fn analyse(options: &BuildOptions) -> Result<Analysis, Vec<Diagnostic>> {
    let root = &options.root;
    mark("start");
    // 1. Config.
    let mut config = config::load(root)?;
    if let Some(base) = &options.base_url {
        config.base_url.clone_from(base);
    }
    let mut problems = Vec::new();

    // 2–3. Content and the site model; data and theme beside it. What the
    // build may read: the site and `allow_outside` (issue 17).
    let root = &SiteRoot::new(root, &config.allow_outside);
    // Past a budget, sources, HTML and search text wait in a temporary
    // file between stages (issue 24): memory follows the largest page,
    // not the size of the site.
    let spill = Spill::new();
    let mut files = walk::walk_content(root, &config.content_layout(), &spill);
    problems.extend(files.diagnostics);
    // Another tool's layout: an mdBook's `SUMMARY.md` (issue 21).
    formats::apply(&config, &mut files.markdown, &mut problems);
    mark("walk");
    let (mut site, model_problems) = Site::build(
        std::mem::take(&mut files.markdown),
        options.drafts,
        &config.taxonomies,
    );
    problems.extend(model_problems);
    // The next steps edit bodies: the pages that have what they edit kept
    // theirs in memory; an embedded note's text is any note's, and the
    // glossary's terms join its page.
    let embeds = site.pages.iter().any(|p| p.body.contains("![["));
    let glossary_page = glossary::page_index(&site);
    problems.extend(site.load_bodies(|i, _| embeds || Some(i) == glossary_page, &spill));
    // mdBook's `{{#include}}` and `{{#title}}` in Markdown written for it.
    content::include::expand_site(&mut site, root, &mut problems);
    // Obsidian's `![[Note]]`: the note's text in place.
    content::embed::expand_site(&mut site, &mut problems);
    // The glossary (issue 22): its terms become sections of its page.
    let glossary_terms = if config.format.is_foreign() {
        None
    } else {
        glossary::load(root, &mut problems)
    };
    if let Some(g) = &glossary_terms {
        glossary::attach_page(&mut site, g, &mut problems);
    }
    // Hugo's and Zola's shortcodes: links kept, the rest left out.
    content::shortcodes::handle_site(&mut site, &mut problems);
    // Files in a folder a draft hides are not published either.
    files.assets.retain(|a| !site.is_hidden(&a.out));
    // Another tool's `data/` and `templates/` are its own (Hugo's data
    // files, Zola's Tera templates): such a site gets the default theme.
    let (data, theme) = if config.format.is_foreign() {
        (serde_json::Map::new(), Theme::built_in())
    } else {
        (
            data::load(root, &mut problems),
            Theme::load(root, &config.theme, &mut problems),
        )
    };
    // The interface text in the site's language (issue 22).
    let texts = i18n::Texts::load(
        &theme,
        (!config.format.is_foreign()).then_some(root),
        &config.language,
        &mut problems,
    );
    problems.extend(theme.check_page_templates(&site));
    problems.extend(config.stemming_warning());
    // Pages at the root (a vault) already include any `static/` folder.
    let static_files = if config.content_prefix().is_empty() {
        Vec::new()
    } else {
        walk::walk_static(root, &root.join("static"), &mut problems)
    };
    let base_path = config.base_path();
    let links = LinkResolver::new(
        &site,
        &base_path,
        files.assets.iter().map(|a| a.out.clone()),
    )
    .with_unreadable(files.unreadable.iter().chain(&site.unparsed).cloned())
    .with_heading_ids(formats::heading_ids(&config));
    // Two owners for one output file: aliases, built-in pages (issue 17).
    problems.extend(collisions::check(&collisions::Outputs {
        site: &site,
        search_page: theme.has_template("search.html"),
        progress_page: theme.has_template("progress.html"),
        search_index: config.search.enabled,
        files: collisions::copied_files(
            &files.assets,
            |a| links.asset_output_path(a),
            &static_files,
        ),
        replace_generated: &config.replace_generated,
    }));
    mark("model");

    // 4. Markdown, in parallel; the bodies are not needed after it. The
    // first use of each glossary term on a page links to its entry.
    let terms = glossary_terms.as_ref().and_then(|g| {
        let page = glossary::page_index(&site)?;
        let url = format!("{base_path}{}", site.pages[page].url);
        Some(glossary::Terms::new(g, &|id| format!("{url}#{id}")))
    });
    let labels = markdown::Labels::from_texts(&texts);
    // Each body is let go as soon as it is rendered.
    let mut rendered = markdown::render_pages(
        &mut site.pages,
        &spill,
        &links,
        &config.language,
        &labels,
        terms.as_ref(),
        &mut problems,
    );
    crate::memory::give_back();
    mark("markdown");

    // 5. Quizzes.
    let quiz_cx = SiteQuizContext {
        links: &links,
        language: &config.language,
        texts: &texts,
        labels: &labels,
        base_path: &base_path,
    };
    let quizzes = quiz::site::render_quizzes(&site, &rendered, &quiz_cx, &mut problems);

    // 6. Links and anchors; any error stops the build here.
    problems.extend(validate::links(&site, &rendered, &quizzes, options.mode));
    problems.extend(search::site::check_data_refs(&site, &data));
    if let (Some(g), true) = (&glossary_terms, options.mode == Mode::Check) {
        problems.extend(glossary::unused(g, &glossary::used(g, &site, &rendered)));
        // The glossary page sets its own words apart: not counted.
        let glossary_page = glossary::page_index(&site);
        let set_apart: Vec<(&str, &[markdown::Emphasis])> = site
            .pages
            .iter()
            .zip(&rendered)
            .enumerate()
            .filter(|(i, _)| Some(*i) != glossary_page)
            .map(|(_, (p, r))| (p.source.as_str(), r.emphasized.as_slice()))
            .collect();
        problems.extend(glossary::undefined(g, &set_apart));
    }
    // Only check's glossary warnings read the phrases set apart.
    for r in &mut rendered {
        r.emphasized = Vec::new();
    }
    content::lines::remap_lines(&site, &mut problems);
    diagnostic::sort(&mut problems);
    diagnostic::attach_sources(root, &mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    Ok(Analysis {
        page_links: std::sync::OnceLock::new(),
        config,
        site,
        rendered,
        spill,
        quizzes,
        data,
        theme,
        texts,
        links,
        assets: files.assets,
        static_files,
        warnings: problems,
        terms,
    })
}

/// Steps 1–9: the whole build into `sink`.
pub fn build(options: &BuildOptions, sink: &dyn Sink) -> Result<BuildReport, BuildFailure> {
    build_keeping(options, sink).map(|(report, _)| report)
}

/// [`build`], also handing back the analysed site, so `serve` can update
/// one page later without starting over (see `incremental.rs`).
pub fn build_keeping(
    options: &BuildOptions,
    sink: &dyn Sink,
) -> Result<(BuildReport, Analysis), BuildFailure> {
    let start = Instant::now();
    let analysis = analyse(options).map_err(BuildFailure::Content)?;
    mark("validate");
    // 7. Templates.
    let plan = RenderPlan::new(&analysis, options)?;
    mark("templates");
    // 8–9. Pages (mostly writing) and the search index (mostly computing)
    // run side by side: each keeps the other's idle time busy.
    let with_search = analysis.config.search.enabled && options.mode != Mode::Check;
    let (pages_written, search_written) = rayon::join(
        || plan.write_all(sink),
        || {
            with_search.then(|| {
                search::site::write_site_index(&analysis, |rel, bytes| sink.put(&rel, bytes))
            })
        },
    );
    let files = pages_written?;
    let search_files = search_written.transpose()?.unwrap_or(0);
    mark("write+search");
    let pages = &analysis.site.pages;
    let sections = pages.iter().filter(|p| p.is_section).count();
    let report = BuildReport {
        pages: pages.len() - sections,
        sections,
        files: files + search_files,
        elapsed: start.elapsed(),
        diagnostics: analysis.warnings.clone(),
        format: analysis.config.format,
    };
    Ok((report, analysis))
}
