"""People and institutions in Chromium: each actor's event count links to the timeline filtered to them
(docs/assets/javascripts/timeline.js reads ?actor=), and the page is a compact list by side."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

LINKS = "li.nk-person a.nk-on-timeline"


def test_a_persons_link_opens_the_timeline_filtered_to_them(page, served_site):
    events = served_site.built.content.events
    page.goto(served_site.url("people/"))
    link = page.locator("li:has(#nikol-pashinyan) a.nk-on-timeline")
    expected = {e.id for e in events if "nikol-pashinyan" in e.all_actors}
    count = int(re.match(r"\d+", link.inner_text()).group())
    assert count == len(expected) > 1
    link.click()
    page.wait_for_selector("form.nk-filters[data-nk-ready]")
    assert urlsplit(page.url).path.endswith("/timeline/")
    assert parse_qs(urlsplit(page.url).query) == {"actor": ["nikol-pashinyan"]}
    expect(page.locator("#nk-filter-actor")).to_have_value("nikol-pashinyan")
    expect(page.locator(".nk-filter-status")).to_have_text(f"{count} of {len(events)} events shown")
    shown = page.eval_on_selector_all(
        "details.nk-event", "els => els.filter(e => e.getClientRects().length).map(e => e.id)"
    )
    assert set(shown) == expected


def test_every_link_names_an_actor_the_timeline_filter_offers_with_the_same_count(page, served_site):
    page.goto(served_site.url("people/"))
    links = page.eval_on_selector_all(
        LINKS, "as => as.map(a => [new URL(a.href).searchParams.get('actor'), parseInt(a.textContent)])"
    )
    assert len(links) > 50
    page.goto(served_site.url("timeline/"))
    page.wait_for_selector("form.nk-filters[data-nk-ready]")
    options = page.eval_on_selector_all(
        "#nk-filter-actor option",
        "os => os.filter(o => o.value).map(o => [o.value, parseInt(o.textContent.match(/\\((\\d+)\\)$/)[1])])",
    )
    assert sorted(map(tuple, links)) == sorted(map(tuple, options))


def test_people_are_grouped_by_side_and_list_no_events(page, served_site):
    page.goto(served_site.url("people/"))
    headings = page.eval_on_selector_all("article h2[id^='side-']", "hs => hs.map(h => h.textContent.trim())")
    assert headings[:4] == ["Armenia¶", "Azerbaijan¶", "Nagorno-Karabakh's de facto authorities¶", "Russia¶"]
    # the role line leaves out the country its heading names
    expect(page.locator("li:has(#ilham-aliyev) .nk-person-role")).to_have_text("President")
    assert page.locator("article a[href*='timeline/#']").count() == 0  # no event listed here
    for actor in served_site.built.content.actors:  # every actor keeps its anchor, people/#<id>
        assert page.locator(f"li.nk-person h4[id='{actor.id}']").count() == 1, actor.id
