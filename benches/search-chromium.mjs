// Query time of the real search engine in headless Chromium, after the
// index is loaded: for each query, the first (cold) run, then the median and
// p95 of warm runs. Serves a built site over 127.0.0.1, opens its /search/
// page and drives the page's own `KuratorSearch.Engine` over the site's
// index scripts, so what is timed is exactly the shipped search.js.
//
//   node benches/search-chromium.mjs <built site folder> [runs] ["query" …]
//
// Needs Debian's Chromium (/usr/bin/chromium, or KURATOR_CHROMIUM) and
// `npm ci --prefix tests/browser --ignore-scripts` for playwright-core;
// never downloads a browser. Without queries it times the set written
// down in BENCHMARKS.md (one- and two-word, typo, prefix-as-you-type).
import { launch, newPage, serve } from '../tests/browser/harness.mjs';

const DEFAULT = [
  'менеджер', 'клиент', 'отчет клиенту', 'скидка поставщика', 'аккаунт-менеджер',
  'отчетнсоть клиенту', 'клиент отч', 'зарплата менеджера', 'kpi', 'переговоры',
];

const [dir, runsArg, ...rest] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node benches/search-chromium.mjs <built site folder> [runs] ["query" …]');
  process.exit(2);
}
const runs = Number(runsArg) || 100;
const queries = rest.length ? rest : DEFAULT;

const server = await serve(dir);
const browser = await launch();
try {
  const page = await newPage(browser);
  await page.goto(server.url + '/search/');
  const result = await page.evaluate(async ({ queries, runs }) => {
    // The page's stemmer is loaded on first use; load it here.
    const root = (document.documentElement.getAttribute('data-root') || '/').replace(/\/?$/, '/');
    const script = (src) => new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error(`cannot load ${src}`));
      document.head.appendChild(s);
    });
    const stemmer = document.querySelector('[data-stemmer]')?.getAttribute('data-stemmer') || `${root}stemmer.js`;
    if (!window.KuratorStemmer) await script(stemmer);
    // The page's own loader (search.js exposes it for this).
    // The engine loads on first use; load it now.
    if (window.KuratorSearch.ready) await window.KuratorSearch.ready();
    const load = window.KuratorSearch.load;
    if (!load) throw new Error('this search.js does not expose KuratorSearch.load');
    // The search page asks for 50 hits (the header list for 8); older
    // engines ignore the argument and sort every hit.
    const LIMIT = 50;
    const out = [];
    for (const q of queries) {
      // A fresh engine per query: load its shards (not timed), then time
      // the first run (decoding postings) and the warm runs.
      const engine = new window.KuratorSearch.Engine(load);
      await engine.ready();
      const parsed = engine.parse(q);
      await engine.loadShards(engine.neededShards(parsed));
      let t0 = performance.now();
      const first = await engine.query(q, LIMIT);
      const cold = performance.now() - t0;
      const ms = [];
      for (let i = 0; i < runs; i++) {
        t0 = performance.now();
        await engine.query(q, LIMIT);
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      const at = (p) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)];
      out.push({ q, total: first.total, mode: first.mode, top: first.hits[0] && first.hits[0].page, cold, median: at(0.5), p95: at(0.95), max: ms[ms.length - 1] });
    }
    return out;
  }, { queries, runs });
  const all = [];
  for (const r of result) {
    all.push(r.median);
    console.log(`${JSON.stringify(r.q).padEnd(24)} ${String(r.total).padStart(6)} pages (${r.mode}, top page ${r.top})  first ${r.cold.toFixed(2).padStart(7)} ms  median ${r.median.toFixed(2).padStart(6)} ms  p95 ${r.p95.toFixed(2).padStart(6)} ms  max ${r.max.toFixed(2).padStart(6)} ms`);
  }
  all.sort((a, b) => a - b);
  console.log(`${runs} warm runs per query; worst median ${all[all.length - 1].toFixed(2)} ms`);
  if (page.errors?.length) console.log('page errors:', page.errors);
} finally {
  await browser.close();
  await server.close();
}
