"""macros/render/sparkline.py: the Figures page's small claim charts place every claim by date and value, mark
its status by shape, stay a few elements whatever the number of claims, and say what they show in words."""

import re
import xml.etree.ElementTree as ET

import pytest
from fixtures.site.model_content import make_content

from macros.dates import parse_date
from macros.model import Claim, Figure, Quantity
from macros.render import PageContext, Renderer
from macros.render.charts import ChartError
from macros.render.sparkline import BOTTOM, LEFT, RIGHT, TOP, compact_number, render_sparkline, spark_marks
from tests import support
from tests.support import parse_html

SVG = "{http://www.w3.org/2000/svg}"


def exact(n):
    return Quantity("exact", n, n)


def claim(value, as_of, status="superseded"):
    return Claim(value=value, as_of=parse_date(as_of), claimed_by="gov", source="src-a", status=status)


TOLL = Figure(
    id="toll",
    label="Deaths <in> the blast",
    unit="deaths",
    claims=(
        # Out of order on purpose: the chart goes by as-of date.
        claim(exact(218), "2023-12-22", status="current"),
        claim(exact(125), "2023-09-26", status="misreport"),
        claim(Quantity("at-least", 20, None), "2023-09-26"),
        claim(exact(170), "2023-09-29"),
        claim(exact(68), "2023-09-26T18:00+04:00"),
    ),
)


def svg_of(figure, table_name="The table below"):
    return ET.fromstring(str(render_sparkline(figure, table_name=table_name)))


def paths(svg):
    return {p.get("class"): p.get("d") for p in svg.iter(f"{SVG}path")}


def subpaths(d):
    return d.count("M")


def test_marks_are_in_date_order_and_placed_by_value():
    marks, top = spark_marks(TOLL)
    assert [m.claim.as_of.iso() for m in marks][-2:] == ["2023-09-29", "2023-12-22"]
    xs = [m.x for m in marks]
    assert xs == sorted(xs)
    # the three claims of 26 September share the day's middle; the timed one (18:00) is to its right
    assert marks[0].x == marks[1].x < marks[2].x  # 20 and 125 at noon, 68 at 18:00
    assert [m.claim.value.representative for m in marks[:2]] == [20, 125]  # equal dates: smaller first
    assert xs[0] > LEFT and xs[-1] < RIGHT
    assert top == 250
    # a larger value sits higher (smaller y); zero is the plot's bottom
    by_value = sorted(marks, key=lambda m: m.claim.value.representative)
    assert [m.y for m in by_value] == sorted((m.y for m in by_value), reverse=True)
    assert all(TOP <= m.y <= BOTTOM for m in marks)


def test_status_is_a_shape_each_status_one_path_with_a_subpath_per_claim():
    shapes = paths(svg_of(TOLL))
    assert subpaths(shapes["nk-spark__mark nk-spark__mark--superseded"]) == 3
    assert subpaths(shapes["nk-spark__mark nk-spark__mark--current"]) == 1
    misreport = shapes["nk-spark__mark nk-spark__mark--misreport"]
    assert subpaths(misreport) == 1 and "a" not in misreport and re.search(r"l8,8m0,-8l-8,8", misreport)  # a cross
    assert " a" not in shapes["nk-spark__mark nk-spark__mark--current"]
    assert "a4.5,4.5" in shapes["nk-spark__mark nk-spark__mark--current"]  # a dot
    assert "nk-spark__mark nk-spark__mark--disputed" not in shapes


def test_the_trail_joins_current_and_superseded_values_only():
    marks, _ = spark_marks(TOLL)
    trail = paths(svg_of(TOLL))["nk-spark__trail"]
    points = re.findall(r"[ML]([\d.]+),([\d.]+)", trail)
    assert len(points) == 4  # not the misreport
    misreport = next(m for m in marks if m.claim.status == "misreport")
    assert (f"{misreport.x:g}", f"{misreport.y:g}") not in points


