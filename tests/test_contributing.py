"""CONTRIBUTING.md stays true to the content format and leads an editor through a real change: its
examples validate, its worked example passes `make check` on the real content and shows the messages
the validator really prints, its field reference is generated from the schemas and current, and its
error table explains messages the validator prints. README sends editors to it first."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from macros.field_reference import END, START, reference, updated_guide
from macros.schema_check import check_schema, load_schema
from macros.yaml_reader import parse_yaml_text

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
KINDS = ("eras", "events", "actors", "figures", "sources", "places", "glossary")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", GUIDE, re.MULTILINE | re.DOTALL)
    assert match, f"CONTRIBUTING.md has no section '## {title}'"
    return match.group(1)


def records(text: str) -> list[dict]:
    """The records of YAML text, read as `make check` reads them (dates stay text)."""
    document, _ = parse_yaml_text(text, "example")
    return document.data


def kind_of(record: dict) -> str:
    """Which file an example record belongs in, from the fields only that kind has."""
    required = {
        kind: set(load_schema(kind)["$defs"][load_schema(kind)["items"]["$ref"].rsplit("/", 1)[-1]]["required"])
        for kind in KINDS
    }
    fits = [kind for kind, fields in required.items() if fields <= set(record)]
    assert len(fits) == 1, f"cannot tell the kind of example {record.get('id')!r}: {fits}"
    return fits[0]


def record_examples(text: str) -> list[tuple[str, str]]:
    """(kind, YAML) of every ```yaml block in `text` that holds records."""
    blocks = [block for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL) if block.startswith("- id:")]
    return [(kind_of(records(block)[0]), block) for block in blocks]


EXAMPLES = record_examples(GUIDE)


def test_the_guide_has_an_example_of_every_kind_of_record():
    assert {kind for kind, _ in EXAMPLES} == set(KINDS)


@pytest.mark.parametrize("kind,block", EXAMPLES, ids=[f"{kind}-{i}" for i, (kind, _) in enumerate(EXAMPLES)])
def test_every_example_record_is_valid(kind, block):
    # Read and checked exactly as `make check` reads a content file.
    document, problems = parse_yaml_text(block, f"CONTRIBUTING.md ({kind})")
    assert document is not None and problems == []
    diagnostics, _ = check_schema(kind, document)
    assert [str(d) for d in diagnostics] == []


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


# --- The field reference: generated from the schemas, and current. -----------------------------------


def test_the_field_reference_is_generated_from_the_schemas_and_current():
    found = re.search(re.escape(START) + r".*?" + re.escape(END), GUIDE, re.DOTALL)
    assert found, "CONTRIBUTING.md has no generated field reference"
    assert found.group() == reference(), "the field reference is stale: run `.venv/bin/python -m macros fields --write`"


def test_a_stale_field_reference_is_regenerated():
    stale = GUIDE.replace("| `claimed_by` | yes |", "| `claimed_by` | no |", 1)
    assert stale != GUIDE and updated_guide(stale) == GUIDE


def test_the_field_reference_gives_every_field_its_schema_description():
    generated = reference()
    for kind in KINDS:
        for definition in load_schema(kind)["$defs"].values():
            for name, field in definition.get("properties", {}).items():
                assert f"| `{name}` |" in generated, (kind, name)
                description = " ".join(field["description"].split()).replace("|", "\\|")
                description = re.sub(r"^Optional(?:: |, )(?!but)(.)", lambda m: m.group(1).upper(), description)
                assert description.removeprefix("Optional, but expected: ") in generated, (kind, name)


def test_the_guide_restates_no_field_table_by_hand():
    """The per-field tables live only in the generated section."""
    by_hand = GUIDE.replace(reference(), "")
    assert "| Field | Required" not in by_hand


def test_the_fields_command_prints_the_reference(capsys):
    from macros import __main__ as cli

    assert cli.main(["fields"]) == 0
    assert capsys.readouterr().out == reference() + "\n"


# --- The worked example: a first-time editor adds the Washington declaration. -------------------------

WORKED = section("Your first change: a worked example")
AFTERMATH = "- id: aftermath\n  title: After the exodus\n  start: 2024-01-01\n  summary: What followed.\n"


def _insert(text: str, block: str, key) -> str:
    """`block` (one record) placed where the guide says: after the last record that sorts no later."""
    starts = [(m.start(), m.group(1)) for m in re.finditer(r"^- id: (\S+)", text, re.MULTILINE)]
    new = key(records(block)[0])
    data = {record["id"]: record for record in records(text)}
    following = [start for start, record_id in starts if key(data[record_id]) > new]
    at = following[0] if following else len(text)
    return text[:at] + block + text[at:]


def _worked_example(tmp_path: Path, **replace) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    if "id: aftermath" not in (content / "eras.yaml").read_text(encoding="utf-8"):
        (content / "eras.yaml").write_text(
            (content / "eras.yaml").read_text(encoding="utf-8") + AFTERMATH, encoding="utf-8"
        )
    from macros.dates import parse_date

    def by_id(record):
        return record["id"]

    def by_date(record):
        return parse_date(record["date"]).sort_key

    for kind, block in record_examples(WORKED):
        for old, new in replace.items():
            block = block.replace(old, new)
        path = content / f"{kind}.yaml"
        # The example's records are in the real files now: take them out, then add them as the guide says.
        text = _without_record(path.read_text(encoding="utf-8"), records(block)[0]["id"])
        path.write_text(_insert(text, block, by_date if kind == "events" else by_id), encoding="utf-8")
    return content


def _without_record(text: str, record_id: str) -> str:
    start = text.find(f"- id: {record_id}\n")
    if start < 0:
        return text
    end = text.find("\n- id: ", start) + 1 or len(text)
    return text[:start] + text[end:]


def test_the_worked_example_adds_a_source_an_actor_and_an_event():
    assert [kind for kind, _ in record_examples(WORKED)] == ["sources", "actors", "events"]
    for step in ("make check", "make serve", "pull request"):
        assert step in WORKED


def test_following_the_worked_example_gives_content_ok(tmp_path, monkeypatch):
    from macros.loader import load_content

    monkeypatch.chdir(tmp_path)
    result = load_content(_worked_example(tmp_path), ROOT / "docs")
    assert [str(d) for d in result.errors] == []
    assert result.content.event("washington-summit").era == "aftermath"


def _shown_messages() -> list[str]:
    block = re.search(r"```text\n(.*?)```", WORKED, re.DOTALL).group(1)
    return [line.split(": error: ", 1)[1] for line in block.splitlines()]


def _without_numbers(message: str) -> str:
    """Line numbers, and the neighbours an out-of-order message names, change as the content grows."""
    message = re.sub(r"\(line \d+\)", "(line N)", message)
    return re.sub(
        r"(comes after it|move it after|move it to the top, before) event '[^']+'",
        r"\1 event …",
        re.sub(r"and event '[^']+' \([^)]*\) comes", "and event … comes", message),
    )


@pytest.mark.parametrize(
    "mistake",
    [
        {"era: aftermath": "era: offensive-exodus"},
        {"sources: [azatutyun-2025-08-08-leaders-vow-peace]": "sources: [azatutyun-2025-08-08-leaders-vow-peac]"},
        "at the top",
    ],
)
def test_the_worked_example_shows_what_make_check_prints_for_each_mistake(tmp_path, monkeypatch, mistake):
    from macros.loader import load_content

    monkeypatch.chdir(tmp_path)
    if mistake == "at the top":
        content = _worked_example(tmp_path)
        events = (content / "events.yaml").read_text(encoding="utf-8")
        record = re.search(r"^- id: washington-summit\n(?:  .*\n|    .*\n)*", events, re.MULTILINE).group()
        events = events.replace(record, "")
        first = events.index("- id:")
        (content / "events.yaml").write_text(events[:first] + record + events[first:], encoding="utf-8")
    else:
        content = _worked_example(tmp_path, **mistake)
    printed = [_without_numbers(d.message) for d in load_content(content, ROOT / "docs").errors]
    shown = [_without_numbers(message) for message in _shown_messages()]
    assert any(message in shown for message in printed), (printed, shown)


# --- README and the YAML traps -------------------------------------------------------------------------


def test_readme_sends_editors_to_contributing_first_then_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(readme) if "CONTRIBUTING" in line)
    assert first < 8, "README should say 'To edit the content, see CONTRIBUTING' in its first lines"
    assert "edit the content" in readme[first].lower()
    commands = next(i for i, line in enumerate(readme) if line.startswith("make serve"))
    assert first < commands < 25


def test_the_yaml_traps_the_guide_warns_about_are_real():
    traps = section("YAML traps")
    assert yaml.safe_load("aliases: [Washington, D.C., White House]")["aliases"] == [
        "Washington",
        "D.C.",
        "White House",
    ]
    for fix in re.findall(r"```yaml\n(.*?)```", traps, re.DOTALL):
        assert yaml.safe_load(fix)["aliases"] == ["Washington, D.C.", "White House"]
    assert "[Washington, D.C., White House]" in traps


def test_the_guide_says_what_a_title_holds_when_the_headline_cannot_be_read():
    assert "headline" in section("Your first change: a worked example")
    description = load_schema("sources")["$defs"]["source"]["properties"]["title"]["description"]
    assert "descriptive title" in description and "`note`" in description


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
  side: armenia
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
  publisher_kind: media
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
    ("if you meant an existing", "events", "places: [shusha]", "places: [shush]"),
    ("duplicate id", "actors", "id: ministry", "id: shusha"),
    ("missing required field 'title'", "events", "  title: Road closed near Shusha/Shushi\n", ""),
    ("unknown field 'titel' (did you mean 'title'?)", "events", "  title:", "  titel:"),
    ("duplicate field 'date'", "events", "  date: 2022-12-12\n", "  date: 2022-12-12\n  date: 2022-12-13\n"),
    ("is not a real date", "events", "date: 2022-12-12", "date: 2022-11-31"),
    ("is before 'date'", "events", "  date: 2022-12-12\n", "  date: 2022-12-12\n  end: 2022-12-01\n"),
    ("an id is a lowercase slug", "events", "id: road-closed", "id: Road_Closed"),
    ("an event needs at least one source", "events", "sources: [news-2022-12-12-road-closed]", "sources: []"),
    ("unknown key 'around' (did you mean 'about'?)", "figures", "{about: 200}", "{around: 200}"),
    ("is greater than 'max'", "figures", "{about: 200}", "{min: 300, max: 200}"),
    ("are both 'current'; mark the older one 'superseded'", "figures", "status: superseded", "status: current"),
    ("a misreport claim needs 'correction'", "figures", "status: superseded", "status: misreport"),
    ("a URL must start with https://", "sources", "https://news.example", "http://news.example"),
    ("not one of: country, region, city", "places", "kind: town", "kind: capital"),
    ("'en' takes at most 2 items", "places", "en: [Shusha, Shushi]", "en: [Shusha, Shushi, Susa]"),
    ("are not [latitude within ±90, longitude within ±180]", "places", "[39.7583, 46.7484]", "[139.7583, 46.7484]"),
    ("Markdown fields may not contain raw HTML", "events", "*News* reported", "<b>News</b> reported"),
    (
        "plain text may not contain HTML tags",
        "events",
        "title: Road closed near Shusha/Shushi",
        "title: Road closed near <b>Shusha</b>",
    ),
    ("tab character in indentation", "actors", "  kind: government-body", "\tkind: government-body"),
    ("YAML syntax error", "sources", "title: Road closed", 'title: "Road closed'),
    ("file is missing", "glossary", None, None),
    (
        "should be a list, not text",
        "events",
        "sources: [news-2022-12-12-road-closed]",
        "sources: news-2022-12-12-road-closed",
    ),
    (
        "lists the same item twice",
        "glossary",
        "sources: [news-2022-12-12-road-closed]",
        "sources: [news-2022-12-12-road-closed, news-2022-12-12-road-closed]",
    ),
    ("'title' is empty", "events", "title: Road closed near Shusha/Shushi", 'title: ""'),
    ("has a thousands separator: write", "figures", "value: 100", "value: 1,000"),
    ("a value is a number (68) or one of", "figures", "value: 100", "value: true"),
    ("is not allowed; repeat the value", "places", "kind: town", "kind: &k town"),
    ("not UTF-8", "places", "Shushi]", "Shush\udcffi]"),
    (
        "for a new source, add '- id: news-2022-12-12-road-close' to",
        "events",
        "sources: [news-2022-12-12-road-closed]",
        "sources: [news-2022-12-12-road-close]",
    ),
    ("is a place, not an actor", "figures", "claimed_by: ministry", "claimed_by: shusha"),
    ("is outside its period", "events", "date: 2022-12-12", "date: 2024-12-12"),
    (
        "is out of order: events are in date order",
        "events",
        "- id: road-closed",
        "- id: road-later\n  date: 2023-01-05\n  title: Later\n  summary: Later.\n  era: blockade\n  sources: [news-2022-12-12-road-closed]\n- id: road-closed",
    ),
    (
        "a heading comment between records; delete it",
        "actors",
        "- id: ministry",
        "# --- Ministries ---\n- id: ministry",
    ),
    (
        "write a date as 1994, 1994-05, 1994-05-12 or 2023-09-20T13:00+04:00 (here:",
        "events",
        "date: 2022-12-12",
        "date: 12 December 2022",
    ),
    (
        "periods may share only their boundary day",
        "eras",
        "  summary: The blockade years.\n",
        "  summary: The blockade years.\n- id: later\n  title: Later\n  start: 2023-01\n  summary: Later.\n",
    ),
    (
        "has no end, but era",
        "eras",
        "  end: 2023-09\n  summary: The blockade years.\n",
        "  summary: The blockade years.\n- id: later\n  title: Later\n  start: 2024\n  summary: Later.\n",
    ),
    (
        "should be text, not true/false (true) (put it in quotes)",
        "events",
        "title: Road closed near Shusha/Shushi",
        "title: yes",
    ),
    ("in braces a comma starts a new entry", "figures", "{about: 200}", "{about: 1,200}"),
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
        (folder / f"{name}.yaml").write_text(
            f"# yaml-language-server: $schema=../schemas/{name}.schema.json{text}",
            encoding="utf-8",
            errors="surrogateescape",
        )
    return folder


def validator_messages(folder: Path) -> list[str]:
    from macros.loader import load_content

    return [str(d) for d in load_content(folder).errors]


def test_the_fixture_content_is_valid(tmp_path):
    assert validator_messages(write_content(tmp_path / "content")) == []


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_the_guide_explains_the_message_the_validator_prints(tmp_path, mistake):
    phrase = mistake[0]
    assert phrase.split("'")[0] in section("Error messages and their fixes"), f"the guide does not mention '{phrase}'"
    messages = validator_messages(write_content(tmp_path / "content", mistake))
    assert any(phrase in message for message in messages), messages
