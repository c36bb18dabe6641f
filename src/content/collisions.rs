//! Two things written to one output file (issue 17 items 4 and 7). Every
//! file a build writes has an owner: a page, a built-in page (404, search,
//! progress, taxonomy lists), a generated file (sitemap, feed, robots.txt,
//! the search index), a copied file from `content/` or `static/`, or an
//! alias redirect. This finds each path claimed twice, before anything is
//! written, and names both owners:
//!
//! - an alias that lands on anything else is an error at the alias's line
//!   (`aliases: ['/']` once turned the home page into a redirect);
//! - a page whose URL is a built-in page's is an error (both were written,
//!   in parallel: which one survived was luck);
//! - a copied file replacing a page or generated file is a warning, unless
//!   `replace_generated:` in kurator.yaml lists it (doing it on purpose);
//! - two copied files on one path are an error (they were copied in
//!   parallel, so the survivor was luck too).

use std::collections::HashMap;

use super::walk::Asset;
use super::Site;
use crate::diagnostic::Diagnostic;

/// Who writes an output file.
#[derive(Debug, Clone)]
struct Owner {
    /// How messages name it: `content/a.md`, `the built-in search page`.
    name: String,
    kind: Kind,
    /// How to get the effect on purpose, for built-in and generated files.
    instead: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Page,
    BuiltIn,
    File,
    Alias,
}

/// What the check needs to know about the build besides the site.
pub struct Outputs<'a> {
    pub site: &'a Site,
    /// Whether the theme has `search.html` / `progress.html`.
    pub search_page: bool,
    pub progress_page: bool,
    /// Whether the search index (`search/meta.js`, `search/t/`, `search/f/`)
    /// is written.
    pub search_index: bool,
    /// Copied files with their output paths: (output path, source path).
    pub files: Vec<(String, String)>,
    /// Output paths kurator.yaml allows a copied file to replace.
    pub replace_generated: &'a [String],
}

/// Output paths of `content/` and `static/` files, for [`Outputs::files`].
pub fn copied_files(
    assets: &[Asset],
    asset_output: impl Fn(&str) -> String,
    static_files: &[Asset],
) -> Vec<(String, String)> {
    static_files
        .iter()
        .map(|f| (f.out.clone(), f.rel.clone()))
        .chain(assets.iter().map(|f| (asset_output(&f.out), f.rel.clone())))
        .collect()
}

/// The output file an alias writes: `/old/` → `old/index.html`,
/// `/old.html` → `old.html`, `/` → `index.html`.
pub fn alias_output(alias: &str) -> String {
    let path = alias.trim().trim_matches('/');
    if path.ends_with(".html") {
        path.to_string()
    } else if path.is_empty() {
        "index.html".into()
    } else {
        format!("{path}/index.html")
    }
}

/// Every path claimed twice, as errors and warnings.
pub fn check(outputs: &Outputs<'_>) -> Vec<Diagnostic> {
    let site = outputs.site;
    let mut owners: HashMap<String, Owner> = HashMap::new();
    let mut problems = Vec::new();
    for &i in &site.reading_order {
        let page = &site.pages[i];
        owners
            .entry(format!("{}index.html", page.url))
            .or_insert_with(|| Owner {
                name: page_name(site, i),
                kind: Kind::Page,
                instead: None,
            });
    }
    for (rel, name, instead) in built_ins(outputs) {
        let owner = Owner {
            name,
            kind: Kind::BuiltIn,
            instead: Some(instead),
        };
        match owners.get(&rel) {
            Some(page) if page.kind == Kind::Page => {
                let source = page.name.clone();
                problems.push(
                    Diagnostic::error(
                        source,
                        format!(
                            "this page is written to /{}, where {} is written too; one would silently replace the other",
                            rel.trim_end_matches("index.html"),
                            owner.name
                        ),
                    )
                    .at(1, 1)
                    .help(format!(
                        "rename its folder or give it another `slug`; {}",
                        owner.instead.as_deref().unwrap_or_default()
                    )),
                );
            }
            _ => {
                owners.insert(rel, owner);
            }
        }
    }
    for (rel, source) in &outputs.files {
        match owner_of(&owners, outputs.search_index, rel) {
            Some(other) if other.kind == Kind::File => problems.push(
                Diagnostic::error(
                    source.clone(),
                    format!("this file and {} are both copied to `{rel}`; which one is published would be chance", other.name),
                )
                .help("rename or remove one of them"),
            ),
            Some(other) if !outputs.replace_generated.iter().any(|r| r.trim_start_matches('/') == rel) => {
                problems.push(
                    Diagnostic::warning(
                        source.clone(),
                        format!("this file replaces {} in the output (`{rel}`)", other.name),
                    )
                    .help(format!(
                        "if that is what you want, list `{rel}` under `replace_generated:` in kurator.yaml{}; otherwise rename the file",
                        other
                            .instead
                            .as_deref()
                            .map(|i| format!(" ({i})"))
                            .unwrap_or_default()
                    )),
                );
            }
            _ => {}
        }
        owners.insert(
            rel.clone(),
            Owner {
                name: source.clone(),
                kind: Kind::File,
                instead: None,
            },
        );
    }
    for &i in &site.reading_order {
        let page = &site.pages[i];
        let positions = &page.front.positions.aliases;
        for (n, alias) in page.front.aliases.iter().enumerate() {
            let rel = alias_output(alias);
            if crate::output::safe_rel(&rel).is_err() {
                continue; // reported where the front matter is read
            }
            let (line, column) = positions.get(n).copied().unwrap_or((1, 1));
            if let Some(other) = owner_of(&owners, outputs.search_index, &rel) {
                let what = if other.kind == Kind::Page && other.name == page.source {
                    "this page itself".to_string()
                } else {
                    other.name.clone()
                };
                problems.push(
                    Diagnostic::error(
                        page.source.clone(),
                        format!("alias `{alias}` would overwrite {what} (`{rel}`) with a redirect"),
                    )
                    .at(line, column)
                    .help("remove the alias, or point it at an old address nothing else uses"),
                );
                continue;
            }
            owners.insert(
                rel,
                Owner {
                    name: format!("alias `{alias}` of {}", page.source),
                    kind: Kind::Alias,
                    instead: None,
                },
            );
        }
    }
    problems
}

