"""Problems found in the content, each pinned to `file:line:column` the way compilers report them.

Editors (and VS Code's problem matcher) read `content/events.yaml:42:7: error: …`, so every check in the
content layer produces a `Diagnostic` rather than raising.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .model import Location

__all__ = [
    "Diagnostic",
    "Severity",
    "closest",
    "display_path",
    "did_you_mean",
    "error",
    "warning",
    "sorted_diagnostics",
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    location: Location
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


def error(location: Location, message: str) -> Diagnostic:
    return Diagnostic(location, "error", message)


def warning(location: Location, message: str) -> Diagnostic:
    return Diagnostic(location, "warning", message)


def display_path(path: Path) -> str:
    """The path as an editor would type it: relative to the current directory when inside it."""
    absolute = os.path.abspath(path)
    here = os.getcwd()
    if absolute == here or absolute.startswith(here + os.sep):
        return Path(os.path.relpath(absolute, here)).as_posix()
    return Path(absolute).as_posix()


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest candidate, or '' when nothing is close."""
    match = closest(word, candidates)
    return f" (did you mean '{match}'?)" if match else ""


def _normal(word: str) -> str:
    """'Government body', 'government_body', 'international organization' -> the form ids and kinds use."""
    return re.sub(r"[\s_]+", "-", word.strip().lower()).replace("organiz", "organis")


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate meant by `word`: written the same but for case, spaces or underscores, or else the
    closest by spelling; None when nothing is close."""
    candidates = list(candidates)
    normal = _normal(word)
    same = [candidate for candidate in candidates if _normal(candidate) == normal]
    if same:
        return same[0]
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not matches and normal != word:
        by_normal = {_normal(candidate): candidate for candidate in candidates}
        matches = [by_normal[m] for m in difflib.get_close_matches(normal, list(by_normal), n=1, cutoff=0.6)]
    return matches[0] if matches else None


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """File order, then line and column; the same problem found twice is reported once."""
    unique = dict.fromkeys(diagnostics)
    return tuple(sorted(unique, key=lambda d: (d.location.file, d.location.line, d.location.column, d.message)))
