//! `kurator package scorm`: the site built with relative links, zipped with
//! an `imsmanifest.xml`, so an LMS can run it and record completion and
//! scores. See `docs/lms.md`.
//!
//! [`outline`] chooses the organisation's items, [`manifest`] writes the
//! XML, [`archive`] the deterministic zip; this module builds the site,
//! tells the theme's `scorm.js` which quizzes count (a JSON object written
//! over a placeholder in the packaged copy) and adds the launch page that
//! keeps one LMS session while the learner moves between pages.

pub mod archive;
pub mod config;
pub mod manifest;
pub mod outline;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::{SiteConfig, CONFIG_FILE};
use crate::diagnostic::Diagnostic;
pub use config::ScormConfig;
use manifest::{Item, Manifest, Version, LAUNCH_PAGE};

/// What `scorm.js` says where the packager writes the runtime settings.
pub const PLACEHOLDER: &str = "/*kurator-scorm-package*/null";

/// Why a package could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ScormError {
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Site(Vec<Diagnostic>),
    #[error("{what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
    #[error("cannot write the zip: {0}")]
    Zip(#[from] zip::result::ZipError),
}

fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> ScormError {
    let what = what.into();
    move |source| ScormError::Io { what, source }
}

/// A quiz as `quizzes.json` lists it (the fields the runtime needs).
#[derive(Debug, Clone, Deserialize)]
pub struct BuiltQuiz {
    pub id: String,
    pub kind: String,
    pub hash: String,
    pub questions: usize,
}

/// The settings `scorm.js` reads in a package.
#[derive(Debug, Serialize, PartialEq)]
pub struct RuntimeSettings {
    /// `1.2` or `2004`: which API to look for.
    pub version: &'static str,
    /// Percent, when the course has a mastery score.
    pub mastery: Option<f64>,
    /// Ids of the quizzes that count, in site order.
    pub counted: Vec<String>,
    /// Every quiz: id → hash, kept in suspend data with the progress.
    pub quizzes: std::collections::BTreeMap<String, String>,
    /// The onboarding path's checklists, by content path: completion also
    /// waits for every box of these (absent when the path has none).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub checklists: BTreeMap<String, CountedChecklist>,
}

/// A checklist page as the build's `checklists.json` lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct BuiltChecklist {
    pub path: String,
    pub keys: Vec<String>,
    pub defaults: Vec<String>,
}

/// What `scorm.js` needs to tell whether a checklist is done.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CountedChecklist {
    /// Every item's key, in page order (suspend data keeps one mark per key).
    pub keys: Vec<String>,
    /// Keys ticked in the source.
    pub defaults: Vec<String>,
}

/// The counted checklists: those of the onboarding path's steps, each of
/// which must be a page with task items (else an error at the step's line).
pub fn counted_checklists(
    steps: &[outline::StepChecklist],
    built: &[BuiltChecklist],
) -> Result<BTreeMap<String, CountedChecklist>, Diagnostic> {
    let mut out = BTreeMap::new();
    for step in steps {
        let Some(page) = built.iter().find(|c| c.path == step.path) else {
            return Err(Diagnostic::error(
                outline::ONBOARDING,
                format!(
                    "step `{}` counts the checklist of `{}`, which has no task items",
                    step.step, step.path
                ),
            )
            .at_line(step.line)
            .help("name a page with `- [ ]` items, or remove `checklist:` from the step"));
        };
        out.insert(
            step.path.clone(),
            CountedChecklist {
                keys: page.keys.clone(),
                defaults: page.defaults.clone(),
            },
        );
    }
    Ok(out)
}

/// The counted quizzes: `scorm.quizzes`, checked, or every knowledge quiz.
pub fn counted_quizzes(
    scorm: &ScormConfig,
    quizzes: &[BuiltQuiz],
    config_text: &str,
) -> Result<Vec<String>, Diagnostic> {
    let knowledge = |q: &&BuiltQuiz| q.kind == "knowledge";
    let Some(chosen) = &scorm.quizzes else {
        return Ok(quizzes
            .iter()
            .filter(knowledge)
            .map(|q| q.id.clone())
            .collect());
    };
    let line = config_text
        .lines()
        .position(|l| l.trim_start().starts_with("quizzes:"))
        .map_or(1, |i| i + 1);
    for id in chosen {
        match quizzes.iter().find(|q| &q.id == id) {
            Some(q) if q.kind == "knowledge" => {}
            Some(_) => {
                return Err(Diagnostic::error(
                    CONFIG_FILE,
                    format!("scorm.quizzes: `{id}` is a self-assessment, which has no pass mark"),
                )
                .at_line(line)
                .help("list only knowledge quizzes"))
            }
            None => {
                let known: Vec<&str> = quizzes
                    .iter()
                    .filter(knowledge)
                    .map(|q| q.id.as_str())
                    .collect();
                return Err(Diagnostic::error(
                    CONFIG_FILE,
                    format!("scorm.quizzes: no quiz `{id}`"),
                )
                .at_line(line)
                .help(format!(
                    "the site's knowledge quizzes are: {}",
                    known.join(", ")
                )));
            }
        }
    }
    Ok(chosen.clone())
}

