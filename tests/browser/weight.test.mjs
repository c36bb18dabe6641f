// Weight and speed, checked on the files of the build (no browser needed):
// HTML + CSS + JS of a page, each gzip-compressed as a static host would
// send it, at most 60 KB; no render-blocking script in <head>; every image
// has width and height; nothing is loaded from another host.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { htmlFiles, isRedirectStub, read, siteDir } from "./harness.mjs";

const BUDGET = 60 * 1024;
/** An inline script in <head> may be this long (the theme's no-flash snippet is ~150 bytes). */
const TINY_INLINE = 512;

const gz = (buf) => gzipSync(buf, { level: 6 }).length;
const kb = (n) => (n / 1024).toFixed(1);

/** Where a root-relative or relative URL of a page points inside the build. */
function resolveAsset(dir, pageRel, url) {
  const u = new URL(url, "http://site/" + pageRel);
  if (u.host !== "site") return null;
  return join(dir, decodeURIComponent(u.pathname));
}

/** The page's HTML, stylesheets and scripts with their gzip sizes. */
export function pageWeight(dir, rel) {
  const html = read(dir, rel);
  const parts = [{ what: rel, bytes: Buffer.byteLength(html), gzip: gz(Buffer.from(html)) }];
  const refs = [
    ...[...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((m) => m[0].match(/href="([^"]+)"/)?.[1]),
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
  ].filter(Boolean);
  for (const ref of refs) {
    const file = resolveAsset(dir, rel, ref);
    if (!file) continue;
    const buf = readFileSync(file);
    parts.push({ what: ref, bytes: buf.length, gzip: gz(buf) });
  }
  return { parts, total: parts.reduce((n, p) => n + p.gzip, 0) };
}

const pages = () => htmlFiles(siteDir()).filter((f) => !isRedirectStub(read(siteDir(), f)));

test("every page weighs at most 60 KB gzip of HTML, CSS and JS", () => {
  const dir = siteDir();
  const rows = pages().map((rel) => ({ rel, ...pageWeight(dir, rel) }));
  const show = (rel) => {
    const r = rows.find((x) => x.rel === rel);
    console.log(`${rel}: ${kb(r.total)} KB gzip (${r.parts.map((p) => `${p.what} ${kb(p.gzip)}`).join(", ")})`);
  };
  show("index.html");
  show("skills/soft-skills/index.html");
  const heaviest = [...rows].sort((a, b) => b.total - a.total)[0];
  console.log(`heaviest: ${heaviest.rel} ${kb(heaviest.total)} KB gzip; median ${kb(rows.map((r) => r.total).sort((a, b) => a - b)[rows.length >> 1])} KB`);
  const over = rows.filter((r) => r.total > BUDGET).map((r) => `${r.rel}: ${kb(r.total)} KB`);
  assert.deepEqual(over, [], "pages over the 60 KB budget");
});

test("no render-blocking script: scripts in <head> are defer/async/module or tiny inline", () => {
  const dir = siteDir();
  const problems = [];
  for (const rel of pages()) {
    const head = read(dir, rel).split(/<\/head>/i)[0];
    for (const m of head.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      const [attrs, body] = [m[1], m[2]];
      // A data block (the interface words as JSON) is not run: it blocks nothing.
      if (/type="application\/(ld\+)?json"/.test(attrs)) continue;
      if (/\bsrc=/.test(attrs)) {
        if (!/\b(defer|async)\b/.test(attrs) && !/type="module"/.test(attrs)) problems.push(`${rel}: blocking <script${attrs}>`);
      } else if (Buffer.byteLength(body) > TINY_INLINE) {
        problems.push(`${rel}: inline script of ${Buffer.byteLength(body)} bytes in <head>`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test("every image has width and height, and nothing loads from another host", () => {
  const dir = siteDir();
  const problems = [];
  let images = 0;
  for (const rel of pages()) {
    const html = read(dir, rel);
    for (const [tag] of html.matchAll(/<img\b[^>]*>/gi)) {
      images++;
      if (!/\swidth="\d+"/.test(tag) || !/\sheight="\d+"/.test(tag)) problems.push(`${rel}: ${tag}`);
    }
    // Subresources only: links in the text may point anywhere.
    for (const m of html.matchAll(/<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc="(https?:)?\/\/[^"]+"|<link\b[^>]*rel="(?:stylesheet|preload|icon|modulepreload)"[^>]*href="(?:https?:)?\/\/[^"]+"/gi)) {
      problems.push(`${rel}: external resource ${m[0]}`);
    }
  }
  console.log(`${images} images checked`);
  assert.deepEqual(problems, []);
});
