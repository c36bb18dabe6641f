/*
 * Kurator checklists (issue 18): GFM task lists on pages become boxes the
 * reader ticks, kept in this browser's localStorage like quiz progress, and
 * counted on the progress page and the onboarding path.
 *
 * A classic deferred script (no modules, no fetch), so it works opened from
 * disk; load it after quiz.js. The renderer gives every box its page's content
 * path (data-checklist) and a key from a hash of the item's text (data-task);
 * the progress and onboarding pages carry each page's keys
 * (data-checklist-keys, and data-checklist-default for boxes ticked in the
 * source). Without this script the boxes stay read-only.
 *
 * The store and the counting are pure functions, exported for
 * `node --test` (tests/js/checklist.test.mjs); the DOM code is below them.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- store

  var PREFIX = 'kurator-checklist:';
  var QUIZ_PREFIX = 'kurator-quiz:';

  /** The saved boxes of a page: { key: true|false }; {} when none or unreadable. */
  function loadState(storage, page) {
    var raw = null;
    try { raw = storage && storage.getItem(PREFIX + page); } catch (e) { return {}; }
    if (!raw) return {};
    var state;
    try { state = JSON.parse(raw); } catch (e) { return {}; }
    if (!state || typeof state !== 'object' || Array.isArray(state)) return {};
    return state;
  }

  /** Saves one box; returns the page's new state (kept in memory if storage fails). */
  function setItem(storage, page, key, checked) {
    var state = loadState(storage, page);
    state[key] = !!checked;
    try { storage.setItem(PREFIX + page, JSON.stringify(state)); } catch (e) { /* private mode, quota */ }
    return state;
  }

  /** Whether a box is ticked: what the reader chose, else what the source says. */
  function isChecked(state, key, byDefault) {
    return Object.prototype.hasOwnProperty.call(state, key) ? state[key] === true : !!byDefault;
  }

  /**
   * Counts a page's ticked boxes. keys: every key of the page; defaults: the
   * keys ticked in the source. Keys saved for items no longer on the page
   * do not count. Returns { done, total, complete }.
   */
  function countPage(state, keys, defaults) {
    var byDefault = {};
    (defaults || []).forEach(function (k) { byDefault[k] = true; });
    var done = 0;
    keys.forEach(function (k) { if (isChecked(state, k, byDefault[k])) done++; });
    return { done: done, total: keys.length, complete: keys.length > 0 && done === keys.length };
  }

  /** Adds up page counts: { done, total, complete }. */
  function sumCounts(counts) {
    var done = 0, total = 0;
    counts.forEach(function (c) { done += c.done; total += c.total; });
    return { done: done, total: total, complete: total > 0 && done === total };
  }

  /** Forgets every checklist; returns how many pages were removed. */
  function resetAll(storage) {
    var keys = [];
    try {
      for (var i = 0; i < storage.length; i++) {
        var key = storage.key(i);
        if (key && key.indexOf(PREFIX) === 0) keys.push(key);
      }
      keys.forEach(function (k) { storage.removeItem(k); });
    } catch (e) { return 0; }
    return keys.length;
  }

  /** A quiz's saved status (as quiz.js stores it), any version: not-started | started | failed | passed | done. */
  function quizStatus(storage, id) {
    var raw = null;
    try { raw = storage && storage.getItem(QUIZ_PREFIX + id); } catch (e) { return 'not-started'; }
    if (!raw) return 'not-started';
    try {
      var record = JSON.parse(raw);
      return record && typeof record.status === 'string' ? record.status : 'not-started';
    } catch (e) { return 'not-started'; }
  }

  /**
   * Whether an onboarding step is done: its quiz passed (or, for a
   * self-assessment, done) and its checklist complete; a step with neither
   * is never marked done.
   */
  function stepDone(step) {
    var hasQuiz = !!step.quiz, hasList = !!step.checklist;
    if (!hasQuiz && !hasList) return false;
    var quizOk = !hasQuiz || step.quizStatus === 'passed' || step.quizStatus === 'done';
    var listOk = !hasList || (step.checklist.total > 0 && step.checklist.done >= step.checklist.total);
    return quizOk && listOk;
  }

  /** «3 из 5» / «3 of 5», in the page's words (theme.js). */
  function countText(count) {
    return t('checklist.count', { done: count.done, total: count.total });
  }

  function t(key, params) {
    return typeof window !== 'undefined' && window.KuratorTexts ? window.KuratorTexts.t(key, params) : key;
  }

  /** Splits a space-separated attribute value. */
  function keyList(value) {
    return (value || '').split(/\s+/).filter(Boolean);
  }

  var api = {
    PREFIX: PREFIX,
    loadState: loadState,
    setItem: setItem,
    isChecked: isChecked,
    countPage: countPage,
    sumCounts: sumCounts,
    resetAll: resetAll,
    quizStatus: quizStatus,
    stepDone: stepDone,
    keyList: keyList
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
    return;
  }
  if (typeof document === 'undefined') return;
  window.kuratorChecklist = api;

  // ------------------------------------------------------------------ DOM

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function getStorage() {
    try {
      var s = window.localStorage;
      s.getItem('kurator-test');
      return s;
    } catch (e) {
      return (window.kuratorQuiz && window.kuratorQuiz.memoryStorage && window.kuratorQuiz.memoryStorage()) || null;
    }
  }

  /** Page boxes: enabled, labelled by their item's text, state restored and saved. */
  function initBoxes(storage) {
    var states = {};
    all(document, 'input.task-check[data-task]').forEach(function (box, n) {
      var page = box.getAttribute('data-checklist') || location.pathname;
      var key = box.getAttribute('data-task');
      var state = states[page] || (states[page] = loadState(storage, page));
      var item = box.closest ? box.closest('li') : box.parentNode;
      if (item && item.classList) item.classList.add('task-item');
      // The item's own text (up to a nested list) becomes the box's label.
      var label = document.createElement('label');
      label.className = 'task-label';
      if (!box.id) box.id = 'task-' + n + '-' + key;
      label.htmlFor = box.id;
      var node = box.nextSibling;
      while (node && !(node.nodeType === 1 && /^(UL|OL|P|DIV)$/.test(node.nodeName))) {
        var next = node.nextSibling;
        label.appendChild(node);
        node = next;
      }
      if (label.textContent.trim()) box.parentNode.insertBefore(label, box.nextSibling);
      else if (item) box.setAttribute('aria-label', item.textContent.trim());
      box.checked = isChecked(state, key, box.defaultChecked);
      box.disabled = false;
      box.addEventListener('change', function () {
        states[page] = setItem(storage, page, key, box.checked);
        if (item && item.classList) item.classList.toggle('is-done', box.checked);
        // For scorm.js: a counted checklist may have changed the course's status.
        box.dispatchEvent(new CustomEvent('kurator:checklist-changed', { bubbles: true, detail: { page: page, key: key, checked: box.checked } }));
      });
      if (item && item.classList) item.classList.toggle('is-done', box.checked);
    });
  }

  /** The count of an element carrying data-checklist and data-checklist-keys. */
  function countOf(el, storage) {
    var page = el.getAttribute('data-checklist');
    return countPage(loadState(storage, page), keyList(el.getAttribute('data-checklist-keys')), keyList(el.getAttribute('data-checklist-default')));
  }

  function setText(root, selector, text) {
    var el = root.querySelector(selector);
    if (el) el.textContent = text;
  }

  /** Progress page: «N из M» per page and per section. */
  function fillProgress(storage) {
    var sections = {};
    all(document, '.checklist-progress-row[data-checklist]').forEach(function (row) {
      var count = countOf(row, storage);
      row.setAttribute('data-state', count.complete ? 'done' : count.done ? 'started' : 'not-started');
      setText(row, '.checklist-progress-count', countText(count));
      var section = row.getAttribute('data-section') || '';
      (sections[section] = sections[section] || []).push(count);
    });
    all(document, '.checklist-section-row[data-section]').forEach(function (row) {
      var sum = sumCounts(sections[row.getAttribute('data-section')] || []);
      row.setAttribute('data-state', sum.complete ? 'done' : sum.done ? 'started' : 'not-started');
      setText(row, '.checklist-progress-count', countText(sum));
    });
    var reset = document.querySelector('.quiz-progress-reset, .checklist-progress-reset');
    if (reset && !reset.getAttribute('data-checklist-bound')) {
      reset.setAttribute('data-checklist-bound', '1');
      reset.hidden = false;
      reset.addEventListener('click', function () {
        resetAll(storage);
        fillProgress(storage);
        fillSteps(storage);
      });
    }
  }

  /** Onboarding path: checklist count, quiz status, done steps and stages. */
  function fillSteps(storage) {
    var done = t('checklist.done');
    all(document, '.route-step').forEach(function (step) {
      var list = step.getAttribute('data-checklist') ? countOf(step, storage) : null;
      var quiz = step.getAttribute('data-quiz');
      if (list) setText(step, '.route-checklist-count', countText(list));
      var isDone = stepDone({
        quiz: quiz,
        quizStatus: quiz ? quizStatus(storage, quiz) : null,
        checklist: list
      });
      step.classList.toggle('is-done', isDone);
      step.setAttribute('data-done', isDone ? 'true' : 'false');
      setText(step, '.route-step-state', isDone ? ' (' + done + ')' : '');
    });
    all(document, '.route-stage').forEach(function (stage) {
      var steps = all(stage, '.route-step');
      var n = steps.filter(function (s) { return s.classList.contains('is-done'); }).length;
      stage.classList.toggle('is-done', steps.length > 0 && n === steps.length);
      setText(stage, '.route-stage-count', countText({ done: n, total: steps.length }));
    });
  }

  function start() {
    var storage = getStorage();
    if (!storage) return;
    initBoxes(storage);
    fillProgress(storage);
    fillSteps(storage);
    // Another tab ticked a box or passed a quiz.
    window.addEventListener('storage', function () { fillProgress(storage); fillSteps(storage); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
