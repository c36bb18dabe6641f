//! Step 8's input: the analysed site's pages as [`SearchDoc`]s (one per
//! page, its text per heading), handed to [`write_index`].

use super::{write_index, SearchDoc};
use crate::build_types::Analysis;

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
        })
        // `search_weight: 0` keeps a page out of the index.
        .filter(|doc| doc.weight > 0.0)
        .collect();
    // Each file is written as soon as it is made, not all held first.
    write_index(
        &docs,
        &analysis.config.search,
        &analysis.config.language,
        put,
    )
}
