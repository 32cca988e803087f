"""The loader: safe YAML reading, positions, the typed model, and the public API the site codes against."""

from __future__ import annotations

import re

import pytest
import yaml

from macros import yaml_reader
from macros.dates import parse_date
from macros.loader import ContentError, load_content, load_content_or_raise
from macros.model import Content, Quantity
from macros.yaml_reader import DEFAULT_LOADER

EVENTS = "content/events.yaml"
BOTH_LOADERS = pytest.mark.parametrize("loader", [DEFAULT_LOADER, yaml.SafeLoader], ids=["libyaml", "pure-python"])


def test_the_c_parser_is_used_when_libyaml_is_installed():
    assert yaml.__with_libyaml__
    assert issubclass(DEFAULT_LOADER, yaml.CSafeLoader)


@BOTH_LOADERS
def test_valid_content_loads_into_the_typed_model(sandbox, loader):
    result = sandbox.load(loader=loader)
    assert result.diagnostics == ()
    content = result.content
    assert isinstance(content, Content)
    assert [e.id for e in content.events] == ["ceasefire", "depot-blast"]
    blast = content.event("depot-blast")
    assert blast.date == parse_date("2023-09-25") and blast.end == parse_date("2023-09-26")
    assert blast.sources == ("wire-2023-09-26-blast",) and blast.tags == ("humanitarian",)
    assert blast.location.file == EVENTS and blast.location.line == sandbox.line_of("events", "id: depot-blast")
    assert blast.location.column == 3
    claims = content.figure("blast-deaths").claims
    assert [c.value for c in claims] == [
        Quantity("exact", 125, 125),
        Quantity("about", 68, 68),
        Quantity("range", 20, 30),
    ]
    assert claims[1].as_of.iso() == "2023-09-26T21:00+04:00"
    assert claims[0].correction == "wire-2023-09-27-correction"
    minister = content.actor("some-minister")
    assert minister.roles[0].of == "some-government" and minister.roles[0].end == parse_date("2023-02-23")
    town = content.place("town")
    assert town.name == "Town/Kend" and town.native["hy"] == "Տաուն" and town.coordinates == (39.8153, 46.7519)


@BOTH_LOADERS
def test_quoted_and_unquoted_dates_load_the_same(sandbox, loader):
    sandbox.replace("eras", 'start: "2023-09"', "start: 2023-09")
    sandbox.replace("eras", "start: 1988", 'start: "1988"')
    sandbox.replace("events", "date: 1994-05-12", 'date: "1994-05-12"')
    sandbox.replace("figures", "as_of: 2023-09-26T21:00+04:00", "as_of: '2023-09-26T21:00+04:00'")
    content = sandbox.load(loader=loader).content
    assert content.era("new-era").start == parse_date("2023-09")
    assert content.era("old-era").start == parse_date(1988)
    assert content.event("ceasefire").date == parse_date("1994-05-12")
    assert content.figure("blast-deaths").claims[1].as_of.utc_offset == 240


@pytest.mark.parametrize(
    "value, expected",
    [
        ("{at_least: 200}", Quantity("at-least", 200, None)),
        ("{more_than: 53000}", Quantity("more-than", 53000, None)),
        ("{at_most: 100}", Quantity("at-most", None, 100)),
        ("{about: 120_000}", Quantity("about", 120000, 120000)),
        ("1.5", Quantity("exact", 1.5, 1.5)),
    ],
)
def test_every_kind_of_claim_value(sandbox, value, expected):
    sandbox.replace("figures", "value: {about: 68}", f"value: {value}")
    assert sandbox.load().content.figure("blast-deaths").claims[1].value == expected


@BOTH_LOADERS
@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['true']",
        "!!python/name:os.system",
        "!custom value",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
    ],
)
def test_non_standard_tags_are_refused(sandbox, loader, tagged):
    line = sandbox.replace("events", "title: Ceasefire takes effect", f"title: {tagged}")
    result = sandbox.load(loader=loader)
    sandbox.expect(result, EVENTS, line, "error", "is not allowed; write plain YAML values")
    assert result.content is None


@BOTH_LOADERS
def test_anchors_and_aliases_are_refused(sandbox, loader):
    anchor_line = sandbox.replace("events", "  actors: [some-minister]", "  actors: &people [some-minister]")
    alias_line = sandbox.replace("events", "  places: [town]", "  places: [town]\n  actors: *people")
    result = sandbox.load(loader=loader)
    sandbox.expect(result, EVENTS, anchor_line, "error", "anchor '&people' is not allowed")
    sandbox.expect(result, EVENTS, alias_line + 1, "error", "alias '*people' is not allowed")


