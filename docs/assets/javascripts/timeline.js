/* Timeline filters (macros/templates/timeline_filters.html). The page is complete without this
   script (the style sheet then hides the filter form): it hides the events that do not match, and keeps
   the choice in the query string so that a filtered view can be shared. */
(function () {
  "use strict";
  var FACETS = { era: "era", actor: "actors", place: "places", tag: "tags" }; // URL name -> data-* name

  function setup() {
    var form = document.querySelector("form.nk-filters");
    if (!form) return;
    var items = [].slice.call(document.querySelectorAll("li.nk-event-item"));
    var status = form.querySelector(".nk-filter-status");
    var empty = form.querySelector(".nk-filter-empty");

    function chosen() {
      var out = {};
      Object.keys(FACETS).forEach(function (name) {
        var field = form.elements[name];
        if (field && field.value) out[name] = field.value;
      });
      return out;
    }

    function matches(article, want) {
      return Object.keys(want).every(function (name) {
        return (article.dataset[FACETS[name]] || "").split(" ").indexOf(want[name]) >= 0;
      });
    }

    function apply() {
      var want = chosen();
      var shown = 0;
      items.forEach(function (li) {
        var show = matches(li.querySelector("article.nk-event"), want);
        li.hidden = !show;
        if (show) shown += 1;
      });
      // A period with nothing left to show loses its heading too.
      document.querySelectorAll(".nk-timeline").forEach(function (block) {
        var none = !block.querySelector("li.nk-event-item:not([hidden])");
        block.hidden = none;
        var heading = document.getElementById(block.dataset.era);
        if (heading && heading.tagName === "H2") heading.hidden = none;
      });
      empty.hidden = shown > 0;
      var text = shown + " of " + items.length + " events shown";
      status.textContent = text;
      var url = new URL(location.href);
      Object.keys(FACETS).forEach(function (name) {
        if (want[name]) url.searchParams.set(name, want[name]);
        else url.searchParams.delete(name);
      });
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    }

    // What a link points to is shown even if the current filters hide it (an event, a year, a period).
    function reveal(hash) {
      var id;
      try { id = decodeURIComponent((hash || "").slice(1)); } catch (e) { return; }
      var target = id && document.getElementById(id);
      if (!target) return;
      var hidden = target.closest("li.nk-event-item[hidden], .nk-timeline[hidden], h2[hidden]");
      if (hidden) { form.reset(); apply(); }
      var li = target.closest("li.nk-event-item");
      document.querySelectorAll(".nk-highlight").forEach(function (el) { el.classList.remove("nk-highlight"); });
      if (li) li.querySelector("article.nk-event").classList.add("nk-highlight");
      if (hidden || li) target.scrollIntoView();
    }

    var params = new URL(location.href).searchParams;
    Object.keys(FACETS).forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name);
      if (field && value && [].some.call(field.options, function (o) { return o.value === value; })) field.value = value;
    });
    form.setAttribute("data-nk-ready", "");  // set up: what the browser tests wait for
    form.addEventListener("change", function () { apply(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(); }); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    window.addEventListener("hashchange", function () { reveal(location.hash); });
    // An in-page link shows its target before the browser scrolls to it (capture phase: before anything else).
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[href*='#']");
      if (!a || !a.hash || a.pathname !== location.pathname) return;
      reveal(a.hash);
    }, true);
    apply();
    reveal(location.hash);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
