// Page upkeep (issue 22) in Chromium: the bundled course built as if a
// year had passed (`--today` past every review date), so every page shows
// the calm «Страница могла устареть» notice with its owner, and its foot
// says who answers for it. The notice is visible without JavaScript, reads
// in light and dark, fits a phone, and is axe clean.
//
// Environment: KURATOR_SITE_STALE (set by `cargo test --test integration browser`).

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { PHONE, SCREENSHOTS, axe, useBrowser } from "./harness.mjs";

function staleDir() {
  const dir = process.env.KURATOR_SITE_STALE;
  if (!dir || !existsSync(resolve(dir, "index.html"))) {
    throw new Error("KURATOR_SITE_STALE must name a build of the bundled site with --today past its review dates");
  }
  return resolve(dir);
}

const session = useBrowser({ site: staleDir });
const plain = (text) => text.replace(/[\u00a0\u202f]/g, " ");

for (const scheme of ["light", "dark"]) {
  test(`a stale page shows the notice with its owner and its foot (${scheme}), axe clean`, async () => {
    const page = await session.page({ colorScheme: scheme });
    await page.goto(session.url + "/kpi/");
    if (scheme === "dark") await page.evaluate(() => (document.documentElement.dataset.theme = "dark"));
    const notice = page.locator("main .review-notice");
    assert.ok(await notice.isVisible(), "the notice is shown");
    assert.match(plain(await notice.innerText()), /^Страница могла устареть: последняя проверка — \d\d\.\d\d\.\d{4}\. Если что-то изменилось, напишите ответственному: Руководитель клиентского отдела\.$/);
    // Under the heading, before the text: a reader sees it first.
    const order = await page.evaluate(() => {
      const main = document.querySelector("main");
      const h1 = main.querySelector("h1"), box = main.querySelector(".review-notice"), body = main.querySelector(".content");
      return [h1.compareDocumentPosition(box) & 4, box.compareDocumentPosition(body) & 4];
    });
    assert.deepEqual(order, [4, 4]);
    const foot = page.locator("main .page-review");
    assert.match(plain(await foot.innerText()), /^Отвечает: Руководитель клиентского отдела, проверено \d\d\.\d\d\.\d{4}$/);
    const blocking = (await axe(page)).filter((v) => v.impact === "critical" || v.impact === "serious");
    assert.deepEqual(blocking.map((v) => `${v.id}: ${v.help}`), []);
    await notice.screenshot({ path: join(SCREENSHOTS, `review-notice-${scheme}.png`) });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test("the notice fits a phone and needs no JavaScript", async () => {
  const page = await session.page({ viewport: PHONE, isMobile: true, hasTouch: true, javaScriptEnabled: false });
  await page.goto(session.url + "/first-90-days/day-1/");
  assert.ok(await page.locator("main .review-notice").isVisible());
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "no sideways scroll");
  await page.context().close();
});
