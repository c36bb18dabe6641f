// Quizzes in a real browser: a knowledge quiz answered wrongly and rightly
// (per-option feedback, explanations, score, the aria-live status, retry),
// progress kept across reloads on /progress/ and /onboarding/ and reset, the
// self-assessment's trait chart and band, one quiz operated with the
// keyboard only, the quiz without JavaScript, the quiz in the offline build
// on file://, axe on the answered states in light and dark, and screenshots
// of an answered quiz and a self-assessment result.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DESKTOP, PHONE, SCREENSHOTS, axe, fileUrl, relativeSiteDir, useBrowser } from "./harness.mjs";

const session = useBrowser({ setup: () => mkdirSync(SCREENSHOTS, { recursive: true }) });

/** Text with the renderer's no-break spaces (Russian typography, issue 18) as plain spaces. */
const plain = (text) => text.replace(/\u00a0/g, " ");

// The expectations below are derived from each quiz's own data (question
// count, pass mark, question types), so rewording the course does not break
// them; only the texts a reader must see are spelled out.
const PROFESSION = "/profession/quiz/"; // profession-check: single questions, a true-false with an explanation link, a match
const DUTIES = "/duties/quiz/"; // duties-check: has an order question
const FIT = "/skills/fit/"; // fit-check: the self-assessment, 18 statements, 5 traits

/** The quiz's own data (what quiz.js scores with): which options are right. */
async function quizData(form) {
  return JSON.parse(plain(await form.locator("script.quiz-data").textContent()));
}

/** The status line quiz.js shows with `right` of the quiz's questions answered rightly. */
function scoreLine(data, right) {
  const total = data.questions.length;
  const pass = data.pass ?? 0.7;
  const verdict = right / total + 1e-9 >= pass ? "Тест пройден." : `Тест не пройден: нужно ${Math.round(pass * 100)} %.`;
  return `Правильно ${right} из ${total} (${Math.round((right / total) * 100)} %). ${verdict}`;
}

/** How many right answers pass the quiz. */
const needed = (data) => Math.ceil((data.pass ?? 0.7) * data.questions.length - 1e-9);

/** 1-based position of the first question of `type`. */
function positionOf(data, type) {
  const i = data.questions.findIndex((q) => q.type === type);
  assert.ok(i >= 0, `the quiz has a ${type} question`);
  return i + 1;
}

/** The options of a choice question that are wrong, by their authored index. */
const wrongOptions = (q, count) => [...Array(count).keys()].filter((k) => !q.correct.includes(k));

/**
 * Answers a knowledge quiz with the mouse: `right(i)` says whether question i
 * is answered rightly or wrongly. Order questions are sorted with the
 * Выше buttons; match questions pick from their selects.
 */
async function answerWithMouse(form, right) {
  const data = await quizData(form);
  for (const [i, q] of data.questions.entries()) {
    const li = form.locator(".quiz-questions > .quiz-question").nth(i);
    const ok = right(i);
    const pick = async (value) => li.locator(`.quiz-option[data-option="${value}"] label`).click();
    switch (q.type) {
      case "single":
        await pick(ok ? q.correct[0] : wrongOptions(q, await li.locator(".quiz-option").count())[0]);
        break;
      case "multiple":
        if (ok) for (const k of q.correct) await pick(k);
        else await pick(wrongOptions(q, await li.locator(".quiz-option").count())[0]);
        break;
      case "true-false":
        await pick(String(ok ? q.answer : !q.answer));
        break;
      case "order": {
        const steps = async () => li.locator(".quiz-step").evaluateAll((els) => els.map((e) => Number(e.dataset.step)));
        if (ok) {
          for (let target = 0; target < q.steps; target++) {
            const at = (await steps()).indexOf(target);
            const up = li.locator(`.quiz-step[data-step="${target}"] button.quiz-move[data-move="-1"]`);
            for (let n = 0; n < at - target; n++) await up.click();
          }
          assert.deepEqual(await steps(), [...Array(q.steps).keys()], "the Выше buttons sorted the steps");
        } else if ((await steps()).every((s, k) => s === k)) {
          await li.locator('.quiz-step[data-step="0"] button.quiz-move[data-move="1"]').click();
        }
        break;
      }
      case "match":
        for (let k = 0; k < q.pairs; k++) {
          await li.locator("select.quiz-select").nth(k).selectOption(String(ok ? k : (k + 1) % q.pairs));
        }
        break;
      default:
        throw new Error(`unexpected question type ${q.type}`);
    }
  }
}

