"""Checks across records and files: unique ids, references that resolve, sources that are cited, and the
ids used by macro calls in docs/**/*.md (including timeline(era="…"))."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .diagnostics import Diagnostic, closest, display_path, error, warning
from .model import Location
from .schema_check import FILE_KINDS, context_label
from .yaml_reader import YamlDocument

__all__ = ["ParsedFile", "REFERENCES", "DOC_MACROS", "check_references", "check_docs"]

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


# (file, path to the field with "*" for every list item) -> the file whose ids it names
REFERENCES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("events", ("era",), "eras"),
    ("events", ("sources", "*"), "sources"),
    ("events", ("actors", "*"), "actors"),
    ("events", ("places", "*"), "places"),
    ("events", ("figures", "*"), "figures"),
    ("events", ("accounts", "*", "by"), "actors"),
    ("events", ("accounts", "*", "sources", "*"), "sources"),
    ("actors", ("affiliation",), "actors"),
    ("actors", ("roles", "*", "of"), "actors"),
    ("figures", ("era",), "eras"),
    ("figures", ("claims", "*", "claimed_by"), "actors"),
    ("figures", ("claims", "*", "source"), "sources"),
    ("figures", ("claims", "*", "correction"), "sources"),
    ("glossary", ("sources", "*"), "sources"),
)

# macro name -> file whose ids its leading string arguments name; cite() takes several source ids
DOC_MACROS = {
    "cite": "sources",
    "figure": "figures",
    "claims": "figures",
    "value": "figures",
    "actor": "actors",
    "place": "places",
    "event": "events",
    "term": "glossary",
}
_SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_MACRO_RE = re.compile(r"\{\{-?\s*(" + "|".join(DOC_MACROS) + r")\s*\(")
_STRING_ARG_RE = re.compile(r"""\s*(?:"([^"\n]*)"|'([^'\n]*)')\s*,?""")
# timeline(era="first-war") names an era by keyword
_TIMELINE_ERA_RE = re.compile(r"""\{\{-?\s*timeline\s*\(\s*era\s*=\s*(["'])([^"'\n]*)\1""")


def check_references(files: dict[str, ParsedFile], docs_dir: Path | None) -> list[Diagnostic]:
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
    if docs_dir is not None:
        doc_problems, doc_cited = check_docs(docs_dir, ids)
        diagnostics += doc_problems
        cited |= doc_cited
    diagnostics += _eras_pages(files.get("eras"), docs_dir)
    diagnostics += _uncited_sources(files.get("sources"), cited)
    return diagnostics


def check_docs(docs_dir: Path, ids: dict[str, dict[str, Location]]) -> tuple[list[Diagnostic], set[str]]:
    """Unknown ids in `{{ cite("…") }}`-style macro calls in docs/**/*.md, and the sources they cite."""
    diagnostics: list[Diagnostic] = []
    cited: set[str] = set()
    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        file = display_path(page)
        for call in _MACRO_RE.finditer(text):
            macro = call.group(1)
            target = DOC_MACROS[macro]
            position = call.end()
            while match := _STRING_ARG_RE.match(text, position):
                record_id = match.group(1) if match.group(1) is not None else match.group(2)
                start = match.start(1) if match.group(1) is not None else match.start(2)
                if target == "sources":
                    cited.add(record_id)
                if target in ids and record_id not in ids[target]:
                    diagnostics.append(error(_text_location(file, text, start), f"{macro}(): " + _unknown(record_id, target, ids)))
                if macro != "cite":
                    break
                position = match.end()
        for call in _TIMELINE_ERA_RE.finditer(text):
            if "eras" in ids and call.group(2) not in ids["eras"]:
                diagnostics.append(error(_text_location(file, text, call.start(2)), "timeline(): " + _unknown(call.group(2), "eras", ids)))
    return diagnostics, cited


def _text_location(file: str, text: str, index: int) -> Location:
    return Location(file, text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index))


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
                first[record_id] = (FILE_KINDS[name], parsed.document.location((index, "id")))
    return diagnostics


def _unknown(value: str, target: str, ids: dict[str, dict[str, Location]]) -> str:
    """How to add the record first (an unknown id is most often a record not written yet: taking the
    nearest existing id would cite an older document for a newer statement), then the nearest one."""
    kind = FILE_KINDS[target]
    for other, found in ids.items():
        if other != target and value in found:
            return f"'{value}' is {_article(FILE_KINDS[other])} {FILE_KINDS[other]}, not {_article(kind)} {kind}"
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
        error(parsed.document.location((index, "page")), f"era '{record['id']}': page '{record['page']}' not found in {display_path(docs_dir)}/")
        for index, record in parsed.valid_records()
        if "page" in record and not (docs_dir / record["page"]).is_file()
    ]


def _uncited_sources(parsed: ParsedFile | None, cited: set[str]) -> list[Diagnostic]:
    if parsed is None:
        return []
    return [
        warning(parsed.document.location((index,)), f"source '{record['id']}' is not cited by any event, claim, term or page")
        for index, record in parsed.valid_records()
        if record["id"] not in cited
    ]
