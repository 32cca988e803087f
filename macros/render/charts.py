"""Charts of a figure's claims, drawn at build time as inline SVG: no chart library, no script.

Two kinds, both generic over `Figure`:

* ``step``: a running total over time (arrivals in Armenia). Each claim is a dot at its as-of time;
  the line holds each total until the next report. Misreports are left out and counted in the caption.
* ``revisions``: a toll as it was revised (the fuel depot blast). One bar per claim in the order the
  claims were made; a misreport keeps its place in the sequence but is drawn hollow and labelled.

The caller passes `cite`, which turns a source id into the page's footnote reference; the chart returns
the source ids it cited so the caller can check or reuse them. Pure functions: Content in, HTML out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from markupsafe import Markup

from ..dates import PartialDate, Precision, parse_date
from ..kinds import labelled
from ..model import Claim, Content, Figure, Quantity
from .format import format_number, format_quantity
from .markup import render_markdown_inline
from .templates import make_environment

__all__ = [
    "Annotation",
    "Chart",
    "ChartKind",
    "render_claim_chart",
    "short_quantity",
    "nice_ticks",
    "one_line",
    "VIEW_WIDTH",
    "VIEW_HEIGHT",
]

ChartKind = Literal["step", "revisions"]
Cite = Callable[[str], Markup]

# The drawing's own units. CSS scales the SVG to the column's width and picks the font size in these
# units by container width (site.css, "Charts and map"), so labels stay >= 12 px from 360 px up.
VIEW_WIDTH = 480
VIEW_HEIGHT = 280
# Room for y labels up to '1,000,000' at the largest font size, and two lines of date labels.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 80, 16, 36, 50
PLOT_LEFT, PLOT_RIGHT = MARGIN_LEFT, VIEW_WIDTH - MARGIN_RIGHT
PLOT_TOP, PLOT_BOTTOM = MARGIN_TOP, VIEW_HEIGHT - MARGIN_BOTTOM

# What each claim status means to a reader, in legend order (the schema's).
STATUS_MEANINGS = labelled(
    {
        "current": "latest accepted value",
        "superseded": "earlier value, later revised",
        "disputed": "disputed",
        "misreport": "misreport, corrected later",
    },
    "figures",
    "claims",
    "status",
)
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_SHORT_BOUNDS = {"exact": "", "about": "~", "at-least": "≥", "more-than": ">", "at-most": "≤"}


class ChartError(ValueError):
    """The figure cannot be drawn as asked (no claims to plot, an unknown kind)."""


@dataclass(frozen=True, slots=True)
class Chart:
    """A rendered chart and the source ids it cited (in the order first cited)."""

    html: Markup
    source_ids: tuple[str, ...]

    def __html__(self) -> str:
        return str(self.html)

    def __str__(self) -> str:
        return str(self.html)


@dataclass(frozen=True, slots=True)
class Tick:
    position: float  # in view units along the axis
    label: str
    second_line: str = ""


@dataclass(frozen=True, slots=True)
class Mark:
    """One claim as drawn: a dot (step) or a bar (revisions)."""

    claim: Claim
    x: float
    y: float  # top of the value (dot centre, bar top)
    label: str  # short value: '≥218', '~4,850'
    tooltip: str
    span: tuple[float, float] | None = None  # x extent of a claim dated only by day (or coarser)
    whisker: tuple[float, float] | None = None  # y extent of a range value
    width: float = 0.0  # bar width


@dataclass(frozen=True, slots=True)
class Annotation:
    """A dated event marked on a step chart's time axis: a dashed line across the plot and a label."""

    date: PartialDate  # a day
    label: str  # plain text from the page's call: escaped by the template
    x: float = 0.0
    y: float = 0.0  # the label's baseline
    anchor: str = "start"  # text-anchor: 'end' near the right edge

    @property
    def text(self) -> str:
        """'24 September 2023: road to Armenia opened', for the caption and the description."""
        return f"{self.date.human()}: {self.label}"


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the data table: every claim, misreports included."""

    claim: Claim
    value: str
    claimant: str
    status: str
    method: str  # plain text: escaped by the template like every other content string
    note: Markup  # Markdown, already sanitised
    cite: Markup
    correction: Markup | None


def render_claim_chart(
    figure: Figure, content: Content, *, kind: ChartKind, cite: Cite, annotations: Mapping[str, str] | None = None
) -> Chart:
    """The figure's claims as a captioned SVG chart with its data table; `annotations` (ISO day -> label,
    step charts only) mark dated events on the time axis, and the caption and description list them."""
    if kind not in ("step", "revisions"):
        raise ChartError(f"unknown chart kind {kind!r}: use 'step' or 'revisions'")
    notes = parse_annotations(annotations)
    if notes and kind != "step":
        raise ChartError("annotations need a time axis: use them with kind='step'")
    history = figure.history
    plotted = [c for c in history if c.status != "misreport"] if kind == "step" else list(history)
    if not plotted:
        raise ChartError(f"figure '{figure.id}' has no claim to chart")

    cited = _CitationLog(cite)
    rows = [_row(claim, figure, content, cited) for claim in history]
    y_max, y_ticks = _value_axis([c.value for c in plotted])
    if kind == "step":
        marks, x_ticks, gridlines, path, notes = _step_layout(plotted, figure, y_max, notes)
    else:
        marks, x_ticks, gridlines, path = _revision_layout(plotted, figure, y_max), _revision_ticks(plotted), [], ""
    claimants = _unique(content.actor(c.claimed_by).name for c in history)
    source_refs = [cited(source_id) for source_id in _unique(c.source for c in history)]

    html = (
        make_environment()
        .get_template("chart.html")
        .render(
            figure=figure,
            kind=kind,
            dom_id=f"chart-{figure.id}",
            width=VIEW_WIDTH,
            height=VIEW_HEIGHT,
            plot=dict(left=PLOT_LEFT, right=PLOT_RIGHT, top=PLOT_TOP, bottom=PLOT_BOTTOM),
            marks=marks,
            path=path,
            x_ticks=x_ticks,
            gridlines=gridlines,
            y_ticks=y_ticks,
            y_title=_y_title(figure, kind),
            annotations=notes,
            caption=_caption(figure, kind, history, plotted) + _annotation_caption(notes),
            description=_description(figure, kind, history, plotted, notes),
            statuses=[s for s in STATUS_MEANINGS if any(c.status == s for c in plotted)],
            status_meanings=STATUS_MEANINGS,
            claimants=claimants,
            source_refs=source_refs,
            rows=rows,
        )
    )
    return Chart(one_line(html), cited.source_ids)


# ---- values


def short_quantity(quantity: Quantity) -> str:
    """A value short enough to print on a chart: '≥218', '>53,000', '~4,850', '300,000–500,000'."""
    if quantity.kind == "range":
        return f"{format_number(quantity.low)}–{format_number(quantity.high)}"  # type: ignore[arg-type]
    value = quantity.low if quantity.low is not None else quantity.high
    return _SHORT_BOUNDS[quantity.kind] + format_number(value)  # type: ignore[arg-type]


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least `maximum`: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if step < 1:
        step = 1
    top = math.ceil(maximum / step) * step
    return [i * step for i in range(int(round(top / step)) + 1)]


def _value_axis(values: list[Quantity]) -> tuple[float, list[Tick]]:
    highest = max(v.high if v.high is not None else v.representative for v in values)
    ticks = nice_ticks(highest * 1.08)  # headroom for the value labels above the highest mark
    return ticks[-1], [Tick(_y(t, ticks[-1]), format_number(t)) for t in ticks]


def _y(value: float, y_max: float) -> float:
    return PLOT_BOTTOM - (value / y_max) * (PLOT_BOTTOM - PLOT_TOP)


# ---- step chart: a running total over time


def parse_annotations(annotations: Mapping[str, str] | None) -> list[Annotation]:
    """A page's {"2023-09-24": "road to Armenia opened", …}, checked and in date order."""
    notes = []
    for key, label in (annotations or {}).items():
        try:
            date = parse_date(key)
        except ValueError as error:
            raise ChartError(f"annotation {key!r}: {error}") from None
        if date.precision != Precision.DAY:
            raise ChartError(f"annotation {key!r}: give a day, such as 2023-09-24")
        if not isinstance(label, str) or not label.strip():
            raise ChartError(f"annotation {key!r}: give a label")
        notes.append(Annotation(date, label.strip()))
    return sorted(notes, key=lambda n: n.date.sort_key)


