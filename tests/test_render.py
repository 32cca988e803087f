import re
from pathlib import Path

import pytest
from bs4 import Tag
from fixtures.site.model_content import make_content, source

from macros.dates import parse_date
from macros.model import Era, Event
from macros.render import PageContext, Renderer, RenderError
from tests import support
from tests.support import parse_html, texts


def find(html, tag: str, **attrs: str) -> list[Tag]:
    """The elements of an HTML fragment with this tag and these attribute values."""
    return support.find(parse_html(html), tag, **attrs)


def text_of(html) -> str:
    """The fragment's text as written (white space kept)."""
    return "".join(texts(parse_html(html)))


@pytest.fixture
def renderer():
    return Renderer(make_content())


def page(url="background/war/"):
    return PageContext(src_path=url.rstrip("/") + ".md" if url else "index.md", url=url)


def test_value_is_latest_current_claim_credited_briefly_with_its_day_and_note(renderer):
    """A spokeswoman's number is credited to the government she speaks for; the full claimant, the time and
    the method are the value link's hint, the link leads to the figure's history."""
    html = renderer.value(page(""), "arrivals")
    text = text_of(html)
    assert text == "100,617 people, by Armenian government's count on 3 October 20231"
    (link,) = find(html, "a", href="figures/#arrivals")
    assert "Nazeli Baghdasaryan (Armenian government)" in link["title"]
    assert "3 October 2023, 12:00 (UTC+4)" in link["title"]
    assert find(html, "time", datetime="2023-10-03T12:00+04:00")


def test_value_without_credit_or_date_for_a_sentence_that_gives_them(renderer):
    assert text_of(renderer.value(page(""), "arrivals", credit=False)) == "100,617 people on 3 October 20231"
    assert text_of(renderer.value(page(""), "arrivals", credit=False, date=False)) == "100,617 people1"
    according = renderer.value(page(""), "arrivals", credit="according")
    assert text_of(according) == "100,617 people, according to Armenian government on 3 October 20231"
    assert text_of(renderer.value(page(""), "aid")).startswith(
        "more than $11.5 million, according to Armenian government on"
    )
    with pytest.raises(RenderError, match="credit must be"):
        renderer.value(page(""), "arrivals", credit="maybe")


def test_key_numbers_show_bare_values_short_labels_claimants_and_link_each_to_its_history(renderer):
    html = renderer.key_numbers(page(""), "arrivals", "aid")
    items = find(html, "li")
    assert len(items) == 2
    assert "\n" not in str(html)  # one line: safe inside a Markdown list or admonition
    first = items[0]
    (link,) = support.find(first, "a", href="figures/#arrivals")
    assert [t.strip() for t in texts(link) if t.strip()] == ["100,617", "Arrivals in Armenia"]
    assert "Nazeli Baghdasaryan" in link["title"]
    by = "".join(texts(support.find(first, "span", **{"class": "nk-keynum__by"})[0]))
    assert by == "by Armenian government · 3 Oct 2023"
    assert not find(html, "sup")  # no note: the history on the Figures page has the sources
    assert "$11.5 million" in text_of(html)  # a sum keeps its currency
    with pytest.raises(RenderError, match="at least one figure"):
        renderer.key_numbers(page(""))
    with pytest.raises(RenderError, match="unknown figure"):
        renderer.key_numbers(page(""), "arrivals", "nope")


def test_unknown_ids_are_errors_that_suggest_the_right_one(renderer):
    with pytest.raises(RenderError, match=r"unknown figure 'arival' \(did you mean 'arrivals'\?\)"):
        renderer.value(page(), "arival")
    with pytest.raises(RenderError, match="unknown source 'nope'"):
        renderer.cite(page(), "src-a", "nope")
    with pytest.raises(RenderError, match="unknown era"):
        renderer.timeline(page(), era="peace")
    for macro in ("event", "actor", "place", "term", "figure", "claims"):
        with pytest.raises(RenderError, match=f"unknown {'term' if macro == 'term' else ''}"):
            getattr(renderer, macro)(page(), "missing-id")


def test_a_source_is_not_a_figure(renderer):
    with pytest.raises(RenderError, match="unknown figure 'src-a'"):
        renderer.figure(page(), "src-a")


