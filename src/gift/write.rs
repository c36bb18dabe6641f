//! Kurator's quizzes → GIFT and Moodle XML, for a Moodle question bank.
//! What the formats cannot hold is left out and said in [`Export::notes`]:
//! hints (GIFT has none), order questions (GIFT has no ordering type),
//! feedback on order and matching questions.

use std::io;

use quick_xml::events::{BytesCData, BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::quiz::schema::{Kind, RawQuestion, RawQuiz};

/// An exported text and what it had to leave out.
#[derive(Debug, Default)]
pub struct Export {
    pub text: String,
    pub notes: Vec<String>,
}

/// GIFT text with its special characters escaped (`\~ \= \# \{ \} \:` and
/// `\\`), new lines as `\n` so a text stays on one line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Weights of the right options of a multiple-choice question: 100 % split
/// evenly, in a form Moodle's list of grades has (33.33333, 12.5 …).
fn share(right: usize) -> String {
    let value = 100.0 / right.max(1) as f64;
    let text = format!("{value:.5}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn question_name(quiz: &RawQuiz, n: usize) -> String {
    format!("{}-q{}", quiz.id, n + 1)
}

/// Every knowledge quiz as GIFT, one `$CATEGORY` per quiz.
pub fn gift(quizzes: &[RawQuiz]) -> Export {
    let mut out = Export::default();
    for quiz in quizzes.iter().filter(|q| q.kind == Kind::Knowledge) {
        if let Some(title) = &quiz.title {
            out.text
                .push_str(&format!("// {}\n", title.replace('\n', " ")));
        }
        out.text
            .push_str(&format!("$CATEGORY: $course$/top/{}\n\n", quiz.id));
        for (n, q) in quiz.questions.iter().enumerate() {
            let name = question_name(quiz, n);
            let kind = q.kind.as_deref().unwrap_or("");
            if kind == "order" {
                out.notes.push(format!(
                    "{name}: order questions have no GIFT form; left out (moodle-xml keeps them)"
                ));
                continue;
            }
            if q.hint.is_some() {
                out.notes
                    .push(format!("{name}: GIFT has no hints; the hint is left out"));
            }
            let prompt = escape(q.prompt.as_deref().unwrap_or(""));
            out.text
                .push_str(&format!("::{}:: [markdown]{prompt} {{\n", escape(&name)));
            match kind {
                "true-false" => {
                    let value = if q.answer == Some(true) {
                        "TRUE"
                    } else {
                        "FALSE"
                    };
                    out.text.push_str(value);
                    if let Some(f) = &q.feedback {
                        out.text.push_str(&format!("#{}", escape(f)));
                    }
                    out.text.push('\n');
                }
                "match" => {
                    if q.feedback.is_some() {
                        out.notes.push(format!(
                            "{name}: GIFT matching questions have no feedback; left out"
                        ));
                    }
                    for p in q.pairs.iter().flatten() {
                        out.text.push_str(&format!(
                            "={} -> {}\n",
                            escape(&p.left),
                            escape(&p.right)
                        ));
                    }
                }
                _ => {
                    let options = q.options.as_deref().unwrap_or(&[]);
                    let right = options.iter().filter(|o| o.correct).count();
                    for o in options {
                        let mark = match (kind, o.correct) {
                            ("multiple", true) => format!("~%{}%", share(right)),
                            ("multiple", false) => "~%-100%".to_string(),
                            (_, true) => "=".to_string(),
                            (_, false) => "~".to_string(),
                        };
                        out.text.push_str(&format!("{mark}{}", escape(&o.text)));
                        if let Some(f) = &o.feedback {
                            out.text.push_str(&format!("#{}", escape(f)));
                        }
                        out.text.push('\n');
                    }
                }
            }
            if let Some(e) = &q.explanation {
                out.text.push_str(&format!("####{}\n", escape(e)));
            }
            out.text.push_str("}\n\n");
        }
    }
    out
}

/// Every knowledge quiz as Moodle XML (`<quiz>`), a category per quiz;
/// texts in Markdown format, order questions as Moodle's `ordering` type.
pub fn moodle_xml(quizzes: &[RawQuiz]) -> io::Result<Export> {
    let mut notes = Vec::new();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("quiz").write_inner_content(|w| {
        for quiz in quizzes.iter().filter(|q| q.kind == Kind::Knowledge) {
            w.create_element("question")
                .with_attribute(("type", "category"))
                .write_inner_content(|w| {
                    w.create_element("category").write_inner_content(|w| {
                        text(w, "text", &format!("$course$/top/{}", quiz.id))
                    })?;
                    Ok(())
                })?;
            for (n, q) in quiz.questions.iter().enumerate() {
                question(w, &question_name(quiz, n), q, &mut notes)?;
            }
        }
        Ok(())
    })?;
    let mut xml = String::from_utf8(w.into_inner()).map_err(io::Error::other)?;
    xml.push('\n');
    Ok(Export { text: xml, notes })
}

fn text<W: io::Write>(w: &mut Writer<W>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

/// `<name format="markdown"><text><![CDATA[…]]></text></name>`: Moodle's
/// rich-text fields.
fn rich<W: io::Write>(w: &mut Writer<W>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .with_attribute(("format", "markdown"))
        .write_inner_content(|w| {
            w.create_element("text")
                .write_cdata_content(BytesCData::new(value))?;
            Ok(())
        })?;
    Ok(())
}

fn question<W: io::Write>(
    w: &mut Writer<W>,
    name: &str,
    q: &RawQuestion,
    notes: &mut Vec<String>,
) -> io::Result<()> {
    let kind = q.kind.as_deref().unwrap_or("");
    let moodle_type = match kind {
        "true-false" => "truefalse",
        "match" => "matching",
        "order" => "ordering",
        _ => "multichoice",
    };
    if matches!(kind, "match" | "order") && q.feedback.is_some() {
        notes.push(format!(
            "{name}: Moodle keeps no feedback for this question type; left out"
        ));
    }
    w.create_element("question")
        .with_attribute(("type", moodle_type))
        .write_inner_content(|w| {
            w.create_element("name")
                .write_inner_content(|w| text(w, "text", name))?;
            rich(w, "questiontext", q.prompt.as_deref().unwrap_or(""))?;
            rich(w, "generalfeedback", q.explanation.as_deref().unwrap_or(""))?;
            text(w, "defaultgrade", "1")?;
            text(w, "penalty", "0")?;
            text(w, "hidden", "0")?;
            match kind {
                "true-false" => {
                    for value in [true, false] {
                        let right = q.answer == Some(value);
                        w.create_element("answer")
                            .with_attribute(("fraction", if right { "100" } else { "0" }))
                            .with_attribute(("format", "moodle_auto_format"))
                            .write_inner_content(|w| {
                                text(w, "text", if value { "true" } else { "false" })?;
                                let feedback = if right {
                                    ""
                                } else {
                                    q.feedback.as_deref().unwrap_or("")
                                };
                                rich(w, "feedback", feedback)
                            })?;
                    }
                }
                "match" => {
                    text(w, "shuffleanswers", "true")?;
                    for p in q.pairs.iter().flatten() {
                        w.create_element("subquestion")
                            .with_attribute(("format", "markdown"))
                            .write_inner_content(|w| {
                                w.create_element("text")
                                    .write_cdata_content(BytesCData::new(&p.left))?;
                                w.create_element("answer")
                                    .write_inner_content(|w| text(w, "text", &p.right))?;
                                Ok(())
                            })?;
                    }
                }
                "order" => {
                    text(w, "layouttype", "VERTICAL")?;
                    text(w, "selecttype", "ALL")?;
                    text(w, "gradingtype", "ALL_OR_NOTHING")?;
                    for step in q.steps.iter().flatten() {
                        w.create_element("answer")
                            .with_attribute(("fraction", "1"))
                            .with_attribute(("format", "markdown"))
                            .write_inner_content(|w| {
                                w.create_element("text")
                                    .write_cdata_content(BytesCData::new(step))?;
                                Ok(())
                            })?;
                    }
                }
                _ => {
                    let options = q.options.as_deref().unwrap_or(&[]);
                    let right = options.iter().filter(|o| o.correct).count();
                    let single = kind != "multiple";
                    text(w, "single", if single { "true" } else { "false" })?;
                    text(w, "shuffleanswers", "true")?;
                    text(w, "answernumbering", "abc")?;
                    for o in options {
                        let fraction = match (single, o.correct) {
                            (_, false) if single => "0".to_string(),
                            (true, true) => "100".to_string(),
                            (false, true) => share(right),
                            (false, false) => "-100".to_string(),
                            _ => "0".to_string(),
                        };
                        w.create_element("answer")
                            .with_attribute(("fraction", fraction.as_str()))
                            .with_attribute(("format", "markdown"))
                            .write_inner_content(|w| {
                                w.create_element("text")
                                    .write_cdata_content(BytesCData::new(&o.text))?;
                                rich(w, "feedback", o.feedback.as_deref().unwrap_or(""))
                            })?;
                    }
                }
            }
            if let Some(hint) = &q.hint {
                rich(w, "hint", hint)?;
            }
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gift::convert::{to_quiz, GiftSource};

    const BANK: &str = "$CATEGORY: $course$/top/kpi-check\n\n\
        ::kpi-check-q1:: [markdown]Who \\{really\\} pays\\: the client? {\n=The client \\~ always#Yes \\# 1\n~The agency#No\n####See \\= KPI\n}\n\n\
        ::kpi-check-q2:: [markdown]Pick two {\n~%50%A\n~%50%B\n~%-100%C#Not C\n}\n\n\
        ::kpi-check-q3:: [markdown]Sky is green {\nFALSE#It is blue\n}\n\n\
        ::kpi-check-q4:: [markdown]Match {\n=a -> 1\n=b -> 2\n=c -> 3\n}\n\n";

    fn parse(text: &str) -> RawQuiz {
        to_quiz(GiftSource {
            path: "bank.gift",
            text,
            first_line: 1,
        })
        .unwrap()
    }

    #[test]
    fn gift_round_trips_questions_answers_and_feedback() {
        let quiz = parse(BANK);
        let written = gift(std::slice::from_ref(&quiz));
        assert!(written.notes.is_empty(), "{:?}", written.notes);
        assert_eq!(written.text, BANK, "GIFT → Kurator → GIFT is the same text");
        let again = parse(&written.text);
        assert_eq!(
            serde_json::to_value(&again).unwrap(),
            serde_json::to_value(&quiz).unwrap()
        );
        let q1 = &quiz.questions[0];
        assert_eq!(q1.prompt.as_deref(), Some("Who {really} pays: the client?"));
        let o = &q1.options.as_ref().unwrap()[0];
        assert_eq!(
            (o.text.as_str(), o.feedback.as_deref()),
            ("The client ~ always", Some("Yes # 1"))
        );
        assert_eq!(q1.explanation.as_deref(), Some("See = KPI"));
    }

    #[test]
    fn escaping_covers_every_special_character() {
        assert_eq!(
            escape("a~b=c#d{e}f:g\\h\ni"),
            "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"
        );
        assert_eq!(share(3), "33.33333");
        assert_eq!(share(2), "50");
        assert_eq!(share(8), "12.5");
    }

    #[test]
    fn moodle_xml_has_a_category_and_every_question_type() {
        let quiz = parse(BANK);
        let xml = moodle_xml(&[quiz]).unwrap().text;
        for needle in [
            "<text>$course$/top/kpi-check</text>",
            "<question type=\"multichoice\">",
            "<single>false</single>",
            "<answer fraction=\"50\" format=\"markdown\">",
            "<question type=\"truefalse\">",
            "<question type=\"matching\">",
            "<text><![CDATA[Who {really} pays: the client?]]></text>",
        ] {
            assert!(xml.contains(needle), "{needle} missing in\n{xml}");
        }
    }
}
