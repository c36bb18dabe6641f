//! Tera templates: loads the theme's templates once per build, registers the
//! functions templates call (`asset_url`, `url_for`, `get_page`), holds the
//! values every page shares in Tera's global context (so they are not copied
//! per page) and turns Tera errors into `template:line:column` diagnostics.

pub(crate) mod view;

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Context, ErrorKind, Kwargs, State, Tera, Value};

use crate::diagnostic::Diagnostic;
use crate::theme::Theme;

/// Content path → the page's URL, title and description, shared.
pub(crate) type PageLinks = Arc<HashMap<String, view::PageLink>>;

/// Lookups the template functions need, shared by reference.
#[derive(Debug, Default, Clone)]
pub(crate) struct Lookups {
    /// Theme static path (`style.css`) → URL with content hash.
    pub assets: HashMap<String, String>,
    /// Content path (`kpi/_index.md`) → the page's URL, title and
    /// description.
    pub pages: PageLinks,
    /// The interface texts `t(key=…)` and `script_texts(groups=…)` read.
    pub texts: crate::i18n::Texts,
}

/// The loaded templates, ready to render.
pub(crate) struct Templates {
    tera: Tera,
    /// Template name → root-relative file it came from.
    origins: HashMap<String, String>,
}

impl Templates {
    /// Parses every theme template (once per build) and registers the
    /// functions. `globals` become Tera's global context.
    pub(crate) fn load(
        theme: &Theme,
        lookups: Arc<Lookups>,
        globals: Context,
    ) -> Result<Templates, Diagnostic> {
        let mut tera = Tera::new();
        let mut sources = Vec::new();
        let mut origins = HashMap::new();
        for (name, file) in &theme.templates {
            let text = String::from_utf8_lossy(&file.bytes).into_owned();
            origins.insert(name.clone(), file.origin.clone());
            sources.push((name.clone(), text));
        }
        register_functions(&mut tera, lookups);
        let templates = Templates {
            tera: Tera::new(),
            origins,
        };
        if let Err(err) =
            tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            return Err(templates.diagnostic(&err, None));
        }
        tera.global_context().extend(globals);
        Ok(Templates { tera, ..templates })
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `template` for the page whose source is `source`.
    pub(crate) fn render(
        &self,
        template: &str,
        context: &Context,
        source: &str,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|err| self.diagnostic(&err, Some((template, source))))
    }

    /// Renders a template into an existing buffer (avoids one copy per page).
    pub(crate) fn render_to(
        &self,
        template: &str,
        context: &Context,
        source: &str,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        self.tera
            .render_to(template, context, &mut *out)
            .map_err(|err| self.diagnostic(&err, Some((template, source))))
    }

    fn origin(&self, name: &str) -> String {
        self.origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    fn diagnostic(&self, err: &tera::Error, rendering: Option<(&str, &str)>) -> Diagnostic {
        let (mut diagnostic, located) = match err.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let name = if report.filename().is_empty() {
                    rendering.map(|r| r.0).unwrap_or("template")
                } else {
                    report.filename()
                };
                let span = report.span();
                (
                    Diagnostic::error(self.origin(name), report.message().to_string())
                        .at(span.start_line.max(1), span.start_col + 1),
                    true,
                )
            }
            ErrorKind::TemplateNotFound(name) => (
                Diagnostic::error(
                    rendering.map_or("templates".to_string(), |r| r.1.to_string()),
                    format!("template `{name}` not found"),
                )
                .help("check the `template` key, or add the file to the site's templates/ folder"),
                false,
            ),
            _ if located_report(&err.to_string()).is_some() => {
                let text = err.to_string();
                let (name, line, column, message) = located_report(&text).unwrap_or_default();
                (
                    Diagnostic::error(self.origin(&name), message).at(line, column),
                    true,
                )
            }
            _ => {
                let mut message = err.to_string();
                let mut source = std::error::Error::source(err);
                while let Some(cause) = source {
                    message.push_str(&format!(": {cause}"));
                    source = cause.source();
                }
                let path = rendering.map_or("templates".to_string(), |r| self.origin(r.0));
                (Diagnostic::error(path, message), false)
            }
        };
        if let (Some((_, page)), true) = (rendering, located) {
            diagnostic = diagnostic.help(format!("while rendering {page}"));
        }
        diagnostic
    }
}

/// Tera reports some errors only as text with a ` --> name:line:col` pointer
/// (unknown filters, missing blocks); pulls the place and message out.
fn located_report(text: &str) -> Option<(String, usize, usize, String)> {
    let pointer = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = pointer.rsplitn(3, ':');
    let column: usize = parts.next()?.trim().parse().ok()?;
    let line: usize = parts.next()?.trim().parse().ok()?;
    let name = parts.next()?.to_string();
    let message = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("error: "))
        .unwrap_or_else(|| text.lines().next().unwrap_or(""))
        .trim()
        .to_string();
    Some((name, line, column, message))
}