def test_timeline_orders_by_date_groups_by_era_and_keeps_precision(renderer):
    p = page("timeline/")
    html = renderer.timeline(p)
    articles = find(html, "details")
    assert [a["id"] for a in articles] == ["protests", "ceasefire", "arrivals-begin"]
    assert [t["datetime"] for summary in find(html, "summary") for t in find(summary, "time")] == [
        "1988-02",
        "1994-05-12",
        "2023-09-24T20:00+04:00",
    ]
    assert "February 1988" in html and "24 September 2023, 20:00 (UTC+4)" in html
    assert "## The war {: #war }" in html and "## The exodus {: #exodus }" in html
    ceasefire = find(html, "details", id="ceasefire")[0]
    assert ceasefire["data-era"] == "war" and ceasefire["data-year"] == "1994"
    assert (
        ceasefire["data-actors"] == "gov"
        and ceasefire["data-places"] == "town"
        and ceasefire["data-tags"] == "diplomacy"
    )
    assert find(html, "a", href="../background/war/")
    assert find(html, "a", href="../names/#town")
    assert find(html, "a", href="../figures/#arrivals")
    # Each event lists its own sources: the ids carry the event's, so that they stay unique on the page.
    assert find(ceasefire, "li", id="fn:ceasefire:1") and not find(html, "li", id="fn:1")


def test_timeline_for_one_era_has_no_era_heading(renderer):
    html = renderer.timeline(page(), era="exodus")
    assert [a["id"] for a in find(html, "details")] == ["arrivals-begin"]
    assert "##" not in html


def test_figure_card_shows_latest_value_claimant_as_of_and_history_link(renderer):
    html = renderer.figure(page(), "aid")
    text = text_of(html)
    assert "more than $11.5 million" in text
    assert "Claimed by Armenian government, as of 26 September 2023." in text
    assert find(html, "a", href="../../figures/#aid")


def test_claims_table_marks_status_and_names_the_correction(renderer):
    p = page()
    html = renderer.claims(p, "arrivals")
    rows = find(html, "tr")
    assert [r.get("class") for r in rows[1:]] == [
        "nk-claim nk-claim-misreport",
        "nk-claim nk-claim-superseded",
        "nk-claim nk-claim-current",
    ]
    assert '<s>125 people</s><sup id="fnref:1">' in html
    assert html.count('class="footnote-ref"') == 4  # one per claim, and the misreport's correction
    assert "Corrected by" in html
    # Status first: on a phone each row is a card that opens with it (site.css)
    assert [text_of(str(r.find("td"))) for r in rows[1:]] == ["Misreport", "Superseded", "Current"]
    notes = renderer.notes(p)
    # src-b corrected the misreport; it is cited as a note
    assert "Report src-b" in notes and "<em>bodies</em>" in html


def test_place_gives_both_names_and_native_forms_with_lang(renderer):
    html = renderer.place(page(""), "town", native=True)
    assert "Stepanakert/Khankendi" in html
    assert find(html, "span", lang="hy") and find(html, "span", lang="az")
    assert "Ստեփանակերտ" in html


def test_hostile_strings_are_escaped_and_never_evaluated():
    hostile = Event(
        "hostile",
        parse_date("2023-09"),
        'Title <script>alert("x")</script> {{ 7*7 }}',
        "Summary {{ 7*7 }} {% if true %}yes{% endif %} <img src=x onerror=alert(1)>",
        "exodus",
        ("src-a",),
    )
    renderer = Renderer(make_content(events=(hostile,)))
    html = str(renderer.timeline(page("timeline/")))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    # Jinja syntax from the content stays literal (braces as entities in titles, as text in summaries)
    assert "49" not in html
    assert "{{ 7*7 }}" in html and "{% if true %}yes{% endif %}" in html
    text = text_of(html)
    assert 'Title <script>alert("x")</script> {{ 7*7 }}' in text


def test_markdown_significant_characters_in_inline_text_are_entities():
    content = make_content(
        sources=(source("src-a", title="A *star* and _under_ [x]"), source("src-b"), source("src-c"))
    )
    renderer = Renderer(content)
    p = page("")
    renderer.cite(p, "src-a")
    notes = str(renderer.notes(p))
    assert "&#42;star&#42;" in notes and "&#95;under&#95;" in notes and "&#91;x&#93;" in notes


