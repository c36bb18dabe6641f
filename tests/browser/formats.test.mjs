// Issue 21 in a real browser: an Obsidian vault and an mdBook, built as
// they are, are read by following their own links. Wiki links lead from
// note to note and to a heading, the embed and the folded callout show,
// and a link written the mdBook way (`chapter.html#id` with mdBook's
// heading id) lands on its heading.

import { test } from "node:test";
import assert from "node:assert/strict";
import { axe, mdbookSiteDir, obsidianSiteDir, serve, useBrowser } from "./harness.mjs";

const session = useBrowser({ site: obsidianSiteDir });

test("wiki links lead from note to note and to a heading", async () => {
  const page = await session.page();
  await page.goto(session.url + "/Home/");
  await page.locator("main a", { hasText: "Daily notes" }).first().click();
  await page.waitForURL(/\/Daily-notes\/$/);
  assert.equal(await page.locator("h1").first().textContent(), "Daily notes");
  // [[Plan]] is ambiguous: the note with the shorter path, as in Obsidian.
  await page.locator("main .content a", { hasText: /^Plan$/ }).first().click();
  await page.waitForURL(/\/Projects\/Plan\/$/);
  await page.locator("main .content a", { hasText: "#Goals" }).click();
  await page.waitForURL(/\/Projects\/Plan\/#goals$/);
  assert.equal(await page.locator("#goals").isVisible(), true);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("an embedded note and a folded callout show, axe clean", async () => {
  const page = await session.page();
  await page.goto(session.url + "/Home/");
  const embed = page.locator(".note-embed");
  assert.match(await embed.textContent(), /Ship the handbook\./);
  await page.goto(session.url + "/Daily-notes/");
  const folded = page.locator("details.callout");
  const body = folded.locator("p", { hasText: "without JavaScript" });
  assert.equal(await body.isVisible(), false, "closed at first");
  await folded.locator("summary").click();
  assert.equal(await body.isVisible(), true, "opens on a click");
  const violations = await axe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
  await page.context().close();
});

test("an mdBook link to chapter.html#mdbook-id lands on its heading", async () => {
  const server = await serve(mdbookSiteDir());
  try {
    const page = await session.page();
    await page.goto(server.url + "/");
    await page.locator("main .content a", { hasText: "getting started" }).click();
    await page.waitForURL(/\/chapter_1\/$/);
    await page.locator("main .content a", { hasText: "join strings" }).click();
    await page.waitForURL(/\/guide\/setup\/#strings-with--or-format$/);
    const heading = page.locator("#strings-with--or-format");
    assert.match(await heading.textContent(), /Strings with/);
    assert.equal(await heading.isVisible(), true);
    // The tree with SUMMARY.md's part title, nesting and separator: axe clean.
    assert.equal(await page.locator(".nav-tree .nav-part").first().textContent(), "The first week");
    const violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await server.close();
  }
});
