//! The interface text of the theme (issue 22): every word the default
//! theme shows a reader, in translation tables rather than in templates.
//!
//! A table is YAML: groups of keys, each key a text or, for texts that
//! hold a number, a map of plural forms (`one`, `few`, `many`, `other`,
//! chosen by the language's CLDR rules). `{name}` in a text is filled in by
//! whoever asks for it. The theme's `i18n/<language>.yaml` is the base; a
//! site changes single strings in its own `i18n/<language>.yaml`. Templates
//! ask through `t(key=…)` (see `templates/`), scripts through the `script`
//! group, which a page carries as JSON (`script_json`).

use std::collections::BTreeMap;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde::Deserialize;

use crate::content::walk;
use crate::diagnostic::Diagnostic;
use crate::site_root::SiteRoot;
use crate::theme::{built_in_file, Theme};
use crate::yaml::{self, YamlSource};

#[cfg(test)]
mod tests;

/// The language whose table stands in when the theme has none for the
/// site's language.
const FALLBACK: &str = "en";

/// The plural forms a table may give, CLDR's names.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One entry of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Text(String),
    /// Plural form name → text; always has `other`.
    Plural(BTreeMap<String, String>),
}

/// A problem asking for a text, reported at the template line that asked.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TextError {
    #[error(
        "no interface text `{key}` in {table}: add it there or to the site's i18n/{language}.yaml"
    )]
    Missing {
        key: String,
        table: String,
        language: String,
    },
    #[error("`{key}` has plural forms: give the number as `n`")]
    NeedsNumber { key: String },
    #[error("`{key}` has no value for `{{{name}}}`: pass `{name}=…`")]
    Unfilled { key: String, name: String },
}

/// The interface texts of one language, after the site's overrides.
#[derive(Debug, Clone)]
pub struct Texts {
    language: String,
    /// The file the base table came from, for messages.
    table: String,
    entries: BTreeMap<String, Entry>,
}

impl Default for Texts {
    fn default() -> Self {
        Texts::new("en", "i18n/en.yaml", BTreeMap::new())
    }
}

/// A table as YAML: nested groups down to texts or plural maps.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Node {
    Text(String),
    Group(BTreeMap<String, Node>),
}

impl Texts {
    pub fn new(language: &str, table: &str, entries: BTreeMap<String, Entry>) -> Texts {
        Texts {
            language: language.to_string(),
            table: table.to_string(),
            entries,
        }
    }

