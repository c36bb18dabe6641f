//! Fenced blocks with the info string `template <title>` (issue 18): ready
//! texts a new hire copies and adapts. They render as a figure with the
//! title as its caption and the text in a `<pre>`, selectable and readable
//! without JavaScript; `template-copy.js` adds the «Копировать» button.
//! Their text goes to the search index like any code block's.

use super::typography::typograph;
use super::Labels;
use crate::html::escape as escape_attr;

/// The class of a rendered template block, which `template-copy.js` looks
/// for (and base.html loads that script only for pages that have one).
pub const TEMPLATE_BLOCK_CLASS: &str = "class=\"template-block\"";

/// A `template` fence: the visible title from its info string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateBlock {
    pub title: String,
}

/// Whether a fence's info string opens a template block.
pub fn is_template(info: &str) -> bool {
    let info = info.trim();
    info.strip_prefix("template")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
}

impl TemplateBlock {
    /// `Some` for an info string whose first word is `template`; the rest is
    /// the title (a default title when there is none).
    pub fn parse(info: &str, labels: &Labels) -> Option<TemplateBlock> {
        let info = info.trim();
        let rest = info.strip_prefix("template")?;
        if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
            return None;
        }
        let title = rest.trim();
        let title = if title.is_empty() {
            labels.template_default_title.clone()
        } else {
            title.to_string()
        };
        Some(TemplateBlock { title })
    }

    /// The block's HTML for `text` (the fence's content, as written).
    pub fn render(&self, text: &str, language: &str, labels: &Labels) -> String {
        let title = if language.starts_with("ru") {
            typograph(&self.title).into_owned()
        } else {
            self.title.clone()
        };
        format!(
            "<figure class=\"template-block\" data-copy=\"{copy}\" data-copied=\"{copied}\" data-copy-failed=\"{failed}\">\n\
             <figcaption class=\"template-title\"><span class=\"template-kind\">{kind}</span> {title}</figcaption>\n\
             <pre class=\"template-text\" tabindex=\"0\">{text}</pre>\n\
             </figure>\n",
            copy = escape_attr(&labels.copy),
            copied = escape_attr(&labels.copied),
            failed = escape_attr(&labels.copy_failed),
            kind = escape_attr(&labels.template_kind),
            title = escape_attr(&title),
            text = escape_attr(text.trim_end_matches('\n')),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ru() -> Labels {
        Labels::built_in("ru")
    }

    #[test]
    fn info_string_gives_the_title() {
        assert_eq!(
            TemplateBlock::parse("template Напоминание об оплате — первое", &ru()),
            Some(TemplateBlock {
                title: "Напоминание об оплате — первое".into()
            })
        );
        assert_eq!(
            TemplateBlock::parse("template", &ru()).map(|t| t.title),
            Some("Текст".into())
        );
        assert_eq!(TemplateBlock::parse("templates x", &ru()), None);
        assert_eq!(TemplateBlock::parse("rust", &ru()), None);
        assert_eq!(TemplateBlock::parse("quiz", &ru()), None);
    }

    #[test]
    fn renders_a_figure_with_escaped_selectable_text() {
        let block = TemplateBlock::parse("template Оплата <счёта>", &ru()).unwrap();
        let html = block.render("Здравствуйте, [имя]!\n<b>счёт</b> & акт\n\n", "ru", &ru());
        assert!(html.starts_with("<figure class=\"template-block\" data-copy=\"Копировать\""));
        assert!(html.contains(
            "<figcaption class=\"template-title\"><span class=\"template-kind\">Шаблон:</span> Оплата &lt;счёта&gt;</figcaption>"
        ));
        assert!(html.contains(
            "<pre class=\"template-text\" tabindex=\"0\">Здравствуйте, [имя]!\n&lt;b&gt;счёт&lt;/b&gt; &amp; акт</pre>"
        ));
        // No button without JavaScript: the script adds it.
        assert!(!html.contains("<button"));
    }

    #[test]
    fn title_gets_typography_text_does_not() {
        let block = TemplateBlock::parse("template Отказ в работе", &ru()).unwrap();
        let html = block.render("Работа в срок", "ru", &ru());
        assert!(html.contains("Отказ в\u{a0}работе</figcaption>"));
        assert!(html.contains(">Работа в срок</pre>"));
        let en_labels = Labels::built_in("en");
        let en = TemplateBlock::parse("template", &en_labels)
            .unwrap()
            .render("x", "en", &en_labels);
        assert!(en.contains("data-copy=\"Copy\""));
    }
}
