//! Which tool a site folder was written for, told from what is there
//! (issue 21): `book.toml` is an mdBook, `zola.toml` (or a `config.toml`
//! with `base_url`) a Zola site, `hugo.toml` (or a config with `baseURL`)
//! a Hugo site, `.obsidian/` a vault. Only consulted when the folder has no
//! `kurator.yaml`; the site's title and language come from the tool's own
//! config, so the folder builds without a file added to it.

use std::path::Path;

use serde::Deserialize;

use super::Format;
use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;

/// The configuration of a folder written for another tool, or `None` when
/// it does not look like one. A config file of the tool that cannot be
/// read is an error naming it.
pub fn detect(root: &Path) -> Option<Result<SiteConfig, Diagnostic>> {
    let read = |name: &str| -> Option<String> {
        let path = root.join(name);
        // Never through a link: the tool's config is a file of the site.
        let meta = std::fs::symlink_metadata(&path).ok()?;
        meta.is_file()
            .then(|| std::fs::read_to_string(&path).ok())?
    };
    let is_dir = |name: &str| std::fs::symlink_metadata(root.join(name)).is_ok_and(|m| m.is_dir());
    let folder_name = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    configure(&read, &is_dir, &folder_name)
}

/// [`detect`] over the folder's files: `read(name)` gives a file at the
/// root, `is_dir(name)` says whether a folder is there.
pub fn configure(
    read: &dyn Fn(&str) -> Option<String>,
    is_dir: &dyn Fn(&str) -> bool,
    folder_name: &str,
) -> Option<Result<SiteConfig, Diagnostic>> {
    if let Some(text) = read("book.toml") {
        return Some(mdbook(&text));
    }
    if let Some(text) = read("zola.toml") {
        return Some(zola("zola.toml", &text));
    }
    for name in ["hugo.toml", "hugo.yaml", "hugo.json"] {
        if let Some(text) = read(name) {
            return Some(hugo(name, &text));
        }
    }
    if let Some(text) = read("config.toml") {
        // Zola writes `base_url`, Hugo `baseURL` (any case).
        let key = |k: &str| text.lines().any(|l| l.trim_start().starts_with(k));
        if key("base_url") {
            return Some(zola("config.toml", &text));
        }
        if key("baseURL") || key("baseurl") || key("baseUrl") || is_dir("archetypes") {
            return Some(hugo("config.toml", &text));
        }
    }
    for name in ["config.yaml", "config.json"] {
        if let Some(text) = read(name) {
            if text.contains("baseURL") || text.contains("baseurl") {
                return Some(hugo(name, &text));
            }
        }
    }
    if is_dir(".obsidian") {
        return Some(Ok(obsidian(folder_name)));
    }
    None
}

fn base(format: Format, content_dir: &str, title: Option<String>) -> SiteConfig {
    let mut config = SiteConfig {
        format,
        content_dir: content_dir.into(),
        // The other tools default to English; a site says otherwise.
        language: "en".into(),
        ..SiteConfig::default()
    };
    if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
        config.title = title;
    }
    config
}

