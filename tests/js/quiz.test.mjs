// Scoring in quiz.js: every question type, reverse statements, bands at
// their edges, attempts. Run: node --test tests/js/quiz.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const quiz = require('../../themes/default/static/quiz.js');

test('single and multiple: right only with exactly the correct set', () => {
  const single = { type: 'single', correct: [1] };
  assert.equal(quiz.scoreQuestion(single, [1]), true);
  assert.equal(quiz.scoreQuestion(single, [0]), false);
  assert.equal(quiz.scoreQuestion(single, []), null);
  const multiple = { type: 'multiple', correct: [0, 2] };
  assert.equal(quiz.scoreQuestion(multiple, [2, 0]), true);
  assert.equal(quiz.scoreQuestion(multiple, [0]), false);
  assert.equal(quiz.scoreQuestion(multiple, [0, 1, 2]), false);
  assert.equal(quiz.scoreQuestion(multiple, undefined), null);
});

test('true-false', () => {
  const q = { type: 'true-false', answer: false };
  assert.equal(quiz.scoreQuestion(q, false), true);
  assert.equal(quiz.scoreQuestion(q, true), false);
  assert.equal(quiz.scoreQuestion(q, null), null);
});

test('order: steps shown in their canonical order', () => {
  const q = { type: 'order', steps: 3 };
  assert.equal(quiz.scoreQuestion(q, [0, 1, 2]), true);
  assert.equal(quiz.scoreQuestion(q, [1, 0, 2]), false);
  assert.equal(quiz.scoreQuestion(q, [0, 1]), null);
});

test('match: every left side to its own pair', () => {
  const q = { type: 'match', pairs: 3 };
  assert.equal(quiz.scoreQuestion(q, [0, 1, 2]), true);
  assert.equal(quiz.scoreQuestion(q, [0, 2, 1]), false);
  assert.equal(quiz.scoreQuestion(q, [0, null, 2]), false);
  assert.equal(quiz.scoreQuestion(q, [null, null, null]), null);
});

test('knowledge score, percent and pass threshold', () => {
  const data = {
    pass: 0.7,
    questions: [
      { type: 'single', correct: [0] },
      { type: 'true-false', answer: true },
      { type: 'order', steps: 2 },
    ],
  };
  const two = quiz.scoreKnowledge(data, [[0], true, [1, 0]]);
  assert.deepEqual(two.results, [true, true, false]);
  assert.equal(two.score, 2);
  assert.equal(two.total, 3);
  assert.equal(two.percent, 67);
  assert.equal(two.passed, false);
  const all = quiz.scoreKnowledge(data, [[0], true, [0, 1]]);
  assert.equal(all.passed, true);
  assert.equal(all.percent, 100);
  // Exactly at the threshold passes (0.7 of 10 = 7, despite float error).
  const ten = { pass: 0.7, questions: Array.from({ length: 10 }, () => ({ type: 'true-false', answer: true })) };
  const seven = quiz.scoreKnowledge(ten, [true, true, true, true, true, true, true, false, false, null]);
  assert.equal(seven.passed, true);
  assert.deepEqual(seven.results.slice(7), [false, false, null]);
  const noPass = quiz.scoreKnowledge({ questions: [{ type: 'true-false', answer: true }] }, [true]);
  assert.equal(noPass.passed, true, 'default pass is 0.7');
});

test('scale values: reverse statements count min + max - value', () => {
  const scale = { min: 1, max: 5 };
  assert.equal(quiz.scaleValue(5, scale, false), 5);
  assert.equal(quiz.scaleValue(5, scale, true), 1);
  assert.equal(quiz.scaleValue(2, scale, true), 4);
  assert.equal(quiz.meanPercent([1, 1], scale), 0);
  assert.equal(quiz.meanPercent([5, 5], scale), 100);
  assert.equal(quiz.meanPercent([3], scale), 50);
  assert.equal(quiz.meanPercent([4, 5, 5], scale), 92); // mean 4.667 → 91.67
  assert.equal(quiz.meanPercent([], scale), null);
});

const bands = [[0, 49], [50, 79], [80, 100]];

test('bands at their edges', () => {
  assert.equal(quiz.findBand(bands, 0), 0);
  assert.equal(quiz.findBand(bands, 49), 0);
  assert.equal(quiz.findBand(bands, 50), 1);
  assert.equal(quiz.findBand(bands, 79), 1);
  assert.equal(quiz.findBand(bands, 80), 2);
  assert.equal(quiz.findBand(bands, 100), 2);
  assert.equal(quiz.findBand(bands, null), -1);
  assert.equal(quiz.findBand([[0, 10]], 50), -1);
});

test('self-assessment: overall and per-trait scores and bands', () => {
  const data = {
    scale: { min: 1, max: 5 },
    traits: [{ id: 'communication', name: 'Общение' }, { id: 'stress', name: 'Стресс' }, { id: 'unused', name: 'x' }],
    bands,
    traitBands: { communication: [[0, 59], [60, 100]] },
    questions: [
      { type: 'scale', trait: 'communication', reverse: false },
      { type: 'scale', trait: 'stress', reverse: true },
      { type: 'scale', trait: null, reverse: false },
    ],
  };
  const low = quiz.scoreSelfAssessment(data, [1, 5, 1]);
  assert.equal(low.complete, true);
  assert.equal(low.percent, 0);
  assert.equal(low.band, 0);
  assert.deepEqual(low.traits.map((t) => [t.id, t.percent, t.band]), [
    ['communication', 0, 0],
    ['stress', 0, -1],
    ['unused', null, -1],
  ]);
  const high = quiz.scoreSelfAssessment(data, [5, 1, 5]);
  assert.equal(high.percent, 100);
  assert.equal(high.band, 2);
  assert.equal(high.traits[0].band, 1);
  const middle = quiz.scoreSelfAssessment(data, [3, 3, 3]);
  assert.equal(middle.percent, 50);
  assert.equal(middle.band, 1);
  const partial = quiz.scoreSelfAssessment(data, [5, null, 5]);
  assert.equal(partial.complete, false);
});

test('attempts limit', () => {
  assert.equal(quiz.attemptsLeft(0, 99), Infinity);
  assert.equal(quiz.attemptsLeft(3, 0), 3);
  assert.equal(quiz.attemptsLeft(3, 2), 1);
  assert.equal(quiz.attemptsLeft(3, 3), 0);
  assert.equal(quiz.attemptsLeft(3, 5), 0);
  assert.equal(quiz.attemptsLeft(2, undefined), 2);
});

test('shuffle keeps every item; moveItem clamps at the ends', () => {
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const out = quiz.shuffle([1, 2, 3, 4, 5], random);
  assert.deepEqual([...out].sort(), [1, 2, 3, 4, 5]);
  assert.deepEqual(quiz.moveItem(['a', 'b', 'c'], 1, -1), ['b', 'a', 'c']);
  assert.deepEqual(quiz.moveItem(['a', 'b', 'c'], 1, 1), ['a', 'c', 'b']);
  assert.deepEqual(quiz.moveItem(['a', 'b', 'c'], 0, -1), ['a', 'b', 'c']);
  assert.deepEqual(quiz.moveItem(['a', 'b', 'c'], 2, 1), ['a', 'b', 'c']);
});

test('format fills placeholders and leaves unknown ones', () => {
  assert.equal(quiz.format('{score} из {total} {x}', { score: 2, total: 3 }), '2 из 3 {x}');
});
