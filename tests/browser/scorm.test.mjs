// The SCORM packages of the bundled course in a real SCORM runtime
// (scorm-again, which validates every value as the standards say) playing
// the LMS in Chromium: a test page provides the API to a frame that opens
// the package's launch page, a learner passes one quiz and fails another,
// the session ends, the LMS keeps what was saved, and the next launch (with
// the browser's storage wiped) resumes from it.
//
// Environment: KURATOR_SCORM12 and KURATOR_SCORM2004, the unzipped packages
// (`kurator package scorm --version 1.2|2004`, set by `cargo test --test browser`).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { HERE, launch, newPage, serve } from "./harness.mjs";

const PROFESSION = "profession/quiz/index.html"; // profession-check
const DUTIES = "duties/quiz/index.html"; // duties-check
const DAY_ONE = "first-90-days/day-1/index.html"; // the first step's checklist
const DAY_ONE_LIST = "first-90-days/day-1.md";

function packageDir(name) {
  const dir = process.env[name];
  if (!dir || !existsSync(join(dir, "imsmanifest.xml"))) {
    throw new Error(`${name} must name an unzipped SCORM package (run the suite with \`cargo test --test browser\`)`);
  }
  return resolve(dir);
}

/**
 * What counts toward the course: the settings the packager wrote into the
 * package's scorm.js (every knowledge quiz, the onboarding path's checklists).
 */
function packageSettings(pkg) {
  const script = readdirSync(join(pkg, "static")).find((f) => /^scorm\..*js$/.test(f));
  const settings = readFileSync(join(pkg, "static", script), "utf8").match(/var PACKAGE = (\{.*?\});\n/);
  assert.ok(settings, "the packager filled in the settings");
  return JSON.parse(settings[1]);
}

