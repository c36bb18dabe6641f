//! Issue 20: what a page's template shows from `data/` is searchable
//! (`search_data`), a wrong data name is an error at its line, and
//! `data/synonyms.yaml` reaches the index; a malformed thesaurus stops the
//! build at the item that is wrong.

use crate::support::SiteTest;

fn site_with_courses() -> SiteTest {
    let site = SiteTest::fixture("minimal");
    site.write(
        "data/courses.yaml",
        "- id: first\n  title: Школа Пример\n  duration: от двух до шести месяцев\n- title: Академия Образец\n  note: вечерние занятия\n",
    );
    let page = site.read("content/guide/first-steps.md");
    site.write(
        "content/guide/first-steps.md",
        &page.replacen(
            "---\n",
            "---\nsearch_data: courses\nsearch_anchor: \"course-{id}\"\n",
            1,
        ),
    );
    site
}

#[test]
fn data_items_shown_by_a_template_are_in_the_index() {
    let site = site_with_courses();
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let fragments: String = std::fs::read_dir(site.path("public/search/f"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        fragments.contains(r#"["course-first","Школа Пример","от двух до шести месяцев"]"#),
        "{fragments}"
    );
    assert!(
        fragments.contains(r#"["","Академия Образец","вечерние занятия"]"#),
        "{fragments}"
    );
}

#[test]
fn a_missing_data_list_is_an_error_at_its_line() {
    let site = site_with_courses();
    std::fs::remove_file(site.path("data/courses.yaml")).unwrap();
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stderr.contains("content/guide/first-steps.md:2:1"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("data/courses.yaml, which does not exist"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_thesaurus_reaches_the_index_and_a_bad_item_names_its_line() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "data/synonyms.yaml",
        "- [зп, зарплата]\n- {from: люди, to: [человек]}\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let meta = site.read("public/search/meta.js");
    assert!(meta.contains(r#""зп":[["зарплат"]]"#), "{meta}");
    assert!(meta.contains(r#""люд":[["человек"]]"#), "{meta}");
    site.write("data/synonyms.yaml", "- [зп, зарплата]\n- 42\n");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("data/synonyms.yaml:2:"), "{}", r.stderr);
}
