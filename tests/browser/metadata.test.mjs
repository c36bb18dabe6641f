// Page metadata, on every page: <html lang>, a <title>, a meta description,
// Open Graph title and description, a favicon that exists; with an absolute
// base_url (published under a sub-path), a canonical URL and og:url that
// name the page, and every root-relative link staying inside the sub-path,
// also when clicked in Chromium.

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SUBPATH_BASE, htmlFiles, isRedirectStub, read, serve, siteDir, subpathSiteDir, useBrowser } from "./harness.mjs";

const attr = (html, re) => html.match(re)?.[1]?.trim() ?? "";
const meta = (html, key, name = "name") =>
  attr(html, new RegExp(`<meta ${name}="${key}" content="([^"]*)"`));

function pages(dir) {
  return htmlFiles(dir).filter((f) => !isRedirectStub(read(dir, f)));
}

test("every page has lang, title, description, Open Graph and a favicon", () => {
  const dir = siteDir();
  const problems = [];
  for (const rel of pages(dir)) {
    const html = read(dir, rel);
    const need = (ok, what) => ok || problems.push(`${rel}: ${what}`);
    need(/^<html lang="[a-z]{2}(-[A-Za-z]+)?"/m.test(html), "<html lang>");
    need((html.match(/<title>/g) || []).length === 1 && attr(html, /<title>([^<]*)<\/title>/).length > 2, "one non-empty <title>");
    need(meta(html, "description").length > 10, "meta description");
    need(meta(html, "og:title", "property").length > 0, "og:title");
    need(meta(html, "og:description", "property").length > 10, "og:description");
    const icon = attr(html, /<link rel="icon" href="([^"]+)"/);
    need(icon && existsSync(join(dir, new URL(icon, "http://site/" + rel).pathname)), `favicon ${icon || "(none)"}`);
  }
  assert.deepEqual(problems, []);
});

test("with an absolute base_url under a sub-path: canonical URLs and links stay in the sub-path", () => {
  const dir = subpathSiteDir();
  const prefix = new URL(SUBPATH_BASE).pathname;
  const problems = [];
  for (const rel of pages(dir)) {
    if (rel === "404.html") continue; // served for any address; no one canonical URL
    const html = read(dir, rel);
    const expected = SUBPATH_BASE + rel.replace(/(^|\/)index\.html$/, "$1");
    const canonical = decodeURI(attr(html, /<link rel="canonical" href="([^"]+)"/));
    if (canonical !== decodeURI(expected)) problems.push(`${rel}: canonical "${canonical}", expected "${expected}"`);
    if (decodeURI(meta(html, "og:url", "property")) !== decodeURI(expected)) problems.push(`${rel}: og:url`);
    for (const m of html.matchAll(/\s(?:href|src|action)="(\/[^"]*)"/g)) {
      if (!m[1].startsWith(prefix)) problems.push(`${rel}: "${m[1]}" leaves ${prefix}`);
    }
  }
  assert.deepEqual(problems, [], problems.slice(0, 30).join("\n"));
});

// One browser for the file; the server is started by the test (its
// folder and prefix are the test's subject) and closed here.
const session = useBrowser({ site: null });
let server;
after(async () => {
  await server?.close();
});

test("a site served under a sub-path loads its styles and navigates", async () => {
  const prefix = new URL(SUBPATH_BASE).pathname;
  server = await serve(subpathSiteDir(), { prefix });
  const page = await session.page();
  await page.goto(server.url + prefix);
  assert.equal(
    await page.evaluate(() => getComputedStyle(document.querySelector(".skip-link")).position),
    "absolute",
    "the stylesheet loads",
  );
  await Promise.all([page.waitForNavigation(), page.locator('nav.prev-next a[rel="next"]').click()]);
  assert.ok(new URL(page.url()).pathname.startsWith(prefix), page.url());
  await Promise.all([page.waitForNavigation(), page.locator("a.brand").click()]);
  assert.equal(new URL(page.url()).pathname, prefix);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
