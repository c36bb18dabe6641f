/* Kurator link previews (issue 22): theme.js loads this script when the
 * reader first points at or focuses a link in the text, not with every
 * page. Hovering or focusing a link to another
 * page of the site, in the page's text or its backlinks, shows the
 * target's title and the start of the section
 * the link points at, from <page>/_preview.js, a classic script
 * loaded on demand (so it works from file://). The popover floats over the
 * page (no layout shift), is described to screen readers through
 * aria-describedby, and closes on Escape, when the pointer leaves or when
 * focus moves on. Without JavaScript, links are plain links. Pure logic
 * (which page a link is, which section to show) is exported for node. */
(function (global) {
  'use strict';

  // A link's target as a page of this site: {page: 'kpi/ltv/', anchor} or
  // null (another site, a file, this very page, not a page).
  function previewTarget(href, pageHref, rootHref) {
    var url, root, here;
    try {
      url = new URL(href, pageHref);
      root = new URL(rootHref, pageHref);
      here = new URL(pageHref);
    } catch (e) {
      return null;
    }
    if (url.protocol !== root.protocol || url.host !== root.host) return null;
    if (!url.pathname.startsWith(root.pathname)) return null;
    var path = decodeURIComponent(url.pathname.slice(root.pathname.length)).replace(/(^|\/)index\.html$/, '$1');
    if (path !== '' && !path.endsWith('/')) return null;
    if (url.pathname.replace(/index\.html$/, '') === here.pathname.replace(/index\.html$/, '')) return null;
    if (path.split('/').some(function (part) { return part === '..' || part === '.'; })) return null;
    return { page: path, anchor: decodeURIComponent(url.hash.replace(/^#/, '')) };
  }

  // What to show of a page's preview for an anchor: the section's heading
  // and text start, or the page's own start.
  function pick(data, anchor) {
    var sections = data && data.sections ? data.sections : [];
    var section = null;
    for (var i = 0; i < sections.length; i++) {
      if (anchor && sections[i][0] === anchor) section = sections[i];
    }
    var start = sections[0] || ['', '', ''];
    return {
      title: data ? data.title : '',
      heading: section ? section[1] : '',
      text: section ? section[2] : start[2],
    };
  }

  var api = { previewTarget: previewTarget, pick: pick };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
    return;
  }

  var doc = global.document;
  var HOVER_DELAY = 250;
  var box = null;
  var current = null;
  var timer = null;
  var loading = {};

  function root() {
    return doc.documentElement.getAttribute('data-root') || '/';
  }

  function load(page) {
    var store = global.__kuratorPreviews || {};
    if (store[page]) return Promise.resolve(store[page]);
    if (!loading[page]) {
      loading[page] = new Promise(function (resolve) {
        var s = doc.createElement('script');
        s.src = new URL(root().replace(/\/?$/, '/') + page + '_preview.js', global.location.href).href;
        s.async = true;
        s.onload = function () { resolve((global.__kuratorPreviews || {})[page] || null); };
        s.onerror = function () { resolve(null); };
        doc.head.appendChild(s);
      });
    }
    return loading[page];
  }

  function popover() {
    if (!box) {
      box = doc.createElement('div');
      box.id = 'kurator-preview';
      box.className = 'kurator-preview';
      box.setAttribute('role', 'tooltip');
      box.hidden = true;
      // Inside <main>: all content in a landmark.
      (doc.querySelector('main') || doc.body).appendChild(box);
    }
    return box;
  }

  function show(link, shown) {
    var el = popover();
    el.textContent = '';
    var title = doc.createElement('strong');
    title.className = 'kurator-preview-title';
    title.textContent = shown.title + (shown.heading ? ' › ' + shown.heading : '');
    el.appendChild(title);
    if (shown.text) {
      var text = doc.createElement('span');
      text.className = 'kurator-preview-text';
      text.textContent = shown.text;
      el.appendChild(text);
    }
    el.hidden = false;
    var rect = link.getBoundingClientRect();
    var width = Math.min(352, doc.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(rect.left, doc.documentElement.clientWidth - width - 8));
    // Coordinates of the box's containing block (main may be positioned).
    var origin = (el.offsetParent || doc.documentElement).getBoundingClientRect();
    el.style.left = left - origin.left + 'px';
    el.style.top = rect.bottom - origin.top + 6 + 'px';
    el.style.width = width + 'px';
    link.setAttribute('aria-describedby', el.id);
    current = link;
  }

  function hide() {
    clearTimeout(timer);
    if (current) current.removeAttribute('aria-describedby');
    current = null;
    if (box) box.hidden = true;
  }

  // Links in the page's text and in «Ссылаются на эту страницу»: they
  // lead to content pages, which all have a preview (tag lists, the search
  // and progress pages do not).
  function linkOf(target) {
    var a = target && target.closest ? target.closest('a[href]') : null;
    return a && a.closest('main .content, main .backlinks') ? a : null;
  }

  function open(link, delay) {
    var where = previewTarget(link.getAttribute('href'), global.location.href, root());
    if (!where) return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      load(where.page).then(function (data) {
        if (data && (doc.activeElement === link || link.matches(':hover'))) show(link, pick(data, where.anchor));
      });
    }, delay);
  }

  function init() {
    doc.addEventListener('mouseover', function (e) {
      var link = linkOf(e.target);
      if (link && link !== current) open(link, HOVER_DELAY);
    });
    doc.addEventListener('mouseout', function (e) {
      var link = linkOf(e.target);
      if (link && (!e.relatedTarget || !link.contains(e.relatedTarget)) && doc.activeElement !== link) hide();
    });
    doc.addEventListener('focusin', function (e) {
      var link = linkOf(e.target);
      if (link) open(link, 0);
      else hide();
    });
    doc.addEventListener('focusout', function (e) {
      if (linkOf(e.target) === current) hide();
    });
    doc.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && current) hide();
    });
    // The link whose hover or focus loaded this script (theme.js).
    var first = global.__kuratorPreviewFirst;
    global.__kuratorPreviewFirst = null;
    if (first && doc.activeElement === first) open(first, 0);
    else if (first && first.matches(':hover')) open(first, HOVER_DELAY);
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})(typeof window !== 'undefined' ? window : this);
