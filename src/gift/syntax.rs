//! The GIFT grammar (Moodle's text format for question banks) as winnow
//! parsers: what is written, with byte offsets, and no judgement about what
//! Kurator can show ([`super::convert`] does that).
//!
//! ```text
//! file     = { space | comment | category | question }
//! category = "$CATEGORY:" rest-of-line
//! question = [ "::" title "::" ] [ "[" format "]" ] text "{" body "}" [ text ]
//! body     = ( "" | "#" numeric | ("T"|"F"|"TRUE"|"FALSE") {feedback}
//!            | { ("="|"~") ["%" weight "%"] text [feedback] } ) [ "####" text ]
//! feedback = "#" text            (not "####")
//! ```
//! Text is any character but the special ones of its place; `\~ \= \# \{
//! \} \:` and `\\` stand for the character itself, `\n` for a new line.

use winnow::ascii::{multispace0, multispace1, space0, till_line_ending};
use winnow::combinator::{alt, delimited, not, opt, preceded, repeat, terminated};
use winnow::error::{ContextError, StrContext, StrContextValue};
use winnow::stream::Location;
use winnow::token::{any, literal, none_of, take_while};
use winnow::{LocatingSlice, Parser, Result};

type In<'i> = LocatingSlice<&'i str>;

/// A GIFT text: its items in order.
#[derive(Debug, Clone, PartialEq)]
pub struct GiftFile {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `$CATEGORY: path`, at the offset of `$`.
    Category {
        path: String,
        at: usize,
    },
    Question(Question),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Offset of the question's first character.
    pub at: usize,
    pub title: Option<String>,
    /// `[markdown]`, `[html]` …: the format's name and offset.
    pub format: Option<(String, usize)>,
    pub text: String,
    pub body: Body,
    /// Offset of the `{`.
    pub body_at: usize,
    /// General feedback (`####`).
    pub general: Option<String>,
    /// Text after the `}` on the question (the «missing word» form), with its offset.
    pub trailing: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// `{}`: an essay.
    Empty,
    /// `{#…}`: a numerical question.
    Numeric,
    TrueFalse {
        value: bool,
        /// Up to two `#feedback`s (wrong answer, right answer).
        feedback: Vec<Spanned>,
    },
    Answers(Vec<Answer>),
}

/// A text and the offset where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned {
    pub text: String,
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Offset of the `=` or `~`.
    pub at: usize,
    /// `=` (right) or `~` (wrong, or weighted).
    pub right: bool,
    /// `%50%`: the weight as written and its offset.
    pub weight: Option<Spanned>,
    pub text: String,
    pub feedback: Option<Spanned>,
}

/// A syntax error: where, and what was expected there.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub at: usize,
    pub message: String,
}

/// Parses a whole GIFT text.
pub fn parse(text: &str) -> std::result::Result<GiftFile, SyntaxError> {
    file.parse(LocatingSlice::new(text)).map_err(|e| {
        let expected: Vec<String> = e
            .inner()
            .context()
            .filter_map(|c| match c {
                StrContext::Expected(v) => Some(v.to_string()),
                StrContext::Label(l) => Some((*l).to_string()),
                _ => None,
            })
            .collect();
        let message = if expected.is_empty() {
            "this is not GIFT".to_string()
        } else {
            format!("expected {}", expected.join(" or "))
        };
        SyntaxError {
            at: e.offset(),
            message,
        }
    })
}

fn file(i: &mut In) -> Result<GiftFile> {
    let mut items = Vec::new();
    loop {
        let _: () = repeat(0.., alt((multispace1.void(), comment))).parse_next(i)?;
        if opt(winnow::combinator::eof).parse_next(i)?.is_some() {
            break;
        }
        // Not alternatives: once a question has begun, its error is the
        // error, at the place it happened.
        if let Some(c) = opt(category).parse_next(i)? {
            items.push(c);
            continue;
        }
        items.push(question.parse_next(i)?);
    }
    Ok(GiftFile { items })
}

fn comment(i: &mut In) -> Result<()> {
    ("//", till_line_ending).void().parse_next(i)
}

fn category(i: &mut In) -> Result<Item> {
    let at = i.current_token_start();
    let path = preceded(("$CATEGORY:", space0), till_line_ending).parse_next(i)?;
    Ok(Item::Category {
        path: path.trim().to_string(),
        at,
    })
}

/// One piece of text: an escaped character or any character not in `stops`.
fn piece<'a>(stops: &'static [char]) -> impl Parser<In<'a>, String, ContextError> {
    alt((
        preceded('\\', any).map(|c: char| match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => c.to_string(),
            'n' => "\n".to_string(),
            other => format!("\\{other}"),
        }),
        none_of(stops).map(|c: char| c.to_string()),
    ))
}

/// Text up to one of `stops` (not consumed), unescaped.
fn text<'a>(stops: &'static [char]) -> impl Parser<In<'a>, String, ContextError> {
    repeat(0.., piece(stops)).fold(String::new, |mut acc, s: String| {
        acc.push_str(&s);
        acc
    })
}

/// Like [`text`], with the offset of its first non-space character.
fn spanned<'a>(stops: &'static [char]) -> impl Parser<In<'a>, Spanned, ContextError> {
    (multispace0, text(stops).with_span()).map(
        |(_, (t, span)): (_, (String, std::ops::Range<usize>))| Spanned {
            text: t.trim().to_string(),
            at: span.start,
        },
    )
}

