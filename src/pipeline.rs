//! The whole build, read top-down. Each step is a call into the module that
//! owns it; this file owns the order and nothing else.
//!
//! 1. config      `kurator.yaml` → [`SiteConfig`]
//! 2. content     walk `content/` → sources + files to copy
//! 3. model       sources → [`Site`] (tree, order, URLs, taxonomies)
//! 4. markdown    every page body → HTML, headings, links, text (parallel)
//! 5. quizzes     fenced `quiz` blocks → forms
//! 6. validate    links, anchors, quiz ids; stop here on errors (`check` ends here)
//! 7. templates   pages, sections, taxonomies, 404 → HTML (parallel)
//! 8. search      the search index
//! 9. write       everything into a [`Sink`]: a staging folder or memory

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{SiteConfig, CONFIG_FILE};
use crate::content::collisions;
use crate::content::links::LinkResolver;
use crate::content::walk::{self, Asset};
use crate::content::Site;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::markdown::{self, MarkdownInput, Rendered};
use crate::output::Sink;
use crate::pages::{self, RenderPlan};
use crate::search::{self, SearchDoc};
use crate::site_root::SiteRoot;
use crate::theme::Theme;
use crate::yaml::{self, YamlSource};

/// What kind of run this is; it decides how strict link checks are and
/// whether anything is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Build,
    Serve,
    Check,
}

/// Everything a build needs to know besides the site's own files.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub mode: Mode,
    pub drafts: bool,
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    /// Write every internal link as a relative path ending in `index.html`.
    pub relative: bool,
    /// HTML inserted before `</body>` of every page (serve's reload script).
    pub inject: Option<String>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>, mode: Mode) -> Self {
        BuildOptions {
            root: root.into(),
            mode,
            drafts: false,
            base_url: None,
            relative: false,
            inject: None,
        }
    }
}

/// What a finished build reports.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub pages: usize,
    pub sections: usize,
    pub files: usize,
    pub elapsed: Duration,
    /// Warnings (and, for `check`, errors) in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a build did not finish.
#[derive(Debug)]
pub enum BuildFailure {
    /// Problems in the site: every one found, in file order.
    Content(Vec<Diagnostic>),
    /// The machine failed us (disk, permissions).
    Io(anyhow::Error),
}

impl From<anyhow::Error> for BuildFailure {
    fn from(e: anyhow::Error) -> Self {
        BuildFailure::Io(e)
    }
}

/// Step 1: reads `kurator.yaml` at `root`.
pub fn load_config(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    let bytes = std::fs::read(&path).map_err(|e| {
        let help = if e.kind() == std::io::ErrorKind::NotFound {
            format!("run the command in a site folder, pass --root, or create one with `kurator init {}`", root.display())
        } else {
            "check the file's permissions".to_string()
        };
        vec![Diagnostic::error(CONFIG_FILE, format!("cannot read {}: {e}", path.display())).help(help)]
    })?;
    let text = walk::decode(CONFIG_FILE, bytes).map_err(|d| vec![d])?;
    SiteConfig::parse(&text).map_err(|mut problems| {
        diagnostic::attach_sources(root, &mut problems);
        problems
    })
}

/// Everything learned about the site before templates run: what `check`
/// validates and what `build` renders.
pub struct Analysis {
    pub config: SiteConfig,
    pub site: Site,
    pub rendered: Vec<Rendered>,
    pub quizzes: Vec<crate::pages::QuizOutput>,
    pub data: serde_json::Map<String, serde_json::Value>,
    pub theme: Theme,
    pub links: LinkResolver,
    pub assets: Vec<Asset>,
    pub static_files: Vec<Asset>,
    pub warnings: Vec<Diagnostic>,
}

