//! `kurator build`: fixture sites render to the expected files and URLs;
//! failed builds keep the old output; builds are deterministic.

use crate::support::{main_region, snapshot, SiteTest};

#[test]
fn minimal_site_writes_pages_and_site_files() {
    let site = SiteTest::fixture("minimal");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Built 1 page, 2 sections"),
        "{}",
        run.stdout
    );
    for file in [
        "public/index.html",
        "public/guide/index.html",
        "public/guide/first-steps/index.html",
        "public/404.html",
        "public/sitemap.xml",
        "public/robots.txt",
        "public/atom.xml",
        "public/tags/index.html",
        "public/tags/старт/index.html",
        "public/tags/онбординг/index.html",
        "public/old-first-steps/index.html",
        "public/extra.txt",
        "public/.kurator-output",
    ] {
        assert!(site.path(file).is_file(), "missing {file}");
    }
    let page = site.read("public/guide/first-steps/index.html");
    assert!(page.contains("<html lang=\"ru\""));
    assert!(page
        .contains("<link rel=\"canonical\" href=\"https://example.com/kb/guide/first-steps/\">"));
    assert!(
        page.contains("href=\"/kb/guide/\""),
        "links carry the base path"
    );
    assert!(site
        .read("public/robots.txt")
        .contains("Sitemap: https://example.com/kb/sitemap.xml"));
    assert!(site
        .read("public/sitemap.xml")
        .contains("<loc>https://example.com/kb/guide/first-steps/</loc>"));
    let feed = site.read("public/atom.xml");
    assert!(feed.contains("<title>Первые шаги</title>") && feed.contains("2026-01-15T00:00:00Z"));
    assert!(site
        .read("public/old-first-steps/index.html")
        .contains("url=https://example.com/kb/guide/first-steps/"));
}

