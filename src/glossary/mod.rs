//! The glossary as one source (issue 22): terms live in
//! `data/glossary.yaml`, grouped by topic, each with an id, a short
//! definition, optional longer Markdown, other forms and related pages.
//! The glossary page (`glossary/_index.md` or `glossary.md`) gets a
//! section per term generated from it, after what its author wrote; and
//! the first use of a term on every other page (any inflected form, found
//! with the Snowball stemmers search uses; never in headings, links or
//! code) links to that section, whose start `preview.js` shows as a
//! popover. Pure but for [`load`].

use std::collections::HashSet;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::site_root::SiteRoot;

mod terms;
mod undefined;
pub use terms::{Found, Terms};
pub use undefined::undefined;

/// Where the terms live, relative to the site root.
pub const FILE: &str = "data/glossary.yaml";

/// One topic of the glossary and its terms.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub group: String,
    pub id: String,
    pub terms: Vec<Entry>,
}

/// One term.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub term: String,
    /// The anchor of its section on the glossary page.
    pub id: String,
    /// Other ways the term is written (abbreviations, synonyms); inflected
    /// forms of each are found without listing them.
    #[serde(default)]
    pub forms: Vec<String>,
    /// One or two sentences of inline Markdown: the popover shows it.
    pub short: String,
    /// More Markdown, shown on the glossary page only.
    #[serde(default)]
    pub long: Option<String>,
    /// Content paths of pages about the term.
    #[serde(default)]
    pub related: Vec<String>,
    /// `false`: never linked from other pages (a word too common to mark).
    #[serde(default = "yes")]
    pub link: bool,
}

fn yes() -> bool {
    true
}

/// The glossary, with where each term stands in its file.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub groups: Vec<Group>,
    /// Line of each term's `id:` (or `term:`), in group order.
    pub lines: Vec<usize>,
}

impl Glossary {
    /// Every term, in file order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.groups.iter().flat_map(|g| &g.terms)
    }

    /// Parses the file's text; ids must be unique.
    pub fn parse(text: &str) -> Result<Glossary, Vec<Diagnostic>> {
        let groups: Vec<Group> =
            crate::yaml::parse(crate::yaml::YamlSource::file(FILE, text)).map_err(|d| vec![d])?;
        let mut glossary = Glossary {
            lines: Vec::new(),
            groups,
        };
        let mut seen = HashSet::new();
        let mut problems = Vec::new();
        let mut from = 0;
        let entries: Vec<(String, String)> = glossary
            .entries()
            .map(|e| (e.id.clone(), e.term.clone()))
            .collect();
        for (id, term) in entries {
            let quoted = serde_json::to_string(&term).unwrap_or_default();
            let line = line_of(text, &format!("term: {term}"), from)
                .or_else(|| line_of(text, &format!("term: {quoted}"), from))
                .or_else(|| line_of(text, &format!("id: {id}"), from))
                .unwrap_or(from.max(1));
            from = line;
            glossary.lines.push(line);
            if !seen.insert(id.clone()) {
                problems.push(
                    Diagnostic::error(FILE, format!("the id `{id}` is used by another term too"))
                        .at_line(line)
                        .help("give each term its own id: it is the anchor of its section"),
                );
            }
        }
        if problems.is_empty() {
            Ok(glossary)
        } else {
            Err(problems)
        }
    }

    /// The glossary page's generated Markdown: a section per group and
    /// term, and for each of its lines the file line it comes from.
    pub fn page_markdown(
        &self,
        related_title: &dyn Fn(&str) -> Option<String>,
    ) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut lines = Vec::new();
        let mut push = |text: &mut String, chunk: &str, line: usize| {
            for l in chunk.split_inclusive('\n') {
                text.push_str(l);
                lines.push(line);
            }
            if !chunk.ends_with('\n') {
                text.push('\n');
            }
        };
        let mut n = 0;
        for group in &self.groups {
            let group_line = self.lines.get(n).copied().unwrap_or(1);
            push(
                &mut text,
                &format!("\n## {} {{#{}}}\n", group.group, group.id),
                group_line,
            );
            for entry in &group.terms {
                let line = self.lines.get(n).copied().unwrap_or(1);
                n += 1;
                push(
                    &mut text,
                    &format!(
                        "\n### {} {{#{}}}\n\n{}\n",
                        entry.term,
                        entry.id,
                        entry.short.trim()
                    ),
                    line,
                );
                if let Some(long) = &entry.long {
                    push(&mut text, &format!("\n{}\n", long.trim()), line);
                }
                let related: Vec<String> = entry
                    .related
                    .iter()
                    .map(|path| {
                        let title = related_title(path).unwrap_or_else(|| path.clone());
                        format!("[«{title}»](@/{path})")
                    })
                    .collect();
                if !related.is_empty() {
                    push(
                        &mut text,
                        &format!("\nСм. также: {}.\n", related.join(", ")),
                        line,
                    );
                }
            }
        }
        (text, lines)
    }
}

fn line_of(text: &str, needle: &str, from: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from)
        .find(|(_, l)| l.trim_start().trim_start_matches("- ").trim_end() == needle)
        .map(|(i, _)| i + 1)
}

/// Reads `data/glossary.yaml`, if the site has one.
pub fn load(root: &SiteRoot, problems: &mut Vec<Diagnostic>) -> Option<Glossary> {
    let path = root.join(FILE);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() {
        return None; // a link is read by the data loader's rules, not here
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            problems.push(
                Diagnostic::error(FILE, format!("cannot read the glossary: {e}"))
                    .help("check the file's permissions"),
            );
            return None;
        }
    };
    match Glossary::parse(&text) {
        Ok(g) => Some(g),
        Err(mut p) => {
            problems.append(&mut p);
            None
        }
    }
}

