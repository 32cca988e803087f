"""Where each record of the index pages (Sources, People and institutions, Figures) is shown: on the
index page, or (past a budget) on one of its generated part pages. Pure: the MkDocs side is
hooks/timeline_pages.py, the links go through SitePages.record_url.

The index orders its records and cuts them into sections (kinds of actor, periods of the figures; the
sources are one list by publisher). Past the budget each section gets its own page, and a section still
over it is cut by the initial letter of what the list is sorted by (publisher, family name), runs of
letters filled up to the budget (macros/page_split.py). The budgets keep a page well under 1 MB at
5,000 synthetic events (about 1.4 KB a source, 2.3 KB an actor, 3.2 KB a figure with its claims); the
real site stays one page each. `INDEX_PAGE_RECORDS` sets one budget for all three (tests use a tiny one)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from .model import Actor, Content, Source
from .page_split import pack_groups

__all__ = [
    "BUDGET_ENV", "DEFAULT_BUDGETS", "INDEX_KINDS", "IndexPart", "IndexPlan", "IndexSection",
    "budgets_from_env", "index_sections", "plan_index", "plan_indexes",
]

BUDGET_ENV = "INDEX_PAGE_RECORDS"
DEFAULT_BUDGETS = {"sources": 500, "people": 300, "figures": 150}
INDEX_KINDS = tuple(DEFAULT_BUDGETS)  # also the SitePages attribute that names each index page
INDEX_PAGES = {"sources": "sources.md", "people": "people.md", "figures": "figures.md"}
INDEX_TITLES = {"sources": "Sources", "people": "People and institutions", "figures": "Figures"}

KIND_TITLES = {
    "person": "People",
    "state": "States",
    "government-body": "Government bodies",
    "international-organisation": "International organisations",
    "ngo": "Non-governmental organisations",
    "armed-group": "Armed groups",
    "de-facto-authority": "De facto authorities",
    "media": "Media",
    "court": "Courts",
    "other": "Other",
}


@dataclass(frozen=True, slots=True)
class IndexSection:
    """A run of an index in page order: its anchor ('kind-person', 'figures-first-war', '' for none),
    heading, and records grouped by the label a reader browses by (an initial letter)."""

    anchor: str
    title: str
    records: tuple  # the records, in page order
    labels: tuple[str, ...]  # one per record: the letter its part page is cut at


@dataclass(frozen=True, slots=True)
class IndexPart:
    """One generated page of a split index."""

    key: str  # 'person-a' (from the letter A; the title gives the span), 'state', 'first-war', 'r-2'
    title: str  # 'People: A–F'
    src_path: str  # 'people/person-a-f.md'
    section: str  # the section's anchor
    record_ids: tuple[str, ...]


@dataclass(frozen=True)
class IndexPlan:
    kind: str  # 'sources', 'people', 'figures'
    index_page: str  # 'sources.md'
    budget: int
    parts: tuple[IndexPart, ...] = ()  # empty: every record is on the index page
    record_pages: Mapping[str, str] = field(default_factory=dict, repr=False)  # record id -> src path, when split

    @property
    def split(self) -> bool:
        return bool(self.parts)

    @property
    def title(self) -> str:
        return INDEX_TITLES.get(self.kind, self.kind)

    def page_of(self, record_id: str) -> str:
        return self.record_pages.get(record_id, self.index_page)

    def part(self, key: str) -> IndexPart:
        for part in self.parts:
            if part.key == key:
                return part
        raise KeyError(key)


def initial(name: str) -> str:
    """The letter a name is browsed under: 'A' for 'Aliyev', '#' for '1in.am'."""
    first = name.strip("\"'“”«» ")[:1]
    return first.upper() if first.isalpha() else "#"


def _family_key(actor: Actor) -> tuple[str, str]:
    """People by family name (the last word: Aliyev, Pashinyan), everything else by its full name."""
    name = actor.name.casefold()
    return (name.rsplit(" ", 1)[-1], name) if actor.kind == "person" else (name, name)


def _source_order(source: Source) -> tuple:
    """By publisher, then oldest first, undated ones last."""
    dated = source.published is not None
    return (source.publisher.casefold(), not dated, source.published.sort_key if source.published is not None else (), source.id)


def index_sections(kind: str, content: Content) -> list[IndexSection]:
    """The index's records in page order, in its sections (the one place that order is decided)."""
    if kind == "sources":
        sources = sorted(content.sources, key=_source_order)
        return [IndexSection("", "Sources", tuple(sources), tuple(initial(s.publisher) for s in sources))]
    if kind == "people":
        sections = []
        for actor_kind, title in KIND_TITLES.items():
            actors = sorted((a for a in content.actors if a.kind == actor_kind), key=_family_key)
            if actors:
                sections.append(IndexSection(f"kind-{actor_kind}", title, tuple(actors), tuple(initial(_family_key(a)[0]) for a in actors)))
        return sections
    if kind == "figures":
        sections = []
        for era in content.eras:
            figures = tuple(f for f in content.figures if f.era == era.id)
            if figures:
                sections.append(IndexSection(f"figures-{era.id}", era.title, figures, tuple(initial(f.label) for f in figures)))
        known = {era.id for era in content.eras}
        others = tuple(f for f in content.figures if f.era not in known)
        if others:
            sections.append(IndexSection("figures-other", "Other figures", others, tuple(initial(f.label) for f in others)))
        return sections
    raise ValueError(f"no index of {kind!r}")


def plan_index(kind: str, sections: Sequence[IndexSection], budget: int) -> IndexPlan:
    """One page while the records fit the budget; past it, a page per section, a section over the budget
    cut at initial letters (runs of whole letters; one letter over the budget in numbered pages)."""
    index_page = INDEX_PAGES[kind]
    if sum(len(section.records) for section in sections) <= budget:
        return IndexPlan(kind, index_page, budget)
    parts_dir = index_page.removesuffix(".md")
    parts: list[IndexPart] = []
    for section in sections:
        # 'person', 'first-war'; the sources are one section, cut straight into letters ('a-c')
        prefix = section.anchor.removeprefix("kind-").removeprefix(f"{kind}-")
        ids = tuple(record.id for record in section.records)
        if len(ids) <= budget:
            key = prefix or kind
            parts.append(IndexPart(key, section.title, f"{parts_dir}/{key}.md", section.anchor, ids))
            continue
        groups: dict[str, list[str]] = {}
        for record, label in zip(section.records, section.labels):
            groups.setdefault(label, []).append(record.id)
        for run in pack_groups(list(groups.items()), budget):
            key = run.key(prefix)
            parts.append(IndexPart(key, run.title(section.title), f"{parts_dir}/{key}.md", section.anchor, run.items))
    record_pages = {record_id: part.src_path for part in parts for record_id in part.record_ids}
    return IndexPlan(kind, index_page, budget, tuple(parts), record_pages)


def budgets_from_env(environ: Mapping[str, str] = os.environ) -> dict[str, int]:
    value = environ.get(BUDGET_ENV, "").strip()
    if not value:
        return dict(DEFAULT_BUDGETS)
    budget = int(value)
    if budget < 1:
        raise ValueError(f"{BUDGET_ENV} must be a positive number of records, not {value!r}")
    return {kind: budget for kind in DEFAULT_BUDGETS}


def plan_indexes(content: Content, budgets: Mapping[str, int] = DEFAULT_BUDGETS) -> dict[str, IndexPlan]:
    return {kind: plan_index(kind, index_sections(kind, content), budgets[kind]) for kind in INDEX_KINDS}
