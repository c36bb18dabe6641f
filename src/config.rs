//! `kurator.yaml`: the site configuration, its defaults and its validation.
//! Unknown keys are errors (with a suggestion), so a typo never silently
//! falls back to a default.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::content::walk;
use crate::diagnostic::Diagnostic;
use crate::yaml::{self, YamlSource};

/// The config file's name at the site root.
pub const CONFIG_FILE: &str = "kurator.yaml";

/// Entries of a feed unless `feed_limit` says otherwise.
pub const DEFAULT_FEED_LIMIT: usize = 50;

/// The whole site configuration.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Where the site is published, e.g. `https://example.com/kb/`. Its path
    /// part prefixes every internal URL.
    pub base_url: String,
    /// Language of the content (`lang` attribute, stemming): `ru` or `en`.
    pub language: String,
    pub theme: String,
    /// Output folder, relative to the site root.
    pub output_dir: String,
    /// Header menu entries.
    pub menu: Vec<MenuEntry>,
    /// Taxonomies to build listing pages for; `tags` is the only one pages can
    /// set through front matter.
    pub taxonomies: Vec<String>,
    pub search: SearchConfig,
    /// Folders outside the site that symbolic links in it may lead to
    /// (absolute, or relative to the site folder); see `site_root.rs`.
    pub allow_outside: Vec<String>,
    /// Output files (`robots.txt`, `404.html`) a file from `static/` or
    /// `content/` may replace without a warning (`content/collisions.rs`).
    pub replace_generated: Vec<String>,
    /// Free values for templates: `config.extra`.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// `kurator package scorm` settings (see docs/lms.md).
    pub scorm: crate::scorm::ScormConfig,
    /// How many of the newest dated pages `atom.xml` (and each section feed)
    /// holds; 0 for all. Feed readers fetch the whole file every time.
    pub feed_limit: usize,
    /// Put each page's whole HTML in the feed, not only its summary.
    pub feed_full_text: bool,
    /// How often pages should be reviewed unless their section or page says
    /// otherwise (`6 months`); see `review.rs`.
    pub review_every: Option<String>,
    /// Whose layout the site folder has: `kurator`, or Markdown written
    /// for `mdbook`, `zola`, `hugo` or `obsidian`, built as it is
    /// (`formats/`). Without `kurator.yaml` it is detected.
    pub format: crate::formats::Format,
    /// The folder of the pages, relative to the site root: `content`
    /// (`src` for an mdBook, `.` for an Obsidian vault).
    pub content_dir: String,
    /// How heading ids are spelled: `kurator`, or `mdbook` for a site that
    /// came from a book and keeps its deep links. Unset: as its format's
    /// tool spelled them.
    pub heading_ids: Option<crate::content::links::HeadingIds>,
    /// File line of each top-level key, for diagnostics found later.
    #[serde(skip)]
    pub key_lines: BTreeMap<String, usize>,
}

/// A folder of pages must be inside the site: relative, without `..`.
fn check_content_dir(dir: &str) -> Result<(), &'static str> {
    let path = Path::new(dir);
    if dir.trim().is_empty() {
        return Err("is empty");
    }
    if path.is_absolute()
        || path
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err("leaves the site folder");
    }
    Ok(())
}

impl SiteConfig {
    /// Where the pages are, for the walk.
    pub fn content_layout(&self) -> walk::ContentDir {
        let prefix = self.content_prefix();
        let mut exclude = Vec::new();
        if prefix.is_empty() {
            // Pages at the root: the output is not a page, nor are
            // Kurator's own folders when it is a Kurator site.
            let output = self.output_dir.trim_start_matches("./");
            exclude.extend(output.split('/').next().map(str::to_string));
            if !self.format.is_foreign() {
                exclude.extend(["static", "templates", "themes", "data", "i18n"].map(String::from));
            }
        }
        walk::ContentDir {
            prefix,
            readme_is_index: self.format == crate::formats::Format::MdBook,
            exclude,
        }
    }

    /// The pages' folder as a path prefix: `content/`, `src/`, or empty
    /// for pages at the site root.
    pub fn content_prefix(&self) -> String {
        let dir = self.content_dir.trim_matches('/');
        if dir.is_empty() || dir == "." {
            String::new()
        } else {
            format!("{dir}/")
        }
    }
}

/// One header menu entry. `url` is either an absolute URL, a site path
/// (`/kpi/`) or a content path (`kpi/_index.md`), which is rewritten.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MenuEntry {
    pub name: String,
    pub url: String,
}

