//! Micro-benchmarks of the build's stages, with divan: loading (walk +
//! site model), Markdown, templates, search index, writing. Run with `cargo bench`
//! (`cargo bench -- markdown` for one group); `bench/compare` measures whole
//! builds against other generators.
//!
//! The corpus (1,000 pages in 20 sections, see `support`) is written once
//! to a temporary folder, removed when the benches finish.
//!

mod support;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use kurator::config::SiteConfig;
use kurator::content::links::LinkResolver;
use kurator::content::walk::{self, SourceFile};
use kurator::content::Site;
use kurator::markdown::{self, MarkdownInput};
use kurator::output::{NullSink, Sink as _, Staging};
use kurator::pages::RenderPlan;
use kurator::pipeline::{self, Analysis, BuildOptions, Mode};
use kurator::spill::Spill;

fn main() {
    divan::main();
    if let Some(dir) = SCRATCH.get() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

static SCRATCH: OnceLock<PathBuf> = OnceLock::new();

/// A folder for this run's files, under the system's temporary folder.
fn scratch() -> &'static Path {
    SCRATCH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kurator-divan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

/// The site folder of the 1,000-page corpus, written on first use.
fn site_root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = scratch().join("site");
        std::fs::create_dir_all(&root).unwrap();
        support::write_site(&root, support::PAGES, support::SECTIONS);
        root
    })
}

fn taxonomies() -> Vec<String> {
    SiteConfig::default().taxonomies
}

/// Reading `content/` and building the site model.
mod load {
    use super::*;

    /// Walk + read every file (in parallel, as a build does, the text
    /// past the spill budget going to the spill file).
    #[divan::bench(sample_count = 20)]
    fn walk(bencher: Bencher) {
        let root = kurator::site_root::SiteRoot::new(site_root(), &[]);
        bencher.counter(ItemsCount::new(support::PAGES)).bench(|| {
            let spill = Spill::new();
            walk::walk_content(&root, &walk::ContentDir::standard(), &spill)
        });
    }

    /// Front matter, tree, order, URLs and taxonomies from read sources.
    #[divan::bench(sample_count = 20)]
    fn model(bencher: Bencher) {
        let files = support::sources(support::PAGES, support::SECTIONS);
        let taxonomies = taxonomies();
        bencher
            .counter(ItemsCount::new(files.len()))
            .bench(|| Site::build(&files, false, &taxonomies));
    }

    /// Both: what the pipeline does before Markdown.
    #[divan::bench(sample_count = 20)]
    fn walk_and_model(bencher: Bencher) {
        let root = kurator::site_root::SiteRoot::new(site_root(), &[]);
        let taxonomies = taxonomies();
        bencher.counter(ItemsCount::new(support::PAGES)).bench(|| {
            let spill = Spill::new();
            let files = walk::walk_content(&root, &walk::ContentDir::standard(), &spill);
            Site::build(&files.markdown, false, &taxonomies)
        });
    }
}

/// `markdown::render` of page bodies, one thread.
mod markdown_render {
    use super::*;

    struct Pages {
        site: Site,
        links: LinkResolver,
        labels: markdown::Labels,
    }

    fn pages() -> Pages {
        let files: Vec<SourceFile> = support::sources(support::PAGES, support::SECTIONS);
        let (site, problems) = Site::build(&files, false, &taxonomies());
        assert!(problems.is_empty(), "{problems:?}");
        let links = LinkResolver::new(&site, "/", std::iter::empty());
        Pages {
            site,
            links,
            labels: markdown::Labels::built_in("ru"),
        }
    }

    fn render(pages: &Pages, i: usize) -> markdown::Rendered {
        let page = &pages.site.pages[i];
        markdown::render(&MarkdownInput {
            source: &page.source,
            dir: &page.dir,
            text: &page.body,
            first_line: page.body_line,
            links: &pages.links,
            language: "ru",
            labels: &pages.labels,
            title_is_first_heading: false,
            terms: None,
        })
    }

    /// One typical page (with a table and a code block).
    #[divan::bench]
    fn one_page(bencher: Bencher) {
        let pages = pages();
        let i = pages
            .site
            .pages
            .iter()
            .position(|p| p.content_path.ends_with("page-00015.md"))
            .unwrap();
        bencher
            .counter(BytesCount::of_str(&pages.site.pages[i].body))
            .bench(|| render(&pages, i));
    }

    /// The first 100 pages in a row: the mix of tables, code and plain pages.
    #[divan::bench(sample_count = 20)]
    fn hundred_pages(bencher: Bencher) {
        let pages = pages();
        let bytes: usize = pages.site.pages[..100].iter().map(|p| p.body.len()).sum();
        bencher.counter(BytesCount::new(bytes)).bench(|| {
            (0..100)
                .map(|i| render(&pages, i).html.len())
                .sum::<usize>()
        });
    }
}

