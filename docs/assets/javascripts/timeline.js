/* The timeline's events and filters (macros/templates/event.html, timeline_filters.html). The page is
   complete without this script: every event is listed, each opens by itself (a <details>), and the style
   sheet hides the filter bar. With it:

   - a link to an event (#ceasefire, from another page or this one) opens the event, shows it even if the
     filters hide it, and marks it; so does a link to one of its notes;
   - the filter bar hides the events that do not match, and keeps the choice in the query string so that a
     filtered view can be shared (timeline/?actor=ilham-aliyev);
   - "Newest first" turns the list round, periods and events alike (timeline/?order=newest), and the link
     to each year then leads to its latest event;
   - on a phone, the "Filters" button unfolds the four choices.
   Printing opens every event, and closes them again after: Material does it for every <details>. */
(function () {
  "use strict";
  var FACETS = { era: "era", actor: "actors", place: "places", tag: "tags" }; // URL name -> data-* name

  function setup() {
    if (!document.querySelector(".nk-event")) return;
    var form = document.querySelector("form.nk-filters");
    var order = form && form.querySelector(".nk-order");
    var items = [].slice.call(document.querySelectorAll("li.nk-event-item"));

    function event(node) { return node && node.closest ? node.closest("details.nk-event") : null; }

    function apply() {
      if (!form) return;
      var want = {};
      Object.keys(FACETS).forEach(function (name) {
        var field = form.elements[name];
        if (field && field.value) want[name] = field.value;
      });
      var shown = 0;
      items.forEach(function (li) {
        var details = li.querySelector(".nk-event");
        var show = Object.keys(want).every(function (name) {
          return (details.dataset[FACETS[name]] || "").split(" ").indexOf(want[name]) >= 0;
        });
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
      form.querySelector(".nk-filter-empty").hidden = shown > 0;
      form.querySelector(".nk-count").textContent = shown + " of " + items.length;
      var url = new URL(location.href);
      Object.keys(FACETS).forEach(function (name) {
        if (want[name]) url.searchParams.set(name, want[name]);
        else url.searchParams.delete(name);
      });
      if (newest) url.searchParams.set("order", "newest");
      else url.searchParams.delete("order");
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    }

    // Oldest first (the page as built) or newest first: each period's events, and the periods with their
    // headings, in reverse. The year links lead to the first event of their year in the order shown.
    var newest = false;
    function arrange(wanted) {
      if (wanted === newest) return;
      newest = wanted;
      var blocks = [].slice.call(document.querySelectorAll("div.nk-timeline"));
      blocks.forEach(function (block) {
        var list = block.querySelector("ol.nk-events");
        if (list) [].slice.call(list.children).reverse().forEach(function (li) { list.appendChild(li); });
      });
      if (blocks.length > 1) {
        var parent = blocks[0].parentNode, end = blocks[blocks.length - 1].nextSibling;
        blocks.map(function (block) {
          var heading = block.previousElementSibling;
          return heading && heading.tagName === "H2" && heading.id === block.dataset.era ? [heading, block] : [block];
        }).reverse().forEach(function (nodes) {
          nodes.forEach(function (node) { parent.insertBefore(node, end); });
        });
      }
      var years = {};
      items.forEach(function (li) { if (/^year-\d+$/.test(li.id)) { years[li.id] = true; li.removeAttribute("id"); } });
      document.querySelectorAll("li.nk-event-item").forEach(function (li) {
        var id = "year-" + li.querySelector(".nk-event").dataset.year;
        if (years[id] === true) { years[id] = false; li.id = id; }
      });
      if (order) order.setAttribute("aria-pressed", String(newest));
    }

    // What a link points to is shown, even if the current filters hide it (an event, a note, a year, a
    // period), and an event it points to, or holds, is opened.
    function reveal(hash) {
      var id;
      try { id = decodeURIComponent((hash || "").slice(1)); } catch (e) { return; }
      var target = id && document.getElementById(id);
      if (!target) return;
      var hidden = target.closest("li.nk-event-item[hidden], .nk-timeline[hidden], h2[hidden]");
      if (hidden && form) { form.reset(); apply(); }
      var details = event(target);
      document.querySelectorAll(".nk-highlight").forEach(function (el) { el.classList.remove("nk-highlight"); });
      if (details) {
        details.open = true;
        details.classList.add("nk-highlight");
      }
      if (hidden || details) target.scrollIntoView();
      // Events are laid out only near the screen (site.css), so those around the target take their real
      // height once it is reached: aim again when they have.
      requestAnimationFrame(function () { requestAnimationFrame(function () { target.scrollIntoView(); }); });
    }

    if (form) {
      var params = new URL(location.href).searchParams;
      Object.keys(FACETS).forEach(function (name) {
        var field = form.elements[name];
        var value = params.get(name);
        if (field && value && [].some.call(field.options, function (o) { return o.value === value; })) field.value = value;
      });
      order.addEventListener("click", function () {
        arrange(!newest);
        apply();
        // From further down, the reader is taken to the start of the list in its new order.
        var first = document.querySelector(".nk-timeline:not([hidden])");
        if (first && first.getBoundingClientRect().top < 0) {
          var heading = first.previousElementSibling;
          (heading && heading.tagName === "H2" ? heading : first).scrollIntoView();
        }
      });
      var toggle = form.querySelector(".nk-filter-toggle");
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", String(open));
        form.classList.toggle("nk-open", open);
      });
      form.addEventListener("change", function () { apply(); });
      form.addEventListener("reset", function () { setTimeout(function () { apply(); }); });
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      arrange(params.get("order") === "newest");
      form.setAttribute("data-nk-ready", "");  // set up: what the browser tests wait for
    }
    window.addEventListener("hashchange", function () { reveal(location.hash); });
    // An in-page link shows its target before the browser scrolls to it (capture phase: before anything else).
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[href*='#']");
      if (!a || !a.hash || a.pathname !== location.pathname || a.classList.contains("footnote-ref")) return;
      reveal(a.hash);
    }, true);

    apply();
    reveal(location.hash);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
