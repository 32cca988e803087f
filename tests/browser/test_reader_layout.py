"""Material's search box as a reader types into it: the control for the alias searches in test_reader.py (a
search that finds every page would pass those)."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.conftest import ServedSite


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


def test_search_results_are_not_every_page(page: Page, served_site: ServedSite):
    """A name the site never mentions finds nothing."""
    page.goto(served_site.url(""), wait_until="load")
    assert search(page, "Qwertyuiopov") == []
