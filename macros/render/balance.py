"""The sources' balance: how many come from each side, and from what kind of publisher (for About)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Content

__all__ = ["ORIGINS", "PUBLISHER_GROUPS", "SourceBalance", "source_balance"]

# The schema's `origin` values, in the order the table shows them.
ORIGINS = {
    "armenian": "Armenian",
    "azerbaijani": "Azerbaijani",
    "russian": "Russian",
    "international": "International",
}
# A publisher's kind comes from the actor of that name (actors.yaml); a publisher that is no actor is a
# news outlet.
PUBLISHER_GROUPS = {
    "media": "News media",
    "government": "Governments and officials",
    "institution": "Courts, UN, OSCE, EU bodies and NGOs",
}
_GROUP_OF_KIND = {
    "state": "government",
    "government-body": "government",
    "de-facto-authority": "government",
    "person": "government",
    "court": "institution",
    "international-organisation": "institution",
    "ngo": "institution",
}


@dataclass(frozen=True)
class SourceBalance:
    counts: Counter  # (origin, publisher group) -> sources
    total: int

    def count(self, origin: str | None = None, group: str | None = None) -> int:
        return sum(n for (o, g), n in self.counts.items() if origin in (None, o) and group in (None, g))


def source_balance(content: Content) -> SourceBalance:
    kinds = content.publisher_kinds()
    counts: Counter = Counter(
        (source.origin, _GROUP_OF_KIND.get(kinds.get(source.publisher.casefold(), "media"), "media"))
        for source in content.sources
    )
    return SourceBalance(counts, len(content.sources))
