"""Keyboard: the palette toggle, the search box and a link in the text show where keyboard focus is (print is
checked in test_reader.py)."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.conftest import ServedSite

# Computed style of the focused element: a visible outline, or a ring drawn as box-shadow.
# Material's palette toggle is a visually hidden radio input whose visible label draws the focus ring.
FOCUS_STYLE = """() => { let e = document.activeElement;
  if (e.matches('input.md-option')) e = e.nextElementSibling;  // the label drawn beside the focused input
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return {tag: e.tagName, cls: String(e.className), label: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30),
          visible: outline || s.boxShadow !== 'none'} }"""


def tab_to(page: Page, selector: str, limit: int = 80) -> dict:
    """Press Tab until the element matching `selector` has focus, then report how focus looks on it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return page.evaluate(FOCUS_STYLE)
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_focus_is_visible_on_toggle_search_and_a_link(page: Page, served_site: ServedSite):
    page.goto(served_site.url("about/"), wait_until="load")
    for selector in ("form[data-nk-palette] input", "input.md-search__input", "article.md-content__inner a[href]"):
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        page.mouse.click(1, 300)  # start the Tab order from the page, not from a leftover focus
        style = tab_to(page, selector)
        assert style["visible"], (selector, style)
