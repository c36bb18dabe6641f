//! GIFT quiz blocks and `kurator export quizzes` (issue 23): a page with a
//! ```` ```quiz gift ```` block of every supported question type builds into
//! a quiz form, errors in GIFT stand at their line:column, and the export
//! writes the same GIFT back (GIFT → Kurator → GIFT).

use crate::support::SiteTest;

#[test]
fn a_gift_block_builds_into_a_quiz() {
    let site = SiteTest::fixture("gift");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let html = site.read("public/bank/index.html");
    assert!(html.contains("data-quiz-id=\"bank-check\""), "{html}");
    for text in [
        "Who pays {in the end}: the client?",
        "The client ~ always",
        "Pick the two right ones",
        "The sky is green",
        "three",
    ] {
        assert!(html.contains(text), "{text} missing");
    }
    let more = site.read("public/bank/more/index.html");
    assert!(
        more.contains("data-quiz-id=\"more-check\"") && more.contains("Two plus two"),
        "a .gift file is a quiz page"
    );
    assert!(
        more.contains("<title>More questions, a whole GIFT file"),
        "titled by its first comment"
    );
    let manifest = site.read("public/quizzes.json");
    assert!(
        manifest.contains("\"id\": \"bank-check\"") && manifest.contains("\"questions\": 4"),
        "{manifest}"
    );
}

#[test]
fn gift_errors_stand_at_their_line_and_column() {
    let site = SiteTest::fixture("gift");
    let page = site.read("content/bank/_index.md");
    site.write(
        "content/bank/_index.md",
        &page.replace("=three -> 3", "=three -> 3\n}\n\nEssay {"),
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    // `Essay {` is line 33 of the file; its `{` is column 7.
    assert!(
        r.stderr.contains("content/bank/_index.md:33:7"),
        "{}",
        r.stderr
    );
    let site = SiteTest::fixture("gift");
    site.write(
        "content/bank/_index.md",
        &page.replace("~%50%Second", "~%40%Second"),
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("content/bank/_index.md:17:") && r.stderr.contains("90 %"),
        "{}",
        r.stderr
    );
}

#[test]
fn export_round_trips_gift_and_writes_moodle_xml() {
    let site = SiteTest::fixture("gift");
    let r = site.run(&["export", "quizzes", "--root", ".", "--format", "gift"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = site.read("content/bank/_index.md");
    let block = page
        .split("```quiz gift\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    // The exported text is the block minus its comment: same questions,
    // answers, feedback; then the .gift page's quiz.
    let expected = block.replace("// Exported from Moodle.\n", "");
    let (first, second) = r.stdout.split_at(expected.len());
    assert_eq!(first, expected);
    let more = site.read("content/bank/more.gift");
    let more = more.split_once('\n').unwrap().1; // its first line is a comment
    assert_eq!(second, format!("{more}\n"));
    let out = site.path("bank.xml");
    let r = site.run(&[
        "export",
        "quizzes",
        "--root",
        ".",
        "--format",
        "moodle-xml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let xml = site.read("bank.xml");
    assert!(
        xml.contains("<question type=\"matching\">") && xml.contains("$course$/top/bank-check"),
        "{xml}"
    );
}

#[test]
fn errors_in_a_gift_file_name_its_own_lines() {
    let site = SiteTest::fixture("gift");
    let text = site.read("content/bank/more.gift");
    site.write(
        "content/bank/more.gift",
        &text.replace("TRUE#It is", "TRUE#It is#Right"),
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("content/bank/more.gift:11:11"),
        "{}",
        r.stderr
    );
}
