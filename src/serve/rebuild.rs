//! One rebuild: the whole pipeline into a fresh in-memory site, which the
//! server swaps in only when it is complete. Also works out what a
//! CSS-only change renamed, so pages can swap stylesheets in place.

use std::path::Path;
use std::sync::Arc;

use crate::build_types::{Analysis, BuildFailure, BuildOptions, BuildReport, Mode};
use crate::diagnostic::Diagnostic;
use crate::output::MemorySite;
use crate::pipeline;

use super::reload::INJECT;
use super::server::Served;

/// The options every serve build uses: serve mode, links from `/` (the
/// preview is always at the server root), the reload script injected.
pub fn build_options(root: &Path, drafts: bool) -> BuildOptions {
    let mut options = BuildOptions::new(root, Mode::Serve);
    options.drafts = drafts;
    options.base_url = Some("/".into());
    options.inject = Some(INJECT.into());
    options
}

/// A good build.
pub struct Outcome {
    pub served: Served,
    pub report: BuildReport,
}

/// A failed build: the text shown in the terminal and the page overlay.
#[derive(Debug)]
pub struct Failure {
    pub text: String,
}

/// Builds the site at one root again and again.
pub struct Builder {
    options: BuildOptions,
    /// The last good build's analysis, for one-page updates.
    previous: Option<Analysis>,
}

impl Builder {
    pub fn new(root: &Path, drafts: bool) -> Builder {
        Builder {
            options: build_options(root, drafts),
            previous: None,
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Builds the whole site into memory.
    pub fn build(&mut self) -> Result<Outcome, Failure> {
        let sink = MemorySite::default();
        match pipeline::build_keeping(&self.options, &sink) {
            Ok((report, analysis)) => {
                self.previous = Some(analysis);
                Ok(Outcome {
                    served: into_served(sink),
                    report,
                })
            }
            Err(BuildFailure::Content(problems)) => {
                self.previous = None;
                Err(Failure {
                    text: diagnostics_text(&problems),
                })
            }
            Err(BuildFailure::Io(err)) => Err(Failure {
                text: format!("error: {err:#}"),
            }),
        }
    }
}

impl Builder {
    /// The one-page fast path (`incremental.rs`): `current` with the saved
    /// page re-rendered, or `None` when the change needs a full build. The
    /// search index is left as it was; call [`Builder::build`] after.
    pub fn update_page(&mut self, rel: &Path, current: &Served) -> Option<Served> {
        let analysis = self.previous.as_mut()?;
        match crate::incremental::rebuild_page(analysis, &self.options, rel) {
            Some((path, bytes)) => {
                let mut files = current.files.clone();
                files.insert(path, Arc::from(bytes));
                Some(Served { files })
            }
            None => {
                // The analysis may be half-updated: never reuse it.
                self.previous = None;
                None
            }
        }
    }
}

/// Takes the files out of a finished [`MemorySite`].
pub fn into_served(sink: MemorySite) -> Served {
    let files = match Arc::try_unwrap(sink.files) {
        Ok(mutex) => mutex
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
        Err(shared) => shared.lock().map(|f| f.clone()).unwrap_or_default(),
    };
    Served { files }
}

/// Every diagnostic, one a line, errors first: what the terminal prints
/// and the overlay shows.
pub fn diagnostics_text(problems: &[Diagnostic]) -> String {
    let mut lines: Vec<String> = problems
        .iter()
        .filter(|d| d.is_error())
        .map(std::string::ToString::to_string)
        .collect();
    lines.extend(
        problems
            .iter()
            .filter(|d| !d.is_error())
            .map(std::string::ToString::to_string),
    );
    lines.join("\n")
}

/// A stand-in site while the first build fails: every page explains, and
/// carries the reload script so it recovers by itself.
pub fn error_site(text: &str) -> Served {
    let escaped = crate::html::escape(text);
    let html = format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Build failed</title></head>\
         <body><h1>The site does not build yet</h1><pre>{escaped}</pre>{INJECT}</body></html>\n"
    );
    let mut served = Served::default();
    served
        .files
        .insert("index.html".into(), Arc::from(html.as_bytes()));
    served
        .files
        .insert("404.html".into(), Arc::from(html.as_bytes()));
    served
}

/// Whether two builds have the same files with the same bytes.
pub fn same_files(a: &Served, b: &Served) -> bool {
    a.files.len() == b.files.len()
        && a.files
            .iter()
            .zip(&b.files)
            .all(|((ka, va), (kb, vb))| ka == kb && (Arc::ptr_eq(va, vb) || va == vb))
}

/// For a build where only stylesheets changed: `(old, new)` URL paths of
/// each stylesheet, or `None` when anything else changed too.
pub fn css_swaps(old: &Served, new: &Served) -> Option<Vec<(String, String)>> {
    let mut swaps = Vec::new();
    let css = |s: &Served| -> Vec<String> {
        s.files
            .keys()
            .filter(|k| k.ends_with(".css"))
            .cloned()
            .collect()
    };
    let (old_css, new_css) = (css(old), css(new));
    let removed: Vec<&String> = old_css
        .iter()
        .filter(|k| !new.files.contains_key(*k))
        .collect();
    let added: Vec<&String> = new_css
        .iter()
        .filter(|k| !old.files.contains_key(*k))
        .collect();
    if removed.len() != added.len() {
        return None;
    }
    for r in &removed {
        let a = added.iter().find(|a| unhashed(a) == unhashed(r))?;
        swaps.push((format!("/{r}"), format!("/{a}")));
    }
    for k in &new_css {
        if old.files.get(k).is_some_and(|o| o != &new.files[k]) {
            swaps.push((format!("/{k}"), format!("/{k}")));
        }
    }
    if swaps.is_empty() {
        return None;
    }
    Some(swaps)
}

/// `static/style.1a2b3c4d.css` → `static/style.css`.
fn unhashed(path: &str) -> String {
    let parts: Vec<&str> = path.rsplitn(3, '.').collect();
    match parts.as_slice() {
        [ext, hash, stem] if hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
            format!("{stem}.{ext}")
        }
        _ => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served(files: &[(&str, &str)]) -> Served {
        let mut s = Served::default();
        for (k, v) in files {
            s.files.insert(k.to_string(), Arc::from(v.as_bytes()));
        }
        s
    }

    #[test]
    fn finds_renamed_stylesheets() {
        let old = served(&[
            ("index.html", "a"),
            ("static/style.0011aabb.css", "x"),
            ("static/site.css", "1"),
        ]);
        let new = served(&[
            ("index.html", "b"),
            ("static/style.ccdd2233.css", "y"),
            ("static/site.css", "2"),
        ]);
        let swaps = css_swaps(&old, &new).unwrap();
        assert_eq!(
            swaps,
            vec![
                (
                    "/static/style.0011aabb.css".to_string(),
                    "/static/style.ccdd2233.css".to_string()
                ),
                (
                    "/static/site.css".to_string(),
                    "/static/site.css".to_string()
                ),
            ]
        );
        let new = served(&[("index.html", "b"), ("static/other.ccdd2233.css", "y")]);
        assert_eq!(css_swaps(&old, &new), None);
    }

    #[test]
    fn unhashes_names() {
        assert_eq!(unhashed("static/style.1a2b3c4d.css"), "static/style.css");
        assert_eq!(unhashed("static/site.css"), "static/site.css");
        assert_eq!(unhashed("a.b.css"), "a.b.css");
    }
}