/// Search settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    pub enabled: bool,
    /// Words a reader may type, mapped to words the content uses, for forms
    /// no stemmer joins: `люди: [человек]`, `KPI: [ключевые показатели]`.
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Content paths of the pages that define terms (a glossary): a query
    /// asking what something is («что такое CRM») puts them first. Empty:
    /// `glossary/_index.md` or `glossary.md` when the site has one.
    pub definitions: Vec<String>,
    /// Fetch the results' text as soon as the query is made of whole
    /// words, not after the reader's pause: results settle one round trip
    /// after the last key, at the cost of the text of results shown on the
    /// way (a two-word query also loads its first word's). Unset: on when
    /// all the site's search text is small (see `search::instant`).
    pub instant: Option<bool>,
    /// The site's subject: its title, whose words readers add to queries
    /// («навыки аккаунт-менеджера» on an account managers' site). Set by
    /// the build from `title`, not written in `kurator.yaml`.
    #[serde(skip)]
    pub subject: String,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            synonyms: BTreeMap::new(),
            definitions: Vec::new(),
            instant: None,
            subject: String::new(),
        }
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Kurator".into(),
            description: String::new(),
            base_url: "/".into(),
            language: "ru".into(),
            theme: "default".into(),
            output_dir: "public".into(),
            menu: Vec::new(),
            taxonomies: vec!["tags".into()],
            search: SearchConfig::default(),
            allow_outside: Vec::new(),
            replace_generated: Vec::new(),
            extra: BTreeMap::new(),
            scorm: crate::scorm::ScormConfig::default(),
            feed_limit: DEFAULT_FEED_LIMIT,
            feed_full_text: false,
            review_every: None,
            format: crate::formats::Format::Kurator,
            content_dir: "content".into(),
            heading_ids: None,
            key_lines: BTreeMap::new(),
        }
    }
}

/// Step 1: reads `kurator.yaml` at `root`; without one, a folder of
/// another tool's Markdown (an mdBook, a Zola or Hugo site, an Obsidian
/// vault) is configured from that tool's own files (issue 21).
pub fn load(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        if let Some(detected) = crate::formats::detect(root) {
            return detected.map_err(|d| vec![d]);
        }
    }
    let bytes = std::fs::read(&path).map_err(|e| {
        let help = if e.kind() == std::io::ErrorKind::NotFound {
            format!("run the command in a site folder (or an mdBook, Zola, Hugo or Obsidian folder), pass --root, or create one with `kurator init {}`", root.display())
        } else {
            "check the file's permissions".to_string()
        };
        vec![Diagnostic::error(CONFIG_FILE, format!("cannot read {}: {e}", path.display())).help(help)]
    })?;
    let text = walk::decode(CONFIG_FILE, bytes).map_err(|d| vec![d])?;
    SiteConfig::parse(&text).map_err(|mut problems| {
        crate::diagnostic::attach_sources(root, &mut problems);
        problems
    })
}

impl SiteConfig {
    /// Parses and validates the text of `kurator.yaml`.
    pub fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let mut config: SiteConfig =
            yaml::parse(YamlSource::file(CONFIG_FILE, text)).map_err(|d| vec![d])?;
        config.key_lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with([' ', '\t', '-', '#']))
            .filter_map(|(i, l)| Some((l.split_once(':')?.0.trim().to_string(), i + 1)))
            .collect();
        let problems = config.validate(text);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// Search stems Russian (Cyrillic) and English (Latin) words only; any
    /// other `language` gets a warning that stemming falls back.
    pub fn stemming_warning(&self) -> Option<Diagnostic> {
        let primary = self.language.split(['-', '_']).next().unwrap_or_default();
        if !self.search.enabled || matches!(primary.to_ascii_lowercase().as_str(), "ru" | "en") {
            return None;
        }
        let line = self.key_lines.get("language").copied().unwrap_or(1);
        Some(
            Diagnostic::warning(
                CONFIG_FILE,
                format!(
                    "search has no stemmer for `language: {}`: Latin-script words are stemmed as English, Cyrillic as Russian, other words must match as written",
                    self.language
                ),
            )
            .at(line, "language: ".len() + 1)
            .help("search still works, but finds fewer word forms; write `language: ru` or `en` if the content is in one of them"),
        )
    }

    fn validate(&self, text: &str) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let line_of = |key: &str| {
            text.lines()
                .position(|l| l.starts_with(&format!("{key}:")))
                .map_or(1, |i| i + 1)
        };
        let base = self.base_url.trim();
        if !(base.starts_with("http://") || base.starts_with("https://") || base.starts_with('/')) {
            problems.push(
                Diagnostic::error(CONFIG_FILE, format!("base_url `{base}` is not a URL"))
                    .at(line_of("base_url"), 1)
                    .help("write it as https://example.com/ or as a path such as /kb/"),
            );
        }
        if self.language.is_empty()
            || !self
                .language
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("language `{}` is not a language code", self.language),
                )
                .at(line_of("language"), 1)
                .help("use a code such as ru or en"),
            );
        }
        if let Some(mut problem) = crate::theme::not_a_theme_name(&self.theme) {
            let line = line_of("theme");
            problem.line = Some(line);
            // At the value; an empty value (`theme:`) at the line's end
            // (found by the property tests).
            problem.column = text
                .lines()
                .nth(line - 1)
                .and_then(|l| l.find(':').map(|c| (c + 3).min(l.chars().count() + 1)));
            problems.push(problem);
        }
        if let Some(every) = &self.review_every {
            if let Err(why) = crate::review::parse_period(every) {
                problems.push(
                    Diagnostic::error(CONFIG_FILE, format!("`review_every: {every}`: {why}"))
                        .at(line_of("review_every"), "review_every: ".len() + 1)
                        .help(crate::review::PERIOD_HELP),
                );
            }
        }
        if let Err(why) = check_content_dir(&self.content_dir) {
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("content_dir `{}` {why}", self.content_dir),
                )
                .at(line_of("content_dir"), 1)
                .help("name a folder inside the site, such as `content` or `src`"),
            );
        }
        if self.output_dir.trim().is_empty() {
            problems.push(
                Diagnostic::error(CONFIG_FILE, "output_dir is empty")
                    .at(line_of("output_dir"), 1)
                    .help("remove the key to use `public`"),
            );
        }
        for entry in &self.menu {
            if runs_script(&entry.url) {
                let line = text
                    .lines()
                    .position(|l| l.contains("url:") && l.contains(entry.url.trim()))
                    .map_or_else(|| line_of("menu"), |i| i + 1);
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("menu url `{}` would run script", entry.url.trim()),
                    )
                    .at_line(line)
                    .help(
                        "link to a page (kpi/_index.md), a site path (/kpi/) or an https: address",
                    ),
                );
            }
        }
        for taxonomy in &self.taxonomies {
            if taxonomy.is_empty()
                || !taxonomy
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            {
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("taxonomy name `{taxonomy}` cannot be used in a URL"),
                    )
                    .at(line_of("taxonomies"), 1)
                    .help("use letters, digits, `-` or `_`"),
                );
            }
        }
        problems
    }

    /// The path part of `base_url`, always starting and ending with `/`:
    /// `https://example.com/kb` → `/kb/`.
    pub fn base_path(&self) -> String {
        let url = self.base_url.trim();
        let after_scheme = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        let path = match after_scheme {
            Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
            None => url,
        };
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".into()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// `base_url` with a single trailing slash removed, for absolute URLs
    /// (canonical links, sitemap, feed). Empty when `base_url` is only a path.
    pub fn origin(&self) -> String {
        let url = self.base_url.trim();
        let after_scheme = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        match after_scheme {
            Some(rest) => {
                let host_len = rest.find('/').unwrap_or(rest.len());
                url[..url.len() - rest.len() + host_len].to_string()
            }
            None => String::new(),
        }
    }
}

