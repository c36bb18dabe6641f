/*
 * Kurator in an LMS: reports quiz results to a SCORM 1.2 or 2004 runtime.
 *
 * Does nothing on an ordinary site: `kurator package scorm` writes the
 * package's settings over the placeholder below, and only then does the
 * script look for the LMS's API (`API` for 1.2, `API_1484_11` for 2004) in
 * the parent and opener windows, with a bounded walk. Without an API the
 * course works as it does on the web.
 *
 * Two roles, one script (a classic script, so it works from file://):
 * - on the package's launch page (scorm-launch.html) it holds the LMS
 *   session: initialises once, restores quiz progress from suspend data into
 *   localStorage before the course loads in the page's frame, reports status,
 *   score, interactions, location, and terminates when the page goes away;
 * - on a course page inside that frame it forwards each checked quiz (the
 *   `kurator:quiz-checked` event of quiz.js) to the launch page. A course
 *   page launched directly by an LMS holds its own session instead.
 *
 * LMS errors never break the page: the first is shown once, calmly, and
 * every one is logged to the console. Pure logic is exported for
 * `node --test` through the CommonJS guard at the bottom.
 *
 * One file of about 500 lines on purpose: a classic script cannot import,
 * and the launch page loads exactly this one file.
 */
(function () {
  'use strict';

  var PACKAGE = /*kurator-scorm-package*/null;

  var QUIZ_PREFIX = 'kurator-quiz:';
  /** How many parent windows to climb before giving up (the standard walk uses 7–500). */
  var MAX_WALK = 10;
  /** SCORM 2004 guarantees 250 interactions; 1.2 sets no number, so the same. */
  var MAX_INTERACTIONS = 250;

  var NAMES = {
    '1.2': {
      api: 'API', init: 'LMSInitialize', finish: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue',
      commit: 'LMSCommit', lastError: 'LMSGetLastError', errorString: 'LMSGetErrorString',
      entry: 'cmi.core.entry', suspend: 'cmi.suspend_data', location: 'cmi.core.lesson_location',
      sessionTime: 'cmi.core.session_time', exit: 'cmi.core.exit', mastery: 'cmi.student_data.mastery_score',
      raw: 'cmi.core.score.raw', min: 'cmi.core.score.min', max: 'cmi.core.score.max',
      interactionCount: 'cmi.interactions._count',
      suspendLimit: 4096, locationLimit: 255
    },
    '2004': {
      api: 'API_1484_11', init: 'Initialize', finish: 'Terminate', get: 'GetValue', set: 'SetValue',
      commit: 'Commit', lastError: 'GetLastError', errorString: 'GetErrorString',
      entry: 'cmi.entry', suspend: 'cmi.suspend_data', location: 'cmi.location',
      sessionTime: 'cmi.session_time', exit: 'cmi.exit', mastery: 'cmi.scaled_passing_score',
      raw: 'cmi.score.raw', min: 'cmi.score.min', max: 'cmi.score.max',
      interactionCount: 'cmi.interactions._count',
      suspendLimit: 64000, locationLimit: 1000
    }
  };

  // ------------------------------------------------------------ finding the API

  /** `name` on `win` or one of its parents (at most `max` steps up), or null. */
  function climb(win, name, max) {
    for (var depth = 0; win && depth <= max; depth++) {
      try { if (win[name]) return win[name]; } catch (e) { return null; } // another origin
      var parent = null;
      try { parent = win.parent; } catch (e) { return null; }
      if (!parent || parent === win) return null;
      win = parent;
    }
    return null;
  }

  /** The standard search: this window's parents, then the opener of the top window and its parents. */
  function findAPI(win, name, max) {
    var limit = typeof max === 'number' ? max : MAX_WALK;
    var found = climb(win, name, limit);
    if (found) return found;
    var opener = null;
    try { opener = (win.top && win.top.opener) || win.opener; } catch (e) { opener = null; }
    return opener ? climb(opener, name, limit) : null;
  }

  // ---------------------------------------------------------------- the course

  /**
   * The course's state from the quiz records (quiz.js's localStorage format)
   * and the counted checklists (`lists`: { done, total }, see checklistsDone):
   * completion when every counted quiz is passed and every checklist done;
   * score the average of the counted quizzes' best percent (0 for a quiz not
   * taken); success against `mastery` (percent) when there is one, else by
   * every quiz passed. Progress counts quizzes passed and checklists done.
   */
  function courseState(records, counted, mastery, lists) {
    var n = counted.length;
    var done = lists ? lists.done : 0, total = lists ? lists.total : 0;
    if (!n && !total) return { completion: 'completed', success: 'unknown', score: null, progress: 1, lessonStatus: 'completed' };
    if (!n) {
      var finished = done === total;
      return { completion: finished ? 'completed' : 'incomplete', success: 'unknown', score: null,
        progress: done / total, lessonStatus: finished ? 'completed' : 'incomplete' };
    }
    var sum = 0, passed = 0, attempted = 0;
    counted.forEach(function (id) {
      var r = records[id];
      if (r && typeof r.best === 'number') sum += r.best;
      if (r && r.attempts > 0) attempted++;
      if (r && r.status === 'passed') passed++;
    });
    var score = Math.round((sum / n) * 100) / 100;
    var completion = passed === n && done === total ? 'completed' : 'incomplete';
    var success;
    if (typeof mastery === 'number' && !isNaN(mastery)) {
      success = score + 1e-9 >= mastery ? 'passed' : attempted === n ? 'failed' : 'unknown';
    } else {
      success = passed === n ? 'passed' : attempted === n ? 'failed' : 'unknown';
    }
    var lessonStatus = success === 'failed' ? 'failed'
      : completion === 'completed' ? (success === 'passed' ? 'passed' : 'completed')
        : 'incomplete';
    return { completion: completion, success: success, score: score, progress: (passed + done) / (n + total), lessonStatus: lessonStatus };
  }

  // ------------------------------------------------------------ checklists

  var CHECKLIST_PREFIX = 'kurator-checklist:';

  function hasOwn(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  /** The saved boxes (checklist.js's format) of each counted page: { path: { key: bool } }. */
  function readChecklists(storage, specs) {
    var out = {};
    Object.keys(specs || {}).forEach(function (path) {
      var raw = null;
      try { raw = storage.getItem(CHECKLIST_PREFIX + path); } catch (e) { raw = null; }
      var state = {};
      if (raw) {
        try {
          var parsed = JSON.parse(raw);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) state = parsed;
        } catch (e) { /* unreadable: as if nothing was ticked, as checklist.js does */ }
      }
      out[path] = state;
    });
    return out;
  }

  /** Whether a box is ticked: the learner's choice, else the source's. */
  function ticked(state, spec, key) {
    return hasOwn(state, key) ? state[key] === true : spec.defaults.indexOf(key) >= 0;
  }

  /** { done, total }: how many counted checklists have every box ticked. */
  function checklistsDone(states, specs) {
    var paths = Object.keys(specs || {});
    var done = 0;
    paths.forEach(function (path) {
      var spec = specs[path], state = states[path] || {};
      if (spec.keys.length && spec.keys.every(function (k) { return ticked(state, spec, k); })) done++;
    });
    return { done: done, total: paths.length };
  }

  /**
   * The learner's boxes for suspend data: per page one character per key, in
   * the package's key order: 1 ticked, 0 unticked, - left as the source has it.
   * Pages the learner never touched are left out.
   */
  function encodeChecklists(states, specs) {
    var out = {};
    Object.keys(specs || {}).forEach(function (path) {
      var state = states[path] || {};
      var marks = specs[path].keys.map(function (k) { return hasOwn(state, k) ? (state[k] === true ? '1' : '0') : '-'; }).join('');
      if (/[01]/.test(marks)) out[path] = marks;
    });
    return out;
  }

  /** Boxes from suspend data, for pages whose items are still the same number. */
  function decodeChecklists(text, specs) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return {}; }
    var out = {};
    if (!data || data.v !== 1 || !data.c || typeof data.c !== 'object') return out;
    Object.keys(specs || {}).forEach(function (path) {
      var marks = data.c[path];
      var keys = specs[path].keys;
      if (typeof marks !== 'string' || marks.length !== keys.length) return;
      var state = {};
      keys.forEach(function (k, i) { if (marks[i] === '1' || marks[i] === '0') state[k] = marks[i] === '1'; });
      out[path] = state;
    });
    return out;
  }

  // ------------------------------------------------------------- suspend data

  var STATUS_CODES = { started: 's', failed: 'f', passed: 'p', done: 'd' };
  var STATUS_NAMES = { s: 'started', f: 'failed', p: 'passed', d: 'done' };

  /**
   * Quiz progress in as few characters as JSON allows:
   * {"v":1,"q":{"<id>":[status, best, attempts, lastScore, last (seconds, base 36), hash (6)]}}.
   * Quizzes are dropped from the end (those that do not count first) until
   * the text fits `limit`.
   */
  function encodeSuspend(records, quizzes, counted, limit, checklists) {
    var ids = Object.keys(quizzes).filter(function (id) { return records[id]; });
    ids.sort(function (a, b) { return (counted.indexOf(b) >= 0) - (counted.indexOf(a) >= 0) || (a < b ? -1 : a > b ? 1 : 0); });
    var q = {};
    ids.forEach(function (id) {
      var r = records[id];
      var seconds = Date.parse(r.last);
      q[id] = [
        STATUS_CODES[r.status] || 's',
        typeof r.best === 'number' ? r.best : null,
        r.attempts || 0,
        typeof r.lastScore === 'number' ? r.lastScore : null,
        isNaN(seconds) ? 0 : Math.round(seconds / 1000).toString(36),
        String(quizzes[id] || '').slice(0, 6)
      ];
    });
    var data = { v: 1, q: q };
    if (checklists && Object.keys(checklists).length) data.c = checklists;
    var text = JSON.stringify(data);
    while (limit && text.length > limit && ids.length) {
      delete q[ids.pop()];
      text = JSON.stringify(data);
    }
    if (limit && text.length > limit && data.c) {
      delete data.c;
      text = JSON.stringify(data);
    }
    return text;
  }

  /** Records (quiz.js's format) from suspend data, for quizzes whose content has not changed. */
  function decodeSuspend(text, quizzes) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return {}; }
    var out = {};
    if (!data || data.v !== 1 || !data.q || typeof data.q !== 'object') return out;
    Object.keys(data.q).forEach(function (id) {
      var e = data.q[id];
      var hash = quizzes[id];
      if (!Array.isArray(e) || !hash || String(hash).slice(0, 6) !== e[5]) return;
      var seconds = parseInt(e[4], 36);
      out[id] = {
        hash: hash,
        status: STATUS_NAMES[e[0]] || 'started',
        best: typeof e[1] === 'number' ? e[1] : null,
        last: new Date(isNaN(seconds) ? 0 : seconds * 1000).toISOString(),
        lastScore: typeof e[3] === 'number' ? e[3] : null,
        attempts: typeof e[2] === 'number' ? e[2] : 0
      };
    });
    return out;
  }

  /** The record to keep of two: a pass over anything, then more attempts. */
  function newer(a, b) {
    if (!a) return b;
    if (!b) return a;
    if ((a.status === 'passed') !== (b.status === 'passed')) return a.status === 'passed' ? a : b;
    return (b.attempts || 0) > (a.attempts || 0) ? b : a;
  }

  function readRecords(storage, quizzes) {
    var out = {};
    Object.keys(quizzes).forEach(function (id) {
      var raw = null;
      try { raw = storage.getItem(QUIZ_PREFIX + id); } catch (e) { raw = null; }
      if (!raw) return;
      try {
        var r = JSON.parse(raw);
        if (r && r.hash === quizzes[id]) out[id] = r;
      } catch (e) { /* unreadable: ignored, as quiz.js does */ }
    });
    return out;
  }

  // ---------------------------------------------------------- time and ids

  function pad(n, width) { var s = String(n); while (s.length < width) s = '0' + s; return s; }

  /** Milliseconds as SCORM 1.2 CMITimespan (HHHH:MM:SS.SS) or 2004 ISO duration (PT1H2M3.45S). */
  function duration(ms, version) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = Math.floor(cs / 100) % 60, c = cs % 100;
    if (version === '1.2') return pad(Math.min(h, 9999), 4) + ':' + pad(m, 2) + ':' + pad(s, 2) + '.' + pad(c, 2);
    return 'PT' + (h ? h + 'H' : '') + (m ? m + 'M' : '') + s + (c ? '.' + pad(c, 2) : '') + 'S';
  }

  /** A moment as 1.2 CMITime (HH:MM:SS) or a 2004 timestamp (YYYY-MM-DDThh:mm:ss). */
  function timestamp(date, version) {
    var time = pad(date.getHours(), 2) + ':' + pad(date.getMinutes(), 2) + ':' + pad(date.getSeconds(), 2);
    if (version === '1.2') return time;
    return date.getFullYear() + '-' + pad(date.getMonth() + 1, 2) + '-' + pad(date.getDate(), 2) + 'T' + time;
  }

  /** An interaction id both editions accept: printable ASCII without spaces, at most 250 characters. */
  function interactionId(quizId, index) {
    var id = String(quizId).replace(/[^A-Za-z0-9_.-]/g, '_') + '-q' + (index + 1);
    return id.slice(-250);
  }

  var TYPES = { single: 'choice', multiple: 'choice', 'true-false': 'true-false', order: 'sequencing', match: 'matching' };

  /** The interactions of one checked quiz: one per answered question. */
  function interactionsFor(detail, version, latencyMs, now) {
    var out = [];
    (detail.results || []).forEach(function (result, i) {
      if (result !== true && result !== false) return; // unanswered
      var type = TYPES[(detail.types || [])[i]];
      if (!type) return;
      out.push({
        id: interactionId(detail.id, i),
        type: type,
        result: result ? 'correct' : version === '1.2' ? 'wrong' : 'incorrect',
        latency: duration(latencyMs, version),
        time: timestamp(now, version)
      });
    });
    return out;
  }

  /** A location (a page path inside the package) the script will open: relative, no `..`, no scheme. */
  function safeLocation(path) {
    if (typeof path !== 'string' || !path || path.length > 1000) return null;
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.charAt(0) === '/' || path.indexOf('\\') >= 0) return null;
    if (path.split('/').indexOf('..') >= 0) return null;
    return path;
  }

  /** The page of a frame's URL relative to the launch page's folder, or null outside it. */
  function relativeLocation(frameHref, launchHref) {
    var base = launchHref.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
    var href = frameHref.replace(/#.*$/, '');
    if (href.indexOf(base) !== 0) return null;
    return safeLocation(href.slice(base.length));
  }

  // ------------------------------------------------------------- the session

  /**
   * One LMS session over `api`. `doc` is where the one notice goes. Every
   * call is guarded: an exception or an error code is logged, shown once,
   * and the course goes on.
   */
  function Session(api, version, settings, storage, win, doc) {
    var names = NAMES[version];
    var started = Date.now();
    var open = false, finished = false, warned = false;
    var interactions = 0;

    function warn(what, code, text) {
      var message = 'kurator scorm: ' + what + ' failed' +
        (code ? ' (LMS error ' + code + (text ? ': ' + text : '') + ')' : text ? ' (' + text + ')' : '');
      try { win.console && win.console.warn(message); } catch (e) { /* no console */ }
      if (warned || !doc || !doc.body) return;
      warned = true;
      var box = doc.createElement('p');
      box.className = 'kurator-scorm-notice';
      box.setAttribute('role', 'status');
      // The words come from the page's tables (theme.js, i18n/*.yaml).
      var texts = win && win.KuratorTexts;
      box.textContent = texts ? texts.t('scorm.rejected') : 'The learning system did not accept the course data.';
      box.style.cssText = 'position:fixed;left:1rem;right:1rem;bottom:1rem;margin:0;padding:.75rem 1rem;' +
        'background:#fff8e1;color:#3e2723;border:1px solid #c9a227;border-radius:.5rem;font:14px/1.4 system-ui,sans-serif;z-index:10';
      doc.body.appendChild(box);
    }

    function call(method, args, what, quiet) {
      var result;
      try {
        result = api[method].apply(api, args);
      } catch (e) {
        warn(what || method, 0, String(e && e.message || e));
        return null;
      }
      if (method !== names.get && String(result) !== 'true') {
        var code = '', text = '';
        try { code = String(api[names.lastError]()); text = String(api[names.errorString](code)); } catch (e) { /* ignored */ }
        if (!quiet) warn(what || method, code, text);
        return null;
      }
      if (method === names.get) {
        var err = '0';
        try { err = String(api[names.lastError]()); } catch (e) { /* ignored */ }
        if (err !== '0' && err !== '') {
          if (!quiet) warn(what || method + ' ' + args[0], err, '');
          return null;
        }
      }
      return result;
    }

    function get(key) { return open ? call(names.get, [key], null, true) : null; }
    function set(key, value) { return open ? call(names.set, [key, String(value)], 'saving ' + key) : null; }

    function records() { return readRecords(storage, settings.quizzes || {}); }
    function lists() { return readChecklists(storage, settings.checklists || {}); }

    function report() {
      var boxes = lists();
      var state = courseState(records(), settings.counted || [], mastery(), checklistsDone(boxes, settings.checklists || {}));
      if (version === '1.2') {
        set('cmi.core.lesson_status', state.lessonStatus);
      } else {
        set('cmi.completion_status', state.completion);
        set('cmi.success_status', state.success);
        set('cmi.progress_measure', String(Math.round(state.progress * 1000) / 1000));
      }
      if (state.score !== null) {
        set(names.raw, state.score);
        set(names.min, 0);
        set(names.max, 100);
        if (version === '2004') set('cmi.score.scaled', Math.round(state.score * 100) / 10000);
      }
      set(names.suspend, encodeSuspend(records(), settings.quizzes || {}, settings.counted || [], names.suspendLimit,
        encodeChecklists(boxes, settings.checklists || {})));
      return state;
    }

    var lmsMastery;
    /**
     * Mastery in percent: the LMS's (from the manifest) over the package's
     * own. Read only when the package has one: otherwise the element is
     * unset, and reading an unset element is an error in 2004.
     */
    function mastery() {
      if (typeof settings.mastery !== 'number') return null;
      if (lmsMastery === undefined) lmsMastery = get(names.mastery);
      var value = lmsMastery;
      var n = value === null || value === '' ? NaN : Number(value);
      if (!isNaN(n)) return version === '2004' ? n * 100 : n;
      return typeof settings.mastery === 'number' ? settings.mastery : null;
    }

    return {
      /** Initialises and restores progress; returns where to resume (or null). */
      start: function () {
        if (open || finished) return null;
        if (call(names.init, [''], 'starting the session') === null) return null;
        open = true;
        // Suspend data and location exist only when resuming (unset elements are errors in 2004).
        var resuming = get(names.entry) === 'resume';
        var saved = resuming ? get(names.suspend) : null;
        if (saved) {
          var restored = decodeSuspend(saved, settings.quizzes || {});
          var local = records();
          Object.keys(restored).forEach(function (id) {
            var keep = newer(local[id], restored[id]);
            if (keep !== local[id]) {
              try { storage.setItem(QUIZ_PREFIX + id, JSON.stringify(keep)); } catch (e) { /* storage full or blocked */ }
            }
          });
          // Boxes: what this browser has wins; the LMS's fill in the rest.
          var savedBoxes = decodeChecklists(saved, settings.checklists || {});
          var localBoxes = lists();
          Object.keys(savedBoxes).forEach(function (path) {
            var merged = localBoxes[path] || {}, changed = false;
            Object.keys(savedBoxes[path]).forEach(function (k) {
              if (!hasOwn(merged, k)) { merged[k] = savedBoxes[path][k]; changed = true; }
            });
            if (changed) {
              try { storage.setItem(CHECKLIST_PREFIX + path, JSON.stringify(merged)); } catch (e) { /* storage full or blocked */ }
            }
          });
        }
        var count = Number(get(names.interactionCount));
        interactions = isNaN(count) ? 0 : count;
        var resume = resuming ? safeLocation(get(names.location)) : null;
        report();
        call(names.commit, [''], 'saving progress');
        return resume;
      },
      /** A quiz was checked in a course page: status, score, interactions. */
      quizChecked: function (detail, startedAt) {
        if (!open) return;
        var now = new Date();
        interactionsFor(detail, version, now.getTime() - (startedAt || started), now).forEach(function (it) {
          if (interactions >= MAX_INTERACTIONS) return;
          var base = 'cmi.interactions.' + interactions + '.';
          if (set(base + 'id', it.id) === null) return;
          interactions++;
          set(base + 'type', it.type);
          set(base + 'result', it.result);
          set(base + 'latency', it.latency);
          set(base + (version === '1.2' ? 'time' : 'timestamp'), it.time);
        });
        report();
        call(names.commit, [''], 'saving progress');
      },
      /** A box of a checklist was ticked or unticked: status and progress. */
      checklistChanged: function () {
        if (!open) return;
        report();
        call(names.commit, [''], 'saving progress');
      },
      /** The learner is on `path` (inside the package). */
      location: function (path) {
        var safe = safeLocation(path);
        if (open && safe && safe.length <= names.locationLimit) set(names.location, safe);
      },
      /** Session time, exit and terminate, once. */
      finish: function () {
        if (!open || finished) return;
        finished = true;
        report();
        set(names.sessionTime, duration(Date.now() - started, version));
        // Suspend keeps the attempt (and its suspend data) for the next launch.
        set(names.exit, 'suspend');
        call(names.commit, [''], 'saving progress');
        call(names.finish, [''], 'closing the session');
        open = false;
      },
      isOpen: function () { return open; }
    };
  }

  // ------------------------------------------------------------ the page

  function storageOf(win) {
    try { return win.localStorage; } catch (e) { return null; }
  }

  /** Forwards checked quizzes (with when each was begun) and ticked boxes of this page to `sink`. */
  function watchQuizzes(doc, sink) {
    var began = {};
    doc.addEventListener('change', function (event) {
      var form = event.target && event.target.closest ? event.target.closest('form.quiz') : null;
      var id = form && form.getAttribute('data-quiz-id');
      if (id && !began[id]) began[id] = Date.now();
    });
    doc.addEventListener('kurator:quiz-checked', function (event) {
      var detail = event.detail || {};
      sink.quizChecked(detail, began[detail.id]);
      began[detail.id] = 0;
    });
    doc.addEventListener('kurator:checklist-changed', function () { sink.checklistChanged(); });
  }

  function versionOf(settings) { return settings.version === '2004' ? '2004' : '1.2'; }

  function onLeave(win, fn) {
    win.addEventListener('pagehide', fn);
    win.addEventListener('beforeunload', fn);
  }

  /** The launch page: one session for the whole visit, the course in the frame. */
  function startLaunchPage(win, doc, frame) {
    var settings = PACKAGE;
    var version = versionOf(settings);
    var storage = storageOf(win);
    var api = storage ? findAPI(win, NAMES[version].api) : null;
    var session = api ? Session(api, version, settings, storage, win, doc) : null;
    var resume = session ? session.start() : null;
    var params = new URLSearchParams(win.location.search);
    var page = resume || safeLocation(params.get('page')) || frame.getAttribute('data-start') || 'index.html';
    if (session) {
      win.kuratorScormSession = session;
      frame.addEventListener('load', function () {
        try { session.location(relativeLocation(frame.contentWindow.location.href, win.location.href)); } catch (e) { /* left the package */ }
      });
      onLeave(win, function () { session.finish(); });
    }
    frame.setAttribute('src', page);
  }

  /** A course page: report through the launch page, or hold a session of its own. */
  function startCoursePage(win, doc) {
    var host = null;
    try { host = win.parent !== win && win.parent.kuratorScormSession; } catch (e) { host = null; }
    if (host) {
      watchQuizzes(doc, host);
      return;
    }
    var version = versionOf(PACKAGE);
    var storage = storageOf(win);
    var api = storage ? findAPI(win, NAMES[version].api) : null;
    if (!api) return;
    var session = Session(api, version, PACKAGE, storage, win, doc);
    session.start();
    watchQuizzes(doc, session);
    onLeave(win, function () { session.finish(); });
  }

  var api = {
    NAMES: NAMES,
    findAPI: findAPI,
    courseState: courseState,
    encodeSuspend: encodeSuspend,
    decodeSuspend: decodeSuspend,
    newer: newer,
    readRecords: readRecords,
    readChecklists: readChecklists,
    checklistsDone: checklistsDone,
    encodeChecklists: encodeChecklists,
    decodeChecklists: decodeChecklists,
    duration: duration,
    timestamp: timestamp,
    interactionId: interactionId,
    interactionsFor: interactionsFor,
    safeLocation: safeLocation,
    relativeLocation: relativeLocation,
    Session: Session
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else if (typeof document !== 'undefined' && PACKAGE && !window.kuratorScorm) {
    window.kuratorScorm = api;
    // Both roles run deferred, so the launch page's frame element exists.
    var frame = document.getElementById('kurator-scorm-frame');
    if (frame) startLaunchPage(window, document, frame);
    else startCoursePage(window, document);
  }
})();
