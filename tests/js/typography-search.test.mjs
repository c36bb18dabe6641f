// Search treats the spaces of Russian typography (issue 18) as spaces:
// U+00A0 (written by the renderer) and U+202F (a thin digit-group space an
// author may type) split words in search.js as in src/search/tokenize.rs.
// Run: node --test tests/js/typography-search.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const search = require('../../themes/default/static/search.js');

const parts = (text) => search.words(text).map((w) => w.parts);

test('no-break and narrow no-break spaces split words like a space', () => {
  const plain = 'Оплата в срок — 50 000 ₽ за 3 месяца, договор № 7';
  const expected = parts(plain);
  assert.equal(expected.length, 10, JSON.stringify(expected));
  assert.deepEqual(parts(plain.replaceAll(' ', '\u00a0')), expected);
  assert.deepEqual(parts(plain.replaceAll(' ', '\u202f')), expected);
  assert.deepEqual(parts('аккаунт\u00a0менеджер'), [['аккаунт'], ['менеджер']]);
});

test('offsets into the text stay right around a narrow space', () => {
  const text = 'в\u202fдоме';
  const [a, b] = search.words(text);
  assert.equal(text.slice(a.start, a.end), 'в');
  assert.equal(text.slice(b.start, b.end), 'доме');
});

test('a query typed with a no-break space finds the same terms', () => {
  const stop = new Set(['в']);
  const terms = (q) => search.words(q).flatMap((w) => search.wordTerms(w, stop).terms);
  assert.deepEqual(terms('в\u00a0договоре'), terms('в договоре'));
});