/** A folder served on 127.0.0.1: the LMS page and scorm-again at the top, the package under pkg/. */
function lmsSite(pkg, runtime) {
  const dir = mkdtempSync(join(tmpdir(), "kurator-lms-"));
  cpSync(pkg, join(dir, "pkg"), { recursive: true });
  cpSync(join(HERE, "node_modules/scorm-again/dist", runtime), join(dir, "runtime.js"));
  writeFileSync(
    join(dir, "lms.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="runtime.js"></script></head>
<body><iframe id="sco" title="course" style="width:1200px;height:760px;border:0"></iframe></body></html>`,
  );
  return dir;
}

/**
 * Installs a fresh API on the LMS page, loaded with what the LMS kept from
 * the last session (or nothing), and logs every call and every error code.
 */
async function installApi(page, version, saved) {
  await page.evaluate(
    ({ version, saved }) => {
      const api = version === "1.2" ? new window.Scorm12API({ logLevel: 5 }) : new window.Scorm2004API({ logLevel: 5 });
      if (saved) api.loadFromJSON(saved, "");
      const names =
        version === "1.2"
          ? ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"]
          : ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"];
      const lastError = version === "1.2" ? "LMSGetLastError" : "GetLastError";
      window.lmsCalls = [];
      window.lmsErrors = [];
      for (const name of names) {
        const original = api[name].bind(api);
        api[name] = (...args) => {
          const result = original(...args);
          const code = String(api[lastError]());
          window.lmsCalls.push([name, ...args.map(String)]);
          if (code !== "0") window.lmsErrors.push(`${name}(${args.join(", ")}) -> error ${code}`);
          return result;
        };
      }
      window.lmsApi = api;
      if (version === "1.2") window.API = api;
      else window.API_1484_11 = api;
    },
    { version, saved },
  );
}

/** The course frame inside the launch page. */
function course(page) {
  return page.frameLocator("#sco").frameLocator("#kurator-scorm-frame");
}

async function quizData(form) {
  return JSON.parse(await form.locator("script.quiz-data").textContent());
}

const wrongOptions = (q, count) => [...Array(count).keys()].filter((k) => !q.correct.includes(k));

/** Answers every question, `right(i)` saying whether question i is answered rightly. */
async function answer(form, right) {
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
  await form.locator("button.quiz-check").click();
  await form.locator(".quiz-status").filter({ hasText: /\d/ }).waitFor();
  return data.questions.length;
}

/** The LMS's data model as plain JSON. */
async function cmi(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.lmsApi.cmi)));
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const version of ["1.2", "2004"]) {
  test(`SCORM ${version}: a learner passes one quiz, fails another, and resumes next launch`, async () => {
    const pkg = packageDir(version === "1.2" ? "KURATOR_SCORM12" : "KURATOR_SCORM2004");
    const dir = lmsSite(pkg, version === "1.2" ? "scorm12.js" : "scorm2004.js");
    const server = await serve(dir);
    try {
      const page = await newPage(browser);
      const warnings = [];
      page.on("console", (msg) => {
        if (msg.text().includes("kurator scorm")) warnings.push(msg.text());
      });
      await page.goto(`${server.url}/lms.html`);
      await installApi(page, version, null);
      await page.locator("#sco").evaluate((f) => (f.src = "pkg/scorm-launch.html?page=profession/quiz/index.html"));

      // Passes profession-check (every answer right), then moves on and fails duties-check (2 right).
      const professionQuestions = await answer(course(page).locator("form.quiz").first(), () => true);
      const frame = page.frames().find((f) => f.url().includes("/profession/quiz/"));
      // Ticks every box of the first day's checklist, which the path counts.
      await frame.goto(`${server.url}/pkg/${DAY_ONE}`);
      const boxes = course(page).locator("input.task-check");
      for (const box of await boxes.all()) await box.check();
      await frame.goto(`${server.url}/pkg/${DUTIES}`);
      const dutiesQuestions = await answer(course(page).locator("form.quiz").first(), (i) => i < 2);
      const interactionCount = professionQuestions + dutiesQuestions;
      // The course's score is the mean of every counted quiz's best result (two decimals).
      const settings = packageSettings(pkg);
      const counted = settings.counted.length;
      const lists = Object.keys(settings.checklists);
      assert.ok(lists.includes(DAY_ONE_LIST), "the first day's checklist counts");
      const raw = Math.round(((100 + Math.round((2 / dutiesQuestions) * 100)) / counted) * 100) / 100;
      const scaled = String(Math.round(raw * 100) / 10000);
      // One quiz passed and one checklist done, of every quiz and checklist that counts.
      const progress = String(Math.round((2 / (counted + lists.length)) * 1000) / 1000);

      const live = await cmi(page);
      // Ending the session: the launch page goes away.
      await page.locator("#sco").evaluate((f) => (f.src = "about:blank"));
      await page.waitForFunction(() => window.lmsCalls.some((c) => c[0] === "LMSFinish" || c[0] === "Terminate"));
      const calls = await page.evaluate(() => window.lmsCalls.map((c) => c[0]));
      const init = version === "1.2" ? "LMSInitialize" : "Initialize";
      const finish = version === "1.2" ? "LMSFinish" : "Terminate";
      assert.equal(calls.filter((c) => c === init).length, 1, "initialised once");
      assert.equal(calls.filter((c) => c === finish).length, 1, "terminated once");
      assert.deepEqual(await page.evaluate(() => window.lmsErrors), [], "no API error");
      assert.deepEqual(warnings, [], "the course reported no LMS error");

      const saved = await cmi(page);
      const interactions = Object.values(saved.interactions); // a CMI array is {"0": …, "1": …} in JSON
      assert.equal(interactions.length, interactionCount, "one interaction per answered question");
      assert.equal(interactions[0].id, "profession-check-q1");
      assert.equal(interactions[0].result, "correct");
      const last = interactions[interactionCount - 1];
      assert.equal(last.id, `duties-check-q${dutiesQuestions}`);
      assert.equal(last.result, version === "1.2" ? "wrong" : "incorrect");
      assert.ok(interactions.every((it) => it.type && it.latency), "type and latency on each");
      const suspend = JSON.parse(saved.suspend_data);
      assert.deepEqual(Object.keys(suspend.q).sort(), ["duties-check", "profession-check"]);
      assert.equal(suspend.q["profession-check"][0], "p");
      assert.equal(suspend.q["duties-check"][0], "f");
      assert.deepEqual(suspend.c, { [DAY_ONE_LIST]: "1".repeat(settings.checklists[DAY_ONE_LIST].keys.length) });
      console.log(`SCORM ${version} suspend data: ${saved.suspend_data.length} characters: ${saved.suspend_data}`);
      if (version === "1.2") {
        assert.equal(saved.core.lesson_status, "incomplete");
        assert.equal(saved.core.score.raw, String(raw));
        assert.equal(saved.core.score.max, "100");
        assert.equal(saved.core.lesson_location, DUTIES);
        assert.equal(saved.core.exit, "suspend");
        // CMITimespan: HHHH:MM:SS with up to two decimals; scorm-again keeps
        // it as HH:MM:SS.SS and drops a trailing zero (01.70 -> 01.7), which
        // failed this test one run in ten.
        assert.match(saved.core.session_time, /^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$/);
        assert.ok(saved.suspend_data.length <= 4096);
      } else {
        assert.equal(saved.completion_status, "incomplete");
        assert.equal(saved.success_status, "unknown");
        assert.equal(saved.score.raw, String(raw));
        assert.equal(saved.score.scaled, scaled);
        assert.equal(saved.progress_measure, progress);
        assert.equal(saved.location, DUTIES);
        assert.equal(saved.exit, "suspend");
        assert.match(saved.session_time, /^PT/);
      }
      assert.ok(live, "the LMS held the data during the session");

      // The next launch: the LMS hands back what it kept, the browser forgot everything.
      await page.evaluate(() => localStorage.clear());
      const kept = JSON.parse(JSON.stringify(saved));
      if (version === "1.2") {
        kept.core.entry = "resume";
        delete kept.core.session_time;
        delete kept.core.exit;
      } else {
        kept.entry = "resume";
        delete kept.session_time;
        delete kept.exit;
      }
      await installApi(page, version, kept);
      await page.locator("#sco").evaluate((f) => (f.src = "pkg/scorm-launch.html?page=profession/index.html"));
      await course(page).locator("form.quiz").first().waitFor();
      const resumed = page.frames().find((f) => f.url().includes("/duties/quiz/"));
      assert.ok(resumed, "the course resumed at the saved location");
      const record = JSON.parse(await page.evaluate(() => localStorage.getItem("kurator-quiz:profession-check")));
      assert.equal(record.status, "passed", "progress restored from suspend data");
      assert.equal(record.best, 100);
      const duties = JSON.parse(await page.evaluate(() => localStorage.getItem("kurator-quiz:duties-check")));
      assert.equal(duties.status, "failed");
      const ticks = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), `kurator-checklist:${DAY_ONE_LIST}`));
      assert.equal(Object.values(ticks).filter((v) => v === true).length, settings.checklists[DAY_ONE_LIST].keys.length, "the boxes came back from suspend data");
      const again = await cmi(page);
      if (version === "1.2") {
        assert.equal(again.core.lesson_status, "incomplete");
        assert.equal(again.core.score.raw, String(raw));
      } else {
        assert.equal(again.completion_status, "incomplete");
        assert.equal(again.score.scaled, scaled);
      }
      assert.equal(again.suspend_data, saved.suspend_data, "the same suspend data after the restore");
      assert.deepEqual(await page.evaluate(() => window.lmsErrors), [], "no API error after resuming");
      assert.deepEqual(warnings, []);
      assert.deepEqual(page.errors, [], "no page errors");
      await page.context().close();
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
