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

/// A letter, with Cyrillic and ASCII decided by range before the general
/// Unicode table (this is asked for nearly every space of a page).
#[inline]
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{0400}'..='\u{0481}').contains(&c)
        || ('\u{048a}'..='\u{04ff}').contains(&c)
        || (!c.is_ascii() && c.is_alphabetic())
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

    /// The piece with non-breaking spaces put in. Works on byte offsets of
    /// the spaces, looking a few characters either side: no allocation
    /// unless a space changes (this runs over every text of a Russian site).
    pub fn apply<'t>(&mut self, text: &'t str) -> Cow<'t, str> {
        let mut out: Option<String> = None;
        let mut copied = 0;
        for i in memchr::memchr_iter(b' ', text.as_bytes()) {
            if self.binds(text, i) {
                let buf = out.get_or_insert_with(|| String::with_capacity(text.len() + 8));
                buf.push_str(&text[copied..i]);
                buf.push(NBSP);
                copied = i + 1;
            }
        }
        let result = match out {
            Some(mut buf) => {
                buf.push_str(&text[copied..]);
                Cow::Owned(buf)
            }
            None => Cow::Borrowed(text),
        };
        self.skip(&result);
        result
    }

    /// Whether the space at byte `i` of `text` should not break.
    fn binds(&self, text: &str, i: usize) -> bool {
        // The usual case, decided on bytes: a space between two Cyrillic
        // words of three letters or more binds nothing.
        let bytes = text.as_bytes();
        if cyrillic_run_before(bytes, i) >= 3 && cyrillic_run_after(bytes, i + 1) >= 3 {
            return false;
        }
        let before = &text[..i];
        let after = &text[i + 1..];
        let left = before.chars().next_back().or(self.prev);
        let Some(left) = left.filter(|c| !c.is_whitespace()) else {
            return false;
        };
        // At the end of a piece something inline follows (a link, emphasis):
        // pulldown-cmark trims a paragraph's trailing spaces.
        let mut next = after.chars();
        let right = next.next();
        if right.is_some_and(char::is_whitespace) {
            return false;
        }
        if let Some(r) = right {
            if is_dash(r) && next.next().is_none_or(char::is_whitespace) {
                return true;
            }
            if is_currency(r) {
                return true;
            }
            if left.is_ascii_digit() {
                // «3 месяца», but not «15 и 16»: a conjunction is no unit.
                if is_letter(r) && !is_one_of(word_after(after), SHORT_WORDS) {
                    return true;
                }
                if digit_group_follows(after) && digit_run_before(before) <= 3 {
                    return true;
                }
            }
            if is_letter(left) && is_one_of(word_after(after), ENCLITICS) {
                return true;
            }
        }
        if matches!(left, '№' | '§') {
            return true;
        }
        self.short_word_before(before)
    }

    /// Whether the word that `before` ends with is one of [`SHORT_WORDS`]
    /// and starts a word (not the tail of a longer one).
    fn short_word_before(&self, before: &str) -> bool {
        let mut word = ['\0'; 2];
        let mut len = 0;
        let mut rest = before.chars().rev();
        let mut first_before = None;
        for c in rest.by_ref() {
            if !is_letter(c) {
                first_before = Some(c);
                break;
            }
            if len == 2 {
                return false;
            }
            word[1 - len] = c;
            len += 1;
        }
        if len == 0 {
            return false;
        }
        // The whole piece was the word: what came before it is the last piece's end.
        let preceding = if first_before.is_some() {
            first_before
        } else {
            self.prev
        };
        if preceding.is_some_and(|c| !opens(c)) {
            return false;
        }
        is_one_of(
            Word {
                chars: [word[2 - len], word[1]],
                len,
            },
            SHORT_WORDS,
        )
    }
}

/// The letters a word starts with, when it has one or two (a longer word is
/// never a short one): by value, no allocation.
#[derive(Clone, Copy)]
struct Word {
    chars: [char; 2],
    len: usize,
}

impl Word {
    fn letters(&self) -> &[char] {
        &self.chars[..self.len.min(2)]
    }
}

/// The word at the start of `text`; `len` 3 stands for «longer than two».
fn word_after(text: &str) -> Word {
    let mut word = Word {
        chars: ['\0'; 2],
        len: 0,
    };
    for c in text.chars() {
        if !is_letter(c) {
            break;
        }
        if word.len == 2 {
            word.len = 3;
            break;
        }
        word.chars[word.len] = c;
        word.len += 1;
    }
    word
}

