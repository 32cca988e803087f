"""Check a parsed file against its JSON Schema in schemas/, the same schema editors get as hover help.

The rules live only in the schema files. Two engines read them: fastjsonschema (compiled once per process)
answers "valid?"; only when it says no does jsonschema walk the file again to list every error with its
path, which is mapped back to the node's `line:column` and worded for an editor. jsonschema alone would
do both, but it makes a load of 1,000 events take 2.3 times as long (BENCHMARKS.md).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import fastjsonschema

from .diagnostics import Diagnostic, did_you_mean, error
from .kinds import SCHEMA_DIR, load_schema, noun
from .value_hints import date_text, quantity_problem
from .yaml_reader import YamlDocument

if TYPE_CHECKING:
    import jsonschema

__all__ = ["SCHEMA_DIR", "load_schema", "check_schema", "record_label", "context_label"]

# nested lists whose items are named in messages: figure 'x': claim 2: …
_ITEM_NAMES = {"claims": "claim", "roles": "role"}
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping (field: value)",
    "boolean": "true/false",
    "null": "empty",
}


@functools.cache
def _fast_validator(name: str) -> Callable[[Any], Any]:
    return fastjsonschema.compile(load_schema(name))


@functools.cache
def _full_validator(name: str) -> jsonschema.Draft202012Validator:
    import jsonschema  # only needed to explain a failure; importing it costs a fifth of a second

    return jsonschema.Draft202012Validator(load_schema(name))


def check_schema(name: str, document: YamlDocument) -> tuple[list[Diagnostic], set[int]]:
    """Every schema error in the file, and the indices of the records that have one."""
    try:
        _fast_validator(name)(document.data)
        return [], set()
    except fastjsonschema.JsonSchemaValueException:
        pass
    diagnostics: list[Diagnostic] = []
    broken: set[int] = set()
    for problem in _full_validator(name).iter_errors(document.data):
        path = tuple(problem.absolute_path)
        if path and isinstance(path[0], int):
            broken.add(path[0])
        diagnostics.extend(_explain(problem, path, name, document))
    return diagnostics, broken


def record_label(kind: str, index: int, record: object) -> str:
    """The record as messages name it: event 'fuel-depot-blast', or event #3 when it has no usable id."""
    record_id = record.get("id") if isinstance(record, dict) else None
    return f"{kind} '{record_id}'" if isinstance(record_id, str) and record_id else f"{kind} #{index + 1}"


def _explain(problem: jsonschema.ValidationError, path: tuple, name: str, document: YamlDocument) -> list[Diagnostic]:
    keyword, schema, instance = problem.validator, problem.schema, problem.instance
    where = document.location(path)
    context = context_label(path, name, document.data)
    field = _field_name(path)

    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        return [
            error(
                document.key_location((*path, extra)), f"{context}unknown field '{extra}'{did_you_mean(extra, allowed)}"
            )
            for extra in instance
            if extra not in allowed
        ]
    if keyword == "required":
        missing = [field_name for field_name in problem.validator_value if field_name not in instance]
        return [error(where, context + _missing_message(name, path, field_name, problem)) for field_name in missing]
    if not path:
        return [
            error(
                where,
                f"expected a list of {noun(name)} records (each starting with '- id: …'), not {_type_of(instance)}",
            )
        ]
    if keyword == "type":
        expected = problem.validator_value
        wanted = " or ".join(_TYPE_NAMES[t] for t in (expected if isinstance(expected, list) else [expected]))
        hint = " (put it in quotes)" if isinstance(instance, (bool, int, float)) and "string" in str(expected) else ""
        return [error(where, f"{context}{field} should be {wanted}, not {_type_of(instance)}{hint}")]
    if keyword == "enum":
        options = [str(option) for option in problem.validator_value]
        suggestion = did_you_mean(str(instance), options)
        return [error(where, f"{context}{field} is '{instance}', not one of: {', '.join(options)}{suggestion}")]
    if keyword == "pattern":
        explanation = schema.get("patternErrorMessage", f"does not match {problem.validator_value}")
        iso = date_text(instance) if problem.validator_value == load_schema(name)["$defs"]["date"]["pattern"] else None
        return [error(where, f"{context}{field} '{_short(instance)}': {explanation}{f' (here: {iso})' if iso else ''}")]
    if keyword == "minItems":
        if field == "'sources'" and name == "events":
            return [error(where, f"{context}an event needs at least one source in 'sources'")]
        return [error(where, f"{context}{field} needs at least {problem.validator_value} item(s)")]
    if keyword == "maxItems":
        return [error(where, f"{context}{field} takes at most {problem.validator_value} items")]
    if keyword == "uniqueItems":
        return [error(where, f"{context}{field} lists the same item twice")]
    if keyword == "minLength":
        return [error(where, f"{context}{field} is empty")]
    if keyword in ("minimum", "maximum"):
        bound = "at least" if keyword == "minimum" else "at most"
        return [error(where, f"{context}{field} must be {bound} {problem.validator_value}, not {instance}")]
    if keyword in ("oneOf", "anyOf"):
        explanation = schema.get("errorMessage", "does not match any allowed form")
        keys = [key for branch in schema[keyword] for key in branch.get("properties", {})]
        precise = (
            quantity_problem(instance, keys)
            if keys and any(b.get("type") == "number" for b in schema[keyword])
            else None
        )
        if precise is not None:
            key, explanation = precise
            if key is not None:
                where = document.key_location((*path, key)) if key not in keys else document.location((*path, key))
        return [error(where, f"{context}{field}: {explanation}")]
    return [error(where, f"{context}{field}: {problem.message}")]


def _missing_message(name: str, path: tuple, field_name: str, problem: jsonschema.ValidationError) -> str:
    if "then" in problem.schema_path:
        return f"a misreport claim needs '{field_name}': the id of the source that corrected it"
    if name == "events" and field_name == "sources":
        return "an event needs at least one source: add 'sources: [source-id]'"
    return f"missing required field '{field_name}'"


def context_label(path: tuple, name: str, data: Any) -> str:
    """The message prefix naming the record (and list item) at `path`: "figure 'y': claim 2: "."""
    if not path or not isinstance(path[0], int) or not isinstance(data, list):
        return ""
    parts = [record_label(noun(name), path[0], data[path[0]])]
    for step, following in zip(path[1:], path[2:]):
        if step in _ITEM_NAMES and isinstance(following, int):
            parts.append(f"{_ITEM_NAMES[step]} {following + 1}")
    return ": ".join(parts) + ": "


def _field_name(path: tuple) -> str:
    """The field the error is in, as written: "'date'", "'sources' item 2", "'value'"."""
    names = [step for step in path[1:] if isinstance(step, str)]
    if not names:
        return "the record"
    last = names[-1]
    if isinstance(path[-1], int):
        return f"the {_ITEM_NAMES[last]}" if last in _ITEM_NAMES else f"'{last}' item {path[-1] + 1}"
    return f"'{last}'"


def _type_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ('{_short(value)}')"
    return "a list" if isinstance(value, list) else "a mapping"


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
