"""macros/render/charts.py: the claim charts are well-formed SVG that draw, label and tabulate every claim honestly."""

import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from macros.dates import parse_date
from macros.model import Actor, Claim, Content, Figure, Quantity, Source
from macros.render.charts import PLOT_BOTTOM, PLOT_TOP, ChartError, nice_ticks, render_claim_chart, short_quantity

SVG = "{http://www.w3.org/2000/svg}"


def exact(n):
    return Quantity("exact", n, n)


def claim(value, as_of, status="superseded", by="gov", source="src-a", **extra):
    return Claim(value=value, as_of=parse_date(as_of), claimed_by=by, source=source, status=status, **extra)


ARRIVALS = Figure(
    id="arrivals",
    label="People arriving <in> Armenia",
    unit="people",
    claims=(
        # Deliberately out of order: the chart sorts by the time each total was given.
        claim(exact(28000), "2023-09-26T20:00+04:00"),
        claim(Quantity("about", 4850, 4850), "2023-09-25"),
        claim(exact(13550), "2023-09-26T08:00+04:00", by="spokes", source="src-b"),
        claim(exact(99999), "2023-09-26T12:00+04:00", status="misreport", correction="src-c"),
        claim(Quantity("more-than", 53000, None), "2023-09-27T20:00+04:00", status="current", by="spokes"),
    ),
)
DEPOT = Figure(
    id="depot",
    label="Deaths in the depot blast",
    unit="deaths",
    claims=(
        claim(Quantity("at-least", 20, None), "2023-09-26", by="ministry"),
        claim(exact(125), "2023-09-26", status="misreport", by="ministry", source="src-b", correction="src-c"),
        claim(exact(68), "2023-09-26", by="spokes"),
        claim(Quantity("at-least", 218, None), "2023-12-22", status="current", by="committee", source="src-c"),
    ),
)


def make_content(*figures):
    actors = (
        Actor("gov", "Government of Armenia", "government-body"),
        Actor("spokes", "Nazeli Baghdasaryan", "person"),
        Actor("ministry", "Health Ministry", "government-body"),
        Actor("committee", "Investigative Committee", "government-body"),
    )
    sources = tuple(
        Source(
            i,
            "Publisher",
            "international",
            "media",
            f"Title {i}",
            f"https://example.org/{i}",
            parse_date("2023-09-27"),
            parse_date("2026-11-28"),
        )
        for i in ("src-a", "src-b", "src-c")
    )
    return Content(figures=figures or (ARRIVALS, DEPOT), actors=actors, sources=sources)


class FakeNotes:
    """Stands in for the page's note numbering: one number per source, a reference per call."""

    def __init__(self):
        self.numbers, self.calls = {}, []

    def __call__(self, source_id):
        self.calls.append(source_id)
        number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
        return Markup(f'<sup class="ref" data-source="{source_id}"><a href="#fn:{number}">{number}</a></sup>')


def render(figure, kind):
    notes = FakeNotes()
    chart = render_claim_chart(figure, make_content(), kind=kind, cite=notes)
    return chart, ET.fromstring(str(chart)), notes


def svg_of(root):
    (svg,) = [el for el in root.iter(f"{SVG}svg") if el.get("role") == "img"]
    return svg


def group(svg, name):
    (found,) = [g for g in svg.iter(f"{SVG}g") if name in g.get("class", "").split()]
    return found


def texts(element):
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


def test_step_chart_is_well_formed_and_draws_one_dot_per_claim_but_the_misreport():
    _, root, _ = render(ARRIVALS, "step")
    svg = svg_of(root)
    assert svg.get("viewBox") == "0 0 480 280"
    assert svg.get("aria-labelledby").split() == ["chart-arrivals-title", "chart-arrivals-desc"]
    assert svg.find(f"{SVG}title").text == "People arriving <in> Armenia"  # escaped in the HTML, intact as text
    dots = list(group(svg, "nk-chart__marks").iter(f"{SVG}circle"))
    assert len(dots) == 4
    assert not any("99,999" in dot.find(f"{SVG}title").text for dot in dots)
    assert "1 misreported value is left out" in "".join(root.find("figcaption").itertext())
    assert svg.find(f"{SVG}desc").text.startswith(
        "Step chart: People arriving <in> Armenia. 4 reported values, from about 4,850 people"
    )
    assert "Misreported: 99,999 people (26 September 2023, 12:00 (UTC+4)), not drawn." in svg.find(f"{SVG}desc").text