    /// The site's language's table from the theme (or English, with a
    /// warning, when the theme has none), with the site's own
    /// `i18n/<language>.yaml` over it. `root` is `None` for a site written
    /// for another tool, whose folders are its own.
    pub fn load(
        theme: &Theme,
        root: Option<&SiteRoot>,
        language: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Texts {
        let wanted = table_language(language, |l| {
            let name = format!("{l}.yaml");
            theme.i18n.contains_key(&name) || built_in_file(&format!("i18n/{name}")).is_some()
        });
        let name = format!("{}.yaml", wanted.unwrap_or(FALLBACK));
        let mut texts = Texts::new(
            language,
            &format!("<built-in>/i18n/{name}"),
            BTreeMap::new(),
        );
        // The default theme's table, then a theme on disk's over it: a
        // theme that changes a few words need not repeat the rest.
        if let Some(bytes) = built_in_file(&format!("i18n/{name}")) {
            texts.overlay(
                &texts.table.clone(),
                &String::from_utf8_lossy(bytes),
                problems,
            );
        }
        if let Some(file) = theme
            .i18n
            .get(&name)
            .filter(|f| !f.origin.starts_with("<built-in>"))
        {
            texts.overlay(
                &file.origin,
                &String::from_utf8_lossy(&file.bytes),
                problems,
            );
            texts.table.clone_from(&file.origin);
        }
        let own = root.and_then(|root| site_table(root, language, problems));
        if wanted.is_none() && own.is_none() {
            problems.push(
                Diagnostic::warning(
                    "kurator.yaml",
                    format!("the theme has no interface texts in `{language}`: the interface is in English"),
                )
                .help(format!("translate the theme's i18n/en.yaml into i18n/{language}.yaml in the site folder")),
            );
        }
        if let Some((origin, entries)) = own {
            for (key, entry) in entries {
                if !texts.entries.contains_key(&key) && wanted.is_some() {
                    problems.push(
                        Diagnostic::warning(&origin, format!("`{key}` is not a text of the theme"))
                            .help(format!("check the key against {}", texts.table)),
                    );
                }
                texts.entries.insert(key, entry);
            }
        }
        texts
    }

    /// The default theme's texts for `language`, with no site around them
    /// (tests, and code that renders outside a build).
    pub fn built_in(language: &str) -> Texts {
        Texts::load(&Theme::default(), None, language, &mut Vec::new())
    }

    fn overlay(&mut self, origin: &str, text: &str, problems: &mut Vec<Diagnostic>) {
        match parse_table(origin, text) {
            Ok(entries) => self.entries.extend(entries),
            Err(mut p) => problems.append(&mut p),
        }
    }

    pub fn language(&self) -> &str {
        &self.language
    }

    /// The text for `key`, its plural form chosen by `n`, with `{name}`
    /// filled from `args`.
    pub fn text(
        &self,
        key: &str,
        n: Option<f64>,
        args: &[(&str, String)],
    ) -> Result<String, TextError> {
        let entry = self.entries.get(key).ok_or_else(|| TextError::Missing {
            key: key.to_string(),
            table: if self.table.is_empty() {
                "the theme's i18n/".to_string()
            } else {
                self.table.clone()
            },
            language: self.language.clone(),
        })?;
        let template = match entry {
            Entry::Text(t) => t.as_str(),
            Entry::Plural(forms) => {
                let n = n.ok_or_else(|| TextError::NeedsNumber {
                    key: key.to_string(),
                })?;
                let category = plural_category(&self.language, n);
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .map_or("", String::as_str)
            }
        };
        let n_text = n.map(number_text);
        fill(key, template, |name| {
            if name == "n" {
                n_text.clone()
            } else {
                args.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.clone())
            }
        })
    }

    /// The `script.<group>` texts of `groups`, by key without `script.`
    /// (`search.none`); plural texts as maps of their forms.
    pub fn script_texts(&self, groups: &[&str]) -> serde_json::Map<String, serde_json::Value> {
        let mut texts = serde_json::Map::new();
        for (key, entry) in &self.entries {
            let Some(rest) = key.strip_prefix("script.") else {
                continue;
            };
            if !groups
                .iter()
                .any(|g| rest.strip_prefix(g).is_some_and(|r| r.starts_with('.')))
            {
                continue;
            }
            let value = match entry {
                Entry::Text(t) => serde_json::Value::from(t.as_str()),
                Entry::Plural(forms) => serde_json::to_value(forms).unwrap_or_default(),
            };
            texts.insert(rest.to_string(), value);
        }
        texts
    }

    /// [`Texts::script_texts`] as JSON for a page's `<script
    /// type="application/json">`, with `<` escaped so no text can close
    /// the element: `{"language": …, "texts": {"search.none": …}}`.
    pub fn script_json(&self, groups: &[&str]) -> String {
        let json =
            serde_json::json!({ "language": self.language, "texts": self.script_texts(groups) });
        json.to_string().replace('<', "\\u003c")
    }

    /// A word Kurator itself writes (a quiz label, a page title): the
    /// text of `key`, or the key itself when the table lacks it, so a
    /// theme's incomplete table shows the key instead of failing a build.
    /// The default theme's tables have every key (a unit test checks).
    pub fn word(&self, key: &str) -> String {
        self.text(key, None, &[])
            .unwrap_or_else(|_| key.to_string())
    }
}

/// The table to use for `language`: itself, or its main part (`pt` for
/// `pt-BR`) when the theme has that.
fn table_language(language: &str, has: impl Fn(&str) -> bool) -> Option<&str> {
    let main = language.split(['-', '_']).next().unwrap_or(language);
    [language, main]
        .into_iter()
        .find(|l| !l.is_empty() && has(l))
}

