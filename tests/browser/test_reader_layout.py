"""The real site on a phone and through Material's search box: no page scrolls sideways at 360 px, and a
reader who types another spelling of a name (an alias in content/actors.yaml or places.yaml) finds its page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import ServedSite
from tests.browser.test_reader import reader_pages


def test_no_page_scrolls_sideways_at_360_px(browser: Browser, served_site: ServedSite):
    """Wide tables, SVGs and long words must scroll inside their own box or shrink: the page itself never does."""
    # Not is_mobile: a mobile viewport zooms out to fit an overflowing page, which would hide the overflow.
    context = browser.new_context(viewport={"width": 360, "height": 740})
    wide: dict[str, tuple] = {}
    try:
        page = context.new_page()
        for path in reader_pages(served_site):
            page.goto(served_site.url(path), wait_until="load")
            width, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
            if width > inner:
                culprits = page.evaluate(
                    """(inner) => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > inner + 1 && !e.closest('[hidden], .md-sidebar'))
                        .slice(0, 3).map(e => e.tagName + '.' + e.className)""",
                    inner,
                )
                wide[path] = (width, inner, culprits)
    finally:
        context.close()
    assert wide == {}


def search(page: Page, query: str) -> list[str]:
    """Type `query` into Material's search box as a reader would and return the result links' paths."""
    box = page.locator("input.md-search__input")
    box.click()  # at 1280 px the box shows in the header
    box.press_sequentially(query, delay=20)
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta'); return m && !/Initializing|Type to start/i.test(m.textContent) }"
    )
    return page.eval_on_selector_all(
        ".md-search-result__item > a, .md-search-result__item a.md-search-result__link",
        "as => as.map(a => new URL(a.href).pathname)",
    )


@pytest.mark.parametrize(
    "query, page_path",
    [
        ("Vardanian", "/people/"),  # Ruben Vardanyan
        ("Khankendi", "/names/"),  # Stepanakert
        ("Haciyev", "/people/"),  # Hikmet Hajiyev
        ("Hajiev", "/people/"),
    ],
)
def test_search_finds_a_name_by_its_other_spelling(page: Page, served_site: ServedSite, query: str, page_path: str):
    page.goto(served_site.url(""), wait_until="load")
    results = search(page, query)
    assert page_path in results, (query, results)


def test_search_results_are_not_every_page(page: Page, served_site: ServedSite):
    """The control for the test above: a name the site never mentions finds nothing."""
    page.goto(served_site.url(""), wait_until="load")
    assert search(page, "Qwertyuiopov") == []
