"""Where each event of the timeline is shown: one page, or (past a budget) one generated page per period,
and per run of years within a period that is still too big. Pure: the MkDocs side is hooks/adapter.py.

The budget is `timeline_page_events` in mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from .model import Era, Event
from .page_split import pack_groups

__all__ = ["TimelinePart", "TimelinePlan", "plan_timeline"]

INDEX_PAGE = "timeline.md"
PARTS_DIR = "timeline"


@dataclass(frozen=True, slots=True)
class TimelinePart:
    """One generated page of a split timeline: the events of one period, or of some years of it."""

    key: str  # 'first-war' or 'first-war-1991' (or 'first-war-1991-2' when one year needs two pages)
    era: str
    title: str  # 'The first war' or 'The first war: 1991–1993'
    years: tuple[int, int] | None  # None: the whole period
    event_ids: tuple[str, ...]  # in timeline order

    @property
    def src_path(self) -> str:
        return f"{PARTS_DIR}/{self.key}.md"


@dataclass(frozen=True)
class TimelinePlan:
    budget: int
    parts: tuple[TimelinePart, ...] = ()  # empty: the whole timeline is on the index page
    era_sizes: Mapping[str, int] = field(default_factory=dict)
    event_pages: Mapping[str, str] = field(default_factory=dict, repr=False)  # event id -> src path, when split

    @property
    def split(self) -> bool:
        return bool(self.parts)

    def page_of(self, event_id: str) -> str:
        """The docs page (src path) that shows the event: the one place every link to it points."""
        return self.event_pages.get(event_id, INDEX_PAGE)

    def part(self, key: str) -> TimelinePart:
        for part in self.parts:
            if part.key == key:
                return part
        raise KeyError(key)

    def parts_of(self, era_id: str) -> tuple[TimelinePart, ...]:
        return tuple(part for part in self.parts if part.era == era_id)

    def shows_events(self, era_id: str | None) -> bool:
        """Whether timeline(era=…) lists the events itself (else it links to the period's pages);
        timeline() with no era lists them only when nothing is split."""
        if era_id is None:
            return not self.split
        return self.era_sizes.get(era_id, 0) <= self.budget


def plan_timeline(eras: Sequence[Era], events_by_date: Sequence[Event], budget: int) -> TimelinePlan:
    """One page while the events fit the budget. Past it, one page per period; a period over the budget
    is cut into runs of whole years, each run filled up to the budget (a single year over it is cut into
    numbered pages)."""
    by_era: dict[str, list[Event]] = {era.id: [] for era in eras}
    for event in events_by_date:
        by_era.setdefault(event.era, []).append(event)
    sizes = {era_id: len(events) for era_id, events in by_era.items()}
    if len(events_by_date) <= budget:
        return TimelinePlan(budget, era_sizes=sizes)
    titles = {era.id: era.title for era in eras}
    parts: list[TimelinePart] = []
    for era_id, events in by_era.items():
        if not events:
            continue
        if len(events) <= budget:
            parts.append(TimelinePart(era_id, era_id, titles.get(era_id, era_id), None, tuple(e.id for e in events)))
        else:
            parts.extend(_by_years(era_id, titles.get(era_id, era_id), events, budget))
    page_of = {event_id: part.src_path for part in parts for event_id in part.event_ids}
    return TimelinePlan(budget, tuple(parts), sizes, page_of)


def _by_years(era_id: str, title: str, events: list[Event], budget: int) -> list[TimelinePart]:
    years: dict[int, list[Event]] = {}
    for event in events:
        years.setdefault(event.date.year, []).append(event)
    return [
        TimelinePart(run.key(era_id), era_id, run.title(title), (int(run.first), int(run.last)), tuple(e.id for e in run.items))
        for run in pack_groups([(str(year), in_year) for year, in_year in years.items()], budget)
    ]
