//! One piece over 500 lines: the quiz tests share the fixtures and golden
//! helpers at the top; split by topic they would repeat them.
//!
//! Quiz blocks end to end: every authoring error at its file line, and the
//! HTML of each question type against golden files in
//! `tests/golden/quiz/` (run with `KURATOR_BLESS=1` to rewrite them, then
//! review the diff).

use super::*;
use crate::content::Site;

fn resolver() -> LinkResolver {
    let site = Site::from_paths(&[
        "_index.md",
        "kpi/_index.md",
        "duties/quiz.md",
        "skills/_index.md",
    ]);
    LinkResolver::new(&site, "/", [])
}

/// The block starts on file line 10, as if after a fence on line 9.
const FIRST: usize = 10;

fn run(yaml: &str) -> Result<RenderedQuiz, Vec<Diagnostic>> {
    run_in(yaml, "ru")
}

fn run_in(yaml: &str, language: &str) -> Result<RenderedQuiz, Vec<Diagnostic>> {
    let links = resolver();
    let texts = crate::i18n::Texts::built_in(language);
    let cx = QuizContext {
        source: "content/duties/quiz.md",
        dir: "duties",
        links: &links,
        language,
        texts: &texts,
        labels: &crate::markdown::Labels::from_texts(&texts),
    };
    render_block(
        &QuizBlock {
            yaml: yaml.to_string(),
            first_line: FIRST,
            gift: false,
        },
        &cx,
    )
}

/// Errors as (file line, message), for compact asserts.
fn errors(yaml: &str) -> Vec<(usize, String)> {
    match run(yaml) {
        Ok(_) => panic!("expected errors for:\n{yaml}"),
        Err(list) => list
            .into_iter()
            .map(|d| (d.line.unwrap_or(0), d.to_string()))
            .collect(),
    }
}

/// Asserts exactly one error, on YAML line `yaml_line` (0-based), whose
/// text contains `needle`.
fn one_error(yaml: &str, yaml_line: usize, needle: &str) {
    let list = errors(yaml);
    assert_eq!(list.len(), 1, "{list:#?}");
    assert_eq!(list[0].0, FIRST + yaml_line, "{list:#?}");
    assert!(
        list[0].1.contains(needle),
        "{:?} lacks {needle:?}",
        list[0].1
    );
}

const HEAD: &str = "id: t\ntitle: T\nquestions:\n";

#[test]
fn unknown_type_lists_types_and_suggests() {
    let yaml = format!("{HEAD}  - type: singel\n    prompt: P\n");
    one_error(&yaml, 3, "unknown quiz type \"singel\" (expected one of: single, multiple, true-false, order, match, scale; did you mean \"single\"?)");
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let yaml = format!("{HEAD}  - type: single\n    promt: P\n");
    let list = errors(&yaml);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].0, FIRST + 4);
    assert!(
        list[0].1.contains("unknown field `promt`") && list[0].1.contains("did you mean `prompt`?"),
        "{}",
        list[0].1
    );
    one_error("id: t\ntitel: T\n", 1, "did you mean `title`?");
}

#[test]
fn invalid_yaml_has_its_line() {
    let yaml = format!("{HEAD}  - type: single\n    prompt: [unclosed\n");
    let list = errors(&yaml);
    assert_eq!(list.len(), 1);
    assert!(list[0].1.contains("invalid YAML"), "{}", list[0].1);
    assert!(list[0].0 >= FIRST + 4, "{list:?}");
}

#[test]
fn single_with_zero_or_two_correct() {
    let zero = format!(
        "{HEAD}  - type: single\n    prompt: P\n    options:\n      - text: A\n      - text: B\n"
    );
    one_error(&zero, 3, "question 1 has no correct option");
    let two = format!(
        "{HEAD}  - type: true-false\n    prompt: X\n    answer: true\n  - type: single\n    prompt: P\n    options:\n      - {{ text: A, correct: true }}\n      - {{ text: B, correct: true }}\n"
    );
    one_error(&two, 6, "single-choice question 2 has 2 correct options (mark exactly one option `correct: true`, or use `type: multiple`)");
}

#[test]
fn multiple_with_none_correct() {
    let yaml = format!(
        "{HEAD}  - type: multiple\n    prompt: P\n    options:\n      - text: A\n      - text: B\n"
    );
    one_error(&yaml, 3, "question 1 has no correct option");
}