/// The manifest identifier: `scorm.identifier`, or `kurator-` and a hash of
/// the title (stable across builds, different between courses).
pub fn identifier(config: &SiteConfig) -> String {
    if let Some(id) = &config.scorm.identifier {
        return id.clone();
    }
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(config.title.as_bytes());
    let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    format!("kurator-{hex}")
}

/// The page the LMS launches: it holds the session and shows the course in
/// a full-window frame (`scorm.js` fills in the frame's address).
pub fn launch_page(title: &str, language: &str, script: &str, start: &str) -> String {
    use quick_xml::escape::escape;
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<style>html,body{{margin:0;height:100%;overflow:hidden}}iframe{{border:0;width:100%;height:100%;display:block}}</style>\n\
<script defer src=\"{script}\"></script>\n</head>\n<body>\n\
<iframe id=\"kurator-scorm-frame\" title=\"{title}\" data-start=\"{start}\"></iframe>\n\
<noscript><p><a href=\"{start}\">{title}</a></p></noscript>\n</body>\n</html>\n",
        lang = escape(language),
        title = escape(title),
        script = escape(script),
        start = escape(start),
    )
}

/// A finished package.
#[derive(Debug)]
pub struct Package {
    pub zip: Vec<u8>,
    pub files: usize,
    pub items: usize,
    pub counted: usize,
    /// Checklists that count toward completion.
    pub checklists: usize,
}

/// Packages the site already built (with relative links) in `site`.
pub fn package_built(
    root: &Path,
    config: &SiteConfig,
    site: &Path,
    version: Version,
) -> Result<Package, ScormError> {
    let config_text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    let mut files: BTreeSet<String> = BTreeSet::new();
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.map_err(|e| ScormError::Io {
            what: format!("cannot read the built site in {}", site.display()),
            source: e.into(),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(site) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        // The build's own marker is not part of the site.
        if rel.starts_with(".kurator") {
            continue;
        }
        files.insert(rel);
    }

    let quizzes: Vec<BuiltQuiz> = match std::fs::read(site.join("quizzes.json")) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| ScormError::Io {
            what: "cannot read the built quizzes.json".into(),
            source: std::io::Error::other(e),
        })?,
        Err(_) => Vec::new(),
    };
    let counted = counted_quizzes(&config.scorm, &quizzes, &config_text)
        .map_err(|d| ScormError::Site(vec![d]))?;

    let built_checklists: Vec<BuiltChecklist> = match std::fs::read(site.join("checklists.json")) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| ScormError::Io {
            what: "cannot read the built checklists.json".into(),
            source: std::io::Error::other(e),
        })?,
        Err(_) => Vec::new(),
    };
    let (items, checklists) = match std::fs::read_to_string(root.join(outline::ONBOARDING)) {
        Ok(text) => {
            let site_error = |d| ScormError::Site(vec![d]);
            let items = outline::onboarding_items(&text, &files).map_err(site_error)?;
            let steps = outline::onboarding_checklists(&text).map_err(site_error)?;
            let checklists = counted_checklists(&steps, &built_checklists).map_err(site_error)?;
            (items, checklists)
        }
        Err(_) => (section_items(root, site, config, &files), BTreeMap::new()),
    };

    let script = files
        .iter()
        .find(|f| f.starts_with("static/scorm.") && f.ends_with(".js"))
        .cloned()
        .ok_or_else(|| {
            ScormError::Site(vec![Diagnostic::error(
                "themes",
                "the theme has no static/scorm.js, the script that talks to the LMS",
            )
            .help("copy themes/default/static/scorm.js into your theme and load it in base.html before quiz.js when `site.scorm` is true")])
        })?;
    let settings = RuntimeSettings {
        version: version.as_str(),
        mastery: config.scorm.mastery_score,
        counted,
        quizzes: quizzes
            .iter()
            .map(|q| (q.id.clone(), q.hash.clone()))
            .collect(),
        checklists,
    };
    let script_text =
        std::fs::read_to_string(site.join(&script)).map_err(io("cannot read scorm.js"))?;
    if !script_text.contains(PLACEHOLDER) {
        return Err(ScormError::Site(vec![Diagnostic::error(
            script.as_str(),
            format!("scorm.js has no `{PLACEHOLDER}` for the package's settings"),
        )]));
    }
    let settings_json = serde_json::to_string(&settings).unwrap_or_else(|_| "null".into());
    let script_text = script_text.replacen(PLACEHOLDER, &settings_json, 1);

    let start = items
        .first()
        .map_or("index.html".to_string(), |i| i.start.clone());
    let launch = launch_page(&config.title, &config.language, &script, &start);

    let mut entries = Vec::new();
    for rel in &files {
        let bytes = if *rel == script {
            script_text.clone().into_bytes()
        } else {
            std::fs::read(site.join(rel)).map_err(io(format!("cannot read {rel}")))?
        };
        entries.push(archive::Entry {
            path: rel.clone(),
            bytes,
        });
    }
    entries.push(archive::Entry {
        path: LAUNCH_PAGE.into(),
        bytes: launch.into_bytes(),
    });
    let manifest = Manifest {
        version,
        identifier: identifier(config),
        title: config.title.clone(),
        items: items.clone(),
        mastery_score: config.scorm.mastery_score,
        launch: LAUNCH_PAGE.into(),
        files: files.iter().cloned().collect(),
    };
    let xml = manifest::write(&manifest).map_err(io("cannot write imsmanifest.xml"))?;
    entries.push(archive::Entry {
        path: "imsmanifest.xml".into(),
        bytes: xml.into_bytes(),
    });
    let count = entries.len();
    Ok(Package {
        zip: archive::zip(entries)?,
        files: count,
        items: items.len(),
        counted: settings.counted.len(),
        checklists: settings.checklists.len(),
    })
}