/// The content path of the glossary page: `glossary/_index.md` or
/// `glossary.md`.
pub fn page_index(site: &crate::content::Site) -> Option<usize> {
    ["glossary/_index.md", "glossary.md"]
        .iter()
        .find_map(|p| site.by_content_path.get(*p).copied())
}

/// Where the page says its terms go (else they follow its text).
pub const MARKER: &str = "<!-- glossary -->";

/// Adds a section per term to the glossary page, where it has a line
/// `<!-- glossary -->` or after what its author wrote; problems in that
/// part are reported at the file's lines.
pub fn attach_page(
    site: &mut crate::content::Site,
    glossary: &Glossary,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(i) = page_index(site) else {
        problems.push(
            Diagnostic::warning(
                FILE,
                "no page shows the glossary, so its terms link nowhere",
            )
            .at_line(1)
            .help(
                "create content/glossary/_index.md (its text comes first, then a section per term)",
            ),
        );
        return;
    };
    let titles = |path: &str| {
        site.by_content_path
            .get(path)
            .map(|&j| site.pages[j].title.clone())
    };
    let (text, lines) = glossary.page_markdown(&titles);
    let page = &mut site.pages[i];
    if !page.body.ends_with('\n') && !page.body.is_empty() {
        page.body.push('\n');
    }
    let at = page
        .body
        .match_indices(MARKER)
        .find(|&(at, _)| page.body[..at].ends_with('\n') || at == 0)
        .map_or(page.body.len(), |(at, _)| at);
    let from_line = page.body[..at].matches('\n').count() + 1;
    // The marker line gives way to the terms (its line is the terms' now).
    let after = page.body[at..]
        .strip_prefix(MARKER)
        .map_or(&page.body[at..], |r| r.strip_prefix('\n').unwrap_or(r));
    let replaced = usize::from(at < page.body.len());
    let body = format!("{}{text}{after}", &page.body[..at]);
    page.body = body;
    page.generated = Some(crate::content::page::Generated {
        from_line,
        file: FILE.to_string(),
        shift: lines.len() - replaced,
        lines,
    });
}

/// Whether a page links the terms it uses: not the glossary itself, nor a
/// page whose front matter says `glossary: false`.
pub fn links_on(page: &crate::content::page::Page) -> bool {
    page.front.glossary != Some(false)
        && page.generated.is_none()
        && !matches!(
            page.content_path.as_str(),
            "glossary/_index.md" | "glossary.md"
        )
}

/// The terms pages use: linked at their first use, or linked by hand to
/// their section (`[soft skills](../glossary/_index.md#soft-skills)`).
pub fn used(
    glossary: &Glossary,
    site: &crate::content::Site,
    rendered: &[crate::markdown::Rendered],
) -> HashSet<usize> {
    let mut used: HashSet<usize> = rendered
        .iter()
        .flat_map(|r| r.terms.iter().copied())
        .collect();
    if let Some(page) = page_index(site) {
        let anchors: HashSet<&str> = rendered
            .iter()
            .flat_map(|r| &r.links.anchor_links)
            .filter(|l| l.page == page)
            .map(|l| l.anchor.as_str())
            .collect();
        used.extend(
            glossary
                .entries()
                .enumerate()
                .filter(|(_, e)| anchors.contains(e.id.as_str()))
                .map(|(i, _)| i),
        );
    }
    used
}

/// Warnings for terms no page but the glossary uses (`kurator check`).
pub fn unused(glossary: &Glossary, used: &HashSet<usize>) -> Vec<Diagnostic> {
    glossary
        .entries()
        .enumerate()
        .filter(|(i, e)| e.link && !used.contains(i))
        .map(|(i, e)| {
            Diagnostic::warning(FILE, format!("no page uses the term «{}»", e.term))
                .at_line(glossary.lines.get(i).copied().unwrap_or(1))
                .help("add the forms pages write it in to `forms:`, or remove the term, or set `link: false`")
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(super) const YAML: &str = "- group: Документы\n  id: documents\n  terms:\n    - term: Акт выполненных работ\n      id: act\n      forms: [акт]\n      short: Документ, которым клиент принимает работу.\n      related: [docs/act.md]\n    - term: CRM\n      id: crm\n      forms: [CRM-система]\n      short: Система, где хранится история работы с клиентом.\n    - term: Бриф\n      id: brief\n      link: false\n      short: Анкета задачи.\n";

    #[test]
    fn the_page_has_a_section_per_term_at_the_files_lines() {
        let g = Glossary::parse(YAML).unwrap();
        assert_eq!(g.lines, [4, 9, 13]);
        let (md, lines) = g.page_markdown(&|p| (p == "docs/act.md").then(|| "Акт".to_string()));
        assert!(md.contains("## Документы {#documents}\n\n### Акт выполненных работ {#act}\n\nДокумент, которым клиент принимает работу.\n\nСм. также: [«Акт»](@/docs/act.md).\n"), "{md}");
        assert_eq!(md.lines().count(), lines.len());
        let at = md.lines().position(|l| l.starts_with("### CRM")).unwrap();
        assert_eq!(lines[at], 9);
    }

    #[test]
    fn duplicate_ids_are_errors_at_their_line() {
        let yaml = "- group: A\n  id: a\n  terms:\n    - term: X\n      id: x\n      short: x\n    - term: Y\n      id: x\n      short: y\n";
        let errors = Glossary::parse(yaml).unwrap_err();
        assert_eq!(errors[0].line, Some(7));
    }
}
