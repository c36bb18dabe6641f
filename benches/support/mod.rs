//! A small deterministic corpus for the micro-benchmarks, shaped like
//! `gen-corpus`'s pages (front matter with title, description, weight, date
//! and tags; ~700 words of Cyrillic prose under H2/H3 headings; lists, bold
//! and italic text; 3–6 relative links to other pages; a table on every
//! third page, a code block on every fifth) but built in-process, so the
//! benches need nothing outside the repository and set up in milliseconds.
//! `bench/compare` uses the real generator for the end-to-end numbers.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use kurator::content::walk::SourceFile;

/// Pages in the default corpus (not counting section indexes).
pub(crate) const PAGES: usize = 1000;
/// Sections in the default corpus (50 pages each).
pub(crate) const SECTIONS: usize = 20;

const WORDS: &[&str] = &[
    "клиент",
    "менеджер",
    "договор",
    "сделка",
    "встреча",
    "предложение",
    "условие",
    "бюджет",
    "поставка",
    "партнёр",
    "команда",
    "отчёт",
    "скидка",
    "цена",
    "решение",
    "требование",
    "обсуждает",
    "согласует",
    "проверяет",
    "готовит",
    "уточняет",
    "быстро",
    "заранее",
    "вместе",
    "новый",
    "важный",
    "ключевой",
    "и",
    "в",
    "с",
    "по",
    "для",
];

/// A tiny linear congruential generator: deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }

    fn sentence(&mut self, out: &mut String, words: usize) {
        for w in 0..words {
            let word = WORDS[self.next(WORDS.len())];
            if w == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push(' ');
                match self.next(12) {
                    0 => write!(out, "**{word}**").unwrap(),
                    1 => write!(out, "*{word}*").unwrap(),
                    _ => out.push_str(word),
                }
            }
        }
        out.push_str(". ");
    }
}

fn section_name(s: usize) -> String {
    format!("section-{s:02}")
}

fn page_name(p: usize) -> String {
    format!("page-{p:05}")
}

/// Every source of a corpus of `pages` pages over `sections` sections, as
/// Kurator's walker would return them (`content/…` paths).
pub(crate) fn sources(pages: usize, sections: usize) -> Vec<SourceFile> {
    let mut files = vec![SourceFile::new(
        "content/_index.md",
        "---\ntitle: База знаний\n---\n\nДобро пожаловать.\n",
    )];
    for s in 0..sections {
        files.push(SourceFile::new(
            format!("content/{}/_index.md", section_name(s)),
            format!("---\ntitle: Раздел {s}\nweight: {s}\n---\n\nОбзор раздела.\n"),
        ));
    }
    for p in 0..pages {
        files.push(SourceFile::new(
            format!("content/{}/{}.md", section_name(p % sections), page_name(p)),
            page(p, pages, sections),
        ));
    }
    files
}

/// One page's text.
pub(crate) fn page(p: usize, pages: usize, sections: usize) -> String {
    let mut rng = Lcg(p as u64 + 1);
    let mut out = String::with_capacity(8 * 1024);
    let tags: Vec<String> = (0..1 + rng.next(4))
        .map(|_| format!("тег-{}", rng.next(40)))
        .collect();
    write!(
        out,
        "---\ntitle: Страница {p}\ndescription: Как работать с клиентом, шаг {p}\nweight: {}\ndate: 2024-{:02}-{:02}\ntags: [{}]\n---\n\n",
        p / sections,
        1 + p % 12,
        1 + p % 28,
        tags.join(", ")
    )
    .unwrap();
    for h in 0..5 {
        writeln!(out, "## Этап {h}: подготовка\n").unwrap();
        for _ in 0..2 {
            for _ in 0..4 {
                let n = 8 + rng.next(8);
                rng.sentence(&mut out, n);
            }
            out.push_str("\n\n");
        }
        if h == 1 {
            for i in 0..4 {
                write!(out, "{}. ", i + 1).unwrap();
                rng.sentence(&mut out, 6);
                out.push('\n');
            }
            out.push('\n');
        }
        if h == 2 {
            out.push_str("### Что проверить\n\n");
            for _ in 0..4 {
                out.push_str("- ");
                rng.sentence(&mut out, 5);
                out.push('\n');
            }
            out.push('\n');
        }
    }
    out.push_str("## Смотрите также\n\n");
    for _ in 0..3 + rng.next(4) {
        let q = rng.next(pages);
        writeln!(
            out,
            "- [Страница {q}](../{}/{}.md)",
            section_name(q % sections),
            page_name(q)
        )
        .unwrap();
    }
    out.push('\n');
    if p.is_multiple_of(3) {
        out.push_str("| Этап | Срок | Ответственный |\n|---|---|---|\n");
        for r in 0..4 {
            writeln!(out, "| {r} | {} дней | менеджер |", 2 + rng.next(10)).unwrap();
        }
        out.push('\n');
    }
    if p.is_multiple_of(5) {
        out.push_str("```yaml\nклиент: ООО Ромашка\nэтап: переговоры\nсумма: 120000\n```\n");
    }
    out
}

/// Writes a site (`kurator.yaml` + `content/`) of `pages` pages into `root`.
pub(crate) fn write_site(root: &Path, pages: usize, sections: usize) {
    std::fs::write(root.join("kurator.yaml"), "title: Bench\n").unwrap();
    for file in sources(pages, sections) {
        let path: PathBuf = root.join(&file.rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, file.text).unwrap();
    }
}
