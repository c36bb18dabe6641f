//! Issue 21: `kurator import --from mdbook SRC DEST` writes a native site
//! that builds with the book's chapters, titles and order, includes
//! expanded and links rewritten; SRC is never changed and DEST must be new.

use std::path::Path;

use crate::support::{run, SiteTest};

pub(crate) fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn an_mdbook_becomes_a_site_that_builds_in_summary_order() {
    let book = SiteTest::fixture("mdbook-book");
    let before = snapshot(book.root());
    let dest = book.root().parent().unwrap().join("site-imported");
    let r = book.run(&["import", "--from", "mdbook", ".", dest.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("Imported 6 chapters"), "{}", r.stdout);
    assert_eq!(snapshot(book.root()), before, "the book is only read");

    let config = std::fs::read_to_string(dest.join("kurator.yaml")).unwrap();
    assert!(
        config.contains("title: \"Onboarding handbook\""),
        "{config}"
    );
    assert!(config.contains("language: \"en\""));
    let setup = std::fs::read_to_string(dest.join("content/guide/setup.md")).unwrap();
    assert!(
        setup.contains("fn main() {\n    println!(\"ready\");\n}"),
        "{setup}"
    );
    assert!(!setup.contains("ANCHOR"));
    let home = std::fs::read_to_string(dest.join("content/_index.md")).unwrap();
    assert!(
        home.contains("[getting started](chapter_1.md)")
            && home.contains("[the guide](guide/_index.md)"),
        "{home}"
    );
    assert!(std::fs::read_to_string(dest.join("content/unlisted.md"))
        .unwrap()
        .contains("draft: true"));

    let built = run(&std::process::Command::new(env!("CARGO_BIN_EXE_kurator"))
        .args(["build", "--root"])
        .arg(&dest)
        .output()
        .unwrap());
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(
        !built.stderr.contains("warning"),
        "the imported site builds clean: {}",
        built.stderr
    );
    let page = |p: &str| std::fs::read_to_string(dest.join("public").join(p)).unwrap();
    assert!(page("index.html").contains("<title>Onboarding handbook</title>"));
    assert!(page("chapter_1/index.html")
        .contains("<title>Getting started — Onboarding handbook</title>"));
    assert!(page("guide/index.html").contains("<title>The guide — Onboarding handbook</title>"));
    assert!(
        page("guide/setup/index.html").contains("<title>Setting up — Onboarding handbook</title>")
    );
    assert!(page("chapter_1/index.html").contains("href=\"/guide/setup/#tools\""));
    assert!(
        !dest.join("public/unlisted").exists(),
        "not in SUMMARY.md: a draft"
    );
    // SUMMARY.md's order: the home page's next chapter is «Getting started».
    let home_html = page("index.html");
    let next = &home_html[home_html.find("class=\"next\"").expect("a next link")..];
    assert!(
        next.starts_with("class=\"next\" href=\"/chapter_1/\""),
        "{}",
        &next[..120.min(next.len())]
    );
}

#[test]
fn import_never_writes_into_a_folder_with_files_or_into_the_book() {
    let book = SiteTest::fixture("mdbook-book");
    let r = book.run(&["import", "--from", "mdbook", ".", "src"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("is not an empty folder"), "{}", r.stderr);
    let r = book.run(&["import", "--from", "mdbook", ".", "out/site"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("inside the book"), "{}", r.stderr);
    assert!(!book.root().join("out").exists());
    let never = book.root().parent().unwrap().join("never-written");
    let r = book.run(&["import", "--from", "mdbook", "src", never.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("has no readable book.toml"),
        "{}",
        r.stderr
    );
    assert!(
        !never.exists(),
        "nothing is written for a folder that is not a book"
    );
}

/// Every index.html of a built site with its <title>, by path.
fn pages_and_titles(dir: &Path) -> Vec<(String, String)> {
    snapshot(dir)
        .into_iter()
        .filter(|(path, _)| path.ends_with("index.html"))
        .map(|(path, bytes)| {
            let html = String::from_utf8_lossy(&bytes).into_owned();
            let title = html
                .split_once("<title>")
                .and_then(|(_, rest)| rest.split_once("</title>"))
                .map(|(t, _)| t.to_string())
                .unwrap_or_default();
            (path, title)
        })
        .collect()
}

/// Issue 21: a Zola or Hugo site and an Obsidian vault, imported, build a
/// native site with the same pages and titles as the folder built in place;
/// the source is not changed.
#[test]
fn zola_hugo_and_obsidian_imports_build_the_same_pages() {
    for (fixture, from) in [("zola", "zola"), ("hugo", "hugo"), ("obsidian", "obsidian")] {
        let site = SiteTest::fixture(fixture);
        let before = snapshot(site.root());
        let in_place = site.root().parent().unwrap().join("in-place");
        let r = site.run(&["build", "-o", in_place.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{fixture}: {}", r.stderr);
        let dest = site.root().parent().unwrap().join("imported");
        let r = site.run(&["import", "--from", from, ".", dest.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{fixture}: {}{}", r.stdout, r.stderr);
        assert_eq!(
            snapshot(site.root()),
            before,
            "{fixture}: the source is only read"
        );
        assert!(dest.join("kurator.yaml").is_file());
        let built = dest.join("out");
        let b = run(&std::process::Command::new(env!("CARGO_BIN_EXE_kurator"))
            .args([
                "build",
                "--root",
                dest.to_str().unwrap(),
                "-o",
                built.to_str().unwrap(),
            ])
            .output()
            .unwrap());
        assert_eq!(b.code, 0, "{fixture}: {}", b.stderr);
        assert!(
            !b.stdout.contains("Read "),
            "{fixture}: a native site now: {}",
            b.stdout
        );
        assert_eq!(
            pages_and_titles(&built),
            pages_and_titles(&in_place),
            "{fixture}"
        );
    }
    // The wrong tool is refused before anything is written.
    let site = SiteTest::fixture("zola");
    let dest = site.root().parent().unwrap().join("never");
    let r = site.run(&["import", "--from", "hugo", ".", dest.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("is not a Hugo site: Kurator reads it as a Zola site"),
        "{}",
        r.stderr
    );
    assert!(!dest.exists());
}
