//! Link previews (issue 22): for every page, `<url>_preview.js` beside its
//! `index.html`, a classic script holding the page's title and the start
//! of each section. In the page's own folder, not a tree of its own: a
//! mirror tree doubled the output's folders (100,000 more at 100,000
//! pages), which every build makes and every no-change check lists.
//! `preview.js` loads it when a reader hovers or focuses a link to the page
//! (a script element, not `fetch`, so it works from `file://` too) and
//! shows the section the link points at.

use serde::Serialize;

use crate::markdown::TextSection;

/// The file name of a page's preview script, in the page's folder.
pub(crate) const FILE: &str = "_preview.js";
/// Characters of a section's text a preview keeps.
const TEXT: usize = 240;

#[derive(Serialize)]
struct Preview<'a> {
    title: &'a str,
    /// `[anchor ("" for the page's start), heading, start of the text]`.
    sections: Vec<[String; 3]>,
}

/// Where a page's preview goes: `kpi/ltv/_preview.js`.
pub(super) fn path(url: &str) -> String {
    format!("{url}{FILE}")
}

/// The preview script of a page at `url` (site path without the base).
/// The page's start is its description when it has one.
pub(super) fn script(
    url: &str,
    title: &str,
    description: &str,
    sections: &[TextSection],
) -> Vec<u8> {
    let mut list = Vec::with_capacity(sections.len() + 1);
    let intro = sections
        .first()
        .filter(|s| s.anchor.is_none() || s.level <= 1)
        .map(|s| s.text.as_str())
        .unwrap_or_default();
    let start = if description.trim().is_empty() {
        intro
    } else {
        description
    };
    list.push([String::new(), String::new(), clip(start)]);
    for s in sections {
        if let Some(anchor) = &s.anchor {
            list.push([anchor.clone(), s.heading.clone(), clip(&s.text)]);
        }
    }
    let preview = Preview {
        title,
        sections: list,
    };
    let mut out = b"(window.__kuratorPreviews=window.__kuratorPreviews||{})[".to_vec();
    serde_json::to_writer(&mut out, url).expect("a string serialises");
    out.extend_from_slice(b"]=");
    serde_json::to_writer(&mut out, &preview).expect("a preview serialises");
    out.extend_from_slice(b";\n");
    out
}

/// The first [`TEXT`] characters of a text, cut at a word, with `…`.
fn clip(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= TEXT {
        return text.to_string();
    }
    let cut: String = text.chars().take(TEXT).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > TEXT / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(anchor: Option<&str>, heading: &str, text: &str) -> TextSection {
        TextSection {
            anchor: anchor.map(String::from),
            heading: heading.into(),
            level: if anchor.is_some() { 2 } else { 0 },
            text: text.into(),
        }
    }

    #[test]
    fn a_preview_holds_the_title_and_each_section_start() {
        let sections = [
            section(None, "", "Вступление."),
            section(
                Some("ltv"),
                "LTV",
                &format!("{} конец", "слово ".repeat(60)),
            ),
        ];
        let js = String::from_utf8(script("kpi/", "KPI </script>", "", &sections)).unwrap();
        assert!(
            js.starts_with("(window.__kuratorPreviews=window.__kuratorPreviews||{})[\"kpi/\"]=")
        );
        let json: serde_json::Value =
            serde_json::from_str(js.split_once("]=").unwrap().1.trim_end_matches(";\n")).unwrap();
        assert_eq!(json["title"], "KPI </script>");
        assert_eq!(
            json["sections"][0],
            serde_json::json!(["", "", "Вступление."])
        );
        assert_eq!(json["sections"][1][0], "ltv");
        let text = json["sections"][1][2].as_str().unwrap();
        assert!(
            text.ends_with('…') && text.chars().count() <= TEXT + 1,
            "{text}"
        );
        assert_eq!(path("kpi/ltv/"), "kpi/ltv/_preview.js");
        assert_eq!(path(""), "_preview.js");
    }

    #[test]
    fn the_description_stands_for_the_start() {
        let js = String::from_utf8(script(
            "",
            "Home",
            "Описание",
            &[section(None, "", "Текст")],
        ))
        .unwrap();
        assert!(js.contains(r#"["","","Описание"]"#), "{js}");
    }
}
