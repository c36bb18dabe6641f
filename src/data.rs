//! Step 1, beside the config: `data/*.yaml` → `data.<name>` for templates
//! (`-` and `/` in names become `_`).

use crate::content::walk;
use crate::diagnostic::Diagnostic;
use crate::site_root::SiteRoot;
use crate::yaml::{self, YamlSource};

/// Every data file under `root/data`, parsed; problems go to `problems`.
pub(crate) fn load(
    root: &SiteRoot,
    problems: &mut Vec<Diagnostic>,
) -> serde_json::Map<String, serde_json::Value> {
    let mut data = serde_json::Map::new();
    for asset in walk::walk_static(root, &root.join("data"), problems) {
        let Some(stem) = asset
            .out
            .strip_suffix(".yaml")
            .or_else(|| asset.out.strip_suffix(".yml"))
        else {
            continue;
        };
        let bytes = match std::fs::read(&asset.abs) {
            Ok(b) => b,
            Err(e) => {
                problems.push(Diagnostic::error(&asset.rel, format!("cannot read: {e}")));
                continue;
            }
        };
        let text = match walk::decode(&asset.rel, bytes) {
            Ok(t) => t,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        if stem == crate::search::synonyms::DATA_NAME {
            if let Err(d) = crate::search::synonyms::check(YamlSource::file(&asset.rel, &text)) {
                problems.push(d);
                continue;
            }
        }
        match yaml::parse_value(YamlSource::file(&asset.rel, &text)) {
            Ok(value) => {
                data.insert(stem.replace(['-', '/'], "_"), value);
            }
            Err(d) => problems.push(d),
        }
    }
    data
}
