"""The shared HTML reader and link checker (tests/support.py) on a small hand-made site."""

from __future__ import annotations

from pathlib import Path

from tests import support

PAGES = {
    "index.html": '<h1 id="top">Home</h1><a href="people/#aliyev">ok</a> <a href="people/#nobody">no anchor</a>'
    ' <a href="missing/">no file</a> <a href="https://example.org/#x">elsewhere</a> <a href="#top">here</a>'
    ' <img src="img/map.svg"> <svg><a xlink:href="people/#pashinyan">map</a></svg>',
    "people/index.html": '<h2 id="aliyev">Aliyev</h2>\n<p>President</p><a name="pashinyan"></a>\n'
    '<h3 id="x">x</h3>\n<p>more</p>\n<h2 id="next">Next</h2><a href="../">home</a>',
    "img/map.svg": "<svg/>",
}


def make_site(root: Path) -> Path:
    for name, html in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(html, encoding="utf-8")
    return root


def test_broken_links_names_a_missing_file_and_a_missing_anchor_only(tmp_path):
    site = make_site(tmp_path)
    assert support.broken_links(site) == ["index.html: people/#nobody (no anchor)", "index.html: missing/ (no file)"]


def test_each_page_is_read_once_however_many_links_reach_it(tmp_path):
    site = make_site(tmp_path)
    support.read_page.cache_clear()
    for _ in range(3):
        support.broken_links(site)
    assert support.read_page.cache_info().misses == 2  # the two pages; the SVG is not parsed


def test_internal_links_resolve_directories_fragments_and_svg_links(tmp_path):
    site = make_site(tmp_path)
    links = {
        (link.href, link.path.relative_to(site).as_posix(), link.fragment)
        for link in support.internal_links(site, [site / "index.html"])
    }
    assert ("people/#aliyev", "people/index.html", "aliyev") in links
    assert ("#top", "index.html", "top") in links
    assert ("people/#pashinyan", "people/index.html", "pashinyan") in links  # xlink:href
    assert not any(href.startswith("https:") for href, _, _ in links)


def test_reader_helpers():
    page = support.parse_html(PAGES["people/index.html"])
    assert support.text_after_heading(page, "aliyev") == "Aliyev President x more"
    assert support.text_after_heading(page, "x") == "x more"
    assert support.ids(page) == ["aliyev", "x", "next", "pashinyan"]
    fragment = support.parse_html(
        '<p class="a b" title="first" title="second">t <script>s</script> u</p><p id="d"></p><i id="d"></i>'
    )
    (p,) = support.find(fragment, "p", class_="a b")
    assert support.find(fragment, "p", class_="a") == []  # the whole attribute, not one of its classes
    assert p["title"] == "first"  # as a browser reads a repeated attribute
    assert support.text(fragment) == "t u"
    assert support.duplicate_ids(fragment) == ["d"]
