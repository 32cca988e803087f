"""The real site as a reader meets it in Chromium: every page loads with no console or page error and no
request to another host (the `page` fixture fails the test on those), and the locator map's places lead to
their entries on the Names page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import ServedSite, axe_violations

MAP_PAGES = ("", "names/")


def reader_pages(served_site: ServedSite) -> list[str]:
    """Every page but 404.html: its asset URLs are absolute under site_url's path (/karabakh-explainer/), as
    it is served for any missing address, so it only loads whole when the site is served under that path."""
    return [path for path in served_site.pages() if path != "404.html"]


def test_every_page_loads_without_errors_or_outside_requests(page: Page, served_site: ServedSite):
    # One page object for all: the fixture collects problems across visits and reports them at the end.
    paths = reader_pages(served_site)
    for path in paths:
        response = page.goto(served_site.url(path), wait_until="load")
        assert response is not None and response.ok, path
        page.wait_for_timeout(50)  # let Material's scripts run over the loaded document
    assert len(paths) > 10


@pytest.mark.parametrize("path", MAP_PAGES)
def test_map_places_lead_to_their_entries(page: Page, served_site: ServedSite, path: str):
    """Reached from another page by the nav, the map's place names lead to their entries on the Names page.
    Each link loads a whole page: Material's instant navigation is off (issue #16)."""
    page.goto(served_site.url("about/"), wait_until="load")
    page.evaluate("() => { window.nkSamePage = true }")
    page.locator(f".md-sidebar--primary a.md-nav__link[href='{'../' + path if path else '..'}']").first.click()
    page.wait_for_selector("#locator-map svg a")
    assert page.evaluate("() => window.location.pathname").endswith(f"/{path}")
    assert page.evaluate("() => window.nkSamePage") is None  # a new document, not one swapped in place
    place = page.locator("#locator-map svg a[data-place='stepanakert']").first
    place.click()
    page.wait_for_url("**/names/#*")
    assert page.evaluate("() => location.hash") != ""
    target = page.evaluate("() => document.getElementById(decodeURIComponent(location.hash.slice(1))) !== null")
    assert target


def test_map_places_are_reachable_by_keyboard(page: Page, served_site: ServedSite):
    """The SVG labels are out of the tab order; the list beside the map carries the same links, one tab stop each."""
    page.goto(served_site.url("names/"), wait_until="load")
    svg_links = page.eval_on_selector_all(
        "#locator-map svg a", "as => as.map(a => [a.dataset.place, a.getAttribute('tabindex')])"
    )
    assert svg_links and all(tabindex == "-1" for _, tabindex in svg_links)
    listed = page.eval_on_selector_all("#locator-map .nk-map__places a", "as => as.map(a => a.getAttribute('href'))")
    assert len(listed) == len({place for place, _ in svg_links})
    first = page.locator("#locator-map .nk-map__places a").first
    first.focus()
    assert page.evaluate("() => document.activeElement.closest('.nk-map__places') !== null")


# Each case's pages are checked in SHARDS tests of every SHARDS-th page: the longest browser checks, split so
# that the two pytest-xdist workers can share them.
SHARDS = 3


@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda shard: f"pages{shard + 1}of{SHARDS}")
@pytest.mark.parametrize(
    ("scheme", "width"),
    [("light", 1280), ("dark", 1280), ("light", 412)],  # 412 px: the phone Lighthouse's audit uses
)
def test_axe_finds_no_violation_on_any_page(
    browser: Browser, served_site: ServedSite, scheme: str, width: int, shard: int
):
    """Every page, in the palette Material picks from the system's (light `default`, dark `slate`) and on a
    phone: no axe-core violation of any impact, touch-target size included (axe leaves that rule off by
    default; Lighthouse runs it). One context per case and shard keeps the run short."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    # 404.html links its assets from the site's root path (site_url), as the host serves it for any missing
    # URL; map that prefix to the local server so the page is checked as styled, not as bare HTML.
    prefix = urlsplit(served_site.built.site_url).path
    context.route(f"{served_site.base}{prefix}**", lambda r: r.continue_(url=r.request.url.replace(prefix, "/", 1)))
    found: dict[str, list] = {}
    try:
        page = context.new_page()
        for path in served_site.pages()[shard::SHARDS]:
            page.goto(served_site.url(path), wait_until="load")
            assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
            violations = axe_violations(page)
            if violations:
                found[path] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in violations]
    finally:
        context.close()
    assert found == {}


def test_no_page_scrolls_sideways_at_360_px(browser: Browser, served_site: ServedSite):
    """A 360 px phone: wide tables and the SVGs scroll inside their own container or shrink; the page never does."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    wide: dict[str, tuple[int, int]] = {}
    try:
        page = context.new_page()
        for path in served_site.pages():
            if path == "404.html":
                continue  # its assets load from the site's root path; checked styled by the axe test
            page.goto(served_site.url(path), wait_until="load")
            scroll, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
            assert inner == 360  # a mobile viewport that zoomed out to fit wide content would hide the overflow
            if scroll > inner:
                wide[path] = (scroll, inner)
    finally:
        context.close()
    assert wide == {}


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Vardanian", "people/"), ("Haciyev", "people/"), ("Hajiyev", "people/"), ("Khankendi", "names/")],
)
def test_search_finds_a_name_by_another_spelling(page: Page, served_site: ServedSite, query: str, expected: str):
    """Typed into Material's search box, another spelling of a name (an alias in content/) finds its page."""
    page.goto(served_site.url("about/"), wait_until="load")
    page.locator("input.md-search__input").click()  # at 1280 px the box sits in the header
    page.keyboard.type(query)
    # Results for the whole word, not for a prefix typed on the way (links carry the query as ?h=).
    results = f".md-search-result__item a[href*='h={query.lower()}']"
    page.wait_for_selector(results)
    found = page.eval_on_selector_all(results, "as => as.map(a => a.pathname)")
    pages = {path.removeprefix(urlsplit(served_site.base + "/").path) for path in found}
    assert expected in pages, pages


def test_print_shows_notes_and_link_targets(page: Page, served_site: ServedSite):
    """On paper the notes stay, the site chrome goes, and a link to another site shows its address."""
    page.goto(served_site.url("sources/"), wait_until="load")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => {
            const style = (sel, pseudo) => getComputedStyle(document.querySelector(sel), pseudo || null);
            const link = [...document.querySelectorAll('.md-content a[href]')]
                .find(a => new URL(a.href).origin !== location.origin);
            return {
                header: style('.md-header').display,
                target: getComputedStyle(link, '::after').content,
                href: link.getAttribute('href'),
            };
        }"""
    )
    assert shown["header"] == "none"
    assert shown["href"] in shown["target"]
    # Links within the site print as text alone; a link in a page's own prose to another site prints its
    # address like the content's links.
    page.goto(served_site.url("about/"), wait_until="load")
    page.emulate_media(media="print")
    printed = page.evaluate(
        """() => [...document.querySelectorAll('.md-content a[href]')].map(a => [
            a.href, new URL(a.href).origin === location.origin, getComputedStyle(a, '::after').content])"""
    )
    inside = [(href, after) for href, same, after in printed if same and after not in ("none", "normal")]
    outside = {href: after for href, same, after in printed if not same}
    assert any(same and href.startswith("http") for href, same, _ in printed), "no link within the site to check"
    assert inside == []
    assert outside and all(href in after for href, after in outside.items()), outside
    page.goto(served_site.url("background/offensive-exodus/"), wait_until="load")
    page.emulate_media(media="print")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.footnote')).display") != "none"
    assert page.locator(".footnote li").count() > 0