#[test]
fn order_needs_two_steps_and_match_two_pairs() {
    let order = format!("{HEAD}  - type: order\n    prompt: P\n    steps: [only]\n");
    one_error(
        &order,
        3,
        "order question 1 has 1 step(s); it needs at least two",
    );
    let pairs = format!(
        "{HEAD}  - type: match\n    prompt: P\n    pairs:\n      - {{ left: a, right: b }}\n"
    );
    one_error(&pairs, 3, "match question 1 has 1 pair(s)");
}

#[test]
fn empty_options_and_texts() {
    let yaml = format!("{HEAD}  - type: single\n    prompt: \"  \"\n    options:\n      - text: A\n        correct: true\n      - text: \"\"\n");
    let list = errors(&yaml);
    assert_eq!(list.len(), 2, "{list:#?}");
    assert_eq!(list[0].0, FIRST + 4);
    assert!(list[0].1.contains("empty prompt"));
    assert_eq!(list[1].0, FIRST + 8);
    assert!(list[1].1.contains("option 2 of question 1 has empty text"));
    let few = format!("{HEAD}  - type: single\n    prompt: P\n    options: []\n");
    one_error(
        &few,
        3,
        "question 1 has 0 option(s); a `single` question needs at least two",
    );
    let step =
        format!("{HEAD}  - type: order\n    prompt: P\n    steps:\n      - a\n      - \"\"\n");
    one_error(&step, 7, "step 2 of question 1 is empty");
}

#[test]
fn true_false_needs_an_answer() {
    let yaml = format!("{HEAD}  - type: single\n    prompt: P\n    options: [{{ text: a, correct: true }}, {{ text: b }}]\n  - type: true-false\n    prompt: Q\n");
    one_error(&yaml, 6, "true-false question 2 has no `answer`");
}

#[test]
fn keys_of_another_type_are_errors() {
    let yaml =
        format!("{HEAD}  - type: true-false\n    prompt: Q\n    answer: true\n    steps: [a, b]\n");
    one_error(
        &yaml,
        6,
        "`steps` does not apply to a `true-false` question",
    );
}

#[test]
fn all_problems_of_a_block_are_reported() {
    let yaml = format!(
        "{HEAD}  - type: single\n    prompt: P\n    options: [{{ text: a }}, {{ text: b }}]\n  - type: order\n    prompt: Q\n    steps: [a]\n  - type: true-false\n    prompt: R\n"
    );
    let lines: Vec<usize> = errors(&yaml).iter().map(|e| e.0 - FIRST).collect();
    assert_eq!(lines, [3, 6, 9]);
}

#[test]
fn quiz_level_rules() {
    one_error(
        "id: Bad Id\nquestions:\n  - { type: true-false, prompt: P, answer: true }\n",
        0,
        "for example `id: bad-id`",
    );
    one_error(
        "id: t\npass: 1.5\nquestions:\n  - { type: true-false, prompt: P, answer: true }\n",
        1,
        "`pass: 1.5` is out of range",
    );
    one_error("id: t\n", 0, "the quiz has no questions");
    one_error(
        "id: t\nquestions:\n  - { type: scale, prompt: P }\n",
        2,
        "belong to a self-assessment",
    );
}

const SELF_HEAD: &str = "\
id: fit
title: Fit
kind: self-assessment
scale: { min: 1, max: 5 }
traits:
  - { id: communication, name: Общение }
  - { id: stress, name: Стресс }
questions:
  - type: scale
    prompt: A
    trait: communication
";

#[test]
fn band_gaps_and_overlaps_point_at_the_band() {
    let gap = format!("{SELF_HEAD}bands:\n  - {{ from: 0, to: 49, title: Low }}\n  - {{ from: 60, to: 100, title: High }}\n");
    one_error(
        &gap,
        13,
        "scores 50–59 fall in no band (start this band at 50)",
    );
    let overlap = format!("{SELF_HEAD}bands:\n  - from: 0\n    to: 55\n    title: Low\n  - from: 50\n    to: 100\n    title: High\n");
    one_error(
        &overlap,
        15,
        "band 50–100 overlaps the one before it (scores 50–55 are in both)",
    );
    let end = format!("{SELF_HEAD}bands:\n  - {{ from: 0, to: 90, title: Low }}\n");
    one_error(&end, 12, "scores 91–100 fall in no band");
    let trait_gap = format!(
        "{SELF_HEAD}bands:\n  - {{ from: 0, to: 100, title: All }}\ntrait_bands:\n  stress:\n    - {{ from: 0, to: 40, text: a }}\n    - {{ from: 42, to: 100, text: b }}\n"
    );
    one_error(&trait_gap, 16, "scores 41–41 fall in no band");
}

