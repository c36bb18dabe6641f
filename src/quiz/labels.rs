//! The words of the quiz UI, from the theme's interface texts: what the
//! server renders ([`Labels`]) and what `quiz.js` says after a check
//! ([`script_labels`], sent in each quiz's JSON so the script has no
//! words of its own).

use serde_json::Value;

use crate::i18n::Texts;

/// UI labels in the site language, from the theme's interface texts
/// (`quiz.*` in `i18n/<language>.yaml`).
pub struct Labels {
    pub quiz: String,
    pub self_assessment: String,
    pub check: String,
    pub show_result: String,
    pub retry: String,
    pub hint: String,
    pub show_answer: String,
    pub correct_answer: String,
    pub correct_answers: String,
    pub about_options: String,
    pub right_order: String,
    pub right_pairs: String,
    pub true_: String,
    pub false_: String,
    pub choose: String,
    pub up: String,
    pub down: String,
    pub how_scored: String,
    pub scoring: String,
    pub reversed: String,
    pub read_next: String,
    pub by_trait: String,
}

impl Labels {
    pub fn from_texts(texts: &Texts) -> Labels {
        let t = |key: &str| texts.word(&format!("quiz.{key}"));
        Labels {
            quiz: t("quiz"),
            self_assessment: t("self_assessment"),
            check: t("check"),
            show_result: t("show_result"),
            retry: t("retry"),
            hint: t("hint"),
            show_answer: t("show_answer"),
            correct_answer: t("correct_answer"),
            correct_answers: t("correct_answers"),
            about_options: t("about_options"),
            right_order: t("right_order"),
            right_pairs: t("right_pairs"),
            true_: t("true"),
            false_: t("false"),
            choose: t("choose"),
            up: t("up"),
            down: t("down"),
            how_scored: t("how_scored"),
            scoring: t("scoring"),
            reversed: t("reversed"),
            read_next: t("read_next"),
            by_trait: t("by_trait"),
        }
    }
}

/// The words the script needs (`script.quiz.*`), sent in each quiz's JSON
/// so the script has no words of its own; `{name}` is left for the script
/// to fill.
pub fn script_labels(texts: &Texts) -> Value {
    let labels = texts
        .script_texts(&["quiz"])
        .into_iter()
        .filter_map(|(key, value)| Some((key.strip_prefix("quiz.")?.to_string(), value)))
        .collect();
    Value::Object(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_in_both_tables() {
        for language in ["ru", "en"] {
            let texts = Texts::built_in(language);
            let labels = Labels::from_texts(&texts);
            assert!(!labels.check.starts_with("quiz."), "{language}");
            assert!(!labels.by_trait.starts_with("quiz."), "{language}");
            let script = script_labels(&texts);
            for key in [
                "correct",
                "wrong",
                "unanswered",
                "score",
                "passed",
                "failed",
                "attemptsLeft",
                "noAttempts",
                "answerAll",
                "result",
                "moved",
                "overall",
                "retry",
            ] {
                assert!(script[key].is_string(), "{language}: {key}");
            }
        }
        assert_eq!(
            Labels::from_texts(&Texts::built_in("ru")).check,
            "Проверить"
        );
        assert_eq!(Labels::from_texts(&Texts::built_in("en")).check, "Check");
    }
}
