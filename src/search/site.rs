//! Step 8's input: the analysed site's pages as [`SearchDoc`]s (one per
//! page, its text per heading), handed to [`write_index`], with the site's
//! thesaurus (`data/synonyms.yaml`) added to `kurator.yaml`'s synonyms.

use super::{synonyms, write_index, SearchDoc};
use crate::build_types::Analysis;
use crate::config::SearchConfig;

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
            sections: &analysis.rendered[i].sections,
            weight: page.front.search_weight.unwrap_or(1.0) as f32,
            defines: definitions.contains(&page.content_path.as_str()),
        })
        // `search_weight: 0` keeps a page out of the index.
        .filter(|doc| doc.weight > 0.0)
        .collect();
    let mut config = analysis.config.search.clone();
    config.synonyms = synonyms::merged(
        &config.synonyms,
        &synonyms::from_data(analysis.data.get(synonyms::DATA_NAME)),
    );
    // Each file is written as soon as it is made, not all held first.
    write_index(&docs, &config, &analysis.config.language, put)
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
