"""The timeline's split (macros/paging.py, the timeline's sections and labels) and the one address of every event."""

from __future__ import annotations

import pytest
from fixtures.site.model_content import make_content

from macros.dates import parse_date
from macros.model import Content, Era, Event
from macros.paging import plan_list, sections
from macros.render import PageContext, Renderer, RenderError, SitePages, citation_index
from tests.support import settings


def _event(event_id: str, date: str, era: str = "war") -> Event:
    return Event(event_id, parse_date(date), event_id.title(), "Summary.", era, ("src-a",))


def plan_timeline(content, budget: int):
    return plan_list("timeline", sections("timeline", content), budget)


def _split(content, budget: int) -> Renderer:
    return Renderer(content, {"timeline": plan_timeline(content, budget)})


def test_a_timeline_within_the_budget_is_one_page():
    content = make_content()
    plan = plan_timeline(content, budget=3)
    assert not plan.split and plan.parts == () and plan.pages == {}
    assert plan.shows_records(None) and plan.shows_records("war")


def test_the_real_site_stays_one_page():
    from macros.loader import load_content_or_raise
    from tests.support import ROOT

    content = load_content_or_raise(ROOT / "content", ROOT / "docs")
    assert not plan_timeline(content, settings()["timeline_page_events"]).split


def test_past_the_budget_each_period_gets_a_page_in_timeline_order():
    content = make_content()
    plan = plan_timeline(content, budget=2)
    assert [(p.key, p.section, p.labels, p.record_ids) for p in plan.parts] == [
        ("war", "war", None, ("protests", "ceasefire")),
        ("exodus", "exodus", None, ("arrivals-begin",)),
    ]
    assert plan.parts[0].src_path == "timeline/war.md"
    assert plan.parts[0].title == "The war"
    assert plan.pages["arrivals-begin"] == "timeline/exodus.md"
    assert not plan.shows_records(None) and plan.shows_records("war")


def test_a_period_over_the_budget_is_cut_into_runs_of_whole_years():
    events = [
        _event(f"e{i}", date)
        for i, date in enumerate(["1988-01", "1988-05", "1989", "1990-02", "1990-03", "1990-04", "1991", "1992-01-02"])
    ]
    eras = (Era("war", "The war", parse_date("1988"), parse_date("1994"), "War."),)
    plan = plan_timeline(Content(eras=eras, events=tuple(events)), budget=3)
    assert [(p.key, p.labels, len(p.record_ids)) for p in plan.parts] == [
        ("war-1988", ("1988", "1989"), 3),
        ("war-1990", ("1990", "1990"), 3),
        ("war-1991", ("1991", "1992"), 2),
    ]
    assert [p.title for p in plan.parts] == ["The war: 1988–1989", "The war: 1990", "The war: 1991–1992"]
    assert [e for p in plan.parts for e in p.record_ids] == [e.id for e in events]  # each once, in order
    assert not plan.shows_records("war")


def test_a_single_year_over_the_budget_gets_numbered_pages():
    events = [_event(f"e{i}", f"2023-09-{i + 1:02d}") for i in range(5)]
    eras = (Era("war", "The war", parse_date("2023"), parse_date("2024"), "War."),)
    plan = plan_timeline(Content(eras=eras, events=tuple(events)), budget=2)
    assert [(p.key, p.title, p.record_ids) for p in plan.parts] == [
        ("war-2023", "The war: 2023 (1 of 3)", ("e0", "e1")),
        ("war-2023-2", "The war: 2023 (2 of 3)", ("e2", "e3")),
        ("war-2023-3", "The war: 2023 (3 of 3)", ("e4",)),
    ]
    assert all(len(p.record_ids) <= 2 for p in plan.parts)


def test_an_event_has_one_address_split_or_not():
    assert SitePages().record_url("events", "protests") == "timeline/#protests"
    split = SitePages(record_pages={"events": {"protests": "timeline/war.md"}})
    assert split.record_url("events", "protests") == "timeline/war/#protests"
    assert split.record_url("events", "other") == "timeline/#other"
    flat = SitePages(use_directory_urls=False, record_pages={"events": {"protests": "timeline/war.md"}})
    assert flat.record_url("events", "protests") == "timeline/war.html#protests"


def test_every_link_to_a_split_event_points_at_its_page():
    renderer = _split(make_content(), budget=1)
    page = PageContext("background/war.md", "background/war/")
    assert 'href="../../timeline/war-1988/#protests"' in renderer.event(page, "protests")
    people = renderer.people_index(PageContext("people.md", "people/"))
    # People links to the timeline filtered to the actor, not to their events (which part shows them)
    assert 'href="../timeline/?actor=gov"' in people and "#ceasefire" not in people
    index = citation_index(renderer.content, renderer.pages)
    assert [c.url for c in index["src-a"]][:2] == ["timeline/war-1988/#protests", "timeline/war-1994/#ceasefire"]


def test_a_generated_page_shows_its_events_with_heading_and_filters():
    renderer = _split(make_content(), budget=2)
    renderer.filter_min_events = 1  # the real site's ten would leave two events without filters
    html = renderer.timeline(PageContext("timeline/war.md", "timeline/war/"), part="war")
    assert html.startswith("# The war\n")
    assert 'id="ceasefire"' in html and 'id="protests"' in html and 'id="arrivals-begin"' not in html
    assert 'href="#ceasefire"' in html  # the entry's own permalink
    assert 'href="../"' in html  # back to the timeline's index
    # the filters are made from this page's events: 2 of them, the year links 1988 and 1994
    assert 'data-nk-total="2"' in html and 'href="#year-1988"' in html and 'id="year-1994"' in html
    with pytest.raises(RenderError, match="no Timeline page 'war-2000'"):
        renderer.timeline(PageContext("timeline.md", "timeline/"), part="war-2000")


def test_the_index_and_an_oversized_period_link_to_the_generated_pages():
    renderer = _split(make_content(), budget=1)
    index = renderer.timeline(PageContext("timeline.md", "timeline/"))
    assert "## The war {: #war }" in index
    assert '<a href="war-1988/">The war: 1988</a> (1 event)' in index
    assert '<a href="exodus/">The exodus</a> (1 event)' in index
    assert "nk-event" not in index
    background = renderer.timeline(PageContext("background/war.md", "background/war/"), era="war")
    assert '<a href="../../timeline/war-1994/">The war: 1994</a>' in background and "##" not in background
    # a period within the budget is still listed where it is embedded
    exodus = renderer.timeline(PageContext("background/exodus.md", "background/exodus/"), era="exodus")
    assert 'id="arrivals-begin"' in exodus
