//! Property tests for everything that reads author input: front matter,
//! `kurator.yaml`, quiz blocks and Markdown bodies (issue 9).
//!
//! Inputs are arbitrary bytes and "near-valid" documents: a valid seed with a
//! few random edits (lines dropped, doubled, swapped, re-indented, keys
//! misspelt, values replaced by hostile text, the text cut short). The
//! properties: nothing panics; every rejection is a [`Diagnostic`] naming
//! the file and a line (and column, when given) that exists in the input;
//! accepted input renders to HTML; a rewritten internal link never leaves
//! the site. Case counts are bounded so the file runs in seconds; set
//! `PROPTEST_CASES` to run more.
//!
//! Over 500 lines because the seeds and hostile strings are data, kept next
//! to the one property each feeds.

use kurator::config::SiteConfig;
use kurator::content::links::{LinkResolver, Resolved};
use kurator::content::page::Page;
use kurator::content::walk::{decode, SourceFile};
use kurator::content::Site;
use kurator::diagnostic::Diagnostic;
use kurator::markdown::{render, MarkdownInput};
use kurator::quiz::{render_block, QuizContext};
use proptest::prelude::*;
use proptest::test_runner::Config;

const BASE: &str = "/kb/";

/// Cases per property: small by default, more with `PROPTEST_CASES`.
fn cases(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// A tiny site for link and quiz rendering.
fn resolver() -> LinkResolver {
    let files: Vec<SourceFile> = [
        "_index.md",
        "kpi/_index.md",
        "kpi/ltv.md",
        "duties/_index.md",
        "duties/quiz.md",
        "duties/cycle/index.md",
        "duties/my page.md",
        "Обучение/Шаг 1.md",
    ]
    .iter()
    .map(|p| SourceFile::new(format!("content/{p}"), String::new()))
    .collect();
    let (site, problems) = Site::build(&files, false, &["tags".to_string()]);
    // Empty pages are named after their files, with a warning each.
    assert!(
        !problems
            .iter()
            .any(kurator::diagnostic::Diagnostic::is_error),
        "{problems:?}"
    );
    LinkResolver::new(
        &site,
        BASE,
        [
            "duties/cycle/chart.png".to_string(),
            "kpi/img/a b.png".to_string(),
        ],
    )
}

/// Asserts that every diagnostic names `path` and points at a line (and
/// column) that exists in `text`, whose first line is file line `first`.
fn assert_inside(text: &str, first: usize, path: &str, diagnostics: &[Diagnostic]) {
    let lines: Vec<&str> = text.split('\n').collect();
    for d in diagnostics {
        assert_eq!(d.path, path, "{d}");
        let line = d.line.unwrap_or_else(|| panic!("no line: {d}"));
        assert!(
            line >= first && line < first + lines.len(),
            "line {line} outside {first}..{}: {d}\n--- input ---\n{text}",
            first + lines.len()
        );
        if let Some(column) = d.column {
            let width = lines[line - first].chars().count() + 1;
            assert!(
                (1..=width).contains(&column),
                "column {column} outside 1..={width}: {d}\n--- input ---\n{text}"
            );
        }
        assert!(!d.message.is_empty());
    }
}

// ---------------------------------------------------------------------------
// Near-valid documents: a seed plus a few edits.

/// One random edit of a YAML or Markdown document, by line.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Indent(usize, usize),
    Dedent(usize),
    /// Replaces the value after `key: ` on a line.
    Value(usize, String),
    /// Swaps two neighbouring characters of the key on a line.
    Typo(usize, usize),
    Insert(usize, String),
    /// Cuts the text at a fraction of its length (in characters).
    Truncate(u8),
}

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "\u{202e}txt.exe",
    "[x](javascript:alert(1))",
    "[up](../../../../etc/passwd)",
    "'quoted: colon'",
    "\"unterminated",
    "[unclosed",
    "{ a: 1",
    "- list",
    "&anchor",
    "*alias",
    "!!binary aGk=",
    "!custom tag",
    "|",
    ">-",
    "~",
    "null",
    "true",
    "-1",
    "9999999999999999999999",
    "1e400",
    ".nan",
    "2026-02-30",
    "0000-00-00",
    "",
    " ",
    "\t",
    "Привет, мир 👋",
    "%YAML 1.2",
    "---",
    "...",
    "? complex",
    "<<: *x",
];

