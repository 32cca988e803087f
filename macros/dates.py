"""Dates at the precision a source supports: a year, a month, a day, or a minute with its UTC offset.

Sources rarely give a full timestamp, and a site that pads "May 1994" to "1 May 1994" invents a fact.
`PartialDate` keeps what was given and nothing more; it sorts, compares and prints at its own precision.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from enum import IntEnum

__all__ = ["Precision", "PartialDate", "parse_date"]


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3
    MINUTE = 4


# ISO 8601 subset: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss][Z|±hh[:mm]].
_DATE_RE = re.compile(
    r"""^(?P<year>\d{4})
    (?:-(?P<month>\d{2})
      (?:-(?P<day>\d{2})
        (?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?
          (?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?
        )?
      )?
    )?$""",
    re.VERBOSE,
)

_MONTHS = ("January February March April May June July August September October November December").split()


@dataclass(frozen=True, slots=True, order=False)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    # Offset from UTC in minutes; None when the source gives a time without a zone.
    utc_offset: int | None = None

    @property
    def precision(self) -> Precision:
        if self.hour is not None:
            return Precision.MINUTE
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        """Chronological key; a coarser date sorts before finer dates inside it (1994 < 1994-05).

        Times compare by their local wall-clock value: every timed source here reports local time of
        the same region, and converting to UTC could move an event across midnight."""
        minutes = -1 if self.hour is None else self.hour * 60 + (self.minute or 0)
        return (self.year, self.month or 0, self.day or 0, minutes)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key < other.sort_key

    def truncated(self, precision: Precision) -> tuple[int, ...]:
        parts = (self.year, self.month, self.day, self.hour, self.minute)
        width = {Precision.YEAR: 1, Precision.MONTH: 2, Precision.DAY: 3, Precision.MINUTE: 5}[precision]
        return tuple(p or 0 for p in parts[:width])

    def is_before(self, other: PartialDate) -> bool:
        """True only when self is certainly earlier than other, compared at their common precision."""
        common = min(self.precision, other.precision)
        return self.truncated(common) < other.truncated(common)

    def iso(self) -> str:
        """The value for HTML's `<time datetime>` and for data downloads, at its own precision."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute or 0:02d}"
            if self.utc_offset is not None:
                text += _format_offset(self.utc_offset, iso=True)
        return text

    def human(self) -> str:
        """Newsroom style: '1994', 'May 1994', '12 May 1994', '20 September 2023, 13:00 (UTC+4)'."""
        if self.month is None:
            return str(self.year)
        month = _MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        text = f"{self.day} {month} {self.year}"
        if self.hour is not None:
            text += f", {self.hour:02d}:{self.minute or 0:02d}"
            if self.utc_offset is not None:
                text += f" ({_format_offset(self.utc_offset, iso=False)})"
        return text

    def __str__(self) -> str:
        return self.iso()


def _format_offset(minutes: int, *, iso: bool) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    if iso:
        return "Z" if minutes == 0 else f"{sign}{hours:02d}:{mins:02d}"
    if minutes == 0:
        return "UTC"
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def parse_date(value: object) -> PartialDate:
    """Parse an ISO 8601 date at any supported precision.

    Accepts the raw scalar text (or an int year, as YAML reads an unquoted `1994`). Raises ValueError
    with a message fit for an editor when the text is malformed or names a day that does not exist."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"expected a date such as 1994, 1994-05 or 1994-05-12, got {value!r}")
    text = str(value).strip()
    match = _DATE_RE.match(text)
    if not match:
        raise ValueError(f"'{text}' is not an ISO 8601 date; write 1994, 1994-05, 1994-05-12 or 2023-09-20T13:00+04:00")
    g = match.groupdict()
    year = int(g["year"])
    month = int(g["month"]) if g["month"] else None
    day = int(g["day"]) if g["day"] else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a real date: there is no month {month}")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"'{text}' is not a real date: {_MONTHS[month - 1]} {year} has {last} days")
    hour = minute = offset = None
    if g["hour"] is not None:
        hour, minute = int(g["hour"]), int(g["minute"])
        if hour > 23 or minute > 59 or (g["second"] and int(g["second"]) > 59):
            raise ValueError(f"'{text}' is not a real time of day")
        offset = _parse_offset(g["tz"], text)
    return PartialDate(year, month, day, hour, minute, offset)


def _parse_offset(tz: str | None, text: str) -> int | None:
    if tz is None:
        return None
    if tz == "Z":
        return 0
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    hours, mins = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or mins > 59:
        raise ValueError(f"'{text}' has an impossible UTC offset '{tz}'")
    return sign * (hours * 60 + mins)
