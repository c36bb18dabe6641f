//! «Ссылаются на эту страницу» (issue 22): for every page, the pages whose
//! text links to it, each with the sentence the link stands in, from the
//! links Markdown rendering recorded (`markdown::links::Mention`).

use crate::markdown::Rendered;

/// One page that links here, and the sentence around its first link
/// (borrowed from the linking page's rendering: not copied for every link
/// of a large site).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Backlink<'a> {
    pub page: usize,
    pub context: &'a str,
}

/// The pages linking to each page (index = target), in page order; a page
/// that links several times is listed once (rendering keeps its first
/// link to each page), a page's links to itself not at all. `only`: the list of that page alone (the others stay empty), for
/// `serve`'s one-page path: the sentences of every link of a 10,000-page
/// site take 20 ms to cut out.
pub(super) fn backlinks(
    pages: usize,
    rendered: &[Rendered],
    only: Option<usize>,
) -> Vec<Vec<Backlink<'_>>> {
    let mut out = vec![Vec::new(); pages];
    for (from, r) in rendered.iter().enumerate() {
        for m in &r.links.mentions {
            if m.page == from || m.page >= pages || only.is_some_and(|o| o != m.page) {
                continue;
            }
            out[m.page].push(Backlink {
                page: from,
                context: &m.context,
            });
        }
    }
    out
}

/// What a page's links say to other pages' «Ссылаются на эту страницу»:
/// each page it links to, once, with the sentence. `serve`'s one-page fast
/// path compares it before and after an edit (`incremental.rs`).
pub(crate) fn mentions_of(from: usize, rendered: &Rendered) -> Vec<(usize, String)> {
    rendered
        .links
        .mentions
        .iter()
        .filter(|m| m.page != from)
        .map(|m| (m.page, m.context.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::links::Mention;

    /// A rendered page that links to `mentions` (page, sentence), each once
    /// as Markdown rendering records them.
    fn page(mentions: &[(usize, &str)]) -> Rendered {
        let mut r = Rendered::default();
        r.links.mentions = mentions
            .iter()
            .map(|&(page, context)| Mention {
                page,
                context: context.into(),
            })
            .collect();
        r
    }

    #[test]
    fn each_linking_page_in_page_order_never_itself() {
        let rendered = [
            page(&[(1, "Home links to [a].")]),
            page(&[(1, "A links to itself"), (0, "and to home.")]),
            page(&[(1, "It mentions [a]."), (9, "a page that is gone")]),
        ];
        let links = backlinks(3, &rendered, None);
        let only_a = backlinks(3, &rendered, Some(1));
        assert_eq!(only_a[1], links[1], "one page's list is the same alone");
        assert!(only_a[0].is_empty() && only_a[2].is_empty());
        let to_a: Vec<(usize, &str)> = links[1].iter().map(|b| (b.page, b.context)).collect();
        assert_eq!(to_a, [(0, "Home links to [a]."), (2, "It mentions [a].")]);
        assert_eq!(links[0].len(), 1);
        assert!(links[2].is_empty());
        assert_eq!(mentions_of(1, &rendered[1]), [(0, "and to home.".into())]);
    }
}
