//! The bundled Russian knowledge base (content/ and data/) against what
//! issue 18's «Done means» names: the sections, template blocks, case pages
//! with scenario quizzes, the exam, quiz feedback that teaches, no
//! «источник», size, arithmetic of every `Расчёт:` line, an onboarding path
//! without dead ends, and no 10-word run of the seed article.
//!
//! `KURATOR_CONTENT_ROOT` points the checks at another checkout (the writers'
//! worktree while they write); by default they read this repository. They
//! read only files inside that root, never the shared folder beside the repository.
//!
//! One file of about 800 lines: each check is short, and they share the
//! page, fence and quiz readers at the top; split per check they would
//! each need those again.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde_yaml::Value;

use crate::seed_windows;

fn root() -> PathBuf {
    std::env::var_os("KURATOR_CONTENT_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// A Markdown page of content/.
struct Page {
    /// Path under content/: `cases/upsell.md`.
    path: String,
    body: String,
    /// Line of the file on which `body` starts.
    body_line: usize,
    text: String,
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn pages() -> Vec<Page> {
    let content = root().join("content");
    let mut files = Vec::new();
    files_under(&content, &mut files);
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap_or_default();
            let (body, body_line) = split_front_matter(&text);
            Page {
                path: p
                    .strip_prefix(&content)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                body: body.to_string(),
                body_line,
                text,
            }
        })
        .collect()
}

fn split_front_matter(text: &str) -> (&str, usize) {
    if let Some(rest) = text.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---\n") {
            let body = &rest[end + 5..];
            let line = text[..text.len() - body.len()].lines().count() + 1;
            return (body, line);
        }
    }
    (text, 1)
}

/// A fenced block: its info string, text and the line its text starts on.
struct Fence {
    info: String,
    text: String,
    line: usize,
}

