//! Step 8's input: the analysed site's pages as [`SearchDoc`]s (one per
//! page, its text per heading, plus a section per item of the data its
//! template shows, `search_data`), handed to [`write_index`], with the
//! site's thesaurus (`data/synonyms.yaml`) added to `kurator.yaml`'s
//! synonyms.

use anyhow::Context as _;

use super::{synonyms, write_index, SearchDoc, Sections};
use crate::build_types::Analysis;
use crate::config::SearchConfig;
use crate::content::Site;
use crate::diagnostic::Diagnostic;
use crate::markdown::{Rendered, TextSection};
use crate::spill::{self, Spill};

/// Writes the search index of the analysed site through `put`; returns the
/// number of files.
pub fn write_site_index(
    analysis: &Analysis,
    put: impl Fn(String, Vec<u8>) -> anyhow::Result<()> + Sync,
) -> anyhow::Result<usize> {
    let site = &analysis.site;
    let base_path = analysis.config.base_path();
    let urls: Vec<String> = site
        .pages
        .iter()
        .map(|p| format!("{base_path}{}", p.url))
        .collect();
    // Pages whose template shows data: their text and one section per item.
    let with_data: Vec<Option<Vec<TextSection>>> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let Some(name) = page.front.search_data.as_deref() else {
                return Ok(None);
            };
            let Some(items) = analysis.data.get(&data_key(name)) else {
                return Ok(None);
            };
            let mut sections = spill::sections(&analysis.rendered[i], &analysis.spill)
                .with_context(|| {
                    format!(
                        "{}: cannot read this page's text back from the build's temporary file",
                        page.source
                    )
                })?
                .into_owned();
            sections.extend(data_sections(
                items,
                page.front.search_anchor.as_deref().unwrap_or("{id}"),
            ));
            Ok(Some(sections))
        })
        .collect::<anyhow::Result<_>>()?;
    let definitions = definition_pages(
        &analysis.config.search,
        site.pages.iter().map(|p| p.content_path.as_str()),
    );
    let docs: Vec<SearchDoc<'_>> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| SearchDoc {
            url: &urls[i],
            title: &page.title,
            // The home page stands for the whole site in a result's
            // trail, so it is named by the site title, not its own title.
            breadcrumb: site
                .ancestors(i)
                .into_iter()
                .map(|a| match site.pages[a].parent {
                    None => analysis.config.title.as_str(),
                    Some(_) => site.pages[a].title.as_str(),
                })
                .collect(),
            description: page
                .front
                .description
                .as_deref()
                .unwrap_or(&analysis.rendered[i].first_paragraph),
            tags: &page.front.tags,
            sections: match &with_data[i] {
                Some(sections) => Sections::Here(sections),
                None => sections_of(&analysis.rendered[i], &analysis.spill),
            },
            weight: page.front.search_weight.unwrap_or(1.0) as f32,
            defines: definitions.contains(&page.content_path.as_str()),
        })
        // `search_weight: 0` keeps a page out of the index.
        .filter(|doc| doc.weight > 0.0)
        .collect();
    let mut config = analysis.config.search.clone();
    config.subject.clone_from(&analysis.config.title);
    config.synonyms = synonyms::merged(
        &config.synonyms,
        &synonyms::from_data(analysis.data.get(synonyms::DATA_NAME)),
    );
    // Each file is written as soon as it is made, not all held first.
    write_index(&docs, &config, &analysis.config.language, put)
}

/// A rendered page's text for the index: in memory, or read back from the
/// spill file by each pass that needs it.
pub fn sections_of<'a>(rendered: &'a Rendered, spill: &'a Spill) -> Sections<'a> {
    match &rendered.spilled_sections {
        Some(at) => Sections::Later {
            text_lens: &at.text_lens,
            read: Box::new(move || spill.get_sections(at)),
        },
        None => Sections::Here(&rendered.sections),
    }
}

/// `data.<key>` of a data file's name (as `data.rs` names them).
fn data_key(name: &str) -> String {
    name.trim_end_matches(".yaml").replace(['-', '/'], "_")
}

