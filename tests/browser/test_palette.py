"""The light/dark toggle (overrides/partials/palette.html): it does what Material's palette component did,
while the page is parsed instead of after it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import ServedSite

STATE = """() => ({
  scheme: document.body.getAttribute('data-md-color-scheme'),
  media: document.body.getAttribute('data-md-color-media'),
  // Which label is visible, by the palette it switches to
  shown: [...document.querySelectorAll('form[data-nk-palette] label')].filter(l => !l.hidden).map(l => l.htmlFor),
  titles: [...document.querySelectorAll('form[data-nk-palette] label')].filter(l => !l.hidden).map(l => l.title),
  checked: [...document.querySelectorAll('form[data-nk-palette] input')].findIndex(i => i.checked),
  saved: JSON.parse(localStorage.getItem(__md_scope.pathname + '.__palette') || 'null'),
  colorScheme: document.querySelector("meta[name='color-scheme']").content,
  themeColor: document.querySelector("meta[name='theme-color']:not([media])").content,
  headerBackground: getComputedStyle(document.querySelector('header')).backgroundColor,
  switching: document.body.hasAttribute('data-md-color-switching'),
})"""


@pytest.mark.parametrize(
    ("system", "scheme", "toggle"),
    [("light", "default", "Switch to dark mode"), ("dark", "slate", "Switch to light mode")],
)
def test_first_visit_follows_the_system_preference(browser: Browser, served_site: ServedSite, system, scheme, toggle):
    context = browser.new_context(color_scheme=system)
    try:
        page = context.new_page()
        page.goto(served_site.url("about/"), wait_until="load")
        state = page.evaluate(STATE)
        assert (state["scheme"], state["titles"]) == (scheme, [toggle])
        assert state["colorScheme"] == ("dark" if system == "dark" else "light")
        assert state["themeColor"] == state["headerBackground"]
        # Material's own component is not mounted: it would restyle the whole page after parsing.
        assert page.locator("[data-md-component=palette]").count() == 0
    finally:
        context.close()


def test_the_toggle_switches_saves_and_survives_navigation(page: Page, served_site: ServedSite):
    page.emulate_media(color_scheme="light")
    page.goto(served_site.url("about/"), wait_until="load")
    light = page.evaluate(STATE)
    page.click("form[data-nk-palette] label:not([hidden])")
    dark = page.evaluate(STATE)
    assert (dark["scheme"], dark["shown"], dark["checked"]) == ("slate", ["__palette_0"], 1)
    assert dark["saved"]["index"] == 1 and dark["saved"]["color"]["scheme"] == "slate"
    assert (light["colorScheme"], dark["colorScheme"]) == ("light", "dark")
    assert dark["themeColor"] == dark["headerBackground"]  # the same blue grey in both palettes here
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")

    # The next page (a whole new document) and a reload read the saved choice.
    page.click("nav.md-nav--primary a[href$='timeline/']")
    page.wait_for_url("**/timeline/")
    assert page.evaluate(STATE)["scheme"] == "slate"
    page.reload(wait_until="load")
    state = page.evaluate(STATE)
    assert (state["scheme"], state["shown"], state["colorScheme"]) == ("slate", ["__palette_0"], "dark")

    page.click("form[data-nk-palette] label:not([hidden])")
    assert page.evaluate(STATE)["scheme"] == "default"


def test_enter_on_the_focused_toggle_switches_as_in_material(page: Page, served_site: ServedSite):
    page.emulate_media(color_scheme="light")
    page.goto(served_site.url("about/"), wait_until="load")
    page.focus("form[data-nk-palette] input:checked")
    page.keyboard.press("Enter")
    state = page.evaluate(STATE)
    assert (state["scheme"], state["checked"]) == ("slate", 1)
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    assert page.evaluate(STATE)["scheme"] == "default"
