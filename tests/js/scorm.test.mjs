// The pure logic of scorm.js: finding the API, the course's state, suspend
// data (and its size for the bundled course), times, interactions, the
// session against a fake LMS that fails. Run: node --test tests/js/scorm.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const scorm = require('../../themes/default/static/scorm.js');

test('the API is found on a parent or the opener, within the bound', () => {
  const api = {};
  const top = { API: api };
  top.parent = top;
  const mid = { parent: top };
  const child = { parent: mid, top };
  assert.equal(scorm.findAPI(child, 'API'), api);
  assert.equal(scorm.findAPI(child, 'API_1484_11'), null);
  assert.equal(scorm.findAPI(child, 'API', 1), null, 'two steps up is beyond a bound of 1');
  const lms = { API_1484_11: api };
  lms.parent = lms;
  const popup = { top: null, opener: lms };
  popup.parent = popup;
  popup.top = popup;
  assert.equal(scorm.findAPI(popup, 'API_1484_11'), api);
  const hostile = { get parent() { throw new Error('cross-origin'); } };
  assert.equal(scorm.findAPI(hostile, 'API'), null, 'another origin ends the walk');
});

test('course state: completion, average score, success with and without mastery', () => {
  const counted = ['a', 'b'];
  const none = scorm.courseState({}, counted, null);
  assert.deepEqual([none.completion, none.success, none.score, none.lessonStatus], ['incomplete', 'unknown', 0, 'incomplete']);
  const one = scorm.courseState({ a: { status: 'passed', best: 100, attempts: 1 }, b: { status: 'failed', best: 29, attempts: 1 } }, counted, null);
  assert.deepEqual([one.completion, one.success, one.score, one.lessonStatus], ['incomplete', 'failed', 64.5, 'failed']);
  const both = scorm.courseState({ a: { status: 'passed', best: 100, attempts: 1 }, b: { status: 'passed', best: 70, attempts: 2 } }, counted, 90);
  assert.deepEqual([both.completion, both.success, both.score, both.lessonStatus], ['completed', 'failed', 85, 'failed']);
  const good = scorm.courseState({ a: { status: 'passed', best: 100, attempts: 1 }, b: { status: 'passed', best: 80, attempts: 2 } }, counted, 90);
  assert.equal(good.lessonStatus, 'passed');
  assert.equal(scorm.courseState({}, [], null).completion, 'completed', 'nothing to pass: visiting completes');
});

test('counted checklists: done when every box is ticked (the source\'s [x] count), and completion waits for them', () => {
  const specs = { 'a.md': { keys: ['k1', 'k2'], defaults: ['k2'] }, 'b.md': { keys: ['k3'], defaults: [] } };
  assert.deepEqual(scorm.checklistsDone({}, specs), { done: 0, total: 2 });
  assert.deepEqual(scorm.checklistsDone({ 'a.md': { k1: true } }, specs), { done: 1, total: 2 }, 'k2 is ticked in the source');
  assert.deepEqual(scorm.checklistsDone({ 'a.md': { k1: true, k2: false }, 'b.md': { k3: true } }, specs), { done: 1, total: 2 }, 'unticking a source box counts');
  const passed = { a: { status: 'passed', best: 100, attempts: 1 } };
  const waiting = scorm.courseState(passed, ['a'], null, { done: 1, total: 2 });
  assert.deepEqual([waiting.completion, waiting.lessonStatus, waiting.progress], ['incomplete', 'incomplete', 2 / 3]);
  const all = scorm.courseState(passed, ['a'], null, { done: 2, total: 2 });
  assert.deepEqual([all.completion, all.lessonStatus, all.progress], ['completed', 'passed', 1]);
  const onlyLists = scorm.courseState({}, [], null, { done: 0, total: 1 });
  assert.deepEqual([onlyLists.completion, onlyLists.score, onlyLists.lessonStatus], ['incomplete', null, 'incomplete']);
});