fn fences(page: &Page) -> Vec<Fence> {
    let mut out = Vec::new();
    let mut current: Option<Fence> = None;
    for (event, range) in Parser::new_ext(&page.body, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let line = page.body[..range.start].lines().count() + page.body_line + 1;
                current = Some(Fence {
                    info: info.to_string(),
                    text: String::new(),
                    line,
                });
            }
            Event::Text(t) => {
                if let Some(f) = &mut current {
                    f.text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// A parsed quiz block and where it is.
struct Quiz {
    page: String,
    line: usize,
    yaml: Value,
}

impl Quiz {
    fn id(&self) -> &str {
        self.yaml["id"].as_str().unwrap_or("")
    }
    fn questions(&self) -> &[Value] {
        self.yaml["questions"]
            .as_sequence()
            .map_or(&[], Vec::as_slice)
    }
    fn is_self_assessment(&self) -> bool {
        self.yaml["kind"].as_str() == Some("self-assessment")
    }
}

fn quizzes(pages: &[Page]) -> Vec<Quiz> {
    let mut out = Vec::new();
    for page in pages {
        for fence in fences(page) {
            if fence.info.split_whitespace().next() != Some("quiz") {
                continue;
            }
            let yaml = serde_yaml::from_str(&fence.text)
                .unwrap_or_else(|e| panic!("content/{}:{}: quiz YAML: {e}", page.path, fence.line));
            out.push(Quiz {
                page: page.path.clone(),
                line: fence.line,
                yaml,
            });
        }
    }
    out
}

fn fail_with(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what} ({} problems):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn issue_18_sections_exist() {
    let content = root().join("content");
    let mut missing = Vec::new();
    for section in [
        "",
        "about",
        "onboarding",
        "first-90-days",
        "workday",
        "templates",
        "documents",
        "cases",
        "crm",
        "kpi",
        "profession",
        "duties",
        "skills",
        "b2b-b2c",
        "salary",
        "career",
        "learning",
        "pros-cons",
        "faq",
        "glossary",
    ] {
        let index = content.join(section).join("_index.md");
        if !index.is_file() {
            missing.push(format!("content/{section}/_index.md"));
        }
    }
    for page in [
        "kpi/metrics.md",
        "onboarding/exam.md",
        "first-90-days/day-1.md",
        "first-90-days/week-1.md",
        "first-90-days/month-1.md",
        "first-90-days/month-2.md",
        "first-90-days/month-3.md",
    ] {
        if !content.join(page).is_file() {
            missing.push(format!("content/{page}"));
        }
    }
    fail_with("missing sections and pages", &missing);
}

#[test]
fn at_least_twelve_template_blocks() {
    let pages = pages();
    let templates: Vec<String> = pages
        .iter()
        .flat_map(|p| {
            fences(p)
                .into_iter()
                .filter(|f| f.info.split_whitespace().next() == Some("template"))
                .map(move |f| format!("content/{}:{}: {}", p.path, f.line, f.info))
        })
        .collect();
    assert!(
        templates.len() >= 12,
        "{} template blocks, at least 12 wanted:\n{}",
        templates.len(),
        templates.join("\n")
    );
    let untitled: Vec<String> = templates
        .iter()
        .filter(|t| t.ends_with(": template"))
        .cloned()
        .collect();
    fail_with("template blocks without a title", &untitled);
}

#[test]
fn eight_case_pages_each_with_a_scenario_quiz() {
    let pages = pages();
    let quizzes = quizzes(&pages);
    let cases: Vec<&Page> = pages
        .iter()
        .filter(|p| p.path.starts_with("cases/") && !p.path.ends_with("_index.md"))
        .collect();
    assert!(
        cases.len() >= 8,
        "{} case pages, at least 8 wanted",
        cases.len()
    );
    let mut problems = Vec::new();
    for case in cases {
        let stem = case
            .path
            .trim_start_matches("cases/")
            .trim_end_matches(".md");
        let id = format!("case-{stem}");
        match quizzes.iter().find(|q| q.page == case.path && q.id() == id) {
            None => problems.push(format!("content/{}: no quiz `{id}`", case.path)),
            Some(q) => {
                let n = q.questions().len();
                let singles = q
                    .questions()
                    .iter()
                    .all(|x| x["type"].as_str() == Some("single"));
                if !(2..=4).contains(&n) || !singles {
                    problems.push(format!(
                        "content/{}:{}: `{id}` has {n} questions; 2–4 `single` wanted",
                        q.page, q.line
                    ));
                }
            }
        }
        if !case.body.contains("условн") {
            problems.push(format!(
                "content/{}: not marked illustrative («Ситуация условная»)",
                case.path
            ));
        }
    }
    fail_with("case pages", &problems);
}

#[test]
fn final_exam_has_at_least_25_questions() {
    let pages = pages();
    let quizzes = quizzes(&pages);
    let exam = quizzes
        .iter()
        .find(|q| q.id() == "final-exam")
        .expect("a quiz with id final-exam");
    assert_eq!(exam.page, "onboarding/exam.md");
    let n = exam.questions().len();
    assert!(
        n >= 25,
        "the final exam has {n} questions, at least 25 wanted"
    );
    assert!(
        exam.yaml["pass"].as_f64().is_some(),
        "the exam states a pass mark"
    );
}

/// A feedback text without its links: what is left must explain.
fn without_links(text: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => out.push('\u{1}'),
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    // Drop link texts (between the markers) and pointer words.
    let mut kept = String::new();
    let mut in_link = false;
    for c in out.chars() {
        if c == '\u{1}' {
            in_link = !in_link;
        } else if !in_link {
            kept.push(c);
        }
    }
    let kept = kept
        .replace("См.", "")
        .replace("см.", "")
        .replace("Смотрите", "");
    kept.trim().to_string()
}

/// Feedback that teaches: at least 40 characters, and at least 40 once its
/// links and «см.» are taken out (a pointer alone is not feedback).
fn feedback_problem(text: Option<&str>, what: &str) -> Option<String> {
    let Some(text) = text.map(str::trim) else {
        return Some(format!("{what}: no text"));
    };
    let len = text.chars().count();
    let own = without_links(text).chars().count();
    if len < 40 || own < 40 {
        return Some(format!(
            "{what}: {len} characters ({own} without links/pointers), at least 40 wanted: «{text}»"
        ));
    }
    None
}

#[test]
fn every_quiz_option_has_feedback_that_teaches() {
    let pages = pages();
    let mut problems = Vec::new();
    for quiz in quizzes(&pages).iter().filter(|q| !q.is_self_assessment()) {
        for (n, q) in quiz.questions().iter().enumerate() {
            let at = format!(
                "content/{}:{}: `{}` question {}",
                quiz.page,
                quiz.line,
                quiz.id(),
                n + 1
            );
            match q["type"].as_str() {
                Some("single") | Some("multiple") => {
                    for (k, option) in q["options"].as_sequence().into_iter().flatten().enumerate()
                    {
                        problems.extend(feedback_problem(
                            option["feedback"].as_str(),
                            &format!("{at} option {} feedback", k + 1),
                        ));
                    }
                }
                Some("true-false") | Some("order") | Some("match") => {
                    for key in ["feedback", "explanation"] {
                        problems.extend(feedback_problem(q[key].as_str(), &format!("{at} {key}")));
                    }
                }
                _ => {}
            }
        }
    }
    fail_with("quiz feedback", &problems);
}

#[test]
fn no_source_mentions_in_content_or_data() {
    let mut files = Vec::new();
    files_under(&root().join("content"), &mut files);
    files_under(&root().join("data"), &mut files);
    let mut problems = Vec::new();
    for file in files {
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            if line.to_lowercase().contains("источник") {
                problems.push(format!(
                    "{}:{}: {}",
                    file.strip_prefix(root()).unwrap_or(&file).display(),
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    fail_with(
        "«источник» in pages (name the article once, on the «О курсе» page, without the word)",
        &problems,
    );
}

/// Prose words of a page: text outside fenced quiz YAML, plus the quiz's
/// texts (prompts, options, feedback…), not its keys and ids.
fn prose_words(page: &Page) -> usize {
    fn yaml_words(value: &Value, key: &str) -> usize {
        match value {
            Value::String(s) if !matches!(key, "id" | "type" | "kind" | "trait") => count_words(s),
            Value::Sequence(items) => items.iter().map(|v| yaml_words(v, key)).sum(),
            Value::Mapping(map) => map
                .iter()
                .map(|(k, v)| yaml_words(v, k.as_str().unwrap_or("")))
                .sum(),
            _ => 0,
        }
    }
    let mut words = 0;
    let mut in_quiz = false;
    let mut quiz_yaml = String::new();
    for event in Parser::new_ext(&page.body, Options::all()) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("quiz") =>
            {
                in_quiz = true;
                quiz_yaml.clear();
            }
            Event::End(TagEnd::CodeBlock) if in_quiz => {
                in_quiz = false;
                if let Ok(v) = serde_yaml::from_str::<Value>(&quiz_yaml) {
                    words += yaml_words(&v, "");
                }
            }
            Event::Text(t) if in_quiz => quiz_yaml.push_str(&t),
            Event::Text(t) | Event::Code(t) => words += count_words(&t),
            _ => {}
        }
    }
    words
}

fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[test]
fn at_least_45_pages_and_28000_words() {
    let pages = pages();
    let words: usize = pages.iter().map(prose_words).sum();
    println!("{} Markdown pages, {words} words", pages.len());
    assert!(
        pages.len() >= 45,
        "{} Markdown pages in content/, at least 45 wanted",
        pages.len()
    );
    assert!(
        words >= 28_000,
        "{words} words in content/, at least 28,000 wanted"
    );
}

/// A `Расчёт:` line's expression in evalexpr's syntax: `×` `·` → `*`, `−`
/// `–` → `-`, `÷` `:` → `/`, digit-group spaces (plain, no-break, thin)
/// dropped, decimal commas → points, and every number a float (evalexpr
/// divides integers as integers).
fn normalise_expression(text: &str) -> String {
    let mut s = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let next_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        match c {
            '×' | '·' | '*' => s.push('*'),
            '−' | '–' | '-' => s.push('-'),
            '÷' | '/' => s.push('/'),
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' if prev_digit && next_digit => {}
            ',' if prev_digit && next_digit => s.push('.'),
            c => s.push(c),
        }
    }
    // 12 → 12.0, so 7 / 2 is 3.5.
    let mut out = String::new();
    let mut number = String::new();
    let flush = |number: &mut String, out: &mut String| {
        if !number.is_empty() {
            out.push_str(number);
            if !number.contains('.') {
                out.push_str(".0");
            }
            number.clear();
        }
    };
    for c in s.chars() {
        if c.is_ascii_digit() || (c == '.' && !number.is_empty()) {
            number.push(c);
        } else {
            flush(&mut number, &mut out);
            out.push(c);
        }
    }
    flush(&mut number, &mut out);
    out
}

/// The number a result is written as, and its decimals: `95 %` → (95, 0),
/// `12,5 тыс. ₽` → (12.5, 1), `1 200 000 ₽` → (1200000, 0).
fn written_number(text: &str) -> Option<(f64, usize)> {
    let text = text.trim().trim_start_matches(['≈', '~']).trim();
    let mut digits = String::new();
    let mut decimals = None;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '0'..='9' => {
                digits.push(c);
                if let Some(d) = &mut decimals {
                    *d += 1;
                }
            }
            '-' | '−' if digits.is_empty() => digits.push('-'),
            ',' | '.'
                if decimals.is_none()
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                    && !digits.is_empty() =>
            {
                digits.push('.');
                decimals = Some(0);
            }
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'
                if !digits.is_empty() && chars.get(i + 1).is_some_and(char::is_ascii_digit) => {}
            _ if digits.is_empty() => return None,
            _ => break,
        }
    }
    Some((digits.parse().ok()?, decimals.unwrap_or(0)))
}

/// Checks one `Расчёт:` line; `None` when it holds.
fn check_calculation(line: &str) -> Option<String> {
    let after = line.split_once("Расчёт:")?.1;
    let after = after.replace("**", "").replace('`', "");
    let parts: Vec<&str> = after.split(['=', '≈']).map(str::trim).collect();
    if parts.len() < 2 {
        return Some("no ` = ` and result".into());
    }
    let Some((expected, decimals)) = written_number(parts[parts.len() - 1]) else {
        return Some(format!(
            "the result `{}` is not a number",
            parts[parts.len() - 1]
        ));
    };
    // Every step of a chain (`a = b = c`) must give the written result.
    for part in &parts[..parts.len() - 1] {
        let expression = normalise_expression(part.trim_end_matches(['%', '₽']).trim());
        let value = match evalexpr::eval_number(&expression) {
            Ok(v) => v,
            Err(e) => return Some(format!("cannot evaluate `{part}` (as `{expression}`): {e}")),
        };
        let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9;
        if (value - expected).abs() > tolerance {
            return Some(format!(
                "`{part}` gives {value}, the line says {expected} (rounded to {decimals} decimals)"
            ));
        }
    }
    None
}

#[test]
fn calculation_checker_understands_the_format() {
    assert_eq!(
        check_calculation("Расчёт: (40 − 2) / 40 × 100 = 95 %"),
        None
    );
    assert_eq!(check_calculation("Расчёт: 50 000 × 12 = 600 000 ₽"), None);
    assert_eq!(check_calculation("**Расчёт:** 7 / 2 = 3,5 месяца"), None);
    assert_eq!(check_calculation("Расчёт: 2 / 3 × 100 = 66,7 %"), None);
    assert_eq!(
        check_calculation("Расчёт: 1\u{a0}200 − 200 = 1000 = 1 000 клиентов"),
        None
    );
    assert!(check_calculation("Расчёт: (40 − 2) / 40 × 100 = 90 %").is_some());
    assert!(check_calculation("Расчёт: 2 / 3 × 100 = 66,6 %").is_some());
    assert!(check_calculation("Расчёт: сорок = 40").is_some());
    assert!(check_calculation("Расчёт: 40").is_some());
}

#[test]
fn every_calculation_in_content_is_right() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for page in pages() {
        for (n, line) in page.text.lines().enumerate() {
            if !line.contains("Расчёт:") {
                continue;
            }
            checked += 1;
            if let Some(problem) = check_calculation(line) {
                problems.push(format!("content/{}:{}: {problem}", page.path, n + 1));
            }
        }
    }
    println!("{checked} `Расчёт:` lines checked");
    fail_with("calculations", &problems);
    let metrics = fs::read_to_string(root().join("content/kpi/metrics.md")).unwrap_or_default();
    let worked = metrics.matches("Расчёт:").count();
    assert!(
        worked >= 6,
        "content/kpi/metrics.md has {worked} `Расчёт:` lines; one worked example per metric (LTV, churn, retention, NPS, CSAT, revenue per client) wanted"
    );
}

/// Content paths a page links to (relative `.md` links, resolved).
fn links_of(page: &Page) -> BTreeSet<String> {
    let dir = page.path.rsplit_once('/').map_or("", |(d, _)| d);
    let mut out = BTreeSet::new();
    for event in Parser::new_ext(&page.body, Options::all()) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            let target = dest_url.split('#').next().unwrap_or("");
            if target.is_empty() || target.contains(':') || !target.ends_with(".md") {
                continue;
            }
            let mut parts: Vec<&str> = if dir.is_empty() {
                Vec::new()
            } else {
                dir.split('/').collect()
            };
            for seg in target.split('/') {
                match seg {
                    "." | "" => {}
                    ".." => {
                        parts.pop();
                    }
                    s => parts.push(s),
                }
            }
            out.insert(parts.join("/"));
        }
    }
    out
}