def test_people_index_groups_by_side_with_a_role_aliases_and_a_link_to_the_filtered_timeline(renderer):
    html = renderer.people_index(page("people/"))
    assert "## Armenia {: #side-armenia }" in html
    assert html.index("### People {: #side-armenia-people }") < html.index("### Institutions and groups")
    (person,) = [h.find_parent("li") for h in find(html, "h4", id="spokes")]
    assert text_of(str(person.find("p", **{"class": "nk-person-role"}))) == "Spokesperson (from August 2021)"
    assert "Also written: Government of Armenia" in html
    count = sum("gov" in e.all_actors for e in renderer.content.events)
    assert count and find(html, "a", href="../timeline/?actor=gov")[0].text == f"{count} event{'s' * (count > 1)}"
    assert person.find("a") is None  # no events: no link to an empty timeline
    assert find(html, "a", href="../timeline/#ceasefire") == []  # events are on the timeline, not listed here


def test_a_role_does_not_repeat_the_country_its_heading_names():
    from macros.render.people import short_title

    assert short_title("President of Azerbaijan", "azerbaijan") == "President"
    assert short_title("Secretary of Armenia's Security Council", "armenia") == "Secretary of the Security Council"
    assert (
        short_title("Spokesman of the Azerbaijani Foreign Ministry", "azerbaijan")
        == "Spokesman of the Foreign Ministry"
    )
    assert (
        short_title("State minister of the de facto Nagorno-Karabakh government", "nagorno-karabakh")
        == "State minister of the de facto government"
    )
    assert (
        short_title("De facto president of Nagorno-Karabakh (former)", "nagorno-karabakh")
        == "De facto president (former)"
    )
    assert short_title(
        "Special Representative of the President of Azerbaijan in the Shusha district", "azerbaijan"
    ) == ("Special Representative of the President in the Shusha district")
    # under a heading that names no country, the title keeps it
    assert short_title("President of France", "other-states") == "President of France"
    assert short_title("Foreign Minister of Armenia", "azerbaijan") == "Foreign Minister of Armenia"


def test_sources_index_links_back_and_offers_an_archive(renderer):
    html = renderer.sources_index(page("sources/"))
    items = find(html, "li", **{"class": "nk-source"})
    assert [i["id"] for i in items] == ["src-a", "src-b", "src-c"]
    assert find(html, "a", href="https://web.archive.org/web/*/https://news.example/src-a")
    assert find(html, "a", href="https://web.archive.org/web/2023/x")
    assert find(html, "a", href="../timeline/#protests")
    assert find(html, "a", href="../names/#refugees")


def test_glossary_and_places_indexes_anchor_each_record(renderer):
    glossary = renderer.glossary_index(page("names/"))
    places = renderer.places_index(page("names/"))
    assert "### Refugees {: #refugees }" in glossary
    assert "### Stepanakert/Khankendi {: #town }" in places
    assert find(places, "dd", lang="ru") == [] and find(places, "dd", lang="hy")
    assert "39.8153° N, 46.7519° E" in places


def test_event_actor_and_term_links_are_relative_to_the_page(renderer):
    p = page("background/war/")
    assert (
        renderer.event(p, "ceasefire")
        == '<a class="nk-event-link" href="../../timeline/#ceasefire">Ceasefire takes effect</a>'
    )
    assert renderer.actor(p, "gov", text="Yerevan") == '<a class="nk-actor" href="../../people/#gov">Yerevan</a>'
    assert 'href="../../names/#refugees"' in renderer.term(p, "refugees")


def test_block_fragments_have_no_blank_line(renderer):
    """A blank line would end an admonition or list item that a writer put the macro in."""
    p = page()
    for html in (renderer.figure(p, "arrivals"), renderer.claims(p, "arrivals"), renderer.timeline(p, era="war")):
        assert "\n\n" not in str(html)


def test_people_are_listed_by_family_name():
    from macros.model import Actor

    people = (
        Actor("b", "Ilham Aliyev", "person"),
        Actor("a", "Nikol Pashinyan", "person"),
        Actor("c", "Anna Zed", "person"),
    )
    html = Renderer(make_content(actors=people, events=(), figures=())).people_index(page("people/"))
    assert html.index("Ilham Aliyev") < html.index("Nikol Pashinyan") < html.index("Anna Zed")


