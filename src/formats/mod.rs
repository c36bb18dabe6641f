//! Markdown written for other tools (issue 21). Pages in such Markdown
//! build as they are (`content::page` takes the first heading as the title,
//! `content::links` reads `chapter.html`, `content::include` expands
//! mdBook's directives); this module reads the other tools' layouts:
//! mdBook's `SUMMARY.md` and `book.toml` (for building in place and for
//! `kurator import`), and which tool a folder was written for.

pub mod book;
pub mod detect;
pub mod mdbook;
pub mod native;
pub mod obsidian;
pub mod summary;

pub use detect::detect;

/// What the other tool's layout says of the pages, before they are read
/// as pages: an mdBook's `SUMMARY.md` sets order, drafts and names; an
/// Obsidian note is called by its file name, as Obsidian shows it, and
/// its `#tags` are its tags.
pub fn apply(
    config: &crate::config::SiteConfig,
    files: &mut Vec<crate::content::walk::SourceFile>,
    problems: &mut Vec<crate::diagnostic::Diagnostic>,
) {
    match config.format {
        Format::MdBook => {
            // The summary is read here, not as a page: its text in memory.
            let summary_rel = format!("{}SUMMARY.md", config.content_prefix());
            for file in files.iter_mut().filter(|f| f.rel == summary_rel) {
                match file.text() {
                    Ok(text) => file.text = text.into_owned(),
                    Err(d) => problems.push(d),
                }
                file.on_disk = None;
            }
            book::apply_summary(config, files, problems);
        }
        Format::Obsidian => {
            for file in files.iter_mut() {
                file.defaults.name_is_title = true;
                match file.text() {
                    Ok(text) => file.defaults.tags = obsidian::inline_tags(&text),
                    Err(d) => problems.push(d),
                }
            }
        }
        _ => {}
    }
}

/// How heading ids are spelled: as `kurator.yaml` says, else as the tool
/// did, so deep links into the old site keep working.
pub fn heading_ids(config: &crate::config::SiteConfig) -> crate::content::links::HeadingIds {
    use crate::content::links::HeadingIds;
    config.heading_ids.unwrap_or(match config.format {
        Format::MdBook => HeadingIds::MdBook,
        _ => HeadingIds::Kurator,
    })
}

/// Whose layout a site folder has (`format:` in `kurator.yaml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Kurator,
    #[serde(rename = "mdbook")]
    MdBook,
    Zola,
    Hugo,
    Obsidian,
}

impl Format {
    /// How the build summary names it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Kurator => "Kurator site",
            Format::MdBook => "mdBook",
            Format::Zola => "Zola site",
            Format::Hugo => "Hugo site",
            Format::Obsidian => "Obsidian vault",
        }
    }

    /// Its name with its article: «an mdBook», «a Zola site».
    pub fn with_article(self) -> &'static str {
        match self {
            Format::Kurator => "a Kurator site",
            Format::MdBook => "an mdBook",
            Format::Zola => "a Zola site",
            Format::Hugo => "a Hugo site",
            Format::Obsidian => "an Obsidian vault",
        }
    }

    /// The build summary's line about it, for another tool's layout.
    pub fn summary_line(self) -> Option<String> {
        let (what, how) = match self {
            Format::Kurator => return None,
            Format::MdBook => ("an mdBook", "book.toml, SUMMARY.md's order"),
            Format::Zola => (
                "a Zola site",
                "its config's title, `+++` front matter, `@/` links",
            ),
            Format::Hugo => (
                "a Hugo site",
                "its config's title, Hugo's front matter, ref/relref links",
            ),
            Format::Obsidian => ("an Obsidian vault", "note names as titles, [[wiki links]]"),
        };
        Some(format!(
            "Read {what} as it is ({how}; its own templates are not used — write a kurator.yaml to configure the site)"
        ))
    }

    /// Written for another tool: its templates, layouts and data files are
    /// that tool's, not Kurator's.
    pub fn is_foreign(self) -> bool {
        self != Format::Kurator
    }
}
