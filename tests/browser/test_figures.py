"""The Figures page as a reader uses it: short by default (a small chart per figure, the claims behind a
<details>), nothing off-screen on a phone, each claim a card that opens with its status, and axe clean with
every claim table open, in both palettes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import ServedSite, axe_violations

PHONE = {"width": 390, "height": 844}

OPEN_ALL = "document.querySelectorAll('details.nk-claims-all').forEach(d => d.open = true)"

# Every element of the page's content (the drawer's sidebars sit off-screen on purpose) whose box reaches past the viewport's right edge (or its left), with
# its tag and class, ignoring what is hidden on purpose (the table header, visually hidden on a phone).
WIDE = """() => {
  const width = document.documentElement.clientWidth, wide = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || el.closest('thead')) continue;
    if (box.right > width + 0.5 || box.left < -0.5) wide.push(`${el.tagName}.${el.getAttribute('class')}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10)};
}"""

# For each claim card: the classes of its visible cells, top to bottom (then left to right), and their text.
CARDS = """() => [...document.querySelectorAll('.nk-claims-all tr.nk-claim')].map(row => {
  const cells = [...row.cells].filter(td => td.getBoundingClientRect().height > 0 && td.textContent.trim());
  cells.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top
                    || a.getBoundingClientRect().left - b.getBoundingClientRect().left);
  return {row: row.className, first: cells[0].className, text: cells[0].textContent.trim(),
          firstTop: cells[0].getBoundingClientRect().top, rowTop: row.getBoundingClientRect().top};
})"""


def phone_page(browser: Browser, served_site: ServedSite, scheme: str = "light") -> Page:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(served_site.url("figures/"), wait_until="load")
    return page


def test_on_a_phone_nothing_is_wider_than_the_screen_even_with_every_claim_open(
    browser: Browser, served_site: ServedSite
):
    page = phone_page(browser, served_site)
    try:
        closed = page.evaluate(WIDE)
        page.evaluate(OPEN_ALL)
        opened = page.evaluate(WIDE)
    finally:
        page.context.close()
    assert closed == {"scrollWidth": 390, "wide": []}
    assert opened == {"scrollWidth": 390, "wide": []}


def test_on_a_phone_each_claim_is_a_card_that_opens_with_its_status(browser: Browser, served_site: ServedSite):
    page = phone_page(browser, served_site)
    try:
        page.evaluate(OPEN_ALL)
        cards = page.evaluate(CARDS)
        header_shown = page.evaluate(
            "[...document.querySelectorAll('.nk-claims-all thead')].some(t => t.getBoundingClientRect().height > 1)"
        )
    finally:
        page.context.close()
    assert len(cards) > 50
    assert all(card["first"].startswith("nk-status ") for card in cards), [
        c for c in cards if "nk-status" not in c["first"]
    ][:3]
    assert all(card["row"].split()[-1].replace("nk-claim-", "") in card["first"] for card in cards)
    assert any(card["text"].endswith("Misreport") for card in cards)  # the label, not only a colour
    assert not header_shown  # a card names its own fields; the wide table's header row is for the desktop


def test_the_page_is_short_by_default_with_a_named_chart_per_figure_of_several_claims(
    page: Page, served_site: ServedSite
):
    figures = served_site.built.content.figures
    several = [f for f in figures if len(f.claims) > 1]
    page.goto(served_site.url("figures/"), wait_until="load")
    found = page.evaluate(
        """() => ({
          charts: [...document.querySelectorAll('svg.nk-spark')].map(s => ({
            figure: s.closest('.nk-figure-record').previousElementSibling.id,
            role: s.getAttribute('role'), name: s.getAttribute('aria-label'),
            excluded: s.hasAttribute('data-search-exclude'), width: s.getBoundingClientRect().width})),
          open: document.querySelectorAll('details.nk-claims-all[open]').length,
          details: [...document.querySelectorAll('details.nk-claims-all > summary')].map(s => s.textContent.trim()),
          tables: document.querySelectorAll('.md-content table').length,
          elements: document.querySelectorAll('*').length,
        })"""
    )
    assert [c["figure"] for c in found["charts"]] == [f.id for f in several]
    assert all(c["role"] == "img" and c["name"].startswith("Chart of ") and c["excluded"] for c in found["charts"])
    assert all(150 < c["width"] <= 400 for c in found["charts"])
    assert found["open"] == 0
    assert found["details"] == [f"All {len(f.claims)} claims" if len(f.claims) > 2 else "Both claims" for f in several]
    assert found["tables"] == len(several)  # a figure with one claim says it in a sentence
    # the page was 4,504 elements (a table per figure, a contents entry per figure); it is about 3,150 now
    assert found["elements"] < 3400


def test_a_link_to_a_note_inside_a_closed_claim_table_opens_it(page: Page, served_site: ServedSite):
    """Material opens a <details> that holds the target of a link, so a note's back-link still lands."""
    page.goto(served_site.url("figures/"), wait_until="load")
    backref = page.evaluate(
        "[...document.querySelectorAll('.footnote-backref')].map(a => a.hash.slice(1))"
        ".find(id => document.getElementById(id)?.closest('details'))"
    )
    assert backref
    page.evaluate(f"location.hash = {backref!r}")
    page.wait_for_function(f"document.getElementById({backref!r}).closest('details').open")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_on_the_figures_page_with_every_claim_open(
    browser: Browser, served_site: ServedSite, scheme: str, width: int
):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(served_site.url("figures/"), wait_until="load")
        page.evaluate(OPEN_ALL)
        violations = axe_violations(page, ".md-content")
    finally:
        context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in violations] == []


@pytest.mark.parametrize("width", [390, 1280])
def test_a_link_to_a_figure_far_down_lands_on_its_heading(browser: Browser, served_site: ServedSite, width: int):
    """The figures off the screen are laid out only near it (content-visibility): a link must still land."""
    last = served_site.built.content.figures[-1].id
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(served_site.url(f"figures/#{last}"), wait_until="load")
        page.wait_for_timeout(300)
        top = page.evaluate(f"document.getElementById({last!r}).getBoundingClientRect().top")
        header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().height")
    finally:
        context.close()
    assert header - 1 <= top <= header + 80
