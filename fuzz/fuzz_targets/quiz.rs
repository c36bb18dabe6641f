//! Arbitrary text as the YAML of a ```` ```quiz ```` block on line 10 of a
//! page of a tiny site: no panic; rejections point inside the block.
#![no_main]

use kurator::content::links::LinkResolver;
use kurator::content::walk::SourceFile;
use kurator::content::Site;
use kurator::markdown::QuizBlock;
use kurator::quiz::{render_block, QuizContext};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const FIRST: usize = 10;

fn resolver() -> &'static LinkResolver {
    static LINKS: OnceLock<LinkResolver> = OnceLock::new();
    LINKS.get_or_init(|| {
        let files: Vec<SourceFile> = ["_index.md", "kpi/_index.md", "duties/quiz.md"]
            .iter()
            .map(|p| SourceFile {
                rel: format!("content/{p}"),
                text: String::new(),
            })
            .collect();
        let (site, _) = Site::build(&files, false, &[]);
        LinkResolver::new(&site, "/kb/", ["duties/chart.png".to_string()])
    })
}

fn words(language: &'static str) -> &'static (kurator::i18n::Texts, kurator::markdown::Labels) {
    static RU: OnceLock<(kurator::i18n::Texts, kurator::markdown::Labels)> = OnceLock::new();
    static EN: OnceLock<(kurator::i18n::Texts, kurator::markdown::Labels)> = OnceLock::new();
    let cell = if language == "ru" { &RU } else { &EN };
    cell.get_or_init(|| {
        let texts = kurator::i18n::Texts::built_in(language);
        let labels = kurator::markdown::Labels::from_texts(&texts);
        (texts, labels)
    })
}

fuzz_target!(|text: &str| {
    let language = if text.len() % 2 == 0 { "ru" } else { "en" };
    let (texts, labels) = words(language);
    let cx = QuizContext {
        source: "content/duties/quiz.md",
        dir: "duties",
        links: resolver(),
        language,
        texts,
        labels,
    };
    let block = QuizBlock {
        yaml: text.to_string(),
        first_line: FIRST,
    };
    let last = FIRST + text.split('\n').count() - 1;
    match render_block(&block, &cx) {
        Ok(quiz) => {
            assert!(quiz.html.contains("<form"), "{}", quiz.html);
            for d in &quiz.link_problems {
                let line = d.line.expect("line");
                assert!((FIRST..=last).contains(&line), "{d}");
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            for d in &diagnostics {
                assert_eq!(d.path, "content/duties/quiz.md");
                let line = d.line.expect("a quiz diagnostic has a line");
                assert!((FIRST..=last).contains(&line), "line {line} not in {FIRST}..={last}: {d}");
            }
        }
    }
});
