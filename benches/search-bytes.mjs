// Bytes a browser downloads before it shows the first result, per query,
// over a built index: meta + the shards the query needs + the fragment of
// the first hit + search.js + stemmer.js. Raw and gzip (what a static host
// usually sends). Also times queries through the real engine (node, after
// the index is loaded; for Chromium use benches/search-chromium.mjs).
//
//   node benches/search-bytes.mjs <site folder with search/> "запрос один" "два слова" …
import { readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadIndex } from '../tests/js/harness.mjs';

const [dir, ...queries] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const staticDir = join(here, '../themes/default/static');
const size = (path) => {
  const bytes = readFileSync(path);
  return [bytes.length, gzipSync(bytes, { level: 6 }).length];
};
const code = ['search.js', 'stemmer.js'].map((f) => size(join(staticDir, f)));
for (const q of queries) {
  const idx = loadIndex(dir);
  const res = await idx.search(q, 1);
  let raw = code[0][0] + code[1][0];
  let gz = code[0][1] + code[1][1];
  for (const name of idx.requested) {
    const [r, g] = size(join(dir, 'search', `${name}.js`));
    raw += r;
    gz += g;
  }
  console.log(`${JSON.stringify(q)}: ${res.total} pages; first ${res.results[0]?.url}; files ${idx.requested.length} (${idx.requested.join(' ')}); ${raw} B raw, ${gz} B gzip (JS ${code[0][0] + code[1][0]} raw / ${code[0][1] + code[1][1]} gzip)`);
  const times = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await idx.engine.query(q, 50);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`   warm query time (node): median ${times[15].toFixed(2)} ms, p95 ${times[28].toFixed(2)} ms`);
}
