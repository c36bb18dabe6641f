//! The rules of a quiz block (see `docs/content-format.md`, «Quizzes»),
//! checked on the parsed [`RawQuiz`]: every problem of a block is reported,
//! each at its line in the Markdown file, and a block without problems
//! becomes the checked [`Quiz`] the renderer trusts.

use std::collections::{BTreeMap, HashSet};

use super::bands::band_problems;
use super::locate::{line_of, Step, Step::Item, Step::Key};
use super::schema::{Kind, RawBand, RawOption, RawQuestion, RawQuiz, ReadLink, ReadList};
use crate::diagnostic::{did_you_mean, Diagnostic};

/// The question types, as written after `type:`.
pub const TYPES: [&str; 6] = [
    "single",
    "multiple",
    "true-false",
    "order",
    "match",
    "scale",
];

/// Default share of points to pass a knowledge quiz.
pub const DEFAULT_PASS: f64 = 0.7;

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

/// Collects problems, each placed by a path into the YAML.
struct Checker<'a> {
    source: &'a str,
    yaml: &'a str,
    first_line: usize,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, path: &[Step<'_>], message: impl Into<String>, help: impl Into<String>) {
        let line = self.first_line + line_of(self.yaml, path);
        let help: String = help.into();
        let mut d = Diagnostic::error(self.source, message).at_line(line);
        if !help.is_empty() {
            d = d.help(help);
        }
        self.problems.push(d);
    }
}

fn blank(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| t.trim().is_empty())
}

/// Checks a parsed quiz block. `source` is the file path, `yaml` the block
/// text and `first_line` the file line it starts on.
pub fn validate(
    raw: RawQuiz,
    source: &str,
    yaml: &str,
    first_line: usize,
) -> Result<Quiz, Vec<Diagnostic>> {
    let mut c = Checker {
        source,
        yaml,
        first_line,
        problems: Vec::new(),
    };
    check_quiz_keys(&raw, &mut c);
    let questions: Vec<Question> = raw
        .questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| check_question(q, i, &raw, &mut c))
        .collect();
    let (scale, traits, bands, trait_bands) = match raw.kind {
        Kind::SelfAssessment => check_self_assessment(&raw, &mut c),
        Kind::Knowledge => (None, vec![], vec![], BTreeMap::new()),
    };
    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    Ok(Quiz {
        pass: (raw.kind == Kind::Knowledge).then_some(raw.pass.unwrap_or(DEFAULT_PASS)),
        id: raw.id,
        title: raw.title,
        kind: raw.kind,
        intro: raw.intro,
        shuffle: raw.shuffle,
        attempts: raw.attempts,
        questions,
        scale,
        traits,
        bands,
        trait_bands,
    })
}

fn check_quiz_keys(raw: &RawQuiz, c: &mut Checker<'_>) {
    if !is_valid_id(&raw.id) {
        c.report(
            &[Key("id")],
            format!("quiz id \"{}\" may only use a-z, 0-9 and -", raw.id),
            format!("for example `id: {}`", suggest_id(&raw.id)),
        );
    }
    if blank(&raw.title) {
        c.report(
            &[Key("title")],
            "the quiz title is empty",
            "write a title or remove the key",
        );
    }
    if blank(&raw.intro) {
        c.report(
            &[Key("intro")],
            "the quiz intro is empty",
            "write an intro or remove the key",
        );
    }
    if let Some(pass) = raw.pass {
        if raw.kind == Kind::SelfAssessment {
            c.report(
                &[Key("pass")],
                "`pass` does not apply to a self-assessment",
                "remove it: self-assessments are scored by `bands`",
            );
        } else if !(pass > 0.0 && pass <= 1.0) {
            c.report(
                &[Key("pass")],
                format!("`pass: {pass}` is out of range"),
                "write a share of points above 0 and at most 1, e.g. `pass: 0.7`",
            );
        }
    }
    if raw.questions.is_empty() {
        c.report(
            &[Key("questions")],
            "the quiz has no questions",
            "add a `questions:` list",
        );
    }
    if raw.kind == Kind::Knowledge {
        let extra = [
            ("scale", raw.scale.is_some()),
            ("traits", !raw.traits.is_empty()),
            ("bands", !raw.bands.is_empty()),
            ("trait_bands", !raw.trait_bands.is_empty()),
        ];
        for (key, present) in extra {
            if present {
                c.report(
                    &[Key(key)],
                    format!("`{key}` belongs to a self-assessment"),
                    "add `kind: self-assessment`, or remove the key",
                );
            }
        }
    }
}

/// Quiz ids go into HTML ids and localStorage keys: a-z, 0-9 and `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
}

