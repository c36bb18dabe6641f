// Kurator theme behaviour: the dark-mode toggle and the courses filter.
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

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { nextTheme: nextTheme, courseMatches: courseMatches };
  }
  if (typeof document === "undefined") return;

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
    var ru = document.documentElement.lang.indexOf("ru") === 0;
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
      count.textContent = ru ? "Показано: " + shown + " из " + rows.length : "Showing " + shown + " of " + rows.length;
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
