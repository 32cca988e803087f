"""Notes and the place and term hints in the site's popover (docs/assets/javascripts/notes.js), on a phone and a
desktop: a tap, hover or keyboard focus opens it with the note's source link; Escape and a tap outside close
it; the page never jumps; note numbers are 24 x 24 px targets; axe finds nothing with it open."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import ServedSite, axe_violations

POPOVER = "#nk-popover:popover-open"
NOTE_PAGES = ("", "background/offensive-exodus/", "timeline/", "figures/")

# Where the page is and what the popover shows, in one look.
STATE = """() => {
  const pop = document.querySelector('#nk-popover');
  const open = !!pop && pop.matches(':popover-open');
  const r = open ? pop.getBoundingClientRect() : null;
  return {
    scrollY: Math.round(window.scrollY), hash: location.hash, path: location.pathname, open,
    role: open ? pop.getAttribute('role') : null,
    text: open ? pop.textContent.replace(/\\s+/g, ' ').trim() : '',
    links: open ? [...pop.querySelectorAll('a[href]')].map(a => a.getAttribute('href')) : [],
    box: r ? [r.left, r.top, r.right, r.bottom] : null,
    width: document.documentElement.clientWidth,
    focus: document.activeElement === pop ? 'popover'
      : pop && pop.contains(document.activeElement) ? 'in popover'
      : document.activeElement.matches('a.footnote-ref') ? 'footnote-ref' : document.activeElement.tagName,
  };
}"""


def note_in_the_middle(page: Page, path: str = "background/offensive-exodus/"):
    """A note number halfway down a long page, scrolled into the middle of the window."""
    page.goto(path, wait_until="load")
    link = page.locator("article p a.footnote-ref").nth(8)
    link.evaluate("a => a.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(100)
    return link


def test_a_tap_opens_the_note_with_its_source_and_the_page_stays(phone: Page, served_site: ServedSite):
    link = note_in_the_middle(phone, served_site.url("background/offensive-exodus/"))
    before = phone.evaluate(STATE)
    number = link.inner_text()
    link.tap()
    phone.wait_for_selector(POPOVER)
    shown = phone.evaluate(STATE)
    assert (shown["scrollY"], shown["hash"]) == (before["scrollY"], before["hash"]), "the page moved"
    assert shown["text"].startswith(f"Note {number}") and "Source details" in shown["text"]
    assert any(href.startswith("https://") for href in shown["links"]), shown  # the source itself
    assert any("sources/#" in href for href in shown["links"]), shown  # and its entry on Sources
    left, top, right, bottom = shown["box"]
    assert left >= 0 and right <= shown["width"], shown["box"]  # whole on the phone's screen
    assert link.get_attribute("aria-expanded") == "true"
    assert "↩" not in shown["text"]  # no links back to the text: the reader is there

    # A tap on the popover's text keeps it; a tap outside closes it, and the page still has not moved.
    phone.locator(POPOVER + " .nk-popover__label").tap()
    assert phone.evaluate(STATE)["open"]
    phone.touchscreen.tap(195, 120)
    phone.wait_for_selector(POPOVER, state="detached")
    after = phone.evaluate(STATE)
    assert (after["scrollY"], after["hash"]) == (before["scrollY"], before["hash"])
    assert link.get_attribute("aria-expanded") == "false"

    # A second tap on the same number closes what the first opened.
    link.tap()
    phone.wait_for_selector(POPOVER)
    link.tap()
    phone.wait_for_selector(POPOVER, state="detached")


def test_the_keyboard_opens_enters_and_closes_the_note(page: Page, served_site: ServedSite):
    link = note_in_the_middle(page, served_site.url("background/offensive-exodus/"))
    before = page.evaluate(STATE)
    # Tab onto the number from the element before it, as a keyboard reader arrives.
    page.evaluate(
        "a => { const all = [...document.querySelectorAll('a[href], input, button, select')];"
        " all[all.indexOf(a) - 1].focus({preventScroll: true}); }",
        link.element_handle(),
    )
    page.keyboard.press("Tab")
    page.wait_for_selector(POPOVER)
    state = page.evaluate(STATE)
    assert state["focus"] == "footnote-ref" and state["role"] == "dialog", state
    assert link.get_attribute("aria-expanded") == "true"
    assert link.get_attribute("aria-controls") == "nk-popover"
    assert link.get_attribute("aria-describedby") == "nk-popover"

    page.keyboard.press("Enter")  # into the note; the page does not go to its foot
    state = page.evaluate(STATE)
    assert state["focus"] == "popover" and state["hash"] == before["hash"], state
    page.keyboard.press("Tab")  # the note's first link: its source
    assert page.evaluate(STATE)["focus"] == "in popover"
    assert page.evaluate("() => document.activeElement.href").startswith("https://")

    page.keyboard.press("Escape")
    page.wait_for_selector(POPOVER, state="detached")
    state = page.evaluate(STATE)
    assert state["focus"] == "footnote-ref", state  # focus back on the number
    assert (state["scrollY"], state["hash"]) == (before["scrollY"], before["hash"])

    # Tab past the note's two links (the source, its details) closes it: the reader has moved on.
    page.keyboard.press("Enter")
    page.wait_for_selector(POPOVER)
    for _ in range(3):
        page.keyboard.press("Tab")
    assert link.get_attribute("aria-expanded") == "false"
    assert page.evaluate(STATE)["focus"] not in ("popover", "in popover")


def test_hover_opens_and_leaving_closes(page: Page, served_site: ServedSite):
    link = note_in_the_middle(page, served_site.url(""))
    link.hover()
    page.wait_for_selector(POPOVER)
    box = page.locator(POPOVER).bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + 10)  # on to the popover: it stays, to be read and clicked
    page.wait_for_timeout(400)
    assert page.evaluate(STATE)["open"]
    page.mouse.move(5, 500)
    page.wait_for_selector(POPOVER, state="detached")
    # Material's own tooltips are off: nothing of theirs appears on hover.
    assert page.locator(".md-tooltip2, .md-tooltip").count() == 0
    features = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).features")
    assert not {"navigation.instant", "content.tooltips", "content.footnote.tooltips"} & set(features)


@pytest.mark.parametrize("path", NOTE_PAGES)
def test_note_numbers_are_24_px_targets_and_lines_keep_their_height(phone: Page, served_site: ServedSite, path):
    phone.goto(served_site.url(path), wait_until="load")
    found = phone.evaluate("""() => {
        const links = [...document.querySelectorAll('article a.footnote-ref')].filter(a => a.getClientRects().length);
        const boxes = links.map(a => a.getBoundingClientRect());
        const small = boxes.filter(r => r.width < 24 || r.height < 24).length;
        // A target's middle and its corners, 2 px in, belong to it and to nothing laid over it.
        let covered = 0;
        links.forEach((a, i) => {
          const r = boxes[i];
          if (r.top < 2 || r.bottom > innerHeight - 2) return;  // only what is on screen can be hit-tested
          for (const [x, y] of [[r.left + 2, r.top + 2], [r.right - 2, r.bottom - 2], [(r.left + r.right) / 2, (r.top + r.bottom) / 2]])
            if (document.elementFromPoint(x, y) !== a) covered += 1;
        });
        let overlaps = 0;
        for (let i = 1; i < boxes.length; i++) {
          const a = boxes[i - 1], b = boxes[i];
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps += 1;
        }
        // A paragraph's lines stay as tall as its text makes them: the targets' margins give back their height.
        const tall = [...document.querySelectorAll('article p')].filter(p => p.querySelector('a.footnote-ref')).map(p => {
          const lines = Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
          const plain = p.cloneNode(true);
          plain.querySelectorAll('sup').forEach(s => s.remove());
          p.after(plain);
          const expected = Math.round(plain.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
          plain.remove();
          return lines - expected;
        });
        return {count: links.length, small, covered, overlaps, taller: tall.filter(d => d > 1).length};
    }""")
    assert found["count"] > 0
    assert (found["small"], found["covered"], found["overlaps"], found["taller"]) == (0, 0, 0, 0), found


def test_place_and_term_hints_on_hover_and_on_a_tap(page: Page, phone: Page, served_site: ServedSite):
    page.goto(served_site.url(""), wait_until="load")
    place = page.locator("article a.nk-place[title]").first.element_handle()  # the title moves: hold the element
    hint = place.get_attribute("title")
    place.hover()
    page.wait_for_selector(POPOVER)
    state = page.evaluate(STATE)
    assert (state["role"], state["text"]) == ("tooltip", hint)
    assert place.get_attribute("aria-describedby") == "nk-popover"
    assert place.get_attribute("title") is None  # moved aside: the browser's own tooltip does not show as well
    page.keyboard.press("Escape")
    page.wait_for_selector(POPOVER, state="detached")
    term = page.locator("article a.nk-term[title]").first.element_handle()
    definition = term.get_attribute("title")
    term.focus()
    page.wait_for_selector(POPOVER)
    assert page.evaluate(STATE)["text"] == definition
    page.keyboard.press("Enter")  # Enter still follows the link
    page.wait_for_url("**/names/#*")

    # On a phone the first tap shows the hint; the second follows the link.
    phone.goto(served_site.url(""), wait_until="load")
    place = phone.locator("article a.nk-place[title]").first.element_handle()
    place.tap()
    phone.wait_for_selector(POPOVER)
    assert phone.evaluate(STATE)["path"].endswith("/") and "names" not in phone.url
    place.tap()
    phone.wait_for_url("**/names/#*")


def test_without_javascript_the_links_work_as_before(browser: Browser, served_site: ServedSite):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(served_site.url(""), wait_until="load")
        assert page.locator("article a.nk-place[title]").count() > 0  # the hint, as the browser shows it
        link = page.locator("article a.footnote-ref").first
        link.click()
        assert page.evaluate("() => location.hash").startswith("#fn:")
        page.locator("article a.nk-place").first.click()
        page.wait_for_url("**/names/#*")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("what", ["note", "hint"])
def test_axe_finds_nothing_with_the_popover_open(browser: Browser, served_site: ServedSite, scheme: str, what: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(served_site.url(""), wait_until="load")
        page.locator("article a.footnote-ref" if what == "note" else "article a.nk-term").nth(3).focus()
        page.wait_for_selector(POPOVER)
        found = axe_violations(page)
        assert [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in found] == []
    finally:
        context.close()
