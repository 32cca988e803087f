/* Notes and hints in one popover (issue #16), in place of Material's tooltips.

   Note numbers (the superscripts of macros/templates/cite.html) open their note, with its source link, and
   place and term links (place_link.html, term_link.html) open their hint: on hover, on keyboard focus, or
   on a tap. Escape, or a tap or click outside, closes it. A note number never jumps to the foot of the
   page; a place or term link still goes to Names and terms on a click, on Enter, or on a second tap.

   Nothing is set up per element: a few listeners on the document, and the popover itself made the first
   time a reader asks for one. Material's tooltips did their work for every link and title when the page
   loaded, the largest cost of a long page on a phone.

   The popover is a [popover] element moved next to the link it belongs to, so Tab goes from a note number
   into the note's links and on to the text after it, while the browser draws it above everything (a table
   that scrolls sideways does not clip it). Without the Popover API, or without JavaScript, the links do
   what they always did: a note number leads to the note, a place or term to its entry, and the hint is
   the link's title. */
(function () {
  "use strict";
  if (!HTMLElement.prototype.hasOwnProperty("popover")) return;

  var TRIGGER = "a.footnote-ref, a.nk-place, a.nk-term";
  var GAP = 6;       // px between the link and the popover
  var MARGIN = 8;    // px kept free at the edges of the window
  var pop = null;    // the popover, made on first use
  var current = null;
  var pinned = false; // opened by a click, a tap or Enter: stays until closed
  var showTimer = 0, hideTimer = 0;
  var gesture = null; // the pointer that went down on a link: {link, type, open, pinned}
  var away = null;    // where a pointer went down outside the open popover and its link
  var quiet = false;  // focus given back to the link on closing: not a reason to open again

  // The pointer that went down on this link, if its click is still to come (a tap's click may come late).
  function pressed(link) {
    return gesture && link && gesture.link === link && performance.now() - gesture.at < 1500 ? gesture : null;
  }
  function isNote(link) { return link.classList.contains("footnote-ref"); }
  function isOpen(link) { return !!pop && current === link && pop.matches(":popover-open"); }
  function inside(node) { return !!node && !!pop && (pop === node || pop.contains(node)); }
  function trigger(node) { return node && node.closest ? node.closest(TRIGGER) : null; }

  function noteFor(link) {
    var id;
    try { id = decodeURIComponent(link.hash.slice(1)); } catch (e) { return null; }
    var note = id && document.getElementById(id);
    return note && note.querySelector("p");
  }

  // The hint travels in the title attribute, which a browser shows by itself without JavaScript; it is
  // moved aside on first use so that the browser's own tooltip does not show as well.
  function hintFor(link) {
    if (link.hasAttribute("title")) {
      link.setAttribute("data-nk-hint", link.getAttribute("title"));
      link.removeAttribute("title");
    }
    return link.getAttribute("data-nk-hint") || "";
  }

  function make() {
    pop = document.createElement("div");
    pop.id = "nk-popover";
    pop.className = "nk-popover";
    pop.setAttribute("popover", "manual");
    pop.tabIndex = -1;
    pop.addEventListener("pointerenter", function () { clearTimeout(hideTimer); });
    pop.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse") hideSoon(); });
    return pop;
  }

  // What the popover shows: a copy of the note (less its links back to the text), or the hint as text.
  function fill(link) {
    pop.textContent = "";
    if (isNote(link)) {
      var note = noteFor(link);
      var label = document.createElement("p");
      label.className = "nk-popover__label";
      label.textContent = "Note " + link.textContent.trim();
      var body = note.cloneNode(true);
      body.querySelectorAll(".footnote-backref").forEach(function (a) { a.remove(); });
      body.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      body.normalize();
      if (body.lastChild && body.lastChild.nodeType === 3) body.lastChild.textContent = body.lastChild.textContent.replace(/\s+$/, "");
      pop.append(label, body);
      pop.setAttribute("role", "dialog");
      pop.setAttribute("aria-label", label.textContent);
    } else {
      var text = document.createElement("p");
      text.textContent = hintFor(link);
      pop.append(text);
      pop.setAttribute("role", "tooltip");
      pop.removeAttribute("aria-label");
    }
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var view = document.documentElement;
    var width = pop.offsetWidth, height = pop.offsetHeight;
    var top = rect.bottom + GAP;
    if (top + height > view.clientHeight - MARGIN && rect.top - GAP - height >= MARGIN) top = rect.top - GAP - height;
    var left = rect.left + rect.width / 2 - width / 2;
    left = Math.max(MARGIN, Math.min(left, view.clientWidth - MARGIN - width));
    // In the top layer, an absolutely placed element is placed on the page, not in the window: it scrolls with the text.
    pop.style.top = Math.round(top + window.scrollY) + "px";
    pop.style.left = Math.round(left + window.scrollX) + "px";
  }

  function open(link, pin) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (isNote(link) ? !noteFor(link) : !(link.getAttribute("title") || link.getAttribute("data-nk-hint"))) return false;
    if (isOpen(link)) { pinned = pinned || pin; return true; }
    close(false);
    if (!pop) make();
    fill(link);
    // Next to the link in the document (after its superscript for a note), so Tab reaches the note's links next.
    var anchor = isNote(link) && link.parentNode.tagName === "SUP" ? link.parentNode : link;
    anchor.after(pop);
    current = link;
    pinned = pin;
    pop.showPopover();
    place(link);
    if (isNote(link)) {
      link.setAttribute("aria-expanded", "true");
      link.setAttribute("aria-controls", pop.id);
    }
    link.setAttribute("aria-describedby", pop.id);
    return true;
  }

  function close(refocus) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (!pop || !current) return;
    var link = current;
    var hadFocus = inside(document.activeElement);
    current = null;
    pinned = false;
    if (pop.matches(":popover-open")) pop.hidePopover();
    pop.remove();
    if (isNote(link)) link.setAttribute("aria-expanded", "false");
    link.removeAttribute("aria-describedby");
    if (refocus || hadFocus) {
      quiet = true;
      link.focus({ preventScroll: true });
      quiet = false;
    }
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    if (pinned) return;
    hideTimer = setTimeout(function () {
      if (!pinned && !inside(document.activeElement) && document.activeElement !== current) close(false);
    }, 250);
  }

  // Hover (a mouse; a finger's tap is handled as a click).
  document.addEventListener("pointerover", function (e) {
    if (e.pointerType !== "mouse") return;
    var link = trigger(e.target);
    if (!link) return;
    if (isOpen(link)) { clearTimeout(hideTimer); return; }
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { if (!pinned) open(link, false); }, 150);
  });
  document.addEventListener("pointerout", function (e) {
    if (e.pointerType !== "mouse") return;
    var link = trigger(e.target);
    if (!link || link.contains(e.relatedTarget)) return;
    clearTimeout(showTimer);
    if (isOpen(link) && !inside(e.relatedTarget)) hideSoon();
  });

  // Keyboard focus opens; focus leaving both the link and the popover closes.
  document.addEventListener("focusin", function (e) {
    var link = trigger(e.target);
    if (link && !inside(link) && !pressed(link) && !quiet) open(link, false);
  });
  document.addEventListener("focusout", function (e) {
    if (!current || pressed(current)) return;
    var next = e.relatedTarget;
    if (next && (next === current || inside(next))) return;
    if (!next && pinned) return; // focus left the window, or a click on something that takes no focus
    close(false);
  });

  // A tap or a click. What the popover showed when the pointer went down decides what the click does.
  // A tap outside closes it; a finger that scrolls the page does not (the browser cancels its pointer).
  document.addEventListener("pointerdown", function (e) {
    var link = trigger(e.target);
    gesture = link ? { link: link, type: e.pointerType, open: isOpen(link), pinned: isOpen(link) && pinned, at: e.timeStamp } : null;
    away = current && !inside(e.target) && !current.contains(e.target) ? { x: e.clientX, y: e.clientY } : null;
  }, true);
  document.addEventListener("pointerup", function (e) {
    if (away && Math.abs(e.clientX - away.x) + Math.abs(e.clientY - away.y) < 12) close(false);
    away = null;
  }, true);
  document.addEventListener("pointercancel", function () { gesture = null; away = null; }, true);
  document.addEventListener("click", function (e) {
    var link = trigger(e.target);
    var seen = pressed(link);
    gesture = null;
    if (!link || inside(link) || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var keyboard = e.detail === 0 && !seen;
    if (isNote(link)) {
      if (!noteFor(link)) return;
      e.preventDefault(); // never a jump to the foot of the page
      if (seen && seen.pinned) { close(false); return; }
      if (open(link, true) && keyboard) pop.focus({ preventScroll: true });
    } else if (seen && seen.type !== "mouse" && !seen.open) {
      // A first tap on a place or a term shows its hint; a second tap follows the link.
      if (open(link, true)) e.preventDefault();
    }
  });

  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !current) return;
    var focused = document.activeElement === current || inside(document.activeElement);
    close(focused);
    if (focused) e.stopPropagation();
  });

  window.addEventListener("resize", function () { if (current) place(current); });
})();
