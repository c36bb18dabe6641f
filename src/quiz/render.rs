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
//! shuffled by a permutation seeded from the quiz hash.

use serde_json::{json, Value};

use super::labels::{script_labels, Labels};
use super::locate::{line_of, Step, Step::Item, Step::Key};
use super::schema::{Kind, RawOption, ReadLink};
use super::validate::{Band, Body, Question, Quiz};
use super::QuizContext;
use crate::content::links::Resolved;
use crate::diagnostic::Diagnostic;
use crate::html::escape as escape_attr;
use crate::markdown::{render_fragment, AnchorLink, Links, MarkdownInput};

/// The rendered quiz and what was found on the way.
#[derive(Debug, Default)]
pub struct Output {
    pub html: String,
    /// The title shown (the quiz's, or a default label).
    pub title: String,
    /// Authoring problems only visible once rendered (block Markdown where a
    /// line of text is expected, headings in texts).
    pub errors: Vec<Diagnostic>,
    /// What the quiz's texts and «read next» links point at.
    pub links: Links,
}

/// Renders Markdown texts of one quiz, collecting links and problems.
struct Texts<'a> {
    cx: &'a QuizContext<'a>,
    yaml: &'a str,
    first_line: usize,
    out: Output,
}

impl Texts<'_> {
    /// File line of the value at `path` (the line after the key for `|` and
    /// `>` block scalars).
    fn line(&self, path: &[Step<'_>]) -> usize {
        let line = line_of(self.yaml, path);
        let block_scalar = self.yaml.lines().nth(line).is_some_and(|l| {
            let value = l.split_once(": ").map_or("", |(_, v)| v).trim();
            value.starts_with('|') || value.starts_with('>')
        });
        self.first_line + line + usize::from(block_scalar)
    }

    fn markdown(&mut self, text: &str, path: &[Step<'_>], inline: bool) -> String {
        // Rendered as if it started on line 1; the real line is looked up
        // only when something needs it. `line_of` reads the whole block, so
        // looking it up for every text made a quiz with thousands of options
        // take minutes (issue 9).
        let input = MarkdownInput {
            source: self.cx.source,
            dir: self.cx.dir,
            text,
            first_line: 1,
            links: self.cx.links,
            language: self.cx.language,
        };
        let mut fragment = render_fragment(&input, inline);
        let html = fragment.html.trim().to_string();
        let heading = has_heading(&html);
        let not_inline = inline && has_block(&html);
        // Links to the quiz's own page's anchors are not checked (they
        // never were; see docs/architecture.md, "left to do").
        fragment.links.own_anchor_links.clear();
        if fragment.links.problems.is_empty()
            && fragment.links.anchor_links.is_empty()
            && !heading
            && !not_inline
        {
            self.out.links.append(&mut fragment.links);
            return html;
        }
        let line = self.line(path);
        for d in &mut fragment.links.problems {
            d.line = d.line.map(|l| l + line - 1);
        }
        for link in &mut fragment.links.anchor_links {
            link.line += line - 1;
        }
        self.out.links.append(&mut fragment.links);
        if heading {
            self.error(
                line,
                "quiz texts cannot have headings",
                "use **bold** text instead: headings would break the page's outline",
            );
        } else if not_inline {
            self.error(
                line,
                "this text must be a single paragraph",
                "put longer text in the `explanation` or `hint`, or the quiz's `intro`",
            );
        }
        html
    }

    /// One line of Markdown (prompts, options, steps).
    fn inline(&mut self, text: &str, path: &[Step<'_>]) -> String {
        self.markdown(text, path, true)
    }

    /// Paragraphs of Markdown (explanations, feedback, band texts).
    fn block(&mut self, text: &str, path: &[Step<'_>]) -> String {
        self.markdown(text, path, false)
    }

    fn error(&mut self, line: usize, message: &str, help: &str) {
        self.out.errors.push(
            Diagnostic::error(self.cx.source, message)
                .at_line(line)
                .help(help),
        );
    }

    /// A «read next» link: `<a>` with the rewritten href, or `None` (and a
    /// link problem) when the target is missing.
    fn read_link(&mut self, link: &ReadLink, path: &[Step<'_>]) -> Option<String> {
        let line = self.line(path);
        let target = link.path();
        let mut page_title = None;
        let href = match self.cx.links.resolve(self.cx.dir, target) {
            Resolved::Page { page, anchor, href } => {
                page_title = self.cx.links.title(page).map(str::to_string);
                self.out.links.linked_pages.push(page);
                if let Some(anchor) = anchor {
                    self.out.links.anchor_links.push(AnchorLink {
                        page,
                        anchor,
                        line,
                        column: 1,
                    });
                }
                href
            }
            Resolved::Asset { href } => href,
            Resolved::SamePage { .. } | Resolved::Unchanged => target.to_string(),
            Resolved::Unsafe => {
                self.out.links.problems.push(
                    Diagnostic::error(
                        self.cx.source,
                        format!("link `{target}` would run script; it was left out"),
                    )
                    .at_line(line)
                    .help("link to a page or an https: address"),
                );
                return None;
            }
            Resolved::Missing { target } => {
                self.out.links.problems.push(
                    Diagnostic::error(self.cx.source, format!("link to a missing page: `{target}`"))
                        .at_line(line)
                        .help("check the path: links are relative to this file's folder, e.g. ../kpi/_index.md"),
                );
                return None;
            }
        };
        let text = link.title().or(page_title.as_deref()).unwrap_or(&href);
        Some(format!(
            "<a href=\"{}\">{}</a>",
            escape_attr(&href),
            escape_attr(text)
        ))
    }

    fn read_list(
        &mut self,
        links: &[ReadLink],
        path: &[Step<'_>],
        class: &str,
        labels: &Labels,
    ) -> String {
        let mut read_path = path.to_vec();
        read_path.push(Key("read"));
        let anchors: Vec<String> = links
            .iter()
            .filter_map(|l| self.read_link(l, &read_path))
            .collect();
        if anchors.is_empty() {
            return String::new();
        }
        format!(
            "<p class=\"{class}\">{} {}</p>\n",
            labels.read_next,
            anchors.join(", ")
        )
    }
}

fn has_heading(html: &str) -> bool {
    (1..=6).any(|n| html.contains(&format!("<h{n}")))
}

fn has_block(html: &str) -> bool {
    [
        "<p>",
        "<ul",
        "<ol",
        "<pre",
        "<blockquote",
        "<table",
        "<div",
        "<hr",
        "<dl",
    ]
    .iter()
    .any(|tag| html.contains(tag))
}

/// A deterministic shuffle of `0..n` from `seed` (xorshift + Fisher–Yates),
/// never the identity when `n >= 2`, so an order question never starts
/// solved.
pub fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    if n >= 2 && order.iter().enumerate().all(|(i, &k)| i == k) {
        order.rotate_left(1);
    }
    order
}

fn seed(hash: &str, question: usize) -> u64 {
    u64::from_str_radix(hash.get(..16).unwrap_or(hash), 16).unwrap_or(0)
        ^ (question as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// JSON for a `<script>` element: `<` escaped so text cannot close it.
fn script_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Renders a checked quiz. `hash` is the content hash, `yaml` and
/// `first_line` locate texts for link positions.
pub fn render(
    quiz: &Quiz,
    hash: &str,
    yaml: &str,
    first_line: usize,
    cx: &QuizContext<'_>,
) -> Output {
    let labels = Labels::for_language(cx.language);
    let mut t = Texts {
        cx,
        yaml,
        first_line,
        out: Output::default(),
    };
    let p = format!("quiz-{}", quiz.id);
    let default_title = match quiz.kind {
        Kind::Knowledge => labels.quiz,
        Kind::SelfAssessment => labels.self_assessment,
    };
    t.out.title = quiz
        .title
        .clone()
        .unwrap_or_else(|| default_title.to_string());
    let mut h = String::new();
    let pass_attr = quiz
        .pass
        .map(|v| format!(" data-pass=\"{v}\""))
        .unwrap_or_default();
    h.push_str(&format!(
        "<form class=\"quiz quiz-{kind}\" id=\"{p}-form\" data-quiz-id=\"{id}\" data-quiz-hash=\"{hash}\" data-kind=\"{kind}\"{pass_attr} data-attempts=\"{attempts}\" data-shuffle=\"{shuffle}\" aria-labelledby=\"{p}-title\" novalidate>\n",
        kind = quiz.kind.as_str(),
        id = quiz.id,
        attempts = quiz.attempts,
        shuffle = quiz.shuffle,
    ));
    let title = match &quiz.title {
        Some(title) => t.inline(title, &[Key("title")]),
        None => default_title.to_string(),
    };
    // h2, not h3: a quiz often follows the page's h1 directly, and h1 → h3
    // skips a level (an error for the Nu checker, a warning for axe).
    h.push_str(&format!(
        "<h2 class=\"quiz-title\" id=\"{p}-title\">{title}</h2>\n"
    ));
    if let Some(intro) = &quiz.intro {
        let intro = t.block(intro, &[Key("intro")]);
        h.push_str(&format!("<div class=\"quiz-intro\">{intro}</div>\n"));
    }
    h.push_str("<ol class=\"quiz-questions\">\n");
    let mut data_questions = Vec::new();
    for (i, q) in quiz.questions.iter().enumerate() {
        let (html, data) = question(q, i, quiz, hash, &p, labels, &mut t);
        h.push_str(&html);
        data_questions.push(data);
    }
    h.push_str("</ol>\n");
    let check = if quiz.kind == Kind::Knowledge {
        labels.check
    } else {
        labels.show_result
    };
    h.push_str(&format!(
        "<div class=\"quiz-actions\" hidden><button type=\"submit\" class=\"quiz-check\">{check}</button> <button type=\"button\" class=\"quiz-retry\" hidden>{}</button> <span class=\"quiz-attempts\"></span></div>\n",
        labels.retry
    ));
    h.push_str(&format!(
        "<div class=\"quiz-status\" id=\"{p}-status\" aria-live=\"polite\"></div>\n"
    ));
    let mut data = json!({
        "id": quiz.id,
        "hash": hash,
        "kind": quiz.kind.as_str(),
        "pass": quiz.pass,
        "attempts": quiz.attempts,
        "shuffle": quiz.shuffle,
        "questions": data_questions,
        "labels": script_labels(cx.language),
    });
    if quiz.kind == Kind::SelfAssessment {
        h.push_str("<div class=\"quiz-result\" hidden></div>\n");
        h.push_str(&self_assessment_key(quiz, labels, &mut t));
        let ranges = |bands: &[Band]| {
            bands
                .iter()
                .map(|b| json!([b.from, b.to]))
                .collect::<Vec<_>>()
        };
        if let Some(scale) = &quiz.scale {
            data["scale"] = json!({ "min": scale.min, "max": scale.max });
        }
        data["traits"] = quiz
            .traits
            .iter()
            .map(|tr| json!({ "id": tr.id, "name": tr.name }))
            .collect();
        data["bands"] = json!(ranges(&quiz.bands));
        data["traitBands"] = quiz
            .trait_bands
            .iter()
            .map(|(k, v)| (k.clone(), json!(ranges(v))))
            .collect::<serde_json::Map<_, _>>()
            .into();
    }
    h.push_str(&format!(
        "<script type=\"application/json\" class=\"quiz-data\">{}</script>\n",
        script_json(&data)
    ));
    h.push_str("</form>\n");
    t.out.html = h;
    t.out
}

/// One question: its `<li>` and its entry in the script's data.
fn question(
    q: &Question,
    i: usize,
    quiz: &Quiz,
    hash: &str,
    p: &str,
    labels: &Labels,
    t: &mut Texts<'_>,
) -> (String, Value) {
    let at = [Key("questions"), Item(i)];
    let qid = format!("{p}-q{}", i + 1);
    let kind = q.body.type_name();
    let mut extra = String::new();
    if let Body::Scale { trait_id, reverse } = &q.body {
        if let Some(tr) = trait_id {
            extra.push_str(&format!(" data-trait=\"{}\"", escape_attr(tr)));
        }
        if *reverse {
            extra.push_str(" data-reverse=\"true\"");
        }
    }
    let mut h = format!("<li class=\"quiz-question\" id=\"{qid}\" data-type=\"{kind}\" data-index=\"{i}\"{extra}>\n<fieldset class=\"quiz-fieldset\">\n");
    let prompt = t.inline(&q.prompt, &path(&at, &[Key("prompt")]));
    h.push_str(&format!(
        "<legend class=\"quiz-prompt\">{prompt}</legend>\n"
    ));
    if let Some(hint) = &q.hint {
        let hint = t.block(hint, &path(&at, &[Key("hint")]));
        h.push_str(&format!(
            "<details class=\"quiz-hint\"><summary>{}</summary>\n{hint}\n</details>\n",
            labels.hint
        ));
    }
    let mut answer = String::new();
    let data = match &q.body {
        Body::Single(options) | Body::Multiple(options) => {
            let multiple = matches!(q.body, Body::Multiple(_));
            let texts: Vec<(String, Option<String>)> = options
                .iter()
                .enumerate()
                .map(|(k, o)| {
                    let text = t.inline(&o.text, &path(&at, &[Key("options"), Item(k)]));
                    let feedback = o.feedback.as_ref().map(|f| {
                        t.block(f, &path(&at, &[Key("options"), Item(k), Key("feedback")]))
                    });
                    (text, feedback)
                })
                .collect();
            h.push_str(&options_html(&texts, multiple, &qid));
            answer.push_str(&options_answer(options, &texts, labels));
            let correct: Vec<usize> = options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct)
                .map(|(k, _)| k)
                .collect();
            json!({ "type": kind, "correct": correct })
        }
        Body::TrueFalse {
            answer: right,
            feedback,
        } => {
            h.push_str("<ul class=\"quiz-options\">\n");
            for (value, label) in [(true, labels.true_), (false, labels.false_)] {
                h.push_str(&format!(
                    "<li class=\"quiz-option\" data-option=\"{value}\"><input type=\"radio\" class=\"quiz-input\" name=\"{qid}\" id=\"{qid}-{value}\" value=\"{value}\"> <label for=\"{qid}-{value}\">{label}</label></li>\n"
                ));
            }
            h.push_str("</ul>\n");
            let right_label = if *right { labels.true_ } else { labels.false_ };
            answer.push_str(&format!(
                "<p class=\"quiz-correct\">{} {right_label}</p>\n",
                labels.correct_answer
            ));
            question_feedback(feedback, &at, &mut h, &mut answer, t);
            json!({ "type": kind, "answer": right })
        }
        Body::Order { steps, feedback } => {
            h.push_str("<ol class=\"quiz-steps\">\n");
            let texts: Vec<String> = steps
                .iter()
                .enumerate()
                .map(|(k, s)| t.inline(s, &path(&at, &[Key("steps"), Item(k)])))
                .collect();
            for k in permutation(steps.len(), seed(hash, i)) {
                let sid = format!("{qid}-s{}", k + 1);
                h.push_str(&format!(
                    "<li class=\"quiz-step\" data-step=\"{k}\"><span class=\"quiz-step-text\" id=\"{sid}\">{}</span> <span class=\"quiz-step-controls\" hidden><button type=\"button\" class=\"quiz-move\" data-move=\"-1\" aria-describedby=\"{sid}\">{}</button> <button type=\"button\" class=\"quiz-move\" data-move=\"1\" aria-describedby=\"{sid}\">{}</button></span></li>\n",
                    texts[k], labels.up, labels.down
                ));
            }
            h.push_str("</ol>\n");
            let items: String = texts.iter().map(|s| format!("<li>{s}</li>")).collect();
            answer.push_str(&format!(
                "<p class=\"quiz-correct\">{}</p>\n<ol>{items}</ol>\n",
                labels.right_order
            ));
            question_feedback(feedback, &at, &mut h, &mut answer, t);
            json!({ "type": kind, "steps": steps.len() })
        }
        Body::Match { pairs, feedback } => {
            h.push_str("<ul class=\"quiz-pairs\">\n");
            let order = permutation(pairs.len(), seed(hash, i));
            let mut items = String::new();
            for (k, (left, right)) in pairs.iter().enumerate() {
                let left = t.inline(left, &path(&at, &[Key("pairs"), Item(k)]));
                let sel = format!("{qid}-p{}", k + 1);
                let choices: String = order
                    .iter()
                    .map(|&r| {
                        format!(
                            "<option value=\"{r}\">{}</option>",
                            escape_attr(&pairs[r].1)
                        )
                    })
                    .collect();
                h.push_str(&format!(
                    "<li class=\"quiz-pair\" data-pair=\"{k}\"><label class=\"quiz-left\" for=\"{sel}\">{left}</label> <select class=\"quiz-select\" id=\"{sel}\" name=\"{sel}\"><option value=\"\">{}</option>{choices}</select></li>\n",
                    labels.choose
                ));
                items.push_str(&format!("<li>{left} — {}</li>", escape_attr(right)));
            }
            h.push_str("</ul>\n");
            answer.push_str(&format!(
                "<p class=\"quiz-correct\">{}</p>\n<ul>{items}</ul>\n",
                labels.right_pairs
            ));
            question_feedback(feedback, &at, &mut h, &mut answer, t);
            json!({ "type": kind, "pairs": pairs.len() })
        }
        Body::Scale { trait_id, reverse } => {
            h.push_str(&scale_html(quiz, &qid));
            json!({ "type": kind, "trait": trait_id, "reverse": reverse })
        }
    };
    h.push_str("</fieldset>\n");
    if let Some(explanation) = &q.explanation {
        let explanation = t.block(explanation, &path(&at, &[Key("explanation")]));
        answer.push_str(&format!(
            "<div class=\"quiz-explanation\">{explanation}</div>\n"
        ));
    }
    if !answer.is_empty() {
        h.push_str(&format!(
            "<details class=\"quiz-answer\"><summary>{}</summary>\n{answer}</details>\n",
            labels.show_answer
        ));
    }
    h.push_str("</li>\n");
    (h, data)
}

fn path<'a>(base: &[Step<'a>], more: &[Step<'a>]) -> Vec<Step<'a>> {
    base.iter().chain(more).copied().collect()
}

fn options_html(texts: &[(String, Option<String>)], multiple: bool, qid: &str) -> String {
    let input = if multiple { "checkbox" } else { "radio" };
    let mut h = String::from("<ul class=\"quiz-options\">\n");
    for (k, (text, feedback)) in texts.iter().enumerate() {
        let oid = format!("{qid}-o{}", k + 1);
        let feedback = match feedback {
            Some(f) => format!("<div class=\"quiz-feedback\" hidden>{f}</div>"),
            None => String::new(),
        };
        h.push_str(&format!(
            "<li class=\"quiz-option\" data-option=\"{k}\"><input type=\"{input}\" class=\"quiz-input\" name=\"{qid}\" id=\"{oid}\" value=\"{k}\"> <label for=\"{oid}\">{text}</label>{feedback}</li>\n"
        ));
    }
    h.push_str("</ul>\n");
    h
}

/// The disclosure's part for choice questions: the right options, then what
/// each option's feedback says. `texts` are the rendered texts and feedback.
fn options_answer(
    options: &[RawOption],
    texts: &[(String, Option<String>)],
    labels: &Labels,
) -> String {
    let correct: Vec<&str> = options
        .iter()
        .zip(texts)
        .filter(|(o, _)| o.correct)
        .map(|(_, (text, _))| text.as_str())
        .collect();
    let mut h = if correct.len() == 1 {
        format!(
            "<p class=\"quiz-correct\">{} {}</p>\n",
            labels.correct_answer, correct[0]
        )
    } else {
        let items: String = correct.iter().map(|c| format!("<li>{c}</li>")).collect();
        format!(
            "<p class=\"quiz-correct\">{}</p>\n<ul>{items}</ul>\n",
            labels.correct_answers
        )
    };
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
        h.push_str(&format!(
            "<p>{}</p>\n<ul class=\"quiz-notes\">{notes}</ul>\n",
            labels.about_options
        ));
    }
    h
}

/// Question-level feedback (shown by the script on a wrong answer) and its
/// copy in the disclosure.
fn question_feedback(
    feedback: &Option<String>,
    at: &[Step<'_>],
    h: &mut String,
    answer: &mut String,
    t: &mut Texts<'_>,
) {
    if let Some(f) = feedback {
        let f = t.block(f, &path(at, &[Key("feedback")]));
        h.push_str(&format!(
            "<div class=\"quiz-feedback quiz-question-feedback\" hidden>{f}</div>\n"
        ));
        answer.push_str(&format!("<div class=\"quiz-notes\">{f}</div>\n"));
    }
}

fn scale_html(quiz: &Quiz, qid: &str) -> String {
    let Some(scale) = &quiz.scale else {
        return String::new();
    };
    let mut h = String::from("<ul class=\"quiz-scale\">\n");
    for (k, value) in (scale.min..=scale.max).enumerate() {
        let label = scale
            .labels
            .get(k)
            .map_or_else(|| value.to_string(), |l| escape_attr(l));
        h.push_str(&format!(
            "<li class=\"quiz-option\" data-value=\"{value}\"><input type=\"radio\" class=\"quiz-input\" name=\"{qid}\" id=\"{qid}-v{value}\" value=\"{value}\"> <label for=\"{qid}-v{value}\">{label}</label></li>\n"
        ));
    }
    h.push_str("</ul>\n");
    h
}

/// The self-assessment's disclosure: how scoring works, the overall bands
/// and the per-trait bands. The script clones the matching band into the
/// result, so band markup carries no ids.
fn self_assessment_key(quiz: &Quiz, labels: &Labels, t: &mut Texts<'_>) -> String {
    let mut h = format!(
        "<details class=\"quiz-answers\"><summary>{}</summary>\n<p>{}</p>\n",
        labels.how_scored, labels.scoring
    );
    let reversed: Vec<String> = quiz
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| matches!(q.body, Body::Scale { reverse: true, .. }))
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if !reversed.is_empty() {
        h.push_str(&format!(
            "<p class=\"quiz-reversed\">{} {}.</p>\n",
            labels.reversed,
            reversed.join(", ")
        ));
    }
    h.push_str("<div class=\"quiz-bands\">\n");
    for (k, band) in quiz.bands.iter().enumerate() {
        h.push_str(&band_html(
            band,
            k,
            None,
            &[Key("bands"), Item(k)],
            labels,
            t,
        ));
    }
    h.push_str("</div>\n");
    let with_bands: Vec<_> = quiz
        .traits
        .iter()
        .filter(|tr| quiz.trait_bands.contains_key(&tr.id) || !tr.read.is_empty())
        .collect();
    if !with_bands.is_empty() {
        h.push_str(&format!("<p>{}</p>\n", labels.by_trait));
    }
    for (k, tr) in quiz.traits.iter().enumerate() {
        if !with_bands.iter().any(|w| w.id == tr.id) {
            continue;
        }
        let id = escape_attr(&tr.id);
        h.push_str(&format!(
            "<div class=\"quiz-trait\" data-trait=\"{id}\">\n<p class=\"quiz-trait-name\">{}</p>\n",
            escape_attr(&tr.name)
        ));
        for (b, band) in quiz
            .trait_bands
            .get(&tr.id)
            .into_iter()
            .flatten()
            .enumerate()
        {
            h.push_str(&band_html(
                band,
                b,
                Some(&tr.id),
                &[Key("trait_bands"), Key(&tr.id), Item(b)],
                labels,
                t,
            ));
        }
        let class = format!("quiz-read quiz-trait-read\" data-trait=\"{id}");
        h.push_str(&t.read_list(&tr.read, &[Key("traits"), Item(k)], &class, labels));
        h.push_str("</div>\n");
    }
    h.push_str("</details>\n");
    h
}

fn band_html(
    band: &Band,
    k: usize,
    trait_id: Option<&str>,
    at: &[Step<'_>],
    labels: &Labels,
    t: &mut Texts<'_>,
) -> String {
    let trait_attr = trait_id
        .map(|id| format!(" data-trait=\"{}\"", escape_attr(id)))
        .unwrap_or_default();
    let mut h = format!(
        "<div class=\"quiz-band\" data-band=\"{k}\"{trait_attr} data-from=\"{}\" data-to=\"{}\">\n",
        band.from, band.to
    );
    let title = match &band.title {
        Some(title) => format!(
            " <span class=\"quiz-band-name\">{}</span>",
            t.inline(title, &path(at, &[Key("title")]))
        ),
        None => String::new(),
    };
    h.push_str(&format!(
        "<p class=\"quiz-band-title\"><span class=\"quiz-band-range\">{}–{} %</span>{title}</p>\n",
        band.from, band.to
    ));
    if let Some(text) = &band.text {
        h.push_str(&format!(
            "<div class=\"quiz-band-text\">{}</div>\n",
            t.block(text, &path(at, &[Key("text")]))
        ));
    }
    h.push_str(&t.read_list(&band.read, at, "quiz-read", labels));
    h.push_str("</div>\n");
    h
}
