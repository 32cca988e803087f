"""A build of the real content with the timeline's budget lowered to 10 events a page, so that it splits
into generated pages (hooks/adapter.py): every event is on exactly one page, and every link to an
event (event(), sources' back-links, the entries' own permalinks) reaches it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import (
    BuiltSite,
    broken_links,
    build_with_budget,
    find,
    html_pages,
    internal_links,
    page_ids,
    read_page,
    resolve,
)

BUDGET = 10


@pytest.fixture(scope="module")
def split_site(tmp_path_factory) -> BuiltSite:
    return build_with_budget(tmp_path_factory, "split", {"timeline_page_events": BUDGET})


def _events_by_page(site: BuiltSite) -> dict[Path, list[str]]:
    ids = {event.id for event in site.content.events}
    found = {}
    for page_file in sorted((site.site_dir / "timeline").rglob("index.html")):
        found[page_file] = [a["id"] for a in read_page(page_file).find_all("details", id=True) if a["id"] in ids]
    return found


def test_the_split_build_is_clean_and_each_event_is_on_one_page_within_the_budget(split_site):
    assert [line for line in split_site.output.splitlines() if "WARNING" in line or "ERROR" in line] == []
    by_page = _events_by_page(split_site)
    index = split_site.site_dir / "timeline" / "index.html"
    assert by_page.pop(index) == []  # the index lists the pages, not the events
    assert len(by_page) > len(split_site.content.eras)  # some period was cut by years
    assert all(0 < len(events) <= BUDGET for events in by_page.values())
    shown = [event_id for events in by_page.values() for event_id in events]
    assert sorted(shown) == sorted(event.id for event in split_site.content.events)
    # the index links to every generated page
    targets = [resolve(split_site.site_dir, index, a["href"]) for a in read_page(index).find_all("a", href=True)]
    assert set(by_page) <= {target[0] for target in targets if target is not None}


def test_every_link_to_an_event_resolves_to_the_page_that_shows_it(split_site):
    site_dir = split_site.site_dir
    home = {event_id: page for page, events in _events_by_page(split_site).items() for event_id in events}
    checked, broken = 0, []
    for link in internal_links(site_dir, html_pages(split_site.site_dir), tags=["a"]):
        if link.fragment not in home:
            continue
        checked += 1
        if link.path != home[link.fragment] and link.fragment not in page_ids(link.path):
            broken.append(link.where(site_dir))
        elif link.path != home[link.fragment] and link.path.parent.parent != site_dir / "background":
            broken.append(f"{link.where(site_dir)} (not the event's page)")
    assert broken == []
    assert checked > 2 * len(home)  # permalinks, back-links from the sources and event() links


def test_sources_link_back_to_the_generated_pages(split_site):
    sources_file = split_site.site_dir / "sources" / "index.html"
    sources = read_page(sources_file)
    home = {event_id: page for page, events in _events_by_page(split_site).items() for event_id in events}
    for event in split_site.content.events:
        for source_id in event.sources:
            (item,) = find(sources, "li", id=source_id)
            targets = {resolve(split_site.site_dir, sources_file, a["href"]) for a in item.find_all("a", href=True)}
            assert (home[event.id], event.id) in targets, (event.id, source_id)


def test_no_broken_internal_link_or_anchor_after_the_split(split_site):
    assert broken_links(split_site.site_dir) == []
