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
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .dates import PartialDate
from .kinds import KINDS, SCHEMA_DIR
from .model import Content, Source

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

RECORD_KINDS = tuple(KINDS)  # a file each: data/eras.json, …

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


def records_by_kind(content: Content) -> dict[str, list[dict[str, Any]]]:
    """Every record as plain JSON data, per kind (macros/kinds.py): in the kind's export order (events by
    date), else in file order."""
    found = {}
    for name, kind in KINDS.items():
        records = getattr(content, name)
        if kind.sort_key is not None:
            records = sorted(records, key=kind.sort_key)
        found[name] = [kind.export(record) for record in records]
    return found


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
    body = ",\n".join(
        f"  {json.dumps(key, ensure_ascii=False)}: {text.replace(chr(10), chr(10) + '  ')}"
        for key, text in sorted(members.items())
    )
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
