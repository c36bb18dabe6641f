//! Items 4 and 7: one output file, two owners. Aliases that land on a
//! generated page or file are errors at the alias; pages on built-in URLs
//! are errors; copied files replacing generated ones are warnings with the
//! way to do it on purpose.

use crate::support::SiteTest;

fn page_with_aliases(aliases: &[&str]) -> String {
    let list: String = aliases.iter().map(|a| format!("  - '{a}'\n")).collect();
    format!("---\ntitle: Moved\naliases:\n{list}---\nText.\n")
}

#[test]
fn aliases_on_generated_urls_fail_check_and_build_at_their_line() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/moved.md",
        &page_with_aliases(&[
            "/",
            "/guide/",
            "/guide/first-steps/",
            "/404.html",
            "/search/",
            "/sitemap.xml",
            "/extra.txt",
        ]),
    );
    site.write(
        "content/elsewhere.md",
        &page_with_aliases(&["https://example.com/kb/old/"]),
    );
    let home_before = std::fs::read_to_string(site.path("content/_index.md")).unwrap();
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        let expect = [
            "content/moved.md:4:6: alias `/` would overwrite content/_index.md",
            "content/moved.md:5:6: alias `/guide/` would overwrite content/guide/_index.md",
            "content/moved.md:6:6: alias `/guide/first-steps/` would overwrite content/guide/first-steps.md",
            "content/moved.md:7:6: alias `/404.html` would overwrite the 404 page",
            "content/moved.md:8:6: alias `/search/` would overwrite the built-in search page",
            "content/moved.md:9:6: alias `/sitemap.xml` would overwrite the generated sitemap.xml",
            "content/moved.md:10:6: alias `/extra.txt` would overwrite static/extra.txt",
            "content/elsewhere.md:4:6: alias `https://example.com/kb/old/` is a full URL",
        ];
        for e in expect {
            assert!(
                run.stderr.contains(e),
                "{command}: missing {e}\n{}",
                run.stderr
            );
        }
    }
    assert!(!site.path("public").exists());
    assert_eq!(
        std::fs::read_to_string(site.path("content/_index.md")).unwrap(),
        home_before
    );
}

#[test]
fn built_in_pages_and_generated_files_are_not_silently_replaced() {
    let site = SiteTest::fixture("minimal");
    site.write("content/search/_index.md", "# My search\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: content/search/_index.md:1:1: this page is written to /search/, where the built-in search page is written too"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("templates/search.html"),
        "{}",
        run.stderr
    );
    std::fs::remove_dir_all(site.path("content/search")).unwrap();

    site.write("content/index.html", "<p>mine</p>");
    site.write("static/404.html", "<p>lost</p>");
    site.write("content/sitemap.xml", "<urlset/>");
    site.write("static/robots.txt", "User-agent: *\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for w in [
        "warning: content/index.html: this file replaces content/_index.md in the output (`index.html`)",
        "warning: static/404.html: this file replaces the 404 page",
        "warning: content/sitemap.xml: this file replaces the generated sitemap.xml",
        "warning: static/robots.txt: this file replaces the generated robots.txt",
    ] {
        assert!(run.stderr.contains(w), "missing {w}\n{}", run.stderr);
    }
    assert!(run.stderr.contains("replace_generated:"), "{}", run.stderr);
    // On purpose: listed, no warning for that file.
    site.write(
        "kurator.yaml",
        &format!(
            "{}replace_generated: [robots.txt]\n",
            site.read("kurator.yaml")
        ),
    );
    let run = site.run(&["build"]);
    assert!(!run.stderr.contains("static/robots.txt"), "{}", run.stderr);
    assert_eq!(site.read("public/robots.txt"), "User-agent: *\n");
}