/** Answers every statement of a self-assessment: `value(i, reverse)` is the scale value to click. */
async function answerSelf(form, value) {
  const data = await quizData(form);
  for (const [i, q] of data.questions.entries()) {
    const li = form.locator(".quiz-questions > .quiz-question").nth(i);
    await li.locator(`.quiz-option[data-value="${value(i, q.reverse)}"] label`).click();
  }
}

/** Scores every statement as 4 of 1–5 (2 on reverse-scored ones): 75 % overall and per trait. */
const agreeMostly = (_, reverse) => (reverse ? 2 : 4);

const status = (form) => form.locator(".quiz-status[aria-live]");
const question = (form, n) => form.locator(`.quiz-questions > .quiz-question:nth-child(${n})`);

test("knowledge quiz: wrong answers show per-option feedback, explanations and a fail; retry; right answers pass", async () => {
  const page = await session.page();
  await page.goto(session.url + PROFESSION);
  const form = page.locator('form.quiz[data-quiz-id="profession-check"]');
  const data = await quizData(form);
  const n = data.questions.length;
  assert.equal(await form.locator(".quiz-questions > .quiz-question").count(), n);
  assert.ok(await form.locator("button.quiz-check").isVisible(), "the check button is shown with JavaScript");
  assert.equal(await form.locator("details.quiz-answer:visible").count(), 0, "answers are hidden until checked");

  await answerWithMouse(form, () => false);
  await form.locator("button.quiz-check").click();

  // The aria-live region carries the result, so a screen reader hears it.
  assert.equal(await form.locator(".quiz-status").getAttribute("aria-live"), "polite");
  assert.equal((plain(await status(form).textContent())).trim(), scoreLine(data, 0));
  assert.equal(await form.locator(".quiz-question.is-wrong").count(), n, "every question is marked wrong");
  assert.deepEqual(await form.locator(".quiz-verdict").allTextContents(), Array(n).fill("Неверно"));

  // The first single-choice question: the chosen wrong option is marked, its
  // feedback shows; the right one is marked too.
  const single = positionOf(data, "single");
  const q1 = question(form, single);
  const q1data = data.questions[single - 1];
  const optionLabel = async (k) => plain(await q1.locator(`.quiz-option[data-option="${k}"] label`).textContent()).trim();
  const chosen = q1.locator(".quiz-option.is-chosen-wrong");
  assert.equal(await chosen.count(), 1);
  const wrongPick = wrongOptions(q1data, await q1.locator(".quiz-option").count())[0];
  assert.equal(plain(await chosen.locator("label").textContent()).trim(), await optionLabel(wrongPick));
  assert.ok(await chosen.locator(".quiz-feedback").isVisible(), "the chosen option's feedback is shown");
  assert.ok(plain(await chosen.locator(".quiz-feedback").innerText()).trim().length > 20, "the feedback says why");
  assert.equal(await q1.locator(".quiz-feedback:visible").count(), 1, "feedback of options not chosen stays hidden");
  const rightLabel = await optionLabel(q1data.correct[0]);
  assert.equal(plain(await q1.locator(".quiz-option.is-right-option label").textContent()).trim(), rightLabel);
  // The answer disclosure opens with the right answer.
  const a1 = q1.locator("details.quiz-answer");
  assert.ok(await a1.evaluate((d) => d.open && !d.hidden), "the answer disclosure is open after checking");
  assert.equal(plain(await a1.locator(".quiz-correct").innerText()).trim(), `Правильный ответ: ${rightLabel}`);
  // A true-false question shows its question-level feedback on a wrong answer,
  // and its explanation with a link into the page it tests.
  const tf = question(form, positionOf(data, "true-false"));
  const tfFeedback = plain(await tf.locator(".quiz-question-feedback").innerText()).trim();
  assert.ok(tfFeedback.length > 20, "the true-false question explains the wrong answer");
  assert.equal(plain(await tf.innerText()).split(tfFeedback).length - 1, 1, "the feedback is shown once, not again in the answer");
  const link = tf.locator("details.quiz-answer .quiz-explanation a").first();
  assert.ok(await link.isVisible(), "the explanation's link is shown");
  assert.match(await link.getAttribute("href"), /^\/profession\/.*#[a-z-]+$/);
  // The match question is marked wrong as a whole.
  assert.ok(await question(form, positionOf(data, "match")).evaluate((li) => li.classList.contains("is-wrong")));
  assert.ok(await form.locator("input.quiz-input").first().isDisabled(), "answers are locked after checking");
  assert.ok(await form.locator("button.quiz-check").isHidden());

  // Retry: everything is cleared and unlocked.
  const retry = form.locator("button.quiz-retry");
  assert.equal(plain(await retry.textContent()), "Ещё раз");
  await retry.click();
  assert.equal(plain(await status(form).textContent()), "");
  assert.equal(await form.locator(".quiz-verdict, .is-wrong, .is-correct, .is-chosen-wrong").count(), 0, "marks are gone");
  assert.equal(await form.locator("input.quiz-input:checked").count(), 0, "choices are cleared");
  assert.equal(await form.locator("details.quiz-answer:visible").count(), 0, "answers are hidden again");
  assert.equal(await form.locator(".quiz-feedback:visible").count(), 0);
  assert.ok(await form.locator("button.quiz-check").isVisible());
  assert.ok(await retry.isHidden());
  assert.ok(await form.locator("input.quiz-input").first().isEnabled(), "answers are unlocked for the retry");

  await answerWithMouse(form, () => true);
  await form.locator("button.quiz-check").click();
  assert.equal((plain(await status(form).textContent())).trim(), scoreLine(data, n));
  assert.equal(await form.locator(".quiz-question.is-correct").count(), n);
  assert.deepEqual(await form.locator(".quiz-verdict").allTextContents(), Array(n).fill("Верно"));
  assert.equal(await form.locator(".quiz-option.is-chosen-wrong").count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("knowledge quiz: the pass threshold counts (the pass mark passes, one answer fewer fails)", async () => {
  const page = await session.page();
  await page.goto(session.url + PROFESSION);
  const form = page.locator('form.quiz[data-quiz-id="profession-check"]');
  const data = await quizData(form);
  const n = data.questions.length;
  const k = needed(data);
  assert.ok(k > 1 && k < n, "the pass mark sits inside the quiz");
  await answerWithMouse(form, (i) => i >= n - (k - 1));
  await form.locator("button.quiz-check").click();
  assert.equal((plain(await status(form).textContent())).trim(), scoreLine(data, k - 1));
  assert.match(scoreLine(data, k - 1), /не пройден/);
  await form.locator("button.quiz-retry").click();
  await answerWithMouse(form, (i) => i >= n - k);
  await form.locator("button.quiz-check").click();
  assert.equal((plain(await status(form).textContent())).trim(), scoreLine(data, k));
  assert.match(scoreLine(data, k), /Тест пройден/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** The progress page's row of a quiz, as the reader sees it. */
async function progressRow(page, id) {
  const row = page.locator(`.quiz-progress-row[data-quiz-id="${id}"]`);
  const cell = async (c) => (plain(await row.locator(c).innerText())).trim();
  return {
    status: await cell(".quiz-progress-status"),
    best: await cell(".quiz-progress-best"),
    date: await cell(".quiz-progress-date"),
  };
}

test("progress survives a reload: /progress/ shows status, best score and date; /onboarding/ checks the step; reset clears it", async () => {
  const page = await session.page();
  await page.goto(session.url + "/progress/");
  assert.deepEqual(await progressRow(page, "profession-check"), { status: "не начат", best: "—", date: "—" });

  await page.goto(session.url + PROFESSION);
  const form = page.locator('form.quiz[data-quiz-id="profession-check"]');
  const n = (await quizData(form)).questions.length;
  await answerWithMouse(form, (i) => i >= n - 2); // 2 right: a fail
  await form.locator("button.quiz-check").click();
  await page.reload();
  await page.goto(session.url + "/progress/");
  const today = await page.evaluate(() => new Date().toLocaleDateString("ru"));
  assert.match(today, /^\d\d\.\d\d\.\d{4}$/);
  assert.deepEqual(await progressRow(page, "profession-check"), { status: "не пройден", best: `${Math.round((2 / n) * 100)} %`, date: today });

  await page.goto(session.url + PROFESSION);
  await answerWithMouse(form, () => true);
  await form.locator("button.quiz-check").click();
  await page.reload();
  // The quiz page itself starts fresh for a new try after a reload.
  assert.equal(await form.locator(".quiz-verdict").count(), 0);

  await page.goto(session.url + "/progress/");
  assert.deepEqual(await progressRow(page, "profession-check"), { status: "пройден", best: "100 %", date: today });
  assert.deepEqual(await progressRow(page, "duties-check"), { status: "не начат", best: "—", date: "—" });
  const link = page.locator('.quiz-progress-row[data-quiz-id="profession-check"] a');
  assert.equal(await link.getAttribute("href"), "/profession/quiz/#quiz-profession-check-form");

  // The onboarding route: the first step (profession) shows its check mark, the others none.
  await page.goto(session.url + "/onboarding/");
  const step = page.locator('.route-step[data-quiz-status="profession-check"]');
  assert.ok(await step.evaluate((el) => el.classList.contains("is-passed")), "the step is marked passed");
  assert.equal(await step.evaluate((el) => getComputedStyle(el, "::before").content), '"✓"', "the step shows a check mark");
  assert.match(plain(await step.innerText()), /\(пройден\)/, "screen readers hear the step is passed");
  assert.equal(await page.locator(".route-step.is-passed").count(), 1);
  const other = page.locator('.route-step[data-quiz-status="duties-check"]');
  assert.notEqual(await other.evaluate((el) => getComputedStyle(el, "::before").content), '"✓"');

  // Reset.
  await page.goto(session.url + "/progress/");
  const reset = page.locator("button.quiz-progress-reset");
  assert.equal(plain(await reset.textContent()), "Сбросить прогресс");
  await reset.click();
  assert.equal(plain(await page.locator(".quiz-progress-note").textContent()), "Прогресс сброшен.");
  assert.deepEqual(await progressRow(page, "profession-check"), { status: "не начат", best: "—", date: "—" });
  await page.reload();
  assert.deepEqual(await progressRow(page, "profession-check"), { status: "не начат", best: "—", date: "—" });
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("kurator-quiz:"))), []);
  await page.goto(session.url + "/onboarding/");
  assert.equal(await page.locator(".route-step.is-passed").count(), 0, "no step is checked after a reset");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("self-assessment: an incomplete form asks for every answer; a complete one shows the trait chart and the band with read-next links", async () => {
  const page = await session.page();
  await page.goto(session.url + FIT);
  const form = page.locator('form.quiz[data-quiz-id="fit-check"]');
  const show = form.locator("button.quiz-check");
  assert.equal(plain(await show.textContent()), "Показать результат");
  await form.locator('.quiz-question:first-child .quiz-option[data-value="5"] label').click();
  await show.click();
  assert.equal(plain(await status(form).textContent()), "Ответьте на все утверждения, чтобы увидеть результат.");
  const fitData = await quizData(form);
  const left = fitData.questions.length - 1;
  assert.equal(await form.locator(".quiz-question.is-unanswered").count(), left, `the ${left} statements left are marked`);
  assert.ok(await form.locator(".quiz-result").isHidden());

  await answerSelf(form, agreeMostly);
  await show.click();
  assert.equal(plain(await status(form).textContent()), "Ваш результат: 75 %.");
  assert.equal(await form.locator(".quiz-question.is-unanswered").count(), 0);
  const result = form.locator(".quiz-result");
  assert.ok(await result.isVisible());
  const chart = result.locator("ul.quiz-chart");
  assert.equal(fitData.traits.length, 5);
  assert.deepEqual(
    (await chart.locator(".quiz-chart-label").allInnerTexts()).map(plain),
    ["Итог: 75 %", ...fitData.traits.map((t) => `${t.name}: 75 %`)],
  );
  // The bars are drawn: each fill is three quarters of its track.
  const ratios = await chart.locator(".quiz-bar").evaluateAll((bars) =>
    bars.map((b) => b.querySelector(".quiz-bar-fill").getBoundingClientRect().width / b.clientWidth),
  );
  assert.equal(ratios.length, 6);
  for (const r of ratios) assert.ok(Math.abs(r - 0.75) < 0.02, `a bar is ${Math.round(r * 100)} % full, expected 75 %`);

  // The overall band 60–79 with its text and read-next links, then each trait's band.
  const band = result.locator(":scope > .quiz-band");
  assert.equal(await band.count(), 1);
  assert.match(plain(await band.locator(".quiz-band-title").innerText()), /60–79 %\s*Хорошая база/);
  assert.match(plain(await band.locator(".quiz-band-text").innerText()), /хорошая база/);
  const read = band.locator(".quiz-read a");
  assert.deepEqual(await read.evaluateAll((as) => as.map((a) => a.getAttribute("href"))), ["/b2b-b2c/", "/skills/soft-skills/"]);
  assert.ok(await read.first().isVisible());
  assert.match(plain(await result.locator('.quiz-trait-result[data-trait="communication"]').innerText()), /Общительность\s— ваша опора/);
  assert.equal(await result.locator(".quiz-trait-result").count(), 5);
  await Promise.all([page.waitForNavigation(), read.nth(1).click()]);
  assert.equal(new URL(page.url()).pathname, "/skills/soft-skills/");
  assert.equal(await page.locator("main h1").count(), 1);

  await page.goto(session.url + "/progress/");
  const today = await page.evaluate(() => new Date().toLocaleDateString("ru"));
  assert.deepEqual(await progressRow(page, "fit-check"), { status: "пройден", best: "75 %", date: today });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** Presses Tab until the focused element matches `selector` (at most `max` times). */
async function tabTo(page, selector, { key = "Tab", max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${key} never reached ${selector}`);
}

test("keyboard only: Tab, Space and arrow keys answer a quiz, Выше/Ниже order the steps, Enter checks, Space retries", async () => {
  const page = await session.page();
  await page.goto(session.url + DUTIES);
  const form = page.locator('form.quiz[data-quiz-id="duties-check"]');
  const data = await quizData(form);
  assert.ok(data.questions.some((q) => q.type === "order"), "this quiz has an order question");
  const focusedId = () => page.evaluate(() => document.activeElement?.id);

  for (const [i, q] of data.questions.entries()) {
    const qid = `quiz-duties-check-q${i + 1}`;
    if (q.type === "multiple") {
      // Every checkbox is a Tab stop; Space ticks the right ones (in the order shown, which is shuffled).
      const ids = await page.locator(`#${qid} input.quiz-input`).evaluateAll((els) => els.map((e) => e.id));
      for (const id of ids) {
        await tabTo(page, `#${id}`);
        if (q.correct.includes(Number(id.split("-o").pop()) - 1)) await page.keyboard.press("Space");
      }
    } else if (q.type === "single" || q.type === "true-false") {
      // A radio group is one Tab stop; Space picks, arrow keys move the choice.
      await tabTo(page, `#${qid} input.quiz-input`);
      await page.keyboard.press("Space");
      const want = String(q.type === "single" ? q.correct[0] : q.answer);
      const checked = () => page.evaluate((s) => document.querySelector(s)?.value, `#${qid} input.quiz-input:checked`);
      for (let n = 0; n < 8 && (await checked()) !== want; n++) await page.keyboard.press("ArrowDown");
      assert.equal(await checked(), want, `arrow keys reach the right answer of question ${i + 1}`);
    } else if (q.type === "order") {
      const steps = () => page.locator(`#${qid} .quiz-step`).evaluateAll((els) => els.map((e) => Number(e.dataset.step)));
      for (let target = 0; target < q.steps; target++) {
        const at = (await steps()).indexOf(target);
        if (at === target) continue;
        const up = `#${qid} .quiz-step[data-step="${target}"] button.quiz-move[data-move="-1"]`;
        await tabTo(page, up);
        assert.equal(await page.evaluate(() => document.activeElement.textContent), "Выше");
        for (let n = 0; n < at - target; n++) await page.keyboard.press(n % 2 ? "Enter" : "Space");
        assert.ok(await page.evaluate((s) => document.activeElement.matches(s), up), "focus stays on the moved step's button");
        assert.equal(plain(await status(form).textContent()), `Шаг перемещён на место ${target + 1} из ${q.steps}.`);
      }
      assert.deepEqual(await steps(), [...Array(q.steps).keys()]);
      // Ниже moves a step down: try it on the first step, then put it back with Выше.
      await tabTo(page, `#${qid} .quiz-step[data-step="0"] button.quiz-move[data-move="1"]`, { key: "Shift+Tab" });
      assert.equal(await page.evaluate(() => document.activeElement.textContent), "Ниже");
      await page.keyboard.press("Enter");
      assert.deepEqual((await steps()).slice(0, 2), [1, 0], "Ниже moved the first step down");
      await page.keyboard.press("Shift+Tab");
      assert.equal(await page.evaluate(() => document.activeElement.textContent), "Выше");
      await page.keyboard.press("Enter");
      assert.deepEqual(await steps(), [...Array(q.steps).keys()]);
    } else {
      throw new Error(`unexpected question type ${q.type} in duties-check`);
    }
  }
  await tabTo(page, "button.quiz-check");
  await page.keyboard.press("Enter");
  assert.equal((plain(await status(form).textContent())).trim(), scoreLine(data, data.questions.length));

  await tabTo(page, "button.quiz-retry");
  await page.keyboard.press("Space");
  assert.equal(plain(await status(form).textContent()), "");
  assert.match((await focusedId()) ?? "", /^quiz-duties-check-q1-/, "retry puts focus on the first answer");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("without JavaScript the quiz is readable and each «Показать ответ» disclosure shows the right answer", async () => {
  const page = await session.page({ javaScriptEnabled: false });
  await page.goto(session.url + PROFESSION);
  const form = page.locator('form.quiz[data-quiz-id="profession-check"]');
  assert.equal(plain(await form.locator(".quiz-title").innerText()), "Ваша роль в компании");
  assert.equal(await form.locator("legend.quiz-prompt:visible").count(), 6, "every question is shown");
  // Four single-choice questions of three options, a true-false, a match (selects, not inputs).
  assert.equal(await form.locator("input.quiz-input:visible").count(), 3 + 3 + 3 + 2 + 3);
  assert.ok(await form.locator("button.quiz-check").isHidden(), "no check button that could not work");
  const q1 = question(form, 1);
  const details = q1.locator("details.quiz-answer");
  assert.ok(await details.isVisible());
  assert.equal(await details.evaluate((d) => d.open), false);
  const correct = details.locator(".quiz-correct");
  assert.ok(await correct.isHidden(), "the answer waits behind the disclosure");
  await details.locator("summary").click();
  assert.equal(plain(await details.locator("summary").innerText()), "Показать ответ");
  assert.ok(await correct.isVisible());
  assert.match(plain(await correct.innerText()), /^Правильный ответ: Новых клиентов ищет отдел продаж/);
  // Every option's feedback is listed with its option.
  assert.match(plain(await details.locator(".quiz-notes").innerText()), /Аккаунт-менеджер вообще не\sговорит с\sклиентом[^]*Это обратная крайность/);
  // The true-false question's explanation, with its link.
  const q4 = question(form, 4).locator("details.quiz-answer");
  await q4.locator("summary").click();
  assert.match(plain(await q4.locator(".quiz-explanation").innerText()), /«На чьей вы стороне»/);
  // The match question lists its right pairs.
  const q6 = question(form, 6).locator("details.quiz-answer");
  await q6.locator("summary").press("Enter");
  assert.match(plain(await q6.innerText()), /Правильные пары:\s+Аккаунт-менеджер — Общение с\sклиентом/);

  // The self-assessment shows how it is scored and its bands.
  await page.goto(session.url + FIT);
  const key = page.locator('form.quiz[data-quiz-id="fit-check"] details.quiz-answers');
  await key.locator("summary").click();
  assert.match(plain(await key.innerText()), /80–100 %\s*Качества сильные/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("offline build on file://: the quiz checks, its progress shows on progress/index.html and onboarding/index.html", async () => {
  const dir = relativeSiteDir();
  const page = await session.page();
  await page.goto(fileUrl(dir, "profession/quiz/index.html"));
  const form = page.locator('form.quiz[data-quiz-id="profession-check"]');
  assert.ok(await form.locator("button.quiz-check").isVisible(), "quiz.js runs from disk");
  const data = await quizData(form);
  await answerWithMouse(form, () => false);
  await form.locator("button.quiz-check").click();
  assert.equal((plain(await status(form).textContent())).trim(), scoreLine(data, 0));
  assert.ok(await form.locator(".quiz-option.is-chosen-wrong .quiz-feedback").first().isVisible());
  const explanation = question(form, positionOf(data, "true-false")).locator(".quiz-explanation a").first();
  const href = await explanation.getAttribute("href");
  assert.equal(new URL(href, page.url()).href, fileUrl(dir, "profession/index.html") + "#value", `${href} leads to the section`);
  await form.locator("button.quiz-retry").click();
  await answerWithMouse(form, () => true);
  await form.locator("button.quiz-check").click();
  assert.equal((plain(await status(form).textContent())).trim(), scoreLine(data, data.questions.length));
  // Chromium commits a file:// page's localStorage to the browser process
  // asynchronously; a page opened at once may read it before the commit
  // (seen on busy machines even after a 300 ms wait). Open the path page
  // until it has read the commit, at most for 5 s.
  const passed = () => page.locator('.route-step[data-quiz-status="profession-check"]').evaluate((el) => el.classList.contains("is-passed"));
  let onPath = false;
  for (let tries = 0; tries < 25 && !onPath; tries++) {
    if (tries) await page.waitForTimeout(200);
    await page.goto(fileUrl(dir, "onboarding/index.html"));
    onPath = await passed();
  }
  assert.ok(onPath, "the path marks the passed quiz's step");
  await Promise.all([page.waitForNavigation(), page.locator('a[href$="progress/index.html"]').first().click()]);
  assert.equal(page.url(), fileUrl(dir, "progress/index.html"));
  const today = await page.evaluate(() => new Date().toLocaleDateString("ru"));
  // quiz.js fills the row from storage once the page has loaded; on a busy
  // machine that can come a moment after the navigation resolves.
  await page
    .waitForFunction(() => document.querySelector('.quiz-progress-row[data-quiz-id="profession-check"]')?.dataset.state !== "not-started", null, { timeout: 5000 })
    .catch(() => {});
  assert.deepEqual(await progressRow(page, "profession-check"), { status: "пройден", best: "100 %", date: today });
  await Promise.all([page.waitForNavigation(), page.locator('.quiz-progress-row[data-quiz-id="fit-check"] a').click()]);
  assert.equal(page.url(), fileUrl(dir, "skills/fit/index.html") + "#quiz-fit-check-form");
  const fit = page.locator('form.quiz[data-quiz-id="fit-check"]');
  await answerSelf(fit, agreeMostly);
  await fit.locator("button.quiz-check").click();
  assert.equal(await fit.locator(".quiz-chart-row").count(), 6);
  assert.equal(await fit.locator(".quiz-result > .quiz-band .quiz-read a").first().getAttribute("href"), "../../b2b-b2c/index.html");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** An answered quiz to look at: questions 1, 3, 4 and 6 wrong, the others right. */
const mixed = (i) => ![0, 2, 3, 5].includes(i);

for (const [device, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
  for (const scheme of ["light", "dark"]) {
    test(`answered quiz and self-assessment result: axe clean and screenshots (${device}, ${scheme})`, async () => {
      const phone = device === "phone";
      const page = await session.page({ viewport, colorScheme: scheme, isMobile: phone, hasTouch: phone });
      const blocking = [];
      const check = async (name) => {
        if (scheme === "dark") await page.evaluate(() => (document.documentElement.dataset.theme = "dark"));
        for (const v of await axe(page)) {
          const line = `${name}: [${v.impact}] ${v.id}: ${v.help}\n    ${v.targets.join("\n    ")}`;
          if (v.impact === "critical" || v.impact === "serious") blocking.push(line);
          else console.log(line);
        }
      };
      const shoot = async (name, locator) => {
        if (!phone) {
          await locator.evaluate((el) => el.scrollIntoView({ block: "start" }));
          await page.evaluate(() => window.scrollBy(0, -24));
        }
        const file = join(SCREENSHOTS, `${name}-${device}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: phone });
        assert.ok(statSync(file).size > 5000, `${file} is a real picture`);
      };

      await page.goto(session.url + PROFESSION);
      const form = page.locator('form.quiz[data-quiz-id="profession-check"]');
      await answerWithMouse(form, mixed);
      await form.locator("button.quiz-check").click();
      const data = await quizData(form);
      const right = data.questions.filter((_, i) => mixed(i)).length;
      assert.equal((plain(await status(form).textContent())).trim(), scoreLine(data, right));
      await check("answered quiz");
      // No sideways scrolling with feedback and explanations open.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "the answered quiz fits the width");
      await shoot("quiz-answered", question(form, 1));

      await page.goto(session.url + FIT);
      const fit = page.locator('form.quiz[data-quiz-id="fit-check"]');
      await answerSelf(fit, (i) => [5, 4, 3, 2, 4, 5, 1][i % 7]);
      await fit.locator("button.quiz-check").click();
      assert.ok(await fit.locator(".quiz-result ul.quiz-chart").isVisible());
      await check("self-assessment result");
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "the result fits the width");
      await shoot("self-assessment", fit.locator(".quiz-result"));

      assert.deepEqual(blocking, [], blocking.join("\n"));
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
}
