//! The interface words Markdown rendering writes into pages: the heading
//! link's label, callout titles and template blocks' captions and buttons.
//! They come from the theme's tables (`markdown.*` in `i18n/*.yaml`), read
//! once per build rather than per heading.

use crate::i18n::Texts;

#[derive(Debug, Clone)]
pub struct Labels {
    /// `aria-label` of a heading's `#` link.
    pub heading_link: String,
    /// GitHub's five callouts: note, tip, important, warning, caution.
    pub callouts: [String; 5],
    pub template_kind: String,
    pub template_default_title: String,
    pub copy: String,
    pub copied: String,
    pub copy_failed: String,
}

impl Labels {
    pub fn from_texts(texts: &Texts) -> Labels {
        let t = |key: &str| texts.word(&format!("markdown.{key}"));
        Labels {
            heading_link: t("heading_link"),
            callouts: [
                t("callout.note"),
                t("callout.tip"),
                t("callout.important"),
                t("callout.warning"),
                t("callout.caution"),
            ],
            template_kind: t("template.kind"),
            template_default_title: t("template.default_title"),
            copy: t("template.copy"),
            copied: t("template.copied"),
            copy_failed: t("template.failed"),
        }
    }

    /// The default theme's words in `language` (tests).
    pub fn built_in(language: &str) -> Labels {
        Labels::from_texts(&Texts::built_in(language))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_in_both_tables() {
        for language in ["ru", "en"] {
            let l = Labels::built_in(language);
            let all = [
                &l.heading_link,
                &l.template_kind,
                &l.template_default_title,
                &l.copy,
                &l.copied,
                &l.copy_failed,
            ]
            .into_iter()
            .chain(l.callouts.iter());
            for word in all {
                assert!(!word.starts_with("markdown."), "{language}: {word}");
            }
        }
        assert_eq!(Labels::built_in("ru").callouts[0], "Заметка");
        assert_eq!(Labels::built_in("en").heading_link, "Link to this section");
    }
}