/// `content/a.md`, or the folder for a section made up without `_index.md`.
fn page_name(site: &Site, i: usize) -> String {
    let page = &site.pages[i];
    if page.source.is_empty() && page.dir.is_empty() {
        "the home page".to_string()
    } else if page.source.is_empty() {
        format!("the section of the folder content/{}", page.dir)
    } else {
        page.source.clone()
    }
}

/// The owner of `rel`, counting every file of the search index folders.
fn owner_of<'o>(
    owners: &'o HashMap<String, Owner>,
    search_index: bool,
    rel: &str,
) -> Option<&'o Owner> {
    static INDEX: std::sync::OnceLock<Owner> = std::sync::OnceLock::new();
    if let Some(owner) = owners.get(rel) {
        return Some(owner);
    }
    // `sitemap.xml/index.html` needs a folder where a file is written.
    let mut end = 0;
    while let Some(i) = rel[end..].find('/') {
        end += i;
        if let Some(owner) = owners.get(&rel[..end]) {
            return Some(owner);
        }
        end += 1;
    }
    // Every page's link preview (issue 22).
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if name == crate::pages::previews::FILE {
        static PREVIEWS: std::sync::OnceLock<Owner> = std::sync::OnceLock::new();
        return Some(PREVIEWS.get_or_init(|| Owner {
            name: "a page's link preview".into(),
            kind: Kind::BuiltIn,
            instead: None,
        }));
    }
    let in_index =
        rel == "search/meta.js" || rel.starts_with("search/t/") || rel.starts_with("search/f/");
    (search_index && in_index).then(|| {
        INDEX.get_or_init(|| Owner {
            name: "the search index".into(),
            kind: Kind::BuiltIn,
            instead: Some("turn it off with `search: {enabled: false}`".into()),
        })
    })
}