#[test]
fn unknown_trait_in_statements_and_trait_bands() {
    let yaml = format!(
        "{SELF_HEAD}  - type: scale\n    prompt: B\n    trait: stres\nbands:\n  - {{ from: 0, to: 100, title: All }}\ntrait_bands:\n  calm:\n    - {{ from: 0, to: 100, text: x }}\n"
    );
    let list = errors(&yaml);
    assert_eq!(list.len(), 2, "{list:#?}");
    assert_eq!(list[0].0, FIRST + 13);
    assert!(
        list[0]
            .1
            .contains("unknown trait \"stres\" (did you mean \"stress\"?"),
        "{}",
        list[0].1
    );
    assert_eq!(list[1].0, FIRST + 17);
    assert!(
        list[1].1.contains("unknown trait \"calm\""),
        "{}",
        list[1].1
    );
}

#[test]
fn self_assessments_need_scale_and_bands() {
    let list = errors("id: s\nkind: self-assessment\nquestions:\n  - { type: scale, prompt: A }\n");
    assert_eq!(list.len(), 2, "{list:#?}");
    assert!(list.iter().all(|e| e.0 == FIRST + 1));
    let knowledge_only = format!("{SELF_HEAD}  - type: single\n    prompt: B\n    options: [{{ text: a, correct: true }}, {{ text: b }}]\nbands:\n  - {{ from: 0, to: 100, title: All }}\n");
    one_error(
        &knowledge_only,
        11,
        "a self-assessment has only `scale` statements",
    );
}

#[test]
fn block_markdown_where_a_line_is_expected() {
    let yaml = format!(
        "{HEAD}  - type: true-false\n    prompt: |\n      One.\n\n      Two.\n    answer: true\n"
    );
    one_error(&yaml, 5, "must be a single paragraph");
    let heading = format!("{HEAD}  - type: true-false\n    prompt: P\n    answer: true\n    explanation: \"## Why\"\n");
    one_error(&heading, 6, "cannot have headings");
}

#[test]
fn duplicate_ids_name_the_first_place() {
    let all: Vec<super::site::QuizId> = [
        ("content/a.md", 3, "x"),
        ("content/b.md", 7, "y"),
        ("content/c.md", 12, "x"),
        ("content/a.md", 40, "x"),
    ]
    .into_iter()
    .map(|(source, line, id)| super::site::QuizId {
        source: source.into(),
        line,
        id: id.into(),
    })
    .collect();
    let list = duplicate_ids(&all);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].to_string(), "error: content/c.md:12: quiz id \"x\" is already used at content/a.md:3 (give each quiz a different `id`: progress is saved by id)");
    assert_eq!(
        (list[1].path.as_str(), list[1].line),
        ("content/a.md", Some(40))
    );
}

#[test]
fn links_in_texts_are_rewritten_and_checked() {
    let yaml = format!(
        "{HEAD}  - type: true-false\n    prompt: See [KPI](../kpi/_index.md#ltv)\n    answer: true\n    explanation: |\n      Read [this](../nope.md).\n"
    );
    let quiz = run(&yaml).unwrap();
    assert!(quiz.html.contains("href=\"/kpi/#ltv\""), "{}", quiz.html);
    assert_eq!(quiz.links.anchor_links.len(), 1);
    assert_eq!(
        (
            quiz.links.anchor_links[0].anchor.as_str(),
            quiz.links.anchor_links[0].line
        ),
        ("ltv", FIRST + 4)
    );
    assert_eq!(quiz.links.problems.len(), 1);
    assert_eq!(quiz.links.problems[0].line, Some(FIRST + 7));
    assert_eq!(quiz.links.linked_pages.len(), 1);
}

