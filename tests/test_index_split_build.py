"""A build of the real content with the index pages' budget lowered to 10 records a page, so that
Sources, People and institutions and Figures split into generated pages (hooks/adapter.py,
macros/index_split.py): every record is on exactly one page, within the budget, and every link to it
(notes' source details, back-links, actor links, figure links and cards, the search index) reaches it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import BuiltSite, build_with_budget, find, html_pages, internal_links, page_ids, read_page, resolve

BUDGET = 10
KINDS = {"sources": "sources", "people": "actors", "figures": "figures"}  # site folder -> content records


@pytest.fixture(scope="module")
def split_site(tmp_path_factory) -> BuiltSite:
    return build_with_budget(tmp_path_factory, "index-split", {"index_page_records": dict.fromkeys(KINDS, BUDGET)})


def _records_by_page(site: BuiltSite, folder: str) -> dict[Path, list[str]]:
    ids = {record.id for record in getattr(site.content, KINDS[folder])}
    found = {}
    for page_file in sorted((site.site_dir / folder).rglob("index.html")):
        found[page_file] = [
            el["id"] for el in read_page(page_file).find_all(["li", "h3", "h4"], id=True) if el["id"] in ids
        ]
    return found


def _homes(site: BuiltSite) -> dict[tuple[str, str], Path]:
    """(folder, record id) -> the page that shows the record."""
    return {
        (folder, record_id): page
        for folder in KINDS
        for page, records in _records_by_page(site, folder).items()
        for record_id in records
    }


@pytest.mark.parametrize("folder", sorted(KINDS))
def test_each_record_is_on_one_generated_page_within_the_budget(split_site, folder):
    assert [line for line in split_site.output.splitlines() if "WARNING" in line or "ERROR" in line] == []
    by_page = _records_by_page(split_site, folder)
    index = split_site.site_dir / folder / "index.html"
    assert by_page.pop(index) == []  # the index page lists the parts, not the records
    assert len(by_page) >= 2 and all(0 < len(records) <= BUDGET for records in by_page.values())
    shown = [record_id for records in by_page.values() for record_id in records]
    assert sorted(shown) == sorted(record.id for record in getattr(split_site.content, KINDS[folder]))
    targets = {resolve(split_site.site_dir, index, a["href"]) for a in read_page(index).find_all("a", href=True)}
    assert set(by_page) <= {target[0] for target in targets if target is not None}


def test_every_link_to_a_record_resolves_to_the_page_that_shows_it(split_site):
    site_dir = split_site.site_dir
    homes = _homes(split_site)
    checked, broken = {folder: 0 for folder in KINDS}, []
    for link in internal_links(site_dir, html_pages(split_site.site_dir), tags=["a"]):
        path, fragment = link.path, link.fragment
        folder = path.relative_to(site_dir).parts[0] if fragment and path.is_relative_to(site_dir) else ""
        if (folder, fragment) not in homes:
            continue
        checked[folder] += 1
        if path != homes[folder, fragment]:
            broken.append(f"{link.where(site_dir)} (shown on {homes[folder, fragment].relative_to(site_dir)})")
        elif fragment not in page_ids(path):
            broken.append(f"{link.where(site_dir)} (no anchor)")
    assert broken == []
    # notes' "Source details" on every page that cites; actor() and claimed-by links; value(), figure cards
    assert checked["sources"] > len(split_site.content.sources)
    assert checked["people"] > len(split_site.content.actors)
    assert checked["figures"] > len(split_site.content.figures)


def test_sources_back_links_and_notes_follow_the_split_figures(split_site):
    """A figure's claims cite their sources on the figure's own page; the source lists that page, not the
    Figures index (which no longer shows the claims)."""
    site_dir = split_site.site_dir
    homes = _homes(split_site)
    figure = next(f for f in split_site.content.figures if f.claims)
    source_id = figure.claims[0].source
    source_page = homes["sources", source_id]
    (item,) = find(read_page(source_page), "li", id=source_id)
    targets = {resolve(site_dir, source_page, a["href"]) for a in item.find_all("a", href=True)}
    assert (homes["figures", figure.id], figure.id) in targets
    assert not any(path == site_dir / "figures" / "index.html" for path, _ in filter(None, targets))
    assert find(read_page(homes["figures", figure.id]), "a", class_="nk-source-details")


def test_search_finds_each_record_on_its_page(split_site):
    site_dir = split_site.site_dir
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    checked = 0
    for (folder, record_id), page in _homes(split_site).items():
        if folder == "sources":
            continue  # a source is a list item, not a heading: search finds it in its part page's text
        checked += 1
        location = f"{page.parent.relative_to(site_dir).as_posix()}/#{record_id}"
        assert location in locations, location
    assert checked == len(split_site.content.actors) + len(split_site.content.figures)


def test_the_nav_lists_the_parts_under_their_index(split_site):
    hrefs = [a["href"] for a in read_page(split_site.site_dir / "index.html").find_all("a", href=True)]
    for folder in KINDS:
        parts = [p for p in _records_by_page(split_site, folder) if p.parent.name != folder]
        for part in parts:
            assert f"{part.parent.relative_to(split_site.site_dir).as_posix()}/" in hrefs, part
