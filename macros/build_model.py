"""Turn schema-valid records (plain dicts) into the typed model, checking what a schema cannot say.

The schema has already vouched for fields and types. What is left is per-record meaning: dates that do not
exist (2023-02-30), an end before its start, a range whose min exceeds its max, a latitude beyond ±90, a
figure with two `current` claims. A record with such a problem is reported and left out of the model.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from .dates import PartialDate, parse_date
from .diagnostics import Diagnostic, error, warning
from .model import Account, Actor, Claim, Era, Event, Figure, Location, Place, Quantity, Role, Source, Term
from .yaml_reader import YamlDocument

__all__ = ["RecordContext", "build_record", "quantity", "era", "event", "actor", "figure", "source", "place", "term"]


@dataclass
class RecordContext:
    """One record being built: where it is, what to call it, and the problems found so far."""

    document: YamlDocument
    index: int
    label: str  # "event 'fuel-depot-blast'"
    problems: list[Diagnostic]

    def location(self, *path: str | int) -> Location:
        return self.document.location((self.index, *path))

    def fail(self, message: str, *path: str | int) -> None:
        self.problems.append(error(self.location(*path), f"{self.label}: {message}"))

    def warn(self, message: str, *path: str | int) -> None:
        self.problems.append(warning(self.location(*path), f"{self.label}: {message}"))

    def date(self, value: Any, *path: str | int) -> PartialDate | None:
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.fail(f"'{path[-1]}': {exc}", *path)
            return None

    def dates_in_order(
        self, start: PartialDate | None, end: PartialDate | None, names: tuple[str, str], *path: str | int
    ) -> None:
        if start is not None and end is not None and end.is_before(start):
            first, last = names
            self.fail(f"'{last}' ({end}) is before '{first}' ({start})", *path, last)


def build_record(
    build: Callable[[dict[str, Any], RecordContext], object], record: dict[str, Any], context: RecordContext
):
    """The model object `build` (one of the builders below, named in macros/kinds.py) makes of a record,
    or None when the record has a problem (reported in context.problems).

    `context` is fresh for each record, so any error in it belongs to this record."""
    built = build(record, context)
    return None if any(problem.is_error for problem in context.problems) else built


def event(r: dict[str, Any], c: RecordContext) -> Event | None:
    date, end = c.date(r["date"], "date"), c.date(r.get("end"), "end")
    c.dates_in_order(date, end, ("date", "end"))
    accounts = tuple(Account(by=a["by"], text=a["text"], sources=tuple(a["sources"])) for a in r.get("accounts", ()))
    by = [a.by for a in accounts]
    for i, actor in enumerate(by):
        if actor in by[:i]:
            c.fail(
                f"two accounts by '{actor}': give each side's account once, from different actors", "accounts", i, "by"
            )
    if date is None:
        return None
    return Event(
        id=r["id"],
        date=date,
        end=end,
        title=r["title"],
        summary=r["summary"],
        era=r["era"],
        sources=tuple(r["sources"]),
        actors=tuple(r.get("actors", ())),
        places=tuple(r.get("places", ())),
        figures=tuple(r.get("figures", ())),
        tags=tuple(r.get("tags", ())),
        accounts=accounts,
        location=c.location(),
    )


def actor(r: dict[str, Any], c: RecordContext) -> Actor:
    roles = []
    for i, role in enumerate(r.get("roles", ())):
        start, end = c.date(role.get("start"), "roles", i, "start"), c.date(role.get("end"), "roles", i, "end")
        c.dates_in_order(start, end, ("start", "end"), "roles", i)
        roles.append(
            Role(title=role["title"], of=role.get("of"), start=start, end=end, location=c.location("roles", i))
        )
    return Actor(
        id=r["id"],
        name=r["name"],
        kind=r["kind"],
        roles=tuple(roles),
        affiliation=r.get("affiliation"),
        aliases=tuple(r.get("aliases", ())),
        description=r.get("description"),
        side=r["side"],
        short_name=r.get("short_name"),
        location=c.location(),
    )


_BOUND_KINDS: dict[str, Literal["about", "at-least", "more-than", "at-most"]] = {
    "about": "about",
    "at_least": "at-least",
    "more_than": "more-than",
    "at_most": "at-most",
}


def quantity(value: int | float | dict[str, int | float]) -> Quantity:
    """The model's Quantity for a schema-valid claim value."""
    if not isinstance(value, dict):
        return Quantity("exact", value, value)
    if "min" in value:
        return Quantity("range", value["min"], value["max"])
    ((key, number),) = value.items()
    kind = _BOUND_KINDS[key]
    if kind == "at-most":
        return Quantity(kind, None, number)
    return Quantity(kind, number, number if kind == "about" else None)


