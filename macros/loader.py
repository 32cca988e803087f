"""Load content/*.yaml once: read, check against the schemas, build the model, check references.

The site engineer's adapter and the `check` command both call `load_content`; it never raises for a
problem in the content, it returns every problem found as a `Diagnostic`.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .build_model import RecordContext, build_record
from .diagnostics import Diagnostic, display_path, sorted_diagnostics
from .kinds import KINDS
from .macro_calls import Page, read_pages
from .model import Content
from .periods import check_order, check_periods
from .references import ParsedFile, check_references
from .schema_check import check_schema, record_label
from .yaml_reader import DEFAULT_LOADER, read_yaml

__all__ = ["LoadResult", "ContentError", "load_content", "load_content_or_raise", "CONTENT_FILES"]

# eras, events, actors, figures, sources, places, glossary: also the names of Content's fields
CONTENT_FILES = tuple(KINDS)


@dataclass(frozen=True)
class LoadResult:
    content: Content | None  # None when there is any error
    diagnostics: tuple[Diagnostic, ...]
    pages: tuple[Page, ...] = ()  # docs/ with its macro calls, read once

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)


class ContentError(Exception):
    """The content has errors; str() lists them, one per line, as file:line:column: error: …"""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics if d.is_error))


def load_content(content_dir: Path, docs_dir: Path | None = None, *, loader: type = DEFAULT_LOADER) -> LoadResult:
    with _cyclic_gc_paused():
        return _load(Path(content_dir), Path(docs_dir) if docs_dir is not None else None, loader)


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Loading allocates a million small objects and no reference cycles; each automatic collection
    would rescan all of them, which made a load of 5,000 events take twice as long (and grow faster than
    the content). Reference counting still frees everything; the collector is restored afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(content_dir: Path, docs_dir: Path | None, loader: type) -> LoadResult:
    diagnostics: list[Diagnostic] = []
    files: dict[str, ParsedFile] = {}
    for name, kind in KINDS.items():
        path = content_dir / kind.file
        document, problems = read_yaml(path, display_path(path), loader)
        diagnostics += problems
        if document is None:
            continue
        schema_problems, broken = check_schema(name, document)
        diagnostics += schema_problems
        files[name] = ParsedFile(name, document, frozenset(broken))

    built: dict[str, list[Any]] = {name: [] for name in KINDS}
    for name, parsed in files.items():
        kind = KINDS[name]
        for index, record in parsed.valid_records():
            context = RecordContext(parsed.document, index, record_label(kind.noun, index, record), [])
            model_object = build_record(kind.build, record, context)
            diagnostics += context.problems
            if model_object is not None:
                built[name].append(model_object)

    pages = read_pages(docs_dir) if docs_dir is not None else ()
    diagnostics += check_references(files, docs_dir, pages)
    diagnostics += check_periods(files)
    diagnostics += check_order(files)
    result = sorted_diagnostics(diagnostics)
    if any(d.is_error for d in result):
        return LoadResult(None, result, pages)
    content = Content(**{name: tuple(records) for name, records in built.items()})
    return LoadResult(content, result, pages)


def load_content_or_raise(content_dir: Path, docs_dir: Path | None = None) -> Content:
    result = load_content(content_dir, docs_dir)
    if result.content is None:
        raise ContentError(result.diagnostics)
    return result.content