/// Steps 1–6: load, model, render Markdown, quizzes, validate. Errors stop
/// here with every problem found.
pub fn analyse(options: &BuildOptions) -> Result<Analysis, Vec<Diagnostic>> {
    let root = &options.root;
    crate::timing::mark("start");
    let mut config = load_config(root)?;
    if let Some(base) = &options.base_url {
        config.base_url = base.clone();
    }
    let mut problems = Vec::new();

    // 2–3. Content and the site model.
    // Issue 17: what the build may read (the site, `allow_outside`).
    let root = &SiteRoot::new(root, &config.allow_outside);
    let mut files = walk::walk_content(root);
    problems.extend(files.diagnostics);
    crate::timing::mark("walk");
    let (mut site, model_problems) =
        Site::build(&files.markdown, options.drafts, &config.taxonomies);
    problems.extend(model_problems);
    // The pages hold their bodies now; the raw sources are not needed again.
    drop(files.markdown);
    // Files in a folder a draft hides are not published either.
    files.assets.retain(|a| !site.is_hidden(&a.out));
    let data = load_data(root, &mut problems);
    let theme = Theme::load(root, &config.theme, &mut problems);
    problems.extend(theme.check_page_templates(&site));
    problems.extend(config.stemming_warning());
    let static_files = walk::walk_static(root, &root.join("static"), &mut problems);
    let base_path = config.base_path();
    let links = LinkResolver::new(
        &site,
        &base_path,
        files.assets.iter().map(|a| a.out.clone()),
    )
    .with_unreadable(files.unreadable.iter().chain(&site.unparsed).cloned());
    // Issue 17: two owners for one output file (aliases, built-in pages).
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

    crate::timing::mark("model");
    // 4. Markdown, in parallel.
    let rendered: Vec<Rendered> = site
        .pages
        .par_iter()
        .map(|page| {
            markdown::render(&MarkdownInput {
                source: &page.source,
                dir: &page.dir,
                text: &page.body,
                first_line: page.body_line,
                links: &links,
                language: &config.language,
            })
        })
        .collect();
    // Bodies are rendered; keep memory for what comes next.
    for page in &mut site.pages {
        page.body = String::new();
    }

    crate::timing::mark("markdown");
    // 5. Quizzes.
    let quizzes = pages::render_quizzes(
        &site,
        &rendered,
        &links,
        &config.language,
        &base_path,
        &mut problems,
    );

    // 6. Validate links and anchors.
    let link_severity = if options.mode == Mode::Check {
        Severity::Error
    } else {
        Severity::Warning
    };
    let mut link_problems = validate_links(&site, &rendered, &quizzes);
    if options.mode == Mode::Check {
        link_problems.extend(orphans(&site, &rendered, &quizzes));
    }
    for mut d in link_problems {
        if d.severity == Severity::Error {
            d.severity = link_severity;
        }
        problems.push(d);
    }
    diagnostic::sort(&mut problems);
    diagnostic::attach_sources(root, &mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    Ok(Analysis {
        config,
        site,
        rendered,
        quizzes,
        data,
        theme,
        links,
        assets: files.assets,
        static_files,
        warnings: problems,
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
    crate::timing::mark("validate");
    let plan = RenderPlan::new(&analysis, options).map_err(|d| BuildFailure::Content(vec![d]))?;
    crate::timing::mark("templates");
    // Pages (mostly writing) and the search index (mostly computing) run
    // side by side: each keeps the other's idle time busy.
    let with_search = analysis.config.search.enabled && options.mode != Mode::Check;
    let (pages_written, search_written) = rayon::join(
        || plan.write_all(sink),
        || with_search.then(|| write_search_index(&analysis, sink)),
    );
    let files = pages_written.map_err(|e| match e {
        pages::WriteError::Content(d) => BuildFailure::Content(d),
        pages::WriteError::Io(e) => BuildFailure::Io(e),
    })?;
    let search_files = search_written.transpose()?.unwrap_or(0);
    crate::timing::mark("write+search");
    let site = &analysis.site;
    let sections = site.pages.iter().filter(|p| p.is_section).count();
    let report = BuildReport {
        pages: site.pages.len() - sections,
        sections,
        files: files + search_files,
        elapsed: start.elapsed(),
        diagnostics: analysis.warnings.clone(),
    };
    Ok((report, analysis))
}

/// Step 8: the search index, from every page's text per heading.
fn write_search_index(analysis: &Analysis, sink: &dyn Sink) -> Result<usize, BuildFailure> {
    let site = &analysis.site;
    let base_path = analysis.config.base_path();
    let urls: Vec<String> = site
        .pages
        .iter()
        .map(|p| format!("{base_path}{}", p.url))
        .collect();
    let docs: Vec<SearchDoc<'_>> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| SearchDoc {
            url: &urls[i],
            title: &page.title,
            // The home page stands for the whole site in a result's
            // trail, so it is named by the site title, not its own title.
            breadcrumb: site
                .ancestors(i)
                .into_iter()
                .map(|a| match site.pages[a].parent {
                    None => analysis.config.title.as_str(),
                    Some(_) => site.pages[a].title.as_str(),
                })
                .collect(),
            description: page
                .front
                .description
                .as_deref()
                .unwrap_or(&analysis.rendered[i].first_paragraph),
            tags: &page.front.tags,
            sections: &analysis.rendered[i].sections,
            weight: page.front.search_weight.unwrap_or(1.0) as f32,
        })
        // `search_weight: 0` keeps a page out of the index.
        .filter(|doc| doc.weight > 0.0)
        .collect();
    // Each file is written as soon as it is made, not all held first.
    search::write_index(
        &docs,
        &analysis.config.search,
        &analysis.config.language,
        |rel, bytes| sink.put(&rel, bytes),
    )
    .map_err(BuildFailure::Io)
}

/// `data/*.yaml` → `data.<name>` (`-` in names becomes `_`).
fn load_data(
    root: &SiteRoot,
    problems: &mut Vec<Diagnostic>,
) -> serde_json::Map<String, serde_json::Value> {
    let mut data = serde_json::Map::new();
    for asset in walk::walk_static(root, &root.join("data"), problems) {
        let Some(stem) = asset
            .out
            .strip_suffix(".yaml")
            .or_else(|| asset.out.strip_suffix(".yml"))
        else {
            continue;
        };
        let bytes = match std::fs::read(&asset.abs) {
            Ok(b) => b,
            Err(e) => {
                problems.push(Diagnostic::error(&asset.rel, format!("cannot read: {e}")));
                continue;
            }
        };
        let text = match walk::decode(&asset.rel, bytes) {
            Ok(t) => t,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        match yaml::parse_value(YamlSource::file(&asset.rel, &text)) {
            Ok(value) => {
                data.insert(stem.replace(['-', '/'], "_"), value);
            }
            Err(d) => problems.push(d),
        }
    }
    data
}

/// Links to missing anchors, on other pages and on the same page.
fn validate_links(
    site: &Site,
    rendered: &[Rendered],
    quizzes: &[pages::QuizOutput],
) -> Vec<Diagnostic> {
    let anchors: Vec<HashSet<&str>> = rendered
        .iter()
        .zip(quizzes)
        .map(|(r, q)| {
            r.anchors
                .iter()
                .map(String::as_str)
                .chain(q.anchors.iter().map(String::as_str))
                .collect()
        })
        .collect();
    let mut problems = Vec::new();
    for (i, r) in rendered.iter().enumerate() {
        let source = &site.pages[i].source;
        problems.extend(r.link_problems.iter().cloned());
        problems.extend(quizzes[i].link_problems.iter().cloned());
        let cross = r.anchor_links.iter().chain(quizzes[i].anchor_links.iter());
        for link in cross {
            if !anchors[link.page].contains(link.anchor.as_str()) {
                let target = &site.pages[link.page];
                problems.push(
                    Diagnostic::error(
                        source.clone(),
                        format!(
                            "link to a missing anchor `#{}` in {}",
                            link.anchor,
                            target_name(target)
                        ),
                    )
                    .at(link.line, link.column)
                    .help(suggest_anchor(&link.anchor, &anchors[link.page])),
                );
            }
        }
        for (anchor, line, column) in &r.own_anchor_links {
            if !anchors[i].contains(anchor.as_str()) {
                problems.push(
                    Diagnostic::error(
                        source.clone(),
                        format!("link to a missing anchor `#{anchor}` on this page"),
                    )
                    .at(*line, *column)
                    .help(suggest_anchor(anchor, &anchors[i])),
                );
            }
        }
    }
    problems
}

fn target_name(page: &crate::content::Page) -> String {
    if page.source.is_empty() {
        format!("content/{}", page.content_path)
    } else {
        page.source.clone()
    }
}

fn suggest_anchor(anchor: &str, known: &HashSet<&str>) -> String {
    let mut candidates: Vec<&str> = known.iter().copied().collect();
    candidates.sort_unstable();
    match diagnostic::did_you_mean(anchor, &candidates) {
        Some(best) => format!("did you mean `#{best}`?"),
        None => "add `{#id}` to the heading, or fix the link".to_string(),
    }
}

/// Pages no other page links to (the section tree aside): warnings.
fn orphans(site: &Site, rendered: &[Rendered], quizzes: &[pages::QuizOutput]) -> Vec<Diagnostic> {
    let mut linked = vec![false; site.pages.len()];
    for (r, q) in rendered.iter().zip(quizzes) {
        for &page in r.linked_pages.iter().chain(q.linked_pages.iter()) {
            linked[page] = true;
        }
    }
    site.pages
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            *i != crate::content::HOME && !p.is_section && !p.source.is_empty() && !linked[*i]
        })
        .map(|(_, p)| {
            Diagnostic::warning(
                p.source.clone(),
                "no other page links to this page (it is reachable only from the section tree)",
            )
            .help("link to it from a related page")
        })
        .collect()
}

/// Maps used by `pages`: content path → URL etc.
pub(crate) fn page_lookup(
    site: &Site,
    base_path: &str,
) -> HashMap<String, (String, String, String)> {
    site.pages
        .iter()
        .map(|p| {
            (
                p.content_path.clone(),
                (
                    format!("{base_path}{}", p.url),
                    p.title.clone(),
                    p.front.description.clone().unwrap_or_default(),
                ),
            )
        })
        .collect()
}