fn suggest_id(id: &str) -> String {
    let slug: String = id
        .to_lowercase()
        .chars()
        .map(|ch| {
            if ch.is_ascii_lowercase() || ch.is_ascii_digit() {
                ch
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "my-quiz".to_string()
    } else {
        slug
    }
}

/// The keys each type accepts (besides `type`).
fn allowed_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "single" | "multiple" => &["prompt", "hint", "options", "explanation"],
        "true-false" => &["prompt", "hint", "answer", "feedback", "explanation"],
        "order" => &["prompt", "hint", "steps", "feedback", "explanation"],
        "match" => &["prompt", "hint", "pairs", "feedback", "explanation"],
        _ => &["prompt", "trait", "reverse"],
    }
}

fn present_keys(q: &RawQuestion) -> Vec<&'static str> {
    [
        ("prompt", q.prompt.is_some()),
        ("hint", q.hint.is_some()),
        ("options", q.options.is_some()),
        ("answer", q.answer.is_some()),
        ("feedback", q.feedback.is_some()),
        ("steps", q.steps.is_some()),
        ("pairs", q.pairs.is_some()),
        ("trait", q.trait_id.is_some()),
        ("reverse", q.reverse.is_some()),
        ("explanation", q.explanation.is_some()),
    ]
    .into_iter()
    .filter_map(|(k, present)| present.then_some(k))
    .collect()
}

fn check_question(
    q: &RawQuestion,
    i: usize,
    raw: &RawQuiz,
    c: &mut Checker<'_>,
) -> Option<Question> {
    let at = [Key("questions"), Item(i)];
    let n = i + 1;
    let Some(kind) = q.kind.as_deref() else {
        c.report(
            &at,
            format!("question {n} has no `type`"),
            format!("add `type:` with one of: {}", TYPES.join(", ")),
        );
        return None;
    };
    if !TYPES.contains(&kind) {
        let mut help = format!("expected one of: {}", TYPES.join(", "));
        if let Some(best) = did_you_mean(kind, &TYPES) {
            help = format!("{help}; did you mean \"{best}\"?");
        }
        c.report(
            &[Key("questions"), Item(i), Key("type")],
            format!("unknown quiz type \"{kind}\""),
            help,
        );
        return None;
    }
    let before = c.problems.len();
    let is_scale = kind == "scale";
    match (raw.kind, is_scale) {
        (Kind::Knowledge, true) => c.report(
            &at,
            format!("question {n}: `scale` statements belong to a self-assessment"),
            "add `kind: self-assessment` to the quiz",
        ),
        (Kind::SelfAssessment, false) => c.report(
            &at,
            format!("question {n}: a self-assessment has only `scale` statements, not `{kind}`"),
            "use `type: scale`, or move this question to a knowledge quiz",
        ),
        _ => {}
    }
    let allowed = allowed_keys(kind);
    for key in present_keys(q) {
        if !allowed.contains(&key) {
            c.report(
                &[Key("questions"), Item(i), Key(key)],
                format!("`{key}` does not apply to a `{kind}` question"),
                format!(
                    "remove it; a `{kind}` question takes: type, {}",
                    allowed.join(", ")
                ),
            );
        }
    }
    match q.prompt.as_deref() {
        None => c.report(
            &at,
            format!("question {n} has no `prompt`"),
            "add `prompt:` with the question text",
        ),
        Some(p) if p.trim().is_empty() => c.report(
            &[Key("questions"), Item(i), Key("prompt")],
            format!("question {n} has an empty prompt"),
            "write the question text",
        ),
        _ => {}
    }
    for (key, value) in [
        ("hint", &q.hint),
        ("feedback", &q.feedback),
        ("explanation", &q.explanation),
    ] {
        if blank(value) && allowed.contains(&key) {
            c.report(
                &[Key("questions"), Item(i), Key(key)],
                format!("question {n} has an empty `{key}`"),
                "write the text or remove the key",
            );
        }
    }
    let body = match kind {
        "single" | "multiple" => check_options(q, i, kind, c),
        "true-false" => match q.answer {
            Some(answer) => Some(Body::TrueFalse {
                answer,
                feedback: q.feedback.clone(),
            }),
            None => {
                c.report(
                    &at,
                    format!("true-false question {n} has no `answer`"),
                    "add `answer: true` or `answer: false`",
                );
                None
            }
        },
        "order" => check_steps(q, i, c),
        "match" => check_pairs(q, i, c),
        _ => check_statement(q, i, raw, c),
    };
    if c.problems.len() > before {
        return None;
    }
    Some(Question {
        prompt: q.prompt.clone().unwrap_or_default(),
        hint: q.hint.clone(),
        explanation: q.explanation.clone(),
        body: body?,
    })
}

