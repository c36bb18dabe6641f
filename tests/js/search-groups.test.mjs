// Fragment files that hold several pages each (large sites): the index that
// tests/integration/js_search.rs builds from 4,321 numbered pages, three a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadIndex } from './harness.mjs';

const dir = process.env.KURATOR_INDEX_DIR;
const skip = !dir && 'KURATOR_INDEX_DIR not set (run through cargo test)';
const index = dir ? loadIndex(dir) : null;

test('every page is presented from its place in its group', { skip }, async () => {
  assert.equal(index.store.get('meta').fragments, 3);
  // First, last and middle items of groups, and the last, short group.
  for (const n of [0, 1, 2, 3, 4, 5, 1000, 2161, 4318, 4319, 4320]) {
    const res = await index.search(String(n), 1);
    assert.equal(res.total, 1, `query ${n}`);
    const [r] = res.results;
    const padded = String(n).padStart(5, '0');
    assert.equal(r.url, `${padded}/`, `query ${n}`); // without the base path /p/
    assert.equal(r.title, `Страница ${n}`);
    assert.deepEqual(r.segments.filter((s) => s.mark).map((s) => s.text), [String(n)]);
  }
});

test('a result loads one fragment file', { skip }, async () => {
  const fresh = loadIndex(dir);
  await fresh.search('4319', 1);
  assert.deepEqual(fresh.requested.filter((n) => n.startsWith('f/')), [`f/${Math.floor(4319 / 3)}`]);
});
