"""Numbered notes per page, and the reverse index: for every source, where the site cites it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..kinds import KINDS
from ..model import Content
from .links import page_url

__all__ = ["CitedBy", "PageNotes", "SitePages", "citation_index"]


@dataclass(frozen=True, slots=True)
class SitePages:
    """Where each record is shown, with its id as the anchor: on its kind's page (macros/kinds.py) or, when
    its list is split, on the part page that holds it (macros/paging.py). Every link to a record goes
    through `record_url`."""

    use_directory_urls: bool = True
    # kind ('events', 'sources', 'actors', 'figures') -> record id -> the part page that shows it, when split
    record_pages: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False, hash=False)
    # src path -> URL: each page's URL is asked of MkDocs once (a site has tens of pages and thousands of links)
    _urls: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def page_url(self, src_path: str) -> str:
        url = self._urls.get(src_path)
        if url is None:
            url = self._urls[src_path] = page_url(src_path, self.use_directory_urls)
        return url

    def record_url(self, kind: str, record_id: str) -> str:
        """The one address of a record (page + anchor), split or not."""
        return f"{self.page_url(self.record_pages.get(kind, {}).get(record_id, KINDS[kind].page))}#{record_id}"


@dataclass(frozen=True, slots=True)
class CitedBy:
    """One place on the site that cites a source: shown as a back-link on the Sources page."""

    label: str
    url: str  # site URL, may carry a #fragment


@dataclass(frozen=True, slots=True)
class NoteReference:
    number: int
    ref_id: str  # 'fnref:3', then 'fnref2:3' for the second reference to note 3 (Python-Markdown's scheme)
    note_id: str  # 'fn:3': the note it leads to


@dataclass
class PageNotes:
    """Note numbering for one page, or for one timeline event: a source keeps its number wherever they cite
    it again. A page's notes are Python-Markdown's ids ('fn:3'); an event's carry its id ('fn:ceasefire:3'),
    so that each event lists its own notes, numbered from 1, and the page's ids stay unique."""

    prefix: str = ""  # '' for a page; 'ceasefire:' for the event 'ceasefire'
    _numbers: dict[str, int] = field(default_factory=dict)
    _reference_counts: dict[str, int] = field(default_factory=dict)

    def number(self, source_id: str) -> int:
        """The source's note number, given it now if it has none (a note that no reference leads to yet)."""
        return self._numbers.setdefault(source_id, len(self._numbers) + 1)

    def reference(self, source_id: str) -> NoteReference:
        number = self.number(source_id)
        count = self._reference_counts[source_id] = self._reference_counts.get(source_id, 0) + 1
        return NoteReference(number, self._ref_id(number, count), self.note_id(number))

    def note_id(self, number: int) -> str:
        return f"fn:{self.prefix}{number}"

    def _ref_id(self, number: int, count: int) -> str:
        return f"fnref{'' if count == 1 else count}:{self.prefix}{number}"

    def notes(self) -> list[tuple[int, str, list[str]]]:
        """(number, source id, the ids of every reference to it) in note order."""
        return [
            (
                number,
                source_id,
                [self._ref_id(number, n) for n in range(1, self._reference_counts.get(source_id, 0) + 1)],
            )
            for source_id, number in self._numbers.items()
        ]

    def __bool__(self) -> bool:
        return bool(self._numbers)


def citation_index(
    content: Content, pages: SitePages, prose_citations: Mapping[str, Iterable[CitedBy]] | None = None
) -> dict[str, tuple[CitedBy, ...]]:
    """Source id -> every event, claim, term and page that cites it, computed once per build.

    `prose_citations` adds the pages (source id -> CitedBy of the page); a page already linked through one
    of its records (the timeline through its events) is not listed twice."""
    found: dict[str, list[CitedBy]] = defaultdict(list)
    for event in content.events_by_date:
        for source_id in event.cited_sources:
            found[source_id].append(CitedBy(f"Timeline: {event.title}", pages.record_url("events", event.id)))
    for figure in content.figures:
        for claim in figure.history:
            label = f"Figures: {figure.label} (as of {claim.as_of.human()})"
            found[claim.source].append(CitedBy(label, pages.record_url("figures", figure.id)))
            if claim.correction:
                found[claim.correction].append(CitedBy(f"{label}, correction", pages.record_url("figures", figure.id)))
    for term in content.glossary:
        for source_id in term.sources:
            found[source_id].append(CitedBy(f"Names and terms: {term.term}", pages.record_url("glossary", term.id)))
    for source_id, citers in (prose_citations or {}).items():
        linked_pages = {citer.url.partition("#")[0] for citer in found[source_id]}
        found[source_id].extend(c for c in citers if c.url.partition("#")[0] not in linked_pages)
    return {source_id: tuple(dict.fromkeys(citers)) for source_id, citers in found.items()}