test('checklist marks in suspend data: one character per key, untouched pages left out, a changed page ignored', () => {
  const specs = { 'a.md': { keys: ['k1', 'k2', 'k3'], defaults: [] }, 'b.md': { keys: ['k4'], defaults: [] } };
  const marks = scorm.encodeChecklists({ 'a.md': { k1: true, k3: false }, 'b.md': {} }, specs);
  assert.deepEqual(marks, { 'a.md': '1-0' });
  const text = JSON.stringify({ v: 1, q: {}, c: marks });
  assert.deepEqual(scorm.decodeChecklists(text, specs), { 'a.md': { k1: true, k3: false } });
  assert.deepEqual(scorm.decodeChecklists(text, { 'a.md': { keys: ['k1', 'k2'], defaults: [] } }), {}, 'the page has another number of items now');
  assert.deepEqual(scorm.decodeChecklists('{"v":1,"q":{}}', specs), {});
  const tight = scorm.encodeSuspend({}, {}, [], 20, { 'a.md': '1111111111111111111111' });
  assert.ok(tight.length <= 20, 'marks are dropped last when nothing else fits');
});

// The bundled course's quizzes (ids as in quizzes.json; hashes are stand-ins of the real length)
// and the onboarding path's checklists with their real number of items.
const BUNDLED = Object.fromEntries([
  'b2b-b2c-check',
  'career-check',
  'case-client-leaving',
  'case-missed-deadline',
  'case-new-contact',
  'case-out-of-scope',
  'case-overdue-invoice',
  'case-team-conflict',
  'case-unhappy-results',
  'case-upsell',
  'crm-check',
  'documents-check',
  'duties-check',
  'final-exam',
  'fit-check',
  'kpi-check',
  'learning-check',
  'profession-check',
  'salary-check',
  'skills-check',
  'soft-skills-check',
  'templates-check',
  'workday-check',
].map((id, i) => [id, (i.toString(16) + 'a4e2d0c9b8f71635').slice(0, 16)]));
const SELF = ['fit-check', 'soft-skills-check'];
const CHECKLISTS = Object.fromEntries(
  [['first-90-days/day-1.md', 11], ['first-90-days/week-1.md', 11], ['first-90-days/month-1.md', 11], ['first-90-days/month-2.md', 10], ['first-90-days/month-3.md', 10]]
    .map(([path, n]) => [path, { keys: [...Array(n).keys()].map((k) => (k * 7919).toString(16).padStart(16, '0')), defaults: [] }]),
);

test('suspend data round-trips and, for the bundled course at its fullest, stays far below 4,096', () => {
  const records = {};
  for (const [id, hash] of Object.entries(BUNDLED)) {
    records[id] = { hash, status: 'passed', best: 100, last: '2026-12-03T09:00:00.000Z', lastScore: 100, attempts: 999 };
  }
  const counted = Object.keys(BUNDLED).filter((id) => !SELF.includes(id));
  // Every box of every checklist set by the learner (the longest marks).
  const boxes = Object.fromEntries(Object.entries(CHECKLISTS).map(([path, spec]) => [path, Object.fromEntries(spec.keys.map((k) => [k, true]))]));
  const text = scorm.encodeSuspend(records, BUNDLED, counted, 4096, scorm.encodeChecklists(boxes, CHECKLISTS));
  console.log(`suspend data, every quiz of the bundled course passed after 999 attempts and every checklist ticked: ${text.length} characters`);
  assert.ok(text.length < 2048, `${text.length} characters`);
  assert.deepEqual(scorm.decodeChecklists(text, CHECKLISTS), boxes, 'the boxes come back');
  const back = scorm.decodeSuspend(text, BUNDLED);
  assert.deepEqual(back['kpi-check'], records['kpi-check']);
  const changed = scorm.decodeSuspend(text, { ...BUNDLED, 'kpi-check': 'ffffff0000000000' });
  assert.equal(changed['kpi-check'], undefined, 'a quiz whose content changed starts over');
  const tight = scorm.encodeSuspend(records, BUNDLED, ['kpi-check'], 80);
  assert.ok(tight.length <= 80);
  assert.ok(JSON.parse(tight).q['kpi-check'], 'counted quizzes are kept first');
  assert.deepEqual(scorm.decodeSuspend('not json', BUNDLED), {});
});

