// Screenshots for people to look at: home, a long page and the courses
// listing, at desktop 1280×800 and phone 360×740, light and dark, written to
// tests/browser/screenshots/ (or KURATOR_SCREENSHOTS). Desktop shots are the
// first screen; phone shots are full-page, so spacing, tables and
// hyphenation down the page can be seen. Search results come from
// search.test.mjs, an answered quiz from quiz.test.mjs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DESKTOP, PHONE, SCREENSHOTS, useBrowser } from "./harness.mjs";

export const SHOTS = [
  { name: "home", path: "/" },
  { name: "long-page", path: "/skills/soft-skills/" },
  // The desktop shot shows the listing itself, not the text above it.
  { name: "courses", path: "/learning/courses/", scrollTo: "#courses-title" },
];

const session = useBrowser({ setup: () => mkdirSync(SCREENSHOTS, { recursive: true }) });

for (const [device, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
  for (const scheme of ["light", "dark"]) {
    test(`screenshots: ${device} ${scheme}`, async () => {
      const phone = device === "phone";
      const page = await session.page({ viewport, colorScheme: scheme, isMobile: phone, hasTouch: phone });
      for (const { name, path, scrollTo } of SHOTS) {
        await page.goto(session.url + path);
        if (scrollTo && !phone) await page.locator(scrollTo).evaluate((el) => el.scrollIntoView());
        const file = join(SCREENSHOTS, `${name}-${device}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: phone });
        assert.ok(statSync(file).size > 5000, `${file} is a real picture`);
      }
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
}
