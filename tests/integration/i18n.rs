//! Issue 22: the theme's interface text comes from translation tables
//! (`themes/default/i18n/*.yaml`). The same fixture, written in made-up
//! Latin words so no word of its content is Russian or English, is built
//! in `ru` and in `en`, and no word of the other language's table reaches
//! what a reader sees or a script shows. A site changes one string in its
//! own `i18n/`, and a template asking for a key no table has stops the
//! build at that template's line.

use std::collections::BTreeMap;

use kurator::i18n::{parse_table, Entry};

use crate::support::{snapshot, SiteTest};

fn table(language: &str) -> BTreeMap<String, Entry> {
    let path = format!(
        "{}/themes/default/i18n/{language}.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("the theme's table");
    parse_table(&path, &text).expect("the theme's table parses")
}

/// The texts of an entry, each form of a plural one.
fn texts(entry: &Entry) -> Vec<&str> {
    match entry {
        Entry::Text(t) => vec![t.as_str()],
        Entry::Plural(forms) => forms.values().map(String::as_str).collect(),
    }
}

/// The fixture built in `language`, with an overdue page ("today" fixed).
fn built(language: &str) -> SiteTest {
    let site = SiteTest::fixture("i18n");
    let config = site
        .read("kurator.yaml")
        .replace("language: ru", &format!("language: {language}"));
    site.write("kurator.yaml", &config);
    let r = site.run(&["build", "--today", "2026-12-04"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    site
}

/// What a reader can see or a script can show: the text between tags,
/// the attributes read out or shown (labels, placeholders, titles, the
/// template block's button words), and JSON data blocks; not markup,
/// URLs, classes or the scripts' code.
fn shown(html: &str) -> String {
    let mut out = String::new();
    let attr = regex_lite(html);
    out.push_str(&attr);
    out
}

/// Attribute values and text, without a regex crate: a small scanner over
/// tags is enough for the theme's own well-formed output.
fn regex_lite(html: &str) -> String {
    const SHOWN: [&str; 8] = [
        "aria-label",
        "placeholder",
        "title",
        "alt",
        "data-label",
        "data-copy",
        "data-copied",
        "data-copy-failed",
    ];
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name = tag
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        for a in SHOWN {
            let needle = format!(" {a}=\"");
            if let Some(at) = tag.find(&needle) {
                let value = &tag[at + needle.len()..];
                out.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                out.push(' ');
            }
        }
        rest = &rest[open + close + 1..];
        // Code of scripts and styles is not shown; JSON data blocks are
        // (the scripts show their words).
        if name == "script" || name == "style" {
            let end = format!("</{name}>");
            let body_end = rest.find(&end).unwrap_or(rest.len());
            if tag.contains("application/json") {
                let json: serde_json::Value =
                    serde_json::from_str(&rest[..body_end]).unwrap_or_default();
                json_strings(&json, &mut out);
            }
            rest = &rest[body_end..];
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// The string values of a JSON data block (its keys are code, not text;
/// `language` is a language tag, `kind` and the like are codes).
fn json_strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(s) => {
            // `{done} из {total}`: the names are for the script to fill.
            out.push_str(&strip_placeholders(s));
            out.push(' ');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(map) => map
            .iter()
            .filter(|(k, _)| {
                !["language", "kind", "type", "types", "id", "hash"].contains(&k.as_str())
            })
            .for_each(|(_, v)| json_strings(v, out)),
        _ => {}
    }
}

fn strip_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        match rest[i..].find('}') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every HTML page of the build with what it shows.
fn pages(site: &SiteTest) -> Vec<(String, String)> {
    snapshot(&site.path("public"))
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .map(|(rel, bytes)| (rel, shown(&String::from_utf8_lossy(&bytes))))
        .collect()
}

/// The literal pieces of a table text (between `{name}` placeholders)
/// long enough to be a word of that language.
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let (piece, next) = match rest.find('{') {
            Some(i) => (&rest[..i], rest[i..].find('}').map(|j| &rest[i + j + 1..])),
            None => (rest, None),
        };
        let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if piece.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            out.push(piece.to_string());
        }
        match next {
            Some(n) => rest = n,
            None => break,
        }
    }
    out
}

#[test]
fn english_pages_show_no_russian_and_russian_pages_no_english() {
    let ru = table("ru");
    let en = table("en");
    // The words of each language that the other does not share.
    let only = |a: &BTreeMap<String, Entry>, b: &BTreeMap<String, Entry>| -> Vec<String> {
        let theirs: Vec<&str> = b.values().flat_map(texts).collect();
        let mut words: Vec<String> = a
            .values()
            .flat_map(texts)
            .filter(|t| !theirs.contains(t))
            .flat_map(pieces)
            .collect();
        words.sort();
        words.dedup();
        words
    };
    for (language, other) in [("ru", only(&en, &ru)), ("en", only(&ru, &en))] {
        assert!(
            other.len() > 100,
            "{language}: {} words to look for",
            other.len()
        );
        let site = built(language);
        let pages = pages(&site);
        assert!(pages.len() >= 14, "{language}: {} pages", pages.len());
        let mut leaks = Vec::new();
        for (rel, text) in &pages {
            for word in &other {
                if text.contains(word.as_str()) {
                    leaks.push(format!("{rel}: «{word}»"));
                }
            }
            if language == "en" {
                if let Some(c) = text.chars().find(|c| ('\u{400}'..='\u{4ff}').contains(c)) {
                    let at = text.find(c).unwrap_or(0);
                    let start = text[..at]
                        .char_indices()
                        .rev()
                        .nth(30)
                        .map_or(0, |(i, _)| i);
                    leaks.push(format!(
                        "{rel}: Cyrillic in «{}»",
                        &text[start..(at + 60).min(text.len())]
                            .chars()
                            .take(80)
                            .collect::<String>()
                    ));
                }
            }
        }
        assert!(
            leaks.is_empty(),
            "{language} build shows the other language:\n{}",
            leaks.join("\n")
        );
        // And it does speak its own: a few words from every kind of page.
        let own = if language == "ru" {
            [
                "Тёмная тема",
                "Ссылка на этот раздел",
                "Маршрут",
                "Проверить",
                "Страница могла устареть",
            ]
        } else {
            [
                "Dark mode",
                "Link to this section",
                "The path",
                "Check",
                "This page may be out of date",
            ]
        };
        let all: String = pages.iter().map(|(_, t)| t.as_str()).collect();
        for word in own {
            assert!(
                all.contains(word),
                "{language}: «{word}» is shown somewhere"
            );
        }
    }
}

#[test]
fn plural_forms_follow_the_language_in_pages() {
    let ru = built("ru");
    let path = ru.read("public/zeta/path/index.html");
    assert!(
        path.contains("Шагов: 3"),
        "{}",
        crate::support::main_region(&path)
    );
    let en = built("en");
    let path = en.read("public/zeta/path/index.html");
    assert!(
        path.contains("3 steps"),
        "{}",
        crate::support::main_region(&path)
    );
    assert!(
        path.contains("≈ 180 min in all (≈ 3 h)"),
        "{}",
        crate::support::main_region(&path)
    );
}

#[test]
fn a_site_changes_one_string_in_its_own_table() {
    let site = SiteTest::fixture("i18n");
    site.write("i18n/ru.yaml", "nav:\n  skip: Сразу к тексту\nscript:\n  search:\n    more: Ещё результаты\nnav_typo:\n  x: y\n");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("`nav_typo.x` is not a text of the theme"),
        "{}",
        r.stderr
    );
    let home = site.read("public/index.html");
    assert!(home.contains(">Сразу к тексту</a>"));
    assert!(!home.contains("К содержанию"));
    assert!(
        home.contains("\"search.more\":\"Ещё результаты\""),
        "scripts get the site's word too"
    );
    assert!(
        home.contains(">Тёмная тема<"),
        "other strings stay the theme's"
    );
}

#[test]
fn a_missing_key_is_an_error_at_the_template_line() {
    let site = SiteTest::fixture("i18n");
    site.write(
        "templates/partials/toc.html",
        "\n\n<p>{{ t(key=\"nav.no_such_key\") }}</p>\n",
    );
    let r = site.run(&["build"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("templates/partials/toc.html:3:"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("no interface text `nav.no_such_key`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("i18n/ru.yaml"), "{}", r.stderr);
}

#[test]
fn a_language_the_theme_lacks_gets_english_and_a_warning_or_the_sites_table() {
    let site = SiteTest::fixture("i18n");
    let config = site
        .read("kurator.yaml")
        .replace("language: ru", "language: de");
    site.write("kurator.yaml", &config);
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("no interface texts in `de`"),
        "{}",
        r.stderr
    );
    assert!(site
        .read("public/index.html")
        .contains(">Skip to content</a>"));
    site.write("i18n/de.yaml", "nav:\n  skip: Zum Inhalt\n");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("no interface texts"), "{}", r.stderr);
    let home = site.read("public/index.html");
    assert!(home.contains(">Zum Inhalt</a>"));
    assert!(
        home.contains(">Dark mode<"),
        "the rest falls back to English"
    );
}
