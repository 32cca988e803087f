"""Property tests: generated valid content always loads; mutations of it give diagnostics, never exceptions."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import fastjsonschema
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import schema_check
from macros.dates import parse_date
from macros.loader import CONTENT_FILES, load_content

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
DIAGNOSTIC_LINE = re.compile(
    r"^content/(eras|events|actors|figures|sources|places|glossary)\.yaml:[1-9]\d*:[1-9]\d*: (error|warning): \S"
)

_slug_parts = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)
slugs = st.lists(_slug_parts, min_size=1, max_size=3).map("-".join)
# Printable text of every script; no control, format (bidi) or line-separator characters.
# Nothing a browser reads as a tag ('<' before a letter, '/', '!' or '?'): plain text refuses it.
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), min_size=1, max_size=40).filter(
    lambda t: re.search(r"<[A-Za-z/!?]", t) is None
)
markdown = texts.filter(lambda t: "{" not in t and "<" not in t)
numbers = st.integers(min_value=0, max_value=10**7) | st.floats(min_value=0, max_value=1e7, allow_nan=False)
values = numbers | st.builds(
    lambda k, n: {k: n}, st.sampled_from(["about", "at_least", "more_than", "at_most"]), numbers
)


@st.composite
def dates(draw, low: int = 1988, high: int = 2024):
    year = draw(st.integers(low, high))
    precision = draw(st.integers(0, 3))
    if precision == 0:
        return draw(st.sampled_from([year, str(year)]))
    text = f"{year}-{draw(st.integers(1, 12)):02d}"
    if precision >= 2:
        text += f"-{draw(st.integers(1, 28)):02d}"
    if precision == 3:
        text += f"T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}+04:00"
    return text


@st.composite
def contents(draw) -> dict[str, list[dict]]:
    sizes = {name: draw(st.integers(1, 3)) for name in CONTENT_FILES}
    ids = draw(st.lists(slugs, min_size=sum(sizes.values()), max_size=sum(sizes.values()), unique=True))
    pools: dict[str, list[str]] = {}
    for name in CONTENT_FILES:
        pools[name], ids = ids[: sizes[name]], ids[sizes[name] :]

    def pick(name: str, most: int = 2) -> list[str]:
        return draw(st.lists(st.sampled_from(pools[name]), max_size=most, unique=True))

    sources_cited = list(pools["sources"])
    # Periods one after another, each starting the year the one before it ends; the last may be going on.
    years = sorted(
        draw(
            st.lists(
                st.integers(1988, 2024), min_size=len(pools["eras"]) + 1, max_size=len(pools["eras"]) + 1, unique=True
            )
        )
    )
    eras = [
        {"id": i, "title": draw(texts), "start": years[n], "end": years[n + 1], "summary": draw(markdown)}
        for n, i in enumerate(pools["eras"])
    ]
    if draw(st.booleans()):
        del eras[-1]["end"]
    files: dict[str, list[dict]] = {
        "eras": eras,
        "events": [],
        "actors": [],
        "figures": [],
        "sources": [],
        "places": [],
        "glossary": [],
    }
    for n, event_id in enumerate(pools["events"]):
        era = draw(st.sampled_from(eras))
        date = draw(dates(era["start"], era.get("end", 2024)))  # within its period
        event = {
            "id": event_id,
            "date": date,
            "title": draw(texts),
            "summary": draw(markdown),
            "era": era["id"],
            "sources": [sources_cited[n % len(sources_cited)]],
        }
        if n == 0:
            event["sources"] = sources_cited  # every source is cited somewhere
        if draw(st.booleans()):
            event["end"] = draw(dates(int(str(date)[:4]) + 1, 2025))
        for field in ("actors", "places", "figures"):
            chosen = pick(field)
            if chosen:
                event[field] = chosen
        files["events"].append(event)
    for actor_id in pools["actors"]:
        actor = {
            "id": actor_id,
            "name": draw(texts),
            "kind": draw(st.sampled_from(["person", "state", "ngo", "media"])),
            "side": draw(st.sampled_from(["armenia", "azerbaijan", "nagorno-karabakh", "others"])),
        }
        if draw(st.booleans()):
            actor["roles"] = [
                {
                    "title": draw(texts),
                    "of": draw(st.sampled_from(pools["actors"])),
                    "start": draw(dates(1990, 2000)),
                    "end": draw(dates(2001, 2024)),
                }
            ]
        files["actors"].append(actor)
    for figure_id in pools["figures"]:
        claims = [
            {
                "value": draw(values),
                "as_of": draw(dates()),
                "claimed_by": draw(st.sampled_from(pools["actors"])),
                "source": draw(st.sampled_from(pools["sources"])),
                "status": status,
            }
            for status in ["current", *draw(st.lists(st.sampled_from(["superseded", "disputed"]), max_size=2))]
        ]
        files["figures"].append({"id": figure_id, "label": draw(texts), "unit": "people", "claims": claims})
    for source_id in pools["sources"]:
        files["sources"].append(
            {
                "id": source_id,
                "publisher": draw(texts),
                "origin": "international",
                "publisher_kind": "media",
                "title": draw(texts),
                "url": f"https://example.org/{source_id}",
                "published": draw(dates()),
                "accessed": "2026-11-28",
            }
        )
    for place_id in pools["places"]:
        files["places"].append(
            {
                "id": place_id,
                "names": {"en": draw(st.lists(texts, min_size=1, max_size=2, unique=True))},
                "kind": "city",
                "coordinates": [draw(st.floats(-90, 90)), draw(st.floats(-180, 180))],
            }
        )
    for term_id in pools["glossary"]:
        files["glossary"].append({"id": term_id, "term": draw(texts), "definition": draw(markdown)})
    # In the order `make check` requires: events by date, the others (but figures, which have no era) by id.
    files["events"].sort(key=lambda event: parse_date(event["date"]).sort_key)
    for name in ("actors", "sources", "places", "glossary"):
        files[name].sort(key=lambda record: record["id"])
    return files


def write(directory: Path, files: dict[str, list[dict]]) -> None:
    content = directory / "content"
    shutil.rmtree(content, ignore_errors=True)
    content.mkdir(parents=True)
    for name, records in files.items():
        (content / f"{name}.yaml").write_text(
            yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def load(directory: Path):
    result = load_content(directory / "content")
    for diagnostic in result.diagnostics:
        assert DIAGNOSTIC_LINE.match(str(diagnostic)), str(diagnostic)
    return result


def in_scratch(test):
    """Run in a fresh directory that is also the current directory, so paths print as content/…"""

    def wrapper(*args, **kwargs):
        import os

        here = os.getcwd()
        with tempfile.TemporaryDirectory() as scratch:
            os.chdir(scratch)
            try:
                return test(Path(scratch), *args, **kwargs)
            finally:
                os.chdir(here)

    wrapper.__name__ = test.__name__
    return wrapper


@SETTINGS
@given(contents())
def test_generated_valid_content_always_loads(files):
    @in_scratch
    def run(directory):
        write(directory, files)
        result = load(directory)
        assert result.errors == (), "\n".join(map(str, result.errors))
        assert result.content is not None
        assert [e.id for e in result.content.events] == [e["id"] for e in files["events"]]
        assert sum(len(f.claims) for f in result.content.figures) == sum(len(f["claims"]) for f in files["figures"])

    run()


def _required_fields(name: str) -> list[str]:
    from macros.kinds import load_schema, noun

    return load_schema(name)["$defs"][noun(name)]["required"]


@st.composite
def broken_contents(draw):
    """Valid content with one change that must be an error, and the words its message must contain."""
    files = draw(contents())
    name = draw(st.sampled_from(CONTENT_FILES))
    record = draw(st.sampled_from(files[name]))
    mutation = draw(st.sampled_from(["delete", "retype", "reference", "date", "duplicate-id"]))
    if mutation == "delete":
        field = draw(st.sampled_from(_required_fields(name)))
        del record[field]
        expected = (
            f"missing required field '{field}'"
            if not (name == "events" and field == "sources")
            else "needs at least one source"
        )
    elif mutation == "retype":
        field = draw(st.sampled_from([f for f in _required_fields(name) if f != "id"]))
        record[field] = draw(st.sampled_from([True, None, [[1]], {"x": 1}]))
        # Reported against the mutated record, whether about the field itself or about what is
        # inside it (a list of claims whose items are not mappings, names without 'en'…).
        expected = f"'{record['id']}'"
    elif mutation == "reference" and name == "events":
        record["era"] = record["era"] + "-missing"
        expected = "unknown era"
    elif mutation == "date" and name in ("events", "eras", "sources"):
        field = {"events": "date", "eras": "start", "sources": "published"}[name]
        record[field] = draw(st.sampled_from(["2023-02-30", "2023-13", "yesterday", "31.12.2023"]))
        expected = f"'{field}'"
    else:
        other = draw(st.sampled_from([n for n in CONTENT_FILES if n != name]))
        record["id"] = files[other][0]["id"]
        expected = "duplicate id"
    return files, expected


@SETTINGS
@given(broken_contents())
def test_structural_mutations_are_reported_not_raised(case):
    files, expected = case

    @in_scratch
    def run(directory):
        write(directory, files)
        result = load(directory)
        assert result.content is None
        assert any(expected in d.message for d in result.errors), (expected, [str(d) for d in result.errors])

    run()
    for name, records in files.items():  # the fast path and the explaining validator agree
        assert _fast_path_accepts(name, records) == (not list(schema_check._full_validator(name).iter_errors(records)))


def _fast_path_accepts(name: str, records: list[dict]) -> bool:
    try:
        schema_check._fast_validator(name)(records)
        return True
    except fastjsonschema.JsonSchemaValueException:
        return False


@SETTINGS
@given(
    contents(),
    st.sampled_from(CONTENT_FILES),
    st.sampled_from(["tab", "duplicate-key", "truncate", "garbage", "delete-line"]),
    st.integers(0, 10**6),
    st.binary(min_size=1, max_size=8),
)
def test_text_mutations_never_raise(files, name, mutation, position, garbage):
    @in_scratch
    def run(directory):
        write(directory, files)
        path = directory / "content" / f"{name}.yaml"
        raw = path.read_bytes()
        lines = raw.splitlines(keepends=True)
        line = position % len(lines)
        must_fail = False
        if mutation == "tab":
            # A tab is legal inside a quoted scalar that wraps onto this line; indenting a field is not.
            must_fail = re.match(rb"^ *(- )?[a-z_]+:", lines[line]) is not None
            lines[line] = b"\t" + lines[line].lstrip(b" ")
        elif mutation == "duplicate-key":
            keyed = [i for i, text in enumerate(lines) if re.match(rb"^ *(- )?[a-z_]+: ", text)]
            i = keyed[position % len(keyed)]
            lines.insert(i + 1, re.sub(rb"^( *)- ", rb"\1  ", lines[i]))
            must_fail = True
        elif mutation == "truncate":
            raw = raw[: position % len(raw)]
        elif mutation == "garbage":
            cut = position % (len(raw) + 1)
            raw = raw[:cut] + garbage + raw[cut:]
        else:
            del lines[line]
        if mutation in ("tab", "duplicate-key", "delete-line"):
            raw = b"".join(lines)
        path.write_bytes(raw)
        result = load(directory)
        if must_fail:
            assert result.content is None and result.errors

    run()
