//! The build's vocabulary, shared by the stages and the commands: how a run
//! was asked for ([`BuildOptions`], [`Mode`]), what the analysis stages hand
//! to the writing stages ([`Analysis`]), and how a build ends
//! ([`BuildReport`], [`BuildFailure`]). Types only: the order of the stages
//! is `pipeline.rs`, which no module below it imports.

use std::path::PathBuf;
use std::time::Duration;

use crate::config::SiteConfig;
use crate::content::links::LinkResolver;
use crate::content::walk::Asset;
use crate::content::Site;
use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::quiz::site::QuizOutput;
use crate::theme::Theme;

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
    /// Building for `kurator package scorm`: pages load `scorm.js`, which
    /// an ordinary site does not need (it only talks to an LMS).
    pub scorm: bool,
    /// "Today" for review dates (`--today`, `SOURCE_DATE_EPOCH`); the
    /// clock when absent. Part of the build's fingerprint.
    pub today: Option<jiff::civil::Date>,
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
            scorm: false,
            today: None,
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
    /// Whose layout the site had (another tool's is named in the summary).
    pub format: crate::formats::Format,
}

/// Why a build did not finish: the one error type of every stage that can
/// stop it.
#[derive(Debug, thiserror::Error)]
pub enum BuildFailure {
    /// Problems in the site: every one found, in file order.
    #[error("the site has {} problem(s)", .0.len())]
    Content(Vec<Diagnostic>),
    /// The machine failed us (disk, permissions).
    #[error(transparent)]
    Io(#[from] anyhow::Error),
}

impl From<Diagnostic> for BuildFailure {
    fn from(d: Diagnostic) -> Self {
        BuildFailure::Content(vec![d])
    }
}

/// Everything learned about the site before templates run: what `check`
/// validates and what `build` renders.
pub struct Analysis {
    pub config: SiteConfig,
    pub site: Site,
    pub rendered: Vec<Rendered>,
    /// Where pages' HTML waits when a site's HTML passes the budget.
    pub spill: crate::spill::Spill,
    pub quizzes: Vec<QuizOutput>,
    pub data: serde_json::Map<String, serde_json::Value>,
    pub theme: Theme,
    /// The theme's interface text in the site's language.
    pub texts: crate::i18n::Texts,
    pub links: LinkResolver,
    pub assets: Vec<Asset>,
    pub static_files: Vec<Asset>,
    pub warnings: Vec<Diagnostic>,
    /// Glossary terms to link (`serve`'s one-page path renders with them).
    pub terms: Option<crate::glossary::Terms>,
    /// Every page's URL, title and description by content path, for the
    /// templates' `get_page` and `url_for`: made once, then shared by
    /// every plan `serve`'s one-page path makes (6 ms a save at 10,000
    /// pages; that path never changes a title, URL or front matter).
    pub(crate) page_links: std::sync::OnceLock<crate::templates::PageLinks>,
}
