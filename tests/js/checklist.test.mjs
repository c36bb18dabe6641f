// The checklist store and counting of themes/default/static/checklist.js,
// on a fake localStorage. Run: node --test tests/js/checklist.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cl = require('../../themes/default/static/checklist.js');

function fakeStorage(initial = {}) {
  const map = new Map(Object.entries(initial));
  return {
    get length() { return map.size; },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => { map.set(k, String(v)); },
    removeItem: (k) => { map.delete(k); },
    map,
  };
}

const page = 'first-90-days/day-1.md';

test('nothing saved: an empty state, boxes as the source has them', () => {
  const s = fakeStorage();
  assert.deepEqual(cl.loadState(s, page), {});
  assert.equal(cl.isChecked({}, 'a', false), false);
  assert.equal(cl.isChecked({}, 'a', true), true);
});

test('ticks are kept per page and per item key', () => {
  const s = fakeStorage();
  cl.setItem(s, page, 'a1', true);
  cl.setItem(s, page, 'b2', true);
  cl.setItem(s, 'other.md', 'a1', true);
  cl.setItem(s, page, 'b2', false);
  assert.deepEqual(cl.loadState(s, page), { a1: true, b2: false });
  assert.deepEqual(cl.loadState(s, 'other.md'), { a1: true });
  assert.ok(s.getItem(cl.PREFIX + page));
});

test('the reader can untick a box ticked in the source', () => {
  const state = { x: false };
  assert.equal(cl.isChecked(state, 'x', true), false);
  assert.deepEqual(cl.countPage(state, ['x', 'y'], ['x', 'y']), { done: 1, total: 2, complete: false });
});

test('counting a page ignores keys of items no longer on it', () => {
  const state = { a: true, gone: true, c: true };
  assert.deepEqual(cl.countPage(state, ['a', 'b', 'c']), { done: 2, total: 3, complete: false });
  assert.deepEqual(cl.countPage({ a: true, b: true }, ['a', 'b']), { done: 2, total: 2, complete: true });
  assert.deepEqual(cl.countPage({}, []), { done: 0, total: 0, complete: false }, 'an empty list is never complete');
});

test('section totals add up pages', () => {
  const sum = cl.sumCounts([{ done: 2, total: 3 }, { done: 4, total: 4 }]);
  assert.deepEqual(sum, { done: 6, total: 7, complete: false });
  assert.equal(cl.sumCounts([{ done: 1, total: 1 }]).complete, true);
  assert.equal(cl.sumCounts([]).complete, false);
});

test('a step is done when its quiz is passed and its checklist complete', () => {
  const full = { done: 3, total: 3 };
  const part = { done: 2, total: 3 };
  assert.equal(cl.stepDone({ quiz: 'q', quizStatus: 'passed', checklist: full }), true);
  assert.equal(cl.stepDone({ quiz: 'q', quizStatus: 'passed', checklist: part }), false);
  assert.equal(cl.stepDone({ quiz: 'q', quizStatus: 'failed', checklist: full }), false);
  assert.equal(cl.stepDone({ quiz: 'q', quizStatus: 'started', checklist: null }), false);
  assert.equal(cl.stepDone({ quiz: 'fit', quizStatus: 'done', checklist: null }), true, 'a finished self-assessment');
  assert.equal(cl.stepDone({ quiz: null, checklist: full }), true);
  assert.equal(cl.stepDone({ quiz: null, checklist: null }), false);
});

test('quiz status is read from quiz.js records of any version', () => {
  const s = fakeStorage({ 'kurator-quiz:q': JSON.stringify({ hash: 'h', status: 'passed' }), 'kurator-quiz:bad': '{' });
  assert.equal(cl.quizStatus(s, 'q'), 'passed');
  assert.equal(cl.quizStatus(s, 'none'), 'not-started');
  assert.equal(cl.quizStatus(s, 'bad'), 'not-started');
});

test('reset removes only checklists', () => {
  const s = fakeStorage({ 'kurator-theme': 'dark', 'kurator-quiz:q': '{}' });
  cl.setItem(s, page, 'a', true);
  cl.setItem(s, 'x.md', 'a', true);
  assert.equal(cl.resetAll(s), 2);
  assert.deepEqual(cl.loadState(s, page), {});
  assert.equal(s.getItem('kurator-theme'), 'dark');
  assert.equal(s.getItem('kurator-quiz:q'), '{}');
});

test('broken or throwing storage does not break the page', () => {
  const s = fakeStorage({ [cl.PREFIX + page]: '[1,2]', [cl.PREFIX + 'n.md']: 'null' });
  assert.deepEqual(cl.loadState(s, page), {});
  assert.deepEqual(cl.loadState(s, 'n.md'), {});
  const throwing = {
    length: 1,
    key: () => { throw new Error('denied'); },
    getItem: () => { throw new Error('denied'); },
    setItem: () => { throw new Error('quota'); },
    removeItem: () => { throw new Error('denied'); },
  };
  assert.deepEqual(cl.setItem(throwing, page, 'a', true), { a: true });
  assert.equal(cl.resetAll(throwing), 0);
  assert.equal(cl.quizStatus(throwing, 'q'), 'not-started');
  assert.deepEqual(cl.loadState(null, page), {});
});

test('key lists', () => {
  assert.deepEqual(cl.keyList(' a  b\nc '), ['a', 'b', 'c']);
  assert.deepEqual(cl.keyList(null), []);
});
