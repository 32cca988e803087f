"""The search index loads when the reader starts a search, not with every page
(overrides/partials/search-on-demand.html): a reader who never searches does not download it, and one
who does still gets results, however the search was opened."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import ServedSite

INDEX = "search/search_index.json"


def index_requests(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if r.url.endswith(INDEX) else None)
    return requests


def test_a_page_loads_without_the_search_index(page: Page, served_site: ServedSite):
    requests = index_requests(page)
    page.goto(served_site.url("about/"), wait_until="networkidle")
    page.wait_for_timeout(500)  # Material sets up its search worker after load
    assert page.evaluate("document.querySelector('[data-md-component=search]') !== null")
    assert requests == []


@pytest.mark.parametrize("opener", ["keyboard shortcut", "click", "hover"])
def test_starting_a_search_loads_the_index_and_finds(page: Page, served_site: ServedSite, opener: str):
    requests = index_requests(page)
    page.goto(served_site.url("about/"), wait_until="networkidle")
    if opener == "keyboard shortcut":
        page.keyboard.press("/")  # Material's shortcut: opens search and focuses the box
    elif opener == "click":
        page.locator("input.md-search__input").click()
    else:
        page.locator("input.md-search__input").hover()
        page.wait_for_event("requestfinished", lambda r: r.url.endswith(INDEX))
        page.locator("input.md-search__input").click()
    page.keyboard.type("Khankendi")
    page.wait_for_selector(".md-search-result__item a[href*='h=khankendi']")
    assert len(requests) == 1, requests


def test_a_phone_reader_tapping_search_gets_results(page: Page, served_site: ServedSite):
    page.set_viewport_size({"width": 390, "height": 844})
    requests = index_requests(page)
    page.goto(served_site.url("timeline/"), wait_until="networkidle")
    assert requests == []
    page.locator("label.md-header__button[for=__search]").click()
    page.keyboard.type("Vardanian")
    page.wait_for_selector(".md-search-result__item a[href*='h=vardanian']")
    assert len(requests) == 1


def test_a_search_link_loads_the_index_at_once(page: Page, served_site: ServedSite):
    """A shared search (`?q=`) opens with its results, as in stock Material."""
    requests = index_requests(page)
    page.goto(served_site.url("about/") + "?q=Khankendi", wait_until="load")
    page.wait_for_selector(".md-search-result__item a[href*='h=khankendi']")
    assert len(requests) == 1
