"""Checks across records that need their dates: each event lies within its period, the periods follow
one another (sharing at most their boundary day; only the last may be still going on), and every file
keeps its records in the order CONTRIBUTING gives, so an editor knows where a new record goes.

Runs on the parsed files after the schema check; a date that does not parse was reported by
build_model and is skipped here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .dates import PartialDate, parse_date
from .diagnostics import Diagnostic, error
from .kinds import KINDS, noun
from .references import ParsedFile

__all__ = ["check_periods", "check_order"]


def _date(value: Any) -> PartialDate | None:
    if value is None or isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None


def _span(start: PartialDate, end: PartialDate | None) -> str:
    return f"since {start.human()}" if end is None else f"{start.human()} – {end.human()}"


def _eras(files: dict[str, ParsedFile]) -> list[tuple[int, str, PartialDate, PartialDate | None]]:
    """(index, id, start, end) of each era whose dates parse, in file order."""
    parsed = files.get("eras")
    if parsed is None:
        return []
    found = []
    for index, record in parsed.valid_records():
        start = _date(record["start"])
        end = _date(record.get("end")) if "end" in record else None
        if start is not None and (end is not None or "end" not in record):
            found.append((index, record["id"], start, end))
    return found


def check_periods(files: dict[str, ParsedFile]) -> list[Diagnostic]:
    eras = _eras(files)
    diagnostics = _era_sequence(files, eras)
    events = files.get("events")
    if events is None or not eras:
        return diagnostics
    spans = {era_id: (start, end) for _, era_id, start, end in eras}
    for index, record in events.valid_records():
        span = spans.get(record["era"])
        date = _date(record["date"])
        if span is None or date is None:
            continue  # an unknown era is reported by the reference check, a bad date by build_model
        start, end = span
        if _within(date, start, end):
            continue
        fits = [era_id for _, era_id, s, e in eras if _within(date, s, e)]
        hint = f"; that date is in '{fits[0]}'" if fits else "; no period covers that date"
        diagnostics.append(
            error(
                events.document.location((index, "era")),
                f"event '{record['id']}': date {date} is outside its period '{record['era']}' ({_span(start, end)}){hint}",
            )
        )
    return diagnostics


def _within(date: PartialDate, start: PartialDate, end: PartialDate | None) -> bool:
    """At the precision both dates share: 2023-09 lies within a period that starts on 2023-09-19."""
    return not date.is_before(start) and (end is None or not end.is_before(date))


def _era_sequence(
    files: dict[str, ParsedFile], eras: list[tuple[int, str, PartialDate, PartialDate | None]]
) -> list[Diagnostic]:
    """Periods by start: each may share its last day with the next one's first, no more, and only the
    last may be still going on."""
    diagnostics: list[Diagnostic] = []
    if not eras:
        return diagnostics
    document = files["eras"].document
    ordered = sorted(eras, key=lambda era: era[2].sort_key)
    for (index, era_id, _start, end), (next_index, next_id, next_start, _) in zip(ordered, ordered[1:]):
        if end is None:
            diagnostics.append(
                error(
                    document.location((index,)),
                    f"era '{era_id}' has no end, but era '{next_id}' starts after it ({next_start}): give it an 'end'; only the last period may be still going on",
                )
            )
        elif next_start.is_before(end):
            diagnostics.append(
                error(
                    document.location((next_index, "start")),
                    f"era '{next_id}' starts ({next_start}) before era '{era_id}' ends ({end}); periods may share only their boundary day",
                )
            )
    return diagnostics


# --- the order of the records in each file ---------------------------------------------------------


def check_order(files: dict[str, ParsedFile]) -> list[Diagnostic]:
    """The first record of each file that is out of order, with where it belongs."""
    era_rank = {era_id: rank for rank, (_, era_id, _, _) in enumerate(_eras(files))}
    keys: dict[str, Callable[[dict[str, Any]], tuple | None]] = {
        "eras": lambda r: _date_key(r.get("start")),
        "events": lambda r: _date_key(r.get("date")),
        # A figure with no era comes after the periods' groups; one with an unknown era is not judged.
        "figures": lambda r: (
            (era_rank[r["era"]],) if r.get("era") in era_rank else None if "era" in r else (len(era_rank),)
        ),
    }
    diagnostics = []
    for name, parsed in files.items():
        key = keys.get(name, lambda r: (r["id"],) if isinstance(r.get("id"), str) else None)
        problem = _first_out_of_order(name, parsed, key)
        if problem is not None:
            diagnostics.append(problem)
    return diagnostics


def _date_key(value: Any) -> tuple | None:
    date = _date(value)
    return None if date is None else date.sort_key


def _keyed(
    parsed: ParsedFile, key: Callable[[dict[str, Any]], tuple | None]
) -> Iterator[tuple[int, dict[str, Any], tuple]]:
    for index, record in enumerate(parsed.records):
        if isinstance(record, dict):
            value = key(record)
            if value is not None:
                yield index, record, value


def _first_out_of_order(
    name: str, parsed: ParsedFile, key: Callable[[dict[str, Any]], tuple | None]
) -> Diagnostic | None:
    keyed = list(_keyed(parsed, key))
    keys = [value for _, _, value in keyed]
    first = next((j for j in range(1, len(keys)) if keys[j] < keys[j - 1]), None)
    if first is None:
        return None
    # Which of the two is misplaced: the earlier one when leaving it out would leave its neighbours in
    # order and leaving out the later one would not (a new event put at the top of the file).
    without_earlier = first < 2 or keys[first - 2] <= keys[first]
    without_later = first + 1 >= len(keys) or keys[first - 1] <= keys[first + 1]
    moved = first - 1 if without_earlier and not without_later else first
    index, record, value = keyed[moved]
    other = keyed[first] if moved == first - 1 else keyed[first - 1]
    why = (
        f"{_describe(name, other[1])} comes after it"
        if moved == first - 1
        else f"it comes after {_describe(name, other[1])}"
    )
    # Where it belongs: after the last other record that sorts no later than it (a day's events keep theirs).
    after = next((item for item in reversed(keyed) if item[0] != index and item[2] <= value), None)
    kind = noun(name)
    if after is None:
        top = next(item for item in keyed if item[0] != index)
        where = (
            f"move it to the top, before {kind} '{top[1].get('id')}' (line {parsed.document.location((top[0],)).line})"
        )
    else:
        where = f"move it after {kind} '{after[1].get('id')}' (line {parsed.document.location((after[0],)).line})"
    return error(
        parsed.document.location((index,)),
        f"{_describe(name, record)} is out of order: {KINDS[name].order}, and {why}; {where}",
    )


def _describe(name: str, record: dict[str, Any]) -> str:
    """event 'x' (2023-09-20), figure 'y' (era 'blockade'), actor 'z'."""
    text = f"{noun(name)} '{record.get('id')}'"
    detail = {"events": record.get("date"), "eras": record.get("start")}.get(name)
    if name == "figures":
        detail = f"era '{record['era']}'" if "era" in record else "no era"
    return f"{text} ({detail})" if detail is not None else text