fn check_options(q: &RawQuestion, i: usize, kind: &str, c: &mut Checker<'_>) -> Option<Body> {
    let n = i + 1;
    let at = [Key("questions"), Item(i)];
    let options = q.options.clone().unwrap_or_default();
    if options.len() < 2 {
        let found = if q.options.is_none() {
            "no `options`".to_string()
        } else {
            format!("{} option(s)", options.len())
        };
        c.report(
            &at,
            format!("question {n} has {found}; a `{kind}` question needs at least two"),
            "add `options:` with `- text: …` items, one marked `correct: true`",
        );
        return None;
    }
    for (k, option) in options.iter().enumerate() {
        let path = [Key("questions"), Item(i), Key("options"), Item(k)];
        if option.text.trim().is_empty() {
            c.report(
                &path,
                format!("option {} of question {n} has empty text", k + 1),
                "write the option text",
            );
        }
        if blank(&option.feedback) {
            c.report(
                &path,
                format!("option {} of question {n} has an empty `feedback`", k + 1),
                "write the text or remove the key",
            );
        }
    }
    let correct = options.iter().filter(|o| o.correct).count();
    match (kind, correct) {
        (_, 0) => c.report(
            &at,
            format!("question {n} has no correct option"),
            "mark the right option with `correct: true`",
        ),
        ("single", 2..) => c.report(
            &at,
            format!("single-choice question {n} has {correct} correct options"),
            "mark exactly one option `correct: true`, or use `type: multiple`",
        ),
        _ => {}
    }
    Some(if kind == "single" {
        Body::Single(options)
    } else {
        Body::Multiple(options)
    })
}

fn check_steps(q: &RawQuestion, i: usize, c: &mut Checker<'_>) -> Option<Body> {
    let n = i + 1;
    let steps = q.steps.clone().unwrap_or_default();
    if steps.len() < 2 {
        c.report(
            &[Key("questions"), Item(i)],
            format!(
                "order question {n} has {} step(s); it needs at least two",
                steps.len()
            ),
            "list the `steps:` in the right order",
        );
        return None;
    }
    let mut seen = HashSet::new();
    for (k, step) in steps.iter().enumerate() {
        let path = [Key("questions"), Item(i), Key("steps"), Item(k)];
        if step.trim().is_empty() {
            c.report(
                &path,
                format!("step {} of question {n} is empty", k + 1),
                "write the step text",
            );
        } else if !seen.insert(step.trim()) {
            c.report(
                &path,
                format!("step {} of question {n} repeats an earlier step", k + 1),
                "give each step a different text, or the right order is ambiguous",
            );
        }
    }
    Some(Body::Order {
        steps,
        feedback: q.feedback.clone(),
    })
}

fn check_pairs(q: &RawQuestion, i: usize, c: &mut Checker<'_>) -> Option<Body> {
    let n = i + 1;
    let pairs = q.pairs.clone().unwrap_or_default();
    if pairs.len() < 2 {
        c.report(
            &[Key("questions"), Item(i)],
            format!(
                "match question {n} has {} pair(s); it needs at least two",
                pairs.len()
            ),
            "list the `pairs:` as `- { left: …, right: … }`, matched",
        );
        return None;
    }
    let mut seen = HashSet::new();
    for (k, pair) in pairs.iter().enumerate() {
        let path = [Key("questions"), Item(i), Key("pairs"), Item(k)];
        if pair.left.trim().is_empty() || pair.right.trim().is_empty() {
            c.report(
                &path,
                format!("pair {} of question {n} has an empty side", k + 1),
                "write both `left` and `right`",
            );
        } else if !seen.insert(pair.right.trim()) {
            c.report(
                &path,
                format!("pair {} of question {n} repeats an earlier `right`", k + 1),
                "give each pair a different right side, or the match is ambiguous",
            );
        }
    }
    Some(Body::Match {
        pairs: pairs.into_iter().map(|p| (p.left, p.right)).collect(),
        feedback: q.feedback.clone(),
    })
}

fn check_statement(q: &RawQuestion, i: usize, raw: &RawQuiz, c: &mut Checker<'_>) -> Option<Body> {
    if let Some(id) = &q.trait_id {
        if !raw.traits.iter().any(|t| &t.id == id) {
            c.report(
                &[Key("questions"), Item(i), Key("trait")],
                format!("unknown trait \"{id}\""),
                trait_help(id, raw),
            );
        }
    }
    Some(Body::Scale {
        trait_id: q.trait_id.clone(),
        reverse: q.reverse.unwrap_or(false),
    })
}

fn trait_help(id: &str, raw: &RawQuiz) -> String {
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

type SelfParts = (
    Option<Scale>,
    Vec<Trait>,
    Vec<Band>,
    BTreeMap<String, Vec<Band>>,
);

fn check_self_assessment(raw: &RawQuiz, c: &mut Checker<'_>) -> SelfParts {
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
    (scale, traits, bands, trait_bands)
}

fn read_links(read: &Option<ReadList>) -> Vec<ReadLink> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("duties-basics-2"));
        assert!(!is_valid_id("Duties basics"));
        assert!(!is_valid_id(""));
        assert_eq!(suggest_id("Duties  basics!"), "duties-basics");
        assert_eq!(suggest_id("Тест"), "my-quiz");
    }
}
