"""The seven kinds of record, in one table. Every module that handles records loops over `KINDS` instead
of listing the kinds itself: the loader reads and builds each kind's file, the schema check and the
reference check name records by its noun, the open data exports each kind, the renderer looks records up
and links to the page that shows them.

Enumerations (an actor's kind, a claim's status, …) come from the schemas, through `allowed`.

To add a kind, see ARCHITECTURE.md: a schema, a model class and a Content field, a builder, an exporter,
and a row here."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import build_model, record_data
from .model import Actor, Era, Event, Figure, Place, Source, Term

__all__ = ["KINDS", "Kind", "SCHEMA_DIR", "allowed", "labelled", "load_schema", "noun"]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

FieldPath = tuple[str, ...]  # a field, with "*" for every item of a list: ("accounts", "*", "by")


@dataclass(frozen=True)
class Kind:
    name: str  # content/<name>.yaml, schemas/<name>.schema.json, data/<name>.json, Content.<name>
    noun: str  # one record in messages ("unknown event 'x'"), and its definition in the schema's $defs
    model: type
    build: Callable[[dict[str, Any], build_model.RecordContext], object]  # a checked YAML record -> model
    export: Callable[[Any], dict[str, Any]]  # model -> the JSON data of the open data
    references: tuple[tuple[FieldPath, str], ...]  # fields that hold ids, and the kind they name
    page: str  # the docs page that shows each record, under its id as the anchor (until a list splits)
    order: str  # the order its records keep in the file, as the order check words it
    sort_key: Callable[[Any], Any] | None = None  # the order of its open data, when not the file's

    @property
    def file(self) -> str:
        return f"{self.name}.yaml"

    @property
    def schema(self) -> Path:
        return SCHEMA_DIR / f"{self.name}.schema.json"


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "eras",
            "era",
            Era,
            build_model.era,
            record_data.era_record,
            (),
            "timeline.md",
            "eras are in order of their start",
        ),
        Kind(
            "events",
            "event",
            Event,
            build_model.event,
            record_data.event_record,
            (
                (("era",), "eras"),
                (("sources", "*"), "sources"),
                (("actors", "*"), "actors"),
                (("places", "*"), "places"),
                (("figures", "*"), "figures"),
                (("accounts", "*", "by"), "actors"),
                (("accounts", "*", "sources", "*"), "sources"),
            ),
            "timeline.md",
            "events are in date order",
            sort_key=lambda event: event.date.sort_key,
        ),
        Kind(
            "actors",
            "actor",
            Actor,
            build_model.actor,
            record_data.actor_record,
            (
                (("affiliation",), "actors"),
                (("roles", "*", "of"), "actors"),
            ),
            "people.md",
            "actors are in order of id",
        ),
        Kind(
            "figures",
            "figure",
            Figure,
            build_model.figure,
            record_data.figure_record,
            (
                (("era",), "eras"),
                (("claims", "*", "claimed_by"), "actors"),
                (("claims", "*", "source"), "sources"),
                (("claims", "*", "correction"), "sources"),
            ),
            "figures.md",
            "figures are grouped by era, in the order of eras.yaml",
        ),
        Kind(
            "sources",
            "source",
            Source,
            build_model.source,
            record_data.source_record,
            (),
            "sources.md",
            "sources are in order of id",
        ),
        Kind(
            "places",
            "place",
            Place,
            build_model.place,
            record_data.place_record,
            (),
            "names.md",
            "places are in order of id",
        ),
        Kind(
            "glossary",
            "term",
            Term,
            build_model.term,
            record_data.term_record,
            ((("sources", "*"), "sources"),),
            "names.md",
            "terms are in order of id",
        ),
    )
}


def noun(name: str) -> str:
    """What one record of the kind is called: noun('glossary') == 'term'."""
    return KINDS[name].noun


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    return json.loads(KINDS[name].schema.read_text(encoding="utf-8"))


def allowed(name: str, *field: str) -> tuple[str, ...]:
    """The values a field may take, in the schema's order: allowed('actors', 'kind'),
    allowed('figures', 'claims', 'status'). The schemas are the one place enumerations are written."""
    schema = load_schema(name)
    node = schema["$defs"][KINDS[name].noun]
    for step in field:
        node = node["properties"][step]
        node = node.get("items", node)
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return tuple(node["enum"])


def labelled(labels: Mapping[str, str], name: str, *field: str) -> dict[str, str]:
    """`labels` (value -> what the site shows for it) in the schema's order, checked to cover exactly the
    values the schema allows the field: a value added to a schema without a label here fails at import."""
    values = allowed(name, *field)
    if set(labels) != set(values):
        raise ValueError(
            f"labels of {name} {'.'.join(field)}: {sorted(set(values) - set(labels))} missing,"
            f" {sorted(set(labels) - set(values))} not in the schema"
        )
    return {value: labels[value] for value in values}