def _step_layout(claims: list[Claim], figure: Figure, y_max: float, notes: Sequence[Annotation] = ()):
    spans = [_time_span(c.as_of) for c in claims]
    # The time axis covers the marked days too (the road opened the day before the first count).
    frame = spans + [_time_span(n.date) for n in notes]
    start = min(s for s, _ in frame).replace(hour=0, minute=0)
    end = max(e for _, e in frame)
    if end.time() != datetime.min.time():
        end = end.replace(hour=0, minute=0) + timedelta(days=1)
    total = (end - start).total_seconds()

    def x(moment: datetime) -> float:
        return PLOT_LEFT + (moment - start).total_seconds() / total * (PLOT_RIGHT - PLOT_LEFT)

    marks = []
    for claim, (first, last) in zip(claims, spans):
        middle = first + (last - first) / 2
        value = claim.value
        marks.append(
            Mark(
                claim=claim,
                x=round(x(middle), 1),
                y=round(_y(value.representative, y_max), 1),
                label=short_quantity(value),
                tooltip=_tooltip(claim, figure),
                span=(round(x(first), 1), round(x(last), 1)) if last > first else None,
                whisker=_whisker(value, y_max),
            )
        )
    # A running total only grows: at equal times, the smaller total comes first.
    marks.sort(key=lambda m: (m.x, m.claim.value.representative))
    line = [m for m in marks if m.claim.status != "disputed"]
    path = "".join([f"M{line[0].x},{line[0].y}"] + [f"H{m.x}V{m.y}" for m in line[1:]]) if line else ""
    days = (end - start).days
    every = 1 if days <= 12 else 2 if days <= 24 else 7 if days <= 84 else 30
    ticks, gridlines = [], []
    day = start
    previous_month = None
    while day < end:
        if (day - start).days % every == 0:
            # The month goes on a second line, at the first day and where it changes: narrow screens.
            month = "" if day.month == previous_month else _MONTHS[day.month - 1]
            previous_month = day.month
            ticks.append(Tick(round(x(day + timedelta(hours=12)), 1), str(day.day), month))
            # A rule at the start of each labelled day only: a line a day over months is hundreds of elements.
            gridlines.append(round(x(day), 1))
        day += timedelta(days=1)
    gridlines.append(round(x(end), 1))
    placed = []
    for i, note in enumerate(notes):
        at = round(x(_time_span(note.date)[0] + timedelta(hours=12)), 1)
        # Labels stack down from the top of the plot, where a running total is still low; one near the
        # right edge runs leftwards.
        right = at > PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * 0.6
        placed.append(
            Annotation(
                note.date,
                note.label,
                x=at,
                y=PLOT_TOP + 14 + 17 * i,
                anchor="end" if right else "start",
            )
        )
    return marks, ticks, gridlines, path, placed


