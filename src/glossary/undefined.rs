//! `kurator check` (issue 22): phrases the pages set apart in bold or
//! «quotes» as if they were terms, on two pages or more, that have no
//! glossary entry. One page's bold is emphasis; the same phrase set apart
//! across pages is a word of the field a new reader will look up. Quotes
//! count only from a lower-case letter: a capital one is a name or a title
//! («Ромашка», «Карьера»).

use std::collections::{BTreeMap, BTreeSet};

use super::terms::{stem, words};
use super::{Glossary, FILE};
use crate::diagnostic::Diagnostic;
use crate::markdown::Emphasis;

/// Pages a phrase must be set apart on before it is reported.
const PAGES: usize = 2;

/// The phrase as stems (`следующий шаг` → `следующ шаг`) if it may be a
/// term: one to three words, one of four letters or more, no digits or
/// sentence punctuation, and a quoted one starting lower case.
fn candidate(e: &Emphasis) -> Option<Vec<String>> {
    let text = e.text.trim();
    let count = text.split_whitespace().count();
    if !(1..=3).contains(&count) || text.chars().count() > 40 {
        return None;
    }
    if text
        .chars()
        .any(|c| c.is_ascii_digit() || ".,:;?!…()[]\"«»/".contains(c))
    {
        return None;
    }
    if e.quoted && !text.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    let spans = words(text);
    if spans.len() != count || !spans.iter().any(|&(s, e)| text[s..e].chars().count() >= 4) {
        return None;
    }
    Some(spans.iter().map(|&(s, e)| stem(&text[s..e])).collect())
}

/// Whether a glossary term or form (any entry, linked or not) is inside
/// the phrase, or the phrase inside it.
fn covered(stems: &[String], entries: &[Vec<String>]) -> bool {
    let within = |short: &[String], long: &[String]| long.windows(short.len()).any(|w| w == short);
    entries
        .iter()
        .any(|entry| within(entry, stems) || within(stems, entry))
}

/// Warnings for phrases set apart on [`PAGES`] pages or more that no entry
/// covers: one per phrase, at its first place. `pages` are (source path,
/// phrases), in page order.
pub fn undefined(glossary: &Glossary, pages: &[(&str, &[Emphasis])]) -> Vec<Diagnostic> {
    let entries: Vec<Vec<String>> = glossary
        .entries()
        .flat_map(|e| std::iter::once(&e.term).chain(&e.forms))
        .map(|form| {
            let form = form.split('(').next().unwrap_or(form);
            words(form)
                .iter()
                .map(|&(s, e)| stem(&form[s..e]))
                .collect::<Vec<_>>()
        })
        .filter(|stems| !stems.is_empty())
        .collect();
    /// A phrase's pages and its first place.
    struct Seen<'p> {
        on: BTreeSet<&'p str>,
        source: &'p str,
        first: &'p Emphasis,
    }
    let mut seen: BTreeMap<Vec<String>, Seen<'_>> = BTreeMap::new();
    for &(source, phrases) in pages {
        for e in phrases {
            let Some(stems) = candidate(e) else { continue };
            let entry = seen.entry(stems).or_insert_with(|| Seen {
                on: BTreeSet::new(),
                source,
                first: e,
            });
            entry.on.insert(source);
        }
    }
    let mut out: Vec<Diagnostic> = seen
        .into_iter()
        .filter(|(stems, s)| s.on.len() >= PAGES && !covered(stems, &entries))
        .map(|(_, Seen { on, source, first: e })| {
            Diagnostic::warning(
                source,
                format!(
                    "«{}» is set apart as a term on {} pages but has no glossary entry",
                    e.text.trim(),
                    on.len()
                ),
            )
            .at(e.line, e.column)
            .help(format!("add it to {FILE} (term and a short definition) so pages link to it, or write it plainly"))
        })
        .collect();
    out.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bold(text: &str) -> Emphasis {
        Emphasis {
            text: text.into(),
            line: 1,
            column: 1,
            quoted: false,
        }
    }

    fn quoted(text: &str) -> Emphasis {
        Emphasis {
            text: text.into(),
            line: 1,
            column: 1,
            quoted: true,
        }
    }

    #[test]
    fn what_may_be_a_term() {
        assert!(candidate(&bold("следующий шаг")).is_some());
        assert!(candidate(&bold("Ретеншн")).is_some());
        assert!(candidate(&quoted("финальное напоминание")).is_some());
        assert_eq!(candidate(&quoted("Ромашка")), None, "a name");
        assert_eq!(candidate(&bold("да")), None, "too short");
        assert_eq!(candidate(&bold("Шаг 1")), None, "a number");
        assert_eq!(candidate(&bold("Когда использовать.")), None, "a label");
        assert_eq!(
            candidate(&bold("запишите всё это в карточку клиента")),
            None,
            "a sentence"
        );
    }

    #[test]
    fn phrases_set_apart_on_two_pages_without_an_entry() {
        let g = Glossary::parse(crate::glossary::tests::YAML).unwrap();
        let a = [
            bold("следующий шаг"),
            bold("акта"),
            quoted("финальное напоминание"),
            bold("CRM-системы"),
        ];
        let b = [
            bold("Следующего шага"),
            bold("акт выполненных работ"),
            bold("финальное напоминание"),
        ];
        let c = [bold("одна страница")];
        let w = undefined(
            &g,
            &[
                ("content/a.md", &a),
                ("content/b.md", &b),
                ("content/c.md", &c),
            ],
        );
        let messages: Vec<&str> = w.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "«следующий шаг» is set apart as a term on 2 pages but has no glossary entry",
                "«финальное напоминание» is set apart as a term on 2 pages but has no glossary entry",
            ],
            "акт and CRM have entries (in any form); one page is not enough"
        );
        assert_eq!(w[0].path, "content/a.md");
        assert!(
            w[0].help.iter().any(|h| h.contains("data/glossary.yaml")),
            "{:?}",
            w[0].help
        );
    }
}
