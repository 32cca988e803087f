"""Search by either name (issue #16): a page that writes a place as "Stepanakert/Khankendi" or "Lachin (Berdzor)"
is found by each of its names, and the results do not show the timeline filter form's option lists or the
map's labels (mkdocs.yml: the search plugin's separator; data-search-exclude in the templates)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import ServedSite


def pages_writing(served_site: ServedSite, text: str) -> set[str]:
    """The pages whose indexed text (what search can find: not the map, not the filter form) holds `text`."""
    index = json.loads((served_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {"/" + doc["location"].split("#")[0] for doc in index["docs"] if text in doc["text"]}


def all_results(page: Page, served_site: ServedSite, query: str) -> tuple[int, set[str]]:
    """Type `query` into Material's search box; the count it announces and every page it lists (Material
    draws the results ten at a time as the list scrolls, so scroll until it has drawn them all)."""
    page.goto(served_site.url("about/"), wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta'); return m && /matching|No matching/.test(m.textContent) }"
    )
    page.wait_for_timeout(300)  # the results for the last letter typed
    meta = page.locator(".md-search-result__meta").inner_text()
    count = int(meta.split()[0]) if meta.split()[0].isdigit() else (1 if meta.startswith("1 ") else 0)
    for _ in range(count):
        drawn = page.locator(".md-search-result__item").count()
        page.evaluate(
            "() => { const s = document.querySelector('.md-search__scrollwrap'); s.scrollTop = s.scrollHeight; }"
        )
        page.wait_for_timeout(100)
        if page.locator(".md-search-result__item").count() == drawn:
            break
    paths = page.eval_on_selector_all(".md-search-result__item > a", "as => as.map(a => new URL(a.href).pathname)")
    return count, set(paths)


@pytest.mark.parametrize(
    ("first", "second"), [("Stepanakert", "Khankendi"), ("Lachin", "Berdzor"), ("Kelbajar", "Karvachar")]
)
def test_either_name_finds_the_pages_that_write_both(page: Page, served_site: ServedSite, first: str, second: str):
    both = pages_writing(served_site, f"{first}/{second}")
    assert len(both) > 3
    _, found_first = all_results(page, served_site, first)
    _, found_second = all_results(page, served_site, second)
    assert both <= found_first and both <= found_second, (both - found_first, both - found_second)
    if first == "Stepanakert":  # the city is written with both names everywhere: the same pages either way
        assert found_first == found_second, found_first ^ found_second


def test_the_index_holds_no_option_lists_or_drawings(served_site: ServedSite):
    index = json.loads((served_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "\n".join(doc["text"] for doc in index["docs"])
    assert "All periods" not in text and "Any topic" not in text  # the filter form's first options
    assert "Show only events" not in text
    timeline = served_site.site_dir / "timeline" / "index.html"
    assert "All periods" in timeline.read_text(encoding="utf-8")  # the form is on the page, only not indexed
    # The map's drawing: its frame titles and labels run together ("Armenia Azerbaijan Iran ...").
    assert "Lachin corridor (schematic)" not in text
