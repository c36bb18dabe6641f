//! `data/synonyms.yaml`: the site's thesaurus, joining the words readers
//! type with the words the pages use. Each item is either a group of
//! equivalent words or phrases (any of them finds the others) or a one-way
//! mapping `{from: …, to: [...]}` like `search.synonyms` in `kurator.yaml`.
//! Both end up as the one-way map `mod.rs` writes into `meta.js`.

use std::collections::BTreeMap;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::yaml::{self, YamlSource};

/// The data file's name under `data/`, without `.yaml`.
pub const DATA_NAME: &str = "synonyms";

/// One item of the file.
#[derive(Debug, Clone, PartialEq)]
pub enum SynonymEntry {
    /// Words that mean the same to a reader, each finding the others.
    Group(Vec<String>),
    /// What a reader types → what the pages say, one way.
    OneWay { from: String, to: Vec<String> },
}

/// The fields of a one-way item.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OneWay {
    from: String,
    to: Vec<String>,
}

// By hand rather than `#[serde(untagged)]`: untagged errors point at the
// start of the list, this points at the item that is wrong.
impl<'de> Deserialize<'de> for SynonymEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entry;
        impl<'de> Visitor<'de> for Entry {
            type Value = SynonymEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of words or {from: word, to: [words]}")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<SynonymEntry, A::Error> {
                Vec::<String>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(SynonymEntry::Group)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<SynonymEntry, A::Error> {
                let one = OneWay::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(SynonymEntry::OneWay {
                    from: one.from,
                    to: one.to,
                })
            }
        }
        deserializer.deserialize_any(Entry)
    }
}

/// Checks the file's shape, so a mistake is reported at its line and
/// column (templates get the same file as plain data).
pub fn check(source: YamlSource<'_>) -> Result<Vec<SynonymEntry>, Diagnostic> {
    let empty = source
        .text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if empty {
        return Ok(Vec::new());
    }
    yaml::parse::<Vec<SynonymEntry>>(source).map_err(|d| {
            d.help("data/synonyms.yaml is a list: `- [зарплата, зп, оклад]` (a group) or `- {from: люди, to: [человек]}` (one way); see docs/search.md")
        })
}

/// The entries read back from the data templates get (already checked).
pub fn from_data(value: Option<&serde_json::Value>) -> Vec<SynonymEntry> {
    value
        .and_then(|v| serde_json::from_value::<Vec<SynonymEntry>>(v.clone()).ok())
        .unwrap_or_default()
}

/// `kurator.yaml`'s one-way synonyms with the file's entries added: every
/// word of a group maps to all the others.
pub fn merged(
    config: &BTreeMap<String, Vec<String>>,
    entries: &[SynonymEntry],
) -> BTreeMap<String, Vec<String>> {
    let mut out = config.clone();
    let mut add = |from: &str, to: &str| {
        let list = out.entry(from.to_string()).or_default();
        if from != to && !list.iter().any(|t| t == to) {
            list.push(to.to_string());
        }
    };
    for entry in entries {
        match entry {
            SynonymEntry::Group(words) => {
                for from in words {
                    for to in words {
                        add(from, to);
                    }
                }
            }
            SynonymEntry::OneWay { from, to } => {
                for t in to {
                    add(from, t);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_join_every_word_with_the_others() {
        let entries = check(YamlSource::file(
            "data/synonyms.yaml",
            "- [зп, зарплата, оклад]\n- {from: люди, to: [человек]}\n",
        ))
        .unwrap();
        let map = merged(&BTreeMap::new(), &entries);
        assert_eq!(map["зп"], ["зарплата", "оклад"]);
        assert_eq!(map["оклад"], ["зп", "зарплата"]);
        assert_eq!(map["люди"], ["человек"]);
        assert!(!map.contains_key("человек"), "one way stays one way");
    }

    #[test]
    fn a_wrong_shape_names_the_line() {
        let err = check(YamlSource::file(
            "data/synonyms.yaml",
            "- [зп, зарплата]\n- 42\n",
        ))
        .unwrap_err();
        let text = format!("{err:?}");
        assert!(text.contains("synonyms.yaml"), "{text}");
        assert_eq!(err.line, Some(2), "{text}");
    }

    #[test]
    fn an_empty_file_is_no_synonyms() {
        assert!(
            check(YamlSource::file("data/synonyms.yaml", "# none yet\n"))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn data_round_trip() {
        let value = serde_json::json!([["a", "b"], {"from": "c", "to": ["d"]}]);
        assert_eq!(
            from_data(Some(&value)),
            vec![
                SynonymEntry::Group(vec!["a".into(), "b".into()]),
                SynonymEntry::OneWay {
                    from: "c".into(),
                    to: vec!["d".into()]
                }
            ]
        );
    }
}