#[test]
fn golden_main_region_of_a_page() {
    let site = SiteTest::fixture("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let html = site.read("public/guide/first-steps/index.html");
    let actual = main_region(&html);
    let golden_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/minimal-first-steps.html");
    if std::env::var_os("KURATOR_BLESS").is_some() {
        std::fs::create_dir_all(golden_path.parent().unwrap()).unwrap();
        std::fs::write(&golden_path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&golden_path)
        .expect("golden file (run with KURATOR_BLESS=1 to create it)");
    assert_eq!(
        actual,
        expected,
        "rendered <main> differs from {}; review and rerun with KURATOR_BLESS=1",
        golden_path.display()
    );
}

#[test]
fn nested_sections_and_title_from_heading() {
    let site = SiteTest::fixture("nested");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let deep = site.read("public/a/b/c/page/index.html");
    assert!(deep.contains("<title>Deep page — Nested</title>"), "{deep}");
    // The folder c/ has no _index.md: a section is made up for it.
    assert!(site.path("public/a/b/c/index.html").is_file());
    // Breadcrumbs list the whole trail.
    let crumbs = &deep[deep.find("class=\"breadcrumbs\"").unwrap()..];
    for t in [">A<", ">B<", ">c<"] {
        assert!(crumbs.contains(t), "breadcrumb {t}");
    }
    // The section tree marks the current page.
    assert!(deep.contains("<a aria-current=\"page\" href=\"/a/b/c/page/\">"));
}

#[test]
fn page_bundle_files_are_copied_beside_the_page() {
    let site = SiteTest::fixture("bundle");
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(site.path("public/guide/diagram.svg").is_file());
    assert!(site.path("public/guide/notes.txt").is_file());
    let html = site.read("public/guide/index.html");
    assert!(html.contains("src=\"/guide/diagram.svg\""), "{html}");
    assert!(html.contains("href=\"/guide/notes.txt\""));
}

#[test]
fn site_templates_override_the_theme() {
    let site = SiteTest::fixture("override");
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(site
        .read("public/page/index.html")
        .contains("<p class=\"custom\">custom: Page</p>"));
}

#[test]
fn bad_front_matter_fails_with_positions_and_keeps_old_output() {
    let site = SiteTest::fixture("bad_front_matter");
    // A good build first.
    let broken = site.read("content/broken.md");
    let typo = site.read("content/typo.md");
    std::fs::remove_file(site.path("content/broken.md")).unwrap();
    std::fs::remove_file(site.path("content/typo.md")).unwrap();
    assert_eq!(site.run(&["build"]).code, 0);
    let before = snapshot(&site.path("public"));
    site.write("content/broken.md", &broken);
    site.write("content/typo.md", &typo);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: content/broken.md:4:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: content/typo.md:3:1: invalid YAML: unknown field `wieght`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `weight`?"),
        "{}",
        run.stderr
    );
    assert_eq!(
        snapshot(&site.path("public")),
        before,
        "the old output must stay as it was"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("kurator-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
}

#[test]
fn template_errors_name_template_and_line() {
    let site = SiteTest::fixture("bad_template");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error: templates/page.html:3:"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let site = SiteTest::fixture("minimal");
    assert_eq!(site.run(&["build", "--output", "out1"]).code, 0);
    assert_eq!(site.run(&["build", "--output", "out2"]).code, 0);
    let a = snapshot(&site.path("out1"));
    let b = snapshot(&site.path("out2"));
    assert!(!a.is_empty());
    assert_eq!(a, b);
}

#[test]
fn bundled_site_builds_twice_identically() {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    for out in ["one", "two"] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_kurator"))
            .args(["build", "--root", root, "--output"])
            .arg(dir.path().join(out))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(
        snapshot(&dir.path().join("one")),
        snapshot(&dir.path().join("two"))
    );
}

#[test]
fn unsafe_output_folders_are_refused() {
    let site = SiteTest::fixture("minimal");
    let run = site.run(&["build", "--output", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    let run = site.run(&["build", "--output", "content"]);
    assert_eq!(run.code, 2);
    site.write("notes/mine.txt", "precious");
    let run = site.run(&["build", "--output", "notes"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not made by Kurator"), "{}", run.stderr);
    assert_eq!(site.read("notes/mine.txt"), "precious");
    assert!(site.path("content/_index.md").is_file());
}

#[test]
fn relative_build_links_end_in_index_html() {
    let site = SiteTest::fixture("minimal");
    assert_eq!(site.run(&["build", "--relative"]).code, 0);
    let html = site.read("public/guide/first-steps/index.html");
    assert!(html.contains("href=\"../../guide/index.html\""), "{html}");
    assert!(html.contains("data-root=\"../../\""));
    assert!(
        !html.contains("href=\"/kb/"),
        "no root-relative links remain"
    );
}

#[test]
fn drafts_only_with_the_flag() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/guide/draft.md",
        "---\ntitle: Черновик\ndraft: true\n---\nx\n",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(!site.path("public/guide/draft/index.html").exists());
    assert_eq!(site.run(&["build", "--drafts"]).code, 0);
    assert!(site.path("public/guide/draft/index.html").exists());
}

#[test]
fn odd_inputs_do_not_panic() {
    let site = SiteTest::fixture("minimal");
    std::fs::write(
        site.path("content/bad-utf8.md"),
        b"---\ntitle: x\n---\n\xff\xfe",
    )
    .unwrap();
    site.write("content/empty.md", "");
    site.write(
        "content/my page ✨.md",
        "\u{feff}---\r\ntitle: CRLF\r\n---\r\nBody\r\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: content/bad-utf8.md:4:1: the file is not valid UTF-8"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(site.path("content/bad-utf8.md")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .read("public/my-page-✨/index.html")
        .contains("<title>CRLF — Мини</title>"));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.path("content"), site.path("content/guide/loop")).unwrap();
        let run = site.run(&["build"]);
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains("symbolic link loop"), "{}", run.stderr);
    }
}

/// Edits the minimal fixture's first-steps page in its pages folder `dir`:
/// the next build runs in full and shows the edit.
fn edit_builds_again(site: &SiteTest, dir: &str) {
    let path = format!("{dir}/guide/first-steps.md");
    let source = site.read(&path);
    site.write(&path, &source.replace("Первые", "Вторые"));
    let run = site.run(&["build"]);
    assert!(run.stdout.starts_with("Built "), "{}", run.stdout);
    assert!(site
        .read("public/guide/first-steps/index.html")
        .contains("Вторые"));
}

/// Issue 8: building twice with nothing changed only checks; any change to
/// the sources, the options or the output itself builds again.
#[test]
fn no_change_rebuild_checks_and_stops() {
    let site = SiteTest::fixture("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = snapshot(&site.path("public"));
    let page = site.path("public/guide/first-steps/index.html");
    let inode = |p: &std::path::Path| {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).unwrap().ino()
    };
    let first_inode = inode(&page);

    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Up to date: 1 page, 2 sections"),
        "{}",
        run.stdout
    );
    assert_eq!(snapshot(&site.path("public")), before);
    assert_eq!(inode(&page), first_inode, "nothing was replaced");

    // A build killed between its swap and its cleanup leaves the old site
    // retired beside an output that is up to date: the next build, though
    // it writes nothing, still removes it.
    let retired = site.path(".public.kurator-old-999999999");
    std::fs::create_dir_all(retired.join("guide")).unwrap();
    std::fs::write(retired.join(".kurator-output"), "kurator").unwrap();
    std::fs::write(retired.join("guide/index.html"), "old").unwrap();
    let run = site.run(&["build"]);
    assert!(run.stdout.starts_with("Up to date"), "{}", run.stdout);
    let start = std::time::Instant::now();
    while retired.exists() && start.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(!retired.exists(), "the retired site is still there");

    // --force builds anyway, to the same bytes.
    let run = site.run(&["build", "--force"]);
    assert!(run.stdout.starts_with("Built "), "{}", run.stdout);
    assert_eq!(snapshot(&site.path("public")), before);

    // A change in a page's text builds again.
    edit_builds_again(&site, "content");
    assert!(site.run(&["build"]).stdout.starts_with("Up to date"));

    // So does a changed option…
    let run = site.run(&["build", "--base-url", "https://example.org/"]);
    assert!(run.stdout.starts_with("Built "), "{}", run.stdout);
    assert!(site.run(&["build"]).stdout.starts_with("Built "));

    // …and a file in the output edited or deleted by hand: it is put back.
    std::fs::write(&page, "edited by hand, longer than a page? no").unwrap();
    let run = site.run(&["build"]);
    assert!(run.stdout.starts_with("Built "), "{}", run.stdout);
    assert!(site
        .read("public/guide/first-steps/index.html")
        .contains("Вторые"));
    std::fs::remove_file(site.path("public/robots.txt")).unwrap();
    assert!(site.run(&["build"]).stdout.starts_with("Built "));
    assert!(site.path("public/robots.txt").is_file());
}

/// A build with warnings is not recorded, so the warnings show every time.
#[test]
fn warnings_are_shown_on_every_build() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/guide/broken.md",
        "---\ntitle: Broken\n---\n[nowhere](missing.md)\n",
    );
    for _ in 0..2 {
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.starts_with("Built "), "{}", run.stdout);
        assert!(run.stderr.contains("missing.md"), "{}", run.stderr);
    }
}

