// newsgraph pages: hover notes for highlighted spans. Notes are set as text (textContent), never as HTML.
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  if (!tip) return;

  function notes(el) {
    var out = [];
    for (var n = el; n && n !== document.body; n = n.parentElement) {
      if (n.dataset && n.dataset.tip) out.push(n.dataset.tip);
    }
    return out;
  }

  function show(el) {
    var lines = notes(el);
    if (!lines.length) return hide();
    tip.replaceChildren();
    lines.forEach(function (line, i) {
      var div = document.createElement("div");
      div.className = i === 0 ? "first" : "outer";
      div.textContent = line;
      tip.appendChild(div);
    });
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(8, left) + "px";
    tip.style.top = window.scrollY + r.bottom + 6 + "px";
  }

  function hide() {
    tip.hidden = true;
  }

  function target(ev) {
    return ev.target instanceof Element ? ev.target.closest("[data-tip]") : null;
  }

  document.addEventListener("mouseover", function (ev) {
    var el = target(ev);
    if (el) show(el); else hide();
  });
  document.addEventListener("focusin", function (ev) {
    var el = target(ev);
    if (el) show(el); else hide();
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") hide();
  });
})();
