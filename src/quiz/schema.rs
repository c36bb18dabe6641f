//! The quiz block as authors write it (see `docs/content-format.md`,
//! «Quizzes»): serde types only, no rules. Every struct denies unknown keys,
//! so a typo is an error at its line with a "did you mean".
//!
//! Questions are one flat struct rather than an enum tagged by `type`: serde
//! buffers internally tagged enums and loses the YAML position, and we want
//! our own message for an unknown type. [`super::validate`] turns this into
//! the checked model and reports every problem with its line.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One ```` ```quiz ```` block.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuiz {
    pub id: String,
    pub title: Option<String>,
    #[serde(default)]
    pub kind: Kind,
    pub intro: Option<String>,
    pub pass: Option<f64>,
    #[serde(default)]
    pub shuffle: bool,
    #[serde(default)]
    pub attempts: u32,
    #[serde(default)]
    pub questions: Vec<RawQuestion>,
    pub scale: Option<RawScale>,
    #[serde(default)]
    pub traits: Vec<RawTrait>,
    #[serde(default)]
    pub bands: Vec<RawBand>,
    #[serde(default)]
    pub trait_bands: BTreeMap<String, Vec<RawBand>>,
}

/// Knowledge quizzes have right answers; self-assessments have a scale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    #[default]
    Knowledge,
    SelfAssessment,
}

impl Kind {
    /// The name used in YAML, HTML and `quizzes.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Knowledge => "knowledge",
            Kind::SelfAssessment => "self-assessment",
        }
    }
}

/// Any question: which keys are allowed depends on `type`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub prompt: Option<String>,
    pub hint: Option<String>,
    pub options: Option<Vec<RawOption>>,
    pub answer: Option<bool>,
    pub feedback: Option<String>,
    pub steps: Option<Vec<String>>,
    pub pairs: Option<Vec<RawPair>>,
    #[serde(rename = "trait")]
    pub trait_id: Option<String>,
    pub reverse: Option<bool>,
    pub explanation: Option<String>,
}

/// An option of a `single` or `multiple` question.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    pub feedback: Option<String>,
}

/// A pair of a `match` question, written matched.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPair {
    pub left: String,
    pub right: String,
}

/// The answer scale of a self-assessment.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    pub min: i64,
    pub max: i64,
    #[serde(default)]
    pub labels: Vec<String>,
}

/// What self-assessment statements measure.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTrait {
    pub id: String,
    pub name: String,
    pub read: Option<ReadList>,
}

/// A result band: scores `from`–`to` percent.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    pub from: i64,
    pub to: i64,
    pub title: Option<String>,
    pub text: Option<String>,
    pub read: Option<ReadList>,
}

/// `read:` is one link or a list of links.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum ReadList {
    One(ReadLink),
    Many(Vec<ReadLink>),
}

impl ReadList {
    /// The links, in order.
    pub fn links(&self) -> Vec<&ReadLink> {
        match self {
            ReadList::One(link) => vec![link],
            ReadList::Many(links) => links.iter().collect(),
        }
    }
}

/// A page to read next: a path (`../kpi/_index.md#ltv`), or a path with the
/// link text (`{ path: …, title: … }`, an addition to the documented schema:
/// without a title the link text is the page's URL).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum ReadLink {
    Path(String),
    Titled { path: String, title: String },
}

impl ReadLink {
    pub fn path(&self) -> &str {
        match self {
            ReadLink::Path(p) | ReadLink::Titled { path: p, .. } => p,
        }
    }

    pub fn title(&self) -> Option<&str> {
        match self {
            ReadLink::Path(_) => None,
            ReadLink::Titled { title, .. } => Some(title),
        }
    }
}
