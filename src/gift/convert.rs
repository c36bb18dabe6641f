//! GIFT → Kurator's quiz (the same [`RawQuiz`] a YAML block gives), with
//! everything GIFT can say that Kurator cannot show an error at its
//! line:column: essays, numerical and short-answer questions, the «missing
//! word» form, HTML texts, partial credit, feedback on a right true/false
//! answer, feedback on matching pairs.

use super::syntax::{self, Answer, Body, Item, Question};
use crate::diagnostic::Diagnostic;
use crate::quiz::schema::{RawOption, RawPair, RawQuestion, RawQuiz};

/// Where a GIFT text sits: the file and the file line of its first line.
#[derive(Debug, Clone, Copy)]
pub struct GiftSource<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub first_line: usize,
}

impl GiftSource<'_> {
    /// An error at byte `offset` of the text.
    fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count();
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Diagnostic::error(self.path, message).at(self.first_line + line, column)
    }
}

/// The quiz a GIFT text describes: its id from `$CATEGORY:` (the last part
/// of the path), one question per GIFT question.
pub fn to_quiz(source: GiftSource) -> Result<RawQuiz, Vec<Diagnostic>> {
    let file = syntax::parse(source.text).map_err(|e| {
        vec![source
            .error(e.at, format!("GIFT: {}", e.message))
            .help("see docs/lms.md «GIFT» for what Kurator reads")]
    })?;
    let mut problems = Vec::new();
    let mut id = None;
    let mut questions = Vec::new();
    for item in &file.items {
        match item {
            Item::Category { path, at } => {
                let name = path.rsplit('/').next().unwrap_or("").trim();
                if id.is_some() {
                    problems.push(
                        source
                            .error(*at, "a second $CATEGORY: one GIFT text is one quiz")
                            .help("put each category in its own ```quiz gift block or .gift file"),
                    );
                } else if name.is_empty() {
                    problems.push(source.error(*at, "$CATEGORY has no name to use as the quiz id"));
                } else {
                    id = Some(name.to_string());
                }
            }
            Item::Question(q) => match question(&source, q) {
                Ok(q) => questions.push(q),
                Err(d) => problems.push(d),
            },
        }
    }
    if id.is_none() {
        problems.push(source.error(0, "a GIFT quiz needs an id").help(
            "start it with `$CATEGORY: <quiz-id>` (the last part of a category path is the id)",
        ));
    }
    if questions.is_empty() && problems.is_empty() {
        problems.push(source.error(source.text.len(), "the GIFT text has no questions"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(RawQuiz {
        id: id.unwrap_or_default(),
        title: None,
        kind: Default::default(),
        intro: None,
        pass: None,
        shuffle: false,
        attempts: 0,
        questions,
        scale: None,
        traits: Vec::new(),
        bands: Vec::new(),
        trait_bands: Default::default(),
    })
}

fn question(source: &GiftSource, q: &Question) -> Result<RawQuestion, Diagnostic> {
    if let Some((format, at)) = &q.format {
        if format == "html" {
            return Err(source
                .error(
                    *at,
                    "[html] texts are not supported: Kurator shows quiz texts as Markdown",
                )
                .help("write the text in Markdown and mark it [markdown] (or not at all)"));
        }
    }
    if let Some(at) = q.trailing {
        return Err(source
            .error(
                at,
                "text after the answers (the «missing word» form) is not supported",
            )
            .help("put the whole question before the {…}"));
    }
    if q.text.is_empty() {
        return Err(source.error(q.at, "the question has no text"));
    }
    let mut out = RawQuestion {
        prompt: Some(q.text.clone()),
        explanation: q.general.clone().filter(|g| !g.is_empty()),
        ..RawQuestion::default()
    };
    match &q.body {
        Body::Empty => {
            return Err(source
                .error(
                    q.body_at,
                    "essay questions ({}) are not supported: Kurator quizzes check every answer",
                )
                .help("give the question answers: {=right ~wrong}"))
        }
        Body::Numeric => {
            return Err(source
                .error(q.body_at, "numerical questions ({#…}) are not supported")
                .help("ask it as a choice: {=42 ~41 ~43}"))
        }
        Body::TrueFalse { value, feedback } => {
            out.kind = Some("true-false".into());
            out.answer = Some(*value);
            if let (Some(wrong), Some(right)) = (feedback.first(), feedback.get(1)) {
                if !right.text.is_empty() && right.text != wrong.text {
                    return Err(source
                        .error(
                            right.at - 1,
                            "Kurator shows true/false feedback only after a wrong answer",
                        )
                        .help("remove the second #feedback, or make it the same as the first"));
                }
            }
            out.feedback = feedback
                .first()
                .map(|f| f.text.clone())
                .filter(|f| !f.is_empty());
        }
        Body::Answers(answers) => choice_or_match(source, q, answers, &mut out)?,
    }
    Ok(out)
}

fn choice_or_match(
    source: &GiftSource,
    q: &Question,
    answers: &[Answer],
    out: &mut RawQuestion,
) -> Result<(), Diagnostic> {
    let arrows = answers.iter().filter(|a| a.text.contains("->")).count();
    if arrows > 0 {
        if let Some(a) = answers.iter().find(|a| !a.right || !a.text.contains("->")) {
            return Err(source
                .error(a.at, "a matching question has only `=left -> right` pairs")
                .help("write every answer as =left -> right"));
        }
        if let Some(a) = answers
            .iter()
            .find(|a| a.feedback.is_some() || a.weight.is_some())
        {
            return Err(source.error(
                a.at,
                "matching pairs cannot have feedback or weights in Kurator",
            ));
        }
        out.kind = Some("match".into());
        out.pairs = Some(
            answers
                .iter()
                .map(|a| {
                    let (left, right) = a.text.split_once("->").unwrap_or((&a.text, ""));
                    RawPair {
                        left: left.trim().to_string(),
                        right: right.trim().to_string(),
                    }
                })
                .collect(),
        );
        return Ok(());
    }
    let wrong = answers.iter().filter(|a| !a.right).count();
    if wrong == 0 {
        return Err(source
            .error(q.body_at, "short-answer questions (only =answers) are not supported: Kurator has no typed answers")
            .help("add wrong options with ~ to make it a choice"));
    }
    let weighted = answers.iter().any(|a| a.weight.is_some());
    let options = |correct: &dyn Fn(&Answer) -> bool| -> Vec<RawOption> {
        answers
            .iter()
            .map(|a| RawOption {
                text: a.text.clone(),
                correct: correct(a),
                feedback: a
                    .feedback
                    .as_ref()
                    .map(|f| f.text.clone())
                    .filter(|f| !f.is_empty()),
            })
            .collect()
    };
    if !weighted {
        let right = answers.iter().filter(|a| a.right).collect::<Vec<_>>();
        if right.len() != 1 {
            let at = right.get(1).map_or(q.body_at, |a| a.at);
            return Err(source
                .error(at, format!("{} right answers (=) in one question", right.len()))
                .help("one =right answer for a single choice; for several, weigh them: ~%50%a ~%50%b ~%-100%c"));
        }
        out.kind = Some("single".into());
        out.options = Some(options(&|a| a.right));
        return Ok(());
    }
    // Weights: Kurator scores a question right only when exactly the
    // positive options are chosen, so the positive weights must make 100 %.
    let mut total = 0.0;
    for a in answers {
        let Some(w) = &a.weight else {
            return Err(source
                .error(a.at, "in a weighted question every answer needs a weight")
                .help("write ~%50%right or ~%-100%wrong"));
        };
        if a.right {
            return Err(source.error(a.at, "write weighted answers with ~, not ="));
        }
        let value: f64 = w
            .text
            .parse()
            .map_err(|_| source.error(w.at, format!("`{}` is not a percentage", w.text)))?;
        if value > 0.0 {
            total += value;
        }
    }
    if !(99.0..=101.0).contains(&total) {
        return Err(source
            .error(q.body_at, format!("the positive weights add up to {total} %, not 100 %: Kurator gives no partial credit"))
            .help("split 100 % between the right answers and give the wrong ones -100 %"));
    }
    out.kind = Some("multiple".into());
    out.options = Some(options(&|a| {
        a.weight
            .as_ref()
            .and_then(|w| w.text.parse::<f64>().ok())
            .is_some_and(|w| w > 0.0)
    }));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiz(text: &str) -> Result<RawQuiz, String> {
        to_quiz(GiftSource {
            path: "content/q.md",
            text,
            first_line: 10,
        })
        .map_err(|d| {
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    #[test]
    fn every_supported_type_converts() {
        let q = quiz(
            "$CATEGORY: $course$/top/kpi-check\n\n\
             Who? {=A#yes ~B#no ####why}\n\n\
             Which? {~%50%A ~%50%B ~%-100%C#not C}\n\n\
             Sky? {F#it is blue}\n\n\
             Match {=a -> 1 =b -> 2 =c -> 3}\n",
        )
        .unwrap();
        assert_eq!(q.id, "kpi-check");
        let kinds: Vec<_> = q
            .questions
            .iter()
            .map(|q| q.kind.clone().unwrap())
            .collect();
        assert_eq!(kinds, ["single", "multiple", "true-false", "match"]);
        assert_eq!(q.questions[0].explanation.as_deref(), Some("why"));
        let multi = q.questions[1].options.as_ref().unwrap();
        assert_eq!(
            multi.iter().map(|o| o.correct).collect::<Vec<_>>(),
            [true, true, false]
        );
        assert_eq!(q.questions[2].answer, Some(false));
        assert_eq!(q.questions[2].feedback.as_deref(), Some("it is blue"));
        assert_eq!(q.questions[3].pairs.as_ref().unwrap()[2].right, "3");
    }

    #[test]
    fn what_kurator_cannot_show_is_an_error_at_line_and_column() {
        let cases = [
            ("$CATEGORY: q\nEssay {}", "content/q.md:11:7", "essay"),
            ("$CATEGORY: q\nN {#3:1}", "content/q.md:11:3", "numerical"),
            (
                "$CATEGORY: q\nS {=cat =dog}",
                "content/q.md:11:3",
                "short-answer",
            ),
            (
                "$CATEGORY: q\nM {~%60%a ~%60%b ~%-100%c}",
                "content/q.md:11:3",
                "120 %",
            ),
            (
                "$CATEGORY: q\nT {T#a#b}",
                "content/q.md:11:7",
                "only after a wrong answer",
            ),
            (
                "$CATEGORY: q\nW {=x ~y} more",
                "content/q.md:11:11",
                "missing word",
            ),
            (
                "$CATEGORY: q\n[html]<b>x</b> {=x ~y}",
                "content/q.md:11:1",
                "[html]",
            ),
            ("Q {=x ~y}", "content/q.md:10:1", "needs an id"),
            ("$CATEGORY: q\nQ {=x ~y", "content/q.md:11:9", "expected"),
        ];
        for (text, at, what) in cases {
            let err = quiz(text).unwrap_err();
            assert!(err.contains(at) && err.contains(what), "{text:?}: {err}");
        }
    }
}
