//! Item 10: messages point at the right place, once, in the author's
//! words, with the source line and a caret under the column.

use crate::support::SiteTest;

fn check(site: &SiteTest) -> String {
    let run = site.run(&["check"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    run.stderr
}

#[test]
fn duplicate_key_points_at_the_duplicate_with_a_caret() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/guide/dup.md",
        "---\ntitle: A\nweight: 1\ntitle: B\n---\nText.\n",
    );
    let err = check(&site);
    let at = err
        .find("error: content/guide/dup.md:4:1: invalid YAML: duplicate field `title`")
        .unwrap_or_else(|| panic!("{err}"));
    let block: Vec<&str> = err[at..].lines().take(5).collect();
    assert!(
        block[1]
            .trim_start()
            .starts_with("--> content/guide/dup.md:4:1"),
        "{block:?}"
    );
    assert!(block[3].ends_with("| title: B"), "{block:?}");
    assert!(block[4].ends_with("| ^"), "{block:?}");
}

#[test]
fn no_rust_type_names_and_keys_listed_once() {
    let site = SiteTest::fixture("minimal");
    site.write("content/guide/list.md", "---\n- a\n- b\n---\nText.\n");
    site.write(
        "content/guide/big.md",
        "---\nweight: -5000000000000000000000\n---\nText.\n",
    );
    site.write("content/guide/unk.md", "---\ncolour: red\n---\nText.\n");
    let err = check(&site);
    for rust in ["struct", "FrontMatter", "i128", "i64", "u32", "sequence"] {
        assert!(!err.contains(rust), "`{rust}` in:\n{err}");
    }
    let unk = err
        .lines()
        .find(|l| l.contains("content/guide/unk.md:2:1"))
        .unwrap();
    assert_eq!(unk.matches("search_weight").count(), 1, "{unk}");
}

#[test]
fn quiz_yaml_errors_show_one_position() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/guide/quiz.md",
        "---\ntitle: Q\n---\n```quiz\nid: q1\nquestions:\n  - type: single\n    prompt: P\n    options: [a, b]\n```\n",
    );
    let err = check(&site);
    let line = err
        .lines()
        .find(|l| l.contains("error: content/guide/quiz.md:"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.starts_with("error: content/guide/quiz.md:9:"),
        "{line}"
    );
    assert!(!line.contains("questions[0]"), "{line}");
    assert!(!line.contains(" at line "), "{line}");
}

#[test]
fn repetition_limit_explains_itself() {
    let site = SiteTest::fixture("minimal");
    let mut yaml = String::from("extra:\n  a: &a [x,x,x,x,x,x,x,x,x]\n");
    let mut prev = "a".to_string();
    for i in 0..8 {
        let list = vec![format!("*{prev}"); 9].join(",");
        yaml.push_str(&format!("  k{i}: &k{i} [{list}]\n"));
        prev = format!("k{i}");
    }
    site.write("content/guide/lol.md", &format!("---\n{yaml}---\nText.\n"));
    let err = check(&site);
    let line = err
        .lines()
        .find(|l| l.contains("content/guide/lol.md"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(line.contains("repetition limit"), "{line}");
    assert!(line.contains("anchors and aliases"), "{line}");
}

/// A page that cannot be read was also reported as a missing link target.
#[cfg(unix)]
#[test]
fn unreadable_or_broken_page_is_not_also_a_missing_link() {
    let site = SiteTest::fixture("minimal");
    std::os::unix::fs::symlink("nowhere.md", site.path("content/guide/gone.md")).unwrap();
    site.write("content/guide/bad.md", "---\ntitel: x\n---\n");
    site.write(
        "content/guide/links.md",
        "---\ntitle: L\n---\nSee [gone](gone.md) and [bad](bad.md).\n",
    );
    let err = check(&site);
    assert!(err.contains("error: content/guide/gone.md"), "{err}");
    assert!(err.contains("error: content/guide/bad.md:2:1"), "{err}");
    assert!(!err.contains("missing page"), "{err}");
}

#[test]
fn missing_template_names_the_front_matter_line() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/guide/tpl.md",
        "---\ntitle: T\ntemplate: landing.html\n---\nText.\n",
    );
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(
                "error: content/guide/tpl.md:3:11: `template: landing.html` names a template"
            ),
            "{command}: {}",
            run.stderr
        );
    }
}

#[test]
fn unsupported_language_warns_that_stemming_falls_back() {
    let site = SiteTest::fixture("minimal");
    let config = site
        .read("kurator.yaml")
        .replace("language: ru", "language: fr");
    site.write("kurator.yaml", &config);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: kurator.yaml:4:11: search has no stemmer for `language: fr`"),
        "{}",
        run.stderr
    );
}
