//! Huge and odd input (issue 9): each case builds, or fails with a clear
//! error, in bounded time, and never crashes (a stack overflow would abort
//! the `kurator` process, which these tests see as a signal).
//!
//! Sizes here keep the suite fast; `KURATOR_HUGE_MB` raises the size of the
//! big Markdown file (docs/hardening.md has the figures for 50 MB, measured
//! by hand on the release binary).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Run {
    code: Option<i32>,
    output: String,
    elapsed: Duration,
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("kurator.yaml"),
        "title: Huge\nbase_url: /\nlanguage: en\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("content/_index.md"), "# Home\n").unwrap();
    dir
}

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn build(root: &Path) -> Run {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_kurator"))
        .args(["build", "--root"])
        .arg(root)
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        elapsed: start.elapsed(),
    }
}

/// Builds and asserts success within `limit` (generous: a debug binary on a
/// shared machine).
fn builds(root: &Path, limit: Duration) -> Run {
    let run = build(root);
    assert_eq!(run.code, Some(0), "{}", run.output);
    assert!(run.elapsed < limit, "took {:?}", run.elapsed);
    println!("built in {:?}", run.elapsed);
    run
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn big_markdown_file() {
    let mb: usize = std::env::var("KURATOR_HUGE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let dir = site();
    let block = "## Section\n\nSome *text* with a [link](../_index.md) and `code`, \
                 Кириллица и ещё немного слов для поиска.\n\n- item\n- item\n\n";
    let text = block.repeat(mb * 1024 * 1024 / block.len() + 1);
    write(dir.path(), "content/big.md", &text);
    builds(dir.path(), Duration::from_secs(30 * mb as u64 + 30));
    assert!(read(dir.path(), "big/index.html").contains("Кириллица"));
}

#[test]
fn ten_thousand_headings() {
    let dir = site();
    let mut text = String::new();
    for i in 0..10_000 {
        text.push_str(&format!("## Heading {i}\n\ntext {i}\n\n"));
    }
    // Same text, so ids must be made unique.
    for _ in 0..100 {
        text.push_str("## Same\n\n");
    }
    write(dir.path(), "content/headings.md", &text);
    builds(dir.path(), Duration::from_secs(60));
    let html = read(dir.path(), "headings/index.html");
    assert!(html.contains("id=\"heading-9999\""));
    assert!(html.contains("id=\"same-99\"") || html.contains("id=\"same-100\""));
}

#[test]
fn ten_thousand_level_nested_list_and_quote() {
    let dir = site();
    // `- - - x` nests a list in a list on one line.
    write(
        dir.path(),
        "content/list.md",
        format!("{}deep\n", "- ".repeat(10_000)),
    );
    write(
        dir.path(),
        "content/quote.md",
        format!("{}deep\n", "> ".repeat(10_000)),
    );
    // Indented the usual way, 1,000 levels (10,000 would be 100 MB of spaces).
    let mut indented = String::new();
    for i in 0..1_000 {
        indented.push_str(&" ".repeat(2 * i));
        indented.push_str("- item\n");
    }
    write(dir.path(), "content/indented.md", indented);
    write(
        dir.path(),
        "content/emphasis.md",
        format!("{}x{}\n", "*_".repeat(5_000), "_*".repeat(5_000)),
    );
    write(
        dir.path(),
        "content/links.md",
        format!("{}x{}\n", "[".repeat(10_000), "](a.md)".repeat(10_000)),
    );
    let run = build(dir.path());
    assert!(
        matches!(run.code, Some(0) | Some(1)),
        "crashed ({:?}): {}",
        run.code,
        run.output
    );
    assert!(run.elapsed < Duration::from_secs(120), "{:?}", run.elapsed);
    if run.code == Some(1) {
        assert!(run.output.contains("content/"), "{}", run.output);
    }
}

#[test]
fn deeply_nested_yaml_is_an_error_not_a_crash() {
    let dir = site();
    write(
        dir.path(),
        "content/yaml.md",
        format!(
            "---\ntitle: x\nextra:\n  deep: {}{}\n---\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    );
    write(
        dir.path(),
        "content/quiz.md",
        format!(
            "```quiz\nid: q\nquestions: {}{}\n```\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    );
    let run = build(dir.path());
    assert_eq!(run.code, Some(1), "{}", run.output);
    assert!(
        run.output.contains("content/yaml.md:4") && run.output.contains("content/quiz.md:"),
        "{}",
        run.output
    );
}

#[test]
fn quiz_with_five_thousand_options() {
    let dir = site();
    let mut quiz = String::from("```quiz\nid: many\nquestions:\n  - type: single\n    prompt: Which?\n    options:\n      - { text: Right, correct: true }\n");
    for i in 0..4_999 {
        quiz.push_str(&format!("      - text: Option {i}\n"));
    }
    quiz.push_str("  - type: order\n    prompt: Order\n    steps:\n");
    for i in 0..5_000 {
        quiz.push_str(&format!("      - Step {i}\n"));
    }
    quiz.push_str("```\n");
    write(dir.path(), "content/quiz.md", quiz);
    builds(dir.path(), Duration::from_secs(60));
    let html = read(dir.path(), "quiz/index.html");
    assert!(html.contains("Option 4998"));
}

#[test]
fn odd_file_names() {
    let dir = site();
    for name in [
        "with space.md",
        "Обязанности менеджера.md",
        "emoji 🚀 launch.md",
        "папка с пробелом/страница.md",
        "🎉/_index.md",
        "quote's & amp.md",
    ] {
        let title = name.trim_end_matches(".md");
        write(
            dir.path(),
            &format!("content/{name}"),
            format!("---\ntitle: \"{title}\"\n---\nText.\n"),
        );
    }
    write(
        dir.path(),
        "content/links.md",
        "[a](with%20space.md) [b](Обязанности%20менеджера.md) [c](<emoji 🚀 launch.md>) [d](папка%20с%20пробелом/страница.md) [e](🎉/)\n",
    );
    let run = builds(dir.path(), Duration::from_secs(60));
    assert!(!run.output.contains("missing"), "{}", run.output);
    read(dir.path(), "with-space/index.html");
    read(dir.path(), "Обязанности-менеджера/index.html");
    read(dir.path(), "emoji-🚀-launch/index.html");
    read(dir.path(), "папка-с-пробелом/страница/index.html");
    read(dir.path(), "🎉/index.html");
}

#[test]
fn content_tree_a_hundred_folders_deep() {
    let dir = site();
    let mut rel = String::from("content");
    for i in 0..100 {
        rel.push_str(&format!("/d{i}"));
    }
    write(dir.path(), &format!("{rel}/leaf.md"), "# Leaf\n\n[home](");
    let depth_up = "../".repeat(100);
    write(
        dir.path(),
        &format!("{rel}/leaf.md"),
        format!("# Leaf\n\n[home]({depth_up}_index.md)\n"),
    );
    builds(dir.path(), Duration::from_secs(60));
    let mut out = String::new();
    for i in 0..100 {
        out.push_str(&format!("d{i}/"));
    }
    assert!(read(dir.path(), &format!("{out}leaf/index.html")).contains("Leaf"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_errors() {
    let dir = site();
    write(dir.path(), "content/a/page.md", "# Page\n");
    std::os::unix::fs::symlink("..", dir.path().join("content/a/up")).unwrap();
    std::os::unix::fs::symlink("self", dir.path().join("content/self")).unwrap();
    std::os::unix::fs::symlink("missing.md", dir.path().join("content/dangling.md")).unwrap();
    let run = build(dir.path());
    assert_eq!(run.code, Some(1), "{}", run.output);
    assert!(run.output.contains("symbolic link loop"), "{}", run.output);
    assert!(run.output.contains("content/a/up"), "{}", run.output);
    assert!(run.elapsed < Duration::from_secs(30));
}

#[test]
fn crlf_file_with_bom() {
    let dir = site();
    let text = "\u{feff}---\r\ntitle: Windows\r\ntags: [a]\r\n---\r\n# Heading\r\n\r\n- one\r\n- two\r\n\r\n```quiz\r\nid: crlf\r\nquestions:\r\n  - type: true-false\r\n    prompt: Fine?\r\n    answer: true\r\n```\r\n";
    write(dir.path(), "content/win.md", text);
    write(
        dir.path(),
        "content/bad.md",
        "\u{feff}---\r\ntitle: Bad\r\ntitel: typo\r\n---\r\n",
    );
    let run = build(dir.path());
    // The typo is reported at its line, counted as the author sees it.
    assert_eq!(run.code, Some(1), "{}", run.output);
    assert!(run.output.contains("content/bad.md:3:1"), "{}", run.output);
    std::fs::remove_file(dir.path().join("content/bad.md")).unwrap();
    builds(dir.path(), Duration::from_secs(60));
    let html = read(dir.path(), "win/index.html");
    assert!(html.contains("<title>Windows"), "{html}");
    assert!(!html.contains('\r'));
    assert!(!html.contains('\u{feff}'));
}

#[test]
fn binary_and_invalid_utf8_files_are_errors() {
    let dir = site();
    write(
        dir.path(),
        "content/bin.md",
        [0u8, 159, 146, 150, 0xff, b'\n'],
    );
    write(dir.path(), "content/zero.md", "");
    write(dir.path(), "content/nul.md", "a\0b\n");
    let run = build(dir.path());
    assert_eq!(run.code, Some(1), "{}", run.output);
    assert!(
        run.output
            .contains("content/bin.md:1:2: the file is not valid UTF-8"),
        "{}",
        run.output
    );
}
