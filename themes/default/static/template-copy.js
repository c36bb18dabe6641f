// Kurator: «Копировать» buttons for template blocks (issue 18).
// A classic deferred script (no modules, no fetch), so it works opened from
// disk. Without it the template text is a <pre> the reader selects by hand;
// the button exists only when this script runs. The Clipboard API needs a
// secure context (not file:// in every browser), so when it is missing or
// refuses, the text is selected and the reader is told to press Ctrl+C.
(function () {
  'use strict';

  /** What the status line says after a copy attempt. */
  function statusText(labels, copied) {
    return copied ? labels.copied : labels.failed;
  }

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = { statusText: statusText };
    return;
  }
  if (typeof document === 'undefined') return;

  function selectText(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  /** Copies the text; calls done(true) on success, done(false) otherwise. */
  function copy(text, pre, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { fallback(pre, done); });
    } else {
      fallback(pre, done);
    }
  }

  function fallback(pre, done) {
    selectText(pre);
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    done(ok);
  }

  function setup(figure) {
    var pre = figure.querySelector('.template-text');
    if (!pre || figure.querySelector('.template-copy')) return;
    var labels = {
      copy: figure.getAttribute('data-copy') || 'Copy',
      copied: figure.getAttribute('data-copied') || 'Copied',
      failed: figure.getAttribute('data-copy-failed') || 'Press Ctrl+C'
    };
    var bar = document.createElement('div');
    bar.className = 'template-actions';
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'template-copy';
    button.textContent = labels.copy;
    var caption = figure.querySelector('.template-title');
    if (caption) {
      if (!caption.id) caption.id = 'template-' + Math.random().toString(36).slice(2, 10);
      button.setAttribute('aria-describedby', caption.id);
    }
    var status = document.createElement('span');
    status.className = 'template-status';
    status.setAttribute('role', 'status');
    var timer = null;
    button.addEventListener('click', function () {
      copy(pre.textContent, pre, function (copied) {
        status.textContent = statusText(labels, copied);
        figure.classList.toggle('is-copied', copied);
        clearTimeout(timer);
        timer = setTimeout(function () {
          status.textContent = '';
          figure.classList.remove('is-copied');
        }, 4000);
      });
    });
    bar.appendChild(button);
    bar.appendChild(status);
    figure.insertBefore(bar, pre);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('figure.template-block'), setup);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
