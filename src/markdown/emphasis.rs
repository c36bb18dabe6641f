//! Words a page sets apart in bold or «quotes» (issue 22): `kurator check`
//! asks the glossary about those that look like terms. Collected during
//! the event pass, outside headings, links and code.

use serde::Serialize;

/// A phrase in bold or in «quotes», at its place in the page's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Emphasis {
    pub text: String,
    pub line: usize,
    pub column: usize,
    /// In «quotes» (names and titles, mostly) rather than bold.
    pub quoted: bool,
}

/// The bold span being read, if any.
#[derive(Debug, Default)]
pub(super) struct BoldTracker {
    /// Its text so far, its place, and whether it is still plain text.
    open: Option<(String, (usize, usize), bool)>,
}

impl BoldTracker {
    pub(super) fn start(&mut self, at: (usize, usize), eligible: bool) {
        self.open = eligible.then(|| (String::new(), at, true));
    }

    pub(super) fn text(&mut self, text: &str) {
        if let Some((t, _, _)) = &mut self.open {
            t.push_str(text);
        }
    }

    /// Code or a link inside the bold: not a term set apart.
    pub(super) fn spoil(&mut self) {
        if let Some((_, _, plain)) = &mut self.open {
            *plain = false;
        }
    }

    pub(super) fn end(&mut self) -> Option<Emphasis> {
        let (text, (line, column), plain) = self.open.take()?;
        plain.then_some(Emphasis {
            text,
            line,
            column,
            quoted: false,
        })
    }
}

/// The «quoted» phrases of one piece of text, with the byte offset of
/// each opening quote.
pub(super) fn quotes(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('«').map(|i| from + i) {
        let inner_start = open + '«'.len_utf8();
        let Some(close) = text[inner_start..].find('»').map(|i| inner_start + i) else {
            break;
        };
        let inner = &text[inner_start..close];
        if !inner.contains('«') {
            out.push((open, inner.to_string()));
        }
        from = close + '»'.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_in_a_text() {
        let q = quotes("Письмо «финальное напоминание» и «Ромашка», «не закрыта");
        assert_eq!(
            q,
            [
                (13, "финальное напоминание".to_string()),
                (62, "Ромашка".to_string())
            ]
        );
        // Quotes inside quotes are a quotation, not a term: none is taken.
        assert_eq!(quotes("«внешние «вложенные» кавычки»"), []);
    }

    #[test]
    fn bold_with_code_or_a_link_inside_is_not_a_term() {
        let mut b = BoldTracker::default();
        b.start((2, 1), true);
        b.text("следующий ");
        b.text("шаг");
        assert_eq!(b.end().map(|e| e.text), Some("следующий шаг".into()));
        b.start((4, 1), true);
        b.text("x");
        b.spoil();
        assert_eq!(b.end(), None);
        b.start((5, 1), false);
        b.text("в заголовке");
        assert_eq!(b.end(), None);
    }
}
