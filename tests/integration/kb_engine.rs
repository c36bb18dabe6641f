//! Issue 18's engine features on the `kb-path` fixture, through the real
//! binary: Russian typography in built pages (not in code or templates),
//! template blocks, checklists with keys, the onboarding path by stage, the
//! progress page's checklists, the courses listing, and problems in
//! data/onboarding.yaml as errors at their line. Also runs the node tests of
//! checklist.js and of search over typographic spaces.

use crate::support::{main_region, SiteTest};

const NBSP: char = '\u{a0}';

fn built() -> SiteTest {
    let site = SiteTest::fixture("kb-path");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    site
}

#[test]
fn built_pages_show_russian_typography_but_not_in_code() {
    let site = built();
    let page = site.read("public/first-90-days/day-1/index.html");
    let main = main_region(&page);
    for expected in [
        "Зарплата ассистента\u{a0}— 40–45\u{a0}тыс.\u{a0}₽ в\u{a0}месяц",
        "через 3\u{a0}месяца",
        "от\u{a0}100\u{a0}000\u{a0}₽",
        "договор №\u{a0}15 и\u{a0}5\u{a0}%",
        "Познакомиться с\u{a0}командой",
    ] {
        assert!(main.contains(expected), "missing «{expected}» in\n{main}");
    }
    assert!(
        main.contains("<code>в доме — 5 %</code>"),
        "code keeps its spaces"
    );
    // Template text is the author's, to be copied as written.
    assert!(main.contains("Напоминаем о счёте № [номер] на 50 000 ₽ — срок"));
    // No attribute got a no-break space.
    for tag in main.split('<').filter(|t| t.contains('=')) {
        let tag = tag.split('>').next().unwrap_or("");
        assert!(!tag.contains(NBSP), "no-break space inside a tag: <{tag}>");
    }
    // Heading ids and search text come from the text as written.
    assert!(main.contains("<h2 id=\"задачи-дня\">"));
}

#[test]
fn template_blocks_render_as_titled_figures_and_are_searchable() {
    let site = built();
    let page = site.read("public/first-90-days/day-1/index.html");
    assert!(page.contains(
        "<figure class=\"template-block\" data-copy=\"Копировать\" data-copied=\"Скопировано\""
    ));
    assert!(page.contains("<span class=\"template-kind\">Шаблон:</span> Напоминание об\u{a0}оплате\u{a0}— первое</figcaption>"));
    assert!(page.contains("<pre class=\"template-text\" tabindex=\"0\">Здравствуйте, [имя]!\n"));
    assert!(page.contains("template-copy"), "the copy script is loaded");
    let mut found = false;
    for entry in walkdir::WalkDir::new(site.path("public/search"))
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            found |= text.contains("Напоминаем о счёте");
        }
    }
    assert!(found, "the template's text is in the search index");
}

#[test]
fn task_lists_get_keys_and_count_on_progress_and_path() {
    let site = built();
    let page = site.read("public/first-90-days/day-1/index.html");
    let boxes: Vec<&str> = page
        .matches(
            "class=\"task-check\" disabled data-checklist=\"first-90-days/day-1.md\" data-task=\"",
        )
        .collect();
    assert_eq!(
        boxes.len(),
        3,
        "three read-only boxes until checklist.js enables them"
    );
    assert!(page.contains("checked> Получить доступы"));
    let progress = site.read("public/progress/index.html");
    assert!(progress.contains("<h2 id=\"checklists\">Чек-листы</h2>"));
    assert!(progress.contains("data-section=\"Первые 90 дней\" data-checklist=\"first-90-days/day-1.md\" data-checklist-keys=\""));
    assert!(progress.contains("<a href=\"/first-90-days/week-1/\">Неделя 1</a>"));
    assert_eq!(
        progress.matches("class=\"checklist-section-row\"").count(),
        1
    );
}

