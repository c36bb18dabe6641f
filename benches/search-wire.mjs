// What a reader's browser downloads to search, and how soon results settle
// (issue 20): headless Chromium opens a page of a built site, then types a
// query into the header box with real key events, 60 ms a key, and waits
// until nothing more is requested and the list stops changing.
//
// Reported per query: page load (every response until the page is idle)
// and the search phase (every response from the click into the box on), as
// requests and wire bytes — each body gzip -6 compressed, or as it is when
// that is smaller (Pagefind's files are compressed already) — and the time
// from the last key to the last change of the result list; then the same
// query typed again into the emptied box, with its files loaded.
//
//   node benches/search-wire.mjs <built site> [--page /path/] [--search-page]
//        [--pagefind] [--delay MS] ["query" …]
//
// --search-page types into /search/ instead of the header box of --page.
// --delay: milliseconds between keys (60 unless given: the typing;
// a person typing at 40–80 words a minute is nearer 150–300).
// --pagefind: the folder also holds a Pagefind index (`pagefind --site`);
// the script writes pagefind-bench.html into it (Pagefind's own UI, the
// way its docs set it up) and measures that page instead.
// Needs Debian's Chromium and `npm ci --prefix tests/browser --ignore-scripts`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, newPage, serve } from '../tests/browser/harness.mjs';

const args = process.argv.slice(2);
const dir = args.shift();
if (!dir) {
  console.error('usage: node benches/search-wire.mjs <built site> [--page /path/] [--search-page] [--pagefind] [--delay MS] ["query" …]');
  process.exit(2);
}
let pagePath = '/';
let searchPage = false;
let pagefind = false;
let delay = 60;
const queries = [];
while (args.length) {
  const a = args.shift();
  if (a === '--page') pagePath = args.shift();
  else if (a === '--search-page') searchPage = true;
  else if (a === '--pagefind') pagefind = true;
  else if (a === '--delay') delay = Number(args.shift());
  else queries.push(a);
}
if (!(delay >= 0)) {
  console.error('--delay takes milliseconds between keys, such as 60 or 150');
  process.exit(2);
}
if (!queries.length) queries.push('клиент', 'отчет клиенту', 'договор', 'бюджет проекта');

if (pagefind) {
  writeFileSync(join(dir, 'pagefind-bench.html'), `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Pagefind</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet"><script src="/pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>window.addEventListener('DOMContentLoaded', () => new PagefindUI({ element: '#search', showSubResults: true }));</script></body></html>`);
}

const INPUT = pagefind ? '.pagefind-ui__search-input' : searchPage ? '#search-page-q' : 'form[data-kurator-search] input[name=q]';
const LIST = pagefind ? '.pagefind-ui__results-area' : searchPage ? '.search-results' : '#search-list';
const url = pagefind ? '/pagefind-bench.html' : searchPage ? '/search/' : pagePath;

const wire = (body) => Math.min(body.length, gzipSync(body, { level: 6 }).length);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

const server = await serve(dir);
const browser = await launch();
const rows = [];
try {
  for (const q of queries) {
    const page = await newPage(browser);
    const responses = [];
    let phase = 'load';
    let last = Date.now();
    page.on('response', async (res) => {
      last = Date.now();
      const entry = { phase, url: res.url(), bytes: 0 };
      responses.push(entry);
      try {
        entry.bytes = wire(await res.body());
      } catch {
        /* redirects have no body */
      }
    });
    page.on('request', () => { last = Date.now(); });
    const quiet = async (ms) => {
      while (Date.now() - last < ms) await page.waitForTimeout(50);
    };
    await page.goto(server.url + url, { waitUntil: 'load' });
    await quiet(500);
    await page.evaluate((list) => {
      window.__bench = { lastKey: 0, lastChange: 0 };
      // Playwright types letters off the US keyboard (Cyrillic) as input
      // events without keydown, so the key's time is its input event's.
      document.addEventListener('input', () => { window.__bench.lastKey = performance.now(); }, true);
      const watch = () => {
        const el = document.querySelector(list);
        if (!el) return setTimeout(watch, 20);
        new MutationObserver(() => { window.__bench.lastChange = performance.now(); }).observe(el, { childList: true, subtree: true, characterData: true, attributes: true });
      };
      watch();
    }, LIST);
    phase = 'search';
    await page.click(INPUT);
    await page.keyboard.type(q, { delay });
    last = Date.now();
    await quiet(800);
    const t = await page.evaluate(() => ({
      ...window.__bench,
      // When each file of the search phase was asked for and came in,
      // against the last key (BENCH_VERBOSE shows where the time goes).
      timeline: performance.getEntriesByType('resource')
        .filter((r) => r.startTime > window.__bench.lastKey - 2000)
        .map((r) => `${(r.startTime - window.__bench.lastKey).toFixed(0)}..${(r.responseEnd - window.__bench.lastKey).toFixed(0)} ms ${new URL(r.name).pathname}`),
    }));
    // The same query again, the index now loaded: what typing costs once
    // the words' files are in (no network).
    phase = 'again';
    await page.fill(INPUT, '');
    await quiet(300);
    await page.keyboard.type(q, { delay });
    last = Date.now();
    await quiet(800);
    const warm = await page.evaluate(() => window.__bench);
    const load = responses.filter((r) => r.phase === 'load');
    const search = responses.filter((r) => r.phase === 'search');
    const sum = (rs) => rs.reduce((a, r) => a + r.bytes, 0);
    rows.push({
      q,
      load: { requests: load.length, bytes: sum(load) },
      search: { requests: search.length, bytes: sum(search), files: search.map((r) => r.url.replace(server.url, '')) },
      settledMs: Math.max(0, t.lastChange - t.lastKey),
      warmMs: Math.max(0, warm.lastChange - warm.lastKey),
      timeline: t.timeline,
      againRequests: responses.filter((r) => r.phase === 'again').length,
      againFiles: responses.filter((r) => r.phase === 'again').map((r) => r.url.replace(server.url, '')),
    });
    await page.context().close();
  }
} finally {
  await browser.close();
  await server.close();
}
for (const r of rows) {
  console.log(`${JSON.stringify(r.q)}: page load ${r.load.requests} requests ${r.load.bytes} B; search ${r.search.requests} requests ${r.search.bytes} B; total ${r.load.bytes + r.search.bytes} B; last key → settled ${r.settledMs.toFixed(0)} ms; typed again: ${r.warmMs.toFixed(0)} ms, ${r.againRequests} requests`);
  if (process.env.BENCH_VERBOSE) console.log('   ' + r.search.files.join('\n   ') + '\n   again:\n   ' + r.againFiles.join('\n   ') + '\n   after the last key:\n   ' + r.timeline.join('\n   '));
}
console.log(`median: total ${median(rows.map((r) => r.load.bytes + r.search.bytes))} B gzip, search requests ${median(rows.map((r) => r.search.requests))}, last key → settled ${median(rows.map((r) => r.settledMs)).toFixed(0)} ms, typed again ${median(rows.map((r) => r.warmMs)).toFixed(0)} ms`);
