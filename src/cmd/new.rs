//! `kurator new content/section/page.md`: a page with its front matter
//! filled in, from `archetypes/<section>.md`, `archetypes/default.md` or a
//! built-in template. Never overwrites a file.

use std::path::{Component, Path};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context, Result};

use crate::cli::NewArgs;

const DEFAULT_ARCHETYPE: &str = "---\ntitle: {title}\ndescription: \"\"\ndate: {date}\nweight: 10\ntags: []\ndraft: true\n---\n\n## {title}\n\nНапишите здесь текст страницы.\n";

pub(crate) fn run(args: &NewArgs) -> Result<u8> {
    let rel = normalise(&args.path)?;
    let target = args.root.join(&rel);
    if target.exists() {
        bail!(
            "{} already exists; choose another name (kurator never overwrites a page)",
            target.display()
        );
    }
    let section = rel
        .split('/')
        .nth(1)
        .filter(|s| !s.ends_with(".md"))
        .unwrap_or("");
    let archetype = [
        format!("archetypes/{section}.md"),
        "archetypes/default.md".to_string(),
    ]
    .iter()
    .find_map(|a| std::fs::read_to_string(args.root.join(a)).ok())
    .unwrap_or_else(|| DEFAULT_ARCHETYPE.to_string());
    let text = fill(&archetype, &title_from(&rel), &today());
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("failed to create {}", parent.display()))?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
        .with_context(|| format!("failed to write {}", target.display()))?;
    println!(
        "Created {} (a draft: remove `draft: true` to publish it)",
        target.display()
    );
    Ok(0)
}

/// `content/a/b.md` as a `/` path; refuses anything outside `content/` or
/// not ending in `.md`.
fn normalise(path: &Path) -> Result<String> {
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => bail!(
                "{} must be a relative path inside content/, e.g. content/duties/reporting.md",
                path.display()
            ),
        }
    }
    let rel = parts.join("/");
    if parts.first().map(String::as_str) != Some("content")
        || !rel.ends_with(".md")
        || parts.len() < 2
    {
        bail!(
            "{} must be a Markdown file inside content/, e.g. content/duties/reporting.md",
            path.display()
        );
    }
    Ok(rel)
}

/// A readable title from a file name: `first-steps.md` → `First steps`.
fn title_from(rel: &str) -> String {
    let file = rel.rsplit('/').next().unwrap_or(rel);
    let stem = if file == "_index.md" || file == "index.md" {
        rel.rsplit('/').nth(1).unwrap_or("page")
    } else {
        file.trim_end_matches(".md")
    };
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Page".into(),
    }
}

fn fill(archetype: &str, title: &str, date: &str) -> String {
    let quoted = if title.contains(':') || title.contains('#') {
        format!("\"{}\"", title.replace('"', "\\\""))
    } else {
        title.to_string()
    };
    archetype
        .replace("title: {title}", &format!("title: {quoted}"))
        .replace("{title}", title)
        .replace("{date}", date)
}

/// Today's date (UTC) as YYYY-MM-DD.
fn today() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day), Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_must_be_markdown_in_content() {
        assert_eq!(
            normalise(Path::new("content/a/b.md")).unwrap(),
            "content/a/b.md"
        );
        assert_eq!(
            normalise(Path::new("./content/b.md")).unwrap(),
            "content/b.md"
        );
        assert!(normalise(Path::new("../content/b.md")).is_err());
        assert!(normalise(Path::new("/tmp/content/b.md")).is_err());
        assert!(normalise(Path::new("content/b.txt")).is_err());
        assert!(normalise(Path::new("docs/b.md")).is_err());
    }

    #[test]
    fn titles_and_dates() {
        assert_eq!(title_from("content/a/first-steps.md"), "First steps");
        assert_eq!(title_from("content/kpi/_index.md"), "Kpi");
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(
            fill(
                "title: {title}\ndate: {date}\n# {title}",
                "A: b",
                "2026-01-01"
            ),
            "title: \"A: b\"\ndate: 2026-01-01\n# A: b"
        );
    }
}