/// Built-in pages and generated files: (output path, name, how to change it).
fn built_ins(outputs: &Outputs<'_>) -> Vec<(String, String, String)> {
    let template = |t: &str| format!("to change it, put your own templates/{t} in the site");
    let mut list = vec![
        (
            "404.html".to_string(),
            "the 404 page".to_string(),
            template("404.html"),
        ),
        (
            "sitemap.xml".into(),
            "the generated sitemap.xml".into(),
            "kurator writes it from the pages".into(),
        ),
        (
            "robots.txt".into(),
            "the generated robots.txt".into(),
            "kurator writes it to name the sitemap".into(),
        ),
        (
            "atom.xml".into(),
            "the generated Atom feed atom.xml".into(),
            "kurator writes it from dated pages".into(),
        ),
        (
            "quizzes.json".into(),
            "the generated quizzes.json".into(),
            "kurator writes it from the quizzes".into(),
        ),
        (
            "checklists.json".into(),
            "the generated checklists.json".into(),
            "kurator writes it from the pages' task lists".into(),
        ),
    ];
    for page in outputs.site.pages.iter().filter(|p| p.has_own_feed()) {
        list.push((
            format!("{}atom.xml", page.url),
            format!("the feed of the section «{}»", page.title),
            format!(
                "kurator writes it because {} says `feed: true`",
                page.source
            ),
        ));
    }
    if outputs.search_page {
        list.push((
            "search/index.html".into(),
            "the built-in search page".into(),
            template("search.html"),
        ));
    }
    if outputs.progress_page {
        list.push((
            "progress/index.html".into(),
            "the built-in progress page".into(),
            template("progress.html"),
        ));
    }
    for (name, terms) in &outputs.site.taxonomies {
        list.push((
            format!("{name}/index.html"),
            format!("the built-in list of {name}"),
            template("taxonomy_list.html"),
        ));
        for term in terms.keys() {
            list.push((
                format!("{name}/{}/index.html", super::term_slug(term)),
                format!("the built-in page of the {name} term `{term}`"),
                template("taxonomy_term.html"),
            ));
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::walk::SourceFile;
    use crate::diagnostic::Diagnostic;

    fn site(files: &[(&str, &str)]) -> Site {
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(rel, text)| SourceFile::new(*rel, *text))
            .collect();
        let (site, d) = Site::build(&files, false, &["tags".to_string()]);
        assert!(!d.iter().any(Diagnostic::is_error), "{d:?}");
        site
    }

    fn outputs<'a>(site: &'a Site, files: &[(&str, &str)], replace: &'a [String]) -> Outputs<'a> {
        Outputs {
            site,
            search_page: true,
            progress_page: true,
            search_index: true,
            files: files
                .iter()
                .map(|(a, b)| ((*a).into(), (*b).into()))
                .collect(),
            replace_generated: replace,
        }
    }

    #[test]
    fn aliases_may_not_land_on_anything_generated() {
        let s = site(&[
            ("content/_index.md", "# Home\n"),
            ("content/a.md", "# A\n"),
            ("content/b/_index.md", "# B\n"),
            (
                "content/c.md",
                "---\ntags: [x]\naliases:\n  - /\n  - /b/\n  - /a/\n  - /404.html\n  - /search/\n  - /tags/x/\n  - /c/\n  - /search/t/1.js\n  - /old/\n  - /old\n  - /keep.html\n  - /sitemap.xml\n---\n",
            ),
        ]);
        let d = check(&outputs(&s, &[("keep.html", "static/keep.html")], &[]));
        let texts: Vec<String> = d.iter().map(ToString::to_string).collect();
        assert_eq!(d.len(), 11, "{texts:#?}");
        assert!(
            texts[0].starts_with(
                "error: content/c.md:4:5: alias `/` would overwrite content/_index.md"
            ),
            "{}",
            texts[0]
        );
        assert!(
            texts[1].contains("`/b/` would overwrite content/b/_index.md"),
            "{}",
            texts[1]
        );
        assert!(texts[3].contains("the 404 page"), "{}", texts[3]);
        assert!(
            texts[4].contains("the built-in search page"),
            "{}",
            texts[4]
        );
        assert!(texts[5].contains("term `x`"), "{}", texts[5]);
        assert!(texts[6].contains("this page itself"), "{}", texts[6]);
        assert!(texts[7].contains("the search index"), "{}", texts[7]);
        assert!(
            texts[8].contains("alias `/old/` of content/c.md"),
            "{}",
            texts[8]
        );
        assert!(texts[9].contains("static/keep.html"), "{}", texts[9]);
        assert!(texts[10].contains("sitemap.xml"), "{}", texts[10]);
    }

    #[test]
    fn pages_on_built_in_urls_are_errors_files_warnings() {
        let s = site(&[
            ("content/search/_index.md", "# Mine\n"),
            ("content/progress/_index.md", "# Mine\n"),
            ("content/tags/_index.md", "# Mine\n"),
        ]);
        let replace = ["robots.txt".to_string()];
        let d = check(&outputs(
            &s,
            &[
                ("index.html", "content/index.html"),
                ("404.html", "static/404.html"),
                ("sitemap.xml", "content/sitemap.xml"),
                ("robots.txt", "static/robots.txt"),
                ("a.png", "static/a.png"),
                ("a.png", "content/a.png"),
                ("kpi/_preview.js", "static/kpi/_preview.js"),
            ],
            &replace,
        ));
        let texts: Vec<String> = d.iter().map(ToString::to_string).collect();
        assert_eq!(d.len(), 8, "{texts:#?}");
        assert!(
            texts
                .iter()
                .any(|t| t
                    .contains("static/kpi/_preview.js: this file replaces a page's link preview")),
            "{texts:#?}"
        );
        let has = |needle: &str| texts.iter().any(|t| t.contains(needle));
        assert!(has("error: content/search/_index.md:1:1: this page is written to /search/, where the built-in search page"));
        assert!(has("error: content/progress/_index.md:1:1"));
        assert!(has("error: content/tags/_index.md:1:1"));
        assert!(has(
            "warning: content/index.html: this file replaces the home page in the output"
        ));
        assert!(has(
            "warning: static/404.html: this file replaces the 404 page"
        ));
        assert!(has("templates/404.html"));
        assert!(has(
            "warning: content/sitemap.xml: this file replaces the generated sitemap.xml"
        ));
        assert!(has(
            "error: content/a.png: this file and static/a.png are both copied to `a.png`"
        ));
        assert!(!has("robots.txt"));
    }

    #[test]
    fn alias_outputs() {
        assert_eq!(alias_output("/"), "index.html");
        assert_eq!(alias_output("/old/"), "old/index.html");
        assert_eq!(alias_output("old"), "old/index.html");
        assert_eq!(alias_output("/old.html"), "old.html");
    }
}
