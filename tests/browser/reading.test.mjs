// Reading progress (issue 22) in a real browser: a page is marked read
// once its end has been on screen (not before), the tree marks it on the
// next page, the progress page counts read pages per section, and saving
// progress to a file and loading it in a fresh browser brings it back.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useBrowser } from "./harness.mjs";

const session = useBrowser();
const PAGE = "/documents/receivables/";

test("a page is read once its end is on screen, and the tree says so", async () => {
  const page = await session.page();
  await page.goto(session.url + PAGE);
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => localStorage.getItem("kurator-read:documents/receivables/"));
  assert.equal(before, null, "not read from the top of the page");
  await page.locator("main article .content .read-end").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => localStorage.getItem("kurator-read:documents/receivables/") !== null);
  await page.goto(session.url + "/documents/");
  const link = page.locator('.nav-tree a[href="/documents/receivables/"]');
  await link.waitFor();
  assert.match(await link.getAttribute("class"), /is-read/);
  assert.match(await link.textContent(), /прочитано/);
  const listed = page.locator('.section-list a[href="/documents/receivables/"]');
  assert.match(await listed.getAttribute("class"), /is-read/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the progress page counts read pages, and progress moves to another browser through a file", async () => {
  const page = await session.page();
  await page.goto(session.url + PAGE);
  await page.locator("main article .content .read-end").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => localStorage.getItem("kurator-read:documents/receivables/") !== null);
  await page.goto(session.url + "/progress/");
  const box = page.locator("[data-reading-progress]:not([hidden])");
  await box.waitFor();
  const rows = await box.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.textContent.trim()));
  assert.ok(rows.some((r) => /Документы клиентской работы\s*1 из \d+/.test(r)), rows.join(" | "));
  const [download] = await Promise.all([page.waitForEvent("download"), box.locator("[data-progress-export]").click()]);
  const file = await download.path();
  const saved = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(saved.format, "kurator-progress");
  assert.ok(saved.items["kurator-read:documents/receivables/"]);

  // Another browser: nothing read, until the file is loaded.
  const other = await session.page();
  await other.goto(session.url + "/progress/");
  const otherBox = other.locator("[data-reading-progress]:not([hidden])");
  await otherBox.waitFor();
  assert.equal(await other.evaluate(() => localStorage.getItem("kurator-read:documents/receivables/")), null);
  await otherBox.locator("[data-progress-import]").setInputFiles(file);
  await other.waitForFunction(() => localStorage.getItem("kurator-read:documents/receivables/") !== null);
  await other.waitForLoadState("load");
  assert.deepEqual(page.errors, []);
  assert.deepEqual(other.errors, []);
  await page.context().close();
  await other.context().close();
});
