"""The validator: every rule reports its message at the right line, all problems in one run, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from macros import __main__ as cli
from macros import schema_check
from macros.loader import CONTENT_FILES

EVENTS, ACTORS, FIGURES = "content/events.yaml", "content/actors.yaml", "content/figures.yaml"
SOURCES, ERAS, GLOSSARY = "content/sources.yaml", "content/eras.yaml", "content/glossary.yaml"


# --- schema rules ----------------------------------------------------------------------------------


def test_unknown_field_with_did_you_mean_points_at_the_key(sandbox):
    line = sandbox.replace("events", "  title: Ceasefire takes effect", "  titel: Ceasefire takes effect")
    result = sandbox.load()
    diagnostic = sandbox.expect(
        result, EVENTS, line, "error", "event 'ceasefire': unknown field 'titel' (did you mean 'title'?)"
    )
    assert diagnostic.location.column == 3
    sandbox.expect(
        result, EVENTS, sandbox.line_of("events", "id: ceasefire"), "error", "missing required field 'title'"
    )


def test_unknown_field_in_a_claim_names_the_claim(sandbox):
    line = sandbox.replace("figures", "      status: current", "      stauts: current")
    sandbox.expect(
        sandbox.load(),
        FIGURES,
        line,
        "error",
        "figure 'blast-deaths': claim 2: unknown field 'stauts' (did you mean 'status'?)",
    )


def test_missing_required_field(sandbox):
    sandbox.replace("actors", "  name: Some Minister\n", "")
    line = sandbox.line_of("actors", "id: some-minister")
    sandbox.expect(sandbox.load(), ACTORS, line, "error", "actor 'some-minister': missing required field 'name'")


def test_a_source_may_be_undated_but_must_say_when_it_was_read(sandbox):
    sandbox.replace("sources", "  published: 1994-05-12\n", "")
    result = sandbox.load()
    assert not result.errors, result.errors
    (undated,) = [s for s in result.content.sources if s.published is None]
    assert undated.id == "wire-1994-05-12-ceasefire"

    text = sandbox.text("sources")
    sandbox.write("sources", text.replace("  accessed: 2026-11-28\n", "", 1))
    line = sandbox.line_of("sources", "id: wire-1994-05-12-ceasefire")
    sandbox.expect(sandbox.load(), "content/sources.yaml", line, "error", "missing required field 'accessed'")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("  title: Ceasefire takes effect", "  title: [Ceasefire]", "'title' should be text, not a list"),
        ("  date: 1994-05-12", "  date: {year: 1994}", "'date' should be text or a whole number, not a mapping"),
        (
            "  actors: [some-minister]",
            "  actors: some-minister",
            "'actors' should be a list, not text ('some-minister')",
        ),
        ("  actors: [some-minister]", "  actors: [[some-minister]]", "'actors' item 1 should be text, not a list"),
        ("  summary: A ceasefire takes effect *at midnight*.", "  summary:", "'summary' should be text, not empty"),
    ],
)
def test_wrong_types(sandbox, old, new, message):
    line = sandbox.replace("events", old, new)
    sandbox.expect(sandbox.load(), EVENTS, line, "error", f"event 'ceasefire': {message}")


def test_a_file_that_is_not_a_list(sandbox):
    sandbox.write("glossary", "id: some-term\nterm: x\n")
    sandbox.expect(sandbox.load(), GLOSSARY, 1, "error", "expected a list of term records")


def test_enum_typo_suggests_the_closest_kind(sandbox):
    line = sandbox.replace("actors", "kind: person", "kind: persn")
    sandbox.expect(sandbox.load(), ACTORS, line, "error", "'kind' is 'persn', not one of: person, state")
    assert "(did you mean 'person'?)" in str(sandbox.load().errors[0])


@pytest.mark.parametrize(
    "old, new",
    [
        ("id: ceasefire", "id: Cease_Fire"),
        ("era: old-era", "era: Old Era"),
    ],
)
def test_ids_must_be_slugs(sandbox, old, new):
    line = sandbox.replace("events", old, new)
    sandbox.expect(sandbox.load(), EVENTS, line, "error", "lowercase slug")


@pytest.mark.parametrize(
    "field, url",
    [
        ("url", "http://wire.example.org/1994/ceasefire"),
        ("url", "javascript:alert(1)"),
        ("url", "https://wire.example.org/a b"),
        ("archive_url", "ftp://web.archive.org/x"),
    ],
)
def test_urls_must_be_https(sandbox, field, url):
    if field == "url":
        line = sandbox.replace("sources", "url: https://wire.example.org/1994/ceasefire", f"url: '{url}'")
    else:
        line = sandbox.replace(
            "sources",
            "archive_url: https://web.archive.org/web/2023/https://wire.example.org/2023/blast",
            f"archive_url: '{url}'",
        )
    sandbox.expect(sandbox.load(), SOURCES, line, "error", f"'{field}' '{url}': a URL must start with https://")


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "{{ cite('x') }}", "{% include 'x' %}"])
def test_markdown_fields_refuse_html_and_template_syntax(sandbox, bad):
    line = sandbox.replace("events", "summary: A ceasefire takes effect *at midnight*.", f'summary: "Text {bad}"')
    sandbox.expect(sandbox.load(), EVENTS, line, "error", "may not contain raw HTML or {{ }}")


# --- events, claims and figures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new",
    [
        ("  sources: [wire-1994-05-12-ceasefire]\n", ""),
        ("  sources: [wire-1994-05-12-ceasefire]\n", "  sources: []\n"),
    ],
)
def test_an_event_without_a_source(sandbox, old, new):
    sandbox.replace("events", old, new)
    line = sandbox.line_of("events", "id: ceasefire") if not new else sandbox.line_of("events", "sources: []")
    sandbox.expect(sandbox.load(), EVENTS, line, "error", "an event needs at least one source")


@pytest.mark.parametrize("field", ["claimed_by", "as_of", "source"])
def test_a_claim_without_claimant_as_of_or_source(sandbox, field):
    text = sandbox.text("figures")
    claim_start = text.index("    - value: {about: 68}")
    end = text.index("status: current", claim_start)
    lines = text[claim_start:end].splitlines(keepends=True)
    kept = "".join(line for line in lines if not line.lstrip(" -").startswith(f"{field}:"))
    sandbox.write("figures", text[:claim_start] + kept + text[end:])
    line = sandbox.line_of("figures", "value: {about: 68}")
    diagnostic = sandbox.expect(
        sandbox.load(), FIGURES, line, "error", f"figure 'blast-deaths': claim 2: missing required field '{field}'"
    )
    assert diagnostic.location.column == 7


def test_a_misreport_needs_a_correction(sandbox):
    sandbox.replace("figures", "      correction: wire-2023-09-27-correction\n", "")
    line = sandbox.line_of("figures", "value: 125")
    sandbox.expect(sandbox.load(), FIGURES, line, "error", "claim 1: a misreport claim needs 'correction'")


@pytest.mark.parametrize(
    "value, message",
    [
        ("{min: 30, max: 20}", "'min' (30) is greater than 'max' (20)"),
        ("'68'", "'value': '68' is in quotation marks: write 68"),
        ("-5", "'value': -5 is negative; a count or sum is 0 or more"),
        ("true", "'value': a value is a number (68) or one of {about: N}, {at_least: N}"),
        ("{about: zero}", "'value': a value is a number (68) or one of {about: N}"),
        # What a number copied from a source looks like, and the number to write instead.
        ("115,183", "'value': '115,183' has a thousands separator: write 115183"),
        ("115 183", "'value': '115 183' has a thousands separator: write 115183"),
        ("11.5 million", "'value': '11.5 million' has words: write 11500000"),
        ("120000 people", "'value': '120000 people' has a unit ('people' goes in the figure's 'unit'): write 120000"),
        ("about 120,000", "'value': 'about 120,000' has words and a thousands separator: write {about: 120000}"),
        ("more than 53000", "'value': 'more than 53000' has words: write {more_than: 53000}"),
        (
            "300,000-500,000",
            "'value': '300,000-500,000' is a range with a thousands separator: write {min: 300000, max: 500000}",
        ),
        ("{about: '120,000'}", "'value': '120,000' has a thousands separator: write {about: 120000}"),
        (
            "{about: 115,183}",
            "'value': '{about: 115,183}': in braces a comma starts a new entry; write {about: 115183}",
        ),
        ("{min: 300}", "'value': a range needs both 'min' and 'max': add 'max'"),
        ("{about: 68, at_least: 60}", "'value': give one of about, at_least, not 2"),
    ],
)
def test_bad_claim_values(sandbox, value, message):
    line = sandbox.replace("figures", "value: {about: 68}", f"value: {value}")
    sandbox.expect(sandbox.load(), FIGURES, line, "error", message)


@pytest.mark.parametrize(
    "key, meant",
    [("around", "about"), ("aboot", "about"), ("at-least", "at_least"), ("over", "more_than"), ("upto", "at_most")],
)
def test_a_misspelt_kind_of_value_points_at_the_key_and_suggests_the_right_one(sandbox, key, meant):
    line = sandbox.replace("figures", "value: {about: 68}", f"value: {{{key}: 111111}}")
    diagnostic = sandbox.expect(
        sandbox.load(), FIGURES, line, "error", f"claim 2: 'value': unknown key '{key}' (did you mean '{meant}'?)"
    )
    assert diagnostic.location.column == len("    - value: {") + 1


@pytest.mark.parametrize(
    "date, iso",
    [
        ("12 May 1994", "1994-05-12"),
        ("May 1994", "1994-05"),
        ("25/09/2023", "2023-09-25"),
        ("'May 12, 1994'", "1994-05-12"),
    ],
)
def test_a_date_in_words_gets_its_iso_form(sandbox, date, iso):
    line = sandbox.replace("events", "date: 1994-05-12", f"date: {date}")
    sandbox.expect(
        sandbox.load(),
        EVENTS,
        line,
        "error",
        f"write a date as 1994, 1994-05, 1994-05-12 or 2023-09-20T13:00+04:00 (here: {iso})",
    )


def test_an_ambiguous_date_gets_no_guess(sandbox):
    line = sandbox.replace("events", "date: 1994-05-12", "date: 05/09/1994")
    diagnostic = sandbox.expect(sandbox.load(), EVENTS, line, "error", "write a date as 1994")
    assert "here:" not in diagnostic.message


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        ("actors", "kind: person", "kind: Person", "'kind' is 'Person', not one of: person, state"),
        ("actors", "kind: government-body", "kind: government body", "(did you mean 'government-body'?)"),
        (
            "actors",
            "kind: government-body",
            "kind: International Organization",
            "(did you mean 'international-organisation'?)",
        ),
        (
            "sources",
            "origin: international\n  publisher_kind: media\n  title: Ceasefire holds",
            "origin: Armenian\n  publisher_kind: media\n  title: Ceasefire holds",
            "(did you mean 'armenian'?)",
        ),
        ("figures", "status: superseded", "status: Superseded", "(did you mean 'superseded'?)"),
    ],
)
def test_a_value_from_a_list_written_another_way_gets_the_listed_form(sandbox, file, old, new, message):
    line = sandbox.replace(file, old, new)
    sandbox.expect(sandbox.load(), f"content/{file}.yaml", line, "error", message)


def test_two_current_claims_are_an_error(sandbox):
    line = sandbox.replace("figures", "      status: superseded", "      status: current")
    sandbox.expect(sandbox.load(), FIGURES, line, "error", "claims 2 and 3 are both 'current'")


def test_no_current_claim_is_a_warning(sandbox):
    sandbox.replace("figures", "      status: current", "      status: superseded")
    result = sandbox.load()
    assert result.content is not None
    sandbox.expect(result, FIGURES, sandbox.line_of("figures", "value: 125"), "warning", "no claim is 'current'")


# --- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        (
            "events",
            "date: 2023-09-25",
            "date: 2023-02-30",
            "'2023-02-30' is not a real date: February 2023 has 28 days",
        ),
        ("events", "date: 2023-09-25", "date: 2023-13", "there is no month 13"),
        ("events", "date: 2023-09-25", "date: 25/09/2023", "write a date as 1994, 1994-05"),
        ("events", "date: 2023-09-25", "date: 99", "'date' must be at least 1000"),
        ("sources", "published: 1994-05-12", "published: 1994-05-12T25:00", "not a real time of day"),
        ("figures", "as_of: 2023-09-26T21:00+04:00", "as_of: 2023-09-26T21:00+15:00", "impossible UTC offset"),
    ],
)
def test_impossible_or_malformed_dates(sandbox, file, old, new, message):
    line = sandbox.replace(file, old, new)
    sandbox.expect(sandbox.load(), f"content/{file}.yaml", line, "error", message)


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        (
            "events",
            'end: "2023-09-26"',
            "end: 2023-09-24",
            "event 'depot-blast': 'end' (2023-09-24) is before 'date' (2023-09-25)",
        ),
        (
            "actors",
            "end: 2023-02-23",
            "end: 2021",
            "actor 'some-minister': 'end' (2021) is before 'start' (2022-11-04)",
        ),
        ("eras", "end: 2024-01", "end: 2023-08", "era 'new-era': 'end' (2023-08) is before 'start' (2023-09)"),
    ],
)
def test_an_end_before_its_start(sandbox, file, old, new, message):
    line = sandbox.replace(file, old, new)
    sandbox.expect(sandbox.load(), f"content/{file}.yaml", line, "error", message)


def test_an_end_in_the_same_month_as_a_day_start_is_not_before_it(sandbox):
    sandbox.replace("events", 'end: "2023-09-26"', "end: 2023-09")
    assert sandbox.load().errors == ()


# --- ids and references -----------------------------------------------------------------------------


def test_duplicate_ids_across_files_point_at_both_places(sandbox):
    first = sandbox.line_of("places", "id: town")
    line = sandbox.replace("glossary", "id: some-term", "id: town")
    message = f"duplicate id 'town': already used by the place at content/places.yaml:{first}:7"
    sandbox.expect(sandbox.load(), GLOSSARY, line, "error", message)


REFERENCES = [
    (
        "events",
        "era: old-era",
        "era: old-erx",
        "event 'ceasefire': unknown era 'old-erx': for a new era, add '- id: old-erx' to content/eras.yaml; if you meant an existing era: 'old-era'",
    ),
    (
        "events",
        "sources: [wire-1994-05-12-ceasefire]",
        "sources: [wire-1994-05-12-ceasefirex]",
        "event 'ceasefire': unknown source 'wire-1994-05-12-ceasefirex': for a new source, add '- id: wire-1994-05-12-ceasefirex' to "
        "content/sources.yaml; if you meant an existing source: 'wire-1994-05-12-ceasefire'",
    ),
    (
        "events",
        "actors: [some-minister]",
        "actors: [some-ministr]",
        "unknown actor 'some-ministr': for a new actor, add '- id: some-ministr' to content/actors.yaml; if you meant an existing actor: 'some-minister'",
    ),
    (
        "events",
        "places: [town]",
        "places: [twn]",
        "event 'depot-blast': unknown place 'twn': for a new place, add '- id: twn' to content/places.yaml; if you meant an existing place: 'town'",
    ),
    (
        "events",
        "figures: [blast-deaths]",
        "figures: [blast-death]",
        "unknown figure 'blast-death': for a new figure, add '- id: blast-death' to content/figures.yaml; if you meant an existing figure: 'blast-deaths'",
    ),
    (
        "actors",
        "affiliation: some-government",
        "affiliation: other-body",
        "actor 'some-minister': unknown actor 'other-body': for a new actor, add '- id: other-body' to content/actors.yaml",
    ),
    (
        "actors",
        "of: some-government",
        "of: some-governmnt",
        "actor 'some-minister': role 1: unknown actor 'some-governmnt'",
    ),
    (
        "figures",
        "claimed_by: some-government",
        "claimed_by: nobody",
        "figure 'blast-deaths': claim 1: unknown actor 'nobody'",
    ),
    (
        "figures",
        "correction: wire-2023-09-27-correction",
        "correction: wire-2023-09-28-correction",
        "claim 1: unknown source 'wire-2023-09-28-correction': for a new source, add '- id: wire-2023-09-28-correction' to content/sources.yaml; "
        "if you meant an existing source: 'wire-2023-09-27-correction'",
    ),
    (
        "glossary",
        "sources: [wire-2023-10-01-glossary]",
        "sources: [glossary-source]",
        "term 'some-term': unknown source 'glossary-source'",
    ),
    ("actors", "affiliation: some-government", "affiliation: town", "'town' is a place, not an actor"),
]


def test_an_unknown_id_says_how_to_add_the_record_before_offering_the_nearest(sandbox):
    line = sandbox.replace(
        "figures",
        "source: wire-2023-09-26-blast\n      status: misreport",
        "source: wire-2025-08-08-blast\n      status: misreport",
    )
    diagnostic = sandbox.expect(sandbox.load(), FIGURES, line, "error", "unknown source 'wire-2025-08-08-blast'")
    message = diagnostic.message
    assert message.index("add '- id: wire-2025-08-08-blast' to content/sources.yaml") < message.index(
        "if you meant an existing source: 'wire-2023-09-26-blast'"
    )
    assert "did you mean" not in message
    sandbox.replace("actors", "affiliation: some-government", "affiliation: zzz")
    nothing_close = sandbox.expect(
        sandbox.load(), ACTORS, sandbox.line_of("actors", "affiliation: zzz"), "error", "unknown actor 'zzz'"
    )
    assert nothing_close.message.endswith("for a new actor, add '- id: zzz' to content/actors.yaml")


@pytest.mark.parametrize("file, old, new, message", REFERENCES)
def test_dangling_references(sandbox, file, old, new, message):
    line = sandbox.replace(file, old, new)
    sandbox.expect(sandbox.load(), f"content/{file}.yaml", line, "error", message)


def test_dangling_claim_source(sandbox):
    text = sandbox.text("figures").replace(
        "source: wire-2023-09-26-blast\n      status: current", "source: wire-2023-09-26-blst\n      status: current"
    )
    sandbox.write("figures", text)
    line = sandbox.line_of("figures", "wire-2023-09-26-blst")
    sandbox.expect(
        sandbox.load(),
        FIGURES,
        line,
        "error",
        "claim 2: unknown source 'wire-2023-09-26-blst': for a new source, add '- id: wire-2023-09-26-blst' to content/sources.yaml; if you meant an existing source: 'wire-2023-09-26-blast'",
    )


def test_an_uncited_source_is_a_warning(sandbox):
    sandbox.replace("glossary", "  sources: [wire-2023-10-01-glossary]\n", "")
    result = sandbox.load()
    assert result.errors == () and result.content is not None
    line = sandbox.line_of("sources", "id: wire-2023-10-01-glossary")
    sandbox.expect(result, SOURCES, line, "warning", "source 'wire-2023-10-01-glossary' is not cited")


def test_a_source_cited_only_in_docs_counts_as_cited(sandbox):
    sandbox.replace("glossary", "  sources: [wire-2023-10-01-glossary]\n", "")
    (sandbox.root / "docs" / "more.md").write_text("See {{ cite('wire-2023-10-01-glossary') }}.\n")
    assert sandbox.load().diagnostics == ()


@pytest.mark.parametrize(
    "call, message",
    [
        (
            '{{ cite("wire-1994-05-12-ceasefire", "wire-2023-09-26-blst") }}',
            "cite(): unknown source 'wire-2023-09-26-blst': for a new source, add '- id: wire-2023-09-26-blst' to content/sources.yaml; if you meant an existing source: 'wire-2023-09-26-blast'",
        ),
        ("{{ figure('blast-death') }}", "figure(): unknown figure 'blast-death'"),
        ('{{ actor("town") }}', "actor(): 'town' is a place, not an actor"),
        ('{{ place("nowhere") }}', "place(): unknown place 'nowhere'"),
        (
            '{{ event("ceasefir") }}',
            "event(): unknown event 'ceasefir': for a new event, add '- id: ceasefir' to content/events.yaml; if you meant an existing event: 'ceasefire'",
        ),
        ('{{ term("other-term") }}', "term(): unknown term 'other-term'"),
        ('{{ claims("x") }}', "claims(): unknown figure 'x'"),
        ('{{ value("blast-deaths-2") }}', "value(): unknown figure 'blast-deaths-2'"),
        (
            '{{ timeline(era="old-eras") }}',
            "timeline(): unknown era 'old-eras': for a new era, add '- id: old-eras' to content/eras.yaml; if you meant an existing era: 'old-era'",
        ),
    ],
)
def test_unknown_ids_in_docs_macros(sandbox, call, message):
    page = sandbox.root / "docs" / "section" / "page.md"
    page.parent.mkdir()
    page.write_text(f"# Title\n\nText\n{call}\n")
    diagnostic = sandbox.expect(sandbox.load(), "docs/section/page.md", 4, "error", message)
    assert call[diagnostic.location.column - 1 :].startswith(message.split("'")[1])


def test_an_era_page_must_exist_in_docs(sandbox):
    line = (
        sandbox.replace(
            "eras", "  summary: The first period.", "  summary: The first period.\n  page: background/old.md"
        )
        + 1
    )
    sandbox.expect(sandbox.load(), ERAS, line, "error", "page 'background/old.md' not found in docs/")
    (sandbox.root / "docs" / "background").mkdir()
    (sandbox.root / "docs" / "background" / "old.md").write_text("# Old\n")
    assert sandbox.load().errors == ()


def test_every_problem_is_reported_in_one_run(sandbox):
    sandbox.replace("events", "era: old-era", "era: old-erx")
    sandbox.replace("events", "date: 2023-09-25", "date: 2023-02-30")
    sandbox.replace("actors", "kind: person", "kind: persn")
    sandbox.replace("places", "kind: city", "kind: city\n\tbad: tab")
    sandbox.replace("sources", "url: https://wire.example.org/2023/terms", "url: http://wire.example.org/2023/terms")
    sandbox.replace("glossary", "definition: Who uses the term.", "defintion: Who uses the term.")
    result = sandbox.load()
    files = {d.location.file for d in result.errors}
    assert files == {EVENTS, ACTORS, "content/places.yaml", SOURCES, GLOSSARY}
    assert len(result.errors) >= 7 and result.content is None


def test_references_into_a_file_that_did_not_parse_are_not_reported(sandbox):
    sandbox.replace("places", "kind: city", "kind: city: town")
    result = sandbox.load()
    assert [d.location.file for d in result.errors] == ["content/places.yaml"]


# --- schemas ------------------------------------------------------------------------------------------


def _walk(schema, path=()):
    yield path, schema
    for key in ("properties", "$defs"):
        for name, sub in schema.get(key, {}).items():
            yield from _walk(sub, (*path, key, name))
    for key in ("items",):  # not into if/then: those restate fields already described
        if isinstance(schema.get(key), dict):
            yield from _walk(schema[key], (*path, key))
    for i, sub in enumerate(schema.get("oneOf", [])):
        yield from _walk(sub, (*path, "oneOf", i))


@pytest.mark.parametrize("name", CONTENT_FILES)
def test_schemas_are_valid_2020_12_and_closed_and_described(name):
    schema = schema_check.load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    for path, sub in _walk(schema):
        if sub.get("type") == "object":
            assert sub.get("additionalProperties") is False, path
        if len(path) >= 2 and path[-2] == "properties":
            assert sub.get("description"), f"{name}: no description at {'/'.join(map(str, path))}"


def test_shared_definitions_are_identical_in_every_schema():
    shared = ("id", "ref", "date", "url", "text", "markdown")
    first = schema_check.load_schema("events")["$defs"]
    for name in CONTENT_FILES:
        defs = schema_check.load_schema(name)["$defs"]
        assert {key: defs[key] for key in shared} == {key: first[key] for key in shared}, name


def test_content_files_point_editors_at_their_schema():
    for name in CONTENT_FILES:
        first_line = (Path("tests/fixtures/loader/content") / f"{name}.yaml").read_text().splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=../../../../schemas/{name}.schema.json"
        assert (schema_check.SCHEMA_DIR / f"{name}.schema.json").is_file()


# --- the command line -------------------------------------------------------------------------------


def test_cli_success_prints_one_summary_line(sandbox, capsys):
    sandbox.replace("glossary", "  sources: [wire-2023-10-01-glossary]\n", "")
    assert cli.main(["check", "--content", "content", "--docs", "docs"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        out[-1] == "content ok: 2 events, 2 actors, 1 figure (3 claims), 4 sources, 1 place, 2 eras, 1 term; 1 warning"
    )
    assert out[0].startswith("content/sources.yaml:") and ": warning: " in out[0]
    assert len(out) == 2


def test_cli_errors_exit_1_with_every_problem(sandbox, capsys):
    sandbox.replace("events", "era: old-era", "era: old-erx")
    sandbox.replace("actors", "kind: person", "kind: persn")
    assert cli.main(["check", "--content", "content", "--docs", "docs"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == "content has 2 errors, 0 warnings"
    assert err[0].startswith("content/actors.yaml:") and err[1].startswith("content/events.yaml:")


def test_cli_internal_error_is_one_line_and_exit_2(sandbox, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("macros.loader.load_content", broken)
    assert cli.main(["check", "--content", "content", "--docs", "docs"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "internal error: RuntimeError: boom\n" and captured.out == ""


def test_cli_missing_docs_directory(sandbox, capsys):
    assert cli.main(["check", "--content", "content", "--docs", "nowhere"]) == 2
    assert "docs directory 'nowhere' not found" in capsys.readouterr().err


def test_schema_fast_path_and_full_validator_agree_on_the_fixture():
    for name in CONTENT_FILES:
        data = json.loads(
            json.dumps(
                __import__("yaml").safe_load((Path("tests/fixtures/loader/content") / f"{name}.yaml").read_text()),
                default=str,
            )
        )
        assert list(schema_check._full_validator(name).iter_errors(data)) == []
        schema_check._fast_validator(name)(data)


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("value: {about: 68}", "value: {about: .nan}", "claim 2: a value must be a finite number"),
        ("value: 125", "value: .inf", "claim 1: a value must be a finite number"),
    ],
)
def test_claim_values_must_be_finite(sandbox, old, new, message):
    line = sandbox.replace("figures", old, new)
    sandbox.expect(sandbox.load(), FIGURES, line, "error", message)


@pytest.mark.parametrize(
    "coordinates, message",
    [
        ("[91.5, 46.7519]", "coordinates [91.5, 46.7519] are not [latitude within ±90"),
        ("[39.8, .nan]", "coordinates [39.8, nan] are not"),
        ("[39.8, 181]", "'coordinates' item 2 must be at most 180"),
        ("[39.8]", "'coordinates' needs at least 2 item(s)"),
    ],
)
def test_coordinates_are_latitude_then_longitude(sandbox, coordinates, message):
    line = sandbox.replace("places", "coordinates: [39.8153, 46.7519]", f"coordinates: {coordinates}")
    sandbox.expect(sandbox.load(), "content/places.yaml", line, "error", message)


def test_a_record_the_schema_refuses_still_has_its_references_checked_and_counted(sandbox):
    unit_line = sandbox.replace("figures", "unit: deaths", "unit: 5")
    source_line = sandbox.replace("figures", "claimed_by: some-government", "claimed_by: some-govrnment")
    result = sandbox.load()
    sandbox.expect(result, FIGURES, unit_line, "error", "'unit' should be text, not a number (5)")
    sandbox.expect(
        result,
        FIGURES,
        source_line,
        "error",
        "unknown actor 'some-govrnment': for a new actor, add '- id: some-govrnment' to content/actors.yaml; if you meant an existing actor: 'some-government'",
    )
    assert result.warnings == ()  # the correction source it cites still counts as cited


# --- periods ------------------------------------------------------------------------------------------


def test_a_period_still_going_on_has_no_end(sandbox):
    sandbox.replace("eras", "  end: 2024-01\n", "")
    result = sandbox.load()
    assert result.errors == (), result.errors
    assert result.content.era("new-era").end is None


@pytest.mark.parametrize(
    "date, hint",
    [
        ("1995-01", "no period covers that date"),
        ("2023-09-20", "that date is in 'new-era'"),
    ],
)
def test_an_event_outside_its_period(sandbox, date, hint):
    sandbox.replace("events", "date: 1994-05-12", f"date: {date}")
    line = sandbox.line_of("events", "era: old-era")
    message = f"event 'ceasefire': date {date} is outside its period 'old-era' (1988 – May 1994); {hint}"
    sandbox.expect(sandbox.load(), EVENTS, line, "error", message)


def test_an_event_at_the_precision_of_its_period_is_inside_it(sandbox):
    sandbox.replace("events", "date: 1994-05-12", "date: 1994-05")  # the period ends in May 1994
    sandbox.replace("eras", 'start: "2023-09"', "start: 2023-09-25")
    sandbox.replace("events", "date: 2023-09-25", "date: 2023-09")
    assert sandbox.load().errors == ()


def test_an_event_in_a_period_still_going_on(sandbox):
    sandbox.replace("eras", "  end: 2024-01\n", "")
    sandbox.replace("events", 'date: 2023-09-25\n  end: "2023-09-26"', "date: 2025-08-08")
    assert sandbox.load().errors == ()


def test_periods_may_share_their_boundary_day_only(sandbox):
    sandbox.replace("eras", "end: 1994-05", "end: 1994-05-12")
    line = sandbox.replace("eras", 'start: "2023-09"', "start: 1994-05-12")  # the boundary day: fine
    sandbox.replace("events", "date: 1994-05-12\n", "date: 1994-05-11\n")
    sandbox.replace("events", 'date: 2023-09-25\n  end: "2023-09-26"', "date: 1994-05-12")  # in both periods
    assert sandbox.load().errors == ()
    sandbox.replace("eras", "start: 1994-05-12", "start: 1994-05-11")
    message = "era 'new-era' starts (1994-05-11) before era 'old-era' ends (1994-05-12); periods may share only their boundary day"
    sandbox.expect(sandbox.load(), ERAS, line, "error", message)


def test_only_the_last_period_may_be_still_going_on(sandbox):
    sandbox.replace("eras", "  end: 1994-05\n", "")
    line = sandbox.line_of("eras", "id: old-era")
    message = "era 'old-era' has no end, but era 'new-era' starts after it (2023-09): give it an 'end'"
    sandbox.expect(sandbox.load(), ERAS, line, "error", message)


# --- the order of records -----------------------------------------------------------------------------


def _swap_records(sandbox, name, first_id, second_id):
    """Put the record `second_id` (which follows `first_id`) before it."""
    text = sandbox.text(name)
    start, middle = text.index(f"- id: {first_id}\n"), text.index(f"- id: {second_id}\n")
    end = text.find("\n- id: ", middle) + 1 or len(text)
    sandbox.write(name, text[:start] + text[middle:end] + text[start:middle] + text[end:])


@pytest.mark.parametrize(
    "name, first, second, message",
    [
        (
            "events",
            "ceasefire",
            "depot-blast",
            "event 'ceasefire' (1994-05-12) is out of order: events are in date order, and it comes after event 'depot-blast' (2023-09-25); "
            "move it to the top, before event 'depot-blast' (line 2)",
        ),
        (
            "actors",
            "some-government",
            "some-minister",
            "actor 'some-government' is out of order: actors are in order of id, and it comes after actor 'some-minister'; "
            "move it to the top, before actor 'some-minister' (line 2)",
        ),
        ("eras", "old-era", "new-era", "era 'old-era' (1988) is out of order: eras are in order of their start"),
        ("sources", "wire-1994-05-12-ceasefire", "wire-2023-09-26-blast", "sources are in order of id"),
    ],
)
def test_records_out_of_order(sandbox, name, first, second, message):
    _swap_records(sandbox, name, first, second)
    line = sandbox.line_of(name, f"id: {first}")
    sandbox.expect(sandbox.load(), f"content/{name}.yaml", line, "error", message)


def test_only_the_first_record_out_of_order_is_reported_with_where_it_belongs(sandbox):
    sandbox.write(
        "actors",
        sandbox.text("actors") + "- id: b-body\n  name: B\n  kind: other\n- id: a-body\n  name: A\n  kind: other\n"
        "- id: c-body\n  name: C\n  kind: other\n",
    )
    text = sandbox.text("actors")
    sandbox.write(
        "actors",
        text.replace("- id: some-government", "- id: zz-government")
        .replace("affiliation: some-government", "affiliation: zz-government")
        .replace("of: some-government", "of: zz-government"),
    )
    for name in ("figures",):
        sandbox.write(name, sandbox.text(name).replace("claimed_by: some-government", "claimed_by: zz-government"))
    result = sandbox.load()
    problems = [d for d in result.errors if "out of order" in d.message]
    assert len(problems) == 1, problems
    line = sandbox.line_of("actors", "id: c-body")
    assert problems[0].message == (
        "actor 'zz-government' is out of order: actors are in order of id, and actor 'some-minister' comes after it; "
        f"move it after actor 'c-body' (line {line})"
    )


def test_a_new_record_put_at_the_top_is_the_one_told_to_move(sandbox):
    new = "- id: late-event\n  date: 2023-10-01\n  title: Late\n  summary: Later.\n  era: new-era\n  sources: [wire-2023-09-26-blast]\n"
    sandbox.write("events", sandbox.text("events").replace("- id: ceasefire", new + "- id: ceasefire"))
    after = sandbox.line_of("events", "id: depot-blast")
    message = (
        "event 'late-event' (2023-10-01) is out of order: events are in date order, and event 'ceasefire' (1994-05-12) comes after it; "
        f"move it after event 'depot-blast' (line {after})"
    )
    sandbox.expect(sandbox.load(), EVENTS, sandbox.line_of("events", "id: late-event"), "error", message)


def test_a_misplaced_record_is_told_which_record_to_follow(sandbox):
    sandbox.write(
        "actors",
        sandbox.text("actors") + "- id: ta-body\n  name: T\n  kind: other\n- id: sz-body\n  name: S\n  kind: other\n",
    )
    line = sandbox.line_of("actors", "id: sz-body")
    after = sandbox.line_of("actors", "id: some-minister")
    message = f"actor 'sz-body' is out of order: actors are in order of id, and it comes after actor 'ta-body'; move it after actor 'some-minister' (line {after})"
    sandbox.expect(sandbox.load(), ACTORS, line, "error", message)


def test_events_on_the_same_day_keep_the_order_they_are_written_in(sandbox):
    twin = "- id: depot-fire\n  date: 2023-09-25\n  title: Fire\n  summary: A fire.\n  era: new-era\n  sources: [wire-2023-09-26-blast]\n"
    text = sandbox.text("events")
    sandbox.write("events", text.replace("- id: depot-blast", twin + "- id: depot-blast"))
    assert sandbox.load().errors == ()


def test_figures_are_grouped_by_era_in_the_order_of_the_eras(sandbox):
    old = (
        "- id: old-deaths\n  label: Old deaths\n  unit: deaths\n  era: old-era\n  claims:\n    - value: 5\n      as_of: 1994\n"
        "      claimed_by: some-minister\n      source: wire-1994-05-12-ceasefire\n      status: current\n"
    )
    unfiled = old.replace("old-deaths", "other-deaths").replace("  era: old-era\n", "")
    sandbox.write(
        "figures", sandbox.text("figures").replace("- id: blast-deaths", old + "- id: blast-deaths") + unfiled
    )
    assert sandbox.load().errors == ()  # old-era's group, new-era's, then figures with no era
    sandbox.write("figures", sandbox.text("figures").replace(old, "") + old)
    line = sandbox.line_of("figures", "id: old-deaths")
    message = (
        "figure 'old-deaths' (era 'old-era') is out of order: figures are grouped by era, in the order of eras.yaml, "
        "and it comes after figure 'other-deaths' (no era); move it to the top, before figure 'blast-deaths' (line 2)"
    )
    sandbox.expect(sandbox.load(), FIGURES, line, "error", message)


def test_a_heading_comment_between_records_is_an_error(sandbox):
    text = sandbox.text("events")
    sandbox.write("events", text.replace("- id: depot-blast", "# --- Era: new era ---\n- id: depot-blast"))
    line = sandbox.line_of("events", "# --- Era")
    diagnostic = sandbox.expect(sandbox.load(), EVENTS, line, "error", "a heading comment between records; delete it")
    assert diagnostic.location.column == 1
    sandbox.write(
        "events", text.replace("- id: depot-blast", "# The blast's toll is still disputed.\n- id: depot-blast")
    )
    assert sandbox.load().errors == ()  # a note for other editors is fine
