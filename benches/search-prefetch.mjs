// What fetching a result's text before the reader's pause would cost
// (issue 20): the settle target (results final ≤ 50 ms after the last key)
// and the request target (≤ 10 files a search) pull against each other,
// because a list can only be shown with its results' text (titles and
// snippets are in the fragment files). This replays queries typed letter
// by letter over a built index with the real engine (in node, no browser)
// and counts, per policy, the files a search asks for and whether the
// last key's results were all loaded before it (the list can settle at
// once), must be fetched at once (settles in about one round trip), or
// wait for the pause (90 ms more):
//
//   pause      what search.js does: text only after the reader's pause;
//   every key  each key's results fetched at once ("wait only for the
//              network", nothing cancelled on a fast network);
//   stable N   a result's text fetched at once once the result has stayed
//              in the top five for N more keys; the rest after the pause;
//   whole      what search.js does on an instant site (`search.instant`):
//              the text of a key's results at once when its query is whole
//              words (Engine.whole), the rest after the pause.
//
// Shards: what the query needs at every key for the eager policies, what
// Engine.prefetch loads plus the last key's for `pause`, and for `whole`
// also what the keys whose query is whole need. Three more
// requests (engine, stemmer, meta) are added to every search.
//
//   node benches/search-prefetch.mjs <built site> ["query" … | queries.tsv]
import { readFileSync } from 'node:fs';
import { loadIndex } from '../tests/js/harness.mjs';

const [dir, ...args] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node benches/search-prefetch.mjs <built site> ["query" … | file.tsv]');
  process.exit(2);
}
const queries = args.length === 1 && args[0].endsWith('.tsv')
  ? readFileSync(args[0], 'utf8').split('\n').slice(1).filter((l) => l.trim()).map((l) => l.split('\t')[0])
  : args.length ? args : ['клиент', 'отчет клиенту', 'договор', 'бюджет проекта', 'сроки', 'оплата счета'];
const SHOWN = 5; // the header box
const FIXED = 3;

const index = loadIndex(dir);
const engine = index.engine;
await engine.ready();

// Per query, per key: the shards the query needs, those Engine.prefetch
// loads, and the fragment files of its first five results.
async function replay(q) {
  const keys = [];
  for (let i = 1; i <= q.length; i++) {
    const text = q.slice(0, i);
    const needed = engine.neededShards(engine.parse(text));
    index.requested.length = 0;
    const had = engine.shards;
    engine.shards = {};
    await engine.prefetch(text);
    const sure = index.requested.filter((n) => n.startsWith('t/')).map((n) => Number(n.slice(2)));
    engine.shards = had;
    const res = await engine.query(text, SHOWN);
    keys.push({ needed, sure, whole: res.whole, files: [...new Set(res.hits.slice(0, SHOWN).map((h) => engine.fragmentFile(h)))] });
  }
  return keys;
}

function policy(keys, stable) {
  const shards = new Set(), files = new Set();
  if (stable === 'whole') {
    // A key whose query runs has every shard it needs; one that waits (and
    // is typed past) only what prefetch loads.
    keys.forEach((k, i) => {
      (k.whole || i === keys.length - 1 ? k.needed : k.sure).forEach((s) => shards.add(s));
      if (k.whole) k.files.forEach((f) => files.add(f));
    });
    const last = keys[keys.length - 1];
    last.files.forEach((f) => files.add(f));
    return { requests: FIXED + shards.size + files.size, text: last.whole ? 'at once' : 'after pause' };
  }
  keys.forEach((k, i) => {
    const last = i === keys.length - 1;
    (stable === null && !last ? k.sure : k.needed).forEach((s) => shards.add(s));
    if (last || stable === null) return;
    // In the top five at this key and the `stable` keys before it.
    if (i < stable) return;
    k.files.filter((f) => keys.slice(i - stable, i).every((p) => p.files.includes(f))).forEach((f) => files.add(f));
  });
  const final = keys[keys.length - 1].files;
  const missing = final.filter((f) => !files.has(f));
  final.forEach((f) => files.add(f));
  const eager = stable === 0;
  return { requests: FIXED + shards.size + files.size, text: !missing.length ? 'before' : eager ? 'at once' : 'after pause' };
}

const policies = [['pause', null], ['every key', 0], ['stable 1', 1], ['stable 2', 2], ['whole', 'whole']];
const rows = [];
for (const q of queries) {
  const keys = await replay(q);
  rows.push({ q, results: policies.map(([, s]) => policy(keys, s)) });
}
if (queries.length <= 20) {
  for (const r of rows) console.log(`${JSON.stringify(r.q)}: ` + r.results.map((x, i) => `${policies[i][0]} ${x.requests} (${x.text})`).join('; '));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
for (const [i, [name]] of policies.entries()) {
  const rs = rows.map((r) => r.results[i]);
  const count = (t) => rs.filter((x) => x.text === t).length;
  console.log(`${name.padEnd(9)}: requests median ${median(rs.map((x) => x.requests))}, max ${Math.max(...rs.map((x) => x.requests))}, over 10: ${rs.filter((x) => x.requests > 10).length} of ${rs.length}; last key's text loaded before it ${count('before')}, fetched at once ${count('at once')}, after the pause ${count('after pause')}`);
}
