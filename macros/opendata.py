"""Open data: the validated content as downloadable files (JSON, CSV, CSL-JSON) under the site's data/.

Pure core: `export_files(content, schemas)` maps each file's path (relative to data/) to its bytes;
`write_open_data` is the only function that touches the disk. Output is deterministic (sorted keys,
content order, no timestamps, '\n' newlines) so that two builds of one commit are byte-identical.
Field names follow the YAML content format, so the data reads like the files editors write.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from .dates import PartialDate
from .model import Actor, Claim, Content, Era, Event, Figure, Place, Quantity, Source, Term

__all__ = [
    "RECORD_KINDS",
    "LICENCE",
    "SCHEMA_DIR",
    "records_by_kind",
    "claims_table",
    "figures_table",
    "csl_item",
    "csl_bibliography",
    "export_files",
    "read_schemas",
    "write_open_data",
]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

RECORD_KINDS = ("eras", "events", "actors", "figures", "sources", "places", "glossary")

LICENCE = {
    "content": "CC-BY-4.0",
    "content_url": "https://creativecommons.org/licenses/by/4.0/",
    "code": "MIT",
    "attribution": "The Nagorno-Karabakh explainer contributors",
}

CLAIM_COLUMNS = (
    "figure_id",
    "figure_label",
    "unit",
    "value_kind",
    "value_low",
    "value_high",
    "as_of",
    "claimant_id",
    "claimant_name",
    "source_id",
    "status",
    "method",
    "note",
    "correction_source_id",
)

FIGURE_COLUMNS = (
    "figure_id",
    "label",
    "unit",
    "era",
    "claims",
    "latest_value_kind",
    "latest_value_low",
    "latest_value_high",
    "latest_as_of",
    "latest_claimant_id",
    "latest_source_id",
    "latest_status",
)


# --- JSON records -------------------------------------------------------------------------------


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else value.iso()


def quantity_record(value: Quantity) -> dict[str, Any]:
    return {"kind": value.kind, "low": value.low, "high": value.high}


def era_record(era: Era) -> dict[str, Any]:
    return {
        "id": era.id,
        "title": era.title,
        "start": _date(era.start),
        "end": _date(era.end),
        "summary": era.summary,
        "page": era.page,
    }


def event_record(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "date": _date(event.date),
        "end": _date(event.end),
        "title": event.title,
        "summary": event.summary,
        "era": event.era,
        "sources": list(event.sources),
        "actors": list(event.actors),
        "places": list(event.places),
        "figures": list(event.figures),
        "tags": list(event.tags),
        "accounts": [{"by": a.by, "text": a.text, "sources": list(a.sources)} for a in event.accounts],
    }


def actor_record(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "affiliation": actor.affiliation,
        "description": actor.description,
        "roles": [
            {"title": role.title, "of": role.of, "start": _date(role.start), "end": _date(role.end)}
            for role in actor.roles
        ],
    }


def claim_record(claim: Claim) -> dict[str, Any]:
    return {
        "value": quantity_record(claim.value),
        "as_of": _date(claim.as_of),
        "claimed_by": claim.claimed_by,
        "source": claim.source,
        "status": claim.status,
        "method": claim.method,
        "note": claim.note,
        "correction": claim.correction,
    }


def figure_record(figure: Figure) -> dict[str, Any]:
    return {
        "id": figure.id,
        "label": figure.label,
        "unit": figure.unit,
        "era": figure.era,
        "description": figure.description,
        # Oldest first, so a reader sees how the number moved.
        "claims": [claim_record(claim) for claim in figure.history],
    }


def source_record(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "publisher": source.publisher,
        "origin": source.origin,
        "publisher_kind": source.publisher_kind,
        "title": source.title,
        "url": source.url,
        "published": _date(source.published),
        "accessed": _date(source.accessed),
        "author": source.author,
        "language": source.language,
        "archive_url": source.archive_url,
        "via": source.via,
        "note": source.note,
    }


def place_record(place: Place) -> dict[str, Any]:
    return {
        "id": place.id,
        "name": place.name,
        "names": {"en": list(place.english), **dict(place.native)},
        "aliases": list(place.aliases),
        "kind": place.kind,
        "coordinates": list(place.coordinates),
        "description": place.description,
    }


def term_record(term: Term) -> dict[str, Any]:
    return {
        "id": term.id,
        "term": term.term,
        "aliases": list(term.aliases),
        "definition": term.definition,
        "sources": list(term.sources),
    }


_RECORDS: dict[str, tuple[Callable[[Content], Iterable[Any]], Callable[[Any], dict[str, Any]]]] = {
    "eras": (lambda c: c.eras, era_record),
    "events": (lambda c: c.events_by_date, event_record),
    "actors": (lambda c: c.actors, actor_record),
    "figures": (lambda c: c.figures, figure_record),
    "sources": (lambda c: c.sources, source_record),
    "places": (lambda c: c.places, place_record),
    "glossary": (lambda c: c.glossary, term_record),
}


def records_by_kind(content: Content) -> dict[str, list[dict[str, Any]]]:
    """Every record as plain JSON data, per kind; events by date, everything else in file order."""
    return {kind: [to_record(r) for r in select(content)] for kind, (select, to_record) in _RECORDS.items()}


# --- CSV tables ---------------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


# A spreadsheet runs a cell that begins with one of these as a formula (CSV injection): such a text cell
# gets a leading apostrophe, which spreadsheets show as text and docs/data.md explains. JSON keeps the text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str | None) -> str:
    """A free-text cell (a label, a name, a note) that no spreadsheet will run."""
    text = _cell(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def claims_table(content: Content) -> list[dict[str, str]]:
    """One row per claim: figures in file order, each figure's claims oldest first."""
    rows = []
    for figure in content.figures:
        for claim in figure.history:
            claimant = content.actor(claim.claimed_by)  # an unknown actor id is an error
            rows.append(
                {
                    "figure_id": figure.id,
                    "figure_label": _text(figure.label),
                    "unit": _text(figure.unit),
                    "value_kind": claim.value.kind,
                    "value_low": _cell(claim.value.low),
                    "value_high": _cell(claim.value.high),
                    "as_of": claim.as_of.iso(),
                    "claimant_id": claimant.id,
                    "claimant_name": _text(claimant.name),
                    "source_id": content.source(claim.source).id,
                    "status": claim.status,
                    "method": _text(claim.method),
                    "note": _text(claim.note),
                    "correction_source_id": _cell(claim.correction),
                }
            )
    return rows


