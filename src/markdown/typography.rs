//! Russian typography for `language: ru` (issue 18): the renderer, not the
//! author, puts non-breaking spaces where Russian typesetting wants them, so
//! a line never ends with «в», starts with «—», or splits «50 000 ₽».
//!
//! The pass only ever turns a U+0020 space into U+00A0; it adds, drops or
//! moves no other character (a property test checks it). So it cannot break
//! a URL, a number or an entity, and a thin space (U+202F, U+2009) the author
//! wrote between digit groups stays as written.
//!
//! Rules, for a space between `left` and `right`:
//! - before a dash: `слово — слово` (also a spaced `–` used as a dash);
//! - before a currency or percent sign after a number or a word:
//!   `50 000 ₽`, `5 %`, `тыс. ₽`;
//! - between a number and the word after it: `3 месяца`, `45 тыс.`;
//! - between digit groups written with a plain space: `50 000`;
//! - after `№` and `§`;
//! - after a one- or two-letter preposition, conjunction or particle that
//!   belongs with the next word ([`SHORT_WORDS`]);
//! - before the enclitic particles `же`, `ли`, `бы`, which belong with the
//!   word before them.
//!
//! [`apply_events`] runs the pass over a page's events and skips what is not
//! prose: code spans and blocks, image alt text (an attribute), autolinks,
//! raw HTML and text inside raw `<code>`, `<kbd>`, `<pre>`… tags.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// One- and two-letter words that go with the word after them: prepositions
/// (в, во, к, ко, с, со, о, об, у, на, по, за, из, от, до), conjunctions
/// (и, а, но, да) and the negations не, ни. Pronouns such as «я», «он», «мы»
/// are left out: they stand on their own; «же», «ли», «бы» lean the other
/// way ([`ENCLITICS`]).
pub const SHORT_WORDS: &[&str] = &[
    "в", "во", "к", "ко", "с", "со", "о", "об", "у", "на", "по", "за", "из", "от", "до", "и", "а",
    "но", "да", "не", "ни",
];

/// Particles that go with the word before them.
pub const ENCLITICS: &[&str] = &["же", "ли", "бы"];

const NBSP: char = '\u{a0}';

fn is_currency(c: char) -> bool {
    matches!(c, '₽' | '$' | '€' | '£' | '¥' | '%' | '‰')
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–')
}

/// Characters after which a word starts (besides whitespace and the start).
fn opens(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '«' | '(' | '[' | '"' | '„' | '“' | '\'' | '—' | '–' | '/'
        )
}

/// The typography pass over a run of text that may arrive in pieces (text
/// events split by emphasis or links): it remembers the last character of
/// the previous piece, so `**слово** в доме` and `в [доме](x)` are handled.
#[derive(Debug, Default, Clone)]
pub struct Typographer {
    prev: Option<char>,
}

impl Typographer {
    pub fn new() -> Self {
        Self::default()
    }

    /// A block ended: what comes next does not continue the same line.
    pub fn reset(&mut self) {
        self.prev = None;
    }

    /// Text that is not prose (inline code) but sits in the line: the next
    /// piece sees its last character.
    pub fn skip(&mut self, text: &str) {
        if let Some(c) = text.chars().last() {
            self.prev = Some(c);
        }
    }

    /// The piece with non-breaking spaces put in.
    pub fn apply<'t>(&mut self, text: &'t str) -> Cow<'t, str> {
        if !text.contains(' ') {
            self.skip(text);
            return Cow::Borrowed(text);
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out: Option<Vec<char>> = None;
        for i in 0..chars.len() {
            if chars[i] == ' ' && self.binds(&chars, i) {
                out.get_or_insert_with(|| chars.clone())[i] = NBSP;
            }
        }
        match out {
            Some(changed) => {
                self.prev = changed.last().copied().or(self.prev);
                Cow::Owned(changed.into_iter().collect())
            }
            None => {
                self.skip(text);
                Cow::Borrowed(text)
            }
        }
    }

    /// Whether the space at `chars[i]` should not break.
    fn binds(&self, chars: &[char], i: usize) -> bool {
        let left = if i == 0 {
            self.prev
        } else {
            Some(chars[i - 1])
        };
        let Some(left) = left.filter(|c| !c.is_whitespace()) else {
            return false;
        };
        // At the end of a piece something inline follows (a link, emphasis):
        // pulldown-cmark trims a paragraph's trailing spaces.
        let right = chars.get(i + 1).copied();
        if right.is_some_and(char::is_whitespace) {
            return false;
        }
        if let Some(r) = right {
            if is_dash(r) && chars.get(i + 2).is_none_or(|c| c.is_whitespace()) {
                return true;
            }
            if is_currency(r) {
                return true;
            }
            if left.is_ascii_digit() {
                // «3 месяца», but not «15 и 16»: a conjunction is no unit.
                if r.is_alphabetic() && !short_word_follows(chars, i) {
                    return true;
                }
                if digit_group_follows(chars, i) && digit_run_before(chars, i) <= 3 {
                    return true;
                }
            }
            if enclitic_follows(chars, i) && left.is_alphabetic() {
                return true;
            }
        }
        if matches!(left, '№' | '§') {
            return true;
        }
        self.short_word_before(chars, i)
    }

    /// Whether the word ending right before the space `i` is one of
    /// [`SHORT_WORDS`] and starts a word (not the tail of a longer one).
    fn short_word_before(&self, chars: &[char], i: usize) -> bool {
        let mut start = i;
        while start > 0 && chars[start - 1].is_alphabetic() {
            start -= 1;
            if i - start > 2 {
                return false;
            }
        }
        if start == i {
            return false;
        }
        let before = if start == 0 {
            self.prev
        } else {
            Some(chars[start - 1])
        };
        if before.is_some_and(|c| !opens(c)) {
            return false;
        }
        let word: String = chars[start..i]
            .iter()
            .flat_map(|c| c.to_lowercase())
            .collect();
        SHORT_WORDS.contains(&word.as_str())
    }
}