@BOTH_LOADERS
def test_an_alias_is_caught_as_a_node_reached_twice(monkeypatch, loader):
    # With the anchor pre-scan disabled, the tree walk itself must notice the shared node.
    monkeypatch.setattr(yaml_reader, "_ANCHOR_HINT_RE", re.compile(r"(?!)"))
    text = "- id: a\n  roles: &r [{title: x}]\n- id: b\n  roles: *r\n"
    document, problems = yaml_reader.parse_yaml_text(text, "content/actors.yaml", loader)
    assert document is None
    assert [str(p) for p in problems] == [
        "content/actors.yaml:4:3: error: aliases (*name) are not allowed; repeat the value"
    ]


def test_billion_laughs_is_refused_quickly(sandbox):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 10)
    ]
    sandbox.write("glossary", "\n".join(lines) + "\n")
    result = sandbox.load()
    sandbox.expect(result, "content/glossary.yaml", 1, "error", "anchor '&a0' is not allowed")


@BOTH_LOADERS
def test_duplicate_keys_are_errors(sandbox, loader):
    first = sandbox.line_of("events", "title: Ceasefire takes effect")
    sandbox.replace(
        "events", "  title: Ceasefire takes effect\n", "  title: Ceasefire takes effect\n  title: Ceasefire holds\n"
    )
    result = sandbox.load(loader=loader)
    diagnostic = sandbox.expect(
        result, EVENTS, first + 1, "error", f"duplicate field 'title' (first given on line {first})"
    )
    assert diagnostic.location.column == 3


def test_tab_indentation_is_reported_with_line_and_column(sandbox):
    line = sandbox.replace("actors", "  kind: person", "\tkind: person")
    result = sandbox.load()
    assert (
        sandbox.expect(result, "content/actors.yaml", line, "error", "tab character in indentation").location.column
        == 1
    )


def test_non_utf8_bytes_are_reported_on_their_line(sandbox):
    line = sandbox.line_of("places", "az: Kənd")
    raw = sandbox.path("places").read_bytes().replace("Kənd".encode(), "K\xe9nd".encode("latin-1"))
    sandbox.path("places").write_bytes(raw)
    diagnostic = sandbox.expect(sandbox.load(), "content/places.yaml", line, "error", "not UTF-8: byte 0xe9")
    assert diagnostic.location.column == len("    az: K") + 1


@pytest.mark.parametrize("text", ["", "\n\n", "# yaml-language-server: $schema=../schemas/glossary.schema.json\n"])
def test_an_empty_file_is_an_error(sandbox, text):
    sandbox.write("glossary", text)
    sandbox.expect(sandbox.load(), "content/glossary.yaml", 1, "error", "file is empty")


def test_an_empty_list_is_allowed(sandbox):
    sandbox.write("glossary", "[]\n")
    sandbox.write("docs/page.md", "# A page without macros\n")
    sandbox.replace("sources", "- id: wire-2023-10-01-glossary", "- id: wire-2023-10-01-glossary\n  note: kept")
    result = sandbox.load()
    assert result.errors == () and result.content.glossary == ()


def test_a_missing_file_is_an_error(sandbox):
    sandbox.path("places").unlink()
    sandbox.expect(sandbox.load(), "content/places.yaml", 1, "error", "file is missing")


def test_an_oversized_file_is_refused(sandbox, monkeypatch):
    monkeypatch.setattr(yaml_reader, "MAX_FILE_BYTES", 100)
    sandbox.expect(sandbox.load(), EVENTS, 1, "error", "the limit is")


@BOTH_LOADERS
def test_yaml_syntax_errors_give_their_line(sandbox, loader):
    line = sandbox.replace("events", "  title: Ceasefire takes effect", "  title: Ceasefire: takes effect")
    sandbox.expect(
        sandbox.load(loader=loader), EVENTS, line, "error", "YAML syntax error: mapping values are not allowed"
    )


@BOTH_LOADERS
def test_a_quote_left_open_is_named_where_it_was_opened(sandbox, loader):
    """The open quote swallows the lines up to the next quote (line 11 here), where the parser fails."""
    opened = sandbox.replace("events", "  title: Ceasefire takes effect", '  title: "Ceasefire takes effect')
    failed = sandbox.line_of("events", 'end: "2023-09-26"')
    diagnostic = sandbox.expect(sandbox.load(loader=loader), EVENTS, failed, "error", "YAML syntax error")
    assert f"the quote opened on line {opened}, column 10 runs on to here" in diagnostic.message


