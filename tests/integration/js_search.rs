//! Runs the browser search code under node from `cargo test`: the stemmer
//! parity check (over every word of the repository's text, or Snowball's
//! vocabularies when `KURATOR_SNOWBALL_DIR` points at them), and the query
//! engine over an index built here by `build_index`. Without node the tests
//! say they skip; in CI a missing node is a failure (`support::tools`).

use std::path::{Path, PathBuf};
use std::process::Command;

use kurator::config::SearchConfig;
use kurator::markdown::TextSection;
use kurator::search::{build_index, SearchDoc, Sections};
use rust_stemmers::{Algorithm, Stemmer};

use crate::support::tools::{self, root};

/// Skips (or fails in CI) when node cannot run.
fn node_missing() -> bool {
    match tools::node() {
        Ok(_) => false,
        Err(reason) => {
            tools::missing(&reason, None);
            true
        }
    }
}

/// Runs `node --test <file>` with the given environment; panics with its
/// output when it fails.
fn run_node_test(file: &str, env: &[(&str, &Path)]) {
    let mut command = Command::new(tools::node().unwrap_or_else(|_| "node".into()));
    command
        .arg("--test")
        .arg(root().join("tests/js").join(file))
        .current_dir(root());
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        output.status.success(),
        "node --test {file} failed:\n{stdout}\n{stderr}"
    );
}

/// The words to compare the stemmers on: Snowball's vocabularies (with
/// Snowball's expected output) from `KURATOR_SNOWBALL_DIR` when it is set
/// (`<dir>/{russian,english}/{voc,output}.txt`, e.g. a checkout of
/// snowball-data), otherwise every distinct word of the repository's own
/// text (content, data, docs, source comments), which a clone always has.
fn vocabulary(language: &str) -> Vec<(String, String)> {
    if let Some(dir) = std::env::var_os("KURATOR_SNOWBALL_DIR") {
        let dir = PathBuf::from(dir).join(language);
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| {
                panic!("KURATOR_SNOWBALL_DIR: {}: {e}", dir.join(name).display())
            })
        };
        let (voc, output) = (read("voc.txt"), read("output.txt"));
        return voc
            .lines()
            .zip(output.lines())
            .map(|(w, o)| (w.to_string(), o.to_string()))
            .collect();
    }
    let cyrillic = language == "russian";
    let mut words = std::collections::BTreeSet::new();
    let mut files = Vec::new();
    for dir in ["content", "data", "docs", "src"] {
        collect_files(&root().join(dir), &mut files);
    }
    files.extend(["README.md", "BENCHMARKS.md"].map(|f| root().join(f)));
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let is_letter = |c: char| {
            if cyrillic {
                matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
            } else {
                c.is_ascii_alphabetic()
            }
        };
        for word in text
            .split(|c: char| !is_letter(c))
            .filter(|w| !w.is_empty())
        {
            words.insert(word.to_string());
        }
    }
    // No expected output: the comparison is with rust-stemmers only.
    words.into_iter().map(|w| (w, String::new())).collect()
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn stemmer_js_matches_rust_stemmers() {
    if node_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (language, algorithm) in [
        ("russian", Algorithm::Russian),
        ("english", Algorithm::English),
    ] {
        let stemmer = Stemmer::create(algorithm);
        let mut tsv = String::new();
        for (word, expected) in vocabulary(language) {
            let normalised = word.to_lowercase().replace('ё', "е");
            let line = [
                word.as_str(),
                &stemmer.stem(&word),
                &stemmer.stem(&normalised),
                &expected,
            ]
            .join("\t");
            tsv.push_str(&line);
            tsv.push('\n');
        }
        std::fs::write(dir.path().join(format!("{language}.tsv")), tsv).unwrap();
    }
    run_node_test(
        "stemmer-parity.test.mjs",
        &[("KURATOR_PARITY_DIR", dir.path())],
    );
}

fn section(anchor: Option<&str>, heading: &str, text: &str) -> TextSection {
    TextSection {
        anchor: anchor.map(String::from),
        heading: heading.into(),
        level: 2,
        text: text.into(),
    }
}

