use super::*;
use crate::content::walk::SourceFile;
use crate::content::Site;

fn resolver() -> LinkResolver {
    let files: Vec<SourceFile> = ["_index.md", "kpi/_index.md", "duties/report.md"]
        .iter()
        .map(|p| SourceFile::new(format!("content/{p}"), String::new()))
        .collect();
    let (site, _) = Site::build(&files, false, &[]);
    LinkResolver::new(&site, "/", ["duties/chart.png".to_string()])
}

fn md(text: &str) -> Rendered {
    let links = resolver();
    let input = MarkdownInput {
        source: "content/duties/report.md",
        dir: "duties",
        text,
        first_line: 5,
        links: &links,
        language: "ru",
        labels: &Labels::built_in("ru"),
        title_is_first_heading: false,
        terms: None,
    };
    render(&input)
}

#[test]
fn headings_get_ids_toc_and_self_links() {
    let r = md("# Отчёт\n\n## Что входит в работу?\n\n## Итоги {#itogi}\n\n## Итоги\n");
    assert!(r.html.contains("<h2 id=\"что-входит-в-работу\">Что входит в\u{a0}работу? <a class=\"heading-anchor\" href=\"#что-входит-в-работу\""), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"itogi\">"));
    assert!(r.html.contains("<h2 id=\"итоги\">"));
    let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["что-входит-в-работу", "itogi", "итоги"]);
    assert_eq!(r.toc[0].title, "Что входит в работу?");
}

#[test]
fn leading_title_heading_is_lifted_out() {
    let r = md("# Заголовок {#intro}\n\nТекст.\n\n# Второй\n");
    assert_eq!(r.title_anchor.as_deref(), Some("intro"));
    assert!(!r.html.contains("Заголовок"), "{}", r.html);
    assert!(r.html.contains("<h1 id=\"второй\">"));
    assert!(r.anchors.contains(&"intro".to_string()));
}

#[test]
fn explicit_ids_win_over_later_auto_ids() {
    let r = md("## A\n\n## B {#a}\n");
    assert!(r.html.contains("<h2 id=\"a-1\">A"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"a\">B"));
}

#[test]
fn links_are_rewritten_and_anchors_recorded() {
    let r = md("See [KPI](../kpi/_index.md#ltv) and [top](#itogi) and [ext](https://e.com).\n\n![chart](chart.png)\n");
    assert!(r.html.contains("href=\"/kpi/#ltv\""), "{}", r.html);
    assert!(r.html.contains("href=\"https://e.com\""));
    assert!(r.html.contains("src=\"/duties/chart.png\""));
    assert_eq!(r.links.anchor_links.len(), 1);
    assert_eq!(
        (
            r.links.anchor_links[0].line,
            r.links.anchor_links[0].anchor.as_str()
        ),
        (5, "ltv")
    );
    assert_eq!(r.links.own_anchor_links[0].anchor, "itogi");
    assert!(r.links.problems.is_empty());
}

#[test]
fn missing_links_are_problems_with_file_positions() {
    let r = md("text\n\nline [x](../nope.md) and ![i](missing.png)\n");
    assert_eq!(r.links.problems.len(), 2);
    assert_eq!(r.links.problems[0].line, Some(7));
    assert_eq!(r.links.problems[0].column, Some(6));
    assert!(r.links.problems[0].message.contains("missing page"));
}

#[test]
fn javascript_links_are_neutralised() {
    let r = md("[x](javascript:alert(1))\n");
    assert!(r.html.contains("href=\"#\""), "{}", r.html);
    assert_eq!(r.links.problems.len(), 1);
}

#[test]
fn alerts_become_callouts() {
    let r = md("> [!TIP]\n> Совет дня.\n");
    assert!(
        r.html.contains(
            "<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Совет</p>"
        ),
        "{}",
        r.html
    );
    assert!(!r.html.contains("<blockquote"));
}

#[test]
fn gfm_extensions() {
    let r =
        md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~\n\n- [x] done\n\nNote[^1].\n\n[^1]: Foot.\n");
    assert!(r
        .html
        .contains("<div class=\"table-wrap\" tabindex=\"0\"><table>"));
    assert!(r.html.contains("<del>x</del>"));
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("footnote"));
}

