// The print stylesheet: only the text is printed — no header, section tree,
// breadcrumbs, table of contents, prev/next or footer — and links in the
// text are written out with their target.

import { test } from "node:test";
import assert from "node:assert/strict";
import { fileUrl, relativeSiteDir, useBrowser } from "./harness.mjs";

const session = useBrowser();

/** Runs in the page: what print media shows of navigation and links. */
function printed() {
  const shown = (el) => {
    const s = getComputedStyle(el);
    return s.display !== "none" && s.visibility !== "hidden" && el.getClientRects().length > 0;
  };
  const navigation = [...document.querySelectorAll("nav, header, footer, .skip-link, .theme-toggle, form[role=search]")]
    .filter(shown)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
  const links = [...document.querySelectorAll("main .content a[href]")]
    .filter((a) => shown(a) && !a.getAttribute("href").startsWith("#") && !a.classList.contains("heading-anchor"))
    .map((a) => ({ href: a.getAttribute("href"), after: getComputedStyle(a, "::after").content }));
  return { navigation, links, main: shown(document.querySelector("main h1")) };
}

async function check(page, label) {
  await page.emulateMedia({ media: "print" });
  const p = await page.evaluate(printed);
  assert.ok(p.main, `${label}: the page title is printed`);
  assert.deepEqual(p.navigation, [], `${label}: navigation is not printed`);
  assert.ok(p.links.length > 0, `${label}: the page has links in its text to check`);
  const bare = p.links.filter((l) => !l.after.includes(l.href));
  assert.deepEqual(bare, [], `${label}: every link in the text prints its target`);
}

test("print hides navigation and writes link targets out (served build)", async () => {
  const page = await session.page();
  for (const path of ["/skills/soft-skills/", "/skills/", "/"]) {
    await page.goto(session.url + path);
    await check(page, path);
  }
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 1000, "Chromium prints the page to PDF");
  await page.context().close();
});

test("print writes link targets out in the offline build too", async () => {
  const page = await session.page();
  await page.goto(fileUrl(relativeSiteDir(), "skills/soft-skills/index.html"));
  await check(page, "file:// skills/soft-skills");
  await page.context().close();
});