def _time_span(date: PartialDate) -> tuple[datetime, datetime]:
    """The stretch of local time a date covers: an instant for a timed claim, else its whole day/month/year.

    Local wall-clock time, as `PartialDate.sort_key` compares it: all the claims here share one zone."""
    if date.precision == Precision.MINUTE:
        moment = datetime(date.year, date.month, date.day, date.hour, date.minute or 0)  # type: ignore[arg-type]
        return moment, moment
    if date.precision == Precision.DAY:
        day = datetime(date.year, date.month, date.day)  # type: ignore[arg-type]
        return day, day + timedelta(days=1)
    if date.precision == Precision.MONTH:
        first = datetime(date.year, date.month, 1)  # type: ignore[arg-type]
        return first, (first + timedelta(days=32)).replace(day=1)
    return datetime(date.year, 1, 1), datetime(date.year + 1, 1, 1)


def _whisker(value: Quantity, y_max: float) -> tuple[float, float] | None:
    if value.kind != "range":
        return None
    return round(_y(value.low, y_max), 1), round(_y(value.high, y_max), 1)  # type: ignore[arg-type]


# ---- revisions chart: one bar per claim, in the order the claims were made


def _revision_layout(claims: list[Claim], figure: Figure, y_max: float) -> list[Mark]:
    band = (PLOT_RIGHT - PLOT_LEFT) / len(claims)
    width = round(min(band * 0.62, 64), 1)
    return [
        Mark(
            claim=claim,
            x=round(PLOT_LEFT + band * (i + 0.5), 1),
            y=round(_y(claim.value.representative, y_max), 1),
            label=short_quantity(claim.value),
            tooltip=_tooltip(claim, figure),
            whisker=_whisker(claim.value, y_max),
            width=width,
        )
        for i, claim in enumerate(claims)
    ]


def _revision_ticks(claims: list[Claim]) -> list[Tick]:
    band = (PLOT_RIGHT - PLOT_LEFT) / len(claims)
    years = {c.as_of.year for c in claims}
    ticks = []
    for i, claim in enumerate(claims):
        first, second = _date_lines(claim.as_of, show_year=len(years) > 1)
        ticks.append(Tick(round(PLOT_LEFT + band * (i + 0.5), 1), first, second))
    return ticks


