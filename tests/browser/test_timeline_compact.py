"""The compact timeline of issue #16 in Chromium, against the real site: each event a closed line of date and
headline that opens by keyboard as by mouse, a "Newest first" order kept in the address, a link to the
latest period, a filter bar that stays below the header, notes inside the event they belong to, no filter
form on the background pages, and a phone page a third of its old height (docs/assets/javascripts/timeline.js,
macros/templates/event.html, timeline.html, timeline_filters.html)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import ServedSite, axe_violations
from tests.browser.test_timeline import matching, open_timeline, query

SHOWN = "els => els.filter(e => e.getClientRects().length).map(e => e.id)"
# Issue #16 measured the timeline at 39,000 px on a 390 px phone and asked for a third of it; the bound
# grows with the content from the 137 events it had when this test was written.
OLD_PHONE_HEIGHT, EVENTS_THEN = 39_000, 137


@pytest.fixture(scope="module")
def content(served_site):
    return served_site.built.content


def shown_ids(page: Page) -> list[str]:
    return page.eval_on_selector_all("details.nk-event", SHOWN)


def focused(page: Page) -> str:
    return page.evaluate(
        "(() => { const el = document.activeElement;"
        " return el.tagName === 'SUMMARY' ? 'summary of ' + el.parentElement.id : el.tagName; })()"
    )


def test_events_are_closed_lines_that_open_and_close_by_keyboard(page: Page, served_site: ServedSite, content):
    open_timeline(page, served_site)
    assert page.eval_on_selector_all("details.nk-event", "ds => ds.filter(d => d.open).length") == 0
    first = content.events_by_date[0]
    body = page.locator(f"#{first.id} .nk-event-body")
    assert not body.is_visible()
    summary = page.locator(f"#{first.id} > summary")
    assert first.title in summary.inner_text() and summary.locator("time").first.get_attribute("datetime")

    # Tab from the page's last control before the list reaches the first event's line, ring and all.
    page.focus("nav.nk-years a >> nth=-1")
    for _ in range(30):
        page.keyboard.press("Tab")
        if focused(page).startswith("summary"):
            break
    assert focused(page) == f"summary of {first.id}"
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert ring[0] == "solid" and ring[1] >= 2

    page.keyboard.press("Enter")
    expect(body).to_be_visible()
    assert page.eval_on_selector(f"#{first.id}", "d => d.open")
    assert body.locator("ol.nk-event-notes li").count() >= 1  # its sources come with it
    page.keyboard.press("Space")
    expect(body).to_be_hidden()
    page.keyboard.press("Tab")  # on to the next event's line, not into the closed details
    assert focused(page) == f"summary of {content.events_by_date[1].id}"


def test_newest_first_turns_the_list_round_and_is_kept_in_the_address(page: Page, served_site: ServedSite, content):
    open_timeline(page, served_site)
    oldest = shown_ids(page)
    eras = page.eval_on_selector_all("article h2[id]", "hs => hs.map(h => h.id)")
    order = page.locator("button.nk-order")
    expect(order).to_have_attribute("aria-pressed", "false")

    order.click()

    expect(order).to_have_attribute("aria-pressed", "true")
    assert shown_ids(page) == oldest[::-1]
    assert page.eval_on_selector_all("article h2[id]", "hs => hs.map(h => h.id)") == eras[::-1]
    assert query(page) == {"order": ["newest"]}
    # Each year's link now leads to its latest event, the first of the year in the order shown.
    year = content.events_by_date[-1].date.year
    latest = next(e.id for e in reversed(content.events_by_date) if e.date.year == year)
    assert page.eval_on_selector(f"#year-{year}", "li => li.querySelector('details').id") == latest
    assert page.locator("li[id^='year-']").count() == len({e.date.year for e in content.events})

    # Filters keep the order, and the address gives both back.
    page.select_option("#nk-filter-era", "offensive-exodus")
    assert query(page) == {"era": ["offensive-exodus"], "order": ["newest"]}
    page.reload()
    page.wait_for_selector("form.nk-filters[data-nk-ready]")
    expected = matching(content.events, era="offensive-exodus")
    assert shown_ids(page) == [i for i in oldest[::-1] if i in expected]
    expect(order).to_have_attribute("aria-pressed", "true")

    order.click()  # and back
    assert shown_ids(page) == [i for i in oldest if i in expected]
    assert query(page) == {"era": ["offensive-exodus"]}


def test_newest_first_from_the_address_moves_nothing_after_the_first_paint(phone: Page, served_site: ServedSite):
    open_timeline(phone, served_site, "?order=newest")
    shift = phone.evaluate("""() => new Promise(done => { let sum = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value; })
          .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => done(sum), 300); })""")
    assert shift < 0.01


def test_the_latest_period_is_one_tap_from_the_top(phone: Page, served_site: ServedSite, content):
    open_timeline(phone, served_site)
    last = content.eras[-1]
    latest = phone.locator("nav.nk-periods a.nk-latest")
    assert latest.get_attribute("href").endswith(f"#{last.id}")
    assert phone.locator("nav.nk-periods a").count() == len(content.eras)
    assert latest.bounding_box()["y"] < phone.eval_on_selector("article h2[id]", "h => h.getBoundingClientRect().top")

    latest.tap()

    phone.wait_for_url(f"**#{last.id}")
    phone.wait_for_timeout(200)
    heading = phone.eval_on_selector(f"h2#{last.id}", "h => h.getBoundingClientRect().top")
    bar = phone.eval_on_selector("form.nk-filters", "f => f.getBoundingClientRect().bottom")
    assert bar <= heading < 400  # under the sticky bar, not behind it


@pytest.mark.parametrize("width", [390, 1280])
def test_the_filter_bar_stays_below_the_header_and_covers_little(browser: Browser, served_site: ServedSite, width):
    context = browser.new_context(viewport={"width": width, "height": 844 if width == 390 else 900})
    try:
        page = context.new_page()
        open_timeline(page, served_site)
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
        page.wait_for_timeout(200)
        header = page.eval_on_selector("header.md-header", "h => h.getBoundingClientRect().toJSON()")
        bar = page.eval_on_selector("form.nk-filters", "f => f.getBoundingClientRect().toJSON()")
        assert header["top"] == 0 and abs(bar["top"] - header["bottom"]) <= 1, (header, bar)
        assert bar["height"] <= (48 if width == 390 else 110), bar  # one line on a phone: the list stays readable
        # Nothing of the header is covered: its buttons still take the clicks.
        assert page.evaluate(
            "(() => { const h = document.querySelector('header.md-header'), r = h.getBoundingClientRect();"
            " return h.contains(document.elementFromPoint(r.right - 20, r.bottom - 4)); })()"
        )
        if width == 390:  # the choices fold behind "Filters", and unfold on a tap
            assert page.is_hidden("#nk-filter-era")
            page.click("button.nk-filter-toggle")
            expect(page.locator("button.nk-filter-toggle")).to_have_attribute("aria-expanded", "true")
            assert page.is_visible("#nk-filter-era") and page.is_visible("#nk-filter-tag")
            page.select_option("#nk-filter-era", "blockade")
            assert query(page) == {"era": ["blockade"]}
        else:
            assert page.is_hidden("button.nk-filter-toggle") and page.is_visible("#nk-filter-era")
    finally:
        context.close()


def test_an_address_with_an_actor_shows_their_events(page: Page, served_site: ServedSite, content):
    """The People page links each person to timeline/?actor=ID."""
    actor = max(content.actors, key=lambda a: len(matching(content.events, actor=a.id)))
    expected = matching(content.events, actor=actor.id)
    open_timeline(page, served_site, f"?actor={actor.id}")
    assert page.input_value("#nk-filter-actor") == actor.id
    assert set(shown_ids(page)) == expected and 0 < len(expected) < len(content.events)


@pytest.mark.parametrize("era", ["between-wars", "offensive-exodus"])  # the fewest events and the most
def test_a_background_page_lists_its_events_without_a_form_and_links_to_the_filtered_timeline(
    page: Page, served_site: ServedSite, content, era
):
    page.goto(served_site.url(f"background/{era}/"), wait_until="load")
    expected = [e.id for e in content.events_by_date if e.era == era]
    assert page.eval_on_selector_all("details.nk-event", "ds => ds.map(d => d.id)") == expected
    assert page.locator("form.nk-filters, nav.nk-years, nav.nk-periods, button.nk-order").count() == 0

    page.click(".nk-timeline-more a")

    page.wait_for_selector("form.nk-filters[data-nk-ready]")
    assert query(page) == {"era": [era]}
    assert set(shown_ids(page)) == set(expected)


@pytest.mark.parametrize("path", ["timeline/", "background/blockade/"])
def test_each_event_carries_its_own_notes_and_the_page_none_for_it(page: Page, served_site: ServedSite, path):
    """The page's notes at its foot are its prose's only; an event's notes are in the event, so that a page
    carries no note for an event it does not show, and a filtered-out event takes its notes along."""
    page.goto(served_site.url(path), wait_until="load")
    found = page.evaluate("""() => {
        const notes = [...document.querySelectorAll('li[id^="fn:"]')];
        const inEvent = notes.filter(li => li.closest('details.nk-event'));
        const misplaced = inEvent.filter(li => !li.id.startsWith('fn:' + li.closest('details.nk-event').id + ':'));
        const foot = notes.filter(li => !li.closest('details.nk-event')).map(li => li.id);
        const prose = new Set([...document.querySelectorAll('a.footnote-ref')]
          .filter(a => !a.closest('details.nk-event')).map(a => a.hash.slice(1)));
        return {inEvent: inEvent.length, misplaced: misplaced.map(li => li.id),
                footOnly: foot.filter(id => !prose.has(id)), foot: foot.length};
    }""")
    assert found["inEvent"] > 0 and found["misplaced"] == [] and found["footOnly"] == [], found
    if path == "timeline/":
        assert found["foot"] == 0 and page.locator("div.footnote").count() == 0


def test_a_note_in_an_event_opens_in_the_popover(phone: Page, served_site: ServedSite, content):
    contested = next(e for e in content.events if e.accounts)
    open_timeline(phone, served_site, f"#{contested.id}")
    assert phone.eval_on_selector(f"#{contested.id}", "d => d.open")  # a link to an event opens it
    phone.locator(f"#{contested.id} a.footnote-ref").first.tap()
    popover = phone.locator("#nk-popover:popover-open")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text("Source details")


def test_on_a_phone_the_timeline_is_a_third_of_its_old_height(phone: Page, served_site: ServedSite, content):
    open_timeline(phone, served_site)
    height = phone.evaluate("document.documentElement.scrollHeight")
    bound = OLD_PHONE_HEIGHT / 3 * max(1, len(content.events) / EVENTS_THEN)
    assert height <= bound, f"{height} px for {len(content.events)} events"
    # Each event is one or a few lines: the details are behind them.
    rows = phone.eval_on_selector_all("li.nk-event-item", "ls => ls.map(l => l.getBoundingClientRect().height)")
    assert max(rows) < 130 and sum(rows) / len(rows) < 80


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_newest_first_with_an_event_open_on_a_phone(browser, served_site, content, scheme):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    try:
        page = context.new_page()
        contested = next(e for e in content.events if e.accounts)
        open_timeline(page, served_site, f"?order=newest#{contested.id}")
        page.click("button.nk-filter-toggle")
        found = axe_violations(page)
        assert [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in found] == []
    finally:
        context.close()


def test_printing_opens_every_event_and_closes_them_after(page: Page, served_site: ServedSite):
    open_timeline(page, served_site, "?era=blockade")
    first = page.eval_on_selector("details.nk-event[data-era=blockade]", "d => { d.open = true; return d.id; }")
    page.evaluate("""() => window.addEventListener('beforeprint', () => {
        window.nkOpenAtPrint = [...document.querySelectorAll('details.nk-event')].every(d => d.open); })""")
    page.pdf()
    page.wait_for_function("window.nkOpenAtPrint !== undefined")
    assert page.evaluate("window.nkOpenAtPrint")
    assert page.eval_on_selector_all("details.nk-event[open]", "ds => ds.map(d => d.id)") == [first]
