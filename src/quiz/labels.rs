//! The words of the quiz UI, in Russian and English: what the server
//! renders ([`Labels`]) and what `quiz.js` says after a check
//! ([`script_labels`], sent in each quiz's JSON so the script has no
//! words of its own).

use serde_json::{json, Value};

/// UI labels in the site language.
pub struct Labels {
    pub quiz: &'static str,
    pub self_assessment: &'static str,
    pub check: &'static str,
    pub show_result: &'static str,
    pub retry: &'static str,
    pub hint: &'static str,
    pub show_answer: &'static str,
    pub correct_answer: &'static str,
    pub correct_answers: &'static str,
    pub about_options: &'static str,
    pub right_order: &'static str,
    pub right_pairs: &'static str,
    pub true_: &'static str,
    pub false_: &'static str,
    pub choose: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub how_scored: &'static str,
    pub scoring: &'static str,
    pub reversed: &'static str,
    pub read_next: &'static str,
    pub by_trait: &'static str,
}

impl Labels {
    /// Russian unless the language is English.
    pub fn for_language(language: &str) -> &'static Labels {
        if language.starts_with("en") {
            &EN
        } else {
            &RU
        }
    }
}

static RU: Labels = Labels {
    quiz: "Проверьте себя",
    self_assessment: "Самооценка",
    check: "Проверить",
    show_result: "Показать результат",
    retry: "Ещё раз",
    hint: "Подсказка",
    show_answer: "Показать ответ",
    correct_answer: "Правильный ответ:",
    correct_answers: "Правильные ответы:",
    about_options: "О вариантах:",
    right_order: "Правильный порядок:",
    right_pairs: "Правильные пары:",
    true_: "Верно",
    false_: "Неверно",
    choose: "— выберите —",
    up: "Выше",
    down: "Ниже",
    how_scored: "Как считается результат",
    scoring:
        "Каждый ответ — балл по шкале; итог — среднее баллов, переведённое в проценты (0–100 %).",
    reversed: "Эти утверждения считаются наоборот (согласие снижает балл):",
    read_next: "Что почитать:",
    by_trait: "По качествам:",
};

static EN: Labels = Labels {
    quiz: "Check yourself",
    self_assessment: "Self-assessment",
    check: "Check",
    show_result: "Show result",
    retry: "Try again",
    hint: "Hint",
    show_answer: "Show answer",
    correct_answer: "Correct answer:",
    correct_answers: "Correct answers:",
    about_options: "About the options:",
    right_order: "The right order:",
    right_pairs: "The right pairs:",
    true_: "True",
    false_: "False",
    choose: "— choose —",
    up: "Up",
    down: "Down",
    how_scored: "How the result is scored",
    scoring: "Each answer scores a point on the scale; the result is the mean of the points, as a percentage (0–100 %).",
    reversed: "These statements count the other way round (agreeing lowers the score):",
    read_next: "Read next:",
    by_trait: "By trait:",
};

/// The labels the script needs, in the site language (it has no other
/// source of words).
pub fn script_labels(language: &str) -> Value {
    if language.starts_with("en") {
        json!({
            "correct": "Correct", "wrong": "Wrong", "unanswered": "Not answered",
            "score": "{score} of {total} correct ({percent} %).",
            "passed": "Passed.", "failed": "Not passed: {pass} % needed.",
            "attemptsLeft": "Tries left: {n}.", "noAttempts": "No tries left.",
            "answerAll": "Answer every statement to see the result.",
            "result": "Your result: {percent} %.", "moved": "Step moved to position {n} of {total}.",
            "overall": "Overall", "retry": "Try again"
        })
    } else {
        json!({
            "correct": "Верно", "wrong": "Неверно", "unanswered": "Нет ответа",
            "score": "Правильно {score} из {total} ({percent} %).",
            "passed": "Тест пройден.", "failed": "Тест не пройден: нужно {pass} %.",
            "attemptsLeft": "Осталось попыток: {n}.", "noAttempts": "Попытки закончились.",
            "answerAll": "Ответьте на все утверждения, чтобы увидеть результат.",
            "result": "Ваш результат: {percent} %.", "moved": "Шаг перемещён на место {n} из {total}.",
            "overall": "Итог", "retry": "Ещё раз"
        })
    }
}
