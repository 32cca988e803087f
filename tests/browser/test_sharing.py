"""Sharing and trust (issue #16): Open Graph and Twitter card tags on every page, the card they point to, the
footer's link to About and its date, and a 404 page with a search and the site's pages."""

from __future__ import annotations

import os
import struct
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import ServedSite


class Head(HTMLParser):
    """A page's meta tags (property or name -> content), canonical link, <title> and the footer's parts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.canonical: str | None = None
        self.title = ""
        self.times: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, text) inside the footer's copyright
        self._in_title = self._in_copyright = False
        self._link: str | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "title" and not self.title:  # the page's, not a chart's or the map's <title>
            self._in_title = True
        if self._in_copyright:
            self._depth += 1
            if tag == "a":
                self._link = a.get("href", "")
                self.links.append((self._link, ""))
            if tag == "time":
                self.times.append(a.get("datetime", ""))
        elif tag == "div" and a.get("class") == "md-copyright":
            self._in_copyright, self._depth = True, 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self._in_copyright:
            self._depth -= 1
            if tag == "a":
                self._link = None
            if self._depth == 0:
                self._in_copyright = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._link is not None and self.links:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data.strip())


def head(served_site: ServedSite, path: str) -> Head:
    file = served_site.site_dir / (path if path.endswith(".html") else path + "index.html")
    parsed = Head()
    parsed.feed(file.read_text(encoding="utf-8"))
    return parsed


REQUIRED = (
    "og:type",
    "og:site_name",
    "og:title",
    "og:description",
    "og:image",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
    "twitter:card",
    "twitter:title",
    "twitter:description",
    "twitter:image",
)


def test_every_page_has_its_share_card_tags(served_site: ServedSite):
    site_url = served_site.built.site_url
    pages = served_site.pages()
    assert len(pages) > 10 and "404.html" in pages
    for path in pages:
        tags = head(served_site, path)
        missing = [name for name in REQUIRED if len(tags.meta.get(name, [])) != 1]
        assert not missing, (path, missing)
        one = {name: values[0] for name, values in tags.meta.items()}
        assert one["og:image"] == one["twitter:image"] == site_url + "assets/images/og-card.png", path
        assert (one["og:image:width"], one["og:image:height"], one["twitter:card"]) == (
            "1200",
            "630",
            "summary_large_image",
        )
        assert one["og:title"] == one["twitter:title"] and one["og:title"], path
        assert one["og:description"] == one["twitter:description"] == one["description"], path  # the page's own
        if path == "404.html":
            assert "og:url" not in tags.meta  # no address of its own
            continue
        # The canonical address, the page's own title (its <title> less the site's name; the site's name for
        # the home page), and a type a home page and its articles each get.
        assert tags.meta["og:url"] == [tags.canonical] == [site_url + path], path
        assert tags.title.strip() in (f"{one['og:title']} - {one['og:site_name']}", one["og:site_name"]), path
        assert one["og:type"] == ("website" if path == "" else "article"), path


def test_the_card_is_a_1200_by_630_png_in_the_site(served_site: ServedSite):
    card = served_site.site_dir / "assets" / "images" / "og-card.png"
    data = card.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)
    assert len(data) < 300_000  # small enough for every site that shows cards


def test_the_footer_links_to_about_and_dates_the_content(served_site: ServedSite):
    # The suite builds a copy of docs/ outside git, so the date there is SOURCE_DATE_EPOCH's, or none
    # (tests/test_content_date.py checks where the date comes from).
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    expected = [datetime.fromtimestamp(int(epoch), UTC).date().isoformat()] if epoch else []
    for path in ("", "background/blockade/", "timeline/", "404.html"):
        footer = head(served_site, path)
        about = [href for href, text in footer.links if text == "See About"]
        assert about and about[0].endswith("about/#licences"), footer.links
        assert footer.times == expected, (path, footer.times)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_404_page_offers_a_search_and_every_page(browser: Browser, served_site: ServedSite, width: int):
    """Served for any missing address, so its links are absolute under site_url's path: that path is mapped to
    the local server, as a host would serve it."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    prefix = urlsplit(served_site.built.site_url).path
    context.route(f"{served_site.base}{prefix}**", lambda r: r.continue_(url=r.request.url.replace(prefix, "/", 1)))
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(served_site.url("404.html"), wait_until="load")
        assert page.locator("h1").inner_text() == "Page not found"
        hrefs = page.eval_on_selector_all("ul.nk-not-found__pages a", "as => as.map(a => a.href)")
        nav = [item for item in served_site.pages() if item != "404.html"]
        assert len(hrefs) == len(nav)
        for href in hrefs:
            response = page.request.get(href.replace(prefix, "/", 1))
            assert response.ok, href
        page.fill("#nk-not-found-q", "Khankendi")
        page.press("#nk-not-found-q", "Enter")
        page.wait_for_selector(".md-search-result__item a[href*='h=khankendi']", timeout=15_000)
        assert urlsplit(page.url).path == prefix and urlsplit(page.url).query == "q=Khankendi"
        assert errors == []
    finally:
        context.close()
