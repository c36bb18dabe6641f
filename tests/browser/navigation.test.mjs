// Navigation through the section tree, breadcrumbs and previous/next links,
// clicked in Chromium against the normal build served over HTTP.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser } from "./harness.mjs";

const session = useBrowser();
// One page for the whole file, opened by the first test that runs.
let page;

const pathOf = (p) => new URL(p.url()).pathname;

test("the section tree lists every top-level section and marks the current page", async () => {
  page ??= await session.page();
  await page.goto(session.url + "/");
  const links = page.locator("#site-nav .nav-tree > li > a");
  const count = await links.count();
  assert.ok(count >= 10, `expected the section tree to list the sections, found ${count} links`);
  const target = page.locator('#site-nav a[href="/skills/"]').first();
  await target.click();
  await page.waitForURL(session.url + "/skills/");
  const current = page.locator('#site-nav a[aria-current="page"]');
  assert.equal(await current.count(), 1, "exactly one nav link is the current page");
  assert.equal(await current.getAttribute("href"), "/skills/");
  // The subtree of the current section is open: its pages are listed.
  assert.ok(
    (await page.locator('#site-nav a[href="/skills/soft-skills/"]').count()) > 0,
    "the current section's pages are in the tree",
  );
  await page.locator('#site-nav a[href="/skills/soft-skills/"]').first().click();
  await page.waitForURL(session.url + "/skills/soft-skills/");
  assert.equal(await page.locator('#site-nav a[aria-current="page"]').getAttribute("href"), "/skills/soft-skills/");
  assert.deepEqual(page.errors, []);
});

test("breadcrumbs lead back up the tree", async () => {
  page ??= await session.page();
  await page.goto(session.url + "/skills/soft-skills/");
  const crumbs = page.locator("nav.breadcrumbs li");
  const texts = (await crumbs.allInnerTexts()).map((t) => t.trim());
  assert.ok(texts.length >= 3, `home › section › page, got ${JSON.stringify(texts)}`);
  const h1 = (await page.locator("main h1").innerText()).trim();
  assert.equal(texts.at(-1), h1, "the last crumb is the page itself");
  assert.equal(await crumbs.last().locator('[aria-current="page"]').count(), 1);
  const hrefs = await page.locator("nav.breadcrumbs a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.equal(hrefs[0], "/", "the first crumb is the home page");
  assert.equal(hrefs.at(-1), "/skills/", "the crumb before the page is its section");
  await page.locator('nav.breadcrumbs a[href="/skills/"]').click();
  await page.waitForURL(session.url + "/skills/");
  await page.locator('nav.breadcrumbs a[href="/"]').click();
  await page.waitForURL(session.url + "/");
  assert.equal(await page.locator("nav.breadcrumbs").count(), 0, "the home page has no breadcrumbs");
});

test("next links walk every page once from home, and prev links walk back", async () => {
  page ??= await session.page();
  await page.goto(session.url + "/");
  const forward = [pathOf(page)];
  for (let i = 0; i < 500; i++) {
    const next = page.locator('nav.prev-next a[rel="next"]');
    if ((await next.count()) === 0) break;
    await Promise.all([page.waitForNavigation(), next.click()]);
    const here = pathOf(page);
    assert.ok(!forward.includes(here), `next leads back to ${here}: a cycle after ${forward.join(" → ")}`);
    forward.push(here);
  }
  assert.ok(forward.length >= 10, `the chain covers the site, got ${forward.length} pages`);
  for (const p of ["/skills/", "/skills/soft-skills/", "/learning/courses/", "/glossary/"]) {
    assert.ok(forward.includes(p), `${p} is on the next chain`);
  }
  const backward = [pathOf(page)];
  for (let i = 0; i < 500; i++) {
    const prev = page.locator('nav.prev-next a[rel="prev"]');
    if ((await prev.count()) === 0) break;
    await Promise.all([page.waitForNavigation(), prev.click()]);
    backward.push(pathOf(page));
  }
  assert.deepEqual(backward.reverse(), forward, "prev is the exact reverse of next");
  assert.deepEqual(page.errors, []);
});

test("a missing page answers 404 with the site's 404 page", async () => {
  page ??= await session.page();
  const res = await page.goto(session.url + "/no/such/page/");
  assert.equal(res.status(), 404);
  assert.ok((await page.locator("main h1").count()) === 1);
  // Links on the 404 page are root-relative, so they work at any depth.
  await page.locator('main a[href="/"]').first().click();
  await page.waitForURL(session.url + "/");
});