/// Whether a URL would run script when followed: `javascript:`, `vbscript:`
/// or `data:`, read the way browsers read an href (leading spaces and
/// control characters dropped, tabs and line breaks removed, any case).
fn runs_script(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| cleaned.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply() {
        let c = SiteConfig::parse("title: База знаний\n").unwrap();
        assert_eq!(c.title, "База знаний");
        assert_eq!(c.language, "ru");
        assert_eq!(c.theme, "default");
        assert_eq!(c.output_dir, "public");
        assert_eq!(c.taxonomies, vec!["tags".to_string()]);
        assert!(c.search.enabled);
    }

    #[test]
    fn unknown_key_has_position_and_suggestion() {
        let errs = SiteConfig::parse("title: X\nbase_ulr: /\n").unwrap_err();
        assert_eq!(errs[0].line, Some(2));
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `base_url`?"));
    }

    #[test]
    fn bad_base_url_is_an_error() {
        let errs = SiteConfig::parse("title: X\nbase_url: example.com\n").unwrap_err();
        assert_eq!(errs[0].line, Some(2));
    }

    #[test]
    fn base_path_and_origin() {
        let mut c = SiteConfig {
            base_url: "https://example.com/kb".into(),
            ..SiteConfig::default()
        };
        assert_eq!(c.base_path(), "/kb/");
        assert_eq!(c.origin(), "https://example.com");
        c.base_url = "https://example.com/".into();
        assert_eq!(c.base_path(), "/");
        c.base_url = "/".into();
        assert_eq!(c.base_path(), "/");
        assert_eq!(c.origin(), "");
    }

    /// Issue 9: a menu entry could put `javascript:` into every page's header.
    #[test]
    fn script_menu_urls_are_errors() {
        let errs = SiteConfig::parse(
            "title: X\nmenu:\n  - name: Ok\n    url: /kpi/\n  - name: Evil\n    url: \" JaVaScript:alert(1)\"\n",
        )
        .unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.contains("would run script"), "{}", errs[0]);
        assert_eq!(errs[0].line, Some(6));
        assert!(
            SiteConfig::parse("menu:\n  - { name: A, url: \"https://x.y/javascript:\" }\n").is_ok()
        );
        assert!(runs_script("\u{1} java\tscript:x"));
        assert!(runs_script("DATA:text/html,x"));
        assert!(!runs_script("kpi/_index.md"));
    }

    #[test]
    fn an_empty_theme_points_inside_its_line() {
        let problems = SiteConfig::parse("title: T\ntheme:\n").unwrap_err();
        assert_eq!((problems[0].line, problems[0].column), (Some(2), Some(7)));
    }

    #[test]
    fn synonyms_parse() {
        let c = SiteConfig::parse("search:\n  synonyms:\n    люди: [человек]\n").unwrap();
        assert_eq!(c.search.synonyms["люди"], vec!["человек".to_string()]);
    }
}
