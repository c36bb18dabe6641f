//! serve's one-page fast path gives the bytes a clean build gives, and
//! declines changes that reach other pages.

use std::path::Path;

use kurator::incremental::rebuild_page;
use kurator::output::MemorySite;
use kurator::pipeline::{build, build_keeping, BuildOptions, Mode};

use crate::support::SiteTest;

fn options(root: &Path) -> BuildOptions {
    let mut o = BuildOptions::new(root, Mode::Serve);
    o.inject = Some("<script src=\"/__kurator/livereload.js\" defer></script>".into());
    o
}

#[test]
fn a_body_edit_renders_what_a_clean_build_renders() {
    let site = SiteTest::fixture("minimal");
    let opts = options(site.root());
    let (_, mut analysis) = build_keeping(&opts, &MemorySite::default()).unwrap();
    let page = "content/guide/first-steps.md";
    // Not the sentence that links to the guide: the guide lists it.
    let text = site
        .read(page)
        .replace("Это заметка.", "Это **новая** заметка.");
    site.write(page, &(text + "\n## Новый раздел\n\nЕщё текст.\n"));
    let (path, bytes) =
        rebuild_page(&mut analysis, &opts, Path::new(page)).expect("fast path applies");
    assert_eq!(path, "guide/first-steps/index.html");
    let clean = MemorySite::default();
    build(&opts, &clean).unwrap();
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        String::from_utf8(clean.get(&path).unwrap().to_vec()).unwrap()
    );
}

#[test]
fn changes_that_reach_other_pages_take_the_full_build() {
    let site = SiteTest::fixture("minimal");
    let opts = options(site.root());
    let page = "content/guide/first-steps.md";
    // A title change: the section tree and neighbours of other pages change.
    let (_, mut analysis) = build_keeping(&opts, &MemorySite::default()).unwrap();
    site.write(
        page,
        &site
            .read(page)
            .replace("title: Первые шаги", "title: Другие шаги"),
    );
    assert!(rebuild_page(&mut analysis, &opts, Path::new(page)).is_none());
    // The guide section has no description: its first paragraph is listed elsewhere.
    let (_, mut analysis) = build_keeping(&opts, &MemorySite::default()).unwrap();
    let section = "content/guide/_index.md";
    site.write(
        section,
        &site
            .read(section)
            .replace("Раздел с одной страницей", "Другой абзац"),
    );
    assert!(rebuild_page(&mut analysis, &opts, Path::new(section)).is_none());
    // The sentence a link stands in: the linked page lists it
    // («Ссылаются на эту страницу»).
    let (_, mut analysis) = build_keeping(&opts, &MemorySite::default()).unwrap();
    site.write(
        page,
        &site
            .read(page)
            .replace("Прочитайте **правила**", "Прочитайте **новые правила**"),
    );
    assert!(rebuild_page(&mut analysis, &opts, Path::new(page)).is_none());
    // A file that is not a page.
    assert!(rebuild_page(&mut analysis, &opts, Path::new("kurator.yaml")).is_none());
}
