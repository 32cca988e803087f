"""How numbers, quantities and dates read on the page: '100,617 people', '$11.5 million', 'at least 200'."""

from __future__ import annotations

from ..dates import PartialDate, Precision
from ..model import Quantity

__all__ = ["format_number", "format_amount", "format_quantity", "date_range", "CURRENCY_SYMBOLS"]

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}

# Large sums read better in words: "$11.5 million", not "$11,500,000".
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"))

_BOUND_WORDS = {"about": "about ", "at-least": "at least ", "more-than": "more than ", "at-most": "up to "}

# "1 deaths" reads wrong; the few units whose singular is not just the plural minus "s".
_SINGULAR = {"people": "person", "servicemen": "serviceman"}


def format_number(value: int | float) -> str:
    """Thousands separators; no trailing '.0' on whole floats."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_amount(value: int | float, unit: str) -> str:
    """One number with its unit: '68 deaths', '$11.5 million', '€500,000'."""
    symbol = CURRENCY_SYMBOLS.get(unit)
    if symbol is None:
        return f"{format_number(value)} {_unit_for(value, unit)}".rstrip()
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{symbol}{format_number(round(value / size, 3))} {word}"
    return f"{symbol}{format_number(value)}"


def format_quantity(quantity: Quantity, unit: str) -> str:
    """A quantity as the source gave it: 'about 120,000 people', 'more than 53,000 people', '300,000–500,000 people'."""
    if quantity.kind == "range":
        assert quantity.low is not None and quantity.high is not None
        if unit in CURRENCY_SYMBOLS:
            return f"{format_amount(quantity.low, unit)}–{format_amount(quantity.high, unit)}"
        return f"{format_number(quantity.low)}–{format_amount(quantity.high, unit)}"
    value = quantity.low if quantity.low is not None else quantity.high
    if value is None:
        raise ValueError(f"quantity of kind {quantity.kind!r} has no value")
    return _BOUND_WORDS.get(quantity.kind, "") + format_amount(value, unit)


def _unit_for(value: int | float, unit: str) -> str:
    if value != 1:
        return unit
    return _SINGULAR.get(unit, unit[:-1] if unit.endswith("s") else unit)


def date_range(start: PartialDate, end: PartialDate | None) -> tuple[str, str | None]:
    """A span's two ends as a reader writes them, each at its own precision, without saying twice what
    they share: ('27', '29 February 1988'), ('25 February', '26 March 1992'), ('April', 'June 1991');
    ('1992', '12 May 1994') where the years differ, both in full where either has a time of day."""
    if end is None:
        return start.human(), None
    timed = Precision.MINUTE in (start.precision, end.precision)
    if timed or start.year != end.year or start.month is None or end.month is None:
        return start.human(), end.human()
    if start.month == end.month and start.day is not None and end.day is not None:
        return str(start.day), end.human()
    return start.human().removesuffix(f" {start.year}"), end.human()