#[test]
fn code_keeps_language_and_quiz_becomes_placeholder() {
    let r = md("```rust\nfn x() {}\n```\n\n```quiz\nid: a\ntitle: T\n```\n");
    assert!(r.html.contains("<code class=\"language-rust\">"));
    assert_eq!(
        r.quizzes,
        vec![QuizBlock {
            yaml: "id: a\ntitle: T\n".into(),
            first_line: 10,
            gift: false,
        }]
    );
    assert!(r.html.contains(&quiz_placeholder(0)));
}

#[test]
fn summary_first_paragraph_and_words() {
    let r = md("Первый абзац  текста.\n\nВторой.\n\n<!-- more -->\n\nДальше.\n");
    assert_eq!(r.first_paragraph, "Первый абзац текста.");
    assert!(r.summary_html.as_deref().unwrap().contains("Второй."));
    assert!(!r.summary_html.as_deref().unwrap().contains("Дальше"));
    assert_eq!(r.word_count, 5);
    assert_eq!(reading_minutes(0), 1);
    assert_eq!(reading_minutes(401), 3);
}

#[test]
fn text_sections_follow_headings() {
    let r = md("Вступление.\n\n## Раздел {#r}\n\nТекст раздела.\n");
    assert_eq!(r.sections.len(), 2);
    assert_eq!(r.sections[0].anchor, None);
    assert_eq!(r.sections[1].anchor.as_deref(), Some("r"));
    assert_eq!(r.sections[1].heading, "Раздел");
    assert!(r.sections[1].text.contains("Текст раздела."));
}

#[test]
fn raw_html_passes_through_and_its_ids_count() {
    let r = md("<div id=\"custom\">x</div>\n");
    assert!(r.html.contains("<div id=\"custom\">"));
    assert!(r.anchors.contains(&"custom".to_string()));
}

#[test]
fn fragments_strip_single_paragraph() {
    let links = resolver();
    let input = MarkdownInput {
        source: "content/a.md",
        dir: "",
        text: "См. [KPI](kpi/_index.md).",
        first_line: 3,
        links: &links,
        language: "ru",
        labels: &Labels::built_in("ru"),
        title_is_first_heading: false,
        terms: None,
    };
    let f = render_fragment(&input, true);
    assert_eq!(f.html, "См. <a href=\"/kpi/\">KPI</a>.");
    assert!(f.links.problems.is_empty());
    assert_eq!(f.links.linked_pages.len(), 1);
}

/// Issue 9: quiz texts are Markdown, but raw HTML in them is shown as text,
/// so no quiz title, prompt or feedback can run script.
#[test]
fn fragments_escape_raw_html() {
    let links = resolver();
    let text = "**bold** <script>alert(1)</script> \"><img src=x onerror=alert(1)>\n\n<script>alert(2)</script>\n\n<div onclick=\"x\">block</div>\n";
    let input = MarkdownInput {
        source: "content/a.md",
        dir: "",
        text,
        first_line: 3,
        links: &links,
        language: "ru",
        labels: &Labels::built_in("ru"),
        title_is_first_heading: false,
        terms: None,
    };
    let f = render_fragment(&input, false);
    assert!(!f.html.contains("<script"), "{}", f.html);
    assert!(!f.html.contains("<img"), "{}", f.html);
    assert!(!f.html.contains("<div"), "{}", f.html);
    assert!(
        f.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        f.html
    );
    assert!(f.html.contains("<strong>bold</strong>"), "{}", f.html);
    // Pages keep raw HTML: there it is the author's choice.
    let page = render(&input);
    assert!(page.html.contains("<script>alert(1)</script>"));
}

/// Found by fuzzing (issue 9): `<!-- more -->` inside a leading `# Title`
/// left the summary cut past the end of the events and panicked.
#[test]
fn more_marker_inside_the_title_heading() {
    for text in [
        "# Title <!-- more --> x\n\ntext\n",
        "# Titl > > ( > ../p](\\../..](0javascript:alert(1)), [space <!-- more --> - c\n      d-\n",
    ] {
        let r = md(text);
        assert_eq!(r.summary_html.as_deref(), Some(""), "{text}");
        assert!(r.html.contains("text") || r.html.contains('d'));
    }
}

#[test]
fn table_cells_do_not_run_together_in_search_text() {
    let r = md("| a | b |\n|---|---|\n| менеджера | 40 |\n");
    assert!(
        r.sections[0].text.contains("менеджера 40"),
        "{:?}",
        r.sections[0].text
    );
}
