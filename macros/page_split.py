"""How a long list of records is cut into pages under a budget: the one packing rule shared by the
timeline's split (macros/timeline_split.py) and the index pages' split (macros/index_split.py). Pure.

The records come in page order, in labelled groups (the years of a period, the initial letters of an
index). Runs of whole groups are filled up to the budget; a single group over it is cut into numbered
pages. A reader then browses by the labels ('1991–1993', 'A–C'), and the same content always gives the
same pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

__all__ = ["Run", "pack_groups"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Run(Generic[T]):
    """One page's worth of records: whole groups first..last, or (number of count) of one big group."""

    first: str
    last: str
    items: tuple[T, ...]
    number: int = 1
    count: int = 1

    @property
    def span(self) -> str:
        return self.first if self.first == self.last else f"{self.first}–{self.last}"

    def key(self, prefix: str) -> str:
        """'first-war-1991', 'first-war-1991-2' (second page of one group), or 'a' with no prefix."""
        slug = _slug(self.first)
        base = f"{prefix}-{slug}" if prefix else slug
        return base + (f"-{self.number}" if self.number > 1 else "")

    def title(self, heading: str) -> str:
        """'The first war: 1991–1993', 'Sources: R (2 of 3)'."""
        return f"{heading}: {self.span}" + (f" ({self.number} of {self.count})" if self.count > 1 else "")


def pack_groups(groups: Sequence[tuple[str, Sequence[T]]], budget: int) -> list[Run[T]]:
    """Groups (label, records) in page order -> pages of at most `budget` records."""
    if budget < 1:
        raise ValueError("the budget must be at least one record a page")
    runs: list[list[tuple[str, Sequence[T]]]] = []
    count = 0
    for label, items in groups:
        if not items:
            continue
        if runs and count + len(items) <= budget:
            runs[-1].append((label, items))
            count += len(items)
        else:
            runs.append([(label, items)])
            count = len(items)
    pages: list[Run[T]] = []
    for run in runs:
        items = [item for _, group in run for item in group]
        chunks = [tuple(items[i : i + budget]) for i in range(0, len(items), budget)]
        for number, chunk in enumerate(chunks, start=1):
            pages.append(Run(run[0][0], run[-1][0], chunk, number, len(chunks)))
    return pages


def _slug(label: str) -> str:
    """A label as part of a file name: '1991', 'a'; other characters by code point."""
    return "".join(c if c.isascii() and c.isalnum() else f"u{ord(c):x}" for c in label.casefold()) or "other"