/// Without an onboarding path: one item per section (`content/<dir>/_index.md`),
/// in folder order, or the home page alone.
fn section_items(
    root: &Path,
    site: &Path,
    config: &SiteConfig,
    files: &BTreeSet<String>,
) -> Vec<Item> {
    let mut dirs: Vec<String> = std::fs::read_dir(root.join("content"))
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().join("_index.md").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    let mut items: Vec<Item> = dirs
        .into_iter()
        .filter_map(|dir| {
            let start = format!("{dir}/index.html");
            if !files.contains(&start) {
                return None;
            }
            let html = std::fs::read_to_string(site.join(&start)).unwrap_or_default();
            let title = outline::page_title(&html, &config.title).unwrap_or_else(|| dir.clone());
            Some(Item {
                id: dir,
                title,
                start,
            })
        })
        .collect();
    if items.is_empty() {
        items.push(Item {
            id: "home".into(),
            title: config.title.clone(),
            start: "index.html".into(),
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiz(id: &str, kind: &str) -> BuiltQuiz {
        BuiltQuiz {
            id: id.into(),
            kind: kind.into(),
            hash: "h".into(),
            questions: 1,
        }
    }

    #[test]
    fn counted_quizzes_default_to_the_knowledge_ones_and_unknown_ids_are_errors() {
        let quizzes = [quiz("a", "knowledge"), quiz("s", "self-assessment")];
        let all = counted_quizzes(&ScormConfig::default(), &quizzes, "").unwrap();
        assert_eq!(all, ["a"]);
        let scorm = ScormConfig {
            quizzes: Some(vec!["b".into()]),
            ..ScormConfig::default()
        };
        let err =
            counted_quizzes(&scorm, &quizzes, "title: x\nscorm:\n  quizzes: [b]\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("kurator.yaml:3") && text.contains("no quiz `b`"),
            "{text}"
        );
    }

    #[test]
    fn the_paths_checklists_count_and_one_without_items_is_an_error_at_its_step() {
        let text = "- id: a\n  title: A\n  pages: [x.md]\n  checklist: x.md\n- id: b\n  title: B\n  pages: [y.md]\n  checklist: content/y.md\n- id: c\n  title: C\n  pages: [x.md]\n  checklist: x.md\n";
        let steps = outline::onboarding_checklists(text).unwrap();
        assert_eq!(
            steps
                .iter()
                .map(|s| (s.path.as_str(), s.line))
                .collect::<Vec<_>>(),
            [("x.md", 1), ("y.md", 5)],
            "each checklist once, content/ prefix dropped"
        );
        let built = [BuiltChecklist {
            path: "x.md".into(),
            keys: vec!["k1".into(), "k2".into()],
            defaults: vec!["k2".into()],
        }];
        let err = counted_checklists(&steps, &built).unwrap_err().to_string();
        assert!(
            err.contains("onboarding.yaml:5") && err.contains("`y.md`"),
            "{err}"
        );
        let counted = counted_checklists(&steps[..1], &built).unwrap();
        assert_eq!(counted["x.md"].keys, ["k1", "k2"]);
        assert_eq!(counted["x.md"].defaults, ["k2"]);
    }

    #[test]
    fn the_launch_page_escapes_its_title() {
        let page = launch_page("A & <B>", "ru", "static/scorm.1.js", "index.html");
        assert!(page.contains("<title>A &amp; &lt;B&gt;</title>"));
        assert!(page.contains("<script defer src=\"static/scorm.1.js\"></script>"));
    }
}
