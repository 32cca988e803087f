"""The overview's first screen (issue #16): on a phone the standfirst and the strip of key numbers fit the first
screen, each number links to its history on the Figures page; on a desktop the locator map starts above the
fold; the arrivals chart marks the road's opening and the blast; axe finds nothing in either palette."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import ServedSite, axe_violations


def test_key_numbers_fill_the_first_screen_of_a_phone(browser: Browser, served_site: ServedSite):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(served_site.url(""), wait_until="load")
        strip = page.locator("ul.nk-keynums")
        assert strip.count() == 1
        items = strip.locator("li.nk-keynum")
        assert 4 <= items.count() <= 6
        box = strip.bounding_box()
        assert box is not None and box["y"] + box["height"] < 844, box
        standfirst = page.locator(".nk-standfirst").bounding_box()
        assert standfirst is not None and standfirst["y"] < box["y"]
        for i in range(items.count()):
            item = items.nth(i)
            link = item.locator("a.nk-keynum__link")
            href = link.get_attribute("href") or ""
            assert href.startswith("figures/#"), href
            # the anchor is there on the Figures page
            assert link.locator(".nk-keynum__value").inner_text().strip()
            assert item.locator(".nk-keynum__by").inner_text().startswith("by ")
            assert item.locator(".nk-keynum__by time").count() == 1
        first = items.first.locator("a.nk-keynum__link").get_attribute("href") or ""
        page.goto(served_site.url(first), wait_until="load")
        assert page.locator(f"[id='{first.split('#', 1)[1]}']").count() == 1
    finally:
        context.close()


def test_standfirst_is_larger_and_darker_than_body_and_the_title_is_not_pale(browser: Browser, served_site: ServedSite):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(served_site.url(""), wait_until="load")
        style = page.evaluate(
            """() => {
                const s = e => getComputedStyle(document.querySelector(e));
                // grey level of a colour as painted on the light palette's white page: 0 black, 255 white
                const ink = c => { const m = c.match(/rgba?\\(([^)]+)\\)/)[1].split(',').map(Number); const a = m.length > 3 ? m[3] : 1; return (m[0] + m[1] + m[2]) / 3 * a + 255 * (1 - a) };
                const body = s('.md-typeset h2 ~ p'), lead = s('.nk-standfirst'), h1 = s('.md-typeset h1');
                return {
                    body: parseFloat(body.fontSize), lead: parseFloat(lead.fontSize),
                    bodyInk: ink(body.color), leadInk: ink(lead.color), h1Ink: ink(h1.color),
                    words: document.querySelector('.nk-standfirst').innerText.replace(/\\s\\d+(,\\d+)*\\s/g, ' ').split(/\\s+/).filter(w => /[A-Za-z]/.test(w)).length,
                };
            }"""
        )
        assert style["lead"] > style["body"]
        assert style["leadInk"] < style["bodyInk"]
        assert style["h1Ink"] <= style["bodyInk"]
        assert style["words"] <= 60
    finally:
        context.close()


def test_the_map_starts_above_the_fold_on_a_desktop(browser: Browser, served_site: ServedSite):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(served_site.url(""), wait_until="load")
        drawing = page.locator("#locator-map svg.nk-map__svg").first.bounding_box()
        assert drawing is not None and drawing["y"] < 800 - 150, drawing  # a good part of the drawing shows
        strip = page.locator("ul.nk-keynums").bounding_box()
        assert strip is not None and strip["y"] < 800
    finally:
        context.close()


def test_the_arrivals_chart_marks_the_road_and_the_blast(browser: Browser, served_site: ServedSite):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(served_site.url(""), wait_until="load")
        chart = page.locator("#chart-arrivals-armenia")
        assert [t.strip() for t in chart.locator(".nk-chart__note").all_text_contents()] == [
            "road to Armenia opened",
            "fuel depot blast",
        ]
        description = chart.locator("desc").first.text_content() or ""
        assert "24 September 2023: road to Armenia opened" in description
        assert "25 September 2023: fuel depot blast" in description
        chart.scroll_into_view_if_needed()  # laid out only near the screen (content-visibility)
        expect(chart.locator("figcaption")).to_contain_text("24 September 2023", use_inner_text=True)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_on_the_overview(browser: Browser, served_site: ServedSite, scheme: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(served_site.url(""), wait_until="load")
        violations = axe_violations(page)
    finally:
        context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in violations] == []
