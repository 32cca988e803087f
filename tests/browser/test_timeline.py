"""The timeline's filters, URL state, anchors and year bar in Chromium, against the real site and its content
(docs/assets/javascripts/timeline.js, macros/templates/timeline_filters.html)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

FIELDS = {
    "era": lambda e: {e.era},
    "actor": lambda e: set(e.all_actors),
    "place": lambda e: set(e.places),
    "tag": lambda e: set(e.tags),
}


@pytest.fixture(scope="module")
def events(served_site):
    return served_site.built.content.events


def visible_ids(page) -> list[str]:
    page.wait_for_load_state()
    # An element takes up boxes unless it or an ancestor is display: none (what `hidden` does).
    return page.eval_on_selector_all(
        "details.nk-event", "els => els.filter(e => e.getClientRects().length).map(e => e.id)"
    )


def assert_shown(page, expected: set[str], total: int) -> None:
    """The live region announces the count, and exactly `expected` show. Waits up to 5 s: after a history
    step the page may still be loading, and the script then runs anew."""
    for _ in range(50):  # the same answer twice in a row, 100 ms apart
        if set(visible_ids(page)) == expected:
            page.wait_for_timeout(100)
            if set(visible_ids(page)) == expected:
                break
        page.wait_for_timeout(100)
    assert set(visible_ids(page)) == expected, state(page)
    expect(page.locator(".nk-filter-status")).to_have_text(f"{len(expected)} of {total} events shown")


def state(page):
    return page.evaluate(
        "[location.href, document.readyState, document.querySelectorAll('details.nk-event').length, document.querySelectorAll('li.nk-event-item[hidden]').length, (document.querySelector('.nk-filter-status') || {}).textContent, [...document.querySelectorAll('.nk-timeline')].map(d => d.dataset.era + ':' + d.hidden + ':' + getComputedStyle(d).display).join(','), performance.getEntriesByType('navigation')[0].type, performance.now()]"
    )


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def matching(events, **want) -> set[str]:
    return {e.id for e in events if all(value in FIELDS[name](e) for name, value in want.items())}


def partial_value(events, name) -> str:
    """The value of a facet that the most events carry without all of them carrying it."""
    counts = Counter(v for e in events for v in FIELDS[name](e))
    return next(v for v, n in counts.most_common() if n < len(events))


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector, "el => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }"
    )


def open_timeline(page, served_site, suffix: str = ""):
    page.goto(served_site.url("timeline/" + suffix))
    page.wait_for_selector("form.nk-filters[data-nk-ready]")


@pytest.mark.parametrize("name", list(FIELDS))
def test_each_filter_shows_exactly_the_matching_events_and_updates_the_url(page, served_site, events, name):
    open_timeline(page, served_site)
    value = partial_value(events, name)
    expected = matching(events, **{name: value})
    assert 0 < len(expected) < len(events)

    page.select_option(f"#nk-filter-{name}", value)

    assert_shown(page, expected, len(events))
    assert query(page) == {name: [value]}
    assert page.is_hidden(".nk-filter-empty")


def test_filters_combine_and_a_shared_url_restores_them(page, served_site, events):
    era, tag = "offensive-exodus", partial_value(events, "tag")
    expected = matching(events, era=era, tag=tag)
    assert expected, "the chosen pair must match something for this test to mean anything"
    open_timeline(page, served_site, f"?era={era}&tag={tag}")

    assert page.input_value("#nk-filter-era") == era and page.input_value("#nk-filter-tag") == tag
    assert_shown(page, expected, len(events))
    # Periods with nothing left to show lose their heading.
    assert page.is_visible(f"h2#{era}") and page.is_hidden("h2#first-war")


def test_clear_filters_shows_every_event_and_empties_the_query(page, served_site, events):
    open_timeline(page, served_site, "?era=blockade&actor=armenia&keep=1")
    assert len(visible_ids(page)) < len(events)

    page.click("button.nk-clear")

    page.wait_for_function(f"document.querySelector('.nk-filter-status').textContent.startsWith('{len(events)} of')")
    assert len(visible_ids(page)) == len(events)
    assert query(page) == {"keep": ["1"]}  # only the filters' own parameters are dropped
    assert page.input_value("#nk-filter-era") == ""


def test_no_match_says_so(page, served_site, events):
    # A topic the first period never has: the pair matches nothing.
    tag = next(t for t in Counter(t for e in events for t in e.tags) if not matching(events, era="first-war", tag=t))
    open_timeline(page, served_site, f"?era=first-war&tag={tag}")

    assert visible_ids(page) == []
    assert page.is_visible(".nk-filter-empty")
    assert page.inner_text(".nk-filter-status") == f"0 of {len(events)} events shown"


def test_unknown_values_in_the_url_are_ignored(page, served_site, events):
    open_timeline(page, served_site, "?era=no-such-period&tag=%3Cscript%3E")
    assert len(visible_ids(page)) == len(events)
    assert query(page) == {}


def test_a_linked_event_is_shown_scrolled_to_and_highlighted_even_when_filtered_out(page, served_site, events):
    target = next(e for e in events if e.era == "offensive-exodus" and e.date.year == 2023)
    open_timeline(page, served_site, f"?era=first-war#{target.id}")

    assert page.is_visible(f"#{target.id}")
    assert in_viewport(page, f"#{target.id}")
    assert "nk-highlight" in page.get_attribute(f"#{target.id}", "class")
    assert page.eval_on_selector(f"#{target.id}", "d => d.open")  # and opened
    assert page.input_value("#nk-filter-era") == ""  # the filter that hid it is cleared
    assert len(visible_ids(page)) == len(events)


def test_a_contents_link_to_a_period_the_filters_hide_shows_it(page, served_site, events):
    open_timeline(page, served_site, "?era=first-war")
    assert page.is_hidden("h2#blockade")
    page.click(".md-sidebar--secondary a[href$='#blockade']")
    assert page.is_visible("h2#blockade")
    assert len(visible_ids(page)) == len(events)


def test_an_in_page_link_keeps_the_filters_chosen_since_the_page_loaded(page, served_site, events):
    open_timeline(page, served_site, "?era=first-war")
    page.evaluate("window.nkSamePage = true")
    page.select_option("#nk-filter-era", "blockade")
    page.click(".md-sidebar--secondary a[href$='#blockade']")
    page.wait_for_url("**/timeline/?era=blockade#blockade")
    assert page.evaluate("window.nkSamePage") is True  # no reload with the filters of page load
    assert page.input_value("#nk-filter-era") == "blockade"
    assert_shown(page, matching(events, era="blockade"), len(events))


def test_a_malformed_or_unknown_hash_changes_nothing(page, served_site, events):
    for hash in ("#%E0%A4%A", "#no-such-event"):
        open_timeline(page, served_site, "?era=blockade" + hash)
        assert_shown(page, matching(events, era="blockade"), len(events))  # and no page error (fixture)


def test_year_links_land_on_the_first_event_of_their_year(page, served_site, events):
    open_timeline(page, served_site)
    hrefs = page.eval_on_selector_all("nav.nk-years a", "as => as.map(a => a.hash)")  # Material makes hrefs absolute
    years = sorted({e.date.year for e in events})
    assert hrefs == [f"#year-{y}" for y in years]
    first = page.eval_on_selector_all(
        "details.nk-event",
        "els => { const seen = {}; els.forEach(e => { seen[e.dataset.year] ??= e.id; }); return seen; }",
    )
    for year in (years[0], years[len(years) // 2], years[-1]):
        assert page.eval_on_selector(f"#year-{year}", "li => li.querySelector('details').id") == first[str(year)]

    page.select_option("#nk-filter-era", "first-war")  # hides the last year's events
    page.click(f"nav.nk-years a[href$='#year-{years[-1]}']")

    assert page.is_visible(f"#year-{years[-1]}")
    page.wait_for_function(
        f"(() => {{ const r = document.getElementById('year-{years[-1]}').getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight; })()"
    )


def test_filters_work_on_a_page_reached_from_another(page, served_site, events):
    """Followed from About by the nav, the timeline loads as a new document (Material's instant navigation is
    off, issue #16) and its filters work; away and back again, the filtered view is there and still works."""
    page.goto(served_site.url("about/"))
    page.evaluate("window.nkSamePage = true")  # would survive only if Material swapped the page in place
    page.click("nav.md-nav--primary a.md-nav__link[href$='timeline/']")
    page.wait_for_selector("form.nk-filters[data-nk-ready]")
    assert page.evaluate("window.nkSamePage") is None

    page.select_option("#nk-filter-era", "blockade")
    assert_shown(page, matching(events, era="blockade"), len(events))
    assert query(page) == {"era": ["blockade"]}

    page.click("nav.md-nav--primary a.md-nav__link[href$='people/']")
    page.wait_for_selector("form.nk-filters", state="detached")
    page.go_back()  # the filtered view, from its address
    page.wait_for_selector("form.nk-filters[data-nk-ready]")
    assert_shown(page, matching(events, era="blockade"), len(events))
    page.click("button.nk-clear")
    tag = partial_value(events, "tag")
    page.select_option("#nk-filter-tag", tag)
    assert_shown(page, matching(events, tag=tag), len(events))


def test_the_filters_do_not_move_the_page_when_the_script_sets_them_up(page, served_site):
    """The form is drawn from the first paint (the style sheet hides it only without JavaScript), so
    setting it up shifts nothing: Lighthouse counted the list moving down as layout shift."""
    page.set_viewport_size({"width": 412, "height": 823})
    open_timeline(page, served_site)
    shift = page.evaluate("""() => new Promise(done => { let sum = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value; })
          .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => done(sum), 300); })""")
    assert shift < 0.01  # 0.056 when the script unhid the form


def test_without_javascript_every_event_shows_and_the_controls_do_not(browser, served_site, events):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(served_site.url("timeline/?era=blockade"))
        assert len(visible_ids(page)) == len(events)
        assert page.is_hidden("form.nk-filters")
        year = max(e.date.year for e in events)
        page.click(f"nav.nk-years a[href='#year-{year}']")
        assert page.url.endswith(f"#year-{year}")
        assert in_viewport(page, f"#year-{year}")
    finally:
        context.close()


def test_keyboard_reaches_the_controls_with_a_visible_focus_ring(page, served_site):
    open_timeline(page, served_site)
    page.focus("#nk-filter-era")
    seen = []
    for step in range(6):
        if step:
            page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                "(() => { const el = document.activeElement, s = getComputedStyle(el);"
                " return [el.id || el.classList[0], s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
            )
        )
    assert [name for name, _, _ in seen] == [
        "nk-filter-era",
        "nk-filter-actor",
        "nk-filter-place",
        "nk-filter-tag",
        "nk-order",
        "nk-clear",
    ]
    assert all(style == "solid" and width >= 2 for _, style, width in seen), seen

    first_period = page.eval_on_selector("#nk-filter-era", "s => s.options[1].value")
    page.focus("#nk-filter-era")
    page.keyboard.press("ArrowDown")
    assert query(page) == {"era": [first_period]}
    page.focus("button.nk-clear")
    page.keyboard.press("Enter")
    page.wait_for_function("location.search === ''")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_filters_shown_filtered_and_empty(browser, served_site, scheme):
    """Contrast and names of the controls in both palettes (Material picks the palette from the system's)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(served_site.url("timeline/?era=first-war&tag=road-closure"))  # no road closure before 1994
        page.wait_for_selector(".nk-filter-empty:not([hidden])")
        assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        page.focus("button.nk-clear")
        found = axe_violations(page, target_size=False)
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in found] == []
    finally:
        context.close()
