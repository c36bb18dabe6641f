//! A checked [`Quiz`] as HTML: a `<form class="quiz">` that reads well
//! without JavaScript (questions, then a «Показать ответ» disclosure per
//! question, or the scoring and result bands of a self-assessment), plus a
//! `<script type="application/json" class="quiz-data">` with what
//! `quiz.js` needs to score. Feedback, explanations and band texts are
//! rendered here, hidden, and only revealed or cloned by the script, so the
//! script never builds HTML from content.
//!
//! Every id starts with `quiz-<id>-`, so it cannot clash with the page's
//! heading ids. Output is deterministic: order and match questions are
//! shuffled by a permutation seeded from the quiz hash. The texts inside
//! are `texts.rs`; the self-assessment's key is `render_key.rs`. HTML is
//! written into one buffer with `write!`, an element or two a line.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::labels::{script_labels, Labels};
use super::locate::{Step, Step::Item, Step::Key};
use super::model::{Body, Question, Quiz};
use super::render_key::self_assessment_data;
use super::schema::{Kind, RawOption};
pub use super::shuffle::permutation;
use super::shuffle::seed;
pub use super::texts::Output;
use super::texts::Texts;
use super::QuizContext;
use crate::html::escape;

/// Renders a checked quiz. `hash` is the content hash, `yaml` and
/// `first_line` locate texts for link positions.
pub fn render(
    quiz: &Quiz,
    hash: &str,
    yaml: &str,
    first_line: usize,
    cx: &QuizContext<'_>,
) -> Output {
    let labels = Labels::from_texts(cx.texts);
    let mut r = Renderer {
        quiz,
        hash,
        prefix: format!("quiz-{}", quiz.id),
        labels: &labels,
        texts: Texts {
            cx,
            yaml,
            first_line,
            out: Output::default(),
        },
        h: String::new(),
    };
    r.form();
    r.texts.out.html = r.h;
    r.texts.out
}

/// One quiz being written: what every part needs, and the HTML so far.
pub(super) struct Renderer<'a> {
    pub(super) quiz: &'a Quiz,
    hash: &'a str,
    /// `quiz-<id>`: every id in the form starts with it.
    prefix: String,
    pub(super) labels: &'a Labels,
    pub(super) texts: Texts<'a>,
    /// The HTML written so far.
    pub(super) h: String,
}

