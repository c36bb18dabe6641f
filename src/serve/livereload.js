// Kurator live reload: served by `kurator serve` only, never part of a build.
// Listens to server-sent events; reloads on a good build, swaps stylesheets on
// a CSS-only change, shows build errors in an overlay (as text, never HTML).
(function () {
  "use strict";
  var seen = null;
  var overlay = null;
  var source = new EventSource("/__kurator/events");

  source.addEventListener("hello", function (e) {
    // A different server or a build we missed while disconnected: reload.
    if (seen !== null && seen !== e.data) {
      location.reload();
      return;
    }
    seen = e.data;
  });

  source.addEventListener("reload", function () {
    location.reload();
  });

  source.addEventListener("css", function (e) {
    var pairs = [];
    try { pairs = JSON.parse(e.data); } catch (err) { location.reload(); return; }
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    pairs.forEach(function (pair) {
      for (var i = 0; i < links.length; i++) {
        var url = new URL(links[i].href, location.href);
        if (url.pathname === pair[0]) {
          links[i].href = pair[1] + "?t=" + Date.now();
        }
      }
    });
    hideOverlay();
  });

  source.addEventListener("error", function (e) {
    // Connection errors arrive as plain "error" events without data.
    if (typeof e.data !== "string") return;
    showOverlay(e.data);
  });

  function showOverlay(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "kurator-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,20,.92);color:#fff;padding:2rem;font:14px/1.5 ui-monospace,monospace";
      var title = document.createElement("h2");
      title.textContent = "Kurator: the build failed";
      title.style.cssText = "margin:0 0 1rem;color:#ff8a80;font:bold 18px sans-serif";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      var hint = document.createElement("p");
      hint.textContent = "Fix the file and save: this page reloads by itself.";
      hint.style.cssText = "margin:1rem 0 0;color:#bbb;font:14px sans-serif";
      overlay.appendChild(title);
      overlay.appendChild(pre);
      overlay.appendChild(hint);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = text;
  }

  function hideOverlay() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }
})();