def _date_lines(date: PartialDate, *, show_year: bool) -> tuple[str, str]:
    """A short date in two lines, at the date's own precision: ('26 Sep', '21:00'), ('Dec', '2023')."""
    if date.month is None:
        return str(date.year), ""
    month = _MONTHS[date.month - 1]
    first = f"{date.day} {month}" if date.day is not None else month
    if show_year:
        return first, str(date.year)
    return first, (f"{date.hour:02d}:{date.minute or 0:02d}" if date.hour is not None else "")


# ---- words around the drawing


def _y_title(figure: Figure, kind: ChartKind) -> str:
    return f"{figure.unit}, running total" if kind == "step" else f"{figure.unit} as reported"


def _caption(figure: Figure, kind: ChartKind, history: tuple[Claim, ...], plotted: list[Claim]) -> list[str]:
    """Sentences under the chart: what it shows and how to read it (no claims of fact)."""
    if kind == "step":
        lines = ["Each dot is a total as it was reported at the time; the line holds each total until the next report."]
        if any(c.as_of.precision < Precision.MINUTE for c in plotted):
            lines.append("A total reported without a time of day is drawn across that whole day.")
        misreports = len(history) - len(plotted)
        if misreports:
            were = "value is" if misreports == 1 else "values are"
            lines.append(f"{misreports} misreported {were} left out of the chart and listed in the table.")
    else:
        lines = ["Each bar is one value in the order it was reported; bars are evenly spaced, not to scale in time."]
        if any(c.status == "misreport" for c in plotted):
            lines.append(
                "A dashed, hollow bar marks a misreport: a number that circulated and was later corrected (see the table)."
            )
    offsets = {c.as_of.utc_offset for c in history if c.as_of.precision == Precision.MINUTE}
    if len(offsets) == 1 and (offset := next(iter(offsets))) is not None:
        lines.append(f"Times are local (UTC{'+' if offset >= 0 else '-'}{abs(offset) // 60}).")
    return lines


def _annotation_caption(notes: Sequence[Annotation]) -> list[str]:
    if not notes:
        return []
    return [f"Dashed lines mark {'; '.join(n.text for n in notes)}."]


def _description(
    figure: Figure, kind: ChartKind, history: tuple[Claim, ...], plotted: list[Claim], notes: Sequence[Annotation] = ()
) -> str:
    """The SVG's <desc>: the data in a sentence for anyone who cannot see the drawing."""
    first, last = plotted[0], plotted[-1]
    shape = "Step chart" if kind == "step" else "Bar chart"
    text = (
        f"{shape}: {figure.label}. {len(plotted)} reported values, from "
        f"{format_quantity(first.value, figure.unit)} ({first.as_of.human()}) to "
        f"{format_quantity(last.value, figure.unit)} ({last.as_of.human()})."
    )
    misreports = [c for c in history if c.status == "misreport"]
    if misreports:
        listed = "; ".join(f"{format_quantity(c.value, figure.unit)} ({c.as_of.human()})" for c in misreports)
        text += f" Misreported: {listed}, {'shown as a hollow bar' if kind == 'revisions' else 'not drawn'}."
    if notes:
        text += f" Marked on the time axis: {'; '.join(n.text for n in notes)}."
    return text + " The table below lists every value."


def _tooltip(claim: Claim, figure: Figure) -> str:
    return f"{format_quantity(claim.value, figure.unit)}, {claim.as_of.human()} ({claim.status})"


def _row(claim: Claim, figure: Figure, content: Content, cite: _CitationLog) -> Row:
    for source_id in filter(None, (claim.source, claim.correction)):
        content.source(source_id)  # an unknown source id is an error, not a blank cell
    return Row(
        claim=claim,
        value=format_quantity(claim.value, figure.unit),
        claimant=content.actor(claim.claimed_by).name,
        status=claim.status,
        method=f"{claim.method[0].upper()}{claim.method[1:]}." if claim.method else "",
        note=render_markdown_inline(claim.note),
        cite=cite(claim.source),
        correction=cite(claim.correction) if claim.correction else None,
    )


class _CitationLog:
    """Calls the page's `cite` and remembers which sources the chart cited, in order."""

    def __init__(self, cite: Cite):
        self._cite = cite
        self._ids: list[str] = []

    def __call__(self, source_id: str) -> Markup:
        if source_id not in self._ids:
            self._ids.append(source_id)
        return Markup(self._cite(source_id))

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(self._ids)


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def one_line(html: str) -> Markup:
    """The fragment on a single line. A writer may call a block macro inside a list item or an
    admonition, where any line Markdown does not see as continued would end the item and leave the
    rest of the figure outside it. (Every line break in the templates falls between tags.)"""
    return Markup(" ".join(line.strip() for line in html.strip().splitlines()))
