use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser};

use super::*;

/// Shows non-breaking spaces as `~` so expectations read like the text.
fn t(text: &str) -> String {
    typograph(text).replace(NBSP, "~")
}

#[test]
fn dash_is_bound_to_the_word_before() {
    assert_eq!(t("Аккаунт — это роль"), "Аккаунт~— это роль");
    assert_eq!(t("Аккаунт – это роль"), "Аккаунт~– это роль");
    // A range is not a dash; a dash opening a line of dialogue has no space.
    assert_eq!(t("40–45 тыс."), "40–45~тыс.");
    assert_eq!(t("— Добрый день"), "— Добрый день");
}

#[test]
fn numbers_keep_their_units_and_currency() {
    assert_eq!(t("50 000 ₽"), "50~000~₽");
    assert_eq!(t("3 месяца"), "3~месяца");
    assert_eq!(t("40–45 тыс. ₽"), "40–45~тыс.~₽");
    assert_eq!(t("5 %"), "5~%");
    assert_eq!(t("1 000 000 рублей"), "1~000~000~рублей");
    assert_eq!(t("от 100 000 ₽"), "от~100~000~₽");
    // A year and a count are two numbers, not digit groups.
    assert_eq!(t("2024 100"), "2024 100");
    assert_eq!(t("1 2 3"), "1 2 3");
    // A conjunction after a number is not its unit.
    assert_eq!(t("договор № 15 и 5 %"), "договор №~15 и~5~%");
    assert_eq!(t("2 в 3"), "2 в~3");
}

#[test]
fn thin_spaces_stay_as_written() {
    assert_eq!(t("50\u{202f}000 ₽"), "50\u{202f}000~₽");
    assert_eq!(t("50\u{2009}000"), "50\u{2009}000");
}

#[test]
fn number_sign_binds_the_number() {
    assert_eq!(t("договор № 15"), "договор №~15");
    assert_eq!(t("§ 3"), "§~3");
}

#[test]
fn short_prepositions_and_conjunctions_bind_forward() {
    assert_eq!(
        t("Работа в агентстве и с клиентами на старте"),
        "Работа в~агентстве и~с~клиентами на~старте"
    );
    assert_eq!(t("В первый день"), "В~первый день");
    assert_eq!(t("Не спешите"), "Не~спешите");
    assert_eq!(t("(в основном)"), "(в~основном)");
    assert_eq!(t("«и так далее»"), "«и~так далее»");
    // The tail of a longer word is not a preposition.
    assert_eq!(t("отдел по продажам"), "отдел по~продажам");
    assert_eq!(t("дома в городе"), "дома в~городе");
    assert_eq!(t("все на месте"), "все на~месте");
    assert_eq!(t("про клиента"), "про клиента");
    // Pronouns stand on their own.
    assert_eq!(t("я пишу"), "я пишу");
}

#[test]
fn enclitic_particles_bind_backward() {
    assert_eq!(t("так же как"), "так~же как");
    assert_eq!(t("знает ли клиент"), "знает~ли клиент");
    assert_eq!(t("если бы знал"), "если~бы знал");
    assert_eq!(t("жена"), "жена");
    assert_eq!(t("слово желание"), "слово желание");
}

#[test]
fn unchanged_text_is_borrowed() {
    assert!(matches!(typograph("просто текст"), Cow::Borrowed(_)));
    assert!(matches!(typograph("без пробелов"), Cow::Borrowed(_)));
}

#[test]
fn pieces_remember_the_previous_character() {
    let mut pass = Typographer::new();
    // `**слово** в доме`: the text after the emphasis starts with a space.
    assert_eq!(pass.apply("слово").replace(NBSP, "~"), "слово");
    assert_eq!(pass.apply(" в доме").replace(NBSP, "~"), " в~доме");
    // `позво**ни**` — «ни» continues a word.
    let mut pass = Typographer::new();
    pass.apply("позво");
    assert_eq!(pass.apply("ни дальше").replace(NBSP, "~"), "ни дальше");
    // `в [доме](x)`: a trailing space before a link binds.
    assert_eq!(typograph("в ").replace(NBSP, "~"), "в~");
}

/// Renders Markdown with the pass the way the page renderer does.
fn render(markdown: &str) -> String {
    let mut events: Vec<Event<'_>> = Parser::new_ext(markdown, Options::all()).collect();
    apply_events(&mut events);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html.replace(NBSP, "~")
}

#[test]
fn never_inside_code_urls_or_attributes() {
    assert_eq!(
        render("Код `в доме` и в доме"),
        "<p>Код <code>в доме</code> и~в~доме</p>\n"
    );
    assert_eq!(
        render("```\nв доме — 5 %\n```\n"),
        "<pre><code>в доме — 5 %\n</code></pre>\n"
    );
    assert_eq!(
        render("![в доме — 5 %](a.png)"),
        "<p><img src=\"a.png\" alt=\"в доме — 5 %\" /></p>\n"
    );
    assert_eq!(
        render("<https://example.com/?q=в%20доме> и в доме"),
        "<p><a href=\"https://example.com/?q=%D0%B2%20%D0%B4%D0%BE%D0%BC%D0%B5\">https://example.com/?q=в%20доме</a> и~в~доме</p>\n"
    );
    assert_eq!(
        render("<span title=\"в доме\">в доме</span> <kbd>и в</kbd> а б"),
        "<p><span title=\"в доме\">в~доме</span> <kbd>и в</kbd> а~б</p>\n"
    );
}

#[test]
fn inline_markup_does_not_hide_the_context() {
    assert_eq!(
        render("**Важно** — это в [договоре](x.md)"),
        "<p><strong>Важно</strong>~— это в~<a href=\"x.md\">договоре</a></p>\n"
    );
    assert_eq!(render("слово\nв доме"), "<p>слово\nв~доме</p>\n");
    assert_eq!(
        render("- в доме\n- и так\n\n# О курсе"),
        "<ul>\n<li>в~доме</li>\n<li>и~так</li>\n</ul>\n<h1>О~курсе</h1>\n"
    );
}

proptest! {
    /// The pass only turns spaces into no-break spaces: nothing else moves.
    #[test]
    fn only_spaces_change(text in "[вкио 0-9а-я№—–₽%.«»\u{202f}]{0,40}") {
        let out = typograph(&text);
        prop_assert_eq!(out.chars().count(), text.chars().count());
        for (a, b) in text.chars().zip(out.chars()) {
            prop_assert!(a == b || (a == ' ' && b == NBSP), "{:?} -> {:?}", text, out);
        }
    }
}

/// The search index splits words at the spaces this pass writes exactly as
/// at plain spaces (the browser side is checked in tests/js/typography.test.mjs).
#[test]
fn search_words_split_at_no_break_and_narrow_spaces() {
    fn words(text: &str) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        crate::search::tokenize::words(text, |parts| out.push(parts.to_vec()));
        out
    }
    let plain = "Оплата в срок — 50 000 ₽ за 3 месяца, договор № 7";
    let expected = words(plain);
    assert_eq!(expected.len(), 10, "{expected:?}");
    assert_eq!(words(&typograph(plain)), expected);
    assert_eq!(words(&plain.replace(' ', "\u{202f}")), expected);
    assert_eq!(words("аккаунт\u{a0}менеджер"), [["аккаунт"], ["менеджер"]]);
}
