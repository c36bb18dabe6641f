// The theme's one lookup of interface words (theme.js `translate`): plural
// forms by the language's rules and {name} filling, with the same
// expectations as the Rust side (src/i18n/tests.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const { translate } = createRequire(import.meta.url)('../../themes/default/static/theme.js');

const ru = {
  language: 'ru',
  texts: {
    'search.found': { one: 'Найдено: {n} результат', few: 'Найдено: {n} результата', many: 'Найдено: {n} результатов', other: 'Найдено: {n} результата' },
    'checklist.count': '{done} из {total}',
  },
};
const en = { language: 'en', texts: { 'search.found': { one: '{n} result', other: '{n} results' } } };

test('Russian plural forms: one, few, many', () => {
  const found = (n) => translate(ru, 'search.found', { n });
  assert.equal(found(1), 'Найдено: 1 результат');
  assert.equal(found(21), 'Найдено: 21 результат');
  assert.equal(found(3), 'Найдено: 3 результата');
  assert.equal(found(22), 'Найдено: 22 результата');
  assert.equal(found(5), 'Найдено: 5 результатов');
  assert.equal(found(11), 'Найдено: 11 результатов');
  assert.equal(found(12), 'Найдено: 12 результатов');
  assert.equal(found(112), 'Найдено: 112 результатов');
  assert.equal(found(0), 'Найдено: 0 результатов');
  assert.equal(found(1.5), 'Найдено: 1.5 результата');
});

test('English: one and other', () => {
  assert.equal(translate(en, 'search.found', { n: 1 }), '1 result');
  assert.equal(translate(en, 'search.found', { n: 7 }), '7 results');
});

test('placeholders are filled; unknown ones and missing keys stay visible', () => {
  assert.equal(translate(ru, 'checklist.count', { done: 2, total: 5 }), '2 из 5');
  assert.equal(translate(ru, 'checklist.count', { done: 2 }), '2 из {total}');
  assert.equal(translate(ru, 'no.such.key'), 'no.such.key');
  assert.equal(translate(null, 'search.found', { n: 1 }), 'search.found');
  // A language the browser does not know falls back to `other`.
  assert.equal(translate({ language: 'xx-not-a-language!', texts: en.texts }, 'search.found', { n: 1 }), '1 results');
});
