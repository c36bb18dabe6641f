//! Checks on the bundled Russian knowledge base in `content/` and `data/`.
//!
//! Plain std-only integration test: it reads files relative to the crate root.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

const SECTIONS: &[&str] = &[
    "",
    "profession",
    "duties",
    "skills",
    "b2b-b2c",
    "kpi",
    "salary",
    "career",
    "learning",
    "pros-cons",
    "faq",
    "glossary",
    "onboarding",
];

/// Course providers named in the source article.
const PROVIDERS: &[&str] = &[
    "Product Star",
    "Skillbox",
    "Eduson Academy",
    "Geek Brains",
    "Яндекс Практикум",
    "НИИДПО",
];

const SHINGLE: usize = 10;

/// Candidate locations of the source article, relative to the crate root.
const ARTICLE_CANDIDATES: &[&str] = &[
    "../shared/seeds/account-manager-profession.ru.txt",
    "../../shared/seeds/account-manager-profession.ru.txt",
    "tests/fixtures/account-manager-profession.ru.txt",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Lower-case, ё→е, split on anything that is not a letter or a digit.
fn words(text: &str) -> Vec<String> {
    let lowered = text.to_lowercase().replace('ё', "е");
    lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn shingles(ws: &[String]) -> HashSet<String> {
    ws.windows(SHINGLE).map(|w| w.join(" ")).collect()
}

fn article_text() -> Option<String> {
    if let Ok(p) = std::env::var("KURATOR_SEED_ARTICLE") {
        if let Ok(t) = fs::read_to_string(&p) {
            return Some(t);
        }
    }
    for c in ARTICLE_CANDIDATES {
        if let Ok(t) = fs::read_to_string(root().join(c)) {
            return Some(t);
        }
    }
    None
}

#[test]
fn every_section_has_an_index() {
    let content = root().join("content");
    let mut missing = Vec::new();
    for s in SECTIONS {
        let index = content.join(s).join("_index.md");
        if !index.is_file() {
            missing.push(index.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "missing section index files: {missing:#?}"
    );
}

#[test]
fn courses_list_every_provider_from_the_article() {
    let path = root().join("data/courses.yaml");
    let text = fs::read_to_string(&path).expect("data/courses.yaml must exist");
    let missing: Vec<_> = PROVIDERS.iter().filter(|p| !text.contains(*p)).collect();
    assert!(
        missing.is_empty(),
        "providers missing from courses.yaml: {missing:?}"
    );
}

#[test]
fn no_ten_word_run_is_copied_from_the_article() {
    let Some(article) = article_text() else {
        if std::env::var_os("KURATOR_SKIP_SEED_CHECK").is_some() {
            eprintln!("source article not found; copy check skipped on request");
            return;
        }
        panic!(
            "source article not found (tried {ARTICLE_CANDIDATES:?}); set KURATOR_SEED_ARTICLE \
             to its path, or KURATOR_SKIP_SEED_CHECK=1 to skip this check explicitly"
        );
    };
    let source = shingles(&words(&article));
    assert!(!source.is_empty(), "article produced no shingles");

    let mut files = Vec::new();
    collect_files(&root().join("content"), &mut files);
    collect_files(&root().join("data"), &mut files);
    assert!(!files.is_empty(), "no files under content/ or data/");

    let mut offences: HashMap<String, Vec<String>> = HashMap::new();
    for file in &files {
        let Ok(text) = fs::read_to_string(file) else {
            continue;
        };
        let ws = words(&text);
        for window in ws.windows(SHINGLE) {
            let joined = window.join(" ");
            if source.contains(&joined) {
                offences
                    .entry(
                        file.strip_prefix(root())
                            .unwrap_or(file)
                            .display()
                            .to_string(),
                    )
                    .or_default()
                    .push(joined);
            }
        }
    }
    if !offences.is_empty() {
        let mut report = String::new();
        let mut keys: Vec<_> = offences.keys().cloned().collect();
        keys.sort();
        for k in keys {
            report.push_str(&format!("\n{k}:\n"));
            for run in &offences[&k] {
                report.push_str(&format!("    «{run}»\n"));
            }
        }
        panic!("runs of {SHINGLE}+ words copied from the article:{report}");
    }
}