#[test]
fn entry_line_and_hash() {
    let yaml = format!("# comment\n{HEAD}  - {{ type: true-false, prompt: P, answer: true }}\n");
    let a = run(&yaml).unwrap();
    assert_eq!((a.id.as_str(), a.line), ("t", FIRST + 1));
    assert_eq!(a.entry.kind, "knowledge");
    assert_eq!(a.entry.pass, Some(0.7));
    assert_eq!(a.entry.questions, 1);
    assert_eq!(a.entry.hash.len(), 16);
    assert_eq!(
        a.anchors()[..3],
        ["quiz-t-form", "quiz-t-title", "quiz-t-q1"]
    );
    // Comments and layout do not change the hash; content does.
    let b = run(&format!(
        "{HEAD}  - type: true-false\n    prompt: P\n    answer: true\n"
    ))
    .unwrap();
    assert_eq!(a.entry.hash, b.entry.hash);
    let c = run(&format!(
        "{HEAD}  - {{ type: true-false, prompt: P, answer: false }}\n"
    ))
    .unwrap();
    assert_ne!(a.entry.hash, c.entry.hash);
    let json = manifest_json(&[c.entry, a.entry]);
    assert!(json.starts_with("[\n  {\n    \"id\": \"t\""), "{json}");
}

#[test]
fn content_cannot_break_out_of_the_script() {
    let yaml = format!("{HEAD}  - type: match\n    prompt: P\n    pairs:\n      - {{ left: a, right: \"</script><b>\" }}\n      - {{ left: c, right: d }}\n");
    let quiz = run(&yaml).unwrap();
    assert!(!quiz.html.contains("</script><b>"));
    assert!(quiz.html.contains("&lt;/script&gt;&lt;b&gt;"));
    assert_eq!(quiz.html.matches("</script>").count(), 1);
}

#[test]
fn permutations_are_stable_and_never_solved() {
    for n in 2..8 {
        for seed in 0..50 {
            let p = render::permutation(n, seed);
            assert_ne!(p, (0..n).collect::<Vec<_>>());
            let mut sorted = p.clone();
            sorted.sort();
            assert_eq!(sorted, (0..n).collect::<Vec<_>>());
            assert_eq!(p, render::permutation(n, seed));
        }
    }
    assert_eq!(render::permutation(1, 3), [0]);
}

// --- Golden HTML, one file per question type ---------------------------------

fn golden(name: &str, yaml: &str, language: &str) {
    let html = match run_in(yaml, language) {
        Ok(q) => q.html,
        Err(e) => panic!("{e:#?}"),
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/quiz")
        .join(format!("{name}.html"));
    if std::env::var_os("KURATOR_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &html).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with KURATOR_BLESS=1", path.display()));
    assert!(
        expected == html,
        "{name}: HTML differs from {}; run with KURATOR_BLESS=1 and review the diff\n{html}",
        path.display()
    );
}

#[test]
fn golden_single() {
    golden(
        "single",
        "id: duties-basics\ntitle: Обязанности\nintro: Проверьте **себя**.\nquestions:\n  - type: single\n    prompt: Кто отвечает за *коммуникацию*?\n    hint: Подумайте о «лице проекта».\n    options:\n      - text: Аккаунт-менеджер\n        correct: true\n      - text: Проджект-менеджер\n        feedback: Проджект отвечает за команду.\n    explanation: См. [KPI](../kpi/_index.md).\n",
        "ru",
    );
}

#[test]
fn golden_multiple() {
    golden(
        "multiple",
        "id: docs\nattempts: 2\nshuffle: true\npass: 1\nquestions:\n  - type: multiple\n    prompt: Что входит в документооборот?\n    options:\n      - { text: Допсоглашения, correct: true }\n      - { text: Пролонгация, correct: true }\n      - { text: Реклама, feedback: Это работа специалистов. }\n",
        "ru",
    );
}

#[test]
fn golden_true_false() {
    golden(
        "true-false",
        "id: tf\ntitle: True or false\nquestions:\n  - type: true-false\n    prompt: An account manager sells the product.\n    answer: false\n    feedback: They keep and grow the client.\n    explanation: Retention, not sales.\n",
        "en",
    );
}

#[test]
fn golden_order() {
    golden(
        "order",
        "id: cycle\ntitle: Цикл\nquestions:\n  - type: order\n    prompt: Расставьте шаги по порядку.\n    steps:\n      - Собрать данные\n      - Подготовить отчёт\n      - Презентовать клиенту\n    explanation: Сначала данные.\n",
        "ru",
    );
}