fn onboarding_steps() -> Vec<Value> {
    let path = root().join("data/onboarding.yaml");
    let text = fs::read_to_string(&path).expect("data/onboarding.yaml");
    serde_yaml::from_str::<Vec<Value>>(&text).expect("data/onboarding.yaml is a list of steps")
}

#[test]
fn onboarding_path_runs_day_by_day_to_the_exam() {
    let steps = onboarding_steps();
    let pages = pages();
    let by_path: BTreeMap<&str, &Page> = pages.iter().map(|p| (p.path.as_str(), p)).collect();
    let quiz_ids: HashSet<String> = quizzes(&pages).iter().map(|q| q.id().to_string()).collect();
    let stages = ["День 1", "Неделя 1", "Месяц 1", "Месяцы 2–3", "Экзамен"];
    let mut problems = Vec::new();
    let mut last_stage = 0;
    for step in &steps {
        let id = step["id"].as_str().unwrap_or("?");
        let stage = step["stage"].as_str().unwrap_or("");
        match stages.iter().position(|s| *s == stage) {
            Some(i) if i >= last_stage => last_stage = i,
            Some(_) => problems.push(format!(
                "step `{id}`: stage «{stage}» comes after a later stage"
            )),
            None => problems.push(format!(
                "step `{id}`: stage «{stage}» is not one of {stages:?}"
            )),
        }
        if step["minutes"].as_u64().unwrap_or(0) == 0 {
            problems.push(format!("step `{id}`: no time estimate (`minutes`)"));
        }
        for path in step["pages"]
            .as_sequence()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !by_path.contains_key(path) {
                problems.push(format!("step `{id}`: no page content/{path}"));
            }
        }
        let checklist = step["checklist"].as_str();
        let quiz = step["quiz"].as_str();
        if checklist.is_none() && quiz.is_none() {
            problems.push(format!("step `{id}`: neither a checklist nor a quiz"));
        }
        if let Some(c) = checklist {
            if !by_path.get(c).is_some_and(|p| p.body.contains("- [ ]")) {
                problems.push(format!(
                    "step `{id}`: checklist page content/{c} has no task list"
                ));
            }
        }
        if let Some(q) = quiz {
            if !quiz_ids.contains(q) {
                problems.push(format!("step `{id}`: no quiz `{q}`"));
            }
        }
    }
    let last = steps.last().expect("at least one step");
    if last["stage"].as_str() != Some("Экзамен") || last["quiz"].as_str() != Some("final-exam")
    {
        problems.push("the last step is the exam (stage «Экзамен», quiz final-exam)".into());
    }
    fail_with("data/onboarding.yaml", &problems);
}

