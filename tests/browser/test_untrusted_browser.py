"""The hostile-content site in Chromium: no payload script runs, no dialog opens, no request leaves the site,
on every page, in the popover that shows notes and the place and term hints (assets/javascripts/notes.js),
and in the search results Material draws from the search index. Shares the one hostile build (payload_site,
tests/conftest.py) with test_untrusted.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import serve_directory
from tests.fixtures.hostile_content import MARKDOWN_SHOWN, free_text_fields

_SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
# Elements a payload would create if any reached the DOM as markup.
_PAYLOAD_ELEMENTS = (
    "img[src='x'], iframe, object, embed, #evil, #injected, [onmouseover], [onerror], [onload], [onfocus], [onclick]"
)


class Visit:
    """Chromium on the hostile site, recording dialogs, outside requests and page errors."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base = page, base
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        if route.request.url.startswith((self.base, "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path: str) -> None:
        self.page.goto(f"{self.base}/{path}", wait_until="load")
        self.assert_inert(path)

    def assert_inert(self, where: str) -> None:
        page = self.page
        assert page.evaluate("window.__pwned === undefined"), where
        assert not page.evaluate("[...document.scripts].some(s => s.text.includes('__pwned'))"), where
        assert page.locator(_PAYLOAD_ELEMENTS).count() == 0, (
            where,
            page.locator(_PAYLOAD_ELEMENTS).first.evaluate("e => e.outerHTML"),
        )
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
        assert not [h for h in hrefs if "".join(h.split()).lower().startswith(_SCRIPT_SCHEMES)], where
        assert not self.dialogs and not self.outside and not self.errors, (
            where,
            self.dialogs,
            self.outside,
            self.errors,
        )


@pytest.fixture(scope="module")
def visit(payload_site, browser: Browser) -> Iterator[Visit]:
    assert payload_site.returncode == 0, payload_site.output[-3000:]
    server, base = serve_directory(payload_site.site_dir)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Visit(context.new_page(), base)
    context.close()
    server.shutdown()


def test_no_payload_runs_on_any_page(visit, payload_site) -> None:
    pages = sorted(p.relative_to(payload_site.site_dir).as_posix() for p in payload_site.site_dir.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        visit.open(path)


def test_the_popover_shows_the_payload_as_text(visit) -> None:
    # notes.js shows a place's native names and a term's definition (their title) and a copy of a note in
    # its popover, on hover and on focus. Each must show the text as typed, and create nothing.
    visit.open("background/first-war/")
    page = visit.page
    popover = page.locator("#nk-popover:popover-open")
    for selector, typed in (
        ("article a.nk-place[title]", "&lt;img src=x onerror=window.__pwned="),  # plain text: entities stay
        ("article a.nk-term[title]", "<img src=x onerror=window.__pwned="),  # Markdown: entities decoded once
        ("article a.footnote-ref", None),  # the note, with the source's title
    ):
        link = page.locator(selector).first
        link.hover()
        # Shown as text: found by its characters (an element made from it would not match).
        (popover.filter(has_text=typed) if typed is not None else popover).wait_for(state="visible", timeout=5000)
        visit.assert_inert(f"popover of {selector}")
        page.mouse.move(0, 0)
        popover.wait_for(state="hidden", timeout=5000)
        link.focus()
        popover.wait_for(state="visible", timeout=5000)
        visit.assert_inert(f"focused {selector}")
        page.keyboard.press("Escape")


def test_truncated_contents_entries_get_tooltips_that_stay_text(visit) -> None:
    # With content.tooltips, Material gave a heading cut short in the table of contents its own text as a
    # tooltip (as HTML). The feature is off; hovering them must still do nothing of the payload's. (Names and
    # terms: its places and terms are headings in the contents; People's actors are not.)
    visit.open("names/")
    page = visit.page
    entries = page.locator(".md-sidebar--secondary .md-ellipsis")
    truncated = [
        i for i in range(min(entries.count(), 12)) if entries.nth(i).evaluate("e => e.offsetWidth < e.scrollWidth")
    ]
    assert truncated, "no contents entry is cut short: the check below would prove nothing"
    for i in truncated[:4]:
        entries.nth(i).hover()
        page.wait_for_timeout(100)
        visit.assert_inert(f"contents entry {i}")
    page.mouse.move(0, 0)


def test_search_results_show_the_payload_as_text(visit) -> None:
    # Material renders results from search/search_index.json as HTML: the payload must arrive escaped.
    visit.open("")
    page = visit.page
    marker = next(f.marker for f in free_text_fields() if f.name == "events.summary")
    page.keyboard.press("s")  # Material's shortcut to the search box
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible", timeout=5000)
    box.fill(marker)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15000)
    text = page.locator(".md-search-result").inner_text()
    # The entity-written tag that follows the marker reads as characters: it made no element.
    assert marker in text and MARKDOWN_SHOWN[:20] in text, text[:500]
    visit.assert_inert("search results")
