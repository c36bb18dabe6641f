//! Unit tests of Kurator's own front matter (other tools' are beside
//! their reader, in `other_tools.rs`).

use super::*;

#[test]
fn splits_and_counts_lines() {
    let s = split("a.md", "---\ntitle: A\n---\n# Body\n").unwrap();
    assert_eq!(s.yaml, Some(("title: A\n", 2)));
    assert_eq!(s.body, "# Body\n");
    assert_eq!(s.body_line, 4);
}

#[test]
fn no_front_matter_is_all_body() {
    let s = split("a.md", "# Title\n\ntext").unwrap();
    assert_eq!(s.yaml, None);
    assert_eq!(s.body_line, 1);
    let s = split("a.md", "").unwrap();
    assert_eq!(s.body, "");
}

#[test]
fn unclosed_front_matter_is_an_error() {
    let d = split("a.md", "---\ntitle: A\n# Body\n").unwrap_err();
    assert_eq!(d.line, Some(1));
    assert!(d.message.contains("never closed"));
}

#[test]
fn empty_front_matter_is_fine() {
    let s = split("a.md", "---\n---\nbody").unwrap();
    assert_eq!(s.yaml, Some(("", 2)));
    assert_eq!(parse("a.md", "", 2).unwrap(), FrontMatter::default());
}

#[test]
fn errors_point_at_file_lines() {
    let errs = parse("content/x.md", "title: A\nwieght: 3\n", 2).unwrap_err();
    assert_eq!(errs[0].line, Some(3));
    assert_eq!(errs[0].help.as_deref(), Some("did you mean `weight`?"));
    let errs = parse("content/x.md", "title: A\ndate: 31.01.2026\n", 2).unwrap_err();
    assert_eq!(errs[0].line, Some(3));
}

#[test]
fn dates() {
    for ok in [
        "2026-01-31",
        "2028-02-29",
        "2026-01-31T10:00:00Z",
        "2026-01-31T10:00:00+03:00",
        "2026-01-31 10:00:00",
        "2026-01-31T10:00",
    ] {
        assert!(parse_date(ok).is_ok(), "{ok}");
    }
    for bad in [
        "2026-13-01",
        "31.01.2026",
        "2026-1-1",
        "2026-02-30",
        "2027-02-29",
        "2026-01-31Tjunk",
        "2026-04-31T10:00:00Z",
    ] {
        assert!(parse_date(bad).is_err(), "{bad}");
    }
    assert_eq!(
        parse_date("2026-01-02").unwrap(),
        FeedTime("2026-01-02T00:00:00Z".into())
    );
    assert_eq!(
        parse_date("2026-01-02 10:11:12").unwrap(),
        FeedTime("2026-01-02T10:11:12Z".into())
    );
    assert_eq!(
        parse_date("2026-01-02T10:11:12+03:00").unwrap(),
        FeedTime("2026-01-02T07:11:12Z".into())
    );
}

/// Issue 17 item 8: an impossible day is an error at its line:column.
#[test]
fn impossible_date_is_an_error_at_the_value() {
    let errs = parse("content/x.md", "title: A\ndate:   2026-02-30\n", 2).unwrap_err();
    let text = errs[0].to_string();
    assert!(
        text.starts_with(
            "error: content/x.md:3:9: `date: 2026-02-30` is not a date: there is no such day"
        ),
        "{text}"
    );
    assert!(!text.contains("civil"), "{text}");
}

#[test]
fn alias_positions_and_forms() {
    let yaml = "title: A\naliases:\n  - /old/\n  - https://e.com/x\n  - /a//b/\n";
    let errs = parse("x.md", yaml, 2).unwrap_err();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!((errs[0].line, errs[0].column), (Some(5), Some(5)));
    assert!(errs[0].message.contains("full URL"), "{}", errs[0]);
    assert_eq!((errs[1].line, errs[1].column), (Some(6), Some(5)));
    let front = parse("x.md", "aliases: [/a/, /b/]\ntemplate: t.html\n", 2).unwrap();
    assert_eq!(front.positions.aliases, vec![(2, 11), (2, 16)]);
    assert_eq!(front.positions.line("template"), Some(3));
    assert!(alias_problem("mailto:x").is_some());
    assert!(alias_problem("/").is_none());
    assert!(alias_problem("/old.html").is_none());
    assert!(alias_problem("/time:12/").is_none());
}

#[test]
fn bad_slug_and_alias() {
    let errs = parse("x.md", "slug: a/b\naliases: [../../etc]\n", 2).unwrap_err();
    assert_eq!(errs.len(), 2);
}

#[test]
fn search_weight_in_range() {
    assert_eq!(
        parse("x.md", "search_weight: 0.5\n", 2)
            .unwrap()
            .search_weight,
        Some(0.5)
    );
    assert_eq!(
        parse("x.md", "search_weight: 0\n", 2)
            .unwrap()
            .search_weight,
        Some(0.0)
    );
    let errs = parse("x.md", "title: T\nsearch_weight: -1\n", 2).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(errs[0]
        .to_string()
        .starts_with("error: x.md:3:1: search_weight -1 is out of range"));
    assert!(parse("x.md", "search_weight: .nan\n", 2).is_err());
}
