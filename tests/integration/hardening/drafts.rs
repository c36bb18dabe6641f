//! Item 5: a draft hides its bundle's files and its whole subtree.

use crate::support::SiteTest;

fn site_with_drafts() -> SiteTest {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/plan/index.md",
        "---\ntitle: Plan\ndraft: true\n---\nSecret plan.\n",
    );
    site.write("content/plan/notes.txt", "layoffs in March");
    site.write(
        "content/later/_index.md",
        "---\ntitle: Later\ndraft: true\n---\n",
    );
    site.write("content/later/child.md", "# Child\n\nUnreleased.\n");
    site.write("content/later/deep/leaf.md", "# Leaf\n");
    site.write("content/later/deep/diagram.svg", "<svg/>");
    site
}

#[test]
fn draft_bundles_and_sections_publish_nothing_of_theirs() {
    let site = site_with_drafts();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for gone in [
        "public/plan",
        "public/later",
        "public/plan/notes.txt",
        "public/later/child/index.html",
        "public/later/deep/diagram.svg",
    ] {
        assert!(!site.path(gone).exists(), "{gone} was published");
    }
    let everything: String = crate::support::snapshot(&site.path("public"))
        .into_iter()
        .map(|(rel, bytes)| format!("{rel}\n{}", String::from_utf8_lossy(&bytes)))
        .collect();
    for secret in ["layoffs", "Unreleased", "Secret plan", "/later/", "/plan/"] {
        assert!(!everything.contains(secret), "{secret} leaked");
    }
}

#[test]
fn drafts_flag_publishes_them() {
    let site = site_with_drafts();
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.read("public/plan/notes.txt"), "layoffs in March");
    assert!(site.path("public/later/child/index.html").is_file());
    assert!(site.path("public/later/deep/diagram.svg").is_file());
}