fn edit() -> impl Strategy<Value = Edit> {
    let hostile = proptest::sample::select(HOSTILE).prop_map(str::to_string);
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        (any::<usize>(), 1..5usize).prop_map(|(a, n)| Edit::Indent(a, n)),
        any::<usize>().prop_map(Edit::Dedent),
        (any::<usize>(), hostile.clone()).prop_map(|(a, v)| Edit::Value(a, v)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Typo(a, b)),
        (any::<usize>(), hostile).prop_map(|(a, v)| Edit::Insert(a, v)),
        (any::<usize>(), "[ -~\t\u{80}-\u{10ffff}]{0,12}").prop_map(|(a, v)| Edit::Insert(a, v)),
        any::<u8>().prop_map(Edit::Truncate),
    ]
}

fn apply(seed: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = seed.lines().map(str::to_string).collect();
    for e in edits {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let n = lines.len();
        match e {
            Edit::Delete(i) => {
                lines.remove(i % n);
            }
            Edit::Duplicate(i) => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Edit::Swap(a, b) => lines.swap(a % n, b % n),
            Edit::Indent(i, k) => lines[i % n].insert_str(0, &" ".repeat(*k)),
            Edit::Dedent(i) => {
                let l = &mut lines[i % n];
                *l = l.trim_start().to_string();
            }
            Edit::Value(i, v) => {
                let l = &mut lines[i % n];
                if let Some(c) = l.find(": ") {
                    l.truncate(c + 2);
                    l.push_str(v);
                } else {
                    l.push_str(v);
                }
            }
            Edit::Typo(i, k) => {
                let l = &mut lines[i % n];
                let mut chars: Vec<char> = l.chars().collect();
                let key_end = l.find(':').map_or(chars.len(), |c| l[..c].chars().count());
                if key_end >= 2 {
                    let at = k % (key_end - 1);
                    chars.swap(at, at + 1);
                    *l = chars.into_iter().collect();
                }
            }
            Edit::Insert(i, v) => lines.insert(i % (n + 1), v.clone()),
            Edit::Truncate(f) => {
                let text = lines.join("\n");
                let keep = text.chars().count() * usize::from(*f) / 255;
                let cut: String = text.chars().take(keep).collect();
                lines = cut.split('\n').map(str::to_string).collect();
            }
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn near_valid(seeds: &'static [&'static str]) -> impl Strategy<Value = String> {
    (
        proptest::sample::select(seeds),
        proptest::collection::vec(edit(), 0..5),
    )
        .prop_map(|(seed, edits)| apply(seed, &edits))
}

// ---------------------------------------------------------------------------
// Front matter and pages.

const FRONT_SEEDS: &[&str] = &[
    "---\ntitle: Обязанности\ndescription: Что делает менеджер\nweight: 2\ntags: [kpi, клиенты]\ndate: 2026-01-31\ndraft: false\nslug: duties\naliases: [/old/duties/]\nextra:\n  icon: star\n---\n# Обязанности\n\nТекст.\n",
    "---\ntitle: A\n---\nbody\n",
    "---\n---\n# Only a heading {#top}\n",
    "---\ntags:\n  - a\n  - b\nupdated: 2026-02-01T10:00:00Z\ntemplate: page.html\n---\n```\n# not a title\n```\n",
    "# No front matter\n\n---\n\ntext\n",
];

fn check_page(text: &str) {
    const PATH: &str = "content/duties/x.md";
    let file = SourceFile::new(PATH, text);
    match Page::parse(&file) {
        Ok(page) => {
            assert!(page.body_line >= 1 && page.body_line <= text.split('\n').count() + 1);
            assert!(!page.title.is_empty());
            assert!(!page.segment.contains('/'), "{:?}", page.segment);
            let links = resolver();
            let rendered = render(&MarkdownInput {
                source: PATH,
                dir: "duties",
                text: &page.body,
                first_line: page.body_line,
                links: &links,
                language: "ru",
                labels: &kurator::markdown::Labels::built_in("ru"),
                title_is_first_heading: false,
                terms: None,
            });
            assert_inside(text, 1, PATH, &rendered.links.problems);
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "rejected without a diagnostic");
            assert_inside(text, 1, PATH, &problems);
        }
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn page_from_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        // Bias towards documents that open front matter.
        let mut with_fence = b"---\n".to_vec();
        with_fence.extend_from_slice(&bytes);
        for input in [bytes, with_fence] {
            match decode("content/duties/x.md", input.clone()) {
                Ok(text) => check_page(&text),
                Err(d) => {
                    // Positions count `\n` only, as in the raw file.
                    let lossy = String::from_utf8_lossy(&input);
                    assert_inside(&lossy, 1, "content/duties/x.md", &[d]);
                }
            }
        }
    }

    #[test]
    fn page_from_near_valid_front_matter(text in near_valid(FRONT_SEEDS)) {
        check_page(&text);
    }

    #[test]
    fn front_matter_split_keeps_lines(text in near_valid(FRONT_SEEDS)) {
        use kurator::content::front_matter::{parse, split};
        if let Ok(s) = split("content/a.md", &text) {
            // The body is the tail of the text, starting on `body_line`.
            prop_assert!(text.ends_with(s.body));
            let before = &text[..text.len() - s.body.len()];
            prop_assert_eq!(before.matches('\n').count() + 1, s.body_line);
            if let Some((yaml, line)) = s.yaml {
                if let Err(problems) = parse("content/a.md", yaml, line) {
                    assert_inside(&text, 1, "content/a.md", &problems);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// kurator.yaml

const CONFIG_SEEDS: &[&str] = &[
    "title: База знаний\ndescription: Для новичков\nbase_url: https://example.com/kb/\nlanguage: ru\ntheme: default\noutput_dir: public\nmenu:\n  - name: KPI\n    url: kpi/_index.md\n  - name: Site\n    url: https://example.com\ntaxonomies: [tags]\nsearch:\n  enabled: true\n  synonyms:\n    люди: [человек]\nextra:\n  footer: text\n",
    "title: X\n",
    "# only a comment\n",
    "base_url: /kb/\nlanguage: en\n",
];

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn config_near_valid(text in near_valid(CONFIG_SEEDS)) {
        check_config(&text);
    }

    #[test]
    fn config_arbitrary_text(text in "\\PC{0,200}") {
        check_config(&text);
    }
}

fn check_config(text: &str) {
    match SiteConfig::parse(text) {
        Ok(config) => {
            let base = config.base_path();
            assert!(base.starts_with('/') && base.ends_with('/'), "{base:?}");
            assert!(!base.split('/').any(|s| s == ".."), "{base:?}");
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            assert_inside(text, 1, "kurator.yaml", &problems);
        }
    }
}

// ---------------------------------------------------------------------------
// Quiz blocks, inside a page, so lines are file lines.

const QUIZ_SEEDS: &[&str] = &[
    "id: duties-basics\ntitle: Обязанности\npass: 0.7\nshuffle: true\nintro: См. [KPI](../kpi/_index.md)\nquestions:\n  - type: single\n    prompt: Кто отвечает за клиента?\n    options:\n      - text: Аккаунт-менеджер\n        correct: true\n      - text: Проджект\n        feedback: Нет, см. [LTV](../kpi/ltv.md#x)\n    explanation: Так.\n  - type: multiple\n    prompt: Что важно?\n    options:\n      - { text: A, correct: true }\n      - { text: B, correct: true }\n      - { text: C }\n  - type: true-false\n    prompt: Верно?\n    answer: false\n  - type: order\n    prompt: По порядку\n    steps: [a, b, c]\n  - type: match\n    prompt: Пары\n    pairs:\n      - { left: x, right: y }\n      - { left: z, right: w }\n",
    "id: fit\ntitle: Fit\nkind: self-assessment\nscale: { min: 1, max: 5 }\ntraits:\n  - { id: communication, name: Общение, read: [../kpi/_index.md] }\n  - { id: stress, name: Стресс }\nquestions:\n  - type: scale\n    prompt: A\n    trait: communication\n  - type: scale\n    prompt: B\n    trait: stress\n    reverse: true\nbands:\n  - { from: 0, to: 49, title: Low, read: [quiz.md] }\n  - { from: 50, to: 100, title: High, text: Да }\ntrait_bands:\n  stress:\n    - { from: 0, to: 100, text: ok }\n",
    "id: t\nquestions:\n  - { type: true-false, prompt: P, answer: true }\n",
];

fn check_quiz(yaml: &str) {
    const PATH: &str = "content/duties/quiz.md";
    let text = format!("---\ntitle: Q\n---\n\nIntro.\n\n```quiz\n{yaml}```\n");
    let links = resolver();
    let rendered = render(&MarkdownInput {
        source: PATH,
        dir: "duties",
        text: &text[17..],
        first_line: 4,
        links: &links,
        language: "ru",
        labels: &kurator::markdown::Labels::built_in("ru"),
        title_is_first_heading: false,
        terms: None,
    });
    assert_eq!(&text[..17], "---\ntitle: Q\n---\n");
    let cx = QuizContext {
        source: PATH,
        dir: "duties",
        links: &links,
        language: "ru",
        texts: &kurator::i18n::Texts::built_in("ru"),
        labels: &kurator::markdown::Labels::built_in("ru"),
    };
    for block in &rendered.quizzes {
        match render_block(block, &cx) {
            Ok(quiz) => {
                assert!(quiz.html.contains("<form"), "{}", quiz.html);
                assert!(!quiz.html.contains("<script>alert"), "{}", quiz.html);
                assert!(!quiz.html.contains("onerror=alert"), "{}", quiz.html);
                assert_inside(&text, 1, PATH, &quiz.links.problems);
            }
            Err(problems) => {
                assert!(!problems.is_empty());
                assert_inside(&text, 1, PATH, &problems);
            }
        }
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn quiz_near_valid(yaml in near_valid(QUIZ_SEEDS)) {
        check_quiz(&yaml);
    }

    #[test]
    fn quiz_arbitrary_text(yaml in "\\PC{0,200}\n") {
        check_quiz(&yaml);
    }
}

#[test]
fn quiz_seeds_are_valid() {
    let links = resolver();
    let cx = QuizContext {
        source: "content/duties/quiz.md",
        dir: "duties",
        links: &links,
        language: "ru",
        texts: &kurator::i18n::Texts::built_in("ru"),
        labels: &kurator::markdown::Labels::built_in("ru"),
    };
    for seed in QUIZ_SEEDS {
        let block = kurator::markdown::QuizBlock {
            yaml: seed.to_string(),
            first_line: 8,
            gift: false,
        };
        if let Err(problems) = render_block(&block, &cx) {
            panic!("{problems:#?}");
        }
    }
}

// ---------------------------------------------------------------------------
// Markdown: headings, links, nested lists, HTML blocks.

fn link_target() -> impl Strategy<Value = String> {
    let fixed = proptest::sample::select(
        &[
            "../kpi/_index.md",
            "../kpi/_index.md#ltv",
            "../kpi/ltv.md",
            "../kpi",
            "../kpi/",
            "cycle/index.md#a",
            "cycle/chart.png",
            "my page.md",
            "my%20page.md",
            "../Обучение/Шаг%201.md",
            "../kpi/img/a%20b.png",
            "../../../../etc/passwd",
            "../../kpi/ltv.md",
            "./../kpi/./ltv.md",
            "..",
            "../",
            ".",
            "./",
            "%2e%2e/%2e%2e/x.md",
            "..%2F..%2Fkpi/ltv.md",
            "quiz.md?x=1#y",
            "#top",
            "#",
            "",
            "/abs/path/",
            "https://example.com/a?b#c",
            "mailto:a@b.c",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "vbscript:x",
            "data:text/html,<script>alert(1)</script>",
            "&#106;avascript:alert(1)",
            "java\u{1}script:alert(1)",
        ][..],
    )
    .prop_map(str::to_string);
    prop_oneof![4 => fixed, 1 => "[a-z./%#]{0,16}"]
}

/// One Markdown block.
fn block() -> impl Strategy<Value = String> {
    let text = "[a-zA-Zа-яё0-9 *_`]{0,20}";
    prop_oneof![
        (1..7usize, text, proptest::option::of("[a-z-]{0,6}")).prop_map(|(level, t, id)| {
            let id = id.map(|i| format!(" {{#{i}}}")).unwrap_or_default();
            format!("{} {t}{id}\n", "#".repeat(level))
        }),
        (text, link_target(), text).prop_map(|(a, href, b)| format!("{a} [link]({href}) {b}\n")),
        (text, link_target()).prop_map(|(a, href)| format!("{a} ![img]({href})\n")),
        (text, link_target()).prop_map(|(a, href)| format!("[{a}]: {href}\n\n[{a}]\n")),
        link_target().prop_map(|href| format!("<{href}>\n")),
        proptest::collection::vec((0..12usize, text, any::<bool>()), 1..12).prop_map(|items| {
            let mut out = String::new();
            for (depth, t, ordered) in items {
                let marker = if ordered { "1." } else { "-" };
                out.push_str(&format!("{}{marker} {t}\n", "  ".repeat(depth)));
            }
            out
        }),
        (text, link_target()).prop_map(|(t, href)| format!(
            "<div class=\"x\" id=\"raw\">\n<a href=\"{href}\">{t}</a>\n</div>\n"
        )),
        Just("<!-- more -->\n".to_string()),
        Just("> [!WARNING]\n> careful\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | [x](../kpi/ltv.md) |\n".to_string()),
        Just("text[^n]\n\n[^n]: note\n".to_string()),
        Just("```quiz\nid: q\n```\n".to_string()),
        Just("```\n# not a heading\n```\n".to_string()),
        text.prop_map(|t| format!("{t}\n")),
    ]
}

/// Hrefs and srcs written by pulldown-cmark for Markdown links (raw HTML
/// blocks are left out by the caller).
fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

fn check_markdown(text: &str, with_raw_html: bool) {
    const PATH: &str = "content/duties/page.md";
    let links = resolver();
    let rendered = render(&MarkdownInput {
        source: PATH,
        dir: "duties",
        text,
        first_line: 5,
        links: &links,
        language: "ru",
        labels: &kurator::markdown::Labels::built_in("ru"),
        title_is_first_heading: false,
        terms: None,
    });
    assert_inside(text, 5, PATH, &rendered.links.problems);
    for link in &rendered.links.anchor_links {
        assert!(link.line >= 5 && link.line < 5 + text.split('\n').count());
    }
    if with_raw_html {
        return;
    }
    for url in urls(&rendered.html) {
        let lower = url.trim().to_ascii_lowercase();
        assert!(
            !lower.starts_with("javascript:")
                && !lower.starts_with("vbscript:")
                && !lower.starts_with("data:"),
            "script URL {url:?} in\n{}",
            rendered.html
        );
        // Rewritten internal links start with the base path and stay inside.
        if url.starts_with(BASE) {
            let path = url.split(['#', '?']).next().unwrap_or("");
            assert!(
                !path.split('/').any(|s| s == ".." || s == "."),
                "{url:?} leaves the site"
            );
        }
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn markdown_blocks(blocks in proptest::collection::vec(block(), 0..16)) {
        let text: String = blocks.concat();
        let raw = text.contains('<');
        check_markdown(&text, raw);
        let without_html: String = blocks
            .iter()
            .filter(|b| !b.contains('<'))
            .cloned()
            .collect::<Vec<_>>()
            .join("\n");
        check_markdown(&without_html, false);
    }

    #[test]
    fn markdown_arbitrary_text(text in "\\PC{0,300}") {
        check_markdown(&text, true);
    }

    #[test]
    fn markdown_near_valid(text in near_valid(&[
        "# T\n\n- [a](../kpi/ltv.md)\n  - [b](cycle/index.md#x)\n    - c\n\n<div>\n*x*\n</div>\n\n## H {#h}\n\n[self](#h)\n",
    ])) {
        check_markdown(&text, text.contains('<'));
    }

    /// Link rewriting on its own: every page or file href starts with the
    /// base path and has no `.` or `..` segment, from any folder.
    #[test]
    fn rewritten_links_stay_inside(
        from in proptest::sample::select(&["", "duties", "duties/cycle", "kpi/img", "a/b/c/d"][..]),
        href in link_target(),
    ) {
        let links = resolver();
        match links.resolve(from, &href) {
            Resolved::Page { href: out, .. } | Resolved::Asset { href: out } => {
                prop_assert!(out.starts_with(BASE), "{out}");
                let path = out.split('#').next().unwrap_or("");
                prop_assert!(!path.split('/').any(|s| s == ".." || s == "."), "{out}");
            }
            Resolved::Unsafe => {
                let lower = href.to_ascii_lowercase();
                prop_assert!(lower.contains("script:") || lower.contains("data:"));
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------
// Inputs the fuzzers (fuzz/, docs/hardening.md) found, run through the same
// checks. Each file is raw fuzzer input: like libFuzzer's `&str`, only its
// longest valid UTF-8 prefix is used.

fn fuzz_inputs(target: &str) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let valid = match std::str::from_utf8(&bytes) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap(),
        };
        out.push((path.display().to_string(), valid.to_string()));
    }
    assert!(!out.is_empty(), "no inputs in {}", dir.display());
    out
}

/// A quiz block on its own, as the fuzz target runs it: the YAML ends
/// where the block ends, with no closing fence line after it.
fn check_quiz_block(yaml: &str) {
    let links = resolver();
    let cx = QuizContext {
        source: "content/duties/quiz.md",
        dir: "duties",
        links: &links,
        language: "ru",
        texts: &kurator::i18n::Texts::built_in("ru"),
        labels: &kurator::markdown::Labels::built_in("ru"),
    };
    let block = kurator::markdown::QuizBlock {
        yaml: yaml.to_string(),
        first_line: 10,
        gift: false,
    };
    let text = format!("{}{yaml}", "\n".repeat(9));
    match render_block(&block, &cx) {
        Ok(quiz) => assert_inside(&text, 1, "content/duties/quiz.md", &quiz.links.problems),
        Err(problems) => assert_inside(&text, 1, "content/duties/quiz.md", &problems),
    }
}

#[test]
fn fuzz_regressions_config() {
    for (name, text) in fuzz_inputs("config") {
        println!("{name}");
        check_config(&text);
    }
}

#[test]
fn fuzz_regressions_quiz() {
    for (name, text) in fuzz_inputs("quiz") {
        println!("{name}");
        check_quiz_block(&text);
        check_quiz(&text);
    }
}

#[test]
fn fuzz_regressions_markdown() {
    for (name, text) in fuzz_inputs("markdown") {
        println!("{name}");
        check_markdown(&text, true);
    }
}

proptest! {
    #![proptest_config(cases(256))]

    /// Quiz blocks that end without a line break, as in the fuzz target.
    #[test]
    fn quiz_block_without_final_newline(yaml in near_valid(QUIZ_SEEDS)) {
        check_quiz_block(yaml.trim_end_matches('\n'));
    }
}

// ---------------------------------------------------------------------------
// `kurator serve` request paths: the sanitiser is the security boundary.

fn path_segment() -> impl Strategy<Value = String> {
    let fixed = proptest::sample::select(
        &[
            "..",
            ".",
            "",
            "%2e%2e",
            "%2E%2e",
            "%2e",
            ".%2e",
            "%252e%252e",
            "%2f",
            "%2F",
            "%5c",
            "%5C",
            "%00",
            "%",
            "%z",
            "%zz",
            "%f",
            "%ff",
            "%c3%a9",
            "%D0%BE",
            "%e2%80%ae",
            "é",
            "обучение",
            "\\",
            "..\\..",
            "C:",
            "c:",
            "a:b",
            "~",
            "index.html",
            "a b",
            "%20",
            "\u{202e}",
            "\u{0}",
            "\t",
            "kpi",
            "static",
            "?x=1",
            "#frag",
            ";",
            "..;",
            "%u002e",
        ][..],
    )
    .prop_map(str::to_string);
    prop_oneof![3 => fixed, 1 => "[a-z0-9._%~-]{0,8}", 1 => "\\PC{0,4}"]
}

fn request_path() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(path_segment(), 0..8),
        proptest::sample::select(&["/", "\\", "%2f", "//"][..]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(segments, sep, lead, trail)| {
            let mut out = String::new();
            if lead {
                out.push('/');
            }
            out.push_str(&segments.join(sep));
            if trail {
                out.push('/');
            }
            out
        })
}

fn check_site_path(raw: &str) {
    use kurator::serve::server::site_path;
    use std::path::{Component, Path};
    if let Ok(path) = site_path(raw) {
        assert!(!path.starts_with('/'), "{raw:?} -> {path:?}");
        assert!(
            !path.contains('\\') && !path.chars().any(char::is_control),
            "{raw:?} -> {path:?}"
        );
        for c in Path::new(&path).components() {
            assert!(matches!(c, Component::Normal(_)), "{raw:?} -> {path:?}");
        }
        for segment in path.trim_end_matches('/').split('/') {
            assert!(segment != ".." && segment != ".", "{raw:?} -> {path:?}");
            assert!(!segment.contains(':'), "{raw:?} -> {path:?}");
        }
    }
}

proptest! {
    #![proptest_config(cases(1024))]

    #[test]
    fn serve_paths_near_valid(raw in request_path()) {
        check_site_path(&raw);
    }

    #[test]
    fn serve_paths_arbitrary(raw in "\\PC{0,64}") {
        check_site_path(&raw);
        check_site_path(&format!("/{raw}"));
    }
}

#[test]
fn serve_paths_known_attacks_are_refused() {
    use kurator::serve::server::site_path;
    for raw in [
        "/../etc/passwd",
        "/a/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2fetc/passwd",
        "/..%5c..%5cwindows",
        "/a\\..\\b",
        "/C:/Windows",
        "/a%00.html",
        "//etc/passwd",
        "/a//b",
        "/./a",
    ] {
        assert!(site_path(raw).is_err(), "{raw} was accepted");
    }
    assert_eq!(site_path("/kpi/ltv/").unwrap(), "kpi/ltv/");
    assert_eq!(site_path("/%D0%BE/").unwrap(), "о/");
}
