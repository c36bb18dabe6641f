// The dark-mode toggle: `.theme-toggle` flips `html[data-theme]`, stores the
// choice in localStorage `kurator-theme`, and the choice holds on every other
// page (set before first paint by the inline script in <head>).

import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser } from "./harness.mjs";

const session = useBrowser();

const theme = (page) => page.evaluate(() => document.documentElement.dataset.theme ?? null);
const stored = (page) => page.evaluate(() => localStorage.getItem("kurator-theme"));
const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

for (const scheme of ["light", "dark"]) {
  test(`the toggle flips the theme and the choice persists across pages (system ${scheme})`, async () => {
    const page = await session.page({ colorScheme: scheme });
    await page.goto(session.url + "/");
    const button = page.locator(".theme-toggle");
    await button.waitFor({ state: "visible" });
    assert.equal(await theme(page), null, "no theme is forced before the reader chooses");
    const before = await background(page);
    assert.equal(await button.getAttribute("aria-pressed"), scheme === "dark" ? "true" : "false");

    await button.click();
    const flipped = scheme === "dark" ? "light" : "dark";
    assert.equal(await theme(page), flipped);
    assert.equal(await stored(page), flipped);
    assert.equal(await button.getAttribute("aria-pressed"), flipped === "dark" ? "true" : "false");
    const after1 = await background(page);
    assert.notEqual(after1, before, "the page colours change");

    for (const path of ["/skills/soft-skills/", "/learning/courses/", "/tags/", "/no-such-page/"]) {
      await page.goto(session.url + path);
      assert.equal(await theme(page), flipped, `${path} keeps the chosen theme`);
      assert.equal(await background(page), after1, `${path} is painted in the chosen theme`);
      assert.equal(
        await page.locator(".theme-toggle").getAttribute("aria-pressed"),
        flipped === "dark" ? "true" : "false",
      );
    }

    await page.locator(".theme-toggle").click();
    assert.equal(await theme(page), scheme);
    assert.equal(await stored(page), scheme);
    await page.reload();
    assert.equal(await theme(page), scheme, "the second choice survives a reload too");
    assert.equal(await background(page), before);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test("a garbage stored value is ignored, and no storage at all does not break the page", async () => {
  const page = await session.page();
  await page.addInitScript(() => localStorage.setItem("kurator-theme", "<script>"));
  await page.goto(session.url + "/");
  assert.equal(await theme(page), null);
  await page.context().close();

  const blocked = await session.page();
  await blocked.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new Error("storage disabled");
      },
    });
  });
  await blocked.goto(session.url + "/");
  await blocked.locator(".theme-toggle").click();
  assert.equal(await theme(blocked), "dark", "the toggle still works for this page");
  assert.deepEqual(blocked.errors, []);
  await blocked.context().close();
});