#[test]
fn onboarding_path_has_no_dead_end() {
    let steps = onboarding_steps();
    let pages = pages();
    let by_path: BTreeMap<&str, &Page> = pages.iter().map(|p| (p.path.as_str(), p)).collect();
    // The path's pages in order, each once.
    let mut path: Vec<&str> = Vec::new();
    for step in &steps {
        for p in step["pages"]
            .as_sequence()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !path.contains(&p) {
                path.push(p);
            }
        }
    }
    let mut problems = Vec::new();
    let home = by_path
        .get("_index.md")
        .map(|p| links_of(p))
        .unwrap_or_default();
    if !home.contains("onboarding/_index.md") {
        problems.push("content/_index.md does not link to the path (onboarding/_index.md)".into());
    }
    for (i, p) in path.iter().enumerate().take(path.len().saturating_sub(1)) {
        let Some(page) = by_path.get(p) else { continue };
        let links = links_of(page);
        if !path[i + 1..].iter().any(|later| links.contains(*later)) {
            problems.push(format!(
                "content/{p}: links to no later page of the path (next: {})",
                path[i + 1]
            ));
        }
    }
    fail_with("dead ends on the onboarding path", &problems);
}

/// The article's title, which the «О курсе» page quotes.
const ARTICLE_TITLE: &str =
    "Профессия Аккаунт-менеджер: суть и нюансы профессии, польза аккаунтинга для бизнеса";

