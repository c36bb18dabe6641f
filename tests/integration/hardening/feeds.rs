//! Item 8: dates are dates, and every XML file a build writes is XML.

use crate::support::SiteTest;

#[test]
fn an_impossible_date_is_an_error_at_its_line_and_column() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/guide/feb.md",
        "---\ntitle: Feb\ndate: 2026-02-30\n---\nText.\n",
    );
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(
                "error: content/guide/feb.md:3:7: `date: 2026-02-30` is not a date: there is no such day"
            ),
            "{}",
            run.stderr
        );
    }
}

/// A control character in a title made `atom.xml` invalid XML.
#[test]
fn every_xml_output_parses_with_a_real_xml_parser() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/guide/ctl.md",
        "---\ntitle: \"Bad\\x01title\\x0b \\uFFFE & <b>\"\ndescription: \"d\\x1f\"\ndate: 2026-01-02 10:00:00\nupdated: 2026-01-03T10:00:00+03:00\ntags: [\"t\\x02\"]\n---\nText.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut checked = 0;
    for (rel, bytes) in crate::support::snapshot(&site.path("public")) {
        if !rel.ends_with(".xml") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{rel} is not XML: {e}\n{text}");
        }
        checked += 1;
    }
    assert!(checked >= 2, "sitemap.xml and atom.xml at least");
    let feed = site.read("public/atom.xml");
    assert!(feed.contains("<title>Badtitle"), "{feed}");
    assert!(
        feed.contains("<published>2026-01-02T10:00:00Z</published>"),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2026-01-03T07:00:00Z</updated>"),
        "{feed}"
    );
}
