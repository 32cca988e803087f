"""The locator map in Chromium: the period control works by keyboard and without JavaScript, shows each
period's lines, areas and legend and hides the others; the labels as the browser draws them never overlap
and stay readable on a phone and a desktop; axe finds nothing in either palette in any period."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import ServedSite, axe_violations

MAP_PAGES = ("", "background/second-war/", "names/")
PERIOD_OF_PAGE = {"": "2023", "background/second-war/": "2020", "background/between-wars/": "1994"}

MAIN = "svg[aria-labelledby^='locator-map-karabakh']"  # the large map
# What each period shows: (selector, shown in 1994, in 2020, in 2023).
SHOWN = (
    (f"{MAIN} .nk-map__held-1994", True, False, False),
    (f"{MAIN} .nk-map__held-2020", False, True, True),
    (f"{MAIN} .nk-map__road-new", False, True, False),
    (f"{MAIN} .nk-map__road-old", True, True, False),
    (f"{MAIN} .nk-map__exodus", False, False, True),
    (f"{MAIN} .nk-map__oblast-1991", True, True, True),
    (".nk-map__summary.nk-map__in-1994", True, False, False),
    (".nk-map__key.nk-map__in-2023", False, False, True),
)

VISIBLE = "e => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0"


def shown(page: Page) -> list[bool]:
    return [page.eval_on_selector(selector, VISIBLE) for selector, *_ in SHOWN]


def expected(state: str) -> list[bool]:
    column = {"1994": 1, "2020": 2, "2023": 3}[state]
    return [row[column] for row in SHOWN]


def checked(page: Page) -> str:
    return page.eval_on_selector("#locator-map .nk-map__state:checked", "e => e.value")


@pytest.mark.parametrize(("path", "state"), PERIOD_OF_PAGE.items())
def test_each_page_opens_on_its_own_period(page: Page, served_site: ServedSite, path: str, state: str):
    page.goto(served_site.url(path), wait_until="load")
    assert checked(page) == state
    assert shown(page) == expected(state)


def test_the_period_control_works_by_keyboard_with_a_visible_focus(page: Page, served_site: ServedSite):
    page.goto(served_site.url("background/second-war/"), wait_until="load")
    assert checked(page) == "2020"
    # Tab into the group from the element before it: the checked radio takes the focus.
    page.evaluate("() => { const h = document.getElementById('a-new-map'); h.tabIndex = -1; h.focus(); }")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('nk-map__state')"):
            break
    assert page.evaluate("() => document.activeElement.value") == "2020"
    ring = page.eval_on_selector(
        "#locator-map .nk-map__state:focus + label",
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]",
    )
    assert ring[0] != "none" and float(ring[1].removesuffix("px")) >= 2
    page.keyboard.press("ArrowLeft")
    assert checked(page) == "1994" and shown(page) == expected("1994")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert checked(page) == "2023" and shown(page) == expected("2023")
    # In 2023 the area held until the offensive is hatched, not filled.
    fill = page.eval_on_selector(f"{MAIN} .nk-map__held-2020", "e => getComputedStyle(e).fill")
    assert "locator-map-hatch" in fill


def test_a_tap_on_a_period_switches_it(page: Page, served_site: ServedSite):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(served_site.url(""), wait_until="load")
    option = page.locator("#locator-map .nk-map__state-option").first
    option.scroll_into_view_if_needed()
    box = option.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24  # a tap target
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert checked(page) == "1994" and shown(page) == expected("1994")


def test_without_javascript_the_map_shows_the_pages_period_and_still_switches(
    browser: Browser, served_site: ServedSite
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(served_site.url("background/between-wars/"), wait_until="load")
        assert checked(page) == "1994" and shown(page) == expected("1994")
        page.locator("#locator-map-state-2020").check()
        assert shown(page) == expected("2020")
    finally:
        context.close()


LABEL_BOXES = """svg => {
  const frame = svg.getBoundingClientRect();
  const scale = frame.width / svg.viewBox.baseVal.width;
  const boxes = [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, place: !!t.closest('a'), left: r.left, top: r.top, right: r.right, bottom: r.bottom,
            px: parseFloat(getComputedStyle(t).fontSize) * scale};
  });
  const dots = [...svg.querySelectorAll('circle')].map(c => { const r = c.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; });
  return {frame: {left: frame.left, top: frame.top, right: frame.right, bottom: frame.bottom}, boxes, dots};
}"""


def _overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack
    )


@pytest.mark.parametrize("width", [360, 390, 1280])
@pytest.mark.parametrize("path", MAP_PAGES)
def test_labels_never_overlap_and_stay_readable(browser: Browser, served_site: ServedSite, path: str, width: int):
    """As Chromium draws them (real font metrics, at the CSS size for the drawing's width): no two labels of a
    frame overlap, none covers a dot, all lie inside their frame, and place names are 12 px or more."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    problems = []
    try:
        page = context.new_page()
        page.goto(served_site.url(path), wait_until="load")
        svgs = page.locator("#locator-map svg.nk-map__svg")
        assert svgs.count() == 3
        for index in range(svgs.count()):
            measured = svgs.nth(index).evaluate(LABEL_BOXES)
            boxes, frame = measured["boxes"], measured["frame"]
            assert len(boxes) >= 5
            for i, a in enumerate(boxes):
                if not (
                    a["left"] >= frame["left"] - 0.5
                    and a["right"] <= frame["right"] + 0.5
                    and a["top"] >= frame["top"] - 0.5
                    and a["bottom"] <= frame["bottom"] + 0.5
                ):
                    problems.append(("outside", index, a["text"]))
                if a["place"] and a["px"] < 11.9:
                    problems.append(("small", index, a["text"], round(a["px"], 1)))
                problems += [("overlap", index, a["text"], b["text"]) for b in boxes[i + 1 :] if _overlap(a, b)]
                problems += [("dot", index, a["text"]) for dot in measured["dots"] if _overlap(a, dot, 1.0)]
    finally:
        context.close()
    assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_map_in_any_period(browser: Browser, served_site: ServedSite, scheme: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    found = {}
    try:
        page = context.new_page()
        page.goto(served_site.url("background/second-war/"), wait_until="load")
        for state in ("1994", "2020", "2023"):
            page.locator(f"#locator-map-state-{state}").check()
            violations = axe_violations(page, "#locator-map")
            if violations:
                found[state] = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in violations]
    finally:
        context.close()
    assert found == {}