def test_coarse_dates_span_their_stretch_and_ranges_get_a_whisker():
    figure = Figure(
        "shown",
        "Displaced",
        "people",
        (
            claim(Quantity("about", 350000, 350000), "1991", status="disputed"),
            claim(Quantity("range", 300000, 500000), "1999-01-25", status="disputed"),
        ),
    )
    marks, top = spark_marks(figure)
    year, day = marks
    assert year.span is not None and year.span[0] == LEFT + 8 and year.span[0] < year.x < year.span[1]
    assert day.whisker is not None and day.whisker[0] > day.y > day.whisker[1]
    assert top >= 500000
    svg = svg_of(figure)
    assert subpaths(paths(svg)["nk-spark__mark nk-spark__mark--disputed"]) == 2
    assert "nk-spark__trail" not in paths(svg)  # disputed values are no series
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["500k", "0", "1991", "25 Jan 1999"]


def test_one_date_puts_every_mark_in_the_middle_under_one_label():
    figure = Figure(
        "same", "Same day", "deaths", (claim(exact(5), "2023-09-21"), claim(exact(6), "2023-09-21", "current"))
    )
    marks, _ = spark_marks(figure)
    assert {m.x for m in marks} == {(LEFT + RIGHT) / 2}
    assert [t.text for t in svg_of(figure).iter(f"{SVG}text")] == ["6", "0", "21 Sep 2023"]


def test_the_drawing_is_small_whatever_the_number_of_claims():
    many = Figure("many", "Arrivals", "people", tuple(claim(exact(1000 * i), f"2023-09-{i:02d}") for i in range(1, 28)))
    few = Figure("few", "Arrivals", "people", tuple(claim(exact(1000 * i), f"2023-09-{i:02d}") for i in range(1, 4)))
    count = [len(list(svg_of(f).iter())) for f in (many, few)]
    assert count[0] == count[1] <= 10


def test_svg_is_named_in_words_and_kept_out_of_search():
    svg = svg_of(TOLL, table_name="The table “All 5 claims”")
    assert svg.get("role") == "img" and svg.get("data-search-exclude") == ""
    label = svg.get("aria-label")
    assert label.startswith("Chart of 5 claims by as-of date, 26 September 2023 to 22 December 2023,")
    assert "from at least 20 deaths to 218 deaths" in label
    assert "1 current, 3 superseded, 1 misreport" in label
    assert label.endswith("The table “All 5 claims” lists them.")
    escaped = Figure("x", "<b>", 'de"aths<', (claim(exact(1), "2023"), claim(exact(2), "2024")))
    assert 'de"aths<' in svg_of(escaped).get("aria-label")  # escaped in the HTML, intact as text


def test_no_claims_is_an_error():
    with pytest.raises(ChartError):
        spark_marks(Figure("none", "None", "deaths", ()))


@pytest.mark.parametrize(
    "value, shown", [(40, "40"), (2500, "2,500"), (125000, "125k"), (600000, "600k"), (12_500_000, "12.5M")]
)
def test_axis_numbers_are_compact(value, shown):
    assert compact_number(value) == shown


def test_figures_page_charts_figures_with_claims_to_compare_and_tucks_the_table_away():
    html = Renderer(make_content()).figures_index(PageContext("figures.md", "figures/"))
    root = parse_html(html)
    (details,) = support.find(root, "details", class_="nk-claims-all")
    assert support.text(details.find("summary")) == "All 3 claims"
    assert details.find("table", class_="nk-claims__table")
    (svg,) = root.find_all("svg")
    assert svg["aria-label"].endswith("The table “All 3 claims” lists them.")
    # a figure with a single claim says it all in one sentence: no chart, no table
    after = html[html.index('<h3 id="aid">') :]
    assert "<svg" not in after and "<table" not in after
    assert "Only claim: <strong>more than $11.5 million</strong>" in after


def test_figure_headings_keep_their_id_and_permalink_but_leave_the_table_of_contents_to_the_periods():
    html = Renderer(make_content()).figures_index(PageContext("figures.md", "figures/"))
    root = parse_html(html)
    assert [(h["id"], h.find("a", class_="headerlink")["href"]) for h in root.find_all("h3")] == [
        ("arrivals", "#arrivals"),
        ("aid", "#aid"),
    ]
    assert "### " not in html and "## " in html  # Markdown headings (the TOC's) for the periods only
