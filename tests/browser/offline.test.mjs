// The offline build (`kurator build --relative`), opened straight from disk:
// every internal link is a relative path ending in index.html (or .html#…),
// every link resolves to a file of the build, and in Chromium on file://
// URLs the pages are styled, navigation clicks through, and the theme
// toggle works.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PHONE, SCREENSHOTS, fileUrl, htmlFiles, read, relativeSiteDir, useBrowser, walk } from "./harness.mjs";

const session = useBrowser({ site: null });

/** Every href/src/action of an HTML file, with its line. */
function urls(html) {
  const out = [];
  for (const m of html.matchAll(/\s(href|src|action|poster|srcset)="([^"]*)"/g)) {
    const line = html.slice(0, m.index).split("\n").length;
    const values = m[1] === "srcset" ? m[2].split(",").map((s) => s.trim().split(/\s+/)[0]) : [m[2]];
    for (const v of values) out.push({ attr: m[1], url: v.replaceAll("&amp;", "&"), line });
  }
  return out;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i; // http:, mailto:, tel:, data:, //host

test("every internal link of the offline build is relative, ends in index.html, and resolves", () => {
  const dir = relativeSiteDir();
  const files = new Set(walk(dir));
  const problems = [];
  let checked = 0;
  for (const rel of htmlFiles(dir)) {
    for (const { attr, url, line } of urls(read(dir, rel))) {
      if (url === "" || EXTERNAL.test(url)) continue;
      if (url.startsWith("#")) continue; // same page
      checked++;
      const where = `${rel}:${line}: ${attr}="${url}"`;
      if (url.startsWith("/")) {
        problems.push(`${where}: root-relative, breaks on file://`);
        continue;
      }
      const [path] = url.split(/[?#]/);
      const last = path.split("/").pop();
      const isPage = !/\.[a-z0-9]+$/i.test(last) || last.endsWith(".html");
      if (isPage && !/(^|\/)[^/]+\.html$/.test(path)) problems.push(`${where}: a page link must end in index.html`);
      const target = new URL(path, "file:///site/" + rel).pathname.replace(/^\/site\//, "");
      if (files.has(decodeURIComponent(target))) continue;
      problems.push(`${where}: no such file ${decodeURIComponent(target)}`);
    }
  }
  console.log(`offline build: ${checked} internal links checked`);
  assert.ok(checked > 100, `expected many internal links, found ${checked}`);
  assert.deepEqual(problems, [], problems.slice(0, 40).join("\n"));
});

/** The page is styled: our stylesheet loaded from disk (file:// sheets hide their rules, so look at an effect). */
const styled = (page) =>
  page.evaluate(() => getComputedStyle(document.querySelector(".skip-link")).position === "absolute");

test("on file:// the next links walk the whole site and prev walks back", async () => {
  const dir = relativeSiteDir();
  const page = await session.page();
  await page.goto(fileUrl(dir, "index.html"));
  assert.ok(await styled(page), "home is styled on file://");
  const forward = [page.url()];
  for (let i = 0; i < 500; i++) {
    const next = page.locator('nav.prev-next a[rel="next"]');
    if ((await next.count()) === 0) break;
    await Promise.all([page.waitForNavigation(), next.click()]);
    const here = page.url();
    assert.match(here, /^file:\/\/.*\/index\.html$/, "each page opens as a file");
    assert.ok(!forward.includes(here), `next leads back to ${here}`);
    assert.ok(existsSync(fileURLToPath(here)), `${here} exists`);
    assert.equal(await page.locator("main h1").count(), 1, `${here} shows its page`);
    forward.push(here);
  }
  assert.ok(forward.length >= 10, `the chain covers the site, got ${forward.length}`);
  assert.ok(await styled(page), "the last page is styled");
  const backward = [page.url()];
  for (let i = 0; i < 500; i++) {
    const prev = page.locator('nav.prev-next a[rel="prev"]');
    if ((await prev.count()) === 0) break;
    await Promise.all([page.waitForNavigation(), prev.click()]);
    backward.push(page.url());
  }
  assert.deepEqual(backward.reverse(), forward, "prev is the exact reverse of next");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("on file:// the section tree, breadcrumbs, tags and theme toggle work", async () => {
  const dir = relativeSiteDir();
  const page = await session.page();
  await page.goto(fileUrl(dir, "index.html"));
  await Promise.all([page.waitForNavigation(), page.locator('#site-nav a[href$="skills/index.html"]').first().click()]);
  assert.equal(page.url(), fileUrl(dir, "skills/index.html"));
  await Promise.all([page.waitForNavigation(), page.locator('#site-nav a[href$="soft-skills/index.html"]').first().click()]);
  assert.equal(page.url(), fileUrl(dir, "skills/soft-skills/index.html"));
  assert.equal(await page.locator('#site-nav a[aria-current="page"]').count(), 1);
  await Promise.all([page.waitForNavigation(), page.locator("nav.breadcrumbs a").first().click()]);
  assert.equal(page.url(), fileUrl(dir, "index.html"));
  await page.goto(fileUrl(dir, "skills/soft-skills/index.html"));
  await Promise.all([page.waitForNavigation(), page.locator(".page-meta a.tag").first().click()]);
  assert.match(decodeURIComponent(page.url()), /\/tags\/[^/]+\/index\.html$/);
  assert.ok((await page.locator(".cards li").count()) > 0, "the tag page lists pages");

  await page.locator(".theme-toggle").click();
  await page.goto(fileUrl(dir, "learning/courses/index.html"));
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark", "the theme persists on file://");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("screenshots of the offline build", async () => {
  const dir = relativeSiteDir();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const page = await session.page({ viewport: PHONE, isMobile: true, hasTouch: true });
  for (const [name, rel] of [["home", "index.html"], ["soft-skills", "skills/soft-skills/index.html"]]) {
    await page.goto(fileUrl(dir, rel));
    await page.screenshot({ path: join(SCREENSHOTS, `offline-${name}-phone-light.png`), fullPage: false });
  }
  await page.context().close();
});
