//! An mdBook built in place (issue 21): its `SUMMARY.md` is the book's
//! table of contents, not a page. Chapters take their place in its order
//! (as `weight`, unless their front matter says), a chapter without a
//! heading is called by its name there, and a chapter the summary does not
//! list is a draft, as mdBook does not publish it either. Pure: works on
//! the sources the walk read.

use super::summary;
use super::Format;
use crate::config::SiteConfig;
use crate::content::walk::SourceFile;
use crate::diagnostic::Diagnostic;

/// Applies the book's `SUMMARY.md` (found among `files` and taken out of
/// them) to the chapters. Does nothing for other formats.
pub fn apply_summary(
    config: &SiteConfig,
    files: &mut Vec<SourceFile>,
    problems: &mut Vec<Diagnostic>,
) {
    if config.format != Format::MdBook {
        return;
    }
    let summary_rel = format!("{}SUMMARY.md", config.content_prefix());
    let Some(at) = files.iter().position(|f| f.rel == summary_rel) else {
        problems.push(
            Diagnostic::warning(
                &summary_rel,
                "this mdBook has no SUMMARY.md; chapters are in file-name order",
            )
            .help("write the table of contents in SUMMARY.md, as mdBook expects"),
        );
        return;
    };
    let summary_file = files.remove(at);
    let (chapters, summary_problems) = summary::parse(&summary_file.text);
    for p in summary_problems {
        problems.push(
            Diagnostic::warning(&summary_rel, p.message)
                .at_line(p.line)
                .help("see mdBook's SUMMARY.md format: `- [Title](path.md)` items, `# Part` titles, `---` separators"),
        );
    }
    let prefix = config.content_prefix();
    let mut listed = vec![false; files.len()];
    let mut place = 0_i64;
    let mut part: Option<&str> = None;
    for chapter in &chapters {
        let Some(path) = &chapter.path else {
            continue; // a draft chapter: mdBook lists its name, no page
        };
        let rel = format!("{prefix}{}", path.trim_start_matches("./"));
        match files.iter().position(|f| f.rel == rel) {
            Some(i) if !listed[i] => {
                listed[i] = true;
                place += 10;
                let defaults = &mut files[i].defaults;
                defaults.weight = Some(place);
                defaults.title = Some(chapter.title.clone());
                defaults.summary_depth = Some(chapter.depth);
                defaults.after_separator = chapter.after_separator;
                if chapter.part.is_some() && chapter.part.as_deref() != part {
                    part = chapter.part.as_deref();
                    defaults.part_start.clone_from(&chapter.part);
                }
            }
            Some(_) => {}
            None => problems.push(
                Diagnostic::warning(
                    &summary_rel,
                    format!("`{path}` is listed but there is no such chapter"),
                )
                .at_line(chapter.line)
                .help("fix the path, or write the chapter"),
            ),
        }
    }
    for (file, listed) in files.iter_mut().zip(listed) {
        // An unlisted folder index stays: as a draft it would hide the
        // whole folder, listed chapters included.
        let is_index =
            file.content_path == "_index.md" || file.content_path.ends_with("/_index.md");
        if !listed && !is_index && file.rel.ends_with(".md") {
            file.defaults.draft = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book_file(rel: &str, text: &str) -> SourceFile {
        let mut f = SourceFile::new(rel, text);
        f.content_path = rel
            .trim_start_matches("src/")
            .replace("README.md", "_index.md");
        f
    }

    fn apply(files: &mut Vec<SourceFile>) -> Vec<Diagnostic> {
        let config = SiteConfig {
            format: Format::MdBook,
            content_dir: "src".into(),
            ..SiteConfig::default()
        };
        let mut problems = Vec::new();
        apply_summary(&config, files, &mut problems);
        problems
    }

    #[test]
    fn summary_sets_order_names_and_drafts() {
        let mut files = vec![
            book_file("src/README.md", "# Intro\n"),
            book_file("src/SUMMARY.md", "# Summary\n\n[Intro](README.md)\n\n# Part one\n\n- [Zeta first](z.md)\n\n---\n\n  - [Alpha second](a.md)\n- [Missing](gone.md)\n- [Later]()\n"),
            book_file("src/a.md", "text\n"),
            book_file("src/unlisted.md", "# Old\n"),
            book_file("src/z.md", "## Zeta\n"),
        ];
        let problems = apply(&mut files);
        let by = |rel: &str| {
            files
                .iter()
                .find(|f| f.rel == rel)
                .unwrap()
                .defaults
                .clone()
        };
        assert!(
            files.iter().all(|f| f.rel != "src/SUMMARY.md"),
            "the summary is not a page"
        );
        assert_eq!(by("src/README.md").weight, Some(10));
        assert_eq!(by("src/z.md").weight, Some(20));
        assert_eq!(by("src/a.md").weight, Some(30));
        assert_eq!(by("src/a.md").title.as_deref(), Some("Alpha second"));
        assert_eq!(by("src/z.md").part_start.as_deref(), Some("Part one"));
        assert_eq!(
            by("src/a.md").part_start,
            None,
            "a part is named once, at its first chapter"
        );
        assert_eq!(
            (by("src/z.md").summary_depth, by("src/a.md").summary_depth),
            (Some(0), Some(1))
        );
        assert!(by("src/a.md").after_separator && !by("src/z.md").after_separator);
        assert!(by("src/unlisted.md").draft);
        assert!(!by("src/a.md").draft);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            (problems[0].path.as_str(), problems[0].line),
            ("src/SUMMARY.md", Some(12))
        );
    }

    #[test]
    fn other_formats_are_left_alone() {
        let mut files = vec![SourceFile::new("content/SUMMARY.md", "- [A](a.md)\n")];
        let mut problems = Vec::new();
        apply_summary(&SiteConfig::default(), &mut files, &mut problems);
        assert_eq!(files.len(), 1);
        assert!(problems.is_empty());
    }
}
