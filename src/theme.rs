//! The one place for theme lookup. A file is taken from, in order: the site's
//! own `templates/` or `static/`, the theme folder on disk
//! (`themes/<name>/`), and the default theme embedded in the binary.

use std::collections::BTreeMap;
use std::path::Path;

use crate::content::walk;
use crate::diagnostic::Diagnostic;
use crate::site_root::SiteRoot;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// One theme file, with where it came from (for error messages).
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Root-relative path of the file, or `<built-in>/…` for embedded ones.
    pub origin: String,
    pub bytes: Vec<u8>,
}

/// Templates and static files of the theme, after overrides.
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name (`page.html`, `partials/nav.html`) → file.
    pub templates: BTreeMap<String, ThemeFile>,
    /// Output path inside `static/` (`style.css`) → file.
    pub statics: BTreeMap<String, ThemeFile>,
    /// Interface text tables (`ru.yaml`) → file; see `i18n/`.
    pub i18n: BTreeMap<String, ThemeFile>,
}

/// A file of the default theme as embedded (`i18n/ru.yaml`), whatever
/// the site's theme replaces.
pub(crate) fn built_in_file(rel: &str) -> Option<&'static [u8]> {
    DEFAULT_THEME
        .iter()
        .find(|(name, _)| *name == rel)
        .map(|(_, bytes)| *bytes)
}

impl Theme {
    /// The default theme alone, for a site written for another tool.
    pub fn built_in() -> Theme {
        let mut theme = Theme::default();
        for (rel, bytes) in DEFAULT_THEME {
            theme.insert(rel, format!("<built-in>/{rel}"), bytes.to_vec());
        }
        theme
    }

    /// Loads the theme `name` for the site at `root`.
    pub fn load(root: &SiteRoot, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Theme {
        let mut theme = Theme::default();
        if let Some(problem) = not_a_theme_name(name) {
            diagnostics.push(problem);
            return theme;
        }
        if name == "default" {
            theme = Theme::built_in();
        }
        let theme_dir = root.join("themes").join(name);
        if theme_dir.is_dir() {
            theme.overlay(root, &theme_dir, diagnostics);
        } else if name != "default" {
            diagnostics.push(
                Diagnostic::error(
                    "kurator.yaml",
                    format!("theme `{name}` not found at themes/{name}/"),
                )
                .help("create the folder or remove `theme` to use the default theme"),
            );
        }
        let site_templates = root.join("templates");
        if site_templates.is_dir() {
            for asset in walk::walk_static(root, &site_templates, diagnostics) {
                theme.read_into(
                    &format!("templates/{}", asset.out),
                    asset.rel,
                    &asset.abs,
                    diagnostics,
                );
            }
        }
        theme
    }

    fn overlay(&mut self, root: &SiteRoot, dir: &Path, diagnostics: &mut Vec<Diagnostic>) {
        for asset in walk::walk_static(root, dir, diagnostics) {
            self.read_into(&asset.out.clone(), asset.rel, &asset.abs, diagnostics);
        }
    }

    fn read_into(
        &mut self,
        rel: &str,
        origin: String,
        abs: &Path,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        match std::fs::read(abs) {
            Ok(bytes) => self.insert(rel, origin, bytes),
            Err(e) => diagnostics.push(Diagnostic::error(
                origin,
                format!("cannot read theme file: {e}"),
            )),
        }
    }

    fn insert(&mut self, rel: &str, origin: String, bytes: Vec<u8>) {
        if let Some(name) = rel.strip_prefix("templates/") {
            self.templates
                .insert(name.to_string(), ThemeFile { origin, bytes });
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.statics
                .insert(name.to_string(), ThemeFile { origin, bytes });
        } else if let Some(name) = rel.strip_prefix("i18n/") {
            self.i18n
                .insert(name.to_string(), ThemeFile { origin, bytes });
        }
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.templates.contains_key(name)
    }

    /// A page's `template:` naming a template that does not exist is an
    /// error at that front matter line (it was reported at render time,
    /// without a line).
    pub fn check_page_templates(&self, site: &crate::content::Site) -> Vec<Diagnostic> {
        // Page templates only: a page cannot use a partial or the base.
        let names: Vec<&str> = self
            .templates
            .keys()
            .map(String::as_str)
            .filter(|n| !n.starts_with("partials/") && *n != "base.html")
            .collect();
        let mut problems = Vec::new();
        for page in &site.pages {
            let Some(name) = &page.front.template else {
                continue;
            };
            if self.has_template(name) {
                continue;
            }
            let line = page.front.positions.line("template").unwrap_or(1);
            let help =
                match crate::diagnostic::did_you_mean(name, &names) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => {
                        format!(
                    "create templates/{name}, or remove `template:` to use the default ({})",
                    if page.is_section { "section.html" } else { "page.html" }
                )
                    }
                };
            problems.push(
                Diagnostic::error(
                    page.source.clone(),
                    format!("`template: {name}` names a template that is neither in templates/ nor in the theme"),
                )
                .at(line, "template: ".len() + 1)
                .help(help),
            );
        }
        problems
    }
}

/// `theme: /abs` or `theme: ../x` named a path, and joining it to
/// `themes/` replaced the whole path: the theme was read from anywhere.
pub(crate) fn not_a_theme_name(name: &str) -> Option<Diagnostic> {
    let is_path = name.contains(['/', '\\'])
        || name == ".."
        || name == "."
        || name.trim().is_empty()
        || Path::new(name).is_absolute();
    is_path.then(|| {
        Diagnostic::error(
            "kurator.yaml",
            format!("`theme: {name}` is a path, but `theme` is the name of a folder inside themes/"),
        )
        .help("copy or link the theme into themes/NAME/ and write `theme: NAME`, or remove `theme` to use the default theme")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_theme_is_embedded() {
        assert!(DEFAULT_THEME
            .iter()
            .any(|(p, _)| *p == "templates/base.html"));
        assert!(DEFAULT_THEME.iter().any(|(p, _)| *p == "static/style.css"));
    }

    #[test]
    fn theme_must_be_a_name_not_a_path() {
        let dir = tempfile::tempdir().unwrap();
        let root = SiteRoot::new(dir.path(), &[]);
        for name in ["/etc", "../x", "a/b", ".."] {
            let mut d = Vec::new();
            let theme = Theme::load(&root, name, &mut d);
            assert_eq!(d.len(), 1, "{name}: {d:?}");
            assert!(d[0].message.contains("is a path"), "{}", d[0]);
            assert!(theme.templates.is_empty());
        }
    }

    #[test]
    fn missing_page_template_names_its_line() {
        let files = [crate::content::walk::SourceFile::new(
            "content/a.md",
            "---\ntitle: A\ntemplate: pagee.html\n---\n",
        )];
        let (site, _) = crate::content::Site::build(&files, false, &[]);
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::load(&SiteRoot::new(dir.path(), &[]), "default", &mut Vec::new());
        let d = theme.check_page_templates(&site);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].to_string(),
            "error: content/a.md:3:11: `template: pagee.html` names a template that is neither in templates/ nor in the theme (did you mean `page.html`?)"
        );
    }

    #[test]
    fn site_templates_override_the_theme() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/page.html"), "mine").unwrap();
        let mut d = Vec::new();
        let theme = Theme::load(&SiteRoot::new(dir.path(), &[]), "default", &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(theme.templates["page.html"].bytes, b"mine");
        assert_eq!(theme.templates["page.html"].origin, "templates/page.html");
        assert!(theme.templates["base.html"]
            .origin
            .starts_with("<built-in>"));
    }
}
