use super::*;
use crate::theme::ThemeFile;

fn table(yaml: &str) -> BTreeMap<String, Entry> {
    parse_table("i18n/ru.yaml", yaml).expect("a valid table")
}

fn texts(language: &str, yaml: &str) -> Texts {
    Texts::new(language, "i18n/x.yaml", table(yaml))
}

const RESULTS: &str = "search:\n  found:\n    one: \"Найдено: {n} результат\"\n    few: \"Найдено: {n} результата\"\n    many: \"Найдено: {n} результатов\"\n    other: \"Найдено: {n} результата\"\n";

#[test]
fn russian_plural_forms_follow_one_few_many() {
    let t = texts("ru", RESULTS);
    let found = |n: f64| t.text("search.found", Some(n), &[]).unwrap();
    assert_eq!(found(1.0), "Найдено: 1 результат");
    assert_eq!(found(21.0), "Найдено: 21 результат");
    assert_eq!(found(3.0), "Найдено: 3 результата");
    assert_eq!(found(22.0), "Найдено: 22 результата");
    assert_eq!(found(5.0), "Найдено: 5 результатов");
    assert_eq!(found(11.0), "Найдено: 11 результатов");
    assert_eq!(found(12.0), "Найдено: 12 результатов");
    assert_eq!(found(112.0), "Найдено: 112 результатов");
    assert_eq!(found(0.0), "Найдено: 0 результатов");
    // A fraction is `other` in Russian.
    assert_eq!(found(1.5), "Найдено: 1.5 результата");
}

#[test]
fn plural_categories_of_other_languages() {
    assert_eq!(plural_category("en", 1.0), "one");
    assert_eq!(plural_category("en", 2.0), "other");
    assert_eq!(plural_category("en", 0.0), "other");
    assert_eq!(plural_category("ru", 4.0), "few");
    assert_eq!(plural_category("uk", 14.0), "many");
    assert_eq!(plural_category("pl", 22.0), "few");
    assert_eq!(plural_category("ja", 1.0), "other");
    assert_eq!(plural_category("not a language!", 1.0), "other");
}

#[test]
fn english_falls_back_to_other() {
    let t = texts(
        "en",
        "search:\n  found:\n    one: \"{n} result\"\n    other: \"{n} results\"\n",
    );
    assert_eq!(t.text("search.found", Some(1.0), &[]).unwrap(), "1 result");
    assert_eq!(t.text("search.found", Some(7.0), &[]).unwrap(), "7 results");
}

#[test]
fn placeholders_are_filled_and_a_missing_value_is_an_error() {
    let t = texts(
        "ru",
        "review:\n  owner: \"Отвечает: {owner}\"\n  braces: \"{ not a name } and {}\"\n",
    );
    assert_eq!(
        t.text("review.owner", None, &[("owner", "Отдел продаж".into())])
            .unwrap(),
        "Отвечает: Отдел продаж"
    );
    assert_eq!(
        t.text("review.owner", None, &[]),
        Err(TextError::Unfilled {
            key: "review.owner".into(),
            name: "owner".into()
        })
    );
    assert_eq!(
        t.text("review.braces", None, &[]).unwrap(),
        "{ not a name } and {}"
    );
}

#[test]
fn a_missing_key_names_the_table_and_the_fix() {
    let t = texts("ru", "nav:\n  menu: Меню\n");
    assert_eq!(t.word("nav.menu"), "Меню");
    assert_eq!(
        t.word("nav.menuu"),
        "nav.menuu",
        "a word Kurator writes shows its key"
    );
    let err = t.text("nav.menuu", None, &[]).unwrap_err();
    assert!(matches!(err, TextError::Missing { .. }));
    let message = err.to_string();
    assert!(
        message.contains("nav.menuu")
            && message.contains("i18n/x.yaml")
            && message.contains("i18n/ru.yaml"),
        "{message}"
    );
    assert!(
        t.text("nav", None, &[])
            .unwrap_err()
            .to_string()
            .contains("no interface text `nav`"),
        "a group is not a text"
    );
}