/// Whether exactly three digits follow the space `i`, then no digit.
fn digit_group_follows(chars: &[char], i: usize) -> bool {
    let group = chars.get(i + 1..i + 4);
    group.is_some_and(|g| g.iter().all(char::is_ascii_digit))
        && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
}

/// How many digits stand right before the space `i`.
fn digit_run_before(chars: &[char], i: usize) -> usize {
    chars[..i]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// Whether one of [`SHORT_WORDS`] follows the space `i` as a whole word.
fn short_word_follows(chars: &[char], i: usize) -> bool {
    let rest = &chars[i + 1..];
    let len = rest.iter().take_while(|c| c.is_alphabetic()).count();
    if len > 2 {
        return false;
    }
    let word: String = rest[..len].iter().flat_map(|c| c.to_lowercase()).collect();
    SHORT_WORDS.contains(&word.as_str())
}

/// Whether a particle of [`ENCLITICS`] follows the space `i` as a whole word.
fn enclitic_follows(chars: &[char], i: usize) -> bool {
    let rest = &chars[i + 1..];
    let len = rest.iter().take_while(|c| c.is_alphabetic()).count();
    if len != 2 {
        return false;
    }
    let word: String = rest[..len].iter().flat_map(|c| c.to_lowercase()).collect();
    ENCLITICS.contains(&word.as_str())
}

/// The pass over one string, as a block of its own.
pub fn typograph(text: &str) -> Cow<'_, str> {
    Typographer::new().apply(text)
}

/// Raw inline HTML tags whose text is not prose.
const RAW_CODE_TAGS: &[&str] = &["code", "kbd", "samp", "pre", "script", "style", "var"];

/// `Some(true)` for an opening tag of [`RAW_CODE_TAGS`], `Some(false)` for
/// a closing one.
fn raw_code_tag(html: &str) -> Option<bool> {
    let tag = html.trim_start().strip_prefix('<')?;
    let (closing, tag) = match tag.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, tag),
    };
    let name: String = tag
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    RAW_CODE_TAGS.contains(&name.as_str()).then_some(!closing)
}

/// Runs the pass over a page's (or quiz text's) events in place, before
/// they are written as HTML. Only `Event::Text` of prose changes.
pub fn apply_events(events: &mut [Event<'_>]) {
    let mut pass = Typographer::new();
    // Depth of what is not prose: code blocks, images, autolinks, raw code tags.
    let mut verbatim = 0usize;
    // Per open link: whether it is an autolink (its text is the URL).
    let mut links: Vec<bool> = Vec::new();
    for event in events.iter_mut() {
        match event {
            Event::Text(text) => {
                if verbatim > 0 {
                    continue;
                }
                if let Cow::Owned(changed) = pass.apply(text) {
                    *event = Event::Text(CowStr::from(changed));
                }
            }
            Event::Code(code) => pass.skip(code),
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::Image { .. }) => verbatim += 1,
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::Image) => {
                verbatim = verbatim.saturating_sub(1);
                pass.reset();
            }
            Event::Start(Tag::Link { link_type, .. }) => {
                let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                verbatim += usize::from(auto);
                links.push(auto);
            }
            Event::End(TagEnd::Link) => {
                if links.pop() == Some(true) {
                    verbatim = verbatim.saturating_sub(1);
                }
            }
            Event::SoftBreak | Event::HardBreak => pass.skip("\n"),
            Event::InlineHtml(html) => match raw_code_tag(html) {
                Some(true) => verbatim += 1,
                Some(false) => verbatim = verbatim.saturating_sub(1),
                None => {}
            },
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
            | Event::TaskListMarker(_)
            | Event::FootnoteReference(_) => {}
            // Any other event starts or ends a block (or is raw block HTML).
            _ => pass.reset(),
        }
    }
}

#[cfg(test)]
mod tests;
