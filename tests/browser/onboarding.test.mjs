// Issue 18, «Done means»: a new hire starts at the home page, follows the
// onboarding path day by day to the exam without a dead end, ticks checklist
// items and passes a quiz, reloads, and finds checklist and quiz progress
// kept — on the page, on the path and on /progress/. Also: the template
// blocks' copy button and the boxes without JavaScript.
//
// Written against the site map of issue 18 (first-90-days/, onboarding/exam.md,
// data/onboarding.yaml with stages); a build without first-90-days/ (the
// content before issue 18) skips with that reason.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsInBuild, launch, newPage, serve, siteDir } from "./harness.mjs";

const dir = siteDir();
const skip = !existsInBuild(dir, "/first-90-days/day-1/") && "this build has no first-90-days/day-1 page (the content of issue 18 is not in it)";

let browser, server;

before(async () => {
  if (skip) return;
  server = await serve(dir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The path as the onboarding page lists it: steps with their page URLs, checklist and quiz. */
async function readPath(page) {
  return page.locator(".route-step").evaluateAll((steps) =>
    steps.map((s) => ({
      id: s.id,
      stage: s.closest(".route-stage")?.querySelector(".route-stage-title")?.firstChild?.textContent.trim() ?? "",
      pages: [...s.querySelectorAll(".route-pages a")].map((a) => new URL(a.href).pathname),
      checklist: s.dataset.checklist || null,
      quiz: s.dataset.quiz || null,
    })),
  );
}

/** Answers a knowledge quiz rightly from its own data and checks it. */
async function passQuiz(form) {
  const data = JSON.parse(await form.locator("script.quiz-data").textContent());
  for (const [i, q] of data.questions.entries()) {
    const li = form.locator(".quiz-questions > .quiz-question").nth(i);
    const pick = (value) => li.locator(`.quiz-option[data-option="${value}"] label`).click();
    switch (q.type) {
      case "single":
        await pick(q.correct[0]);
        break;
      case "multiple":
        for (const k of q.correct) await pick(k);
        break;
      case "true-false":
        await pick(String(q.answer));
        break;
      case "order":
        for (let target = 0; target < q.steps; target++) {
          const order = await li.locator(".quiz-step").evaluateAll((els) => els.map((e) => Number(e.dataset.step)));
          const up = li.locator(`.quiz-step[data-step="${target}"] button.quiz-move[data-move="-1"]`);
          for (let n = 0; n < order.indexOf(target) - target; n++) await up.click();
        }
        break;
      case "match":
        for (let k = 0; k < q.pairs; k++) await li.locator("select.quiz-select").nth(k).selectOption(String(k));
        break;
      default:
        throw new Error(`unexpected question type ${q.type}`);
    }
  }
  await form.locator("button.quiz-check").click();
  assert.match(await form.locator(".quiz-status[aria-live]").textContent(), /Тест пройден/);
}

test("a new hire follows the path from the home page to the exam; checklist and quiz progress survive a reload", { skip, timeout: 240000 }, async () => {
  const page = await newPage(browser);

  // Start at the home page: the main path is linked from it.
  await page.goto(server.url + "/");
  const start = page.locator('main a[href$="/onboarding/"]').first();
  assert.ok(await start.count(), "the home page links to the onboarding path");
  await Promise.all([page.waitForURL(/\/onboarding\/$/), start.click()]);

  const path = await readPath(page);
  const stages = [...new Set(path.map((s) => s.stage))];
  assert.deepEqual(stages, ["День 1", "Неделя 1", "Месяц 1", "Месяцы 2–3", "Экзамен"], "stages day by day to the exam");
  const last = path.at(-1);
  assert.equal(last.quiz, "final-exam");
  assert.ok(last.pages.includes("/onboarding/exam/"), "the last step is the exam page");

  // Day by day: every page of the path loads and links to a later page of
  // the path; following that link leads there.
  const pages = [...new Set(path.flatMap((s) => s.pages))];
  for (const [i, url] of pages.entries()) {
    const response = await page.goto(server.url + url);
    assert.equal(response.status(), 200, `${url} loads`);
    if (i === pages.length - 1) break;
    const later = new Set(pages.slice(i + 1));
    // Links a reader sees now (a self-assessment's result links stay hidden until it is answered).
    const hrefs = await page
      .locator("main .content a[href]")
      .evaluateAll((as) => as.map((a) => (a.checkVisibility() ? new URL(a.href).pathname : null)));
    const next = pages.slice(i + 1).find((p) => hrefs.includes(p));
    assert.ok(next, `${url} links forward to a later page of the path (next: ${pages[i + 1]}); its links: ${hrefs.filter((h) => later.has(h)).join(" ") || "none"}`);
    // The first link to that page, by its resolved address (hrefs may be relative or carry an anchor).
    const index = hrefs.indexOf(next);
    const link = page.locator("main .content a[href]").nth(index);
    await link.scrollIntoViewIfNeeded();
    await Promise.all([page.waitForURL((u) => u.pathname === next, { waitUntil: "domcontentloaded", timeout: 10000 }), link.click()]).catch((e) => {
      throw new Error(`following ${url} → ${next}: ${e.message}`);
    });
  }
  assert.deepEqual(page.errors, [], "no console errors along the path");

  // Day 1: tick two boxes of its checklist and pass the day's quiz.
  const step = path.find((s) => s.checklist && s.stage === "День 1") ?? path.find((s) => s.checklist);
  const listUrl = "/" + step.checklist.replace(/(_index)?\.md$/, "").replace(/\/?$/, "/");
  await page.goto(server.url + listUrl);
  const boxes = page.locator("input.task-check[data-task]");
  const total = await boxes.count();
  assert.ok(total >= 3, `${listUrl} has a checklist (${total} boxes)`);
  assert.equal(await boxes.first().isEnabled(), true, "checklist.js enables the boxes");
  const label = page.locator(".task-item .task-label").first();
  assert.ok((await label.innerText()).trim().length > 0, "each box has its item's text as label");
  const ticked = [];
  for (let k = 0; k < total && ticked.length < 2; k++) {
    const box = boxes.nth(k);
    if (await box.isChecked()) continue;
    await page.locator(`label[for="${await box.getAttribute("id")}"]`).click();
    assert.equal(await box.isChecked(), true, "clicking the label ticks the box");
    ticked.push(await box.getAttribute("data-task"));
  }
  assert.equal(ticked.length, 2);

  const quizStep = path.find((s) => s.quiz && s.stage === "День 1" && s.quiz !== "fit-check") ?? path.find((s) => s.quiz);
  const quizPage = quizStep.pages.at(-1);
  await page.goto(server.url + quizPage);
  const form = page.locator(`form.quiz[data-quiz-id="${quizStep.quiz}"]`);
  assert.equal(await form.count(), 1, `${quizPage} holds quiz ${quizStep.quiz}`);
  await passQuiz(form);

  // Reload: the boxes are still ticked.
  await page.goto(server.url + listUrl);
  await page.reload();
  for (const key of ticked) {
    assert.equal(await page.locator(`input.task-check[data-task="${key}"]`).isChecked(), true, `box ${key} kept after a reload`);
  }

  // The path counts them and shows the quiz passed.
  await page.goto(server.url + "/onboarding/");
  const li = page.locator(`.route-step[data-checklist="${step.checklist}"]`).first();
  const defaults = (await li.getAttribute("data-checklist-default")).split(/\s+/).filter(Boolean).length;
  assert.equal(await li.locator(".route-checklist-count").innerText(), `${2 + defaults} из ${total}`);
  const quizMark = page.locator(`[data-quiz-status="${quizStep.quiz}"]`).first();
  assert.ok(await quizMark.evaluate((el) => el.classList.contains("is-passed")), "the path shows the quiz passed");

  // So does the progress page, per page and per section.
  await page.goto(server.url + "/progress/");
  const row = page.locator(`.checklist-progress-row[data-checklist="${step.checklist}"]`);
  assert.equal(await row.locator(".checklist-progress-count").innerText(), `${2 + defaults} из ${total}`);
  assert.match(await page.locator(".checklist-section-row").first().locator(".checklist-progress-count").innerText(), /^\d+ из \d+$/);
  assert.equal(await page.locator(`.quiz-progress-row[data-quiz-id="${quizStep.quiz}"] .quiz-progress-status`).innerText(), "пройден");

  // Tick the rest: a step with only a checklist is then done.
  await page.goto(server.url + listUrl);
  const all = await boxes.count();
  for (let k = 0; k < all; k++) {
    const box = boxes.nth(k);
    if (!(await box.isChecked())) await box.check();
  }
  await page.goto(server.url + "/onboarding/");
  const done = page.locator(`.route-step[data-checklist="${step.checklist}"]`).first();
  if (!(await done.getAttribute("data-quiz")) || (await done.getAttribute("data-quiz")) === quizStep.quiz) {
    assert.equal(await done.getAttribute("data-done"), "true", "a complete step is marked done");
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("template blocks: a copy button with JavaScript, selectable text without it", { skip }, async () => {
  const page = await newPage(browser, { permissions: ["clipboard-read", "clipboard-write"] });
  await page.goto(server.url + "/templates/payments/");
  const figure = page.locator("figure.template-block").first();
  assert.ok(await figure.count(), "the payments page has template blocks");
  const button = figure.locator("button.template-copy");
  assert.equal(await button.innerText(), "Копировать");
  await button.click();
  await assert.doesNotReject(async () => {
    await figure.locator(".template-status").filter({ hasText: /Скопировано|Ctrl\+C/ }).waitFor({ timeout: 5000 });
  });
  assert.equal(await figure.locator(".template-status").getAttribute("role"), "status");
  await page.context().close();

  const plain = await newPage(browser, { javaScriptEnabled: false });
  await plain.goto(server.url + "/templates/payments/");
  assert.equal(await plain.locator("button.template-copy").count(), 0, "no dead button without JavaScript");
  assert.ok((await plain.locator("pre.template-text").first().innerText()).length > 20);
  await plain.goto(server.url + "/first-90-days/day-1/");
  assert.equal(await plain.locator("input.task-check").first().isDisabled(), true, "boxes stay read-only without JavaScript");
  await plain.context().close();
});