#[test]
fn plural_forms_need_a_number_and_an_other_form() {
    let t = texts("ru", RESULTS);
    assert_eq!(
        t.text("search.found", None, &[]),
        Err(TextError::NeedsNumber {
            key: "search.found".into()
        })
    );
    let problems = parse_table("i18n/ru.yaml", "a:\n  b:\n    one: x\n    few: y\n").unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0]
        .message
        .contains("`a.b` has plural forms but no `other`"));
    assert_eq!(problems[0].line, Some(2));
}

#[test]
fn a_group_named_like_a_plural_form_is_still_a_group_when_it_holds_groups() {
    let entries = table("other:\n  one:\n    x: y\n");
    assert_eq!(entries.get("other.one.x"), Some(&Entry::Text("y".into())));
}

#[test]
fn a_number_where_text_belongs_is_an_error_at_its_line() {
    let problems = parse_table("i18n/ru.yaml", "nav:\n  menu: [1, 2]\n").unwrap_err();
    assert_eq!(problems[0].path, "i18n/ru.yaml");
    assert!(problems[0].line.is_some());
}

#[test]
fn script_json_holds_the_asked_groups_and_cannot_close_its_element() {
    let t = texts(
        "ru",
        "script:\n  search:\n    none: \"</script><b>{q}\"\n  quiz:\n    x: y\n  searching:\n    z: w\nnav:\n  menu: Меню\n",
    );
    let json = t.script_json(&["search"]);
    assert!(!json.contains('<'), "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["language"], "ru");
    assert_eq!(value["texts"]["search.none"], "</script><b>{q}");
    assert_eq!(
        value["texts"].as_object().unwrap().len(),
        1,
        "only the search group: {json}"
    );
}

fn theme_with(files: &[(&str, &str)]) -> Theme {
    let mut theme = Theme::default();
    for (name, text) in files {
        theme.i18n.insert(
            name.to_string(),
            ThemeFile {
                origin: format!("themes/x/i18n/{name}"),
                bytes: text.as_bytes().to_vec(),
            },
        );
    }
    theme
}

#[test]
fn a_language_without_a_table_gets_english_and_a_warning() {
    let theme = theme_with(&[
        ("en.yaml", "nav:\n  menu: Menu\n"),
        ("ru.yaml", "nav:\n  menu: Меню\n"),
    ]);
    let mut problems = Vec::new();
    let de = Texts::load(&theme, None, "de", &mut problems);
    assert_eq!(de.text("nav.menu", None, &[]).unwrap(), "Menu");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("no interface texts in `de`"));
    let mut problems = Vec::new();
    let ru = Texts::load(&theme, None, "ru-RU", &mut problems);
    assert_eq!(
        ru.text("nav.menu", None, &[]).unwrap(),
        "Меню",
        "ru-RU uses ru.yaml"
    );
    assert!(problems.is_empty());
}

#[test]
fn the_default_theme_has_the_same_keys_in_every_language() {
    let theme = Theme::built_in();
    let tables: Vec<(String, BTreeMap<String, Entry>)> = theme
        .i18n
        .iter()
        .map(|(name, file)| {
            let text = String::from_utf8_lossy(&file.bytes);
            (
                name.clone(),
                parse_table(&file.origin, &text).expect("the theme's tables parse"),
            )
        })
        .collect();
    assert!(tables.len() >= 2, "ru and en at least");
    let keys = |t: &BTreeMap<String, Entry>| t.keys().cloned().collect::<Vec<_>>();
    for (name, table) in &tables[1..] {
        assert_eq!(
            keys(table),
            keys(&tables[0].1),
            "{name} and {} differ in keys",
            tables[0].0
        );
    }
    // Plural entries are plural in every language, and name real forms.
    for (name, table) in &tables {
        for (key, entry) in table {
            if let Entry::Plural(forms) = entry {
                assert!(
                    forms.keys().all(|f| CATEGORIES.contains(&f.as_str())),
                    "{name}: {key}"
                );
            }
        }
    }
}
