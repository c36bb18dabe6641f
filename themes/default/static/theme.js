// Kurator theme behaviour: the interface words' lookup (KuratorTexts), the
// dark-mode toggle, the courses filter and the loader of link previews.
// A classic deferred script (no modules, no fetch), so it also works when the
// site is opened from disk. Pure logic is exported for node --test.
(function () {
  "use strict";

  /** Which theme the toggle leads to from the current one. */
  function nextTheme(current, systemDark) {
    var effective = current === "dark" || current === "light" ? current : systemDark ? "dark" : "light";
    return effective === "dark" ? "light" : "dark";
  }

  /** Whether a course row passes the filter. */
  function courseMatches(row, query, maxMonths) {
    var q = (query || "").trim().toLowerCase().replace(/ё/g, "е");
    if (q && row.text.toLowerCase().replace(/ё/g, "е").indexOf(q) === -1) return false;
    if (maxMonths > 0 && row.monthsMin > 0 && row.monthsMin > maxMonths) return false;
    return true;
  }

  /**
   * The text for `key` in a table {language, texts} (the page's
   * #kurator-texts, made from the theme's i18n/*.yaml): a plural text's
   * form is chosen by params.n with the language's rules, and {name} is
   * filled from params. A key the table lacks comes back as itself.
   */
  function translate(table, key, params) {
    var entry = table && table.texts ? table.texts[key] : undefined;
    if (entry === undefined || entry === null) return key;
    params = params || {};
    if (typeof entry === "object") {
      var form = "other";
      try { form = new Intl.PluralRules(table.language).select(Number(params.n)); } catch (e) { /* an unknown language: other */ }
      entry = entry[form] !== undefined ? entry[form] : entry.other;
    }
    return String(entry).replace(/\{([A-Za-z0-9_]+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
    });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { nextTheme: nextTheme, courseMatches: courseMatches, translate: translate };
  }
  if (typeof document === "undefined") return;

  // The one lookup every script of the theme asks for its words.
  var table = null;
  window.KuratorTexts = {
    t: function (key, params) {
      if (!table) {
        var el = document.getElementById("kurator-texts");
        try { table = el ? JSON.parse(el.textContent) : {}; } catch (e) { table = {}; }
      }
      return translate(table, key, params);
    }
  };

  function setupToggle() {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    var root = document.documentElement;
    var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    function isDark() {
      var t = root.dataset.theme;
      return t === "dark" || (t !== "light" && !!(media && media.matches));
    }
    function sync() { button.setAttribute("aria-pressed", isDark() ? "true" : "false"); }
    button.hidden = false;
    sync();
    button.addEventListener("click", function () {
      var next = nextTheme(root.dataset.theme, !!(media && media.matches));
      root.dataset.theme = next;
      try { localStorage.setItem("kurator-theme", next); } catch (e) { /* storage may be off */ }
      sync();
    });
    if (media && media.addEventListener) media.addEventListener("change", sync);
  }

  function setupCourseFilter() {
    var form = document.querySelector(".course-filter");
    var table = document.querySelector(".course-table");
    if (!form || !table) return;
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
      return { el: tr, text: tr.textContent, monthsMin: parseFloat(tr.dataset.monthsMin) || 0 };
    });
    var count = form.querySelector(".course-count");
    // The template leaves out a filter that could not filter anything.
    function apply() {
      var q = form.elements.q ? form.elements.q.value : "";
      var months = form.elements.months ? parseFloat(form.elements.months.value) || 0 : 0;
      var shown = 0;
      rows.forEach(function (row) {
        var ok = courseMatches(row, q, months);
        row.el.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = window.KuratorTexts.t("courses.shown", { shown: shown, total: rows.length });
    }
    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  // Link previews (preview.js) load when the reader first points at or
  // focuses a link in the text, not with every page; the link that asked
  // is handed over so its preview opens.
  function setupPreviewLoader() {
    var src = document.documentElement.getAttribute("data-preview");
    if (!src) return;
    function wanted(e) {
      var a = e.target && e.target.closest ? e.target.closest("a[href]") : null;
      if (!a || !a.closest("main .content, main .backlinks")) return;
      document.removeEventListener("mouseover", wanted);
      document.removeEventListener("focusin", wanted);
      window.__kuratorPreviewFirst = a;
      var s = document.createElement("script");
      s.src = src;
      s.async = true;
      document.head.appendChild(s);
    }
    document.addEventListener("mouseover", wanted);
    document.addEventListener("focusin", wanted);
  }

  setupToggle();
  setupCourseFilter();
  setupPreviewLoader();
})();
