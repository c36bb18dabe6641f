//! Issue 22: owners and review dates. A page past its review date shows a
//! calm notice with its owner, every reviewed page says who answers for it,
//! and `kurator check --stale` lists overdue and soon-due pages by owner in
//! text, JSON and CSV, failing CI on request. "Today" comes from `--today`,
//! then `SOURCE_DATE_EPOCH`, then the clock.

use std::process::Command;

use crate::support::{run, SiteTest};

/// The minimal fixture with owners and review dates: the guide section's
/// owner and period (a year) cover its page; the home page has the site's
/// period (six months).
fn reviewed_site() -> SiteTest {
    let site = SiteTest::fixture("minimal");
    let config = site.read("kurator.yaml");
    site.write("kurator.yaml", &format!("{config}review_every: 6 months\n"));
    let add = |path: &str, lines: &str| {
        let text = site.read(path);
        let text = text.replacen("---\n", &format!("---\n{lines}"), 1);
        site.write(path, &text);
    };
    add(
        "content/guide/_index.md",
        "owner: Отдел обучения\nreviewed: 2026-11-01\nreview_every: 1 year\n",
    );
    add("content/guide/first-steps.md", "reviewed: 2025-10-01\n");
    add(
        "content/_index.md",
        "owner: Редакция\nreviewed: 2026-03-01\n",
    );
    site
}

