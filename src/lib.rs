//! Kurator: a static-site generator for training and onboarding knowledge
//! bases. The pipeline (`pipeline.rs`) reads top-down:
//! config → content → markdown → quizzes → validate → templates → search →
//! output. docs/architecture.md lists the stages with the module owning each.

/// The build's vocabulary: options, mode, analysis, report, failure.
pub mod build_types;
/// The command line: clap types, doc comments are the help text.
pub mod cli;
/// One module per subcommand; the only place that prints summaries and
/// chooses exit codes.
pub(crate) mod cmd;
/// `kurator.yaml`: the site config and loading it.
pub mod config;
/// The content model: walking `content/`, front matter, pages, sections.
pub mod content;
/// `data/*.yaml` for templates.
pub(crate) mod data;
/// Problems with a place (`path:line:col`), and how they print.
pub mod diagnostic;
/// What a build read and wrote, for `Up to date`.
pub(crate) mod fingerprint;
/// Markdown written for other tools: mdBook's layout (issue 21).
pub mod formats;
/// Quiz banks in Moodle's GIFT format: parser, writer, Moodle XML.
pub mod gift;
/// The glossary: `data/glossary.yaml`, its page and term links (issue 22).
pub mod glossary;
/// HTML escaping, for every module that writes HTML by hand.
pub(crate) mod html;
/// The theme's interface text: translation tables, plural forms.
pub mod i18n;
/// `serve`'s one-page fast path.
pub mod incremental;
/// Markdown → HTML, plus headings, links and text per section.
pub mod markdown;
/// Memory a stage freed, handed back to the system between stages.
pub mod memory;
/// Where built files go: a staging folder or memory.
pub mod output;
/// Templates → the site's files (pages, sections, taxonomies, extras).
pub mod pages;
/// The order of the build's stages, and nothing else.
pub mod pipeline;
/// Quiz blocks: schema, validation, rendering, the site's quizzes.
pub mod quiz;
/// Page owners, review dates, stale pages (issue 22).
pub mod review;
/// SCORM 1.2 / 2004 packages for an LMS.
pub mod scorm;
/// The search index.
pub mod search;
/// `kurator serve`: in-memory builds, HTTP, file watching, live reload.
pub mod serve;
/// Sitemap, feed, redirects, relative links.
pub mod site_files;
/// The one rule for links: inside the site, or in an allowed outside folder.
pub mod site_root;
/// Pages' source, HTML and text past a memory budget, in a temporary file.
pub mod spill;
/// Tera templates and the views they receive.
pub(crate) mod templates;
/// Theme lookup: site file → theme → built-in default.
pub(crate) mod theme;
/// Optional stage timings (`KURATOR_TIMINGS`).
pub(crate) mod timing;
/// Link and anchor checks over the whole rendered site.
pub(crate) mod validate;
/// YAML with positions, for diagnostics at `path:line:col`.
pub mod yaml;

pub use cmd::{run, EXIT_SITE_ERRORS, EXIT_USAGE};