fn mdbook(text: &str) -> Result<SiteConfig, Diagnostic> {
    let book =
        super::mdbook::read_book_toml(text).map_err(|e| toml_error("book.toml", text, &e))?;
    let mut config = base(Format::MdBook, &book.src, Some(book.title));
    config.language = book.language;
    config.description = book.description;
    Ok(config)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ZolaConfig {
    title: Option<String>,
    description: Option<String>,
    default_language: Option<String>,
}

fn zola(name: &str, text: &str) -> Result<SiteConfig, Diagnostic> {
    let parsed: ZolaConfig = toml::from_str(text).map_err(|e| toml_error(name, text, &e))?;
    let mut config = base(Format::Zola, "content", parsed.title);
    config.description = parsed.description.unwrap_or_default();
    if let Some(language) = parsed.default_language {
        config.language = language;
    }
    Ok(config)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HugoConfig {
    title: Option<String>,
    #[serde(alias = "languagecode", alias = "languageCode")]
    language_code: Option<String>,
    #[serde(alias = "defaultContentLanguage", alias = "defaultcontentlanguage")]
    default_content_language: Option<String>,
    #[serde(alias = "contentDir", alias = "contentdir")]
    content_dir: Option<String>,
}

fn hugo(name: &str, text: &str) -> Result<SiteConfig, Diagnostic> {
    let parsed: HugoConfig = if name.ends_with(".toml") {
        toml::from_str(text).map_err(|e| toml_error(name, text, &e))?
    } else {
        // JSON is YAML as far as these keys go.
        crate::yaml::parse(crate::yaml::YamlSource::file(name, text))?
    };
    let content_dir = parsed.content_dir.unwrap_or_else(|| "content".into());
    let mut config = base(Format::Hugo, &content_dir, parsed.title);
    if let Some(language) = parsed.default_content_language.or(parsed.language_code) {
        // `en-us` → `en`: the content's language, for `lang` and stemming.
        config.language = language
            .split(['-', '_'])
            .next()
            .unwrap_or("en")
            .to_lowercase();
    }
    Ok(config)
}

fn obsidian(folder_name: &str) -> SiteConfig {
    base(Format::Obsidian, ".", Some(folder_name.to_string()))
}

/// A TOML error at its line and column, in the file `name` at the root.
pub fn toml_error(name: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let (line, column) = e.span().map_or((1, 1), |span| {
        let before = text.get(..span.start.min(text.len())).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        (line, column)
    });
    Diagnostic::error(name, format!("cannot read {name}: {}", e.message().trim()))
        .at(line, column)
        .help("fix the file (it is the other tool's config, read for the title and language), or write a kurator.yaml beside it")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn detect_in(files: &[(&str, &str)], dirs: &[&str]) -> Option<Result<SiteConfig, Diagnostic>> {
        let files: BTreeMap<String, String> = files
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        let dirs: Vec<String> = dirs.iter().map(|d| (*d).to_string()).collect();
        configure(
            &|name| files.get(name).cloned(),
            &|name| dirs.iter().any(|d| d == name),
            "My Vault",
        )
    }

    #[test]
    fn each_tool_is_told_by_its_files() {
        let book = detect_in(
            &[(
                "book.toml",
                "[book]\ntitle = \"Handbook\"\nsrc = \"pages\"\nlanguage = \"ru\"\n",
            )],
            &[],
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            (
                book.format,
                book.title.as_str(),
                book.content_dir.as_str(),
                book.language.as_str()
            ),
            (Format::MdBook, "Handbook", "pages", "ru")
        );
        let zola = detect_in(
            &[(
                "config.toml",
                "base_url = \"https://x.invalid\"\ntitle = \"Docs\"\n",
            )],
            &[],
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            (zola.format, zola.title.as_str(), zola.content_dir.as_str()),
            (Format::Zola, "Docs", "content")
        );
        let hugo = detect_in(
            &[(
                "hugo.toml",
                "baseURL = \"https://x.invalid/\"\ntitle = \"Notes\"\nlanguageCode = \"en-us\"\n",
            )],
            &[],
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            (hugo.format, hugo.title.as_str(), hugo.language.as_str()),
            (Format::Hugo, "Notes", "en")
        );
        let hugo_yaml = detect_in(
            &[(
                "config.yaml",
                "baseURL: https://x.invalid/\ntitle: Y\ncontentDir: docs\n",
            )],
            &[],
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            (hugo_yaml.format, hugo_yaml.content_dir.as_str()),
            (Format::Hugo, "docs")
        );
        let vault = detect_in(&[], &[".obsidian"]).unwrap().unwrap();
        assert_eq!(
            (vault.format, vault.title.as_str(), vault.content_prefix()),
            (Format::Obsidian, "My Vault", String::new())
        );
        assert!(detect_in(&[("config.toml", "title = \"?\"\n")], &[]).is_none());
        assert!(detect_in(&[], &["content"]).is_none());
    }

    #[test]
    fn a_broken_tool_config_names_its_line() {
        let err = detect_in(&[("zola.toml", "title = \"A\"\nbase_url = = 1\n")], &[])
            .unwrap()
            .unwrap_err();
        assert_eq!((err.path.as_str(), err.line), ("zola.toml", Some(2)));
    }
}
