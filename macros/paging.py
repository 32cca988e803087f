"""Where each record of the site's long lists is shown: on the list's own page or, past a budget, on one of
its generated part pages. One model for the four lists: the timeline, Sources, People and institutions,
and Figures. Pure: hooks/adapter.py adds the part pages to the build, and every link to a record goes
through `render.SitePages`, which reads the plans.

A list comes in sections, its records in page order, each record with the label a reader browses by:

* the timeline: a section per period, labelled by year;
* People and institutions: a section per side and role (Armenia's people, then its institutions, …), by the
  initial of the family name (or the name);
* Figures: a section per period, by the initial of the label;
* Sources: one section, by the initial of the publisher.

While the whole list fits its budget (mkdocs.yml, extra.explainer) it is one page. Past it, each section
gets a page; a section still over the budget is cut into runs of whole labels filled up to the budget, and
a single label over it into numbered pages. A reader then browses by the labels ('The first war:
1991–1993', 'People: A–F', 'Sources: R (2 of 3)'), and the same content always gives the same pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .kinds import labelled
from .model import Actor, Content, Source

__all__ = [
    "LISTS",
    "KIND_TITLES",
    "PEOPLE_ROLES",
    "SIDE_TITLES",
    "Part",
    "PagePlan",
    "PagedList",
    "Section",
    "initial",
    "plan_list",
    "plan_lists",
    "sections",
]


@dataclass(frozen=True, slots=True)
class PagedList:
    """One of the lists that can outgrow a page."""

    name: str  # also the folder of its part pages: 'timeline' -> timeline/first-war.md
    kind: str  # the kind of its records (macros/kinds.py)
    page: str  # its own page in docs/
    title: str
    macro: str  # the macro that shows it; a part page calls it with part='…'
    description: str  # of each part page (its meta description)
    noun: tuple[str, str]  # one record, several

    def part_page(self, key: str) -> str:
        return f"{self.name}/{key}.md"


LISTS: dict[str, PagedList] = {
    paged.name: paged
    for paged in (
        PagedList(
            "timeline",
            "events",
            "timeline.md",
            "Timeline",
            "timeline",
            "Part of the timeline, oldest event first, each event with its sources.",
            ("event", "events"),
        ),
        PagedList(
            "sources",
            "sources",
            "sources.md",
            "Sources",
            "sources_index",
            "Part of the bibliography: sources with where they were read and every place the site cites them.",
            ("source", "sources"),
        ),
        PagedList(
            "people",
            "actors",
            "people.md",
            "People and institutions",
            "people_index",
            "Part of the index of people and institutions, by side, with their roles and their events on the timeline.",
            ("entry", "entries"),
        ),
        PagedList(
            "figures",
            "figures",
            "figures.md",
            "Figures",
            "figures_index",
            "Part of the figures: every number with who gave it, when, and how it changed.",
            ("figure", "figures"),
        ),
    )
}

# The headings of People and institutions: one for each side (the actors' `side`), in the schema's order;
# under each, its people, then its institutions and groups. Factual names (docs/names.md): the de facto
# authorities are called that, not by their own name or a side's label for them.
SIDE_TITLES = labelled(
    {
        "armenia": "Armenia",
        "azerbaijan": "Azerbaijan",
        "nagorno-karabakh": "Nagorno-Karabakh's de facto authorities",
        "russia": "Russia",
        "other-states": "Other states",
        "international": "International organisations",
        "soviet-union": "The Soviet Union, until 1991",
        "others": "Non-governmental organisations, media and others",
    },
    "actors",
    "side",
)
PEOPLE_ROLES = {"people": "People", "bodies": "Institutions and groups"}  # a section's key: '<side>-<role>'

# What each kind of actor is called (the people page's data-kind; every kind needs one).
KIND_TITLES = labelled(
    {
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
    },
    "actors",
    "kind",
)


@dataclass(frozen=True, slots=True)
class Section:
    """A run of a list in page order."""

    anchor: str  # its heading's id: 'first-war', 'side-armenia-people', 'figures-first-war'; '' for none
    key: str  # what its part pages are named after: 'first-war', 'armenia-people'; '' for the sources' one section
    title: str
    records: tuple  # in page order
    labels: tuple[str, ...]  # one per record: what a part page is cut at (a year, an initial letter)


@dataclass(frozen=True, slots=True)
class Part:
    """One generated page of a split list: a whole section, or a run of its labels."""

    key: str  # 'first-war', 'first-war-1991', 'first-war-1991-2' (second page of one year), 'person-a', 'r-2'
    title: str  # 'The first war', 'The first war: 1991–1993', 'People: A–F', 'Sources: R (2 of 3)'
    src_path: str  # 'timeline/first-war-1991.md'
    section: str  # the section's anchor
    record_ids: tuple[str, ...]  # in page order
    labels: tuple[str, str] | None = None  # the first and last label of a run; None for a whole section


@dataclass(frozen=True)
class PagePlan:
    list: PagedList
    budget: int
    sections: tuple[Section, ...]
    parts: tuple[Part, ...] = ()  # none: every record is on the list's own page
    pages: Mapping[str, str] = field(default_factory=dict, repr=False)  # record id -> part page, when split

    @property
    def split(self) -> bool:
        return bool(self.parts)

    def part(self, key: str) -> Part:
        for part in self.parts:
            if part.key == key:
                return part
        raise KeyError(key)

    def parts_of(self, anchor: str) -> tuple[Part, ...]:
        return tuple(part for part in self.parts if part.section == anchor)

    def shows_records(self, anchor: str | None = None) -> bool:
        """Whether the list, or one section of it shown elsewhere (timeline(era=…)), shows its records
        itself; else it links to the part pages that do."""
        if anchor is None:
            return not self.split
        size = sum(len(section.records) for section in self.sections if section.anchor == anchor)
        return size <= self.budget


def plan_list(name: str, sections: Sequence[Section], budget: int) -> PagePlan:
    """The list on one page while it fits the budget; past it, a page per section, a section over the
    budget cut into runs of whole labels (a single label over it in numbered pages)."""
    if budget < 1:
        raise ValueError("the budget must be at least one record a page")
    paged = LISTS[name]
    if sum(len(section.records) for section in sections) <= budget:
        return PagePlan(paged, budget, tuple(sections))
    parts: list[Part] = []
    for section in sections:
        ids = tuple(record.id for record in section.records)
        if not ids:
            continue
        if len(ids) <= budget:
            key = section.key or name
            parts.append(Part(key, section.title, paged.part_page(key), section.anchor, ids))
            continue
        groups: dict[str, list[str]] = {}
        for record_id, label in zip(ids, section.labels):
            groups.setdefault(label, []).append(record_id)
        for run in _runs(list(groups.items()), budget):
            key = run.key(section.key)
            parts.append(
                Part(
                    key, run.title(section.title), paged.part_page(key), section.anchor, run.ids, (run.first, run.last)
                )
            )
    pages = {record_id: part.src_path for part in parts for record_id in part.record_ids}
    return PagePlan(paged, budget, tuple(sections), tuple(parts), pages)


def plan_lists(content: Content, budgets: Mapping[str, int]) -> dict[str, PagePlan]:
    """Every list's plan, by name; `budgets` has one for each (a list missing from it stays one page)."""
    return {name: plan_list(name, sections(name, content), budgets.get(name, _ONE_PAGE)) for name in LISTS}