/// A small site the node test queries; `tests/js/search.test.mjs` knows its
/// pages by URL.
#[test]
fn search_js_queries_a_built_index() {
    if node_missing() {
        return;
    }
    let home = [section(
        None,
        "",
        "База знаний для новых сотрудников отдела продаж.",
    )];
    let am = [
        section(
            None,
            "",
            "Аккаунт-менеджер ведёт клиента после подписания договора.",
        ),
        section(
            Some("obyazannosti"),
            "Обязанности",
            "Аккаунт-менеджеры отвечают за внешнюю коммуникацию с клиентом и продление договоров.",
        ),
        section(
            Some("kpi"),
            "KPI",
            "Ключевые показатели: удержание, LTV и NPS в сегменте B2B.",
        ),
    ];
    let reporting = [
        section(None, "", "Каждую неделю клиенту отправляют отчёт."),
        section(
            Some("format"),
            "Формат отчёта",
            "Отчёт содержит цифры, выводы и план на следующую неделю.",
        ),
    ];
    let title_page = [section(None, "", "Короткая страница про сроки.")];
    let body_page = [section(
        None,
        "",
        "Здесь много слов про сроки, бюджеты и иногда про договоры с клиентом.",
    )];
    let xss = [section(
        None,
        "",
        "Пример опасного текста: <script>alert(1)</script> внутри страницы.",
    )];
    let people = [section(
        None,
        "",
        "Каждый человек в команде знает свою роль.",
    )];
    // «мена» stems to «мен», which «менеджер» begins: search.test.mjs's
    // whole-word test needs a short word that a longer one outnumbers.
    let tables = [section(
        None,
        "",
        "Строки таблицы заполняют по порядку. Мена строк местами не нужна.",
    )];
    let glossary = [
        section(None, "", "Короткие определения терминов."),
        section(
            Some("crm-term"),
            "CRM",
            "Программа для учёта клиентов и сделок.",
        ),
    ];
    let course = [section(
        None,
        "",
        "Онлайн-курс длится три месяца. Школа ProductStar проводит вебинары.",
    )];
    let schools = [section(None, "", "Программы школы Product Star и другие.")];
    let crm = [section(
        Some("crm"),
        "CRM-система",
        "В CRM-системе хранятся сделки. Продажи в B2B идут через CRM.",
    )];
    let tags_kpi = vec!["метрики".to_string()];
    let none: Vec<String> = Vec::new();
    let doc = |url, title, breadcrumb: Vec<&'static str>, description, tags, sections| SearchDoc {
        url,
        title,
        breadcrumb,
        description,
        tags,
        sections: Sections::Here(sections),
        weight: 1.0,
        defines: url == "/kb/glossary/",
    };
    let docs = [
        doc("/kb/", "База знаний", vec![], "", &none, &home[..]),
        doc(
            "/kb/role/account-manager/",
            "Аккаунт-менеджер",
            vec!["База знаний", "Роль"],
            "Кто это",
            &tags_kpi,
            &am[..],
        ),
        doc(
            "/kb/duties/reporting/",
            "Отчётность",
            vec!["База знаний", "Обязанности"],
            "",
            &none,
            &reporting[..],
        ),
        doc(
            "/kb/duties/deadlines/",
            "Договоры",
            vec!["База знаний", "Обязанности"],
            "",
            &none,
            &title_page[..],
        ),
        doc(
            "/kb/duties/budget/",
            "Бюджет",
            vec!["База знаний", "Обязанности"],
            "",
            &none,
            &body_page[..],
        ),
        doc(
            "/kb/security/",
            "Безопасность",
            vec!["База знаний"],
            "",
            &none,
            &xss[..],
        ),
        doc(
            "/kb/team/",
            "Команда",
            vec!["База знаний"],
            "",
            &none,
            &people[..],
        ),
        doc(
            "/kb/tools/crm/",
            "Инструменты",
            vec!["База знаний"],
            "",
            &none,
            &crm[..],
        ),
        doc(
            "/kb/tools/tables/",
            "Таблицы",
            vec!["База знаний"],
            "",
            &none,
            &tables[..],
        ),
        doc(
            "/kb/glossary/",
            "Глоссарий",
            vec!["База знаний"],
            "",
            &none,
            &glossary[..],
        ),
        doc(
            "/kb/learning/course/",
            "Обучение",
            vec!["База знаний"],
            "",
            &none,
            &course[..],
        ),
        doc(
            "/kb/learning/schools/",
            "Школы",
            vec!["База знаний"],
            "",
            &none,
            &schools[..],
        ),
    ];
    let mut config = SearchConfig::default();
    config
        .synonyms
        .insert("люди".into(), vec!["человек".into()]);
    config
        .synonyms
        .insert("ключевые показатели".into(), vec!["KPI".into()]);
    let files = build_index(&docs, &config, "ru").expect("an index in memory");
    // KURATOR_INDEX_OUT keeps the index for a look at it by hand.
    let dir = tempfile::tempdir().unwrap();
    let out = std::env::var_os("KURATOR_INDEX_OUT")
        .map_or_else(|| dir.path().to_path_buf(), PathBuf::from);
    for (name, bytes) in &files {
        let path = out.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    run_node_test("search.test.mjs", &[("KURATOR_INDEX_DIR", &out)]);
}

/// A site large enough for fragment files to hold several pages each:
/// every page has its own number, and `tests/js/search-groups.test.mjs`
/// checks that a query for the number presents that page.
#[test]
fn search_js_finds_pages_in_grouped_fragments() {
    if node_missing() {
        return;
    }
    const PAGES: usize = 4_321;
    let texts: Vec<[TextSection; 1]> = (0..PAGES)
        .map(|n| {
            [section(
                None,
                "",
                &format!("Страница номер {n} о работе с клиентом."),
            )]
        })
        .collect();
    let urls: Vec<String> = (0..PAGES).map(|n| format!("/p/{n:05}/")).collect();
    let titles: Vec<String> = (0..PAGES).map(|n| format!("Страница {n}")).collect();
    let docs: Vec<SearchDoc> = (0..PAGES)
        .map(|n| SearchDoc {
            url: &urls[n],
            title: &titles[n],
            breadcrumb: vec!["База"],
            description: "",
            tags: &[],
            sections: Sections::Here(&texts[n]),
            weight: 1.0,
            defines: false,
        })
        .collect();
    let files = build_index(&docs, &SearchConfig::default(), "ru").expect("an index in memory");
    let fragments = files
        .iter()
        .filter(|(name, _)| name.starts_with("search/f/"))
        .count();
    assert_eq!(fragments, PAGES.div_ceil(3), "three pages a fragment file");
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in &files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    run_node_test(
        "search-groups.test.mjs",
        &[("KURATOR_INDEX_DIR", dir.path())],
    );
}
