// The progress store in quiz.js, on a fake localStorage.
// Run: node --test tests/js/progress.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const quiz = require('../../themes/default/static/quiz.js');

/** A localStorage stand-in: a Map behind the Storage interface. */
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

const day1 = new Date('2026-03-01T10:00:00Z');
const day2 = new Date('2026-03-02T10:00:00Z');

test('nothing saved: not started', () => {
  const s = fakeStorage();
  assert.equal(quiz.loadProgress(s, 'q', 'h1'), null);
  assert.equal(quiz.statusOf(null), 'not-started');
});

test('save and load an attempt', () => {
  const s = fakeStorage();
  const r = quiz.recordAttempt(s, 'q', 'h1', { percent: 60, passed: false }, day1);
  assert.deepEqual(quiz.loadProgress(s, 'q', 'h1'), r);
  assert.equal(r.status, 'failed');
  assert.equal(r.best, 60);
  assert.equal(r.attempts, 1);
  assert.equal(r.last, '2026-03-01T10:00:00.000Z');
  assert.ok(s.getItem(quiz.PREFIX + 'q'));
});

test('best score is kept and a pass is never lost', () => {
  const s = fakeStorage();
  quiz.recordAttempt(s, 'q', 'h1', { percent: 80, passed: true }, day1);
  const r = quiz.recordAttempt(s, 'q', 'h1', { percent: 40, passed: false }, day2);
  assert.equal(r.best, 80);
  assert.equal(r.lastScore, 40);
  assert.equal(r.status, 'passed');
  assert.equal(r.attempts, 2);
  assert.equal(r.last, '2026-03-02T10:00:00.000Z');
});

test('a changed quiz (other hash) starts fresh', () => {
  const s = fakeStorage();
  quiz.recordAttempt(s, 'q', 'h1', { percent: 100, passed: true }, day1);
  assert.equal(quiz.loadProgress(s, 'q', 'h2'), null);
  const r = quiz.recordAttempt(s, 'q', 'h2', { percent: 20, passed: false }, day2);
  assert.equal(r.attempts, 1);
  assert.equal(r.best, 20);
  assert.equal(r.status, 'failed');
  assert.equal(quiz.loadProgress(s, 'q', 'h1'), null);
  // Without a hash (status markers on other pages) any version is accepted.
  assert.equal(quiz.loadProgress(s, 'q', null).hash, 'h2');
});

test('started, then done for self-assessments', () => {
  const s = fakeStorage();
  const started = quiz.markStarted(s, 'fit', 'h', day1);
  assert.equal(started.status, 'started');
  assert.equal(started.attempts, 0);
  assert.equal(quiz.markStarted(s, 'fit', 'h', day2).last, started.last, 'started once');
  const done = quiz.recordAttempt(s, 'fit', 'h', { percent: 42 }, day2, 'self-assessment');
  assert.equal(done.status, 'done');
  assert.equal(done.best, 42);
  assert.equal(quiz.statusOf(done), 'done');
});

test('attempts limit counts saved attempts', () => {
  const s = fakeStorage();
  for (let i = 0; i < 2; i++) quiz.recordAttempt(s, 'q', 'h', { percent: 0, passed: false }, day1);
  assert.equal(quiz.attemptsLeft(2, quiz.loadProgress(s, 'q', 'h').attempts), 0);
  assert.equal(quiz.attemptsLeft(3, quiz.loadProgress(s, 'q', 'h').attempts), 1);
});

test('reset removes only quiz progress', () => {
  const s = fakeStorage({ theme: 'dark' });
  quiz.recordAttempt(s, 'a', 'h', { percent: 10, passed: false }, day1);
  quiz.recordAttempt(s, 'b', 'h', { percent: 90, passed: true }, day1);
  assert.equal(quiz.resetProgress(s), 2);
  assert.equal(quiz.loadProgress(s, 'a', 'h'), null);
  assert.equal(quiz.loadProgress(s, 'b', 'h'), null);
  assert.equal(s.getItem('theme'), 'dark');
});

test('broken or throwing storage does not break the page', () => {
  const s = fakeStorage({ [quiz.PREFIX + 'q']: '{not json' });
  assert.equal(quiz.loadProgress(s, 'q', 'h'), null);
  const throwing = {
    length: 0,
    key: () => null,
    getItem: () => { throw new Error('denied'); },
    setItem: () => { throw new Error('quota'); },
    removeItem: () => { throw new Error('denied'); },
  };
  assert.equal(quiz.loadProgress(throwing, 'q', 'h'), null);
  const r = quiz.recordAttempt(throwing, 'q', 'h', { percent: 50, passed: false }, day1);
  assert.equal(r.attempts, 1);
  assert.equal(quiz.resetProgress(throwing), 0);
  assert.equal(quiz.loadProgress(null, 'q', 'h'), null);
});

test('the memory fallback behaves like storage', () => {
  const m = quiz.memoryStorage();
  quiz.recordAttempt(m, 'q', 'h', { percent: 70, passed: true }, day1);
  assert.equal(m.length, 1);
  assert.equal(quiz.loadProgress(m, 'q', 'h').status, 'passed');
  assert.equal(quiz.resetProgress(m), 1);
  assert.equal(m.length, 0);
});