fn register_functions(tera: &mut Tera, lookups: Arc<Lookups>) {
    let l = lookups.clone();
    tera.register_function(
        "asset_url",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            l.assets
                .get(path.trim_start_matches('/'))
                .cloned()
                .ok_or_else(|| {
                    tera::Error::message(format!(
                        "asset_url: the theme has no static file `{path}`"
                    ))
                })
        },
    );
    let l = lookups.clone();
    tera.register_function(
        "url_for",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            l.pages
                .get(path.trim_start_matches('/'))
                .map(|p| p.url.clone())
                .ok_or_else(|| tera::Error::message(format!("url_for: no page `content/{path}`")))
        },
    );
    // t(key="nav.menu"), t(key="search.found", n=3), t(key="review.owner",
    // owner=…): the interface text in the site's language; a missing key
    // is an error at the template line that asked.
    let l = lookups.clone();
    tera.register_function(
        "t",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let n = kwargs
                .iter()
                .find(|(k, _)| k.as_str() == Some("n"))
                .map(|(_, v)| {
                    v.as_number().map(|n| n.as_float()).ok_or_else(|| {
                        tera::Error::message(format!("t: `n` must be a number, not `{v}`"))
                    })
                })
                .transpose()?;
            let args: Vec<(&str, String)> = kwargs
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?, v.to_string())))
                .filter(|(k, _)| *k != "key" && *k != "n")
                .collect();
            l.texts
                .text(key, n, &args)
                .map_err(|e| tera::Error::message(e.to_string()))
        },
    );
    // The `script.<group>` texts as JSON, for the page's scripts. Every
    // page asks for one of a few sets of groups: each set's JSON is made
    // once (made per page, it was 2.6 % of a build's instructions).
    let l = lookups.clone();
    let made: std::sync::RwLock<HashMap<Vec<String>, Arc<str>>> = Default::default();
    tera.register_function(
        "script_texts",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let groups: Value = kwargs.must_get("groups")?;
            let groups: Vec<String> = groups
                .as_array()
                .unwrap_or_default()
                .iter()
                .map(|g| g.as_str().unwrap_or_default().to_string())
                .collect();
            let known = made.read().ok().and_then(|m| m.get(&groups).cloned());
            let json = known.unwrap_or_else(|| {
                let names: Vec<&str> = groups.iter().map(String::as_str).collect();
                let json: Arc<str> = l.texts.script_json(&names).into();
                if let Ok(mut m) = made.write() {
                    m.insert(groups, json.clone());
                }
                json
            });
            Ok(Value::safe_string(&json))
        },
    );
    let l = lookups;
    tera.register_function(
        "get_page",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let path: &str = kwargs.must_get("path")?;
            let page = l.pages.get(path.trim_start_matches('/')).ok_or_else(|| {
                tera::Error::message(format!("get_page: no page `content/{path}`"))
            })?;
            Ok(Value::from_serializable(page))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::ThemeFile;

    fn theme(files: &[(&str, &str)]) -> Theme {
        let mut t = Theme::default();
        for (name, text) in files {
            t.templates.insert(
                name.to_string(),
                ThemeFile {
                    origin: format!("themes/t/templates/{name}"),
                    bytes: text.as_bytes().to_vec(),
                },
            );
        }
        t
    }

    #[test]
    fn syntax_errors_name_the_template_and_line() {
        let t = theme(&[("page.html", "ok\n{% if %}\n")]);
        let err = Templates::load(&t, Arc::default(), Context::new())
            .err()
            .unwrap();
        assert_eq!(err.path, "themes/t/templates/page.html");
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn render_errors_name_template_line_and_page() {
        let t = theme(&[("page.html", "a\nb {{ missing.field }}\n")]);
        let templates = Templates::load(&t, Arc::default(), Context::new()).unwrap();
        let err = templates
            .render("page.html", &Context::new(), "content/x.md")
            .unwrap_err();
        assert_eq!(err.path, "themes/t/templates/page.html");
        assert_eq!(err.line, Some(2));
        assert_eq!(err.help.as_deref(), Some("while rendering content/x.md"));
    }

    #[test]
    fn unknown_filters_name_the_template_and_line() {
        let t = theme(&[("page.html", "a\n\n{{ x | nosuch }}\n")]);
        let err = Templates::load(&t, Arc::default(), Context::new())
            .err()
            .unwrap();
        assert_eq!(
            (err.path.as_str(), err.line),
            ("themes/t/templates/page.html", Some(3))
        );
        assert!(err.message.contains("nosuch"), "{}", err.message);
    }

    #[test]
    fn functions_and_globals() {
        let t = theme(&[("page.html", "{{ asset_url(path='style.css') }} {{ url_for(path='kpi/_index.md') }} {% set p = get_page(path='kpi/_index.md') %}{{ p.title }} {{ site_title }}")]);
        let mut lookups = Lookups::default();
        lookups
            .assets
            .insert("style.css".into(), "/static/style.abc.css".into());
        lookups.pages = Arc::new(HashMap::from([(
            "kpi/_index.md".into(),
            view::PageLink {
                url: "/kpi/".into(),
                title: "KPI".into(),
                description: String::new(),
            },
        )]));
        let mut globals = Context::new();
        globals.insert("site_title", "Сайт");
        let templates = Templates::load(&t, Arc::new(lookups), globals).unwrap();
        let html = templates.render("page.html", &Context::new(), "x").unwrap();
        assert_eq!(html, "/static/style.abc.css /kpi/ KPI Сайт");
        let t = theme(&[("p.html", "{{ url_for(path='nope.md') }}")]);
        let templates = Templates::load(&t, Arc::default(), Context::new()).unwrap();
        let err = templates
            .render("p.html", &Context::new(), "x")
            .unwrap_err();
        assert!(err.message.contains("no page"), "{}", err.message);
    }
}
