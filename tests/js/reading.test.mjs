// The pure part of themes/default/static/reading.js: page keys, saving
// and loading progress, counting read pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const reading = createRequire(import.meta.url)('../../themes/default/static/reading.js');

function memory(init = {}) {
  const m = new Map(Object.entries(init));
  return {
    get length() { return m.size; },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => m.set(k, String(v)),
    map: m,
  };
}

test('pages as keys under the site root', () => {
  assert.equal(reading.pageKey('../kpi/', 'https://x.org/kb/duties/', '/kb/'), 'kpi/');
  assert.equal(reading.pageKey('/kb/', 'https://x.org/kb/duties/', '/kb/'), '');
  assert.equal(reading.pageKey('../kpi/index.html', 'file:///s/duties/index.html', '../'), 'kpi/');
  assert.equal(reading.pageKey('https://other.org/kb/', 'https://x.org/kb/', '/kb/'), null);
  assert.equal(reading.pageKey('../file.pdf', 'https://x.org/kb/a/', '/kb/'), null);
});

test('save and load: only the site\'s keys travel, and a bad file is refused', () => {
  const from = memory({ 'kurator-read:kpi/': '2026-12-04', 'kurator-quiz:kpi-check': '{"best":80}', 'other-app': 'secret' });
  const text = reading.exportProgress(from, '2026-12-04T10:00:00Z');
  const saved = JSON.parse(text);
  assert.deepEqual(Object.keys(saved.items), ['kurator-quiz:kpi-check', 'kurator-read:kpi/']);
  assert.ok(!text.includes('secret'));
  const to = memory({ 'kurator-read:faq/': '2026-12-01' });
  assert.equal(reading.importProgress(to, text), 2);
  assert.equal(to.getItem('kurator-quiz:kpi-check'), '{"best":80}');
  assert.equal(to.getItem('kurator-read:faq/'), '2026-12-01', 'what was there stays');
  const hostile = JSON.stringify({ format: 'kurator-progress', items: { 'other-app': 'x', 'kurator-read:a/': { no: 1 }, 'kurator-read:b/': 'ok' } });
  const t = memory();
  assert.equal(reading.importProgress(t, hostile), 1);
  assert.deepEqual([...t.map.keys()], ['kurator-read:b/']);
  assert.throws(() => reading.importProgress(memory(), 'not json'), /not JSON/);
  assert.throws(() => reading.importProgress(memory(), '{"items":{}}'), /not a progress file/);
});

test('read pages are counted', () => {
  const s = memory({ 'kurator-read:a/': 'd', 'kurator-read:c/': 'd' });
  assert.equal(reading.readCount(s, ['a/', 'b/', 'c/']), 2);
  assert.equal(reading.readCount(s, []), 0);
});
