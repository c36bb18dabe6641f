//! Arbitrary text as a page body: rendered without a panic, every link
//! problem inside the file, and every rewritten internal link inside the
//! site (starts with the base path, no `..` segment).
#![no_main]

use kurator::content::links::{LinkResolver, Resolved};
use kurator::content::Site;
use kurator::markdown::{render, MarkdownInput};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn resolver() -> &'static LinkResolver {
    static LINKS: OnceLock<LinkResolver> = OnceLock::new();
    LINKS.get_or_init(|| {
        let site = Site::from_paths(&[
            "_index.md",
            "kpi/_index.md",
            "kpi/ltv.md",
            "duties/cycle/index.md",
            "duties/a b.md",
        ]);
        LinkResolver::new(&site, "/kb/", ["duties/cycle/chart.png".to_string()])
    })
}

fn labels() -> &'static kurator::markdown::Labels {
    static LABELS: OnceLock<kurator::markdown::Labels> = OnceLock::new();
    LABELS.get_or_init(|| kurator::markdown::Labels::built_in("ru"))
}

fuzz_target!(|text: &str| {
    let links = resolver();
    let rendered = render(&MarkdownInput {
        source: "content/duties/page.md",
        dir: "duties",
        text,
        first_line: 3,
        links,
        language: "ru",
        labels: labels(),
        title_is_first_heading: false,
        terms: None,
    });
    let last = 3 + text.split('\n').count() - 1;
    for d in &rendered.link_problems {
        let line = d.line.expect("line");
        assert!((3..=last).contains(&line), "{d}");
    }
    // Link rewriting, checked on the destinations directly as well: the
    // text is also tried as a link target from a nested folder.
    for dest in [text, text.trim()] {
        match links.resolve("duties/cycle", dest) {
            Resolved::Page { href, .. } | Resolved::Asset { href } => {
                assert!(href.starts_with("/kb/"), "{href}");
                let path = href.split('#').next().unwrap_or("");
                assert!(!path.split('/').any(|s| s == ".." || s == "."), "{href}");
            }
            _ => {}
        }
    }
});
