"""The sources' balance: how many come from each side, and from what kind of publisher (for About)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..kinds import allowed, labelled
from ..model import Content

__all__ = ["ORIGINS", "PUBLISHER_GROUPS", "SourceBalance", "source_balance"]

# The schema's `origin` values, in its order, as the table's rows.
ORIGINS = {origin: origin.capitalize() for origin in allowed("sources", "origin")}
# The schema's `publisher_kind` values, grouped into the table's columns.
PUBLISHER_GROUPS = {
    "media": "News media",
    "government": "Governments",
    "international": "Courts and international bodies",
    "ngo": "NGOs and research",
}
_GROUP_OF_KIND = labelled(
    {
        "media": "media",
        "government": "government",
        "court": "international",
        "international-organisation": "international",
        "ngo": "ngo",
        "research": "ngo",
    },
    "sources",
    "publisher_kind",
)


@dataclass(frozen=True)
class SourceBalance:
    counts: Counter  # (origin, publisher group) -> sources
    total: int

    def count(self, origin: str | None = None, group: str | None = None) -> int:
        return sum(n for (o, g), n in self.counts.items() if origin in (None, o) and group in (None, g))


def source_balance(content: Content) -> SourceBalance:
    counts: Counter = Counter((source.origin, _GROUP_OF_KIND[source.publisher_kind]) for source in content.sources)
    return SourceBalance(counts, len(content.sources))
