// The browser's side of query understanding (search-engine.js) against the
// same vectors as src/search/query.rs, over the tables Rust writes into
// meta.js (kept as the golden file tests/search/query-rules.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const engine = createRequire(import.meta.url)('../../themes/default/static/search-engine.js');
const read = (name) => JSON.parse(readFileSync(new URL(`../search/${name}`, import.meta.url), 'utf8'));
const golden = read('query-rules.json');
const rules = golden.query;
const stop = new Set(golden.stop);
const vectors = read('query-vectors.json');
const words = (text) => text.split(/\s+/).filter(Boolean).map(engine.normalize);

test('filler words leave the subject', () => {
  for (const [query, expected] of vectors.content_words) {
    assert.deepEqual(engine.contentWords(words(query), rules, stop), expected, query);
  }
});

test('definition questions', () => {
  for (const [query, expected] of vectors.asks_definition) assert.equal(engine.asksDefinition(words(query)), expected, query);
});

test('wrong keyboard layout', () => {
  for (const [query, expected] of vectors.switch_layout) assert.equal(engine.switchLayout(query, rules), expected, query);
});

test('the other script', () => {
  for (const [word, expected] of vectors.transliterate) assert.equal(engine.transliterate(word, rules), expected, word);
});

test('joined words split', () => {
  for (const [word, expected] of vectors.splits) assert.deepEqual(engine.splits(word, rules), expected, word);
});

test('edit distance gives up past its limit', () => {
  assert.equal(engine.editDistance('договор', 'дговоор', 2), 2);
  assert.equal(engine.editDistance('клиент', 'отчет', 2), 3);
  assert.equal(engine.editDistance('', 'аб', 2), 2);
});