def figure(r: dict[str, Any], c: RecordContext) -> Figure:
    claims = []
    for i, raw in enumerate(r["claims"]):
        value = quantity(raw["value"])
        if not all(math.isfinite(bound) for bound in (value.low, value.high) if bound is not None):
            c.fail(f"claim {i + 1}: a value must be a finite number, not .nan or .inf", "claims", i, "value")
        elif value.kind == "range" and value.low > value.high:  # type: ignore[operator]
            c.fail(f"claim {i + 1}: 'min' ({value.low}) is greater than 'max' ({value.high})", "claims", i, "value")
        claims.append(
            Claim(
                value=value,
                as_of=c.date(raw["as_of"], "claims", i, "as_of"),  # type: ignore[arg-type]
                claimed_by=raw["claimed_by"],
                source=raw["source"],
                status=raw["status"],
                method=raw.get("method"),
                note=raw.get("note"),
                correction=raw.get("correction"),
                location=c.location("claims", i),
            )
        )
    _one_current_claim(r["claims"], c)
    return Figure(
        id=r["id"],
        label=r["label"],
        unit=r["unit"],
        claims=tuple(claims),
        era=r.get("era"),
        description=r.get("description"),
        short_label=r.get("short_label"),
        location=c.location(),
    )


def _one_current_claim(claims: list[dict[str, Any]], c: RecordContext) -> None:
    current = [i for i, claim in enumerate(claims) if claim["status"] == "current"]
    for later in current[1:]:
        c.fail(
            f"claims {current[0] + 1} and {later + 1} are both 'current'; mark the older one 'superseded'",
            "claims",
            later,
            "status",
        )
    if not current and any(claim["status"] != "disputed" for claim in claims):
        c.warn("no claim is 'current'; mark the latest accepted value current (or all disputed)", "claims")


def source(r: dict[str, Any], c: RecordContext) -> Source:
    return Source(
        id=r["id"],
        publisher=r["publisher"],
        origin=r["origin"],
        publisher_kind=r["publisher_kind"],
        title=r["title"],
        url=r["url"],
        published=c.date(r["published"], "published") if "published" in r else None,
        accessed=c.date(r["accessed"], "accessed"),  # type: ignore[arg-type]
        author=r.get("author"),
        language=r.get("language"),
        archive_url=r.get("archive_url"),
        via=r.get("via"),
        note=r.get("note"),
        location=c.location(),
    )


def place(r: dict[str, Any], c: RecordContext) -> Place:
    names = dict(r["names"])
    english = names.pop("en")
    latitude, longitude = r["coordinates"]
    # The schema bounds both to ±180 but lets .nan through (every comparison with it is false).
    if not (-90 <= latitude <= 90 and math.isfinite(longitude)):
        c.fail(
            f"coordinates [{latitude}, {longitude}] are not [latitude within ±90, longitude within ±180]", "coordinates"
        )
    return Place(
        id=r["id"],
        english=(english,) if isinstance(english, str) else tuple(english),
        kind=r["kind"],
        coordinates=(float(latitude), float(longitude)),
        native=MappingProxyType(names),
        aliases=tuple(r.get("aliases", ())),
        description=r.get("description"),
        location=c.location(),
    )


def era(r: dict[str, Any], c: RecordContext) -> Era:
    start, end = c.date(r["start"], "start"), c.date(r.get("end"), "end")
    c.dates_in_order(start, end, ("start", "end"))
    return Era(
        id=r["id"],
        title=r["title"],
        start=start,  # type: ignore[arg-type]
        end=end,
        summary=r["summary"],
        page=r.get("page"),
        location=c.location(),
    )


def term(r: dict[str, Any], c: RecordContext) -> Term:
    return Term(
        id=r["id"],
        term=r["term"],
        definition=r["definition"],
        aliases=tuple(r.get("aliases", ())),
        sources=tuple(r.get("sources", ())),
        location=c.location(),
    )
