//! «Ссылаются на эту страницу» (issue 22): for every page, the pages whose
//! text links to it, each with the sentence the link stands in, from the
//! links Markdown rendering recorded (`markdown::links::Mention`).

use std::collections::HashSet;

use crate::markdown::Rendered;

/// One page that links here, and the sentence around its first link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Backlink {
    pub page: usize,
    pub context: String,
}

/// Longest context shown, in characters.
const CONTEXT: usize = 200;

/// The pages linking to each page (index = target), in page order; a page
/// that links several times is listed once, a page's links to itself not
/// at all. `only`: the list of that page alone (the others stay empty), for
/// `serve`'s one-page path: the sentences of every link of a 10,000-page
/// site take 20 ms to cut out.
pub(super) fn backlinks(
    pages: usize,
    rendered: &[Rendered],
    only: Option<usize>,
) -> Vec<Vec<Backlink>> {
    let mut out = vec![Vec::new(); pages];
    for (from, r) in rendered.iter().enumerate() {
        let mut seen = HashSet::new();
        for m in &r.links.mentions {
            if m.page == from
                || m.page >= pages
                || only.is_some_and(|o| o != m.page)
                || !seen.insert(m.page)
            {
                continue;
            }
            let context = r
                .sections
                .get(m.section)
                .map(|s| sentence_at(&s.text, m.at))
                .unwrap_or_default();
            out[m.page].push(Backlink {
                page: from,
                context,
            });
        }
    }
    out
}

/// What a page's links say to other pages' «Ссылаются на эту страницу»:
/// each page it links to, once, with the sentence. `serve`'s one-page fast
/// path compares it before and after an edit (`incremental.rs`).
pub(crate) fn mentions_of(from: usize, rendered: &Rendered) -> Vec<(usize, String)> {
    let mut seen = HashSet::new();
    rendered
        .links
        .mentions
        .iter()
        .filter(|m| m.page != from && seen.insert(m.page))
        .map(|m| {
            let context = rendered
                .sections
                .get(m.section)
                .map(|s| sentence_at(&s.text, m.at))
                .unwrap_or_default();
            (m.page, context)
        })
        .collect()
}

/// The sentence of `text` that holds byte `at`, at most [`CONTEXT`]
/// characters (cut with `…` around the place).
pub(super) fn sentence_at(text: &str, at: usize) -> String {
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '…' | '\n');
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends(c) && text[i + c.len_utf8()..].starts_with(char::is_whitespace))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(i, c)| {
            ends(c) && {
                let next = at + i + c.len_utf8();
                next >= text.len() || text[next..].starts_with(char::is_whitespace)
            }
        })
        .map_or(text.len(), |(i, c)| at + i + c.len_utf8());
    let sentence = text[start..end].trim();
    if sentence.chars().count() <= CONTEXT {
        return sentence.to_string();
    }
    // Too long: a window around the link.
    let offset = text[start..at].trim_start().chars().count();
    let from = offset.saturating_sub(CONTEXT / 3);
    let window: String = sentence.chars().skip(from).take(CONTEXT).collect();
    format!(
        "{}{}{}",
        if from > 0 { "…" } else { "" },
        window.trim(),
        if from + CONTEXT < sentence.chars().count() {
            "…"
        } else {
            ""
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::links::Mention;
    use crate::markdown::TextSection;

    fn page(text: &str, mentions: &[(usize, usize)]) -> Rendered {
        let mut r = Rendered::default();
        r.sections.push(TextSection {
            text: text.into(),
            ..TextSection::default()
        });
        r.links.mentions = mentions
            .iter()
            .map(|&(page, at)| Mention {
                page,
                section: 0,
                at,
            })
            .collect();
        r
    }

    #[test]
    fn the_sentence_around_the_link() {
        let text = "Первое предложение. Смотрите раздел о KPI, там примеры! Третье.";
        let at = text.find("раздел").unwrap();
        assert_eq!(sentence_at(text, at), "Смотрите раздел о KPI, там примеры!");
        assert_eq!(sentence_at("Без точки в конце", 4), "Без точки в конце");
        assert_eq!(sentence_at("v1.2 is out. Next", 0), "v1.2 is out.");
        let long = format!("{} ссылка {}.", "слово ".repeat(100), "хвост ".repeat(100));
        let cut = sentence_at(&long, long.find("ссылка").unwrap());
        assert!(
            cut.starts_with('…') && cut.ends_with('…') && cut.contains("ссылка"),
            "{cut}"
        );
        assert!(cut.chars().count() <= CONTEXT + 2);
    }

    #[test]
    fn each_linking_page_once_in_page_order_never_itself() {
        let rendered = [
            page("Home links to [a] and [a] again.", &[(1, 14), (1, 24)]),
            page("A links to itself and to home.", &[(1, 0), (0, 20)]),
            page("B. It mentions [a].", &[(1, 15), (9, 0)]),
        ];
        let links = backlinks(3, &rendered, None);
        let only_a = backlinks(3, &rendered, Some(1));
        assert_eq!(only_a[1], links[1], "one page's list is the same alone");
        assert!(only_a[0].is_empty() && only_a[2].is_empty());
        let to_a: Vec<(usize, &str)> = links[1]
            .iter()
            .map(|b| (b.page, b.context.as_str()))
            .collect();
        assert_eq!(
            to_a,
            [
                (0, "Home links to [a] and [a] again."),
                (2, "It mentions [a].")
            ]
        );
        assert_eq!(links[0].len(), 1);
        assert!(links[2].is_empty());
    }
}
