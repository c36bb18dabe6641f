/* Kurator reading progress (issue 22): a page counts as read once the end
 * of its text has been on screen; the section tree and section pages mark
 * read pages, the progress page counts them per section, and everything
 * the site keeps in this browser (reading, quizzes, checklists: the
 * localStorage keys that start with "kurator-") can be saved to a file and
 * loaded in another browser. Nothing leaves the device otherwise. Pure
 * logic is exported for node; the DOM part runs in pages. */
(function (global) {
  'use strict';

  var READ = 'kurator-read:';
  var OURS = 'kurator-';
  var FORMAT = 'kurator-progress';
  // A stored value longer than this is not ours (imports are checked).
  var MAX_VALUE = 64 * 1024;

  // A link's page as a key under the site root ('' for home), or null.
  function pageKey(href, pageHref, rootHref) {
    try {
      var url = new URL(href, pageHref), root = new URL(rootHref, pageHref);
      if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
      var path = decodeURIComponent(url.pathname.slice(root.pathname.length)).replace(/(^|\/)index\.html$/, '$1');
      return path === '' || path.endsWith('/') ? path : null;
    } catch (e) {
      return null;
    }
  }

  function keys(storage) {
    var out = [];
    for (var i = 0; i < storage.length; i++) out.push(storage.key(i));
    return out;
  }

  // Everything the site keeps in this browser, as the text of a file.
  function exportProgress(storage, now) {
    var items = {};
    keys(storage).filter(function (k) { return k && k.indexOf(OURS) === 0; }).sort().forEach(function (k) {
      items[k] = storage.getItem(k);
    });
    return JSON.stringify({ format: FORMAT, version: 1, saved: now, items: items }, null, 1);
  }

  // Loads a saved file into storage: only the site's keys, only strings;
  // returns how many were written, or throws an Error saying what is wrong.
  function importProgress(storage, text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Error('not a progress file (not JSON)');
    }
    if (!data || data.format !== FORMAT || typeof data.items !== 'object' || data.items === null) {
      throw new Error('not a progress file saved by this site');
    }
    var n = 0;
    Object.keys(data.items).forEach(function (k) {
      var v = data.items[k];
      if (k.indexOf(OURS) !== 0 || typeof v !== 'string' || v.length > MAX_VALUE) return;
      storage.setItem(k, v);
      n++;
    });
    return n;
  }

  // Read pages out of `pages` (keys), given storage.
  function readCount(storage, pages) {
    return pages.filter(function (p) { return storage.getItem(READ + p) !== null; }).length;
  }

  var api = { pageKey: pageKey, exportProgress: exportProgress, importProgress: importProgress, readCount: readCount, READ: READ };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
    return;
  }

  var doc = global.document;
  // The words, from the page's tables (theme.js).
  function t(key, params) {
    return global.KuratorTexts ? global.KuratorTexts.t('reading.' + key, params) : key;
  }

  function store() {
    try {
      var s = global.localStorage;
      s.getItem(READ);
      return s;
    } catch (e) {
      return null;
    }
  }

  function root() {
    return doc.documentElement.getAttribute('data-root') || '/';
  }

  function here() {
    return pageKey(global.location.href, global.location.href, root());
  }

  // The end of the page's text on screen: this page is read.
  function watchEnd(storage) {
    var content = doc.querySelector('main article .content');
    var key = here();
    if (!content || key === null || !('IntersectionObserver' in global)) return;
    var end = doc.createElement('span');
    end.className = 'read-end';
    end.setAttribute('aria-hidden', 'true');
    content.appendChild(end);
    var seen = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      if (storage.getItem(READ + key) === null) storage.setItem(READ + key, new Date().toISOString().slice(0, 10));
      seen.disconnect();
      mark(storage);
    });
    seen.observe(end);
  }

  // Read pages in the section tree and on section pages.
  function mark(storage) {
    var links = doc.querySelectorAll('.nav-tree a[href], .section-list a[href]');
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      var key = pageKey(a.getAttribute('href'), global.location.href, root());
      if (key === null || storage.getItem(READ + key) === null || a.classList.contains('is-read')) continue;
      a.classList.add('is-read');
      var note = doc.createElement('span');
      note.className = 'visually-hidden';
      note.textContent = t('read');
      a.appendChild(note);
    }
  }

  // The progress page: read pages per top section of the tree, and the
  // file buttons.
  function progressPage(storage) {
    var box = doc.querySelector('[data-reading-progress]');
    if (!box) return;
    // Rows by section, their pages from the build (the tree on the left
    // shows only the open section).
    var rows = box.querySelectorAll('tr[data-reading-pages]');
    for (var i = 0; i < rows.length; i++) {
      var pages = rows[i].getAttribute('data-reading-pages').split(' ').filter(Boolean);
      rows[i].querySelector('.reading-count').textContent = t('count', { done: readCount(storage, pages), total: pages.length });
    }
    box.hidden = false;
    var note = box.querySelector('.reading-note');
    var save = box.querySelector('[data-progress-export]');
    var load = box.querySelector('[data-progress-import]');
    save.addEventListener('click', function () {
      var blob = new Blob([exportProgress(storage, new Date().toISOString())], { type: 'application/json' });
      var link = doc.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'kurator-progress.json';
      doc.body.appendChild(link);
      link.click();
      link.remove();
      note.textContent = t('saved');
    });
    load.addEventListener('change', function () {
      var file = load.files && load.files[0];
      if (!file) return;
      file.text().then(function (text) {
        note.textContent = t('loaded', { n: importProgress(storage, text) });
        // Every count on the page comes from storage: show the loaded one.
        global.setTimeout(function () { global.location.reload(); }, 600);
      }).catch(function (e) {
        note.textContent = t('failed', { error: e.message });
      });
    });
  }

  function init() {
    var storage = store();
    if (!storage) return;
    mark(storage);
    watchEnd(storage);
    progressPage(storage);
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})(typeof window !== 'undefined' ? window : this);