// `write!` into a `String` cannot fail; the results are ignored with `_ =`.
impl Renderer<'_> {
    fn form(&mut self) {
        let (quiz, labels, p) = (self.quiz, self.labels, self.prefix.clone());
        let default_title = match quiz.kind {
            Kind::Knowledge => &labels.quiz,
            Kind::SelfAssessment => &labels.self_assessment,
        };
        self.texts.out.title = quiz
            .title
            .clone()
            .unwrap_or_else(|| default_title.to_string());
        let kind = quiz.kind.as_str();
        let pass_attr = quiz
            .pass
            .map(|v| format!(" data-pass=\"{v}\""))
            .unwrap_or_default();
        let h = &mut self.h;
        _ = write!(h, "<form class=\"quiz quiz-{kind}\" id=\"{p}-form\"");
        _ = write!(
            h,
            " data-quiz-id=\"{}\" data-quiz-hash=\"{}\"",
            quiz.id, self.hash
        );
        _ = write!(h, " data-kind=\"{kind}\"{pass_attr}");
        _ = write!(
            h,
            " data-attempts=\"{}\" data-shuffle=\"{}\"",
            quiz.attempts, quiz.shuffle
        );
        _ = writeln!(h, " aria-labelledby=\"{p}-title\" novalidate>");
        let title = match &quiz.title {
            Some(title) => self.texts.inline(title, &[Key("title")]),
            None => default_title.to_string(),
        };
        // h2, not h3: a quiz often follows the page's h1 directly, and h1 → h3
        // skips a level (an error for the Nu checker, a warning for axe).
        _ = writeln!(
            self.h,
            "<h2 class=\"quiz-title\" id=\"{p}-title\">{title}</h2>"
        );
        if let Some(intro) = &quiz.intro {
            let intro = self.texts.block(intro, &[Key("intro")]);
            _ = writeln!(self.h, "<div class=\"quiz-intro\">{intro}</div>");
        }
        self.h.push_str("<ol class=\"quiz-questions\">\n");
        let data_questions: Vec<Value> = (quiz.questions.iter().enumerate())
            .map(|(i, q)| self.question(i, q))
            .collect();
        self.h.push_str("</ol>\n");
        let check = match quiz.kind {
            Kind::Knowledge => &labels.check,
            Kind::SelfAssessment => &labels.show_result,
        };
        let h = &mut self.h;
        _ = write!(h, "<div class=\"quiz-actions\" hidden>");
        _ = write!(
            h,
            "<button type=\"submit\" class=\"quiz-check\">{check}</button> "
        );
        _ = write!(
            h,
            "<button type=\"button\" class=\"quiz-retry\" hidden>{}</button> ",
            labels.retry
        );
        _ = writeln!(h, "<span class=\"quiz-attempts\"></span></div>");
        _ = writeln!(
            h,
            "<div class=\"quiz-status\" id=\"{p}-status\" aria-live=\"polite\"></div>"
        );
        let mut data = json!({
            "id": quiz.id,
            "hash": self.hash,
            "kind": kind,
            "pass": quiz.pass,
            "attempts": quiz.attempts,
            "shuffle": quiz.shuffle,
            "questions": data_questions,
            "labels": script_labels(self.texts.cx.texts),
        });
        if quiz.kind == Kind::SelfAssessment {
            self.h
                .push_str("<div class=\"quiz-result\" hidden></div>\n");
            self.self_assessment_key();
            self_assessment_data(quiz, &mut data);
        }
        _ = writeln!(
            self.h,
            "<script type=\"application/json\" class=\"quiz-data\">{}</script>",
            script_json(&data)
        );
        self.h.push_str("</form>\n");
    }

    /// One question's `<li>`; returns its entry in the script's data.
    fn question(&mut self, i: usize, q: &Question) -> Value {
        let at = [Key("questions"), Item(i)];
        let qid = format!("{}-q{}", self.prefix, i + 1);
        let kind = q.body.type_name();
        let labels = self.labels;
        let mut extra = String::new();
        if let Body::Scale { trait_id, reverse } = &q.body {
            if let Some(tr) = trait_id {
                _ = write!(extra, " data-trait=\"{}\"", escape(tr));
            }
            if *reverse {
                extra.push_str(" data-reverse=\"true\"");
            }
        }
        _ = writeln!(
            self.h,
            "<li class=\"quiz-question\" id=\"{qid}\" data-type=\"{kind}\" data-index=\"{i}\"{extra}>"
        );
        self.h.push_str("<fieldset class=\"quiz-fieldset\">\n");
        let prompt = self.texts.inline(&q.prompt, &path(&at, &[Key("prompt")]));
        _ = writeln!(self.h, "<legend class=\"quiz-prompt\">{prompt}</legend>");
        if let Some(hint) = &q.hint {
            let hint = self.texts.block(hint, &path(&at, &[Key("hint")]));
            _ = writeln!(
                self.h,
                "<details class=\"quiz-hint\"><summary>{}</summary>\n{hint}\n</details>",
                labels.hint
            );
        }
        // The disclosure's text, written after the fieldset.
        let mut answer = String::new();
        let data = match &q.body {
            Body::Single(options) | Body::Multiple(options) => {
                let multiple = matches!(q.body, Body::Multiple(_));
                self.choice(options, multiple, &qid, &at, &mut answer);
                let correct: Vec<usize> = (options.iter().enumerate())
                    .filter(|(_, o)| o.correct)
                    .map(|(k, _)| k)
                    .collect();
                json!({ "type": kind, "correct": correct })
            }
            Body::TrueFalse {
                answer: right,
                feedback,
            } => {
                self.true_false(*right, &qid, &mut answer);
                self.feedback(feedback.as_ref(), &at, &mut answer);
                json!({ "type": kind, "answer": right })
            }
            Body::Order { steps, feedback } => {
                self.order(steps, i, &qid, &at, &mut answer);
                self.feedback(feedback.as_ref(), &at, &mut answer);
                json!({ "type": kind, "steps": steps.len() })
            }
            Body::Match { pairs, feedback } => {
                self.pairs(pairs, i, &qid, &at, &mut answer);
                self.feedback(feedback.as_ref(), &at, &mut answer);
                json!({ "type": kind, "pairs": pairs.len() })
            }
            Body::Scale { trait_id, reverse } => {
                self.scale(&qid);
                json!({ "type": kind, "trait": trait_id, "reverse": reverse })
            }
        };
        self.h.push_str("</fieldset>\n");
        if let Some(explanation) = &q.explanation {
            let explanation = self
                .texts
                .block(explanation, &path(&at, &[Key("explanation")]));
            _ = writeln!(
                answer,
                "<div class=\"quiz-explanation\">{explanation}</div>"
            );
        }
        if !answer.is_empty() {
            _ = write!(
                self.h,
                "<details class=\"quiz-answer\"><summary>{}</summary>\n{answer}</details>\n",
                labels.show_answer
            );
        }
        self.h.push_str("</li>\n");
        data
    }

    /// Single and multiple choice: the options, then in the disclosure the
    /// right ones and what each option's feedback says.
    fn choice(
        &mut self,
        options: &[RawOption],
        multiple: bool,
        qid: &str,
        at: &[Step<'_>],
        answer: &mut String,
    ) {
        let texts: Vec<(String, Option<String>)> = (options.iter().enumerate())
            .map(|(k, o)| {
                let text = self
                    .texts
                    .inline(&o.text, &path(at, &[Key("options"), Item(k)]));
                let feedback = o.feedback.as_ref().map(|f| {
                    let at = path(at, &[Key("options"), Item(k), Key("feedback")]);
                    self.texts.block(f, &at)
                });
                (text, feedback)
            })
            .collect();
        let input = if multiple { "checkbox" } else { "radio" };
        let h = &mut self.h;
        h.push_str("<ul class=\"quiz-options\">\n");
        for (k, (text, feedback)) in texts.iter().enumerate() {
            let oid = format!("{qid}-o{}", k + 1);
            _ = write!(h, "<li class=\"quiz-option\" data-option=\"{k}\">");
            _ = write!(h, "<input type=\"{input}\" class=\"quiz-input\" name=\"{qid}\" id=\"{oid}\" value=\"{k}\"> ");
            _ = write!(h, "<label for=\"{oid}\">{text}</label>");
            if let Some(f) = feedback {
                _ = write!(h, "<div class=\"quiz-feedback\" hidden>{f}</div>");
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ul>\n");
        options_answer(options, &texts, self.labels, answer);
    }

    fn true_false(&mut self, right: bool, qid: &str, answer: &mut String) {
        let labels = self.labels;
        let h = &mut self.h;
        h.push_str("<ul class=\"quiz-options\">\n");
        for (value, label) in [(true, &labels.true_), (false, &labels.false_)] {
            _ = write!(h, "<li class=\"quiz-option\" data-option=\"{value}\">");
            _ = write!(h, "<input type=\"radio\" class=\"quiz-input\" name=\"{qid}\" id=\"{qid}-{value}\" value=\"{value}\"> ");
            _ = writeln!(h, "<label for=\"{qid}-{value}\">{label}</label></li>");
        }
        h.push_str("</ul>\n");
        let right_label = if right { &labels.true_ } else { &labels.false_ };
        _ = writeln!(
            answer,
            "<p class=\"quiz-correct\">{} {right_label}</p>",
            labels.correct_answer
        );
    }

    /// Steps in a shuffled order, with up and down buttons for the script.
    fn order(
        &mut self,
        steps: &[String],
        i: usize,
        qid: &str,
        at: &[Step<'_>],
        answer: &mut String,
    ) {
        let labels = self.labels;
        let texts: Vec<String> = (steps.iter().enumerate())
            .map(|(k, s)| self.texts.inline(s, &path(at, &[Key("steps"), Item(k)])))
            .collect();
        let h = &mut self.h;
        h.push_str("<ol class=\"quiz-steps\">\n");
        for k in permutation(steps.len(), seed(self.hash, i)) {
            let sid = format!("{qid}-s{}", k + 1);
            _ = write!(h, "<li class=\"quiz-step\" data-step=\"{k}\">");
            _ = write!(
                h,
                "<span class=\"quiz-step-text\" id=\"{sid}\">{}</span> ",
                texts[k]
            );
            _ = write!(h, "<span class=\"quiz-step-controls\" hidden>");
            for (step, label) in [(-1, &labels.up), (1, &labels.down)] {
                if step == 1 {
                    h.push(' ');
                }
                _ = write!(h, "<button type=\"button\" class=\"quiz-move\" data-move=\"{step}\" aria-describedby=\"{sid}\">{label}</button>");
            }
            h.push_str("</span></li>\n");
        }
        h.push_str("</ol>\n");
        let items: String = texts.iter().map(|s| format!("<li>{s}</li>")).collect();
        _ = writeln!(
            answer,
            "<p class=\"quiz-correct\">{}</p>\n<ol>{items}</ol>",
            labels.right_order
        );
    }

    /// Left sides with a `<select>` of the right sides in a shuffled order.
    fn pairs(
        &mut self,
        pairs: &[(String, String)],
        i: usize,
        qid: &str,
        at: &[Step<'_>],
        answer: &mut String,
    ) {
        let labels = self.labels;
        self.h.push_str("<ul class=\"quiz-pairs\">\n");
        let order = permutation(pairs.len(), seed(self.hash, i));
        let mut items = String::new();
        for (k, (left, right)) in pairs.iter().enumerate() {
            let left = self.texts.inline(left, &path(at, &[Key("pairs"), Item(k)]));
            let sel = format!("{qid}-p{}", k + 1);
            let h = &mut self.h;
            _ = write!(h, "<li class=\"quiz-pair\" data-pair=\"{k}\">");
            _ = write!(
                h,
                "<label class=\"quiz-left\" for=\"{sel}\">{left}</label> "
            );
            _ = write!(
                h,
                "<select class=\"quiz-select\" id=\"{sel}\" name=\"{sel}\">"
            );
            _ = write!(h, "<option value=\"\">{}</option>", labels.choose);
            for &r in &order {
                _ = write!(h, "<option value=\"{r}\">{}</option>", escape(&pairs[r].1));
            }
            h.push_str("</select></li>\n");
            _ = write!(items, "<li>{left} — {}</li>", escape(right));
        }
        self.h.push_str("</ul>\n");
        _ = writeln!(
            answer,
            "<p class=\"quiz-correct\">{}</p>\n<ul>{items}</ul>",
            labels.right_pairs
        );
    }

    /// Question-level feedback (shown by the script on a wrong answer) and
    /// its copy in the disclosure.
    fn feedback(&mut self, feedback: Option<&String>, at: &[Step<'_>], answer: &mut String) {
        if let Some(f) = feedback {
            let f = self.texts.block(f, &path(at, &[Key("feedback")]));
            _ = writeln!(
                self.h,
                "<div class=\"quiz-feedback quiz-question-feedback\" hidden>{f}</div>"
            );
            _ = writeln!(answer, "<div class=\"quiz-notes\">{f}</div>");
        }
    }

    /// A self-assessment statement: one radio button per point of the scale.
    fn scale(&mut self, qid: &str) {
        let Some(scale) = &self.quiz.scale else {
            return;
        };
        let h = &mut self.h;
        h.push_str("<ul class=\"quiz-scale\">\n");
        for (k, value) in (scale.min..=scale.max).enumerate() {
            let label = (scale.labels.get(k)).map_or_else(|| value.to_string(), |l| escape(l));
            _ = write!(h, "<li class=\"quiz-option\" data-value=\"{value}\">");
            _ = write!(h, "<input type=\"radio\" class=\"quiz-input\" name=\"{qid}\" id=\"{qid}-v{value}\" value=\"{value}\"> ");
            _ = writeln!(h, "<label for=\"{qid}-v{value}\">{label}</label></li>");
        }
        h.push_str("</ul>\n");
    }
}

/// The disclosure's part for choice questions: the right options, then what
/// each option's feedback says. `texts` are the rendered texts and feedback.
fn options_answer(
    options: &[RawOption],
    texts: &[(String, Option<String>)],
    labels: &Labels,
    h: &mut String,
) {
    let correct: Vec<&str> = (options.iter().zip(texts))
        .filter(|(o, _)| o.correct)
        .map(|(_, (text, _))| text.as_str())
        .collect();
    if let [only] = correct[..] {
        _ = writeln!(
            h,
            "<p class=\"quiz-correct\">{} {only}</p>",
            labels.correct_answer
        );
    } else {
        let items: String = correct.iter().map(|c| format!("<li>{c}</li>")).collect();
        _ = writeln!(
            h,
            "<p class=\"quiz-correct\">{}</p>\n<ul>{items}</ul>",
            labels.correct_answers
        );
    }
    let notes: String = texts
        .iter()
        .filter_map(|(text, feedback)| {
            Some(format!(
                "<li><strong>{text}</strong> {}</li>",
                feedback.as_ref()?
            ))
        })
        .collect();
    if !notes.is_empty() {
        _ = writeln!(
            h,
            "<p>{}</p>\n<ul class=\"quiz-notes\">{notes}</ul>",
            labels.about_options
        );
    }
}

pub(super) fn path<'a>(base: &[Step<'a>], more: &[Step<'a>]) -> Vec<Step<'a>> {
    base.iter().chain(more).copied().collect()
}

/// JSON for a `<script>` element: `<` escaped so text cannot close it.
fn script_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
