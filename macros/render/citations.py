"""Numbered notes per page, and the reverse index: for every source, where the site cites it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import jinja2
from jinja2 import nodes

from ..model import Content
from .links import page_url

__all__ = ["CitedBy", "MacroCall", "PageNotes", "SitePages", "citation_index", "macro_calls", "sources_cited_by"]


@dataclass(frozen=True, slots=True)
class SitePages:
    """Which docs page shows which kind of record (the record id is its anchor there)."""

    timeline: str = "timeline.md"
    people: str = "people.md"
    figures: str = "figures.md"
    sources: str = "sources.md"
    names: str = "names.md"
    use_directory_urls: bool = True
    # event id -> the generated page that shows it, when the timeline is split (macros/timeline_split.py)
    event_pages: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    # index ('sources', 'people', 'figures') -> record id -> the generated page that shows it, when that
    # index is split (macros/index_split.py)
    record_pages: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False, hash=False)

    def url(self, page: str, anchor: str | None = None) -> str:
        if anchor and page in self.record_pages:
            return self.record_url(page, anchor)
        url = page_url(getattr(self, page), self.use_directory_urls)
        return f"{url}#{anchor}" if anchor else url

    def record_url(self, index: str, record_id: str) -> str:
        """The one address of a record of an index page (page + anchor), split or not."""
        src_path = self.record_pages.get(index, {}).get(record_id, getattr(self, index))
        return f"{page_url(src_path, self.use_directory_urls)}#{record_id}"

    def source_url(self, source_id: str) -> str:
        """Every link to a source (notes' 'Source details', back-links) uses this."""
        return self.record_url("sources", source_id)

    def actor_url(self, actor_id: str) -> str:
        """Every link to an actor (actor(), claims' 'claimed by', roles, affiliations) uses this."""
        return self.record_url("people", actor_id)

    def figure_url(self, figure_id: str) -> str:
        """Every link to a figure (value(), figure cards, events' figures, sources' back-links) uses this."""
        return self.record_url("figures", figure_id)

    def event_url(self, event_id: str) -> str:
        """The one address of an event (page + anchor), split timeline or not: every link to an event uses it."""
        return f"{page_url(self.event_pages.get(event_id, self.timeline), self.use_directory_urls)}#{event_id}"


@dataclass(frozen=True, slots=True)
class CitedBy:
    """One place on the site that cites a source: shown as a back-link on the Sources page."""

    label: str
    url: str  # site URL, may carry a #fragment


@dataclass(frozen=True, slots=True)
class NoteReference:
    number: int
    ref_id: str  # 'fnref:3', then 'fnref2:3' for the second reference to note 3 (Python-Markdown's scheme)


@dataclass
class PageNotes:
    """Note numbering for one page: a source keeps its number wherever the page cites it again."""

    _numbers: dict[str, int] = field(default_factory=dict)
    _reference_counts: dict[str, int] = field(default_factory=dict)

    def reference(self, source_id: str) -> NoteReference:
        number = self._numbers.setdefault(source_id, len(self._numbers) + 1)
        count = self._reference_counts[source_id] = self._reference_counts.get(source_id, 0) + 1
        return NoteReference(number, f"fnref:{number}" if count == 1 else f"fnref{count}:{number}")

    def notes(self) -> list[tuple[int, str, list[str]]]:
        """(number, source id, the ids of every reference to it) in note order."""
        return [
            (number, source_id, [f"fnref:{number}"] + [f"fnref{n}:{number}" for n in range(2, self._reference_counts[source_id] + 1)])
            for source_id, number in self._numbers.items()
        ]

    def __bool__(self) -> bool:
        return bool(self._numbers)


@dataclass(frozen=True, slots=True)
class MacroCall:
    """A macro call written in a page, with its constant arguments: cite("a", "b"), timeline(era="x")."""

    name: str
    args: tuple = ()
    kwargs: tuple[tuple[str, object], ...] = ()

    def argument(self, position: int, name: str) -> object | None:
        if len(self.args) > position:
            return self.args[position]
        return dict(self.kwargs).get(name)


def macro_calls(page_source: str) -> list[MacroCall]:
    """Every macro call in a page's Markdown, read with Jinja's own parser (the page is a Jinja template)."""
    try:
        tree = jinja2.Environment().parse(page_source)
    except jinja2.TemplateSyntaxError:
        return []  # the build renders the page and reports the error with its line
    calls = []
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name):
            args = tuple(a.value for a in call.args if isinstance(a, nodes.Const))
            kwargs = tuple((k.key, k.value.value) for k in call.kwargs if isinstance(k.value, nodes.Const))
            calls.append(MacroCall(call.node.name, args, kwargs))
    return calls


def sources_cited_by(content: Content, call: MacroCall) -> list[str]:
    """The sources a macro call puts in its page's notes. Unknown ids are skipped: rendering reports them."""
    figures = {f.id: f for f in content.figures}
    if call.name == "cite":
        return [a for a in call.args if isinstance(a, str)]
    if call.name == "timeline":
        era = call.argument(0, "era")
        return [s for e in content.events if era is None or e.era == era for s in e.cited_sources]
    if call.name in ("value", "figure"):
        figure = figures.get(call.argument(0, "figure_id"))  # type: ignore[call-overload]
        latest = figure.latest if figure else None
        return [latest.source] if latest else []
    if call.name in ("claims", "chart", "figures_index"):
        chosen = [figures[call.args[0]]] if call.name in ("claims", "chart") and call.args and call.args[0] in figures else []
        if call.name == "figures_index":
            chosen = list(content.figures)
        return [s for f in chosen for c in f.claims for s in (c.source, c.correction) if s]
    if call.name == "glossary_index":
        return [s for t in content.glossary for s in t.sources]
    return []


def citation_index(
    content: Content, pages: SitePages, prose_citations: Mapping[str, Iterable[CitedBy]] | None = None
) -> dict[str, tuple[CitedBy, ...]]:
    """Source id -> every event, claim, term and page that cites it, computed once per build.

    `prose_citations` adds the pages (source id -> CitedBy of the page); a page already linked through one
    of its records (the timeline through its events) is not listed twice."""
    found: dict[str, list[CitedBy]] = defaultdict(list)
    for event in content.events_by_date:
        for source_id in event.cited_sources:
            found[source_id].append(CitedBy(f"Timeline: {event.title}", pages.event_url(event.id)))
    for figure in content.figures:
        for claim in figure.history:
            label = f"Figures: {figure.label} (as of {claim.as_of.human()})"
            found[claim.source].append(CitedBy(label, pages.figure_url(figure.id)))
            if claim.correction:
                found[claim.correction].append(CitedBy(f"{label}, correction", pages.figure_url(figure.id)))
    for term in content.glossary:
        for source_id in term.sources:
            found[source_id].append(CitedBy(f"Names and terms: {term.term}", pages.url("names", term.id)))
    for source_id, citers in (prose_citations or {}).items():
        linked_pages = {citer.url.partition("#")[0] for citer in found[source_id]}
        found[source_id].extend(c for c in citers if c.url.partition("#")[0] not in linked_pages)
    return {source_id: tuple(dict.fromkeys(citers)) for source_id, citers in found.items()}
