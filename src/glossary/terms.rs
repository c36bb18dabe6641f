//! Finding glossary terms in a page's text (issue 22): each term and form
//! as the stems of its words, found at its first use in any inflected
//! form with the stemmers search uses. Pure: text in, positions out.

use std::collections::{HashMap, HashSet};

use super::Glossary;
use crate::search::normalize::normalize;
use crate::search::stem::Stemmers;

/// The terms to find in pages: each as the stems of its words.
#[derive(Debug, Default)]
pub struct Terms {
    patterns: Vec<Pattern>,
    /// Patterns by their first stem, longest first: one lookup per word.
    by_first: HashMap<String, Vec<usize>>,
    /// Patterns of abbreviations (`CRM`), which also lead compounds.
    abbreviations: Vec<usize>,
}

#[derive(Debug)]
struct Pattern {
    /// Index of the term in file order.
    term: usize,
    stems: Vec<String>,
    href: String,
    /// Written in capitals (`CRM`, `SLA`): also leads compounds.
    abbreviation: bool,
}

/// A term found in a text: byte range and the term's index and link.
#[derive(Debug, PartialEq, Eq)]
pub struct Found<'t> {
    pub start: usize,
    pub end: usize,
    pub term: usize,
    pub href: &'t str,
}

impl Terms {
    /// `href(id)` is the link to a term's section.
    pub fn new(glossary: &Glossary, href: &dyn Fn(&str) -> String) -> Terms {
        let mut patterns = Vec::new();
        for (i, entry) in glossary.entries().enumerate() {
            if !entry.link {
                continue;
            }
            let link = href(&entry.id);
            let mut seen: Vec<Vec<String>> = Vec::new();
            for form in std::iter::once(&entry.term).chain(&entry.forms) {
                // «KAM (key account manager)»: the words before brackets.
                let form = form.split('(').next().unwrap_or(form);
                let stems: Vec<String> = words(form)
                    .iter()
                    .map(|&(s, e)| stem(&form[s..e]))
                    .collect();
                if !stems.is_empty() && !seen.contains(&stems) {
                    seen.push(stems.clone());
                    let form = form.trim();
                    let abbreviation = form.len() >= 2
                        && form
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
                    patterns.push(Pattern {
                        term: i,
                        stems,
                        href: link.clone(),
                        abbreviation,
                    });
                }
            }
        }
        // Longer terms first: «акт выполненных работ» before «акт».
        patterns.sort_by(|a, b| b.stems.len().cmp(&a.stems.len()).then(a.term.cmp(&b.term)));
        let mut by_first: HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        for (i, p) in patterns.iter().enumerate() {
            by_first.entry(p.stems[0].clone()).or_default().push(i);
        }
        let abbreviations = (0..patterns.len())
            .filter(|&i| patterns[i].abbreviation && patterns[i].stems.len() == 1)
            .collect();
        Terms {
            patterns,
            by_first,
            abbreviations,
        }
    }

    /// Whether there is anything to find.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The first use in `text` of a term not in `done`.
    pub fn first(&self, text: &str, done: &HashSet<usize>) -> Option<Found<'_>> {
        if self.patterns.iter().all(|p| done.contains(&p.term)) {
            return None;
        }
        let spans = words(text);
        if spans.is_empty() {
            return None;
        }
        let stems: Vec<String> = spans.iter().map(|&(s, e)| stem(&text[s..e])).collect();
        for at in 0..stems.len() {
            let open = |p: &&Pattern| !done.contains(&p.term);
            let candidates = self.by_first.get(&stems[at]).map_or(&[][..], Vec::as_slice);
            for p in candidates.iter().map(|&i| &self.patterns[i]).filter(open) {
                let end = at + p.stems.len();
                if end <= stems.len() && stems[at..end] == p.stems[..] {
                    return Some(Found {
                        start: spans[at].0,
                        end: spans[end - 1].1,
                        term: p.term,
                        href: &p.href,
                    });
                }
            }
            // An abbreviation leading a compound: «CRM» in «CRM-системе».
            let (start, end) = spans[at];
            let Some((first, _)) = text[start..end].split_once('-') else {
                continue;
            };
            let lead = self
                .abbreviations
                .iter()
                .map(|&i| &self.patterns[i])
                .filter(open)
                .find(|p| first.eq_ignore_ascii_case(&p.stems[0]));
            if let Some(p) = lead {
                return Some(Found {
                    start,
                    end: start + first.len(),
                    term: p.term,
                    href: &p.href,
                });
            }
        }
        None
    }
}

/// Words of a text as byte ranges: letters and digits, with hyphens or
/// apostrophes inside a word (`аккаунт-менеджер`, `CRM-система`).
pub(super) fn words(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || c == '\u{301}' || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            spans.push((s, i));
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// A word's stem as search makes it: normalised (lower case, `ё` → `е`),
/// then search's own Snowball stemmers (`search::stem`), part by part for
/// a hyphenated word, as search stems a compound. Each worker thread keeps
/// one `Stemmers`, which remembers every word it has stemmed.
pub(super) fn stem(word: &str) -> String {
    thread_local! {
        static STEMMERS: std::cell::RefCell<Stemmers> = std::cell::RefCell::new(Stemmers::default());
    }
    let normal = normalize(word);
    STEMMERS.with(|s| {
        let mut stemmers = s.borrow_mut();
        normal
            .split('-')
            .map(|part| stemmers.stem(part).to_string())
            .collect::<Vec<_>>()
            .join("-")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::tests::YAML;

    fn terms() -> Terms {
        let g = Glossary::parse(YAML).unwrap();
        Terms::new(&g, &|id| format!("/glossary/#{id}"))
    }

    #[test]
    fn inflected_forms_are_found_first_use_first() {
        let t = terms();
        let text = "Отправьте клиенту акты выполненных работ и внесите всё в CRM-системе.";
        let found = t.first(text, &HashSet::new()).unwrap();
        assert_eq!(&text[found.start..found.end], "акты выполненных работ");
        assert_eq!(found.href, "/glossary/#act");
        let done: HashSet<usize> = [0].into();
        let found = t.first(text, &done).unwrap();
        assert_eq!(&text[found.start..found.end], "CRM-системе");
        let done: HashSet<usize> = [0, 1].into();
        assert_eq!(t.first(text, &done), None);
        assert_eq!(
            t.first("Заполните бриф.", &HashSet::new()),
            None,
            "link: false"
        );
        assert_eq!(
            t.first("Актуальная задача.", &HashSet::new()),
            None,
            "not a word of the term"
        );
        let text = "Откройте карточку в CRM-системе.";
        let done: HashSet<usize> = [0].into();
        let t2 = Terms::new(
            &Glossary::parse(&YAML.replace("forms: [CRM-система]", "forms: []")).unwrap(),
            &|id| id.to_string(),
        );
        let found = t2.first(text, &done).unwrap();
        assert_eq!(
            &text[found.start..found.end],
            "CRM",
            "an abbreviation leads a compound"
        );
    }
}