fn question(i: &mut In) -> Result<Item> {
    let at = i.current_token_start();
    let title = opt(delimited("::", text(&[':']), "::")).parse_next(i)?;
    let _ = multispace0.parse_next(i)?;
    let format = opt(alt((
        literal("[markdown]"),
        literal("[html]"),
        literal("[plain]"),
        literal("[moodle]"),
    ))
    .with_span()
    .map(|(f, span): (&str, std::ops::Range<usize>)| {
        (f.trim_matches(['[', ']']).to_string(), span.start)
    }))
    .parse_next(i)?;
    let prompt = text(&['{', '}']).parse_next(i)?;
    let body_at = i.current_token_start();
    '{'.context(StrContext::Expected(StrContextValue::CharLiteral('{')))
        .parse_next(i)?;
    let _ = multispace0.parse_next(i)?;
    let body = alt((
        '}'.value(Body::Empty).map(|b| (b, true)),
        preceded(('#', not("###")), text(&['}'])).value((Body::Numeric, false)),
        true_false.map(|b| (b, false)),
        repeat(1.., answer).map(|a| (Body::Answers(a), false)),
    ))
    .context(StrContext::Label(
        "answers: =right ~wrong, T or F, or -> pairs",
    ))
    .parse_next(i)?;
    let (body, closed) = body;
    let mut general = None;
    if !closed {
        general = opt(preceded("####", text(&['}']))).parse_next(i)?;
        let _ = multispace0.parse_next(i)?;
        '}'.context(StrContext::Expected(StrContextValue::CharLiteral('}')))
            .parse_next(i)?;
    }
    let _ = space0.parse_next(i)?;
    let trailing_at = i.current_token_start();
    let trailing = till_line_ending.parse_next(i)?;
    Ok(Item::Question(Question {
        at,
        title: title.map(|t| t.trim().to_string()),
        format,
        text: prompt.trim().to_string(),
        body,
        body_at,
        general: general.map(|g| g.trim().to_string()),
        trailing: (!trailing.trim().is_empty()).then_some(trailing_at),
    }))
}

fn feedback(i: &mut In) -> Result<Spanned> {
    preceded(terminated('#', not("###")), spanned(&['#', '}', '~', '='])).parse_next(i)
}

fn true_false(i: &mut In) -> Result<Body> {
    let value = alt((
        literal("TRUE").value(true),
        literal("FALSE").value(false),
        literal("T").value(true),
        literal("F").value(false),
    ))
    .parse_next(i)?;
    let _ = multispace0.parse_next(i)?;
    let feedback: Vec<Spanned> = repeat(0..=2, terminated(feedback, multispace0)).parse_next(i)?;
    Ok(Body::TrueFalse { value, feedback })
}

fn answer(i: &mut In) -> Result<Answer> {
    let _ = multispace0.parse_next(i)?;
    let at = i.current_token_start();
    let right = alt(('='.value(true), '~'.value(false))).parse_next(i)?;
    let weight = opt(
        delimited('%', take_while(1.., ('0'..='9', '.', '-')).with_span(), '%').map(
            |(w, span): (&str, std::ops::Range<usize>)| Spanned {
                text: w.to_string(),
                at: span.start,
            },
        ),
    )
    .parse_next(i)?;
    let text = text(&['~', '=', '#', '}']).parse_next(i)?;
    let feedback = opt(feedback).parse_next(i)?;
    let _ = multispace0.parse_next(i)?;
    Ok(Answer {
        at,
        right,
        weight,
        text: text.trim().to_string(),
        feedback,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Question {
        let file = parse(text).unwrap();
        match file.items.into_iter().next().unwrap() {
            Item::Question(q) => q,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn single_choice_with_feedback_and_general_feedback() {
        let q = one("::T1:: Who? {\n=A#yes\n~B#no\n####see the book\n}\n");
        assert_eq!(q.title.as_deref(), Some("T1"));
        assert_eq!(q.text, "Who?");
        assert_eq!(q.general.as_deref(), Some("see the book"));
        let Body::Answers(a) = q.body else { panic!() };
        assert_eq!(a.len(), 2);
        assert!(a[0].right && !a[1].right);
        assert_eq!(a[0].feedback.as_ref().unwrap().text, "yes");
        assert_eq!(a[1].text, "B");
    }

    #[test]
    fn escapes_stand_for_their_character() {
        let q = one("a \\{b\\} c\\: d {=x \\~ y \\= z \\# w\\\\ ~v}");
        assert_eq!(q.text, "a {b} c: d");
        let Body::Answers(a) = q.body else { panic!() };
        assert_eq!(a[0].text, "x ~ y = z # w\\");
        assert_eq!(a[1].text, "v");
    }

    #[test]
    fn true_false_weights_and_categories() {
        let file = parse("// c\n$CATEGORY: $course$/top/q\n\nSky blue? {T#wrong#right####g}\n\nPick {~%50%a ~%50%b ~%-100%c}").unwrap();
        assert_eq!(file.items.len(), 3);
        assert!(matches!(&file.items[0], Item::Category { path, .. } if path == "$course$/top/q"));
        let Item::Question(tf) = &file.items[1] else {
            panic!()
        };
        assert!(
            matches!(&tf.body, Body::TrueFalse { value: true, feedback } if feedback.len() == 2)
        );
        assert_eq!(tf.general.as_deref(), Some("g"));
        let Item::Question(m) = &file.items[2] else {
            panic!()
        };
        let Body::Answers(a) = &m.body else { panic!() };
        assert_eq!(a[2].weight.as_ref().unwrap().text, "-100");
    }

    #[test]
    fn a_missing_brace_is_an_error_at_its_offset() {
        let err = parse("Q {=a ~b").unwrap_err();
        assert_eq!(err.at, 8);
        assert!(err.message.contains('}'), "{}", err.message);
    }
}
