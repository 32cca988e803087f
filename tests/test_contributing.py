"""CONTRIBUTING.md stays true to the content format: its examples validate against the schemas the
validator uses, and its field tables explain every field the schemas allow."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from macros.schema_check import check_schema
from macros.yaml_reader import parse_yaml_text

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")

# Guide section -> content file whose records it explains.
SECTIONS = {
    "Add a source": "sources",
    "Add an event": "events",
    "Add a number: figures and claims": "figures",
    "Add a person or institution": "actors",
    "Add a place": "places",
    "Add a glossary term": "glossary",
    "Eras": "eras",
}


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", GUIDE, re.MULTILINE | re.DOTALL)
    assert match, f"CONTRIBUTING.md has no section '## {title}'"
    return match.group(1)


def schema(kind: str) -> dict:
    return json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))


def record_properties(kind: str) -> set[str]:
    """Every field name a record of this kind (and its nested roles or claims) may have."""
    names: set[str] = set()
    for definition in schema(kind).get("$defs", {}).values():
        names |= set(definition.get("properties", {}))
    return names


@pytest.mark.parametrize("title,kind", SECTIONS.items())
def test_the_example_record_is_valid(title, kind):
    blocks = re.findall(r"```yaml\n(.*?)```", section(title), re.DOTALL)
    assert blocks, f"'{title}' has no YAML example"
    # Read and checked exactly as `make check` reads a content file.
    document, problems = parse_yaml_text(blocks[0], f"CONTRIBUTING.md ({kind})")
    assert document is not None and problems == []
    diagnostics, _ = check_schema(kind, document)
    assert [str(d) for d in diagnostics] == []


@pytest.mark.parametrize("title,kind", SECTIONS.items())
def test_every_field_is_explained(title, kind):
    text = section(title)
    explained = set(re.findall(r"`([a-z_]+)`", text))
    missing = record_properties(kind) - explained
    assert not missing, f"'{title}' does not explain {sorted(missing)}"


def test_a_wrong_example_would_be_caught():
    """The check above can fail: an example with a misspelt field is rejected."""
    text = "- id: x\n  date: 2023-09-25\n  titel: X\n  summary: Y\n  era: blockade\n  sources: [s]\n"
    document, _ = parse_yaml_text(text, "example")
    diagnostics, _ = check_schema("events", document)
    assert any("titel" in str(d) for d in diagnostics)


def test_the_checklist_matches_the_pull_request_template():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    template_items = re.findall(r"^- \[ \] \*\*(.+?)\*\*", template, re.MULTILINE)
    guide_items = re.findall(r"^- \*\*(.+?)\*\*", section("Opening a pull request"), re.MULTILINE)
    normalise = lambda items: [re.sub(r"[`:.]", "", item).strip().lower() for item in items]
    assert normalise(template_items) == normalise(guide_items)
