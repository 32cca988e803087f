"""The timeline's filter choices and year links, computed from the events a page actually shows.

Pure: names come in through lookup functions, so a page that shows part of the timeline offers only
the periods, actors, places, tags and years of its own events."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..model import Era, Event

__all__ = ["Facet", "Option", "TimelineFilters", "YearLink", "era_span", "tag_label", "timeline_filters"]


@dataclass(frozen=True, slots=True)
class Option:
    value: str  # the id in the event's data attribute and in the URL
    label: str
    count: int  # events on the page that carry it


@dataclass(frozen=True, slots=True)
class Facet:
    name: str  # query parameter and the event's data attribute: 'era' -> data-era
    label: str  # 'Period'
    all_label: str  # the first, empty choice: 'All periods'
    options: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class YearLink:
    year: int
    anchor: str  # id on the first event of the year: 'year-1988'
    count: int


@dataclass(frozen=True, slots=True)
class TimelineFilters:
    total: int
    facets: tuple[Facet, ...]  # only those that can narrow the list (some option misses some event)
    years: tuple[YearLink, ...]
    year_anchors: dict[str, str]  # event id -> year anchor it carries

    def anchor_for(self, event_id: str) -> str | None:
        return self.year_anchors.get(event_id)


def era_span(era: Era) -> str:
    """A period by its years, for the timeline's period links: '1988–1994', '2020', 'since 2024'."""
    if era.end is None:
        return f"since {era.start.year}"
    if era.end.year == era.start.year:
        return str(era.start.year)
    return f"{era.start.year}–{era.end.year}"


def tag_label(tag: str) -> str:
    """'fuel-depot-blast' -> 'fuel depot blast' (tags are lowercase slugs)."""
    return tag.replace("-", " ")


def _options(ids: Iterable[str], label: Callable[[str], str], keep_order: bool) -> tuple[Option, ...]:
    counts: dict[str, int] = {}
    for value in ids:
        counts[value] = counts.get(value, 0) + 1
    options = [Option(value, label(value), count) for value, count in counts.items()]
    if not keep_order:
        options.sort(key=lambda o: (o.label.casefold(), o.value))
    return tuple(options)


def timeline_filters(
    events: Sequence[Event],
    era_title: Callable[[str], str],
    actor_name: Callable[[str], str],
    place_name: Callable[[str], str],
) -> TimelineFilters:
    """`events` in page order. Periods keep that order (chronological); the rest are alphabetical."""
    facets = (
        Facet("era", "Period", "All periods", _options((e.era for e in events), era_title, keep_order=True)),
        Facet("actor", "Who", "Anyone", _options((a for e in events for a in e.all_actors), actor_name, False)),
        Facet("place", "Where", "Anywhere", _options((p for e in events for p in e.places), place_name, False)),
        Facet("tag", "Topic", "Any topic", _options((t for e in events for t in e.tags), tag_label, False)),
    )
    first_of_year: dict[int, str] = {}
    per_year: dict[int, int] = {}
    for event in events:
        first_of_year.setdefault(event.date.year, event.id)
        per_year[event.date.year] = per_year.get(event.date.year, 0) + 1
    years = tuple(YearLink(year, f"year-{year}", per_year[year]) for year in sorted(first_of_year))
    return TimelineFilters(
        total=len(events),
        facets=tuple(f for f in facets if any(o.count < len(events) for o in f.options)),
        years=years,
        year_anchors={first_of_year[y.year]: y.anchor for y in years},
    )
