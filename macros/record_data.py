"""Each record as plain JSON data, with the field names of the YAML content format, so the open data
(data/*.json, macros/opendata.py) reads like the files editors write. One function per kind, named in
the kinds table (macros/kinds.py)."""

from __future__ import annotations

from typing import Any

from .dates import PartialDate
from .model import Actor, Claim, Era, Event, Figure, Place, Quantity, Source, Term

__all__ = [
    "actor_record",
    "claim_record",
    "date_text",
    "era_record",
    "event_record",
    "figure_record",
    "place_record",
    "quantity_record",
    "source_record",
    "term_record",
]


def date_text(value: PartialDate | None) -> str | None:
    return None if value is None else value.iso()


def quantity_record(value: Quantity) -> dict[str, Any]:
    return {"kind": value.kind, "low": value.low, "high": value.high}


def era_record(era: Era) -> dict[str, Any]:
    return {
        "id": era.id,
        "title": era.title,
        "start": date_text(era.start),
        "end": date_text(era.end),
        "summary": era.summary,
        "page": era.page,
    }


def event_record(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "date": date_text(event.date),
        "end": date_text(event.end),
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
        "short_name": actor.short_name,
        "kind": actor.kind,
        "side": actor.side,
        "aliases": list(actor.aliases),
        "affiliation": actor.affiliation,
        "description": actor.description,
        "roles": [
            {"title": role.title, "of": role.of, "start": date_text(role.start), "end": date_text(role.end)}
            for role in actor.roles
        ],
    }


def claim_record(claim: Claim) -> dict[str, Any]:
    return {
        "value": quantity_record(claim.value),
        "as_of": date_text(claim.as_of),
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
        "short_label": figure.short_label,
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
        "published": date_text(source.published),
        "accessed": date_text(source.accessed),
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