/// Templates: every page, section and taxonomy page rendered into a
/// `NullSink` from an analysis made once (Markdown already done).
mod templates {
    use super::*;

    fn analysis() -> (BuildOptions, Analysis) {
        let options = BuildOptions::new(site_root(), Mode::Build);
        let analysis = pipeline::analyse(&options).expect("the bench corpus builds");
        (options, analysis)
    }

    #[divan::bench(sample_count = 10)]
    fn render_all(bencher: Bencher) {
        let (options, analysis) = analysis();
        bencher.counter(ItemsCount::new(support::PAGES)).bench(|| {
            let plan = RenderPlan::new(&analysis, &options).unwrap();
            plan.write_all(&NullSink)
                .unwrap_or_else(|_| panic!("render failed"))
        });
    }

    /// Steps 1–6 alone (config, walk, model, Markdown, quizzes, checks):
    /// `pipeline` minus this is the templates' share.
    #[divan::bench(sample_count = 10)]
    fn analyse_only(bencher: Bencher) {
        let options = BuildOptions::new(site_root(), Mode::Build);
        bencher.counter(ItemsCount::new(support::PAGES)).bench(|| {
            pipeline::analyse(&options)
                .map(|a| a.rendered.len())
                .unwrap_or(0)
        });
    }

    /// The whole pipeline into a `NullSink`: everything but the disk.
    #[divan::bench(sample_count = 10)]
    fn pipeline_null_sink(bencher: Bencher) {
        let options = BuildOptions::new(site_root(), Mode::Build);
        bencher.counter(ItemsCount::new(support::PAGES)).bench(|| {
            pipeline::build(&options, &NullSink)
                .map(|r| r.files)
                .unwrap_or(0)
        });
    }
}

/// The search index of the analysed corpus, into memory (`build_index`).
mod search_index {
    use super::*;
    use kurator::search::{self, SearchDoc};

    #[divan::bench(sample_count = 10)]
    fn build_index(bencher: Bencher) {
        let options = BuildOptions::new(site_root(), Mode::Build);
        let analysis = pipeline::analyse(&options).expect("the bench corpus builds");
        let site = &analysis.site;
        let docs: Vec<SearchDoc<'_>> = site
            .pages
            .iter()
            .zip(&analysis.rendered)
            .map(|(page, rendered)| SearchDoc {
                url: &page.url,
                title: &page.title,
                breadcrumb: Vec::new(),
                description: &rendered.first_paragraph,
                tags: &page.front.tags,
                sections: search::site::sections_of(rendered, &analysis.spill),
                weight: 1.0,
                defines: false,
            })
            .collect();
        let config = &analysis.config;
        bencher.counter(ItemsCount::new(docs.len())).bench(|| {
            search::build_index(&docs, &config.search, &config.language).map(|files| files.len())
        });
    }
}

/// Writing: `Staging::put` of N page-sized files into section folders, then
/// the swap into place (`publish`).
mod write {
    use super::*;

    /// About the size of a built page of the corpus.
    const PAGE_BYTES: usize = 24 * 1024;

    #[divan::bench(args = [100, 1000], sample_count = 10, sample_size = 1)]
    fn staging_put(bencher: Bencher, files: usize) {
        static RUN: AtomicUsize = AtomicUsize::new(0);
        let root = site_root();
        let page = vec![b'x'; PAGE_BYTES];
        bencher
            .counter(ItemsCount::new(files))
            .with_inputs(|| {
                let n = RUN.fetch_add(1, Ordering::Relaxed);
                let output = scratch().join(format!("out-{n}"));
                Staging::create(root, &output).unwrap()
            })
            .bench_local_values(|staging| {
                for i in 0..files {
                    let rel = format!("section-{:02}/page-{i:05}/index.html", i % 20);
                    staging.put(&rel, page.clone()).unwrap();
                }
                // Dropped after timing: the unpublished folder is removed.
                staging
            });
    }

    #[divan::bench(args = [1000], sample_count = 10, sample_size = 1)]
    fn staging_put_and_publish(bencher: Bencher, files: usize) {
        let root = site_root();
        let output = scratch().join("published");
        let page = vec![b'x'; PAGE_BYTES];
        bencher
            .counter(ItemsCount::new(files))
            .with_inputs(|| Staging::create(root, &output).unwrap())
            .bench_local_values(|staging| {
                for i in 0..files {
                    let rel = format!("section-{:02}/page-{i:05}/index.html", i % 20);
                    staging.put(&rel, page.clone()).unwrap();
                }
                staging.publish().unwrap();
            });
    }
}
