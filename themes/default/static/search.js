/* Kurator search: the search UI (header box, search page, result lists)
 * over the query engine of search-engine.js. Only this file is on every
 * page; the engine, stemmer.js and the index scripts under <root>search/
 * are loaded on first use of a search box by inserting <script> elements
 * (which works from file://, where fetch does not), so a page that is only
 * read does not carry them. Under node (tests) it exports the
 * engine's parts with its own pure one (renderSegments).
 *
 * Over 500 lines in one closure: the header box and the search page share
 * the loader, the query runner and the result markup, and a second file
 * would be a second request on every page (issue 20 counts them).
 */
(function (global) {
  'use strict';

  var isNode = typeof module !== 'undefined' && module.exports;
  var engineApi = isNode ? require('./search-engine.js') : global.KuratorSearchEngine || {};

  // Appends segments to a DOM node as text nodes and <mark> elements.
  function renderSegments(doc, parent, segs) {
    segs.forEach(function (s) {
      if (s.mark) {
        var mark = doc.createElement('mark');
        mark.textContent = s.text;
        parent.appendChild(mark);
      } else {
        parent.appendChild(doc.createTextNode(s.text));
      }
    });
    return parent;
  }

  // The interface words, from the page's tables (theme.js, i18n/*.yaml).
  function t(key, params) {
    return global.KuratorTexts ? global.KuratorTexts.t('search.' + key, params) : key;
  }

  // What a search box does with each key, apart from the DOM (node tests
  // it with fake timers): every key supersedes the work of the keys before
  // it, so a query typed past presents nothing and loads no fragment, also
  // when the newer key's query has not run yet. A query the loaded index
  // can answer runs at once; any other runs after the reader pauses, while
  // the index files it is sure to need load at once (engine.prefetch) and
  // it runs from them when they are in. env: ready(q), prefetch(q) → a
  // promise or nothing, run(q, local, live, at, pause) (`at`: the key's
  // time; `pause`: how long its results' text waits from it), now(),
  // setTimeout, clearTimeout.
  var NETWORK_WAIT = 90;
  var BETWEEN_WORDS_WAIT = 300;
  // The reader has paused when no key came for 1.5 times their usual time
  // between keys (`rhythm`), 90–500 ms; after a space 2.5 times, 300–750
  // ms (a word takes longer to start). A fixed 90 ms is shorter than
  // anyone's time between keys (150–300 ms at 40–80 words a minute), so it
  // would fetch the results of every letter.
  function pauseFor(q, rhythm) {
    var r = rhythm || 0;
    if (/\s$/.test(q)) return Math.min(750, Math.max(BETWEEN_WORDS_WAIT, Math.round(r * 2.5)));
    return Math.min(500, Math.max(NETWORK_WAIT, Math.round(r * 1.5)));
  }
  // The median of the last gaps between keys.
  function rhythmOf(gaps) {
    if (!gaps.length) return 0;
    var sorted = gaps.slice().sort(function (a, b) { return a - b; });
    return sorted[Math.floor(sorted.length / 2)];
  }
  function keys(env) {
    var serial = 0, timer = null, lastKey = null, gaps = [];
    var liveFor = function (mine) { return function () { return mine === serial; }; };
    return {
      // A key: q is the box's text after it.
      key: function (q) {
        var live = liveFor(++serial);
        var at = env.now();
        // A gap over a second is the reader stopping, not their rhythm.
        if (lastKey !== null && at - lastKey <= 1000) gaps = gaps.concat(at - lastKey).slice(-5);
        lastKey = at;
        var pause = pauseFor(q, rhythmOf(gaps));
        env.clearTimeout(timer);
        if (env.ready(q)) return env.run(q, true, live, at, pause);
        var loading = env.prefetch(q);
        var mine = timer = env.setTimeout(function () {
          timer = null;
          env.run(q, false, live, at, pause);
        }, pause);
        if (!loading) return;
        loading.then(function () {
          if (!live() || timer !== mine || !env.ready(q)) return;
          env.clearTimeout(timer);
          timer = null;
          env.run(q, true, live, at, pause);
        });
      },
      // A run the reader asked for (submit): at once, superseding the keys.
      now: function (q) {
        var live = liveFor(++serial);
        env.clearTimeout(timer);
        env.run(q, false, live);
      },
    };
  }

  var api = {
    normalize: engineApi.normalize,
    words: engineApi.words,
    stem: engineApi.stem,
    wordTerms: engineApi.wordTerms,
    decodePostings: engineApi.decodePostings,
    withinOneEdit: engineApi.withinOneEdit,
    snippet: engineApi.snippet,
    renderSegments: renderSegments,
    keys: keys,
    pauseFor: pauseFor,
    Engine: engineApi.Engine,
  };

  if (isNode) {
    module.exports = api;
    return;
  }

  // -------------------------------------------------------------- browser

  // The pure parts, for browser tests and benchmarks.
  global.KuratorSearch = api;
  var doc = global.document;
  var registry = (global.__kuratorSearch = global.__kuratorSearch || {});
  var waiting = {};
  var loaded = {};
  registry.add = function (name, data) {
    loaded[name] = data;
    if (waiting[name]) waiting[name](data);
  };

  function root() {
    var r = doc.documentElement.getAttribute('data-root') || '/';
    return r.endsWith('/') ? r : r + '/';
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var el = doc.createElement('script');
      el.src = src;
      el.async = true;
      el.onload = function () { resolve(); };
      el.onerror = function () { reject(new Error('cannot load ' + src)); };
      doc.head.appendChild(el);
    });
  }

  var requests = {};
  var version = '';
  function load(name) {
    if (loaded[name]) return Promise.resolve(loaded[name]);
    if (!requests[name]) {
      requests[name] = new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        var src = root() + 'search/' + name + '.js' + (version ? '?v=' + version : '');
        loadScript(src).then(function () {
          if (!loaded[name]) reject(new Error(src + ' did not register ' + name));
        }, function (err) {
          delete requests[name];
          reject(err);
        });
      });
    }
    return requests[name];
  }

  // The page's loader, for browser tests and benchmarks that build an
  // Engine of their own over the same index scripts.
  api.load = load;

  // The engine, once search-engine.js is loaded (its URL, with the content
  // hash, is the search form's data-engine).
  var engine = null;
  var engineLoading = null;
  function loadEngine(form) {
    if (!engineLoading) {
      var holder = form || doc.querySelector('[data-engine]');
      var src = (holder && holder.getAttribute('data-engine')) || root() + 'search-engine.js';
      var script = global.KuratorSearchEngine ? Promise.resolve() : loadScript(src);
      engineLoading = script.then(function () {
        engineApi = global.KuratorSearchEngine;
        ['normalize', 'words', 'stem', 'wordTerms', 'decodePostings', 'withinOneEdit', 'snippet', 'Engine'].forEach(function (k) {
          api[k] = engineApi[k];
        });
        engine = new engineApi.Engine(load);
        return engine;
      });
      engineLoading.catch(function () { engineLoading = null; });
    }
    return engineLoading;
  }
  // For browser tests and benchmarks: the engine's parts, loaded.
  api.ready = function () { return loadEngine(null).then(function () { return api; }); };

  var starting = null;
  function start(form) {
    if (!starting) {
      var stemmerSrc = form && form.getAttribute('data-stemmer');
      var needStemmer = global.KuratorStemmer ? Promise.resolve() : loadScript(stemmerSrc || root() + 'stemmer.js');
      var needIndex = loadEngine(form).then(function (e) { return e.ready(); });
      starting = Promise.all([needStemmer, needIndex]).then(function (r) {
        version = r[1].version;
        return r[1];
      });
      starting.catch(function () { starting = null; });
    }
    return starting;
  }

  function resultHref(url) {
    var hash = url.indexOf('#');
    var path = hash < 0 ? url : url.slice(0, hash);
    var anchor = hash < 0 ? '' : url.slice(hash);
    if (global.location.protocol === 'file:' && (path === '' || path.endsWith('/'))) path += 'index.html';
    return root() + path + anchor;
  }

  function searchPageHref(q) {
    var page = root() + 'search/' + (global.location.protocol === 'file:' ? 'index.html' : '');
    return page + '?q=' + encodeURIComponent(q);
  }

  // One result as DOM: title, breadcrumb line, snippet. On the search page
  // they sit in a link. In the header list (`id` given) the item is a
  // listbox option, which may hold nothing interactive: focus stays in the
  // box, arrows move the selection, and Enter or a click opens the option's
  // data-href (an absolute URL).
  function resultNode(tag, r, id) {
    var item = doc.createElement(tag);
    item.className = 'ks-result';
    var href = resultHref(r.url);
    var link = doc.createElement(id ? 'span' : 'a');
    link.className = 'ks-link';
    if (id) {
      item.id = id;
      item.setAttribute('data-href', new URL(href, global.location.href).href);
    } else {
      link.href = href;
    }
    var title = doc.createElement('span');
    title.className = 'ks-title';
    renderSegments(doc, title, r.titleSegments);
    link.appendChild(title);
    var trail = r.breadcrumb.concat(r.heading ? [r.heading] : []);
    if (trail.length) {
      var crumbs = doc.createElement('span');
      crumbs.className = 'ks-crumbs';
      crumbs.textContent = trail.join(' › ');
      link.appendChild(crumbs);
    }
    var text = doc.createElement('span');
    text.className = 'ks-snippet';
    renderSegments(doc, text, r.segments);
    link.appendChild(text);
    item.appendChild(link);
    return item;
  }

  // Runs queries for one list: a newer query supersedes an older one, whose
  // results are then neither presented (no fragment loads) nor shown.
  // run(q, form, count, local) shows the first `count` results (default
  // `limit`); `local`: the query was run at once, from the loaded index,
  // so results whose text is not loaded yet wait for the reader's pause
  // (a newer key cancels them) before their fragments are fetched.
  // `lazy` (the search page): results are shown as soon as the query is
  // ranked, each with its hit and no text; the page presents (loads the
  // fragment of) only those that come on screen.
  // `live` (from keys(), above): false once a newer key came, even one
  // whose query waits for the pause and so has not run yet; `at`: the
  // key's time, `pause`: the key's wait (pauseFor). On an instant site
  // (meta.instant) a query of whole words (res.whole) fetches its results'
  // text at once.
  function runner(limit, show, lazy) {
    var serial = 0;
    return function run(q, form, count, local, live, at, pause) {
      var mine = ++serial;
      var current = function () { return mine === serial && (!live || live()); };
      // What is left of the reader's pause: it counts from the key, not
      // from when ranking is done.
      var began = at || Date.now();
      var waitMs = pause || pauseFor(q, 0);
      var pauseLeft = function () { return Math.max(1, waitMs - (Date.now() - began)); };
      var n = count || limit;
      if (!q.trim()) return show(null);
      // A query run at once while typing answers from the loaded files
      // only: one that needs another file waits for the pause like any.
      start(form).then(function () {
        return engine.query(q, n, local);
      }).then(function (res) {
        if (!current()) return;
        var hits = res.hits.slice(0, n);
        var missing = hits.some(function (h) { return !loaded[engine.fragmentFile(h)]; });
        var wait = local && !(engine.meta.instant && res.whole);
        var list = function (results) {
          return { q: q, total: res.total, cut: res.cut, mode: res.mode, corrected: res.corrected, suggestion: res.suggestion, results: results };
        };
        if (lazy) {
          // Shown at once; a result's text waits for the pause where the
          // query was run while typing and its fragment is not loaded.
          var pauseMs = wait ? pauseLeft() : 0;
          return show(list(hits.map(function (h) {
            return { hit: h, wait: loaded[engine.fragmentFile(h)] ? 0 : pauseMs, live: current };
          })));
        }
        var paused = wait && missing ? new Promise(function (ok) { setTimeout(ok, pauseLeft()); }) : null;
        return Promise.resolve(paused).then(function () {
          if (!current()) return null;
          return Promise.all(hits.map(function (h) { return engine.present(h); }));
        }).then(function (shown) {
          if (shown && current()) show(list(shown));
        });
      }).catch(function (err) {
        if (!current()) return;
        if (local && err && err.needsFiles) {
          setTimeout(function () {
            if (current()) run(q, form, count, false, live);
          }, pauseLeft());
          return;
        }
        show({ q: q, error: err });
      });
    };
  }


  // The keys of one box, run by `run` (a runner) for its form.
  function keysFor(run, form) {
    return keys({
      ready: function (q) { return !!engine && engine.localReady(q); },
      prefetch: function (q) { return engine ? engine.prefetch(q) : null; },
      run: function (q, local, live, at, pause) { run(q, form, 0, local, live, at, pause); },
      now: Date.now,
      setTimeout: function (f, ms) { return setTimeout(f, ms); },
      clearTimeout: function (t) { clearTimeout(t); },
    });
  }

  function statusText(res) {
    if (res.error) return t('failed');
    if (!res.total) return t('none', { q: res.q });
    return (res.corrected ? t('corrected', { q: res.corrected }) : '') + t('found', { n: res.total }) + (res.mode === 'or' ? t('partial') : res.cut ? t('best') : '');
  }

  // «Возможно, вы искали: …» as a link to the search page for it.
  function suggestionNode(tag, res) {
    var node = doc.createElement(tag);
    node.className = 'ks-suggestion';
    node.appendChild(doc.createTextNode(t('suggestion')));
    var link = doc.createElement('a');
    link.href = searchPageHref(res.suggestion);
    link.textContent = res.suggestion;
    node.appendChild(link);
    return node;
  }

  // The header box: a combobox with a listbox of results under it.
  var BOX_RESULTS = 5;

  function initBox(form) {
    var input = form.querySelector('input[name="q"]');
    var list = form.querySelector('[role="listbox"]');
    var status = form.querySelector('.search-status');
    if (!input || !list) return;
    form.setAttribute('action', searchPageHref('').replace(/\?q=$/, ''));
    var active = -1;
    var options = [];
    var lastQuery = '';

    // An entry of the list the arrows move through; `q`: it opens the
    // search page for that query (results carry their own data-href).
    function addOption(li, id, q) {
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      if (id) li.id = id;
      if (q !== undefined) li.setAttribute('data-href', new URL(searchPageHref(q), global.location.href).href);
      options.push(li);
      list.appendChild(li);
    }

    function setOpen(open) {
      list.hidden = !open;
      input.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (!open) setActive(-1);
    }
    function setActive(i) {
      if (options[active]) options[active].setAttribute('aria-selected', 'false');
      active = i;
      if (options[i]) {
        options[i].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', options[i].id);
        options[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    // As many results as the list shows without scrolling (32rem): the
    // rest are one Enter away on the search page, and a result not on
    // screen should not cost the reader its fragment.
    var run = runner(BOX_RESULTS, function (res) {
      list.textContent = '';
      options = [];
      active = -1;
      if (!res) {
        status.textContent = '';
        return setOpen(false);
      }
      status.textContent = statusText(res);
      if (res.corrected) {
        // The query was read with the other keyboard layout: say so where
        // the reader looks, as an option that opens those results in full.
        var notice = doc.createElement('li');
        notice.className = 'ks-corrected';
        notice.textContent = t('corrected', { q: res.corrected }).trim();
        addOption(notice, 'ks-opt-corrected', res.corrected);
      }
      if (res.suggestion) addOption(suggestionNode('li', res), 'ks-opt-suggestion', res.suggestion);
      (res.results || []).forEach(function (r, i) {
        addOption(resultNode('li', r, 'ks-opt-' + i));
      });
      var more = doc.createElement('li');
      more.className = 'ks-more';
      var label = doc.createElement('span');
      label.className = 'ks-link';
      label.textContent = res.total ? t('all', { n: res.total }) : statusText(res);
      more.appendChild(label);
      addOption(more, 'ks-opt-more', res.q);
      setOpen(true);
    });
    var typed = keysFor(run, form);
    input.addEventListener('focus', function () { start(form).catch(function () {}); });
    input.addEventListener('input', function () {
      lastQuery = input.value;
      typed.key(lastQuery);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (list.hidden && options.length) setOpen(true);
        if (!options.length) return;
        e.preventDefault();
        var step = e.key === 'ArrowDown' ? 1 : -1;
        // Positions cycle through the options and back to the input (-1).
        var n = options.length + 1;
        setActive(((active + 1 + step + n) % n) - 1);
      } else if (e.key === 'Enter') {
        if (active >= 0 && options[active]) {
          e.preventDefault();
          global.location.href = options[active].getAttribute('data-href');
        } else if (input.value.trim()) {
          e.preventDefault();
          global.location.href = searchPageHref(input.value);
        }
      } else if (e.key === 'Escape') {
        if (!list.hidden) {
          e.preventDefault();
          setOpen(false);
        } else {
          input.value = '';
          input.blur();
        }
      }
    });
    list.addEventListener('mousedown', function (e) { e.preventDefault(); });
    list.addEventListener('click', function (e) {
      var option = e.target.closest && e.target.closest('[data-href]');
      if (option) global.location.href = option.getAttribute('data-href');
    });
    doc.addEventListener('click', function (e) {
      if (!form.contains(e.target)) setOpen(false);
    });
  }

  // The search page: ?q= in the URL runs the query; results as a list.
  // Results the search page presents at first, and on each «Показать ещё».
  var PAGE_STEP = 10;

  // Fills a pending result once it is on screen (or at once where there is
  // no IntersectionObserver); `list` holds the items of the current query.
  function pendingResults(list) {
    var fill = function (li) {
      var r0 = li.__ksHit;
      if (!r0) return;
      li.__ksHit = null;
      // Typed past (a newer key, or a newer list): no text for it.
      var still = function () { return li.parentNode === list && (!r0.live || r0.live()); };
      if (r0.wait) {
        setTimeout(function () {
          if (still()) present(li, r0.hit);
        }, r0.wait);
      } else if (still()) {
        present(li, r0.hit);
      }
    };
    var present = function (li, hit) {
      engine.present(hit).then(function (r) {
        if (li.parentNode !== list) return;
        list.replaceChild(resultNode('li', r), li);
      }, function () {
        li.removeAttribute('aria-busy');
      });
    };
    var seen = 'IntersectionObserver' in global
      ? new global.IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (!e.isIntersecting) return;
          seen.unobserve(e.target);
          fill(e.target);
        });
      })
      : null;
    return {
      add: function (result) {
        var li = doc.createElement('li');
        li.className = 'ks-result ks-pending';
        li.setAttribute('aria-busy', 'true');
        li.__ksHit = result;
        list.appendChild(li);
        if (seen) seen.observe(li);
        else fill(li);
      },
      clear: function () {
        if (seen) seen.disconnect();
        list.textContent = '';
      },
    };
  }

  function initPage(box) {
    var input = box.querySelector('input[name="q"]');
    var list = box.querySelector('.search-results');
    var status = box.querySelector('.search-status');
    var form = box.querySelector('form') || box;
    var extra = null;
    var pending = pendingResults(list);
    var shownQuery = null;
    var run = runner(PAGE_STEP, function (res) {
      pending.clear();
      if (extra) extra.remove();
      extra = null;
      remember(res ? res.q : '');
      if (!res) {
        status.textContent = '';
        return;
      }
      status.textContent = statusText(res);
      (res.results || []).forEach(function (r) { pending.add(r); });
      if (res.suggestion) {
        extra = suggestionNode('p', res);
      } else if (res.total > (res.results || []).length) {
        // Results past the first screen are presented (their fragments
        // loaded) only when asked for.
        extra = doc.createElement('button');
        extra.type = 'button';
        extra.className = 'ks-show-more';
        extra.textContent = t('more');
        extra.addEventListener('click', function () {
          run(res.q, form, (res.results || []).length + PAGE_STEP);
        });
      }
      if (extra) list.after(extra);
    }, true);
    // The address holds the query whose results are shown, written when
    // the reader turns to them, submits, or leaves the page or window (so
    // Back and a copied address bring the results back), not on every key:
    // a changed address makes the browser ask for the favicon again.
    var resultsQuery = null;
    function remember(q) {
      resultsQuery = q;
    }
    function setAddress() {
      var q = resultsQuery;
      if (q === shownQuery) return;
      shownQuery = q;
      var url = new URL(global.location.href);
      if (q) url.searchParams.set('q', q);
      else url.searchParams.delete('q');
      try { global.history.replaceState(null, '', url.href); } catch (e) { /* file:// in some browsers */ }
    }
    var params = new URLSearchParams(global.location.search);
    input.value = params.get('q') || '';
    shownQuery = resultsQuery = input.value;
    list.addEventListener('pointerdown', setAddress);
    list.addEventListener('focusin', setAddress);
    global.addEventListener('pagehide', setAddress);
    global.addEventListener('blur', setAddress);
    var typed = keysFor(run, form);
    // As in the header box: the engine and the index's meta load when the
    // reader comes to the box, not after the first pause.
    input.addEventListener('focus', function () { start(form).catch(function () {}); });
    input.addEventListener('input', function () { typed.key(input.value); });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      remember(input.value);
      setAddress();
      typed.now(input.value);
    });
    if (input.value) run(input.value, form);
  }

  function init() {
    var forms = doc.querySelectorAll('[data-kurator-search]');
    for (var i = 0; i < forms.length; i++) initBox(forms[i]);
    var page = doc.querySelector('[data-kurator-search-page]');
    if (page) initPage(page);
    doc.addEventListener('keydown', function (e) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      var box = doc.querySelector('[data-kurator-search] input[name="q"]');
      if (box) {
        e.preventDefault();
        box.focus();
      }
    });
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})(typeof window !== 'undefined' ? window : this);
