"""Build the site strictly, once per session, and check the HTML it produced.

Two builds: the real site (content/ and docs/), and a small fixture site (tests/fixtures/site/content with
the real data pages and fixture overview/background pages) whose content includes hostile strings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests import support
from tests.support import ROOT, BuiltSite, find, html_pages, read_page, resolve, text, text_after_heading


# real_site and fixture_site are in tests/conftest.py: one build each per session for every module.
@pytest.fixture(scope="session", params=["fixture", "real"])
def site(request) -> BuiltSite:
    built = request.getfixturevalue(f"{request.param}_site")
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.output}"
    return built


# ---- checks --------------------------------------------------------------------------------------------


def test_build_prints_no_warning(site):
    problems = [line for line in site.output.splitlines() if "WARNING" in line or "ERROR" in line]
    assert problems == []


def test_every_event_is_on_the_timeline_with_anchor_date_and_its_own_notes(site):
    page = site.page("timeline")
    for event in site.content.events:
        (details,) = find(page, "details", id=event.id)
        assert find(details.summary, "time", datetime=event.date.iso()), event.id
        # Its sources, and those of its accounts, each once, listed in the event: none on the page's foot.
        notes = [li["id"] for li in details.find_all("li", id=re.compile("^fn:"))]
        assert notes == [f"fn:{event.id}:{n}" for n in range(1, len(set(event.cited_sources)) + 1)], event.id
        refs = [a["href"][1:] for a in find(details, "a", class_="footnote-ref")]
        assert set(refs) <= set(notes), event.id
    assert not find(page, "div", class_="footnote")


def test_every_figure_shows_its_claimant_and_as_of(site):
    page = site.page("figures")
    for figure in site.content.figures:
        text = text_after_heading(page, figure.id)
        latest = figure.latest
        if latest is None:
            assert "No accepted value" in text
            continue
        claimant = site.content.actor(latest.claimed_by).name
        assert f"claimed by {claimant}, as of {latest.as_of.human()}" in text, figure.id
        for claim in figure.claims:
            assert claim.as_of.human() in text
            assert site.content.actor(claim.claimed_by).name in text


def test_every_source_links_back_to_where_it_is_cited(site):
    sources_file = site.site_dir / "sources" / "index.html"
    sources = read_page(sources_file)
    back_links: dict[str, set[tuple[Path, str]]] = {}
    for source in site.content.sources:
        (item,) = find(sources, "li", id=source.id)
        back_links[source.id] = {
            target for a in item.find_all("a", href=True) if (target := resolve(site.site_dir, sources_file, a["href"]))
        }
    # every note on every page that points at a source entry must be answered by a back-link to that page
    checked = 0
    for page_file in html_pages(site.site_dir):
        for note in read_page(page_file).find_all("li", id=re.compile("^fn:")):
            for a in note.find_all("a"):
                target = resolve(site.site_dir, page_file, a.get("href", ""))
                if target and target[0] == sources_file and target[1] in back_links:
                    assert any(path == page_file for path, _ in back_links[target[1]]), (
                        f"{target[1]} is cited on {page_file.relative_to(site.site_dir)} but does not link back"
                    )
                    checked += 1
    assert checked > 0
    timeline = site.site_dir / "timeline" / "index.html"
    for event in site.content.events:
        for source_id in event.sources:
            assert (timeline, event.id) in back_links[source_id]


def test_no_broken_internal_link_or_anchor(site):
    assert support.broken_links(site.site_dir) == []


def test_no_page_repeats_an_id(site):
    repeated = {
        str(page_file.relative_to(site.site_dir)): duplicates
        for page_file in html_pages(site.site_dir)
        if (duplicates := support.duplicate_ids(read_page(page_file)))
    }
    assert repeated == {}


def test_no_page_loads_anything_from_another_host(site):
    own = urlsplit(site.site_url).netloc
    foreign = []
    for page_file in sorted(site.site_dir.rglob("*.html")):
        for el in read_page(page_file).find_all(True):
            for key in ("src", "href") if el.name == "link" else ("src",):
                value = el.get(key, "")
                netloc = urlsplit(value).netloc
                if netloc and netloc != own:
                    foreign.append(f"{page_file.relative_to(site.site_dir)}: <{el.name} {key}={value!r}>")
    assert foreign == []


def test_content_strings_are_escaped_and_never_evaluated(fixture_site):
    assert fixture_site.returncode == 0, fixture_site.output
    page = fixture_site.page("timeline")
    (article,) = find(page, "details", id="fixture-hostile")
    # Plain text refuses tags; the entities and brackets it may hold are shown exactly as typed.
    assert "Hostile &lt;script&gt;alert(1)&lt;/script&gt; a < b > c title {{ 7*7 }}" in text(article)
    assert not article.find_all("script")
    assert "49" not in text(article)


def test_overview_macros_render_with_notes(fixture_site):
    page = fixture_site.page("")
    shown = text(page)
    assert "100,617 people, by Example government's count on 3 October 2023" in shown
    assert "more than $11.5 million" in shown
    assert find(page, "div", class_="footnote")
    assert find(page, "a", class_="footnote-ref", href="#fn:1")
    assert find(page, "span", lang="hy")


def test_block_macros_stay_inside_admonitions_and_lists(fixture_site):
    page = fixture_site.page("")
    (admonition,) = find(page, "div", class_="admonition note")
    assert find(admonition, class_="nk-figure-card")
    in_lists = [el.name for item in find(page, "li") for el in find(item, class_="nk-claims")]
    assert in_lists == ["div"]


def test_every_page_has_its_own_description_and_robots_txt_points_at_the_sitemap(real_site):
    assert real_site.returncode == 0, real_site.output[-3000:]
    site_description = " ".join(
        yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_description"].split()
    )
    descriptions = {}
    for html in sorted(real_site.site_dir.rglob("index.html")):
        (meta,) = find(read_page(html), "meta", name="description")
        descriptions[html.relative_to(real_site.site_dir).as_posix()] = meta["content"]
    assert len(descriptions) == len(list((ROOT / "docs").rglob("*.md")))
    generic = [path for path, text in descriptions.items() if text == site_description and path != "index.html"]
    assert generic == [], f"pages with only the site's description: {generic}"
    assert len(set(descriptions.values())) == len(descriptions), "two pages share a description"
    robots = (real_site.site_dir / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {real_site.site_url}sitemap.xml" in robots.splitlines()
    assert (real_site.site_dir / "sitemap.xml").is_file()


def test_search_index_keeps_labels_words_and_note_numbers_apart(real_site):
    """Material's search shows the page text without its styles: an event's labels must not run into the
    names beside them ("ArmyWhere"), nor note numbers into one another ("2516" for notes 25 and 16)."""
    assert real_site.returncode == 0, real_site.output[-3000:]
    index = json.loads((real_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(
        re.sub(r"<[^>]+>", "", doc["text"]) for doc in index["docs"] if doc["location"].startswith("timeline/")
    )
    assert re.findall(r"\w(?:Who|Where|Figures|Topics|Sources) ", text) == []
    assert re.findall(r"(?:Who|Where|Figures|Topics)\w", text) == []
    assert re.search(r"\bWho \w", text) and re.search(r"\bSources Link to this event\b", text)


def test_search_index_leaves_out_the_charts_drawings_but_keeps_their_tables(real_site):
    """A chart's axis ticks and value labels would show in search results as a run of numbers ("0 50 100
    150 … misreport125 68"); the chart's caption and its data table carry the same facts in words."""
    index = json.loads((real_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    drawings = [
        tag
        for page in real_site.site_dir.rglob("*.html")
        for tag in re.findall(r"<svg class=\"nk-chart__svg\"[^>]*>", page.read_text(encoding="utf-8"))
    ]
    assert drawings and all(' data-search-exclude="" ' in tag for tag in drawings)
    text = " ".join(re.sub(r"<[^>]+>", "", doc["text"]) for doc in index["docs"])
    assert "0 50 100 150" not in text and "misreport125" not in text
    assert "Bar chart:" not in text  # the drawing's own description
    # The caption and the table still are.
    assert "Each bar is one value in the order it was reported" in text
    assert "The numbers behind the chart" in text and "218 deaths" in text


def test_search_index_leaves_out_the_map_on_every_page_that_shows_it(real_site):
    """The locator map's legend, labels and list of places are the same on every page that shows it: in the
    index they would answer a search for any place with every background page. The Names page's list of
    places is indexed."""
    index = json.loads((real_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    figures = [
        tag
        for page in real_site.site_dir.rglob("*.html")
        for tag in re.findall(r"<figure class=\"nk-map\"[^>]*>", page.read_text(encoding="utf-8"))
    ]
    assert len(figures) >= 7 and all(' data-search-exclude=""' in tag for tag in figures)
    text = " ".join(re.sub(r"<[^>]+>", "", doc["text"]) for doc in index["docs"])
    assert "The road out to Armenia" not in text and "Made with Natural Earth" not in text
    assert "Stepanakert/Khankendi" in text  # the Names page's list


def test_no_wrapped_line_of_prose_starts_with_a_number_and_a_full_stop():
    """Markdown reads an indented line such as '  1997. The OSCE closed it…' inside a list item as the start
    of a numbered list, and cuts the sentence in two on the page: rewrap it so the year ends a line."""
    found = [
        f"{page.relative_to(ROOT)}:{number}"
        for page in sorted((ROOT / "docs").rglob("*.md"))
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1)
        if re.match(r"\s+\d+\.\s", line)
    ]
    assert found == []
