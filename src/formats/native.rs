//! `kurator import --from zola|hugo|obsidian`: a site built in place
//! (`formats::detect`, the walk, `formats::apply`) written out as a native
//! Kurator site. Front matter becomes Kurator's YAML (an Obsidian note's
//! name its `title`, its `#tags` its `tags`); bodies are kept as written,
//! since Kurator reads `@/` links, `ref`/`relref`, wiki links and embeds
//! itself. Pure: pages in, files to write out.

use serde_json::{Map, Value};

use crate::config::SiteConfig;
use crate::content::page::{Page, TitleFrom};

/// `kurator.yaml` of the new site.
pub fn config(config: &SiteConfig, from: &str) -> String {
    let mut map = Map::new();
    map.insert("title".into(), Value::from(config.title.clone()));
    if !config.description.is_empty() {
        map.insert(
            "description".into(),
            Value::from(config.description.clone()),
        );
    }
    map.insert("base_url".into(), Value::from("/"));
    map.insert("language".into(), Value::from(config.language.clone()));
    format!(
        "# Imported from {from} by `kurator import`.\n{}",
        crate::yaml::to_string(&map)
    )
}

/// A page's file in the new site: Kurator's front matter, then the body.
pub fn page_file(page: &Page) -> String {
    let f = &page.front;
    let mut map = Map::new();
    let mut put = |key: &str, value: Value| {
        map.insert(key.to_string(), value);
    };
    // A title from the first heading is found again the same way.
    if matches!(page.title_from, TitleFrom::FrontMatter | TitleFrom::Layout) {
        put("title", Value::from(page.title.clone()));
    }
    let text = |v: &Option<String>| v.clone().map(Value::from);
    for (key, value) in [
        ("description", text(&f.description)),
        ("date", text(&f.date)),
        ("updated", text(&f.updated)),
        ("slug", text(&f.slug)),
        ("template", text(&f.template)),
        ("linkTitle", text(&f.link_title)),
    ] {
        if let Some(v) = value {
            put(key, v);
        }
    }
    if let Some(w) = f.weight {
        put("weight", Value::from(w));
    }
    if f.draft {
        put("draft", Value::from(true));
    }
    if !f.aliases.is_empty() {
        put("aliases", Value::from(f.aliases.clone()));
    }
    if !f.tags.is_empty() {
        put("tags", Value::from(f.tags.clone()));
    }
    if let Some(by) = f.sort_by {
        put("sort_by", serde_json::to_value(by).unwrap_or(Value::Null));
    }
    if !f.extra.is_empty() {
        put(
            "extra",
            Value::Object(f.extra.clone().into_iter().collect()),
        );
    }
    let front = if map.is_empty() {
        String::new()
    } else {
        format!("---\n{}---\n\n", crate::yaml::to_string(&map))
    };
    format!("{front}{}", page.body.trim_start_matches('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::walk::SourceFile;

    #[test]
    fn zola_front_matter_becomes_kuratorss_yaml() {
        let text = "+++\ntitle = \"Setup\"\nweight = 2\ndate = 2024-03-01\naliases = [\"/old/\"]\nsort_by = \"date\"\n[taxonomies]\ntags = [\"start\"]\n[extra]\nlevel = 1\n+++\n\nSee [intro](@/guide/intro.md).\n";
        let page = Page::parse(&SourceFile::new("content/guide/setup.md", text)).unwrap();
        let out = page_file(&page);
        assert!(out.starts_with("---\n"), "{out}");
        for line in [
            "title: Setup",
            "weight: 2",
            "date: 2024-03-01",
            "- /old/",
            "- start",
            "sort_by: date",
            "level: 1",
        ] {
            assert!(out.contains(line), "{line}: {out}");
        }
        assert!(
            out.ends_with("---\n\nSee [intro](@/guide/intro.md).\n"),
            "{out}"
        );
        let again = Page::parse(&SourceFile::new("content/guide/setup.md", out.as_str())).unwrap();
        assert_eq!(
            (again.title, again.front.weight, again.front.tags),
            ("Setup".to_string(), Some(2), vec!["start".to_string()])
        );
    }

    #[test]
    fn a_heading_title_stays_a_heading() {
        let page = Page::parse(&SourceFile::new("content/a.md", "## Chapter\n\nText.\n")).unwrap();
        assert_eq!(page_file(&page), "## Chapter\n\nText.\n");
    }
}
