// The one browser harness of Kurator's test suite.
//
// Every feature's browser tests import this module: it finds the built site
// folders (from the environment, set by `cargo test --test integration
// browser`), launches Debian's Chromium through playwright-core, serves a
// built folder over a tiny static HTTP server on 127.0.0.1, and lists the
// pages of a build. `useBrowser()` is the one page setup every test file
// uses: one Chromium and one server per file, pages from `session.page()`.
//
// Environment:
//   KURATOR_SITE           a site built with `kurator build --output DIR` (base_url "/")
//   KURATOR_SITE_RELATIVE  the same site built with `kurator build --relative`
//   KURATOR_SITE_SUBPATH   the same site built with `--base-url https://kb.example.org/kb/`
//   KURATOR_SCREENSHOTS    where screenshots go (default: tests/browser/screenshots)
//   KURATOR_CHROMIUM       the Chromium binary (default: /usr/bin/chromium)

import { after, before } from "node:test";
import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve, sep } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const HERE = fileURLToPath(new URL(".", import.meta.url));

/** The Chromium binary: Debian's package, never a browser Playwright downloads. */
export const CHROMIUM = process.env.KURATOR_CHROMIUM || "/usr/bin/chromium";

/** Where screenshots are written (git-ignored). */
export const SCREENSHOTS = resolve(process.env.KURATOR_SCREENSHOTS || join(HERE, "screenshots"));

/** Desktop and phone viewports used across the suite. */
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

function requireDir(name) {
  const dir = process.env[name];
  if (!dir) {
    throw new Error(
      `${name} is not set: run the suite with \`cargo test --test integration browser\`, or build the site ` +
        `yourself (kurator build --output DIR; kurator build --relative --output DIR2) and set ` +
        `KURATOR_SITE=DIR KURATOR_SITE_RELATIVE=DIR2, and for metadata.test.mjs ` +
        `KURATOR_SITE_SUBPATH=DIR3 built with --base-url https://kb.example.org/kb/ (see tests/browser/README.md)`,
    );
  }
  const abs = resolve(dir);
  if (!existsSync(join(abs, "index.html"))) {
    throw new Error(`${name}=${abs} holds no index.html: is it a built Kurator site?`);
  }
  return abs;
}

/** The folder of the normal build (base_url "/"). */
export function siteDir() {
  return requireDir("KURATOR_SITE");
}

/** The folder of the build published under a sub-path (`--base-url https://kb.example.org/kb/`). */
export function subpathSiteDir() {
  return requireDir("KURATOR_SITE_SUBPATH");
}

/** Issue 21: the Obsidian vault fixture, built as it is. */
export function obsidianSiteDir() {
  return requireDir("KURATOR_SITE_OBSIDIAN");
}

/** Issue 21: the mdBook fixture, built as it is. */
export function mdbookSiteDir() {
  return requireDir("KURATOR_SITE_MDBOOK");
}

/** The base_url the sub-path build was made with. */
export const SUBPATH_BASE = "https://kb.example.org/kb/";

/** The folder of the offline build (`kurator build --relative`). */
export function relativeSiteDir() {
  return requireDir("KURATOR_SITE_RELATIVE");
}

/** Chromium flags for this machine: headless, no sandbox (root), no network chatter. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches Chromium. Playwright gives every launch a fresh temporary
 * --user-data-dir of its own (it refuses the flag in `args`), so no state
 * leaks between test files.
 */
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set KURATOR_CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A new page in a new context. Console errors, uncaught exceptions and failed subresources in the
 * page are collected in `page.errors`, so tests can assert there were none.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, ...options });
  const page = await context.newPage();
  page.errors = [];
  // Every URL the page asked for, in order (search tests count index files).
  page.requests = [];
  page.on("request", (req) => page.requests.push(req.url()));
  page.on("pageerror", (err) => page.errors.push(String(err)));
  page.on("console", (msg) => {
    // A 404 for the document itself is what a test asked for; subresource
    // failures are reported below with their URL instead.
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) page.errors.push(msg.text());
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && !res.request().isNavigationRequest()) {
      page.errors.push(`${res.status()} for ${res.url()}`);
    }
  });
  page.on("requestfailed", (req) => {
    // ERR_ABORTED is a load cut short by the next navigation, not a failure.
    if (!req.isNavigationRequest() && req.failure()?.errorText !== "net::ERR_ABORTED") page.errors.push(`failed to load ${req.url()}: ${req.failure()?.errorText}`);
  });
  return page;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};

/** The content type a static host would send for a file name. */
export function contentType(name) {
  return TYPES[extname(name).toLowerCase()] || "application/octet-stream";
}

/**
 * Serves `dir` on 127.0.0.1 at a free port, like a plain static host:
 * `/x/` serves `/x/index.html`, `/x` redirects to `/x/` when that is a
 * folder, and anything missing gets `404.html` with status 404. With
 * `prefix: "/kb/"` the folder is served under that path, as a host would
 * serve a site whose base_url has a path. Resolves to `{ url, close }`;
 * `url` is the server's origin, without a slash.
 */
export function serve(dir, { prefix = "/" } = {}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    // A site published under a sub-path (base_url https://host/kb/) lives at `prefix`.
    if (!path.startsWith(prefix)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("outside the site");
      return;
    }
    path = "/" + path.slice(prefix.length);
    let file = resolve(root, "." + path);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith("/")) {
        res.writeHead(301, { location: prefix + path.slice(1) + "/" }).end();
        return;
      }
      file = join(file, "index.html");
    }
    if (existsSync(file) && statSync(file).isFile()) {
      res.writeHead(200, { "content-type": contentType(file) });
      res.end(req.method === "HEAD" ? undefined : readFileSync(file));
      return;
    }
    const notFound = join(root, "404.html");
    res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
    res.end(existsSync(notFound) ? readFileSync(notFound) : "not found");
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      ok({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
export function walk(dir) {
  const out = [];
  const visit = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) visit(full);
      else out.push(relative(dir, full).split(sep).join("/"));
    }
  };
  visit(dir);
  return out.sort();
}