@BOTH_LOADERS
def test_a_value_quoted_over_several_lines_is_not_blamed_for_a_later_error(sandbox, loader):
    sandbox.replace("events", "  title: Ceasefire takes effect", '  title: "Ceasefire\n    takes effect"')
    line = sandbox.replace("events", "  title: Depot explodes near Town/Kend", "  title: Depot: explodes")
    diagnostic = sandbox.expect(sandbox.load(loader=loader), EVENTS, line, "error", "YAML syntax error")
    assert "quote" not in diagnostic.message


def test_several_documents_in_one_file_are_an_error(sandbox):
    sandbox.write("glossary", sandbox.text("glossary") + "---\n- id: other\n")
    result = sandbox.load()
    assert any("YAML syntax error" in d.message and "single document" in d.message for d in result.errors)


def test_bidi_controls_are_errors_in_ids_and_warnings_in_text(sandbox):
    id_line = sandbox.replace("events", "id: ceasefire", "id: cease\u202efire")
    ref_line = sandbox.replace("events", "places: [town]", "places: [to\u2066wn]")
    text_line = sandbox.replace("events", "title: Ceasefire takes effect", "title: Ceasefire \u200ftakes effect")
    result = sandbox.load()
    sandbox.expect(result, EVENTS, id_line, "error", "U+202E in an id")
    sandbox.expect(result, EVENTS, ref_line, "error", "U+2066 in an id")
    warning = sandbox.expect(result, EVENTS, text_line, "warning", "U+200F in text")
    assert warning.location.column == len("  title: Ceasefire ") + 1


def test_yaml_11_booleans_are_not_text(sandbox):
    line = sandbox.replace("sources", "language: en", "language: no")
    sandbox.expect(
        sandbox.load(),
        "content/sources.yaml",
        line,
        "error",
        "'language' should be text, not true/false (false) (put it in quotes)",
    )


def test_diagnostics_print_as_file_line_column(sandbox):
    line = sandbox.replace("events", "era: old-era", "era: old-eta")
    result = sandbox.load()
    assert (
        f"content/events.yaml:{line}:8: error: event 'ceasefire': unknown era 'old-eta': for a new era, add '- id: old-eta' to content/eras.yaml; if you meant an existing era: 'old-era'"
        in map(str, result.errors)
    )
    assert result.warnings == ()


def test_load_content_or_raise(sandbox):
    assert isinstance(load_content_or_raise(sandbox.root / "content", sandbox.root / "docs"), Content)
    sandbox.replace("events", "era: old-era", "era: nope")
    sandbox.replace("actors", "kind: person", "kind: human")
    with pytest.raises(ContentError) as raised:
        load_content_or_raise(sandbox.root / "content")
    lines = str(raised.value).splitlines()
    assert len(lines) == 2 and all(": error: " in line for line in lines)
    assert len(raised.value.diagnostics) == 2


def test_paths_outside_the_current_directory_are_absolute(sandbox, monkeypatch, tmp_path_factory):
    sandbox.replace("events", "era: old-era", "era: nope")
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    result = load_content(sandbox.root / "content")
    assert result.errors[0].location.file == (sandbox.root / "content" / "events.yaml").as_posix()


def test_a_tab_inside_a_block_scalar_is_content_not_indentation(sandbox):
    sandbox.replace(
        "events",
        "  summary: >-\n    A depot explodes.",
        "  summary: |-\n    A depot explodes.\n    \tIndented with a tab.",
    )
    result = sandbox.load()
    assert result.errors == ()
    assert result.content.event("depot-blast").summary == "A depot explodes.\n\tIndented with a tab."


def test_synthetic_benchmark_content_is_valid_and_reproducible(tmp_path):
    from bench.synthetic import write_synthetic_content

    write_synthetic_content(tmp_path / "a", events=60, seed=3)
    write_synthetic_content(tmp_path / "b", events=60, seed=3)
    write_synthetic_content(tmp_path / "c", events=60, seed=4)
    result = load_content(tmp_path / "a")
    assert result.diagnostics == ()
    assert len(result.content.events) == 60 and len(result.content.sources) == 30
    events = (tmp_path / "a" / "events.yaml").read_text()
    assert events == (tmp_path / "b" / "events.yaml").read_text() != (tmp_path / "c" / "events.yaml").read_text()


@BOTH_LOADERS
def test_control_characters_are_reported_where_they_are(sandbox, loader):
    line = sandbox.replace("events", "title: Ceasefire takes effect", "title: Ceasefire \x07takes effect")
    diagnostic = sandbox.expect(
        sandbox.load(loader=loader), EVENTS, line, "error", "control character U+0007 is not allowed"
    )
    assert diagnostic.location.column == len("  title: Ceasefire ") + 1