def test_records_outside_the_known_groups_are_errors_or_still_listed():
    from macros.model import Actor, Figure

    odd_actor = Renderer(make_content(actors=(Actor("x", "X", "alien"),), events=(), figures=()))
    with pytest.raises(RenderError, match="actor 'x' has an unknown kind 'alien'"):
        odd_actor.people_index(page("people/"))
    odd_side = Renderer(make_content(actors=(Actor("x", "X", "person", side="mars"),), events=(), figures=()))
    with pytest.raises(RenderError, match="actor 'x' has an unknown side 'mars'"):
        odd_side.people_index(page("people/"))
    content = make_content()
    stray = Figure("stray", "Stray figure", "people", content.figure("aid").claims, era="no-such-era")
    html = Renderer(make_content(figures=(stray,))).figures_index(page("figures/"))
    assert '<h3 id="stray">Stray figure<a class="headerlink" href="#stray"' in html
    lost = Event("lost", parse_date("2000"), "Lost", "x", "no-such-era", ("src-a",))
    with pytest.raises(RenderError, match="unknown era 'no-such-era'"):
        Renderer(make_content(events=(lost,))).timeline(page("timeline/"))


def test_term_and_place_links_carry_a_tooltip(renderer):
    term = find(renderer.term(page(""), "refugees"), "a")[0]
    assert term["title"] == "The term UNHCR uses."
    place = find(renderer.place(page(""), "town"), "a")[0]
    assert place["title"] == "Armenian: Ստեփանակերտ · Azerbaijani: Xankəndi"


def test_a_figure_whose_every_claim_is_a_misreport():
    from macros.model import Claim, Figure, Quantity

    wrong = Claim(
        Quantity("exact", 125, 125), parse_date("2023-09-26"), "gov", "src-a", "misreport", correction="src-b"
    )
    renderer = Renderer(make_content(figures=(Figure("toll", "Toll", "deaths", (wrong,)),), events=()))
    with pytest.raises(RenderError, match="figure 'toll' has no claim to show"):
        renderer.value(page(), "toll")
    assert "No accepted value" in renderer.figure(page(), "toll")


def test_an_undated_source_says_undated_and_sorts_after_the_dated_ones():
    content = make_content(sources=(source("src-a"), source("src-b", published=None), source("src-c")))
    renderer = Renderer(content)
    html = renderer.sources_index(page("sources/"))
    assert [i["id"] for i in find(html, "li", **{"class": "nk-source"})] == ["src-a", "src-c", "src-b"]
    undated = html[html.index('id="src-b"') :]
    assert "undated" in undated.split("</li>")[0] and "<time" in html[: html.index('id="src-b"')]
    overview = page("")
    renderer.cite(overview, "src-b")
    notes = renderer.notes(overview)
    assert "(undated)" in notes and "2023" not in notes.split("Source details")[0]


def test_prose_counts_and_lists_the_periods_from_the_data():
    from dataclasses import replace

    content = make_content()
    renderer = Renderer(content)
    page = PageContext(src_path="index.md", url="")
    assert renderer.period_count(page) == "two periods"
    listed = str(renderer.periods(page))
    assert listed == (
        '<a href="background/war/">The war</a> (<time datetime="1988">1988</time> – <time datetime="1994-05">May 1994</time>); '
        'and The exodus (<time datetime="2023-09">September 2023</time> – <time datetime="2024-01">January 2024</time>)'
    )
    more = replace(
        content, eras=(*content.eras, Era("aftermath", "Aftermath", parse_date("2024-01"), None, "Since then."))
    )
    assert Renderer(more).period_count(page) == "three periods"
    assert str(Renderer(more).periods(page)).endswith(
        '; and Aftermath (since <time datetime="2024-01">January 2024</time>)'
    )


def test_no_page_counts_the_periods_by_hand():
    """A number of periods written into a page goes stale when one is added: period_count() gives it."""
    numbers = "two|three|four|five|six|seven|eight|nine|ten|\\d+"
    for path in sorted((Path(__file__).resolve().parents[1] / "docs").rglob("*.md")):
        found = re.search(rf"\b({numbers}) (periods|eras)\b", path.read_text(encoding="utf-8"), re.IGNORECASE)
        assert found is None, f"{path.name}: '{found.group()}' (use {{{{ period_count() }}}})"
