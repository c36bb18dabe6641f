//! Item 3: symbolic links in the site that lead outside it are errors at
//! `build`, `check` and `serve`, naming the link and its target; links
//! inside keep working; `allow_outside` in kurator.yaml opts a folder in.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::time::{Duration, Instant};

use super::preview::Preview;
use crate::support::SiteTest;

const SECRET: &str = "AWS_SECRET_ACCESS_KEY=hunter2";

/// A site with a secret file and a secret folder beside it (outside).
fn site_and_secrets() -> (SiteTest, tempfile::TempDir) {
    let site = SiteTest::fixture("minimal");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("environ"), SECRET).unwrap();
    std::fs::create_dir(outside.path().join("aws")).unwrap();
    std::fs::write(outside.path().join("aws/credentials"), SECRET).unwrap();
    (site, outside)
}

/// Nothing under the output holds the secret.
fn assert_not_published(site: &SiteTest) {
    let out = site.path("public");
    if !out.exists() {
        return;
    }
    for (rel, bytes) in crate::support::snapshot(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "{rel} holds the secret"
        );
    }
}

#[test]
fn links_out_of_every_input_folder_are_errors_at_build_and_check() {
    let (site, outside) = site_and_secrets();
    let o = outside.path();
    std::fs::create_dir_all(site.path("data")).unwrap();
    std::fs::create_dir_all(site.path("templates")).unwrap();
    std::fs::create_dir_all(site.path("themes/mine/static")).unwrap();
    let links = [
        ("content/env.txt", o.join("environ")),
        ("content/x", o.join("aws")),
        ("static/env.txt", o.join("environ")),
        ("data/env.yaml", o.join("environ")),
        ("templates/page.html", o.join("environ")),
        ("themes/mine/static/env.txt", o.join("environ")),
    ];
    for (link, target) in &links {
        symlink(target, site.path(link)).unwrap();
    }
    site.write(
        "kurator.yaml",
        &format!("{}theme: mine\n", site.read("kurator.yaml")),
    );
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}{}", run.stdout, run.stderr);
        for (link, target) in &links {
            let line = run
                .stderr
                .lines()
                .find(|l| l.contains(&format!("error: {link}:")))
                .unwrap_or_else(|| panic!("{command}: no error for {link}:\n{}", run.stderr));
            assert!(
                line.contains(&target.canonicalize().unwrap().display().to_string()),
                "{line}"
            );
            assert!(line.contains("allow_outside"), "{line}");
        }
        assert!(!run.stderr.contains(SECRET), "{}", run.stderr);
    }
    assert_not_published(&site);
}

#[test]
fn links_inside_the_site_keep_working() {
    let site = SiteTest::fixture("minimal");
    std::fs::create_dir_all(site.path("common")).unwrap();
    std::fs::write(site.path("common/logo.txt"), "logo").unwrap();
    symlink("../../common/logo.txt", site.path("content/guide/logo.txt")).unwrap();
    symlink(site.path("common"), site.path("static/shared")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.read("public/guide/logo.txt"), "logo");
    assert_eq!(site.read("public/shared/logo.txt"), "logo");
}

#[test]
fn allow_outside_opts_a_folder_in() {
    let (site, outside) = site_and_secrets();
    std::fs::write(outside.path().join("aws/public.txt"), "ok to publish").unwrap();
    symlink(outside.path().join("aws"), site.path("static/shared")).unwrap();
    site.write(
        "kurator.yaml",
        &format!(
            "{}allow_outside:\n  - {}\n",
            site.read("kurator.yaml"),
            outside.path().join("aws").display()
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.read("public/shared/public.txt"), "ok to publish");
    // Another folder is still refused.
    symlink(outside.path().join("environ"), site.path("content/env.txt")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: content/env.txt:"),
        "{}",
        run.stderr
    );
}

#[test]
fn serve_reports_the_link_and_never_serves_it() {
    let (site, outside) = site_and_secrets();
    symlink(outside.path().join("environ"), site.path("content/env.txt")).unwrap();
    symlink(outside.path().join("aws"), site.path("static/aws")).unwrap();
    let mut seen = Vec::new();
    // Nothing outside is opened: not by the build, not by the watcher.
    #[cfg(target_os = "linux")]
    let opened = super::link_trees::watch_outside(outside.path(), || serve_once(&site, &mut seen));
    #[cfg(not(target_os = "linux"))]
    let opened: Vec<String> = {
        serve_once(&site, &mut seen);
        Vec::new()
    };
    assert!(opened.is_empty(), "{opened:#?}");
    assert!(
        seen.iter()
            .any(|l| l.contains("error: content/env.txt:") && l.contains("outside the site")),
        "{seen:?}"
    );
}

fn serve_once(site: &SiteTest, seen: &mut Vec<String>) {
    let preview = Preview::start(site.root(), &[]);
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline && !seen.iter().any(|l| l.contains("static/aws")) {
        seen.extend(preview.stderr_lines());
        std::thread::sleep(Duration::from_millis(50));
    }
    for path in ["/env.txt", "/aws/credentials"] {
        let r = preview.get(path, &[]);
        assert!(!r.text().contains(SECRET), "{r:?}");
    }
}

#[test]
fn theme_given_as_a_path_explains_itself() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "kurator.yaml",
        &format!("{}theme: /etc\n", site.read("kurator.yaml")),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("kurator.yaml:8:8: `theme: /etc` is a path"),
        "{}",
        run.stderr
    );
}