/// A site whose pages are in another folder (`content_dir: pages`) is up
/// to date only while that folder is unchanged; a build of pages at the
/// root (a vault) always runs in full (its output is among its files).
#[test]
fn up_to_date_watches_the_pages_folder_by_its_name() {
    let site = SiteTest::fixture("minimal");
    std::fs::rename(site.path("content"), site.path("pages")).unwrap();
    let config = site.read("kurator.yaml");
    site.write("kurator.yaml", &format!("{config}content_dir: pages\n"));
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(site.run(&["build"]).stdout.starts_with("Up to date"));
    edit_builds_again(&site, "pages");
    let vault = SiteTest::fixture("obsidian");
    assert_eq!(vault.run(&["build"]).code, 0);
    assert!(vault.run(&["build"]).stdout.contains("Built "));
}

/// Issue 24: past a budget of HTML and text, rendered pages wait in a
/// temporary file and sources are read again from their own files. A
/// build where every page goes that way (budget 0)
/// writes the same bytes as one that keeps them all in memory: pages, feed
/// with full text, quizzes, template blocks, the search index, link
/// previews and «Pages that link here» included.
#[test]
fn pages_that_wait_in_the_spill_file_build_the_same_bytes() {
    let build = |budget: &str| {
        let site = SiteTest::fixture("i18n");
        let config = site.read("kurator.yaml");
        site.write("kurator.yaml", &format!("{config}feed_full_text: true\n"));
        let kappa =
            site.read("content/zeta/kappa.md")
                .replacen("---\n", "---\ndate: 2026-11-01\n", 1);
        site.write("content/zeta/kappa.md", &kappa);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kurator"))
            .args(["build", "--today", "2026-12-04", "--root"])
            .arg(site.root())
            .env("KURATOR_SPILL_BUDGET", budget)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let files: Vec<(String, Vec<u8>)> = crate::support::snapshot(&site.path("public"))
            .into_iter()
            .filter(|(rel, _)| !rel.starts_with(".kurator"))
            .collect();
        (site, files)
    };
    let (_a, spilled) = build("0");
    let (_b, in_memory) = build("1000000000");
    assert!(spilled.len() > 20);
    for wanted in ["search/f/", "_preview.js", "search/t/"] {
        assert!(
            spilled
                .iter()
                .any(|(rel, _)| rel.starts_with(wanted) || rel.ends_with(wanted)),
            "the fixture has {wanted} files to compare"
        );
    }
    let home = &spilled.iter().find(|(r, _)| r == "zeta/kappa/index.html");
    assert!(
        home.is_some_and(
            |(_, html)| String::from_utf8_lossy(html).contains("Ссылаются на эту страницу")
        ),
        "the fixture has backlinks to compare"
    );
    assert_eq!(spilled.len(), in_memory.len());
    for ((rel, a), (rel_b, b)) in spilled.iter().zip(&in_memory) {
        assert_eq!(rel, rel_b);
        assert!(
            a == b,
            "{rel} differs when its HTML went through the spill file"
        );
    }
    let feed = String::from_utf8_lossy(&spilled.iter().find(|(r, _)| r == "atom.xml").unwrap().1)
        .into_owned();
    assert!(
        feed.contains("Flim flam."),
        "the feed's full text came back: {feed}"
    );
}
