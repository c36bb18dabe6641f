// Keyboard-only use: the skip link comes first and works, every focused
// control shows a visible focus ring with enough contrast, every interactive
// control of the page is reachable with Tab, and the controls work from the
// keyboard.

import { test } from "node:test";
import assert from "node:assert/strict";
import { siteDir, templatePages, useBrowser } from "./harness.mjs";

const session = useBrowser();

/** Runs in the page: a stable description of the focused element and its focus style. */
function focused() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  // The colour the ring is drawn on: the nearest ancestor with a background.
  let bg = "rgb(255, 255, 255)";
  for (let n = el.parentElement; n; n = n.parentElement) {
    const c = getComputedStyle(n).backgroundColor;
    if (c && !c.startsWith("rgba(0, 0, 0, 0)") && c !== "transparent") {
      bg = c;
      break;
    }
  }
  const [a, b] = [lum(parse(s.outlineColor)), lum(parse(bg))];
  return {
    key: el.dataset.kbKey,
    group: el.dataset.kbGroup,
    desc: `${el.tagName.toLowerCase()}${el.className ? "." + el.className : ""} ${el.getAttribute("href") || el.getAttribute("name") || ""}`.trim(),
    ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
    contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
    onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
  };
}

/** Runs in the page: tags every visible interactive control and returns their descriptions. */
function controls() {
  const sel = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])";
  const out = [];
  document.querySelectorAll(sel).forEach((el, i) => {
    if (el.disabled || el.closest("[hidden], [inert]")) return;
    // Inside a closed <details> (other than its summary) a control is not shown yet.
    const details = el.closest("details:not([open])");
    if (details && !el.closest("summary")) return;
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true, opacityProperty: false })) return;
    const s = getComputedStyle(el);
    if (s.display === "none" || s.visibility === "hidden" || el.getClientRects().length === 0) return;
    el.dataset.kbKey = String(i);
    // Tab stops once per radio group (arrow keys move inside it), so a
    // group counts as reached when any of its radios is.
    if (el.type === "radio" && el.name) {
      const forms = [...document.forms];
      el.dataset.kbGroup = `radio ${forms.indexOf(el.form)} ${el.name}`;
    }
    out.push({ key: String(i), group: el.dataset.kbGroup, desc: `${el.tagName.toLowerCase()} ${el.getAttribute("href") || el.name || el.className}` });
  });
  return out;
}

test("the skip link is first in tab order, visible when focused, and moves focus to the content", async () => {
  const page = await session.page();
  await page.goto(session.url + "/skills/soft-skills/");
  await page.keyboard.press("Tab");
  const f = await page.evaluate(focused);
  assert.match(f.desc, /^a\.skip-link #main$/);
  assert.ok(f.onScreen, "the focused skip link is on screen");
  assert.ok(f.ring, "the skip link shows a focus ring");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  await page.keyboard.press("Tab");
  const next = await page.evaluate(focused);
  assert.ok(
    await page.evaluate((k) => document.querySelector("main").contains(document.querySelector(`[data-kb-key="${k}"]`)) || document.activeElement.closest("main") !== null, next.key),
    `after the skip link, Tab continues inside the content (got ${next.desc})`,
  );
  await page.context().close();
});

for (const scheme of ["light", "dark"]) {
  test(`every control is reachable by Tab with a visible focus ring (${scheme})`, async () => {
    const page = await session.page({ colorScheme: scheme });
    const report = [];
    for (const { name, path } of templatePages(siteDir())) {
      await page.goto(session.url + encodeURI(path));
      const all = await page.evaluate(controls);
      const reached = new Set();
      const problems = [];
      for (let i = 0; i < all.length + 20; i++) {
        await page.keyboard.press("Tab");
        const f = await page.evaluate(focused);
        if (!f) {
          if (reached.size > 0) break; // wrapped round to the browser chrome
          continue;
        }
        if (f.key !== undefined && reached.has(f.key)) break;
        if (f.key !== undefined) reached.add(f.key);
        if (f.group !== undefined) reached.add(f.group);
        if (!f.ring) problems.push(`no focus ring on ${f.desc}`);
        else if (f.contrast < 3) problems.push(`focus ring contrast ${f.contrast.toFixed(2)} < 3 on ${f.desc}`);
        if (!f.onScreen) problems.push(`focused but off screen: ${f.desc}`);
      }
      const missed = all.filter((c) => !reached.has(c.key) && !reached.has(c.group)).map((c) => c.desc);
      if (missed.length) problems.push(`not reachable by Tab: ${missed.join(", ")}`);
      report.push(`${name} (${path}): ${all.length - missed.length} of ${all.length} controls`);
      assert.deepEqual(problems, [], `${name} ${path}`);
    }
    console.log(report.join("\n"));
    await page.context().close();
  });
}

test("the theme toggle and the courses filter work from the keyboard", async () => {
  const page = await session.page();
  await page.goto(session.url + "/learning/courses/");
  await page.locator(".theme-toggle").focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  await page.keyboard.press("Space");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");

  const rows = page.locator(".course-table tbody tr");
  const total = await rows.count();
  assert.ok(total > 3);
  await page.locator('.course-filter input[name="q"]').focus();
  await page.keyboard.type("Skillbox");
  const visible = await page.locator(".course-table tbody tr:not([hidden])").count();
  assert.ok(visible >= 1 && visible < total, `filter narrows ${total} rows to ${visible}`);
  await page.keyboard.press("Enter"); // submitting must not reload the page
  assert.equal(await page.locator(".course-table tbody tr:not([hidden])").count(), visible);
  assert.match(await page.locator(".course-count").innerText(), new RegExp(`${visible}.*${total}`));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
