/*
 * Kurator quizzes: checks answers, shows feedback and explanations, scores,
 * allows a retry, and keeps progress in localStorage.
 *
 * A classic deferred script (no modules, no fetch), so it works opened from
 * disk. Each quiz is a server-rendered <form class="quiz"> with its data in
 * <script type="application/json" class="quiz-data">. Feedback, explanations
 * and result bands are in the page already, hidden: this script only reveals
 * or clones them, and builds everything else with createElement/textContent.
 *
 * Scoring and the progress store are pure functions, exported for
 * `node --test` through the CommonJS guard at the bottom.
 *
 * Over 500 lines in one closure because every quiz page loads it as one
 * deferred script; the next cut, like search.js's, is the pure scoring and
 * progress store into a file of their own.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- scoring

  /** Whether two lists of numbers hold the same set. */
  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    var x = a.slice().sort(), y = b.slice().sort();
    for (var i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }

  /**
   * One knowledge question: true (right), false (wrong) or null (no answer).
   * Answers by type: single/multiple: chosen option indexes; true-false:
   * true/false/null; order: step indexes in the order shown; match: chosen
   * pair index (or null) for each left side.
   */
  function scoreQuestion(question, answer) {
    switch (question.type) {
      case 'single':
      case 'multiple':
        if (!answer || answer.length === 0) return null;
        return sameSet(answer, question.correct);
      case 'true-false':
        if (answer !== true && answer !== false) return null;
        return answer === question.answer;
      case 'order':
        if (!answer || answer.length !== question.steps) return null;
        return answer.every(function (step, i) { return step === i; });
      case 'match':
        if (!answer || answer.every(function (v) { return v === null; })) return null;
        if (answer.length !== question.pairs) return false;
        return answer.every(function (v, i) { return v === i; });
      default:
        return null;
    }
  }

  /** A knowledge quiz: each question is one point, right only when fully right. */
  function scoreKnowledge(data, answers) {
    var results = data.questions.map(function (q, i) { return scoreQuestion(q, answers[i]); });
    var score = results.filter(function (r) { return r === true; }).length;
    var total = data.questions.length;
    var share = total ? score / total : 0;
    var pass = typeof data.pass === 'number' ? data.pass : 0.7;
    return {
      results: results,
      score: score,
      total: total,
      percent: Math.round(share * 100),
      passed: share + 1e-9 >= pass
    };
  }

  /** A scale answer as it counts: reverse statements count min + max - value. */
  function scaleValue(value, scale, reverse) {
    return reverse ? scale.min + scale.max - value : value;
  }

  /** The mean of counted answers, mapped to 0–100 and rounded. */
  function meanPercent(values, scale) {
    if (!values.length) return null;
    var sum = values.reduce(function (s, v) { return s + v; }, 0);
    var mean = sum / values.length;
    return Math.round(((mean - scale.min) / (scale.max - scale.min)) * 100);
  }

  /** Index of the band [from, to] holding percent, or -1. */
  function findBand(bands, percent) {
    if (percent === null || percent === undefined) return -1;
    for (var i = 0; i < bands.length; i++) {
      if (percent >= bands[i][0] && percent <= bands[i][1]) return i;
    }
    return -1;
  }

  /**
   * A self-assessment: answers are the chosen scale values (null when
   * unanswered). Returns complete, the overall percent and band, and per
   * trait (in declaration order) its percent and band.
   */
  function scoreSelfAssessment(data, answers) {
    var scale = data.scale;
    var complete = data.questions.every(function (_, i) {
      return typeof answers[i] === 'number';
    });
    var all = [];
    var byTrait = {};
    data.questions.forEach(function (q, i) {
      if (typeof answers[i] !== 'number') return;
      var v = scaleValue(answers[i], scale, q.reverse);
      all.push(v);
      if (q.trait) (byTrait[q.trait] = byTrait[q.trait] || []).push(v);
    });
    var percent = meanPercent(all, scale);
    var traits = (data.traits || []).map(function (t) {
      var p = meanPercent(byTrait[t.id] || [], scale);
      var bands = (data.traitBands || {})[t.id] || [];
      return { id: t.id, name: t.name, percent: p, band: findBand(bands, p) };
    });
    return {
      complete: complete,
      percent: percent,
      band: findBand(data.bands || [], percent),
      traits: traits
    };
  }

  /** Tries left: Infinity when the limit is 0 (unlimited). */
  function attemptsLeft(limit, used) {
    if (!limit) return Infinity;
    return Math.max(0, limit - (used || 0));
  }

  /** A shuffled copy (Fisher–Yates); random() returns [0, 1). */
  function shuffle(list, random) {
    var out = list.slice();
    random = random || Math.random;
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var t = out[i]; out[i] = out[j]; out[j] = t;
    }
    return out;
  }

  /** A copy of list with item `index` moved by delta (clamped to the ends). */
  function moveItem(list, index, delta) {
    var out = list.slice();
    var to = Math.max(0, Math.min(out.length - 1, index + delta));
    var item = out.splice(index, 1)[0];
    out.splice(to, 0, item);
    return out;
  }

  /** Fills {name} placeholders. */
  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
    });
  }

  // ----------------------------------------------------------- progress store

  var PREFIX = 'kurator-quiz:';

  /**
   * The saved progress of quiz `id`, or null when there is none, it is
   * unreadable, or it was saved for another version (hash) of the quiz.
   * Pass hash null to accept any version.
   */
  function loadProgress(storage, id, hash) {
    var raw = null;
    try { raw = storage && storage.getItem(PREFIX + id); } catch (e) { return null; }
    if (!raw) return null;
    var record;
    try { record = JSON.parse(raw); } catch (e) { return null; }
    if (!record || typeof record !== 'object') return null;
    if (hash && record.hash !== hash) return null;
    return record;
  }

  function saveProgress(storage, id, record) {
    try { storage.setItem(PREFIX + id, JSON.stringify(record)); return true; } catch (e) { return false; }
  }

  function freshRecord(hash) {
    return { hash: hash, status: 'started', best: null, last: null, lastScore: null, attempts: 0 };
  }

  /** Notes that the reader began the quiz (first answer), unless already recorded. */
  function markStarted(storage, id, hash, now) {
    var record = loadProgress(storage, id, hash);
    if (record) return record;
    record = freshRecord(hash);
    record.last = (now || new Date()).toISOString();
    saveProgress(storage, id, record);
    return record;
  }

  /**
   * Records a finished attempt. result: { percent, passed } for knowledge
   * quizzes, { percent } with kind 'self-assessment'. A pass is kept once
   * earned; best is the highest percent (for self-assessments, the latest).
   */
  function recordAttempt(storage, id, hash, result, now, kind) {
    var record = loadProgress(storage, id, hash) || freshRecord(hash);
    record.attempts = (record.attempts || 0) + 1;
    record.last = (now || new Date()).toISOString();
    record.lastScore = result.percent;
    if (kind === 'self-assessment') {
      record.status = 'done';
      record.best = result.percent;
    } else {
      record.best = record.best === null || record.best === undefined ? result.percent : Math.max(record.best, result.percent);
      record.status = record.status === 'passed' || result.passed ? 'passed' : 'failed';
    }
    saveProgress(storage, id, record);
    return record;
  }

  /** Forgets every quiz's progress; returns how many were removed. */
  function resetProgress(storage) {
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

  /** not-started | started | failed | passed | done */
  function statusOf(record) {
    return record && record.status ? record.status : 'not-started';
  }

  // --------------------------------------------------------------- labels

  // The progress page's words, from the page's tables (theme.js).
  function pageLabels(doc) {
    var texts = doc.defaultView && doc.defaultView.KuratorTexts;
    var t = function (key) { return texts ? texts.t('quiz_progress.' + key) : key; };
    return {
      'not-started': t('not_started'), started: t('started'), failed: t('failed'), passed: t('passed'), done: t('done'),
      reset: t('reset'), none: '—'
    };
  }

  function formatDate(iso, doc) {
    if (!iso) return null;
    var d = new Date(iso);
    if (isNaN(d.getTime())) return null;
    try { return d.toLocaleDateString(doc.documentElement.getAttribute('lang') || undefined); } catch (e) { return iso.slice(0, 10); }
  }

  // --------------------------------------------------------------- the DOM

  function getStorage() {
    try {
      var s = window.localStorage;
      var probe = PREFIX + '__probe';
      s.setItem(probe, '1');
      s.removeItem(probe);
      return s;
    } catch (e) {
      return memoryStorage();
    }
  }

  /** A storage that forgets on reload, when localStorage is blocked. */
  function memoryStorage() {
    var map = {};
    return {
      get length() { return Object.keys(map).length; },
      key: function (i) { return Object.keys(map)[i] || null; },
      getItem: function (k) { return Object.prototype.hasOwnProperty.call(map, k) ? map[k] : null; },
      setItem: function (k, v) { map[k] = String(v); },
      removeItem: function (k) { delete map[k]; }
    };
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function questionItems(form) {
    return all(form, '.quiz-questions > .quiz-question');
  }

  /** The reader's answer to each question, read from the form. */
  function readAnswers(form, data) {
    return questionItems(form).map(function (li, i) {
      var q = data.questions[i];
      switch (q.type) {
        case 'single':
        case 'multiple':
          return all(li, 'input.quiz-input:checked').map(function (input) { return Number(input.value); });
        case 'true-false': {
          var tf = li.querySelector('input.quiz-input:checked');
          return tf ? tf.value === 'true' : null;
        }
        case 'order':
          return all(li, '.quiz-step').map(function (step) { return Number(step.getAttribute('data-step')); });
        case 'match':
          return all(li, 'select.quiz-select').map(function (select) {
            return select.value === '' ? null : Number(select.value);
          });
        case 'scale': {
          var v = li.querySelector('input.quiz-input:checked');
          return v ? Number(v.value) : null;
        }
        default:
          return null;
      }
    });
  }

  function setText(parent, className, text, tag) {
    var el = parent.querySelector(':scope > .' + className);
    if (!el) {
      el = document.createElement(tag || 'p');
      el.className = className;
      parent.appendChild(el);
    }
    el.textContent = text;
    return el;
  }

  function reorder(container, items) {
    items.forEach(function (item) { container.appendChild(item); });
  }

  /**
   * Shuffles options and pairs when the quiz asks for it, and order steps
   * on a retry (the server already shows them shuffled on the first try).
   */
  function shuffleForm(form, data, retrying, random) {
    questionItems(form).forEach(function (li, i) {
      var q = data.questions[i];
      if (q.type === 'order' && retrying) {
        var list = li.querySelector('.quiz-steps');
        var steps = all(list, '.quiz-step');
        var shuffled = steps;
        for (var tries = 0; tries < 10; tries++) {
          shuffled = shuffle(steps, random);
          if (!shuffled.every(function (s, k) { return Number(s.getAttribute('data-step')) === k; })) break;
        }
        reorder(list, shuffled);
      } else if (data.shuffle && (q.type === 'single' || q.type === 'multiple')) {
        var ul = li.querySelector('.quiz-options');
        reorder(ul, shuffle(all(ul, '.quiz-option'), random));
      } else if (data.shuffle && q.type === 'match') {
        all(li, 'select.quiz-select').forEach(function (select) {
          var options = all(select, 'option').filter(function (o) { return o.value !== ''; });
          reorder(select, shuffle(options, random));
        });
      }
    });
  }

  function setLocked(form, locked) {
    all(form, 'fieldset.quiz-fieldset').forEach(function (fs) { fs.disabled = locked; });
  }

  function revealAnswers(form, show) {
    all(form, 'details.quiz-answer').forEach(function (d) {
      d.hidden = !show;
      d.open = show;
    });
  }

  function clearMarks(form) {
    questionItems(form).forEach(function (li) {
      li.classList.remove('is-correct', 'is-wrong', 'is-unanswered');
      var verdict = li.querySelector(':scope > .quiz-verdict');
      if (verdict) verdict.remove();
    });
    all(form, '.quiz-option').forEach(function (o) { o.classList.remove('is-right-option', 'is-chosen-wrong'); });
    all(form, '.quiz-feedback').forEach(function (f) { f.hidden = true; });
  }

  /** Marks each question right or wrong and reveals feedback. */
  function showKnowledgeResults(form, data, answers, results, labels) {
    questionItems(form).forEach(function (li, i) {
      var q = data.questions[i];
      var r = results[i];
      li.classList.add(r === true ? 'is-correct' : r === false ? 'is-wrong' : 'is-unanswered');
      var verdict = document.createElement('p');
      verdict.className = 'quiz-verdict';
      verdict.textContent = r === true ? labels.correct : r === false ? labels.wrong : labels.unanswered;
      li.insertBefore(verdict, li.querySelector(':scope > details.quiz-answer'));
      if (q.type === 'single' || q.type === 'multiple') {
        all(li, '.quiz-option').forEach(function (option) {
          var k = Number(option.getAttribute('data-option'));
          var chosen = (answers[i] || []).indexOf(k) !== -1;
          var right = q.correct.indexOf(k) !== -1;
          if (right) option.classList.add('is-right-option');
          if (chosen && !right) option.classList.add('is-chosen-wrong');
          var feedback = option.querySelector('.quiz-feedback');
          if (feedback && chosen) feedback.hidden = false;
        });
      } else if (r !== true) {
        var fb = li.querySelector('.quiz-question-feedback');
        if (fb) fb.hidden = false;
      }
    });
    revealAnswers(form, true);
  }

  function appendClone(parent, node) {
    if (!node) return;
    var copy = node.cloneNode(true);
    copy.removeAttribute('id');
    parent.appendChild(copy);
  }

  /** Builds the self-assessment result: bars, then the matching bands. */
  function showSelfResult(form, data, result, labels) {
    var box = form.querySelector('.quiz-result');
    if (!box) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    var chart = document.createElement('ul');
    chart.className = 'quiz-chart';
    var rows = [{ name: labels.overall, percent: result.percent, overall: true }].concat(
      result.traits.filter(function (t) { return t.percent !== null; })
    );
    rows.forEach(function (row) {
      var li = document.createElement('li');
      li.className = row.overall ? 'quiz-chart-row quiz-chart-overall' : 'quiz-chart-row';
      var name = document.createElement('span');
      name.className = 'quiz-chart-label';
      name.textContent = row.name + ': ' + row.percent + ' %';
      var bar = document.createElement('span');
      bar.className = 'quiz-bar';
      bar.setAttribute('aria-hidden', 'true');
      var fill = document.createElement('span');
      fill.className = 'quiz-bar-fill';
      fill.style.width = Math.max(0, Math.min(100, row.percent)) + '%';
      bar.appendChild(fill);
      li.appendChild(name);
      li.appendChild(bar);
      chart.appendChild(li);
    });
    box.appendChild(chart);
    if (result.band >= 0) {
      appendClone(box, form.querySelector('.quiz-bands > .quiz-band[data-band="' + result.band + '"]'));
    }
    result.traits.forEach(function (t) {
      var trait = form.querySelector('.quiz-trait[data-trait="' + t.id + '"]');
      if (!trait || t.percent === null) return;
      var block = document.createElement('div');
      block.className = 'quiz-trait-result';
      block.setAttribute('data-trait', t.id);
      var title = document.createElement('p');
      title.className = 'quiz-trait-name';
      title.textContent = t.name + ': ' + t.percent + ' %';
      block.appendChild(title);
      if (t.band >= 0) appendClone(block, trait.querySelector('.quiz-band[data-band="' + t.band + '"]'));
      appendClone(block, trait.querySelector('.quiz-trait-read'));
      if (block.childNodes.length > 1) box.appendChild(block);
    });
    box.hidden = false;
  }

  function initQuiz(form, storage) {
    if (form.getAttribute('data-quiz-ready')) return;
    var script = form.querySelector('script.quiz-data');
    if (!script) return;
    var data;
    try { data = JSON.parse(script.textContent); } catch (e) { return; }
    form.setAttribute('data-quiz-ready', 'true');
    form.classList.add('quiz-js');
    var labels = data.labels || {};
    var id = form.getAttribute('data-quiz-id');
    var hash = form.getAttribute('data-quiz-hash');
    var self = data.kind === 'self-assessment';
    var status = form.querySelector('.quiz-status');
    var actions = form.querySelector('.quiz-actions');
    var check = form.querySelector('.quiz-check');
    var retry = form.querySelector('.quiz-retry');
    var attemptsInfo = form.querySelector('.quiz-attempts');
    var say = function (text) { if (status) status.textContent = text; };

    if (actions) actions.hidden = false;
    all(form, '.quiz-step-controls').forEach(function (c) { c.hidden = false; });
    if (!self) revealAnswers(form, false);
    shuffleForm(form, data, false);

    function used() {
      var record = loadProgress(storage, id, hash);
      return record ? record.attempts || 0 : 0;
    }

    function showAttempts() {
      if (!attemptsInfo) return;
      var left = attemptsLeft(data.attempts, used());
      attemptsInfo.textContent = left === Infinity ? '' : format(labels.attemptsLeft, { n: left });
    }

    function lock(message) {
      setLocked(form, true);
      if (check) check.hidden = true;
      if (retry) retry.hidden = true;
      if (!self) revealAnswers(form, true);
      say(message);
    }

    showAttempts();
    if (attemptsLeft(data.attempts, used()) === 0) {
      lock(labels.noAttempts);
    }

    form.addEventListener('change', function () {
      markStarted(storage, id, hash);
      markStatuses(document, storage);
    });

    form.addEventListener('click', function (event) {
      var button = event.target.closest ? event.target.closest('button.quiz-move') : null;
      if (!button || !form.contains(button)) return;
      var step = button.closest('.quiz-step');
      var list = step.parentNode;
      var steps = all(list, '.quiz-step');
      var index = steps.indexOf(step);
      var moved = moveItem(steps, index, Number(button.getAttribute('data-move')));
      reorder(list, moved);
      button.focus();
      say(format(labels.moved, { n: moved.indexOf(step) + 1, total: moved.length }));
      markStarted(storage, id, hash);
    });

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (attemptsLeft(data.attempts, used()) === 0) return;
      var answers = readAnswers(form, data);
      var text;
      if (self) {
        var result = scoreSelfAssessment(data, answers);
        if (!result.complete) {
          questionItems(form).forEach(function (li, i) {
            li.classList.toggle('is-unanswered', typeof answers[i] !== 'number');
          });
          say(labels.answerAll);
          return;
        }
        questionItems(form).forEach(function (li) { li.classList.remove('is-unanswered'); });
        recordAttempt(storage, id, hash, { percent: result.percent }, new Date(), 'self-assessment');
        showSelfResult(form, data, result, labels);
        text = format(labels.result, { percent: result.percent });
      } else {
        var score = scoreKnowledge(data, answers);
        clearMarks(form);
        showKnowledgeResults(form, data, answers, score.results, labels);
        recordAttempt(storage, id, hash, { percent: score.percent, passed: score.passed }, new Date(), 'knowledge');
        text = format(labels.score, { score: score.score, total: score.total, percent: score.percent }) + ' ' +
          (score.passed ? labels.passed : format(labels.failed, { pass: Math.round(data.pass * 100) }));
      }
      setLocked(form, true);
      if (check) check.hidden = true;
      var left = attemptsLeft(data.attempts, used());
      if (retry) retry.hidden = left === 0;
      if (left === 0) text += ' ' + labels.noAttempts;
      else if (left !== Infinity) text += ' ' + format(labels.attemptsLeft, { n: left });
      showAttempts();
      say(text);
      markStatuses(document, storage);
      // For scorm.js (the LMS report): which quiz was checked and how each question went.
      form.dispatchEvent(new CustomEvent('kurator:quiz-checked', { bubbles: true, detail: {
        id: id, kind: data.kind, types: data.questions.map(function (q) { return q.type; }), results: self ? [] : score.results
      } }));
    });

    if (retry) {
      retry.addEventListener('click', function () {
        form.reset();
        clearMarks(form);
        if (self) {
          var box = form.querySelector('.quiz-result');
          if (box) { box.hidden = true; while (box.firstChild) box.removeChild(box.firstChild); }
        } else {
          revealAnswers(form, false);
        }
        shuffleForm(form, data, true);
        setLocked(form, false);
        retry.hidden = true;
        if (check) check.hidden = false;
        say('');
        var first = form.querySelector('.quiz-input, .quiz-select, .quiz-move');
        if (first) first.focus();
      });
    }
  }

  /** Marks [data-quiz-status="<id>"] elements with the quiz's state. */
  function markStatuses(doc, storage) {
    var labels = pageLabels(doc);
    all(doc, '[data-quiz-status]').forEach(function (el) {
      var record = loadProgress(storage, el.getAttribute('data-quiz-status'), el.getAttribute('data-quiz-hash'));
      var state = statusOf(record);
      el.classList.remove('is-passed', 'is-started', 'is-failed', 'is-done');
      if (state === 'passed' || state === 'done') el.classList.add('is-passed');
      if (state === 'started' || state === 'failed') el.classList.add('is-started');
      if (state === 'failed') el.classList.add('is-failed');
      el.setAttribute('data-state', state);
      var text = el.querySelector('.quiz-status-text');
      if (state === 'not-started') {
        if (text) text.remove();
        return;
      }
      if (!text) {
        text = doc.createElement('span');
        text.className = 'quiz-status-text visually-hidden';
        el.appendChild(text);
      }
      text.textContent = ' (' + labels[state] + ')';
    });
  }

  /** Fills the progress page's rows from the store. */
  function fillProgressTable(doc, storage) {
    var labels = pageLabels(doc);
    all(doc, '.quiz-progress-row').forEach(function (row) {
      var record = loadProgress(storage, row.getAttribute('data-quiz-id'), row.getAttribute('data-quiz-hash'));
      var state = statusOf(record);
      row.setAttribute('data-state', state);
      setCell(row, '.quiz-progress-status', labels[state]);
      setCell(row, '.quiz-progress-best', record && typeof record.best === 'number' ? record.best + ' %' : labels.none);
      setCell(row, '.quiz-progress-date', (record && formatDate(record.last, doc)) || labels.none);
      setCell(row, '.quiz-progress-attempts', record ? String(record.attempts || 0) : labels.none);
    });
  }

  function setCell(row, selector, text) {
    var cell = row.querySelector(selector);
    if (cell) cell.textContent = text;
  }

  function initProgressPage(doc, storage) {
    var button = doc.querySelector('.quiz-progress-reset');
    fillProgressTable(doc, storage);
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      resetProgress(storage);
      fillProgressTable(doc, storage);
      markStatuses(doc, storage);
      var note = doc.querySelector('.quiz-progress-note');
      if (note) note.textContent = pageLabels(doc).reset;
    });
  }

  /** Prints quizzes with every disclosure open, then puts them back. */
  function openDetailsForPrint(win, doc) {
    var opened = [];
    win.addEventListener('beforeprint', function () {
      all(doc, '.quiz details').forEach(function (d) {
        if (!d.open) { d.open = true; opened.push(d); }
      });
    });
    win.addEventListener('afterprint', function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  function start() {
    var storage = getStorage();
    openDetailsForPrint(window, document);
    all(document, 'form.quiz').forEach(function (form) { initQuiz(form, storage); });
    initProgressPage(document, storage);
    markStatuses(document, storage);
  }

  var api = {
    PREFIX: PREFIX,
    sameSet: sameSet,
    scoreQuestion: scoreQuestion,
    scoreKnowledge: scoreKnowledge,
    scaleValue: scaleValue,
    meanPercent: meanPercent,
    findBand: findBand,
    scoreSelfAssessment: scoreSelfAssessment,
    attemptsLeft: attemptsLeft,
    shuffle: shuffle,
    moveItem: moveItem,
    format: format,
    loadProgress: loadProgress,
    markStarted: markStarted,
    recordAttempt: recordAttempt,
    resetProgress: resetProgress,
    statusOf: statusOf,
    memoryStorage: memoryStorage
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else if (typeof document !== 'undefined' && !window.kuratorQuiz) {
    window.kuratorQuiz = api;
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }
})();
