//! The command line: help, version, exit codes, `init` and `new`.

use std::process::Command;

use crate::support::{run, SiteTest};

fn kurator(args: &[&str]) -> crate::support::Run {
    run(&Command::new(env!("CARGO_BIN_EXE_kurator"))
        .args(args)
        .output()
        .unwrap())
}

#[test]
fn help_and_version() {
    let r = kurator(&["--version"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("kurator "));
    for sub in ["build", "check", "serve", "init", "new"] {
        let r = kurator(&[sub, "--help"]);
        assert_eq!(r.code, 0, "{sub}");
        assert!(r.stdout.contains("Usage: kurator"), "{sub}: {}", r.stdout);
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(kurator(&["frobnicate"]).code, 2);
    assert_eq!(kurator(&["build", "--no-such-flag"]).code, 2);
}

#[test]
fn missing_config_is_a_site_error_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let r = kurator(&["build", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("kurator init"), "{}", r.stderr);
}

#[test]
fn init_makes_a_site_that_builds_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("kb");
    let r = kurator(&["init", site.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = kurator(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let r = kurator(&["build", "--root", site.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(site
        .join("public/getting-started/first-page/index.html")
        .is_file());
    // A second init refuses to touch the site.
    let r = kurator(&["init", site.to_str().unwrap()]);
    assert_eq!(r.code, 2);
}

#[test]
fn new_page_has_front_matter_and_never_overwrites() {
    let site = SiteTest::fixture("minimal");
    let r = site.run(&["new", "content/guide/second-step.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = site.read("content/guide/second-step.md");
    assert!(text.starts_with("---\ntitle: Second step\n"), "{text}");
    assert!(text.contains("draft: true"));
    site.write("content/guide/second-step.md", "mine");
    let r = site.run(&["new", "content/guide/second-step.md"]);
    assert_eq!(r.code, 2);
    assert_eq!(site.read("content/guide/second-step.md"), "mine");
    assert_eq!(site.run(&["new", "../escape.md"]).code, 2);
    let r = site.run(&["build", "--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}
