// axe-core in Chromium on every template type of the bundled site, in light
// and dark mode, at desktop and phone width: no critical or serious violation. Moderate and minor ones
// are printed, so they stay visible without failing the build.

import { test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, PHONE, axe, siteDir, templatePages, useBrowser } from "./harness.mjs";

const session = useBrowser();

for (const [device, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
  for (const scheme of ["light", "dark"]) {
    test(`axe: no critical or serious violations on any template (${device}, ${scheme})`, async () => {
      const page = await session.page({ colorScheme: scheme, viewport });
      const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
      const blocking = [];
      for (const { name, path } of templatePages(siteDir())) {
        await page.goto(session.url + encodeURI(path));
        if (scheme === "dark") {
          // The reader's toggle, not only the system setting, must give a clean dark page.
          await page.evaluate(() => (document.documentElement.dataset.theme = "dark"));
        }
        for (const v of await axe(page)) {
          counts[v.impact] = (counts[v.impact] || 0) + 1;
          const line = `${name} ${path}: [${v.impact}] ${v.id}: ${v.help}\n    ${v.targets.join("\n    ")}`;
          if (v.impact === "critical" || v.impact === "serious") blocking.push(line);
          else console.log(line);
        }
      }
      console.log(`axe ${device} ${scheme}: ${JSON.stringify(counts)}`);
      assert.deepEqual(blocking, [], blocking.join("\n"));
      await page.context().close();
    });
  }
}
