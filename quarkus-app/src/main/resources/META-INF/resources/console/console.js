// Live parts of the console: an element with data-events listens to that event stream (server-sent
// events) and, when something moved, swaps in its fresh server-rendered self from data-refresh (htmx),
// at most once per data-throttle ms. No inline script: the pages keep to their own files.
(function () {
  function listen(id) {
    var el = document.getElementById(id);
    if (!el || !el.dataset.events || !window.EventSource) { return; }
    var refresh = el.dataset.refresh, wait = parseInt(el.dataset.throttle || '1000', 10), timer = null;
    var source = new EventSource(el.dataset.events);
    function mark(on) {
      var current = document.getElementById(id);
      if (!current) { return; }
      current.querySelectorAll('[data-live]').forEach(function (l) { l.classList.toggle('on', on); });
    }
    function reload() {
      timer = null;
      htmx.ajax('GET', refresh, { target: '#' + id, swap: 'outerHTML', select: '#' + id }).then(function () {
        mark(source.readyState === EventSource.OPEN);
        var swapped = document.getElementById(id);
        if (swapped && swapped.dataset.events !== el.dataset.events) { source.close(); el = swapped; listen(id); }
      });
    }
    function changed() { if (!timer) { timer = setTimeout(reload, wait); } }
    source.onopen = function () { mark(true); };
    source.onerror = function () { mark(false); };
    ['step', 'router', 'audit', 'progress', 'resync'].forEach(function (name) { source.addEventListener(name, changed); });
    source.addEventListener('job', function (e) {
      changed();
      try { if (JSON.parse(e.data).closed) { source.close(); } } catch (ignored) { /* not JSON */ }
    });
  }
  document.addEventListener('DOMContentLoaded', function () { listen('board'); listen('job'); });
}());
