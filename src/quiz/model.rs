//! A checked quiz: what [`validate`](super::validate) makes of a block
//! that passed every rule, and all the renderer reads.

use std::collections::BTreeMap;

use super::schema::{Kind, RawOption, ReadLink};

/// A quiz that passed every rule.
#[derive(Debug, Clone)]
pub struct Quiz {
    pub id: String,
    pub title: Option<String>,
    pub kind: Kind,
    pub intro: Option<String>,
    /// Share of points to pass (knowledge quizzes only).
    pub pass: Option<f64>,
    pub shuffle: bool,
    pub attempts: u32,
    pub questions: Vec<Question>,
    pub scale: Option<Scale>,
    pub traits: Vec<Trait>,
    pub bands: Vec<Band>,
    pub trait_bands: BTreeMap<String, Vec<Band>>,
}

/// A checked question.
#[derive(Debug, Clone)]
pub struct Question {
    pub prompt: String,
    pub hint: Option<String>,
    pub explanation: Option<String>,
    pub body: Body,
}

/// What a question asks for, by type.
#[derive(Debug, Clone)]
pub enum Body {
    Single(Vec<RawOption>),
    Multiple(Vec<RawOption>),
    TrueFalse {
        answer: bool,
        feedback: Option<String>,
    },
    /// Steps in the right order.
    Order {
        steps: Vec<String>,
        feedback: Option<String>,
    },
    /// Pairs, matched.
    Match {
        pairs: Vec<(String, String)>,
        feedback: Option<String>,
    },
    Scale {
        trait_id: Option<String>,
        reverse: bool,
    },
}

impl Body {
    /// The `type:` name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Body::Single(_) => "single",
            Body::Multiple(_) => "multiple",
            Body::TrueFalse { .. } => "true-false",
            Body::Order { .. } => "order",
            Body::Match { .. } => "match",
            Body::Scale { .. } => "scale",
        }
    }
}

/// The answer scale of a self-assessment; `labels` has one label per point.
#[derive(Debug, Clone)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Trait {
    pub id: String,
    pub name: String,
    pub read: Vec<ReadLink>,
}

#[derive(Debug, Clone)]
pub struct Band {
    pub from: i64,
    pub to: i64,
    pub title: Option<String>,
    pub text: Option<String>,
    pub read: Vec<ReadLink>,
}
