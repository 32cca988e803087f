"""The typed, immutable model of the site's content.

Plain frozen dataclasses: no YAML, no MkDocs, no HTML. `loader` builds them from `content/*.yaml`,
`render` turns them into page fragments. Every record carries the `Location` of its YAML node so that
any later check can still point an editor at `file:line:column`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, Literal

from .dates import PartialDate

__all__ = [
    "Location",
    "Quantity",
    "Role",
    "Actor",
    "Event",
    "Claim",
    "Figure",
    "Source",
    "Place",
    "Era",
    "Term",
    "Content",
]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a record or field was written: shown to editors as `file:line:column` (1-based)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as a source gave it: exact, approximate, a bound ("at least 200") or a range.

    `low`/`high` hold the bounds; for `exact` and `about` both equal the value; for a lower bound
    `high` is None, for an upper bound `low` is None."""

    kind: Literal["exact", "about", "at-least", "more-than", "at-most", "range"]
    low: int | float | None
    high: int | float | None

    @property
    def representative(self) -> int | float:
        """One number for charts and sorting: the value, the bound, or a range's midpoint."""
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2 if self.kind == "range" else self.low
        return self.low if self.low is not None else self.high  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    of: str | None = None  # actor id of the body the role was held in, if any
    start: PartialDate | None = None
    end: PartialDate | None = None
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    roles: tuple[Role, ...] = ()  # oldest first: People and institutions shows the last as the role
    affiliation: str | None = None  # actor id
    aliases: tuple[str, ...] = ()  # other names and spellings: Vardanyan / Vardanian
    description: str | None = None  # short Markdown
    # where People and institutions lists it (the schema's `side`); the schema requires it of the content,
    # the default serves actors made in code
    side: str = "others"
    short_name: str | None = None  # how running text credits a number to it: 'the Armenian government'
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Account:
    """One side's account of a contested event, attributed to the actor who gave it."""

    by: str  # actor id
    text: str  # short Markdown
    sources: tuple[str, ...]  # source ids, at least one


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: PartialDate
    title: str
    summary: str  # short Markdown
    era: str  # era id
    sources: tuple[str, ...]  # source ids, at least one
    end: PartialDate | None = None
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    accounts: tuple[Account, ...] = ()  # contested events: each side's account, side by side
    location: Location | None = field(default=None, compare=False)

    @property
    def cited_sources(self) -> tuple[str, ...]:
        """Every source the event's card cites, in the order it cites them: the accounts', then its own."""
        return tuple(dict.fromkeys([*(s for a in self.accounts for s in a.sources), *self.sources]))

    @property
    def all_actors(self) -> tuple[str, ...]:
        """The actors involved and those whose accounts it gives."""
        return tuple(dict.fromkeys([*self.actors, *(a.by for a in self.accounts)]))


@dataclass(frozen=True, slots=True)
class Claim:
    value: Quantity
    as_of: PartialDate
    claimed_by: str  # actor id
    source: str  # source id
    status: str  # one of the statuses the figures schema allows (kinds.allowed("figures", "claims", "status"))
    method: str | None = None  # e.g. "border crossings" vs "registrations"
    note: str | None = None  # short Markdown
    correction: str | None = None  # source id that corrected a misreport
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Figure:
    id: str
    label: str
    unit: str  # "people", "deaths", "USD", "EUR"…
    claims: tuple[Claim, ...]
    era: str | None = None
    description: str | None = None  # short Markdown
    short_label: str | None = None  # a few words read after the number: 'people crossed into Armenia'
    location: Location | None = field(default=None, compare=False)

    @property
    def history(self) -> tuple[Claim, ...]:
        """Claims in the order they were made (as-of), oldest first."""
        return tuple(sorted(self.claims, key=lambda c: c.as_of.sort_key))

    @property
    def latest(self) -> Claim | None:
        """The most recent claim with status `current`, else the most recent that is not a misreport."""
        history = self.history
        for wanted in (("current",), ("disputed", "superseded")):
            for claim in reversed(history):
                if claim.status in wanted:
                    return claim
        return None


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    publisher: str
    origin: str  # who stands behind the publisher: armenian, azerbaijani, russian or international
    publisher_kind: str  # media, government, court, international-organisation, ngo or research
    title: str
    url: str  # https only
    published: PartialDate | None  # None: the page shows no date
    accessed: PartialDate
    author: str | None = None
    language: str | None = None  # BCP 47 tag: en, hy, az, ru, ar…
    archive_url: str | None = None
    via: str | None = None  # for a reprint: where it was read (the url is the reprint's)
    note: str | None = None
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    # English forms first: one name, or two where Armenian and Azerbaijani usage differ, in the
    # order the naming policy gives (see docs/names.md). Then native forms by language: hy, az, ru.
    english: tuple[str, ...]
    kind: str
    coordinates: tuple[float, float]  # latitude, longitude (WGS 84)
    native: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    aliases: tuple[str, ...] = ()
    description: str | None = None
    location: Location | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        """The site's label: 'Stepanakert/Khankendi' where there are two names."""
        return "/".join(self.english)


@dataclass(frozen=True, slots=True)
class Era:
    id: str
    title: str
    start: PartialDate
    end: PartialDate | None  # None: the period is still going on ("since …")
    summary: str
    page: str | None = None  # docs page that tells this period, e.g. "background/first-war.md"
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    term: str
    definition: str  # short Markdown
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Content:
    """Everything the site says, validated. Collections keep file order; lookups are by id."""

    eras: tuple[Era, ...] = ()
    events: tuple[Event, ...] = ()
    actors: tuple[Actor, ...] = ()
    figures: tuple[Figure, ...] = ()
    sources: tuple[Source, ...] = ()
    places: tuple[Place, ...] = ()
    glossary: tuple[Term, ...] = ()

    def __post_init__(self) -> None:
        index = {
            f.name: MappingProxyType({record.id: record for record in getattr(self, f.name)}) for f in fields(self)
        }
        object.__setattr__(self, "_index", MappingProxyType(index))

    def index(self, kind: str) -> Mapping[str, Any]:
        """A kind's records by id: index('events')['ceasefire']."""
        return self._index[kind]  # type: ignore[attr-defined]

    def record(self, kind: str, record_id: str) -> Any:
        """The record of that kind with that id; KeyError when there is none."""
        found = self.index(kind).get(record_id)
        if found is None:
            raise KeyError(f"no record '{record_id}' among the {kind}")
        return found

    # Typed shorthands for the calls that know which kind they want.
    def era(self, record_id: str) -> Era:
        return self.record("eras", record_id)

    def event(self, record_id: str) -> Event:
        return self.record("events", record_id)

    def actor(self, record_id: str) -> Actor:
        return self.record("actors", record_id)

    def figure(self, record_id: str) -> Figure:
        return self.record("figures", record_id)

    def source(self, record_id: str) -> Source:
        return self.record("sources", record_id)

    def place(self, record_id: str) -> Place:
        return self.record("places", record_id)

    def term(self, record_id: str) -> Term:
        return self.record("glossary", record_id)

    @property
    def events_by_date(self) -> tuple[Event, ...]:
        return tuple(sorted(self.events, key=lambda e: e.date.sort_key))
