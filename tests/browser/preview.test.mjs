// Link previews (issue 22) in a real browser: hovering a link to another
// page shows its title and the start of the linked section; focusing it
// from the keyboard does too, Escape closes it; the popover floats (no
// layout shift), axe finds nothing with it open, and it works from file://.

import { test } from "node:test";
import assert from "node:assert/strict";
import { axe, fileUrl, PHONE, relativeSiteDir, useBrowser } from "./harness.mjs";

const session = useBrowser();
const PAGE = "/documents/receivables/";

/** The first link in the page's text to another page with a section anchor. */
async function sectionLink(page) {
  return page.locator('main .content a[href*="#"]:not([href^="#"])').first();
}

test("hover shows the target's title and section; no layout shift", async () => {
  const page = await session.page();
  await page.goto(session.url + PAGE);
  const link = await sectionLink(page);
  await link.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => document.querySelector("main").getBoundingClientRect().height);
  await link.hover();
  const box = page.locator("#kurator-preview:not([hidden])");
  await box.waitFor();
  const text = await box.textContent();
  assert.match(text, /›/, `title › section: ${text}`);
  assert.ok(text.length > 20, text);
  assert.equal(await link.getAttribute("aria-describedby"), "kurator-preview");
  const after = await page.evaluate(() => document.querySelector("main").getBoundingClientRect().height);
  assert.equal(after, before, "the popover takes no room in the page");
  await page.mouse.move(2, 2);
  await page.locator("#kurator-preview").waitFor({ state: "hidden" });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("keyboard focus shows it, Escape closes it, axe clean while open", async () => {
  const page = await session.page();
  await page.goto(session.url + PAGE);
  const link = await sectionLink(page);
  await link.focus();
  const box = page.locator("#kurator-preview:not([hidden])");
  await box.waitFor();
  const violations = await axe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
  await page.keyboard.press("Escape");
  await page.locator("#kurator-preview").waitFor({ state: "hidden" });
  assert.equal(await link.getAttribute("aria-describedby"), null);
  await page.context().close();
});

test("previews load from file:// too", async () => {
  const dir = relativeSiteDir();
  const page = await session.page();
  await page.goto(fileUrl(dir, "documents/receivables/index.html"));
  const link = await sectionLink(page);
  await link.focus();
  await page.locator("#kurator-preview:not([hidden])").waitFor();
  assert.ok((await page.locator("#kurator-preview").textContent()).length > 10);
  await page.context().close();
});

test("a glossary term's first use shows its definition on hover and focus", async () => {
  const page = await session.page();
  await page.goto(session.url + PAGE);
  const term = page.locator("main .content a.term").first();
  const word = (await term.textContent()).trim();
  assert.match(await term.getAttribute("href"), /\/glossary\/#[a-z-]+$/);
  await term.scrollIntoViewIfNeeded();
  await term.hover();
  const box = page.locator("#kurator-preview:not([hidden])");
  await box.waitFor();
  const text = await box.textContent();
  assert.match(text, /^Глоссарий ›/, `the term's entry: ${text}`);
  assert.ok(text.length > 40, text);
  await page.mouse.move(2, 2);
  await page.locator("#kurator-preview").waitFor({ state: "hidden" });
  await term.focus();
  await box.waitFor();
  const violations = await axe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
  // Touch: a tap follows the link to the entry (no hover on a phone).
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/glossary\/#/);
  const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
  assert.equal(await page.locator(`[id="${id}"]`).isVisible(), true, `${word} → #${id}`);
  await page.context().close();
});

test("on a touch screen a tap on a term or link follows it; no popover is left over", async () => {
  const page = await session.page({ viewport: PHONE, hasTouch: true, isMobile: true });
  await page.goto(session.url + PAGE);
  const term = page.locator("main .content a.term").first();
  await term.scrollIntoViewIfNeeded();
  const href = await term.getAttribute("href");
  await Promise.all([page.waitForURL((u) => u.pathname + u.hash === href), term.tap()]);
  const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
  assert.equal(await page.locator(`[id="${id}"]`).isVisible(), true, `tapped ${href}`);
  assert.equal(await page.locator("#kurator-preview:not([hidden])").count(), 0, "no popover on the new page");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