#[test]
fn onboarding_path_groups_steps_by_stage_with_times_and_status() {
    let site = built();
    let page = site.read("public/onboarding/index.html");
    assert!(
        page.contains("Шагов: 3, всего ≈ 240 мин (≈ 4 ч)."),
        "{page}"
    );
    assert!(page.contains("<h3 class=\"route-stage-title\" id=\"route-stage-1\">День 1 <span class=\"route-stage-meta\">≈ 90 мин</span></h3>"));
    assert!(
        page.contains("id=\"route-stage-2\">Неделя 1 <span class=\"route-stage-meta\">≈ 150 мин")
    );
    assert!(page.contains("<ol class=\"route-pages\"><li><a href=\"/first-90-days/\">Первые 90 дней</a></li><li><a href=\"/first-90-days/day-1/\">День 1</a></li></ol>"));
    // A step with a checklist is marked by checklist.js; its quiz line by quiz.js.
    assert!(page.contains("data-quiz=\"day-1-check\" data-checklist=\"first-90-days/day-1.md\" data-checklist-keys=\""));
    assert!(page.contains("<li data-quiz-status=\"day-1-check\">Тест <a href=\"/first-90-days/day-1/#quiz-day-1-check-form\">«Первый день»</a></li>"));
    // A quiz-only step is marked as before.
    assert!(page.contains(
        "id=\"week-1-review\" data-quiz=\"day-1-check\" data-quiz-status=\"day-1-check\""
    ));
    assert!(
        !page.contains("Анна"),
        "keys outside the schema are ignored"
    );
}

#[test]
fn onboarding_steps_naming_missing_things_fail_at_their_line() {
    for (from, to, message) in [
        (
            "first-90-days/week-1.md]",
            "first-90-days/week-2.md]",
            "step `week-1` names a page that does not exist: `content/first-90-days/week-2.md`",
        ),
        (
            "quiz: day-1-check\n  mentor",
            "quiz: day-2-check\n  mentor",
            "step `day-1` names a quiz that does not exist: `day-2-check`",
        ),
        (
            "checklist: first-90-days/day-1.md",
            "checklist: first-90-days/_index.md",
            "step `day-1`: `content/first-90-days/_index.md` has no task list",
        ),
    ] {
        let site = SiteTest::fixture("kb-path");
        let yaml = site.read("data/onboarding.yaml");
        assert!(yaml.contains(from), "{from}");
        let changed = yaml.replacen(from, to, 1);
        site.write("data/onboarding.yaml", &changed);
        let line = changed
            .lines()
            .position(|l| l.contains(to.split('\n').next().unwrap()))
            .unwrap()
            + 1;
        let run = site.run(&["check"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("data/onboarding.yaml:{line}:")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(message), "{}", run.stderr);
    }
}

#[test]
fn courses_show_only_filled_columns_and_useful_filters() {
    let site = built();
    let page = site.read("public/learning/courses/index.html");
    assert!(
        page.contains(
            "<thead><tr><th scope=\"col\">Школа</th><th scope=\"col\">Срок</th></tr></thead>"
        ),
        "{page}"
    );
    assert!(
        !page.contains("course-filter"),
        "two rows of one range: nothing to filter"
    );
    let yaml = site.read("data/courses.yaml");
    let mut more = yaml.clone();
    for (i, months) in [3, 4, 5, 9].iter().enumerate() {
        more.push_str(&format!(
            "- provider: Школа {i}\n  months_min: 1\n  months_max: {months}\n  format: онлайн\n"
        ));
    }
    site.write("data/courses.yaml", &more);
    let run = site.run(&["build", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/learning/courses/index.html");
    assert!(page.contains("<th scope=\"col\">Формат</th>"));
    assert!(page.contains("name=\"q\""), "six rows: the name search");
    assert!(
        page.contains("name=\"months\""),
        "lengths differ: the months limit"
    );
    assert!(page.contains("<td data-label=\"Формат\" class=\"empty\">—</td>"));
}
