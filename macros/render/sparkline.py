"""A figure's claims as a small dot chart over their as-of dates, for the Figures page: one per figure.

The big charts of charts.py draw one figure in full on a background page. This one sits above a figure's
claim table and is kept small in the page: a handful of elements whatever the number of claims (every mark
of one status is one path), no per-mark tooltips and no legend of its own (the Figures page has one key for
all of them). The table says everything the drawing shows.

Each claim is a mark at its as-of date (the middle of the day, month or year a coarser date covers, with a
line across that stretch) and its value (a range gets a whisker). The shape says the status, so colour is
never the only cue: a filled dot is the current value, a hollow dot a superseded one, a hollow diamond a
disputed one and a cross a misreport. A thin line joins the current and superseded values in date order.
Pure functions: a Figure in, SVG out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from ..dates import PartialDate, Precision
from ..model import Claim, Figure
from .charts import ChartError, _time_span, nice_ticks, one_line
from .format import format_number, format_quantity
from .templates import make_environment

__all__ = ["SparkMark", "SPARK_WIDTH", "SPARK_HEIGHT", "SHAPES", "compact_number", "spark_marks", "render_sparkline"]

# The drawing's own units; CSS scales it to the column (at most a phone's width), so 11 units of text
# read as 12 px or more at 390 px.
SPARK_WIDTH, SPARK_HEIGHT = 320, 80
LEFT, RIGHT, TOP, BOTTOM = 40, 312, 8, 60  # the plot; the date labels go under BOTTOM
PAD = 8  # room inside the plot so a mark at either end is drawn whole

# Drawing order (the current value last, on top) and each status's shape, for the page's key too.
SHAPES = {"superseded": "hollow dot", "disputed": "hollow diamond", "misreport": "cross", "current": "dot"}
_SIZE = {"current": 4.5, "superseded": 3.5, "disputed": 4.5, "misreport": 4}
_LABEL_ORDER = ("current", "superseded", "disputed", "misreport")
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True, slots=True)
class SparkMark:
    claim: Claim
    x: float
    y: float
    span: tuple[float, float] | None = None  # x extent of a date coarser than a moment
    whisker: tuple[float, float] | None = None  # y extent of a range


def compact_number(value: float) -> str:
    """An axis label short enough for the margin: '150', '2,500', '125k', '10M'."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 10_000:
        return f"{value / 1_000:g}k"
    return format_number(value)


def spark_marks(figure: Figure) -> tuple[list[SparkMark], float]:
    """Every claim as a mark, in date order (equal dates: the smaller value first), and the value axis' top."""
    claims = figure.history
    if not claims:
        raise ChartError(f"figure '{figure.id}' has no claim to chart")
    spans = [_time_span(c.as_of) for c in claims]
    start = min(first for first, _ in spans)
    end = max(last for _, last in spans)
    total = (end - start).total_seconds()

    def x(moment: datetime) -> float:
        if total == 0:
            return (LEFT + RIGHT) / 2
        return round(LEFT + PAD + (moment - start).total_seconds() / total * (RIGHT - LEFT - 2 * PAD), 1)

    highest = max(c.value.high if c.value.high is not None else c.value.representative for c in claims)
    top = nice_ticks(highest)[-1]

    def y(value: float) -> float:
        return round(BOTTOM - value / top * (BOTTOM - TOP), 1)

    marks = []
    for claim, (first, last) in zip(claims, spans):
        value = claim.value
        marks.append(
            SparkMark(
                claim=claim,
                x=x(first + (last - first) / 2),
                y=y(value.representative),
                span=(x(first), x(last)) if last > first else None,
                whisker=(y(value.low), y(value.high)) if value.kind == "range" else None,  # type: ignore[arg-type]
            )
        )
    marks.sort(key=lambda m: (m.x, m.claim.value.representative))
    return marks, top


def _shape(status: str, x: float, y: float) -> str:
    r = _SIZE[status]
    if status == "disputed":
        return f"M{x:g},{y - r:g}l{r:g},{r:g}l{-r:g},{r:g}l{-r:g},{-r:g}z"
    if status == "misreport":
        return f"M{x - r:g},{y - r:g}l{2 * r:g},{2 * r:g}m0,{-2 * r:g}l{-2 * r:g},{2 * r:g}"
    return f"M{x - r:g},{y:g}a{r:g},{r:g} 0 1 0 {2 * r:g},0a{r:g},{r:g} 0 1 0 {-2 * r:g},0"


def _short_date(date: PartialDate) -> str:
    if date.month is None:
        return str(date.year)
    if date.day is None or date.precision < Precision.DAY:
        return f"{_MONTHS[date.month - 1]} {date.year}"
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def _label(figure: Figure, marks: list[SparkMark], table_name: str) -> str:
    """The drawing's accessible name: what it shows in one sentence, and where the numbers are."""
    claims = figure.history
    values = sorted(claims, key=lambda c: c.value.representative)
    counts = [f"{n} {status}" for status in _LABEL_ORDER if (n := sum(1 for c in claims if c.status == status))]
    dates = claims[0].as_of.human() if len(claims) == 1 else f"{claims[0].as_of.human()} to {claims[-1].as_of.human()}"
    return (
        f"Chart of {len(claims)} claims by as-of date, {dates}, from "
        f"{format_quantity(values[0].value, figure.unit)} to {format_quantity(values[-1].value, figure.unit)}: "
        f"{', '.join(counts)}. {table_name} lists them."
    )


def render_sparkline(figure: Figure, *, table_name: str = "The table below") -> Markup:
    """The figure's claims as a small SVG dot chart, on one line of HTML."""
    marks, top = spark_marks(figure)
    shapes = {status: "".join(_shape(status, m.x, m.y) for m in marks if m.claim.status == status) for status in SHAPES}
    ranges = "".join(f"M{m.span[0]:g},{m.y:g}H{m.span[1]:g}" for m in marks if m.span) + "".join(
        f"M{m.x:g},{m.whisker[0]:g}V{m.whisker[1]:g}" for m in marks if m.whisker
    )
    trail = [m for m in marks if m.claim.status in ("current", "superseded")]
    path = "".join(f"{'L' if i else 'M'}{m.x:g},{m.y:g}" for i, m in enumerate(trail)) if len(trail) > 1 else ""
    first = min(marks, key=lambda m: (m.span or (m.x, m.x))[0])
    last = max(marks, key=lambda m: (m.span or (m.x, m.x))[1])
    html = (
        make_environment()
        .get_template("sparkline.html")
        .render(
            figure=figure,
            width=SPARK_WIDTH,
            height=SPARK_HEIGHT,
            plot=dict(left=LEFT, right=RIGHT, top=TOP, bottom=BOTTOM),
            label=_label(figure, marks, table_name),
            top_label=compact_number(top),
            shapes=[(status, d) for status, d in shapes.items() if d],
            ranges=ranges,
            trail=path,
            first=_short_date(first.claim.as_of),
            last=_short_date(last.claim.as_of),
            middle=f"{(LEFT + RIGHT) / 2:g}",
        )
    )
    return one_line(html)
