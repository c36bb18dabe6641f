//! The rules of a quiz block (see `docs/content-format.md`, «Quizzes»),
//! checked on the parsed [`RawQuiz`]: every problem of a block is reported,
//! each at its line in the Markdown file, and a block without problems
//! becomes the checked [`Quiz`] the renderer trusts (`model.rs`). The
//! checks only a self-assessment needs (scale, traits, result bands) are
//! `self_assessment.rs`.

use std::collections::HashSet;

use super::checker::Checker;
pub use super::ids::is_valid_id;
use super::ids::suggest_id;
use super::locate::Step::{Item, Key};
pub use super::model::{Band, Body, Question, Quiz, Scale, Trait};
use super::schema::{Kind, RawQuestion, RawQuiz};
use super::self_assessment::{check_self_assessment, trait_help, SelfParts};
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
    let SelfParts {
        scale,
        traits,
        bands,
        trait_bands,
    } = match raw.kind {
        Kind::SelfAssessment => check_self_assessment(&raw, &mut c),
        Kind::Knowledge => SelfParts::default(),
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
