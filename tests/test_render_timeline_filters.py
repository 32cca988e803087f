"""The timeline's filter form and year bar as the template renders them (macros/render/facets.py,
macros/templates/timeline_filters.html): built from the events on the page, labelled, escaped."""

import re
from collections import Counter
from html import unescape

import pytest
from fixtures.site.model_content import make_content

from macros.dates import parse_date
from macros.model import Actor, Event, Place
from macros.render import PageContext, Renderer, RenderError
from macros.render.facets import tag_label, timeline_filters
from tests.support import find, parse_html, text

D = parse_date


def event(id, date, era, actors=(), places=(), tags=()):
    return Event(id, D(date), id.title(), "Summary.", era, ("src-a",), actors=actors, places=places, tags=tags)


EVENTS = (
    event("protests", "1988-02", "war", actors=("spokes",), tags=("mass-protest",)),
    event("strike", "1988-06", "war", actors=("gov", "spokes"), places=("town",), tags=("mass-protest", "economy")),
    event("ceasefire", "1994-05-12", "war", actors=("gov",), places=("capital",)),
    event("arrivals", "2023-09-24", "exodus", places=("town", "capital"), tags=("economy",)),
)
PLACES = (
    Place("town", ("Stepanakert", "Khankendi"), "city", (39.8, 46.7)),
    Place("capital", ("Yerevan",), "city", (40.2, 44.5)),
)


def few(renderer: Renderer) -> Renderer:
    """The filters from the first event on: the real timeline has them from ten (FILTER_MIN_EVENTS)."""
    renderer.filter_min_events = 1
    return renderer


@pytest.fixture
def renderer():
    return few(Renderer(make_content(events=EVENTS, places=PLACES, figures=())))


def page():
    return PageContext(src_path="timeline.md", url="timeline/")


def options(html, name):
    """(value, text) of each option of the select named `name`."""
    select = re.search(rf'<select id="nk-filter-{name}" name="{name}">(.*?)</select>', str(html), re.S)
    return re.findall(r'<option value="([^"]*)">([^<]*)</option>', select.group(1)) if select else None


def test_every_facet_lists_its_values_with_counts_and_readable_labels(renderer):
    html = renderer.timeline(page())
    assert options(html, "era") == [("", "All periods"), ("war", "The war (3)"), ("exodus", "The exodus (1)")]
    assert options(html, "actor") == [
        ("", "Anyone"),
        ("gov", "Armenian government (2)"),
        ("spokes", "Nazeli Baghdasaryan (2)"),
    ]
    # Both names where there are two, alphabetical by the label.
    assert options(html, "place") == [
        ("", "Anywhere"),
        ("town", "Stepanakert/Khankendi (2)"),
        ("capital", "Yerevan (2)"),
    ]
    assert options(html, "tag") == [("", "Any topic"), ("economy", "economy (2)"), ("mass-protest", "mass protest (2)")]


def test_form_is_labelled_and_counts_every_event(renderer):
    # Not `hidden`: the style sheet hides it without JavaScript, so it takes its place from the first paint.
    html = str(renderer.timeline(page()))
    elements = parse_html(html)
    form = find(elements, "form")[0]
    assert not form.has_attr("hidden") and form["data-nk-total"] == "4"
    for name in ("era", "actor", "place", "tag"):
        assert find(elements, "label", **{"for": f"nk-filter-{name}"})
    assert "<legend>Show only events</legend>" in html
    status = find(elements, "span", role="status")
    assert status and " ".join(status[0].get_text().split()) == "4 of 4 events shown"
    assert find(elements, "button", type="reset")
    assert find(elements, "p", class_="nk-filter-empty")[0].has_attr("hidden")


def test_year_bar_links_to_the_first_event_of_each_year(renderer):
    html = str(renderer.timeline(page()))
    assert [a["href"] for a in find(parse_html(html), "a") if a["href"].startswith("#year-")] == [
        "#year-1988",
        "#year-1994",
        "#year-2023",
    ]
    anchors = re.findall(r'<li class="nk-event-item" id="(year-\d+)">\s*<details class="nk-event" id="([^"]+)"', html)
    assert anchors == [("year-1988", "protests"), ("year-1994", "ceasefire"), ("year-2023", "arrivals")]
    assert html.count('id="year-') == 3  # 'strike' (1988) is not the first of its year


def test_a_period_on_its_background_page_links_to_the_timeline_instead_of_filtering(renderer):
    """A background page lists its period's events without the controls, however many (issue #16: a
    four-control form for three events), and links to the timeline filtered to that period."""
    background = PageContext(src_path="background/war.md", url="background/war/")
    for era, count in (("exodus", 1), ("war", 3)):
        html = str(renderer.timeline(background, era=era))
        assert html.count('<details class="nk-event"') == count
        assert "<form" not in html and "#year-" not in html and "nk-periods" not in html
        more = find(parse_html(html), "p", class_="nk-timeline-more")[0]
        assert find(more, "a")[0]["href"] == f"../../timeline/?era={era}"


