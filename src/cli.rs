//! The command line: clap derive structs. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Kurator builds training and onboarding knowledge bases: Markdown with
/// YAML front matter in, a fast searchable website with quizzes out.
#[derive(Debug, Parser)]
#[command(name = "kurator", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the site into the output folder (public/ by default).
    Build(BuildArgs),
    /// Validate content, quizzes, links and anchors without writing anything.
    Check(CheckArgs),
    /// Build the site in memory, serve it on 127.0.0.1, rebuild and reload on change.
    Serve(ServeArgs),
    /// Create a new site skeleton that builds.
    Init(InitArgs),
    /// Create a new page with its front matter filled in.
    New(NewArgs),
    /// Package the site for another system: `package scorm` for an LMS.
    Package(PackageArgs),
    /// Export content in other formats: `export quizzes` for a Moodle question bank.
    Export(ExportArgs),
    /// Write a native Kurator site from docs made for another tool (reads SRC only).
    Import(ImportArgs),
    /// Internal: removes previous outputs that `build` moved aside.
    #[command(name = "__remove-retired", hide = true)]
    RemoveRetired {
        /// The output folder whose retired copies to remove.
        output: PathBuf,
    },
}

#[derive(Debug, Args, Clone)]
pub struct SiteArgs {
    /// The site folder (the one with kurator.yaml).
    #[arg(long, short = 'r', value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output folder (default: output_dir from kurator.yaml, relative to the site).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Publish at this URL instead of base_url from kurator.yaml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Write every internal link as a relative path ending in index.html, so the
    /// folder works opened from disk (file://) or handed over as a zip.
    #[arg(long)]
    pub relative: bool,
    /// Build even when nothing changed since the last build into this folder
    /// (normally such a build checks the sources and the output and stops).
    #[arg(long)]
    pub force: bool,
    /// The day review dates are counted from (YYYY-MM-DD); default:
    /// SOURCE_DATE_EPOCH when set, else today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The day review dates are counted from (YYYY-MM-DD); default:
    /// SOURCE_DATE_EPOCH when set, else today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// List pages past their review date, and those due within 30 days,
    /// grouped by owner, instead of checking the site.
    #[arg(long)]
    pub stale: bool,
    /// With --stale: text, json or csv.
    #[arg(long, value_enum, default_value = "text", requires = "stale")]
    pub format: StaleFormat,
    /// With --stale: exit with 1 when a page is overdue (for CI).
    #[arg(long, requires = "stale")]
    pub fail_on_stale: bool,
}

/// How `check --stale` prints its list.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum StaleFormat {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on; the next free one is used when it is taken.
    #[arg(long, short = 'p', default_value_t = 1111)]
    pub port: u16,
    /// Address to bind. Anything but loopback exposes your drafts to the network.
    #[arg(long, short = 'b', default_value = "127.0.0.1")]
    pub bind: String,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder for the new site (created if missing; must not hold a site).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Path of the new page, e.g. content/duties/reporting.md.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// The site folder.
    #[arg(long, short = 'r', value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct PackageArgs {
    #[command(subcommand)]
    pub kind: PackageKind,
}

#[derive(Debug, Subcommand)]
pub enum PackageKind {
    /// A SCORM zip for an LMS (Moodle, iSpring Learn …): the site with relative
    /// links, an imsmanifest.xml, and quiz scores reported to the LMS.
    // `--version` is the SCORM edition here, not kurator's version.
    #[command(disable_version_flag = true)]
    Scorm(ScormArgs),
}

#[derive(Debug, Args)]
pub struct ScormArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// SCORM edition: 1.2 (most LMSs) or 2004 (4th edition).
    #[arg(long, value_enum, default_value = "1.2")]
    pub version: ScormVersionArg,
    /// The zip to write (default: <output_dir>-scorm<version>.zip beside the site).
    #[arg(long, value_name = "FILE.zip")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScormVersionArg {
    #[value(name = "1.2")]
    V12,
    #[value(name = "2004")]
    V2004,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The tool the docs were written for.
    #[arg(long, value_enum)]
    pub from: ImportFrom,
    /// The folder of the docs (for mdBook: the one with book.toml).
    pub src: PathBuf,
    /// A new or empty folder for the Kurator site.
    pub dest: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFrom {
    /// An mdBook: book.toml and src/SUMMARY.md.
    Mdbook,
    /// A Zola site: config.toml (or zola.toml) and content/.
    Zola,
    /// A Hugo site: hugo.toml (or config.*) and content/.
    Hugo,
    /// An Obsidian vault: a folder with .obsidian/.
    Obsidian,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub kind: ExportKind,
}

#[derive(Debug, Subcommand)]
pub enum ExportKind {
    /// Every knowledge quiz of the site, for import into a Moodle question bank.
    Quizzes(ExportQuizzesArgs),
}

#[derive(Debug, Args)]
pub struct ExportQuizzesArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// gift (Moodle's text format) or moodle-xml.
    #[arg(long, value_enum, default_value = "gift")]
    pub format: QuizFormatArg,
    /// The file to write (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QuizFormatArg {
    Gift,
    MoodleXml,
}
