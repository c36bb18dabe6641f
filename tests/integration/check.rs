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
