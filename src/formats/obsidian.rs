//! An Obsidian vault's own ways (issue 21): tags written `#tag` in the
//! text are the note's tags, as Obsidian lists them. Pure: text in, tags
//! out; `formats::apply` hands them to the page as front matter defaults.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The `#tags` of a note's Markdown, in order of first use, each once:
/// `#` at the start of a word, then letters, digits, `_`, `-` or `/`
/// (nested tags), at least one of them not a digit (`#1` is not a tag).
/// Never in code, links or raw HTML.
pub fn inline_tags(markdown: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut in_link = 0usize;
    let mut in_code = false;
    // The parser splits text at brackets: a tag's word start is judged on
    // the whole run of text.
    let mut run = String::new();
    let flush = |run: &mut String, tags: &mut Vec<String>| {
        for tag in tags_in(run) {
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                tags.push(tag);
            }
        }
        run.clear();
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_WIKILINKS) {
        if !matches!(event, Event::Text(_)) {
            flush(&mut run, &mut tags);
        }
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if in_link == 0 && !in_code => run.push_str(&text),
            _ => {}
        }
    }
    flush(&mut run, &mut tags);
    tags
}

fn tags_in(text: &str) -> Vec<String> {
    let is_tag_char = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '/');
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let starts_word = previous.is_none_or(char::is_whitespace);
        previous = Some(c);
        if c != '#' || !starts_word {
            continue;
        }
        let rest = &text[at + 1..];
        let len: usize = rest
            .chars()
            .take_while(|&c| is_tag_char(c))
            .map(char::len_utf8)
            .sum();
        let tag = rest[..len].trim_end_matches('/');
        if !tag.is_empty() && !tag.chars().all(|c| c.is_ascii_digit()) {
            found.push(tag.to_string());
            previous = tag.chars().last();
            while chars.peek().is_some_and(|&(i, _)| i < at + 1 + len) {
                chars.next();
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_where_obsidian_reads_them() {
        let md = "#meeting notes with #team/sales and #проект.\n\n\
                  Issue #1, a c#sharp word, [#linked](x.md), [[#Heading]], [[Note#Part]], `#code`, and #meeting again.\n\n\
                  ```\n#not-in-code\n```\n";
        assert_eq!(inline_tags(md), ["meeting", "team/sales", "проект"]);
        assert!(inline_tags("# Heading\n\ntext\n").is_empty());
    }
}