test('restored progress keeps a pass, then the record with more attempts', () => {
  const passed = { status: 'passed', attempts: 1 };
  const failed = { status: 'failed', attempts: 3 };
  assert.equal(scorm.newer(failed, passed), passed);
  assert.equal(scorm.newer({ status: 'failed', attempts: 1 }, failed), failed);
  assert.equal(scorm.newer(null, failed), failed);
});

test('times in each edition\'s format', () => {
  assert.equal(scorm.duration(3723450, '1.2'), '0001:02:03.45');
  assert.equal(scorm.duration(3723450, '2004'), 'PT1H2M3.45S');
  assert.equal(scorm.duration(0, '2004'), 'PT0S');
  const at = new Date(2026, 11, 3, 9, 5, 7);
  assert.equal(scorm.timestamp(at, '1.2'), '09:05:07');
  assert.equal(scorm.timestamp(at, '2004'), '2026-12-03T09:05:07');
});

test('interactions: one per answered question, ids and results the standards accept', () => {
  const detail = { id: 'проверка kpi', types: ['single', 'order', 'match', 'true-false', 'scale'], results: [true, false, null, true, true] };
  const list = scorm.interactionsFor(detail, '1.2', 1500, new Date(2026, 0, 1));
  assert.deepEqual(list.map((i) => [i.id, i.type, i.result]), [
    ['_________kpi-q1', 'choice', 'correct'],
    ['_________kpi-q2', 'sequencing', 'wrong'],
    ['_________kpi-q4', 'true-false', 'correct']
  ]);
  assert.equal(list[0].latency, '0000:00:01.50');
  assert.equal(scorm.interactionsFor(detail, '2004', 0, new Date())[1].result, 'incorrect');
  assert.ok(scorm.interactionId('x'.repeat(400), 0).length <= 250);
});

test('locations stay inside the package', () => {
  assert.equal(scorm.safeLocation('kpi/quiz/index.html'), 'kpi/quiz/index.html');
  for (const bad of ['../x.html', 'https://evil.example/', 'javascript:alert(1)', '/etc/passwd', 'a\\b', '']) {
    assert.equal(scorm.safeLocation(bad), null, bad);
  }
  assert.equal(scorm.relativeLocation('http://h/pkg/kpi/index.html#x', 'http://h/pkg/scorm-launch.html?page=a'), 'kpi/index.html');
  assert.equal(scorm.relativeLocation('http://other/kpi/index.html', 'http://h/pkg/scorm-launch.html'), null);
});

test('a failing LMS is logged and shown once, and the session goes on', () => {
  const calls = [];
  const api = {
    LMSInitialize: () => 'true',
    LMSGetValue: () => '',
    LMSSetValue: (k) => { calls.push(k); return 'false'; },
    LMSCommit: () => { throw new Error('network down'); },
    LMSFinish: () => 'true',
    LMSGetLastError: () => '351',
    LMSGetErrorString: () => 'General set failure'
  };
  const warnings = [];
  const appended = [];
  const doc = {
    body: { appendChild: (n) => appended.push(n) },
    documentElement: { getAttribute: () => 'ru' },
    createElement: () => ({ setAttribute() {}, style: {} })
  };
  // The page's lookup of interface words (theme.js) gives the notice's text.
  const win = { console: { warn: (m) => warnings.push(m) }, KuratorTexts: { t: (key) => (key === 'scorm.rejected' ? 'Курс работает как обычно.' : key) } };
  const storage = { getItem: () => null, setItem() {} };
  const session = scorm.Session(api, '1.2', { counted: ['a'], quizzes: { a: 'h' } }, storage, win, doc);
  session.start();
  session.quizChecked({ id: 'a', types: ['single'], results: [true] }, Date.now());
  session.finish();
  assert.ok(warnings.some((w) => w.includes('351') && w.includes('General set failure')), warnings.join('\n'));
  assert.ok(warnings.some((w) => w.includes('network down')));
  assert.equal(appended.length, 1, 'one notice, however many errors');
  assert.match(appended[0].textContent, /Курс работает/);
});
