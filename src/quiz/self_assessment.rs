//! The rules only a self-assessment has: its answer scale, the traits its
//! statements score, and the result bands (overall and per trait), each
//! problem at its line.

use std::collections::{BTreeMap, HashSet};

use super::bands::band_problems;
use super::checker::Checker;
use super::ids::{is_valid_id, suggest_id};
use super::locate::{Step, Step::Item, Step::Key};
use super::model::{Band, Scale, Trait};
use super::schema::{RawBand, RawQuiz, ReadLink, ReadList};
use crate::diagnostic::did_you_mean;

pub(super) fn trait_help(id: &str, raw: &RawQuiz) -> String {
    let declared: Vec<&str> = raw.traits.iter().map(|t| t.id.as_str()).collect();
    if declared.is_empty() {
        return "declare it under `traits:` as `- { id: …, name: … }`".to_string();
    }
    match did_you_mean(id, &declared) {
        Some(best) => format!(
            "did you mean \"{best}\"? declared traits: {}",
            declared.join(", ")
        ),
        None => format!(
            "declare it under `traits:`; declared traits: {}",
            declared.join(", ")
        ),
    }
}

/// The parts of a quiz only a self-assessment has.
#[derive(Debug, Default)]
pub(super) struct SelfParts {
    pub(super) scale: Option<Scale>,
    pub(super) traits: Vec<Trait>,
    pub(super) bands: Vec<Band>,
    pub(super) trait_bands: BTreeMap<String, Vec<Band>>,
}

pub(super) fn check_self_assessment(raw: &RawQuiz, c: &mut Checker<'_>) -> SelfParts {
    let scale = match &raw.scale {
        None => {
            c.report(
                &[Key("kind")],
                "a self-assessment needs a `scale`",
                "add `scale: { min: 1, max: 5, labels: [...] }`",
            );
            None
        }
        Some(s) if s.min >= s.max || s.max - s.min > 10 => {
            c.report(
                &[Key("scale")],
                format!("scale {}–{} is not a scale", s.min, s.max),
                "`min` must be below `max`, at most 11 points apart, e.g. 1 and 5",
            );
            None
        }
        Some(s) => {
            let points = (s.max - s.min + 1) as usize;
            if !s.labels.is_empty() && s.labels.len() != points {
                c.report(
                    &[Key("scale"), Key("labels")],
                    format!(
                        "the scale has {points} points but {} labels",
                        s.labels.len()
                    ),
                    "give one label per point, or none",
                );
            }
            if s.labels.iter().any(|l| l.trim().is_empty()) {
                c.report(
                    &[Key("scale"), Key("labels")],
                    "a scale label is empty",
                    "write every label",
                );
            }
            Some(Scale {
                min: s.min,
                max: s.max,
                labels: s.labels.clone(),
            })
        }
    };
    let mut ids = HashSet::new();
    for (k, t) in raw.traits.iter().enumerate() {
        let path = [Key("traits"), Item(k)];
        if !is_valid_id(&t.id) {
            c.report(
                &path,
                format!("trait id \"{}\" may only use a-z, 0-9 and -", t.id),
                format!("for example `id: {}`", suggest_id(&t.id)),
            );
        } else if !ids.insert(t.id.as_str()) {
            c.report(
                &path,
                format!("trait \"{}\" is declared twice", t.id),
                "give each trait a different id",
            );
        }
        if t.name.trim().is_empty() {
            c.report(
                &path,
                format!("trait \"{}\" has an empty name", t.id),
                "write the name shown in the results",
            );
        }
    }
    let traits = raw
        .traits
        .iter()
        .map(|t| Trait {
            id: t.id.clone(),
            name: t.name.clone(),
            read: read_links(&t.read),
        })
        .collect();
    if raw.bands.is_empty() {
        c.report(
            &[Key("kind")],
            "a self-assessment needs `bands`",
            "add `bands:` covering 0 to 100, e.g. `- { from: 0, to: 49, title: … }`",
        );
    }
    let bands = check_bands(&raw.bands, &[Key("bands")], c);
    let mut trait_bands = BTreeMap::new();
    for (id, list) in &raw.trait_bands {
        if !raw.traits.iter().any(|t| &t.id == id) {
            c.report(
                &[Key("trait_bands"), Key(id)],
                format!("unknown trait \"{id}\" in `trait_bands`"),
                trait_help(id, raw),
            );
        }
        trait_bands.insert(
            id.clone(),
            check_bands(list, &[Key("trait_bands"), Key(id)], c),
        );
    }
    SelfParts {
        scale,
        traits,
        bands,
        trait_bands,
    }
}

pub(super) fn read_links(read: &Option<ReadList>) -> Vec<ReadLink> {
    read.as_ref()
        .map(|r| r.links().into_iter().cloned().collect())
        .unwrap_or_default()
}

fn check_bands(bands: &[RawBand], at: &[Step<'_>], c: &mut Checker<'_>) -> Vec<Band> {
    let ranges: Vec<(i64, i64)> = bands.iter().map(|b| (b.from, b.to)).collect();
    for (k, message, help) in band_problems(&ranges) {
        let mut path = at.to_vec();
        path.push(Item(k));
        c.report(&path, message, help);
    }
    for (k, b) in bands.iter().enumerate() {
        let mut path = at.to_vec();
        path.push(Item(k));
        if b.title.as_deref().unwrap_or("").trim().is_empty()
            && b.text.as_deref().unwrap_or("").trim().is_empty()
        {
            c.report(
                &path,
                format!("band {}–{} has neither `title` nor `text`", b.from, b.to),
                "write what this result means",
            );
        }
    }
    bands
        .iter()
        .map(|b| Band {
            from: b.from,
            to: b.to,
            title: b.title.clone(),
            text: b.text.clone(),
            read: read_links(&b.read),
        })
        .collect()
}