def test_step_chart_places_totals_by_time_and_value():
    _, root, _ = render(ARRIVALS, "step")
    svg = svg_of(root)
    dots = [
        (float(c.get("cx")), float(c.get("cy")), c.find(f"{SVG}title").text)
        for c in group(svg, "nk-chart__marks").iter(f"{SVG}circle")
    ]
    expected = [
        "about 4,850 people, 25 Sep",
        "13,550 people, 26 Sep",
        "28,000 people, 26 Sep",
        "more than 53,000 people, 27 Sep",
    ]
    assert [title[: len(want)] for (*_, title), want in zip(sorted(dots), expected)] == expected
    xs = sorted(x for x, *_ in dots)
    ys = [y for _, y, _ in sorted(dots)]
    assert ys == sorted(ys, reverse=True)  # larger totals sit higher
    assert all(PLOT_TOP <= y <= PLOT_BOTTOM for y in ys)
    # 08:00 and 20:00 on the 26th are half a day apart; a day spans twice that.
    day = (xs[2] - xs[1]) * 2
    assert xs[1] - xs[0] == pytest.approx(day * (20 / 24), abs=0.2)  # 25th noon -> 26th 08:00
    # The total given only by day is drawn across that whole day, centred on its midday.
    (span,) = [line for line in group(svg, "nk-chart__spans").iter(f"{SVG}line")]
    assert float(span.get("x2")) - float(span.get("x1")) == pytest.approx(day, abs=0.2)
    assert (float(span.get("x1")) + float(span.get("x2"))) / 2 == pytest.approx(xs[0], abs=0.2)
    # The step line runs through the dots in time order and only goes up.
    path = svg.find(f"{SVG}path").get("d")
    assert path.startswith(f"M{xs[0]},")
    heights = [float(v) for v in re.findall(r"V([\d.]+)", path)]
    assert heights == sorted(heights, reverse=True) and len(heights) == 3


def test_step_chart_axes_show_days_and_thousands():
    _, root, _ = render(ARRIVALS, "step")
    svg = svg_of(root)
    assert texts(group(svg, "nk-chart__axis--x")) == ["25Sep", "26", "27"]  # day, then the month below
    y_labels = texts(group(svg, "nk-chart__axis--y"))
    assert y_labels[-1] == "people, running total"
    assert y_labels[:-1] == ["0", "20,000", "40,000", "60,000"]
    assert texts(group(svg, "nk-chart__labels")) == [">53,000"]  # the current value is labelled


def test_revisions_chart_keeps_the_misreport_in_sequence_but_hollow_and_flagged():
    _, root, _ = render(DEPOT, "revisions")
    svg = svg_of(root)
    bars = list(group(svg, "nk-chart__marks").iter(f"{SVG}rect"))
    assert [b.get("class").split()[-1] for b in bars] == [
        "nk-chart__bar--superseded",
        "nk-chart__bar--misreport",
        "nk-chart__bar--superseded",
        "nk-chart__bar--current",
    ]
    xs = [float(b.get("x")) for b in bars]
    assert xs == sorted(xs)
    heights = [float(b.get("height")) for b in bars]
    assert heights[3] > heights[1] > heights[2] > heights[0] > 0  # 218 > 125 > 68 > 20
    labels = texts(group(svg, "nk-chart__labels"))
    assert labels == ["≥20", "misreport125", "68", "≥218"]
    assert texts(group(svg, "nk-chart__axis--x")) == ["26 Sep", "26 Sep", "26 Sep", "22 Dec"]
    caption = "".join(root.find("figcaption").itertext())
    assert "not to scale in time" in caption and "misreport" in caption
    legend = "".join(root.find("ul").itertext())
    assert "misreport, corrected later" in legend and "latest accepted value" in legend


def test_table_lists_every_claim_with_as_of_value_claimant_status_and_source():
    chart, root, notes = render(DEPOT, "revisions")
    rows = root.find(".//table/tbody").findall("tr")
    assert len(rows) == len(DEPOT.claims)
    cells = [["".join(td.itertext()).strip() for td in row.findall("td")] for row in rows]
    assert [c[:4] for c in cells] == [
        ["26 September 2023", "at least 20 deaths", "Health Ministry", "superseded"],
        ["26 September 2023", "125 deaths", "Health Ministry", "misreport (corrected:3)"],
        ["26 September 2023", "68 deaths", "Nazeli Baghdasaryan", "superseded"],
        ["22 December 2023", "at least 218 deaths", "Investigative Committee", "current"],
    ]
    assert rows[1].find(".//s") is not None  # the misreported value is struck through
    assert [row.find(".//time").get("datetime") for row in rows] == ["2023-09-26"] * 3 + ["2023-12-22"]
    assert [row.findall(".//sup")[-1].get("data-source") for row in rows] == ["src-a", "src-b", "src-a", "src-c"]
    # Every source the chart cites is returned, the correction included, for the page's notes.
    assert chart.source_ids == ("src-a", "src-b", "src-c")
    assert set(notes.calls) == {"src-a", "src-b", "src-c"}
    source_line = "".join(root.find("p").itertext())
    assert source_line.startswith("Claimed by Health Ministry; Nazeli Baghdasaryan; Investigative Committee.")