/// Whether bytes `b[i]`, `b[i + 1]` are a letter of U+0400..U+047F.
fn cyrillic_at(b: &[u8], i: usize) -> bool {
    matches!(b.get(i), Some(0xd0 | 0xd1))
        && b.get(i + 1).is_some_and(|&c| (0x80..=0xbf).contains(&c))
}

/// How many such letters (up to 3) end right before byte `i`.
fn cyrillic_run_before(b: &[u8], i: usize) -> usize {
    (1..=3)
        .take_while(|k| i >= 2 * k && cyrillic_at(b, i - 2 * k))
        .count()
}

/// How many such letters (up to 3) start at byte `i`.
fn cyrillic_run_after(b: &[u8], i: usize) -> usize {
    (0..3).take_while(|k| cyrillic_at(b, i + 2 * k)).count()
}

/// Whether a word of one or two letters is in `list`, ignoring case (the
/// word is lower-cased once: this is asked at most spaces of a page).
fn is_one_of(word: Word, list: &[&str]) -> bool {
    if !(1..=2).contains(&word.len) {
        return false;
    }
    let mut lower = ['\0'; 2];
    for (to, &c) in lower.iter_mut().zip(word.letters()) {
        *to = match c {
            'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            'а'..='я' => c,
            c => c.to_lowercase().next().unwrap_or(c),
        };
    }
    let lower = &lower[..word.len];
    list.iter().any(|w| w.chars().eq(lower.iter().copied()))
}

/// Whether exactly three digits start `after`, then no digit.
fn digit_group_follows(after: &str) -> bool {
    let b = after.as_bytes();
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && !b.get(3).is_some_and(u8::is_ascii_digit)
}

/// How many digits `before` ends with.
fn digit_run_before(before: &str) -> usize {
    before.bytes().rev().take_while(u8::is_ascii_digit).count()
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
    let mut pass = EventPass::new();
    for event in events.iter_mut() {
        *event = pass.event(std::mem::replace(event, Event::SoftBreak));
    }
}

/// The pass over events one at a time, as they are written as HTML: a
/// changed text is a copy, and each copy goes as soon as it is written
/// (a 50 MB page held 47 MB of them when the pass ran over all events
/// first, issue 24).
pub struct EventPass {
    pass: Typographer,
    /// Depth of what is not prose: code blocks, images, autolinks, raw
    /// code tags.
    verbatim: usize,
    /// Per open link: whether it is an autolink (its text is the URL).
    links: Vec<bool>,
}

impl EventPass {
    pub fn new() -> EventPass {
        EventPass {
            pass: Typographer::new(),
            verbatim: 0,
            links: Vec::new(),
        }
    }

    /// The event with non-breaking spaces put in its text, if it is prose.
    pub fn event<'a>(&mut self, event: Event<'a>) -> Event<'a> {
        match &event {
            Event::Text(text) => {
                if self.verbatim == 0 {
                    if let Cow::Owned(changed) = self.pass.apply(text) {
                        return Event::Text(CowStr::from(changed));
                    }
                }
            }
            Event::Code(code) => self.pass.skip(code),
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::Image { .. }) => self.verbatim += 1,
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::Image) => {
                self.verbatim = self.verbatim.saturating_sub(1);
                self.pass.reset();
            }
            Event::Start(Tag::Link { link_type, .. }) => {
                let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                self.verbatim += usize::from(auto);
                self.links.push(auto);
            }
            Event::End(TagEnd::Link) => {
                if self.links.pop() == Some(true) {
                    self.verbatim = self.verbatim.saturating_sub(1);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.pass.skip("\n"),
            Event::InlineHtml(html) => match raw_code_tag(html) {
                Some(true) => self.verbatim += 1,
                Some(false) => self.verbatim = self.verbatim.saturating_sub(1),
                None => {}
            },
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
            | Event::TaskListMarker(_)
            | Event::FootnoteReference(_) => {}
            // Any other event starts or ends a block (or is raw block HTML).
            _ => self.pass.reset(),
        }
        event
    }
}

impl Default for EventPass {
    fn default() -> Self {
        EventPass::new()
    }
}

#[cfg(test)]
mod tests;
