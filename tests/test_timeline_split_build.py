"""A build of the real content with the timeline's budget lowered to 10 events a page, so that it splits
into generated pages (hooks/adapter.py): every event is on exactly one page, and every link to an
event (event(), people, sources' back-links, the entries' own permalinks) reaches it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_site_build import ROOT, BuiltSite, _build, html_pages, parse_page, resolve

BUDGET = 10


def build_with_budget(tmp_path_factory, name: str, settings: dict) -> BuiltSite:
    """The real docs and content, copied and built with budgets set in extra.explainer (also for
    tests/test_index_split_build.py)."""
    workdir = tmp_path_factory.mktemp(name)
    shutil.copytree(ROOT / "docs", workdir / "docs")
    shutil.copytree(ROOT / "content", workdir / "content")
    built = _build(name, workdir, workdir / "docs", workdir / "content", None, settings)
    assert built.returncode == 0, built.output
    return built


@pytest.fixture(scope="module")
def split_site(tmp_path_factory) -> BuiltSite:
    return build_with_budget(tmp_path_factory, "split", {"timeline_page_events": BUDGET})


def _events_by_page(site: BuiltSite) -> dict[Path, list[str]]:
    ids = {event.id for event in site.content.events}
    found = {}
    for page_file in sorted((site.site_dir / "timeline").rglob("index.html")):
        page = parse_page(page_file)
        found[page_file] = [a["id"] for t, a in page.elements if t == "article" and a.get("id") in ids]
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
    targets = [resolve(split_site.site_dir, index, a["href"]) for t, a in parse_page(index).elements if t == "a" and "href" in a]
    assert set(by_page) <= {target[0] for target in targets if target is not None}


def test_every_link_to_an_event_resolves_to_the_page_that_shows_it(split_site):
    site_dir = split_site.site_dir
    home = {event_id: page for page, events in _events_by_page(split_site).items() for event_id in events}
    checked, broken = 0, []
    for page_file in html_pages(split_site):
        page = parse_page(page_file)
        for tag, attrs in page.elements:
            target = resolve(site_dir, page_file, attrs.get("href", "")) if tag == "a" else None
            if target is None or target[1] not in home:
                continue
            checked += 1
            if target[0] != home[target[1]] and target[1] not in parse_page(target[0]).ids:
                broken.append(f"{page_file.relative_to(site_dir)}: {attrs['href']}")
            elif target[0] != home[target[1]] and target[0].parent.parent != site_dir / "background":
                broken.append(f"{page_file.relative_to(site_dir)}: {attrs['href']} (not the event's page)")
    assert broken == []
    assert checked > 2 * len(home)  # permalinks, back-links from the sources, event() and people links


def test_sources_link_back_to_the_generated_pages(split_site):
    sources_file = split_site.site_dir / "sources" / "index.html"
    sources = parse_page(sources_file)
    home = {event_id: page for page, events in _events_by_page(split_site).items() for event_id in events}
    for event in split_site.content.events:
        for source_id in event.sources:
            (item,) = sources.find("li", id=source_id)
            targets = {resolve(split_site.site_dir, sources_file, a["href"]) for t, a in sources.descendants(item) if t == "a" and "href" in a}
            assert (home[event.id], event.id) in targets, (event.id, source_id)


def test_no_broken_internal_link_or_anchor_after_the_split(split_site):
    broken = []
    ids: dict[Path, set[str]] = {}
    for page_file in html_pages(split_site):
        for tag, attrs in parse_page(page_file).elements:
            href = attrs.get("href") if tag == "a" else None
            target = resolve(split_site.site_dir, page_file, href) if href else None
            if target is None:
                continue
            path, fragment = target
            if not path.exists():
                broken.append(f"{page_file.relative_to(split_site.site_dir)}: {href} (no file)")
            elif fragment and path.suffix == ".html":
                ids.setdefault(path, parse_page(path).ids)
                if fragment not in ids[path]:
                    broken.append(f"{page_file.relative_to(split_site.site_dir)}: {href} (no anchor)")
    assert broken == []
