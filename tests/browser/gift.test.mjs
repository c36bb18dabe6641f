// A quiz written in Moodle's GIFT (```quiz gift, tests/fixtures/gift) works
// like any other in Chromium: every question type answers, checks and
// scores; right answers pass, a wrong one shows its GIFT #feedback.
//
// Environment: KURATOR_SITE_GIFT, the fixture built with --relative.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { launch, newPage, serve } from "./harness.mjs";

function siteDir() {
  const dir = process.env.KURATOR_SITE_GIFT;
  if (!dir || !existsSync(join(dir, "index.html"))) {
    throw new Error("KURATOR_SITE_GIFT must name tests/fixtures/gift built with --relative (cargo test --test browser)");
  }
  return resolve(dir);
}

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve(siteDir());
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Answers the bank's four questions (single, multiple, true-false, match); `right(i)` per question. */
async function answer(form, right) {
  const data = JSON.parse(await form.locator("script.quiz-data").textContent());
  assert.deepEqual(data.questions.map((q) => q.type), ["single", "multiple", "true-false", "match"]);
  for (const [i, q] of data.questions.entries()) {
    const li = form.locator(".quiz-questions > .quiz-question").nth(i);
    const pick = (value) => li.locator(`.quiz-option[data-option="${value}"] label`).click();
    const ok = right(i);
    if (q.type === "single") await pick(ok ? q.correct[0] : [0, 1].find((k) => !q.correct.includes(k)));
    if (q.type === "multiple") {
      if (ok) for (const k of q.correct) await pick(k);
      else await pick(2);
    }
    if (q.type === "true-false") await pick(String(ok ? q.answer : !q.answer));
    if (q.type === "match") {
      for (let k = 0; k < q.pairs; k++) await li.locator("select.quiz-select").nth(k).selectOption({ value: String(ok ? k : (k + 1) % q.pairs) });
    }
  }
  await form.locator("button.quiz-check").click();
}

test("a GIFT quiz answers, scores and shows its feedback", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/bank/`);
  const form = page.locator("form.quiz");
  await answer(form, () => true);
  await assert.doesNotReject(form.locator(".quiz-status", { hasText: "4" }).waitFor());
  const marks = await form.locator(".quiz-questions > .quiz-question").evaluateAll((els) => els.map((e) => e.className));
  assert.equal(await form.locator(".quiz-question.is-correct").count(), 4, marks.join(" | "));
  await form.locator("button.quiz-retry").click();
  await answer(form, (i) => i !== 1);
  assert.equal(await form.locator(".quiz-question.is-correct").count(), 3);
  // The wrong option's GIFT feedback (#Not this one) is shown.
  await assert.doesNotReject(form.locator(".quiz-feedback:visible", { hasText: "Not this one" }).first().waitFor({ timeout: 5000 }));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
