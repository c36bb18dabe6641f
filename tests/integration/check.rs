//! `kurator check`: every problem in one run, sorted, with positions.

use crate::support::SiteTest;

#[test]
fn reports_a_broken_link_with_its_position() {
    let site = SiteTest::fixture("broken_link");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: content/page.md:7:5: link to a missing page: `../nowhere.md`"),
        "{}",
        run.stderr
    );
    // build only warns about it, and succeeds
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: content/page.md:7:5"),
        "{}",
        run.stderr
    );
}

#[test]
fn reports_missing_anchors_on_other_and_same_pages() {
    let site = SiteTest::fixture("missing_anchor");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: content/"))
        .collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].starts_with(
            "error: content/source.md:6:1: link to a missing anchor `#fake` in content/target.md"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(
            "error: content/source.md:6:28: link to a missing anchor `#nope` on this page"
        ),
        "{}",
        lines[1]
    );
    assert!(!run.stderr.contains("#real"));
}

#[test]
fn reports_every_front_matter_problem_at_once() {
    let site = SiteTest::fixture("bad_front_matter");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    let broken = run.stderr.find("content/broken.md").unwrap();
    let typo = run.stderr.find("content/typo.md").unwrap();
    assert!(broken < typo, "sorted by file");
}

#[test]
fn clean_site_passes() {
    let site = SiteTest::fixture("minimal");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Check passed"));
}

#[test]
fn bundled_site_has_no_check_errors() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kurator"))
        .args(["check", "--root", env!("CARGO_MANIFEST_DIR")])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
}

#[test]
fn quiz_mistakes_across_the_site_are_reported_at_once() {
    let site = SiteTest::fixture("minimal");
    let quiz = |id: &str, ty: &str| {
        format!("---\ntitle: Q\n---\n\nText.\n\n```quiz\nid: {id}\ntitle: T\nquestions:\n  - type: {ty}\n    prompt: P\n    options:\n      - text: A\n        correct: true\n      - text: B\n        feedback: no\n    explanation: E\n```\n")
    };
    site.write("content/guide/q1.md", &quiz("same", "single"));
    site.write("content/guide/q2.md", &quiz("same", "single"));
    site.write("content/guide/q3.md", &quiz("other", "singel"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/guide/q2.md:8"),
        "duplicate id at its line: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/guide/q3.md:11"),
        "unknown type at its line: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean \"single\""),
        "{}",
        run.stderr
    );
    // And build refuses too, leaving no output.
    assert_eq!(site.run(&["build"]).code, 1);
    assert!(!site.path("public").exists());
}

#[test]
fn quizzes_render_as_forms_with_a_manifest() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/guide/quiz.md",
        "---\ntitle: Q\n---\n\nSee [start](first-steps.md#nachalo).\n\n```quiz\nid: guide-check\ntitle: T\nquestions:\n  - type: true-false\n    prompt: P\n    answer: true\n    feedback: no\n    explanation: See [start](first-steps.md#nachalo).\n```\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("public/guide/quiz/index.html");
    assert!(html.contains("<form class=\"quiz"), "{html}");
    assert!(html.contains("href=\"/kb/guide/first-steps/#nachalo\""));
    let manifest = site.read("public/quizzes.json");
    assert!(
        manifest.contains("\"id\": \"guide-check\"")
            && manifest.contains("\"page_url\": \"/kb/guide/quiz/\""),
        "{manifest}"
    );
    assert!(site
        .read("public/progress/index.html")
        .contains("guide-check"));
}
