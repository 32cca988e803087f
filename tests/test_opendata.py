"""Open-data export: every file parses, validates against the published export schemas, carries every
record and claim, and is byte-identical from one run to the next."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from types import MappingProxyType

import jsonschema
import pytest
from referencing import Registry, Resource

from macros import opendata
from macros.dates import parse_date as D
from macros.model import Actor, Claim, Content, Era, Event, Figure, Place, Quantity, Role, Source, Term

EXPORT_SCHEMAS = opendata.SCHEMA_DIR / "export"


def make_content() -> Content:
    return Content(
        eras=(Era("war", "The war", D("1988"), D("1994-05"), "Years of *fighting*.", page="background/war.md"),),
        events=(
            Event(
                "ceasefire", D("1994-05-12"), "Ceasefire", "Fighting stops.", "war", ("wire-1994",), places=("town",)
            ),
            Event(
                "protests", D("1988-02"), "Protests", 'Rallies, "with quotes".', "war", ("wire-1994", "ministry-page")
            ),
        ),
        actors=(
            Actor("wire", "Example Wire", "media"),
            Actor(
                "ministry",
                "Ministry of Examples",
                "government-body",
                aliases=("MoE",),
                roles=(Role("Press office", of="wire", start=D("1990")),),
            ),
        ),
        figures=(
            Figure(
                "arrivals",
                "People arriving, by border crossings",
                "people",
                (
                    Claim(
                        Quantity("about", 120000, 120000),
                        D("2023-09-30"),
                        "ministry",
                        "ministry-page",
                        "current",
                        method="border crossings",
                        note='Line one,\nline two; "quoted"',
                    ),
                    Claim(Quantity("at-least", 6650, None), D("2023-09-25"), "wire", "wire-1994", "superseded"),
                    Claim(
                        Quantity("range", 300000, 500000.5),
                        D("2023-09-26"),
                        "wire",
                        "wire-1994",
                        "misreport",
                        correction="ministry-page",
                    ),
                ),
                era="war",
            ),
        ),
        sources=(
            Source(
                "wire-1994",
                "Example Wire",
                "international",
                "media",
                "Ceasefire holds",
                "https://wire.example/a",
                D("1994-05"),
                D("2026-11-28"),
                author="A. Writer",
                language="en",
                via="Daily Reprint",
                archive_url="https://archive.example/a",
            ),
            Source(
                "ministry-page",
                "Ministry of Examples",
                "armenian",
                "government",
                "Arrivals",
                "https://gov.example/b",
                D("2023-09-30T18:00+04:00"),
                D("2026-11"),
            ),
        ),
        places=(
            Place(
                "town",
                ("Stepanakert", "Khankendi"),
                "city",
                (39.8153, 46.7519),
                native=MappingProxyType({"hy": "Ստեփանակերտ", "az": "Xankəndi"}),
                aliases=("Xankendi",),
            ),
        ),
        glossary=(Term("separatists", '"Separatists"', "A label Baku uses.", sources=("ministry-page",)),),
    )


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return opendata.export_files(make_content(), opendata.read_schemas())


def export_validator(schema_name: str) -> jsonschema.Draft202012Validator:
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in EXPORT_SCHEMAS.glob("*.schema.json")
    ]
    registry = Registry().with_resources(resources)
    schema = json.loads((EXPORT_SCHEMAS / schema_name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry)


def parse_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_every_promised_file_is_there(files):
    per_kind = {f"{kind}.json" for kind in opendata.RECORD_KINDS}
    assert per_kind | {"content.json", "figures.csv", "claims.csv", "sources.csl.json"} <= set(files)
    content_schemas = {p.name for p in opendata.SCHEMA_DIR.glob("*.schema.json")}
    assert content_schemas and {f"schemas/{name}" for name in content_schemas} <= set(files)
    assert "schemas/export/events.schema.json" in files


@pytest.mark.parametrize("kind", opendata.RECORD_KINDS)
def test_each_json_file_validates_against_its_export_schema(files, kind):
    data = json.loads(files[f"{kind}.json"])
    errors = [e.message for e in export_validator(f"{kind}.schema.json").iter_errors(data)]
    assert errors == []
    assert len(data) == len(getattr(make_content(), kind))


def test_content_json_and_bibliography_validate(files):
    content = json.loads(files["content.json"])
    assert list(export_validator("content.schema.json").iter_errors(content)) == []
    assert content["licence"]["content"] == "CC-BY-4.0"
    csl = json.loads(files["sources.csl.json"])
    assert list(export_validator("csl.schema.json").iter_errors(csl)) == []


def test_the_schemas_reject_a_wrong_record(files):
    events = json.loads(files["events.json"])
    events[0]["date"] = "12 May 1994"
    del events[1]["sources"]
    errors = list(export_validator("events.schema.json").iter_errors(events))
    assert len(errors) == 2


def test_events_are_chronological_and_dates_keep_their_precision(files):
    events = json.loads(files["events.json"])
    assert [e["id"] for e in events] == ["protests", "ceasefire"]
    assert events[0]["date"] == "1988-02" and events[0]["end"] is None
    sources = json.loads(files["sources.json"])
    assert sources[1]["published"] == "2023-09-30T18:00+04:00"


def test_places_keep_both_names(files):
    (town,) = json.loads(files["places.json"])
    assert town["name"] == "Stepanakert/Khankendi"
    assert town["names"] == {"en": ["Stepanakert", "Khankendi"], "hy": "Ստեփանակերտ", "az": "Xankəndi"}
    assert town["coordinates"] == [39.8153, 46.7519]


def test_claims_csv_has_one_row_per_claim_oldest_first(files):
    rows = parse_csv(files["claims.csv"])
    assert list(rows[0]) == list(opendata.CLAIM_COLUMNS)
    assert [r["as_of"] for r in rows] == ["2023-09-25", "2023-09-26", "2023-09-30"]
    at_least, misreport, current = rows
    assert (at_least["value_kind"], at_least["value_low"], at_least["value_high"]) == ("at-least", "6650", "")
    assert at_least["claimant_name"] == "Example Wire"
    assert (misreport["value_low"], misreport["value_high"]) == ("300000", "500000.5")
    assert misreport["correction_source_id"] == "ministry-page"
    assert current["claimant_id"] == "ministry" and current["claimant_name"] == "Ministry of Examples"
    # Newlines, commas and quotes inside a field survive the round trip.
    assert current["note"] == 'Line one,\nline two; "quoted"'
    assert current["method"] == "border crossings"


def test_figures_csv_gives_the_latest_accepted_claim(files):
    (row,) = parse_csv(files["figures.csv"])
    assert row["claims"] == "3"
    assert (row["latest_value_kind"], row["latest_value_low"], row["latest_status"]) == ("about", "120000", "current")
    assert row["latest_as_of"] == "2023-09-30"


def test_csl_items_carry_what_zotero_needs(files):
    wire, ministry = json.loads(files["sources.csl.json"])
    for item in (wire, ministry):
        assert {"id", "type", "title", "container-title", "URL", "issued", "accessed"} <= set(item)
    assert wire["type"] == "article-newspaper"  # publisher_kind: media
    assert ministry["type"] == "webpage"  # publisher_kind: government
    assert wire["issued"] == {"date-parts": [[1994, 5]]}
    assert ministry["issued"] == {"date-parts": [[2023, 9, 30]]}
    assert ministry["accessed"] == {"date-parts": [[2026, 11]]}
    assert wire["author"] == [{"literal": "A. Writer"}]
    assert wire["container-title"] == "Example Wire" and wire["language"] == "en"
    assert "Daily Reprint" in wire["note"] and "https://archive.example/a" in wire["note"]
    assert "author" not in ministry and "note" not in ministry


def test_an_unknown_claimant_is_an_error():
    content = make_content()
    figure = content.figures[0]
    bad_claim = Claim(Quantity("exact", 1, 1), D("2023"), "nobody", "wire-1994", "current")
    broken = Content(
        actors=content.actors,
        sources=content.sources,
        figures=(Figure(figure.id, figure.label, figure.unit, (bad_claim,)),),
    )
    with pytest.raises(KeyError, match="nobody"):
        opendata.claims_table(broken)


def test_output_is_deterministic_text_with_unix_newlines(files):
    again = opendata.export_files(make_content(), opendata.read_schemas())
    assert again == files
    for name, data in files.items():
        assert b"\r\n" not in data, name
        assert data.endswith(b"\n"), name
    # Keys are sorted, so the file does not depend on dict insertion order.
    first = json.loads(files["sources.json"])[0]
    assert list(first) == sorted(first)


def test_an_undated_source_exports_null_and_no_issued_date():
    from fixtures.site.model_content import make_content as make_renderer_content
    from fixtures.site.model_content import source

    content = make_renderer_content(sources=(source("src-a"), source("src-b", published=None), source("src-c")))
    files = opendata.export_files(content, opendata.read_schemas())
    sources = {s["id"]: s for s in json.loads(files["sources.json"])}
    assert sources["src-b"]["published"] is None and sources["src-a"]["published"] == "2023-09-27"
    assert list(export_validator("sources.schema.json").iter_errors(list(sources.values()))) == []
    csl = {item["id"]: item for item in json.loads(files["sources.csl.json"])}
    assert "issued" not in csl["src-b"] and csl["src-a"]["issued"] == {"date-parts": [[2023, 9, 27]]}


def test_write_open_data_writes_the_same_files(tmp_path):
    written = opendata.write_open_data(make_content(), tmp_path / "data")
    on_disk = {p.relative_to(tmp_path / "data").as_posix(): p.read_bytes() for p in written}
    assert on_disk == opendata.export_files(make_content(), opendata.read_schemas())


def test_the_real_content_exports_valid_files():
    from macros.loader import load_content_or_raise

    root = Path(__file__).resolve().parents[1]
    content = load_content_or_raise(root / "content", root / "docs")
    files = opendata.export_files(content, opendata.read_schemas())
    for schema_name, file_name in [(f"{kind}.schema.json", f"{kind}.json") for kind in opendata.RECORD_KINDS] + [
        ("content.schema.json", "content.json"),
        ("csl.schema.json", "sources.csl.json"),
    ]:
        errors = [e.message for e in export_validator(schema_name).iter_errors(json.loads(files[file_name]))]
        assert errors == [], file_name
    claims = parse_csv(files["claims.csv"])
    assert len(claims) == sum(len(figure.claims) for figure in content.figures)
    assert len(parse_csv(files["figures.csv"])) == len(content.figures)


def test_the_data_page_links_only_to_files_the_export_writes(files):
    import re

    page = (Path(__file__).resolve().parents[1] / "docs" / "data.md").read_text(encoding="utf-8")
    linked = set(re.findall(r'<a href="([^"]+)">', page))
    assert "claims.csv" in linked
    folders = {name.split("/")[0] + "/" for name in files if "/" in name}
    assert linked <= set(files) | folders
    # And every data file is described on the page.
    for name in files:
        if "/" not in name:
            assert name in linked, f"docs/data.md does not mention {name}"


def test_a_period_still_going_on_exports_a_null_end_that_validates():
    from dataclasses import replace

    from fixtures.site.model_content import make_content as make_renderer_content

    base = make_renderer_content()
    content = replace(base, eras=(*base.eras, Era("aftermath", "Aftermath", D("2024-01-01"), None, "Since then.")))
    files = opendata.export_files(content, opendata.read_schemas())
    eras = json.loads(files["eras.json"])
    assert eras[-1]["id"] == "aftermath" and eras[-1]["end"] is None and eras[-1]["start"] == "2024-01-01"
    assert list(export_validator("eras.schema.json").iter_errors(eras)) == []
    assert list(export_validator("content.schema.json").iter_errors(json.loads(files["content.json"]))) == []