_ONE_PAGE = 2**31


# ---- the sections of each list: the one place their order is decided


def sections(name: str, content: Content) -> list[Section]:
    if name == "timeline":
        return _timeline_sections(content)
    if name == "sources":
        ordered = sorted(content.sources, key=_source_order)
        return [Section("", "", "Sources", tuple(ordered), tuple(initial(s.publisher) for s in ordered))]
    if name == "people":
        found = []
        for side, side_title in SIDE_TITLES.items():
            for role, role_title in PEOPLE_ROLES.items():
                actors = sorted(
                    (a for a in content.actors if a.side == side and (a.kind == "person") == (role == "people")),
                    key=_family_key,
                )
                if actors:
                    key = f"{side}-{role}"
                    labels = tuple(initial(_family_key(a)[0]) for a in actors)
                    found.append(
                        Section(f"side-{key}", key, f"{side_title} ({role_title.lower()})", tuple(actors), labels)
                    )
        return found
    if name == "figures":
        found = []
        for era in content.eras:
            figures = tuple(f for f in content.figures if f.era == era.id)
            if figures:
                found.append(
                    Section(f"figures-{era.id}", era.id, era.title, figures, tuple(initial(f.label) for f in figures))
                )
        known = {era.id for era in content.eras}
        others = tuple(f for f in content.figures if f.era not in known)
        if others:
            found.append(
                Section("figures-other", "other", "Other figures", others, tuple(initial(f.label) for f in others))
            )
        return found
    raise ValueError(f"no list '{name}'")