def figures_table(content: Content) -> list[dict[str, str]]:
    """One row per figure with its latest accepted claim (see Figure.latest)."""
    rows = []
    for figure in content.figures:
        latest = figure.latest
        rows.append(
            {
                "figure_id": figure.id,
                "label": _text(figure.label),
                "unit": _text(figure.unit),
                "era": _cell(figure.era),
                "claims": str(len(figure.claims)),
                "latest_value_kind": latest.value.kind if latest else "",
                "latest_value_low": _cell(latest.value.low) if latest else "",
                "latest_value_high": _cell(latest.value.high) if latest else "",
                "latest_as_of": latest.as_of.iso() if latest else "",
                "latest_claimant_id": latest.claimed_by if latest else "",
                "latest_source_id": latest.source if latest else "",
                "latest_status": latest.status if latest else "",
            }
        )
    return rows


def csv_bytes(columns: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


# --- CSL-JSON bibliography ----------------------------------------------------------------------


def _date_parts(value: PartialDate) -> dict[str, list[list[int]]]:
    """CSL date-parts at the date's own precision: [[1994]], [[1994, 5]] or [[1994, 5, 12]]."""
    parts = [value.year] + [p for p in (value.month, value.day) if p is not None]
    return {"date-parts": [parts]}


def csl_type(source: Source) -> str:
    """News reports are `article-newspaper`; pages of governments, courts, NGOs, international
    organisations and research databases are `webpage`."""
    return "article-newspaper" if source.publisher_kind == "media" else "webpage"


def csl_item(source: Source) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": source.id,
        "type": csl_type(source),
        "title": source.title,
        "container-title": source.publisher,
        "publisher": source.publisher,
        "URL": source.url,
        "accessed": _date_parts(source.accessed),
    }
    if source.published is not None:
        item["issued"] = _date_parts(source.published)
    if source.author:
        item["author"] = [{"literal": source.author}]
    if source.language:
        item["language"] = source.language
    notes = [f"Read via {source.via}." if source.via else "", source.note or ""]
    if source.archive_url:
        notes.append(f"Archived copy: {source.archive_url}")
    if any(notes):
        item["note"] = " ".join(n for n in notes if n)
    return item


def csl_bibliography(content: Content) -> list[dict[str, Any]]:
    return [csl_item(source) for source in content.sources]


# --- Files --------------------------------------------------------------------------------------


def _json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)


def json_bytes(data: object) -> bytes:
    return (_json_text(data) + "\n").encode("utf-8")


def _json_object_bytes(members: Mapping[str, str]) -> bytes:
    """What json_bytes gives for an object whose members are already serialised (by _json_text): each
    record kind is serialised once for its own file and content.json (json.dumps with indent runs in
    pure Python, the export's main cost). A member's text is only indented one level further: a JSON
    string never holds a raw line break, so every line break in it is structure."""
    body = ",\n".join(f"  {json.dumps(key, ensure_ascii=False)}: {text.replace(chr(10), chr(10) + '  ')}" for key, text in sorted(members.items()))
    return ("{\n" + body + "\n}\n").encode("utf-8")


def export_files(content: Content, schemas: Mapping[str, bytes]) -> dict[str, bytes]:
    """Every open-data file: path relative to data/ -> bytes. `schemas` maps a schema's path
    relative to schemas/ to its bytes (see `read_schemas`); they are published under schemas/."""
    records = records_by_kind(content)
    texts = {kind: _json_text(records[kind]) for kind in RECORD_KINDS}
    files = {f"{kind}.json": (text + "\n").encode("utf-8") for kind, text in texts.items()}
    files["content.json"] = _json_object_bytes({"licence": _json_text(LICENCE), **texts})
    files["claims.csv"] = csv_bytes(CLAIM_COLUMNS, claims_table(content))
    files["figures.csv"] = csv_bytes(FIGURE_COLUMNS, figures_table(content))
    files["sources.csl.json"] = json_bytes(csl_bibliography(content))
    for name, data in schemas.items():
        files[f"schemas/{name}"] = data
    return dict(sorted(files.items()))


def read_schemas(schema_dir: Path = SCHEMA_DIR) -> dict[str, bytes]:
    """The content schemas (schemas/*.schema.json) and the export schemas (schemas/export/)."""
    paths = sorted(schema_dir.glob("*.schema.json")) + sorted(schema_dir.glob("export/*.schema.json"))
    return {path.relative_to(schema_dir).as_posix(): path.read_bytes() for path in paths}


def write_open_data(content: Content, target: Path, schema_dir: Path = SCHEMA_DIR) -> list[Path]:
    """Write every open-data file under `target` (the built site's data/ folder); return the paths."""
    written = []
    for name, data in export_files(content, read_schemas(schema_dir)).items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