/// The site's own `i18n/<language>.yaml`, if it has one.
fn site_table(
    root: &SiteRoot,
    language: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<(String, BTreeMap<String, Entry>)> {
    let dir = root.join("i18n");
    if !dir.is_dir() {
        return None;
    }
    let names: Vec<String> = [
        language,
        language.split(['-', '_']).next().unwrap_or(language),
    ]
    .iter()
    .map(|l| format!("{l}.yaml"))
    .collect();
    let asset = walk::walk_static(root, &dir, problems)
        .into_iter()
        .filter(|a| names.contains(&a.out))
        .min_by_key(|a| names.iter().position(|n| *n == a.out))?;
    let text = match std::fs::read_to_string(&asset.abs) {
        Ok(t) => t,
        Err(e) => {
            problems.push(Diagnostic::error(
                &asset.rel,
                format!("cannot read the interface texts: {e}"),
            ));
            return None;
        }
    };
    match parse_table(&asset.rel, &text) {
        Ok(entries) => Some((asset.rel, entries)),
        Err(mut p) => {
            problems.append(&mut p);
            None
        }
    }
}

/// A table's text → its entries by dotted key (`search.placeholder`).
pub fn parse_table(path: &str, text: &str) -> Result<BTreeMap<String, Entry>, Vec<Diagnostic>> {
    let root: BTreeMap<String, Node> =
        yaml::parse(YamlSource::file(path, text)).map_err(|d| vec![d])?;
    let mut entries = BTreeMap::new();
    let mut problems = Vec::new();
    flatten("", root, &mut entries, &mut problems, path, text);
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

fn flatten(
    prefix: &str,
    group: BTreeMap<String, Node>,
    out: &mut BTreeMap<String, Entry>,
    problems: &mut Vec<Diagnostic>,
    path: &str,
    text: &str,
) {
    for (name, node) in group {
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        match node {
            Node::Text(t) => {
                out.insert(key, Entry::Text(t));
            }
            Node::Group(map) if is_plural(&map) => {
                let forms: BTreeMap<String, String> = map
                    .into_iter()
                    .filter_map(|(k, v)| match v {
                        Node::Text(t) => Some((k, t)),
                        Node::Group(_) => None,
                    })
                    .collect();
                if forms.contains_key("other") {
                    out.insert(key, Entry::Plural(forms));
                } else {
                    problems.push(
                        Diagnostic::error(path, format!("`{key}` has plural forms but no `other`"))
                            .at_line(line_of(text, &name))
                            .help("`other` is the form for any number the others do not cover"),
                    );
                }
            }
            Node::Group(map) => flatten(&key, map, out, problems, path, text),
        }
    }
}

/// A map whose keys are all plural form names, their values texts.
fn is_plural(map: &BTreeMap<String, Node>) -> bool {
    !map.is_empty()
        && map
            .iter()
            .all(|(k, v)| CATEGORIES.contains(&k.as_str()) && matches!(v, Node::Text(_)))
}

/// The first line (1-based) where `name:` starts a key, for messages.
fn line_of(text: &str, name: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(name)
                .is_some_and(|r| r.starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

/// CLDR's plural form of `n` in `language` ("one", "few", …), "other"
/// for a language CLDR does not know.
pub fn plural_category(language: &str, n: f64) -> &'static str {
    let rules = language
        .parse::<unic_langid::LanguageIdentifier>()
        .ok()
        .and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok());
    let Some(rules) = rules else {
        return "other";
    };
    match rules.select(n) {
        Ok(PluralCategory::ZERO) => "zero",
        Ok(PluralCategory::ONE) => "one",
        Ok(PluralCategory::TWO) => "two",
        Ok(PluralCategory::FEW) => "few",
        Ok(PluralCategory::MANY) => "many",
        _ => "other",
    }
}

/// A number as a text shows it: whole numbers without a fraction.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// `template` with each `{name}` replaced by `value(name)`; a name with no
/// value is an error (a mistyped argument would otherwise show braces).
fn fill(
    key: &str,
    template: &str,
    value: impl Fn(&str) -> Option<String>,
) -> Result<String, TextError> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name {
            Some(name)
                if !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                out.push_str(&rest[..open]);
                let v = value(name).ok_or_else(|| TextError::Unfilled {
                    key: key.to_string(),
                    name: name.to_string(),
                })?;
                out.push_str(&v);
                rest = &after[name.len() + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}