def _timeline_sections(content: Content) -> list[Section]:
    """A section per period, in the eras' order, each event under its own; an event whose era is unknown
    gets a section of its own (the renderer reports it)."""
    by_era: dict[str, list] = {era.id: [] for era in content.eras}
    for event in content.events_by_date:
        by_era.setdefault(event.era, []).append(event)
    titles = {era.id: era.title for era in content.eras}
    return [
        Section(era_id, era_id, titles.get(era_id, era_id), tuple(events), tuple(str(e.date.year) for e in events))
        for era_id, events in by_era.items()
    ]


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
    return (
        source.publisher.casefold(),
        not dated,
        source.published.sort_key if source.published is not None else (),
        source.id,
    )


# ---- the packing rule


@dataclass(frozen=True, slots=True)
class _Run:
    """One page's worth of records: whole groups first..last, or page `number` of `count` of one big group."""

    first: str
    last: str
    ids: tuple[str, ...]
    number: int = 1
    count: int = 1

    def key(self, prefix: str) -> str:
        """'first-war-1991', 'first-war-1991-2' (second page of one group), or 'a' with no prefix."""
        slug = _slug(self.first)
        base = f"{prefix}-{slug}" if prefix else slug
        return base + (f"-{self.number}" if self.number > 1 else "")

    def title(self, heading: str) -> str:
        span = self.first if self.first == self.last else f"{self.first}–{self.last}"
        return f"{heading}: {span}" + (f" ({self.number} of {self.count})" if self.count > 1 else "")


def _runs(groups: Sequence[tuple[str, Sequence[str]]], budget: int) -> list[_Run]:
    """Groups (label, ids) in page order -> pages of at most `budget` ids: runs of whole groups filled up
    to the budget; a group over it alone, cut into numbered pages."""
    runs: list[list[tuple[str, Sequence[str]]]] = []
    count = 0
    for label, ids in groups:
        if runs and count + len(ids) <= budget:
            runs[-1].append((label, ids))
            count += len(ids)
        else:
            runs.append([(label, ids)])
            count = len(ids)
    pages: list[_Run] = []
    for run in runs:
        ids = [record_id for _, group in run for record_id in group]
        chunks = [tuple(ids[i : i + budget]) for i in range(0, len(ids), budget)]
        for number, chunk in enumerate(chunks, start=1):
            pages.append(_Run(run[0][0], run[-1][0], chunk, number, len(chunks)))
    return pages


def _slug(label: str) -> str:
    """A label as part of a file name: '1991', 'a'; other characters by code point."""
    return "".join(c if c.isascii() and c.isalnum() else f"u{ord(c):x}" for c in label.casefold()) or "other"
