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

    def normalise(items):
        return [re.sub(r"[`:.]", "", item).strip().lower() for item in items]

    assert normalise(template_items) == normalise(guide_items)


# --- The error table: each message the guide explains is one the validator really prints. -----------

VALID = {
    "eras": """
- id: blockade
  title: The blockade
  start: 2020-11
  end: 2023-09
  summary: The blockade years.
""",
    "events": """
- id: road-closed
  date: 2022-12-12
  title: Road closed near Shusha/Shushi
  summary: Traffic stopped, *News* reported.
  era: blockade
  sources: [news-2022-12-12-road-closed]
  places: [shusha]
""",
    "actors": """
- id: ministry
  name: Ministry of Examples
  kind: government-body
""",
    "figures": """
- id: arrivals
  label: People arriving
  unit: people
  claims:
    - value: 100
      as_of: 2023-09-25
      claimed_by: ministry
      source: news-2022-12-12-road-closed
      status: superseded
    - value: {about: 200}
      as_of: 2023-09-26
      claimed_by: ministry
      source: news-2022-12-12-road-closed
      status: current
""",
    "sources": """
- id: news-2022-12-12-road-closed
  publisher: Example News
  origin: international
  title: Road closed
  url: https://news.example/road
  published: 2022-12-12
  accessed: 2026-11
""",
    "places": """
- id: shusha
  names:
    en: [Shusha, Shushi]
  kind: town
  coordinates: [39.7583, 46.7484]
""",
    "glossary": """
- id: eco-activists
  term: "\\"Eco-activists\\""
  definition: How the protesters described themselves.
  sources: [news-2022-12-12-road-closed]
""",
}

# (the guide's words for the message, file, text to replace, replacement)
MISTAKES = [
    ("unknown source", "events", "sources: [news-2022-12-12-road-closed]", "sources: [news-2022-12-12-road-close]"),
    ("(did you mean", "events", "places: [shusha]", "places: [shush]"),
    ("duplicate id", "actors", "id: ministry", "id: shusha"),
    ("missing required field 'title'", "events", "  title: Road closed near Shusha/Shushi\n", ""),
    ("unknown field 'titel' (did you mean 'title'?)", "events", "  title:", "  titel:"),
    ("duplicate field 'date'", "events", "  date: 2022-12-12\n", "  date: 2022-12-12\n  date: 2022-12-13\n"),
    ("is not a real date", "events", "date: 2022-12-12", "date: 2022-11-31"),
    ("is before 'date'", "events", "  date: 2022-12-12\n", "  date: 2022-12-12\n  end: 2022-12-01\n"),
    ("an id is a lowercase slug", "events", "id: road-closed", "id: Road_Closed"),
    ("an event needs at least one source", "events", "sources: [news-2022-12-12-road-closed]", "sources: []"),
    ("a value is a number (68) or one of", "figures", "{about: 200}", "{around: 200}"),
    ("is greater than 'max'", "figures", "{about: 200}", "{min: 300, max: 200}"),
    ("are both 'current'; mark the older one 'superseded'", "figures", "status: superseded", "status: current"),
    ("a misreport claim needs 'correction'", "figures", "status: superseded", "status: misreport"),
    ("a URL must start with https://", "sources", "https://news.example", "http://news.example"),
    ("not one of: country, region, city", "places", "kind: town", "kind: capital"),
    ("'en' takes at most 2 items", "places", "en: [Shusha, Shushi]", "en: [Shusha, Shushi, Susa]"),
    ("are not [latitude within ±90, longitude within ±180]", "places", "[39.7583, 46.7484]", "[139.7583, 46.7484]"),
    ("Markdown fields may not contain raw HTML", "events", "*News* reported", "<b>News</b> reported"),
    ("plain text may not contain HTML tags", "events", "title: Road closed near Shusha/Shushi", "title: Road closed near <b>Shusha</b>"),
    ("tab character in indentation", "actors", "  kind: government-body", "\tkind: government-body"),
    ("YAML syntax error", "sources", "title: Road closed", 'title: "Road closed'),
    ("file is missing", "glossary", None, None),
    ("should be a list, not text", "events", "sources: [news-2022-12-12-road-closed]", "sources: news-2022-12-12-road-closed"),
    ("lists the same item twice", "glossary", "sources: [news-2022-12-12-road-closed]",
     "sources: [news-2022-12-12-road-closed, news-2022-12-12-road-closed]"),
    ("'title' is empty", "events", "title: Road closed near Shusha/Shushi", 'title: ""'),
    ("a value is a number (68) or one of", "figures", "value: 100", "value: 1,000"),
    ("is not allowed; repeat the value", "places", "kind: town", "kind: &k town"),
    ("not UTF-8", "places", "Shushi]", "Shush\udcffi]"),
]


def write_content(folder: Path, mistake: tuple | None = None) -> Path:
    folder.mkdir()
    for name, text in VALID.items():
        if mistake and mistake[1] == name:
            if mistake[2] is None:
                continue  # the file is left out
            assert mistake[2] in text, mistake
            text = text.replace(mistake[2], mistake[3], 1)
        # surrogateescape lets a mistake carry a byte that is not UTF-8 (\udcff is the raw byte 0xff).
        (folder / f"{name}.yaml").write_text(f"# yaml-language-server: $schema=../schemas/{name}.schema.json{text}",
                                             encoding="utf-8", errors="surrogateescape")
    return folder


def validator_messages(folder: Path) -> list[str]:
    from macros.loader import load_content

    return [str(d) for d in load_content(folder).errors]


def test_the_fixture_content_is_valid(tmp_path):
    assert validator_messages(write_content(tmp_path / "content")) == []


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_the_guide_explains_the_message_the_validator_prints(tmp_path, mistake):
    phrase = mistake[0]
    assert phrase in section("Error messages and what they mean"), f"the guide does not mention '{phrase}'"
    messages = validator_messages(write_content(tmp_path / "content", mistake))
    assert any(phrase in message for message in messages), messages