def test_chart_is_one_line_of_html_for_markdown():
    chart, _, _ = render(ARRIVALS, "step")
    html = str(chart)
    assert "\n" not in html  # one line: Markdown cannot end a list item or admonition inside it
    assert Markup(chart) == html  # usable directly in an autoescaping template


def test_unknown_ids_and_kinds_are_errors():
    stray = Figure("stray", "Stray", "people", (claim(exact(1), "2023-09-26", by="nobody"),))
    with pytest.raises(KeyError, match="nobody"):
        render_claim_chart(stray, make_content(stray), kind="step", cite=FakeNotes())
    unsourced = Figure("unsourced", "Unsourced", "people", (claim(exact(1), "2023-09-26", source="nowhere"),))
    with pytest.raises(KeyError, match="nowhere"):
        render_claim_chart(unsourced, make_content(unsourced), kind="step", cite=FakeNotes())
    with pytest.raises(ChartError, match="unknown chart kind 'pie'"):
        render_claim_chart(ARRIVALS, make_content(), kind="pie", cite=FakeNotes())
    only_misreport = Figure("m", "M", "people", (claim(exact(5), "2023-09-26", status="misreport"),))
    with pytest.raises(ChartError, match="no claim to chart"):
        render_claim_chart(only_misreport, make_content(only_misreport), kind="step", cite=FakeNotes())


@pytest.mark.parametrize("maximum", [7, 68, 218, 1000, 4850, 57240, 108_666, 2_500_000])
def test_nice_ticks_are_even_round_steps_from_zero_past_the_maximum(maximum):
    ticks = nice_ticks(maximum)
    steps = {b - a for a, b in zip(ticks, ticks[1:])}
    assert ticks[0] == 0 and ticks[-1] >= maximum and ticks[-2] < maximum
    assert len(steps) == 1 and 3 <= len(ticks) <= 7
    (step,) = steps
    assert str(int(step)).rstrip("0") in ("1", "2", "25", "5")


def test_short_quantity_keeps_the_bound_in_a_symbol():
    assert short_quantity(Quantity("at-least", 218, None)) == "≥218"
    assert short_quantity(Quantity("more-than", 53000, None)) == ">53,000"
    assert short_quantity(Quantity("about", 4850, 4850)) == "~4,850"
    assert short_quantity(Quantity("at-most", None, 100)) == "≤100"
    assert short_quantity(Quantity("range", 300000, 500000)) == "300,000–500,000"


def test_step_chart_names_the_month_where_it_changes():
    figure = Figure(
        "late",
        "Late arrivals",
        "people",
        (
            claim(exact(98625), "2023-09-29T20:00+04:00"),
            claim(exact(100617), "2023-10-02T12:00+04:00", status="current"),
        ),
    )
    chart = render_claim_chart(figure, make_content(figure), kind="step", cite=FakeNotes())
    svg = svg_of(ET.fromstring(str(chart)))
    assert texts(group(svg, "nk-chart__axis--x")) == ["29Sep", "30", "1Oct", "2"]


def test_the_sources_page_counts_a_chart_call_as_citing_every_source_the_chart_cites():
    from macros.macro_calls import MacroCall, sources_cited_by

    content = make_content()
    chart = render_claim_chart(DEPOT, content, kind="revisions", cite=FakeNotes())
    call = MacroCall("chart", ("depot",), (("kind", "revisions"),))
    assert set(sources_cited_by(content, call)) == set(chart.source_ids)


def test_disputed_totals_are_hollow_dots_off_the_line_and_ranges_get_a_whisker():
    figure = Figure(
        "mixed",
        "Mixed",
        "people",
        (
            claim(exact(1000), "2023-09-25T08:00+04:00"),
            claim(Quantity("range", 1500, 2500), "2023-09-25T12:00+04:00"),
            claim(exact(9000), "2023-09-25T16:00+04:00", status="disputed"),
            claim(exact(3000), "2023-09-25T20:00+04:00", status="current"),
        ),
    )
    svg = svg_of(ET.fromstring(str(render_claim_chart(figure, make_content(figure), kind="step", cite=FakeNotes()))))
    dots = list(group(svg, "nk-chart__marks").iter(f"{SVG}circle"))
    assert [d.get("class").split()[-1] for d in dots] == [
        "nk-chart__mark--superseded",
        "nk-chart__mark--superseded",
        "nk-chart__mark--disputed",
        "nk-chart__mark--current",
    ]
    disputed_y = dots[2].get("cy")
    path = svg.find(f"{SVG}path").get("d")
    assert path.count("V") == 2 and f"V{disputed_y}" not in path  # the line skips the disputed total
    (whisker,) = group(svg, "nk-chart__marks").iter(f"{SVG}line")
    low, high = float(whisker.get("y1")), float(whisker.get("y2"))
    assert low > float(dots[1].get("cy")) > high  # the range spans its midpoint


