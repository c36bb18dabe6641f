// Loads a built search index (the files build_index writes, under
// <dir>/search/) the way a browser does from file://: every file is a
// classic script evaluated against a fake `window`, here in a vm context.
// Then queries go through the real engine of themes/default/static/search.js.
// Reusable: `const idx = loadIndex(dir); await idx.search('запрос')`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
export const search = require('../../themes/default/static/search.js');

function scripts(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? scripts(path) : name.endsWith('.js') ? [path] : [];
  });
}

export function loadIndex(dir) {
  const store = new Map();
  const context = vm.createContext({ window: { __kuratorSearch: { add: (name, data) => store.set(name, JSON.parse(JSON.stringify(data))) } } });
  for (const file of scripts(join(dir, 'search'))) vm.runInContext(readFileSync(file, 'utf8'), context, { filename: file });
  const requested = [];
  const engine = new search.Engine((name) => {
    requested.push(name);
    return store.has(name) ? Promise.resolve(store.get(name)) : Promise.reject(new Error(`no ${name} in the index`));
  });
  return {
    engine,
    store,
    requested,
    // Runs a query and presents the first `limit` hits:
    // {total, mode, results: [{url, title, breadcrumb, heading, segments, typos, matched}]}.
    async search(q, limit = 10) {
      const res = await engine.query(q);
      const results = await Promise.all(res.hits.slice(0, limit).map(async (hit) => ({
        ...(await engine.present(hit)),
        typos: hit.typos,
        matched: hit.matched,
      })));
      return { total: res.total, mode: res.mode, results };
    },
  };
}