#[test]
fn an_overdue_page_shows_a_notice_with_its_owner_and_a_fresh_one_does_not() {
    let site = reviewed_site();
    let r = site.run(&["build", "--today", "2026-12-03"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let steps = site.read("public/guide/first-steps/index.html");
    assert!(
        steps.contains("<aside class=\"review-notice\" role=\"note\"><p>Страница могла устареть: последняя проверка — <time datetime=\"2025-10-01\">01.10.2025</time>. Если что-то изменилось, напишите ответственному: Отдел обучения.</p></aside>"),
        "the owner comes from the section: {}",
        &steps[steps.find("<main").unwrap_or(0)..]
    );
    assert!(steps.contains(
        "<p class=\"page-review\">Отвечает: Отдел обучения, проверено <time datetime=\"2025-10-01\">01.10.2025</time></p>"
    ));
    let guide = site.read("public/guide/index.html");
    assert!(!guide.contains("review-notice"), "reviewed a month ago");
    assert!(guide.contains("Отвечает: Отдел обучения"));
    let home = site.read("public/index.html");
    assert!(
        home.contains("напишите ответственному: Редакция."),
        "six months after March under the site's period"
    );

    // Another day is another build, not "Up to date": the notice may change.
    let r = site.run(&["build", "--today", "2026-06-01"]);
    assert!(!r.stdout.starts_with("Up to date"), "{}", r.stdout);
    assert!(!site
        .read("public/guide/first-steps/index.html")
        .contains("review-notice"));
}

#[test]
fn check_stale_lists_by_owner_in_json_csv_and_text_and_fails_on_request() {
    let site = reviewed_site();
    let r = site.run(&[
        "check",
        "--stale",
        "--today",
        "2027-10-15",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(report["today"], "2027-10-15");
    assert_eq!(report["overdue"], 2);
    assert_eq!(report["due_soon"], 1);
    let pages = report["pages"].as_array().unwrap();
    let rows: Vec<(&str, &str, &str, i64)> = pages
        .iter()
        .map(|p| {
            (
                p["owner"].as_str().unwrap(),
                p["source"].as_str().unwrap(),
                p["status"].as_str().unwrap(),
                p["days"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "Отдел обучения",
                "content/guide/first-steps.md",
                "overdue",
                379
            ),
            ("Отдел обучения", "content/guide/_index.md", "due-soon", 17),
            ("Редакция", "content/_index.md", "overdue", 409),
        ],
        "grouped by owner, most overdue first"
    );
    assert_eq!(pages[0]["due"], "2026-10-01");
    assert_eq!(pages[0]["url"], "guide/first-steps/");

    let r = site.run(&[
        "check",
        "--stale",
        "--today",
        "2027-10-15",
        "--format",
        "csv",
    ]);
    let mut csv = csv::Reader::from_reader(r.stdout.as_bytes());
    let headers = csv.headers().unwrap().clone();
    assert_eq!(&headers[0], "owner");
    let records: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3);
    assert_eq!(&records[0][1], "overdue");
    assert_eq!(&records[0][2], "379");

    let r = site.run(&["check", "--stale", "--today", "2027-10-15"]);
    assert!(
        r.stdout
            .starts_with("Отдел обучения:\n  content/guide/first-steps.md: 379 days overdue"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("2 pages overdue, 1 due within 30 days"),
        "{}",
        r.stdout
    );

    let fail = site.run(&[
        "check",
        "--stale",
        "--today",
        "2027-10-15",
        "--fail-on-stale",
    ]);
    assert_eq!(fail.code, 1);
    let pass = site.run(&[
        "check",
        "--stale",
        "--today",
        "2026-04-01",
        "--fail-on-stale",
    ]);
    assert_eq!(pass.code, 0, "{}", pass.stdout);
}

#[test]
fn today_falls_back_to_source_date_epoch() {
    let site = reviewed_site();
    let out = Command::new(env!("CARGO_BIN_EXE_kurator"))
        .args(["check", "--stale", "--format", "json", "--root"])
        .arg(site.root())
        .env("SOURCE_DATE_EPOCH", "1798761600") // 2027-01-01T00:00:00Z
        .output()
        .unwrap();
    let r = run(&out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["today"], "2027-01-01");
    let bad = site.run(&["build", "--today", "2027-02-30"]);
    assert_eq!(bad.code, 2, "a bad --today is a usage error");
    assert!(bad.stderr.contains("--today"), "{}", bad.stderr);
}

#[test]
fn bad_review_values_are_errors_at_their_place() {
    let site = SiteTest::fixture("minimal");
    let text = site.read("content/guide/first-steps.md");
    site.write(
        "content/guide/first-steps.md",
        &text.replacen(
            "---\n",
            "---\nreviewed: 2026-13-01\nreview_every: 6 moons\n",
            1,
        ),
    );
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("content/guide/first-steps.md:2:11: `reviewed: 2026-13-01`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("content/guide/first-steps.md:3:15: `review_every: 6 moons`: `moons` is not a unit of time"), "{}", r.stderr);
    assert!(r.stderr.contains("6 months"), "the help shows the form");
    let config = site.read("kurator.yaml");
    site.write("content/guide/first-steps.md", &text);
    site.write("kurator.yaml", &format!("{config}review_every: often\n"));
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("kurator.yaml:8:15: `review_every: often`"),
        "{}",
        r.stderr
    );
}

/// Issue 22: every page lists the pages that link to it, with the sentence
/// the link stands in; a page is not listed under itself.
#[test]
fn pages_list_the_pages_that_link_to_them_with_the_sentence() {
    let site = crate::support::SiteTest::fixture("minimal");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let guide = site.read("public/guide/index.html");
    let aside = &guide[guide
        .find("<aside class=\"backlinks\"")
        .expect("the guide is linked to")..];
    let aside = &aside[..aside.find("</aside>").unwrap()];
    assert!(
        aside.contains("<h2 id=\"kurator-backlinks\">Ссылаются на эту страницу</h2>"),
        "{aside}"
    );
    // From the home page and from its own page, each with its sentence.
    assert!(aside.contains("Начните с гида."), "{aside}");
    assert!(
        aside.contains("Прочитайте правила и вернитесь к гиду."),
        "{aside}"
    );
    assert!(
        !aside.contains("href=\"/guide/\""),
        "not listed under itself"
    );
    let steps = site.read("public/guide/first-steps/index.html");
    assert!(
        steps.contains("Раздел с одной страницей: первые шаги."),
        "{steps}"
    );
}

/// Issue 22: every page has a small preview script beside the site, with
/// its title and each section's start, for previews of links to it.
#[test]
fn every_page_has_a_preview_script() {
    let site = crate::support::SiteTest::fixture("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let steps = site.read("public/guide/first-steps/_preview.js");
    assert!(
        steps.starts_with("(window.__kuratorPreviews=window.__kuratorPreviews||{})[\"guide/first-steps/\"]={\"title\":"),
        "{steps}"
    );
    assert!(
        steps.contains("[\"nachalo\","),
        "a section by its anchor: {steps}"
    );
    assert!(site.read("public/_preview.js").contains("[\"\"]="));
    let page = site.read("public/guide/first-steps/index.html");
    assert!(page.contains("preview."), "the page loads preview.js");
}

/// Issue 22: the glossary as one source. Terms from `data/glossary.yaml`
/// become sections of the glossary page (where it says `<!-- glossary -->`,
/// before the page's own last section); the first use of a term on a page,
/// in any inflected form, links to its section, but not in headings, code
/// or links, not a second time, not on a page that says `glossary: false`
/// and not for a term with `link: false`. Problems in the generated part
/// are reported at the YAML's lines; `check` warns about unused terms.
#[test]
fn glossary_terms_link_their_first_use_and_check_finds_unused_ones() {
    let site = SiteTest::fixture("glossary");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("warning: data/glossary.yaml:23: link to a missing page: `nowhere.md`"),
        "a broken related page is reported in the YAML: {}",
        r.stderr
    );
    let home = site.read("public/index.html");
    assert_eq!(home.matches("<a class=\"term\"").count(), 2, "{home}");
    assert!(
        home.contains("<a class=\"term\" href=\"/glossary/#act\">акты выполненных работ</a>"),
        "{home}"
    );
    assert!(home.contains("<a class=\"term\" href=\"/glossary/#crm\">CRM</a>-системе"));
    // (Typography puts a no-break space after «в» in text, not in code.)
    assert!(
        home.contains("<code>акт в коде</code>") && home.contains("\">акт в\u{a0}ссылке</a>"),
        "{home}"
    );
    assert!(
        home.contains("бриф не\u{a0}отмечается"),
        "link: false: {home}"
    );
    assert!(
        !site
            .read("public/docs/index.html")
            .contains("class=\"term\""),
        "glossary: false"
    );
    // A checklist item's label toggles its box: no term link there.
    let tasks = site.read("public/tasks/index.html");
    assert!(
        tasks.contains("<a class=\"term\" href=\"/glossary/#crm\">CRM</a> открывайте"),
        "{tasks}"
    );
    assert!(
        tasks.contains("<a class=\"term\" href=\"/glossary/#escalation\">эскалацию</a>"),
        "plain items link"
    );
    let glossary = site.read("public/glossary/index.html");
    assert!(
        !glossary.contains("class=\"term\""),
        "the glossary does not link to itself"
    );
    let at = |s: &str| {
        glossary
            .find(s)
            .unwrap_or_else(|| panic!("{s}: {glossary}"))
    };
    assert!(at("Слова, которые") < at("id=\"documents\""));
    assert!(at("id=\"act\"") < at("id=\"crm\"") && at("id=\"escalation\"") < at("id=\"next\""));
    assert!(
        glossary.contains("после подписи можно выставлять счёт"),
        "the long text"
    );
    assert!(glossary.contains("См. также: <a href=\"/docs/\">«Документы»</a>"));
    let check = site.run(&["check"]);
    assert!(
        check
            .stderr
            .contains("warning: data/glossary.yaml:27: no page uses the term «Скоуп»"),
        "{}",
        check.stderr
    );
    assert_eq!(
        check.stderr.matches("no page uses").count(),
        1,
        "{}",
        check.stderr
    );
    assert!(
        !check.stderr.contains("«Бриф»"),
        "a term never linked is not «unused»"
    );
    // Two terms with one id: an error at the second.
    let yaml = site
        .read("data/glossary.yaml")
        .replace("id: crm", "id: act");
    site.write("data/glossary.yaml", &yaml);
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("data/glossary.yaml:13: the id `act` is used by another term too"),
        "{}",
        r.stderr
    );
}

#[test]
fn check_warns_about_words_set_apart_on_two_pages_without_an_entry() {
    let site = SiteTest::fixture("glossary");
    let tasks = site.read("content/tasks.md");
    site.write(
        "content/tasks.md",
        &format!("{tasks}\nЗаполните **следующий шаг** и «ретеншн». Бриф — это **бриф**.\n"),
    );
    let docs = site.read("content/docs.md");
    site.write(
        "content/docs.md",
        &format!(
            "{docs}\nБез поля **Следующего шага** карточка пуста, «Ромашка» и **одна страница**.\n"
        ),
    );
    let check = site.run(&["check"]);
    let line = site.read("content/docs.md").lines().count();
    let docs_line = site
        .read("content/docs.md")
        .lines()
        .position(|l| l.contains("Следующего шага"))
        .unwrap()
        + 1;
    assert_eq!(line, docs_line, "the phrase is on the last line");
    assert!(
        check.stderr.contains(&format!(
            "warning: content/docs.md:{docs_line}:10: «Следующего шага» is set apart as a term on 2 pages but has no glossary entry"
        )),
        "at its first place (docs.md comes first): {}",
        check.stderr
    );
    assert_eq!(
        check.stderr.matches("is set apart as a term").count(),
        1,
        "«бриф» has an entry, the rest are on one page or names: {}",
        check.stderr
    );
}