#[test]
fn golden_match() {
    golden(
        "match",
        "id: terms\ntitle: Термины\nquestions:\n  - type: match\n    prompt: Соотнесите термин и значение.\n    pairs:\n      - { left: LTV, right: Доход от клиента за всё время }\n      - { left: Churn, right: Доля ушедших клиентов }\n      - { left: NPS, right: Готовность рекомендовать }\n",
        "ru",
    );
}

#[test]
fn golden_scale() {
    golden(
        "scale",
        "id: fit-check\ntitle: Подходит ли вам профессия?\nkind: self-assessment\nscale:\n  min: 1\n  max: 3\n  labels: [Нет, Отчасти, Да]\ntraits:\n  - id: communication\n    name: Коммуникабельность\n    read: { path: ../skills/_index.md, title: Навыки }\n  - id: stress\n    name: Стрессоустойчивость\nquestions:\n  - type: scale\n    prompt: Мне легко начать разговор.\n    trait: communication\n  - type: scale\n    prompt: Когда клиент недоволен, я теряюсь.\n    trait: stress\n    reverse: true\nbands:\n  - from: 0\n    to: 49\n    title: Пока скорее нет\n    text: Стоит подтянуть навыки.\n    read: [../skills/_index.md, ../kpi/_index.md#ltv]\n  - from: 50\n    to: 100\n    title: Скорее да\ntrait_bands:\n  communication:\n    - { from: 0, to: 59, text: Стоит потренировать. }\n    - { from: 60, to: 100, text: Сильная сторона. }\n",
        "ru",
    );
}

#[test]
fn progress_template_renders() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let page =
        std::fs::read_to_string(root.join("themes/default/templates/progress.html")).unwrap();
    let mut tera = tera::Tera::default();
    tera.add_raw_template(
        "base.html",
        "<title>{% block title %}{% endblock title %}</title>{% block page_assets %}{% endblock page_assets %}{% block script_texts %}{% endblock script_texts %}<main>{% block content %}{% endblock content %}</main>",
    )
    .unwrap();
    // The theme's asset function (content-hashed names) is the build's; a
    // plain name is enough here.
    tera.register_function(
        "asset_url",
        |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            kwargs.must_get::<&str>("path").map(String::from)
        },
    );
    // The interface words, as the build's `t` gives them (no arguments
    // other than `n` on this page).
    let texts = std::sync::Arc::new(crate::i18n::Texts::built_in("ru"));
    tera.register_function(
        "t",
        move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let n = kwargs.get::<i64>("n")?.map(|n| n as f64);
            texts
                .text(kwargs.must_get::<&str>("key")?, n, &[])
                .map_err(|e| tera::Error::message(e.to_string()))
        },
    );
    tera.register_function(
        "script_texts",
        |_: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> { Ok("{}".into()) },
    );
    tera.add_raw_template("progress.html", &page).unwrap();
    let mut entry = run(&format!(
        "{HEAD}  - {{ type: true-false, prompt: P, answer: true }}\n"
    ))
    .unwrap()
    .entry;
    entry.page_url = "/duties/quiz/".into();
    entry.page_title = "Quiz <page>".into();
    let mut context = tera::Context::new();
    context.insert("quizzes", &vec![entry]);
    context.insert(
        "site",
        &serde_json::json!({ "base_path": "/", "language": "ru", "title": "KB" }),
    );
    let html = tera.render("progress.html", &context).unwrap();
    assert!(
        html.contains("<tr class=\"quiz-progress-row\" data-quiz-id=\"t\""),
        "{html}"
    );
    assert!(html.contains("#quiz-t-form\">T</a>"), "{html}");
    assert!(html.contains("Quiz &lt;page&gt;"), "{html}");
    assert!(html.contains("class=\"quiz-progress-status\">не начат</td>"));
    context.insert("quizzes", &Vec::<QuizManifestEntry>::new());
    let empty = tera.render("progress.html", &context).unwrap();
    assert!(empty.contains("пока нет тестов"), "{empty}");
    assert!(
        empty.contains("<title>Мой прогресс — KB</title>"),
        "{empty}"
    );
}