def test_revision_dates_show_the_time_or_the_year_at_their_own_precision():
    figure = Figure(
        "toll",
        "Toll",
        "deaths",
        (
            claim(exact(20), "2023-09-26T21:00+04:00"),
            claim(exact(68), "2023-12"),
            claim(exact(218), "2024-01-05", status="current"),
        ),
    )
    svg = svg_of(
        ET.fromstring(str(render_claim_chart(figure, make_content(figure), kind="revisions", cite=FakeNotes())))
    )
    # Spanning two years, every date names its year; a month-only date is not given a day.
    assert texts(group(svg, "nk-chart__axis--x")) == ["26 Sep2023", "Dec2023", "5 Jan2024"]
    same_year = Figure("t", "T", "deaths", figure.claims[:2])
    svg = svg_of(
        ET.fromstring(str(render_claim_chart(same_year, make_content(same_year), kind="revisions", cite=FakeNotes())))
    )
    assert texts(group(svg, "nk-chart__axis--x")) == ["26 Sep21:00", "Dec"]


def test_annotations_mark_days_on_the_time_axis_and_in_the_caption_and_description():
    notes = FakeNotes()
    chart = render_claim_chart(
        ARRIVALS,
        make_content(),
        kind="step",
        cite=notes,
        annotations={"2023-09-25": "fuel depot <blast>", "2023-09-24": "road opened"},
    )
    root = ET.fromstring(str(chart))
    svg = svg_of(root)
    marks = group(svg, "nk-chart__notes")
    assert texts(marks) == ["road opened", "fuel depot <blast>"]  # in date order, escaped, intact as text
    lines = [el for el in marks.iter(f"{SVG}line")]
    assert len(lines) == 2
    x_road, x_blast = (float(line.get("x1")) for line in lines)
    assert x_road < x_blast
    assert all(float(line.get("y1")) == PLOT_TOP and float(line.get("y2")) == PLOT_BOTTOM for line in lines)
    # the axis starts on the marked day before the first claim: a tick for 24 September
    axis = group(svg, "nk-chart__axis--x")
    assert texts(axis)[0].startswith("24")
    description = svg.find(f"{SVG}desc").text
    assert (
        "Marked on the time axis: 24 September 2023: road opened; 25 September 2023: fuel depot <blast>." in description
    )
    caption = "".join(root.find("figcaption").itertext())
    assert "Dashed lines mark 24 September 2023: road opened" in caption


def test_without_annotations_nothing_is_marked():
    _, root, _ = render(ARRIVALS, "step")
    assert not [g for g in svg_of(root).iter(f"{SVG}g") if "nk-chart__notes" in g.get("class", "")]


@pytest.mark.parametrize(
    "annotations, kind, message",
    [
        ({"2023-09-24": "road"}, "revisions", "need a time axis"),
        ({"24 Sep": "road"}, "step", "not an ISO 8601 date"),
        ({"2023-09": "road"}, "step", "give a day"),
        ({"2023-09-24": "  "}, "step", "give a label"),
    ],
)
def test_bad_annotations_are_errors(annotations, kind, message):
    with pytest.raises(ChartError, match=message):
        render_claim_chart(
            DEPOT if kind == "revisions" else ARRIVALS,
            make_content(),
            kind=kind,
            cite=FakeNotes(),
            annotations=annotations,
        )


def test_a_chart_over_years_draws_a_rule_per_labelled_day_not_per_day():
    """A running total over two years: rules only where the axis has a label, so the chart stays a few
    dozen elements (a rule a day was 650 lines on one page)."""
    figure = Figure(
        id="long",
        label="A count over two years",
        unit="people",
        claims=(claim(exact(100), "2024-01-10"), claim(exact(900), "2025-12-20", status="current")),
    )
    _, root, _ = render(figure, "step")
    svg = svg_of(root)
    rules = [line for line in svg.iter(f"{SVG}line") if "nk-chart__day" in line.get("class", "")]
    labels = texts(group(svg, "nk-chart__axis--x"))
    assert 20 <= len(labels) <= 30  # a label every 30 days
    assert len(rules) == len(labels) + 1  # the last rule closes the axis
