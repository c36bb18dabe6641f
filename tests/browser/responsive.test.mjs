// A 360 px phone: no page of the built site scrolls sideways, in light or
// dark mode. Every HTML page of the build is visited (not a sample).

import { test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, pagePaths, siteDir, useBrowser } from "./harness.mjs";

const session = useBrowser();

/** What overflows the viewport, for a useful failure message. */
function overflow() {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 1 || r.left < -1)) {
      // Report the outermost offender only.
      if (!wide.some((w) => w.el.contains(el))) wide.push({ el, right: Math.round(r.right) });
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width,
    wide: wide.slice(0, 5).map((w) => `${w.el.tagName.toLowerCase()}.${w.el.className} → ${w.right}px`),
  };
}

for (const scheme of ["light", "dark"]) {
  test(`no page scrolls horizontally at 360 px (${scheme})`, async () => {
    const page = await session.page({ viewport: PHONE, colorScheme: scheme, isMobile: true, hasTouch: true });
    const paths = pagePaths(siteDir());
    assert.ok(paths.length > 20, `expected the whole site, found ${paths.length} pages`);
    const failures = [];
    for (const path of paths) {
      await page.goto(session.url + encodeURI(path));
      const o = await page.evaluate(overflow);
      if (o.scrollWidth > o.width) failures.push(`${path}: ${o.scrollWidth}px > ${o.width}px: ${o.wide.join("; ")}`);
    }
    assert.deepEqual(failures, [], `pages wider than the phone:\n${failures.join("\n")}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}