def test_the_timeline_has_its_controls_from_ten_events():
    """Under FILTER_MIN_EVENTS events the list is shorter than its controls: no form, period or year links."""
    many = tuple(
        event(f"e{n}", f"{1990 + n}-01-01", "war" if n < 5 else "exodus", tags=("t",) * (n % 2)) for n in range(10)
    )
    assert Renderer.filter_min_events == 10
    html = str(Renderer(make_content(events=many[:9], places=PLACES, figures=())).timeline(page()))
    assert "<form" not in html and "nk-years" not in html and "nk-periods" not in html
    html = str(Renderer(make_content(events=many, places=PLACES, figures=())).timeline(page()))
    assert 'data-nk-total="10"' in html and "nk-years" in html
    periods = find(parse_html(html), "nav", class_="nk-periods")[0]
    assert [(a["href"], a.get("class")) for a in find(periods, "a")] == [("#war", None), ("#exodus", "nk-latest")]
    assert "latest" in text(periods)


def test_labels_from_the_content_are_escaped():
    hostile = Actor("gov", 'Gov <img src=x onerror=alert(1)> & "Co"', "government-body")
    other = Actor("spokes", "{{ 7*7 }} [x](javascript:alert(1))", "person")
    html = str(
        few(Renderer(make_content(events=EVENTS, places=PLACES, figures=(), actors=(hostile, other)))).timeline(page())
    )
    assert "<img" not in html
    assert "Gov &lt;img src=x onerror=alert(1)&gt; &amp; &#34;Co&#34; (2)" in html
    assert ("spokes", "{{ 7*7 }} [x](javascript:alert(1)) (2)") in [(v, unescape(t)) for v, t in options(html, "actor")]
    assert "{{" not in html and 'href="javascript' not in html  # inert for Jinja and Markdown alike


def test_an_id_that_would_collide_with_a_year_anchor_is_an_error():
    events = EVENTS + (event("year-2023", "2023-10-01", "exodus"),)
    with pytest.raises(RenderError, match="'year-2023' is the timeline's link to that year"):
        Renderer(make_content(events=events, places=PLACES, figures=())).timeline(page())


def test_timeline_filters_is_pure_and_orders_periods_by_page_order():
    names = {"war": "B war", "exodus": "A exodus"}.__getitem__
    filters = timeline_filters(list(EVENTS), era_title=names, actor_name=str.upper, place_name=str.upper)
    era = filters.facets[0]
    assert [o.value for o in era.options] == ["war", "exodus"]  # chronological, not alphabetical
    assert [(y.year, y.count) for y in filters.years] == [(1988, 2), (1994, 1), (2023, 1)]
    assert filters.anchor_for("strike") is None and filters.anchor_for("protests") == "year-1988"
    assert tag_label("fuel-depot-blast") == "fuel depot blast"


def test_a_facet_is_offered_when_it_can_narrow_the_list():
    one_tag = (event("a", "2000", "war", tags=("x",)), event("b", "2001", "war"))
    everywhere = (event("a", "2000", "war", places=("p",)), event("b", "2001", "war", places=("p",)))
    assert [f.name for f in timeline_filters(one_tag, str, str, str).facets] == ["tag"]  # one value, half the events
    assert timeline_filters(everywhere, str, str, str).facets == ()  # every event in the one place and period


def test_the_real_timeline_offers_what_its_events_carry(real_site):  # noqa: F811
    """On the built page, each option's count is the number of events whose data attribute carries it."""
    assert real_site.returncode == 0, real_site.output[-3000:]
    html = (real_site.site_dir / "timeline" / "index.html").read_text(encoding="utf-8")
    articles = re.findall(r'<details class="nk-event" id="[^"]+" ([^>]*)>', html)
    carried = {name: Counter() for name in ("era", "actors", "places", "tags")}
    for attrs in articles:
        for name, value in re.findall(r'data-(era|actors|places|tags)="([^"]*)"', attrs):
            carried[name].update(value.split())
    assert len(articles) == len(real_site.content.events)
    for name, attr in (("era", "era"), ("actor", "actors"), ("place", "places"), ("tag", "tags")):
        offered = {value: int(re.search(r"\((\d+)\)$", text).group(1)) for value, text in options(html, name)[1:]}
        assert offered == dict(carried[attr]), name
    stepanakert = next(p for p in real_site.content.places if len(p.english) > 1)
    assert any(text.startswith(stepanakert.name + " (") for _, text in options(html, "place"))


def test_a_period_still_going_on_shows_since_its_start_in_the_heading_and_the_filter():
    from macros.model import Era

    eras = (
        Era("war", "The war", D("1988"), D("1994-05"), "Years of *fighting*."),
        Era("exodus", "The exodus", D("2023-09"), None, "Still going on."),
    )
    html = str(few(Renderer(make_content(eras=eras, events=EVENTS, places=PLACES, figures=()))).timeline(page()))
    assert options(html, "era") == [
        ("", "All periods"),
        ("war", "The war (3)"),
        ("exodus", "The exodus, since September 2023 (1)"),
    ]
    metas = re.findall(r'<p class="nk-era-meta">(.*?)</p>', html)
    assert metas[0].startswith('<time datetime="1988">1988</time> – <time datetime="1994-05">May 1994</time>')
    assert metas[1].startswith('Since <time datetime="2023-09">September 2023</time>')
    assert "None" not in html
    retitled = (eras[0], Era("exodus", "After the exodus, 2023–", D("2023-09"), None, "Still going on."))
    html = str(few(Renderer(make_content(eras=retitled, events=EVENTS, places=PLACES, figures=()))).timeline(page()))
    assert ("exodus", "After the exodus, since September 2023 (1)") in options(html, "era")  # not "2023–, since …"