/// Step 6's check of `search_data`: the data file exists and is a list.
pub fn check_data_refs(
    site: &Site,
    data: &serde_json::Map<String, serde_json::Value>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in &site.pages {
        let Some(name) = page.front.search_data.as_deref() else {
            continue;
        };
        let line = page.front.positions.line("search_data").unwrap_or(1);
        let problem = match data.get(&data_key(name)) {
            None => Some(format!(
                "search_data names data/{name}.yaml, which does not exist"
            )),
            Some(v) if !v.is_array() => Some(format!(
                "search_data: data/{name}.yaml is not a list, so it has no items to search"
            )),
            Some(_) => None,
        };
        if let Some(message) = problem {
            out.push(
                Diagnostic::error(&page.source, message)
                    .at(line, 1)
                    .help("name a file under data/ whose top level is a list, without .yaml"),
            );
        }
    }
    out
}

/// A section per item of a data list: the heading is its `title`, `name`
/// or `provider`; the text every other string in it (nested lists too);
/// the anchor `pattern` with `{id}` replaced (no anchor without an id).
fn data_sections(items: &serde_json::Value, pattern: &str) -> Vec<TextSection> {
    let Some(items) = items.as_array() else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let object = item.as_object()?;
            let text_of = |key: &str| object.get(key).and_then(|v| v.as_str());
            let heading = ["title", "name", "provider"]
                .iter()
                .find_map(|k| text_of(k))
                .unwrap_or_default()
                .to_string();
            let mut words = Vec::new();
            for (key, value) in object {
                if !["title", "name", "provider"].contains(&key.as_str()) && !is_reference(key) {
                    strings(value, &mut words);
                }
            }
            let anchor = text_of("id").map(|id| pattern.replace("{id}", id));
            Some(TextSection {
                anchor,
                heading,
                // Not a heading of the page: ranks as body text.
                level: 0,
                text: words.join(" "),
            })
        })
        .collect()
}

/// Fields that point somewhere (ids, paths, links) rather than say
/// something a reader sees: `skills/soft-skills.md` is not text.
fn is_reference(key: &str) -> bool {
    const KEYS: &[&str] = &[
        "id",
        "url",
        "href",
        "link",
        "path",
        "page",
        "pages",
        "quiz",
        "checklist",
        "image",
        "icon",
    ];
    KEYS.contains(&key)
}

/// Every string in a value, in order (keys left out: they are field names;
/// so are references, and strings naming a file).
fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) if !s.ends_with(".md") => out.push(s),
        serde_json::Value::Array(list) => list.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map
            .iter()
            .filter(|(k, _)| !is_reference(k))
            .for_each(|(_, v)| strings(v, out)),
        _ => {}
    }
}

/// The content paths of the pages that define terms: `search.definitions`
/// when given, else the site's `glossary/_index.md` or `glossary.md`.
fn definition_pages<'a>(
    config: &'a SearchConfig,
    pages: impl Iterator<Item = &'a str> + Clone,
) -> Vec<&'a str> {
    if !config.definitions.is_empty() {
        return config.definitions.iter().map(String::as_str).collect();
    }
    pages
        .filter(|p| *p == "glossary/_index.md" || *p == "glossary.md")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_items_become_sections() {
        let items = serde_json::json!([
            {"id": "vertical", "title": "Вертикальный рост", "summary": "Руководящая должность",
             "steps": [{"title": "Освоиться в роли", "text": "Вести клиентов"}], "minutes": 30,
             "pages": ["career/_index.md"], "quiz": "career-check", "extra": "x.md"},
            {"provider": "Школа Пример", "duration": "от 2 месяцев"},
            "not an object"
        ]);
        let sections = data_sections(&items, "path-{id}");
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].anchor.as_deref(), Some("path-vertical"));
        assert_eq!(sections[0].heading, "Вертикальный рост");
        assert_eq!(
            sections[0].text,
            "Вести клиентов Освоиться в роли Руководящая должность"
        );
        assert_eq!(sections[0].level, 0, "not a heading of the page");
        assert_eq!(sections[1].anchor, None);
        assert_eq!(sections[1].heading, "Школа Пример");
        assert_eq!(sections[1].text, "от 2 месяцев");
        assert!(data_sections(&serde_json::json!({"a": 1}), "{id}").is_empty());
    }

    #[test]
    fn the_glossary_defines_terms_unless_the_config_says_which_pages_do() {
        let pages = ["_index.md", "glossary/_index.md", "kpi/_index.md"];
        let default = SearchConfig::default();
        assert_eq!(
            definition_pages(&default, pages.iter().copied()),
            ["glossary/_index.md"]
        );
        let config = SearchConfig {
            definitions: vec!["kpi/_index.md".into()],
            ..SearchConfig::default()
        };
        assert_eq!(
            definition_pages(&config, pages.iter().copied()),
            ["kpi/_index.md"]
        );
    }
}
