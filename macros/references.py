"""Checks across records and files: unique ids, references that resolve, sources that are cited, and the
ids named by the macro calls in docs/**/*.md (macro_calls.py says which argument names which kind)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, closest, display_path, error, warning
from .kinds import KINDS, noun
from .macro_calls import Page, references
from .model import Location
from .schema_check import context_label
from .yaml_reader import YamlDocument

__all__ = ["ParsedFile", "REFERENCES", "check_references", "check_docs"]

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class ParsedFile:
    """A content file that parsed: its document and the indices of records that failed the schema."""

    name: str  # "events"
    document: YamlDocument
    broken: frozenset[int]

    @property
    def records(self) -> list[Any]:
        data = self.document.data
        return data if isinstance(data, list) else []

    def valid_records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        for index, record in enumerate(self.records):
            if index not in self.broken and isinstance(record, dict):
                yield index, record


# (file, path to the field with "*" for every list item, the file whose ids it names), from the kinds table
REFERENCES: tuple[tuple[str, tuple[str, ...], str], ...] = tuple(
    (name, path, target) for name, kind in KINDS.items() for path, target in kind.references
)

_SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def check_references(
    files: dict[str, ParsedFile], docs_dir: Path | None, pages: Iterable[Page] = ()
) -> list[Diagnostic]:
    """`pages`: docs_dir's pages (macro_calls.read_pages), whose macro calls are checked too."""
    ids = _ids_by_file(files)
    diagnostics = _duplicate_ids(files)
    cited: set[str] = set()
    for name, pattern, target in REFERENCES:
        parsed = files.get(name)
        if parsed is None:
            continue
        # Every record, even one the schema refused, so its references are checked and its citations
        # count; a value that is not a slug at all has already been reported by the schema.
        for index, record in enumerate(parsed.records):
            for path, value in _values_at(record, pattern, (index,)):
                if target == "sources":
                    cited.add(value)
                if target in ids and value not in ids[target] and _SLUG_RE.match(value):
                    where = parsed.document.location(path)
                    label = context_label(path, name, parsed.records)
                    diagnostics.append(error(where, label + _unknown(value, target, ids)))
    doc_problems, doc_cited = check_docs(pages, ids)
    diagnostics += doc_problems
    cited |= doc_cited
    diagnostics += _eras_pages(files.get("eras"), docs_dir)
    diagnostics += _uncited_sources(files.get("sources"), cited)
    return diagnostics


def check_docs(pages: Iterable[Page], ids: dict[str, dict[str, Location]]) -> tuple[list[Diagnostic], set[str]]:
    """Unknown ids in the pages' macro calls (macro_calls.py says which argument names which kind), and
    the sources the pages name in cite(). A page that is not a valid template is an error at its line."""
    diagnostics: list[Diagnostic] = []
    cited: set[str] = set()
    for page in pages:
        if page.syntax_error is not None:
            line, message = page.syntax_error
            diagnostics.append(error(Location(page.file, line, 1), f"template syntax error: {message}"))
            continue
        for ref in references(page.text, page.calls):
            if ref.kind == "sources":
                cited.add(ref.record_id)
            if ref.kind in ids and ref.record_id not in ids[ref.kind]:
                where = Location(page.file, ref.line, ref.column)
                diagnostics.append(error(where, f"{ref.macro}(): " + _unknown(ref.record_id, ref.kind, ids)))
    return diagnostics, cited


def _ids_by_file(files: dict[str, ParsedFile]) -> dict[str, dict[str, Location]]:
    """Every id written in each file, valid record or not, so one bad field does not cascade. A file
    that did not parse has no entry: references into it cannot be judged and are not reported."""
    ids: dict[str, dict[str, Location]] = {}
    for name, parsed in files.items():
        found = ids.setdefault(name, {})
        for index, record in enumerate(parsed.records):
            record_id = record.get("id") if isinstance(record, dict) else None
            if isinstance(record_id, str):
                found.setdefault(record_id, parsed.document.location((index,)))
    return ids


def _duplicate_ids(files: dict[str, ParsedFile]) -> list[Diagnostic]:
    first: dict[str, tuple[str, Location]] = {}
    diagnostics = []
    for name, parsed in files.items():
        for index, record in enumerate(parsed.records):
            record_id = record.get("id") if isinstance(record, dict) else None
            if not isinstance(record_id, str):
                continue
            if record_id in first:
                kind, where = first[record_id]
                here = parsed.document.location((index, "id"))
                diagnostics.append(error(here, f"duplicate id '{record_id}': already used by the {kind} at {where}"))
            else:
                first[record_id] = (noun(name), parsed.document.location((index, "id")))
    return diagnostics


def _unknown(value: str, target: str, ids: dict[str, dict[str, Location]]) -> str:
    """How to add the record first (an unknown id is most often a record not written yet: taking the
    nearest existing id would cite an older document for a newer statement), then the nearest one."""
    kind = noun(target)
    for other, found in ids.items():
        if other != target and value in found:
            return f"'{value}' is {_article(noun(other))} {noun(other)}, not {_article(kind)} {kind}"
    known = ids.get(target, {})
    file = next((where.file for where in known.values()), f"content/{target}.yaml")
    message = f"unknown {kind} '{value}': for a new {kind}, add '- id: {value}' to {file}"
    meant = closest(value, known)
    return message + (f"; if you meant an existing {kind}: '{meant}'" if meant else "")


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _values_at(node: Any, pattern: tuple[str, ...], path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if not pattern:
        if isinstance(node, str):
            yield path, node
        return
    step, rest = pattern[0], pattern[1:]
    if step == "*":
        if isinstance(node, list):
            for i, item in enumerate(node):
                yield from _values_at(item, rest, (*path, i))
    elif isinstance(node, dict) and step in node:
        yield from _values_at(node[step], rest, (*path, step))


def _eras_pages(parsed: ParsedFile | None, docs_dir: Path | None) -> list[Diagnostic]:
    if parsed is None or docs_dir is None:
        return []
    return [
        error(
            parsed.document.location((index, "page")),
            f"era '{record['id']}': page '{record['page']}' not found in {display_path(docs_dir)}/",
        )
        for index, record in parsed.valid_records()
        if "page" in record and not (docs_dir / record["page"]).is_file()
    ]


def _uncited_sources(parsed: ParsedFile | None, cited: set[str]) -> list[Diagnostic]:
    if parsed is None:
        return []
    return [
        warning(
            parsed.document.location((index,)),
            f"source '{record['id']}' is not cited by any event, claim, term or page",
        )
        for index, record in parsed.valid_records()
        if record["id"] not in cited
    ]