/** Every HTML file of a build, relative to it (`index.html`, `skills/index.html`, `404.html`, …). */
export function htmlFiles(dir) {
  return walk(dir).filter((f) => f.endsWith(".html"));
}

/**
 * The URL paths of every page of a normal build (`/`, `/skills/`, `/404.html`):
 * what a reader can open. Redirect stubs of `aliases` are left out.
 */
export function pagePaths(dir) {
  return htmlFiles(dir)
    .filter((f) => !isRedirectStub(readFileSync(join(dir, f), "utf8")))
    .map((f) => "/" + f.replace(/(^|\/)index\.html$/, "$1"));
}

/** Whether an HTML file is only a redirect (meta refresh) left for an alias. */
export function isRedirectStub(html) {
  return /<meta[^>]+http-equiv=["']?refresh/i.test(html) && !/<main\b/i.test(html);
}

/** The file:// URL of a file in a build. */
export function fileUrl(dir, rel = "index.html") {
  return pathToFileURL(join(dir, rel)).href;
}

/** Reads a file of a build as text. */
export function read(dir, rel) {
  return readFileSync(join(dir, rel), "utf8");
}

/**
 * The page setup of every browser test file: registers `before` and `after`
 * hooks that start one Chromium (and, unless `site` is null, one static
 * server over a build) for the whole file and close them at its end.
 * Returns a session: `session.page(options)` opens a page (see `newPage`),
 * `session.url` is the server's origin, `session.browser` the browser.
 *
 *   site    a function returning the folder to serve (default `siteDir`),
 *           called in `before` so a missing build fails the file, not the import
 *   prefix  the path the site is served under (see `serve`)
 *   setup   runs first in `before` (e.g. make the screenshots folder)
 */
export function useBrowser({ site = siteDir, prefix = "/", setup } = {}) {
  // node:test does not promise to run a file's `before` hooks in the order
  // they were registered (node 20 ran a file's own hook first), so pages
  // wait for the start, whichever hook asks.
  let started, failed;
  const ready = new Promise((ok, fail) => {
    started = ok;
    failed = fail;
  });
  ready.catch(() => {}); // reported by the hook below, not as unhandled
  const session = {
    browser: null,
    server: null,
    get url() {
      return session.server?.url;
    },
    page: async (options) => {
      await ready;
      return newPage(session.browser, options);
    },
  };
  before(async () => {
    try {
      await setup?.();
      if (site) session.server = await serve(site(), { prefix });
      session.browser = await launch();
      started();
    } catch (err) {
      failed(err);
      throw err;
    }
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/** Runs `fn(browser)` with a fresh Chromium and closes it afterwards. */
export async function withBrowser(fn) {
  const browser = await launch();
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/**
 * The template types of the bundled site, each with one page that uses it.
 * Every one must be in the build: a page missing from it fails the suite
 * (`templatePages`), so a template cannot drop out of the axe and
 * screenshot checks unnoticed. A page that is not built yet does not
 * belong in this list.
 */
export const TEMPLATE_PAGES = [
  { name: "home", path: "/" },
  { name: "section", path: "/skills/" },
  { name: "page", path: "/skills/soft-skills/" },
  { name: "courses", path: "/learning/courses/" },
  { name: "quiz page", path: "/duties/quiz/" },
  { name: "self-assessment", path: "/skills/fit/" },
  { name: "career", path: "/career/" },
  { name: "onboarding", path: "/onboarding/" },
  { name: "glossary", path: "/glossary/" },
  { name: "tags list", path: "/tags/" },
  { name: "tags term", path: null }, // the first term found in /tags/
  { name: "404", path: "/404.html" },
  { name: "search", path: "/search/" },
  { name: "progress", path: "/progress/" },
];

/** Whether a URL path exists in a normal build. */
export function existsInBuild(dir, path) {
  const rel = path.endsWith("/") ? path + "index.html" : path;
  return existsSync(join(dir, "." + rel));
}

/** The first tag term page of a build (`/tags/<term>/`), or null. */
export function firstTermPath(dir) {
  const term = htmlFiles(dir).find((f) => /^tags\/[^/]+\/index\.html$/.test(f));
  return term ? "/" + term.replace(/index\.html$/, "") : null;
}

/**
 * TEMPLATE_PAGES resolved against a build, with the term page filled in.
 * Throws, naming every one, when a page is missing from the build.
 */
export function templatePages(dir) {
  const pages = TEMPLATE_PAGES.map((t) => (t.path === null ? { ...t, path: firstTermPath(dir) } : t));
  const missing = pages.filter((t) => !t.path || !existsInBuild(dir, t.path));
  if (missing.length > 0) {
    throw new Error(
      `template pages missing from the build of ${dir}: ` +
        missing.map((t) => `${t.name} (${t.path ?? "no /tags/<term>/ page"})`).join(", ") +
        `; build them, or take them out of TEMPLATE_PAGES in tests/browser/harness.mjs`,
    );
  }
  return pages;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core on the page as it is now (after clicks, in either theme);
 * returns the violations as { id, impact, help, targets }. Quiz and search
 * tests call it on an answered quiz or a results list.
 */
export async function axe(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    // All rules axe runs by default, best-practice ones (landmarks, headings) included.
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + (n.failureSummary ? ` — ${n.failureSummary.split("\n").slice(1, 2).join("").trim()}` : "")),
    }));
  });
}