#[test]
fn no_ten_word_run_of_the_seed_article() {
    let hashes_text = include_str!("../data/seed-windows.xxh3");
    let seed: HashSet<u64> = hashes_text
        .lines()
        .filter_map(|l| u64::from_str_radix(l.trim(), 16).ok())
        .collect();
    assert!(
        seed.len() > 1000,
        "tests/data/seed-windows.xxh3 looks empty"
    );
    // The «О курсе» page names the article once, by its title (issue 18).
    let title: HashSet<u64> = seed_windows::windows(ARTICLE_TITLE)
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    let about = root().join("content/about/_index.md");
    let mut files = Vec::new();
    files_under(&root().join("content"), &mut files);
    files_under(&root().join("data"), &mut files);
    let mut problems = Vec::new();
    for file in files {
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        for (hash, window) in seed_windows::windows(&text) {
            if seed.contains(&hash) && !(file == about && title.contains(&hash)) {
                problems.push(format!(
                    "{}: «{window}»",
                    file.strip_prefix(root()).unwrap_or(&file).display()
                ));
            }
        }
    }
    fail_with("runs of 10 words of the seed article", &problems);
}

#[test]
fn courses_name_every_school_in_its_official_spelling() {
    let text = fs::read_to_string(root().join("data/courses.yaml")).expect("data/courses.yaml");
    let missing: Vec<String> = [
        "ProductStar",
        "Skillbox",
        "Eduson Academy",
        "GeekBrains",
        "Яндекс Практикум",
        "НИИДПО",
    ]
    .iter()
    .filter(|p| !text.contains(*p))
    .map(ToString::to_string)
    .collect();
    fail_with("schools missing from data/courses.yaml", &missing);
}

/// Issue 22: every page of the bundled course names who answers for it and
/// when it was last checked, and none is stale on the day it was reviewed.
#[test]
fn every_page_has_an_owner_and_a_review_date() {
    let out = tempfile::tempdir().unwrap();
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_kurator"))
        .args(["build", "--today", "2026-12-03", "--root"])
        .arg(root())
        .arg("--output")
        .arg(out.path().join("site"))
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let mut problems = Vec::new();
    for page in pages() {
        let stem = page.path.strip_suffix(".md").unwrap();
        let html_path = match stem.strip_suffix("_index") {
            Some(dir) => format!("{dir}index.html"),
            None => format!("{stem}/index.html"),
        };
        let html = fs::read_to_string(out.path().join("site").join(&html_path)).unwrap_or_default();
        if !html.contains("<p class=\"page-review\">Отвечает: ")
            || !html.contains(", проверено <time datetime=")
        {
            problems.push(format!(
                "{}: no owner or review date at the foot",
                page.path
            ));
        }
        if html.contains("review-notice") {
            problems.push(format!("{}: stale on 2026-12-03", page.path));
        }
    }
    fail_with("pages without upkeep", &problems);
}
